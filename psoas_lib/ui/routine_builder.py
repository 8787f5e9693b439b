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

from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from psoas_lib.clock import format_clock
from psoas_lib.content.catalog import Catalog, load_catalog, make_routine, save_routine
from psoas_lib.content.exercise import Exercise
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError
from psoas_lib.ui.html import frame_table
from psoas_lib.ui.kit import classed
from psoas_lib.ui.theme import legible, phone_style

__all__ = ["DOSE_FIELDS", "RoutineBuilder", "dose_fields"]

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
        self.add_button = classed(
            legible(widgets.Button(description="Add", button_style="info")), "psoas-builder-add"
        )
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
        self.up_button = classed(widgets.Button(description="Up"), "psoas-builder-up")
        self.down_button = classed(widgets.Button(description="Down"), "psoas-builder-down")
        self.remove_button = classed(widgets.Button(description="Remove"), "psoas-builder-remove")
        self.total = classed(
            widgets.Label("Total 0:00", style={"font_weight": "bold"}), "psoas-builder-total"
        )
        self.preview = classed(widgets.HTML(), "psoas-builder-preview")
        self.save_button = classed(
            legible(widgets.Button(description="Save routine", button_style="success")),
            "psoas-builder-save",
        )
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
            box.layout.display = "flex" if name in shown else "none"
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
        self._update(len(self.items) - 1)

    def move(self, step: int) -> None:
        """Move the selected exercise up (-1) or down (+1)."""
        i = self.list.index
        if i is None or not 0 <= i + step < len(self.items):
            return
        self.items[i], self.items[i + step] = self.items[i + step], self.items[i]
        self._update(i + step)

    def remove(self) -> None:
        """Take the selected exercise out."""
        i = self.list.index
        if i is not None and 0 <= i < len(self.items):
            del self.items[i]
            self._update(min(i, len(self.items) - 1) if self.items else None)

    def routine(self) -> Routine:
        """The routine as built (raises CatalogError when something is wrong)."""
        return make_routine(self.catalog, self.name.value.strip() or "My routine", self.items)

    def _update(self, selected: int | None) -> None:
        names = self.catalog.exercises
        self.list.options = [
            (
                f"{n}. {names[item['exercise']].name}"
                + "".join(
                    f", {DOSE_FIELDS[k].lower()} {v}" for k, v in item.items() if k != "exercise"
                ),
                n - 1,
            )
            for n, item in enumerate(self.items, start=1)
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
