"""Check my form inside the player: the camera, the rule state in words, holds that count only
while in position.

A view composed into the :class:`~psoas_lib.ui.player.Player` (``player.form_check``, under
the figure): the
camera widget (:class:`~psoas_lib.ui.camera.CameraCheck`, off until the person turns it on),
the option *Count holds only while in position*, the rule state in words and the set-up
check. It follows the player's ticks: each step's exercise gets its rules, and the camera
stops when the routine ends. Each verdict goes through a
:class:`~psoas_lib.coaching.form_gate.HoldGate`: after more than a second out of position in
a hold the session pauses (the timer's own pause), and it resumes once back in position; a
cue is said (through the hands-free helper) and always shown. Turning the camera off undoes
a pause it made and changes nothing else. The share of each exercise's hold time spent in
position shows under the words; when the player logs the session, :meth:`FormCheckView.keep`
writes it, with the median of the exercise's kept angle, to ``form_checks.csv`` (numbers
only, never a picture; nothing when the check was off).

>>> from psoas_lib.ui.player import Player
>>> view = Player("desk-reset", hands_free=False).form_check
>>> view.camera.on, view.count_only.value
(False, True)
>>> view.words.value
'Check my form is off: turn it on to be told when you drift out of position.'
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

import ipywidgets as widgets

from psoas_lib.coaching.form_check import NOT_SURE, FormState, NotSure, measure
from psoas_lib.coaching.form_gate import HoldGate, PositionShare, setup_problems
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.pose_rules import KeptAngle, PoseRule, load_kept_angles, load_pose_rules
from psoas_lib.errors import PsoasError
from psoas_lib.journal.store import Journal
from psoas_lib.ui.camera import CameraCheck
from psoas_lib.ui.handsfree import HandsFree


class PlayerLike(Protocol):
    """What the view needs of the player (ui.player imports this module, not the reverse)."""

    session: PlayerSession
    hands_free: HandsFree | None

    def tick(self) -> None: ...

    def on_tick(self, handler: Callable[[TimerState], None]) -> None: ...


__all__ = ["FormCheckView"]

OFF_WORDS = "Check my form is off: turn it on to be told when you drift out of position."
NOTE = (
    "The camera sees the big lines (trunk, hips, knees), not a pelvic tuck or a lumbar arch. "
    "Side-on, whole body in view, good light. No picture leaves this page or is stored: "
    "logging the session keeps only numbers (the share in position, one angle)."
)


class FormCheckView(widgets.VBox):
    """The camera check of one player; see the module docstring."""

    def __init__(
        self,
        player: PlayerLike,
        rules: Mapping[str, tuple[PoseRule, ...]] | None = None,
        clock: Callable[[], float] = time.monotonic,
        kept: Mapping[str, KeptAngle] | None = None,
    ) -> None:
        self.player = player
        self.rules = rules if rules is not None else load_pose_rules()
        self.kept_angles = kept if kept is not None else load_kept_angles()
        self.clock = clock
        self.gate = HoldGate()
        self.share = PositionShare()  # per exercise, kept with the session when it is logged
        self._started_at: object = None  # the session the share belongs to
        self.camera = CameraCheck()
        self.camera.add_class("psoas-form-camera")
        self.count_only = widgets.Checkbox(
            value=True, description="Count holds only while in position", indent=False
        )
        self.count_only.add_class("psoas-form-count-only")
        self.words = widgets.HTML(OFF_WORDS)
        self.words.add_class("psoas-form-words")
        self.setup = widgets.HTML("")
        self.setup.add_class("psoas-form-setup")
        self.kept = widgets.HTML("")
        self.kept.add_class("psoas-form-share")
        note = widgets.HTML(f"<small>{NOTE}</small>")
        self._exercise: str | None = None
        self._first_hold_seen = False
        self._index = -1
        super().__init__([self.count_only, self.words, self.setup, self.kept, self.camera, note])
        self.add_class("psoas-form-check")
        self.layout.max_width = "660px"
        self.camera.on_state(self._verdict)
        self.camera.observe(self._camera_switched, names="on")
        self.count_only.observe(self._option_switched, names="value")
        player.on_tick(self._tick)

    # ---- the player's ticks: rules per step, camera off at the end -------------------------
    def _tick(self, state: TimerState) -> None:
        exercise = state.segment.exercise_id
        if exercise != self._exercise:
            self._exercise = exercise
            self.camera.use_rules(self.rules.get(exercise, ()) if exercise else ())
        if state.segment.kind == "hold":
            self._first_hold_seen = True
        if state.index != self._index:  # a step ended: what was kept so far rides along
            self._index = state.index
            self._keep_progress()
        if state.over and self.camera.on:
            self.camera.on = False

    def _camera_switched(self, change: Mapping[str, Any]) -> None:
        if change["new"]:
            self.words.value = "Starting the camera…"
            return
        self._undo_pause()
        self.words.value = OFF_WORDS
        self.setup.value = ""

    def _option_switched(self, change: Mapping[str, Any]) -> None:
        if not change["new"]:
            self._undo_pause()

    def _undo_pause(self) -> None:
        if self.gate.paused_by_gate:
            self.player.session.resume()
            self.player.tick()
        self.gate.reset()

    # ---- each verdict from the camera ------------------------------------------------------------
    def _verdict(self, form: FormState, _t: float) -> None:
        state = self.player.session.state()
        seg = state.segment
        if not self._first_hold_seen and not state.over:
            problems = setup_problems(self.camera.last_pose, seg.side)
            self.setup.value = (
                "<b>Set-up:</b> " + " ".join(problems) if problems else "<b>Set-up:</b> ready."
            )
        elif self.setup.value:
            self.setup.value = ""
        if not self.camera.rules:
            self.words.value = "No position check for this step."
            return
        act = self.gate.update(
            form,
            self.clock(),
            holding=seg.is_work and state.started and not state.over,
            running=state.running,
            pausing=self.count_only.value and seg.kind == "hold",
        )
        if act.pause and self.player.session.pause():
            self.player.tick()
        if act.resume and self.player.session.resume():
            self.player.tick()
        self.words.value = act.words
        counting = seg.kind == "hold" and self.player.session.state().running
        if self.player.session.started_at != self._started_at:  # a new session: a new tally
            self.share.clear()
            self._started_at = self.player.session.started_at
        angle = self._kept_angle(seg.exercise_id, form) if counting else None
        self.share.add(seg.exercise_id, form.status, self.clock(), counting=counting, angle=angle)
        if seg.exercise_id:
            self.kept.value = self.share.words(seg.exercise_id)
        if act.say and self.player.hands_free is not None:
            self.player.hands_free.speak(act.say)

    def _kept_angle(self, exercise: str | None, form: FormState) -> float | None:
        """The exercise's kept angle in the latest pose (None: none kept, or not seen)."""
        kept = self.kept_angles.get(exercise) if exercise else None
        if kept is None or form.status == NOT_SURE or not self.camera.last_pose:
            return None
        try:
            values = measure(kept.rule(), self.camera.last_pose)
        except NotSure:
            return None
        return values[0] if values else None

    # ---- kept with the session -------------------------------------------------------------------
    def _keep_progress(self) -> None:
        """Save what was kept so far beside the session's checkpoint, so a session recovered
        after an interruption keeps it too (best effort: the checkpoint reports problems)."""
        session = self.player.session
        checkpoint = session.checkpointing.checkpoint
        if checkpoint is None or session.logged or session.started_at != self._started_at:
            return
        rows = self.share.rows(self.kept_angles)
        if rows:
            with contextlib.suppress(PsoasError, OSError):
                session.checkpointing.store.keep_form(checkpoint, rows)

    def keep(self) -> bool:
        """Write what the check kept of the session the player has just logged to the
        journal's form_checks.csv (numbers only). Nothing when the check was off. False (and
        the problem in words) when it cannot be written; the session itself is logged."""
        session = self.player.session
        rows = self.share.rows(self.kept_angles)
        if not rows or session.started_at is None or session.started_at != self._started_at:
            return True
        if session.logged_elsewhere:  # recovered by another window, with what was kept then
            self.share.clear()
            return True
        try:
            Journal(session.home).add_form_checks(
                started_at=session.started_at, routine_id=session.routine.id, rows=rows
            )
        except (PsoasError, OSError) as err:
            self.kept.value = f"The form check was not kept: {err}"
            return False
        self.share.clear()
        self.kept.value = "Kept with the session: see Check my form in My progress."
        return True
