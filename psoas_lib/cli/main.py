"""The terminal runner: ``psoas list`` and ``psoas run ROUTINE_ID`` (or ``python -m psoas_lib``).

``run`` drives the same :class:`~psoas_lib.coaching.player_session.PlayerSession` as the
notebook player (its timer, its cue script, its rules for pain stops and logging): the
current step and a one-line progress bar are redrawn in place. Ctrl-C pauses; at the pause
prompt ``r`` resumes, ``s`` (or a second Ctrl-C) stops, ``p`` is a sharp-pain stop. At the
end the runner asks for tightness before and after (Enter skips) and logs the session in
the same journal as the notebooks.

Doses are the notebooks' (one dose system): each exercise at your level from the journal
(start easy, step up, step back after a pain stop), or the catalog's doses with
``--full-dose`` (logged as such); ``psoas list`` shows the lengths at your levels. A routine
of static holds that needs a warm-up first asks: ``w`` (or Enter) runs the 5-minute warm-up
and then the routine, ``y`` confirms "I have already warmed up for 5 minutes" (as
``--warmed-up`` does; logged as such). A warm-up logged in the last 30 minutes counts.

While it runs, the session's progress is kept on disk (see
:mod:`psoas_lib.journal.checkpoint`). Closing the terminal (SIGHUP) or ``kill`` (SIGTERM)
saves the progress and exits with a line saying the session is kept; after a ``kill -9`` or
a crash, the last checkpoint (at most 15 s old) is there. Before a routine starts, ``run``
offers each unfinished session ("Desk reset, started 18:32, 3:10 done: log it, or discard
it"); ``list`` mentions them.

Subcommands are pluggable: a module adds one by decorating a ``register(subparsers)``
function with :func:`~psoas_lib.cli.commands.subcommand` and naming itself in
:data:`COMMAND_MODULES`.

>>> build_parser().parse_args(["run", "desk-reset"]).routine_id
'desk-reset'
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator

from psoas_lib.cli.commands import COMMANDS, subcommand
from psoas_lib.cli.console import Console
from psoas_lib.clock import format_clock, format_countdown
from psoas_lib.coaching.checkpointing import stale_after_s
from psoas_lib.coaching.cues import Cue, form_cue_texts, routine_form_cues, segment_phrase
from psoas_lib.coaching.player_session import PlayerSession
from psoas_lib.coaching.session import (
    PHASES,
    SAFETY_ADVICE,
    WARM_UP_ADVICE,
    WARM_UP_CONFIRM,
    repetition_text,
    side_text,
)
from psoas_lib.coaching.timer import TimerState
from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.routine import Routine
from psoas_lib.errors import PsoasError
from psoas_lib.journal.checkpoint import Checkpoint, Checkpoints

__all__ = [
    "COMMAND_MODULES",
    "SPEED_ENV",
    "build_parser",
    "main",
    "offer_unfinished",
    "run_routine",
]

#: Modules imported before the parser is built, so their ``@subcommand`` functions register.
COMMAND_MODULES: tuple[str, ...] = (
    "psoas_lib.cli.plan",
    "psoas_lib.cli.notebooks",
    "psoas_lib.cli.safety",
    "psoas_lib.cli.journal",
)
#: For tests only: run the clock this many times faster (the same as ``run --speed``).
SPEED_ENV = "PSOAS_SPEED"
BAR_WIDTH = 30
TICK_S = 0.2


# ---- list --------------------------------------------------------------------------------------


@subcommand
def _register_list(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("list", help="show the routines and how long each takes")
    parser.add_argument(
        "--full-dose", action="store_true", help="lengths at the catalog's doses, not your levels"
    )
    parser.set_defaults(func=_list)


def _list(args: argparse.Namespace, console: Console) -> int:
    from psoas_lib.plan.levels import journal_dose

    catalog = load_catalog()
    routines = journal_dose(catalog, full_dose=args.full_dose).dosed(catalog).routines.values()
    width = max(len(r.id) for r in routines)
    for r in routines:
        mine = "  (yours)" if r.source == "user" else ""
        where = ", ".join(r.positions)
        console.say(
            f"{r.id:<{width}}  {format_clock(r.total_seconds):>6}  {r.name}{mine}  [{where}]"
        )
    console.say(
        "\nLengths at the catalog's full dose."
        if args.full_dose
        else "\nLengths at your levels (psoas list --full-dose: at the catalog's doses)."
    )
    store = Checkpoints()
    unfinished = store.unfinished(stale_after_s=stale_after_s())
    for problem in store.problems:
        console.stderr.write(f"psoas: {problem}\n")
    if unfinished:
        console.say("\nNot finished (psoas run offers to log or discard each):")
        for checkpoint in unfinished:
            console.say(f"  {checkpoint.describe()}")
    return 0


# ---- run -----------------------------------------------------------------------------------------


@subcommand
def _register_run(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "run",
        help="run a routine with a timer and log it",
        description="Run a routine in the terminal. Ctrl-C pauses; then r resumes, s stops, "
        "p stops for sharp pain.",
    )
    parser.add_argument("routine_id", help="a routine id, as shown by 'psoas list'")
    parser.add_argument(
        "--speed",
        type=float,
        default=None,
        help=f"for testing: run the clock this many times faster (also ${SPEED_ENV})",
    )
    parser.add_argument("--no-log", action="store_true", help="do not ask or write the journal")
    parser.add_argument(
        "--warmed-up",
        action="store_true",
        help=f'"{WARM_UP_CONFIRM}": start a routine of static holds without the warm-up',
    )
    parser.add_argument(
        "--full-dose",
        action="store_true",
        help="run the catalog's doses instead of your levels (logged as such)",
    )
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace, console: Console) -> int:
    catalog = load_catalog()
    if args.routine_id not in catalog.routines:
        known = ", ".join(catalog.routines)
        console.stderr.write(f"psoas: no routine {args.routine_id!r}. Choose one of: {known}\n")
        return 2
    speed = args.speed if args.speed is not None else float(os.environ.get(SPEED_ENV) or 1)
    if speed <= 0:
        console.stderr.write("psoas: --speed must be more than 0\n")
        return 2
    return run_routine(
        catalog.routines[args.routine_id],
        console,
        speed=speed,
        log=not args.no_log,
        catalog=catalog,
        warmed_up=args.warmed_up,
        full_dose=args.full_dose,
    )


def scaled_clock(speed: float, base: Callable[[], float] = time.monotonic) -> Callable[[], float]:
    """A monotonic clock running ``speed`` times faster than ``base`` (for tests).

    >>> now = [10.0]
    >>> clock = scaled_clock(60, lambda: now[0])
    >>> now[0] = 11.0
    >>> clock() - 10.0
    60.0
    """
    if speed == 1:
        return base
    start = base()
    return lambda: start + (base() - start) * speed


def run_routine(
    routine: Routine,
    console: Console,
    *,
    speed: float = 1.0,
    log: bool = True,
    clock: Callable[[], float] | None = None,
    catalog: Catalog | None = None,
    warmed_up: bool = False,
    full_dose: bool = False,
) -> int:
    """Run ``routine`` to its end (or until stopped), then log it. Returns the exit code.

    ``clock`` replaces the (``speed``-scaled) monotonic clock; tests pair it with a
    ``console.sleep`` that moves it. ``catalog`` (default: the presets and the user's own)
    is where the warm-up is found. The doses are your levels unless ``full_dose``;
    ``warmed_up`` is the confirmation "I have already warmed up for 5 minutes".
    """
    from psoas_lib.plan.levels import journal_dose

    base = catalog or load_catalog()
    runs = dataclasses.replace(base, routines={**base.routines, routine.id: routine})
    session = PlayerSession(
        runs,
        routine.id,
        clock=clock or scaled_clock(speed),
        keep_progress=log,
        dose=journal_dose(runs, full_dose=full_dose),
    )
    if log:
        offer_unfinished(session, console)
    if warmed_up:
        session.warm_up.confirm()
    if threading.current_thread() is not threading.main_thread():
        return _warm_then_run(session, console, speed, log)
    # Ctrl-C is the pause key, even where the shell started us with SIGINT ignored.
    previous = {signal.SIGINT: signal.signal(signal.SIGINT, signal.default_int_handler)}
    for signum in _ENDING:
        previous[signum] = signal.signal(signum, _ending)
    try:
        return _warm_then_run(session, console, speed, log)
    except _Ended as ended:
        return _kept(session, console, ended.signum)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


#: The signals that end a run with its progress kept: the terminal closed, a plain ``kill``.
_ENDING = tuple(getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name))


class _Ended(BaseException):
    """Raised by the SIGHUP and SIGTERM handler, wherever the runner is (even in a prompt)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _ending(signum: int, _frame: object) -> None:
    for ending in _ENDING:  # a second signal must not cut the saving short
        signal.signal(ending, signal.SIG_IGN)
    raise _Ended(signum)


def _kept(session: PlayerSession, console: Console, signum: int) -> int:
    """Save the progress of a run ended by a signal, say so if the terminal is still there,
    and return the exit code a shell expects (128 + the signal's number)."""
    name = signal.Signals(signum).name
    if session.logged:
        text = f"psoas: ended by {name}; the session was already saved in your journal."
    elif session.checkpointing.checkpoint is not None and session.keep():
        kept = session.checkpointing.checkpoint  # as just saved
        text = (
            f"psoas: ended by {name}. The session is kept ({kept.describe()}): "
            "it will be offered next time you run a routine."
        )
    elif session.started_at is None or session.checkpointing.checkpoint is None:
        text = f"psoas: ended by {name}; nothing to keep."
    else:
        text = (
            f"psoas: ended by {name}; the progress could not be saved: "
            f"{session.checkpointing.problem}"
        )
    try:
        console.stdout.write("\n")
        console.stderr.write(text + "\n")
        console.stderr.flush()
    except (OSError, ValueError):
        pass  # the terminal is gone (SIGHUP): the checkpoint is what matters
    return 128 + signum


def offer_unfinished(session: PlayerSession, console: Console) -> None:
    """Offer each interrupted session before a run: ``l`` logs it (as recovered), ``d``
    discards it, Enter (or the end of input) leaves it to be offered next time."""
    try:
        found = session.checkpointing.unfinished()
    except (PsoasError, OSError) as err:
        console.stderr.write(f"psoas: cannot look for unfinished sessions: {err}\n")
        return
    for problem in session.checkpointing.store.problems:
        console.stderr.write(f"psoas: {problem}\n")
    for checkpoint in found:
        while True:
            try:
                answer = console.ask(
                    f"Not finished: {checkpoint.describe()}. "
                    "l = log it, d = discard it, Enter = ask again next time: "
                )
            except KeyboardInterrupt:
                answer = None
            if not answer:
                console.say("Kept: it will be offered next time.")
                break
            if answer.lower() in ("l", "d"):
                _settle(session, checkpoint, answer.lower(), console)
                break


def _settle(session: PlayerSession, checkpoint: Checkpoint, answer: str, console: Console) -> None:
    try:
        kept = session.checkpointing
        done = kept.recover(checkpoint) if answer == "l" else kept.discard(checkpoint)
    except (PsoasError, OSError) as err:
        console.stderr.write(f"psoas: {err}\n")
        return
    if not done:
        console.say("Already logged or discarded elsewhere: nothing to do.")
    else:
        console.say(
            "Logged in your journal, marked as recovered." if answer == "l" else "Discarded."
        )


def _warm_then_run(session: PlayerSession, console: Console, speed: float, log: bool) -> int:
    """Run the routine; first the warm-up (or the confirmation of one) when it needs it."""
    if session.offers_warm_up:
        console.say(WARM_UP_ADVICE)
        answer = _warm_up_prompt(console)
        if answer == "y":
            session.warm_up.confirm()
        else:
            session.warm_up_first()
            code = _run_routine(session, console, speed, log)
            target = session.go_on_target
            if code != 0 or target is None:
                console.say(
                    "The warm-up did not finish, so the routine does not start. Run it again, "
                    "or pass --warmed-up once you have warmed up for 5 minutes."
                )
                return code
            session.return_to = None
            session.load(target.id, drop=False)  # saved (or not logged) above
            console.say("")
    return _run_routine(session, console, speed, log)


def _warm_up_prompt(console: Console) -> str:
    """Ask until w or y; Enter, a Ctrl-C or the end of input run the warm-up (w)."""
    while True:
        try:
            answer = console.ask(
                f'w = warm up first (5 minutes, then the routine; Enter), y = "{WARM_UP_CONFIRM}": '
            )
        except KeyboardInterrupt:
            return "w"
        if not answer:
            return "w"
        if answer.lower() in ("w", "y"):
            return answer.lower()


def _run_routine(session: PlayerSession, console: Console, speed: float, log: bool) -> int:
    from psoas_lib.cli.safety import (  # it registers a subcommand here
        ask_pain_report,
        record_pain_stop,
        refused,
    )

    if session.choose(session.routine.id) == "blocked":  # asks the safety state first
        return refused(session.safety_gate.refusal, console.stderr)
    if session.safety_gate.verdict is not None and session.safety_gate.verdict.held_out:
        console.say(session.safety_gate.verdict.message)
    routine, names = session.routine, session.names
    dose = (
        "the catalog's full dose"
        if session.dose.full_dose
        else "doses at your levels"
        if session.dose.levelled
        else "doses as written"
    )
    console.say(
        f"{routine.name} · {format_clock(routine.total_seconds)} · "
        f"{len(routine.items)} exercises · {dose}. Ctrl-C pauses."
    )
    screen = _Screen(console, routine, names)
    outcome = session.start()
    if outcome == "blocked":  # refused since the check above: still nothing runs
        return refused(session.safety_gate.refusal, console.stderr)
    if outcome != "started":
        console.stderr.write("psoas: the routine could not start.\n")
        return 1
    if session.checkpointing.problem:
        console.stderr.write(f"psoas: {session.checkpointing.problem}\n")
    while True:
        try:
            tick = session.tick()
            screen.show(tick.state, tick.cue)
            if tick.state.over:
                break
            console.sleep(TICK_S / max(speed, 1.0))
        except KeyboardInterrupt:
            session.pause()
            screen.show(session.state(), None)
            answer = _pause_prompt(console)
            if answer == "r":
                session.resume()
            elif answer == "p":
                session.pain_stop()
            else:
                session.stop()
    screen.close()
    state = session.state()
    if session.pain:
        console.say("Stopped for sharp pain. " + SAFETY_ADVICE)
        if log:
            ask_pain_report(session, console)
        else:
            record_pain_stop(session, console)
    console.say(
        f"{'Finished' if state.finished else 'Stopped'} after "
        f"{format_clock(state.elapsed)}; exercises done: "
        f"{', '.join(names[e] for e in session.timer.exercises_done()) or 'none'}."
    )
    if not log:
        return 0
    before = _rating(console, "Tightness before, 0–10 (Enter to skip): ")
    after = _rating(console, "Tightness after, 0–10 (Enter to skip): ")
    notes = console.ask("Notes (Enter to skip): ") or ""
    try:
        with _signals_held():  # the entry is written whole, then the checkpoint removed
            session.save(tightness_before=before, tightness_after=after, notes=notes)
    except (PsoasError, OSError) as err:
        console.stderr.write(f"psoas: the session was not saved: {err}\n")
        return 1
    if session.logged_elsewhere:
        console.say("Already in your journal (logged from another window): not logged twice.")
    else:
        console.say("Saved in your journal.")
    return 0


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGHUP and SIGTERM back while the journal is written (they act right after)."""
    held = threading.current_thread() is threading.main_thread() and hasattr(
        signal, "pthread_sigmask"
    )
    if held:
        signal.pthread_sigmask(signal.SIG_BLOCK, _ENDING)
    try:
        yield
    finally:
        if held:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _ENDING)


def _pause_prompt(console: Console) -> str:
    """Ask until r, s or p; a second Ctrl-C or the end of input stops."""
    while True:
        try:
            answer = console.ask("\nPaused. r = resume, s = stop, p = sharp pain: ")
        except KeyboardInterrupt:
            return "s"
        if answer is None:
            return "s"
        if answer.lower() in ("r", "s", "p"):
            return answer.lower()


def _rating(console: Console, prompt: str) -> int | None:
    while True:
        try:
            answer = console.ask(prompt)
        except KeyboardInterrupt:
            return None
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        console.say("Please type a whole number from 0 to 10, or press Enter to skip.")


class _Screen:
    """The runner's display: a block redrawn in place on a terminal, plain lines otherwise."""

    def __init__(self, console: Console, routine: Routine, names: dict[str, str]) -> None:
        self.console = console
        self.catalog_steps = {i.exercise.id: i.steps for i in reversed(routine.items)}
        self.names = names
        self.drawn = 0
        self.shown_steps: str | None = None
        self.form_cues = form_cue_texts(routine.timeline(), routine_form_cues(routine))

    def show(self, state: TimerState, cue: Cue | None) -> None:
        if cue is not None or self.drawn == 0:
            self._steps(state.segment.exercise_id)
        if self.console.live:
            self._redraw(state, cue)
        elif cue is not None and cue.kind != "countdown":
            self.console.say(f"[{format_clock(state.position)}] {cue.text}")
            if cue.kind == "start" and cue.index in self.form_cues:
                self.console.say(f"  Form: {self.form_cues[cue.index]}")

    def _steps(self, exercise_id: str | None) -> None:
        if not exercise_id or exercise_id == self.shown_steps:
            return
        self.shown_steps = exercise_id
        if self.console.live and self.drawn:
            self._clear()
        self.console.say(f"\n{self.names.get(exercise_id, exercise_id)}")
        for n, step in enumerate(self.catalog_steps.get(exercise_id, ()), start=1):
            self.console.say(f"  {n}. {step}")

    def _clear(self) -> None:
        self.console.stdout.write(f"\x1b[{self.drawn}F\x1b[J")
        self.drawn = 0

    def _redraw(self, state: TimerState, cue: Cue | None) -> None:
        seg = state.segment
        head = " · ".join(
            t
            for t in (
                PHASES[seg.kind],
                self.names.get(seg.exercise_id or "", ""),
                side_text(seg, state.next_segment),
                repetition_text(state),
            )
            if t
        )
        if state.finished:
            head = "Finished. Well done!"
        filled = round(state.fraction_done * BAR_WIDTH)
        status = " PAUSED" if state.paused and not state.over else ""
        bar = (
            f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
            f"{format_clock(state.position)}/{format_clock(state.total)}  "
            f"{format_countdown(state.remaining):>4} s left{status}"
        )
        nxt = state.next_segment
        lines = [head, bar, "Next: " + (segment_phrase(nxt, self.names) if nxt else "the end")]
        if state.index in self.form_cues and not state.over:
            lines.insert(1, f"Form: {self.form_cues[state.index]}")
        if self.drawn:
            self._clear()
        bell = "\a" if cue is not None else ""
        self.console.stdout.write(bell + "".join(f"\x1b[2K{line}\n" for line in lines))
        self.console.stdout.flush()
        self.drawn = len(lines)

    def close(self) -> None:
        self.drawn = 0


# ---- the command line ------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    """The ``psoas`` argument parser with every registered subcommand."""
    for module in COMMAND_MODULES:
        importlib.import_module(module)
    parser = argparse.ArgumentParser(
        prog="psoas", description="Psoas Coach in the terminal: list and run routines."
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in COMMANDS:
        register(subparsers)
    return parser


def main(argv: list[str] | None = None, console: Console | None = None) -> int:
    """Run the ``psoas`` command; returns the exit code (problems are one-line messages)."""
    console = console or Console()
    args = build_parser().parse_args(argv)
    try:
        return args.func(args, console)
    except (PsoasError, OSError) as err:
        console.stderr.write(f"psoas: {err}\n")
        return 1
