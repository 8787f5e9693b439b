"""Browse the exercise catalog: choose an exercise, see its steps, dose and cautions.

>>> browser = CatalogBrowser()
>>> browser.picker.value = "knee-to-chest"
>>> "20 alternating in total" in browser.details.value
True
"""

from __future__ import annotations

from html import escape

import ipywidgets as widgets

from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.exercise import Exercise
from psoas_lib.ui.figure import CatalogFigure
from psoas_lib.ui.html import bullet_list, numbered_list
from psoas_lib.ui.theme import phone_style

__all__ = ["CatalogBrowser", "exercise_html"]

SIDE_NAMES = {"each": "each leg in turn", "alternating": "legs alternating", "none": "both legs"}
DOSE_NAMES = {
    "hold_s": "hold time",
    "reps": "number of repetitions",
    "sets": "number of sets",
    "total": "total",
    "rep_s": "time per repetition",
    "duration_s": "duration",
}
STYLE_NAMES = {"hold": "static hold", "reps": "repetitions", "dynamic": "dynamic movement"}


def exercise_html(ex: Exercise, category: str) -> str:
    """An exercise as HTML: what it is (``category``: its label), its dose, numbered steps,
    options and cautions."""
    dose = escape(ex.dose.describe(ex.sides))
    note = ""
    if ex.dose.workbook_default:
        fields = ", ".join(DOSE_NAMES.get(f, f) for f in ex.dose.workbook_default)
        note = (
            f" <em>(the {fields}: the workbook's own conservative choice, as the article "
            "gives no number)</em>"
        )
    parts = [
        f"<h3>{escape(ex.name)}</h3>",
        f"<p>{escape(ex.summary)}</p>" if ex.summary else "",
        f"<p><b>{escape(category)}</b> · {STYLE_NAMES[ex.style]} · "
        f"{SIDE_NAMES[ex.sides]} · targets: {escape(', '.join(ex.targets))}</p>",
        f"<p><b>Dose:</b> {dose}{note}</p>",
        "<p><b>Steps</b></p>" + numbered_list(ex.steps),
    ]
    if ex.options:
        parts.append("<p><b>Options</b></p>" + bullet_list(ex.options))
    if ex.progressions:
        parts.append("<p><b>To progress</b></p>" + bullet_list(ex.progressions))
    if ex.cautions:
        parts.append("<p><b>Take care</b></p>" + bullet_list(ex.cautions))
    if ex.departure:
        parts.append(f"<p><b>Not as the article has it:</b> {escape(ex.departure)}</p>")
    return "".join(parts)


class CatalogBrowser(widgets.VBox):
    """A dropdown of exercises (grouped by category) and the chosen exercise's details."""

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog or load_catalog()
        exercises = self.catalog.exercises_by_category()
        options = [(f"{self.catalog.category_label(e)}: {e.name}", e.id) for e in exercises]
        self.picker = widgets.Dropdown(
            options=options, description="Exercise", layout=widgets.Layout(width="36em")
        )
        self.picker.add_class("psoas-catalog-picker")
        self.details = widgets.HTML()
        self.details.add_class("psoas-catalog-steps")
        self.picker.observe(self._show, names="value")
        self._show()
        self.figure = CatalogFigure(self.picker)
        super().__init__([self.picker, widgets.HBox([self.figure, self.details]), phone_style()])
        self.add_class("psoas-catalog")  # under the phone stylesheet: fits a phone

    def _show(self, change: object = None) -> None:
        exercise = self.catalog.exercises[self.picker.value]
        self.details.value = exercise_html(exercise, self.catalog.category_label(exercise))
