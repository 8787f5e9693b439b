"""The self-assessment checklist, loaded and validated from ``data/checklist.toml``.

>>> items = load_checklist()
>>> items[0].id, items[0].group, items[0].red_flag
('tight-hips-groin', 'tightness', False)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from psoas_lib.content.datafile import (
    Entry,
    read_entries,
)
from psoas_lib.paths import DATA_DIR

__all__ = ["CHECKLIST_FILE", "GROUPS", "RED_FLAG_GROUP", "ChecklistItem", "load_checklist"]

CHECKLIST_FILE = "checklist.toml"

#: The checklist's sections, in the order they are shown.
GROUPS: tuple[str, ...] = ("tightness", "weakness", "context", "see-a-professional")
RED_FLAG_GROUP = "see-a-professional"

_FIELDS = ("id", "group", "question", "why", "label", "urgent", "route")
#: How an urgent sign is routed (as NHS guidance on back pain routes it).
ROUTES: tuple[str, ...] = ("emergency", "urgent-gp")


@dataclass(frozen=True)
class ChecklistItem:
    """One box of the checklist.

    >>> item = load_checklist()[0]
    >>> item.id, item.group, item.red_flag
    ('tight-hips-groin', 'tightness', False)
    """

    id: str
    group: str
    question: str
    why: str
    label: str
    #: One of the urgent warning signs (get help straight away); only red-flag items.
    urgent: bool = False
    #: Where an urgent sign sends people: ``emergency`` (999 or A&E now) or ``urgent-gp``
    #: (an urgent GP appointment or NHS 111); "" for the others.
    route: str = ""

    @property
    def red_flag(self) -> bool:
        """True for the ``see-a-professional`` items: ticking one always wins."""
        return self.group == RED_FLAG_GROUP


def load_checklist(data_dir: Path | str | None = None) -> list[ChecklistItem]:
    """Load and validate ``checklist.toml`` (from ``data_dir``, default the workbook's data/).

    A problem raises :class:`~psoas_lib.content.datafile.CatalogError` naming the file, the line,
    the item and the field.

    >>> [item.group for item in load_checklist()].count("see-a-professional")
    14
    >>> [item.id for item in load_checklist() if item.urgent][:2]
    ['numbness-genitals-buttocks', 'bladder-bowel-control']
    """
    path = Path(data_dir if data_dir is not None else DATA_DIR) / CHECKLIST_FILE
    return [_parse(entry) for entry in read_entries(path, "item", "checklist item")]


def _parse(entry: Entry) -> ChecklistItem:
    for field in entry.data:
        if field not in _FIELDS:
            raise entry.error(field, f"unknown field {field!r}", "Use only: " + ", ".join(_FIELDS))
    ident = entry.get("id", str)
    label = entry.text("label", required=False) or ident.replace("-", " ")
    group = entry.choice("group", GROUPS)
    urgent = entry.get("urgent", bool, required=False, default=False)
    if urgent and group != RED_FLAG_GROUP:
        raise entry.error(
            "urgent",
            f"only a {RED_FLAG_GROUP!r} item can be urgent, not a {group!r} one",
            f"Remove the urgent line, or set group = {RED_FLAG_GROUP!r}",
        )
    route = entry.choice("route", ROUTES) if urgent else ""
    if not urgent and "route" in entry.data:
        raise entry.error(
            "route",
            "only an urgent item has a route",
            "Remove the route line, or add urgent = true",
        )
    return ChecklistItem(
        id=ident,
        group=group,
        question=entry.text("question"),
        why=entry.text("why"),
        label=label,
        urgent=urgent,
        route=route,
    )
