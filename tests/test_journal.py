"""The journal: writing entries, durability (real processes, torn lines), check, repair,
export and merge."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import textwrap
import time
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

from psoas_lib import Journal, JournalError, JournalWarning
from psoas_lib.journal.schema import TORN_MARK

PARIS = timezone(timedelta(hours=1))
NEW_YORK = timezone(timedelta(hours=-5))
HEADER = (
    "started_at,routine_id,planned_s,completed_s,exercises_done,tightness_before,"
    "tightness_after,pain_stop,notes,format\n"
)
ROW1 = "2026-03-02T07:30:00+01:00,desk-reset,480,480,knee-to-chest;low-lunge,6,4,false,,1\n"
ROW2 = "2026-03-04T18:05:00+01:00,strength-builder,490,300,ground-bridge,5,,true,ouch,1\n"


@pytest.fixture(autouse=True)
def _private_umask():
    """Files these tests write by hand are private, as the workbook's own are: a loose mode
    is a note of its own in check(), tested in test_journal_reliability.py."""
    old = os.umask(0o077)
    yield
    os.umask(old)


def _session(journal: Journal, day: int = 2, **changes: object) -> None:
    fields: dict[str, object] = dict(
        started_at=datetime(2026, 3, day, 7, 30, tzinfo=PARIS),
        routine_id="desk-reset",
        planned_s=480,
        completed_s=480,
        exercises_done=["knee-to-chest", "low-lunge"],
        tightness_before=6,
        tightness_after=4,
    )
    fields.update(changes)
    journal.add_session(**fields)  # type: ignore[arg-type]


def test_add_session_writes_the_documented_line(psoas_home: Path) -> None:
    journal = Journal()
    assert journal.sessions_path == psoas_home / "sessions.csv"
    _session(journal)
    _session(
        journal,
        4,
        started_at=datetime(2026, 3, 4, 18, 5, tzinfo=PARIS),
        routine_id="strength-builder",
        planned_s=490,
        completed_s=300,
        exercises_done=["ground-bridge"],
        tightness_before=5,
        tightness_after=None,
        pain_stop=True,
        notes="ouch",
    )
    assert journal.sessions_path.read_text(encoding="utf-8") == HEADER + ROW1 + ROW2


def test_sessions_frame_keeps_the_offset_and_types(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    _session(journal, started_at=datetime(2026, 3, 2, 7, 30, tzinfo=NEW_YORK), notes="a, b")
    frame = journal.sessions()
    row = frame.iloc[0]
    assert row.started_at == pd.Timestamp("2026-03-02 12:30", tz="UTC")
    assert row.utc_offset_min == -300
    assert row.exercises_done == "knee-to-chest;low-lunge"
    assert (row.tightness_before, row.tightness_after, row.pain_stop) == (6, 4, False)
    assert row.notes == "a, b"


def test_notes_line_breaks_become_spaces_one_entry_a_line(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    _session(journal, notes='said "stop"\nthen went on')
    lines = journal.sessions_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert journal.sessions().notes[0] == 'said "stop" then went on'


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("started_at", datetime(2026, 3, 2, 7, 30), "timezone-aware"),
        ("started_at", "2026-03-02", "a datetime"),
        ("planned_s", -1, "0 or more"),
        ("completed_s", 12.5, "whole number"),
        ("completed_s", True, "whole number"),
        ("tightness_after", 11, "0 to 10"),
        ("routine_id", "", "non-empty id"),
        ("exercises_done", "knee-to-chest", "a list of ids"),
        ("exercises_done", ["a;b"], "without ';'"),
        ("pain_stop", "no", "True or False"),
    ],
)
def test_add_session_rejects_bad_values_and_writes_nothing(
    psoas_home: Path, field: str, value: object, words: str
) -> None:
    journal = Journal(psoas_home)
    with pytest.raises(JournalError, match=words):
        _session(journal, **{field: value})
    assert not journal.sessions_path.exists()


def test_assessments_round_trip(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.add_assessment(
        taken_at=datetime(2026, 3, 1, 9, 0, tzinfo=PARIS),
        ticked=["long-sitting", "tight-front-hip"],
        tightness=2,
        weakness=1,
        recommendation="desk-reset first, three times a week",
        routine_id="desk-reset",
    )
    assert journal.assessments_path.read_text(encoding="utf-8").splitlines() == [
        "taken_at,ticked,tightness,weakness,recommendation,routine_id,notes,format",
        "2026-03-01T09:00:00+01:00,long-sitting;tight-front-hip,2,1,"
        '"desk-reset first, three times a week",desk-reset,,1',
    ]
    frame = journal.assessments()
    assert frame.taken_at[0] == pd.Timestamp("2026-03-01 08:00", tz="UTC")
    assert (frame.tightness[0], frame.weakness[0], frame.ticked[0]) == (
        2,
        1,
        "long-sitting;tight-front-hip",
    )
    assert frame.tightness.dtype == "int64"


def test_check_reports_unknown_checklist_items_and_routines(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    for day, ticked, routine in (
        (1, ["poor-posture"], "strength-builder"),
        (2, ["poor-posture", "old-item"], "gone-routine"),
        (3, ["old-item"], ""),
    ):
        journal.add_assessment(
            taken_at=datetime(2026, 3, day, 9, 0, tzinfo=PARIS),
            ticked=ticked,
            tightness=0,
            weakness=1,
            recommendation="strength",
            routine_id=routine,
        )
    assert [(p.line, p.column, p.what.split(";")[0]) for p in journal.check()] == [
        (3, "routine_id", "unknown routine 'gone-routine'"),
        (3, "ticked", "unknown checklist item 'old-item' (and on 1 more line)"),
    ]


def test_append_follows_the_files_own_header_delimiter_and_line_end(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    original = (
        "routine_id;started_at;planned_s;completed_s;exercises_done;tightness_before;"
        "tightness_after;pain_stop;notes;mood;format\r\n"
    )
    journal.sessions_path.write_bytes(original.encode())
    _session(journal)
    assert journal.sessions_path.read_bytes().decode() == original + (
        'desk-reset;2026-03-02T07:30:00+01:00;480;480;"knee-to-chest;low-lunge";6;4;false;;;1\r\n'
    )
    assert journal.sessions().routine_id.tolist() == ["desk-reset"]


def test_append_never_rewrites_existing_bytes(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes(("\ufeff" + HEADER + ROW1).replace("\n", "\r\n").encode())
    before = journal.sessions_path.read_bytes()
    _session(journal, 9)
    after = journal.sessions_path.read_bytes()
    assert after.startswith(before)
    assert len(journal.sessions()) == 2


def test_append_refuses_a_broken_header_and_shows_the_entry(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes(b"date,what\n")
    with pytest.raises(JournalError) as caught:
        _session(journal)
    assert "NOT saved" in str(caught.value)
    assert "2026-03-02T07:30:00+01:00,desk-reset,480,480" in str(caught.value)
    assert journal.sessions_path.read_bytes() == b"date,what\n"


def test_a_folder_in_place_of_the_file_is_a_journal_error(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.mkdir()
    with pytest.raises(JournalError, match="cannot read it"):
        journal.sessions()
    with pytest.raises(JournalError, match=r"cannot write to it.*NOT saved.*desk-reset"):
        _session(journal)


# ----------------------------------------------------------------- durability

_WORKER = textwrap.dedent("""
    import sys, time
    from datetime import datetime, timedelta, timezone
    from pathlib import Path
    from psoas_lib import Journal
    home, worker = sys.argv[1], int(sys.argv[2])
    routine = ["desk-reset", "strength-builder", "yoga-pilates-flow", "full-programme"][worker]
    journal = Journal(home)
    (Path(home) / f"ready-{worker}").touch()          # imports done: wait for the others
    while not (Path(home) / "go").exists():
        time.sleep(0.001)
    start = datetime(2026, 1, 1, tzinfo=timezone(timedelta(hours=worker)))
    for n in range(100):
        journal.add_session(started_at=start + timedelta(hours=n), routine_id=routine,
                            planned_s=n, completed_s=n, exercises_done=["knee-to-chest"],
                            notes=f"worker {worker}, entry {n}")
        time.sleep(0.001)                             # as a notebook would: not a tight loop
""")


@pytest.mark.slow
def test_four_processes_appending_at_once_lose_nothing(psoas_home: Path) -> None:
    procs = [
        subprocess.Popen([sys.executable, "-c", _WORKER, str(psoas_home), str(w)]) for w in range(4)
    ]
    deadline = time.monotonic() + 60
    while len(list(psoas_home.glob("ready-*"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    (psoas_home / "go").touch()  # all four start appending at once
    assert [p.wait(timeout=120) for p in procs] == [0, 0, 0, 0]
    journal = Journal(psoas_home)
    frame = journal.sessions()
    assert len(frame) == 400
    assert journal.check() == []
    routines = ["desk-reset", "strength-builder", "yoga-pilates-flow", "full-programme"]
    assert frame.groupby("routine_id").size().to_dict() == dict.fromkeys(routines, 100)
    for worker, routine in enumerate(routines):
        mine = frame[frame.routine_id == routine]
        assert mine.planned_s.tolist() == list(range(100))  # each writer's order kept
        assert set(mine.utc_offset_min) == {worker * 60}
    lines = journal.sessions_path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 401 and lines[0] == HEADER.strip()
    writers = frame.routine_id.tolist()
    switches = sum(a != b for a, b in itertools.pairwise(writers))
    assert switches > 20  # they really wrote at the same time


def test_torn_last_line_keeps_every_earlier_row_and_is_reported(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1 + ROW2 + ROW1[:33]).encode()  # a crash in the middle of a write
    journal.sessions_path.write_bytes(raw)
    with pytest.warns(JournalWarning, match="line 4"):
        frame = journal.sessions()
    assert frame.routine_id.tolist() == ["desk-reset", "strength-builder"]
    assert [(p.line, p.level) for p in journal.warnings] == [(4, "torn")]
    assert [(p.line, p.level) for p in journal.check()] == [(4, "torn")]
    assert journal.sessions_path.read_bytes() == raw


def test_append_after_a_torn_line_does_not_glue_onto_it(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1 + ROW2[:-12]).encode()  # torn inside the notes
    journal.sessions_path.write_bytes(raw)
    _session(journal, 9)
    after = journal.sessions_path.read_bytes()
    assert after.startswith(raw)  # nothing rewritten
    assert after[len(raw) :].startswith((TORN_MARK + "\n").encode())
    with pytest.warns(JournalWarning):
        frame = journal.sessions()
    assert frame.started_at.dt.day.tolist() == [2, 9]
    assert [(p.line, p.level) for p in journal.check()] == [(3, "torn")]


def test_torn_inside_quotes_is_closed_before_the_next_line(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1 + ROW2.replace(",ouch,1\n", ',"ouch, it')).encode()
    journal.sessions_path.write_bytes(raw)
    _session(journal, 9)
    assert journal.sessions_path.read_bytes()[len(raw) :].startswith((TORN_MARK + '"\n').encode())
    with pytest.warns(JournalWarning):
        assert journal.sessions().started_at.dt.day.tolist() == [2, 9]


def test_torn_in_the_middle_of_a_character(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1).encode() + ROW2.replace("ouch", "aïe").encode()[:-6]
    journal.sessions_path.write_bytes(raw)
    with pytest.warns(JournalWarning):
        assert len(journal.sessions()) == 1
    _session(journal, 9)
    with pytest.warns(JournalWarning):
        assert len(journal.sessions()) == 2


TORN_ROW = (
    '2026-03-04T18:05:00+01:00,strength-builder,490,300,ground-bridge,5,,true,"aïe, ça tire",1\n'
).encode()


@pytest.mark.parametrize("cut", range(1, len(TORN_ROW)))
def test_a_crash_at_any_byte_costs_at_most_that_line(psoas_home: Path, cut: int) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1).encode() + TORN_ROW[:cut]
    journal.sessions_path.write_bytes(raw)
    # Cut after the last comma, only the format version is missing: every value is there.
    complete = cut >= len(TORN_ROW) - 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", JournalWarning)
        assert len(journal.sessions()) == (2 if complete else 1)
        _session(journal, 9)
        frame = journal.sessions()
    assert journal.sessions_path.read_bytes().startswith(raw)
    assert frame.started_at.dt.day.tolist() == ([2, 4, 9] if complete else [2, 9])
    torn = [p.line for p in journal.check() if p.level == "torn"]
    assert torn == ([] if complete else [3])


def test_complete_last_line_without_line_end_just_gets_one(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1 + ROW2.rstrip("\n")).encode()
    journal.sessions_path.write_bytes(raw)
    _session(journal, 9)
    assert journal.sessions_path.read_bytes()[len(raw) : len(raw) + 1] == b"\n"
    assert len(journal.sessions()) == 3
    assert journal.check() == []


# ----------------------------------------------------------------- repair


def test_repair_backs_up_then_removes_torn_and_copies(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = ("\ufeff" + HEADER + ROW1 + "\n" + ROW1 + ROW2 + ROW2[:20]).encode()
    journal.sessions_path.write_bytes(raw)
    done = journal.repair()
    assert len(done) == 1
    assert done[0].backup.read_bytes() == raw
    assert done[0].backup.name.startswith("sessions.backup-")
    assert [(p.line, p.level) for p in done[0].removed] == [(4, "note"), (6, "torn")]
    assert journal.sessions_path.read_text(encoding="utf-8") == HEADER + ROW1 + ROW2
    assert journal.check() == []
    assert journal.repair() == []  # nothing left to do: no new backup
    assert len(list(psoas_home.glob("sessions.backup-*.csv"))) == 1


def test_repair_leaves_lines_with_bad_values_unless_asked(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    raw = (HEADER + ROW1 + ROW2.replace(",490,", ",-490,")).encode()
    journal.sessions_path.write_bytes(raw)
    with pytest.raises(JournalError, match="line 3"):
        journal.repair()
    assert journal.sessions_path.read_bytes() == raw
    assert list(psoas_home.glob("*.backup-*")) == []
    done = journal.repair(drop_invalid=True)
    assert [(p.line, p.column) for p in done[0].removed] == [(3, "planned_s")]
    assert journal.sessions_path.read_text(encoding="utf-8") == HEADER + ROW1
    assert done[0].backup.read_bytes() == raw


def test_repair_writes_the_standard_form(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    spreadsheet = (
        HEADER.upper().replace(",", ";")
        + ROW1.replace(",", ";").replace("knee-to-chest;low-lunge", '"knee-to-chest;low-lunge"')
    ).replace("\n", "\r\n")
    journal.sessions_path.write_bytes(spreadsheet.encode())
    journal.repair()
    assert journal.sessions_path.read_text(encoding="utf-8") == HEADER + ROW1


# ----------------------------------------------------------------- export and merge


def test_export_csv_and_json(psoas_home: Path, tmp_path: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes((HEADER + ROW1 + ROW2).replace("\n", "\r\n").encode())
    out = journal.export_csv(tmp_path / "out.csv")
    assert out.read_text(encoding="utf-8") == HEADER + ROW1 + ROW2
    data = json.loads(journal.export_json(tmp_path / "out.json").read_text(encoding="utf-8"))
    assert data[1] == {
        "format": 1,
        "started_at": "2026-03-04T18:05:00+01:00",
        "routine_id": "strength-builder",
        "planned_s": 490,
        "completed_s": 300,
        "exercises_done": ["ground-bridge"],
        "tightness_before": 5,
        "tightness_after": None,
        "pain_stop": True,
        "notes": "ouch",
    }
    with pytest.raises(JournalError, match="exists already"):
        journal.export_csv(tmp_path / "out.csv")


def test_merge_adds_only_missing_entries(psoas_home: Path, tmp_path: Path) -> None:
    journal = Journal(psoas_home)
    _session(journal, 2)
    other = tmp_path / "laptop.csv"
    same_instant = ROW1.replace("07:30:00+01:00", "01:30:00-05:00")  # logged abroad
    third = ROW1.replace("2026-03-02", "2026-03-06")
    other.write_text(HEADER + same_instant + ROW2 + third, encoding="utf-8")
    assert journal.merge(other) == 2
    assert journal.merge(other) == 0
    frame = journal.sessions()
    assert frame.started_at.dt.day.tolist() == [2, 4, 6]
    assert journal.sessions_path.read_text(encoding="utf-8") == HEADER + ROW1 + ROW2 + third


def test_merge_reports_a_broken_other_file(psoas_home: Path, tmp_path: Path) -> None:
    other = tmp_path / "laptop.csv"
    other.write_text(HEADER + ROW1.replace(",480,", ",x,", 1), encoding="utf-8")
    with pytest.raises(JournalError, match=r"laptop\.csv, line 2, column C \(planned_s\)"):
        Journal(psoas_home).merge(other)
    assert not Journal(psoas_home).sessions_path.exists()


def test_the_committed_sample_loads_through_the_same_loader(psoas_home: Path) -> None:
    from psoas_lib import DATA_DIR

    journal = Journal(psoas_home)
    assert journal.merge(DATA_DIR / "sample_sessions_synthetic.csv") > 50
    frame = journal.sessions()
    assert frame.notes.str.startswith("synthetic").all()
    assert journal.check() == []
