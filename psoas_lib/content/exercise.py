"""Exercises and their doses, as read from ``data/exercises.toml``.

>>> dose = Dose(hold_s=(30, 60), reps=1)
>>> dose.hold, dose.describe("each")
(30, '30–60 s hold, 1 per side')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from psoas_lib.content.datafile import CatalogError, Entry
from psoas_lib.content.dose_text import placeholder_problem, render_steps
from psoas_lib.errors import where

__all__ = [
    "POSITIONS",
    "SIDES",
    "STYLES",
    "WORKS",
    "Coaching",
    "Dose",
    "Exercise",
    "parse_exercise",
]

STYLES = ("hold", "reps", "dynamic")  # static hold / repetitions / dynamic movement
SIDES = ("each", "alternating", "none")  # per side / alternating legs / both at once
#: Where the body is: a change between two exercises gets a longer pause (see routine.py).
POSITIONS = ("standing", "kneeling", "floor", "bed", "chair")

DOSE_FIELDS = ("hold_s", "reps", "sets", "total", "rep_s", "duration_s")

Range = tuple[int, int]

# The bounds on every dose number read from a data file or a user routine (the coaching limits
# of issue 14 where it gives one), so a typo such as reps = 1000000 is an error, not a freeze.
#: Seconds per hold: at most two minutes.
MAX_HOLD_S = 120
#: Holds or repetitions per side, per set.
MAX_REPS = 30
#: Rounds per side.
MAX_SETS = 10
#: Alternating exercises: repetitions in all (both sides).
MAX_TOTAL = 2 * MAX_REPS
#: Seconds one repetition takes.
MAX_REP_S = 60
#: Dynamic moves: seconds per side (or in all).
MAX_DURATION_S = 600
#: A repetition with a hold inside lasts at least the hold plus this (to move in and out).
REP_MARGIN_S = 2
DOSE_LIMITS = {
    "hold_s": (MAX_HOLD_S, "seconds"),
    "reps": (MAX_REPS, "a side"),
    "sets": (MAX_SETS, "rounds"),
    "total": (MAX_TOTAL, "repetitions"),
    "rep_s": (MAX_REP_S, "seconds"),
    "duration_s": (MAX_DURATION_S, "seconds"),
}


def _low(value: int | Range | None) -> int | None:
    return value[0] if isinstance(value, tuple) else value


def _fmt(value: int | Range) -> str:
    return f"{value[0]}–{value[1]}" if isinstance(value, tuple) else str(value)


@dataclass(frozen=True)
class Dose:
    """How much of an exercise: holds, repetitions, sets, alternating totals, durations.

    Ranges (``(lo, hi)``) keep the article's span; the timeline starts at the low end.
    ``workbook_default`` names the fields the workbook chose where the article gives no number.
    """

    hold_s: int | Range | None = None  # seconds per hold
    reps: int | Range | None = None  # holds or repetitions per side (per set)
    sets: int = 1  # rounds per side
    total: int | None = None  # alternating exercises: repetitions in all
    rep_s: int | None = None  # seconds one repetition takes
    duration_s: int | None = None  # dynamic moves: seconds per side (or in all)
    workbook_default: tuple[str, ...] = ()

    @property
    def hold(self) -> int | None:
        """Seconds per hold, at the low end of a range."""
        return _low(self.hold_s)

    @property
    def count(self) -> int:
        """Holds or repetitions per side per set, at the low end of a range (1 if unset)."""
        return _low(self.reps) or 1

    def override(self, changes: dict[str, Any]) -> Dose:
        """A copy with some fields replaced (a routine's dose override)."""
        return replace(self, **changes)

    def describe(self, sides: str = "none") -> str:
        """The dose in a few words.

        >>> Dose(hold_s=30, reps=3).describe("each")
        '30 s hold, 3 per side'
        >>> Dose(total=20, rep_s=4).describe("alternating")
        '20 alternating in total'
        >>> Dose(reps=20, hold_s=5, rep_s=8).describe("each")
        '20 repetitions per side, 5 s hold each'
        """
        per = {"each": " per side", "alternating": "", "none": ""}[sides]
        parts = []
        if self.total is not None:
            parts.append(f"{self.total} alternating in total")
            if self.hold_s is not None:
                parts.append(f"{_fmt(self.hold_s)} s hold each")
        elif self.duration_s is not None:
            parts.append(f"{self.duration_s} s{per}")
        elif self.rep_s is not None:
            parts.append(f"{_fmt(self.reps or 1)} repetitions{per}")
            if self.hold_s is not None:
                parts.append(f"{_fmt(self.hold_s)} s hold each")
        else:
            parts.append(f"{_fmt(self.hold_s or 0)} s hold")
            parts.append(f"{_fmt(self.reps or 1)}{per or ' times'}")
        if self.sets > 1:
            parts.append(f"{self.sets} sets")
        return ", ".join(parts)


@dataclass(frozen=True)
class Exercise:
    """One exercise of the catalog."""

    id: str
    name: str
    category: str
    style: str
    sides: str
    dose: Dose
    steps: tuple[str, ...]
    targets: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    progressions: tuple[str, ...] = ()
    cautions: tuple[str, ...] = ()
    summary: str = ""
    also_known_as: tuple[str, ...] = field(default=())
    coaching: Coaching = field(default_factory=lambda: Coaching())
    # issue 14 (dose and limits): where the body is, and the steps as written, with their
    # {hold}/{reps}/{sets} placeholders (``steps`` is them rendered at the catalog's dose)
    position: str = "floor"
    step_templates: tuple[str, ...] = ()
    #: Where the exercise deliberately differs from the article, and why ("" when it does not).
    departure: str = ""

    def steps_at(self, dose: Dose) -> tuple[str, ...]:
        """The steps with the numbers of ``dose`` (the dose a routine runs).

        >>> from psoas_lib import load_catalog
        >>> tilt = load_catalog().exercises["standing-pelvic-tilt"]
        >>> tilt.steps_at(tilt.dose.override({"hold_s": 15, "reps": 5}))[2]
        'Keep that position for 15 seconds while breathing normally.'
        """
        return render_steps(self.step_templates or self.steps, dose, self.sides)

    @property
    def per_side(self) -> bool:
        """True when the exercise is done on the left and the right leg in turn."""
        return self.sides == "each"

    @property
    def alternating(self) -> bool:
        return self.sides == "alternating"


# ---- coaching cues: what to feel, form cues, common mistakes (issue 14 item 6) ----------

#: What an exercise works on, for the balance of stretching and strengthening.
WORKS = ("stretching", "strengthening", "both", "neither")
#: ``feel``: one or two sentences.
MAX_FEEL_CHARS = 160
#: ``form_cues``: how many, and how long each (read from the mat, spoken in a hold).
FORM_CUES = (2, 3)
MAX_CUE_CHARS = 60
#: ``mistakes``: how many, and how long each.
MISTAKES = (1, 4)
MAX_MISTAKE_CHARS = 100


@dataclass(frozen=True)
class Coaching:
    """What a physiotherapist would tell you about an exercise while you do it.

    ``works`` is what it works on (None: its category's ``works_on``), ``feel`` what you
    should feel and where, ``form_cues`` the two or three cues given during a hold or set,
    ``mistakes`` the common mistakes. An exercise a coach added without these has none.

    >>> Coaching(form_cues=("Knee straight.", "Back flat.")).cue(3)
    'Back flat.'
    >>> Coaching().cue(0) is None
    True
    """

    works: str | None = None
    feel: str = ""
    form_cues: tuple[str, ...] = ()
    mistakes: tuple[str, ...] = ()

    def cue(self, n: int) -> str | None:
        """The form cue for the ``n``-th hold or set of the exercise (0-based), in turn."""
        return self.form_cues[n % len(self.form_cues)] if self.form_cues else None


def parse_coaching(entry: Entry) -> Coaching:
    """Validate an exercise's coaching fields: ``works``, ``feel``, ``form_cues``, ``mistakes``.

    Each may be left out; when given it must be non-empty text within its bounds.
    """
    works = entry.choice("works", WORKS, required=False)
    feel = entry.text("feel", required=False, default="")
    if "feel" in entry.data and not feel.strip():
        raise entry.error("feel", "'feel' is empty", "Say what the person should feel, and where")
    if len(feel) > MAX_FEEL_CHARS:
        raise entry.error(
            "feel",
            f"'feel' is {len(feel)} characters long",
            f"Keep it to {MAX_FEEL_CHARS} characters: one or two short sentences",
        )
    form_cues = _bounded_texts(entry, "form_cues", FORM_CUES, MAX_CUE_CHARS, "cue")
    mistakes = _bounded_texts(entry, "mistakes", MISTAKES, MAX_MISTAKE_CHARS, "mistake")
    return Coaching(works=works, feel=feel, form_cues=form_cues, mistakes=mistakes)


def _bounded_texts(
    entry: Entry, name: str, count: tuple[int, int], max_chars: int, what: str
) -> tuple[str, ...]:
    items = entry.texts(name, required=False)
    if name not in entry.data:
        return ()
    low, high = count
    if not low <= len(items) <= high:
        raise entry.error(
            name,
            f"'{name}' has {len(items)} items",
            f"Give {low} to {high} short sentences, one {what} each",
        )
    for n, item in enumerate(items, start=1):
        if len(item) > max_chars:
            raise entry.error(
                name,
                f"item {n} of '{name}' is {len(item)} characters long",
                f"Keep each {what} to {max_chars} characters",
            )
    return items


def parse_dose(entry: Entry, data: Any, style: str, sides: str, prefix: str = "dose.") -> Dose:
    """Validate a dose table (an exercise's, or a routine's override merged onto it)."""
    if not isinstance(data, dict):
        raise entry.error(
            prefix.rstrip("."),
            "'dose' should be a table",
            "Write it as [exercise.dose] or dose = { hold_s = 30 }",
        )
    unknown = sorted(set(data) - set(DOSE_FIELDS) - {"workbook_default"})
    if unknown:
        raise entry.error(
            prefix + unknown[0],
            f"unknown dose field {unknown[0]!r}",
            "Use: " + ", ".join(DOSE_FIELDS),
        )
    values: dict[str, Any] = {}
    for name in ("hold_s", "reps"):
        if name in data:
            values[name] = _span(entry, data, name, prefix)
    for name in ("sets", "total", "rep_s", "duration_s"):
        if name in data:
            values[name] = entry.seconds(name, source=data, prefix=prefix)
    for name, value in values.items():
        limit, unit = DOSE_LIMITS[name]
        high = value[1] if isinstance(value, tuple) else value
        if high > limit:
            raise entry.error(
                prefix + name,
                f"'{name}' = {high} is more than the workbook allows",
                f"Use at most {limit} ({unit}); check the number for a typo",
            )
    marked = data.get("workbook_default", [])
    if not isinstance(marked, list) or not all(isinstance(m, str) and m in data for m in marked):
        raise entry.error(
            prefix + "workbook_default",
            "'workbook_default' should list dose fields that are set",
            'Write e.g. workbook_default = ["hold_s"]',
        )
    values["workbook_default"] = tuple(marked)
    dose = Dose(**values)
    _check_rep_time(entry, dose, style, prefix)
    need = {
        "hold": ["hold_s"],
        "dynamic": ["duration_s"],
        "reps": ["rep_s", "total" if sides == "alternating" else "reps"],
    }[style]
    if sides == "alternating" and style != "dynamic" and "total" not in need:
        need.append("total")
    for name in need:
        if getattr(dose, name) is None:
            raise entry.error(
                prefix + name,
                f"a '{style}' exercise needs '{name}' in its dose",
                f"Add {name} = ... (seconds or a count)",
            )
    return dose


def _check_rep_time(entry: Entry, dose: Dose, style: str, prefix: str) -> None:
    """A repetition with a hold inside it takes at least the hold plus :data:`REP_MARGIN_S`."""
    if style != "reps" or dose.rep_s is None or dose.hold_s is None:
        return
    hold = dose.hold_s[1] if isinstance(dose.hold_s, tuple) else dose.hold_s
    if dose.rep_s < hold + REP_MARGIN_S:
        raise entry.error(
            prefix + "rep_s",
            f"'rep_s' = {dose.rep_s} is shorter than one repetition's hold ({hold} s) plus "
            f"{REP_MARGIN_S} s to move",
            f"Use rep_s = {hold + REP_MARGIN_S} or more, or a shorter hold_s",
        )


def _span(entry: Entry, data: dict[str, Any], name: str, prefix: str) -> int | Range:
    value = data[name]
    if isinstance(value, list):
        if (
            len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            or not 0 < value[0] <= value[1]
        ):
            raise entry.error(
                prefix + name,
                f"'{name}' range {value!r} is not [low, high]",
                f"Write two whole numbers above 0, low first: {name} = [30, 60]",
            )
        return (value[0], value[1])
    seconds = entry.seconds(name, source=data, prefix=prefix)
    assert seconds is not None  # required: a missing value has raised
    return seconds


def parse_exercise(entry: Entry, categories: tuple[str, ...]) -> Exercise:
    """Build an :class:`Exercise` from a validated ``[[exercise]]`` table; ``categories``
    are the ids of data/categories.toml."""
    style = entry.choice("style", STYLES)
    sides = entry.choice("sides", SIDES)
    dose = parse_dose(entry, entry.get("dose", dict), style, sides)
    templates = _steps(entry, dose, sides)
    return Exercise(
        id=entry.get("id", str),
        name=entry.text("name"),
        category=entry.choice("category", categories),
        style=style,
        sides=sides,
        dose=dose,
        steps=render_steps(templates, dose, sides),
        targets=entry.texts("targets"),
        options=entry.texts("options", required=False),
        progressions=entry.texts("progressions", required=False),
        cautions=entry.texts("cautions", required=False),
        summary=entry.text("summary", required=False, default=""),
        also_known_as=entry.texts("also_known_as", required=False),
        coaching=parse_coaching(entry),
        position=entry.choice("position", POSITIONS),
        step_templates=templates,
        departure=entry.text("departure", required=False, default=""),
    )


def _steps(entry: Entry, dose: Dose, sides: str) -> tuple[str, ...]:
    steps = entry.texts("steps")
    if not steps:
        raise entry.error(
            "steps", "the exercise has no steps", 'Add steps = ["First ...", "Then ..."]'
        )
    for n, step in enumerate(steps, start=1):
        problem = placeholder_problem(step, dose, sides)
        if problem:
            start = entry.line_of("steps")
            line = next(
                (
                    k
                    for k in range(start or 1, len(entry.lines) + 1)
                    if step[:40] in entry.lines[k - 1]
                ),
                start,
            )
            loc = where(entry.path, line, entry.id, f"steps[{n}]")
            raise CatalogError(
                f"{loc}: step {n} has {problem}. Use {{hold}}, {{reps}} or {{sets}} for the "
                "dose's numbers, or write the text without braces"
            )
    return steps
