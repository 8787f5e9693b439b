"""Journal speed: appending to a 100,000-session journal vs an empty one, and loading it.

Run: ``.venv/bin/python benchmarks/bench_journal.py [sessions]``. Prints medians and the two
ratios the issue sets (append ≤ 1.5, load and validate ≤ 2 × a bare ``pandas.read_csv``),
measured side by side in one run: each pair of timings is taken back to back, alternating.
Exits with status 1 if a ratio misses its target.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pandas as pd

from psoas_lib import Journal, load_catalog
from psoas_lib.files import write_atomic
from psoas_lib.journal.schema import SESSIONS, Header
from psoas_lib.journal.times import local_iso
from psoas_lib.journal.writing import format_line

APPEND_ROUNDS = 300
LOAD_ROUNDS = 15


def big_journal_text(sessions: int, seed: int = 0) -> str:
    """A sessions file of ``sessions`` entries, one every 8 hours from 1990 on."""
    rng = random.Random(seed)
    routines = [(r.id, r.total_seconds, r.exercise_ids) for r in load_catalog().routines.values()]
    header = Header((*SESSIONS.names, "format"))
    start = datetime(1990, 1, 1, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    zones = [timezone(timedelta(hours=h)) for h in (1, 1, 1, 2, 2, -5)]
    lines = [SESSIONS.header_line + "\n"]
    for n in range(sessions):
        ident, planned, exercises = routines[n % len(routines)]
        zone = zones[rng.randrange(len(zones))]
        before = rng.randint(2, 9)
        lines.append(
            format_line(
                {
                    "started_at": local_iso((start + timedelta(hours=8 * n)).astimezone(zone)),
                    "routine_id": ident,
                    "planned_s": str(planned),
                    "completed_s": str(rng.randint(planned // 3, planned)),
                    "exercises_done": ";".join(exercises[: rng.randint(1, 4)]),
                    "tightness_before": str(before),
                    "tightness_after": ""
                    if n % 5 == 0
                    else str(max(0, before - rng.randint(0, 3))),
                    "pain_stop": "true" if n % 97 == 0 else "false",
                    "notes": ""
                    if n % 4
                    else rng.choice(("felt good", "short on time, rushed", "left hip tight")),
                },
                header,
            )
        )
    return "".join(lines)


def _append(journal: Journal, when: datetime) -> float:
    t0 = time.perf_counter()
    journal.add_session(
        started_at=when,
        routine_id="desk-reset",
        planned_s=480,
        completed_s=480,
        exercises_done=["knee-to-chest"],
        tightness_before=5,
        tightness_after=3,
        notes="benchmark",
    )
    return time.perf_counter() - t0


def main(sessions: int = 100_000) -> int:
    root = Path(tempfile.mkdtemp(prefix="psoas-bench-"))
    big, empty = Journal(root / "big"), Journal(root / "empty")
    big.home.mkdir()
    empty.home.mkdir()
    t0 = time.perf_counter()
    write_atomic(big.sessions_path, big_journal_text(sessions).encode("utf-8"))  # private
    size_mb = big.sessions_path.stat().st_size / 1e6
    print(
        f"journal of {sessions:,} sessions: {size_mb:.1f} MB, written in "
        f"{time.perf_counter() - t0:.1f} s ({big.sessions_path})"
    )

    when = datetime(2030, 1, 1, tzinfo=UTC)
    on_big, on_empty = [], []
    for n in range(APPEND_ROUNDS):
        stamp = when + timedelta(minutes=n)
        on_empty.append(_append(empty, stamp))
        on_big.append(_append(big, stamp))
    append_ratio = statistics.median(on_big) / statistics.median(on_empty)

    bare, ours = [], []
    for _ in range(LOAD_ROUNDS):
        t0 = time.perf_counter()
        pd.read_csv(big.sessions_path)
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        frame = big.sessions()
        ours.append(time.perf_counter() - t0)
    assert len(frame) == sessions + APPEND_ROUNDS
    load_ratio = statistics.median(ours) / statistics.median(bare)
    t0 = time.perf_counter()
    problems = big.check()
    check_s = time.perf_counter() - t0
    assert problems == [], problems[:3]

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:8.2f} ms"

    print(f"append, median of {APPEND_ROUNDS} (alternating, each fsynced):")
    print(f"  to an empty journal         {ms(on_empty)}")
    print(f"  to {sessions:,} sessions     {ms(on_big)}")
    print(f"  ratio                       {append_ratio:8.2f}   (target <= 1.5)")
    print(f"load, median of {LOAD_ROUNDS} (alternating):")
    print(f"  bare pandas.read_csv        {ms(bare)}")
    print(f"  Journal.sessions()          {ms(ours)}   (load + validate)")
    print(f"  ratio                       {load_ratio:8.2f}   (target <= 2)")
    print(f"Journal.check() (exact pass, line numbers, catalog ids): {check_s * 1000:.0f} ms")
    shutil.rmtree(root, ignore_errors=True)
    ok = append_ratio <= 1.5 and load_ratio <= 2
    print("within targets" if ok else "OUT OF TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
