"""Build your own routine: exercises from the catalog in order, optional doses, a name, Save.

The routine is built with :func:`~psoas_lib.content.catalog.make_routine` (which validates it like a
preset) and written with :func:`~psoas_lib.content.catalog.save_routine`, which never replaces a
saved routine silently: a clash, like any other problem, shows as a message.

>>> builder = RoutineBuilder()
>>> builder.exercise.value = "knee-to-chest"
>>> builder.add_button.click()
>>> builder.items
[{'exercise': 'knee-to-chest'}]
>>> builder.total.value
'Total 1:50'
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets

from psoas_lib.clock import format_clock
from psoas_lib.content.catalog import Catalog, load_catalog, make_routine, save_routine
from psoas_lib.content.exercise import Exercise
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError
from psoas_lib.ui.html import frame_table
from psoas_lib.ui.kit import button, classed, show
from psoas_lib.ui.theme import phone_style

__all__ = [
    "DOSE_FIELDS",
    "RoutineBuilder",
    "dose_fields",
    "item_line",
    "moved",
    "removed",
]

T = TypeVar("T")

#: The dose overrides offered, with their labels.
DOSE_FIELDS = {
    "hold_s": "Hold (s)",
    "reps": "Repetitions",
    "total": "Total reps",
    "duration_s": "Seconds",
    "sets": "Sets",
}


def dose_fields(exercise: Exercise) -> list[str]:
    """The dose fields a person may change for an exercise, by its style.

    >>> catalog = load_catalog()
    >>> dose_fields(catalog.exercises["kneeling-hip-flexor-stretch"])
    ['hold_s', 'reps', 'sets']
    >>> dose_fields(catalog.exercises["knee-to-chest"])
    ['total', 'sets']
    """
    if exercise.style == "hold":
        return ["hold_s", "reps", "sets"]
    if exercise.style == "dynamic":
        return ["duration_s", "sets"]
    return ["total" if exercise.alternating else "reps", "sets"]


def item_line(number: int, item: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """How an item shows in the builder's list: its number, name and the doses changed.

    >>> item_line(2, {"exercise": "leg-swings", "sets": 3}, {"leg-swings": "Leg swings"})
    '2. Leg swings, sets 3'
    """
    changed = "".join(f", {DOSE_FIELDS[k].lower()} {v}" for k, v in item.items() if k != "exercise")
    return f"{number}. {names[item['exercise']]}{changed}"


def moved(items: list[T], index: int | None, step: int) -> tuple[list[T], int] | None:
    """``items`` with the one at ``index`` moved ``step`` places (-1 up, +1 down) and its new
    index; None when there is none selected or it cannot move that way.

    >>> moved(["a", "b", "c"], 2, -1), moved(["a", "b"], 0, -1), moved(["a"], None, 1)
    ((['a', 'c', 'b'], 1), None, None)
    """
    if index is None or not 0 <= index < len(items) or not 0 <= index + step < len(items):
        return None
    items = list(items)
    items[index], items[index + step] = items[index + step], items[index]
    return items, index + step


def removed(items: list[T], index: int | None) -> tuple[list[T], int | None] | None:
    """``items`` without the one at ``index`` and the index to select next (the same place,
    or the last; None when the list is empty); None when there is nothing to remove.

    >>> removed(["a", "b", "c"], 2), removed(["a"], 0), removed(["a"], None)
    ((['a', 'b'], 1), ([], None), None)
    """
    if index is None or not 0 <= index < len(items):
        return None
    rest = items[:index] + items[index + 1 :]
    return rest, (min(index, len(rest) - 1) if rest else None)


class RoutineBuilder(widgets.VBox):
    """Pick exercises in order, change doses if you like, name the routine, preview, save."""

    def __init__(
        self,
        catalog: Catalog | None = None,
        *,
        home: Path | str | None = None,
        on_save: Callable[[Routine], None] | None = None,
    ) -> None:
        self.home = home
        self.catalog = catalog or load_catalog(home=home)
        self.on_save = on_save
        self.items: list[dict[str, Any]] = []
        exercises = self.catalog.exercises_by_category()
        self.name = classed(
            widgets.Text(
                description="Name",
                placeholder="My morning hips",
                layout=widgets.Layout(width="30em"),
            ),
            "psoas-builder-name",
        )
        self.exercise = classed(
            widgets.Dropdown(
                options=[(f"{self.catalog.category_label(e)}: {e.name}", e.id) for e in exercises],
                description="Exercise",
                layout=widgets.Layout(width="36em"),
            ),
            "psoas-builder-exercise",
        )
        self.doses = {
            name: classed(
                widgets.BoundedIntText(
                    value=0, min=0, max=3600, description=label, layout=widgets.Layout(width="14em")
                ),
                f"psoas-builder-{name.replace('_', '-')}",
            )
            for name, label in DOSE_FIELDS.items()
        }
        self.dose_hint = classed(widgets.Label(), "psoas-builder-dose-hint")
        self.add_button = button("Add", "psoas-builder-add", "info")
        self.list = classed(
            classed(
                widgets.Select(
                    rows=8,
                    description="Exercises in the routine",
                    layout=widgets.Layout(width="36em"),
                ),
                "psoas-sr-label",
            ),
            "psoas-builder-items",
        )
        self.up_button = button("Up", "psoas-builder-up")
        self.down_button = button("Down", "psoas-builder-down")
        self.remove_button = button("Remove", "psoas-builder-remove")
        self.total = classed(
            widgets.Label("Total 0:00", style={"font_weight": "bold"}), "psoas-builder-total"
        )
        self.preview = classed(widgets.HTML(), "psoas-builder-preview")
        self.save_button = button("Save routine", "psoas-builder-save", "success")
        self.message = classed(widgets.Label(), "psoas-builder-message")

        self.exercise.observe(lambda _: self._show_doses(), names="value")
        self.add_button.on_click(lambda _: self.add())
        self.up_button.on_click(lambda _: self.move(-1))
        self.down_button.on_click(lambda _: self.move(1))
        self.remove_button.on_click(lambda _: self.remove())
        self.save_button.on_click(lambda _: self.save())
        self._show_doses()
        super().__init__(
            [
                self.name,
                widgets.HBox([self.exercise, self.add_button]),
                widgets.HBox(list(self.doses.values())),
                self.dose_hint,
                widgets.HBox(
                    [
                        self.list,
                        widgets.VBox([self.up_button, self.down_button, self.remove_button]),
                    ]
                ),
                self.total,
                self.preview,
                widgets.HBox([self.save_button, self.message]),
                phone_style(),
            ]
        )
        self.add_class("psoas-routine-builder")

    def _show_doses(self) -> None:
        ex = self.catalog.exercises[self.exercise.value]
        shown = dose_fields(ex)
        for name, box in self.doses.items():
            show(box, name in shown)
            box.value = 0
        self.dose_hint.value = f"0 keeps the catalog's dose: {ex.dose.describe(ex.sides)}."

    def add(self) -> None:
        """Append the chosen exercise, with the dose fields that are not 0."""
        ex = self.catalog.exercises[self.exercise.value]
        item: dict[str, Any] = {"exercise": ex.id}
        item.update(
            {name: self.doses[name].value for name in dose_fields(ex) if self.doses[name].value > 0}
        )
        self.items.append(item)
        self.render(len(self.items) - 1)

    def move(self, step: int) -> None:
        """Move the selected exercise up (-1) or down (+1)."""
        done = moved(self.items, self.list.index, step)
        if done is not None:
            self.items, selected = done
            self.render(selected)

    def remove(self) -> None:
        """Take the selected exercise out."""
        done = removed(self.items, self.list.index)
        if done is not None:
            self.items, selected = done
            self.render(selected)

    def routine(self) -> Routine:
        """The routine as built (raises CatalogError when something is wrong)."""
        return make_routine(self.catalog, self.name.value.strip() or "My routine", self.items)

    def render(self, selected: int | None) -> None:
        """Draw the items built so far, ``selected`` chosen in the list, their total and plan."""
        names = {ex.id: ex.name for ex in self.catalog.exercises.values()}
        self.list.options = [
            (item_line(n, item, names), n - 1) for n, item in enumerate(self.items, start=1)
        ]
        self.list.index = selected
        self.message.value = ""
        if not self.items:
            self.total.value, self.preview.value = "Total 0:00", ""
            return
        try:
            routine = self.routine()
        except PsoasError as err:
            self.message.value = str(err)
            return
        self.total.value = f"Total {format_clock(routine.total_seconds)}"
        self.preview.value = frame_table(routine.plan_frame())

    def save(self) -> Routine | None:
        """Save the routine to the user's folder; a problem shows as a message."""
        if not self.items:
            self.message.value = "Add at least one exercise first."
            return None
        if not self.name.value.strip():
            self.message.value = "Give your routine a name first."
            return None
        try:
            routine = self.routine()
            path = save_routine(routine, home=self.home)
        except PsoasError as err:
            self.message.value = str(err)
            return None
        except OSError as err:
            self.message.value = f"Not saved: {err}"
            return None
        self.message.value = f"Saved as {path.name}: it is listed with the routines now."
        if self.on_save is not None:
            self.on_save(routine)
        return routine
