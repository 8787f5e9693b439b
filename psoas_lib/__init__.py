"""Psoas Coach: exercises, routines, timer, journal, assessment and progress for the workbook.

>>> from psoas_lib import load_catalog
>>> load_catalog().routines["desk-reset"].name
'Desk reset'
"""

from .assessment import Assessment, AssessmentError, ChecklistItem, assess, load_checklist
from .catalog import Catalog, CatalogError, load_catalog, make_routine, save_routine
from .errors import PsoasError
from .exercise import Dose, Exercise
from .journal import Journal, JournalError, JournalWarning
from .notebook import install_notebook_support
from .paths import DATA_DIR, data_home
from .plan import (
    PlanDay,
    PlanError,
    WeeklyPlan,
    current_plan,
    default_plan,
    load_plan,
    save_plan,
)
from .plan_weeks import planned_vs_done, week_status
from .progress import (
    assessment_scores,
    average_tightness_change,
    category_minutes,
    exercise_counts,
    streaks,
    tightness_log,
    weekly_category_minutes,
    weekly_summary,
)
from .progress import summary as progress_summary
from .progression import (
    ExerciseLevel,
    LevelChange,
    Progression,
    replay_progression,
    routine_at_levels,
)
from .routine import Routine, RoutineItem, Segment
from .sample import synthetic_sessions, write_synthetic_journal
from .timer import RoutineTimer, TimerState

__version__ = "0.1.0"

install_notebook_support()

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
