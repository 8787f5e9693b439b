"""The camera widget of Check my form: the camera and the pose model run in the browser.

Off by default: the browser asks for the camera only when the person turns the check on
(``on``). The page runs MediaPipe Pose on each frame and sends the kernel only the body's
landmark points: at once when the body moved (at most 30 a second), else ``rate`` times a
second; no picture ever reaches the kernel or is stored (the player keeps only numbers). One
camera per page: a second view of the same widget shows the first one's picture, and another
camera widget turned on meanwhile says the camera is in use (``status`` "busy") instead of
opening a second stream. The widget judges each pose against the exercise's rules
(:class:`~psoas_lib.coaching.form_check.FormCheck`) and shows the verdict in words under the
video (``verdict``).

>>> from psoas_lib.content.pose_rules import load_pose_rules
>>> camera = CameraCheck()
>>> camera.on, camera.status
(False, 'off')
>>> camera.use_rules(load_pose_rules()["low-lunge"])
>>> camera.receive([[0.5, 0.5, 0.0, 0.1]] * 33, t=1.0)   # a body the camera barely sees
>>> camera.verdict
'Not sure: the camera cannot see your shoulders and hips'
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from psoas_lib.coaching.form_check import FormCheck, FormState, Pose, from_landmarks
from psoas_lib.content.pose_rules import PoseRule

__all__ = ["CameraCheck"]

Listener = Callable[[FormState, float], None]


class CameraCheck(anywidget.AnyWidget):
    """The camera, the model and the verdict; ``on_state`` listeners get each verdict."""

    _esm = Path(__file__).with_name("camera.js")

    on = traitlets.Bool(False).tag(sync=True)
    status = traitlets.Unicode("off").tag(sync=True)  # off starting on insecure error busy
    message = traitlets.Unicode("").tag(sync=True)  # why the camera is not on, in words
    verdict = traitlets.Unicode("").tag(sync=True)  # the rule state in words
    verdict_t = traitlets.Float(0.0).tag(sync=True)  # browser time of the pose it came from
    rate = traitlets.Float(12.0, min=0.5, max=15.0).tag(sync=True)  # landmarks/s when still
    eager = traitlets.Bool(True).tag(sync=True)  # a moving body's landmarks at once (<= 30/s)
    complexity = traitlets.Int(1, min=0, max=2).tag(sync=True)  # 0 lite, 1 full, 2 heavy
    # the verdict's hysteresis (form_check.FormCheck): a new verdict needs `confirm` poses in
    # a row over at least `hold` seconds (kernel side only)
    confirm = traitlets.Int(2, min=1)
    hold = traitlets.Float(0.05, min=0.0)
    # the same in every view of this widget (the page tells its views from another widget's)
    instance = traitlets.Unicode("").tag(sync=True)
    received = traitlets.Int(0)  # how many landmark messages reached the kernel

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("instance", uuid.uuid4().hex)
        super().__init__(**kwargs)
        self._check: FormCheck | None = None
        self._listeners: list[Listener] = []
        self.last_pose: Pose = {}  # the latest pose seen (for the set-up check)
        self.on_msg(self._on_browser_msg)

    def use_rules(self, rules: Sequence[PoseRule]) -> None:
        """Judge the coming poses against ``rules`` (a new exercise or side)."""
        self._check = FormCheck(rules, confirm=self.confirm, hold=self.hold)
        self.verdict = ""

    @property
    def rules(self) -> tuple[PoseRule, ...]:
        """The rules the poses are judged against (empty: none for this step)."""
        return self._check.rules if self._check is not None else ()

    def on_state(self, listener: Listener) -> None:
        """Call ``listener(state, t)`` with each verdict (``t``: the browser's seconds)."""
        self._listeners.append(listener)

    def receive(
        self, points: Sequence[Sequence[float]] | None, t: float, aspect: float = 4 / 3
    ) -> None:
        """One pose from the browser (None: no person found) at time ``t``."""
        self.received += 1
        if self._check is None or not self._check.rules:
            self.last_pose = from_landmarks(points, aspect) if points else {}
            for listener in self._listeners:
                listener(FormState("not sure", unseen="body"), t)
            return
        self.last_pose = from_landmarks(points, aspect) if points else {}
        state = self._check.update(self.last_pose or None, t)
        if state.words != self.verdict:
            with self.hold_sync():  # one message: the words and the pose they came from
                self.verdict_t = t
                self.verdict = state.words
        for listener in self._listeners:
            listener(state, t)

    def _on_browser_msg(self, _widget: object, content: Any, _buffers: object) -> None:
        if not isinstance(content, dict):
            return
        if content.get("kind") == "landmarks":
            points = content.get("points")
            rows = points if isinstance(points, list) and len(points) == 33 else None
            aspect = content.get("aspect", 4 / 3)
            self.receive(rows, float(content.get("t", 0.0)), float(aspect or 4 / 3))
        elif content.get("kind") == "stopped" and self._check is not None:
            self._check.reset()
