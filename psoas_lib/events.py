"""Change notification: the journal announces what it wrote, the views that show it listen.

Every write to the user's data folder (a session or an assessment appended, the plan saved,
a routine saved, a journal repaired...) calls :func:`announce` once the file is on disk.
Views call :func:`observe` with a callback and the kinds they care about; the callback runs
in the same process, right after the write, with a :class:`Change`. No polling, no widgets:
a pure, in-process registry. A view that is garbage-collected drops out by itself (bound
methods are held weakly), and :meth:`Observer.cancel` drops one at once.

>>> import tempfile
>>> home = Path(tempfile.mkdtemp())
>>> seen = []
>>> watch = observe(lambda change: seen.append(change.kind), "session", home=home)
>>> announce("session", home / "sessions.csv")
>>> announce("plan", home / "plan.toml")        # not a kind it watches
>>> announce("session", Path(tempfile.mkdtemp()) / "sessions.csv")  # another folder
>>> seen
['session']
>>> watch.cancel()
>>> announce("session", home / "sessions.csv")
>>> seen
['session']
"""

from __future__ import annotations

import contextlib
import logging
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import MethodType

__all__ = ["KINDS", "Change", "Observer", "announce", "observe"]

#: What can be written: one kind per file or record type.
KINDS = (
    "session",  # a line appended to sessions.csv (a logged or recovered session)
    "assessment",  # a line appended to assessments.csv
    "plan",  # plan.toml saved
    "routine",  # a routine of the user's saved
    "programme",  # a physiotherapist's programme imported
    "clearance",  # a professional's clearance recorded (clearances.csv)
    "pain-report",  # where and how much it hurt, after a pain stop (pain_reports.csv)
    "psfs",  # the Patient-Specific Functional Scale's ratings (psfs.csv)
    "form-check",  # what Check my form kept of a session (form_checks.csv)
    "repair",  # a journal file rewritten by Journal.repair (a backup kept)
)

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """What was written: its kind, the file, and the data folder it is in."""

    kind: str
    path: Path
    home: Path


@dataclass(eq=False)
class Observer:
    """One registered callback; :meth:`cancel` stops it."""

    kinds: frozenset[str]
    home: Path | None
    _ref: Callable[[], Callable[[Change], object] | None] = field(repr=False)

    def wants(self, change: Change) -> bool:
        if change.kind not in self.kinds:
            return False
        return self.home is None or _same(self.home, change.home)

    def callback(self) -> Callable[[Change], object] | None:
        return self._ref()

    def cancel(self) -> None:
        _remove(self)


_observers: list[Observer] = []


def _remove(observer: Observer) -> None:
    """Drop ``observer`` (no error if it is gone already)."""
    with contextlib.suppress(ValueError):
        _observers.remove(observer)


def _check_kinds(kinds: Iterable[str]) -> frozenset[str]:
    wanted = frozenset(kinds)
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise ValueError(f"unknown change kind(s) {unknown}: choose from {', '.join(KINDS)}")
    return wanted


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a.absolute() == b.absolute()


def observe(
    callback: Callable[[Change], object],
    *kinds: str,
    home: Path | str | None = None,
) -> Observer:
    """Call ``callback(change)`` after each write of one of ``kinds`` (all kinds when none).

    With ``home``, only writes in that data folder. A bound method is held weakly (its object
    may be collected, and then it is dropped); any other callable is held until cancelled.

    >>> observe(print, "nap")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown change kind(s) ['nap']: choose from session, assessment, plan, ...
    """
    wanted = _check_kinds(kinds or KINDS)
    ref: Callable[[], Callable[[Change], object] | None]
    if isinstance(callback, MethodType):
        ref = weakref.WeakMethod(callback)
    else:

        def ref() -> Callable[[Change], object]:
            return callback

    observer = Observer(wanted, Path(home) if home is not None else None, ref)
    _observers.append(observer)
    return observer


def announce(kind: str, path: Path | str, home: Path | str | None = None) -> None:
    """Tell every observer of ``kind`` that ``path`` (in the data folder ``home``, by default
    the file's folder) was written.

    An observer that fails is logged and the others still run: the write itself succeeded.
    """
    _check_kinds([kind])
    change = Change(kind, Path(path), Path(home) if home is not None else Path(path).parent)
    for observer in list(_observers):
        callback = observer.callback()
        if callback is None:  # its view is gone
            _remove(observer)
            continue
        if not observer.wants(change):
            continue
        try:
            callback(change)
        except Exception:  # one broken view must not undo or hide the write
            _log.exception("a view observing %s changes failed", kind)


def observers() -> int:
    """How many observers are registered (for tests and diagnostics)."""
    return len(_observers)
