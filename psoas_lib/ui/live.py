"""Live views: parts of a page that follow the user's choices and the journal by themselves.

The journal announces each write (:mod:`psoas_lib.events`); these views observe it
and redraw, so no page ever asks to run a cell again:

- :class:`SuggestedRoutine` follows the ticks of a checklist (before Save);
- :class:`LiveBox` rebuilds its content after each write of the kinds it watches (the score
  chart after a saved assessment, the planned-against-done table after a logged session);
- :func:`follow_journal` keeps a player's routine list and choice in step with saved routines
  and assessments.

A part that cannot be drawn (a damaged journal, plan or routine file) shows the one-line
message naming the file, the line and the fix, and the rest of the page goes on working.

>>> import tempfile
>>> from psoas_lib.ui.checklist import ChecklistWidget
>>> home = tempfile.mkdtemp()
>>> checklist = ChecklistWidget(home=home)
>>> suggestion = SuggestedRoutine(checklist)
>>> checklist.set_ticked(["existing-injury"])
>>> "No routine is suggested" in suggestion.value
True
>>> checklist.set_ticked(["poor-posture"])
>>> "Strength builder" in suggestion.value
True
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable, Sequence
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from psoas_lib import events
from psoas_lib.errors import PsoasError
from psoas_lib.paths import data_home
from psoas_lib.ui.kit import html

__all__ = [
    "JOURNAL_KINDS",
    "LiveBox",
    "SuggestedRoutine",
    "error_html",
    "follow_journal",
    "later",
    "live_assessment_chart",
    "read_journal",
    "watched_home",
]

#: The writes that change what the journal's views show.
JOURNAL_KINDS = ("session", "assessment", "repair")


def watched_home(home: Path | str | None) -> Path:
    """The data folder a view shows (the user's when ``home`` is None), to observe it."""
    return Path(home) if home is not None else data_home(create=False)


def error_html(message: str) -> str:
    """The one-line message of a file that could not be read, and where to repair it.

    >>> "sessions.csv, line 3" in error_html("sessions.csv, line 3: bad time")
    True
    """
    return (
        '<p class="psoas-error psoas-friendly-error" role="alert">'
        f"<b>Could not read a file:</b> {escape(message)} "
        "<i>(Check my journal lists every problem and can repair the journal.)</i></p>"
    )


_pending: set[Callable[[], object]] = set()


def _kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The running event loop of the Jupyter kernel this runs in, or None elsewhere (a
    script, a test, or a loop that is not the kernel's, such as a browser driver's)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return None
    shell = get_ipython()
    if shell is None or getattr(shell, "kernel", None) is None:
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def later(redraw: Callable[[], object]) -> None:
    """Run ``redraw`` once the kernel has handled the current message, so the view that
    wrote (a player's "Saved") answers first and the others follow at once; two changes in
    one message redraw once. Outside a kernel (tests, scripts) it runs now.

    >>> later(lambda: print("drawn"))
    drawn
    """
    loop = _kernel_loop()
    if loop is None:
        redraw()
        return
    if redraw in _pending:
        return
    _pending.add(redraw)

    def run() -> None:
        _pending.discard(redraw)
        redraw()

    loop.call_soon(run)


def _error_widget(message: str) -> widgets.HTML:
    return html("psoas-friendly-error", error_html(message))


class SuggestedRoutine(widgets.HTML):
    """The suggested routine for the boxes ticked now, exercise by exercise."""

    def __init__(self, checklist: widgets.Widget) -> None:
        super().__init__()
        self.add_class("psoas-suggested-routine")
        self.checklist = checklist
        for box in checklist.checkboxes.values():
            box.observe(self._update, names="value")
        self._update()

    def _update(self, _: object = None) -> None:
        from psoas_lib.ui.checklist import show_plan

        catalog = getattr(self.checklist, "catalog", None)
        self.value = show_plan(self.checklist.assessment, catalog).data


class LiveBox(widgets.VBox):
    """A part drawn by ``build()`` and drawn again after each write of ``kinds`` in ``home``.

    ``build`` returns a widget (or several); a :class:`PsoasError` while building shows its
    message in place of the part.
    """

    def __init__(
        self,
        build: Callable[[], widgets.Widget | Sequence[widgets.Widget]],
        *kinds: str,
        home: Path | str | None = None,
        css: str = "",
    ) -> None:
        super().__init__()
        if css:
            self.add_class(css)
        self.build = build
        self.draws = 0
        self._observer = events.observe(self._changed, *kinds, home=watched_home(home))
        self.redraw()

    def _changed(self, _change: events.Change) -> None:
        later(self.redraw)

    def redraw(self, _: object = None) -> None:
        try:
            made = self.build()
        except PsoasError as exc:
            made = _error_widget(str(exc))
        self.children = tuple(made) if isinstance(made, Sequence) else (made,)
        self.draws += 1

    def close(self) -> None:
        self._observer.cancel()
        super().close()


def live_assessment_chart(home: Path | str | None = None) -> LiveBox:
    """The self-assessment scores chart, drawn again after each saved assessment."""

    def build() -> widgets.Widget:
        from psoas_lib.journal.store import Journal
        from psoas_lib.ui.charts import assessment_chart
        from psoas_lib.ui.images import chart_view

        image = chart_view(assessment_chart(Journal(home).assessments()))  # in the page's theme
        image.add_class("psoas-assessment-chart")
        return image

    return LiveBox(build, "assessment", "repair", home=home, css="psoas-live-assessment-chart")


def follow_journal(player: widgets.Widget, home: Path | str | None = None) -> events.Observer:
    """Keep ``player``'s list in step with saved routines, and choose the routine a newly
    saved assessment suggests (unless a routine is under way). The player is held weakly."""
    ref = weakref.ref(player)

    def changed(change: events.Change) -> None:
        view = ref()
        if view is None:
            observer.cancel()
            return
        if change.kind == "assessment":
            _choose_suggested(view, home)
        else:
            view.refresh()

    observer = events.observe(
        changed, "routine", "assessment", "programme", home=watched_home(home)
    )
    return observer


def _choose_suggested(player: widgets.Widget, home: Path | str | None) -> None:
    from psoas_lib.journal.store import Journal

    if player.session.state().started:
        return
    try:
        frame = Journal(home).assessments()
    except PsoasError:
        return
    if frame.empty:
        return
    routine_id = str(frame.sort_values("taken_at", kind="stable").iloc[-1]["routine_id"])
    if routine_id in player.catalog.routines:
        player.select(routine_id)


def read_journal(home: Path | str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sessions and the assessments, for the charts of a notebook; a file that cannot be
    read shows its one-line message and reads as empty, so every chart below still draws.

    >>> import tempfile
    >>> sessions, assessments = read_journal(tempfile.mkdtemp())
    >>> len(sessions), len(assessments)
    (0, 0)
    """
    from psoas_lib.journal.reading import empty_frame
    from psoas_lib.journal.schema import ASSESSMENTS, SESSIONS
    from psoas_lib.journal.store import Journal

    journal = Journal(home)
    frames = []
    for schema, read in ((SESSIONS, journal.sessions), (ASSESSMENTS, journal.assessments)):
        try:
            frames.append(read())
        except PsoasError as exc:
            from IPython.display import HTML, display

            display(HTML(error_html(str(exc))))
            frames.append(empty_frame(schema))
    return frames[0], frames[1]
