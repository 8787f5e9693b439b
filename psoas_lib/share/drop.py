"""Share with my physiotherapist: a dated copy of what the client chose, in a drop folder.

Each share writes new files, side by side in the drop folder, named
``<client>_<YYYY-MM-DD_HHMMSS>_<part>``: a manifest (``share.toml``: who, when, what was
shared, sessions planned a week), the sessions and assessments the client chose (a journal
of their own, readable by :class:`~psoas_lib.journal.store.Journal`), and the report
(HTML, made by the caller: the report needs charts, which live in ``ui/``). Nothing is ever
overwritten; a second share in the same second gets ``-2``.

On a hub the files go into the client's own folder in the drop folder (``DROP/<unix name>``,
made by the hub, owned by the client, readable by the physiotherapist's group: see
:mod:`psoas_lib.share.folders`), so the overview knows whose they are from the folder's owner.
On one machine they go flat into the drop folder, which the overview trusts. Either way each
file is created new, ``0640``, and never through a link: a link planted where a share is about
to go is refused (:func:`psoas_lib.files.write_unlinked`), so nobody can redirect a journal.

>>> import tempfile
>>> from datetime import datetime, timezone
>>> from psoas_lib.journal.store import Journal
>>> home, drop = Path(tempfile.mkdtemp()), Path(tempfile.mkdtemp())
>>> Journal(home).add_session(started_at=datetime(2026, 3, 2, 7, tzinfo=timezone.utc),
...     routine_id="desk-reset", planned_s=600, completed_s=600, exercises_done=[],
...     notes="left hip")
>>> share = share_with_physio(drop, "Alex", home=home, notes=False,
...                           now=datetime(2026, 3, 3, 9, tzinfo=timezone.utc))
>>> sorted(p.name for p in share.files)
['alex_2026-03-03_090000_sessions.csv', 'alex_2026-03-03_090000_share.toml']
>>> list(read_part(share.files[1]).notes)
['']
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import tomli_w

from psoas_lib.files import write_unlinked
from psoas_lib.journal.reading import scan_table
from psoas_lib.journal.schema import ASSESSMENTS, FORM_CHECKS, PSFS, SESSIONS, Header, Schema
from psoas_lib.journal.store import Journal
from psoas_lib.journal.writing import format_line, frame_rows
from psoas_lib.share.errors import ShareError
from psoas_lib.share.folders import own_folder, unix_name
from psoas_lib.share.untrusted import read_capped

__all__ = [
    "MANIFEST_CAP",
    "PART_CAP",
    "SHARED_FILE_MODE",
    "Share",
    "ShareError",
    "client_key",
    "journal_text",
    "parse_part",
    "read_part",
    "share_with_physio",
]

#: Shared files: the client writes, the folder's group (the physiotherapist) reads.
SHARED_FILE_MODE = 0o640
MANIFEST = "share.toml"
#: The largest manifest read (it holds a few lines) and the largest sessions or assessments
#: file (16 MiB is some 100,000 sessions): anything bigger is refused before parsing.
MANIFEST_CAP = 64 * 1024
PART_CAP = 16 * 1024 * 1024
_KEY_RE = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class Share:
    """What one share wrote: the manifest first, then the parts."""

    client: str
    stamp: str
    files: tuple[Path, ...] = field(default=())


def client_key(name: str) -> str:
    """A client's name as the start of a file name: lower case letters, digits and ``-``.

    >>> client_key("  Alex B. Smith "), client_key("psoas-test-1a2b")
    ('alex-b-smith', 'psoas-test-1a2b')
    """
    key = _KEY_RE.sub("-", name.strip().lower()).strip("-")
    if not key:
        raise ShareError(f"the name {name!r} has no letter or digit. Type your name")
    return key[:40]


def journal_text(frame: pd.DataFrame, schema: Schema, *, notes: bool) -> bytes:
    """A journal table as the text of a journal file, its notes emptied unless ``notes``."""
    if not notes:
        frame = frame.assign(notes="")
    header = Header((*schema.names, "format"))
    rows = frame_rows(frame[[*schema.names, "utc_offset_min"]], schema)
    text = ",".join(header.columns) + "\n" + "".join(format_line(r, header) for r in rows)
    return text.encode("utf-8")


def parse_part(data: bytes, shown: Path | str, schema: Schema = SESSIONS) -> pd.DataFrame:
    """A shared sessions (or assessments) file's bytes as the journal's table.

    A mistake raises :class:`~psoas_lib.journal.schema.JournalError` naming ``shown`` and the line.
    """
    table = scan_table(data, shown, schema)
    table.raise_errors()
    return table.frame


def read_part(path: Path, schema: Schema = SESSIONS) -> pd.DataFrame:
    """A shared sessions (or assessments) file as the journal's table (errors name the line).

    Opened as :func:`~psoas_lib.share.untrusted.read_capped` does: no link, no FIFO, capped.
    """
    return parse_part(read_capped(path, PART_CAP), path, schema)


def share_with_physio(
    drop: Path | str,
    client: str,
    *,
    home: Path | str | None = None,
    sessions: bool = True,
    assessments: bool = False,
    notes: bool = False,
    psfs: bool = False,
    form_checks: bool = False,
    report_html: str | None = None,
    planned_per_week: int | None = None,
    now: datetime | None = None,
) -> Share:
    """Write a dated share of the client's journal (only the parts chosen) into ``drop``.

    ``notes`` decides whether the notes of each session and assessment go too (they may say
    where it hurt); without them the notes are left empty. ``psfs`` adds the function scores
    (the Patient-Specific Functional Scale's ratings, :mod:`psoas_lib.coaching.psfs`);
    ``form_checks`` what Check my form kept (numbers only: shares of holds in position and
    the median of each exercise's main angle).
    ``report_html`` is the report to add (``ui/share.py`` makes it). ``planned_per_week`` goes
    into the manifest for the coach's overview.
    """
    folder = Path(drop).expanduser()
    if not folder.is_dir():
        raise ShareError(
            f"{folder}: no such folder. Ask your physiotherapist for the drop folder's path"
        )
    if not (sessions or assessments or psfs or form_checks or report_html):
        raise ShareError(
            "nothing chosen to share. Tick sessions, assessments, function scores, form "
            "checks or the report"
        )
    mine = own_folder(folder)
    if mine is not None:  # on a hub: my own folder, named by my Unix name
        folder, key = mine, client_key(unix_name())
    else:
        key = client_key(client)
    when = (now or datetime.now(UTC)).astimezone(UTC)
    base = f"{key}_{when:%Y-%m-%d_%H%M%S}"
    stamp = base
    for n in range(2, 1000):
        if not any(folder.glob(f"{stamp}_*")):
            break
        stamp = f"{base}-{n}"
    else:
        raise ShareError(f"{folder}: too many shares at {base}; try again in a second")
    journal = Journal(home)
    parts: list[str] = []
    written: list[Path] = []

    def new(part: str, data: bytes) -> Path:
        path = folder / f"{stamp}_{part}"
        try:
            write_unlinked(path, data, mode=SHARED_FILE_MODE)
        except FileExistsError:
            raise ShareError(
                f"{path}: a file of that name appeared while sharing. Nothing more was "
                "written; press the button again"
            ) from None
        except OSError as exc:
            if exc.errno != errno.ELOOP:
                raise
            raise ShareError(
                f"{path}: someone put a link where your share was to go; it was refused and "
                "nothing went through it. Tell your physiotherapist (the drop folder needs "
                "checking), then share again"
            ) from None
        written.append(path)
        return path

    if sessions:
        new("sessions.csv", journal_text(journal.sessions(), SESSIONS, notes=notes))
        parts.append("sessions")
    if assessments:
        new("assessments.csv", journal_text(journal.assessments(), ASSESSMENTS, notes=notes))
        parts.append("assessments")
    if psfs:
        new("psfs.csv", journal_text(journal.psfs(), PSFS, notes=notes))
        parts.append("psfs")
    if form_checks:
        new("form_checks.csv", journal_text(journal.form_checks(), FORM_CHECKS, notes=notes))
        parts.append("form_checks")
    if report_html is not None:
        new("report.html", report_html.encode("utf-8"))
        parts.append("report")
    manifest: dict[str, Any] = {
        "client": client.strip(),
        "shared_at": when,
        "parts": parts,
        "notes": notes,
    }
    if planned_per_week is not None:
        manifest["planned_per_week"] = planned_per_week
    text = "# A share from the Psoas Coach workbook (psoas_lib/share/drop.py).\n"
    first = new(MANIFEST, (text + tomli_w.dumps(manifest)).encode("utf-8"))
    written.insert(0, written.pop(written.index(first)))
    return Share(client.strip(), stamp, tuple(written))
