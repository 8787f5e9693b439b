"""The function scores form: the Patient-Specific Functional Scale, asked when it is due.

Name up to five activities you find hard because of your hips or back, and rate each from 0
(unable to do it) to 10 (able to do it as before). Asked at the start and every two weeks
(:mod:`psoas_lib.coaching.psfs`); the same activities are offered again so the scores compare.
It is information for you and your physiotherapist, never a diagnosis.

>>> import tempfile
>>> form = PsfsForm(home=tempfile.mkdtemp())
>>> "due now" in form.status.value, len(form.rows)
(True, 5)
>>> psfs_chart(Journal(tempfile.mkdtemp()).psfs()).axes[0].texts[0].get_text()
'No function scores yet: rate your activities above.'
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure

from psoas_lib.coaching.psfs import DUE_DAYS, psfs_scores, psfs_summary
from psoas_lib.errors import PsoasError
from psoas_lib.journal.store import PSFS_MAX_ACTIVITIES, Journal
from psoas_lib.ui.charts import OKABE_ITO, decorate, message_figure, themed

__all__ = ["NOT_RATED", "PsfsForm", "psfs_chart", "psfs_due_html", "psfs_status"]

#: The score choice of an activity left out.
NOT_RATED = "not rated"


def psfs_status(home: Path | str | None = None) -> str:
    """One sentence: when the function scores are due, and how they changed (HTML)."""
    try:
        summary = psfs_summary(Journal(home).psfs())
    except (PsoasError, OSError) as err:
        return f"Your function scores could not be read: {escape(str(err))}"
    if summary.ratings == 0:
        return (
            "Function scores are due now: name up to five activities your hips or back make "
            "hard, and rate each 0 (unable) to 10 (as before)."
        )
    change = (
        ""
        if summary.ratings < 2
        else f" Since your first ({summary.first_on:%d %b}): {summary.change:+g} points."
    )
    due = "due now" if summary.is_due else f"next due {summary.due:%A %d %B}"
    return (
        f"Function score {summary.latest:g} of 10 on {summary.latest_on:%d %b}; {due} (every "
        f"{DUE_DAYS // 7} weeks).{change}"
    )


def psfs_due_html(home: Path | str | None = None, today: date | None = None) -> str:
    """A line for the home page when the function scores are due (at the start, then every
    two weeks), else "" (a journal that cannot be read is said elsewhere: "" here too)."""
    from psoas_lib.ui.notebook import page_ref

    try:
        summary = psfs_summary(Journal(home).psfs(), today=today)
    except (PsoasError, OSError):
        return ""
    today = today or date.today()
    if summary.ratings and summary.due > today:
        return ""
    first = "" if summary.ratings else " (the first time: it takes a minute)"
    return (
        "<p class='psoas-home-psfs'><b>Your function scores are due</b>" + first + ": rate "
        f"the activities your hips or back make hard, in {page_ref('progress')}.</p>"
    )


@themed
def psfs_chart(frame: pd.DataFrame | None = None, home: Path | str | None = None) -> Figure:
    """The mean function score of each rating over time, 0 to 10 (higher is better), with the
    first rating as a dashed line: ``frame`` is the journal's PSFS lines (default: ``home``'s).
    """
    title = "Function scores (Patient-Specific Functional Scale)"
    scores = psfs_scores(Journal(home).psfs() if frame is None else frame)
    if scores.empty:
        return message_figure("No function scores yet: rate your activities above.", title=title)
    ax = Figure(figsize=(8, 3), layout="constrained").add_subplot()
    x = mdates.date2num(pd.DatetimeIndex(scores.rated_at).to_pydatetime())
    ax.plot(x, scores.score.to_numpy(), marker="o", color=OKABE_ITO["blue"], label="mean score")
    ax.axhline(
        float(scores.score.iloc[0]), linestyle="--", color=OKABE_ITO["orange"], label="first rating"
    )
    ax.set_ylim(0, 10.5)
    if len(x) == 1:
        ax.set_xlim(x[0] - 7, x[0] + 7)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return decorate(ax, title=title, xlabel="date rated", ylabel="score (0 to 10)", dates=True)


class PsfsForm(widgets.VBox):
    """Five rows (activity, score) and *Save my function scores*."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = home
        self.status = widgets.HTML()
        self.status.add_class("psoas-psfs-status")
        previous: list[str] = []
        try:
            frame = Journal(home).psfs()
            if len(frame):
                latest = frame[frame.rated_at == frame.rated_at.max()]
                previous = list(latest.activity)
        except (PsoasError, OSError):
            pass
        choices = [NOT_RATED, *(str(n) for n in range(11))]
        self.rows = []
        for n in range(PSFS_MAX_ACTIVITIES):
            name = widgets.Text(
                value=previous[n] if n < len(previous) else "",
                placeholder="an activity, e.g. climbing stairs",
                description=f"Activity {n + 1}",
                layout=widgets.Layout(width="28em"),
            )
            score = widgets.Dropdown(options=choices, value=NOT_RATED, description="0–10")
            self.rows.append((name, score))
        self.button = widgets.Button(description="Save my function scores", button_style="info")
        self.button.add_class("psoas-psfs-save")
        self.message = widgets.HTML()
        self.message.add_class("psoas-psfs-message")
        self.button.on_click(lambda _: self.save())
        self.status.value = f"<p>{psfs_status(home)}</p>"
        super().__init__(
            [
                widgets.HTML(
                    "<b>Function scores</b> (Patient-Specific Functional Scale): 0 means you "
                    "cannot do the activity, 10 that you do it as before. Information for you "
                    "and your physiotherapist, not a diagnosis."
                ),
                self.status,
                *(widgets.HBox(list(row)) for row in self.rows),
                self.button,
                self.message,
            ]
        )
        self.add_class("psoas-psfs")

    def save(self) -> bool:
        """Save the rows with a name and a score; the message says what was saved or why not."""
        ratings = []
        for name, score in self.rows:
            text = name.value.strip()
            if not text and score.value == NOT_RATED:
                continue
            if not text or score.value == NOT_RATED:
                self.message.value = (
                    "Not saved: give each activity both a name and a score (or clear both)."
                )
                return False
            ratings.append((text, int(score.value)))
        try:
            Journal(self.home).add_psfs(rated_at=datetime.now().astimezone(), ratings=ratings)
        except (PsoasError, OSError) as err:
            self.message.value = f"Not saved: {escape(str(err))}"
            return False
        self.message.value = f"Saved: {len(ratings)} activities."
        self.status.value = f"<p>{psfs_status(self.home)}</p>"
        return True
