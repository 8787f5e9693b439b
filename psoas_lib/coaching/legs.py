"""Which leg does what, in words, for the screen two metres away: "left knee down".

Derived from the exercise's figure (``data/keyframes.toml``), where the working side is the
named side's leg, drawn nearest the viewer: the kneeling leg, the leg that lifts, the back
leg of a lunge. The start pose and the movement of that leg decide the words:

- its knee rests on the floor: "left knee down, right foot forward" (kneeling, low lunge);
- standing on both feet with it behind: "left leg back, right foot forward" (warrior);
- standing on the other foot only: "left leg swings, standing on the right";
- lying, seen from above (the circle shows): "left leg circles";
- lying, the leg never above the body and at some point 10 degrees or more below it:
  "left leg hangs down";
- lying, the hip bending by 30 degrees or more: "left leg lifts";
- otherwise "left leg works".

>>> from psoas_lib.figures.keyframes import load_keyframes
>>> figures = load_keyframes()
>>> leg_words(figures["kneeling-hip-flexor-stretch"], "left")
'left knee down, right foot forward'
>>> leg_words(figures["single-leg-raise"], "right")
'right leg lifts'
"""

from __future__ import annotations

from psoas_lib.content.routine import Segment
from psoas_lib.figures.figure import Figure

__all__ = ["LIFT_DEGREES", "leg_words", "segment_leg_words"]

#: The working hip bends at least this much over a repetition: the leg "lifts".
LIFT_DEGREES = 30.0
OTHER = {"left": "right", "right": "left"}


def leg_words(figure: Figure, side: str) -> str:
    """What the ``side`` ("left" or "right") leg does in ``figure``, in a few words."""
    if side not in OTHER:
        raise ValueError(f"side {side!r}: use left or right")
    other = OTHER[side]
    start = figure.keys[0]
    hips = [key.angles.get("hip", 0.0) for key in figure.keys]
    other_hips = [key.angles.get("other_hip", 0.0) for key in figure.keys]
    lying = start.angles.get("pelvis", 0.0) <= -45
    foot_down = "heel" in start.contacts or "toe" in start.contacts
    other_down = "other_heel" in start.contacts or "other_toe" in start.contacts
    if "knee" in start.contacts:
        return f"{side} knee down, {other} foot forward"
    if not lying and foot_down and other_down and max(hips) < min(other_hips):
        return f"{side} leg back, {other} foot forward"
    if not lying and other_down and not foot_down:
        return f"{side} leg swings, standing on the {other}"
    if lying and figure.view == "above":
        return f"{side} leg circles"
    if lying and max(hips) <= 0 and min(hips) <= -10:
        return f"{side} leg hangs down"
    if max(hips) - hips[0] >= LIFT_DEGREES:
        return f"{side} leg lifts"
    return f"{side} leg works"


def segment_leg_words(
    segment: Segment, next_segment: Segment | None, figures: dict[str, Figure]
) -> str:
    """The words for a step of the player: its own leg, or for a pause the coming one.

    Capitalised as a line of its own; "" when no single leg works (both legs, or taking
    turns: the side line says so).

    >>> from psoas_lib.figures.keyframes import load_keyframes
    >>> figures = load_keyframes()
    >>> segment_leg_words(Segment("hold", 30, "low-lunge", "right"), None, figures)
    'Right knee down, left foot forward'
    >>> pause, hold = Segment("switch", 5, "low-lunge"), Segment("hold", 30, "low-lunge", "left")
    >>> segment_leg_words(pause, hold, figures)
    'Next: left knee down, right foot forward'
    """
    if segment.is_work:
        step, prefix = segment, ""
    elif next_segment is not None and next_segment.is_work:
        step, prefix = next_segment, "Next: "
    else:
        return ""
    figure = figures.get(step.exercise_id or "")
    if step.side not in OTHER or figure is None:
        return ""
    words = leg_words(figure, step.side)
    return prefix + words if prefix else words[0].upper() + words[1:]
