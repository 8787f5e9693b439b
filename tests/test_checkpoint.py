"""Sessions in progress: real files, real processes killed mid-session, real races."""

from __future__ import annotations

import signal
import stat
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from psoas_lib import Journal
from psoas_lib.journal.checkpoint import RECOVERED_NOTE, Checkpoint, Checkpoints

PARIS = timezone(timedelta(hours=1))
START = datetime(2026, 3, 2, 18, 32, tzinfo=PARIS)

# A session as a player runs it: a checkpoint at the start, then one per segment; it prints
# each progress once it is saved, so the parent knows what must survive a kill.
_SESSION = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timedelta, timezone
    from psoas_lib.journal.checkpoint import Checkpoints
    store = Checkpoints(sys.argv[1])
    start = datetime(2026, 3, 2, 18, 32, tzinfo=timezone(timedelta(hours=1)))
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=start,
                     tightness_before=6)
    done = []
    for segment in range(1, 10_000):
        if segment % 3 == 0:
            done.append(["kneeling-hip-flexor-stretch", "knee-to-chest"][segment % 2])
        cp = store.update(cp, done_s=segment * 5, exercises_done=done, segment=segment)
        print(segment * 5, flush=True)
        time.sleep(0.02)
""")


def _run_session(home: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _SESSION, str(home)], stdout=subprocess.PIPE, text=True
    )


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGHUP])
def test_a_killed_session_leaves_a_checkpoint_the_next_player_recovers(
    psoas_home: Path, sig: signal.Signals
) -> None:
    child = _run_session(psoas_home)
    assert child.stdout is not None
    saved = [int(child.stdout.readline()) for _ in range(12)]  # 12 segments saved
    child.send_signal(sig)  # no handler: the process dies where it is
    child.wait(timeout=30)
    rest = [int(line) for line in child.stdout.read().split()]
    child.stdout.close()
    last = (rest or saved)[-1]
    store = Checkpoints(psoas_home)
    [offered] = store.unfinished()  # the process is gone: offered at once
    # at most the segment being saved when it died is lost; never more than one
    assert offered.done_s in (last, last + 5)
    assert offered.describe() == f"Desk reset, started 18:32, {offered.done_s // 60}:" + (
        f"{offered.done_s % 60:02d} done"
    )
    assert store.recover(offered, tightness_after=4) is True
    [row] = Journal(psoas_home).sessions().itertuples()
    assert row.completed_s == offered.done_s and row.planned_s == 480
    assert row.notes == RECOVERED_NOTE and row.tightness_before == 6
    assert row.exercises_done == ";".join(offered.exercises_done)
    assert store.recover(offered) is False and store.unfinished() == []
    assert len(Journal(psoas_home).sessions()) == 1


_RACER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from psoas_lib.journal.checkpoint import Checkpoints
    home, n = sys.argv[1], sys.argv[2]
    store = Checkpoints(home)
    [cp] = store.unfinished()
    (Path(home) / f"ready-{n}").touch()
    while not (Path(home) / "go").exists():
        time.sleep(0.001)
    print(store.recover(cp), flush=True)
""")


@pytest.mark.slow
def test_players_racing_to_recover_log_it_exactly_once(psoas_home: Path) -> None:
    child = _run_session(psoas_home)
    assert child.stdout is not None
    for _ in range(5):
        child.stdout.readline()
    child.kill()
    child.wait(timeout=30)
    child.stdout.close()
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", _RACER, str(psoas_home), str(n)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    deadline = time.monotonic() + 60
    while len(list(psoas_home.glob("ready-*"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    (psoas_home / "go").touch()
    results = [r.communicate(timeout=60)[0].strip() for r in racers]
    assert sorted(results) == ["False", "False", "False", "True"]
    assert len(Journal(psoas_home).sessions()) == 1


def test_a_live_session_is_not_offered_until_it_goes_stale(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    assert store.unfinished() == []  # this process runs it, and it was just saved
    later = datetime.now(UTC) + timedelta(seconds=46)  # 3 ticks missed
    assert [c.id for c in store.unfinished(now=later)] == [cp.id]


def test_finish_logs_once_and_a_resumed_session_cannot_log_a_second_copy(
    psoas_home: Path,
) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    cp = store.update(cp, done_s=200, exercises_done=["knee-to-chest"], segment=4)
    other = Checkpoints(psoas_home)  # another player found it stale and recovered it
    assert other.recover(cp) is True
    # the first player comes back (a suspended laptop) and ends the session
    assert store.finish(cp, completed_s=480, exercises_done=["knee-to-chest"]) is False
    assert Journal(psoas_home).sessions().completed_s.tolist() == [200]


def test_a_normal_finish_logs_without_the_recovered_mark_and_removes_the_checkpoint(
    psoas_home: Path,
) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    assert store.finish(cp, completed_s=480, exercises_done=[], tightness_after=3, notes="ok")
    [row] = Journal(psoas_home).sessions().itertuples()
    assert (row.completed_s, row.tightness_after, row.notes) == (480, 3, "ok")
    assert list(store.folder.iterdir()) == []


def test_a_crash_between_logging_and_removing_never_logs_twice(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    # the entry reached the journal, then the process died before removing the checkpoint
    Journal(psoas_home).add_session(
        started_at=START.astimezone(UTC),  # the same instant, written in another offset
        routine_id="desk-reset",
        planned_s=480,
        completed_s=480,
        exercises_done=[],
    )
    assert store.unfinished(stale_after_s=0) == []
    assert not store.path(cp).exists()
    assert store.recover(cp) is False and len(Journal(psoas_home).sessions()) == 1


def test_discard_forgets_it(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    assert store.discard(cp) is True and store.discard(cp) is False
    assert store.recover(cp) is False
    assert not Journal(psoas_home).sessions_path.exists()
    # the session itself was still running after all: when it ends, it is logged
    assert store.finish(cp, completed_s=480, exercises_done=[]) is True
    assert store.finish(cp, completed_s=480, exercises_done=[]) is False  # and only once
    assert len(Journal(psoas_home).sessions()) == 1


def test_a_broken_checkpoint_is_not_offered_and_is_left_for_the_user(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    store.folder.mkdir()
    bad = store.folder / "x.json"
    bad.write_text('{"format": 1, "id": "x"')
    assert store.unfinished(stale_after_s=0) == [] and store.broken == [bad]
    assert bad.exists()


def test_checkpoints_are_private_and_round_trip(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    cp = store.update(cp, done_s=70, exercises_done=["a", "b"], segment=2, pain_stop=True)
    assert stat.S_IMODE(store.path(cp).stat().st_mode) == 0o600
    assert store.read(store.path(cp)) == cp
    assert Checkpoint.from_json(cp.to_json()) == cp


def test_a_save_torn_by_a_crash_leaves_the_one_before(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    cp = store.update(cp, done_s=70, exercises_done=["a"], segment=2)
    whole = store.path(cp).read_bytes()
    later = store.update(cp, done_s=75, exercises_done=["a"], segment=3)
    line = later.to_json().encode()
    for cut in (1, len(line) // 2, len(line) - 1):  # the last save cut short anywhere
        store.path(cp).write_bytes(whole + b"\n" + line[:cut])
        assert store.read(store.path(cp)) == cp
    store.path(cp).write_bytes(whole + b"\n" + line[:9])
    again = store.update(cp, done_s=80, exercises_done=["a"], segment=4)  # saving goes on
    assert store.read(store.path(cp)) == again
    assert cp.describe() == "Desk reset, started 18:32, 1:10 done"


def _zoneless(store: Checkpoints) -> Path:
    """A checkpoint whose times were written without a time zone (hand-edited, or an older
    program): the file as the issue found it."""
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    path = store.path(cp)
    text = cp.to_json().replace(cp.saved_at.isoformat(), "2026-03-02T18:40:00")
    path.write_text(text + "\n")
    return path


def test_a_zoneless_checkpoint_is_reported_with_its_file_what_and_how(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    path = _zoneless(store)
    assert store.unfinished(stale_after_s=0) == [] and store.broken == [path]
    (problem,) = store.problems
    assert problem.startswith(f"{path}: an unfinished session that cannot be read (line 1: ")
    assert "saved_at='2026-03-02T18:40:00' has no time zone" in problem
    assert "delete the file" in problem and path.exists()


@pytest.mark.parametrize(
    ("line", "what"),
    [
        ('{"format": 1, "id": "x"', "not whole JSON"),
        ("[1, 2]", "unknown checkpoint format"),
        ('{"format": 1, "id": "0123456789abcdef"}', "the field 'started_at' is missing"),
    ],
)
def test_a_damaged_checkpoint_says_what_is_wrong(psoas_home: Path, line: str, what: str) -> None:
    store = Checkpoints(psoas_home)
    store.folder.mkdir()
    (store.folder / "0123456789abcdef.json").write_text(line + "\n")
    assert store.unfinished(stale_after_s=0) == []
    assert what in store.problems[0]


def test_ids_outside_the_folder_are_never_read_or_removed(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    outside = psoas_home / "keep.json"
    outside.write_text("mine")
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    sneaky = Checkpoint("../keep", *list(vars(cp).values())[1:])
    with pytest.raises(Exception, match="is not a checkpoint id"):
        store.discard(sneaky)
    assert outside.read_text() == "mine"
    # a file whose line names another id is not offered (its discard would remove another)
    other = cp.to_json().replace(cp.id, "fedcba9876543210")
    store.path(cp).write_text(other + "\n")
    assert store.unfinished(stale_after_s=0) == []
    assert "is not the file's name" in store.problems[0]
    # an id with ../ inside a file is refused too
    evil = cp.to_json().replace(cp.id, "../keep")
    store.path(cp).write_text(evil + "\n")
    assert store.unfinished(stale_after_s=0) == [] and "not a checkpoint id" in store.problems[0]
    assert outside.read_text() == "mine"


@pytest.mark.parametrize("where", ["psoas list", "psoas run's offer"])
def test_psoas_list_and_run_report_a_zoneless_checkpoint_without_a_traceback(
    psoas_home: Path, where: str
) -> None:
    import io

    from psoas_lib import load_catalog
    from psoas_lib.cli.console import Console
    from psoas_lib.cli.main import main, offer_unfinished
    from psoas_lib.coaching.player_session import PlayerSession

    path = _zoneless(Checkpoints(psoas_home))
    out, err = io.StringIO(), io.StringIO()
    console = Console(stdin=io.StringIO(""), stdout=out, stderr=err, sleep=lambda _s: None)
    if where == "psoas list":
        assert main(["list"], console) == 0
    else:  # what ``psoas run`` asks before a routine starts
        offer_unfinished(PlayerSession(load_catalog(), home=psoas_home), console)
    assert f"psoas: {path}: an unfinished session that cannot be read" in err.getvalue()
    assert "Traceback" not in err.getvalue() and path.exists()


def _pain_stopped(store: Checkpoints) -> Checkpoint:
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=START)
    return store.update(
        cp, done_s=70, exercises_done=["marching-in-place", "low-lunge"], segment=4, pain_stop=True
    )


def test_an_interrupted_pain_stop_is_offered_as_stopped_for_sharp_pain(
    psoas_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Checkpoints(psoas_home)
    _pain_stopped(store)
    (offered,) = store.unfinished(stale_after_s=0)
    assert offered.describe() == "Desk reset, started 18:32, 1:10 done, stopped for sharp pain"
    # psoas run offers it so (this very process saved it: offered without waiting 45 s)
    import io

    monkeypatch.setenv("PSOAS_STALE_AFTER_S", "0")
    from psoas_lib import load_catalog
    from psoas_lib.cli.console import Console
    from psoas_lib.cli.main import offer_unfinished
    from psoas_lib.coaching.player_session import PlayerSession

    out = io.StringIO()
    console = Console(stdin=io.StringIO(""), stdout=out, stderr=io.StringIO())
    offer_unfinished(PlayerSession(load_catalog(), home=psoas_home), console)
    said = out.getvalue()
    assert "Not finished: Desk reset, started 18:32, 1:10 done, stopped for sharp pain." in said


def test_discarding_a_pain_stopped_session_keeps_the_pain_stop(psoas_home: Path) -> None:
    from psoas_lib.coaching.safety import read_state

    store = Checkpoints(psoas_home)
    cp = _pain_stopped(store)
    assert store.discard(cp) is True and not store.path(cp).exists()
    journal = Journal(psoas_home)
    assert not journal.sessions_path.exists()  # the session is forgotten...
    report = journal.pain_reports().iloc[0]  # ...its pain stop is not
    assert (report.routine_id, report.exercise_id, report.notes) == (
        "desk-reset",
        "low-lunge",
        "[not rated] [kept from a discarded session]",
    )
    stops = read_state(psoas_home).pain_stops
    assert [(s.at, s.exercise_id) for s in stops] == [(START, "low-lunge")]


def test_discarding_keeps_a_pain_report_already_given_and_adds_none(psoas_home: Path) -> None:
    store = Checkpoints(psoas_home)
    cp = _pain_stopped(store)
    Journal(psoas_home).add_pain_report(
        started_at=START, routine_id="desk-reset", exercise_id="low-lunge", pain=6
    )
    assert store.discard(cp) is True
    assert len(Journal(psoas_home).pain_reports()) == 1
