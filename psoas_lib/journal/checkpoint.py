"""Sessions in progress, kept on disk so an interrupted one is never lost, nor logged twice.

While a routine runs, its player saves a :class:`Checkpoint` (what is done so far) in the
data folder, ``sessions-in-progress/<id>.json``: at the start, at every segment change, every
15 s and on a pause, a pain stop or a signal. Each save appends one JSON line and syncs it,
as the journal does (one sync, no rename: about the cost of a journal entry, see
``benchmarks/bench_checkpoint.py``); the last whole line is the progress, so a crash in the
middle of a save costs that save only. The file is private (``0600``). When the session
ends it is logged through :meth:`Checkpoints.finish`, which also removes its checkpoint.
If the kernel restarts, the tab closes or the process is killed, the checkpoint stays; any
player that opens later asks :meth:`Checkpoints.unfinished` and offers it ("Desk reset,
started 18:32, 3:10 done: log it, or discard it"), then calls :meth:`Checkpoints.recover`
or :meth:`Checkpoints.discard`.

Never twice: logging, recovering and discarding all hold the journal's own lock, and an
entry is written only if the checkpoint is still there and the journal has no entry with the
same start and routine (the journal's key). A recovered entry says so in its notes.

>>> import tempfile
>>> from datetime import datetime, timedelta, timezone
>>> store = Checkpoints(tempfile.mkdtemp())
>>> start = datetime(2026, 3, 2, 18, 32, tzinfo=timezone(timedelta(hours=1)))
>>> cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=start)
>>> cp = store.update(cp, done_s=190, exercises_done=["kneeling-hip-flexor-stretch"], segment=3)
>>> [c.describe() for c in store.unfinished(stale_after_s=0)]
['Desk reset, started 18:32, 3:10 done']
>>> store.recover(cp), store.recover(cp)
(True, False)
>>> row = store.journal.sessions().iloc[0]
>>> int(row.completed_s), row.notes
(190, '[recovered after an interruption]')
>>> store.unfinished(stale_after_s=0)
[]

What *Check my form* kept so far rides along beside the checkpoint, in form_checks.csv's own
format (``<id>.form_checks.csv``, replaced whole at each save): recovering the session adds it
to the journal's form_checks.csv; logging or discarding the session removes it.
"""

from __future__ import annotations

import functools
import json
import os
import re
import secrets
import socket
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from psoas_lib.files import PRIVATE_FILE_MODE, fsync_dir, private_dir
from psoas_lib.journal.schema import FORM_CHECKS, SESSIONS, Header, JournalError
from psoas_lib.paths import data_home

if TYPE_CHECKING:
    from psoas_lib.journal.store import Journal
from psoas_lib.events import announce
from psoas_lib.journal.writing import (
    FormCheckRow,
    append_locked,
    form_check_cells,
    format_line,
    session_cells,
)

__all__ = [
    "CHECKPOINT_DIR",
    "FORM_SUFFIX",
    "RECOVERED_NOTE",
    "STALE_AFTER_S",
    "TICK_S",
    "Checkpoint",
    "Checkpoints",
]

#: The folder, in the data folder, that holds one file per session in progress.
CHECKPOINT_DIR = "sessions-in-progress"
#: How often a running session saves its progress at the latest (plus every segment change).
TICK_S = 15
#: A checkpoint not saved for this long belongs to a session nobody runs any more.
STALE_AFTER_S = 3 * TICK_S
#: The note a recovered entry starts with (the journal's format has no column for it).
RECOVERED_NOTE = "[recovered after an interruption]"
_FORMAT = 1
#: Beside a checkpoint: what Check my form kept so far, as form_checks.csv lines.
FORM_SUFFIX = ".form_checks.csv"
_BINARY = getattr(os, "O_BINARY", 0)
#: What a checkpoint id looks like (``secrets.token_hex(8)`` makes them): nothing that could
#: name a file outside the checkpoint folder.
_ID = re.compile(r"[0-9a-f]{16}")


def _valid_id(value: object) -> str:
    """``value`` if it is a checkpoint id, else :class:`ValueError` saying so.

    >>> _valid_id("0123456789abcdef")
    '0123456789abcdef'
    >>> _valid_id("../../journal")
    Traceback (most recent call last):
    ...
    ValueError: id='../../journal' is not a checkpoint id (16 hex digits)
    """
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise ValueError(f"id={value!r} is not a checkpoint id (16 hex digits)")
    return value


def _aware(name: str, text: object) -> datetime:
    """The time in ``text``, which must carry its time zone (else :class:`ValueError`)."""
    when = datetime.fromisoformat(str(text))
    if when.utcoffset() is None:
        raise ValueError(
            f"{name}={text!r} has no time zone (it needs one, e.g. 2026-03-02T18:32:00+01:00)"
        )
    return when


@dataclass(frozen=True)
class Checkpoint:
    """The progress of one running session, as saved on disk."""

    id: str
    routine_id: str
    routine_name: str
    started_at: datetime
    planned_s: int
    done_s: int = 0
    exercises_done: tuple[str, ...] = ()
    segment: int = 0
    tightness_before: int | None = None
    pain_stop: bool = False
    saved_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    pid: int = field(default_factory=os.getpid)
    host: str = field(default_factory=socket.gethostname)

    def describe(self) -> str:
        """What a player shows when it offers the session: name, local start, time done."""
        minutes, seconds = divmod(int(self.done_s), 60)
        pain = ", stopped for sharp pain" if self.pain_stop else ""
        return (
            f"{self.routine_name}, started {self.started_at:%H:%M}, "
            f"{minutes}:{seconds:02d} done{pain}"
        )

    def to_json(self) -> str:
        data = asdict(self)
        data["format"] = _FORMAT
        data["started_at"] = self.started_at.isoformat()
        data["saved_at"] = self.saved_at.isoformat()
        data["exercises_done"] = list(self.exercises_done)
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        data: dict[str, Any] = json.loads(text)
        if not isinstance(data, dict) or data.pop("format", None) != _FORMAT:
            raise ValueError("unknown checkpoint format (not a line this workbook wrote)")
        _valid_id(data.get("id"))
        data["started_at"] = _aware("started_at", data["started_at"])
        data["saved_at"] = _aware("saved_at", data["saved_at"])
        data["exercises_done"] = tuple(data["exercises_done"])
        for name, kind in (("pid", int), ("host", str), ("routine_name", str), ("segment", int)):
            if name in data and not isinstance(data[name], kind):
                raise ValueError(f"{name}={data[name]!r} is not a {kind.__name__}")
        checkpoint = cls(**data)
        session_cells(  # the same checks as the journal: a bad file is not offered
            started_at=checkpoint.started_at,
            routine_id=checkpoint.routine_id,
            planned_s=checkpoint.planned_s,
            completed_s=checkpoint.done_s,
            exercises_done=checkpoint.exercises_done,
            tightness_before=checkpoint.tightness_before,
            pain_stop=checkpoint.pain_stop,
        )
        return checkpoint


class Checkpoints:
    """The sessions in progress in ``home`` (default: the data folder), and their journal."""

    def __init__(self, home: Path | str | None = None) -> None:
        self.home = Path(home) if home is not None else data_home()
        self.folder = self.home / CHECKPOINT_DIR
        self.broken: list[Path] = []  # files unfinished() could not read (left in place)
        #: What is wrong with each of them, and how to fix it (one sentence each).
        self.problems: list[str] = []

    @functools.cached_property
    def journal(self) -> Journal:
        """The journal the sessions are logged in (imported on first use: finding unfinished
        sessions, as ``psoas list`` does, needs no pandas)."""
        from psoas_lib.journal.store import Journal

        return Journal(self.home)

    def path(self, checkpoint: Checkpoint) -> Path:
        """The checkpoint's file; a :class:`JournalError` for an id that is not one (nothing
        outside the checkpoint folder is ever read, written or removed)."""
        try:
            return self.folder / f"{_valid_id(checkpoint.id)}.json"
        except ValueError as exc:
            raise JournalError(f"{exc}: this session cannot be saved or removed.") from None

    def form_path(self, checkpoint: Checkpoint) -> Path:
        """The file beside the checkpoint that holds what Check my form kept so far."""
        return self.path(checkpoint).with_name(f"{checkpoint.id}{FORM_SUFFIX}")

    def keep_form(self, checkpoint: Checkpoint, rows: Sequence[FormCheckRow]) -> None:
        """Save what Check my form kept so far in the session (replaces the last save, whole
        and durably; each value checked as the journal does)."""
        from psoas_lib.files import write_atomic

        header = Header((*FORM_CHECKS.names, "format"))
        cells = form_check_cells(checkpoint.started_at, checkpoint.routine_id, rows)
        text = ",".join(header.columns) + "\n" + "".join(format_line(c, header) for c in cells)
        write_atomic(self.form_path(checkpoint), text.encode("utf-8"))

    def _recover_form(self, checkpoint: Checkpoint) -> bool:
        """Add the kept form check of a recovered session to the journal (entries already
        there are not added twice). False when it cannot be read: it is left in place."""
        path = self.form_path(checkpoint)
        if not path.exists():
            return True
        try:
            self.journal.merge(path, "form_checks")
        except JournalError:
            return False
        return True

    # ----------------------------------------------------------------- the running session

    def start(
        self,
        routine_id: str,
        routine_name: str,
        *,
        planned_s: int,
        started_at: datetime,
        tightness_before: int | None = None,
    ) -> Checkpoint:
        """Save a new session's first checkpoint and return it."""
        checkpoint = Checkpoint(
            secrets.token_hex(8),
            routine_id,
            routine_name,
            started_at,
            planned_s,
            tightness_before=tightness_before,
        )
        self.save(checkpoint)
        return checkpoint

    def update(
        self,
        checkpoint: Checkpoint,
        *,
        done_s: int,
        exercises_done: Sequence[str],
        segment: int,
        pain_stop: bool = False,
    ) -> Checkpoint:
        """Save the progress so far (at a segment change, a tick, a pause, a signal)."""
        new = replace(
            checkpoint,
            done_s=int(done_s),
            exercises_done=tuple(exercises_done),
            segment=segment,
            pain_stop=pain_stop or checkpoint.pain_stop,
            saved_at=datetime.now(UTC),
        )
        self.save(new)
        return new

    def save(self, checkpoint: Checkpoint) -> None:
        """Append the checkpoint as one line and sync it (a torn line is never read)."""
        path = self.path(checkpoint)
        created = not path.exists()
        if created:
            private_dir(self.folder)
        data = ("\n" + checkpoint.to_json() + "\n").encode("utf-8")  # starts clean after a tear
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _BINARY, PRIVATE_FILE_MODE)
        try:
            if created and hasattr(os, "fchmod"):
                os.fchmod(fd, PRIVATE_FILE_MODE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        if created:
            fsync_dir(self.folder)

    def read(self, path: Path) -> Checkpoint:
        """The last whole checkpoint saved in ``path`` (:class:`ValueError` if there is none,
        saying what is wrong with its last line and how to fix it)."""
        why = "the file is empty"
        for number, line in reversed(list(enumerate(path.read_bytes().splitlines(), 1))):
            if line.strip():
                try:
                    checkpoint = Checkpoint.from_json(line.decode("utf-8"))
                except (ValueError, TypeError, KeyError, JournalError) as exc:
                    if why == "the file is empty":
                        why = f"line {number}: {_reason(exc)}"
                    continue  # a line torn by a crash: the one before it is whole
                if checkpoint.id != path.stem:
                    why = f"line {number}: id={checkpoint.id!r} is not the file's name"
                    continue
                return checkpoint
        raise ValueError(
            f"{path}: an unfinished session that cannot be read ({why}). It is left as it "
            "is and not offered: fix that line, or delete the file if you do not need the "
            "session (it is not in your journal)."
        )

    def finish(
        self,
        checkpoint: Checkpoint,
        *,
        completed_s: int,
        exercises_done: Sequence[str],
        tightness_after: int | None = None,
        pain_stop: bool = False,
        notes: str = "",
    ) -> bool:
        """Log the session as it ended and remove its checkpoint; ``False`` if it was logged
        already (recovered by another player meanwhile), in which case nothing is written.

        Logged even if its checkpoint is gone (discarded elsewhere while this session ran,
        or never saved): the session did happen."""
        return self._log_once(
            checkpoint,
            need_checkpoint=False,
            completed_s=completed_s,
            exercises_done=exercises_done,
            tightness_after=tightness_after,
            pain_stop=pain_stop,
            notes=notes,
        )

    # ----------------------------------------------------------------- after an interruption

    def unfinished(
        self, *, now: datetime | None = None, stale_after_s: float = STALE_AFTER_S
    ) -> list[Checkpoint]:
        """Sessions nobody runs any more, oldest first: their process is gone (on this
        computer) or they have not been saved for ``stale_after_s`` seconds. Checkpoints of
        sessions the journal already holds (logged just before a crash) are removed."""
        now = now or datetime.now(UTC)
        self.broken, self.problems = [], []
        found: list[Checkpoint] = []
        for path in sorted(self.folder.glob("*.json")) if self.folder.is_dir() else []:
            try:
                checkpoint = self.read(path)
            except (OSError, ValueError) as exc:
                self.broken.append(path)
                self.problems.append(str(exc) if isinstance(exc, ValueError) else f"{path}: {exc}")
                continue
            age = (now - checkpoint.saved_at).total_seconds()
            if age >= stale_after_s or not _alive(checkpoint):
                found.append(checkpoint)
        if found:
            logged = self._logged_keys()
            for checkpoint in [c for c in found if _key(c) in logged]:
                self.discard(checkpoint)
                found.remove(checkpoint)
        return sorted(found, key=lambda c: c.started_at)

    def recover(
        self, checkpoint: Checkpoint, *, tightness_after: int | None = None, notes: str = ""
    ) -> bool:
        """Log what was done, marked as recovered; ``False`` (nothing written) if another
        player logged or discarded it first."""
        text = f"{RECOVERED_NOTE} {notes}".strip()
        return self._log_once(
            checkpoint,
            need_checkpoint=True,
            completed_s=checkpoint.done_s,
            exercises_done=checkpoint.exercises_done,
            tightness_after=tightness_after,
            pain_stop=checkpoint.pain_stop,
            notes=text,
        )

    def discard(self, checkpoint: Checkpoint) -> bool:
        """Forget the session without logging it; ``False`` if it was gone already.

        A session stopped for sharp pain keeps its pain stop: unless a pain report for it is
        in the journal already, one is written (not rated, naming the last exercise), since
        the safety rules count on it."""
        with self.journal.locked():
            if checkpoint.pain_stop and self.path(checkpoint).exists():
                self._keep_pain_stop(checkpoint)
            return self._remove(checkpoint)

    def _keep_pain_stop(self, checkpoint: Checkpoint) -> None:
        reports = self.journal.pain_reports()
        key = _key(checkpoint)
        if any(
            (stamp.to_pydatetime(), routine) == key
            for stamp, routine in zip(reports.started_at, reports.routine_id, strict=True)
        ):
            return
        self.journal.add_pain_report(
            started_at=checkpoint.started_at,
            routine_id=checkpoint.routine_id,
            exercise_id=checkpoint.exercises_done[-1] if checkpoint.exercises_done else "",
            notes="[kept from a discarded session]",
            not_rated=True,
        )

    # ----------------------------------------------------------------- helpers

    def _log_once(
        self,
        checkpoint: Checkpoint,
        *,
        need_checkpoint: bool,
        completed_s: int,
        exercises_done: Sequence[str],
        tightness_after: int | None,
        pain_stop: bool,
        notes: str,
    ) -> bool:
        cells = session_cells(
            started_at=checkpoint.started_at,
            routine_id=checkpoint.routine_id,
            planned_s=checkpoint.planned_s,
            completed_s=completed_s,
            exercises_done=exercises_done,
            tightness_before=checkpoint.tightness_before,
            tightness_after=tightness_after,
            pain_stop=pain_stop,
            notes=notes,
        )
        path = self.journal.sessions_path
        with self.journal.locked():
            gone = need_checkpoint and not self.path(checkpoint).exists()
            if gone or _key(checkpoint) in self._logged_keys():
                self._remove(checkpoint)
                return False
            try:
                append_locked(SESSIONS, path, [cells])
            except OSError as exc:
                raise JournalError(
                    f"{path}: cannot write to it ({exc.strerror}). The session was NOT logged; "
                    "its progress is kept and offered again next time."
                ) from None
            merged = self._recover_form(checkpoint) if need_checkpoint else True
            self._remove(checkpoint, form=merged)  # after the entry is on disk: logs once
        announce("session", path)
        return True

    def _remove(self, checkpoint: Checkpoint, *, form: bool = True) -> bool:
        """Remove the checkpoint and (unless ``form`` is False) its form check."""
        if form:
            self.form_path(checkpoint).unlink(missing_ok=True)
        try:
            self.path(checkpoint).unlink()
        except FileNotFoundError:
            return False
        fsync_dir(self.folder)
        return True

    def _logged_keys(self) -> set[tuple[datetime, str]]:
        """(start instant, routine id) of every session in the journal (read as it is)."""
        path = self.journal.sessions_path
        if not path.exists():
            return set()
        from psoas_lib.journal.reading import scan_table

        frame = scan_table(path.read_bytes(), path, SESSIONS).frame
        return {
            (stamp.to_pydatetime(), routine)
            for stamp, routine in zip(frame.started_at, frame.routine_id, strict=True)
        }


def _reason(exc: BaseException) -> str:
    """What is wrong with a line, in words (a JSON error says where it stopped)."""
    if isinstance(exc, json.JSONDecodeError):
        return f"not whole JSON ({exc.msg} at column {exc.colno})"
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return str(exc)


def _key(checkpoint: Checkpoint) -> tuple[datetime, str]:
    return checkpoint.started_at.astimezone(UTC), checkpoint.routine_id


def _alive(checkpoint: Checkpoint) -> bool:
    """Whether the process that saved the checkpoint still runs (always so on another host:
    only staleness tells there)."""
    if checkpoint.host != socket.gethostname():
        return True
    try:
        os.kill(checkpoint.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True
