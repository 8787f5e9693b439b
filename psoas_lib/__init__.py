"""Psoas Coach: exercises, routines, timer, journal, assessment and progress for the workbook.

>>> from psoas_lib import load_catalog
>>> load_catalog().routines["desk-reset"].name
'Desk reset'

Importing the package is cheap and has no side effect: each name below is imported from its
module the first time it is used. The notebook conveniences (friendly errors, figures that
show themselves) are installed by the widget layer, :mod:`psoas_lib.ui`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from psoas_lib.coaching.assessment import Assessment, AssessmentError, assess
    from psoas_lib.coaching.timer import RoutineTimer, TimerState
    from psoas_lib.content.catalog import (
        Catalog,
        CatalogError,
        load_catalog,
        make_routine,
        save_routine,
    )
    from psoas_lib.content.checklist import ChecklistItem, load_checklist
    from psoas_lib.content.exercise import Dose, Exercise
    from psoas_lib.content.routine import Routine, RoutineItem, Segment
    from psoas_lib.errors import PsoasError
    from psoas_lib.journal.sample import synthetic_sessions, write_synthetic_journal
    from psoas_lib.journal.store import Journal, JournalError, JournalWarning
    from psoas_lib.paths import DATA_DIR, data_home
    from psoas_lib.plan.progression import (
        ExerciseLevel,
        LevelChange,
        Progression,
        replay_progression,
        routine_at_levels,
    )
    from psoas_lib.plan.weekly import (
        PlanDay,
        PlanError,
        WeeklyPlan,
        current_plan,
        default_plan,
        load_plan,
        save_plan,
    )
    from psoas_lib.plan.weeks import planned_vs_done, week_status
    from psoas_lib.progress import (
        assessment_scores,
        average_tightness_change,
        category_minutes,
        exercise_counts,
        streaks,
        tightness_log,
        weekly_category_minutes,
        weekly_summary,
    )
    from psoas_lib.progress import summary as progress_summary

__version__ = "0.1.0"

#: Public name -> (module, attribute): imported on first use.
_EXPORTS: dict[str, tuple[str, str]] = {
    "Assessment": ("psoas_lib.coaching.assessment", "Assessment"),
    "AssessmentError": ("psoas_lib.coaching.assessment", "AssessmentError"),
    "Catalog": ("psoas_lib.content.catalog", "Catalog"),
    "CatalogError": ("psoas_lib.content.catalog", "CatalogError"),
    "ChecklistItem": ("psoas_lib.content.checklist", "ChecklistItem"),
    "DATA_DIR": ("psoas_lib.paths", "DATA_DIR"),
    "Dose": ("psoas_lib.content.exercise", "Dose"),
    "Exercise": ("psoas_lib.content.exercise", "Exercise"),
    "ExerciseLevel": ("psoas_lib.plan.progression", "ExerciseLevel"),
    "Journal": ("psoas_lib.journal.store", "Journal"),
    "JournalError": ("psoas_lib.journal.store", "JournalError"),
    "JournalWarning": ("psoas_lib.journal.store", "JournalWarning"),
    "LevelChange": ("psoas_lib.plan.progression", "LevelChange"),
    "PlanDay": ("psoas_lib.plan.weekly", "PlanDay"),
    "PlanError": ("psoas_lib.plan.weekly", "PlanError"),
    "Progression": ("psoas_lib.plan.progression", "Progression"),
    "PsoasError": ("psoas_lib.errors", "PsoasError"),
    "Routine": ("psoas_lib.content.routine", "Routine"),
    "RoutineItem": ("psoas_lib.content.routine", "RoutineItem"),
    "RoutineTimer": ("psoas_lib.coaching.timer", "RoutineTimer"),
    "Segment": ("psoas_lib.content.routine", "Segment"),
    "TimerState": ("psoas_lib.coaching.timer", "TimerState"),
    "WeeklyPlan": ("psoas_lib.plan.weekly", "WeeklyPlan"),
    "assess": ("psoas_lib.coaching.assessment", "assess"),
    "assessment_scores": ("psoas_lib.progress", "assessment_scores"),
    "average_tightness_change": ("psoas_lib.progress", "average_tightness_change"),
    "category_minutes": ("psoas_lib.progress", "category_minutes"),
    "current_plan": ("psoas_lib.plan.weekly", "current_plan"),
    "data_home": ("psoas_lib.paths", "data_home"),
    "default_plan": ("psoas_lib.plan.weekly", "default_plan"),
    "exercise_counts": ("psoas_lib.progress", "exercise_counts"),
    "load_catalog": ("psoas_lib.content.catalog", "load_catalog"),
    "load_checklist": ("psoas_lib.content.checklist", "load_checklist"),
    "load_plan": ("psoas_lib.plan.weekly", "load_plan"),
    "make_routine": ("psoas_lib.content.catalog", "make_routine"),
    "planned_vs_done": ("psoas_lib.plan.weeks", "planned_vs_done"),
    "progress_summary": ("psoas_lib.progress", "summary"),
    "replay_progression": ("psoas_lib.plan.progression", "replay_progression"),
    "routine_at_levels": ("psoas_lib.plan.progression", "routine_at_levels"),
    "save_plan": ("psoas_lib.plan.weekly", "save_plan"),
    "save_routine": ("psoas_lib.content.catalog", "save_routine"),
    "streaks": ("psoas_lib.progress", "streaks"),
    "synthetic_sessions": ("psoas_lib.journal.sample", "synthetic_sessions"),
    "tightness_log": ("psoas_lib.progress", "tightness_log"),
    "week_status": ("psoas_lib.plan.weeks", "week_status"),
    "weekly_category_minutes": ("psoas_lib.progress", "weekly_category_minutes"),
    "weekly_summary": ("psoas_lib.progress", "weekly_summary"),
    "write_synthetic_journal": ("psoas_lib.journal.sample", "write_synthetic_journal"),
}

__all__ = [
    "DATA_DIR",
    "Assessment",
    "AssessmentError",
    "Catalog",
    "CatalogError",
    "ChecklistItem",
    "Dose",
    "Exercise",
    "ExerciseLevel",
    "Journal",
    "JournalError",
    "JournalWarning",
    "LevelChange",
    "PlanDay",
    "PlanError",
    "Progression",
    "PsoasError",
    "Routine",
    "RoutineItem",
    "RoutineTimer",
    "Segment",
    "TimerState",
    "WeeklyPlan",
    "assess",
    "assessment_scores",
    "average_tightness_change",
    "category_minutes",
    "current_plan",
    "data_home",
    "default_plan",
    "exercise_counts",
    "load_catalog",
    "load_checklist",
    "load_plan",
    "make_routine",
    "planned_vs_done",
    "progress_summary",
    "replay_progression",
    "routine_at_levels",
    "save_plan",
    "save_routine",
    "streaks",
    "synthetic_sessions",
    "tightness_log",
    "week_status",
    "weekly_category_minutes",
    "weekly_summary",
    "write_synthetic_journal",
]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'psoas_lib' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
