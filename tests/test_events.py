"""The journal announces what it wrote (psoas_lib.events), in-process, no polling."""

from __future__ import annotations

import gc
from datetime import datetime, timedelta, timezone

import pytest

from psoas_lib import events
from psoas_lib.content.catalog import load_catalog
from psoas_lib.journal.store import Journal
from psoas_lib.plan.weekly import default_plan, save_plan

PARIS = timezone(timedelta(hours=1))


def _session(journal: Journal, day: int = 2) -> None:
    journal.add_session(
        started_at=datetime(2026, 3, day, 7, 30, tzinfo=PARIS),
        routine_id="desk-reset",
        planned_s=600,
        completed_s=600,
        exercises_done=["knee-to-chest"],
    )


def _assessment(journal: Journal) -> None:
    journal.add_assessment(
        taken_at=datetime(2026, 3, 2, 8, 0, tzinfo=PARIS),
        ticked=["poor-posture"],
        tightness=0,
        weakness=1,
        recommendation="strength",
    )


@pytest.fixture
def seen(tmp_path):
    found: list[events.Change] = []
    watch = events.observe(found.append, home=tmp_path)
    yield found
    watch.cancel()


@pytest.mark.parametrize(
    ("write", "kind", "name"),
    [
        (lambda home: _session(Journal(home)), "session", "sessions.csv"),
        (lambda home: _assessment(Journal(home)), "assessment", "assessments.csv"),
        (lambda home: save_plan(default_plan(load_catalog()), home), "plan", "plan.toml"),
    ],
)
def test_each_write_is_announced_once_with_its_file(tmp_path, seen, write, kind, name):
    write(tmp_path)
    assert [(c.kind, c.path, c.home) for c in seen] == [(kind, tmp_path / name, tmp_path)]


def test_a_write_that_fails_announces_nothing(tmp_path, seen):
    (tmp_path / "sessions.csv").mkdir()  # a folder in the way: the append fails
    with pytest.raises(Exception, match="NOT saved"):
        _session(Journal(tmp_path))
    assert seen == []


def test_repair_and_merge_are_announced(tmp_path, seen):
    journal = Journal(tmp_path)
    _session(journal)
    with open(journal.sessions_path, "ab") as out:
        out.write(b"2026-03-03T07:30:00+01:00,desk-re")  # a torn line to repair
    journal.repair()
    other = tmp_path / "other"
    _session(Journal(other), day=5)
    assert journal.merge(other / "sessions.csv") == 1
    assert journal.merge(other / "sessions.csv") == 0  # nothing new: nothing announced
    assert [c.kind for c in seen] == ["session", "repair", "session"]


def test_kinds_and_folders_filter(tmp_path):
    plans: list[str] = []
    watch = events.observe(lambda c: plans.append(c.kind), "plan", home=tmp_path / "a")
    events.announce("plan", tmp_path / "b" / "plan.toml")
    events.announce("session", tmp_path / "a" / "sessions.csv")
    events.announce("plan", tmp_path / "a" / "plan.toml")
    watch.cancel()
    events.announce("plan", tmp_path / "a" / "plan.toml")
    assert plans == ["plan"]


class _View:
    def __init__(self) -> None:
        self.count = 0

    def changed(self, change: events.Change) -> None:
        self.count += 1


def test_a_collected_view_drops_out(tmp_path):
    view = _View()
    events.observe(view.changed, "session", home=tmp_path)
    before = events.observers()
    events.announce("session", tmp_path / "sessions.csv")
    assert view.count == 1
    del view
    gc.collect()
    events.announce("session", tmp_path / "sessions.csv")  # finds the dead one, drops it
    assert events.observers() == before - 1


def test_a_failing_observer_does_not_stop_the_others(tmp_path, caplog):
    def broken(change):
        raise RuntimeError("view bug")

    found = []
    a = events.observe(broken, home=tmp_path)
    b = events.observe(found.append, home=tmp_path)
    _session(Journal(tmp_path))  # the write succeeds and the second view still hears of it
    a.cancel()
    b.cancel()
    assert len(found) == 1
    assert "view bug" in caplog.text
    assert len(Journal(tmp_path).sessions()) == 1


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown change kind"):
        events.announce("nap", "x")
