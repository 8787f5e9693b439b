"""The one family of errors the workbook raises for problems a person can fix.

Every message says what is wrong, where (file, line, field) and how to fix it.

>>> err = PsoasError("data/exercises.toml, line 3: 'hold_s' must be more than 0 seconds")
>>> str(err)
"data/exercises.toml, line 3: 'hold_s' must be more than 0 seconds"
"""

from __future__ import annotations

__all__ = ["PsoasError", "where"]


class PsoasError(Exception):
    """Base class: a problem with the user's or a coach's data, explained in plain words."""


def where(
    path: object, line: int | None = None, entry: str | None = None, field: str | None = None
) -> str:
    """Format the location part of an error message.

    >>> where("data/exercises.toml", 12, "knee-to-chest", "dose.hold_s")
    "data/exercises.toml, line 12, entry 'knee-to-chest', field 'dose.hold_s'"
    >>> where("journal.csv")
    'journal.csv'
    """
    parts = [str(path)]
    if line is not None:
        parts.append(f"line {line}")
    if entry is not None:
        parts.append(f"entry {entry!r}")
    if field is not None:
        parts.append(f"field {field!r}")
    return ", ".join(parts)
