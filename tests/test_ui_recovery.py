"""The players offer an interrupted session when they open: the notebook player, the plan
page's player. Real checkpoint files, one of them left by a process that really ended."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from psoas_lib import Journal
from psoas_lib.coaching.checkpointing import STALE_ENV
from psoas_lib.journal.checkpoint import RECOVERED_NOTE, Checkpoints
from psoas_lib.ui.plan import PlanPage
from psoas_lib.ui.player import Player

START = datetime(2026, 3, 2, 18, 32, tzinfo=timezone(timedelta(hours=1)))


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def interrupted(home, routine=("desk-reset", "Desk reset"), start=START, done_s=190):
    """A checkpoint as a killed player leaves it: its process gone, 3:10 done."""
    store = Checkpoints(home)
    checkpoint = store.start(*routine, planned_s=480, started_at=start)
    checkpoint = store.update(
        checkpoint, done_s=done_s, exercises_done=["kneeling-hip-flexor-stretch"], segment=5
    )
    checkpoint = replace(checkpoint, pid=dead_pid())
    store.save(checkpoint)
    return checkpoint


def offers(player: Player) -> list[str]:
    return [row.children[0].value for row in player.recovery.children]


def test_nothing_to_offer_hides_the_banner(psoas_home):
    player = Player("desk-reset", home=psoas_home)
    assert player.recovery.layout.display == "none" and offers(player) == []


def test_log_it_records_what_was_done_once(psoas_home, monkeypatch):
    monkeypatch.delenv(STALE_ENV, raising=False)  # the production age rule (45 s)
    interrupted(psoas_home)
    player = Player("desk-reset", home=psoas_home)
    assert player.recovery.layout.display == "flex"
    assert offers(player) == [
        "Not finished: Desk reset, started 18:32, 3:10 done: log it, or discard it?"
    ]
    log_button = player.recovery.children[0].children[1]
    log_button.click()
    assert offers(player) == [
        "Desk reset, started 18:32, 3:10 done: logged in your journal, marked as recovered."
    ]
    log_button.click()  # a second click on the old button: nothing more is written
    rows = Journal(psoas_home).sessions()
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row.routine_id, int(row.completed_s), row.notes) == ("desk-reset", 190, RECOVERED_NOTE)
    assert row.exercises_done == "kneeling-hip-flexor-stretch"
    assert offers(Player("desk-reset", home=psoas_home)) == []  # never offered again


def test_discard_it_forgets_and_several_are_each_offered(psoas_home):
    interrupted(psoas_home)
    interrupted(
        psoas_home, ("strength-builder", "Strength builder"), START + timedelta(hours=1), 75
    )
    player = Player("desk-reset", home=psoas_home)
    assert offers(player) == [  # oldest first
        "Not finished: Desk reset, started 18:32, 3:10 done: log it, or discard it?",
        "Not finished: Strength builder, started 19:32, 1:15 done: log it, or discard it?",
    ]
    player.recovery.children[1].children[2].click()
    assert offers(player)[1] == "Strength builder, started 19:32, 1:15 done: discarded."
    assert Journal(psoas_home).sessions().empty
    assert [c.routine_id for c in Checkpoints(psoas_home).unfinished()] == ["desk-reset"]


def test_a_live_sessions_checkpoint_is_offered_only_once_it_is_45_s_old(psoas_home, monkeypatch):
    monkeypatch.delenv(STALE_ENV, raising=False)
    running = Player("desk-reset", home=psoas_home)
    running.start()
    assert offers(Player("desk-reset", home=psoas_home)) == []  # alive, saved just now
    monkeypatch.setenv(STALE_ENV, "0")  # as if 45 s passed without a save (a closed tab)
    assert offers(Player("desk-reset", home=psoas_home)) == [
        f"Not finished: {running.session.checkpointing.checkpoint.describe()}: "
        "log it, or discard it?"
    ]
    assert offers(running) == []  # built before; and never its own


def test_the_plan_pages_player_offers_it_too(psoas_home):
    interrupted(psoas_home)
    player = PlanPage(psoas_home, now="2026-03-04 12:00").player()
    assert offers(player) == [
        "Not finished: Desk reset, started 18:32, 3:10 done: log it, or discard it?"
    ]


def test_a_problem_is_one_line(psoas_home):
    checkpoint = interrupted(psoas_home)
    player = Player("desk-reset", home=psoas_home)
    (psoas_home / "sessions.csv").mkdir()  # the journal cannot be written now
    player.recovery.children[0].children[1].click()
    [text] = offers(player)
    assert text.startswith(f"{checkpoint.describe()}: not logged: ") and "\n" not in text


@pytest.mark.parametrize("click", [1, 2])
def test_the_players_save_says_when_another_window_logged_it(psoas_home, click):
    player = Player("desk-reset", home=psoas_home)
    player.start()
    if click == 2:
        Checkpoints(psoas_home).recover(player.session.checkpointing.checkpoint)
    player.stop()
    player.save()
    expected = "Saved" if click == 1 else "Already in your journal (logged from another window)"
    assert player.saved.value == expected and len(Journal(psoas_home).sessions()) == 1


def test_a_recovered_pain_stop_is_offered_as_one_and_the_gate_is_asked_again(psoas_home):
    # an earlier pain stop in the kneeling stretch, a week before the interrupted one
    Journal(psoas_home).add_session(
        started_at=START - timedelta(days=7),
        routine_id="desk-reset",
        planned_s=480,
        completed_s=200,
        exercises_done=["kneeling-hip-flexor-stretch"],
        pain_stop=True,
    )
    checkpoint = interrupted(psoas_home)
    Checkpoints(psoas_home).save(replace(checkpoint, pain_stop=True))
    player = Player("desk-reset", home=psoas_home)
    assert offers(player) == [
        "Not finished: Desk reset, started 18:32, 3:10 done, stopped for sharp pain: log it, "
        "or discard it?"
    ]
    assert player.safety.layout.display == "none"  # one pain stop so far: nothing held out
    player.recovery.children[0].children[1].click()  # Log it
    # two pain stops in the kneeling stretch 7 days apart: held out, said at once
    assert player.safety.layout.display == "flex"
    assert "Kneeling hip-flexor (psoas) stretch is held out" in player.safety.reason.value


def test_discarding_a_pain_stopped_session_keeps_its_pain_stop_and_says_so(psoas_home):
    checkpoint = interrupted(psoas_home)
    Checkpoints(psoas_home).save(replace(checkpoint, pain_stop=True))
    player = Player("desk-reset", home=psoas_home)
    player.recovery.children[0].children[2].click()  # Discard it
    assert offers(player) == [
        "Desk reset, started 18:32, 3:10 done, stopped for sharp pain: discarded; its pain "
        "stop is kept in your journal."
    ]
    assert len(Journal(psoas_home).pain_reports()) == 1
