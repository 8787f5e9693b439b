"""Coaching cues as data (exercises.toml) and their timing in the cue system (fake clock)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from psoas_lib import CatalogError, load_catalog
from psoas_lib.coaching.cues import (
    FORM_CUE_AFTER_S,
    breath_phase,
    due_form_cue,
    form_cue_script,
    form_cue_texts,
    shows_pacer,
)
from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.exercise import WORKS
from psoas_lib.content.routine import Segment
from psoas_lib.paths import DATA_DIR

CATALOG = load_catalog()


# ---- the data -----------------------------------------------------------------------------


def test_every_exercise_has_its_coaching():
    for exercise in CATALOG.exercises.values():
        c = exercise.coaching
        assert c.works in WORKS, exercise.id
        assert c.feel and 2 <= len(c.form_cues) <= 3 and 1 <= len(c.mistakes) <= 4, exercise.id


@pytest.mark.parametrize(
    ("exercise_id", "needle"),
    [  # the physiotherapist's cues issue 14 names
        ("kneeling-hip-flexor-stretch", "Tuck your pelvis"),
        ("kneeling-hip-flexor-stretch", "Do not arch your lower back"),
        ("lying-psoas-stretch", "Keep your lower back flat"),
        ("single-leg-raise", "Keep the knee straight"),
        ("psoas-march", "Keep the knee at 90°"),
    ],
)
def test_the_physio_cues_are_there(exercise_id, needle):
    assert any(needle in cue for cue in CATALOG.exercises[exercise_id].coaching.form_cues)


@pytest.mark.parametrize(
    ("exercise_id", "works"),
    [
        ("ground-bridge", "both"),  # glutes and core work, the hips open at the top
        ("standing-pelvic-tilt", "both"),  # core work that counters an arched back
        ("kneeling-hip-flexor-stretch", "stretching"),
        ("single-leg-raise", "strengthening"),
        ("roll-up", "strengthening"),
        ("low-lunge", "stretching"),
        ("leg-swings", "neither"),
    ],
)
def test_what_each_exercise_works_on(exercise_id, works):
    assert CATALOG.exercises[exercise_id].coaching.works == works


def test_content_corrections():
    kneeling = CATALOG.exercises["kneeling-hip-flexor-stretch"].steps
    assert "the kneeling hip straight" in kneeling[0] and "both hips" not in kneeling[0]
    # step 2 in our own words (the article: "shift your weight forward, pushing your hips
    # gently ahead until you feel a stretch through the front of the hip and thigh")
    assert "hips gently forwards until you feel a stretch" not in kneeling[1]
    assert "Tuck your pelvis" in kneeling[1]
    lunge = CATALOG.exercises["low-lunge"]
    assert not any("toes" in c for c in lunge.cautions) and lunge.cautions


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    return folder


MARCH_CUES = (
    'form_cues = [\n  "Keep the knee at 90° as the leg lowers.",\n'
    '  "Lower back gently pressed into the floor.",\n'
    '  "Breathe out as the leg goes down.",\n]'
)
MARCH_FEEL = (
    'feel = "The deep stomach muscles working to keep the back still, and the front of the '
    'hip controlling the leg."'
)


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        (MARCH_CUES, 'form_cues = ["Knee at 90°."]', "form_cues", "'form_cues' has 1 items"),
        (
            MARCH_CUES,
            'form_cues = ["a", "b", "c", "d"]',
            "form_cues",
            "'form_cues' has 4 items. Give 2 to 3",
        ),
        (MARCH_CUES, 'form_cues = ["Knee at 90°.", " "]', "form_cues", "non-empty text"),
        (MARCH_CUES, 'form_cues = ["Knee at 90°.", 3]', "form_cues", "non-empty text"),
        (
            MARCH_CUES,
            'form_cues = ["Knee at 90°.", "' + "x" * 61 + '"]',
            "form_cues",
            "item 2 of 'form_cues' is 61 characters long. Keep each cue to 60",
        ),
        (MARCH_CUES, 'form_cues = "Knee at 90°."', "form_cues", "should be a list"),
        (MARCH_FEEL, 'feel = ""', "feel", "'feel' is empty"),
        (MARCH_FEEL, "feel = 3", "feel", "'feel' should be text"),
        (MARCH_FEEL, 'feel = "' + "y" * 161 + '"', "feel", "161 characters long"),
        (
            'works = "strengthening"\nfeel = "The deep',
            'works = "strong"\nfeel = "The deep',
            "works",
            "unknown works 'strong'",
        ),
        (
            'mistakes = [\n  "Letting the knee open',
            'mistakes = []\nold = [\n  "Letting the knee open',
            "mistakes",
            "'mistakes' has 0 items",
        ),
    ],
)
def test_bad_coaching_fields_name_file_line_and_field(tmp_path, old, new, field, problem):
    folder = _copy(tmp_path)
    path = folder / "exercises.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index('id = "psoas-march"')
    assert old in text[start:], "test set-up"
    at = text.index(old, start)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    message = str(caught.value)
    line = next(
        n
        for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if n > text[:start].count("\n") and row.startswith(field + " =")
    )
    assert message.startswith(f"{path}, line {line}, entry 'psoas-march', field '{field}'")
    assert problem in message


def test_an_exercise_without_coaching_loads_and_counts_as_its_category(tmp_path):
    # position is a required field (it is what a 20 s position-change rest is worked out
    # from); a figure four is done lying down, so "floor".
    folder = _copy(tmp_path)
    with (folder / "exercises.toml").open("a", encoding="utf-8") as f:
        f.write(
            '\n[[exercise]]\nid = "figure-four"\nname = "Figure four"\ncategory = "yoga"\n'
            'style = "hold"\nsides = "each"\nposition = "floor"\ntargets = ["hips"]\n'
            'steps = ["Lie down."]\n'
            "[exercise.dose]\nhold_s = 20\nreps = 1\n"
        )
    exercise = load_catalog(folder).exercises["figure-four"]
    assert exercise.coaching.works is None and exercise.coaching.form_cues == ()


# ---- the timing ---------------------------------------------------------------------------

# get ready 10 s, then holds of 30 s (left, right, left), a switch of 5 s between, and a
# set of 80 s of another exercise: the holds start at 10, 45 and 80 s, the set at 110 s
# (10 + 30 + 5 + 30 + 5 + 30).
TIMELINE = [
    Segment("get-ready", 10, "a"),
    Segment("hold", 30, "a", "left"),
    Segment("switch", 5, "a"),
    Segment("hold", 30, "a", "right"),
    Segment("switch", 5, "a"),
    Segment("hold", 30, "a", "left", round=2),
    Segment("set", 80, "b", count=20),
]
CUES = {"a": ["Tuck", "Flat back"], "b": ["Knee at 90°"]}


def test_form_cues_are_taken_in_turn_one_per_hold_or_set():
    assert form_cue_texts(TIMELINE, CUES) == {
        1: "Tuck",
        3: "Flat back",
        5: "Tuck",
        6: "Knee at 90°",
    }


def test_spoken_form_cues_come_four_seconds_into_each_hold_and_set():
    # starts 10, 45, 80 and 110 s, plus 4 s
    script = form_cue_script(TIMELINE, CUES)
    assert [(c.at, c.text, c.kind, c.index) for c in script] == [
        (14, "Tuck", "form", 1),
        (49, "Flat back", "form", 3),
        (84, "Tuck", "form", 5),
        (114, "Knee at 90°", "form", 6),
    ]
    assert FORM_CUE_AFTER_S == 4


@pytest.mark.parametrize(
    ("segment", "spoken"),
    [
        (Segment("hold", 9, "a"), False),  # start phrase, cue and 3-2-1 do not fit
        (Segment("hold", 10, "a"), True),
        (Segment("set", 10, "a", count=2), True),
        (Segment("move", 60, "a"), False),  # dynamic moves: no form cue
        (Segment("rest", 15, "a"), False),
    ],
)
def test_which_segments_say_a_form_cue(segment, spoken):
    assert bool(form_cue_script([segment], {"a": ["Tuck"]})) is spoken


class Clock:
    def __init__(self) -> None:
        self.t = 0.0

    def __call__(self) -> float:
        return self.t


def said(moves: list[tuple[float | str, ...]]) -> list[str]:
    """Run TIMELINE on a fake clock: each move is a time to go to, or a timer action."""
    clock = Clock()
    timer = RoutineTimer(TIMELINE, clock=clock)
    script = form_cue_script(TIMELINE, CUES)
    timer.start()
    before = timer.state()
    out: list[str] = []
    for move in moves:
        if isinstance(move, str):
            getattr(timer, move)()
        else:
            clock.t = move
        after = timer.state()
        cue = due_form_cue(script, before, after)
        if cue is not None:
            out.append(cue.text)
        before = after
    return out


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        # ticks each second through the first hold: the cue once, at 14 s
        ([float(t) for t in range(1, 40)], ["Tuck"]),
        # one late tick from 12 s to 30 s still gives the cue it crossed
        ([12.0, 30.0], ["Tuck"]),
        # paused at 12 s, 10 s of wall time pass, resumed: the cue at 14 s of running time
        ([12.0, "pause", 22.0, "resume", 23.0, 24.5], ["Tuck"]),
        # a jump from the first hold into the next segment gives nothing for either
        ([12.0, 41.0], []),
        # skip from the get-ready into the first hold at 2 s: its cue 4 s later (6 s)
        ([2.0, "skip", 5.0, 6.5], ["Tuck"]),
        # through all three holds and into the set
        ([float(t) for t in range(1, 121)], ["Tuck", "Flat back", "Tuck", "Knee at 90°"]),
    ],
)
def test_due_form_cue_with_a_fake_clock(moves, expected):
    assert said(moves) == expected


def test_breath_pacer_rule():
    assert [breath_phase(t) for t in (0, 2.5, 4.99, 5, 7, 10, 15.2)] == [
        "in",
        "in",
        "in",
        "out",
        "out",
        "in",
        "out",
    ]
    assert shows_pacer(Segment("hold", 30, "a"))
    assert not any(shows_pacer(Segment(k, 30, "a")) for k in ("set", "move", "rest", "switch"))
