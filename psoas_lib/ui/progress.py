"""The progress page: summary, charts, a period picker and exports (ipywidgets).

With an empty journal it says so in words and offers a "Show demo data" toggle that draws
everything from the synthetic journal instead. A journal that cannot be read shows its
message (what, where, how to fix it), never a traceback.

>>> view = ProgressView(now="2026-03-05 09:00")          # an empty journal
>>> "journal is empty" in view.message.value, view.demo.layout.display
(True, None)
>>> view.demo.value = True
>>> len(view.charts.children) == len(charts.CHARTS), "Demo data" in view.message.value
(True, True)
>>> view.period.value = "4 weeks"
>>> "Sessions this week" in view.summary.value
True

Under the summary, *Check my form*: per exercise, the latest share of the hold in position
and its main angle against the person's own first week with the check (never in degrees);
with nothing kept, how to start.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from psoas_lib import events, progress
from psoas_lib.errors import PsoasError
from psoas_lib.paths import data_home
from psoas_lib.progress import Now, Zone
from psoas_lib.ui import charts, report
from psoas_lib.ui.download import DownloadLinks
from psoas_lib.ui.html import table
from psoas_lib.ui.images import chart_view
from psoas_lib.ui.kit import html as _html  # one HTML holder with its class
from psoas_lib.ui.live import JOURNAL_KINDS, later, watched_home
from psoas_lib.ui.theme import phone_style

__all__ = ["ProgressView", "progress_view"]

EMPTY = (
    "<p><b>Your journal is empty.</b> Run a routine and save it to the journal, and "
    "your weeks, streak and charts appear here. To see what this page will look "
    "like, switch on the demo data (made-up sessions, not yours).</p>"
)
DEMO = (
    "<p><b>Demo data:</b> made-up sessions from the synthetic journal, not yours. "
    "Switch it off to see your own.</p>"
)


class ProgressView(widgets.VBox):
    """Summary at the top, then the charts for the period picked, then the exports."""

    def __init__(
        self,
        home: Path | str | None = None,
        *,
        now: Now = None,
        tz: Zone = None,
        period: str = "3 months",
    ) -> None:
        self.home = Path(home) if home is not None else None
        self.now, self.tz = now, tz
        self.sessions = pd.DataFrame()
        self.assessments: pd.DataFrame | None = None
        self.form_checks: pd.DataFrame | None = None
        self.error = ""
        self.form_error = ""

        self.message = _html("psoas-progress-message")
        self.summary = _html("psoas-progress-summary")
        self.form = _html("psoas-progress-form")
        self.demo = widgets.ToggleButton(
            value=False,
            description="Show demo data",
            icon="flask",
            tooltip="Made-up sessions, not yours",
        )
        self.demo.add_class("psoas-progress-demo")
        self.period = widgets.ToggleButtons(
            options=list(progress.PERIODS), value=period, description="Period"
        )
        self.period.add_class("psoas-progress-period")
        self.reload = widgets.Button(description="Reload journal", icon="refresh")
        self.reload.add_class("psoas-progress-reload")
        self.charts = widgets.VBox()
        self.charts.add_class("psoas-progress-charts")
        folder = (self.home or data_home(create=False)) / "exports"
        self.folder = widgets.Text(
            value=str(folder), description="Save to", layout=widgets.Layout(width="40em")
        )
        self.folder.add_class("psoas-progress-folder")
        self.save_png = widgets.Button(
            description="Save charts as PNG", icon="image", layout=widgets.Layout(width="auto")
        )
        self.save_png.add_class("psoas-progress-export-png")
        self.save_report = widgets.Button(
            description="Save report for your physio",
            icon="file",
            layout=widgets.Layout(width="auto"),
        )
        self.save_report.add_class("psoas-progress-export-report")
        self.status = _html("psoas-progress-status")
        self.downloads = DownloadLinks()
        self.exports = widgets.VBox(
            [
                self.folder,
                widgets.HBox([self.save_png, self.save_report]),
                self.status,
                self.downloads,
            ]
        )
        self.exports.add_class("psoas-progress-exports")

        self.demo.observe(self._draw, names="value")
        self.period.observe(self._draw, names="value")
        self.reload.on_click(self._load)
        self.save_png.on_click(self._export_png)
        self.save_report.on_click(self._export_report)
        super().__init__(
            [
                self.message,
                widgets.HBox([self.demo, self.reload]),
                self.summary,
                self.form,
                self.period,
                self.charts,
                self.exports,
                phone_style(),
            ]
        )
        self.add_class("psoas-progress")
        self._load()
        # live: a session logged or an assessment saved anywhere in this process redraws it
        self._watch = events.observe(
            self._changed, *JOURNAL_KINDS, "form-check", home=watched_home(self.home)
        )

    def _changed(self, _change: events.Change) -> None:
        later(self._load)

    # ----------------------------------------------------------------- data

    def _load(self, _: object = None) -> None:
        """Read the journal again; a broken journal shows its message."""
        from psoas_lib.journal.store import Journal

        journal = Journal(self.home)
        self.error = ""
        try:
            self.sessions = journal.sessions()
        except PsoasError as exc:
            self.error, self.sessions = str(exc), pd.DataFrame()
        try:
            self.assessments = journal.assessments()
        except PsoasError as exc:
            self.error = self.error or str(exc)
            self.assessments = None
        try:
            self.form_checks, self.form_error = journal.form_checks(), ""
        except PsoasError as exc:  # only this section says so: the rest still shows
            self.form_checks, self.form_error = None, str(exc)
        self._draw()

    def shown(self) -> pd.DataFrame:
        """The sessions on show: the demo journal when switched on, else the user's."""
        if self.demo.value:
            from psoas_lib.journal.sample import synthetic_sessions

            end = progress.local_now(self.now, self.tz).date()
            return synthetic_sessions(weeks=26, seed=0, end=end)
        return self.sessions

    def since(self) -> pd.Timestamp | None:
        return progress.period_start(self.period.value, self.now, self.tz)

    # ----------------------------------------------------------------- drawing

    def _draw(self, _: object = None) -> None:
        sessions = self.shown()
        if self.error and not self.demo.value:
            self.message.value = (
                '<p class="psoas-error"><b>The journal could not be read.</b> '
                f"{escape(self.error)}</p>"
            )
            self.message.add_class("psoas-progress-error")
        else:
            self.message.remove_class("psoas-progress-error")
            self.message.value = DEMO if self.demo.value else ""
        empty = sessions.empty
        if empty and not self.error:
            self.message.value = EMPTY
        self.demo.layout.display = None if (empty or self.demo.value or self.error) else "none"
        for part in (self.summary, self.form, self.period, self.charts, self.exports):
            part.layout.display = "none" if empty else None
        self.form.layout.display = "none" if empty or self.demo.value else None
        self.form.value = (
            "<h3>Check my form</h3><p class='psoas-error'>The form checks could not be read: "
            f"{escape(self.form_error)}</p>"
            if self.form_error
            else report.form_html(self.form_checks, styled=True, heading="h3")
        )
        if empty:
            self.summary.value = ""
            self.charts.children = ()
            return
        summary = progress.summary(sessions, self.assessments, now=self.now, tz=self.tz)
        self.summary.value = "<h3>Your progress</h3>" + table(["", ""], summary.rows())
        since = self.since()
        views = []
        for chart in charts.CHARTS:
            fig = chart.draw(
                sessions,
                self.assessments,
                catalog=None,
                now=self.now,
                tz=self.tz,
                since=since,
                theme="light",  # drawn once: its colours follow the page's theme in the browser
            )
            view = chart_view(fig)  # named by its text alternative
            view.add_class("psoas-progress-chart")
            view.add_class(f"psoas-progress-chart-{chart.name}")
            views.append(view)
        self.charts.children = tuple(views)

    # ----------------------------------------------------------------- exports

    def _export(self, write: Callable[..., Path | list[Path]]) -> None:
        try:
            written = write(
                self.shown(),
                self.assessments,
                self.folder.value.strip() or None,
                now=self.now,
                tz=self.tz,
                since=self.since(),
            )
        except (PsoasError, OSError) as exc:
            self.status.value = f"<p><b>Could not save:</b> {escape(str(exc))}</p>"
            self.downloads.clear()
            return
        paths = written if isinstance(written, list) else [written]
        self.status.value = (
            "<p>Saved: " + ", ".join(f"<code>{escape(str(p))}</code>" for p in paths) + "</p>"
        )
        self.downloads.show(paths)  # and offered to the browser

    def _export_png(self, _: object = None) -> None:
        self._export(report.export_charts)

    def _export_report(self, _: object = None) -> None:
        def write(
            sessions: pd.DataFrame, assessments: pd.DataFrame, folder: str | None, **kw: Any
        ) -> Path:
            name = "demo data (made up)" if self.demo.value else ""
            safety = {} if self.demo.value else report.safety_records(self.home)
            return report.export_report(sessions, assessments, folder, name=name, **safety, **kw)

        self._export(write)


def progress_view(home: Path | str | None = None, **kwargs: object) -> ProgressView:
    """The progress page for the journal in ``home`` (default: the user's data folder)."""
    return ProgressView(home, **kwargs)  # type: ignore[arg-type]
