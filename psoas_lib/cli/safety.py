"""What ``psoas run`` says when the safety state refuses a routine, the pain-stop form, and
``psoas cleared`` (record that a professional has cleared you to exercise).

The rules are :mod:`psoas_lib.coaching.safety`; this module only prints and asks.

>>> import io
>>> from psoas_lib.coaching.safety import WAY_CHECKLIST, Verdict
>>> out = io.StringIO()
>>> refused(Verdict(False, ("See a professional first.",), ways_on=(WAY_CHECKLIST,)), out)
1
>>> print(out.getvalue(), end="")
psoas: this routine does not run now. See a professional first.
Ways on:
  - Take the self-assessment again (notebooks/01_self_assessment.ipynb) if things have changed.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from typing import TYPE_CHECKING, TextIO

from psoas_lib.cli.commands import subcommand
from psoas_lib.coaching.safety import Verdict
from psoas_lib.errors import PsoasError
from psoas_lib.journal.schema import PAIN_PLACES

if TYPE_CHECKING:
    from psoas_lib.cli.console import Console
    from psoas_lib.coaching.player_session import PlayerSession

__all__ = ["ask_pain_report", "record_pain_stop", "refused"]

#: How ``psoas`` records a clearance (the notebooks have a button for it).
CLEARED = "psoas cleared --on YYYY-MM-DD (add --exercise ID for one exercise)"


def refused(verdict: Verdict | None, out: TextIO) -> int:
    """Print why nothing runs and the ways on; return the exit code (1)."""
    reason = verdict.message if verdict is not None else "the safety check refused it."
    print(f"psoas: this routine does not run now. {reason}", file=out)
    if verdict is not None and verdict.ways_on:
        print("Ways on:", file=out)
        for way in verdict.ways_on:
            how = f" Run: {CLEARED}" if way.key == "clearance" else ""
            print(f"  - {way.text}{how}", file=out)
    return 1


def ask_pain_report(session: PlayerSession, console: Console) -> bool:
    """After a pain stop: ask where it hurt, how much and a note (Enter skips each), then
    save the pain report. True when it was saved; a journal problem is printed, not raised."""
    from psoas_lib.journal.store import Journal

    if session.started_at is None:
        return False
    places = ", ".join(f"{n} = {p}" for n, p in enumerate(PAIN_PLACES, start=1))
    where = ""
    while True:
        answer = console.ask(f"Where did it hurt? {places} (Enter to skip): ") or ""
        if not answer:
            break
        if answer.isdigit() and 1 <= int(answer) <= len(PAIN_PLACES):
            where = PAIN_PLACES[int(answer) - 1]
            break
        if answer.lower() in PAIN_PLACES:
            where = answer.lower()
            break
        console.say(f"Please type a number from 1 to {len(PAIN_PLACES)}, or press Enter.")
    pain: int | None = None
    asked_again = False
    while True:
        answer = console.ask("How much did it hurt, 0–10 (Enter to skip): ") or ""
        if answer.isdigit() and 0 <= int(answer) <= 10:
            pain = int(answer)
            break
        if not answer and asked_again:
            break  # recorded as "not rated", said so below
        if not answer:
            asked_again = True
            console.say(
                "The rating helps you and a professional later: type 0 to 10, or press "
                "Enter again to record it as not rated."
            )
            continue
        console.say("Please type a whole number from 0 to 10, or press Enter to skip.")
    notes = console.ask("A note on the pain (Enter to skip): ") or ""
    try:
        Journal(session.home).add_pain_report(
            started_at=session.started_at,
            routine_id=session.routine.id,
            exercise_id=session.pain_exercise or "",
            place=where,
            pain=pain,
            notes=notes,
            not_rated=pain is None,
        )
    except (PsoasError, OSError) as err:
        console.stderr.write(f"psoas: the pain report was not saved: {err}\n")
        return False
    console.say(
        "Pain report saved in your journal" + (" (the pain not rated)." if pain is None else ".")
    )
    return True


def record_pain_stop(session: PlayerSession, console: Console) -> bool:
    """``psoas run --no-log`` after a pain stop: record the pain stop all the same (a pain
    report, not rated, naming the exercise), since the safety rules count on it, and say so.
    Nothing else is written. True when it was saved; a problem is printed, not raised."""
    from psoas_lib.journal.store import Journal

    if session.started_at is None:
        return False
    try:
        Journal(session.home).add_pain_report(
            started_at=session.started_at,
            routine_id=session.routine.id,
            exercise_id=session.pain_exercise or "",
            notes="[psoas run --no-log]",
            not_rated=True,
        )
    except (PsoasError, OSError) as err:
        console.stderr.write(f"psoas: the pain stop was NOT recorded: {err}\n")
        return False
    console.say(
        "The pain stop is recorded in your journal even with --no-log (the safety rules "
        "count on it: nothing more today, and a second one within 14 days holds the "
        "exercise out). Nothing else was saved."
    )
    return True


@subcommand
def _register_cleared(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``psoas cleared``: record that a professional has cleared you to exercise."""
    parser = subparsers.add_parser(
        "cleared",
        help="record that a professional has cleared you to exercise",
        description="Record, in your journal, that a GP or a physiotherapist has cleared you "
        "to exercise (after a 'see a professional first' result, or for one exercise held out "
        "after pain stops). The report shows it.",
    )
    parser.add_argument(
        "--on",
        metavar="YYYY-MM-DD",
        type=date.fromisoformat,
        help="the day you saw them (default: today)",
    )
    parser.add_argument(
        "--exercise", metavar="ID", default="", help="only this exercise (default: everything)"
    )
    parser.set_defaults(func=_cleared)


def _cleared(args: argparse.Namespace, console: Console) -> int:
    from psoas_lib.coaching.safety import clearance_problem, read_state
    from psoas_lib.journal.store import Journal

    now = datetime.now().astimezone().replace(microsecond=0)
    day = args.on or now.date()
    problem = clearance_problem(read_state(), day, now, args.exercise)
    if problem is not None:
        console.stderr.write(f"psoas: not recorded. {problem}\n")
        return 1
    Journal().add_clearance(recorded_at=now, cleared_on=day, exercise_id=args.exercise)
    what = f"for {args.exercise}" if args.exercise else "to exercise"
    console.say(f"Recorded: a professional cleared you {what} on {day.isoformat()}.")
    return 0
