"""*Check my journal*: every problem in the journal files, the repair, and the journal itself.

Lists what :meth:`Journal.check` finds (file, line, column, what is wrong, how to fix it),
offers :meth:`Journal.repair` (the original is kept as a timestamped backup, named after the
repair), and offers the journal as CSV and JSON files, written to the exports folder and
downloaded by the browser. The list follows the journal: a write anywhere checks again.

>>> import tempfile
>>> from datetime import datetime, timezone
>>> journal = Journal(tempfile.mkdtemp())
>>> journal.add_session(started_at=datetime(2026, 3, 2, 7, 30, tzinfo=timezone.utc),
...     routine_id="desk-reset", planned_s=600, completed_s=540, exercises_done=[])
>>> with open(journal.sessions_path, "ab") as out:  # a crash while writing the next one
...     _ = out.write(b"2026-03-03T07:30:00+01:00,desk-re")
>>> view = JournalCheck(journal.home)
>>> view.problems
1
>>> view.repair_button.click()
>>> "kept as" in view.status.value, view.problems
(True, 0)
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as widgets

from psoas_lib import events
from psoas_lib.errors import PsoasError
from psoas_lib.journal.store import Journal
from psoas_lib.ui.download import DownloadLinks
from psoas_lib.ui.html import table
from psoas_lib.ui.live import later, watched_home
from psoas_lib.ui.theme import legible

__all__ = ["JournalCheck"]

LEVELS = {"error": "cannot be read", "torn": "torn line", "note": "note"}


class JournalCheck(widgets.VBox):
    """The problems of the journal in ``home``, a Repair button and the journal's exports."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = Path(home) if home is not None else None
        self.problems = 0
        self.report = widgets.HTML()
        self.report.add_class("psoas-journal-problems")
        self.check_button = widgets.Button(description="Check again", icon="refresh")
        self.check_button.add_class("psoas-journal-check")
        self.drop = widgets.Checkbox(
            description="Also drop lines that cannot be read (they stay in the backup)",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.drop.add_class("psoas-journal-drop")
        self.repair_button = legible(
            widgets.Button(description="Repair my journal", icon="wrench", button_style="warning")
        )
        self.repair_button.add_class("psoas-journal-repair")
        self.status = widgets.HTML()
        self.status.add_class("psoas-journal-status")
        self.export_buttons = {}
        for what in ("sessions", "assessments"):
            for form in ("csv", "json"):
                button = widgets.Button(
                    description=f"{what.capitalize()} as {form.upper()}",
                    icon="download",
                    layout=widgets.Layout(width="auto"),
                )
                button.add_class(f"psoas-journal-export-{what}-{form}")
                button.on_click(lambda _b, w=what, f=form: self.export(w, f))
                self.export_buttons[what, form] = button
        self.downloads = DownloadLinks()
        self.check_button.on_click(lambda _b: self.check())
        self.repair_button.on_click(lambda _b: self.repair())
        super().__init__(
            [
                self.report,
                widgets.HBox([self.check_button, self.repair_button, self.drop]),
                self.status,
                widgets.HTML("<h4>Your journal as a file</h4>"),
                widgets.HBox(list(self.export_buttons.values())),
                self.downloads,
            ]
        )
        self.add_class("psoas-journal-check-view")
        self.check()
        self._watch = events.observe(self._changed, home=watched_home(self.home))

    def _journal(self) -> Journal:
        return Journal(self.home)

    def _changed(self, _change: events.Change) -> None:
        later(self.check)

    def check(self) -> None:
        """List every problem (or say the journal is fine)."""
        found = self._journal().check()
        serious = [p for p in found if p.level != "note"]
        self.problems = len(serious)
        self.repair_button.disabled = not serious
        if not found:
            self.report.value = "<p><b>Your journal is fine:</b> every line reads.</p>"
            return
        rows = [
            [
                Path(p.path).name,
                "" if p.line is None else p.line,
                p.column or "",
                LEVELS.get(p.level, p.level),
                p.what,
                p.fix,
            ]
            for p in found
        ]
        notes = len(found) - len(serious)
        head = (
            f"<p><b>{len(serious)} problem{'s' if len(serious) != 1 else ''}</b> to repair"
            + (f" and {notes} note{'s' if notes != 1 else ''}" if notes else "")
            + ":</p>"
        )
        self.report.value = head + table(["File", "Line", "Column", "Kind", "What", "Fix"], rows)

    def repair(self) -> None:
        """Repair the files that need it; the originals are kept as backups."""
        try:
            done = self._journal().repair(drop_invalid=self.drop.value)
        except (PsoasError, OSError) as exc:
            self.status.value = f'<p class="psoas-error">Not repaired: {escape(str(exc))}</p>'
            self.check()
            return
        if not done:
            self.status.value = "<p>Nothing needed repairing.</p>"
        else:
            self.status.value = "".join(
                f"<p>Repaired <code>{escape(r.path.name)}</code> ({len(r.removed)} line(s) "
                f"removed); the original is kept as <code>{escape(str(r.backup))}</code>.</p>"
                for r in done
            )
        self.check()

    def export(self, what: str, form: str) -> Path | None:
        """Write the journal's ``what`` as ``form`` to the exports folder and offer it."""
        from psoas_lib.progress import local_now
        from psoas_lib.ui.report import export_folder

        journal = self._journal()
        try:
            folder = export_folder(journal.home / "exports")
            stamp = f"{local_now():%Y-%m-%d_%H%M%S}"
            dest = folder / f"psoas-{what}-{stamp}.{form}"
            write = journal.export_csv if form == "csv" else journal.export_json
            path = write(dest, what)
        except (PsoasError, OSError) as exc:
            self.status.value = f'<p class="psoas-error">Not exported: {escape(str(exc))}</p>'
            self.downloads.clear()
            return None
        self.status.value = f"<p>Written: <code>{escape(str(path))}</code></p>"
        self.downloads.show([path])
        return path
