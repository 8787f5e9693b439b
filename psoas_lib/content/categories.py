"""The exercise categories, loaded and validated from ``data/categories.toml``.

The one table of categories: their ids (what ``category`` in exercises.toml may say), the
labels people see, their order, and what each works on (stretching or strengthening).

>>> categories = load_categories()
>>> list(categories)
['warm-up', 'stretch', 'strength', 'yoga', 'pilates']
>>> categories["pilates"].label, categories["pilates"].works_on
('Pilates', 'strengthening')
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from psoas_lib.content.datafile import (
    Entry,
    read_entries,
)
from psoas_lib.paths import DATA_DIR

__all__ = ["CATEGORIES_FILE", "WORKS_ON", "Category", "load_categories"]

CATEGORIES_FILE = "categories.toml"

#: What a category may work on (the weekly plan balances the first two).
WORKS_ON: tuple[str, ...] = ("stretching", "strengthening", "neither")

_FIELDS = ("id", "label", "works_on")


@dataclass(frozen=True)
class Category:
    """One kind of exercise: its id, the label shown, and what it works on."""

    id: str
    label: str
    works_on: str


def load_categories(data_dir: Path | str | None = None) -> dict[str, Category]:
    """Load and validate ``categories.toml`` (from ``data_dir``, default the workbook's data/),
    in the file's order.

    A problem raises :class:`~psoas_lib.content.datafile.CatalogError` naming the file, the
    line, the category and the field.
    """
    path = Path(data_dir if data_dir is not None else DATA_DIR) / CATEGORIES_FILE
    found = read_entries(path, "category", "category")
    return {category.id: category for category in map(_parse, found)}


def _parse(entry: Entry) -> Category:
    for field in entry.data:
        if field not in _FIELDS:
            raise entry.error(field, f"unknown field {field!r}", "Use only: " + ", ".join(_FIELDS))
    return Category(
        id=entry.get("id", str),
        label=entry.text("label"),
        works_on=entry.choice("works_on", WORKS_ON),
    )
