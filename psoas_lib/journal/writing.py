"""Writing the journal: one CSV line per entry, the append path, and the checks on values.

Every entry is appended as one whole line in one write, flushed and synced; the caller
holds the journal's lock. Values are checked before anything is written.

>>> format_line({"a": "x,y", "b": "1"}, Header(("b", "a", "format")))
'1,"x,y",1\\n'
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from psoas_lib.files import PRIVATE_FILE_MODE, fsync_dir
from psoas_lib.journal.schema import (
    FORMAT_VERSION,
    REPAIR_HOW,
    TORN_MARK,
    Header,
    JournalError,
    Schema,
)
from psoas_lib.journal.times import local_iso

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MAX_TEXT",
    "FormCheckRow",
    "append_locked",
    "form_check_cells",
    "format_line",
    "frame_rows",
    "session_cells",
    "standard_header",
]

_HEAD_BYTES = 65536
_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation

#: The longest text cell (a note, a recommendation) the journal accepts, in characters: a
#: page and more of notes, and a bound that keeps every line quick to read and check.
MAX_TEXT = 20_000
_TAIL_BYTES = 4096  # enough to see the end of the last line


def format_line(values: Mapping[str, str], header: Header) -> str:
    """One CSV line (with its line end) for the cells ``values``, in the header's order.

    Columns the entry does not set (extra columns) stay empty; ``format`` gets the version.

    >>> format_line({"a": "x,y", "b": "1"}, Header(("b", "a", "format")))
    '1,"x,y",1\\n'
    """
    cells = [
        values.get(col, str(FORMAT_VERSION) if col == "format" else "") for col in header.columns
    ]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=header.delimiter, lineterminator=header.newline).writerow(cells)
    return buffer.getvalue()


def frame_rows(frame: pd.DataFrame, schema: Schema) -> list[dict[str, str]]:
    """A loaded frame back into text cells (the inverse of reading), one dict per entry."""
    import numpy as np  # here, not at the top: the append path needs no pandas
    import pandas as pd

    time = schema.time
    rows: list[dict[str, str]] = []
    for record in frame.to_dict("records"):
        cells: dict[str, str] = {}
        for col in frame.columns:
            value = record[col]
            if col == time:
                zone = timezone(timedelta(minutes=int(record["utc_offset_min"])))
                cells[col] = local_iso(value.to_pydatetime().astimezone(zone))
            elif col == "utc_offset_min":
                continue
            elif isinstance(value, (bool, np.bool_)):
                cells[col] = "true" if value else "false"
            elif value is None or value is pd.NA or (isinstance(value, float) and value != value):
                cells[col] = ""
            else:
                cells[col] = str(value)
        rows.append(cells)
    return rows


# --------------------------------------------------------------------------- appending


def append_locked(schema: Schema, path: Path, rows: list[dict[str, str]]) -> None:
    """Append whole lines in one write, then fsync. The caller holds the lock."""
    created = not path.exists()
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | _BINARY, PRIVATE_FILE_MODE)
    try:
        if created and hasattr(os, "fchmod"):
            os.fchmod(fd, PRIVATE_FILE_MODE)  # private whatever the umask
        size = os.fstat(fd).st_size
        head = _read_at(fd, 0, _HEAD_BYTES) if size else b""
        header, text = _header_for_append(head, size, path, schema, rows)
        if size:
            text = _close_last_line(fd, size, header) + text
        data = text.encode("utf-8")
        os.lseek(fd, 0, os.SEEK_END)
        written = 0
        try:
            while written < len(data):
                written += os.write(fd, data[written:])
            os.fsync(fd)
        except OSError:
            if written:  # a refused append leaves the file exactly as it was
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, size)
                    os.fsync(fd)
            raise
    finally:
        os.close(fd)
    if created:
        fsync_dir(path.parent)


def _read_at(fd: int, offset: int, size: int) -> bytes:
    """Up to ``size`` bytes from ``offset`` (portable: Windows has no ``os.pread``)."""
    os.lseek(fd, offset, os.SEEK_SET)
    chunks: list[bytes] = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _header_for_append(
    head: bytes, size: int, path: Path, schema: Schema, rows: list[dict[str, str]]
) -> tuple[Header, str]:
    """The file's header (to write cells in its order) and the text to append."""
    text = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    if not text.strip() and size <= len(head):
        header = Header((*schema.names, "format"))
        return header, schema.header_line + "\n" + "".join(format_line(r, header) for r in rows)
    from psoas_lib.journal.reading import parse_header  # pandas: only when a file has a head

    try:
        header = parse_header(text, str(path), schema)
    except JournalError as exc:
        lines = "".join(format_line(r, Header((*schema.names, "format"))) for r in rows)
        raise JournalError(
            f"{exc} The entry was NOT saved; fix the header (or repair the journal: "
            f"{REPAIR_HOW}) and add it again. The entry was: {lines.strip()}",
            exc.problems,
        ) from None
    return header, "".join(format_line(r, header) for r in rows)


def _close_last_line(fd: int, size: int, header: Header) -> str:
    """What to write before a new entry so it starts a line of its own, outside any quote.

    A file that ends with a line end usually needs nothing; a last line left open by a stray
    quote (which loads as a blank line) gets its quote closed, or the quote would swallow the
    new entry. A file cut short gets :func:`_terminator`.
    """
    tail = _read_at(fd, max(0, size - _TAIL_BYTES), min(size, _TAIL_BYTES))
    complete = tail.endswith(b"\n") or (tail.endswith(b"\r") and header.newline == "\r")
    if not complete:
        return _terminator(fd, size, header)
    if _may_end_inside_quote(tail, header.delimiter) and _read_at(fd, 0, size).count(b'"') % 2:
        return '"' + header.newline
    return ""


def _may_end_inside_quote(tail: bytes, delimiter: str) -> bool:
    """Whether a loadable file ending with ``tail`` can end inside an open quote.

    Only a record of nothing but separators, spaces and one stray quote loads while open (as
    a blank line), so its quote is the file's last visible character, alone on its line but
    for separators. Every other file is decided without reading it all (appends stay fast).

    >>> _may_end_inside_quote(b'a,b\\n"\\n\\n', ","), _may_end_inside_quote(b'a,"b"\\n', ",")
    (True, False)
    """
    body = tail.rstrip()
    if not body.endswith(b'"'):
        return False
    start = max(body.rfind(b"\n"), body.rfind(b"\r")) + 1
    rest = body[start:-1].replace(delimiter.encode(), b"")
    return not rest.strip()


def _terminator(fd: int, size: int, header: Header) -> str:
    """What to write first when the file does not end with a line end.

    A complete last line just gets its line end. A torn one (cut short by a crash) gets
    :data:`TORN_MARK` (inside its open quote, if any) so loading reports it wherever it ends
    up, instead of gluing the new entry onto it. A CRLF line cut between its two characters
    gets the missing one.
    """
    data = _read_at(fd, 0, size)
    if data.endswith(b"\r"):
        return "\n"
    text = data.decode("utf-8", errors="replace").lstrip("\ufeff")
    if text.count('"') % 2:
        return TORN_MARK + '"' + header.newline
    from psoas_lib.journal.reading import split_records

    try:
        records = [
            r for r in split_records(text, header.delimiter, "") if any(c.strip() for c in r.cells)
        ]
    except JournalError:
        records = []
    if len(records) <= 1 or len(records[-1].cells) >= len(header.columns):
        return header.newline
    return TORN_MARK + header.newline


def standard_header(schema: Schema, found: Header | None) -> Header:
    extra = tuple(
        c for c in (found.columns if found else ()) if c not in schema.names and c != "format"
    )
    return Header((*schema.names, *extra, "format"))


# --------------------------------------------------------------------------- argument checks


def session_cells(
    *,
    started_at: datetime,
    routine_id: str,
    planned_s: int,
    completed_s: int,
    exercises_done: Iterable[str],
    tightness_before: int | None = None,
    tightness_after: int | None = None,
    pain_stop: bool = False,
    notes: str = "",
) -> dict[str, str]:
    """The checked cells of one session; :class:`JournalError` names a bad value."""
    return {
        "started_at": cell_when("started_at", started_at),
        "routine_id": cell_ident("routine_id", routine_id),
        "planned_s": cell_whole("planned_s", planned_s),
        "completed_s": cell_whole("completed_s", completed_s),
        "exercises_done": cell_ids("exercises_done", exercises_done),
        "tightness_before": cell_rating("tightness_before", tightness_before),
        "tightness_after": cell_rating("tightness_after", tightness_after),
        "pain_stop": cell_flag("pain_stop", pain_stop),
        "notes": cell_text("notes", notes),
    }


def _bad(name: str, value: object, want: str) -> JournalError:
    return JournalError(
        f"{name}={value!r}: {name} must be {want}. The entry was not saved; "
        "call again with a corrected value."
    )


def cell_when(name: str, value: object) -> str:
    if not isinstance(value, datetime):
        raise _bad(name, value, "a datetime")
    offset = value.utcoffset()
    if offset is None:
        raise _bad(name, value, "timezone-aware (e.g. datetime.now().astimezone())")
    if offset.total_seconds() % 60:
        raise _bad(name, value, "in a time zone whose offset is whole minutes")
    return local_iso(value)


def cell_whole(name: str, value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _bad(name, value, "a whole number, 0 or more")
    return str(value)


def cell_rating(name: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 10:
        raise _bad(name, value, "a whole number from 0 to 10, or None")
    return str(value)


def cell_degrees(name: str, value: object) -> str:
    """A whole angle 0–360 (a float is rounded), or empty for None.

    >>> cell_degrees("angle_deg", 196.4), cell_degrees("angle_deg", None)
    ('196', '')
    """
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 360:
        raise _bad(name, value, "an angle from 0 to 360 degrees, or None")
    return str(round(value))


def cell_flag(name: str, value: object) -> str:
    if not isinstance(value, bool):
        raise _bad(name, value, "True or False")
    return "true" if value else "false"


def cell_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise _bad(name, value, "text")
    if len(value) > MAX_TEXT:
        raise JournalError(
            f"{name}: {len(value):,} characters is too long; {name} holds at most "
            f"{MAX_TEXT:,} characters. The entry was not saved; shorten it and call again."
        )
    return " ".join(value.splitlines()) if "\n" in value or "\r" in value else value


def cell_ident(name: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip() or cell_text(name, value) != value:
        raise _bad(name, value, "a non-empty id on one line, e.g. 'desk-reset'")
    return value


def cell_ids(name: str, value: object) -> str:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise _bad(name, value, "a list of ids, e.g. ['knee-to-chest']")
    items = list(value)
    for item in items:
        if (
            not isinstance(item, str)
            or not item.strip()
            or ";" in item
            or cell_text(name, item) != item
        ):
            raise _bad(name, value, "a list of non-empty ids without ';' or line breaks")
    return ";".join(items)


@dataclass(frozen=True)
class FormCheckRow:
    """One exercise of a session as Check my form kept it (see ``FORM_CHECKS``)."""

    exercise_id: str
    judged_s: int
    in_position_s: int
    not_sure_s: int
    angle: str = ""
    angle_deg: float | None = None


def form_check_cells(
    started_at: datetime, routine_id: str, rows: Sequence[FormCheckRow]
) -> list[dict[str, str]]:
    """The cells of form_checks.csv lines for one session, each value checked (a mistake
    raises :class:`JournalError` naming it, before anything is written)."""
    when, routine = cell_when("started_at", started_at), cell_ident("routine_id", routine_id)
    lines: list[dict[str, str]] = []
    seen: set[str] = set()
    for row in rows:
        exercise = cell_ident("exercise_id", row.exercise_id)
        if exercise in seen:
            raise JournalError(
                f"exercise_id={exercise!r}: named twice for one session. The entry was "
                "not saved; give each exercise one line."
            )
        seen.add(exercise)
        judged = cell_whole("judged_s", row.judged_s)
        inside = cell_whole("in_position_s", row.in_position_s)
        if int(inside) > int(judged):
            raise JournalError(
                f"in_position_s={row.in_position_s!r}: more than judged_s="
                f"{row.judged_s!r}. The entry was not saved; check the seconds."
            )
        lines.append(
            {
                "started_at": when,
                "routine_id": routine,
                "exercise_id": exercise,
                "judged_s": judged,
                "in_position_s": inside,
                "not_sure_s": cell_whole("not_sure_s", row.not_sure_s),
                "angle": cell_text("angle", row.angle) if row.angle_deg is not None else "",
                "angle_deg": cell_degrees("angle_deg", row.angle_deg),
            }
        )
    return lines
