"""Psoas Coach: exercises, routines, timer, journal, assessment and progress for the workbook.

>>> from psoas_lib import load_catalog
>>> load_catalog().routines["desk-reset"].name
'Desk reset'

Importing the package is cheap and has no side effect: each name below is imported from its
module the first time it is used. The notebook conveniences (friendly errors, figures that
show themselves) are installed by the widget layer, :mod:`psoas_lib.ui`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# The public API, the one list of its names: type checkers read these imports, and at run time
# ``__getattr__`` reads this block to know where each name lives, imports it on first use and
# builds ``__all__`` from it, so nothing here is imported by ``import psoas_lib``.
if TYPE_CHECKING:
    from psoas_lib.coaching.assessment import Assessment as Assessment
    from psoas_lib.coaching.assessment import AssessmentError as AssessmentError
    from psoas_lib.coaching.assessment import assess as assess
    from psoas_lib.coaching.timer import RoutineTimer as RoutineTimer
    from psoas_lib.coaching.timer import TimerState as TimerState
    from psoas_lib.content.catalog import Catalog as Catalog
    from psoas_lib.content.catalog import CatalogError as CatalogError
    from psoas_lib.content.catalog import load_catalog as load_catalog
    from psoas_lib.content.catalog import make_routine as make_routine
    from psoas_lib.content.catalog import save_routine as save_routine
    from psoas_lib.content.checklist import ChecklistItem as ChecklistItem
    from psoas_lib.content.checklist import load_checklist as load_checklist
    from psoas_lib.content.exercise import Dose as Dose
    from psoas_lib.content.exercise import Exercise as Exercise
    from psoas_lib.content.routine import Routine as Routine
    from psoas_lib.content.routine import RoutineItem as RoutineItem
    from psoas_lib.content.routine import Segment as Segment
    from psoas_lib.errors import PsoasError as PsoasError
    from psoas_lib.journal.sample import synthetic_sessions as synthetic_sessions
    from psoas_lib.journal.sample import write_synthetic_journal as write_synthetic_journal
    from psoas_lib.journal.store import Journal as Journal
    from psoas_lib.journal.store import JournalError as JournalError
    from psoas_lib.journal.store import JournalWarning as JournalWarning
    from psoas_lib.paths import DATA_DIR as DATA_DIR
    from psoas_lib.paths import data_home as data_home
    from psoas_lib.plan.progression import ExerciseLevel as ExerciseLevel
    from psoas_lib.plan.progression import LevelChange as LevelChange
    from psoas_lib.plan.progression import Progression as Progression
    from psoas_lib.plan.progression import replay_progression as replay_progression
    from psoas_lib.plan.progression import routine_at_levels as routine_at_levels
    from psoas_lib.plan.weekly import PlanDay as PlanDay
    from psoas_lib.plan.weekly import PlanError as PlanError
    from psoas_lib.plan.weekly import WeeklyPlan as WeeklyPlan
    from psoas_lib.plan.weekly import current_plan as current_plan
    from psoas_lib.plan.weekly import default_plan as default_plan
    from psoas_lib.plan.weekly import load_plan as load_plan
    from psoas_lib.plan.weekly import save_plan as save_plan
    from psoas_lib.plan.weeks import planned_vs_done as planned_vs_done
    from psoas_lib.plan.weeks import week_status as week_status
    from psoas_lib.progress import assessment_scores as assessment_scores
    from psoas_lib.progress import average_tightness_change as average_tightness_change
    from psoas_lib.progress import category_minutes as category_minutes
    from psoas_lib.progress import exercise_counts as exercise_counts
    from psoas_lib.progress import streaks as streaks
    from psoas_lib.progress import summary as progress_summary  # noqa: F401 (a new name)
    from psoas_lib.progress import tightness_log as tightness_log
    from psoas_lib.progress import weekly_category_minutes as weekly_category_minutes
    from psoas_lib.progress import weekly_summary as weekly_summary

_exports: dict[str, tuple[str, str]] = {}


def _table() -> dict[str, tuple[str, str]]:
    """Public name -> (module, attribute), read once from the ``if TYPE_CHECKING:`` block."""
    if not _exports:
        import ast

        with open(__file__, encoding="utf-8") as source:
            tree = ast.parse(source.read())
        block = next(
            n for n in tree.body if isinstance(n, ast.If) and ast.unparse(n.test) == "TYPE_CHECKING"
        )
        for node in block.body:
            if not isinstance(node, ast.ImportFrom) or node.module is None:
                raise TypeError(f"line {node.lineno}: only 'from MODULE import NAME as NAME' here")
            for alias in node.names:
                _exports[alias.asname or alias.name] = (node.module, alias.name)
    return _exports


def __getattr__(name: str) -> Any:
    if name == "__all__":
        value: Any = sorted(_table())
    elif name in _table():
        import importlib

        module, attribute = _table()[name]
        value = getattr(importlib.import_module(module), attribute)
    else:
        raise AttributeError(f"module 'psoas_lib' has no attribute {name!r}")
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_table(), "__all__"])
