"""The exercise catalog: exercises and routines, presets plus the user's own.

>>> catalog = load_catalog()
>>> catalog.exercises["kneeling-hip-flexor-stretch"].dose.hold
30
>>> "desk-reset" in catalog.routines
True
>>> catalog.for_role("warm-up").id
'pre-activity-warm-up'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from psoas_lib.content.categories import Category, load_categories
from psoas_lib.content.datafile import (
    CatalogError,
    Entry,
    check_unique,
    read_entries,
    read_toml,
)
from psoas_lib.content.exercise import Exercise, parse_exercise
from psoas_lib.content.routine import PAUSES, ROLES, Routine, parse_routine
from psoas_lib.events import announce
from psoas_lib.files import write_atomic
from psoas_lib.paths import DATA_DIR, data_home

__all__ = [
    "Catalog",
    "CatalogError",
    "load_catalog",
    "make_routine",
    "preset_catalog",
    "save_routine",
    "user_routines_dir",
]

EXERCISES_FILE = "exercises.toml"
ROUTINES_FILE = "routines.toml"


@dataclass(frozen=True)
class Catalog:
    """Exercises by id, routines by id (the presets first, then the user's own), and the
    exercise categories (data/categories.toml, in their order)."""

    exercises: Mapping[str, Exercise]
    routines: Mapping[str, Routine]
    categories: Mapping[str, Category] = field(default_factory=load_categories)

    def category_label(self, exercise: Exercise) -> str:
        """The label of an exercise's category.

        >>> catalog = load_catalog()
        >>> catalog.category_label(catalog.exercises["roll-up"])
        'Pilates'
        """
        return self.categories[exercise.category].label

    def exercises_by_category(self) -> list[Exercise]:
        """Every exercise, grouped by category in the order of data/categories.toml."""
        order = list(self.categories)
        return sorted(self.exercises.values(), key=lambda e: order.index(e.category))

    def by_category(self, category: str) -> list[Exercise]:
        return [ex for ex in self.exercises.values() if ex.category == category]

    def role_id(self, role: str) -> str | None:
        """The id of the preset with ``role`` (see ``ROLES``), or None when none has it.

        >>> load_catalog().role_id("balanced")
        'full-programme'
        """
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}: use one of {', '.join(ROLES)}")
        return next((r.id for r in self.routines.values() if r.role == role), None)

    def for_role(self, role: str) -> Routine:
        """The preset with ``role``; a :class:`CatalogError` says how to fix a missing one."""
        ident = self.role_id(role)
        if ident is None:
            raise CatalogError(
                f"{ROUTINES_FILE}: no preset routine has the role {role!r}. "
                f'Add role = "{role}" to one [[routine]] in data/{ROUTINES_FILE}'
            )
        return self.routines[ident]


def user_routines_dir(home: Path | None = None) -> Path:
    """The folder of the user's own routines: ``<data home>/routines``."""
    return (Path(home) if home else data_home()) / "routines"


def load_catalog(
    data_dir: Path | str | None = None, home: Path | str | None = None, *, user: bool = True
) -> Catalog:
    """Load and validate the exercises and routines.

    ``data_dir`` points at another folder holding ``exercises.toml`` and ``routines.toml``
    (default: the workbook's ``data/``); the user's routines come from ``home``'s
    ``routines/`` folder (default: the user's data folder; ``user=False``: none). Any
    problem raises
    :class:`CatalogError` naming the file, the line, the entry and the field.
    """
    folder = Path(data_dir) if data_dir is not None else DATA_DIR
    categories = load_categories(folder)
    exercises = _load_exercises(folder / EXERCISES_FILE, tuple(categories))
    routines = _load_routines(folder / ROUTINES_FILE, exercises, "preset", {})
    user_dir = user_routines_dir(Path(home) if home is not None else None)
    if user and user_dir.is_dir():
        for path in sorted(user_dir.glob("*.toml")):
            routines.update(_load_routines(path, exercises, "user", routines))
    return Catalog(exercises=exercises, routines=routines, categories=categories)


def _load_exercises(path: Path, categories: tuple[str, ...]) -> dict[str, Exercise]:
    found = read_entries(path, "exercise", "exercise")
    return {ex.id: ex for ex in (parse_exercise(entry, categories) for entry in found)}


def _load_routines(
    path: Path, exercises: Mapping[str, Exercise], source: str, existing: Mapping[str, Routine]
) -> dict[str, Routine]:
    found = read_entries(path, "routine")
    routines: dict[str, Routine] = {}
    roles: dict[str, Entry] = {}
    for entry in found:
        ident = entry.get("id", str)
        role = entry.data.get("role")
        if isinstance(role, str) and role in roles:
            raise entry.error(
                "role",
                f"the role {role!r} is already given to {roles[role].id!r} "
                f"(line {roles[role].line_of('role')})",
                "Give each role to one routine only",
            )
        if isinstance(role, str):
            roles[role] = entry
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
    announce("routine", path, folder.parent)
    return path


@functools.lru_cache(maxsize=1)
def preset_catalog() -> Catalog:
    """The shipped exercises and preset routines only (no user routines), loaded once.

    For code that needs a preset by role without a catalog at hand (the assessment).

    >>> preset_catalog().for_role("stretch-focused").name
    'Desk reset'
    """
    return load_catalog(user=False)


def _preset_ids() -> set[str]:
    data, _ = read_toml(DATA_DIR / ROUTINES_FILE)
    return {
        t["id"]
        for t in data.get("routine", [])
        if isinstance(t, dict) and isinstance(t.get("id"), str)
    }


def slugify(name: str) -> str:
    """A routine name as an id.

    >>> slugify("  My Morning: Hips & Back! ")
    'my-morning-hips-back'
    """
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if not slug:
        raise CatalogError(f"routine name {name!r}: it needs at least one letter or digit.")
    return slug
