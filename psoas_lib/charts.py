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

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from . import progress

__all__ = ["OKABE_ITO", "assessment_chart", "decorate", "example_assessments",
           "message_figure"]

#: The Okabe–Ito colour-blind-safe palette.
OKABE_ITO = {"orange": "#E69F00", "sky blue": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00",
             "purple": "#CC79A7", "black": "#000000", "grey": "#999999"}
INK = "#333333"
FIGSIZE = (8, 3.6)

NO_ASSESSMENTS = ("No assessments yet: take the self-assessment and save it to start "
                  "your history.")


def _axes(ax: Axes | None, figsize: tuple[float, float] = FIGSIZE) -> Axes:
    """The given axes, or the axes of a new Figure (no pyplot)."""
    if ax is not None:
        return ax
    return Figure(figsize=figsize, layout="constrained").add_subplot()


def decorate(ax: Axes, title: str = "", xlabel: str = "", ylabel: str = "",
             dates: bool = False) -> Figure:
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
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=INK,
            wrap=True, transform=ax.transAxes)
    return ax.figure  # type: ignore[return-value]


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
    x = mdates.date2num(scores.index.to_pydatetime())
    ax.plot(x, scores["tightness"].to_numpy(), marker="o", color=OKABE_ITO["vermillion"],
            label="tightness signs")
    ax.plot(x, scores["weakness"].to_numpy(), marker="s", linestyle="--",
            color=OKABE_ITO["blue"], label="weakness signs")
    top = max(int(scores.to_numpy().max()), 1)
    ax.set_ylim(-0.3, top + 0.7)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(x) == 1:  # one date: give it some room either side
        ax.set_xlim(x[0] - 7, x[0] + 7)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return decorate(ax, title=title, xlabel="date of assessment",
                    ylabel="score (signs ticked)", dates=True)


def example_assessments() -> pd.DataFrame:
    """Three assessments in the journal's frame shape, for examples and doctests."""
    return pd.DataFrame({
        "taken_at": pd.to_datetime(["2026-03-02T06:30Z", "2026-03-16T06:30Z",
                                    "2026-03-30T05:30Z"]),
        "utc_offset_min": [60, 60, 120],
        "ticked": ["a;b;c", "a;b", "a"],
        "tightness": [3, 2, 1],
        "weakness": [1, 1, 0],
        "recommendation": ["stretch-focused"] * 3,
        "routine_id": ["desk-reset"] * 3,
        "notes": ["", "", ""],
    })
