"""The ``psoas plan`` terminal commands: show the weekly plan, export it as a calendar file.

``psoas plan export --ics FILE`` writes the plan (the default one when the user has not set
any) as an iCalendar file; ``psoas plan show`` prints it. :func:`register` adds them to the
``psoas`` command's subcommands (through :func:`psoas_lib.cli.commands.subcommand`);
``python -m psoas_lib.cli.plan`` runs them on their own.

>>> import argparse
>>> parser = argparse.ArgumentParser(prog="psoas")
>>> _ = register(parser.add_subparsers(dest="command"))
>>> args = parser.parse_args(["plan", "export", "--ics", "week.ics"])
>>> args.ics, args.force
('week.ics', False)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from typing import Any, TextIO

from psoas_lib.cli.commands import subcommand
from psoas_lib.errors import PsoasError

__all__ = ["main", "register", "run"]


@subcommand
def _register_plan(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The ``psoas`` command's hook (this module is named in ``cli.COMMAND_MODULES``)."""
    register(subparsers)


def register(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
) -> argparse.ArgumentParser:
    """Add ``plan`` (with ``show`` and ``export``) to a parser's subcommands."""
    plan = subparsers.add_parser(
        "plan",
        help="your weekly plan: show it, or export it to a calendar file",
        description="Your weekly plan (3 to 5 sessions a week). Without a saved plan, the "
        "default one that follows your latest self-assessment is used.",
    )
    actions = plan.add_subparsers(dest="plan_command", metavar="{show,export}")
    actions.add_parser("show", help="print the plan")
    export = actions.add_parser(
        "export",
        help="write the plan as an iCalendar (.ics) file",
        description="Write the plan as weekly recurring events that any calendar app can "
        "import, with each routine's length and a reminder.",
    )
    export.add_argument(
        "--ics",
        metavar="FILE",
        help="the file to write (default: exports/psoas-plan.ics in your data folder)",
    )
    export.add_argument(
        "--force",
        action="store_true",
        help="replace FILE if it exists (the old one is kept as FILE.bak)",
    )
    export.add_argument(
        "--start",
        metavar="YYYY-MM-DD",
        type=date.fromisoformat,
        help="the first day the events may start on (default: today)",
    )
    plan.set_defaults(func=run)
    return plan


def run(args: argparse.Namespace, console: Any = None) -> int:
    """Run a ``plan`` command; a workbook error prints its message and returns 1.

    ``console`` is the ``psoas`` command's (anything with ``stdout`` and ``stderr``).
    """
    out = console.stdout if console is not None else sys.stdout
    err = console.stderr if console is not None else sys.stderr
    try:
        if getattr(args, "plan_command", None) == "export":
            return _export(args, out)
        return _show(out)
    except PsoasError as exc:
        print(f"psoas plan: {exc}", file=err)
        return 1


def _show(out: TextIO) -> int:
    from psoas_lib.content.catalog import load_catalog
    from psoas_lib.plan.weekly import proposed_plan

    catalog = load_catalog()
    plan = proposed_plan(catalog)  # after an uncleared red flag: PlanBlocked says why
    print(
        "Your weekly plan" + (" (the default one)" if plan.source == "default" else "") + ":",
        file=out,
    )
    for day in plan.days:
        routine = catalog.routines[day.routine_id]
        print(f"  {day.day_name:<9} {day.time:%H:%M}  {routine.name}", file=out)
    if plan.note:
        print(plan.note, file=out)
    return 0


def _export(args: argparse.Namespace, out: TextIO) -> int:
    from psoas_lib.content.catalog import load_catalog
    from psoas_lib.plan.calendar import export_my_calendar

    path, plan = export_my_calendar(args.ics, overwrite=args.force, start=args.start)
    names = load_catalog().routines
    days = ", ".join(f"{d.day_name} {d.time:%H:%M} {names[d.routine_id].name}" for d in plan.days)
    which = "your plan" if plan.source == "saved" else "the default plan"
    print(f"Wrote {which} to {path}: {days}, every week.", file=out)
    print("Import this file into your calendar app to be reminded 10 minutes before.", file=out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m psoas_lib.cli.plan export --ics FILE``: the plan commands on their own."""
    parser = argparse.ArgumentParser(prog="psoas")
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["plan", *(sys.argv[1:] if argv is None else argv)])
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
