"""Dose numbers in an exercise's steps: placeholders rendered from the dose actually run.

The ``steps`` of data/exercises.toml carry no dose numbers: they say ``{hold}`` (the hold in
words, "30 seconds", "1 minute"), ``{reps}`` (the repetitions: per side, or in all for an
alternating exercise) and ``{sets}`` (the rounds), and the player renders them from the dose
it runs, so the screen, the voice and the steps say the same number.

>>> from psoas_lib.content.exercise import Dose
>>> render_step("Hold for {hold}, {reps} times.", Dose(hold_s=20, reps=4), "none")
'Hold for 20 seconds, 4 times.'
>>> placeholder_problem("Hold for {seconds}.")
"unknown placeholder '{seconds}'"
"""

from __future__ import annotations

import re
from typing import Protocol

__all__ = [
    "PLACEHOLDERS",
    "DoseNumbers",
    "hold_words",
    "placeholder_problem",
    "render_step",
    "render_steps",
]


class DoseNumbers(Protocol):
    """The numbers a step's placeholders read from a dose (an exercise's
    :class:`~psoas_lib.content.exercise.Dose`, which imports this module, has them)."""

    @property
    def hold(self) -> int | None: ...
    @property
    def count(self) -> int: ...
    @property
    def reps(self) -> object: ...
    @property
    def sets(self) -> int: ...
    @property
    def total(self) -> int | None: ...


#: The placeholders a step may carry, and the dose field each one needs.
PLACEHOLDERS = {"hold": "hold_s", "reps": "reps", "sets": "sets"}

_BRACED = re.compile(r"\{([^{}]*)\}")


def hold_words(seconds: int) -> str:
    """Seconds in words, as a coach says them.

    >>> [hold_words(s) for s in (1, 5, 30, 60, 90, 120)]
    ['1 second', '5 seconds', '30 seconds', '1 minute', '1 minute 30 seconds', '2 minutes']
    """
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes > 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


def placeholder_problem(
    step: str, dose: DoseNumbers | None = None, sides: str = "none"
) -> str | None:
    """What is wrong with a step's placeholders (None: nothing), for a load-time error.

    >>> from psoas_lib.content.exercise import Dose
    >>> placeholder_problem("Do it {reps times.")
    "an unmatched '{' or '}'"
    >>> placeholder_problem("Hold for {hold}.", Dose(duration_s=30), "none")
    "'{hold}' needs 'hold_s' in the exercise's dose"
    """
    for name in _BRACED.findall(step):
        if name not in PLACEHOLDERS:
            return f"unknown placeholder '{{{name}}}'"
        if dose is not None and _value(name, dose, sides) is None:
            return f"'{{{name}}}' needs '{_field(name, sides)}' in the exercise's dose"
    if "{" in _BRACED.sub("", step) or "}" in _BRACED.sub("", step):
        return "an unmatched '{' or '}'"
    return None


def _field(name: str, sides: str) -> str:
    return "total" if name == "reps" and sides == "alternating" else PLACEHOLDERS[name]


def _value(name: str, dose: DoseNumbers, sides: str) -> int | None:
    if name == "hold":
        return dose.hold
    if name == "sets":
        return dose.sets
    if sides == "alternating":
        return dose.total
    return dose.count if dose.reps is not None else None


def render_step(step: str, dose: DoseNumbers, sides: str = "none") -> str:
    """A step with its placeholders replaced by the dose's numbers (ranges at the low end,
    as the timer runs them).

    >>> from psoas_lib.content.exercise import Dose
    >>> render_step("Keep alternating until you have done {reps} in total.",
    ...             Dose(total=14, rep_s=5), "alternating")
    'Keep alternating until you have done 14 in total.'
    """

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        value = _value(name, dose, sides)
        if value is None:  # validated on load: only a dose without the field gets here
            raise ValueError(f"step {step!r}: {placeholder_problem(step, dose, sides)}")
        return hold_words(value) if name == "hold" else str(value)

    return _BRACED.sub(fill, step)


def render_steps(steps: tuple[str, ...], dose: DoseNumbers, sides: str = "none") -> tuple[str, ...]:
    """Every step rendered at ``dose``."""
    return tuple(render_step(step, dose, sides) for step in steps)
