"""The app's home page: what the workbook is for, today's (or the next) session at your levels
with one **Start** button, and the player it opens.

>>> import tempfile
>>> home = HomePage(tempfile.mkdtemp(), now="2026-03-04 12:00")
>>> "Today at 18:30" in home.today.value  # the default plan: Mon, Wed, Fri, 18:30
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

import ipywidgets as widgets
import pandas as pd

from psoas_lib import events
from psoas_lib.content.catalog import Catalog
from psoas_lib.errors import PsoasError
from psoas_lib.progress import Now, local_now
from psoas_lib.ui.live import error_html, later, watched_home
from psoas_lib.ui.theme import legible

if TYPE_CHECKING:
    from psoas_lib.coaching.safety import Verdict
    from psoas_lib.content.routine import Routine
    from psoas_lib.plan.progression import Progression

__all__ = ["WELCOME", "HomePage", "Proposal", "catalog_or_presets", "propose"]

WELCOME = (
    "<p>Stretch and strengthen your psoas and the other hip flexors: "
    "a short check of the signs, timed routines to do on the mat, and your progress over "
    "the weeks. Everything you record stays in your own data folder.</p>"
    "<p><i>A guide to exercises, not medical advice: warm up first, never bounce, stop at "
    "once on sharp or radiating pain, and see a professional if you have a hip or back "
    "injury.</i></p>"
)


def catalog_or_presets(home: Path | str | None) -> tuple[Catalog, str]:
    """The catalog with the user's routines, or the presets and the message of the routine
    file that did not load."""
    from psoas_lib.content.catalog import load_catalog

    try:
        return load_catalog(home=home), ""
    except PsoasError as exc:
        return load_catalog(home=home, user=False), str(exc)


@dataclass(frozen=True)
class Proposal:
    """Today's (or the next) session as the home page proposes it: from the gated plan
    (:func:`~psoas_lib.plan.weekly.proposed_plan`), with the safety state's verdict on it.

    ``catalog`` is the catalog as written and ``progression`` the user's levels (the player
    doses it: its *Full dose* is then the catalog's); ``routine`` is the session at your
    levels without its held-out exercises, as it would run.
    """

    catalog: Catalog
    progression: Progression
    routine: Routine
    start: datetime
    today: bool
    verdict: Verdict
    assessed: bool
    errors: tuple[str, ...] = ()


def _instant(now: Now) -> datetime:
    """``now`` as an aware instant (a naive time is the computer's local time).

    >>> _instant("2026-03-04 12:00").tzinfo is not None
    True
    """
    if now is None:
        return datetime.now().astimezone()
    moment = pd.Timestamp(now).to_pydatetime()
    return moment if moment.tzinfo is not None else moment.astimezone()


def propose(home: Path | str | None = None, now: Now = None) -> Proposal:
    """What the home page offers at ``now``: the next session of the gated plan, asked of the
    safety state (:func:`psoas_lib.coaching.safety.verdict`, the one gate every player asks).

    >>> import tempfile
    >>> p = propose(tempfile.mkdtemp(), "2026-03-04 12:00")
    >>> p.routine.id, p.verdict.allowed, p.assessed
    ('strength-builder', True, False)
    """
    from psoas_lib.coaching.safety import read_state, without
    from psoas_lib.journal.reading import empty_frame
    from psoas_lib.journal.schema import SESSIONS
    from psoas_lib.journal.store import Journal
    from psoas_lib.plan.progression import dosed_catalog, replay_progression
    from psoas_lib.plan.weekly import PlanBlocked, default_plan, proposed_plan
    from psoas_lib.ui.plan import next_session

    errors: list[str] = []
    catalog, problem = catalog_or_presets(home)
    if problem:
        errors.append(problem)
    moment = _instant(now)
    blocked: Verdict | None = None
    try:
        plan = proposed_plan(catalog, home, now=moment)
    except PlanBlocked as exc:  # a red flag: the panel says why; the plan is only shown
        blocked, plan = exc.verdict, exc.plan or default_plan(catalog)
    except PsoasError as exc:
        errors.append(str(exc))
        plan = default_plan(catalog)
    journal = Journal(home)
    try:
        sessions = journal.sessions()
    except PsoasError as exc:
        errors.append(str(exc))
        sessions = empty_frame(SESSIONS)
    try:
        assessed = not journal.assessments().empty
    except PsoasError:
        assessed = True  # damaged, not missing: the safety state says so
    progression = replay_progression(sessions, catalog, beyond_top_dose=plan.beyond_top_dose)
    day, start = next_session(plan, now)
    verdict = read_state(home).verdict(catalog.routines[day.routine_id], moment)
    if blocked is not None and verdict.allowed:  # never looser than the plan's answer
        verdict = blocked
    levelled = dosed_catalog(catalog, progression).routines[day.routine_id]
    return Proposal(
        catalog=catalog,
        progression=progression,
        routine=without(levelled, verdict.held_out),
        start=start,
        today=start.date() == local_now(now).date(),
        verdict=verdict,
        assessed=assessed,
        errors=tuple(errors),
    )


class HomePage(widgets.VBox):
    """The welcome, today's (or the next) session at your levels with Start, and the player.

    The session comes from the gated plan and is asked of the safety state: under a red
    flag, a pain stop today or an exercise held out, the safety panel says why and the ways
    on, and Start shows only when the session may run. With no assessment yet, *Check
    yourself* is offered first (``on_check`` opens that page in the app).
    """

    def __init__(
        self,
        home: Path | str | None = None,
        *,
        now: Now = None,
        on_check: Callable[[], None] | None = None,
    ) -> None:
        from psoas_lib.ui.safety import SafetyPanel

        self.home, self.now = home, now
        self.routine_id: str | None = None
        self.proposal: Proposal | None = None
        self.welcome = widgets.HTML(WELCOME)
        self.today = widgets.HTML()
        self.today.add_class("psoas-home-today")
        self.check_first = widgets.HTML()
        self.check_first.add_class("psoas-home-check-first")
        self.check_button = widgets.Button(
            description="Check yourself first",
            icon="check-square",
            tooltip="Open the Check yourself page",
            layout=widgets.Layout(width="auto", min_height="44px"),
        )
        self.check_button.add_class("psoas-home-check")
        self.check_button.on_click(lambda _b: on_check() if on_check else None)
        self.check_box = widgets.VBox(
            [self.check_first, *([self.check_button] if on_check else [])]
        )
        self.safety = SafetyPanel(home, on_cleared=self.show, now=lambda: _instant(self.now))
        self.start_button = widgets.Button(
            description="Start",
            icon="play",
            button_style="success",
            tooltip="Start this session now",
            layout=widgets.Layout(width="10em", min_height="44px"),
        )
        legible(self.start_button)
        self.start_button.add_class("psoas-home-start")
        self.start_button.on_click(lambda _b: self.start())
        self.slot = widgets.VBox()
        self.slot.add_class("psoas-home-player")
        self.player: widgets.Widget | None = None
        super().__init__(
            [self.welcome, self.today, self.check_box, self.safety, self.start_button, self.slot]
        )
        self.add_class("psoas-home")
        self.show()
        self._watch = events.observe(self._changed, home=watched_home(home))

    def _changed(self, _change: events.Change) -> None:
        later(self.show)

    def show(self) -> Proposal:
        """Today's session, or the next one, at your current levels, as the gate answers."""
        from psoas_lib.clock import format_clock
        from psoas_lib.ui.notebook import page_ref
        from psoas_lib.ui.psfs import psfs_due_html

        found = self.proposal = propose(self.home, self.now)
        routine, verdict = found.routine, found.verdict
        self.routine_id = routine.id
        start = found.start
        when = (
            f"Today at {start:%H:%M}" if found.today else f"Next: {start:%A %d %B} at {start:%H:%M}"
        )
        exercises = ", ".join(item.exercise.name for item in routine.items)
        session = (
            f"<p><b>{escape(when)}:</b> {escape(routine.name)}, "
            f"{format_clock(routine.total_seconds)} at your levels ({escape(exercises)}).</p>"
            if verdict.allowed
            else "<p><b>No session for now</b>: see why below, and the ways on.</p>"
        )
        self.today.value = (
            "".join(error_html(e) for e in found.errors) + "<h3>Your session</h3>" + session
        )
        self.check_first.value = (
            ""
            if found.assessed
            else "<p><b>New here? Check yourself first:</b> a short checklist of the signs "
            f"({page_ref('check')}) tells you which routine suits you and whether to see a "
            "professional before you exercise.</p>"
        )
        self.check_box.layout.display = "none" if found.assessed else "flex"
        self.today.value += psfs_due_html(self.home, _instant(self.now).date())
        self.safety.show(verdict if verdict.reasons else None)
        self.start_button.layout.display = "flex" if verdict.allowed else "none"
        return found

    def start(self) -> None:
        """Open the player on this session at your levels and start it (the player asks the
        safety state again: nothing runs that it refuses)."""
        from psoas_lib.ui.player import Player

        if self.player is not None and self.player.session.active:
            return  # one is under way: its own buttons pause or stop it
        found = self.show()
        if not found.verdict.allowed:
            return  # the safety panel says why and the ways on
        self.player = Player(
            found.routine.id, catalog=found.catalog, home=self.home, levels=found.progression
        )
        self.slot.children = (self.player,)
        self.player.start()  # a warm-up due or a refusal: the player brings it into view
        if self.player.session.state().started:  # the running player, in view
            self.player.reveal.show(
                "psoas-controls", f"{found.routine.name} started.", focus="button.psoas-pause"
            )
