"""Timer drift: RoutineTimer against a naive tick-counting countdown, on the same ticks.

A 10-minute timeline is run on a simulated clock with the ticks a browser really delivers:
a 250 ms timer that is re-armed after each tick (as ipywidgets.Play does), each tick a little
late (0–50 ms, and one in ten up to 1 s late), one tick in twenty never delivered, and a
30 s stretch where the tab is in the background and ticks come once a second. Both timers
see exactly the same ticks:

- RoutineTimer reads the clock at each tick (its state is computed from elapsed time);
- the naive countdown subtracts the nominal 250 ms at each tick it receives.

For every segment boundary we take the moment the display first shows the new segment and
compare it with the ideal schedule. Target: RoutineTimer within one tick gap of the ideal
time at every boundary (no accumulated drift); the naive one falls behind by the lost time.

    .venv/bin/python benchmarks/bench_timer_drift.py [--runs 20] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from itertools import accumulate

from psoas_lib.coaching.timer import RoutineTimer
from psoas_lib.content.routine import Segment

INTERVAL = 0.25


def ten_minutes() -> list[Segment]:
    """get ready 10 s, then 7 × (hold 30 left, switch 5, hold 30 right, rest 15), hold 30."""
    timeline = [Segment("get-ready", 10, "a")]
    for _ in range(7):
        timeline += [
            Segment("hold", 30, "a", "left"),
            Segment("switch", 5, "a"),
            Segment("hold", 30, "a", "right"),
            Segment("rest", 15, "a"),
        ]
    timeline.append(Segment("hold", 30, "a", "left"))
    assert sum(s.seconds for s in timeline) == 600
    return timeline


def browser_ticks(rng: random.Random, until: float) -> tuple[list[float], float]:
    """Delivered tick times, and the largest gap between two of them."""
    throttle_from = rng.uniform(120, 420)
    ticks, t = [], 0.0
    while t < until:
        if throttle_from <= t < throttle_from + 30:
            t += 1.0  # background tab: once a second
        else:
            late = rng.uniform(0, 1.0) if rng.random() < 0.1 else rng.uniform(0, 0.05)
            t += INTERVAL + late
        if rng.random() >= 1 / 20:  # one tick in twenty never arrives
            ticks.append(t)
    gaps = [b - a for a, b in zip([0.0, *ticks], ticks, strict=False)]
    return ticks, max(gaps)


def index_at(starts: list[int], position: float) -> int:
    return sum(1 for s in starts if s <= position) - 1


def run_once(seed: int) -> tuple[float, float, float, float]:
    """(worst RoutineTimer deviation, worst naive deviation, naive lag at the end, max gap)."""
    timeline = ten_minutes()
    starts = [0, *accumulate(s.seconds for s in timeline)][:-1]
    rng = random.Random(seed)
    ticks, max_gap = browser_ticks(rng, until=1500)
    now = [0.0]
    timer = RoutineTimer(timeline, clock=lambda: now[0])
    timer.start()
    seen_timer: dict[int, float] = {}
    seen_naive: dict[int, float] = {}
    counted = 0.0
    naive_end = None
    for t in ticks:
        now[0] = t
        state = timer.state()
        for i in range(state.index + 1):
            seen_timer.setdefault(i, t)
        counted += INTERVAL  # the naive countdown
        naive_index = index_at(starts, min(counted, 599.999))
        for i in range(naive_index + 1):
            seen_naive.setdefault(i, t)
        if counted >= 600 and naive_end is None:
            naive_end = t
    boundaries = range(1, len(timeline))
    worst_timer = max(seen_timer[i] - starts[i] for i in boundaries)
    worst_naive = max(seen_naive[i] - starts[i] for i in boundaries)
    lag_end = (naive_end if naive_end is not None else float("inf")) - 600
    return worst_timer, worst_naive, lag_end, max_gap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results = [run_once(args.seed + n) for n in range(args.runs)]
    timer_worst = max(r[0] for r in results)
    naive_worst = max(r[1] for r in results)
    naive_best = min(r[1] for r in results)
    lag = max(r[2] for r in results)
    within = all(r[0] <= r[3] for r in results)
    print(
        f"10-minute timeline, {len(ten_minutes()) - 1} segment boundaries, {args.runs} "
        f"simulated runs "
        f"(seeds {args.seed}..{args.seed + args.runs - 1})"
    )
    print(
        f"RoutineTimer  largest boundary deviation: {timer_worst:6.2f} s  "
        f"(within one tick gap in every run: {within})"
    )
    print(
        f"naive counter largest boundary deviation: {naive_worst:6.2f} s  "
        f"(best run {naive_best:.2f} s; finishes up to {lag:.1f} s late)"
    )


if __name__ == "__main__":
    main()
