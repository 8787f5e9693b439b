"""The layers by folder: nothing outside ``ui/`` and ``cli/`` imports the edge.

Every module of the package is found by walking its folders (a new module is checked without
being listed) and imported in a fresh process, which then reports which edge libraries it
pulled in: widgets, plotting and IPython belong to ``psoas_lib/ui`` (and the terminal runner in
``psoas_lib/cli`` may use what it needs).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "psoas_lib"
EDGE_FOLDERS = {"ui", "cli"}
EDGE_LIBRARIES = ("ipywidgets", "anywidget", "matplotlib", "IPython")


def _modules() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[0] in EDGE_FOLDERS or parts[-1] == "__main__":
            continue
        dotted = ["psoas_lib", *parts]
        if dotted[-1] == "__init__":
            dotted.pop()
        found.append(".".join(dotted))
    return found


CORE = _modules()


def test_the_walk_finds_the_core_subpackages():
    for expected in (
        "psoas_lib.content.catalog",
        "psoas_lib.coaching.timer",
        "psoas_lib.journal.store",
        "psoas_lib.plan.weekly",
        "psoas_lib.progress",
    ):
        assert expected in CORE
    assert not [m for m in CORE if m.startswith(("psoas_lib.ui", "psoas_lib.cli"))]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_edge_library(module):
    code = f"import sys, {module}; print(sorted(m for m in {EDGE_LIBRARIES!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_importing_the_package_has_no_side_effect_and_loads_nothing_heavy():
    code = (
        "import sys, psoas_lib; "
        "print(sorted(m for m in ('pandas', 'IPython', 'filelock', 'ipywidgets', "
        "'matplotlib') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_lazy_exports_resolve_to_their_modules():
    import psoas_lib
    from psoas_lib.journal.store import Journal

    assert psoas_lib.Journal is Journal
    assert set(psoas_lib.__all__) <= set(dir(psoas_lib))
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = psoas_lib.nope
