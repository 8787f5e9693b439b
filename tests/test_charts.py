"""Charts: titles, axis labels with units, the number of bars, empty states, artist counts.

Data are built by hand in the journal's frame shape (see tests/test_progress.py); the
expected bar counts follow from the calendar, as the comments show.
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import re

import matplotlib.colors
import matplotlib.text
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import QuadMesh
from matplotlib.figure import Figure

from psoas_lib.ui import charts
from tests.examples import example_assessments
from tests.test_progress import EMPTY, journal

NOW = "2026-03-25T12:00+01:00"  # Wednesday of the week of 23 Mar 2026

# Four weeks, 2 Mar to 23 Mar: 3 sessions (goal met), 0, 1, 0 (the current week).
FOUR_WEEKS = journal(
    ("2026-03-02T07:30+01:00", 600, "kneeling-hip-flexor-stretch", "desk-reset", 6, 4),
    ("2026-03-04T18:00+01:00", 600, "psoas-march", "strength-builder", 5, 3),
    ("2026-03-06T07:30+01:00", 600, "kneeling-hip-flexor-stretch", "desk-reset"),
    ("2026-03-17T07:30+01:00", 600, "leg-swings", "pre-activity-warm-up", 7, 6),
)

ASSESSMENTS = example_assessments()


def bar_heights(ax) -> list[float]:
    return [patch.get_height() for container in ax.containers for patch in container]


def test_weekly_sessions_chart():
    fig = charts.weekly_sessions_chart(FOUR_WEEKS, now=NOW)
    ax = fig.axes[0]
    assert isinstance(fig, Figure)
    assert ax.get_title() == "Sessions per week"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("week starting (Monday)", "sessions per week")
    assert bar_heights(ax) == [3, 0, 1, 0]  # one bar a week, the empty ones included
    band = [p for p in ax.patches if p not in ax.containers[0].patches]
    assert len(band) == 1  # the goal band, from 3 to 5 sessions
    ys = band[0].get_path().transformed(band[0].get_patch_transform()).vertices[:, 1]
    assert (min(ys), max(ys)) == (3, 5)
    assert "goal: 3–5" in [t.get_text() for t in ax.get_legend().get_texts()]


def test_calendar_heatmap_is_one_mesh_of_days():
    # since Mon 2 Mar to Wed 25 Mar: 4 week columns x 7 days; 24 days so far (2..25 Mar),
    # the last 4 (Thu 26 .. Sun 29) masked; sessions on 2, 4, 6 and 17 Mar
    fig = charts.calendar_heatmap(FOUR_WEEKS, now=NOW, since="2026-03-02")
    ax = fig.axes[0]
    meshes = [c for c in ax.collections if isinstance(c, QuadMesh)]
    assert len(meshes) == 1 and len(ax.collections) == 1
    grid = meshes[0].get_array()
    assert grid.shape == (7, 4)
    assert int(grid.count()) == 24
    assert float(grid.sum()) == 4
    assert (grid[0, 0], grid[2, 0], grid[4, 0], grid[1, 2]) == (1, 1, 1, 1)  # Mon Wed Fri, Tue
    assert ax.get_title() == "Sessions per day"
    assert ax.get_yticklabels()[0].get_text() == "Mon"


def test_calendar_heatmap_starts_where_the_journal_starts():
    # first session Mon 2 Mar, now Wed 25 Mar: the weeks of 2, 9, 16 and 23 Mar, not the 22
    # weeks before the person started
    ax = charts.calendar_heatmap(FOUR_WEEKS, now=NOW).axes[0]
    assert ax.collections[0].get_array().shape == (7, 4)


def test_calendar_heatmap_shows_at_most_the_last_26_weeks():
    # a session on Mon 5 Jan 2026 and now Wed 25 Mar: 12 weeks of history, 2 weeks asked
    old = journal("2026-01-05T08:00+01:00", "2026-03-24T08:00+01:00")
    assert charts.calendar_heatmap(old, now=NOW).axes[0].collections[0].get_array().shape == (
        7,
        12,
    )
    ax = charts.calendar_heatmap(old, now=NOW, weeks=2).axes[0]
    assert ax.collections[0].get_array().shape == (7, 2)  # weeks of 16 and 23 Mar


def test_category_minutes_chart():
    # weeks of 2, 9, 16, 23 Mar; stretching in week 1 (2 x 10 min), strengthening in week 1
    # (10 min), warm-up (works on neither) in week 3 (10 min): 3 categories x 4 weeks = 12 bars
    ax = charts.category_minutes_chart(FOUR_WEEKS, now=NOW).axes[0]
    assert ax.get_title() == "Stretching and strengthening minutes per week"
    assert ax.get_ylabel() == "minutes per week"
    assert len(ax.containers) == 3
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "stretching",
        "strengthening",
        "warm-up (neither)",
    ]
    assert bar_heights(ax) == pytest.approx([20, 0, 0, 0, 10, 0, 0, 0, 0, 0, 10, 0])


def test_tightness_chart():
    # week of 2 Mar: before (6 + 5) / 2 = 5.5, after (4 + 3) / 2 = 3.5; week of 16 Mar: 7, 6
    ax = charts.tightness_chart(FOUR_WEEKS, now=NOW).axes[0]
    assert ax.get_title() == "Tightness before and after sessions"
    assert ax.get_ylabel() == "tightness, weekly mean (0–10)"
    before, after = ax.get_lines()
    assert np.allclose(before.get_ydata(), [5.5, np.nan, 7, np.nan], equal_nan=True)
    assert np.allclose(after.get_ydata(), [3.5, np.nan, 6, np.nan], equal_nan=True)
    # changes -2, -2, -1: average -5/3 = -1.7
    assert any("-1.7" in t.get_text() for t in ax.texts)


def test_assessment_chart():
    ax = charts.assessment_chart(ASSESSMENTS).axes[0]
    assert ax.get_title() == "Self-assessment scores over time"
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("date of assessment", "score (signs ticked)")
    tightness, weakness = ax.get_lines()
    assert list(tightness.get_ydata()) == [3, 2, 1]
    assert list(weakness.get_ydata()) == [1, 1, 0]


EVERY_CHART = [
    ("weekly", lambda s: charts.weekly_sessions_chart(s, now=NOW)),
    ("calendar", lambda s: charts.calendar_heatmap(s, now=NOW)),
    ("minutes", lambda s: charts.category_minutes_chart(s, now=NOW)),
    ("tightness", lambda s: charts.tightness_chart(s, now=NOW)),
]


@pytest.mark.parametrize(("name", "draw"), EVERY_CHART)
def test_empty_journal_gives_words_not_empty_axes(name, draw):
    ax = draw(EMPTY).axes[0]
    assert not ax.axison
    assert "No sessions yet" in ax.texts[0].get_text()
    assert ax.get_title()


def test_no_assessments_gives_words():
    ax = charts.assessment_chart(ASSESSMENTS.iloc[:0]).axes[0]
    assert not ax.axison
    assert ax.texts[0].get_text().startswith("No assessments yet")


def test_no_tightness_ratings_gives_words():
    frame = journal("2026-03-02T07:30+01:00")
    ax = charts.tightness_chart(frame, now=NOW).axes[0]
    assert not ax.axison and "No tightness ratings yet" in ax.texts[0].get_text()


def test_a_period_without_sessions_says_so():
    ax = charts.weekly_sessions_chart(FOUR_WEEKS, now="2027-01-01", since="2026-12-28").axes[0]
    # the week of 28 Dec 2026 has no session but the journal is not empty: a zero bar
    assert bar_heights(ax) == [0]
    ax = charts.calendar_heatmap(FOUR_WEEKS, now="2027-01-01", weeks=1).axes[0]
    assert ax.collections[0].get_array().sum() == 0
    # no minutes to stack, no ratings to draw: words instead of empty axes
    for draw in (charts.category_minutes_chart, charts.tightness_chart):
        ax = draw(FOUR_WEEKS, now="2027-01-01", since="2026-12-28").axes[0]
        assert not ax.axison and "No" in ax.texts[0].get_text()


@pytest.mark.parametrize(("name", "draw"), EVERY_CHART)
def test_draws_into_the_axes_given(name, draw):
    fig = Figure()
    ax = fig.add_subplot()
    assert draw.__call__(FOUR_WEEKS) is not fig  # its own figure without ax=
    drawn = {
        "weekly": charts.weekly_sessions_chart,
        "calendar": charts.calendar_heatmap,
        "minutes": charts.category_minutes_chart,
        "tightness": charts.tightness_chart,
    }[name](FOUR_WEEKS, ax=ax, now=NOW)
    assert drawn is fig


def many(n: int) -> pd.DataFrame:
    """n sessions spread evenly over the same four weeks as FOUR_WEEKS."""
    start = pd.Timestamp("2026-03-02 06:00", tz="UTC")
    times = start + pd.to_timedelta(np.linspace(0, 23 * 86400, n).astype("int64"), unit="s")
    frame = journal(*["2026-03-02T07:00+01:00"] * n)
    frame["started_at"] = times
    frame["tightness_before"] = pd.array([6] * n, dtype="Int64")
    frame["tightness_after"] = pd.array([4] * n, dtype="Int64")
    return frame


@pytest.mark.parametrize(("name", "draw"), EVERY_CHART)
def test_never_one_artist_per_session(name, draw):
    # the same weeks drawn from 10 and from 1000 sessions: the same number of artists
    small, large = draw(many(10)).axes[0], draw(many(1000)).axes[0]
    assert len(large.get_children()) == len(small.get_children())


def test_all_charts_names_and_figures():
    figures = charts.all_charts(FOUR_WEEKS, ASSESSMENTS, now=NOW)
    assert list(figures) == [chart.name for chart in charts.CHARTS]
    assert all(isinstance(f, Figure) for f in figures.values())
    assert len({chart.name for chart in charts.CHARTS}) == len(charts.CHARTS)
    assert all(chart.title for chart in charts.CHARTS)


@pytest.mark.parametrize(
    ("one", "other", "expected"),
    [
        # WCAG: (L1 + 0.05) / (L2 + 0.05); white L = 1, black L = 0
        ("#ffffff", "#000000", 21.0),
        ("#000000", "#000000", 1.0),
        # #777777: channel 0.4667 -> ((0.4667 + 0.055) / 1.055) ** 2.4 = 0.1845; 1.05 / 0.2345
        ("#ffffff", "#777777", 4.48),
    ],
)
def test_contrast(one, other, expected):
    assert charts.contrast(one, other) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("theme", list(charts.THEMES.values()), ids=list(charts.THEMES))
def test_each_theme_has_legible_text(theme):
    assert charts.contrast(theme.ink, theme.ground) >= 4.5


def test_light_theme_colours_each_have_one_role():
    # chart_svg swaps each light colour for its role's variable: no colour may serve two
    # roles, nor be a data colour
    light = [c.lower() for c in charts.LIGHT.roles().values()]
    assert len(set(light)) == len(light)
    assert not set(light) & {c.lower() for c in charts.OKABE_ITO.values()}
    assert charts.LIGHT.roles().keys() == charts.DARK.roles().keys()


def texts(fig: Figure) -> list:
    return [t for t in fig.findobj(matplotlib.text.Text) if t.get_text() and t.get_visible()]


@pytest.mark.parametrize("theme", list(charts.THEMES.values()), ids=list(charts.THEMES))
def test_every_chart_is_drawn_in_the_theme(theme):
    figures = charts.all_charts(FOUR_WEEKS, ASSESSMENTS, now=NOW, theme=theme.name)
    for name, fig in figures.items():
        assert fig.psoas_theme == theme.name
        assert matplotlib.colors.to_hex(fig.get_facecolor()) == theme.ground, name
        colours = {matplotlib.colors.to_hex(t.get_color()) for t in texts(fig)}
        assert colours == {theme.ink}, name


def test_chart_svg_follows_the_page_theme_through_css_variables():
    fig = charts.calendar_heatmap(FOUR_WEEKS, now=NOW)
    svg = charts.chart_svg(fig, alt="Sessions per day")
    assert svg.startswith('<svg class="psoas-chart" role="img" aria-label="Sessions per day"')
    assert 'width="100%"' in svg and "<metadata>" not in svg
    # no theme colour is left bare: each is var(--psoas-chart-<role>, <light colour>)
    for role, colour in charts.LIGHT.roles().items():
        bare = re.findall(rf"(?<!, ){colour}", svg, flags=re.I)
        assert bare == [], role
    assert "var(--psoas-chart-ink, #333333)" in svg
    assert "var(--psoas-chart-heat0, #eeeeee)" in svg  # days without a session
    # the dark theme gives every role a value
    for role, colour in charts.DARK.roles().items():
        assert f"--psoas-chart-{role}: {colour}" in charts.CHART_CSS


def test_importing_psoas_lib_does_not_import_matplotlib():
    import subprocess
    import sys

    code = "import sys, psoas_lib, psoas_lib.progress; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
