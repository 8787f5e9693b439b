"""The self-assessment widget: tick the signs, see the result live, save it to the journal.

Checkboxes grouped by section, each with a "why?" toggle that shows its explanation; a
result panel that follows the ticks; the previous saved assessment beside it; Save writes
the answers and the result to the journal, dated now with the local UTC offset.

>>> import tempfile
>>> widget = ChecklistWidget(home=tempfile.mkdtemp())
>>> widget.checkboxes["tight-hips-groin"].value = True
>>> "Stretch-focused" in widget.result.value
True
>>> widget.assessment.routine_id
'desk-reset'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML

from psoas_lib.coaching.assessment import Assessment, assess
from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.checklist import GROUPS, ChecklistItem, load_checklist
from psoas_lib.errors import PsoasError
from psoas_lib.journal.store import Journal
from psoas_lib.progress import local_times
from psoas_lib.ui.html import table
from psoas_lib.ui.kit import button
from psoas_lib.ui.notebook import page_ref
from psoas_lib.ui.safety import SafetyPanel
from psoas_lib.ui.theme import phone_style

__all__ = [
    "GROUP_TITLES",
    "RECOMMENDATION_TITLES",
    "ChecklistWidget",
    "previous_html",
    "show_plan",
]

GROUP_TITLES = {
    "tightness": "Signs of a tight psoas",
    "weakness": "Signs of a weak psoas",
    "context": "Your habits",
    "see-a-professional": "See a professional first",
}
RECOMMENDATION_TITLES = {
    "stretch-focused": "Stretch-focused",
    "strength-focused": "Strength-focused",
    "balanced": "Balanced",
    "see-a-professional": "See a professional first",
}
RUN_NOTEBOOK = "02_run_a_routine.ipynb"


def _routine_name(catalog: Catalog, routine_id: str | None) -> str:
    routine = catalog.routines.get(routine_id or "")
    return routine.name if routine else (routine_id or "")


def _minutes(catalog: Catalog, routine_id: str) -> str:
    routine = catalog.routines.get(routine_id)
    return f", about {max(1, round(routine.total_seconds / 60))} min" if routine else ""


#: The result's title for an urgent sign: its route, nothing else.
URGENT_TITLES = {
    "emergency": "Call 999 or go to A&E now",
    "urgent-gp": "Ask for an urgent GP appointment or call NHS 111",
}


def result_html(result: Assessment, checklist: Sequence[ChecklistItem], catalog: Catalog) -> str:
    """The result panel: recommendation, both scores, the explanation and the routine."""
    out_of = {g: sum(1 for item in checklist if item.group == g) for g in GROUPS}
    title = URGENT_TITLES.get(result.route) or RECOMMENDATION_TITLES[result.recommendation]
    parts = [
        f"<h4>Result: {escape(title)}</h4>",
        f"<p>Tightness score: <b>{result.tightness}</b> of {out_of['tightness']} · "
        f"Weakness score: <b>{result.weakness}</b> of {out_of['weakness']}</p>",
        f"<p>{escape(result.explanation)}</p>",
    ]
    if result.routine_id:
        rid = result.routine_id
        parts.append(
            f"<p><b>Suggested routine:</b> {escape(_routine_name(catalog, rid))}"
            f" (<code>{escape(rid)}</code>{_minutes(catalog, rid)}). Run it in "
            f"{page_ref('run')}: choose it there.</p>"
        )
    if result.complement_routine_id:
        cid = result.complement_routine_id
        parts.append(
            f"<p><b>Add for balance:</b> {escape(_routine_name(catalog, cid))} "
            f"(<code>{escape(cid)}</code>{_minutes(catalog, cid)}).</p>"
        )
    return "".join(parts)


def previous_html(
    last: pd.Series | str | None,
    current: Assessment,
    items: Sequence[ChecklistItem],
    catalog: Catalog,
) -> str:
    """The previous saved assessment beside the current one: ``last`` is its journal row (with
    a ``local_time``), a message saying why it could not be read, or None (none saved)."""
    if last is None:
        return (
            "<h4>Previous assessment</h4><p>None saved yet: save this one to start "
            "your history and compare next time.</p>"
        )
    if isinstance(last, str):
        return f"<h4>Previous assessment</h4><p>{escape(last)}</p>"
    labels = {item.id: item.label for item in items}
    ticked = [labels.get(i, i) for i in str(last["ticked"]).split(";") if i]
    when = pd.Timestamp(last["local_time"]).strftime("%d %b %Y, %H:%M")
    rec = str(last["recommendation"])
    routine = str(last["routine_id"])
    then_t, then_w = int(last["tightness"]), int(last["weakness"])
    rows: list[list[object]] = [
        ["Tightness", then_t, current.tightness],
        ["Weakness", then_w, current.weakness],
        [
            "Result",
            RECOMMENDATION_TITLES.get(rec, rec),
            RECOMMENDATION_TITLES[current.recommendation],
        ],
    ]
    return (
        f"<h4>Previous assessment, {escape(when)}</h4>"
        + table(["", "then", "now"], rows)
        + (f"<p>Suggested then: {escape(_routine_name(catalog, routine))}.</p>" if routine else "")
        + f"<p>Ticked then: {escape(', '.join(ticked) or 'nothing')}.</p>"
    )


class ChecklistWidget(widgets.VBox):
    """The checklist, the live result, Save, and the previous saved assessment.

    ``home`` is the data folder of the journal (default: the user's); ``now`` gives the
    time a Save is dated with (default: now, in the computer's time zone).
    """

    def __init__(
        self,
        home: Path | str | None = None,
        checklist: Sequence[ChecklistItem] | None = None,
        catalog: Catalog | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self.home = Path(home) if home is not None else None
        self.items = list(checklist) if checklist is not None else load_checklist()
        self.catalog = catalog or load_catalog(home=self.home)
        self._now = now or (lambda: datetime.now().astimezone().replace(microsecond=0))
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        self.why_buttons: dict[str, widgets.ToggleButton] = {}
        self.whys: dict[str, widgets.HTML] = {}

        sections = [
            self._section(group)
            for group in GROUPS
            if any(item.group == group for item in self.items)
        ]
        self.result = widgets.HTML(layout=widgets.Layout(flex="1 1 0", padding="0 1em 0 0"))
        self.result.add_class("psoas-checklist-result")
        self.previous = widgets.HTML(
            layout=widgets.Layout(flex="1 1 0", padding="0 0 0 1em", border_left="1px solid #ccc")
        )
        self.previous.add_class("psoas-checklist-previous")
        self.notes = widgets.Text(
            placeholder="Notes (optional)", description="Notes", layout=widgets.Layout(width="30em")
        )
        self.notes.add_class("psoas-checklist-notes")
        self.save_button = button(
            "Save",
            "psoas-checklist-save",
            "primary",
            icon="save",
            tooltip="Save your answers and the result",
        )
        self.save_button.on_click(lambda _button: self.save())
        self.status = widgets.HTML()
        self.status.add_class("psoas-checklist-status")

        # after a "see a professional first" result: record a clearance here (ui/safety.py)
        self.safety = SafetyPanel(self.home, now=self._now, offer=("clearance",))
        self.safety.check_journal()
        self._last = self._load_previous()
        self.render()
        super().__init__(
            [
                *sections,
                widgets.HBox([self.result, self.previous]),
                widgets.HBox([self.notes, self.save_button, self.status]),
                self.safety,
                phone_style(),  # questions wrap, why? in view, big checkboxes
            ]
        )
        self.add_class("psoas-checklist")

    # ----------------------------------------------------------------- building

    def _section(self, group: str) -> widgets.VBox:
        rows: list[widgets.Widget] = [widgets.HTML(f"<h4>{escape(GROUP_TITLES[group])}</h4>")]
        for item in (i for i in self.items if i.group == group):
            box = widgets.Checkbox(
                value=False,
                description=item.question,
                indent=False,
                layout=widgets.Layout(width="auto"),
            )
            box.add_class("psoas-checklist-item")
            box.add_class(f"psoas-check-{item.id}")
            box.observe(self.render, names="value")
            why_button = widgets.ToggleButton(
                value=False,
                description="why?",
                tooltip="Why this question matters",
                layout=widgets.Layout(width="5em"),
            )
            why_button.add_class("psoas-checklist-why")
            why = widgets.HTML(
                f"<p><i>{escape(item.why)}</i></p>",
                layout=widgets.Layout(display="none", margin="0 0 0 2em"),
            )
            why.add_class("psoas-checklist-why-text")
            why_button.observe(
                lambda change, w=why: setattr(
                    w.layout, "display", None if change["new"] else "none"
                ),
                names="value",
            )
            self.checkboxes[item.id], self.why_buttons[item.id], self.whys[item.id] = (
                box,
                why_button,
                why,
            )
            rows += [widgets.HBox([box, why_button]), why]
        section = widgets.VBox(rows)
        section.add_class(f"psoas-checklist-{group}")
        return section

    # ----------------------------------------------------------------- state

    @property
    def ticked(self) -> list[str]:
        """The ticked item ids, in checklist order."""
        return [ident for ident, box in self.checkboxes.items() if box.value]

    def set_ticked(self, ids: Iterable[str]) -> None:
        """Tick exactly ``ids`` (unknown ids raise :class:`AssessmentError`)."""
        wanted = set(assess(ids, self.items).ticked)
        for ident, box in self.checkboxes.items():
            box.value = ident in wanted

    @property
    def assessment(self) -> Assessment:
        """The result for the boxes ticked now."""
        return assess(self.ticked, self.items)

    def render(self, _change: object = None) -> None:
        """Draw the result of the boxes ticked now beside the previous saved one."""
        current = self.assessment
        self.result.value = result_html(current, self.items, self.catalog)
        self.previous.value = previous_html(self._last, current, self.items, self.catalog)
        self.status.value = ""

    # ----------------------------------------------------------------- journal

    def _journal(self) -> Journal:
        return Journal(self.home)

    def _load_previous(self) -> pd.Series | str | None:
        """The latest saved assessment (a row), an error message, or None when none."""
        try:
            frame = self._journal().assessments()
        except PsoasError as exc:
            return f"Could not read your saved assessments: {exc}"
        if frame.empty:
            return None
        frame = frame.assign(local_time=local_times(frame, "taken_at"))
        return frame.sort_values("taken_at", kind="stable").iloc[-1]

    def save(self) -> bool:
        """Write the answers and the result to the journal; say so in the status line."""
        when = self._now()
        try:
            self._journal().add_assessment(**self.assessment.as_record(when, self.notes.value))
        except PsoasError as exc:
            self.status.value = f'<span style="color:#b00">Not saved: {escape(str(exc))}</span>'
            return False
        except OSError as exc:
            where = escape(str(exc.filename or self._journal().home))
            self.status.value = (
                f'<span style="color:#b00">Not saved: cannot write to '
                f"{where} ({escape(exc.strerror or str(exc))}). Check that "
                f"your data folder exists and that you may write there.</span>"
            )
            return False
        self.status.value = f"Saved at {when:%H:%M} on {when:%d %b %Y}."
        self.safety.check_journal()
        return True


def show_plan(result: Assessment, catalog: Catalog | None = None) -> HTML:
    """The suggested routine, exercise by exercise, and how to run it.

    >>> from psoas_lib.coaching.assessment import assess
    >>> "Strength builder" in show_plan(assess(["poor-posture"])).data
    True
    """
    catalog = catalog or load_catalog()
    if not result.routine_id:
        return HTML(
            "<p>No routine is suggested until a professional has cleared you. "
            "Then take the checklist again.</p>"
        )
    routine = catalog.routines[result.routine_id]
    plan = routine.plan_frame().reset_index()
    rows = plan[["#", "exercise", "dose", "time"]].itertuples(index=False)
    return HTML(
        f"<h4>{escape(routine.name)}</h4><p>{escape(routine.description)}</p>"
        + table(["#", "Exercise", "Dose", "Time"], rows)
        + f"<p>To run it with a timer and voice cues, open {page_ref('run')} "
        f"and choose <b>{escape(routine.name)}</b>.</p>"
    )
