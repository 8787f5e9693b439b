"""The weekly plan page: set the plan, this week against it, each exercise's level, export.

:class:`PlanPage` holds four linked parts the notebook shows one a cell: ``editor`` (tick 3
to 5 days, a time and a routine for each, Save), ``week`` (this week day by day and the last
weeks planned against done), ``levels`` (each exercise's level and why, and the history of
changes) and ``export`` (the calendar file); ``player()`` runs the next planned routine at
your levels. Saving the plan refreshes the others. Any
workbook problem shows as a message, never a traceback.

>>> import tempfile
>>> page = PlanPage(home=tempfile.mkdtemp(), now="2026-03-04 12:00")
>>> [d for d, row in page.editor.rows.items() if row.tick.value]
['mon', 'wed', 'fri']
>>> page.editor.rows["sun"].tick.value = True
>>> page.editor.save_button.click()
>>> page.editor.message.value
'Saved: 4 sessions a week. The previous plan, if any, is kept as plan.toml.bak.'
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

import ipywidgets as widgets
import pandas as pd

from psoas_lib import events
from psoas_lib.clock import format_clock
from psoas_lib.coaching.safety import Verdict
from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.errors import PsoasError
from psoas_lib.journal.reading import empty_frame
from psoas_lib.journal.schema import SESSIONS
from psoas_lib.journal.store import Journal
from psoas_lib.paths import data_home
from psoas_lib.plan.calendar import default_export_path, export_calendar
from psoas_lib.plan.progression import (
    Progression,
    replay_progression,
    routine_at_levels,
)
from psoas_lib.plan.weekly import (
    DEFAULT_TIME,
    MAX_DAYS,
    MIN_DAYS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    PlanBlocked,
    PlanDay,
    WeeklyPlan,
    current_plan,
    default_plan,
    folder_calendar_id,
    make_plan,
    proposed_plan,
    routine_lean,
    save_plan,
)
from psoas_lib.plan.weeks import planned_vs_done, week_status
from psoas_lib.progress import Now, local_now, week_start
from psoas_lib.ui.download import DownloadLinks
from psoas_lib.ui.html import table
from psoas_lib.ui.kit import button, classed, error_paragraph
from psoas_lib.ui.live import LiveBox, error_html, later, watched_home
from psoas_lib.ui.programme import ProgrammeImport
from psoas_lib.ui.safety import SafetyPanel
from psoas_lib.ui.theme import phone_style

__all__ = [
    "CalendarExport",
    "LevelsView",
    "PlanEditor",
    "PlanPage",
    "WeekView",
    "live_planned_vs_done",
    "next_session",
    "planned_vs_done_view",
    "weeks_shown",
]


@dataclass
class _DayRow:
    tick: widgets.Checkbox
    time: widgets.Text
    routine: widgets.Dropdown


class PlanEditor(widgets.VBox):
    """Seven rows, Monday to Sunday: tick the days, set a time and a routine, then Save."""

    def __init__(
        self,
        catalog: Catalog,
        plan: WeeklyPlan,
        *,
        home: Path | str | None = None,
        on_save: Callable[[WeeklyPlan], None] | None = None,
    ) -> None:
        self.catalog, self.home, self.on_save, self.plan = catalog, home, on_save, plan
        options = [(f"{r.name} ({routine_lean(r)})", r.id) for r in catalog.routines.values()]
        self.rows: dict[str, _DayRow] = {}
        lines = []
        for weekday in WEEKDAYS:
            row = _DayRow(
                classed(
                    widgets.Checkbox(
                        description=WEEKDAY_NAMES[weekday],
                        indent=False,
                        layout=widgets.Layout(width="9em"),
                    ),
                    f"psoas-plan-day-{weekday}",
                ),
                classed(
                    widgets.Text(placeholder="HH:MM", layout=widgets.Layout(width="6em")),
                    f"psoas-plan-time-{weekday}",
                ),
                classed(
                    classed(
                        widgets.Dropdown(
                            options=options,
                            description=f"Routine on {weekday}",  # for screen readers only
                            layout=widgets.Layout(width="26em"),
                        ),
                        "psoas-sr-label",
                    ),
                    f"psoas-plan-routine-{weekday}",
                ),
            )
            self.rows[weekday] = row
            lines.append(widgets.HBox([row.tick, row.time, row.routine]))
        self.timezone = classed(
            widgets.Text(
                description="Time zone",
                placeholder="this computer's (or e.g. Europe/Paris)",
                layout=widgets.Layout(width="30em"),
            ),
            "psoas-plan-timezone",
        )
        self.beyond = classed(
            widgets.Checkbox(
                description="Let doses rise past the article's top dose (my own choice)",
                indent=False,
                layout=widgets.Layout(width="36em"),
            ),
            "psoas-plan-beyond",
        )
        self.save_button = button("Save plan", "psoas-plan-save", "success")  # 5.1:1
        self.message = classed(widgets.Label(), "psoas-plan-message")
        self.note = classed(widgets.HTML(), "psoas-plan-note")
        self.save_button.on_click(lambda _: self.save())
        self.show(plan)
        super().__init__(
            [
                self.note,
                *lines,
                self.timezone,
                self.beyond,
                widgets.HBox([self.save_button, self.message]),
                phone_style(),
            ]
        )
        self.add_class("psoas-plan-editor")

    def show(self, plan: WeeklyPlan) -> None:
        """Put a plan in the widgets."""
        self.plan = plan
        for weekday, row in self.rows.items():
            day = plan.day(weekday)
            row.tick.value = day is not None
            row.time.value = f"{(day.time if day else DEFAULT_TIME):%H:%M}"
            row.routine.value = day.routine_id if day else plan.days[0].routine_id
        self.timezone.value = plan.timezone
        self.beyond.value = plan.beyond_top_dose
        source = (
            "your saved plan"
            if plan.source == "saved"
            else f"a proposed plan, not saved yet. {plan.note}"
        )
        self.note.value = (
            f"<p>This is {escape(source)} Tick {MIN_DAYS} to {MAX_DAYS} days; "
            "a rest day between sessions helps.</p>"
        )

    def chosen(self) -> WeeklyPlan:
        """The plan as set in the widgets (raises PlanError when it is not a valid plan)."""
        days = [
            (w, row.time.value, row.routine.value) for w, row in self.rows.items() if row.tick.value
        ]
        return make_plan(
            self.catalog,
            days,
            timezone=self.timezone.value.strip(),
            beyond_top_dose=self.beyond.value,
            calendar_id=self.plan.calendar_id,
        )

    def save(self) -> WeeklyPlan | None:
        """Save the plan to the data folder; a problem shows as a message."""
        try:
            plan = self.chosen()
            save_plan(plan, self.home)
        except PsoasError as err:
            self.message.value = str(err)
            return None
        except OSError as err:
            self.message.value = f"Not saved: {err}"
            return None
        self.message.value = (
            f"Saved: {len(plan.days)} sessions a week. The previous plan, "
            "if any, is kept as plan.toml.bak."
        )
        try:
            self.show(proposed_plan(self.catalog, self.home))
        except PlanBlocked as blocked:  # saved, but nothing is proposed for now
            self.show(blocked.plan or plan)
        if self.on_save is not None:
            self.on_save(self.plan)
        return self.plan


def _frame_html(frame: pd.DataFrame, index_name: str | None = None) -> str:
    if index_name is not None:
        frame = frame.reset_index().rename(columns={frame.index.name or "index": index_name})
    return table(list(frame.columns), frame.itertuples(index=False))


def weeks_shown(by_week: pd.DataFrame, label: str = "%d %b", mark: bool = True) -> pd.DataFrame:
    """The weeks planned against done (:func:`planned_vs_done`) as shown: each week by its
    Monday in ``label``'s format (``mark``: the week in progress says so), the
    ``in_progress`` column left out and ``on_plan`` named "on a planned day".

    >>> frame = pd.DataFrame(
    ...     {"planned": [3, 3], "done": [2, 1], "on_plan": [2, 0], "in_progress": [False, True]},
    ...     index=pd.to_datetime(["2026-11-23", "2026-11-30"]),
    ... )
    >>> weeks_shown(frame)
                   planned  done  on a planned day
    23 Nov               3     2                 2
    30 Nov (this week)   3     1                 0
    """
    shown = by_week.drop(columns="in_progress").rename(columns={"on_plan": "on a planned day"})
    shown.index = [
        f"{week:{label}}" + (" (this week)" if mark and going else "")
        for week, going in zip(by_week.index, by_week["in_progress"], strict=True)
    ]
    return shown


def next_session(plan: WeeklyPlan, now: Now = None) -> tuple[PlanDay, pd.Timestamp]:
    """The next planned session from ``now`` (local time): its day and its start.

    >>> from psoas_lib.plan.weekly import default_plan
    >>> day, start = next_session(default_plan(load_catalog()), now="2026-03-04 19:00")
    >>> day.weekday, start
    ('fri', Timestamp('2026-03-06 18:30:00'))
    """
    moment = local_now(now)
    monday = week_start(moment)
    starts = []
    for week in (0, 1):
        for day in plan.days:
            start = monday + pd.Timedelta(
                days=7 * week + WEEKDAYS.index(day.weekday),
                hours=day.time.hour,
                minutes=day.time.minute,
            )
            starts.append((start, day))
    start, day = min((s, d) for s, d in starts if s >= moment)
    return day, start


class WeekView(widgets.HTML):
    """The next session at your levels, this week day by day, and the last weeks."""

    def __init__(
        self,
        catalog: Catalog,
        plan: WeeklyPlan,
        sessions: pd.DataFrame,
        progression: Progression,
        *,
        weeks: int = 4,
        now: Now = None,
    ) -> None:
        super().__init__()
        self.catalog, self.weeks, self.now = catalog, weeks, now
        self.add_class("psoas-plan-week")
        self.show(plan, sessions, progression)

    def show(self, plan: WeeklyPlan, sessions: pd.DataFrame, progression: Progression) -> None:
        day, start = next_session(plan, self.now)
        routine = routine_at_levels(
            self.catalog.routines[day.routine_id], self.catalog, progression
        )
        upcoming = (
            f"<h4>Next: {start:%A %d %B} at {start:%H:%M}, {escape(routine.name)} "
            f"({format_clock(routine.total_seconds)} at your levels)</h4>"
            + _frame_html(routine.plan_frame(), "#")
        )
        days = week_status(plan, sessions, self.catalog, now=self.now)
        days["date"] = [f"{d:%d %b}" for d in days["date"]]
        by_week = weeks_shown(planned_vs_done(plan, sessions, self.weeks, now=self.now))
        self.value = (
            upcoming
            + "<h4>This week</h4>"
            + _frame_html(days)
            + (f"<h4>The last {len(by_week)} weeks</h4>" if len(by_week) > 1 else "")
            + _frame_html(by_week, "week of")
            + "<p>Past weeks are compared with the plan as it is now.</p>"
        )


def planned_vs_done_view(
    home: Path | str | None = None, weeks: int = 8, now: Now = None
) -> widgets.HTML:
    """The weeks' planned against done sessions, for the progress notebook."""
    try:
        catalog = load_catalog(home=home)
        plan = current_plan(catalog, home)
        frame = planned_vs_done(plan, Journal(home).sessions(), weeks, now=now)
    except PsoasError as err:
        view = widgets.HTML(error_paragraph(str(err)))
    else:
        frame = weeks_shown(frame, "%d %b %Y", mark=False)
        which = "your plan" if plan.source == "saved" else "the proposed plan (not saved yet)"
        view = widgets.HTML(
            f"<p>Sessions planned in {which} against those done.</p>"
            + _frame_html(frame, "week of")
        )
    view.add_class("psoas-plan-vs-done")
    return view


def live_planned_vs_done(home: Path | str | None = None) -> LiveBox:
    """The weeks planned against done, drawn again after a logged session or a new plan."""
    return LiveBox(
        lambda: planned_vs_done_view(home),
        "session",
        "plan",
        "programme",
        "repair",
        home=home,
        css="psoas-live-plan-vs-done",
    )


class LevelsView(widgets.HTML):
    """Each exercise's level and why, then the history of changes."""

    def __init__(self, catalog: Catalog, progression: Progression) -> None:
        super().__init__()
        self.catalog = catalog
        self.add_class("psoas-plan-levels")
        self.show(progression)

    def show(self, progression: Progression) -> None:
        changes = progression.changes_frame(self.catalog)
        history = (
            _frame_html(changes)
            if not changes.empty
            else "<p>No changes yet: every exercise starts at its lowest level and rises "
            "after 6 good sessions.</p>"
        )
        self.value = (
            _frame_html(progression.frame(self.catalog)) + "<h4>Changes so far</h4>" + history
        )


class CalendarExport(widgets.VBox):
    """Write the plan as an .ics calendar file; never replaces a file without the tick."""

    def __init__(
        self,
        catalog: Catalog,
        plan: WeeklyPlan,
        progression: Progression,
        *,
        home: Path | str | None = None,
    ) -> None:
        self.catalog, self.plan, self.progression, self.home = catalog, plan, progression, home
        folder = data_home() if home is None else Path(home)
        self.path = classed(
            widgets.Text(
                description="File",
                placeholder=str(default_export_path(folder)),
                layout=widgets.Layout(width="44em"),
            ),
            "psoas-plan-export-path",
        )
        self.replace = classed(
            widgets.Checkbox(
                description="Replace the file if it exists (the old one is kept as .bak)",
                indent=False,
            ),
            "psoas-plan-export-replace",
        )
        self.button = button("Export calendar", "psoas-plan-export", "info", icon="calendar")
        self.message = classed(widgets.Label(), "psoas-plan-export-message")
        self.button.on_click(lambda _: self.write())
        self.download = DownloadLinks()
        super().__init__(
            [self.path, self.replace, widgets.HBox([self.button, self.message]), self.download]
        )
        self.add_class("psoas-plan-calendar")

    def write(self) -> Path | None:
        """Export; a problem (the file exists, no such folder) shows as a message."""
        given = self.path.value.strip()
        try:
            path = export_calendar(
                self.plan,
                self.catalog,
                given or None,
                home=self.home,
                overwrite=self.replace.value,
                progression=self.progression,
            )
        except PsoasError as err:
            self.message.value = str(err)
            return None
        except OSError as err:
            self.message.value = f"Not written: {err}"
            return None
        self.message.value = (
            f"Written: {path}. Import it into your calendar app "
            "(it reminds you 10 minutes before each session)."
        )
        self.download.show([path])
        return path


class PlanPage:
    """The plan notebook's parts, linked: saving the plan refreshes the others."""

    def __init__(self, home: Path | str | None = None, *, now: Now = None) -> None:
        self.home, self.now = home, now
        self._notes = ""  # the messages shown above the parts
        self.safety = SafetyPanel(home, on_cleared=self._cleared)
        self.errors: dict[str, str] = {}
        self.blocked: Verdict | None = None  # the safety state refuses exercise (ui/safety.py)
        self.catalog: Catalog
        self.plan: WeeklyPlan
        self.sessions: pd.DataFrame
        self.progression: Progression
        self._load()
        self.editor = PlanEditor(self.catalog, self.plan, home=home, on_save=self._saved)
        self.week = WeekView(self.catalog, self.plan, self.sessions, self.progression, now=now)
        self.levels = LevelsView(self.catalog, self.progression)
        self.export = CalendarExport(self.catalog, self.plan, self.progression, home=home)
        self.programme = ProgrammeImport(home=home)
        self.editor.children = (self.safety, *self.editor.children)
        self._show_blocked()
        self._show_errors()
        # live: a logged session, a new plan or assessment elsewhere redraws the parts
        self._watch = events.observe(self._changed, home=watched_home(home))

    def _show_blocked(self) -> None:
        """Under a red flag, say why no plan is proposed (the safety panel, ways on)."""
        self.safety.show(self.blocked)
        if self.blocked is not None:
            self.editor.note.value = "<p><b>No plan is proposed for now</b>: see why above.</p>"

    def _cleared(self) -> None:
        """A clearance was recorded: propose the plan again."""
        try:
            plan = proposed_plan(self.catalog, self.home)
        except PlanBlocked as blocked:
            self.safety.show(blocked.verdict)
            return
        self.blocked = None
        self.editor.show(plan)
        self._saved(plan)

    def _load(self) -> None:
        """Read the catalog, the plan and the journal; a damaged file is reported in
        ``errors`` and the page goes on without it (presets, the proposed plan, no sessions).
        Under an uncleared red flag ``blocked`` is the safety state's answer."""
        self.errors = {}
        self.blocked = None
        try:
            self.catalog = load_catalog(home=self.home)
        except PsoasError as exc:
            self.errors["catalog"] = str(exc)
            self.catalog = load_catalog(home=self.home, user=False)
        try:
            self.plan = proposed_plan(self.catalog, self.home)
        except PlanBlocked as blocked:
            self.plan, self.blocked = blocked.plan or default_plan(self.catalog), blocked.verdict
        except PsoasError as exc:
            self.errors["plan"] = str(exc)
            self.plan = replace(
                default_plan(self.catalog), calendar_id=folder_calendar_id(self.home)
            )
        try:
            self.sessions = Journal(self.home).sessions()
        except PsoasError as exc:
            self.errors["sessions"] = str(exc)
            self.sessions = empty_frame(SESSIONS)
        self.progression = self._levels()

    def _show_errors(self) -> None:
        """Put the damaged files' messages above each part (once, however often redrawn)."""
        notes = "".join(error_html(message) for message in self.errors.values())
        for part in (self.editor.note, self.week, self.levels):
            shown = part.value.removeprefix(self._notes)
            part.value = notes + shown
        self._notes = notes

    def _changed(self, change: events.Change) -> None:
        propose = change.kind in ("plan", "programme", "assessment", "clearance")
        later(self._redraw_plan if propose else self._redraw)

    def _redraw_plan(self) -> None:
        self._redraw(propose=True)

    def _redraw(self, propose: bool = False) -> None:
        self._load()
        if propose and (self.plan.source != "saved" or self.editor.plan != self.plan):
            self.editor.show(self.plan)
        self.week.show(self.plan, self.sessions, self.progression)
        self.levels.show(self.progression)
        self.export.plan, self.export.progression = self.plan, self.progression
        self._show_blocked()
        self._show_errors()

    def player(self) -> widgets.Widget:
        """The routine player with the next planned routine chosen, every dose at your level.

        Every routine in its list is at your current levels; the session is logged in your
        journal like any other.
        """
        from psoas_lib.ui.player import Player

        day, _ = next_session(self.plan, self.now)
        return Player(day.routine_id, catalog=self.catalog, home=self.home, levels=self.progression)

    def _levels(self) -> Progression:
        return replay_progression(
            self.sessions, self.catalog, beyond_top_dose=self.plan.beyond_top_dose
        )

    def _saved(self, plan: WeeklyPlan) -> None:
        self.plan = plan
        self.progression = self._levels()
        self.week.show(plan, self.sessions, self.progression)
        self.levels.show(self.progression)
        self.export.plan, self.export.progression = plan, self.progression
        self._show_errors()
