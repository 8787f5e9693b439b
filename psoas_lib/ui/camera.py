"""The camera widget of Check my form: the camera and the pose model run in the browser.

Off by default: the browser asks for the camera only when the person turns the check on
(``on``). The page runs MediaPipe Pose on each frame and sends the kernel only the body's
landmark points, at most ``rate`` times a second; no picture ever reaches the kernel and
nothing is stored. The widget judges each pose against the exercise's rules
(:class:`~psoas_lib.coaching.form_check.FormCheck`) and shows the verdict in words under
the video (``verdict``).

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
    status = traitlets.Unicode("off").tag(sync=True)  # off starting on insecure error
    message = traitlets.Unicode("").tag(sync=True)  # why the camera is not on, in words
    verdict = traitlets.Unicode("").tag(sync=True)  # the rule state in words
    rate = traitlets.Float(12.0, min=0.5, max=15.0).tag(sync=True)  # landmarks per second
    complexity = traitlets.Int(1, min=0, max=2).tag(sync=True)  # 0 lite, 1 full, 2 heavy
    received = traitlets.Int(0)  # how many landmark messages reached the kernel

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._check: FormCheck | None = None
        self._listeners: list[Listener] = []
        self.last_pose: Pose = {}  # the latest pose seen (for the set-up check)
        self.on_msg(self._on_browser_msg)

    def use_rules(self, rules: Sequence[PoseRule]) -> None:
        """Judge the coming poses against ``rules`` (a new exercise or side)."""
        self._check = FormCheck(rules)
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
        state = self._check.update(self.last_pose or None)
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
