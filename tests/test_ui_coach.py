"""The programme import on the plan page, the share widget and the coach view, as widgets
on real files (what the browser shows is in tests/test_hub.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from psoas_lib.journal.store import Journal
from psoas_lib.plan.programme import read_programme
from psoas_lib.share.clients import latest_shares
from psoas_lib.ui.coach import CoachView, ProgrammeWriter
from psoas_lib.ui.plan import PlanPage
from psoas_lib.ui.share import ShareView
from tests.test_programme import GOOD


def test_the_plan_page_imports_a_programme_and_says_who_it_is_from(
    tmp_path: Path, psoas_home: Path
) -> None:
    source = tmp_path / "from-ana.toml"
    source.write_text(GOOD)
    page = PlanPage(psoas_home)
    assert "No programme from a physiotherapist yet" in page.programme.current.value
    page.programme.path.value = str(tmp_path / "nope.toml")
    assert page.programme.load() is None
    assert "Not imported" in page.programme.message.value
    page.programme.path.value = str(source)
    assert page.programme.load() is not None
    assert "From your physiotherapist Ana Silva" in page.programme.current.value
    assert "Monday 07 December 2026" in page.programme.current.value
    # Run again from the top: the plan is the programme's.
    again = PlanPage(psoas_home)
    assert [d.routine_id for d in again.plan.days] == ["ana-hips", "desk-reset", "ana-hips"]


def test_share_then_the_coach_sees_the_client(tmp_path: Path, psoas_home: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    now = datetime.now(UTC)
    Journal(psoas_home).add_session(
        started_at=now - timedelta(days=2),
        routine_id="desk-reset",
        planned_s=600,
        completed_s=200,
        exercises_done=[],
        tightness_before=6,
        pain_stop=True,
        notes="left groin",
    )
    view = ShareView(home=psoas_home, drop=drop)
    view.name.value = "Alex"
    view.choices["notes"].value = True
    done = view.share()
    assert done is not None and "Shared:" in view.message.value
    assert [p.name.split("_")[-1] for p in done.files] == [
        "share.toml",
        "sessions.csv",
        "report.html",
    ]
    assert "Psoas Coach progress report for Alex" in done.files[2].read_text()
    [share] = latest_shares(drop)
    assert share.planned_per_week == 3  # the default plan: Monday, Wednesday, Friday
    coach = CoachView(drop).value
    assert "1 clients shared; 1 flagged" in coach and "left groin" in coach
    assert "psoas-flagged" in coach


def test_the_coach_writes_a_programme_the_client_can_read(tmp_path: Path, psoas_home: Path) -> None:
    writer = ProgrammeWriter(home=psoas_home, folder=tmp_path)
    writer.therapist.value = "Ana Silva"
    writer.note.value = "Three times a week."
    writer.start.value = date(2026, 12, 7)
    path = writer.write()
    assert path == tmp_path / "programme.toml", writer.message.value
    programme = read_programme(path)
    assert (programme.therapist, programme.start) == ("Ana Silva", date(2026, 12, 7))
    assert writer.write() is None and "already" in writer.message.value


def test_the_plan_page_imports_an_uploaded_programme(psoas_home: Path) -> None:
    """What the browser's file picker sends (name and bytes) is imported, all or nothing."""
    page = PlanPage(psoas_home)
    box = page.programme

    def sent(name: str, data: bytes) -> tuple[dict, ...]:  # as ipywidgets gets it from the page
        return (
            {
                "name": name,
                "type": "application/toml",
                "size": len(data),
                "content": memoryview(data),
                "last_modified": datetime.now(UTC),
            },
        )

    box.upload.value = sent("deep.toml", b"x = " + b"[" * 5000)
    assert "Not imported: deep.toml: brackets nested 5000 deep" in box.message.value
    assert "Nothing you had was changed" in box.message.value
    assert "No programme from a physiotherapist yet" in box.current.value
    box.upload.value = sent("ana.toml", GOOD.encode())
    assert "Imported the programme from Ana Silva" in box.message.value
    assert "From your physiotherapist Ana Silva" in box.current.value
    assert box.upload.value == ()  # ready for the next file
    assert [d.routine_id for d in PlanPage(psoas_home).plan.days] == [
        "ana-hips",
        "desk-reset",
        "ana-hips",
    ]
