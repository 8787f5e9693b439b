"""The terminal runner: real subprocesses (a fast clock, real Ctrl-C) and in-process runs.

Routine lengths worked out by hand: the warm-up is 10 s get ready + 180 s marching +
15 s rest + leg swings 2 sets of 30 s a side with 5 s switches (30+5+30+5+30+5+30 = 135)
= 340 s; desk reset 795 s (see test_routine).

At the levels of an empty journal (the lowest: start easy), worked out from
tests/test_routine.py's totals: desk reset 795 - (warrior I 2 × 10 + kneeling 6 × 10 +
low lunge 2 × 10) = 695 s (11:35); full programme 1753 - (single-leg raise 2 × 10 × 10 = 200,
march 10 × 5 = 50, knee-to-chest 10 × 5 = 50, kneeling 60, low lunge 20, warrior I 20,
lying 2 × 10 = 20) = 1333 s (22:13); post-workout release 500 - (50 + 60 + 20 + 20) = 350 s.
"""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from psoas_lib import Journal, load_catalog, make_routine, save_routine
from psoas_lib.cli.commands import COMMANDS, subcommand
from psoas_lib.cli.console import Console
from psoas_lib.cli.main import build_parser, main, run_routine

REPO = Path(__file__).resolve().parents[1]


class Proc:
    """``python -m psoas_lib ...`` with its output collected as it comes."""

    def __init__(self, *args: str, home: Path, speed: float | None = None) -> None:
        env = {**os.environ, "PSOAS_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        if speed is not None:
            env["PSOAS_SPEED"] = str(speed)
        self.p = subprocess.Popen(
            [sys.executable, "-m", "psoas_lib", *args],
            cwd=REPO,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.out = ""
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while chunk := self.p.stdout.read(1):
            self.out += chunk

    def wait_for(self, text: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.out:
            assert time.monotonic() < deadline, f"no {text!r} in:\n{self.out}"
            assert self.p.poll() is None or text in self.out, self.p.stderr.read()
            time.sleep(0.02)

    def send(self, line: str) -> None:
        self.p.stdin.write(line + "\n")
        self.p.stdin.flush()

    def finish(self, answers: str = "", timeout: float = 60) -> int:
        self.p.stdin.write(answers)
        self.p.stdin.close()
        code = self.p.wait(timeout)
        self._reader.join(5)
        self.p.stdout.close()
        self.p.stderr.close()
        return code


def sessions(home: Path):
    return Journal(home).sessions()


STRETCHES = ["kneeling-hip-flexor-stretch", "lying-psoas-stretch", "standing-pelvic-tilt"]


def save_stretches(home: Path) -> None:
    """The test's own routine: the kneeling stretch first, so a hold comes at 10 s."""
    save_routine(make_routine(load_catalog(user=False), "Stretches", STRETCHES), home=home)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("flag", "desk", "full"),
    [(None, "11:35", "22:13"), ("--full-dose", "13:15", "29:13")],
)
def test_list_shows_the_lengths_at_your_levels_and_the_positions(psoas_home, flag, desk, full):
    proc = Proc("list", *([flag] if flag else []), home=psoas_home)
    assert proc.finish() == 0
    lines = proc.out.splitlines()
    assert ["desk-reset", desk, "Desk", "reset", "[standing,", "kneeling]"] in [
        line.split() for line in lines
    ]
    assert any(line.split()[:2] == ["full-programme", full] for line in lines)
    assert len(lines) == len(load_catalog().routines) + 2  # a blank line, what the lengths are
    assert ("at your levels" in lines[-1]) == (flag is None)


@pytest.mark.slow
def test_run_a_whole_routine_and_log_it(psoas_home):
    proc = Proc("run", "pre-activity-warm-up", home=psoas_home, speed=200)  # 340 s in 1.7 s
    proc.wait_for("Tightness before")
    assert proc.finish("6\n4\nloose hips\n") == 0
    # at 200x a tick can land a second or more of routine time late on a busy machine: the
    # line carries the time it was printed at, 0:10 or just after
    assert re.search(r"^\[0:1\d\] Marching in place", proc.out, re.M), proc.out
    assert "Saved in your journal." in proc.out
    row = sessions(psoas_home).iloc[0]
    assert (row.routine_id, row.planned_s, row.completed_s) == ("pre-activity-warm-up", 340, 340)
    assert row.exercises_done == "marching-in-place;leg-swings"
    assert (row.tightness_before, row.tightness_after) == (6, 4)
    assert (bool(row.pain_stop), row.notes) == (False, "loose hips")


@pytest.mark.slow
@pytest.mark.parametrize(("answer", "pain"), [("s", False), ("p", True), (None, False)])
def test_ctrl_c_pauses_then_stops(psoas_home, answer, pain):
    save_stretches(psoas_home)
    # 10 s of routine: 0.5 s; the kneeling stretch at its lowest level, 20 s a hold
    proc = Proc("run", "stretches", "--warmed-up", home=psoas_home, speed=20)
    proc.wait_for("left leg. Hold 20 seconds")
    proc.p.send_signal(signal.SIGINT)
    proc.wait_for("Paused.")
    proc.send("r")  # resume
    proc.wait_for("right leg. Hold 20 seconds")
    proc.p.send_signal(signal.SIGINT)
    proc.wait_for("Paused.", timeout=10)
    time.sleep(0.5)  # paused: must not count
    if answer is None:
        proc.p.send_signal(signal.SIGINT)  # a second Ctrl-C stops
    else:
        proc.send(answer)
    proc.wait_for("Stopped")
    assert proc.finish("\n\n\n") == 0
    row = sessions(psoas_home).iloc[0]
    assert 35 <= row.completed_s < 55  # stopped in the right hold (35–55)
    assert row.exercises_done == "kneeling-hip-flexor-stretch"
    assert bool(row.pain_stop) == pain
    assert row.tightness_before is pd.NA and row.tightness_after is pd.NA  # skipped
    assert ("sharp or radiating pain" in proc.out) == pain


def test_unknown_routine(psoas_home):
    err = io.StringIO()
    code = main(["run", "no-such"], Console(stdin=io.StringIO(), stdout=io.StringIO(), stderr=err))
    assert code == 2 and "no routine 'no-such'" in err.getvalue()
    assert "desk-reset" in err.getvalue()


class FakeTime:
    """A clock and a sleep that moves it; a KeyboardInterrupt at chosen clock times."""

    def __init__(self, interrupts: tuple[float, ...] = ()) -> None:
        self.t = 0.0
        self.interrupts = list(interrupts)

    def clock(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += 1.0  # one routine second a tick
        if self.interrupts and self.t >= self.interrupts[0]:
            self.interrupts.pop(0)
            raise KeyboardInterrupt


def run_in_process(routine_id: str, answers: str, fake: FakeTime, **kw):
    out, err = io.StringIO(), io.StringIO()
    console = Console(stdin=io.StringIO(answers), stdout=out, stderr=err, sleep=fake.sleep)
    code = run_routine(load_catalog().routines[routine_id], console, clock=fake.clock, **kw)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("answers", "kw", "notes", "planned"),
    [
        ("y\n\n\n\n", {}, "[warmed up]", 350),  # confirmed at the prompt; your levels
        ("\n\n\n", {"warmed_up": True}, "[warmed up]", 350),  # --warmed-up: no prompt
        ("\n\n\n", {"warmed_up": True, "full_dose": True}, "[warmed up] [full dose]", 500),
    ],
)
def test_a_confirmed_warm_up_and_the_full_dose_are_logged(psoas_home, answers, kw, notes, planned):
    code, out, _ = run_in_process("post-workout-release", answers, FakeTime(), **kw)
    assert code == 0
    assert ("w = warm up first" in out) == ("warmed_up" not in kw)
    [row] = sessions(psoas_home).itertuples()
    assert (row.routine_id, row.notes, row.planned_s) == ("post-workout-release", notes, planned)
    assert ("full dose" in out) == ("full_dose" in kw)


def test_without_a_confirmation_the_warm_up_runs_first_then_the_routine(psoas_home):
    # end of input: Enter everywhere, so "w" at the prompt and every rating skipped
    code, out, _ = run_in_process("post-workout-release", "", FakeTime())
    assert code == 0
    rows = sessions(psoas_home)
    assert list(rows.routine_id) == ["pre-activity-warm-up", "post-workout-release"]
    assert list(rows.completed_s) == [340, 350] and list(rows.notes) == ["", ""]
    assert out.index("Marching in place") < out.index("Knee-to-chest stretch")


def test_a_stopped_warm_up_does_not_start_the_routine(psoas_home):
    code, out, _ = run_in_process("post-workout-release", "w\n", FakeTime(interrupts=(30,)))
    assert code == 0 and "the routine does not start" in out
    assert list(sessions(psoas_home).routine_id) == ["pre-activity-warm-up"]


def test_the_steps_printed_carry_the_dose_run(psoas_home):
    _, out, _ = run_in_process("post-workout-release", "", FakeTime(), warmed_up=True)
    assert "hold for 20 seconds" in out and "hold for 30 seconds" not in out


def test_pause_prompt_and_ratings_in_process(psoas_home):
    # Ctrl-C at 20 s; "x" is not an answer, "r" resumes; Ctrl-C at 50 s; "s" stops.
    # Ratings: "11" is refused, then 7; after: skipped.
    code, out, _ = run_in_process(
        "desk-reset", "x\nr\ns\n11\n7\n\n\n", FakeTime(interrupts=(20, 50))
    )
    assert code == 0
    assert out.count("Paused. r = resume") == 3
    assert "Please type a whole number from 0 to 10" in out
    row = sessions(psoas_home).iloc[0]
    assert (row.completed_s, row.tightness_before) == (50, 7)
    assert row.tightness_after is pd.NA and row.notes == ""


def test_end_of_input_at_the_pause_prompt_stops(psoas_home):
    code, out, _ = run_in_process("desk-reset", "", FakeTime(interrupts=(12,)))
    assert code == 0 and "Stopped after 0:12" in out
    assert sessions(psoas_home).iloc[0].completed_s == 12


def test_journal_problem_is_a_message(psoas_home):
    (psoas_home / "sessions.csv").mkdir()  # the journal file cannot be written
    code, _, err = run_in_process("pre-activity-warm-up", "\n\n\n", FakeTime())
    assert code == 1 and err.startswith("psoas: the session was not saved: ")


def test_other_modules_can_add_subcommands():
    calls = []

    @subcommand
    def register(subparsers):
        plan = subparsers.add_parser("plan-test")
        plan.add_argument("--ics")
        plan.set_defaults(func=lambda args, console: calls.append(args.ics) or 0)

    try:
        assert main(["plan-test", "--ics", "x.ics"]) == 0
        assert calls == ["x.ics"]
    finally:
        COMMANDS.remove(register)
    with pytest.raises(SystemExit):
        build_parser().parse_args(["plan-test"])


def test_terminal_runner_and_timer_need_no_widgets():
    code = (
        "import sys, psoas_lib.cli.main, psoas_lib.coaching.timer, psoas_lib.coaching.cues, "
        "psoas_lib.coaching.session; "
        "print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert out.strip() == "[]"


def test_psoas_run_prints_the_form_cue_at_the_start_of_each_hold(psoas_home):
    # warmed up (no warm-up first) and at the doses as written (not the levels): 10 s get
    # ready, then the kneeling stretch once a side (30 s holds at 0:10 and 0:45, a 5 s
    # switch), a 20 s rest (kneeling to the floor is a change of position: 15 s becomes 20),
    # the single-leg raise 10 x 8 s a side: left at 1:15 + 0:20 = 1:35, right at
    # 1:35 + 1:20 + 0:05 switch = 3:00
    catalog = load_catalog()
    routine = make_routine(
        catalog,
        "Form test",
        [
            {"exercise": "kneeling-hip-flexor-stretch", "hold_s": 30, "reps": 1, "sets": 1},
            {"exercise": "single-leg-raise", "reps": 10, "rep_s": 8, "hold_s": 5, "sets": 1},
        ],
    )
    out, err = io.StringIO(), io.StringIO()
    fake = FakeTime()
    console = Console(stdin=io.StringIO("\n\n\n"), stdout=out, stderr=err, sleep=fake.sleep)
    assert (
        run_routine(
            routine, console, clock=fake.clock, catalog=catalog, warmed_up=True, full_dose=True
        )
        == 0
    )
    lines = out.getvalue().splitlines()
    kneeling = catalog.exercises["kneeling-hip-flexor-stretch"].coaching.form_cues
    raise_cues = catalog.exercises["single-leg-raise"].coaching.form_cues
    for start, cue in [
        ("[0:10] Kneeling hip-flexor (psoas) stretch, left leg.", kneeling[0]),
        ("[0:45] Kneeling hip-flexor (psoas) stretch, right leg.", kneeling[1]),
        ("[1:35] Single-leg raise, left leg.", raise_cues[0]),
        ("[3:00] Single-leg raise, right leg.", raise_cues[1]),
    ]:
        at = next(n for n, line in enumerate(lines) if line.startswith(start))
        assert lines[at + 1] == f"  Form: {cue}"
    assert "Keep the knee straight as the leg rises." in raise_cues
    forms = [line for line in lines if line.startswith("  Form: ")]
    assert len(forms) == 4  # none for the get ready, the switch or the rest


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_psoas_run_on_a_terminal_shows_the_form_cue_in_the_redrawn_block(psoas_home):
    # the kneeling stretch once a side on a terminal, one redraw a second: the blocks drawn
    # in the left hold (0:10 to 0:40) carry its first cue, those in the right hold (0:45 to
    # 1:15) its second, the get ready and the switch none (warmed up and at the doses as
    # written, so no warm-up first and 30 s holds)
    catalog = load_catalog()
    routine = make_routine(
        catalog,
        "Form test",
        [{"exercise": "kneeling-hip-flexor-stretch", "hold_s": 30, "reps": 1, "sets": 1}],
    )
    out = Tty()
    fake = FakeTime()
    console = Console(
        stdin=io.StringIO("\n\n\n"), stdout=out, stderr=io.StringIO(), sleep=fake.sleep
    )
    assert (
        run_routine(
            routine, console, clock=fake.clock, catalog=catalog, warmed_up=True, full_dose=True
        )
        == 0
    )
    cues = catalog.exercises["kneeling-hip-flexor-stretch"].coaching.form_cues
    blocks = [b for b in out.getvalue().split("\x1b[J") if "\x1b[2K" in b]
    seen = {"left": 0, "right": 0, "none": 0}
    for block in blocks:
        head = block.split("\x1b[2K")[1]
        if head.startswith("Hold") and "Left leg" in head:
            seen["left"] += 1
            assert f"\x1b[2KForm: {cues[0]}\n" in block
        elif head.startswith("Hold") and "Right leg" in head:
            seen["right"] += 1
            assert f"\x1b[2KForm: {cues[1]}\n" in block
        else:
            seen["none"] += 1
            assert "Form:" not in block
    assert seen["left"] >= 29 and seen["right"] >= 29 and seen["none"] >= 10


def test_list_and_the_notebook_player_show_the_same_length_at_the_same_levels(psoas_home):
    from datetime import UTC, datetime, timedelta

    from psoas_lib.clock import format_clock
    from psoas_lib.ui.player import Player

    journal = Journal(psoas_home)
    for day in range(6):  # six complete desk resets: every exercise of it one level up
        journal.add_session(
            started_at=datetime(2026, 3, 2, 8, tzinfo=UTC) + timedelta(days=day),
            routine_id="desk-reset",
            planned_s=695,
            completed_s=695,
            exercises_done=list(load_catalog().routines["desk-reset"].exercise_ids),
        )
    out = io.StringIO()
    assert main(["list"], Console(stdin=io.StringIO(), stdout=out, stderr=io.StringIO())) == 0
    listed = {line.split()[0]: line.split()[1] for line in out.getvalue().splitlines() if line}
    player = Player("desk-reset", home=psoas_home, hands_free=False)
    # one level up: warrior I, kneeling and the lunge at 30 s, the tilt at 20 s × 4:
    # the catalog's 795 s with the tilt's 55 s now 4 × 20 + 15 = 95 s: 835 s (13:55)
    assert player.total.value == "Total 13:55" == f"Total {listed['desk-reset']}"
    for routine in player.session.catalog.routines.values():
        assert listed[routine.id] == format_clock(routine.total_seconds)
