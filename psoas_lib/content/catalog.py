"""The exercise catalog: exercises and routines, presets plus the user's own.

>>> catalog = load_catalog()
>>> catalog.exercises["kneeling-hip-flexor-stretch"].dose.hold
30
>>> "desk-reset" in catalog.routines
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli_w

from psoas_lib.content.datafile import CatalogError, Entry, check_unique, entries, read_toml
from psoas_lib.content.exercise import Exercise, parse_exercise
from psoas_lib.content.routine import PAUSES, Routine, parse_routine
from psoas_lib.files import write_atomic
from psoas_lib.paths import DATA_DIR, data_home

__all__ = [
    "Catalog",
    "CatalogError",
    "load_catalog",
    "make_routine",
    "save_routine",
    "user_routines_dir",
]

EXERCISES_FILE = "exercises.toml"
ROUTINES_FILE = "routines.toml"


@dataclass(frozen=True)
class Catalog:
    """Exercises by id, and routines by id (the presets first, then the user's own)."""

    exercises: Mapping[str, Exercise]
    routines: Mapping[str, Routine]

    def by_category(self, category: str) -> list[Exercise]:
        return [ex for ex in self.exercises.values() if ex.category == category]


def user_routines_dir(home: Path | None = None) -> Path:
    """The folder of the user's own routines: ``<data home>/routines``."""
    return (Path(home) if home else data_home()) / "routines"


def load_catalog(data_dir: Path | str | None = None, home: Path | str | None = None) -> Catalog:
    """Load and validate the exercises and routines.

    ``data_dir`` points at another folder holding ``exercises.toml`` and ``routines.toml``
    (default: the workbook's ``data/``); the user's routines come from ``home``'s
    ``routines/`` folder (default: the user's data folder). Any problem raises
    :class:`CatalogError` naming the file, the line, the entry and the field.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    exercises = _load_exercises(folder / EXERCISES_FILE)
    routines = _load_routines(folder / ROUTINES_FILE, exercises, "preset", {})
    user_dir = user_routines_dir(Path(home) if home is not None else None)
    if user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            routines.update(_load_routines(path, exercises, "user", routines))
    return Catalog(exercises=exercises, routines=routines)


def _load_exercises(path: Path) -> dict[str, Exercise]:
    data, lines = read_toml(path)
    found = entries(data, "exercise", path, lines)
    if not found:
        raise CatalogError(f"{path}: no [[exercise]] entries. Add at least one exercise.")
    check_unique(found)
    return {ex.id: ex for ex in map(parse_exercise, found)}


def _load_routines(
    path: Path, exercises: Mapping[str, Exercise], source: str, existing: Mapping[str, Routine]
) -> dict[str, Routine]:
    data, lines = read_toml(path)
    found = entries(data, "routine", path, lines)
    check_unique(found)
    routines: dict[str, Routine] = {}
    for entry in found:
        ident = entry.get("id", str)
        if ident in existing:
            raise entry.error(
                "id",
                f"the id {ident!r} is already used by the "
                f"{existing[ident].source} routine {existing[ident].name!r}",
                "Give this routine another id",
            )
        routines[ident] = parse_routine(entry, exercises, source)
    return routines


def make_routine(
    catalog: Catalog,
    name: str,
    items: Iterable[str | Mapping[str, Any]],
    *,
    id: str | None = None,
    description: str = "",
    **pauses: int,
) -> Routine:
    """Build a routine from exercise ids (or ``{"exercise": id, "hold_s": 45}`` overrides).

    >>> catalog = load_catalog()
    >>> mine = make_routine(catalog, "Morning hips", ["leg-swings", "knee-to-chest"])
    >>> mine.id, mine.exercise_ids
    ('morning-hips', ('leg-swings', 'knee-to-chest'))
    """
    ident = id or slugify(name)
    table = {
        "id": ident,
        "name": name,
        "description": description,
        "items": [dict(i) if isinstance(i, Mapping) else {"exercise": i} for i in items],
        **pauses,
    }
    unknown = sorted(set(pauses) - set(PAUSES))
    if unknown:
        raise CatalogError(
            f"routine {ident!r}: unknown setting {unknown[0]!r}. Use: " + ", ".join(PAUSES)
        )
    entry = Entry(table, Path(f"<new routine {ident!r}>"), (), "routine", 0)
    check_unique([entry])
    return parse_routine(entry, catalog.exercises, "user")


def save_routine(
    routine: Routine, home: Path | str | None = None, *, overwrite: bool = False
) -> Path:
    """Write a routine to the user's routines folder; it loads beside the presets.

    Never replaces an existing file unless ``overwrite=True``, and never shadows a preset.
    """
    folder = user_routines_dir(Path(home) if home is not None else None)
    path = folder / f"{routine.id}.toml"
    if routine.id in _preset_ids():
        raise CatalogError(
            f"{path}: {routine.id!r} is the id of a preset routine. "
            "Choose another name or id for yours."
        )
    if path.exists() and not overwrite:
        raise CatalogError(
            f"{path}: a routine with the id {routine.id!r} is saved already. "
            "Choose another name, or pass overwrite=True to replace it."
        )
    table: dict[str, Any] = {"id": routine.id, "name": routine.name}
    if routine.description:
        table["description"] = routine.description
    for name in PAUSES:
        table[name] = getattr(routine, name)
    table["items"] = [dict(item) for item in routine.overrides]
    text = "# A routine saved from the Psoas Coach workbook. You may edit it.\n"
    text += tomli_w.dumps({"routine": [table]})
    write_atomic(path, text.encode("utf-8"))
    return path


def _preset_ids() -> set[str]:
    data, _ = read_toml(DATA_DIR / ROUTINES_FILE)
    return {t.get("id") for t in data.get("routine", []) if isinstance(t, dict)}


def slugify(name: str) -> str:
    """A routine name as an id.

    >>> slugify("  My Morning: Hips & Back! ")
    'my-morning-hips-back'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise CatalogError(f"routine name {name!r}: it needs at least one letter or digit.")
    return slug
