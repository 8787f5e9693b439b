"""Reading a journal file: the fast pandas pass and the exact line-by-line pass, side by side.

Reading is vectorised with pandas (:func:`_fast`); only when something is wrong does the
slower, exact pass (:func:`_slow`) find the line and column to blame. Both accept the same
files and give the same frame.

>>> from psoas_lib.journal.schema import SESSIONS
>>> table = read_table(b"started_at,routine_id,planned_s,completed_s,exercises_done,"
...     b"tightness_before,tightness_after,pain_stop,notes,format\\n"
...     b"2026-03-02T07:30:00+01:00,desk-reset,600,540,knee-to-chest,6,4,false,,1\\n",
...     "sessions.csv", SESSIONS)
>>> row = table.frame.iloc[0]
>>> str(row.started_at), int(row.utc_offset_min), int(row.completed_s), int(row.tightness_after)
('2026-03-02 06:30:00+00:00', 60, 540, 4)
>>> read_table(b"started_at,routine_id\\n", "sessions.csv", SESSIONS)
Traceback (most recent call last):
...
psoas_lib.journal.schema.JournalError: sessions.csv, line 1: the header has no column 'planned_s'...
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from psoas_lib.journal.schema import (
    FORMAT_VERSION,
    REPAIR_HOW,
    TORN_MARK,
    Header,
    JournalError,
    Problem,
    Schema,
    Table,
)
from psoas_lib.journal.times import OFFSET_RE
from psoas_lib.journal.timestamps import parse_times

__all__ = ["Record", "empty_frame", "parse_header", "read_table", "scan_table", "split_records"]

_TRUE = frozenset({"true", "1", "yes"})
_FALSE = frozenset({"false", "0", "no", ""})


def empty_frame(schema: Schema) -> pd.DataFrame:
    """The typed, empty frame of a schema (what an empty journal loads as).

    >>> from psoas_lib.journal.schema import SESSIONS
    >>> empty_frame(SESSIONS).dtypes["tightness_before"]
    Int64Dtype()
    """
    return _convert(pd.DataFrame({c: pd.Series([], dtype=object) for c in schema.names}), schema)[0]


def read_table(raw: bytes, path: object, schema: Schema) -> Table:
    """Read a journal file's bytes into a typed frame; raise on problems that lose data.

    Torn lines and harmless oddities are in the returned ``problems``; call
    :meth:`Table.raise_errors` or use :func:`scan_table` to collect errors without raising.
    """
    table = scan_table(raw, path, schema)
    table.raise_errors()
    return table


def scan_table(raw: bytes, path: object, schema: Schema, *, exact: bool = False) -> Table:
    """Like :func:`read_table` but never raises: every problem is in ``problems``.

    ``exact=True`` skips the fast path, so ``lines`` gives each row's line number.
    """
    name = str(path)
    try:
        text, problems = _decode(raw, name)
    except JournalError as exc:
        return Table(empty_frame(schema), exc.problems)
    body = text[1:] if text.startswith("\ufeff") else text
    if not body or body.isspace():
        return Table(empty_frame(schema), problems)
    try:
        header = parse_header(body, name, schema)
    except JournalError as exc:
        return Table(empty_frame(schema), problems + exc.problems)
    problems += _extra_column_notes(header, name, schema)
    if not problems and not exact:
        fast = _fast(raw, header, schema)
        if fast is not None:
            return Table(fast, [], header)
    return _slow(body, header, name, schema, problems)


def _decode(raw: bytes, path: str) -> tuple[str, list[Problem]]:
    """Strict UTF-8, except inside a torn line (a crash can cut a character in two)."""
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    wide = _utf16(raw)
    if wide:
        problem = Problem(
            path,
            None,
            None,
            None,
            f"the file is {wide} text, not UTF-8",
            "Save it as UTF-8: in a spreadsheet choose 'CSV UTF-8 (comma delimited)', in a "
            "text editor choose the encoding 'UTF-8' when you save.",
        )
        raise JournalError(str(problem), [problem])
    lines = raw.splitlines(keepends=True)
    out: list[str] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError as exc:
            bad = exc
        stripped = line.rstrip(b"\r\n")
        torn = (number == len(lines) and stripped == line) or stripped.endswith(
            (TORN_MARK.encode(), TORN_MARK.encode() + b'"')
        )
        if torn:
            out.append(line.decode("utf-8", errors="replace"))
            continue
        prefix = line[: bad.start].decode("utf-8", errors="replace")
        name, position = _column_at(raw, prefix)
        problems.append(
            Problem(
                path,
                number,
                name,
                position,
                f"byte 0x{line[bad.start]:02x} (character {len(prefix) + 1} of the line) is not "
                "UTF-8 text",
                "Save the file as 'CSV UTF-8' in your spreadsheet, or retype that character.",
            )
        )
        out.append(line.decode("utf-8", errors="replace"))
    if problems:
        raise JournalError(str(problems[0]), problems)
    return "".join(out), []


def _utf16(raw: bytes) -> str:
    """``UTF-16`` (with its byte order) when the bytes look like UTF-16 text, else ``""``.

    >>> _utf16("a,b".encode("utf-16")), _utf16("a,b".encode("utf-16-be")), _utf16(b"a,b")
    ('UTF-16', 'UTF-16 (big-endian)', '')
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:200]
    if len(head) >= 4 and head[1::2].count(0) > len(head) // 4:
        return "UTF-16 (little-endian)"
    if len(head) >= 4 and head[0::2].count(0) > len(head) // 4:
        return "UTF-16 (big-endian)"
    return ""


def _column_at(raw: bytes, prefix: str) -> tuple[str | None, int | None]:
    """The header name and position of the cell that ``prefix`` (a line's start) ends in."""
    text = raw[:_HEAD_LIMIT].decode("utf-8", errors="replace").lstrip("\ufeff")
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delimiter = ";" if ";" in first and "," not in first else ","
    try:
        names = next(csv.reader([first], delimiter=delimiter), [])
        position = len(next(csv.reader([prefix], delimiter=delimiter), [""]))
    except csv.Error:
        return None, None
    position = max(position, 1)
    name = names[position - 1].strip().lower() if position <= len(names) else "?"
    return name, position


_HEAD_LIMIT = 65536


def _first_line(text: str) -> tuple[int, str]:
    """The number and text (with its line end) of the first line that is not blank."""
    number, line = 1, text
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):  # noqa: B007
        if line.strip():
            break
    return number, line


def parse_header(body: str, path: str, schema: Schema) -> Header:
    """Find and check the header: the first line that is not blank.

    Names are compared without case and surrounding spaces; ``;`` is the delimiter when the
    header has semicolons and no commas (a spreadsheet export in many languages).

    >>> from psoas_lib.journal.schema import SESSIONS
    >>> parse_header("Started_At ;routine_id\\r\\n", "x.csv", SESSIONS)
    Traceback (most recent call last):
    ...
    psoas_lib.journal.schema.JournalError: x.csv, line 1: the header has no column 'planned_s'...
    """
    head = body[:_HEAD_LIMIT]  # the header is near the top: read only that
    number, line = _first_line(head)
    if not line.endswith(("\n", "\r")) and len(head) < len(body):
        number, line = _first_line(body)
    newline = "\r\n" if line.endswith("\r\n") else "\r" if line.endswith("\r") else "\n"
    text = line.rstrip("\r\n")
    delimiter = ";" if ";" in text and "," not in text else ","
    try:
        cells = next(csv.reader([text], delimiter=delimiter, strict=False), [])
    except csv.Error as exc:
        problem = Problem(
            path,
            number,
            None,
            None,
            f"the header line is not valid CSV ({exc})",
            f"Replace it with: {schema.header_line}",
        )
        raise JournalError(str(problem), [problem]) from None
    names = tuple(c.strip().lstrip("\ufeff").lower() for c in cells)
    if text.count('"') % 2:
        problem = Problem(
            path,
            number,
            None,
            None,
            'the header line has a quote (") that is never closed',
            f"Replace it with: {schema.header_line}",
        )
        raise JournalError(str(problem), [problem])
    header = Header(names, delimiter, newline, number)
    known = (*schema.names, "format")
    problems: list[Problem] = []
    if not set(names) & set(known):
        looks_like_data = bool(names) and OFFSET_RE.search(names[0] or "") is not None
        what = (
            f"the file has no header row: line {number} already holds an entry"
            if looks_like_data
            else f"this is not a {schema.name} journal header"
        )
        problems.append(
            Problem(
                path,
                number,
                cells[0].strip() if cells else None,
                1,
                what,
                f"Add this line at the top: {schema.header_line}",
            )
        )
    else:
        seen: set[str] = set()
        for pos, col in enumerate(names, start=1):
            if col in seen:
                problems.append(
                    Problem(
                        path,
                        number,
                        col or "(no name)",
                        pos,
                        f"the column '{col}' appears twice",
                        "Delete or rename one of them.",
                    )
                )
            seen.add(col)
        unknown = [c for c in names if c not in known]
        for col in schema.names:
            if col in names:
                continue
            guess = difflib.get_close_matches(col, unknown, n=1, cutoff=0.6)
            if guess:
                pos = names.index(guess[0]) + 1
                problems.append(
                    Problem(
                        path,
                        number,
                        guess[0],
                        pos,
                        f"unknown column '{guess[0]}' (the column '{col}' is missing)",
                        f"Rename it to '{col}'.",
                    )
                )
            else:
                problems.append(
                    Problem(
                        path,
                        number,
                        None,
                        None,
                        f"the header has no column '{col}'",
                        f"Add the column '{col}' (the full header is: {schema.header_line}).",
                    )
                )
    if problems:
        first_problem = problems[0]
        raise JournalError(str(first_problem), problems)
    return header


def _extra_column_notes(header: Header, path: str, schema: Schema) -> list[Problem]:
    known = (*schema.names, "format")
    return [
        Problem(
            path,
            header.line,
            col or "(no name)",
            pos,
            "an extra column the journal does not use; it is kept as text",
            "Nothing to do (delete the column if you do not need it).",
            "note",
        )
        for pos, col in enumerate(header.columns, start=1)
        if col not in known
    ]


_LARGEST = 2**53  # whole numbers above this are not exact as floats: refuse them


_DTYPES = {
    "time": str,
    "id": str,
    "ids": str,
    "text": str,
    "seconds": "int64",
    "count": "int64",
    "rating": "float64",
    "degrees": "float64",
    "flag": "bool",
}  # Int64 parses slowly


#: The kinds that are a whole number from 0 to a top, or empty (then missing, not 0).
_TOP = {"rating": 10, "degrees": 360}


def _fast(raw: bytes, header: Header, schema: Schema) -> pd.DataFrame | None:
    """The happy path: pandas parses and types, checks are vectorised. None if anything is odd.

    Any doubt (a cell pandas cannot type, a spelling variant, a missing ``format``) sends
    the file to the exact pass, which accepts the same files and names what is wrong.
    """
    if "format" not in header.columns:
        return None
    data = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    dtypes: dict[str, Any] = {c.name: _DTYPES[c.kind] for c in schema.columns}
    dtypes["format"] = "int64"
    ratings = {c.name: [""] for c in schema.columns if c.kind in _TOP}
    try:
        frame = pd.read_csv(
            io.BytesIO(data),
            sep=header.delimiter,
            dtype=dtypes,
            keep_default_na=False,
            na_values=ratings,
            skip_blank_lines=True,
            encoding="utf-8",
            engine="c",
        )
    except Exception:  # any parser trouble: the exact pass explains it
        return None
    if (
        not isinstance(frame.index, pd.RangeIndex)
        or tuple(frame.columns) != header.columns
        or (frame["format"].to_numpy() != FORMAT_VERSION).any()
    ):
        return None
    out: dict[str, Any] = {}
    for col in schema.columns:
        values = frame[col.name]
        if col.kind == "time":
            stamp, offset, bad = parse_times(values)
            out[col.name], out["utc_offset_min"] = stamp, offset
        elif col.kind in _TOP:
            number = values.to_numpy(dtype="float64", na_value=np.nan)
            with np.errstate(invalid="ignore"):
                bad = (number < 0) | (number > _TOP[col.kind]) | (np.floor(number) != number)
            bad &= ~np.isnan(number)
            if bad.any():  # a fraction (5.5) cannot become Int64: the exact pass names it
                return None
            out[col.name] = values.astype("Int64")
        elif col.kind in ("seconds", "count"):
            whole = values.to_numpy()
            bad = (whole < 0) | (whole >= _LARGEST)
            out[col.name] = values
        elif col.kind == "id":
            codes, uniques = pd.factorize(values)  # few distinct ids: check those
            blank = np.array([not str(u).strip() for u in uniques] + [True], dtype=bool)
            bad = blank[codes]
            out[col.name] = values
        else:
            bad = np.zeros(1, dtype=bool)
            out[col.name] = values
        if bad.any():
            return None
    converted = pd.DataFrame(out)
    stamps = converted[schema.key[0]]
    if stamps.duplicated().any() and converted.duplicated(subset=list(schema.key)).any():
        return None
    return converted


def _allow_long_cells() -> None:
    """Let the csv module read cells of any length the file holds (its default stops at
    131,072 characters, and one long hand-typed cell would lock the whole journal)."""
    if csv.field_size_limit() < _CELL_LIMIT:
        csv.field_size_limit(_CELL_LIMIT)


_CELL_LIMIT = 2**31 - 1  # the largest limit every platform's csv module accepts


@dataclass
class Record:
    first: int  # first physical line
    last: int  # last physical line (differs for quoted line breaks)
    cells: list[str]


def split_records(body: str, delimiter: str, path: str) -> list[Record]:
    _allow_long_cells()
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=False)
    out: list[Record] = []
    previous = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return out
        except csv.Error as exc:
            line = reader.line_num or previous + 1
            raise JournalError(
                f"{path}, line {line}: this line is not valid CSV ({exc}). "
                "Check its quotes and cell lengths.",
                [
                    Problem(
                        path,
                        line,
                        None,
                        None,
                        f"this line is not valid CSV ({exc})",
                        "Check its quotes and cell lengths.",
                    )
                ],
            ) from None
        out.append(Record(previous + 1, reader.line_num, cells))
        previous = reader.line_num


def _slow(body: str, header: Header, path: str, schema: Schema, problems: list[Problem]) -> Table:
    """The exact pass: every record with its line numbers, every bad cell named."""
    try:
        records = split_records(body, header.delimiter, path)
    except JournalError as exc:
        return Table(empty_frame(schema), problems + exc.problems, header)
    ncols = len(header.columns)
    terminated = body.endswith(("\n", "\r"))
    open_quote = body.count('"') % 2 == 1
    rows: list[list[str]] = []
    lines: list[int] = []
    header_seen = False
    for index, rec in enumerate(records):
        if not any(c.strip() for c in rec.cells):
            continue  # blank line or an empty spreadsheet row
        if not header_seen:
            header_seen = True
            continue
        is_last = index == len(records) - 1
        last_cell = rec.cells[-1].rstrip() if rec.cells else ""
        marked = last_cell.rstrip('"').endswith(TORN_MARK)
        cut_at_end = (
            is_last
            and not terminated
            and rec.first == rec.last
            and (len(rec.cells) < ncols or open_quote)
        )
        if marked or cut_at_end:
            problems.append(
                Problem(
                    path,
                    rec.first,
                    None,
                    None,
                    "this line was cut off while it was being written (a crash or power loss); "
                    "it is skipped, every other line is kept",
                    f"Repair the journal to remove it ({REPAIR_HOW}; a backup is written "
                    "first), or delete it by hand.",
                    "torn",
                    skipped=True,
                )
            )
            continue
        if is_last and open_quote:
            problems.append(
                Problem(
                    path,
                    rec.first,
                    None,
                    None,
                    'a quote (") opened on this line is never closed, so '
                    f"lines {rec.first}-{rec.last} read as one cell",
                    "Add the closing quote or remove the stray one.",
                    skipped=True,
                )
            )
            continue
        if len(rec.cells) != ncols:
            few = len(rec.cells) < ncols
            pos = len(rec.cells) + 1 if few else ncols + 1
            column = header.columns[pos - 1] if few else None
            what = f"this line has {len(rec.cells)} cells but the header has {ncols}" + (
                f": '{header.columns[len(rec.cells)]}' and after are missing" if few else ""
            )
            fix = (
                "Fill in the missing cells (empty cells need their separators)."
                if few
                else f"Put quotes around text that contains '{header.delimiter}', or "
                "delete the extra cells."
            )
            problems.append(
                Problem(path, rec.first, column, pos if few else None, what, fix, skipped=True)
            )
            continue
        rows.append(rec.cells)
        lines.append(rec.first)
    frame = pd.DataFrame(rows, columns=list(header.columns), dtype=object)
    if "format" not in frame.columns:
        frame["format"] = ""
    frame = frame.astype(str) if len(frame) else frame
    converted, bad = _convert(frame, schema)
    line_of = np.asarray(lines, dtype=np.int64)
    keep = np.ones(len(frame), dtype=bool)
    for col, mask in bad.items():
        if not mask.any():
            continue
        keep &= ~mask
        for i in np.flatnonzero(mask):
            what, fix = _explain(schema, col, str(frame[col].iloc[i]))
            problems.append(
                Problem(path, int(line_of[i]), col, header.position(col), what, fix, skipped=True)
            )
    converted = converted[keep]
    line_of = line_of[keep]
    dup = converted.duplicated(subset=list(schema.key), keep="first").to_numpy()
    if dup.any():
        first_line = _first_lines(converted, schema, line_of)
        same = converted.drop(columns="utc_offset_min").duplicated(keep="first").to_numpy()
        for i in np.flatnonzero(dup):
            original = first_line[i]
            if same[i]:
                problems.append(
                    Problem(
                        path,
                        int(line_of[i]),
                        None,
                        None,
                        f"a copy of line {original} (the same values); it is read once",
                        f"Repair the journal to remove the copy ({REPAIR_HOW}), or delete it "
                        "by hand.",
                        "note",
                        skipped=True,
                    )
                )
            else:
                key = " and ".join(schema.key)
                problems.append(
                    Problem(
                        path,
                        int(line_of[i]),
                        schema.key[0],
                        header.position(schema.key[0]),
                        f"the same entry as line {original} (same {key}) with different values",
                        "Keep one of the two lines and delete the other, or "
                        f"repair the journal ({REPAIR_HOW}), which keeps the first.",
                        skipped=True,
                    )
                )
        converted = converted[~dup]
        line_of = line_of[~dup]
    problems.sort(key=lambda p: p.line or 0)
    return Table(converted.reset_index(drop=True), problems, header, line_of)


def _first_lines(frame: pd.DataFrame, schema: Schema, line_of: np.ndarray) -> np.ndarray:
    keys = frame[list(schema.key)]
    first = (
        pd.Series(line_of, index=frame.index)
        .groupby([keys[c] for c in schema.key], sort=False)
        .transform("first")
    )
    return first.to_numpy()


# --------------------------------------------------------------------------- conversion


def _convert(frame: pd.DataFrame, schema: Schema) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """Typed columns from text columns, and a mask of the bad cells per column."""
    out: dict[str, Any] = {}
    bad: dict[str, np.ndarray] = {}
    n = len(frame)
    for col in schema.columns:
        text = frame[col.name] if col.name in frame.columns else pd.Series([""] * n, dtype=object)
        text = text.reset_index(drop=True)
        if col.kind == "time":
            stamp, offset, mask = parse_times(text)
            out[col.name] = stamp
            out["utc_offset_min"] = offset
        elif col.kind in ("seconds", "count", *_TOP):
            out[col.name], mask = _whole(text, col.kind)
        elif col.kind == "flag":
            lower = text.str.strip().str.lower()
            mask = (~lower.isin(_TRUE | _FALSE)).to_numpy(dtype=bool)
            out[col.name] = lower.isin(_TRUE).to_numpy(dtype=bool)
        elif col.kind == "id":
            mask = (text.str.strip() == "").to_numpy(dtype=bool)
            out[col.name] = text.astype(str)
        else:
            mask = np.zeros(n, dtype=bool)
            out[col.name] = text.astype(str)
        bad[col.name] = mask
    if "format" in frame.columns:
        cells = frame["format"].reset_index(drop=True).str.strip()
        version = pd.to_numeric(cells.where(cells != "", str(FORMAT_VERSION)), errors="coerce")
        bad["format"] = (version != FORMAT_VERSION).to_numpy(dtype=bool)
    result = pd.DataFrame(out)
    extra = [c for c in frame.columns if c not in schema.names and c != "format"]
    for name in extra:
        result[name] = frame[name].reset_index(drop=True).astype(str)
    return result, bad


def _whole(text: pd.Series, kind: str) -> tuple[pd.Series, np.ndarray]:
    stripped = text.str.strip()
    empty = (stripped == "").to_numpy(dtype=bool)
    number = pd.to_numeric(stripped.where(~empty, None), errors="coerce")
    values = number.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        good = ~np.isnan(values) & (values >= 0) & (np.floor(values) == values)
        if kind in _TOP:
            good &= values <= _TOP[kind]
            good |= empty
            result = pd.Series(np.where(good & ~empty, values, np.nan)).astype("Int64")
        else:
            good &= values < _LARGEST
            result = pd.Series(np.where(good, values, 0)).astype(np.int64)
    return result, ~good


def _explain(schema: Schema, col: str, value: str) -> tuple[str, str]:
    """What is wrong with one bad cell, and how to fix it."""
    shown = repr(value) if value.strip() else "an empty cell"
    if col == "format":
        try:
            newer = int(value) > FORMAT_VERSION
        except ValueError:
            newer = False
        if newer:
            return (
                f"format {value} was written by a newer Psoas Coach",
                "Update the workbook to read this line.",
            )
        return (
            f"{shown} is not a format version",
            f"Write {FORMAT_VERSION} there (or leave it empty).",
        )
    column = schema.column(col)
    example = column.example
    if column.kind == "time":
        parsed = (
            pd.to_datetime(value.strip(), format="ISO8601", errors="coerce")
            if value.strip()
            else pd.NaT
        )
        if pd.notna(parsed) and parsed.tzinfo is None:
            return (
                f"the date-time {shown} has no UTC offset",
                f"Add the offset of the place where it happened, e.g. '{value.strip()}"
                "+01:00' (or Z for UTC).",
            )
        return (
            f"{shown} is not a date-time with a UTC offset",
            f"Write it as YYYY-MM-DDTHH:MM:SS+HH:MM, e.g. '{example}'.",
        )
    if column.kind == "id":
        return (f"{shown}: the {col} is missing", f"Write the id there, e.g. '{example}'.")
    if column.kind == "flag":
        return f"{shown} is not true or false", "Write true or false."
    try:
        number = float(value)
    except ValueError:
        number = None
    if column.kind == "degrees":
        return (
            f"{shown} is not a whole angle from 0 to 360",
            "Use a whole number of degrees from 0 to 360, or leave the cell empty.",
        )
    if column.kind == "rating":
        if number is not None and number == number and (number < 0 or number > 10):
            return (
                f"the rating {value.strip()} is outside 0–10",
                "Use a whole number from 0 to 10, or leave the cell empty.",
            )
        return (
            f"{shown} is not a rating",
            "Use a whole number from 0 to 10, or leave the cell empty.",
        )
    unit = "seconds" if column.kind == "seconds" else "a count"
    if number is not None and number < 0:
        return (f"{value.strip()} is negative", f"Use a whole number of {unit}, 0 or more.")
    if number is not None and number >= _LARGEST:
        return (
            f"{value.strip()} is far too large",
            f"Check the number: a whole number of {unit}, e.g. '{example or '0'}'.",
        )
    return (
        f"{shown} is not a whole number of {unit}",
        f"Write digits only, e.g. '{example or '0'}'.",
    )
