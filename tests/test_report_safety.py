"""The report's safety section: clearances and pain reports, as recorded in the journal."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from psoas_lib import Journal, load_catalog
from psoas_lib.ui.report import report_html, safety_records
from tests.examples import example_sessions

PARIS = timezone(timedelta(hours=1))


def test_the_report_shows_the_clearances_and_the_pain_reports(psoas_home):
    journal = Journal(psoas_home)
    journal.add_clearance(
        recorded_at=datetime(2026, 3, 9, 18, tzinfo=PARIS),
        cleared_on=date(2026, 3, 6),
        notes="physio: fine to go on",
    )
    journal.add_clearance(
        recorded_at=datetime(2026, 3, 10, 18, tzinfo=PARIS),
        cleared_on=date(2026, 3, 10),
        exercise_id="low-lunge",
    )
    journal.add_pain_report(
        started_at=datetime(2026, 3, 4, 7, 30, tzinfo=PARIS),
        routine_id="desk-reset",
        exercise_id="knee-to-chest",
        place="lower back",
        pain=5,
    )
    catalog = load_catalog()
    page = report_html(
        example_sessions(), catalog=catalog, now="2026-03-12 09:00", **safety_records(psoas_home)
    )
    section = page[page.index("<h2>Safety</h2>") : page.index("<h2>Charts</h2>")]
    assert "Cleared by a professional" in section
    # seen on 06 Mar, for everything, recorded on 09 Mar; then the low lunge on 10 Mar
    assert "06 Mar 2026" in section and "exercise in general" in section
    assert "physio: fine to go on" in section
    assert catalog.exercises["low-lunge"].name in section
    assert "Pain stops" in section and "lower back" in section and "5/10" in section
    assert catalog.exercises["knee-to-chest"].name in section


def test_no_safety_section_without_records(psoas_home):
    page = report_html(example_sessions(), now="2026-03-12 09:00", **safety_records(psoas_home))
    assert "<h2>Safety</h2>" not in page
