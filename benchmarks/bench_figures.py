"""Building every exercise's figure, on both sides: time in all, and the size of each SVG.

Each round reads and checks ``data/keyframes.toml`` afresh (every keyframe placed and checked
against the floor, the props and the joint ranges) and builds, for all 13 exercises and both
sides, the animated SVG (48 frames), the still start pose and the key-pose strip: 78 SVGs.
The best of the rounds is compared with the budget. Targets: under 1 s in all; every
animated SVG at most 60 KiB (issue 22).

    .venv/bin/python benchmarks/bench_figures.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time

from psoas_lib.content.catalog import load_catalog
from psoas_lib.figures.keyframes import load_keyframes
from psoas_lib.figures.svg import animated_svg, pose_svg, strip_svg

BUDGET_S = 1.0
MAX_KIB = 60.0
SIDES = ("left", "right")


def build_all(names: dict[str, str]) -> dict[tuple[str, str], tuple[str, str, str]]:
    figures = load_keyframes()
    return {
        (ex, side): (
            animated_svg(fig, side, name=names[ex]),
            pose_svg(fig, side, 0.0, name=names[ex]),
            strip_svg(fig, side, name=names[ex]),
        )
        for ex, fig in figures.items()
        for side in SIDES
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    names = {ex.id: ex.name for ex in load_catalog().exercises.values()}
    times = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        built = build_all(names)
        times.append(time.perf_counter() - start)
    best = min(times)
    sizes = {key: len(svgs[0].encode()) / 1024 for key, svgs in built.items()}
    largest = max(sizes, key=sizes.get)
    print(f"{len(built)} exercise-sides, {3 * len(built)} SVGs, best of {args.rounds} rounds")
    print(f"  all figures, both sides : {best * 1000:7.1f} ms   budget {BUDGET_S * 1000:.0f} ms")
    print(f"  per exercise and side   : {best / len(built) * 1000:7.1f} ms")
    print(f"  ratio to the budget     : {best / BUDGET_S:7.2f}   (target < 1)")
    print(f"  animated SVG, largest   : {sizes[largest]:7.1f} KiB ({largest[0]}, {largest[1]})")
    print(f"  animated SVG, smallest  : {min(sizes.values()):7.1f} KiB   limit {MAX_KIB:.0f} KiB")
    ok = best < BUDGET_S and max(sizes.values()) < MAX_KIB
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
