"""The routine player: a widget readable from the mat, two metres from the screen.

A view of a :class:`~psoas_lib.coaching.player_session.PlayerSession` (``player.session``):
button presses become session calls, and at each tick :meth:`Player.render` draws the
session's state onto a layout built once (label texts, progress values, colours, the
controls that may be pressed: all decided by the widget-free
:func:`~psoas_lib.coaching.player_display.player_display`). It holds no timing and no session
state of its own (started, logged, warned, pain, the routine to return to are the
session's), and never reads state back from its widgets' layout.

Ticks come from the browser: a hidden ``ipywidgets.Play`` counts every 250 ms and Python
observes its value. A tick only asks the timer for its state, which is computed from the
clock, so a late, missed or throttled tick (a background tab ticks once a second or less)
shows the right time at the next one. Nothing blocks the kernel, so a button press is
handled between two ticks; Pause acts at once, whatever the tick rate.

Hands-free: a :class:`~psoas_lib.ui.handsfree.HandsFree` helper inside the player speaks
each cue of the session's cue script (the very text the cue line shows, from
:meth:`Player.on_cue`), keeps the screen
awake while the routine runs (:meth:`Player.on_tick`) and turns keys into the same calls
as the buttons: Space starts, pauses and resumes, → skips, ← goes back, S stops and P is
the pain stop (Esc only leaves the focus view: it never stops a session). The buttons show
their keys. Whatever a press brings (the warm-up question, a refusal, the pain advice and
form, the end with Save) is brought into view, focused and said (:mod:`psoas_lib.ui.reveal`).

>>> player = Player("desk-reset", levels=None)      # the doses as written, no levels
>>> player.countdown.value, player.total.value, player.pause_button.description
('10', 'Total 13:15', 'Pause · Space')
>>> player.start_button.click()
>>> player.exercise.value
'Marching in place'
>>> player.stop_button.click()
>>> player.log_box.layout.display
'flex'
"""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from psoas_lib.clock import format_clock
from psoas_lib.coaching.cues import Cue
from psoas_lib.coaching.dose_choice import DoseChooser
from psoas_lib.coaching.player_display import log_summary, player_display
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.coaching.session import (
    SAFETY_ADVICE,
    WARM_UP_ADVICE,
    WARM_UP_CONFIRM,
    routine_label,
)
from psoas_lib.coaching.sound import cue_sound
from psoas_lib.coaching.timer import RoutineTimer, TimerState
from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError
from psoas_lib.plan.levels import FROM_JOURNAL, journal_dose, level_dose
from psoas_lib.plan.progression import Progression
from psoas_lib.ui.coaching import CoachingPanel
from psoas_lib.ui.dose import DoseChoice, warmed_up_button
from psoas_lib.ui.figure import FigureView, figures, player_timing
from psoas_lib.ui.focus import PLAYER_LAYOUT_CSS, FocusMode
from psoas_lib.ui.form_check import FormCheckView
from psoas_lib.ui.handsfree import KEY_HELP, HandsFree
from psoas_lib.ui.html import frame_table, numbered_list
from psoas_lib.ui.kit import NOT_SET, button, classed, html, label, rating, show
from psoas_lib.ui.live import error_html, follow_journal
from psoas_lib.ui.recovery import recovery_banner
from psoas_lib.ui.reveal import Reveal
from psoas_lib.ui.safety import PainForm, SafetyPanel
from psoas_lib.ui.theme import BUTTON_COLOURS, THEME_CSS, countdown_colour

__all__ = ["Player"]

TICK_MS = 250
UNSET = NOT_SET  # a rating not moved

#: Lets the large labels grow (a widget label is one 28-pixel line by default).
PLAYER_CSS = """<style>
.psoas-player .widget-label { height: auto; line-height: 1.15; white-space: normal; }
.psoas-player .psoas-countdown { font-variant-numeric: tabular-nums; min-height: 1.2em; }
</style>"""
COLOURS = {state: countdown_colour(state) for state in ("normal", "final", "idle")}


#: The player's buttons: large bold text, readable from the mat.
BIG_TEXT = {"font_size": "18px", "font_weight": "bold"}


def _button(text: str, css: str, style: str = "", width: str = "9em") -> widgets.Button:
    return button(text, css, style, width=width, height="3em", font=BIG_TEXT)


def _bar(description: str, css: str) -> widgets.FloatProgress:
    """A progress bar across the stage, 0 to 1."""
    bar = widgets.FloatProgress(
        min=0, max=1, description=description, layout=widgets.Layout(width="100%")
    )
    return classed(bar, css)


def _keyed(text: str, action: str) -> str:
    """A button's text with its key.

    >>> _keyed("Skip", "skip")
    'Skip · →'
    """
    return f"{text} · {KEY_HELP[action]}"


CueHandler = Callable[[Cue, TimerState, str], None]


def _dose(
    catalog: Catalog, home: Path | str | None, levels: Progression | str | None
) -> DoseChooser:
    """The player's dose: the journal's levels, the ``levels`` given, or as written (None)."""
    if levels == FROM_JOURNAL:
        return journal_dose(catalog, home)
    return level_dose(None if isinstance(levels, str) else levels)


class Player(widgets.VBox):
    """Choose a routine, see its plan, run it with cues, stop on pain, log the session."""

    def __init__(
        self,
        routine_id: str | None = None,
        *,
        catalog: Catalog | None = None,
        home: Path | str | None = None,
        clock: Callable[[], float] = time.monotonic,
        tick_ms: int = TICK_MS,
        hands_free: bool = True,
        levels: Progression | str | None = FROM_JOURNAL,
    ) -> None:
        self.home = home
        self._reload = catalog is None  # a catalog passed in (e.g. levelled) is kept
        self.catalog_problem = html("psoas-player-catalog-problem")
        first = catalog or self._user_catalog()  # a damaged routine file: the presets run
        wanted = routine_id if routine_id in first.routines else None
        self.session = PlayerSession(
            first,
            wanted,
            clock=clock,
            home=home,
            dose=_dose(first, home, levels),
        )
        self._cue_handlers: list[CueHandler] = []
        self._tick_handlers: list[Callable[[TimerState], None]] = []
        self._sounds: dict[tuple[str, int], bytes] = {}
        self._beeps = 0
        self._refreshing = False
        # the layout, built once; render() draws the session's state onto it
        self._build_choice()
        self._build_stage()
        self._build_controls()
        self._build_log()
        self._build_ticker(tick_ms)
        self.coaching: CoachingPanel | None = None  # form cue, cautions, pacer: below
        self._fill_picker()
        self._show_routine()
        # an interrupted session, if any; once settled, the gate is asked again
        self.recovery = recovery_banner(self.session, on_settled=self._recheck)
        self.safety = SafetyPanel(home, on_cleared=self._cleared)  # why nothing runs, ways on
        self.safety.check(self.session)
        self.pain_form = PainForm(home)  # after a pain stop: where, how much, a note
        self.reveal = Reveal()  # what a press brings: scrolled into view, focused, said
        self.hands_free: HandsFree | None = None
        self.voice: widgets.ToggleButton | None = None
        self.volume: widgets.FloatSlider | None = None
        self.voice_box: widgets.VBox | None = None
        if hands_free:
            self.hands_free, self.voice, self.volume, self.voice_box = self._build_hands_free()
        self.coaching = CoachingPanel(self)  # after hands-free: it offers the coach cues then
        self.coaching.update()
        self.form_check = FormCheckView(self, clock=self.session.clock)  # the camera, off at first
        super().__init__(self._layout())
        self.add_class("psoas-player")
        # live: a saved routine joins the list, a new assessment's routine is chosen
        self._journal_watch = follow_journal(self, home)

    # ---- building (once) ------------------------------------------------------------------
    def _layout(self) -> list[widgets.Widget]:
        """The player from top to bottom."""
        voice = [self.voice_box] if self.voice_box is not None else []
        return [
            widgets.HTML(PLAYER_CSS + PLAYER_LAYOUT_CSS + THEME_CSS),
            self.catalog_problem,
            self.recovery,
            self.picker,
            self.dose,
            self.warm_up_box,
            self.focus.toggle,
            self.safety,  # why Start does nothing, when it does nothing
            self.controls,  # above the stage: Start in view once a routine is chosen
            self.stage,
            self.form_check,  # under the figure
            self.coaching,
            *voice,
            self.advice,
            self.pain_form,
            self.log_box,
            self.plan,  # below the controls: Start stays above the fold
            self.steps,
            self.ticker,
            self.audio,
            self.reveal,
        ]

    def _build_choice(self) -> None:
        """The routine picker, the warm-up offer, the full-dose box, the plan and its length."""
        self.picker = classed(
            widgets.Dropdown(description="Routine", layout=widgets.Layout(width="32em")),
            "psoas-routine-picker",
        )
        self.picker.observe(self._picked, names="value")
        self.warm_up_note = html("psoas-warm-up-note", escape(WARM_UP_ADVICE))
        self.warm_up_button = _button("Warm up first", "psoas-warm-up", "", "14em")
        self.warm_up_button.style.button_color = BUTTON_COLOURS["info"]  # 4.5:1 with white
        self.warm_up_button.style.text_color = "#fff"
        self.warm_up_button.on_click(lambda _: self.warm_up_first())
        self.warmed_up_button = warmed_up_button(self.warmed_up)
        self.warm_up_box = classed(
            widgets.HBox([self.warm_up_note, self.warm_up_button, self.warmed_up_button]),
            "psoas-warm-up-box",
        )
        self.dose = DoseChoice(self.session, self._dose_changed)
        self.plan = html("psoas-plan")
        self.total = label("psoas-total", "20px", "bold")

    def _build_stage(self) -> None:
        """What is read from the mat: the step, the countdown, the bars, the cue, the figure."""
        self.phase = label("psoas-phase", "28px")
        self.exercise = label("psoas-exercise", "44px", "bold")
        self.side = label("psoas-side", "36px", "bold")
        self.rep = label("psoas-rep", "28px")
        self.countdown = label("psoas-countdown", "120px", "bold")
        self.countdown.add_class("psoas-timer")  # role="timer" (handsfree.js sets it)
        self.segment_bar = _bar("This step", "psoas-segment-progress")
        self.routine_bar = _bar("Routine", "psoas-routine-progress")
        self.routine_time = label("psoas-routine-time", "20px")
        self.cue_line = label("psoas-cue", "24px")
        self.next_up = label("psoas-next", "24px")
        self.status = label("psoas-status", "20px")
        self.steps = html("psoas-steps", style={"font_size": "20px"})
        self.figure = classed(FigureView(), "psoas-player-figure")  # in step with the timer
        self.focus = FocusMode(self)  # the focus view: its toggle and the leg line
        self.stage_text = classed(
            widgets.VBox(
                [
                    self.total,
                    self.phase,
                    self.exercise,
                    self.side,
                    self.focus.legs,
                    self.rep,
                    self.countdown,
                    self.segment_bar,
                    self.routine_bar,
                    self.routine_time,
                    self.cue_line,
                    self.next_up,
                    self.status,
                ]
            ),
            "psoas-stage-text",
        )
        self.stage = classed(
            widgets.HBox(
                [self.stage_text, self.figure],
                layout=widgets.Layout(flex_flow="row wrap", align_items="flex-start"),
            ),
            "psoas-stage",
        )

    def _build_controls(self) -> None:
        """Start, Pause, Back, Skip, Stop, Mute, the pain stop and "Save and go on"."""
        self.start_button = _button("Start", "psoas-start", "success", "12em")
        self.pause_button = _button(_keyed("Pause", "toggle"), "psoas-pause", "warning", "12em")
        self.skip_button = _button(_keyed("Skip", "skip"), "psoas-skip")
        self.back_button = _button(_keyed("Back", "back"), "psoas-back")
        self.stop_button = _button(_keyed("Stop", "stop"), "psoas-stop")
        self.mute = classed(
            widgets.ToggleButton(
                description="Mute", icon="volume-off", layout=widgets.Layout(height="3em")
            ),
            "psoas-mute",
        )
        self.pain_button = _button(
            _keyed("Sharp pain: stop", "pain"), "psoas-pain-stop", "danger", "18em"
        )
        self.pain_button.style.font_size = "22px"
        self.return_button = _button("", "psoas-return", "success", "20em")
        for button_, action in [
            (self.start_button, self.start),
            (self.pause_button, self.toggle_pause),
            (self.skip_button, self.skip),
            (self.back_button, self.back),
            (self.stop_button, self.stop),
            (self.pain_button, self.pain_stop),
            (self.return_button, self._return),
        ]:
            button_.on_click(lambda _, act=action: act())
        run = [self.start_button, self.pause_button, self.back_button, self.skip_button]
        self.controls = classed(
            widgets.VBox(
                [
                    widgets.HBox([*run, self.stop_button, self.mute]),
                    widgets.HBox([self.pain_button, self.return_button]),
                ]
            ),
            "psoas-controls",
        )

    def _build_log(self) -> None:
        """The safety advice after a pain stop and the log form: ratings, notes, Save."""
        self.advice = html(
            "psoas-safety",
            f"<b>Stopped.</b> {escape(SAFETY_ADVICE)}",
            style={"font_size": "20px", "text_color": "#b71c1c"},
        )
        self.tightness_before = rating("Tightness before (0–10)", "psoas-tightness-before")
        self.tightness_after = rating("Tightness after (0–10)", "psoas-tightness-after")
        self.notes = classed(
            widgets.Textarea(placeholder="Notes (optional)", layout=widgets.Layout(width="36em")),
            "psoas-notes",
        )
        self.save_button = _button("Save", "psoas-save", "primary")
        self.save_button.on_click(lambda _: self.save())
        self.saved = label("psoas-saved", "18px")
        self.log_summary = label("psoas-log-summary", "18px")
        self.log_box = classed(
            widgets.VBox(
                [
                    self.log_summary,
                    self.tightness_before,
                    self.tightness_after,
                    self.notes,
                    widgets.HBox([self.save_button, self.saved]),
                ]
            ),
            "psoas-log",
        )

    def _build_ticker(self, tick_ms: int) -> None:
        """The hidden ticker (the browser counts, Python observes) and the hidden beep."""
        hidden = widgets.Layout(display="none")
        self.ticker = classed(
            widgets.Play(
                interval=tick_ms, min=0, max=10**9, step=1, show_repeat=False, layout=hidden
            ),
            "psoas-ticker",
        )
        self.ticker.observe(lambda _: self.tick(), names="value")
        self.audio = classed(
            widgets.Audio(
                value=b"",
                format="wav",
                autoplay=True,
                loop=False,
                controls=False,
                layout=widgets.Layout(display="none"),
            ),
            "psoas-beep",
        )

    def _build_hands_free(
        self,
    ) -> tuple[HandsFree, widgets.ToggleButton, widgets.FloatSlider, widgets.VBox]:
        """The hands-free helper, its Voice and Volume controls and the box holding them."""
        helper = HandsFree()
        voice = classed(
            widgets.ToggleButton(
                value=True, description="Voice", icon="comment", layout=widgets.Layout(height="3em")
            ),
            "psoas-voice",
        )
        volume = classed(
            widgets.FloatSlider(
                value=1.0,
                min=0.0,
                max=1.0,
                step=0.1,
                description="Volume",
                readout=False,
                layout=widgets.Layout(width="18em"),
            ),
            "psoas-volume",
        )
        widgets.link((voice, "value"), (helper, "voice_on"))
        widgets.link((volume, "value"), (helper, "volume"))
        self.on_cue(lambda cue, state, text: helper.speak(text))
        self.on_cue(lambda cue, state, text: helper.announce_cue(cue))  # the live region
        self.on_tick(helper.announce_time)
        self.on_tick(lambda state: setattr(helper, "keep_awake", state.running))
        helper.on_key(self.act)
        box = widgets.VBox([widgets.HBox([voice, volume]), helper])
        box.add_class("psoas-voice-box")
        return helper, voice, volume, box

    # ---- the session, as the view reads it ------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        return self.session.catalog

    @property
    def routine(self) -> Routine:
        """The chosen routine (the session's)."""
        return self.session.routine

    @property
    def timer(self) -> RoutineTimer:
        """The timer of the chosen routine (the session's)."""
        return self.session.timer

    def _user_catalog(self) -> Catalog:
        """The catalog with the user's routines; if one of their files is damaged, the
        presets, and its one-line message above the player."""
        try:
            catalog = load_catalog(home=self.home)
        except PsoasError as exc:
            self.catalog_problem.value = error_html(str(exc))
            return load_catalog(home=self.home, user=False)
        self.catalog_problem.value = ""
        return catalog

    # ---- choosing a routine -----------------------------------------------------------------
    def refresh(self, select: str | None = None) -> None:
        """Reload the catalog (with the user's own routines) into the picker; choose ``select``.

        While a routine runs the list is updated but the running routine stays chosen. A
        catalog given to the constructor is kept as it is (not reloaded).
        """
        catalog = self._user_catalog() if self._reload else self.session.catalog
        wanted = select or self.picker.value
        if self.session.reload(catalog, wanted):
            self._show_routine()
        self._fill_picker()

    def add_routine(self, routine: Routine) -> None:
        """List a newly saved routine and choose it (the routine builder's ``on_save``)."""
        self.refresh(select=routine.id)

    def select(self, routine_id: str) -> None:
        """Choose a routine (ignored while one runs: stop it first)."""
        self.picker.value = routine_id

    def _fill_picker(self) -> None:
        """The picker lists the catalog and shows the session's routine."""
        self._refreshing = True
        try:
            routines = self.session.catalog.routines.values()
            self.picker.options = [(routine_label(r), r.id) for r in routines]
            self.picker.value = self.session.routine.id
        finally:
            self._refreshing = False

    def _picked(self, change: dict[str, Any]) -> None:
        if self._refreshing or change["new"] is None:
            return
        self._chosen(self.session.choose(change["new"]), "choose the routine")

    def _recheck(self) -> None:
        """Ask the safety gate about the chosen routine again (a recovered pain stop was
        just logged, say) and show its answer."""
        self.safety.check(self.session)

    def _cleared(self) -> None:
        """A clearance was just recorded: Start may go on."""
        self.status.value = "Recorded. Press Start when you are in position."

    def _refused(self) -> None:
        """The safety state refused: its panel, in view and said."""
        refusal = self.session.safety_gate.refusal
        self.safety.show(refusal)
        self.reveal.show(
            "psoas-safety-panel", refusal.message if refusal else "Not started.", urgent=True
        )

    def _chosen(self, outcome: str, again: str) -> None:
        """Show the outcome of a choice: the new routine, or the routine kept (and why)."""
        if outcome == "blocked":
            self._refused()
        if outcome == "chosen":
            self._show_routine()
        elif outcome == "warned":
            self._warn_unsaved(again)
        self._fill_picker()

    def _show_routine(self) -> None:
        """Draw a routine just chosen: its plan, length and the warm-up offer; nothing run."""
        routine = self.session.routine
        positions = ", ".join(routine.positions)
        self.plan.value = (
            f"<p>{escape(routine.description)}</p>"
            f"<p class='psoas-positions'>Positions: {escape(positions)}</p>"
            + frame_table(routine.plan_frame())
        )
        self.dose.show()
        self.total.value = f"Total {format_clock(routine.total_seconds)}"
        show(self.warm_up_box, self.session.offers_warm_up)
        self.cue_line.value = ""
        self.status.value = "Press Start when you are in position."
        self._hide_end()
        self.render()

    def warmed_up(self) -> None:
        """ "I have already warmed up for 5 minutes": the routine may start (logged so)."""
        self.session.warm_up.confirm()
        show(self.warm_up_box, self.session.offers_warm_up)
        self.status.value = "Noted: you have warmed up. Press Start when you are in position."

    def _dose_changed(self) -> None:
        """The full dose was ticked or unticked: the routine shows its new doses."""
        self._show_routine()
        self._fill_picker()

    def warm_up_first(self) -> None:
        """Switch to the dynamic warm-up; when it ends, offer the routine chosen before."""
        self._chosen(self.session.warm_up_first(), "choose the routine")

    def _return(self) -> None:
        """After the warm-up: log it (as the form stands) and go on to the routine chosen before."""
        if self.session.unsaved and not self.save():
            return
        outcome = self.session.go_on()
        if outcome is not None:
            self._chosen(outcome, "choose the routine")

    # ---- controls -----------------------------------------------------------------------------
    def _warn_unsaved(self, again: str) -> None:
        self.status.value = (
            "This session is not saved yet: press Save to keep it, or "
            f"{again} once more to go on without saving it."
        )
        self.reveal.show("psoas-log", self.status.value, urgent=True)

    def start(self) -> None:
        """Start the chosen routine from its beginning."""
        outcome = self.session.start()
        if outcome == "blocked":  # the safety state refuses it: say why, run nothing
            self.status.value = "Not started: see why above."
            self._refused()
        if outcome == "warned":
            self._warn_unsaved("Start again")
        if outcome == "warm-up":
            show(self.warm_up_box, True)
            self.status.value = (
                "Warm up first: press Warm up first for 5 minutes of dynamic moves, or "
                f"\N{LEFT DOUBLE QUOTATION MARK}{WARM_UP_CONFIRM}\N{RIGHT DOUBLE QUOTATION MARK}"
                " if you have."
            )
            self.reveal.show("psoas-warm-up-box", self.status.value, focus="button")
        if outcome != "started":
            return
        self._hide_end()
        self.ticker.playing = True
        self.tick()
        if self.session.checkpointing.problem:
            self.status.value = self.session.checkpointing.problem

    def start_or_toggle(self) -> None:
        """Space: start a routine not yet started, else pause or resume it."""
        if not self.session.state().started:
            self.start()
        else:
            self.toggle_pause()

    def toggle_pause(self) -> None:
        """Pause when running, resume when paused."""
        if self.session.toggle_pause():
            self.ticker.playing = self.session.state().running
            self.tick()

    def skip(self) -> None:
        """Go to the next step."""
        if self.session.skip():
            self.tick()

    def back(self) -> None:
        """Start this step again (or the previous one, in a step's first two seconds)."""
        if self.session.back():
            self.tick()

    def stop(self) -> None:
        """End the session now and offer the log form."""
        if self.session.stop():
            self.tick()

    def pain_stop(self) -> None:
        """Stop at once, show the safety advice, and record the session with pain_stop."""
        if not self.session.pain_stop():
            return
        show(self.advice, True)
        self.pain_form.offer(self.session)
        self.reveal.show(
            "psoas-safety", "Stopped for sharp pain. " + SAFETY_ADVICE, urgent=True, block="start"
        )
        if self.hands_free is not None:
            self.hands_free.speak("Stopped for sharp pain. " + SAFETY_ADVICE)
        self.tick()
        self.status.value = "Stopped for pain."
        if not self.save():
            show(self.log_box, True)  # let them try Save again

    def on_cue(self, handler: CueHandler) -> None:
        """Call ``handler(cue, state, text)`` at every cue (the hands-free player speaks it)."""
        self._cue_handlers.append(handler)

    def on_tick(self, handler: Callable[[TimerState], None]) -> None:
        """Call ``handler(state)`` after every display update (e.g. keep the screen awake
        while ``state.running``)."""
        self._tick_handlers.append(handler)

    def act(self, action: str) -> None:
        """Do a control by name: toggle, skip, back, stop or pain (for keyboard shortcuts).

        >>> Player("desk-reset").act("jump")
        Traceback (most recent call last):
        ...
        ValueError: unknown action 'jump': use toggle, skip, back, stop, pain
        """
        actions = {
            "toggle": self.start_or_toggle,
            "skip": self.skip,
            "back": self.back,
            "stop": self.stop,
            "pain": self.pain_stop,
        }
        if action not in actions:
            raise ValueError(f"unknown action {action!r}: use {', '.join(actions)}")
        actions[action]()

    # ---- ticks ---------------------------------------------------------------------------------
    def tick(self) -> None:
        """Ask the session for its state, update the display, give the cue that is due."""
        tick = self.session.tick()
        state = tick.state
        self.render(state)
        if tick.cue is not None:
            self._cue(tick.cue, state)
        for handler in self._tick_handlers:
            handler(state)
        if state.over:
            self.ticker.playing = False
        if tick.offer_log:
            self._offer_log(state)

    def render(self, state: TimerState | None = None) -> None:
        """Draw a timer state (the session's now, when None): :func:`player_display` decides
        every text and which controls may be pressed; this copies it onto the widgets."""
        state = state or self.session.state()
        session = self.session
        shown = player_display(
            state,
            session.routine,
            names=session.names,
            pain=session.pain,
            pain_here=session.safety_gate.pain_here,
            dose_fixed=session.dose.fixed,
        )
        self.phase.value, self.exercise.value = shown.phase, shown.exercise
        self.side.value, self.rep.value = shown.side, shown.rep
        self.countdown.value = shown.countdown
        self.countdown.style.text_color = COLOURS[shown.countdown_colour]
        self.segment_bar.value = shown.segment_fraction
        self.routine_bar.value = shown.routine_fraction
        self.routine_time.value = shown.routine_time
        self.next_up.value = shown.next_up
        self.steps.value = numbered_list(shown.steps) if shown.steps else ""  # the dose run
        self.pause_button.description = _keyed(shown.toggle, "toggle")
        self.start_button.description = shown.start
        self.start_button.disabled = not shown.start_enabled
        for control in (
            self.pause_button,
            self.skip_button,
            self.back_button,
            self.stop_button,
            self.pain_button,
        ):
            control.disabled = not shown.controls_enabled
        self.picker.disabled = not shown.choosing_enabled
        self.dose.full.disabled = not shown.full_dose_enabled
        if shown.status is not None:
            self.status.value = shown.status
        self.focus.render(state)
        self._show_figure(state)
        if self.coaching is not None:
            self.coaching.update(state)

    def _show_figure(self, state: TimerState) -> None:
        """The figure of the step (for a pause: the next exercise's start pose), in step with
        the timer and still whenever the routine is not running."""
        seg = state.segment
        if seg.exercise_id is None or seg.exercise_id not in figures():
            return
        fig = figures()[seg.exercise_id]
        progress, rep_s = player_timing(
            seg.kind, seg.seconds, seg.count, state.segment_elapsed, fig.cycle_s, fig.reps_per_loop
        )
        self.figure.show(
            seg.exercise_id, seg.side, seg.kind, progress, not state.running, rep_s=rep_s
        )

    def _cue(self, cue: Cue, state: TimerState) -> None:
        self.cue_line.value = cue.text
        if not self.mute.value:
            self._beeps += 1
            key = (cue.kind, self._beeps % 2)
            if key not in self._sounds:
                self._sounds[key] = cue_sound(cue, pad=key[1])
            self.audio.value = self._sounds[key]
        for handler in self._cue_handlers:
            handler(cue, state, cue.text)

    # ---- the end: logging ---------------------------------------------------------------------
    def _hide_end(self) -> None:
        show(self.log_box, False)
        show(self.advice, False)
        show(self.return_button, False)
        self.saved.value = ""
        self.save_button.disabled = False

    def _offer_log(self, state: TimerState) -> None:
        done = self.session.timer.exercises_done()
        self.log_summary.value = log_summary(state, len(done), len(self.session.routine.items))
        show(self.log_box, True)
        self.reveal.show("psoas-log", self.log_summary.value)
        target = self.session.go_on_target
        if target is not None:
            self.return_button.description = f"Save and go on: {target.name}"
            show(self.return_button, True)

    def save(self) -> bool:
        """Write the session to the journal; shows "Saved" or the problem, never a traceback."""
        if self.session.logged:
            return True
        before, after = self.tightness_before.value, self.tightness_after.value
        try:
            self.session.save(
                tightness_before=None if before == UNSET else before,
                tightness_after=None if after == UNSET else after,
                notes=self.notes.value,
            )
        except (PsoasError, OSError) as err:
            pain = self.session.pain
            message = str(err) if self.session.started_at is None else f"Not saved: {err}"
            self.saved.value = message
            if pain:
                self.status.value = "Stopped for pain. " + message
            return False
        self.saved.value = (
            "Already in your journal (logged from another window)"
            if self.session.logged_elsewhere
            else "Saved"
        )
        self.save_button.disabled = True
        self.form_check.keep()  # what Check my form kept goes with the session (if it was on)
        # the next session starts with nothing rated: a rating is only ever this session's
        self.tightness_before.value = self.tightness_after.value = UNSET
        self.notes.value = ""
        if self.session.pain:
            self.status.value = "Stopped for pain. The session is saved in your journal."
        return True
