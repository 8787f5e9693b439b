"""The coaching panel inside the player: form cue, what to feel, cautions, breathing pacer.

A view like the player itself: at each render the player hands it the timer's state and
it turns the catalog's coaching fields into widget traits, with the rules of
:mod:`psoas_lib.coaching.cues` (which form cue a hold shows, when one is said, breathe in or
out). It keeps no timing of its own.

- During a hold or set the current **form cue** shows (the exercise's cues in turn, one per
  hold), with what you should **feel**; the exercise's **cautions** stay visible while it
  runs (in a pause they are the next exercise's). While you get ready, switch sides or rest,
  the **common mistakes** of the exercise to come show instead of the cue.
- **Coach cues** (off by default): the voice says the form cue a few seconds into each
  hold or set long enough for it, through the player's hands-free helper.
- **Breathing pacer** (off by default): during static holds a dot grows for 5 s (breathe
  in) and shrinks for 5 s (breathe out), with the words. The dot's size follows a CSS
  transition the phase switches; with reduced motion asked for, the dot is hidden and
  only the words change.

>>> from psoas_lib.ui.player import Player
>>> panel = Player("post-workout-release", hands_free=False).coaching  # knee-to-chest first
>>> "behind the thigh" in panel.cautions.value, panel.coach_cues.layout.display
(True, 'none')
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Protocol

import ipywidgets as widgets

from psoas_lib.coaching.cues import (
    BREATH_S,
    BreathPhase,
    Cue,
    breath_phase,
    due_form_cue,
    form_cue_script,
    form_cue_texts,
    routine_form_cues,
    shows_pacer,
)
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.catalog import Catalog
from psoas_lib.content.exercise import Exercise
from psoas_lib.content.routine import Routine
from psoas_lib.ui.handsfree import HandsFree
from psoas_lib.ui.kit import show

__all__ = [
    "BREATH_WORDS",
    "CoachedPlayer",
    "CoachingDisplay",
    "CoachingPanel",
    "coaching_display",
]


class CoachedPlayer(Protocol):
    """What the panel reads from its player (:class:`~psoas_lib.ui.player.Player`, which
    places the panel, has it): its session, routine, catalog and hands-free helper."""

    @property
    def session(self) -> PlayerSession: ...
    @property
    def routine(self) -> Routine: ...
    @property
    def catalog(self) -> Catalog: ...
    @property
    def hands_free(self) -> HandsFree | None: ...


#: What the pacer says in each phase.
BREATH_WORDS = {"in": "Breathe in", "out": "Breathe out"}

#: The pacer's dot: 5 s to grow or shrink; hidden when the system asks for reduced motion.
COACHING_CSS = f"""<style>
.psoas-form-cue {{ font-weight: bold; }}
.psoas-pacer-dot {{ width: 4em; height: 4em; border-radius: 50%; background: #64b5f6;
  transform: scale(0.45); transition: transform {BREATH_S}s ease-in-out; margin: 0.4em; }}
.psoas-breathe-in .psoas-pacer-dot {{ transform: scale(1); }}
@media (prefers-reduced-motion: reduce) {{
  .psoas-pacer-dot {{ display: none; transition: none; }}
}}
</style>"""


@dataclass(frozen=True)
class CoachingDisplay:
    """The panel's texts at one state (HTML, escaped; "" shows nothing) and the pacer's
    breath ("in", "out"; None: the pacer is hidden)."""

    form_cue: str = ""
    feel: str = ""
    mistakes: str = ""
    cautions: str = ""
    breath: BreathPhase | None = None


def coaching_display(
    state: TimerState, exercise: Exercise | None, cue: str | None, pacer_on: bool = False
) -> CoachingDisplay:
    """What the panel shows at ``state`` for the step's ``exercise`` and its form ``cue``:
    the cue and what to feel while working, the mistakes to avoid while getting ready, the
    cautions until the routine is finished, the pacer in a running static hold (``pacer_on``).
    """
    over = state.over
    cue = None if over else cue
    seg = state.segment
    coaching = exercise.coaching if exercise is not None else None
    working = cue is not None and seg.is_work
    preparing = not seg.is_work and not over
    feel = coaching.feel if coaching is not None and working else ""
    mistakes = coaching.mistakes if coaching is not None and preparing else ()
    cautions = exercise.cautions if exercise is not None and not state.finished else ()
    pacing = pacer_on and shows_pacer(seg) and state.started and not over
    return CoachingDisplay(
        form_cue=cue or "",
        feel=f"<b>Feel:</b> {escape(feel)}" if feel else "",
        mistakes="<b>Watch out for:</b> " + " · ".join(map(escape, mistakes)) if mistakes else "",
        cautions="<b>Take care:</b> " + " · ".join(map(escape, cautions)) if cautions else "",
        breath=breath_phase(state.segment_elapsed) if pacing else None,
    )


class CoachingPanel(widgets.VBox):
    """Form cue, feel, cautions, the coach-cues and pacer switches, and the pacer."""

    def __init__(self, player: CoachedPlayer) -> None:
        self.player = player
        self._routine: Routine | None = None
        self._texts: dict[int, str] = {}
        self._script: list[Cue] = []
        self._last: TimerState | None = None
        self.spoken: list[str] = []  # the form cues said, in order (what the voice got)
        self.form_cue = widgets.Label("", style={"font_size": "30px"})
        self.form_cue.add_class("psoas-form-cue")
        self.feel = widgets.HTML("", style={"font_size": "20px"})
        self.feel.add_class("psoas-feel")
        self.mistakes = widgets.HTML("", style={"font_size": "20px"})
        self.mistakes.add_class("psoas-mistakes")
        self.cautions = widgets.HTML("", style={"font_size": "20px"})
        self.cautions.add_class("psoas-cautions")
        self.coach_cues = widgets.Checkbox(
            value=False,
            description="Coach cues: the voice says a form cue in each hold",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.coach_cues.add_class("psoas-coach-cues")
        self.pacer_on = widgets.Checkbox(
            value=False,
            description="Breathing pacer in holds (5 s in, 5 s out)",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.pacer_on.add_class("psoas-pacer-toggle")
        self.pacer_on.observe(lambda _: self.update(), names="value")
        self.breath = widgets.Label("", style={"font_size": "28px"})
        self.breath.add_class("psoas-breath")
        self.pacer = widgets.HBox(
            [widgets.HTML('<div class="psoas-pacer-dot"></div>'), self.breath],
            layout=widgets.Layout(align_items="center", display="none"),
        )
        self.pacer.add_class("psoas-pacer")
        show(self.coach_cues, player.hands_free is not None)
        super().__init__(
            [
                widgets.HTML(COACHING_CSS),
                self.form_cue,
                self.feel,
                self.mistakes,
                self.pacer,
                self.cautions,
                widgets.HBox([self.coach_cues, self.pacer_on]),
            ]
        )
        self.add_class("psoas-coaching")

    def _follow(self, routine: Routine) -> None:
        """Recompute the cues when the player's routine changed."""
        if routine is self._routine:
            return
        self._routine = routine
        timeline = routine.timeline()
        self._texts = form_cue_texts(timeline, routine_form_cues(routine))
        self._script = form_cue_script(routine)
        self._last = None

    def update(self, state: TimerState | None = None) -> None:
        """Show the coaching of the state's step; say a form cue that is due (coach cues on)."""
        state = state or self.player.session.state()
        self._follow(self.player.routine)
        exercise = self.player.catalog.exercises.get(state.segment.exercise_id or "")
        shown = coaching_display(
            state, exercise, self._texts.get(state.index), bool(self.pacer_on.value)
        )
        self.form_cue.value, self.feel.value = shown.form_cue, shown.feel
        self.mistakes.value, self.cautions.value = shown.mistakes, shown.cautions
        phase = shown.breath
        show(self.pacer, phase is not None)
        if phase is not None:
            self.breath.value = BREATH_WORDS[phase]
            if f"psoas-breathe-{phase}" not in self.pacer._dom_classes:  # a new phase only:
                other = "out" if phase == "in" else "in"  # the dot's transition runs once
                self.pacer.remove_class(f"psoas-breathe-{other}")
                self.pacer.add_class(f"psoas-breathe-{phase}")
        self._say(state)

    def _say(self, state: TimerState) -> None:
        due = due_form_cue(self._script, self._last, state)
        self._last = state
        helper = self.player.hands_free
        if due is None or not self.coach_cues.value or helper is None:
            return
        self.spoken.append(due.text)
        helper.speak(due.text)
