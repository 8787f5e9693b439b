"""Progress charts (matplotlib): each function returns its Figure and accepts ``ax=``.

Figures are built without pyplot, so nothing piles up in memory and nothing is drawn twice
in a notebook (``psoas_lib`` shows a returned Figure as a PNG). Every chart aggregates first
and then draws a fixed handful of artists, however long the journal. With nothing to show, a
chart is a short friendly sentence with the axes hidden, never an empty frame.

Colours come from the Okabe–Ito palette, which stays distinguishable with colour blindness.
>>> fig = assessment_chart(example_assessments())
>>> fig.axes[0].get_title(), fig.axes[0].get_ylabel()
('Self-assessment scores over time', 'score (signs ticked)')
>>> import pandas as pd
>>> fig = assessment_chart(example_assessments().iloc[:0])
>>> fig.axes[0].axison, "No assessments yet" in fig.axes[0].texts[0].get_text()
(False, True)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from io import BytesIO
from typing import TYPE_CHECKING, Any, cast

import matplotlib as mpl
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from psoas_lib import progress
from psoas_lib.journal.reading import empty_frame
from psoas_lib.journal.schema import ASSESSMENTS
from psoas_lib.progress import Now, Zone

if TYPE_CHECKING:
    from psoas_lib.content.catalog import Catalog

__all__ = [
    "CHARTS",
    "CHART_CSS",
    "DARK",
    "LIGHT",
    "OKABE_ITO",
    "THEMES",
    "Chart",
    "ChartTheme",
    "all_charts",
    "assessment_chart",
    "calendar_heatmap",
    "category_minutes_chart",
    "chart_svg",
    "contrast",
    "decorate",
    "message_figure",
    "themed",
    "tightness_chart",
    "weekly_sessions_chart",
]

#: The Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}
FIGSIZE = (8, 3.6)

NO_ASSESSMENTS = "No assessments yet: take the self-assessment and save it to start your history."
NO_SESSIONS = "No sessions yet: run a routine and save it to the journal to see it here."
NO_SESSIONS_IN_PERIOD = "No sessions in this period: pick a longer one to see your history."
NO_TIGHTNESS = (
    "No tightness ratings yet: rate your tightness before and after a session "
    "to see whether it eases."
)

#: Colours of the minute categories (what the exercises work on, :data:`progress.CATEGORIES`).
CATEGORY_COLOURS = {
    "stretching": OKABE_ITO["blue"],
    "strengthening": OKABE_ITO["vermillion"],
    "neither": OKABE_ITO["orange"],
    progress.OTHER: OKABE_ITO["grey"],
}
#: The legend's words where a category's id would not say enough (warm-ups work on neither).
CATEGORY_LABELS = {"neither": "warm-up (neither)"}


@dataclass(frozen=True)
class ChartTheme:
    """The colours a chart takes from the page's theme (the data keep the Okabe–Ito hues).

    ``ink`` (text, ticks, axes) has 4.5:1 or more against ``ground`` (the chart's card);
    ``heat`` colours the calendar's 0, 1, 2 and 3+ sessions a day. The light theme's
    colours are each used for one role only, so a chart drawn light can be handed to the
    browser with every one of them swapped for a CSS variable (:func:`chart_svg`).
    """

    name: str
    ink: str
    grid: str
    ground: str
    heat: tuple[str, str, str, str]

    def roles(self) -> dict[str, str]:
        """Role name -> colour, for the CSS variables ``--psoas-chart-<role>``."""
        heat = {f"heat{k}": c for k, c in enumerate(self.heat)}
        return {"ink": self.ink, "grid": self.grid, "ground": self.ground, **heat}

    def rc(self) -> dict[str, Any]:
        """The matplotlib style (rcParams) of this theme."""
        return {
            "text.color": self.ink,
            "axes.labelcolor": self.ink,
            "axes.titlecolor": self.ink,
            "axes.edgecolor": self.ink,
            "xtick.color": self.ink,
            "ytick.color": self.ink,
            "xtick.labelcolor": self.ink,
            "ytick.labelcolor": self.ink,
            "legend.labelcolor": self.ink,
            "hatch.color": self.ink,
            "grid.color": self.grid,
            "figure.facecolor": self.ground,
            "axes.facecolor": self.ground,
            "savefig.facecolor": self.ground,
            "savefig.edgecolor": self.ground,
        }


#: On white: ink #333333 12.6:1. The heat colours are one step off the palette's blues
#: (#56b4e8, #0072b1) so they stay apart from the bars' blue when swapped for the theme's.
LIGHT = ChartTheme(
    "light",
    ink="#333333",
    grid="#dddddd",
    ground="#ffffff",
    heat=("#eeeeee", "#a9d3ef", "#56b4e8", "#0072b1"),
)
#: On #1e1e1e: ink #e0e0e0 13.0:1. More sessions a day are brighter, as on white darker.
DARK = ChartTheme(
    "dark",
    ink="#e0e0e0",
    grid="#444444",
    ground="#1e1e1e",
    heat=("#2e2e2e", "#1d4f73", "#3a8fc7", "#8fcbf2"),
)
THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
INK = LIGHT.ink


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21).

    >>> round(contrast("#ffffff", "#000000"), 1), round(contrast(LIGHT.ink, LIGHT.ground), 1)
    (21.0, 12.6)
    """
    from matplotlib.colors import to_rgb

    def luminance(colour: str) -> float:
        channels = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(colour)
        ]
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _theme() -> ChartTheme:
    """The theme of the chart being drawn (set by :func:`themed`)."""
    return _current[-1] if _current else LIGHT


_current: list[ChartTheme] = []


def themed(draw: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw with a theme's matplotlib style (``theme="light"`` or ``"dark"``; by default the
    theme of the chart being drawn, else light); the Figure remembers it as ``psoas_theme``."""

    @functools.wraps(draw)
    def drawn(*args: Any, theme: str | ChartTheme | None = None, **kwargs: Any) -> Figure:
        chosen = _theme() if theme is None else THEMES[theme] if isinstance(theme, str) else theme
        _current.append(chosen)
        try:
            with mpl.rc_context(cast(Any, chosen.rc())):  # stubs want literal rc keys
                fig = draw(*args, **kwargs)
        finally:
            _current.pop()
        fig.psoas_theme = chosen.name  # type: ignore[attr-defined]
        return fig

    return drawn


def _axes(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> Axes:
    """The given axes, or the axes of a new Figure (no pyplot)."""
    if ax is not None:
        return ax
    return Figure(figsize=figsize, layout="constrained").add_subplot()


def decorate(
    ax: Axes, title: str = "", xlabel: str = "", ylabel: str = "", dates: bool = False
) -> Figure:
    """Give ``ax`` its title and axis labels, drop the chart junk; return its Figure.

    Removes the top and right spines, keeps a light horizontal grid behind the data and,
    with ``dates=True``, puts concise, readable dates on the x axis.

    >>> ax = _axes(None)
    >>> fig = decorate(ax, title="T", xlabel="week", ylabel="sessions")
    >>> ax.get_title(), ax.get_xlabel(), ax.spines["top"].get_visible()
    ('T', 'week', False)
    """
    ax.set_title(title, fontsize=12, color=_theme().ink)
    ax.set_xlabel(xlabel, color=_theme().ink)
    ax.set_ylabel(ylabel, color=_theme().ink)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color=_theme().grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(colors=_theme().ink)
    if dates:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return ax.figure  # type: ignore[return-value]


@themed
def message_figure(message: str, title: str = "", ax: Axes | None = None) -> Figure:
    """A figure that says ``message`` in words, with the axes hidden (the empty state).

    >>> fig = message_figure("Nothing yet.", title="Sessions")
    >>> fig.axes[0].axison, fig.axes[0].texts[0].get_text()
    (False, 'Nothing yet.')
    """
    ax = _axes(ax, figsize=(8, 1.6))
    ax.clear()
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=12, color=_theme().ink)
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        fontsize=11,
        color=_theme().ink,
        wrap=True,
        transform=ax.transAxes,
    )
    return ax.figure  # type: ignore[return-value]


def _nothing(sessions: pd.DataFrame) -> str:
    return NO_SESSIONS if sessions.empty else NO_SESSIONS_IN_PERIOD


def _weeks_x(index: pd.DatetimeIndex) -> np.ndarray:
    """Matplotlib date numbers of week Mondays."""
    return mdates.date2num(index.to_pydatetime()) if len(index) else np.array([])


@themed
def weekly_sessions_chart(
    sessions: pd.DataFrame,
    ax: Axes | None = None,
    *,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> Figure:
    """Sessions per week as bars against the 3–5 goal band (one bar a week).

    Weeks that met the goal are dark blue, the others grey; the current, unfinished week
    is hatched.
    >>> ax = weekly_sessions_chart(example_sessions(), now="2026-03-18").axes[0]
    >>> len(ax.patches) - 1, ax.get_ylabel()   # three weeks, plus the goal band
    (3, 'sessions per week')
    """
    title = "Sessions per week"
    weeks = progress.weekly_summary(sessions, now, tz, since)
    if weeks.empty:
        return message_figure(_nothing(sessions), title=title, ax=ax)
    ax = _axes(ax)
    low, high = progress.GOAL
    ax.axhspan(
        low,
        high,
        color=OKABE_ITO["green"],
        alpha=0.15,
        linewidth=0,
        label=f"goal: {low}–{high} sessions",
    )
    colours = np.where(weeks["goal_met"].to_numpy(), OKABE_ITO["blue"], OKABE_ITO["grey"])
    bars = ax.bar(
        _weeks_x(pd.DatetimeIndex(weeks.index)),
        weeks["sessions"].to_numpy(),
        width=6,
        align="edge",
        color=colours.tolist(),
        linewidth=0,
    )
    for patch, busy in zip(bars.patches, weeks["in_progress"].to_numpy(), strict=True):
        if busy:
            patch.set_alpha(0.55)
            patch.set_hatch("///")
    handles = [
        Patch(color=OKABE_ITO["green"], alpha=0.15, label=f"goal: {low}–{high}"),
        Patch(color=OKABE_ITO["blue"], label="goal met"),
        Patch(color=OKABE_ITO["grey"], label="goal not met"),
        Patch(
            facecolor=_theme().ground, edgecolor=_theme().ink, hatch="///", label="this week so far"
        ),
    ]
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_ylim(0, max(high + 1, int(weeks["sessions"].max()) + 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _pad_dates(ax, _weeks_x(pd.DatetimeIndex(weeks.index)), 7)
    return decorate(
        ax, title=title, xlabel="week starting (Monday)", ylabel="sessions per week", dates=True
    )


@themed
def calendar_heatmap(
    sessions: pd.DataFrame,
    ax: Axes | None = None,
    *,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
    weeks: int = 26,
) -> Figure:
    """Sessions per day as a calendar: a column a week, Monday at the top (one mesh).

    Shows the weeks from ``since`` (default: the last ``weeks`` weeks) to this week; days
    still to come are left blank.
    >>> ax = calendar_heatmap(example_sessions(), now="2026-03-05", since="2026-03-02").axes[0]
    >>> len(ax.collections), int(ax.collections[0].get_array().count())  # 4 days so far
    (1, 4)
    """
    title = "Sessions per day"
    today = progress.local_now(now, tz)
    start = progress.week_start(
        pd.Timestamp(since)
        if since is not None
        else progress.week_start(today) - pd.Timedelta(weeks=weeks - 1)
    )
    days = progress.daily_counts(sessions, today, None, start)
    if days.empty:
        return message_figure(_nothing(sessions), title=title, ax=ax)
    n_weeks = -(-len(days) // 7)
    values = np.full(n_weeks * 7, np.nan)
    values[: len(days)] = np.minimum(days.to_numpy(), 3)
    grid = np.ma.masked_invalid(values.reshape(n_weeks, 7).T)  # rows: Monday..Sunday
    fig_ax = _axes(ax, figsize=(8, 2.8))
    edges = mdates.date2num(pd.date_range(start, periods=n_weeks + 1, freq="7D").to_pydatetime())
    cmap = ListedColormap(_theme().heat).with_extremes(bad=_theme().ground)
    mesh = fig_ax.pcolormesh(
        edges,
        np.arange(8),
        grid,
        cmap=cmap,
        norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5], cmap.N),
        edgecolors=_theme().ground,
        linewidth=0.5,
    )
    fig_ax.set_ylim(7, 0)
    fig_ax.set_yticks(np.arange(7) + 0.5, ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])
    fig_ax.tick_params(axis="y", length=0)
    colorbar = fig_ax.figure.colorbar(mesh, ax=fig_ax, ticks=[0, 1, 2, 3], shrink=0.8, pad=0.02)
    colorbar.ax.set_yticklabels(["0", "1", "2", "3+"])
    colorbar.set_label("sessions that day")
    colorbar.outline.set_visible(False)
    colorbar.ax.minorticks_off()
    fig = decorate(fig_ax, title=title, xlabel="week starting (Monday)", ylabel="day", dates=True)
    fig_ax.grid(False)
    for side in ("left", "bottom"):
        fig_ax.spines[side].set_visible(False)
    return fig


@themed
def category_minutes_chart(
    sessions: pd.DataFrame,
    ax: Axes | None = None,
    *,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> Figure:
    """Stretching and strengthening (and warm-up) minutes per week, stacked.

    What each exercise works on comes from data (see :func:`psoas_lib.progress.works_on`):
    the bridge and the pelvic tilt count half to each. One bar a week for each category
    that has any minutes.
    >>> ax = category_minutes_chart(example_sessions(), now="2026-03-05").axes[0]
    >>> len(ax.patches), [t.get_text() for t in ax.get_legend().get_texts()]
    (2, ['stretching', 'strengthening'])
    """
    title = "Stretching and strengthening minutes per week"
    minutes = progress.weekly_category_minutes(sessions, catalog, now, tz, since)
    if not minutes.to_numpy().any():
        return message_figure(_nothing(sessions), title=title, ax=ax)
    ax = _axes(ax)
    x = _weeks_x(pd.DatetimeIndex(minutes.index))
    bottom = np.zeros(len(minutes))
    for category in minutes.columns:
        values = minutes[category].to_numpy()
        if not values.any():
            continue
        ax.bar(
            x,
            values,
            width=6,
            align="edge",
            bottom=bottom,
            linewidth=0,
            color=CATEGORY_COLOURS.get(category, OKABE_ITO["grey"]),
            label=CATEGORY_LABELS.get(category, category),
        )
        bottom = bottom + values
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _pad_dates(ax, x, 7)
    return decorate(
        ax, title=title, xlabel="week starting (Monday)", ylabel="minutes per week", dates=True
    )


@themed
def tightness_chart(
    sessions: pd.DataFrame,
    ax: Axes | None = None,
    *,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> Figure:
    """Tightness before and after sessions (0–10), as weekly means: two lines.
    >>> ax = tightness_chart(example_sessions(), now="2026-03-05").axes[0]
    >>> [line.get_label() for line in ax.get_lines()]
    ['before the session', 'after the session']
    """
    title = "Tightness before and after sessions"
    sessions_in = (
        sessions
        if since is None
        else sessions[(progress.local_times(sessions) >= pd.Timestamp(since)).to_numpy()]
    )
    weekly = progress.weekly_tightness(sessions, now, tz, since)
    if weekly.dropna(how="all").empty:
        message = NO_TIGHTNESS if not sessions_in.empty or sessions.empty else NO_SESSIONS_IN_PERIOD
        return message_figure(NO_SESSIONS if sessions.empty else message, title=title, ax=ax)
    ax = _axes(ax)
    x = _weeks_x(pd.DatetimeIndex(weekly.index)) + 3.5  # the middle of the week
    ax.plot(
        x,
        weekly["before"].to_numpy(),
        marker="o",
        color=OKABE_ITO["vermillion"],
        label="before the session",
    )
    ax.plot(
        x,
        weekly["after"].to_numpy(),
        marker="s",
        linestyle="--",
        color=OKABE_ITO["blue"],
        label="after the session",
    )
    ax.set_ylim(0, 10.5)
    average = progress.average_tightness_change(sessions_in)
    if average is not None:
        ax.text(
            1.02,
            0.7,
            f"average change\nafter a session: {average:+.1f}",
            transform=ax.transAxes,
            va="top",
            fontsize=9,
            color=_theme().ink,
        )
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    _pad_dates(ax, x, 7)
    return decorate(
        ax, title=title, xlabel="week", ylabel="tightness, weekly mean (0–10)", dates=True
    )


def _pad_dates(ax: Axes, x: np.ndarray, days: float) -> None:
    """Leave room either side of a single date so it does not fill the whole axis."""
    if len(x) and x.max() - x.min() < 4 * days:
        ax.set_xlim(x.min() - 2 * days, x.max() + 3 * days)


@themed
def assessment_chart(assessments: pd.DataFrame, ax: Axes | None = None) -> Figure:
    """Tightness and weakness scores of the self-assessments over time (local dates).

    ``assessments`` is the journal's assessments frame (``taken_at`` in UTC,
    ``utc_offset_min``, ``tightness``, ``weakness``). One line per score: two artists,
    however many assessments.
    """
    title = "Self-assessment scores over time"
    scores = progress.assessment_scores(assessments)
    if scores.empty:
        return message_figure(NO_ASSESSMENTS, title=title, ax=ax)
    ax = _axes(ax)
    x = mdates.date2num(pd.DatetimeIndex(scores.index).to_pydatetime())
    ax.plot(
        x,
        scores["tightness"].to_numpy(),
        marker="o",
        color=OKABE_ITO["vermillion"],
        label="tightness signs",
    )
    ax.plot(
        x,
        scores["weakness"].to_numpy(),
        marker="s",
        linestyle="--",
        color=OKABE_ITO["blue"],
        label="weakness signs",
    )
    top = max(int(scores.to_numpy().max()), 1)
    ax.set_ylim(-0.3, top + 0.7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _pad_dates(ax, x, 7)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return decorate(
        ax, title=title, xlabel="date of assessment", ylabel="score (signs ticked)", dates=True
    )


@dataclass(frozen=True)
class Chart:
    """One progress chart: its file-friendly ``name``, the ``title`` a report or a screen
    reader gives it, and ``draw(sessions, assessments, catalog=, now=, tz=, since=)``."""

    name: str
    title: str
    draw: Callable[..., Figure]


def _assessments_since(assessments: pd.DataFrame | None, since: Now) -> pd.DataFrame:
    if assessments is None:
        return empty_frame(ASSESSMENTS)
    if since is None:
        return assessments
    taken = progress.local_times(assessments, "taken_at")
    return assessments[(taken >= pd.Timestamp(since)).to_numpy()]


#: Every progress chart, in the order the progress page, the report and the exports show them.
CHARTS: tuple[Chart, ...] = (
    Chart(
        "weekly-sessions",
        "Sessions per week against the 3–5 goal",
        lambda s, a, *, catalog=None, **kw: weekly_sessions_chart(s, **kw),
    ),
    Chart(
        "calendar",
        "Sessions per day",
        lambda s, a, *, catalog=None, **kw: calendar_heatmap(s, **kw),
    ),
    Chart(
        "category-minutes",
        "Minutes per week by kind of exercise",
        lambda s, a, *, catalog=None, **kw: category_minutes_chart(s, catalog=catalog, **kw),
    ),
    Chart(
        "tightness",
        "Tightness before and after sessions (0–10, self-rated)",
        lambda s, a, *, catalog=None, **kw: tightness_chart(s, **kw),
    ),
    Chart(
        "assessments",
        "Self-assessment scores",
        lambda s, a, *, catalog=None, since=None, theme=None, **kw: assessment_chart(
            _assessments_since(a, since), theme=theme
        ),
    ),
)


def all_charts(
    sessions: pd.DataFrame,
    assessments: pd.DataFrame | None = None,
    *,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
    theme: str = "light",
) -> dict[str, Figure]:
    """Every chart of :data:`CHARTS`, by name, drawn in ``theme``.
    >>> list(all_charts(example_sessions(), now="2026-03-05")) == [c.name for c in CHARTS]
    True
    """
    return {
        chart.name: chart.draw(
            sessions, assessments, catalog=catalog, now=now, tz=tz, since=since, theme=theme
        )
        for chart in CHARTS
    }


def chart_alt(fig: Figure) -> str:
    """A text alternative for a chart: its title and the key numbers it draws.

    Bars give their count and their range, lines their first and last values, a message
    figure its sentence.

    >>> fig = assessment_chart(example_assessments())
    >>> chart_alt(fig).startswith("Self-assessment scores over time: ")
    True
    >>> chart_alt(assessment_chart(example_assessments().iloc[:0]))[:18]
    'No assessments yet'
    """
    given = getattr(fig, "psoas_alt", None)  # a drawing that says what it shows
    if isinstance(given, str) and given:
        return given
    parts = []
    for ax in fig.axes:
        if not ax.axison:
            parts += [t.get_text() for t in ax.texts if t.get_text()]
            continue
        facts = []
        heights = [float(p.get_height()) for p in ax.patches if hasattr(p, "get_height")]
        if heights:
            facts.append(
                f"{len(heights)} bars from {min(heights):g} to {max(heights):g} "
                f"(total {sum(heights):g})"
            )
        for line in ax.get_lines():
            ys = [float(y) for y in np.asarray(line.get_ydata(), dtype=float) if np.isfinite(y)]
            label = str(line.get_label())
            if len(ys) >= 2 and not label.startswith("_"):
                facts.append(f"{label} from {ys[0]:g} to {ys[-1]:g}")
            elif len(ys) >= 2:
                facts.append(f"a line from {ys[0]:g} to {ys[-1]:g}")
        title = ax.get_title() or "Chart"
        parts.append(f"{title}: {'; '.join(facts) or ax.get_ylabel()}")
    return ". ".join(p.rstrip(".") for p in parts) + "."


#: The dark theme's chart colours, as CSS variables on every themed chart (JupyterLab and
#: Voila mark a dark theme with ``data-jp-theme-light="false"``; a page with neither
#: follows the system's setting). The light values are each variable's fallback.
_DARK_VARS = "; ".join(f"--psoas-chart-{role}: {colour}" for role, colour in DARK.roles().items())
CHART_CSS = f"""<style>
body[data-jp-theme-light="false"] svg.psoas-chart {{ {_DARK_VARS}; }}
@media screen and (prefers-color-scheme: dark) {{
  body:not([data-jp-theme-light]) svg.psoas-chart {{ {_DARK_VARS}; }}
}}
svg.psoas-chart {{ display: block; width: 100%; max-width: 52em; height: auto;
  border-radius: 6px; }}
</style>"""

_SVG_SIZE = re.compile(r'<svg([^>]*?) width="[^"]*" height="[^"]*"')


def chart_svg(fig: Figure, alt: str | None = None) -> str:
    """A chart drawn in the light theme as inline SVG whose theme colours are CSS variables
    (``--psoas-chart-ink`` ...: :data:`CHART_CSS` gives the dark theme's), so one drawing
    follows the page's theme; it scales to the width it is given, and is named by its text
    alternative (``role="img"``).

    >>> svg = chart_svg(assessment_chart(example_assessments()))
    >>> svg.startswith('<svg class="psoas-chart" role="img" aria-label="Self-assessment')
    True
    >>> "var(--psoas-chart-ink, #333333)" in svg, "#333333;" in svg
    (True, False)
    """
    label = alt if alt is not None else chart_alt(fig)
    buffer = BytesIO()
    # ids (clip paths) salted with what the chart shows: the same chart gives the same SVG,
    # two charts on one page do not share an id
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": f"{label}{chart_alt(fig)}"}):
        fig.savefig(buffer, format="svg", bbox_inches="tight")
    text = buffer.getvalue().decode("utf-8")
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text[text.index("<svg") :], flags=re.S)
    for role, colour in LIGHT.roles().items():
        text = re.sub(
            rf"{colour}(?![0-9a-fA-F])", f"var(--psoas-chart-{role}, {colour})", text, flags=re.I
        )
    return _SVG_SIZE.sub(
        lambda m: (
            f'<svg class="psoas-chart" role="img" aria-label="{escape(label, quote=True)}"'
            f'{m.group(1)} width="100%"'
        ),
        text,
        count=1,
    )
