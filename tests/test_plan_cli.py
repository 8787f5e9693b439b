"""``psoas plan export --ics FILE`` and ``psoas plan show``, run as real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, time
from pathlib import Path

import icalendar
import pytest

from psoas_lib import load_catalog
from psoas_lib.plan.weekly import make_plan, save_plan

pytestmark = pytest.mark.slow  # every test runs the psoas command as a process of its own

# The installed ``psoas`` script (the project's entry point), else ``python -m psoas_lib``.
_SCRIPT = Path(sys.executable).with_name("psoas")
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "psoas_lib"]


def psoas_plan(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PSOAS_HOME": str(home)}
    return subprocess.run(
        [*COMMAND, "plan", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=Path(__file__).resolve().parent.parent,
    )


def events(path: Path) -> list[tuple[str, datetime, list[str]]]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return [(str(e["SUMMARY"]), e["DTSTART"].dt, e["RRULE"]["BYDAY"]) for e in cal.walk("VEVENT")]


def test_export_writes_the_default_plan_when_none_is_set(psoas_home, tmp_path):
    target = tmp_path / "week.ics"
    done = psoas_plan(psoas_home, "export", "--ics", str(target), "--start", "2026-03-04")
    assert done.returncode == 0, done.stderr
    assert f"Wrote the default plan to {target}: Monday 18:30 Desk reset" in done.stdout
    got = [(s, d.date(), d.time(), by) for s, d, by in events(target)]
    assert got == [
        ("Psoas Coach: Desk reset", datetime(2026, 3, 9).date(), time(18, 30), ["MO"]),
        ("Psoas Coach: Strength builder", datetime(2026, 3, 4).date(), time(18, 30), ["WE"]),
        ("Psoas Coach: Desk reset", datetime(2026, 3, 6).date(), time(18, 30), ["FR"]),
    ]
    assert not (psoas_home / "plan.toml").exists()  # exporting saves no plan


def test_export_uses_the_saved_plan_and_the_default_place(psoas_home):
    catalog = load_catalog()
    save_plan(
        make_plan(
            catalog,
            [
                ("tue", "07:00", "yoga-pilates-flow"),
                ("thu", "07:00", "strength-builder"),
                ("sat", "09:15", "desk-reset"),
            ],
        ),
        psoas_home,
    )
    done = psoas_plan(psoas_home, "export")
    assert done.returncode == 0, done.stderr
    target = psoas_home / "exports" / "psoas-plan.ics"
    assert f"Wrote your plan to {target}" in done.stdout
    assert [(s, d.time(), by) for s, d, by in events(target)] == [
        ("Psoas Coach: Yoga & Pilates flow", time(7, 0), ["TU"]),
        ("Psoas Coach: Strength builder", time(7, 0), ["TH"]),
        ("Psoas Coach: Desk reset", time(9, 15), ["SA"]),
    ]


def test_export_refuses_to_overwrite_without_force(psoas_home, tmp_path):
    target = tmp_path / "mine.ics"
    target.write_text("keep me", encoding="utf-8")
    refused = psoas_plan(psoas_home, "export", "--ics", str(target))
    assert refused.returncode == 1
    assert refused.stderr.startswith(f"psoas plan: {target} exists already.")
    assert target.read_text(encoding="utf-8") == "keep me"
    forced = psoas_plan(psoas_home, "export", "--ics", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (tmp_path / "mine.ics.bak").read_text(encoding="utf-8") == "keep me"
    assert len(events(target)) == 3


def test_a_broken_plan_file_is_reported_in_one_line(psoas_home, tmp_path):
    (psoas_home / "plan.toml").write_text('[[day]]\nweekday = "someday"\n', encoding="utf-8")
    done = psoas_plan(psoas_home, "export", "--ics", str(tmp_path / "x.ics"))
    assert done.returncode == 1
    assert done.stderr == (
        f"psoas plan: {psoas_home / 'plan.toml'}, line 2, entry '#1', "
        "field 'weekday': unknown weekday 'someday'. Use one of: mon, tue, "
        "wed, thu, fri, sat, sun\n"
    )
    assert not (tmp_path / "x.ics").exists()


@pytest.mark.parametrize("args", [["show"], []])
def test_show_prints_the_plan(psoas_home, args):
    done = psoas_plan(psoas_home, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:4] == [
        "Your weekly plan (the default one):",
        "  Monday    18:30  Desk reset",
        "  Wednesday 18:30  Strength builder",
        "  Friday    18:30  Desk reset",
    ]


def test_the_plan_commands_also_run_on_their_own(psoas_home, tmp_path):
    env = {**os.environ, "PSOAS_HOME": str(psoas_home)}
    done = subprocess.run(
        [sys.executable, "-m", "psoas_lib.cli.plan", "export", "--ics", str(tmp_path / "w.ics")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(events(tmp_path / "w.ics")) == 3
