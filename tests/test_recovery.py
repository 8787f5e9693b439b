"""An interrupted ``psoas run`` is kept and offered again: real processes, real signals.

Desk reset at PSOAS_SPEED=10 (695 s at the lowest levels, see test_cli, in 70 s): each
run is killed after about 3 s of wall time, about 30 s of the session. SIGHUP and SIGTERM
save the progress at that instant;
SIGKILL leaves the last checkpoint, saved at least every 12 s of running (and at each
segment change), so at most 15 s are lost. A new ``psoas run`` offers the session; ``l``
logs it, marked as recovered; it is never offered nor logged again.
"""

from __future__ import annotations

import io
import signal
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from test_cli import Proc, sessions

from psoas_lib.cli.console import Console
from psoas_lib.cli.main import main
from psoas_lib.journal.checkpoint import RECOVERED_NOTE, Checkpoints

SPEED = 10


def run_and_kill(home: Path, signum: int, *, paused: bool = False) -> tuple[float, float, str]:
    """Run desk reset, end it with ``signum`` about 3 s in; return the session seconds it
    surely ran (from when its first line was seen) and at most ran (from its spawn), and
    what it wrote to stderr."""
    spawned = time.monotonic()
    proc = Proc("run", "desk-reset", home=home, speed=SPEED)
    proc.wait_for("Ctrl-C pauses.")
    seen = time.monotonic()
    time.sleep(3.0)
    if paused:
        proc.p.send_signal(signal.SIGINT)
        proc.wait_for("Paused.")
        stopped = time.monotonic()
        time.sleep(1.0)  # paused: does not count
    proc.p.send_signal(signum)
    sent = time.monotonic()
    proc.p.wait(20)
    ended = time.monotonic()
    proc._reader.join(5)
    err = proc.p.stderr.read()
    for pipe in (proc.p.stdin, proc.p.stdout, proc.p.stderr):
        pipe.close()
    surely = ((stopped if paused else sent) - seen) * SPEED
    at_most = ((stopped if paused else ended) - spawned) * SPEED
    assert proc.p.returncode == (-signum if signum == signal.SIGKILL else 128 + signum), err
    return surely, at_most, err


@pytest.mark.slow
@pytest.mark.parametrize(
    ("signum", "paused", "lost"),
    [
        (signal.SIGHUP, False, 0),
        (signal.SIGTERM, False, 0),
        (signal.SIGTERM, True, 0),  # at the pause prompt
        (signal.SIGKILL, False, 15),
    ],
)
def test_a_run_ended_by_a_signal_is_offered_and_logged_once(psoas_home, signum, paused, lost):
    surely, at_most, err = run_and_kill(psoas_home, signum, paused=paused)
    if signum != signal.SIGKILL:
        assert "The session is kept (Desk reset, started " in err
        assert "it will be offered next time you run a routine." in err
    assert "Traceback" not in err and sessions(psoas_home).empty
    [kept] = Checkpoints(psoas_home).unfinished()  # offered at once: the process is gone
    # 2 session seconds (0.2 s of wall time at SPEED) of slack: done_s is whole seconds, and
    # the timer starts just after the line the test waits for is printed
    assert surely - lost - 2 <= kept.done_s <= at_most

    listing = Proc("list", home=psoas_home)
    assert listing.finish() == 0 and f"  {kept.describe()}" in listing.out

    again = Proc("run", "desk-reset", home=psoas_home, speed=1000)  # 695 s in 0.7 s
    again.wait_for(f"Not finished: {kept.describe()}. l = log it, d = discard it")
    again.send("l")
    again.wait_for("Logged in your journal, marked as recovered.")
    again.wait_for("Tightness before")
    assert again.finish("\n\n\n") == 0
    rows = sessions(psoas_home)
    assert len(rows) == 2  # the recovered session and the run just finished
    recovered, finished = rows.iloc[0], rows.iloc[1]
    assert recovered.notes == RECOVERED_NOTE and recovered.completed_s == kept.done_s
    assert recovered.exercises_done == "marching-in-place"  # 30 s in: its 180 s of marching
    assert finished.completed_s == 695 and finished.notes == ""

    third = Proc("run", "desk-reset", home=psoas_home, speed=1000)
    third.wait_for("Tightness before")
    assert third.finish("\n\n\n") == 0
    assert "Not finished" not in third.out and len(sessions(psoas_home)) == 3


def test_discard_and_later_answers(psoas_home, monkeypatch):
    """In process, with the age rule at 0 s: d discards, Enter keeps it for next time."""
    monkeypatch.setenv("PSOAS_STALE_AFTER_S", "0")
    store = Checkpoints(psoas_home)
    start = datetime(2026, 3, 2, 18, 32, tzinfo=timezone(timedelta(hours=1)))
    first = store.start("desk-reset", "Desk reset", planned_s=480, started_at=start)
    store.update(first, done_s=190, exercises_done=[], segment=5)
    later = start + timedelta(hours=2)
    store.start("strength-builder", "Strength builder", planned_s=600, started_at=later)
    out = io.StringIO()
    # the first (oldest) is discarded; "x" asks the second again, then Enter keeps it;
    # then desk reset runs to its end (695 s in 0.35 s) and three Enters skip the log form
    answers = io.StringIO("d\nx\n\n\n\n\n")
    code = main(["run", "desk-reset", "--speed", "2000"], Console(stdin=answers, stdout=out))
    assert code == 0
    text = out.getvalue()
    assert "Not finished: Desk reset, started 18:32, 3:10 done." in text
    assert "Discarded." in text and "Kept: it will be offered next time." in text
    assert text.count("Not finished: Strength builder, started 20:32, 0:00 done.") == 2
    [left] = store.unfinished(stale_after_s=0)
    assert left.routine_id == "strength-builder"
    assert len(sessions(psoas_home)) == 1  # only the run itself
