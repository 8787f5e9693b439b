"""Progress charts (matplotlib): each function returns its Figure and accepts ``ax=``.

Figures are built without pyplot, so nothing piles up in memory and nothing is drawn twice
in a notebook (``psoas_lib`` shows a returned Figure as a PNG). Every chart aggregates first
and then draws a fixed handful of artists, however long the journal. With nothing to show, a
chart is a short friendly sentence with the axes hidden, never an empty frame.

Colours come from the Okabe–Ito palette, which stays distinguishable with colour blindness.

>>> from psoas_lib.progress import example_sessions
>>> fig = assessment_chart(example_assessments())
>>> fig.axes[0].get_title(), fig.axes[0].get_ylabel()
('Self-assessment scores over time', 'score (signs ticked)')
>>> import pandas as pd
>>> fig = assessment_chart(example_assessments().iloc[:0])
>>> fig.axes[0].axison, "No assessments yet" in fig.axes[0].texts[0].get_text()
(False, True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.colors import BoundaryNorm, ListedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from psoas_lib import progress
from psoas_lib.progress import Now, Zone

if TYPE_CHECKING:
    from psoas_lib.content.catalog import Catalog

__all__ = [
    "CHARTS",
    "OKABE_ITO",
    "all_charts",
    "assessment_chart",
    "calendar_heatmap",
    "category_minutes_chart",
    "decorate",
    "example_assessments",
    "message_figure",
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
INK = "#333333"
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
#: Sessions per day in the calendar: 0, 1, 2, 3 or more.
HEAT_COLOURS = ("#eeeeee", "#a9d3ef", OKABE_ITO["sky blue"], OKABE_ITO["blue"])


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
    ax.set_title(title, fontsize=12, color=INK)
    ax.set_xlabel(xlabel, color=INK)
    ax.set_ylabel(ylabel, color=INK)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(colors=INK)
    if dates:
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    return ax.figure  # type: ignore[return-value]


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
        ax.set_title(title, fontsize=12, color=INK)
    ax.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        fontsize=11,
        color=INK,
        wrap=True,
        transform=ax.transAxes,
    )
    return ax.figure  # type: ignore[return-value]


def _nothing(sessions: pd.DataFrame) -> str:
    return NO_SESSIONS if sessions.empty else NO_SESSIONS_IN_PERIOD


def _weeks_x(index: pd.DatetimeIndex) -> np.ndarray:
    """Matplotlib date numbers of week Mondays."""
    return mdates.date2num(index.to_pydatetime()) if len(index) else np.array([])


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

    >>> from psoas_lib.progress import example_sessions
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
        Patch(facecolor="white", edgecolor=INK, hatch="///", label="this week so far"),
    ]
    ax.legend(handles=handles, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.set_ylim(0, max(high + 1, int(weeks["sessions"].max()) + 1))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    _pad_dates(ax, _weeks_x(pd.DatetimeIndex(weeks.index)), 7)
    return decorate(
        ax, title=title, xlabel="week starting (Monday)", ylabel="sessions per week", dates=True
    )


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

    >>> from psoas_lib.progress import example_sessions
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
    cmap = ListedColormap(HEAT_COLOURS).with_extremes(bad="white")
    mesh = fig_ax.pcolormesh(
        edges,
        np.arange(8),
        grid,
        cmap=cmap,
        norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5, 3.5], cmap.N),
        edgecolors="white",
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

    >>> from psoas_lib.progress import example_sessions
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


def tightness_chart(
    sessions: pd.DataFrame,
    ax: Axes | None = None,
    *,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> Figure:
    """Tightness before and after sessions (0–10), as weekly means: two lines.

    >>> from psoas_lib.progress import example_sessions
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
            color=INK,
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


#: The charts :func:`all_charts` draws, by file-friendly name.
CHARTS = ("weekly-sessions", "calendar", "category-minutes", "tightness", "assessments")


def all_charts(
    sessions: pd.DataFrame,
    assessments: pd.DataFrame | None = None,
    *,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
) -> dict[str, Figure]:
    """Every progress chart, by the names in :data:`CHARTS` (for the notebook and exports).

    >>> from psoas_lib.progress import example_sessions
    >>> list(all_charts(example_sessions(), now="2026-03-05")) == list(CHARTS)
    True
    """
    if assessments is None:
        assessments = example_assessments().iloc[:0]
    elif since is not None:
        taken = progress.local_times(assessments, "taken_at")
        assessments = assessments[(taken >= pd.Timestamp(since)).to_numpy()]
    return {
        "weekly-sessions": weekly_sessions_chart(sessions, now=now, tz=tz, since=since),
        "calendar": calendar_heatmap(sessions, now=now, tz=tz, since=since),
        "category-minutes": category_minutes_chart(
            sessions, catalog=catalog, now=now, tz=tz, since=since
        ),
        "tightness": tightness_chart(sessions, now=now, tz=tz, since=since),
        "assessments": assessment_chart(assessments),
    }


def example_assessments() -> pd.DataFrame:
    """Three assessments in the journal's frame shape, for examples and doctests."""
    return pd.DataFrame(
        {
            "taken_at": pd.to_datetime(
                ["2026-03-02T06:30Z", "2026-03-16T06:30Z", "2026-03-30T05:30Z"]
            ),
            "utc_offset_min": [60, 60, 120],
            "ticked": ["a;b;c", "a;b", "a"],
            "tightness": [3, 2, 1],
            "weakness": [1, 1, 0],
            "recommendation": ["stretch-focused"] * 3,
            "routine_id": ["desk-reset"] * 3,
            "notes": ["", "", ""],
        }
    )


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
