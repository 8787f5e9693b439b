"""The layers: the import contracts of pyproject.toml, and no edge library in the core.

The contracts (``[tool.importlinter]``: the order base -> content -> journal | figures ->
coaching -> progress -> plan | share -> ui | cli, and no circle inside a package) are checked
on the package as it is, then on a copy with imports against them planted, to show the check
fails where it should. Then every core module is found by walking its folders (a new module is
checked without being listed) and imported in a fresh process, which reports which edge
libraries it pulled in: widgets, plotting and IPython belong to ``psoas_lib/ui`` (and the
terminal runner in ``psoas_lib/cli`` may use what it needs).

One probe process does all the imports, so the check stays in the fast loop (``make check``):
it imports the libraries most core modules share (pandas, numpy), checks that they bring no
edge library, then forks once per module, so each module is imported in a child where no other
``psoas_lib`` module and no edge library has been loaded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "psoas_lib"
EDGE_FOLDERS = {"ui", "cli"}
EDGE_LIBRARIES = ("ipywidgets", "anywidget", "matplotlib", "IPython")


LAYERS = "psoas_lib layers: base -> content -> journal | figures -> coaching"
ACYCLIC = "no import circles between the modules of a package"


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the package and pyproject.toml found in ``root``."""
    code = "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())"
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "300", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", code, "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_package_keeps_its_import_contracts():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{LAYERS}" in result.stdout and "Contracts: 2 kept, 0 broken." in result.stdout


def _plant(path: Path, code: str) -> None:
    path.write_text(path.read_text() + "\n\n" + code)


#: Imports against the contracts, each planted in a copy of the package, and what the report
#: must say about it.
PLANTED = [
    (  # content reaches up into ui, inside a function
        "content/routine.py",
        "def _upward():\n    from psoas_lib.ui import html\n\n    return html\n",
        "- psoas_lib.content.routine -> psoas_lib.ui.html",
    ),
    (  # figures and journal are independent, even for a type
        "figures/svg.py",
        "import typing\n\nif typing.TYPE_CHECKING:\n    from psoas_lib.journal import store\n",
        "- psoas_lib.figures.svg -> psoas_lib.journal.store",
    ),
    (  # the base imports nothing above it
        "clock.py",
        "def _up():\n    import psoas_lib.content.catalog\n",
        "- psoas_lib.clock -> psoas_lib.content.catalog",
    ),
    (  # a circle inside content: the catalog imports datafile, and now the other way
        "content/datafile.py",
        "def _circle():\n    from psoas_lib.content import catalog\n\n    return catalog\n",
        "- .datafile -> .catalog (1 import)",
    ),
    (  # a new module of the package that no layer names
        "newthing.py",
        None,
        "- psoas_lib.newthing",
    ),
]


def test_imports_against_the_contracts_break_them(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "psoas_lib", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    for where, code, _ in PLANTED:
        if code is None:
            (tmp_path / "psoas_lib" / where).write_text("VALUE = 1\n")
        else:
            _plant(tmp_path / "psoas_lib" / where, code)
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 2 broken." in result.stdout
    for _, _, said in PLANTED:
        assert said in result.stdout
    assert "No cycles are allowed in psoas_lib.content." in result.stdout


def test_the_contracts_name_every_package_and_leave_no_exception():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers, acyclic = config["contracts"]
    named = {
        name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")
    }
    found = {p.stem for p in PACKAGE.iterdir() if p.suffix == ".py" or (p / "__init__.py").exists()}
    assert named == found - {"__init__"}
    assert layers["exhaustive"] is True and acyclic["ancestors"] == ["psoas_lib"]
    assert not any("ignore_imports" in contract for contract in config["contracts"])


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
