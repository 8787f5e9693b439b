"""``psoas journal check`` and ``psoas journal repair``: the journal's problems and their repair.

What the workbook's *Check my journal* page does, for the terminal: ``check`` lists every
problem (file, line, what is wrong, how to fix it) and exits 1 when there is one; ``repair``
rewrites the files that need it after a timestamped backup and says what it removed.

>>> import io, tempfile
>>> from psoas_lib.cli.console import Console
>>> from psoas_lib.cli.main import main
>>> out = io.StringIO()
>>> main(["journal", "check", "--home", tempfile.mkdtemp()], Console(stdout=out))
0
>>> print(out.getvalue(), end="")
The journal has no problems.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from psoas_lib.cli.main import subcommand

__all__ = ["run_journal"]


@subcommand
def _register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "journal",
        help="check the journal files, or repair them",
        description="check: list every problem in the journal files. repair: rewrite the "
        "files that need it (torn lines, copies), keeping the original as a backup.",
    )
    parser.add_argument("action", choices=("check", "repair"))
    parser.add_argument("--home", type=Path, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_journal)


def run_journal(args: argparse.Namespace, console: Any) -> int:
    """Check or repair; the exit code is 1 while a problem is left."""
    from psoas_lib.journal.store import Journal

    journal = Journal(args.home)
    if args.action == "repair":
        for done in journal.repair():
            console.say(
                f"Repaired {done.path.name}: {len(done.removed)} line(s) removed; "
                f"the original is kept as {done.backup}."
            )
    problems = journal.check()
    if not problems:
        console.say("The journal has no problems.")
        return 0
    for problem in problems:
        console.say(str(problem))
    if args.action == "check":
        console.say("To repair it (a backup is kept): psoas journal repair")
    return 1
