"""Share with my physiotherapist (psoas_lib/share/drop.py) and the coach's overview
(psoas_lib/share/clients.py), with real journals and a real drop folder."""

from __future__ import annotations

import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from psoas_lib.journal.store import Journal
from psoas_lib.share.clients import latest_shares, overview
from psoas_lib.share.drop import ShareError, read_part, share_with_physio

NOW = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)


def _journal(home: Path, sessions: list[tuple[int, int | None, bool, str]]) -> None:
    """Sessions as (days before NOW, tightness before, pain stop, notes)."""
    journal = Journal(home)
    for days, before, pain, notes in sessions:
        journal.add_session(
            started_at=NOW - timedelta(days=days),
            routine_id="desk-reset",
            planned_s=600,
            completed_s=300 if pain else 600,
            exercises_done=["knee-to-chest"],
            tightness_before=before,
            tightness_after=None,
            pain_stop=pain,
            notes=notes,
        )


def test_a_share_holds_only_what_was_chosen_dated_never_overwritten(tmp_path: Path) -> None:
    home, drop = tmp_path / "home", tmp_path / "drop"
    drop.mkdir()
    _journal(home, [(2, 5, True, "sharp at the left groin")])
    Journal(home).add_assessment(
        taken_at=NOW, ticked=["long-sitting"], tightness=1, weakness=0, recommendation="x"
    )
    first = share_with_physio(drop, "Alex", home=home, notes=False, now=NOW)
    again = share_with_physio(drop, "Alex", home=home, notes=True, assessments=True, now=NOW)
    # Same second: the second share gets -2, the first is untouched.
    assert [p.name for p in first.files] == [
        "alex_2026-03-30_120000_share.toml",
        "alex_2026-03-30_120000_sessions.csv",
    ]
    assert [p.name for p in again.files] == [
        "alex_2026-03-30_120000-2_share.toml",
        "alex_2026-03-30_120000-2_sessions.csv",
        "alex_2026-03-30_120000-2_assessments.csv",
    ]
    assert list(read_part(first.files[1]).notes) == [""]
    assert list(read_part(again.files[1]).notes) == ["sharp at the left groin"]
    for path in (*first.files, *again.files):
        assert stat.S_IMODE(path.stat().st_mode) == 0o640, path


@pytest.mark.parametrize(
    ("drop", "kwargs", "words"),
    [
        ("missing", {}, "no such folder"),
        ("drop", {"sessions": False}, "nothing chosen"),
    ],
)
def test_a_share_that_cannot_be_written_says_why(
    tmp_path: Path, drop: str, kwargs: dict, words: str
) -> None:
    (tmp_path / "drop").mkdir()
    with pytest.raises(ShareError, match=words):
        share_with_physio(tmp_path / drop, "Alex", home=tmp_path / "home", **kwargs)


def test_the_overview_flags_pain_and_quiet_clients_first(tmp_path: Path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    # Bea: 8 sessions in the last 28 days (days 1..22), no pain; tightness before 7,7,6 ... 4,4,3.
    bea = [(1, 3, False, ""), (4, 4, False, ""), (7, 4, False, ""), (10, 5, False, "")]
    bea += [(13, 5, False, ""), (16, 6, False, ""), (19, 7, False, ""), (22, 7, False, "")]
    _journal(tmp_path / "bea", bea)
    # Cal: last session 12 days ago (quiet), 2 in the window.
    _journal(tmp_path / "cal", [(12, 5, False, ""), (15, 5, False, ""), (40, 6, False, "")])
    # Dan: a pain stop 3 days ago, notes shared; 1 session in the window.
    _journal(tmp_path / "dan", [(3, 6, True, "right hip, front"), (30, 6, False, "")])
    share_with_physio(drop, "Bea", home=tmp_path / "bea", planned_per_week=3, now=NOW)
    share_with_physio(drop, "Cal", home=tmp_path / "cal", planned_per_week=3, now=NOW)
    share_with_physio(drop, "Dan", home=tmp_path / "dan", notes=True, planned_per_week=4, now=NOW)
    # An older share of Bea's is ignored: the latest counts.
    share_with_physio(drop, "Bea", home=tmp_path / "cal", now=NOW - timedelta(days=5))

    table = overview(latest_shares(drop), now=NOW).set_index("client")
    assert list(table.index) == ["Dan", "Cal", "Bea"]  # pain first, then quiet, then the rest
    assert table.loc["Dan", "flag"] == "pain stop ×1"
    assert table.loc["Dan", "where it hurt"] == "right hip, front"
    assert table.loc["Cal", "flag"] == "no session for 12 days"
    assert table.loc["Bea", "flag"] == ""
    assert table.loc["Cal", "where it hurt"] == "not shared"
    # Sessions a week: in the window / 4 weeks. Bea 8/4 = 2, Cal 2/4 = 0.5, Dan 1/4 = 0.25.
    assert list(table["sessions a week"]) == [0.25, 0.5, 2.0]
    assert list(table["planned a week"]) == [4, 3, 3]
    assert table.loc["Bea", "last seen"] == "2026-03-29" and table.loc["Bea", "days since"] == 1
    # Bea's tightness, oldest first 7,7,6,5,5,4,4,3: first three 20/3 = 6.7, last three 11/3 = 3.7.
    assert (table.loc["Bea", "tightness first"], table.loc["Bea", "tightness now"]) == (6.7, 3.7)
    # Dan has two rated sessions: one each side, 6 and 6.
    assert (table.loc["Dan", "tightness first"], table.loc["Dan", "tightness now"]) == (6.0, 6.0)


def test_a_missing_or_empty_drop_folder_has_no_clients(tmp_path: Path) -> None:
    assert latest_shares(tmp_path / "nobody-yet") == []
    assert overview([]).empty


@pytest.mark.parametrize("part", ["share.toml", "sessions.csv"])
def test_a_link_planted_where_the_next_share_goes_is_refused(tmp_path: Path, part: str) -> None:
    """Someone who can write into the drop folder plants a dangling link named like Alex's
    next share, pointing into their own folder: Alex's journal must not go through it."""
    home, drop, theirs = tmp_path / "home", tmp_path / "drop", tmp_path / "attacker"
    drop.mkdir()
    theirs.mkdir()
    _journal(home, [(2, 5, True, "sharp at the left groin")])
    (drop / f"alex_2026-03-30_120000_{part}").symlink_to(theirs / "stolen")
    # The name is taken (by the link), so the share goes under -2: nothing through the link.
    done = share_with_physio(drop, "Alex", home=home, notes=True, now=NOW)
    assert done.stamp == "alex_2026-03-30_120000-2"
    assert not (theirs / "stolen").exists()


def test_a_link_appearing_at_the_very_name_being_written_is_refused(tmp_path: Path) -> None:
    """The link appears after the name was chosen (a race): refused, nothing through it."""
    from psoas_lib.files import write_unlinked

    drop, theirs = tmp_path / "drop", tmp_path / "attacker"
    drop.mkdir()
    theirs.mkdir()
    (drop / "alex_sessions.csv").symlink_to(theirs / "stolen")
    for overwrite in (False, True):
        with pytest.raises(OSError, match="a link is there"):
            write_unlinked(drop / "alex_sessions.csv", b"notes", overwrite=overwrite)
    assert not (theirs / "stolen").exists()
