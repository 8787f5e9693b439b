"""What Check my form kept, where it shows: My progress, the report, the share to the
physiotherapist (a tickable part, checked in the manifest) and the coach's overview."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import matplotlib
import pytest

matplotlib.use("Agg")

from psoas_lib.journal.store import FormCheckRow, Journal
from psoas_lib.share.clients import latest_shares, overview
from psoas_lib.ui.coach import CoachView
from psoas_lib.ui.progress import ProgressView
from psoas_lib.ui.report import report_html
from psoas_lib.ui.share import ShareView, share_now

CET = timezone(timedelta(hours=1))
START = datetime(2026, 3, 2, 7, 30, tzinfo=CET)
NOW = "2026-03-25T12:00+01:00"
#: Three sessions: days 0 and 3 (the first week: back hip 190 and 194, median 192), day 20 at
#: 199, 7 further; the bridge only once (its first week). The last lunge: 41 of 50 s in.
KEPT = [
    (0, [FormCheckRow("low-lunge", 40, 20, 5, "hip:back", 190)]),
    (3, [FormCheckRow("low-lunge", 40, 30, 0, "hip:back", 194)]),
    (
        20,
        [
            FormCheckRow("low-lunge", 50, 41, 2, "hip:back", 199),
            FormCheckRow("ground-bridge", 30, 27, 0, "hip:seen", 170),
        ],
    ),
]
LUNGE_WORDS = "in position 82 % of the hold; further than in your first week with the check"
BRIDGE_WORDS = (
    "in position 90 % of the hold; your first week with the check: later sessions are "
    "compared with it"
)


def fill(home):
    journal = Journal(home)
    for day, rows in KEPT:
        when = START + timedelta(days=day)
        journal.add_session(
            started_at=when,
            routine_id="desk-reset",
            planned_s=480,
            completed_s=480,
            exercises_done=[r.exercise_id for r in rows],
        )
        journal.add_form_checks(started_at=when, routine_id="desk-reset", rows=rows)
    return journal


def test_my_progress_shows_each_exercise_against_the_first_week(psoas_home):
    fill(psoas_home)
    view = ProgressView(now=NOW)
    assert view.form.layout.display is None
    assert "<h3>Check my form</h3>" in view.form.value
    assert f"<td>Low lunge (Anjaneyasana)</td><td>3</td><td>{LUNGE_WORDS}</td>" in view.form.value
    assert (
        f"<td>Ground bridge with pelvic tilt</td><td>1</td><td>{BRIDGE_WORDS}</td>"
        in view.form.value
    )
    assert "°" not in view.form.value
    view.save_report.click()  # the report for the physiotherapist has the section too
    (saved,) = (psoas_home / "exports").glob("psoas-progress-report_*.html")
    assert LUNGE_WORDS in saved.read_text(encoding="utf-8")
    view.demo.value = True  # made-up sessions: no form checks of anybody's shown
    assert view.form.layout.display == "none"


def test_my_progress_says_how_to_start_when_nothing_was_kept(psoas_home):
    Journal(psoas_home).add_session(
        started_at=START, routine_id="desk-reset", planned_s=60, completed_s=60, exercises_done=[]
    )
    view = ProgressView(now=NOW)
    assert "turn on Check my form in the player" in view.form.value


def test_a_broken_form_file_is_named_and_the_rest_still_shows(psoas_home):
    journal = fill(psoas_home)
    with open(journal.form_checks_path, "a", encoding="utf-8") as out:
        out.write("2026-03-24T07:30:00+01:00,desk-reset,low-lunge,50,41,4,hip:back,400,1\n")
    view = ProgressView(now=NOW)
    assert "The form checks could not be read" in view.form.value
    assert "line 6, column H (angle_deg)" in view.form.value
    assert "Sessions this week" in view.summary.value


def test_the_report_has_a_printable_section_only_when_kept(psoas_home):
    journal = fill(psoas_home)
    page = report_html(journal.sessions(), form_checks=journal.form_checks(), now=NOW)
    assert "<h2>Check my form</h2>" in page and LUNGE_WORDS in page
    assert "not a measurement of range of motion" in page
    assert "Check my form" not in report_html(journal.sessions(), now=NOW)


def test_the_form_checks_are_shared_when_ticked_and_shown_to_the_coach(tmp_path):
    home, drop = tmp_path / "home", tmp_path / "drop"
    drop.mkdir()
    fill(home)
    view = ShareView(home=home, drop=drop)
    view.choices["form_checks"].value = True
    done = view.share()
    assert done is not None
    assert [p.name.split("_", 3)[-1] for p in done.files] == [
        "share.toml",
        "sessions.csv",
        "form_checks.csv",
        "report.html",
    ]
    assert 'parts = [\n    "sessions",\n    "form_checks",' in done.files[0].read_text()
    assert LUNGE_WORDS in done.files[-1].read_text()
    (row,) = overview(latest_shares(drop)).to_dict("records")
    assert row["form check"] == (
        f"Low lunge (Anjaneyasana): {LUNGE_WORDS}; Ground bridge with pelvic tilt: {BRIDGE_WORDS}"
    )
    assert LUNGE_WORDS in CoachView(drop).value
    plain = share_now(drop, "Eve", home=home)  # not ticked: not shared
    assert not any("form_checks" in p.name for p in plain.files)


def test_a_shared_form_file_with_a_bad_line_is_named_on_the_clients_row(tmp_path):
    home, drop = tmp_path / "home", tmp_path / "drop"
    drop.mkdir()
    fill(home)
    done = share_now(drop, "Eve", home=home, form_checks=True, report=False)
    shared = next(p for p in done.files if p.name.endswith("form_checks.csv"))
    shared.write_text(shared.read_text() + "2026-03-24T07:30:00+01:00,desk-reset,,1,1,0,,,1\n")
    (share,) = latest_shares(drop)
    assert "form_checks.csv, line 6, column C (exercise_id)" in share.problem


@pytest.mark.parametrize("parts", ['["form-checks"]', '"form_checks"'])
def test_the_manifest_names_only_known_parts(tmp_path, parts):
    home, drop = tmp_path / "home", tmp_path / "drop"
    drop.mkdir()
    fill(home)
    done = share_now(drop, "Eve", home=home, form_checks=True, report=False)
    manifest = done.files[0]
    text = manifest.read_text()
    start = text.index("parts = [")
    end = text.index("]", start) + 1
    manifest.write_text(text[:start] + f"parts = {parts}" + text[end:])
    (share,) = latest_shares(drop)
    assert "field 'parts'" in share.problem and share.shared_at is None
