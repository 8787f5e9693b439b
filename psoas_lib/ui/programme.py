"""The plan page's programme part: who the programme is from, and importing a new one.

The client picks the file with *Upload programme* (the browser's file picker: it works the same
in JupyterLab and in the app), or types its path on the server and presses *Import programme*.
An import is all or nothing (:func:`psoas_lib.plan.programme.import_text`): when it fails the
message says why, and that nothing they had was changed.

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
from psoas_lib.plan.programme import (
    Imported,
    Programme,
    decode_source,
    import_programme,
    import_text,
    installed_programme,
)

__all__ = ["ProgrammeImport", "programme_html"]


def programme_html(programme: Programme | None) -> str:
    """The programme in a few lines: from whom, from when, the note, the dose rule."""
    if programme is None:
        return (
            "<p>No programme from a physiotherapist yet. If yours gave you a programme file, "
            "press <i>Upload programme</i> and choose it (or type its path below and press "
            "<i>Import programme</i>).</p>"
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
        self.upload = widgets.FileUpload(
            accept=".toml", multiple=False, description="Upload programme"
        )
        self.upload.add_class("psoas-programme-upload")
        self.message = widgets.HTML()
        self.message.add_class("psoas-programme-message")
        self.button.on_click(lambda _: self.load())
        self.upload.observe(lambda _: self.load_upload(), names="value")
        self._show()
        super().__init__(
            [
                self.current,
                self.upload,
                widgets.HBox([self.path, self.button]),
                self.message,
            ]
        )
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
        return self._import(lambda: import_programme(Path(text).expanduser(), self.home))

    def load_upload(self) -> Programme | None:
        """Import the file chosen with *Upload programme* (its bytes, sent by the browser)."""
        if not self.upload.value:
            return None
        chosen = self.upload.value[0]
        name, data = chosen["name"], bytes(chosen["content"])
        try:
            return self._import(lambda: import_text(decode_source(data, name), name, self.home))
        finally:
            self.upload.value = ()  # the same file may be chosen again

    def _import(self, run) -> Programme | None:
        try:
            done: Imported = run()
        except (PsoasError, OSError) as err:
            self.message.value = (
                f"Not imported: {escape(str(err))}. Nothing you had was changed: your "
                "routines, your plan and your programme are as they were."
            )
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
