"""Start-up time of the ``psoas`` command against a bare Python start that reads TOML.

Each round runs, back to back and in this order, three real subprocesses:

* ``python -c "import tomllib"`` (the baseline: the interpreter, ``site`` and a TOML reader),
* ``psoas list`` (the installed ``.venv/bin/psoas`` entry point: loads the catalog),
* ``psoas --help`` (builds the whole parser, every subcommand registered),

all from the same virtual environment, with ``PSOAS_HOME`` pointed at an empty temporary
folder. Rounds are interleaved so a busy moment of the machine hits all three alike; the
median of each is compared. Target: each ratio <= 5.

    .venv/bin/python benchmarks/bench_startup.py [--rounds 21]

To see where a slow start goes: ``.venv/bin/python -X importtime -m psoas_lib list``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = REPO / ".venv" / "bin"
TARGET = 5.0


def commands() -> dict[str, list[str]]:
    psoas = BIN / "psoas"
    if not psoas.exists():
        sys.exit(f"{psoas} is missing: run `make install` first")
    return {
        'python -c "import tomllib"': [str(BIN / "python"), "-c", "import tomllib"],
        "psoas list": [str(psoas), "list"],
        "psoas --help": [str(psoas), "--help"],
    }


def run_once(argv: list[str], env: dict[str, str], cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=21)
    rounds = parser.parse_args().rounds
    cmds = commands()
    times: dict[str, list[float]] = {name: [] for name in cmds}
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, PSOAS_HOME=home)
        env.pop("PYTHONPATH", None)
        for argv in cmds.values():  # warm the file cache once, not measured
            run_once(argv, env, home)
        for _ in range(rounds):
            for name, argv in cmds.items():
                times[name].append(run_once(argv, env, home))
    medians = {name: statistics.median(t) for name, t in times.items()}
    base_name = next(iter(cmds))
    base = medians[base_name]
    print(f"{rounds} interleaved rounds, medians (Python {sys.version.split()[0]}):")
    print(f"  {base_name:<28} {base * 1000:7.1f} ms")
    worst = 0.0
    for name, median in medians.items():
        if name == base_name:
            continue
        ratio = median / base
        worst = max(worst, ratio)
        print(f"  {name:<28} {median * 1000:7.1f} ms   ratio {ratio:4.2f} (target <= {TARGET:g})")
    print("PASS" if worst <= TARGET else "FAIL")


if __name__ == "__main__":
    main()
