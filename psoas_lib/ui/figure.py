"""The exercise figure as widgets: for the player, the catalog browser and the report.

:class:`FigureView` is what the player drives: ``show(exercise_id, side, phase, progress,
paused)`` on every tick. It redraws only when something a person would see changes (another
exercise, side or phase, pausing, or the animation drifting from the timer by more than a
tenth of a repetition), so a tick costs nothing. A set or a move plays the figure from
``progress`` through the loop (``rep_s`` seconds a loop when given); a hold eases into the
held pose and stays there until the hold's ``rep_s`` seconds end; paused, it stands still
at the pose of that moment; a pause between exercises (get ready, rest,
switch sides) shows the start pose of the exercise named, which for pauses is the next one.

>>> view = FigureView()
>>> view.show("ground-bridge", "left", "hold", 0.5, paused=True)
>>> "hips lifted" in view.html.value and "<animate" not in view.html.value
True
>>> view.show("ground-bridge", "left", "hold", 0.5, paused=False, rep_s=10)
>>> 'begin="-5s"' in view.html.value
True
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from html import escape

import ipywidgets as widgets

from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.figures.figure import Figure
from psoas_lib.figures.keyframes import load_keyframes
from psoas_lib.figures.svg import animated_svg, hold_t, pose_svg, strip_svg

__all__ = ["CatalogFigure", "FigureView", "key_pose_section", "player_timing"]

WORK_PHASES = ("hold", "set", "move", "work")
DRIFT = 0.1  # redraw when the animation is this far (of a repetition) from the timer

_FIGURES: dict[str, Figure] | None = None
_CATALOG: Catalog | None = None


def player_timing(
    kind: str,
    seconds: float,
    count: int,
    elapsed: float,
    cycle_s: float,
    reps_per_loop: int = 1,
) -> tuple[float, float | None]:
    """Where a step of the player is in the figure's loop: ``(progress, rep_s)``.

    A set of ``count`` repetitions plays one loop per repetition, or per ``reps_per_loop``
    repetitions when one loop shows two (one leg each, or a circle each way), so each
    counted repetition moves one leg at the dose's pace; a hold is ``progress`` through the
    hold's ``seconds`` (the figure eases into the held pose, then stays there to the end:
    :func:`~psoas_lib.figures.svg.hold_t`); a dynamic move loops at the figure's own pace
    (``cycle_s``); a pause shows the start pose (progress 0).

    >>> player_timing("set", 30, 10, 4.5, 6.0)     # 3 s a repetition: half-way through the 2nd
    (0.5, 3.0)
    >>> player_timing("set", 100, 20, 7.5, 10.0, 2)  # 5 s a leg: a loop of both is 10 s
    (0.75, 10.0)
    >>> player_timing("hold", 30, 0, 15, 6.0)
    (0.5, 30.0)
    >>> player_timing("move", 60, 0, 15, 6.0)      # 15 s at 6 s a loop: 2.5 loops
    (0.5, None)
    >>> player_timing("rest", 15, 0, 5, 6.0)
    (0.0, None)
    """
    if kind == "set" and count > 0 and seconds > 0:
        loop_s = seconds / count * reps_per_loop
        return (elapsed % loop_s) / loop_s, loop_s
    if kind == "hold" and seconds > 0:
        return min(elapsed / seconds, 1.0), float(seconds)
    if kind in WORK_PHASES and cycle_s > 0:
        return (elapsed % cycle_s) / cycle_s, None
    return 0.0, None


def figures() -> dict[str, Figure]:
    """Every exercise's figure (read once)."""
    global _FIGURES
    if _FIGURES is None:
        _FIGURES = load_keyframes()
    return _FIGURES


def _name(exercise_id: str, catalog: Catalog | None = None) -> str:
    global _CATALOG
    if catalog is None:
        if _CATALOG is None:
            _CATALOG = load_catalog()
        catalog = _CATALOG
    ex = catalog.exercises.get(exercise_id)
    return ex.name if ex else exercise_id


class FigureView(widgets.VBox):
    """A large exercise figure that follows the player's timer."""

    def __init__(
        self,
        scale: float = 2.2,
        clock: Callable[[], float] = time.monotonic,
        stage: tuple[float, float] = (560.0, 420.0),
    ) -> None:
        self.scale = scale  # kept for callers; the figure is fitted to the stage
        self.stage = stage  # (width, height) in pixels: every figure fills it, lying or not
        self.clock = clock
        self.html = widgets.HTML()
        self.html.add_class("psoas-figure-view")
        self.caption = widgets.HTML()
        self._shown: tuple | None = None
        self._progress = 0.0
        self._started = 0.0  # clock time at which the shown animation was at progress 0
        self._cycle = 1.0
        super().__init__([self.html, self.caption])

    def show(
        self,
        exercise_id: str,
        side: str | None,
        phase: str,
        progress_in_rep: float = 0.0,
        paused: bool = False,
        *,
        rep_s: float | None = None,
    ) -> None:
        """Show ``exercise_id`` on ``side`` (None: left) for the player's ``phase``."""
        fig = figures()[exercise_id]
        side = side or "left"
        name = _name(exercise_id)
        working = phase in WORK_PHASES
        progress = progress_in_rep % 1.0 if progress_in_rep != 1.0 else 1.0
        cycle = float(rep_s) if rep_s else fig.cycle_s
        state = (exercise_id, side, working, paused, cycle)
        now = self.clock()
        if working and not paused:
            expected = ((now - self._started) / self._cycle) % 1.0
            drift = min(abs(expected - progress), 1 - abs(expected - progress))
            if state == self._shown and drift <= DRIFT:
                return
            self.html.value = animated_svg(
                fig,
                side,
                name=name,
                progress=progress,
                fit=self.stage,
                cycle_s=cycle,
                hold=phase == "hold" and rep_s is not None,
            )
            self._started, self._cycle = now - progress * cycle, cycle
            self.caption.value = ""
        elif working:
            if state == self._shown and abs(progress - self._progress) < 0.01:
                return
            t = hold_t(fig, progress * cycle, cycle) if phase == "hold" and rep_s else progress
            self.html.value = pose_svg(fig, side, t, name=name, fit=self.stage)
            self.caption.value = "<small>Paused</small>"
        else:
            if state == self._shown:
                return
            self.html.value = pose_svg(fig, side, 0.0, name=name, fit=self.stage)
            self.caption.value = f"<small>Next: {escape(name)}, start position</small>"
        self._shown, self._progress = state, progress


class CatalogFigure(widgets.VBox):
    """The chosen exercise's animated figure and its key poses, following a picker.

    >>> picker = widgets.Dropdown(options=["knee-to-chest", "leg-circles"])
    >>> shown = CatalogFigure(picker)
    >>> picker.value = "leg-circles"
    >>> "Leg circles" in shown.animation.value and "key poses" in shown.strip.value
    True
    """

    def __init__(self, picker: widgets.ValueWidget, width: int = 420) -> None:
        self.width = width  # the column's width; the figures are drawn to fit it
        self.animation = widgets.HTML()
        self.animation.add_class("psoas-catalog-figure")
        self.strip = widgets.HTML()
        self.strip.add_class("psoas-catalog-strip")
        picker.observe(lambda change: self._draw(change["new"]), names="value")
        self._draw(picker.value)
        layout = widgets.Layout(width=f"{width}px", flex="0 0 auto")
        super().__init__([self.animation, self.strip], layout=layout)

    def _draw(self, exercise_id: str) -> None:
        fig = figures()[exercise_id]
        name = _name(exercise_id)
        # 1.5 px per cm, narrower if a lying figure would not fit the column
        self.animation.value = animated_svg(
            fig, "left", name=name, scale=1.5, max_width=self.width - 10
        )
        strip = strip_svg(fig, "left", name=name, scale=0.55)
        self.strip.value = f'<div style="max-width:{self.width}px;overflow-x:auto">{strip}</div>'


def key_pose_section(exercise_ids: Iterable[str], catalog: Catalog | None = None) -> str:
    """HTML: the key-pose strip of each exercise (for the physiotherapist report).

    >>> html = key_pose_section(["knee-to-chest", "not-an-exercise"])
    >>> html.count("<svg"), "Knee-to-chest stretch" in html
    (1, True)
    """
    known = figures()
    parts = []
    for exercise_id in exercise_ids:
        if exercise_id not in known:
            continue
        name = _name(exercise_id, catalog)
        parts.append(
            f'<figure class="poses"><figcaption>{escape(name)}</figcaption>'
            f"{strip_svg(known[exercise_id], 'left', name=name, scale=0.9)}</figure>"
        )
    if not parts:
        return ""
    return "<h2>How the exercises are done</h2>" + "".join(parts)
