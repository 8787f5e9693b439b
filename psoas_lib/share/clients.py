"""The coach's overview: the clients who shared, side by side, those needing a call first.

Reads the drop folder written by :func:`psoas_lib.share.drop.share_with_physio` and keeps each
client's latest share. For each client: sessions a week over the last four weeks against the
sessions planned a week, pain stops in those weeks (with the notes, which say where it hurt,
when the client shared them), the tightness trend (the mean rated tightness before a session,
first three sessions against the last three) and when they were last seen. A client with a
pain stop in the last four weeks, or no session for :data:`QUIET_DAYS` days, is flagged and
comes first (pain stops first of all).

No file can break the page: each is opened as :mod:`psoas_lib.share.untrusted` does (no link
followed, no FIFO waited on, size capped before parsing) and checked field by field; what
cannot be read is shown on that client's row (``problem``: why, and what to do) and the other
clients are still shown. On a hub each client's shares are in their own folder and believed by
its owner's Unix user id (:mod:`psoas_lib.share.folders`); shares loose in the folder are
believed by their file name, which is only right when the folder is trusted (one machine).

>>> import tempfile
>>> overview(latest_shares(tempfile.mkdtemp())).empty
True
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from psoas_lib.coaching.psfs import psfs_summary
from psoas_lib.errors import PsoasError
from psoas_lib.journal.reading import empty_frame
from psoas_lib.journal.schema import ASSESSMENTS, FORM_CHECKS, PSFS, SESSIONS, Schema
from psoas_lib.paths import data_home
from psoas_lib.share.drop import MANIFEST, MANIFEST_CAP, PART_CAP, parse_part
from psoas_lib.share.errors import ShareError
from psoas_lib.share.untrusted import Unreadable, list_folder, open_folder, read_capped

__all__ = [
    "COLUMNS",
    "DROP_ENV",
    "QUIET_DAYS",
    "WINDOW_DAYS",
    "ClientShare",
    "drop_folder",
    "latest_shares",
    "overview",
]

#: The drop folder's path, for the coach notebook and the share widget (default below).
DROP_ENV = "PSOAS_DROP"
#: No session for this many days: flagged.
QUIET_DAYS = 10
#: The window for sessions a week and pain stops: four weeks.
WINDOW_DAYS = 28
#: Sessions at the start and at the end compared for the tightness trend.
TREND_SESSIONS = 3
#: The parts a share may have.
PARTS = ("sessions", "assessments", "psfs", "form_checks", "report")
#: A share dated later than now plus this (clocks differ a little) is not believed.
FUTURE_SLACK = timedelta(hours=1)
#: The most shares of one client read (newest first, by the time in their names).
MAX_MANIFESTS = 500


def drop_folder() -> Path:
    """The drop folder: ``$PSOAS_DROP``, or else ``<data folder>/drop``."""
    value = os.environ.get(DROP_ENV, "").strip()
    return Path(value).expanduser() if value else data_home() / "drop"


@dataclass(frozen=True)
class ClientShare:
    """One client's latest readable share, and what could not be read (``problem``).

    ``verified``: the share was in the client's own folder, owned by their Unix user (a hub);
    otherwise it is believed by its file name (one-machine mode: the folder is trusted).
    ``shared_at`` is None when no share of the client could be read at all.
    """

    client: str
    shared_at: datetime | None
    notes_shared: bool
    planned_per_week: int | None
    sessions: pd.DataFrame
    assessments: pd.DataFrame | None
    report: Path | None
    problem: str = ""
    verified: bool = False
    #: The function scores (PSFS lines), when the client shared them.
    psfs: pd.DataFrame | None = None
    #: What Check my form kept (form_checks.csv lines), when the client shared it.
    form_checks: pd.DataFrame | None = None


@dataclass
class _Found:
    """The manifests of one client, found in a folder (``fd``) with the owner to expect."""

    client: str
    fd: int
    shown: Path
    owner: int | None
    names: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _manifest(data: bytes, shown: Path, now: datetime) -> dict[str, Any]:
    """A manifest's fields, checked (a mistake raises ShareError naming the field and the fix)."""
    try:
        fields = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ShareError(
            f"{shown}: not a share manifest ({exc}). Ask the client to share again"
        ) from None
    when = fields.get("shared_at")
    if not isinstance(fields.get("client"), str) or not isinstance(when, datetime):
        raise ShareError(f"{shown}: 'client' or 'shared_at' is missing. Ask the client again")
    if when.tzinfo is None:
        raise ShareError(
            f"{shown}, field 'shared_at': {when} has no time zone, so when it was shared is "
            "unknown. Ask the client to share again"
        )
    if when > now + FUTURE_SLACK:
        raise ShareError(
            f"{shown}, field 'shared_at': dated {when:%Y-%m-%d %H:%M %Z}, in the future: not "
            "believed. Ask the client to share again"
        )
    parts = fields.get("parts", [])
    if not isinstance(parts, list) or not all(p in PARTS for p in parts):
        raise ShareError(
            f"{shown}, field 'parts': {parts!r} is not a list of {', '.join(PARTS)}. "
            "Ask the client to share again"
        )
    planned = fields.get("planned_per_week")
    if planned is not None and (
        isinstance(planned, bool) or not isinstance(planned, int) or not 0 <= planned <= 21
    ):
        raise ShareError(
            f"{shown}, field 'planned_per_week': {planned!r} is not a number of sessions "
            "(0 to 21). Ask the client to share again"
        )
    if not isinstance(fields.get("notes", False), bool):
        raise ShareError(f"{shown}, field 'notes': should be true or false. Ask again")
    return {**fields, "shared_at": when.astimezone(UTC)}


def _share(found: _Found, name: str, fields: dict[str, Any], verified: bool) -> ClientShare:
    """The share whose manifest is ``name``, its parts read (a part's problem raises)."""
    stem = name[: -len(MANIFEST)]

    def part(suffix: str, schema: Schema) -> pd.DataFrame:
        shown = found.shown / (stem + suffix)
        raw = read_capped(stem + suffix, PART_CAP, dir_fd=found.fd, owner=found.owner, shown=shown)
        return parse_part(raw, shown, schema)

    parts = fields["parts"]
    sessions = part("sessions.csv", SESSIONS) if "sessions" in parts else empty_frame(SESSIONS)
    assessments = part("assessments.csv", ASSESSMENTS) if "assessments" in parts else None
    psfs = part("psfs.csv", PSFS) if "psfs" in parts else None
    form_checks = part("form_checks.csv", FORM_CHECKS) if "form_checks" in parts else None
    report = found.shown / f"{stem}report.html" if "report" in parts else None
    return ClientShare(
        found.client if verified else fields["client"].strip() or found.client,
        fields["shared_at"],
        bool(fields.get("notes", False)),
        fields.get("planned_per_week"),
        sessions,
        assessments,
        report,
        verified=verified,
        psfs=psfs,
        form_checks=form_checks,
    )


def _latest(found: _Found, now: datetime, verified: bool) -> ClientShare:
    """The newest share of ``found`` that reads whole; every problem met on the way listed."""
    problems = list(found.problems)
    good: list[tuple[datetime, dict[str, Any], str]] = []
    names = sorted(found.names, reverse=True)  # the time is in the name: newest first
    if len(names) > MAX_MANIFESTS:
        problems.append(
            f"{found.shown}: {len(names)} shares; only the newest {MAX_MANIFESTS} were read"
        )
    for name in names[:MAX_MANIFESTS]:
        try:
            raw = read_capped(
                name, MANIFEST_CAP, dir_fd=found.fd, owner=found.owner, shown=found.shown / name
            )
            good.append((*_when(_manifest(raw, found.shown / name, now)), name))
        except ShareError as exc:
            problems.append(str(exc))
    for _, fields, name in sorted(good, key=lambda g: g[0], reverse=True):
        try:
            share = _share(found, name, fields, verified)
        except ShareError as exc:  # a part missing, a link, a FIFO, too big...
            problems.append(str(exc))
            continue
        except PsoasError as exc:  # a bad line: the journal's message names it
            problems.append(f"{exc} Ask the client to share again.")
            continue
        return replace(share, problem=_problem_text(problems))
    return ClientShare(
        found.client,
        None,
        False,
        None,
        empty_frame(SESSIONS),
        None,
        None,
        _problem_text(problems) or f"{found.shown}: no share in it yet",
        verified,
    )


def _when(fields: dict[str, Any]) -> tuple[datetime, dict[str, Any]]:
    return fields["shared_at"], fields


def _problem_text(problems: list[str]) -> str:
    if not problems:
        return ""
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return problems[0] + more


def _client_folder(root: int, folder: Path, name: str, st: os.stat_result) -> _Found | None:
    """A client's own folder (a hub): believed only if the Unix user ``name`` owns it."""
    import pwd  # folders per client exist on a hub, on POSIX only

    try:
        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        uid = None
    shown = folder / name
    if uid is None or st.st_uid != uid:
        who = "no Unix user of that name" if uid is None else f"{name} is uid {uid}"
        return _Found(
            name,
            -1,
            shown,
            uid,
            problems=[
                f"{shown}: owned by uid {st.st_uid}, but {who}: not {name}'s, so not shown "
                "as theirs. Tell the machine's admin"
            ],
        )
    fd, _ = open_folder(name, dir_fd=root, owner=uid, shown=shown)
    found = _Found(name, fd, shown, uid)
    for entry, _st in list_folder(fd):
        if entry.endswith(f"_{MANIFEST}"):
            found.names.append(entry)
    return found


def latest_shares(drop: Path | str | None = None, now: datetime | None = None) -> list[ClientShare]:
    """Each client's latest share in ``drop`` (default :func:`drop_folder`), by client.

    Every file is opened as :mod:`psoas_lib.share.untrusted` does (no link, no FIFO, capped),
    and a problem with one client's files is kept on that client's share (``problem``), never
    raised: the other clients are still read. A missing folder is the same as an empty one.
    """
    folder = Path(drop) if drop is not None else drop_folder()
    now = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        root, _ = open_folder(folder)
    except Unreadable:
        if not os.path.lexists(folder):
            return []
        raise
    opened: list[int] = []
    shares: list[ClientShare] = []
    try:
        loose: dict[str, _Found] = {}
        folders: list[_Found] = []
        for name, st in list_folder(root):
            if stat.S_ISDIR(st.st_mode):
                try:
                    found = _client_folder(root, folder, name, st)
                except Unreadable as exc:
                    found = _Found(name, -1, folder / name, None, problems=[str(exc)])
                if found is not None:
                    if found.fd >= 0:
                        opened.append(found.fd)
                    folders.append(found)
            elif name.endswith(f"_{MANIFEST}"):
                key = name.split("_", 1)[0]
                loose.setdefault(key, _Found(key, root, folder, None)).names.append(name)
        for found in folders:
            shares.append(_latest(found, now, verified=True))
        for found in loose.values():
            shares.append(_latest(found, now, verified=False))
    finally:
        for fd in (*opened, root):
            os.close(fd)
    return sorted(shares, key=lambda s: (s.client.lower(), not s.verified))


def _form_words(form_checks: pd.DataFrame | None) -> str:
    """Per exercise, what Check my form kept, in words."""
    from psoas_lib.coaching.form_summary import EMPTY_WORDS, form_progress
    from psoas_lib.content.catalog import preset_catalog
    from psoas_lib.content.pose_rules import load_kept_angles

    if form_checks is None:
        return "not shared"
    if form_checks.empty:
        return EMPTY_WORDS
    found = form_progress(form_checks, load_kept_angles())
    book = preset_catalog().exercises
    return "; ".join(
        f"{book[f.exercise_id].name if f.exercise_id in book else f.exercise_id}: {f.words()}"
        for f in found
    )


def _trend(sessions: pd.DataFrame) -> tuple[float | None, float | None]:
    rated = sessions.dropna(subset=["tightness_before"]).sort_values("started_at")
    values = rated.tightness_before.astype(float)
    if len(values) < 2:
        return None, None
    n = min(TREND_SESSIONS, len(values) // 2)
    return round(values.head(n).mean(), 1), round(values.tail(n).mean(), 1)


COLUMNS = (
    "client",
    "flag",
    "last seen",
    "days since",
    "sessions a week",
    "planned a week",
    "pain stops",
    "where it hurt",
    "tightness first",
    "tightness now",
    "function first",
    "function now",
    "function change",
    "form check",
    "shared",
    "attributed by",
    "problem",
)


def overview(shares: list[ClientShare], now: datetime | None = None) -> pd.DataFrame:
    """One row per client: pain stops first, then unreadable shares, then the longest quiet.

    Columns (:data:`COLUMNS`): client, flag, last seen, days since, sessions a week (last four
    weeks), planned a week, pain stops (last four weeks), where it hurt, tightness first,
    tightness now, function first / now / change (the mean PSFS score, 0 to 10, when shared:
    a fall of 2 points or more is flagged), form check (per exercise, the latest share of
    the hold in position and the way since the first week, when shared), shared,
    attributed by (the hub's folder owner, or the trusted folder's file name), problem (what
    could not be read, and what to do).
    """
    now = (now or datetime.now(UTC)).astimezone(UTC)
    since = pd.Timestamp(now) - pd.Timedelta(days=WINDOW_DAYS)
    rows = []
    for share in shares:
        s = share.sessions
        recent = s[(s.started_at > since) & (s.started_at <= pd.Timestamp(now))]
        last = s.started_at.max() if len(s) else None
        days = None if last is None else int((pd.Timestamp(now) - last) / pd.Timedelta(days=1))
        pains = recent[recent.pain_stop]
        where = "; ".join(n for n in pains.notes if n) if share.notes_shared else "not shared"
        first, latest = _trend(s)
        function = psfs_summary(share.psfs) if share.psfs is not None else None
        flags = []
        if len(pains):
            flags.append(f"pain stop ×{len(pains)}")
        if function is not None and function.fell and function.change is not None:
            flags.append(f"function fell {-function.change:g} points")
        if share.problem:
            flags.append("share unreadable" if share.shared_at is None else "a share unreadable")
        if share.shared_at is not None and (days is None or days >= QUIET_DAYS):
            flags.append("no session yet" if days is None else f"no session for {days} days")
        rows.append(
            {
                "client": share.client,
                "flag": ", ".join(flags),
                "last seen": "" if last is None else f"{last:%Y-%m-%d}",
                "days since": days,
                "sessions a week": round(len(recent) / (WINDOW_DAYS / 7), 2),
                "planned a week": share.planned_per_week,
                "pain stops": len(pains),
                "where it hurt": where,
                "tightness first": first,
                "tightness now": latest,
                "function first": function.first if function else None,
                "function now": function.latest if function else None,
                "function change": function.change if function else None,
                "form check": _form_words(share.form_checks),
                "shared": "" if share.shared_at is None else f"{share.shared_at:%Y-%m-%d %H:%M}",
                "attributed by": "hub (folder owner)" if share.verified else "file name",
                "problem": share.problem,
                "_order": (
                    0 if len(pains) else 1 if share.problem else 2 if flags else 3,
                    -(days if days is not None else 10**6),
                    share.client.lower(),
                ),
            }
        )
    if not rows:
        return pd.DataFrame(columns=list(COLUMNS))
    frame = pd.DataFrame(rows).sort_values("_order", kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)
