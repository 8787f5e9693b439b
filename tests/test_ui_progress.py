"""The progress page widget against a real journal in a temporary data folder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import matplotlib

matplotlib.use("Agg")

from psoas_lib.journal.store import Journal
from psoas_lib.ui import charts
from psoas_lib.ui.progress import ProgressView

NOW = "2026-03-25T12:00+01:00"
CET = timezone(timedelta(hours=1))


def test_empty_journal_shows_words_and_the_demo_toggle(psoas_home):
    view = ProgressView(now=NOW)
    assert "journal is empty" in view.message.value
    assert view.demo.layout.display is None
    assert view.charts.children == ()
    assert view.summary.layout.display == "none"
    view.demo.value = True
    assert "Demo data" in view.message.value
    assert len(view.charts.children) == len(charts.CHARTS)
    assert "Sessions this week" in view.summary.value


def test_a_real_journal_is_summarised_and_exported(psoas_home):
    journal = Journal(psoas_home)
    for day in (2, 4, 6):
        journal.add_session(
            started_at=datetime(2026, 3, day, 7, 30, tzinfo=CET),
            routine_id="desk-reset",
            planned_s=480,
            completed_s=480,
            exercises_done=["knee-to-chest"],
            tightness_before=6,
            tightness_after=4,
        )
    view = ProgressView(now=NOW)
    assert view.message.value == ""
    assert view.demo.layout.display == "none"
    # weeks of 2 Mar (3, goal met), 9, 16 (0), 23 Mar (0, in progress): streak 0, longest 1
    assert "0 weeks meeting the goal (longest: 1)" in view.summary.value
    assert {c for w in view.charts.children for c in w._dom_classes} >= {
        "psoas-progress-chart",
        "psoas-progress-chart-weekly-sessions",
    }
    view.save_report.click()
    view.save_png.click()
    saved = sorted(p.name for p in (psoas_home / "exports").iterdir())
    assert len(saved) == 6 and saved[-1].startswith("psoas-weekly-sessions_")
    assert "Saved:" in view.status.value


def test_a_broken_journal_shows_its_message_not_a_traceback(psoas_home):
    (psoas_home / "sessions.csv").write_text("started_at,routine_id\n", encoding="utf-8")
    view = ProgressView(now=NOW)
    assert "psoas-progress-error" in view.message._dom_classes
    assert "sessions.csv" in view.message.value and "planned_s" in view.message.value
    assert "Traceback" not in view.message.value
    view.demo.value = True  # the demo still works beside a broken journal
    assert len(view.charts.children) == len(charts.CHARTS)


def test_export_to_a_folder_that_cannot_be_made_says_so(psoas_home):
    view = ProgressView(now=NOW)
    view.demo.value = True
    blocker = psoas_home / "a-file"
    blocker.write_text("x", encoding="utf-8")
    view.folder.value = str(blocker / "exports")
    view.save_report.click()
    assert "Could not save" in view.status.value


def test_period_picker_changes_the_charts(psoas_home):
    view = ProgressView(now=NOW)
    view.demo.value = True
    before = view.charts.children[0].value
    view.period.value = "4 weeks"
    assert view.charts.children[0].value != before
    assert "psoas-progress-period" in view.period._dom_classes
