"""The session journal: a durable plain-CSV log of sessions and assessments.

Two files in the user's data folder, ``sessions.csv`` and ``assessments.csv``, and two that
exist once used: ``clearances.csv`` ("a professional has cleared me to exercise") and
``pain_reports.csv`` (where a pain stop hurt, and how much), ``psfs.csv`` and
``form_checks.csv`` (what Check my form kept of a session: numbers only). Every entry
is appended as one whole line in one write, flushed and synced, under a lock on a separate
``.lock`` file, so two notebooks logging at once lose nothing. The journal never rewrites
the user's file by itself; only :meth:`Journal.repair` does, after writing a backup.

>>> import tempfile
>>> from datetime import datetime, timedelta, timezone
>>> journal = Journal(tempfile.mkdtemp())
>>> paris = timezone(timedelta(hours=1))
>>> journal.add_session(started_at=datetime(2026, 3, 2, 7, 30, tzinfo=paris),
...                     routine_id="desk-reset", planned_s=600, completed_s=540,
...                     exercises_done=["kneeling-hip-flexor-stretch", "knee-to-chest"],
...                     tightness_before=6, tightness_after=4)
>>> print(journal.sessions_path.read_text(encoding="utf-8"), end="")
started_at,routine_id,planned_s,completed_s,exercises_done,tightness_before,tightness_after,pain_stop,notes,format
2026-03-02T07:30:00+01:00,desk-reset,600,540,kneeling-hip-flexor-stretch;knee-to-chest,6,4,false,,1
>>> frame = journal.sessions()
>>> str(frame.started_at[0]), int(frame.utc_offset_min[0]), int(frame.tightness_after[0])
('2026-03-02 06:30:00+00:00', 60, 4)
>>> journal.check()
[]

A crash in the middle of a write leaves a torn last line: it is skipped and reported.

>>> with open(journal.sessions_path, "ab") as out:
...     _ = out.write(b"2026-03-03T07:30:00+01:00,desk-re")
>>> [(problem.line, problem.level) for problem in journal.check()]
[(3, 'torn')]
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import warnings as _warnings
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import filelock
import pandas as pd

from psoas_lib.errors import PsoasError
from psoas_lib.events import announce
from psoas_lib.files import loose_mode, private_dir, stamped_backup, target_of, write_atomic
from psoas_lib.journal.reading import empty_frame, scan_table
from psoas_lib.journal.schema import (
    ASSESSMENTS,
    CLEARANCES,
    FORM_CHECKS,
    NOT_RATED,
    PAIN_PLACES,
    PAIN_REPORTS,
    PSFS,
    SESSIONS,
    Header,
    JournalError,
    Problem,
    Schema,
    Table,
)
from psoas_lib.journal.writing import (
    FormCheckRow,
    append_locked,
    cell_ident,
    cell_ids,
    cell_rating,
    cell_text,
    cell_when,
    cell_whole,
    form_check_cells,
    format_line,
    frame_rows,
    session_cells,
    standard_header,
)
from psoas_lib.paths import data_home

__all__ = ["FormCheckRow", "Journal", "JournalError", "JournalWarning", "Problem", "Repaired"]

SESSIONS_FILE = "sessions.csv"
ASSESSMENTS_FILE = "assessments.csv"
CLEARANCES_FILE = "clearances.csv"
PAIN_REPORTS_FILE = "pain_reports.csv"
PSFS_FILE = "psfs.csv"
FORM_CHECKS_FILE = "form_checks.csv"
#: The most activities one PSFS rating has (Stratford et al.: up to five).
PSFS_MAX_ACTIVITIES = 5
#: The longest name of a PSFS activity.
PSFS_MAX_ACTIVITY = 80
LOCK_TIMEOUT_S = 30.0
#: The change each table's writes announce (see :mod:`psoas_lib.events`).
_KIND = {
    "sessions": "session",
    "assessments": "assessment",
    "clearances": "clearance",
    "pain_reports": "pain-report",
    "psfs": "psfs",
    "form_checks": "form-check",
}


class JournalWarning(UserWarning):
    """A journal file loaded, but a line was skipped (a torn line after a crash)."""


@dataclass(frozen=True)
class Repaired:
    """What :meth:`Journal.repair` did to one file."""

    path: Path
    backup: Path
    removed: list[Problem] = field(default_factory=list)


class Journal:
    """The user's journal of sessions and assessments, in ``home`` (default: the data folder).

    After :meth:`sessions` or :meth:`assessments`, ``warnings`` lists what loaded with a
    normalisation or was skipped (a torn line); :meth:`check` lists every problem.
    """

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = Path(home) if home is not None else data_home()
        self.warnings: list[Problem] = []

    def __repr__(self) -> str:
        return f"Journal({str(self.home)!r})"

    @property
    def sessions_path(self) -> Path:
        return self.home / SESSIONS_FILE

    @property
    def assessments_path(self) -> Path:
        return self.home / ASSESSMENTS_FILE

    @property
    def clearances_path(self) -> Path:
        return self.home / CLEARANCES_FILE

    @property
    def pain_reports_path(self) -> Path:
        return self.home / PAIN_REPORTS_FILE

    @property
    def psfs_path(self) -> Path:
        return self.home / PSFS_FILE

    @property
    def form_checks_path(self) -> Path:
        return self.home / FORM_CHECKS_FILE

    def _files(self) -> tuple[tuple[Schema, Path], ...]:
        """Every journal file with its schema (the newer two are read only when present)."""
        return (
            (SESSIONS, self.sessions_path),
            (ASSESSMENTS, self.assessments_path),
            (CLEARANCES, self.clearances_path),
            (PAIN_REPORTS, self.pain_reports_path),
            (PSFS, self.psfs_path),
            (FORM_CHECKS, self.form_checks_path),
        )

    def _path(self, what: str) -> tuple[Schema, Path]:
        for schema, path in self._files():
            if schema.name == what:
                return schema, path
        names = ", ".join(repr(schema.name) for schema, _ in self._files())
        raise ValueError(f"what must be one of {names}, not {what!r}")

    # ----------------------------------------------------------------- writing entries

    def add_session(
        self,
        *,
        started_at: datetime,
        routine_id: str,
        planned_s: int,
        completed_s: int,
        exercises_done: Sequence[str],
        tightness_before: int | None = None,
        tightness_after: int | None = None,
        pain_stop: bool = False,
        notes: str = "",
    ) -> None:
        """Append one session (one line, synced to disk before this returns).

        ``started_at`` must be timezone-aware; it is written with its own UTC offset.
        Line breaks in ``notes`` become spaces (one entry a line).
        """
        cells = session_cells(
            started_at=started_at,
            routine_id=routine_id,
            planned_s=planned_s,
            completed_s=completed_s,
            exercises_done=exercises_done,
            tightness_before=tightness_before,
            tightness_after=tightness_after,
            pain_stop=pain_stop,
            notes=notes,
        )
        self._append(SESSIONS, self.sessions_path, [cells])

    def add_assessment(
        self,
        *,
        taken_at: datetime,
        ticked: Sequence[str],
        tightness: int,
        weakness: int,
        recommendation: str,
        routine_id: str = "",
        notes: str = "",
    ) -> None:
        """Append one self-assessment: the ticked item ids, the two scores, the advice."""
        cells = {
            "taken_at": cell_when("taken_at", taken_at),
            "ticked": cell_ids("ticked", ticked),
            "tightness": cell_whole("tightness", tightness),
            "weakness": cell_whole("weakness", weakness),
            "recommendation": cell_text("recommendation", recommendation),
            "routine_id": cell_text("routine_id", routine_id),
            "notes": cell_text("notes", notes),
        }
        self._append(ASSESSMENTS, self.assessments_path, [cells])

    def add_clearance(
        self,
        *,
        recorded_at: datetime,
        cleared_on: date,
        exercise_id: str = "",
        notes: str = "",
    ) -> None:
        """Record "a professional has cleared me to exercise": seen on ``cleared_on`` (not
        after ``recorded_at``'s day), for everything (``exercise_id`` empty) or one exercise.
        """
        if not isinstance(cleared_on, date) or isinstance(cleared_on, datetime):
            raise JournalError(
                f"cleared_on={cleared_on!r}: cleared_on must be a date, e.g. "
                "date(2026, 3, 9). The entry was not saved; call again with a corrected value."
            )
        when = cell_when("recorded_at", recorded_at)
        if cleared_on > recorded_at.date():
            raise JournalError(
                f"cleared_on={cleared_on.isoformat()}: the appointment is after the day it is "
                f"recorded ({recorded_at.date().isoformat()}). The entry was not saved; give "
                "the day you saw the professional."
            )
        cells = {
            "recorded_at": when,
            "cleared_on": cleared_on.isoformat(),
            "exercise_id": cell_text("exercise_id", exercise_id),
            "notes": cell_text("notes", notes),
        }
        self._append(CLEARANCES, self.clearances_path, [cells])

    def add_pain_report(
        self,
        *,
        started_at: datetime,
        routine_id: str,
        exercise_id: str = "",
        place: str = "",
        pain: int | None = None,
        notes: str = "",
        not_rated: bool = False,
    ) -> None:
        """Record what the user said after a pain stop in the session that started at
        ``started_at`` (``place``: one of :data:`~psoas_lib.journal.schema.PAIN_PLACES` or
        empty; ``pain``: 0 to 10). A report without a rating is said so: ``pain=None`` needs
        ``not_rated=True``, and its notes then start with
        :data:`~psoas_lib.journal.schema.NOT_RATED`."""
        if place not in ("", *PAIN_PLACES):
            raise JournalError(
                f"place={place!r}: place must be one of {', '.join(PAIN_PLACES)} (or empty). "
                "The entry was not saved; call again with a corrected value."
            )
        cells = {
            "started_at": cell_when("started_at", started_at),
            "routine_id": cell_ident("routine_id", routine_id),
            "exercise_id": cell_text("exercise_id", exercise_id),
            "place": place,
            "pain": cell_rating("pain", pain),
            "notes": cell_text("notes", f"{NOT_RATED} {notes}".strip() if not_rated else notes),
        }
        if (pain is None) is not bool(not_rated):
            raise JournalError(
                f"pain={pain!r}, not_rated={not_rated!r}: give the pain 0 to 10, or "
                "pain=None with not_rated=True to record it as not rated. The entry was not "
                "saved; call again with a corrected value."
            )
        self._append(PAIN_REPORTS, self.pain_reports_path, [cells])

    def add_psfs(
        self, *, rated_at: datetime, ratings: Sequence[tuple[str, int]], notes: str = ""
    ) -> None:
        """Record one Patient-Specific Functional Scale rating: up to five ``(activity,
        score)`` pairs, each activity named once, each score 0 (unable) to 10 (as before).
        All the lines are written together, or none (a mistake raises before writing)."""
        if not 1 <= len(ratings) <= PSFS_MAX_ACTIVITIES:
            raise JournalError(
                f"{len(ratings)} activities: a rating has 1 to {PSFS_MAX_ACTIVITIES}. "
                "The entry was not saved; name at least one and at most five."
            )
        seen: set[str] = set()
        rows = []
        for activity, score in ratings:
            name = cell_text("activity", activity).strip()
            if not name or len(name) > PSFS_MAX_ACTIVITY or name.lower() in seen:
                raise JournalError(
                    f"activity={activity!r}: each activity needs a name of 1 to "
                    f"{PSFS_MAX_ACTIVITY} characters, different from the others. The entry "
                    "was not saved; correct it and save again."
                )
            seen.add(name.lower())
            rows.append(
                {
                    "rated_at": cell_when("rated_at", rated_at),
                    "activity": name,
                    "score": cell_rating("score", score),
                    "notes": cell_text("notes", notes),
                }
            )
        if any(row["score"] == "" for row in rows):
            raise JournalError(
                "score=None: every activity needs its score, 0 to 10. The entry was not "
                "saved; rate each activity and save again."
            )
        self._append(PSFS, self.psfs_path, rows)

    def add_form_checks(
        self, *, started_at: datetime, routine_id: str, rows: Sequence[FormCheckRow]
    ) -> None:
        """Record what Check my form kept of the session that started at ``started_at``: one
        line per exercise (numbers only), all written together or none. Nothing to write
        (the check was off) writes nothing. A session whose form check is in the journal
        already (recovered by another window) is refused, so no line ever contradicts
        another."""
        lines = form_check_cells(started_at, routine_id, rows)
        if not lines:
            return
        if _exists(self.form_checks_path):
            try:
                have = self.form_checks()
            except JournalError:  # a broken line elsewhere: still append, as every file does
                have = None
            if have is not None and len(have):
                when = pd.Timestamp(started_at).tz_convert("UTC")
                mine = have[(have.started_at == when) & (have.routine_id == routine_id)]
                if len(mine):
                    raise JournalError(
                        f"{self.form_checks_path}: the form check of the session started "
                        f"{lines[0]['started_at']} ({routine_id}) is in the journal already "
                        "(kept from another window). Nothing more was written."
                    )
        self._append(FORM_CHECKS, self.form_checks_path, lines)

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the sessions file's lock (what every write to it holds), e.g. to log a
        recovered session exactly once: see :mod:`psoas_lib.journal.checkpoint`."""
        return self._locked(self.sessions_path)

    @contextmanager
    def _locked(self, path: Path) -> Iterator[None]:
        private_dir(path.parent)
        lock = filelock.FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT_S, mode=0o600)
        try:
            lock.acquire(poll_interval=0.005)
        except filelock.Timeout:
            raise JournalError(
                f"{path}: another notebook or program has held the journal's lock for "
                f"{LOCK_TIMEOUT_S:.0f} s. Close the other notebook and try again (if none is "
                f"running, delete {path.name}.lock)."
            ) from None
        try:
            yield
        finally:
            lock.release()

    def _read(self, path: Path) -> bytes:
        """The file's bytes, read under the lock so no half-written entry is seen.

        A folder you may not write to (a shared, read-only copy) is read without the lock.
        """
        try:
            try:
                with self._locked(path):
                    return path.read_bytes()
            except PermissionError:
                return path.read_bytes()
        except OSError as exc:
            problem = Problem(
                str(path),
                None,
                None,
                None,
                f"cannot read it ({exc.strerror})",
                "Check that it is a file you may read.",
            )
            raise JournalError(str(problem), [problem]) from None

    def _append(self, schema: Schema, path: Path, rows: list[dict[str, str]]) -> None:
        try:
            _exists(path)
        except JournalError as exc:
            entry = "".join(format_line(r, Header((*schema.names, "format"))) for r in rows)
            raise JournalError(
                f"{exc} The entry was NOT saved. The entry was: {entry.strip()}", exc.problems
            ) from None
        try:
            with self._locked(path):
                append_locked(schema, path, rows)
        except OSError as exc:  # a full disk, a read-only folder, a folder in the way
            entry = "".join(format_line(r, Header((*schema.names, "format"))) for r in rows)
            raise JournalError(
                f"{path}: cannot write to it ({exc.strerror}). The entry was NOT "
                "saved; free some space or fix the folder's permissions, then "
                f"add it again. The entry was: {entry.strip()}"
            ) from None
        announce(_KIND[schema.name], path)

    # ----------------------------------------------------------------- reading

    def sessions(self) -> pd.DataFrame:
        """Every session, one row each in file order (docs/journal.md lists the columns).

        Raises :class:`JournalError` naming file, line and column if a line cannot be read;
        a torn last line (a crash while writing) is skipped and reported in ``warnings``.
        """
        return self._load(SESSIONS, self.sessions_path)

    def assessments(self) -> pd.DataFrame:
        """Every self-assessment, one row each in file order."""
        return self._load(ASSESSMENTS, self.assessments_path)

    def clearances(self) -> pd.DataFrame:
        """Every recorded clearance ("a professional has cleared me"), in file order."""
        return self._load(CLEARANCES, self.clearances_path)

    def pain_reports(self) -> pd.DataFrame:
        """Every pain-stop report (where, how much, the exercise), in file order."""
        return self._load(PAIN_REPORTS, self.pain_reports_path)

    def psfs(self) -> pd.DataFrame:
        """Every PSFS line (one activity's score at one rating), in file order."""
        return self._load(PSFS, self.psfs_path)

    def form_checks(self) -> pd.DataFrame:
        """Every line Check my form kept (one exercise of one session), in file order."""
        return self._load(FORM_CHECKS, self.form_checks_path)

    def _load(self, schema: Schema, path: Path) -> pd.DataFrame:
        self.warnings = []
        if not _exists(path):
            return empty_frame(schema)
        raw = self._read(path)
        table = scan_table(raw, path, schema)
        table.raise_errors()
        self.warnings = list(table.problems)
        torn = [p for p in table.problems if p.level == "torn"]
        if torn:
            _warnings.warn(JournalWarning("; ".join(map(str, torn))), stacklevel=3)
        return table.frame

    def check(self) -> list[Problem]:
        """Every problem in both files at once (empty when all is well), never raising.

        Besides what loading reports, lists ids that are not in the catalog (a deleted
        custom routine, say): they load fine and are only reported here.
        """
        found: list[Problem] = []
        for schema, path in self._files():
            try:
                if not _exists(path):
                    continue
                table = scan_table(self._read(path), path, schema, exact=True)
                found += table.problems
                if len(table.frame) and table.header is not None:
                    found += _unknown_ids(self.home, schema, path, table)
                found += _loose(path)
            except (PsoasError, OSError, ValueError) as exc:  # never raise: report it
                problems = getattr(exc, "problems", None)
                found += problems or [
                    Problem(str(path), None, None, None, f"cannot check it ({exc})", "")
                ]
        return found

    # ----------------------------------------------------------------- repair, export, merge

    def repair(self, *, drop_invalid: bool = False) -> list[Repaired]:
        """Rewrite each file that needs it in the standard form, after a timestamped backup.

        Removes torn lines, exact copies and blank lines; the second of two different
        lines for the same entry is removed too (the first is kept). Lines with bad values
        are only dropped with ``drop_invalid=True`` (they stay in the backup); otherwise
        :class:`JournalError` lists them and nothing is written. Writes ``UTF-8``, commas,
        ``\\n`` line ends and the standard column order (extra columns after it).
        """
        done: list[Repaired] = []
        for schema, path in self._files():
            if not _exists(path):
                continue
            try:
                repaired = self._repair(schema, path, drop_invalid)
            except OSError as exc:  # a full disk, a read-only folder: the file is untouched
                raise JournalError(
                    f"{path}: repair() did not change the file: cannot write beside it "
                    f"({exc.strerror or exc}). Free some space or fix the folder's "
                    "permissions, then run repair() again."
                ) from None
            if repaired is not None:
                done.append(repaired)
                announce("repair", path)
        return done

    def _repair(self, schema: Schema, path: Path, drop_invalid: bool) -> Repaired | None:
        with self._locked(path):
            raw = path.read_bytes()
            table = scan_table(raw, path, schema, exact=True)
            errors = table.errors
            if errors and (table.header is None or not drop_invalid):
                how = (
                    "Fix the header or the encoding by hand first."
                    if table.header is None
                    else "Fix these lines by hand, or call repair(drop_invalid=True) to "
                    "drop them (they stay in the backup)."
                )
                raise JournalError(
                    f"{path}: repair() did not change the file. "
                    f"{len(errors)} problem(s), the first: {errors[0]}. {how}",
                    table.problems,
                )
            header = standard_header(schema, table.header)
            text = (
                header.delimiter.join(header.columns)
                + "\n"
                + "".join(format_line(row, header) for row in frame_rows(table.frame, schema))
            )
            new = text.encode("utf-8")
            if new == raw:
                return None
            backup = stamped_backup(target_of(path))
            write_atomic(path, new, backup=lambda _target: backup)
            removed = [p for p in table.problems if p.skipped]
            return Repaired(path, backup, removed)

    def export_csv(
        self, dest: Path | str, what: str = "sessions", *, overwrite: bool = False
    ) -> Path:
        """Write the entries, cleaned, to another CSV file (never over an existing one by
        default)."""
        schema, path = self._path(what)
        frame = self._load(schema, path)
        header = Header((*schema.names, "format"))
        rows = frame_rows(frame[[*schema.names, "utc_offset_min"]], schema)
        rows = [{col: _as_text(cell) for col, cell in row.items()} for row in rows]
        text = ",".join(header.columns) + "\n" + "".join(format_line(r, header) for r in rows)
        return _write_new(Path(dest), text.encode("utf-8"), overwrite)

    def export_json(
        self, dest: Path | str, what: str = "sessions", *, overwrite: bool = False
    ) -> Path:
        """Write the entries to a JSON file: a list of objects, times with their offset,
        ratings as numbers or null, ``pain_stop`` as true/false."""
        schema, path = self._path(what)
        frame = self._load(schema, path)
        records = []
        for row in frame_rows(frame[[*schema.names, "utc_offset_min"]], schema):
            record: dict[str, Any] = {"format": 1}
            for col in schema.names:
                kind = schema.column(col).kind
                value: Any = row[col]
                if kind in ("seconds", "count"):
                    value = int(value)
                elif kind in ("rating", "degrees"):
                    value = int(value) if value != "" else None
                elif kind == "flag":
                    value = value == "true"
                elif kind == "ids":
                    value = value.split(";") if value else []
                record[col] = value
            records.append(record)
        text = json.dumps(records, ensure_ascii=False, indent=1) + "\n"
        return _write_new(Path(dest), text.encode("utf-8"), overwrite)

    def merge(self, other: Path | str, what: str = "sessions") -> int:
        """Append the entries of another journal file that this one lacks; return how many.

        An entry is already here when it has the same start time (the same instant,
        whatever its offset) and, for sessions, the same routine id. Nothing is rewritten.
        """
        schema, path = self._path(what)
        other = Path(other)
        try:
            raw = other.read_bytes()
        except OSError as exc:
            raise JournalError(
                f"{other}: cannot read it ({exc.strerror}). Check the path."
            ) from None
        theirs = scan_table(raw, other, schema)
        theirs.raise_errors()
        with self._locked(path):
            mine = scan_table(path.read_bytes(), path, schema) if path.exists() else None
            if mine is not None:
                mine.raise_errors()
            have = (
                set()
                if mine is None
                else set(zip(*(mine.frame[k] for k in schema.key), strict=True))
            )
            keys = list(zip(*(theirs.frame[k] for k in schema.key), strict=True))
            new = theirs.frame[[k not in have for k in keys]]
            columns = [*schema.names, "utc_offset_min"]
            rows = frame_rows(new[columns], schema) if len(new) else []
            if rows:
                append_locked(schema, path, rows)
        if rows:
            announce(_KIND[schema.name], path)
        return len(rows)


def _exists(path: Path) -> bool:
    """Whether the journal file is there; a link to a file that is gone is an error, not an
    empty journal (a synced folder that is not mounted)."""
    if path.exists():
        return True
    if path.is_symlink():
        target = os.readlink(path)
        problem = Problem(
            str(path),
            None,
            None,
            None,
            f"it is a link to {target}, which does not exist",
            "Reconnect the folder it points to (a synced or external folder), or delete the "
            "link to start a new journal here.",
        )
        raise JournalError(str(problem), [problem])
    return False


def _loose(path: Path) -> list[Problem]:
    """A note when other users of the computer may read the journal (its mode is kept)."""
    bits = loose_mode(path)
    if bits is None:
        return []
    full = stat.S_IMODE(os.stat(path).st_mode)
    return [
        Problem(
            str(path),
            None,
            None,
            None,
            f"other users of this computer may read it (mode {full:04o})",
            f"Run chmod 600 {path} to keep it private (the workbook never changes the mode "
            "of your files).",
            "note",
        )
    ]


#: Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _as_text(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading apostrophe before a formula character.

    >>> _as_text("=1+1"), _as_text("-2"), _as_text("fine")
    ("'=1+1", "'-2", 'fine')
    """
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def _write_new(dest: Path, data: bytes, overwrite: bool) -> Path:
    try:
        return write_atomic(dest, data, overwrite=overwrite)
    except FileExistsError:
        raise JournalError(
            f"{dest}: the file exists already. Choose another name, or pass "
            "overwrite=True to replace it."
        ) from None


# --------------------------------------------------------------------------- checking ids


def _unknown_ids(home: Path, schema: Schema, path: Path, table: Table) -> list[Problem]:
    """Notes for ids that neither the catalog nor the checklist knows (they still load)."""
    from psoas_lib.content.catalog import CatalogError, load_catalog
    from psoas_lib.content.checklist import load_checklist  # only needed here

    try:
        catalog = load_catalog(home=home)
        checklist = {item.id for item in load_checklist()} if schema is ASSESSMENTS else set()
    except CatalogError as exc:
        return [
            Problem(
                str(path),
                None,
                None,
                None,
                f"ids were not checked: the catalog did not load ({exc})",
                "Fix the catalog first.",
                "note",
            )
        ]
    if schema not in (SESSIONS, ASSESSMENTS):
        return []  # clearances and pain reports name exercises that may have been deleted
    frame, header = table.frame, table.header
    lines = table.lines if table.lines is not None else range(2, len(frame) + 2)
    checks: list[tuple[str, Iterable[str], str, str]] = [
        ("routine_id", catalog.routines, "routine", "catalog")
    ]
    if schema is SESSIONS:
        checks.append(("exercises_done", catalog.exercises, "exercise", "catalog"))
    else:
        checks.append(("ticked", checklist, "checklist item", "checklist"))
    found: list[Problem] = []
    for col, known, noun, book in checks:
        cells = frame[col].astype(str)
        if col in ("exercises_done", "ticked"):
            cells = cells.str.split(";").explode()
        unknown = cells[(cells != "") & ~cells.isin(list(known))]
        for ident, where in unknown.groupby(unknown, sort=False):
            first = int(lines[where.index[0]])
            count = len(set(where.index))
            also = f" (and on {count - 1} more line{'s' if count > 2 else ''})" if count > 1 else ""
            found.append(
                Problem(
                    str(path),
                    first,
                    col,
                    header.position(col) if header else None,
                    f"unknown {noun} {ident!r}{also}; the entry loads, but the "
                    f"{noun} is not in the {book}",
                    f"Nothing to do if you deleted that {noun}; otherwise fix the spelling.",
                    "note",
                )
            )
    return found
