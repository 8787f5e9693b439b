"""The plan page's programme part: who the programme is from, and importing a new one.

>>> import tempfile
>>> box = ProgrammeImport(home=tempfile.mkdtemp())
>>> "No programme from a physiotherapist yet" in box.current.value
True
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from psoas_lib.errors import PsoasError
from psoas_lib.plan.programme import Programme, import_programme, installed_programme

__all__ = ["ProgrammeImport", "programme_html"]


def programme_html(programme: Programme | None) -> str:
    """The programme in a few lines: from whom, from when, the note, the dose rule."""
    if programme is None:
        return (
            "<p>No programme from a physiotherapist yet. If yours gave you a programme file, "
            "type its path below and press <i>Import programme</i>.</p>"
        )
    doses = (
        "Your physiotherapist allows doses above the article's top dose in it."
        if programme.allow_beyond_top_dose
        else "Its doses stay within the article's."
    )
    note = f"<blockquote>{escape(programme.note)}</blockquote>" if programme.note else ""
    return (
        f"<p><b>From your physiotherapist {escape(programme.therapist)}</b>, starting "
        f"{programme.start:%A %d %B %Y}: {len(programme.plan.days)} sessions a week. "
        f"{doses} Warm up first and stop at once on sharp or radiating pain, as always.</p>"
        f"{note}"
    )


class ProgrammeImport(widgets.VBox):
    """The programme in use, and a path field with *Import programme*."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = home
        self.current = widgets.HTML()
        self.current.add_class("psoas-programme-current")
        self.path = widgets.Text(
            description="File",
            placeholder="the programme file from your physiotherapist (.toml)",
            layout=widgets.Layout(width="40em"),
        )
        self.path.add_class("psoas-programme-path")
        self.button = widgets.Button(description="Import programme", button_style="primary")
        self.button.add_class("psoas-programme-import")
        self.message = widgets.HTML()
        self.message.add_class("psoas-programme-message")
        self.button.on_click(lambda _: self.load())
        self._show()
        super().__init__([self.current, widgets.HBox([self.path, self.button]), self.message])
        self.add_class("psoas-programme")

    def _show(self) -> None:
        try:
            self.current.value = programme_html(installed_programme(self.home))
        except PsoasError as err:
            self.current.value = f"<p>Your programme file has a mistake: {escape(str(err))}</p>"

    def load(self) -> Programme | None:
        """Import the file typed in; the message says what was written and what was kept."""
        text = self.path.value.strip()
        if not text:
            self.message.value = "Type the path of the programme file first."
            return None
        try:
            done = import_programme(Path(text).expanduser(), self.home)
        except PsoasError as err:
            self.message.value = f"Not imported: {escape(str(err))}"
            return None
        except OSError as err:
            self.message.value = f"Not imported: {escape(str(err))}"
            return None
        kept = (
            " Kept your previous files: " + ", ".join(escape(p.name) for p in done.backups) + "."
            if done.backups
            else ""
        )
        self.message.value = (
            f"Imported the programme from {escape(done.programme.therapist)}: "
            f"{len(done.routines)} routines and your weekly plan.{kept} "
            "Run this page again from the top (or reload it) to see the new plan."
        )
        self._show()
        return done.programme
