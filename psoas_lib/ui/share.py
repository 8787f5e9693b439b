"""*Share with my physiotherapist*: tick what to share, press the button, a dated share is
written to the drop folder (psoas_lib/share/drop.py); nothing else leaves your data folder.

>>> import tempfile
>>> view = ShareView(home=tempfile.mkdtemp(), drop=tempfile.mkdtemp())
>>> [box.description for box in view.choices.values()][:3]
['my sessions', 'my self-assessments', 'my function scores']
>>> [box.description for box in view.choices.values()][3:]
['my form checks (numbers only)', 'my notes (they may say where it hurt)', 'my report']
"""

from __future__ import annotations

import getpass
import os
from html import escape
from pathlib import Path

import ipywidgets as widgets

from psoas_lib.errors import PsoasError
from psoas_lib.journal.store import Journal
from psoas_lib.plan.weekly import current_plan
from psoas_lib.share.clients import drop_folder
from psoas_lib.share.drop import Share, share_with_physio
from psoas_lib.share.folders import own_folder, unix_name

__all__ = ["ShareView", "share_now"]


def share_now(
    drop: Path | str,
    client: str,
    *,
    home: Path | str | None = None,
    sessions: bool = True,
    assessments: bool = False,
    psfs: bool = False,
    form_checks: bool = False,
    notes: bool = False,
    report: bool = True,
) -> Share:
    """Share what was chosen, with the report made of only those parts (charts need ``ui``)."""
    report_page = None
    if report:
        from psoas_lib.ui.report import report_html

        journal = Journal(home)
        report_page = report_html(
            journal.sessions() if sessions else Journal(home).sessions().head(0),
            journal.assessments() if assessments else None,
            name=client,
            psfs=journal.psfs() if psfs else None,
            form_checks=journal.form_checks() if form_checks else None,
        )
    return share_with_physio(
        drop,
        client,
        home=home,
        sessions=sessions,
        assessments=assessments,
        psfs=psfs,
        form_checks=form_checks,
        notes=notes,
        report_html=report_page,
        planned_per_week=len(current_plan(home=home).days),
    )


class ShareView(widgets.VBox):
    """Your name, the drop folder, what to share, and the button."""

    def __init__(self, home: Path | str | None = None, drop: Path | str | None = None) -> None:
        self.home = home
        user = os.environ.get("JUPYTERHUB_USER") or getpass.getuser()
        self.name = widgets.Text(value=user, description="Your name")
        folder = Path(drop) if drop is not None else drop_folder()
        self.folder = widgets.Text(
            value=str(folder), description="Drop folder", layout=widgets.Layout(width="40em")
        )
        try:
            mine = own_folder(folder)
        except PsoasError:
            mine = None
        if mine is not None:  # on a clinic's hub: the share is yours by your account, not a name
            self.name.value, self.name.disabled = unix_name(), True
            self.folder.disabled = True
        self.choices = {
            "sessions": widgets.Checkbox(value=True, description="my sessions", indent=False),
            "assessments": widgets.Checkbox(description="my self-assessments", indent=False),
            "psfs": widgets.Checkbox(description="my function scores", indent=False),
            "form_checks": widgets.Checkbox(
                description="my form checks (numbers only)", indent=False
            ),
            "notes": widgets.Checkbox(
                description="my notes (they may say where it hurt)", indent=False
            ),
            "report": widgets.Checkbox(value=True, description="my report", indent=False),
        }
        for key, box in self.choices.items():
            box.add_class(f"psoas-share-{key}")
        self.button = widgets.Button(
            description="Share with my physiotherapist",
            button_style="primary",
            layout=widgets.Layout(width="22em"),
        )
        self.button.add_class("psoas-share-button")
        self.message = widgets.HTML()
        self.message.add_class("psoas-share-message")
        self.button.on_click(lambda _: self.share())
        super().__init__(
            [
                widgets.HTML("<b>Share with my physiotherapist</b>: only what you tick goes."),
                self.name,
                self.folder,
                widgets.HBox(list(self.choices.values())),
                self.button,
                self.message,
            ]
        )
        self.add_class("psoas-share")

    def share(self) -> Share | None:
        """Write the share; the message lists the files (or says what went wrong)."""
        try:
            done = share_now(
                self.folder.value.strip(),
                self.name.value,
                home=self.home,
                **{key: box.value for key, box in self.choices.items()},
            )
        except (PsoasError, OSError) as err:
            self.message.value = f"Not shared: {escape(str(err))}"
            return None
        self.message.value = "Shared: " + ", ".join(escape(p.name) for p in done.files)
        return done
