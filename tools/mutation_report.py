"""Per-module mutation score from mutmut's results (run by ``make mutation`` after mutmut).

    .venv/bin/python tools/mutation_report.py

Reads ``mutmut results --all true`` and prints, for each module named in ``[tool.mutmut]``
``only_mutate`` (pyproject.toml), the mutants killed (timeouts count as killed), survived and
not reached by any of its tests, and the share killed of those reached, against the targets
below. Exits 1 when a module is under its target.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: module path -> least share of reached mutants killed (issue 12)
TARGETS = {
    "psoas_lib/coaching/timer.py": 0.95,
    "psoas_lib/coaching/assessment.py": 0.90,
    "psoas_lib/progress.py": 0.85,
}


def main() -> int:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["mutmut"]
    modules = {path: path.removesuffix(".py").replace("/", ".") for path in config["only_mutate"]}
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    counts: Counter[tuple[str, str]] = Counter()
    for line in out.splitlines():
        name, _, status = line.strip().rpartition(": ")
        module = next((p for p, dotted in modules.items() if name.startswith(dotted + ".")), None)
        if module:
            counts[module, "killed" if status == "timeout" else status] += 1
    failed = False
    for path in modules:
        killed, survived = counts[path, "killed"], counts[path, "survived"]
        reached = killed + survived
        share = killed / reached if reached else 0.0
        target = TARGETS.get(path, 0.0)
        failed |= share < target
        print(
            f"{path:<36} killed {killed:4}  survived {survived:3}  "
            f"no tests {counts[path, 'no tests']:3}  {share:6.1%} of reached "
            f"(target {target:.0%}){'' if share >= target else '  UNDER TARGET'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
