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
ladder stops) is refused unless ``allow_beyond_top_dose = true``. Importing puts each routine
in the user's routines folder and the plan in ``plan.toml`` with the usual save functions; a
routine file it replaces is kept as a dated backup, the plan as ``plan.toml.bak``, and the
programme itself as ``programme.toml`` (so the plan page can say who it is from).

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

import tomllib
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import tomli_w

from psoas_lib.content.catalog import (
    Catalog,
    _preset_ids,
    load_catalog,
    save_routine,
    user_routines_dir,
)
from psoas_lib.content.datafile import CatalogError, Entry, check_unique, entries, read_toml
from psoas_lib.content.exercise import Exercise
from psoas_lib.content.routine import Routine, parse_routine
from psoas_lib.errors import where
from psoas_lib.events import announce
from psoas_lib.files import bak_backup, stamped_backup, write_atomic
from psoas_lib.paths import data_home
from psoas_lib.plan.weekly import (
    PlanError,
    WeeklyPlan,
    _parse_plan,
    plan_to_toml,
    save_plan,
)

__all__ = [
    "PROGRAMME_FILE",
    "Imported",
    "Programme",
    "import_programme",
    "installed_programme",
    "programme_from_plan",
    "programme_to_toml",
    "read_programme",
    "write_programme",
]

#: The copy of the imported programme in the data folder (who it is from, the note, the start).
PROGRAMME_FILE = "programme.toml"
_HEAD_KEYS = ("therapist", "note", "start", "allow_beyond_top_dose", "timezone")
_TOP_KEYS = ("programme", "routine", "day")
#: The dose fields compared with the catalog's top dose (the more, the harder).
_HARDER = ("hold_s", "reps", "sets", "total", "duration_s")
MAX_NOTE = 2000
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
    """Write the programme file (never over an existing one unless ``overwrite``)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise PlanError(
            f"{path}: a file is there already. Choose another name, or pass overwrite=True"
        )
    text = programme_to_toml(programme)
    read_text(text, path, load_catalog(user=False))  # what we hand out must read back
    write_atomic(path, text.encode("utf-8"))
    return path


# ---------------------------------------------------------------------------- reading


def read_programme(path: Path | str, catalog: Catalog | None = None) -> Programme:
    """Read and check a programme file against ``catalog`` (default: the presets)."""
    path = Path(path)
    try:
        data, lines = read_toml(path)
    except CatalogError as exc:
        raise PlanError(str(exc)) from None
    return _parse(path, data, lines, catalog or load_catalog(user=False))


def read_text(text: str, path: Path, catalog: Catalog) -> Programme:
    """:func:`read_programme` for text in memory (``path`` names it in messages)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(f"{path}: not valid TOML ({exc})") from None
    return _parse(path, data, text.splitlines(), catalog)


def _at(path: Path, lines: list[str], key: str, section: str = "programme") -> str:
    from psoas_lib.content.datafile import key_line

    start = next((n for n, t in enumerate(lines, 1) if t.strip() == f"[{section}]"), None)
    line = key_line(lines, key, start=start) if start else None
    return where(path, line or start, field=f"{section}.{key}")


def _parse(path: Path, data: dict[str, Any], lines: list[str], catalog: Catalog) -> Programme:
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
    allow = head.get("allow_beyond_top_dose", False)
    if not isinstance(allow, bool):
        raise PlanError(
            f"{_at(path, lines, 'allow_beyond_top_dose')}: should be true or false, not "
            f"{allow!r}. Write true only if the doses above the article's top are meant"
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
    plan_data = {"day": data.get("day", []), "beyond_top_dose": allow, "timezone": timezone}
    try:
        plan = _parse_plan(replace(catalog, routines=known), path, plan_data, lines)
    except CatalogError as exc:
        raise PlanError(str(exc)) from None
    return Programme(therapist.strip(), note, start, tuple(routines), plan, allow)


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


def import_programme(source: Path | str, home: Path | str | None = None) -> Imported:
    """Check the programme at ``source`` and install it in the data folder ``home``.

    Each routine goes into the routines folder (an existing file of the same id is first kept
    as a dated backup), the plan into ``plan.toml`` (the old one kept as ``plan.toml.bak``),
    and the programme as ``programme.toml`` (the old one kept as ``programme.toml.bak``).
    Nothing is written when the file has a mistake.
    """
    folder = Path(home) if home is not None else data_home()
    source = Path(source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanError(f"{source}: cannot read it ({exc}). Check the file's name") from None
    # Checked against the presets and the user's own routines except the ones it replaces.
    mine = load_catalog(home=folder)
    theirs = {r.id for r in read_text(text, source, load_catalog(user=False)).routines}
    known = {k: v for k, v in mine.routines.items() if k not in theirs}
    programme = read_text(text, source, replace(mine, routines=known))
    backups: list[Path] = []
    written = []
    for routine in programme.routines:
        path = user_routines_dir(folder) / f"{routine.id}.toml"
        if path.exists():
            backup = stamped_backup(path.parent / BACKUPS / path.name)
            write_atomic(backup, path.read_bytes(), overwrite=False)
            backups.append(backup)
        written.append(save_routine(routine, folder, overwrite=True))
    plan_file = save_plan(programme.plan, folder)
    if (folder / "plan.toml.bak").exists():
        backups.append(folder / "plan.toml.bak")
    write_atomic(folder / PROGRAMME_FILE, text.encode("utf-8"), backup=bak_backup)
    announce("programme", folder / PROGRAMME_FILE)
    return Imported(programme, tuple(written), plan_file, tuple(backups))


def installed_programme(home: Path | str | None = None) -> Programme | None:
    """The programme imported last (``programme.toml`` in the data folder), or None."""
    folder = Path(home) if home is not None else data_home()
    path = folder / PROGRAMME_FILE
    if not path.exists():
        return None
    return read_programme(path, load_catalog(home=folder))


def programme_from_plan(
    catalog: Catalog,
    plan: WeeklyPlan,
    *,
    therapist: str,
    note: str,
    start: date,
    allow_beyond_top_dose: bool = False,
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
    plan = replace(plan, beyond_top_dose=allow_beyond_top_dose, calendar_id="", source="default")
    return Programme(therapist.strip(), note, start, routines, plan, allow_beyond_top_dose)
