"""The ``psoas`` subcommands: a module adds one by decorating its ``register(subparsers)``.

The command line (:func:`psoas_lib.cli.main.build_parser`) imports each module named in
:data:`psoas_lib.cli.main.COMMAND_MODULES`, then calls every registered function in turn::

    @subcommand
    def register(subparsers):
        plan = subparsers.add_parser("plan", help="...")
        plan.set_defaults(func=run_plan)      # run_plan(args, io) -> exit code

>>> before = len(COMMANDS)
>>> @subcommand
... def register(subparsers): ...
>>> COMMANDS[-1] is register, len(COMMANDS) - before
(True, 1)
>>> COMMANDS.remove(register)
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

__all__ = ["COMMANDS", "Register", "subcommand"]

Register = Callable[["argparse._SubParsersAction[argparse.ArgumentParser]"], None]

#: ``register(subparsers)`` functions, one per subcommand group, in the order of ``--help``.
COMMANDS: list[Register] = []


def subcommand(register: Register) -> Register:
    """Add a ``register(subparsers)`` function to the ``psoas`` command line."""
    COMMANDS.append(register)
    return register
