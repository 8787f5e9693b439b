"""Checkpoint cost: saving a running session's progress vs appending one journal entry.

Run: ``.venv/bin/python benchmarks/bench_checkpoint.py``. A player saves a checkpoint at
every segment change and every 15 s, so a save must be cheap next to the timer: this prints
the medians of a checkpoint save (one JSON line appended and synced) and of
an ``add_session`` append (synced), taken alternately in one run, and their ratio. Targets:
a save costs at most 1.5 x an append, and under 20 ms at the 95th percentile (a 1 s timer tick
is not disturbed). Exits with status 1 if a target is missed.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from psoas_lib import Journal
from psoas_lib.journal.checkpoint import Checkpoints

ROUNDS = 300


def main(rounds: int = ROUNDS) -> int:
    root = Path(tempfile.mkdtemp(prefix="psoas-bench-"))
    store = Checkpoints(root / "checkpoints")
    journal = Journal(root / "journal")
    start = datetime(2030, 1, 1, tzinfo=UTC)
    cp = store.start("desk-reset", "Desk reset", planned_s=480, started_at=start)
    saves, appends = [], []
    done: list[str] = []
    for n in range(rounds):
        done = [*done, "knee-to-chest"] if n % 10 == 0 else done
        t0 = time.perf_counter()
        cp = store.update(cp, done_s=n, exercises_done=done[-20:], segment=n)
        saves.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        journal.add_session(
            started_at=start + timedelta(minutes=n),
            routine_id="desk-reset",
            planned_s=480,
            completed_s=n,
            exercises_done=["knee-to-chest"],
            notes="benchmark",
        )
        appends.append(time.perf_counter() - t0)
    ratio = statistics.median(saves) / statistics.median(appends)
    p95 = statistics.quantiles(saves, n=20)[-1]

    def ms(values: list[float]) -> str:
        return f"{statistics.median(values) * 1000:8.2f} ms"

    print(f"median of {rounds}, alternating, each synced to disk:")
    print(f"  checkpoint save             {ms(saves)}   (95th percentile {p95 * 1000:.2f} ms)")
    print(f"  journal append              {ms(appends)}")
    print(f"  ratio                       {ratio:8.2f}   (target <= 1.5)")
    shutil.rmtree(root, ignore_errors=True)
    ok = ratio <= 1.5 and p95 < 0.020
    print("within targets" if ok else "OUT OF TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else ROUNDS))
