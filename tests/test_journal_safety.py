"""The journal's clearances and pain reports: the same guarantees as sessions and assessments."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pandas as pd
import pytest

from psoas_lib.journal.schema import CLEARANCES, PAIN_REPORTS
from psoas_lib.journal.store import Journal, JournalError

PARIS = timezone(timedelta(hours=1))
WHEN = datetime(2026, 3, 9, 18, 0, tzinfo=PARIS)


def test_a_clearance_and_a_pain_report_are_one_line_each(psoas_home):
    journal = Journal(psoas_home)
    journal.add_clearance(recorded_at=WHEN, cleared_on=date(2026, 3, 9), notes="physio, ok")
    journal.add_pain_report(
        started_at=WHEN, routine_id="desk-reset", exercise_id="low-lunge", place="groin", pain=6
    )
    assert journal.clearances_path.read_text(encoding="utf-8") == (
        "recorded_at,cleared_on,exercise_id,notes,format\n"
        '2026-03-09T18:00:00+01:00,2026-03-09,,"physio, ok",1\n'
    )
    assert journal.pain_reports_path.read_text(encoding="utf-8") == (
        "started_at,routine_id,exercise_id,place,pain,notes,format\n"
        "2026-03-09T18:00:00+01:00,desk-reset,low-lunge,groin,6,,1\n"
    )
    report = journal.pain_reports().iloc[0]
    assert (report.place, int(report.pain), int(report.utc_offset_min)) == ("groin", 6, 60)
    assert journal.check() == []


def test_an_old_journal_loads_unchanged(psoas_home):
    journal = Journal(psoas_home)
    journal.add_session(
        started_at=WHEN,
        routine_id="desk-reset",
        planned_s=480,
        completed_s=480,
        exercises_done=["knee-to-chest"],
    )
    before = journal.sessions_path.read_bytes()
    assert journal.clearances().empty and journal.pain_reports().empty
    assert journal.check() == [] and journal.repair() == []
    assert journal.sessions_path.read_bytes() == before
    assert not journal.clearances_path.exists() and not journal.pain_reports_path.exists()


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda j: j.add_clearance(recorded_at=WHEN, cleared_on="2026-03-09"), "cleared_on"),
        (lambda j: j.add_clearance(recorded_at=WHEN, cleared_on=date(2026, 3, 10)), "cleared_on"),
        (
            lambda j: j.add_clearance(
                recorded_at=WHEN.replace(tzinfo=None), cleared_on=date.today()
            ),
            "recorded_at",
        ),
        (lambda j: j.add_pain_report(started_at=WHEN, routine_id="d", place="neck"), "place="),
        (lambda j: j.add_pain_report(started_at=WHEN, routine_id="d", pain=11), "pain="),
        (lambda j: j.add_pain_report(started_at=WHEN, routine_id="", pain=2), "routine_id="),
        # no rating, and not said to be "not rated": refused, never silent
        (lambda j: j.add_pain_report(started_at=WHEN, routine_id="d", place="hip"), "not_rated"),
        (
            lambda j: j.add_pain_report(started_at=WHEN, routine_id="d", pain=3, not_rated=True),
            "not_rated",
        ),
    ],
)
def test_bad_values_are_refused_by_name_and_nothing_is_written(psoas_home, call, named):
    journal = Journal(psoas_home)
    with pytest.raises(JournalError, match=named) as caught:
        call(journal)
    assert "not saved" in str(caught.value)
    assert not journal.clearances_path.exists() and not journal.pain_reports_path.exists()


def test_a_bad_cell_is_named_by_file_line_and_column(psoas_home):
    journal = Journal(psoas_home)
    journal.pain_reports_path.write_text(
        PAIN_REPORTS.header_line + "\n2026-03-09T18:00:00+01:00,desk-reset,low-lunge,hip,12,,1\n",
        encoding="utf-8",
    )
    with pytest.raises(JournalError) as caught:
        journal.pain_reports()
    # the fifth column, E, holds the pain; the bad line is the file's second
    assert str(caught.value).startswith("pain_reports.csv, line 2, column E (pain)") or (
        "pain_reports.csv, line 2, column E (pain)" in str(caught.value)
    )


def test_check_and_repair_know_the_new_files(psoas_home):
    journal = Journal(psoas_home)
    journal.add_clearance(recorded_at=WHEN, cleared_on=date(2026, 3, 9))
    with open(journal.clearances_path, "ab") as out:
        out.write(b"2026-03-10T18:00:00+01:00,2026-")  # a crash in the middle of a write
    problems = journal.check()
    assert [(p.path.endswith("clearances.csv"), p.line, p.level) for p in problems] == [
        (True, 3, "torn")
    ]
    [repaired] = journal.repair()
    assert repaired.path == journal.clearances_path and repaired.backup.exists()
    assert journal.check() == [] and len(journal.clearances()) == 1
    assert journal.clearances_path.read_text(encoding="utf-8").startswith(CLEARANCES.header_line)


def test_a_report_not_rated_says_so_in_its_notes(psoas_home):
    journal = Journal(psoas_home)
    journal.add_pain_report(
        started_at=WHEN, routine_id="desk-reset", place="hip", notes="pinch", not_rated=True
    )
    report = journal.pain_reports().iloc[0]
    assert report.notes == "[not rated] pinch" and pd.isna(report.pain)


def test_export_and_merge_work_on_the_new_files(psoas_home, tmp_path):
    journal = Journal(psoas_home)
    journal.add_pain_report(started_at=WHEN, routine_id="desk-reset", place="knee", pain=3)
    exported = journal.export_csv(tmp_path / "pain.csv", "pain_reports")
    other = Journal(tmp_path / "other")
    assert other.merge(exported, "pain_reports") == 1
    assert other.merge(exported, "pain_reports") == 0  # already there
    assert other.pain_reports().iloc[0].place == "knee"
