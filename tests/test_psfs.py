"""The Patient-Specific Functional Scale: kept in the journal (psoas_lib/journal/store.py),
summarised (psoas_lib/coaching/psfs.py), asked in a form (psoas_lib/ui/psfs.py), shared and
shown in the coach's overview (psoas_lib/share/), with real files."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from psoas_lib.coaching.psfs import psfs_summary
from psoas_lib.journal.schema import JournalError
from psoas_lib.journal.store import Journal
from psoas_lib.share.clients import latest_shares, overview
from psoas_lib.share.drop import share_with_physio
from psoas_lib.ui.psfs import PsfsForm

T0 = datetime(2026, 3, 2, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("ratings", "words"),
    [
        ([], "0 activities"),
        ([(f"a{n}", 5) for n in range(6)], "6 activities"),
        ([("stairs", 5), ("Stairs", 6)], "different from the others"),
        ([("", 5)], "a name of 1 to 80"),
        ([("x" * 81, 5)], "a name of 1 to 80"),
        ([("stairs", 11)], "0 to 10"),
        ([("stairs", None)], "every activity needs its score"),
    ],
)
def test_a_bad_rating_is_refused_and_nothing_is_written(tmp_path, ratings, words) -> None:
    journal = Journal(tmp_path)
    with pytest.raises(JournalError, match=words):
        journal.add_psfs(rated_at=T0, ratings=ratings)
    assert not journal.psfs_path.exists()


def _rate(journal: Journal, days: int, ratings: list[tuple[str, int]]) -> None:
    journal.add_psfs(rated_at=T0 + timedelta(days=days), ratings=ratings)


def test_ratings_are_kept_summarised_and_due_every_two_weeks(tmp_path) -> None:
    journal = Journal(tmp_path)
    assert psfs_summary(journal.psfs(), today=date(2026, 3, 2)).due == date(2026, 3, 2)
    _rate(journal, 0, [("stairs", 4), ("getting out of a car", 6)])  # mean 5.0
    _rate(journal, 14, [("stairs", 3), ("getting out of a car", 4), ("walking", 5)])  # 4.0
    assert len(journal.psfs()) == 5 and journal.check() == []
    s = psfs_summary(journal.psfs(), today=date(2026, 3, 20))
    assert (s.ratings, s.first, s.latest, s.change, s.fell) == (2, 5.0, 4.0, -1.0, False)
    assert (s.first_on, s.latest_on, s.due) == (
        date(2026, 3, 2),
        date(2026, 3, 16),
        date(2026, 3, 30),
    )
    _rate(journal, 28, [("stairs", 2), ("getting out of a car", 3)])  # 2.5: 2.5 below 5.0
    s = psfs_summary(journal.psfs(), today=date(2026, 3, 31))
    assert (s.latest, s.change, s.fell) == (2.5, -2.5, True)


def test_the_form_saves_what_was_named_and_rated(tmp_path) -> None:
    form = PsfsForm(home=tmp_path)
    (name1, score1), (name2, score2) = form.rows[:2]
    name1.value, score1.value = "stairs", "4"
    name2.value = "walking the dog"  # no score yet
    assert form.save() is False and "both a name and a score" in form.message.value
    score2.value = "7"
    assert form.save() is True and form.message.value == "Saved: 2 activities."
    frame = Journal(tmp_path).psfs()
    assert list(zip(frame.activity, frame.score, strict=True)) == [
        ("stairs", 4),
        ("walking the dog", 7),
    ]
    assert "Function score 5.5 of 10" in form.status.value  # (4 + 7) / 2
    again = PsfsForm(home=tmp_path)  # the same activities are offered next time
    assert [n.value for n, _ in again.rows[:3]] == ["stairs", "walking the dog", ""]


def test_a_fall_of_two_points_is_flagged_in_the_coach_overview(tmp_path) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    now = T0 + timedelta(days=29)
    for name, scores in (("Eve", [(6, 6), (3, 4)]), ("Fay", [(5, 5), (6, 6)])):
        journal = Journal(tmp_path / name)
        journal.add_session(
            started_at=now - timedelta(days=1),
            routine_id="desk-reset",
            planned_s=600,
            completed_s=600,
            exercises_done=[],
        )
        for days, (a, b) in zip((0, 28), scores, strict=True):
            _rate(journal, days, [("stairs", a), ("car", b)])
        share_with_physio(drop, name, home=tmp_path / name, psfs=True, now=now)
    rows = overview(latest_shares(drop, now=now), now=now).set_index("client")
    # Eve: 6.0 then 3.5, a fall of 2.5; Fay: 5.0 then 6.0, up 1.
    assert rows.loc["Eve", "flag"] == "function fell 2.5 points"
    assert tuple(rows.loc["Eve", ["function first", "function now", "function change"]]) == (
        6.0,
        3.5,
        -2.5,
    )
    assert rows.loc["Fay", "flag"] == ""
    assert rows.loc["Fay", "function change"] == 1.0
    assert list(rows.index) == ["Eve", "Fay"]  # the flagged client first


def test_the_chart_shows_each_ratings_mean_and_the_first_as_a_line(tmp_path) -> None:
    from psoas_lib.ui.psfs import psfs_chart

    journal = Journal(tmp_path)
    _rate(journal, 0, [("stairs", 4), ("car", 6)])  # 5.0
    _rate(journal, 14, [("stairs", 7), ("car", 8)])  # 7.5
    ax = psfs_chart(home=tmp_path).axes[0]
    scores, first = ax.get_lines()
    assert list(scores.get_ydata()) == [5.0, 7.5]
    assert list(first.get_ydata()) == [5.0, 5.0] and first.get_linestyle() == "--"
    assert ax.get_ylim() == (0.0, 10.5)


@pytest.mark.parametrize(
    ("theme", "ground", "ink"),
    [
        ("light", (1.0, 1.0, 1.0, 1.0), "#333333"),
        ("dark", (30 / 255, 30 / 255, 30 / 255, 1.0), "#e0e0e0"),
    ],
)
def test_the_chart_with_ratings_is_drawn_in_the_pages_theme(tmp_path, theme, ground, ink) -> None:
    from matplotlib.colors import to_hex

    from psoas_lib.ui.psfs import psfs_chart

    journal = Journal(tmp_path)
    _rate(journal, 0, [("stairs", 4)])
    fig = psfs_chart(home=tmp_path, theme=theme)
    ax = fig.axes[0]
    assert fig.psoas_theme == theme
    assert tuple(round(c, 4) for c in fig.get_facecolor()) == tuple(round(c, 4) for c in ground)
    assert to_hex(ax.title.get_color()) == ink and to_hex(ax.yaxis.label.get_color()) == ink


def test_the_shared_report_holds_the_function_scores_when_they_are_shared(tmp_path) -> None:
    from psoas_lib.ui.share import share_now

    home, drop = tmp_path / "home", tmp_path / "drop"
    drop.mkdir()
    journal = Journal(home)
    _rate(journal, 0, [("stairs", 6), ("car", 6)])  # 6.0
    _rate(journal, 14, [("stairs", 3), ("car", 4)])  # 3.5: a fall of 2.5
    done = share_now(drop, "Eve", home=home, psfs=True)
    assert [p.name.split("_")[-1] for p in done.files] == [
        "share.toml",
        "sessions.csv",
        "psfs.csv",
        "report.html",
    ]
    page = done.files[-1].read_text()
    assert "Function scores (Patient-Specific Functional Scale)" in page
    assert "6 of 10" in page and "3.5 of 10" in page
    assert "Since the first rating: -2.5 points (a fall of 2 points or more" in page
    without = share_now(drop, "Eve", home=home, psfs=False)
    assert "Function scores" not in without.files[-1].read_text()


def test_the_home_page_says_when_the_function_scores_are_due(tmp_path) -> None:
    """Due at the start, then 14 days after the latest rating (rated 2 March: due 16 March)."""
    from psoas_lib.ui.app import HomePage

    home = tmp_path / "home"
    first = HomePage(home, now="2026-03-02 09:00")
    assert "Your function scores are due</b> (the first time" in first.today.value
    _rate(Journal(home), 0, [("stairs", 5)])
    assert "function scores are due" not in HomePage(home, now="2026-03-15 09:00").today.value
    again = HomePage(home, now="2026-03-16 09:00").today.value
    assert "Your function scores are due</b>: rate" in again and "03_my_progress" in again
