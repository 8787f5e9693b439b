"""Building every progress chart for a 100,000-session journal against a 1,000-session one.

Both journals cover the same 52 weeks (so the charts have the same weeks and days to show)
and are drawn from the synthetic journal: its sessions are resampled with new start times,
keeping their routines, exercises, offsets and ratings. Each round times
``charts.all_charts`` (aggregating the journal and building the five figures) and then
rendering them to PNG, for the small and the large journal in turn, in the same process;
the best of the rounds is compared. Target: large / small <= 3 for building.

    .venv/bin/python benchmarks/bench_charts.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from io import BytesIO

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd

from psoas_lib import load_catalog
from psoas_lib.journal.sample import synthetic_sessions
from psoas_lib.ui import charts

TARGET = 3.0
END = date(2026, 11, 22)
NOW = "2026-11-24 12:00"
WEEKS = 52


def journal(n: int, seed: int = 0) -> pd.DataFrame:
    """n sessions over the 52 weeks before END, resampled from the synthetic journal."""
    template = synthetic_sessions(weeks=WEEKS, seed=seed, end=END)
    rng = np.random.default_rng(seed)
    rows = template.iloc[rng.integers(0, len(template), n)].reset_index(drop=True)
    start = pd.Timestamp(END, tz="UTC") - pd.Timedelta(weeks=WEEKS)
    seconds = np.sort(rng.integers(0, WEEKS * 7 * 86400, n))
    rows["started_at"] = start + pd.to_timedelta(seconds, unit="s")
    return rows


def build(sessions: pd.DataFrame, catalog) -> dict:  # type: ignore[no-untyped-def]
    return charts.all_charts(sessions, catalog=catalog, now=NOW)


def render(figures: dict) -> None:
    for fig in figures.values():
        fig.savefig(BytesIO(), format="png", dpi=100)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    catalog = load_catalog()
    journals = {n: journal(n) for n in (1_000, 100_000)}
    best = {n: [float("inf"), float("inf")] for n in journals}
    render(build(journals[1_000], catalog))  # warm up imports and caches
    for _ in range(args.rounds):
        for n, sessions in journals.items():
            t0 = time.perf_counter()
            figures = build(sessions, catalog)
            t1 = time.perf_counter()
            render(figures)
            t2 = time.perf_counter()
            best[n][0] = min(best[n][0], t1 - t0)
            best[n][1] = min(best[n][1], t2 - t0)
    small, large = best[1_000], best[100_000]
    print(f"best of {args.rounds} rounds, 5 charts, {WEEKS} weeks")
    print(f"{'sessions':>10}  {'build (s)':>10}  {'build + PNG (s)':>16}")
    for n, (b, r) in best.items():
        print(f"{n:>10,}  {b:>10.3f}  {r:>16.3f}")
    ratio, ratio_png = large[0] / small[0], large[1] / small[1]
    print(
        f"ratio 100,000 / 1,000: build {ratio:.2f}, build + PNG {ratio_png:.2f} "
        f"(target <= {TARGET:g})"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
