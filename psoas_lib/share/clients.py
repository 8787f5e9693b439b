"""The coach's overview: the clients who shared, side by side, those needing a call first.

Reads the drop folder written by :func:`psoas_lib.share.drop.share_with_physio` and keeps each
client's latest share. For each client: sessions a week over the last four weeks against the
sessions planned a week, pain stops in those weeks (with the notes, which say where it hurt,
when the client shared them), the tightness trend (the mean rated tightness before a session,
first three sessions against the last three) and when they were last seen. A client with a
pain stop in the last four weeks, or no session for :data:`QUIET_DAYS` days, is flagged and
comes first.

>>> import tempfile
>>> overview(latest_shares(tempfile.mkdtemp())).empty
True
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from psoas_lib.journal.schema import ASSESSMENTS, SESSIONS
from psoas_lib.paths import data_home
from psoas_lib.share.drop import MANIFEST, ShareError, read_part

__all__ = [
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


def drop_folder() -> Path:
    """The drop folder: ``$PSOAS_DROP``, or else ``<data folder>/drop``."""
    value = os.environ.get(DROP_ENV, "").strip()
    return Path(value).expanduser() if value else data_home() / "drop"


@dataclass(frozen=True)
class ClientShare:
    """One client's latest share, read back."""

    client: str
    shared_at: datetime
    notes_shared: bool
    planned_per_week: int | None
    sessions: pd.DataFrame
    assessments: pd.DataFrame | None
    report: Path | None


def _read_manifest(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ShareError(f"{path}: not a share manifest ({exc}). Remove it or ask again") from None
    if not isinstance(data.get("client"), str) or not isinstance(data.get("shared_at"), datetime):
        raise ShareError(f"{path}: 'client' or 'shared_at' is missing. Ask the client again")
    return data


def latest_shares(drop: Path | str | None = None) -> list[ClientShare]:
    """Each client's latest share in ``drop`` (default :func:`drop_folder`), by name.

    A missing folder is the same as an empty one (nobody has shared yet).
    """
    folder = Path(drop) if drop is not None else drop_folder()
    if not folder.is_dir():
        return []
    latest: dict[str, tuple[datetime, Path, dict]] = {}
    for path in folder.glob(f"*_{MANIFEST}"):
        data = _read_manifest(path)
        key = path.name.split("_", 1)[0]
        when = data["shared_at"]
        if key not in latest or when > latest[key][0]:
            latest[key] = (when, path, data)
    shares = []
    for _key, (when, path, data) in sorted(latest.items()):
        stem = path.name[: -len(MANIFEST)]
        parts = data.get("parts", [])
        sessions = (
            read_part(folder / f"{stem}sessions.csv", SESSIONS)
            if "sessions" in parts
            else read_part_empty()
        )
        assessments = (
            read_part(folder / f"{stem}assessments.csv", ASSESSMENTS)
            if "assessments" in parts
            else None
        )
        report = folder / f"{stem}report.html" if "report" in parts else None
        shares.append(
            ClientShare(
                data["client"],
                when,
                bool(data.get("notes", False)),
                data.get("planned_per_week"),
                sessions,
                assessments,
                report,
            )
        )
    return shares


def read_part_empty() -> pd.DataFrame:
    from psoas_lib.journal.reading import empty_frame

    return empty_frame(SESSIONS)


def _trend(sessions: pd.DataFrame) -> tuple[float | None, float | None]:
    rated = sessions.dropna(subset=["tightness_before"]).sort_values("started_at")
    values = rated.tightness_before.astype(float)
    if len(values) < 2:
        return None, None
    n = min(TREND_SESSIONS, len(values) // 2)
    return round(values.head(n).mean(), 1), round(values.tail(n).mean(), 1)


def overview(shares: list[ClientShare], now: datetime | None = None) -> pd.DataFrame:
    """One row per client, flagged ones first (pain stop, then the longest quiet), then by name.

    Columns: client, flag, last seen, days since, sessions a week (last four weeks), planned a
    week, pain stops (last four weeks), where it hurt, tightness first, tightness now, shared.
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
        flags = []
        if len(pains):
            flags.append(f"pain stop ×{len(pains)}")
        if days is None or days >= QUIET_DAYS:
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
                "shared": f"{share.shared_at:%Y-%m-%d %H:%M}",
                "_order": (
                    0 if len(pains) else 1 if flags else 2,
                    -(days if days is not None else 10**6),
                    share.client.lower(),
                ),
            }
        )
    if not rows:
        return pd.DataFrame(
            columns=[
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
                "shared",
            ]
        )
    frame = pd.DataFrame(rows).sort_values("_order", kind="stable").drop(columns="_order")
    return frame.reset_index(drop=True)
