"""No file in a drop folder can break the coach's overview (psoas_lib/share/untrusted.py and
psoas_lib/share/clients.py): the hostile files of issue 25, planted for real on disk, each alone
and all together, each read in a subprocess with a timeout (a hang fails, it does not block)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from psoas_lib.journal.store import Journal
from psoas_lib.share.drop import MANIFEST_CAP, PART_CAP, share_with_physio
from psoas_lib.share.untrusted import Unreadable, read_capped

NOW = datetime(2026, 3, 30, 12, 0, tzinfo=UTC)
HEADER = (
    "started_at,routine_id,planned_s,completed_s,exercises_done,tightness_before,"
    "tightness_after,pain_stop,notes,format\n"
)
GOOD_LINE = "2026-03-28T07:30:00+00:00,desk-reset,600,600,,6,4,false,,1\n"
#: Seconds any read of the drop folder may take here (a good one takes about one).
BOUND_S = 60


def _manifest(client: str, shared_at: str = "2026-03-30T11:00:00Z", parts: str = '["sessions"]'):
    return f'client = "{client}"\nshared_at = {shared_at}\nparts = {parts}\nnotes = false\n'


def _plant(drop: Path, kind: str) -> str:
    """Plant one hostile share for a client named after ``kind``; the words its row must show."""
    stem = drop / f"{kind}_2026-03-30_110000_"
    manifest, part = Path(f"{stem}share.toml"), Path(f"{stem}sessions.csv")
    if kind == "junk":
        manifest.write_bytes(b"\x00\xff[[[ not toml")
        return "not a share manifest"
    if kind == "nopart":  # the manifest names a sessions part that is not there
        manifest.write_text(_manifest(kind))
        return "missing"
    if kind == "badline":
        manifest.write_text(_manifest(kind))
        part.write_text(HEADER + GOOD_LINE + GOOD_LINE.replace(",600,600,", ",lots,600,"))
        return "line 3"  # header is line 1, the good line 2, the bad one 3
    if kind == "nozone":
        manifest.write_text(_manifest(kind, shared_at="2026-03-30T11:00:00"))
        return "no time zone"
    if kind == "parts5":
        manifest.write_text(_manifest(kind, parts="5"))
        return "field 'parts'"
    if kind == "fifo":  # a plain open() of it waits for a writer for ever
        os.mkfifo(manifest)
        return "not a regular file (a FIFO)"
    if kind == "devzero":  # reading it never ends
        manifest.write_text(_manifest(kind))
        part.symlink_to("/dev/zero")
        return "a link, not a file"
    if kind == "fifopart":
        manifest.write_text(_manifest(kind))
        os.mkfifo(part)
        return "not a regular file (a FIFO)"
    if kind == "huge":  # sparse: over the cap without filling the disk
        manifest.write_text(_manifest(kind))
        with part.open("wb") as f:
            f.truncate(PART_CAP + 1)
        return f"more than the {PART_CAP}"
    if kind == "future":
        manifest.write_text(_manifest(kind, shared_at="9999-01-01T00:00:00Z"))
        return "in the future"
    raise AssertionError(kind)


SEVEN = ["junk", "nopart", "badline", "nozone", "parts5", "fifo", "devzero"]
MORE = ["fifopart", "huge", "future"]


def _good_clients(drop: Path, tmp_path: Path) -> None:
    """Bea: a pain stop two days ago (first in the list); Cal: quiet for 12 days."""
    for name, days, pain in (("Bea", 2, True), ("Cal", 12, False)):
        Journal(tmp_path / name).add_session(
            started_at=NOW - timedelta(days=days),
            routine_id="desk-reset",
            planned_s=600,
            completed_s=600,
            exercises_done=[],
            pain_stop=pain,
        )
        share_with_physio(drop, name, home=tmp_path / name, now=NOW - timedelta(hours=2))


_READ = """
import json, sys
from datetime import datetime
from psoas_lib.share.clients import latest_shares, overview
now = datetime.fromisoformat(sys.argv[2])
frame = overview(latest_shares(sys.argv[1], now=now), now=now)
print(json.dumps(frame[["client", "flag", "problem"]].to_dict("records")))
"""


def _read_in_subprocess(drop: Path) -> list[dict]:
    """The overview's rows, read by another process that is killed after BOUND_S seconds."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", _READ, str(drop), NOW.isoformat()],
            capture_output=True,
            text=True,
            timeout=BOUND_S,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading the drop folder took more than {BOUND_S} s (it hangs)")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.parametrize("kinds", [[k] for k in SEVEN + MORE] + [SEVEN + MORE])
def test_hostile_files_show_on_their_own_row_and_never_hide_the_others(
    tmp_path: Path, kinds: list[str]
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    _good_clients(drop, tmp_path)
    expected = {kind: _plant(drop, kind) for kind in kinds}
    rows = _read_in_subprocess(drop)
    by_client = {row["client"]: row for row in rows}
    # The pain stop first, then the unreadable shares, then the quiet client.
    assert rows[0]["client"] == "Bea" and rows[0]["flag"] == "pain stop ×1"
    assert rows[-1]["client"] == "Cal" and rows[-1]["flag"] == "no session for 12 days"
    assert by_client["Bea"]["problem"] == "" and by_client["Cal"]["problem"] == ""
    assert sorted(r["client"] for r in rows[1:-1]) == sorted(kinds)
    for kind, words in expected.items():
        row = by_client[kind]
        assert row["flag"] == "share unreadable", row
        assert words in row["problem"], row
        assert "ask the client" in row["problem"].lower() or "remove it" in row["problem"].lower()
        assert str(drop / kind) in row["problem"], row  # the file, by its full path


def test_an_older_good_share_still_shows_beside_a_newer_unreadable_one(tmp_path: Path) -> None:
    from psoas_lib.share.clients import latest_shares, overview

    drop = tmp_path / "drop"
    drop.mkdir()
    _good_clients(drop, tmp_path)
    # Bea's later share has a sessions part that is a link: her earlier one is shown, flagged.
    (drop / "bea_2026-03-30_115900_share.toml").write_text(_manifest("Bea", "2026-03-30T11:59:00Z"))
    (drop / "bea_2026-03-30_115900_sessions.csv").symlink_to(tmp_path / "Cal" / "sessions.csv")
    [bea, cal] = overview(latest_shares(drop, now=NOW), now=NOW).to_dict("records")
    assert (bea["client"], bea["flag"]) == ("Bea", "pain stop ×1, a share unreadable")
    assert bea["shared"] == "2026-03-30 10:00" and "a link, not a file" in bea["problem"]
    assert cal["problem"] == ""


@pytest.mark.parametrize(
    ("make", "cap", "words"),
    [
        (lambda p: p.write_bytes(b"x" * 10), 10, None),
        (lambda p: p.write_bytes(b"x" * 11), 10, "11 bytes, more than the 10"),
        (lambda p: p.symlink_to(p.with_name("elsewhere")), 10, "a link, not a file"),
        (lambda p: p.symlink_to("/dev/zero"), MANIFEST_CAP, "a link, not a file"),
        (os.mkfifo, 10, "not a regular file (a FIFO)"),
        (lambda p: p.mkdir(), 10, "not a regular file (a folder)"),
        (lambda p: None, 10, "missing"),
    ],
)
def test_read_capped_refuses_what_is_not_a_small_regular_file(
    tmp_path: Path, make, cap: int, words: str | None
) -> None:
    path = tmp_path / "file"
    (tmp_path / "elsewhere").write_bytes(b"x")
    make(path)
    if words is None:
        assert read_capped(path, cap) == b"x" * 10
    else:
        with pytest.raises(Unreadable, match=re.escape(words)):
            read_capped(path, cap)


def test_read_capped_refuses_a_file_of_another_owner(tmp_path: Path) -> None:
    path = tmp_path / "share.toml"
    path.write_text("x")
    assert read_capped(path, 10, owner=os.geteuid()) == b"x"
    with pytest.raises(Unreadable, match="written by another user"):
        read_capped(path, 10, owner=os.geteuid() + 1)
