"""The physiotherapist's report and the PNG export: content, embedding, never overwriting."""

from __future__ import annotations

import html
import re

import matplotlib

matplotlib.use("Agg")

from psoas_lib.ui import charts, report
from tests.examples import example_assessments
from tests.test_progress import EMPTY, journal

NOW = "2026-03-25T12:00+01:00"
SESSIONS = journal(
    ("2026-03-02T07:30+01:00", 600, "kneeling-hip-flexor-stretch", "desk-reset", 6, 4),
    ("2026-03-04T18:00+01:00", 600, "psoas-march", "strength-builder", 5, 3),
    ("2026-03-06T07:30+01:00", 600, "kneeling-hip-flexor-stretch", "desk-reset"),
)
PNG = b"\x89PNG\r\n\x1a\n"


def images(page: str) -> list[str]:
    """The inline SVG charts of a report page."""
    return re.findall(r'<svg class="psoas-chart" role="img".*?</svg>', page, flags=re.S)


def test_report_has_the_summary_the_exercises_and_every_chart():
    page = report.report_html(SESSIONS, example_assessments(), now=NOW)
    svgs = images(page)
    assert len(svgs) == len(charts.CHARTS)
    # each named by its record's title, in the records' order
    labels = [re.search(r'aria-label="([^"]*)"', s).group(1) for s in svgs]
    assert labels == [html.escape(c.title) for c in charts.CHARTS]
    # this week (of 23 Mar): 0; March so far: 3 x 600 s = 30 minutes;
    # the kneeling stretch in 2 sessions, the march in 1
    assert "<td>Sessions this week</td><td>0 (goal: 3–5)</td>" in page
    assert "<td>Minutes this month</td><td>30</td>" in page
    assert re.search(r"Kneeling hip-flexor[^<]*</td><td>stretch</td><td>2</td>", page)
    assert "not a diagnosis" in page
    assert page.startswith("<!DOCTYPE html>") and 'charset="utf-8"' in page


def test_report_of_an_empty_journal_still_reads_well():
    page = report.report_html(EMPTY, now=NOW)
    assert len(images(page)) == len(charts.CHARTS)
    assert "no sessions recorded yet" in page
    assert "No exercises recorded in this period." in page


def test_report_names_are_escaped():
    page = report.report_html(SESSIONS, now=NOW, name="<b>Sam</b>")
    assert "&lt;b&gt;Sam&lt;/b&gt;" in page and "<b>Sam</b>" not in page


def test_exports_default_to_the_data_home_and_never_overwrite(psoas_home):
    first = report.export_report(SESSIONS, now=NOW)
    second = report.export_report(SESSIONS, now=NOW)
    assert first.parent == second.parent == psoas_home / "exports"
    assert first.name == "psoas-progress-report_2026-03-25_120000.html"
    assert second.name == "psoas-progress-report_2026-03-25_120000-2.html"
    assert first.read_bytes() == second.read_bytes()


def test_an_existing_file_is_left_byte_for_byte(tmp_path):
    taken = tmp_path / "psoas-weekly-sessions_2026-03-25_120000.png"
    taken.write_bytes(b"mine")
    written = report.export_charts(SESSIONS, folder=tmp_path, now=NOW)
    assert taken.read_bytes() == b"mine"
    assert [p.name for p in written] == [
        "psoas-weekly-sessions_2026-03-25_120000-2.png",
        "psoas-calendar_2026-03-25_120000.png",
        "psoas-category-minutes_2026-03-25_120000.png",
        "psoas-tightness_2026-03-25_120000.png",
        "psoas-assessments_2026-03-25_120000.png",
    ]
    assert all(p.read_bytes().startswith(PNG) for p in written)


def test_export_creates_the_folder_the_user_picks(tmp_path):
    folder = tmp_path / "for" / "my physio"
    path = report.export_report(SESSIONS, folder=folder, now=NOW)
    assert path.parent == folder and path.exists()


def test_report_is_black_on_white_in_print_and_follows_a_dark_screen():
    page = report.report_html(SESSIONS, now=NOW)
    # the dark values live only in a screen-and-dark media query: print keeps the light
    # fallbacks (ink #333333 on white)
    dark = page[page.index("@media screen and (prefers-color-scheme: dark)") :]
    dark = dark[: dark.index("</style>")]
    assert f"--psoas-chart-ink: {charts.DARK.ink}" in dark
    assert "var(--psoas-chart-ink, #333333)" in page
    assert "@media print" not in page or "prefers-color-scheme" not in page.split("@media print")[1]
