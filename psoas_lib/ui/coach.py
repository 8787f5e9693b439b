"""The coach's notebook: the clients who shared, side by side, and a programme to hand out.

>>> import tempfile
>>> "Nobody has shared yet" in CoachView(tempfile.mkdtemp()).value
True
"""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from psoas_lib.content.catalog import load_catalog
from psoas_lib.errors import PsoasError
from psoas_lib.plan.programme import programme_from_plan, write_programme
from psoas_lib.plan.weekly import current_plan
from psoas_lib.share.clients import drop_folder, latest_shares, overview
from psoas_lib.ui.html import TABLE_STYLE
from psoas_lib.ui.theme import phone_style

__all__ = ["CoachView", "ProgrammeWriter", "overview_html"]


def overview_html(frame: pd.DataFrame, folder: Path) -> str:
    """The overview as a table, flagged clients first and marked."""
    if frame.empty:
        return (
            f"<p>Nobody has shared yet. Shares appear here when your clients press "
            f"<i>Share with my physiotherapist</i> with this drop folder: "
            f"<code>{escape(str(folder))}</code></p>"
        )
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    body = ""
    for row in frame.itertuples(index=False):
        cells = "".join(f"<td>{'' if pd.isna(v) else escape(str(v))}</td>" for v in row)
        flagged = ' class="psoas-flagged" style="background:#fde2e1"' if row.flag else ""
        body += f"<tr{flagged}>{cells}</tr>"
    n_flagged = int((frame.flag != "").sum())
    trust = (
        "<p>Some shares are loose in the drop folder: they are believed by their file names, "
        "which is right only on one machine, where you trust the folder. On a clinic's hub "
        "each client's shares are in their own folder and attributed by its owner.</p>"
        if (frame["attributed by"] == "file name").any()
        else ""
    )
    unreadable = int((frame.problem != "").sum())
    problems = (
        f" {unreadable} with a share that could not be read (see <i>problem</i>: why, and "
        "what to do)."
        if unreadable
        else ""
    )
    return (
        f"{TABLE_STYLE}<p>{len(frame)} clients shared; {n_flagged} flagged (a pain stop in the "
        f"last four weeks, no session for 10 days or more, or function scores 2 points or more "
        f"below the first).{problems}</p>{trust}"
        f'<table class="psoas-table psoas-coach"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


class CoachView(widgets.HTML):
    """The overview of the drop folder (default: ``$PSOAS_DROP`` or ``<data folder>/drop``)."""

    def __init__(self, drop: Path | str | None = None) -> None:
        self.folder = Path(drop) if drop is not None else drop_folder()
        super().__init__()
        self.add_class("psoas-coach-view")
        self.refresh()

    def refresh(self) -> None:
        try:
            self.value = overview_html(overview(latest_shares(self.folder)), self.folder)
        except (PsoasError, OSError) as err:
            self.value = f"<p>The drop folder cannot be read: {escape(str(err))}</p>"


class ProgrammeWriter(widgets.VBox):
    """Your weekly plan (04_plan.ipynb) and your own routines in it, as a programme file."""

    def __init__(self, home: Path | str | None = None, folder: Path | str | None = None) -> None:
        self.home = home
        self.therapist = widgets.Text(description="Your name")
        self.note = widgets.Textarea(description="Note", layout=widgets.Layout(width="40em"))
        self.start = widgets.DatePicker(description="Start", value=date.today() + timedelta(days=1))
        self.allow = widgets.Checkbox(
            description="Allow doses above the article's top dose (in these routines only)",
            indent=False,
        )
        self.progress = widgets.Checkbox(
            description="Let the client's progression change these doses (else as written)",
            indent=False,
        )
        self.path = widgets.Text(
            value=str(Path(folder or drop_folder()) / "programme.toml"),
            description="Write to",
            layout=widgets.Layout(width="40em"),
        )
        self.button = widgets.Button(description="Write programme", button_style="primary")
        self.message = widgets.HTML()
        self.button.on_click(lambda _: self.write())
        super().__init__(
            [
                self.therapist,
                self.note,
                self.start,
                self.allow,
                self.progress,
                self.path,
                self.button,
                self.message,
                phone_style(),  # fits a phone: 44-px controls, labels wrap
            ]
        )
        self.add_class("psoas-programme-writer")

    def write(self) -> Path | None:
        try:
            catalog = load_catalog(home=self.home)
            programme = programme_from_plan(
                catalog,
                current_plan(catalog, self.home),
                therapist=self.therapist.value,
                note=self.note.value,
                start=self.start.value or date.today(),
                allow_beyond_top_dose=self.allow.value,
                progress=self.progress.value,
            )
            path = write_programme(Path(self.path.value.strip()).expanduser(), programme)
        except (PsoasError, OSError) as err:
            self.message.value = f"Not written: {escape(str(err))}"
            return None
        self.message.value = f"Written: {escape(str(path))}. Give it to your client."
        return path
