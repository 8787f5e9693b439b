"""Check my journal (ui/journal_check.py): every problem listed, the repair, the exports."""

from __future__ import annotations

import base64
import json
import re
from datetime import UTC, datetime

import pytest

from psoas_lib.journal.store import Journal
from psoas_lib.ui.journal_check import JournalCheck


def _log(home):
    Journal(home).add_session(
        started_at=datetime(2026, 3, 2, 7, 30, tzinfo=UTC),
        routine_id="desk-reset",
        planned_s=600,
        completed_s=540,
        exercises_done=["knee-to-chest"],
    )


def test_a_fine_journal_says_so(psoas_home):
    _log(psoas_home)
    (psoas_home / "sessions.csv").chmod(0o600)
    view = JournalCheck(psoas_home)
    assert view.problems == 0 and "fine" in view.report.value and view.repair_button.disabled


def test_a_bad_value_needs_the_drop_tick_to_be_repaired(psoas_home):
    _log(psoas_home)
    with open(psoas_home / "sessions.csv", "a") as out:
        out.write("2026-03-03T07:30:00+00:00,desk-reset,-5,540,knee-to-chest,,,false,,1\n")
    view = JournalCheck(psoas_home)
    assert view.problems == 1
    assert "<td>sessions.csv</td><td>3</td><td>planned_s</td>" in view.report.value
    view.repair()  # without the tick: refused, nothing changed
    assert "Not repaired" in view.status.value and view.problems == 1
    view.drop.value = True
    view.repair()
    assert view.problems == 0 and "kept as" in view.status.value
    assert len(Journal(psoas_home).sessions()) == 1


def test_the_list_follows_the_journal(psoas_home):
    view = JournalCheck(psoas_home)
    assert view.problems == 0
    _log(psoas_home)
    with open(psoas_home / "sessions.csv", "ab") as out:
        out.write(b"2026-03-03T07:30:00+01:00,desk-re")  # torn
    _log(psoas_home)  # any write announces: the view checks again
    assert view.problems >= 1


@pytest.mark.parametrize("form", ["csv", "json"])
def test_the_journal_is_written_and_offered_as_a_download(psoas_home, form):
    _log(psoas_home)
    view = JournalCheck(psoas_home)
    view.export_buttons["sessions", form].click()
    written = list((psoas_home / "exports").glob(f"psoas-sessions-*.{form}"))
    assert len(written) == 1
    data = base64.b64decode(re.search(r"base64,([^\"]+)", view.downloads.value).group(1))
    assert data == written[0].read_bytes()
    if form == "json":
        assert [r["routine_id"] for r in json.loads(data)] == ["desk-reset"]
    else:
        assert data.decode().splitlines()[1].startswith("2026-03-02T07:30:00+00:00,desk-reset")
