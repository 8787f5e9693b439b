"""A programme a physiotherapist hands out: routines with their doses, a weekly plan, a note.

A programme is one TOML file the therapist writes from the coach notebook
(:func:`write_programme`) and the client imports in the plan page (:func:`import_programme`).
It is checked like every data file (:func:`read_programme`): a mistake raises
:class:`~psoas_lib.plan.weekly.PlanError` naming the file, the line, the field and the fix.

.. code-block:: toml

    [programme]
    therapist = "Ana Silva"
    note = "Three short sessions a week; stop at once on sharp pain."
    start = 2026-12-07
    allow_beyond_top_dose = false   # true: doses above the article's top are meant

    [[routine]]                     # the routines, as in a routines file
    id = "ana-hips"
    name = "Ana's hips"
    items = [{ exercise = "half-kneeling-hip-flexor-stretch", hold_s = 30 }]

    [[day]]                         # the weekly plan, as in plan.toml
    weekday = "mon"
    time = "18:30"
    routine = "ana-hips"            # a routine above or a preset

A dose above the catalog's top dose (the article's, which is also where the progression's
ladder stops) is refused unless ``allow_beyond_top_dose = true``, which covers the programme's
own routines only: the client's plan keeps the client's own choice. The programme's routines
run at the doses written in it; the client's progression changes them only with
``progress = true``.

A programme file is read with its size (:data:`MAX_BYTES`) and bracket nesting
(:data:`MAX_NESTING`) checked before parsing; a start more than a year ahead is refused.
Importing is all or nothing: every file (each routine, the plan, ``programme.toml``, and the
backups of what they replace: a dated copy of each routine, ``plan.toml.bak``,
``programme.toml.bak``) is first written in full and synced beside its place; only then are
they renamed into place, one after the other, which needs no space. A mistake, a full disk
or any other failure before that leaves every file the client had as it was.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> from psoas_lib.plan.weekly import make_plan
>>> catalog = load_catalog(user=False)
>>> plan = make_plan(catalog, [("mon", "18:30", "desk-reset"), ("wed", "18:30", "desk-reset"),
...                            ("fri", "18:30", "desk-reset")])
>>> path = write_programme(folder / "p.toml", Programme("Ana Silva", "Go gently.",
...                        date(2026, 12, 7), (), plan))
>>> read_programme(path, catalog).therapist
'Ana Silva'
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
import tempfile
import tomllib
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import tomli_w

from psoas_lib.content.catalog import (
    Catalog,
    _preset_ids,
    load_catalog,
    user_routines_dir,
)
from psoas_lib.content.datafile import CatalogError, Entry, check_unique, entries
from psoas_lib.content.exercise import Exercise
from psoas_lib.content.routine import Routine, parse_routine
from psoas_lib.errors import where
from psoas_lib.events import announce
from psoas_lib.files import (
    PRIVATE_FILE_MODE,
    bak_backup,
    fsync_dir,
    private_dir,
    stamped_backup,
    write_unlinked,
)
from psoas_lib.paths import data_home
from psoas_lib.plan.weekly import (
    PlanError,
    WeeklyPlan,
    _parse_plan,
    load_plan,
    plan_path,
    plan_to_toml,
)

__all__ = [
    "PROGRAMME_FILE",
    "Imported",
    "Programme",
    "as_written",
    "decode_source",
    "import_programme",
    "import_text",
    "installed_programme",
    "programme_from_plan",
    "programme_to_toml",
    "read_programme",
    "source_text",
    "write_programme",
]

#: The copy of the imported programme in the data folder (who it is from, the note, the start).
PROGRAMME_FILE = "programme.toml"
#: A programme handed out: its writer may change it, every client may read it.
PROGRAMME_MODE = 0o644
_HEAD_KEYS = ("therapist", "note", "start", "allow_beyond_top_dose", "progress", "timezone")
_TOP_KEYS = ("programme", "routine", "day")
#: The dose fields compared with the catalog's top dose (the more, the harder).
_HARDER = ("hold_s", "reps", "sets", "total", "duration_s")
MAX_NOTE = 2000
#: The largest programme file read (a programme is a few kilobytes): checked before parsing.
MAX_BYTES = 256 * 1024
#: The deepest nesting of brackets a programme may have (it needs 3): checked before parsing,
#: so a file nested thousands deep is a clear PlanError, never a RecursionError.
MAX_NESTING = 16
#: How far ahead a programme may start (a start years away is a typing mistake).
MAX_START_AHEAD = timedelta(days=366)
#: Where a replaced routine file is kept (a sub-folder: the catalog loads only routines/*.toml).
BACKUPS = "backups"


@dataclass(frozen=True)
class Programme:
    """What a physiotherapist hands out: who, a note, from when, routines and the week."""

    therapist: str
    note: str
    start: date
    routines: tuple[Routine, ...]
    plan: WeeklyPlan
    allow_beyond_top_dose: bool = False
    #: True: the client's own progression may change the doses of the programme's routines;
    #: False (the default): they run as the therapist wrote them.
    progress: bool = False


@dataclass(frozen=True)
class Imported:
    """What :func:`import_programme` wrote, and the backups it kept."""

    programme: Programme
    routines: tuple[Path, ...]
    plan: Path
    backups: tuple[Path, ...]


# ---------------------------------------------------------------------------- writing


def programme_to_toml(programme: Programme) -> str:
    """The programme as TOML text (the routines as their overrides, the plan as its days)."""
    head: dict[str, Any] = {
        "therapist": programme.therapist,
        "note": programme.note,
        "start": programme.start,
        "allow_beyond_top_dose": programme.allow_beyond_top_dose,
        "progress": programme.progress,
    }
    if programme.plan.timezone:
        head["timezone"] = programme.plan.timezone
    routines = []
    for r in programme.routines:
        table: dict[str, Any] = {"id": r.id, "name": r.name}
        if r.description:
            table["description"] = r.description
        for name in ("get_ready_s", "rest_s", "switch_s", "release_s"):
            table[name] = getattr(r, name)
        table["items"] = [dict(item) for item in r.overrides]
        routines.append(table)
    days = "".join(plan_to_toml(programme.plan).partition("\n[[day]]")[1:])
    text = (
        "# A Psoas Coach programme from your physiotherapist. Import it in the plan page\n"
        "# (04_plan.ipynb). See psoas_lib/plan/programme.py for every field.\n\n"
    )
    text += tomli_w.dumps({"programme": head})
    if routines:
        text += "\n" + tomli_w.dumps({"routine": routines})
    return text + days


def write_programme(path: Path | str, programme: Programme, *, overwrite: bool = False) -> Path:
    """Write the programme file (never over an existing one unless ``overwrite``).

    It usually goes into a folder clients can read, so it is written as
    :func:`~psoas_lib.files.write_unlinked` does: a link at ``path`` (which someone could have
    planted to send the programme elsewhere) is refused, never written through. The file is
    ``0644``: every client may read it, nobody but its writer may change it.
    """
    path = Path(path)
    text = programme_to_toml(programme)
    read_text(text, path, load_catalog(user=False))  # what we hand out must read back
    private_dir(path.parent)  # a missing folder is made (private: share it as you choose)
    try:
        write_unlinked(path, text.encode("utf-8"), mode=PROGRAMME_MODE, overwrite=overwrite)
    except FileExistsError:
        raise PlanError(
            f"{path}: a file is there already. Choose another name, or pass overwrite=True"
        ) from None
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        raise PlanError(
            f"{path}: a link is there, not a file (someone may have put it there to send your "
            "programme elsewhere). Nothing was written. Remove the link, check the folder, "
            "then write again"
        ) from None
    return path


# ---------------------------------------------------------------------------- reading


def read_programme(
    path: Path | str, catalog: Catalog | None = None, *, today: date | None = None
) -> Programme:
    """Read and check a programme file against ``catalog`` (default: the presets)."""
    path = Path(path)
    return read_text(source_text(path), path, catalog or load_catalog(user=False), today=today)


def source_text(path: Path) -> str:
    """The text of the programme file at ``path``: a regular file of at most MAX_BYTES.

    Opened without waiting (a FIFO is refused, not waited on) and read no further than the cap.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise PlanError(f"{path}: no such file. Check the file's name and folder") from None
    except OSError as exc:
        raise PlanError(f"{path}: cannot read it ({exc.strerror}). Check the file") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise PlanError(f"{path}: not a file (a folder, a pipe or a device). Choose the file")
        data = b""
        while len(data) <= MAX_BYTES:
            chunk = os.read(fd, MAX_BYTES + 1 - len(data))
            if not chunk:
                break
            data += chunk
    finally:
        os.close(fd)
    return decode_source(data, path)


def decode_source(data: bytes, shown: Path | str) -> str:
    """A programme file's bytes as text, its size and bracket nesting checked before parsing.

    >>> decode_source(b"x = " + b"[" * 5000, "deep.toml")
    Traceback (most recent call last):
    ...
    psoas_lib.plan.weekly.PlanError: deep.toml: brackets nested 5000 deep; a programme needs...
    """
    if len(data) > MAX_BYTES:
        raise PlanError(
            f"{shown}: more than {MAX_BYTES // 1024} KiB; a programme is a few KiB. "
            "Is it the right file? Ask your physiotherapist for it again"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PlanError(
            f"{shown}: not UTF-8 text (byte {exc.start}). Is it the right file?"
        ) from None
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise PlanError(
            f"{shown}: brackets nested {depth} deep; a programme needs at most {MAX_NESTING}. "
            "Is it the right file? Ask your physiotherapist for it again"
        )
    return text


def nesting(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` in TOML ``text`` (strings and comments skipped).

    >>> nesting('a = [[1, 2], {b = "[[["}]  # ]]]]'), nesting("[[day]]")
    (2, 2)
    """
    depth = deepest = 0
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            if text.startswith(c * 3, i):
                end = text.find(c * 3, i + 3)
                i = n if end < 0 else end + 3
                continue
            j = i + 1
            while j < n and text[j] not in (c, "\n"):
                j += 2 if c == '"' and text[j] == "\\" else 1
            i = j + 1
            continue
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(0, depth - 1)
        i += 1
    return deepest


def read_text(text: str, path: Path, catalog: Catalog, *, today: date | None = None) -> Programme:
    """:func:`read_programme` for text in memory (``path`` names it in messages)."""
    depth = nesting(text)
    if depth > MAX_NESTING:
        raise PlanError(f"{path}: brackets nested {depth} deep; at most {MAX_NESTING}")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path}: not valid TOML ({exc})") from None
    return _parse(path, data, text.splitlines(), catalog, today)


def _at(path: Path, lines: list[str], key: str, section: str = "programme") -> str:
    from psoas_lib.content.datafile import key_line

    start = next((n for n, t in enumerate(lines, 1) if t.strip() == f"[{section}]"), None)
    line = key_line(lines, key, start=start) if start else None
    return where(path, line or start, field=f"{section}.{key}")


def _parse(
    path: Path, data: dict[str, Any], lines: list[str], catalog: Catalog, today: date | None
) -> Programme:
    for key in data:
        if key not in _TOP_KEYS:
            raise PlanError(
                f"{path}: unknown section {key!r}. A programme has: " + ", ".join(_TOP_KEYS)
            )
    head = data.get("programme")
    if not isinstance(head, dict):
        raise PlanError(f"{path}: no [programme] section. Add one with therapist, note and start")
    for key in head:
        if key not in _HEAD_KEYS:
            raise PlanError(
                f"{_at(path, lines, key)}: unknown field {key!r}. Use: " + ", ".join(_HEAD_KEYS)
            )
    therapist = head.get("therapist")
    if not isinstance(therapist, str) or not therapist.strip():
        raise PlanError(
            f"{_at(path, lines, 'therapist')}: the therapist's name is missing. "
            'Write therapist = "Your Name"'
        )
    note = head.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise PlanError(
            f"{_at(path, lines, 'note')}: the note should be text in quotes of at most "
            f"{MAX_NOTE} characters. Shorten it"
        )
    start = head.get("start")
    if not isinstance(start, date) or hasattr(start, "hour"):
        raise PlanError(
            f"{_at(path, lines, 'start')}: the start should be a date, not {start!r}. "
            "Write it without quotes, e.g. start = 2026-12-07"
        )
    if today is not None and start > today + MAX_START_AHEAD:
        raise PlanError(
            f"{_at(path, lines, 'start')}: the start {start} is more than a year ahead. "
            "Check the year, e.g. start = " + f"{today:%Y-%m-%d}"
        )
    allow = head.get("allow_beyond_top_dose", False)
    if not isinstance(allow, bool):
        raise PlanError(
            f"{_at(path, lines, 'allow_beyond_top_dose')}: should be true or false, not "
            f"{allow!r}. Write true only if the doses above the article's top are meant"
        )
    progress = head.get("progress", False)
    if not isinstance(progress, bool):
        raise PlanError(
            f"{_at(path, lines, 'progress')}: should be true or false, not {progress!r}. "
            "Write true only if the client's progression may change the doses"
        )
    timezone = head.get("timezone", "")

    presets = _preset_ids()
    found = entries(data, "routine", path, lines)
    try:
        check_unique(found)
        routines = []
        for entry in found:
            ident = entry.get("id", str)
            if ident in presets:
                raise entry.error(
                    "id",
                    f"{ident!r} is the id of a preset routine",
                    "Give the programme's routine an id of its own",
                )
            routine = parse_routine(entry, catalog.exercises, "user")
            if not allow:
                _within_top_dose(entry, routine, catalog)
            routines.append(routine)
    except CatalogError as exc:
        raise PlanError(str(exc)) from None
    known = {**catalog.routines, **{r.id: r for r in routines}}
    plan_data = {"day": data.get("day", []), "timezone": timezone}
    try:
        plan = _parse_plan(replace(catalog, routines=known), path, plan_data, lines)
    except CatalogError as exc:
        raise PlanError(str(exc)) from None
    return Programme(therapist.strip(), note, start, tuple(routines), plan, allow, progress)


def _top(value: Any) -> Any:
    return value[1] if isinstance(value, tuple) else value


def _within_top_dose(entry: Entry, routine: Routine, catalog: Catalog) -> None:
    """Refuse a dose above the catalog's (the article's) top dose of its exercise."""
    for n, item in enumerate(routine.items, start=1):
        exercise: Exercise = catalog.exercises[item.exercise.id]
        for name in _HARDER:
            mine, top = _top(getattr(item.dose, name)), _top(getattr(exercise.dose, name))
            if mine is None or top is None or mine <= top:
                continue
            loc = where(entry.path, entry.line_of("items"), entry.id, f"items[{n}].{name}")
            raise CatalogError(
                f"{loc}: item {n} ({exercise.name}) asks {name} = {mine}, above the article's "
                f"top dose of {top}. Use at most {top}, or set allow_beyond_top_dose = true in "
                "[programme] if the higher dose is meant"
            )


# ---------------------------------------------------------------------------- importing


def import_programme(
    source: Path | str, home: Path | str | None = None, *, today: date | None = None
) -> Imported:
    """Check the programme file at ``source`` and install it in the data folder ``home``.

    See :func:`import_text`; ``source`` is read as :func:`source_text` does (size capped).
    """
    source = Path(source)
    return import_text(source_text(source), source, home, today=today)


def import_text(
    text: str, source: Path | str, home: Path | str | None = None, *, today: date | None = None
) -> Imported:
    """Check the programme ``text`` (named ``source`` in messages) and install it, all or nothing.

    Each routine goes into the routines folder (an existing file of the same id is kept as a
    dated backup in ``routines/backups``), the plan into ``plan.toml`` (the old one kept as
    ``plan.toml.bak``; the client's own ``beyond_top_dose`` choice and calendar id kept), and
    the programme as ``programme.toml`` (the old one kept as ``programme.toml.bak``). Every
    new file is written and synced first; if anything fails (a mistake, a full disk) they are
    removed and nothing the client had changes. ``today`` (default: today) bounds the start.
    """
    folder = Path(home) if home is not None else data_home()
    source = Path(source)
    today = today or date.today()
    text = decode_source(text.encode("utf-8"), source)
    # Checked against the presets and the user's own routines except the ones it replaces.
    mine = load_catalog(home=folder)
    theirs = {r.id for r in read_text(text, source, load_catalog(user=False)).routines}
    known = {k: v for k, v in mine.routines.items() if k not in theirs}
    programme = read_text(text, source, replace(mine, routines=known), today=today)
    try:
        current = load_plan(mine, folder)
    except PlanError:
        current = None
    plan = replace(
        programme.plan,
        beyond_top_dose=bool(current and current.beyond_top_dose),  # the client's own choice
        calendar_id=(current.calendar_id if current else "") or secrets.token_hex(8),
    )
    routines_dir = user_routines_dir(folder)
    private_dir(routines_dir)
    plan_file, programme_file = plan_path(folder), folder / PROGRAMME_FILE
    # What goes where: (final path, bytes), new files first, then what they replace.
    writes: list[tuple[Path, bytes]] = []
    backups: list[Path] = []
    for routine in programme.routines:
        path = routines_dir / f"{routine.id}.toml"
        if path.exists():
            backup = stamped_backup(path.parent / BACKUPS / path.name)
            writes.append((backup, path.read_bytes()))
            backups.append(backup)
        writes.append((path, _routine_text(routine)))
    for path in (plan_file, programme_file):
        if path.exists():
            writes.append((bak_backup(path), path.read_bytes()))
            backups.append(bak_backup(path))
    writes.append((plan_file, plan_to_toml(plan).encode("utf-8")))
    writes.append((programme_file, text.encode("utf-8")))
    _switch(writes)
    written = tuple(routines_dir / f"{r.id}.toml" for r in programme.routines)
    for path in written:
        announce("routine", path, folder)
    announce("plan", plan_file)
    announce("programme", programme_file)
    return Imported(replace(programme, plan=plan), written, plan_file, tuple(backups))


def _routine_text(routine: Routine) -> bytes:
    """A routine as its own routines file (the format of content.catalog.save_routine)."""
    table: dict[str, Any] = {"id": routine.id, "name": routine.name}
    if routine.description:
        table["description"] = routine.description
    for name in ("get_ready_s", "rest_s", "switch_s", "release_s"):
        table[name] = getattr(routine, name)
    table["items"] = [dict(item) for item in routine.overrides]
    text = "# A routine from your physiotherapist's programme (programme.toml). You may edit it.\n"
    return (text + tomli_w.dumps({"routine": [table]})).encode("utf-8")


def _switch(writes: list[tuple[Path, bytes]]) -> None:
    """Write every file beside its place and sync it; then rename them all into place.

    Until the renames nothing is changed; a failure before them removes what was staged.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for dest, data in writes:
            private_dir(dest.parent)
            mode = PRIVATE_FILE_MODE
            if dest.exists():
                mode = stat.S_IMODE(dest.stat().st_mode)
            fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
            staged.append((Path(name), dest))
            try:
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view) :]
                os.fchmod(fd, mode)
                os.fsync(fd)
            finally:
                os.close(fd)
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for tmp, dest in staged:  # renames need no space: the switch itself cannot fill the disk
        os.replace(tmp, dest)
    for folder in {dest.parent for _, dest in staged}:
        fsync_dir(folder)


def installed_programme(home: Path | str | None = None) -> Programme | None:
    """The programme imported last (``programme.toml`` in the data folder), or None."""
    folder = Path(home) if home is not None else data_home()
    path = folder / PROGRAMME_FILE
    if not path.exists():
        return None
    return read_programme(path, load_catalog(home=folder))


def as_written(home: Path | str | None = None) -> frozenset[str]:
    """The ids of the installed programme's routines that run at the doses written in it.

    All of its routines, unless it says ``progress = true``; none without a programme (or
    with one that cannot be read: the plan page says so). Read without the catalog: it is
    asked each time the levels are worked out.

    >>> import tempfile
    >>> as_written(tempfile.mkdtemp())
    frozenset()
    """
    folder = Path(home) if home is not None else data_home()
    try:
        data = tomllib.loads(source_text(folder / PROGRAMME_FILE))
    except (PlanError, tomllib.TOMLDecodeError):
        return frozenset()
    head = data.get("programme")
    if not isinstance(head, dict) or head.get("progress") is True:
        return frozenset()
    routines = data.get("routine", [])
    if not isinstance(routines, list):
        return frozenset()
    return frozenset(
        r["id"] for r in routines if isinstance(r, dict) and isinstance(r.get("id"), str)
    )


def programme_from_plan(
    catalog: Catalog,
    plan: WeeklyPlan,
    *,
    therapist: str,
    note: str,
    start: date,
    allow_beyond_top_dose: bool = False,
    progress: bool = False,
) -> Programme:
    """A programme of the coach's own plan: their routines in it go along, presets by id.

    >>> catalog = load_catalog(user=False)
    >>> from psoas_lib.plan.weekly import default_plan
    >>> p = programme_from_plan(catalog, default_plan(catalog), therapist="Ana",
    ...                         note="", start=date(2026, 12, 7))
    >>> p.routines, [d.routine_id for d in p.plan.days]
    ((), ['desk-reset', 'strength-builder', 'desk-reset'])
    """
    used = {d.routine_id for d in plan.days}
    routines = tuple(r for r in catalog.routines.values() if r.id in used and r.source != "preset")
    plan = replace(plan, beyond_top_dose=False, calendar_id="", source="default")
    return Programme(
        therapist.strip(), note, start, routines, plan, allow_beyond_top_dose, progress
    )
