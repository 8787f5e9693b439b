"""The safety widgets: why nothing runs and the ways on, and the pain-stop form.

The rules are :mod:`psoas_lib.coaching.safety`; these widgets only show its answer and
record what the user says:

- :class:`SafetyPanel`: the reason a routine does not run (a "see a professional first"
  result, exercises held out after pain stops) and the two ways on: take the checklist again
  (``01_self_assessment.ipynb``), or record "a professional has cleared me to exercise" with
  the day of the appointment, after a confirmation. The player, the plan page and the
  checklist show it.
- :class:`PainForm`: after a pain stop, where it hurt, how much (0–10) and a note, saved as
  a pain report in the journal. Saved without a rating, it asks for one once; saved again,
  the report says "not rated" (:data:`NOT_RATED`) in its notes.

>>> panel = SafetyPanel()
>>> panel.layout.display
'none'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets

from psoas_lib.coaching.safety import Verdict
from psoas_lib.errors import PsoasError
from psoas_lib.journal.schema import NOT_RATED, PAIN_PLACES
from psoas_lib.ui.kit import NOT_SET, button, classed, rating, show

if TYPE_CHECKING:
    from psoas_lib.coaching.player_session import PlayerSession

__all__ = [
    "CHECKLIST_LINK",
    "NOT_RATED",
    "PainForm",
    "PanelDisplay",
    "SafetyPanel",
    "clearance_question",
    "cleared_exercises",
    "panel_display",
]

#: The checklist notebook, beside the other notebooks.
CHECKLIST_LINK = "01_self_assessment.ipynb"
CLEAR_TEXT = "A professional has cleared me to exercise"


def _checklist_again() -> str:
    """Where to take the checklist again: the app's page, or the notebook beside this one."""
    from psoas_lib.ui.notebook import in_app, page_ref

    if in_app():
        return f"<p>Things have changed? Take the self-assessment again on {page_ref('check')}.</p>"
    return (
        f'<p>Things have changed? <a href="{CHECKLIST_LINK}" target="_blank">Take the '
        f"self-assessment again</a> ({CHECKLIST_LINK}).</p>"
    )


def _now() -> datetime:
    return datetime.now().astimezone().replace(microsecond=0)


@dataclass(frozen=True)
class PanelDisplay:
    """What the safety panel shows for a verdict: whether it shows at all, the reasons, and
    which ways on (take the checklist again, the rest-today lines, record a clearance)."""

    shown: bool
    reasons: tuple[str, ...] = ()
    checklist: bool = False
    tomorrow: tuple[str, ...] = ()
    clearance: bool = False


def panel_display(
    verdict: Verdict | None, offer: tuple[str, ...], message: bool = False
) -> PanelDisplay:
    """The panel for ``verdict`` (None: all clear) with the ways on this page ``offer``s;
    ``message``: a message (e.g. "Recorded") keeps it shown.

    >>> from psoas_lib.coaching.safety import WAY_CHECKLIST, WAY_CLEARANCE
    >>> ways = (WAY_CHECKLIST, WAY_CLEARANCE)
    >>> refused = Verdict(False, ("See a professional.",), ways_on=ways)
    >>> shown = panel_display(refused, ("clearance",))
    >>> shown.shown, shown.reasons, shown.checklist, shown.clearance
    (True, ('See a professional.',), False, True)
    >>> panel_display(None, ("clearance",))
    PanelDisplay(shown=False, reasons=(), checklist=False, tomorrow=(), clearance=False)
    """
    if verdict is None:
        return PanelDisplay(shown=message)
    keys = {way.key for way in verdict.ways_on if way.key in offer}
    rest = "tomorrow" in offer
    return PanelDisplay(
        shown=bool(verdict.reasons) or message,
        reasons=verdict.reasons,
        checklist="checklist" in keys,
        tomorrow=tuple(way.text for way in verdict.ways_on if way.key == "tomorrow" and rest),
        clearance="clearance" in keys,
    )


def cleared_exercises(verdict: Verdict | None) -> list[str]:
    """What a clearance is recorded for: each held-out exercise, or "" (exercise in
    general) after a red flag or with nothing held out.

    >>> cleared_exercises(Verdict(False, held_out=("low-lunge",))), cleared_exercises(None)
    (['low-lunge'], [''])
    """
    if verdict is not None and not verdict.red_flag and verdict.held_out:
        return list(verdict.held_out)
    return [""]


def clearance_question(verdict: Verdict | None, names: dict[str, str], day: date) -> str:
    """The question a clearance is confirmed with, naming what is cleared and the day.

    >>> clearance_question(Verdict(False, held_out=("a", "b")), {"a": "Lunge"}, date(2026, 12, 1))
    'A GP or a physiotherapist cleared you for Lunge, b on 01 Dec 2026?'
    """
    what = [names.get(e, e) for e in cleared_exercises(verdict) if e]
    where = "for " + ", ".join(what) if what else "to exercise"
    return f"A GP or a physiotherapist cleared you {where} on {day:%d %b %Y}?"


class SafetyPanel(widgets.VBox):
    """Why a routine does not run, and the ways on (hidden while all is clear).

    ``on_cleared`` is called after a clearance is recorded (a player then lets Start go on);
    ``offer`` names the ways on this page offers (the checklist page leaves out "take the
    checklist again").
    """

    def __init__(
        self,
        home: Path | str | None = None,
        *,
        on_cleared: Callable[[], object] | None = None,
        now: Callable[[], datetime] = _now,
        offer: tuple[str, ...] = ("checklist", "tomorrow", "clearance"),
    ) -> None:
        self.home, self.on_cleared, self.now, self.offer = home, on_cleared, now, offer
        self.verdict: Verdict | None = None
        self.names: dict[str, str] = {}  # exercise names, for the confirmation
        self.reason = classed(
            widgets.HTML(style={"font_size": "20px", "text_color": "#b71c1c"}),
            "psoas-safety-reason",
        )
        self.checklist = classed(
            widgets.HTML(_checklist_again()),
            "psoas-safety-checklist",
        )
        self.tomorrow = classed(widgets.HTML(), "psoas-safety-tomorrow")  # after a pain stop
        self.cleared_on = classed(
            widgets.DatePicker(description="Seen on", value=date.today()),
            "psoas-cleared-on",
        )
        self.clear_button = button(CLEAR_TEXT, "psoas-clear", "info", width="26em")
        self.question = classed(widgets.Label(), "psoas-clear-question")
        self.confirm_button = button("Yes, record it", "psoas-clear-confirm", "success")
        self.cancel_button = button("Cancel", "psoas-clear-cancel")
        self.confirm_box = widgets.HBox([self.question, self.confirm_button, self.cancel_button])
        self.message = classed(widgets.Label(), "psoas-clear-message")
        self.clear_box = widgets.VBox(
            [widgets.HBox([self.cleared_on, self.clear_button]), self.confirm_box]
        )
        self.clear_button.on_click(lambda _: self.ask())
        self.confirm_button.on_click(lambda _: self.confirm())
        self.cancel_button.on_click(lambda _: show(self.confirm_box, False))
        super().__init__([self.reason, self.checklist, self.tomorrow, self.clear_box, self.message])
        self.add_class("psoas-safety-panel")
        self.show(None)

    def show(self, verdict: Verdict | None) -> None:
        """Draw a verdict (the panel's render): its reasons and its ways on
        (:func:`panel_display`); hidden when there is nothing to say."""
        self.verdict = verdict
        shown = panel_display(verdict, self.offer, bool(self.message.value))
        show(self, shown.shown)
        show(self.confirm_box, False)
        show(self.checklist, shown.checklist)
        self.tomorrow.value = "".join(f"<p><b>{escape(t)}</b></p>" for t in shown.tomorrow)
        show(self.tomorrow, bool(shown.tomorrow))
        show(self.clear_box, shown.clearance)
        self.reason.value = "".join(f"<p>{escape(r)}</p>" for r in shown.reasons)

    def check(self, session: PlayerSession) -> Verdict:
        """Ask the session's safety state about its routine now, and show the answer."""
        self.names = {ex.id: ex.name for ex in session.catalog.exercises.values()}
        verdict = session.safety_gate.state().verdict(
            session.catalog.routines.get(session.routine.id, session.routine), session.now()
        )
        self.show(verdict if verdict.reasons else None)
        return verdict

    def check_journal(self) -> Verdict:
        """Ask the journal's safety state about exercise in general now, and show it."""
        from psoas_lib.coaching.safety import read_state

        verdict = read_state(self.home).verdict(None, self.now())
        self.show(verdict if verdict.reasons else None)
        return verdict

    def ask(self) -> None:
        """The first press: ask to confirm, naming the day."""
        day = self.cleared_on.value or date.today()
        self.question.value = clearance_question(self.verdict, self.names, day)
        show(self.confirm_box, True)

    def confirm(self) -> bool:
        """Record the clearance in the journal (general after a red flag, else one for each
        held-out exercise); True when it was saved."""
        from psoas_lib.journal.store import Journal

        day = self.cleared_on.value or date.today()
        exercises = cleared_exercises(self.verdict)
        from psoas_lib.coaching.safety import clearance_problem, read_state

        state = read_state(self.home)
        for exercise in exercises:
            problem = clearance_problem(state, day, self.now(), exercise)
            if problem is not None:
                self.message.value = f"Not recorded: {problem}"
                return False
        try:
            for exercise in exercises:
                Journal(self.home).add_clearance(
                    recorded_at=self.now(), cleared_on=day, exercise_id=exercise
                )
        except (PsoasError, OSError) as err:
            self.message.value = f"Not recorded: {err}"
            return False
        self.message.value = (
            f"Recorded in your journal: a professional cleared you on {day:%d %b %Y}. "
            "It shows in your report."
        )
        self.show(None)
        if self.on_cleared is not None:
            self.on_cleared()
        return True


class PainForm(widgets.VBox):
    """After a pain stop: where it hurt, how much, a note; Save writes the pain report."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = home
        self.session: PlayerSession | None = None
        self.place = classed(
            widgets.Dropdown(
                options=[("(choose)", ""), *((p.capitalize(), p) for p in PAIN_PLACES)],
                description="Where",
            ),
            "psoas-pain-place",
        )
        self.level = rating("How much (0–10)", "psoas-pain-level", width="32em", label_width="10em")
        self.note = classed(
            widgets.Textarea(placeholder="A note (optional)", layout=widgets.Layout(width="32em")),
            "psoas-pain-note",
        )
        self.save_button = button("Save pain report", "psoas-pain-save", "warning")
        self.message = classed(widgets.Label(), "psoas-pain-message")
        self.asked = False
        self.save_button.on_click(lambda _: self.save())
        super().__init__(
            [
                widgets.HTML("<b>Where did it hurt?</b> (it helps you and a professional later)"),
                self.place,
                self.level,
                self.note,
                widgets.HBox([self.save_button, self.message]),
            ]
        )
        self.add_class("psoas-pain-form")
        show(self, False)

    def offer(self, session: PlayerSession) -> None:
        """Offer the form for the session that just stopped for pain."""
        self.session = session
        self.place.value, self.level.value, self.note.value = "", NOT_SET, ""
        self.message.value = ""
        self.asked = False  # a missing rating is asked for once
        self.save_button.disabled = False
        show(self, True)

    def save(self) -> bool:
        """Write the pain report once; a problem shows as a message."""
        from psoas_lib.journal.store import Journal

        session = self.session
        if session is None or session.started_at is None:
            return False
        if self.save_button.disabled:  # saved already: one report per session
            return True
        not_rated = self.level.value == NOT_SET
        if not_rated and not self.asked:
            self.asked = True
            self.message.value = (
                "How much did it hurt? Choose 0 to 10 (it helps you and a professional later), "
                "or press Save again to record it as not rated."
            )
            return False
        try:
            Journal(self.home).add_pain_report(
                started_at=session.started_at,
                routine_id=session.routine.id,
                exercise_id=session.pain_exercise or "",
                place=self.place.value,
                pain=None if not_rated else self.level.value,
                notes=self.note.value,
                not_rated=not_rated,
            )
        except (PsoasError, OSError) as err:
            self.message.value = f"Not saved: {err}"
            return False
        self.message.value = "Saved in your journal" + (
            " (the pain not rated)." if not_rated else "."
        )
        self.save_button.disabled = True
        return True
