"""The layers by folder: nothing outside ``ui/`` and ``cli/`` imports the edge.

Every module of the package is found by walking its folders (a new module is checked without
being listed) and imported in a fresh process, which then reports which edge libraries it
pulled in: widgets, plotting and IPython belong to ``psoas_lib/ui`` (and the terminal runner in
``psoas_lib/cli`` may use what it needs).

One probe process does them all, so the check stays in the fast loop (``make check``): it
imports the libraries most core modules share (pandas, numpy), checks that they bring no edge
library, then forks once per module, so each module is imported in a child where no other
``psoas_lib`` module and no edge library has been loaded.
"""

from __future__ import annotations

import json
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


# Run as ``python -c PROBE module ...``: prints {module: [edge libraries it loaded]} as JSON
# (or the error that stopped its import).
PROBE = """
import importlib, json, os, sys
edge = EDGE
import numpy, pandas  # shared by most core modules: loaded once, before the forks
before = sorted(m for m in edge if m in sys.modules)
assert not before, f"pandas or numpy loaded an edge library: {before}"
found = {}
for module in sys.argv[1:]:
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: import one module, report, leave without clean-up
        os.close(read)
        try:
            importlib.import_module(module)
            answer = sorted(m for m in edge if m in sys.modules)
        except BaseException as exc:
            answer = f"{type(exc).__name__}: {exc}"
        os.write(write, json.dumps(answer).encode())
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        text = pipe.read()
    os.waitpid(pid, 0)
    found[module] = json.loads(text) if text else "the child died without an answer"
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def edge_imports() -> dict[str, object]:
    """What each core module loads of the edge libraries, from one probe process."""
    code = PROBE.replace("EDGE", repr(EDGE_LIBRARIES))
    result = subprocess.run(
        [sys.executable, "-c", code, *CORE], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_no_edge_library(module, edge_imports):
    assert edge_imports[module] == []


def test_the_probe_sees_an_edge_import():
    """The probe itself: a module that imports matplotlib is reported, one that fails too."""
    code = PROBE.replace("EDGE", repr(EDGE_LIBRARIES))
    result = subprocess.run(
        [sys.executable, "-c", code, "matplotlib.colors", "json", "no_such_module"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["matplotlib.colors"] == ["matplotlib"]
    assert found["json"] == []
    assert found["no_such_module"] == "ModuleNotFoundError: No module named 'no_such_module'"


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
