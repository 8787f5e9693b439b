"""Issue 16 item 8: every number read from a data file or a user routine has a bound, so a
typo (``reps = 1000000``) is a clear error at once instead of a frozen workbook."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas_lib import CatalogError, load_catalog
from psoas_lib.content.exercise import (
    MAX_DURATION_S,
    MAX_HOLD_S,
    MAX_REP_S,
    MAX_REPS,
    MAX_SETS,
    MAX_TOTAL,
)
from psoas_lib.content.routine import MAX_PAUSE_S, MAX_ROUTINE_S


def _user_routine(home: Path, body: str) -> Path:
    folder = home / "routines"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.toml"
    path.write_text(
        '[[routine]]\nid = "mine"\nname = "Mine"\n' + textwrap.dedent(body), encoding="utf-8"
    )
    return path


def test_the_bounds_are_the_coaching_limits():
    # issue 14: a hold of at most 120 s, at most 30 repetitions a side, a routine of an hour
    assert (MAX_HOLD_S, MAX_REPS, MAX_ROUTINE_S) == (120, 30, 3600)
    assert MAX_TOTAL == 2 * MAX_REPS  # alternating: both sides together


# One field over its bound each; the item's other fields keep the exercise's own dose.
OVER = [
    ("kneeling-hip-flexor-stretch", "reps", 1_000_000, "reps"),
    ("kneeling-hip-flexor-stretch", "sets", 1_000_000, "sets"),
    ("kneeling-hip-flexor-stretch", "hold_s", MAX_HOLD_S + 1, "hold_s"),
    ("kneeling-hip-flexor-stretch", "hold_s", [30, 10**9], "hold_s"),
    ("kneeling-hip-flexor-stretch", "reps", MAX_REPS + 1, "reps"),
    ("kneeling-hip-flexor-stretch", "sets", MAX_SETS + 1, "sets"),
    ("psoas-march", "total", MAX_TOTAL + 1, "total"),
    ("psoas-march", "rep_s", MAX_REP_S + 1, "rep_s"),
    ("leg-swings", "duration_s", MAX_DURATION_S + 1, "duration_s"),
]


@pytest.mark.parametrize(("exercise", "field", "value", "named"), OVER)
def test_a_dose_over_its_bound_is_a_clear_error(psoas_home, exercise, field, value, named):
    shown = repr(value).replace("'", '"')
    path = _user_routine(psoas_home, f'items = [{{ exercise = "{exercise}", {field} = {shown} }}]')
    with pytest.raises(CatalogError) as caught:
        load_catalog()
    message = str(caught.value)
    assert str(path) in message and f"field 'items[1].{named}'" in message
    assert "at most" in message


@pytest.mark.parametrize("pause", ["get_ready_s", "rest_s", "switch_s", "release_s"])
def test_a_pause_over_its_bound_is_a_clear_error(psoas_home, pause):
    _user_routine(
        psoas_home, f'{pause} = {MAX_PAUSE_S + 1}\nitems = [{{ exercise = "knee-to-chest" }}]\n'
    )
    with pytest.raises(CatalogError, match=rf"{pause}.*at most {MAX_PAUSE_S}"):
        load_catalog()


def test_a_routine_longer_than_an_hour_is_a_clear_error(psoas_home):
    # 20 kneeling stretches of 120 s x 3 holds a side: 20 x 720 s of holds alone = 4 hours
    item = '{ exercise = "kneeling-hip-flexor-stretch", hold_s = 120, reps = 3 }'
    _user_routine(psoas_home, "items = [" + ", ".join([item] * 20) + "]\n")
    with pytest.raises(CatalogError, match=r"longer than 60 minutes"):
        load_catalog()


_LIST = textwrap.dedent("""
    import sys
    from psoas_lib import CatalogError, load_catalog
    try:
        load_catalog()
    except CatalogError as exc:
        print("refused:", exc)
""")


@pytest.mark.slow
@pytest.mark.parametrize("field", ["reps", "sets"])
def test_a_typo_in_a_dose_does_not_freeze_loading(psoas_home, field):
    # today sets = 1000000 never finishes and reps = 1000000 takes 17 s in psoas list:
    # a separate process with a deadline, so a freeze fails the test instead of hanging it
    _user_routine(
        psoas_home, f'items = [{{ exercise = "kneeling-hip-flexor-stretch", {field} = 1000000 }}]'
    )
    done = subprocess.run(
        [sys.executable, "-c", _LIST],
        capture_output=True,
        text=True,
        timeout=20,
        env={**os.environ, "PSOAS_HOME": str(psoas_home)},
    )
    assert done.stdout.startswith("refused:") and field in done.stdout, done.stderr


def test_workbook_default_holding_tables_is_a_catalog_error(psoas_home):
    _user_routine(
        psoas_home,
        'items = [{ exercise = "knee-to-chest", workbook_default = [{ a = 1 }] }]\n',
    )
    with pytest.raises(CatalogError, match="workbook_default"):
        load_catalog()


# Item 10: whatever a user routine file holds, loading raises only the workbook's own error.
_scalar = (
    st.integers(min_value=-(10**12), max_value=10**12)
    | st.booleans()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
    | st.sampled_from(["knee-to-chest", "psoas-march", "leg-swings", "hold_s", "reps"])
)
_value = st.recursive(
    _scalar,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["exercise", "hold_s", "reps", "sets", "total", "workbook_default", "x"]
            ),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)
_item = st.fixed_dictionaries(
    {"exercise": st.sampled_from(["knee-to-chest", "psoas-march", "leg-swings"])},
    optional={
        **{name: st.integers(1, 40) | _value for name in ("hold_s", "reps", "sets", "total")},
        "workbook_default": st.lists(_value, max_size=3),
    },
)
_routine = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=6) | _value, "items": st.lists(_item, max_size=3)},
    optional={
        "name": _value,
        "description": _value,
        "rest_s": _value,
        "switch_s": _value,
        "extra": _value,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(routines=st.lists(_routine, max_size=2))
def test_any_user_routine_file_raises_only_catalog_errors(tmp_path_factory, routines):
    home = tmp_path_factory.mktemp("home")
    (home / "routines").mkdir()
    (home / "routines" / "mine.toml").write_text(tomli_w.dumps({"routine": routines}))
    with contextlib.suppress(CatalogError):  # anything else (TypeError, ...) fails the test
        load_catalog(home=home)
