"""The journal's CSV schema: columns, the two files' schemas, problems, headers, tables.

A journal file is UTF-8 CSV with a header row and one entry a line. Its last column,
``format``, holds the format version (``1``) on every line, so later releases can migrate
old files line by line and a spreadsheet still opens the file as a plain table.

Problems come back as :class:`Problem` objects:

- ``error``: the line cannot be read; loading raises :class:`JournalError`.
- ``torn``: a line cut short by a crash while it was written; it is skipped and reported.
- ``note``: harmless, loaded with a normalisation (an exact duplicate line, an extra column).

>>> SESSIONS.header_line.split(",")[:3]
['started_at', 'routine_id', 'planned_s']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from psoas_lib.errors import PsoasError

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

__all__ = [
    "ASSESSMENTS",
    "CLEARANCES",
    "FORMAT_VERSION",
    "FORM_CHECKS",
    "NOT_RATED",
    "PAIN_PLACES",
    "PAIN_REPORTS",
    "REPAIR_HOW",
    "SESSIONS",
    "TORN_MARK",
    "Column",
    "Header",
    "JournalError",
    "Problem",
    "Schema",
    "Table",
]

#: How a person repairs the journal, in words (never a Python call to type).
REPAIR_HOW = "psoas journal repair in a terminal, or Repair my journal on the Check my journal page"

#: The version written in every line's ``format`` cell. Bump it when the columns change.
FORMAT_VERSION = 1

#: Appended to a torn last line when a later entry is written after it, so the torn line is
#: recognised (and reported) wherever it ends up, instead of being read as data.
TORN_MARK = "[torn line]"


class JournalError(PsoasError):
    """A journal file that cannot be read or written; the message says where and how to fix it.

    ``problems`` holds every :class:`Problem` found (the message shows the first).
    """

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems)


@dataclass(frozen=True)
class Column:
    """A journal column: its name and kind.

    Kinds: ``time`` (ISO 8601 with a UTC offset), ``id`` (non-empty text), ``ids``
    (ids joined by ``;``), ``text``, ``seconds`` and ``count`` (whole numbers, 0 or more),
    ``rating`` (0–10 or empty), ``degrees`` (a whole angle 0–360 or empty), ``flag``
    (true/false).
    """

    name: str
    kind: str
    example: str = ""


@dataclass(frozen=True)
class Schema:
    """The columns of one journal file, and the columns that identify an entry."""

    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def time(self) -> str:
        return next(c.name for c in self.columns if c.kind == "time")

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    @property
    def header_line(self) -> str:
        return ",".join((*self.names, "format"))


SESSIONS = Schema(
    "sessions",
    (
        Column("started_at", "time", "2026-03-02T07:30:00+01:00"),
        Column("routine_id", "id", "desk-reset"),
        Column("planned_s", "seconds", "600"),
        Column("completed_s", "seconds", "540"),
        Column("exercises_done", "ids", "knee-to-chest;low-lunge"),
        Column("tightness_before", "rating", "6"),
        Column("tightness_after", "rating", "4"),
        Column("pain_stop", "flag", "false"),
        Column("notes", "text"),
    ),
    key=("started_at", "routine_id"),
)

ASSESSMENTS = Schema(
    "assessments",
    (
        Column("taken_at", "time", "2026-03-02T07:30:00+01:00"),
        Column("ticked", "ids", "long-sitting;tight-front-hip"),
        Column("tightness", "count", "3"),
        Column("weakness", "count", "1"),
        Column("recommendation", "text"),
        Column("routine_id", "text"),
        Column("notes", "text"),
    ),
    key=("taken_at",),
)

#: "A professional has cleared me to exercise", recorded by the user: when it was recorded,
#: the day of the appointment, and what it covers (empty: everything; else one exercise id).
CLEARANCES = Schema(
    "clearances",
    (
        Column("recorded_at", "time", "2026-03-09T18:00:00+01:00"),
        Column("cleared_on", "text", "2026-03-09"),
        Column("exercise_id", "text", "low-lunge"),
        Column("notes", "text"),
    ),
    key=("recorded_at",),
)

#: How a pain report's notes start when the pain was not rated (said explicitly, never silent).
NOT_RATED = "[not rated]"

#: Where a pain stop hurt, as the pain-stop form offers it.
PAIN_PLACES: tuple[str, ...] = ("hip", "groin", "lower back", "knee", "other")

#: What the user said after a pain stop. ``started_at`` and ``routine_id`` are the session's
#: (its key in sessions.csv); ``exercise_id`` the exercise under way when it stopped; ``place``
#: one of :data:`PAIN_PLACES` or empty, ``pain`` 0–10 or empty (the form may be skipped).
PAIN_REPORTS = Schema(
    "pain_reports",
    (
        Column("started_at", "time", "2026-03-02T07:30:00+01:00"),
        Column("routine_id", "id", "desk-reset"),
        Column("exercise_id", "text", "low-lunge"),
        Column("place", "text", "groin"),
        Column("pain", "rating", "6"),
        Column("notes", "text"),
    ),
    key=("started_at", "routine_id"),
)

#: The Patient-Specific Functional Scale (Stratford et al., 1995): at each rating, up to five
#: activities the user finds hard because of their hips or back, each rated 0 (unable) to 10
#: (able as before the problem). One line per activity rated; ``rated_at`` groups a rating.
PSFS = Schema(
    "psfs",
    (
        Column("rated_at", "time", "2026-03-02T07:30:00+01:00"),
        Column("activity", "text", "climbing stairs"),
        Column("score", "rating", "6"),
        Column("notes", "text"),
    ),
    key=("rated_at", "activity"),
)

#: What Check my form kept of a session (docs/camera.md): one line per exercise held with the
#: camera check on. ``started_at`` and ``routine_id`` are the session's (its key in
#: sessions.csv); ``judged_s`` the hold seconds the camera could judge, ``in_position_s`` the
#: part of them in position, ``not_sure_s`` the hold seconds it could not judge (counted
#: apart); ``angle`` names the kept angle (``hip:back``, from data/pose_rules.toml) and
#: ``angle_deg`` its median over the judged hold, compared only with the person's own first
#: session. Numbers only: never a picture.
FORM_CHECKS = Schema(
    "form_checks",
    (
        Column("started_at", "time", "2026-03-02T07:30:00+01:00"),
        Column("routine_id", "id", "desk-reset"),
        Column("exercise_id", "id", "low-lunge"),
        Column("judged_s", "seconds", "50"),
        Column("in_position_s", "seconds", "41"),
        Column("not_sure_s", "seconds", "4"),
        Column("angle", "text", "hip:back"),
        Column("angle_deg", "degrees", "196"),
    ),
    key=("started_at", "routine_id", "exercise_id"),
)


@dataclass(frozen=True, repr=False)
class Problem:
    """One thing wrong in a journal file, located by line and column.

    >>> print(Problem("sessions.csv", 4, "planned_s", 3, "'-5' is negative", "Use 0 or more."))
    sessions.csv, line 4, column C (planned_s): '-5' is negative. Use 0 or more.
    """

    path: str
    line: int | None
    column: str | None
    position: int | None  # 1-based position of the column in the file's header
    what: str
    fix: str
    level: str = "error"  # error | torn | note
    skipped: bool = False  # the line is left out of the loaded frame

    def __str__(self) -> str:
        return f"{self.where}: {self.what}. {self.fix}".rstrip()

    def __repr__(self) -> str:  # readable in a notebook's list of problems
        return f"<{self.level}: {self}>"

    @property
    def where(self) -> str:
        parts = [self.path]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.column is not None:
            letter = f" {_letter(self.position)}" if self.position else ""
            parts.append(f"column{letter} ({self.column})")
        return ", ".join(parts)


def _letter(position: int) -> str:
    """Spreadsheet column letters: 1 -> A, 27 -> AA.

    >>> _letter(1), _letter(3), _letter(27)
    ('A', 'C', 'AA')
    """
    out = ""
    while position > 0:
        position, rest = divmod(position - 1, 26)
        out = chr(65 + rest) + out
    return out


@dataclass(frozen=True)
class Header:
    """A file's header line: its columns in file order, delimiter and line ending."""

    columns: tuple[str, ...]
    delimiter: str = ","
    newline: str = "\n"
    line: int = 1

    def position(self, name: str) -> int | None:
        return self.columns.index(name) + 1 if name in self.columns else None


@dataclass
class Table:
    """A file read through :func:`read_table`: the typed frame and every problem found."""

    frame: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    header: Header | None = None
    lines: np.ndarray | None = None  # each row's line number (exact reads only)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def raise_errors(self) -> None:
        errors = self.errors
        if errors:
            more = (
                f" ({len(errors) - 1} more problem{'s' if len(errors) > 2 else ''} in this "
                "file: psoas journal check in a terminal, or the Check my journal page, lists "
                "them all.)"
                if len(errors) > 1
                else ""
            )
            raise JournalError(str(errors[0]) + more, self.problems)
