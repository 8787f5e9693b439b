"""``psoas list`` and ``psoas --help`` start without the heavy libraries they do not need.

The start-up time itself is measured by benchmarks/bench_startup.py (docs/benchmarks.md,
Start-up); this checks the cause that made it slow: what the commands import.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

#: Libraries that cost 0.1 s or more to import and that neither command uses.
HEAVY = ("pandas", "numpy", "filelock", "IPython", "ipywidgets", "matplotlib", "icalendar")

CODE = """
import contextlib, io, sys
from psoas_lib.cli.main import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main({argv!r})
print(sorted(m for m in {heavy!r} if m in sys.modules))
"""


@pytest.mark.parametrize("argv", [["list"], ["--help"], ["plan", "--help"]])
def test_the_command_imports_no_heavy_library(argv):
    result = subprocess.run(
        [sys.executable, "-c", CODE.format(argv=argv, heavy=HEAVY)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"
