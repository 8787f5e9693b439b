"""The start-here guide: sections of prose, lists and tables from ``data/guide.toml``.

>>> sections = load_guide()
>>> [s.id for s in sections][:3]
['what-where', 'why', 'benefits']
>>> section("safety").points[0].startswith("Warm up first")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from psoas_lib.content.datafile import (
    CatalogError,
    Entry,
    read_entries,
)
from psoas_lib.paths import DATA_DIR

__all__ = ["GuideSection", "load_guide", "section"]

GUIDE_FILE = "guide.toml"


@dataclass(frozen=True)
class GuideSection:
    """One section: a title, an intro sentence, then points or a table."""

    id: str
    title: str
    intro: str
    points: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def load_guide(data_dir: Path | str | None = None) -> list[GuideSection]:
    """Load and validate the guide's sections, in file order."""
    path = Path(data_dir if data_dir is not None else DATA_DIR) / GUIDE_FILE
    return [_parse(entry) for entry in read_entries(path, "section")]


def section(section_id: str, data_dir: Path | str | None = None) -> GuideSection:
    """One section by id."""
    for found in load_guide(data_dir):
        if found.id == section_id:
            return found
    raise CatalogError(f"{GUIDE_FILE}: no section {section_id!r}.")


def _parse(entry: Entry) -> GuideSection:
    columns = entry.texts("columns", required=False)
    raw_rows = entry.get("rows", list, required=False, default=[])
    rows = []
    for n, row in enumerate(raw_rows, start=1):
        if (
            not isinstance(row, list)
            or len(row) != len(columns)
            or not all(isinstance(cell, str) for cell in row)
        ):
            raise entry.error(
                "rows",
                f"row {n} should have {len(columns)} texts, one per column",
                'Write each row as ["...", "..."] matching columns',
            )
        rows.append(tuple(row))
    points = entry.texts("points", required=False)
    if not points and not rows:
        raise entry.error(
            "points",
            "the section has neither points nor rows",
            "Add points = [...] or columns and rows",
        )
    return GuideSection(
        id=entry.get("id", str),
        title=entry.text("title"),
        intro=entry.text("intro"),
        points=points,
        columns=columns,
        rows=tuple(rows),
    )
