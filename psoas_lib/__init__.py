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
    "Journal",
    "JournalError",
    "JournalWarning",
    "PsoasError",
    "Routine",
    "RoutineItem",
    "RoutineTimer",
    "Segment",
    "TimerState",
    "assess",
    "assessment_scores",
    "average_tightness_change",
    "category_minutes",
    "data_home",
    "exercise_counts",
    "load_catalog",
    "load_checklist",
    "make_routine",
    "progress_summary",
    "save_routine",
    "streaks",
    "synthetic_sessions",
    "tightness_log",
    "weekly_category_minutes",
    "weekly_summary",
    "write_synthetic_journal",
]
