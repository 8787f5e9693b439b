"""A built wheel works outside the checkout: catalog, ``psoas list``, ``run``, ``notebooks``.

How the wheel is installed, and why it is an honest test of the wheel:

* The source tree is copied (without ``.venv``, ``.git`` and build leftovers) to a temporary
  folder and built there with ``pip wheel --no-deps`` (an isolated build, as a user's
  ``pip install`` does; setuptools comes from the pip cache), so the checkout stays clean.
* A fresh virtual environment is made with ``python -m venv --without-pip`` and the wheel is
  installed into it with ``--no-deps --no-index`` (pip's ``--python`` option runs the
  project's pip against the new interpreter). Nothing of the checkout is installed there.
* The dependencies (pandas, ipywidgets, ...) are not downloaded again (minutes, and a network):
  a ``.pth`` file in the new environment puts the project ``.venv``'s site-packages folder on
  ``sys.path`` *after* the new environment's own. A folder named in a ``.pth`` file is not a
  site folder, so its own ``.pth`` files (among them the editable install's finder, which maps
  ``psoas_lib`` to the checkout) are never run: ``psoas_lib`` can only come from the wheel,
  and the test checks that it does (its ``__file__``) and that no editable finder is loaded.
* Every command runs from a temporary folder that is not the checkout, with ``PYTHONPATH``
  removed and ``PSOAS_HOME`` pointed at a temporary folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from psoas_lib import Journal, load_catalog

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
NO_DEPS = ("--no-deps", "--no-index")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("src") / "psoas-coach"
    shutil.copytree(
        REPO,
        src,
        ignore=shutil.ignore_patterns(
            ".venv",
            ".git",
            "build",
            "dist",
            "mutants",
            "*.egg-info",
            "__pycache__",
            ".*_cache",
            "*.pyc",
        ),
    )
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(out), str(src)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("psoas_coach-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    python = root / "bin" / "python"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            *NO_DEPS,
            wheel,
        ],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(site) / "_project_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return root


@pytest.fixture
def elsewhere(tmp_path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout and an environment for the installed commands."""
    cwd = tmp_path / "somewhere"
    cwd.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["PSOAS_HOME"] = str(tmp_path / "home")
    return cwd, env


def run(argv, where, **kwargs) -> subprocess.CompletedProcess:
    cwd, env = where
    return subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, **kwargs
    )


def test_the_wheel_holds_every_data_file_notebook_and_module(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data = [p for p in (REPO / "data").iterdir() if p.is_file() and p.suffix != ".pyc"]
    expected = {f"psoas_lib/data/{p.name}" for p in data}
    expected |= {f"psoas_lib/notebooks/{n}" for n in NOTEBOOKS}
    expected |= {
        p.relative_to(REPO).as_posix()
        for p in (REPO / "psoas_lib").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert len(NOTEBOOKS) == 6 and "psoas_lib/data/exercises.toml" in expected
    assert expected - names == set()


def test_the_installed_package_loads_its_catalog_from_site_packages(venv, elsewhere):
    code = (
        "import sys, psoas_lib\n"
        "from psoas_lib import load_catalog\n"
        "from psoas_lib.paths import DATA_DIR, NOTEBOOKS_DIR\n"
        "print(psoas_lib.__file__)\n"
        "print(DATA_DIR)\n"
        "print(NOTEBOOKS_DIR)\n"
        "print(sorted(load_catalog().routines))\n"
        "print(any('editable' in repr(f) for f in sys.meta_path))\n"
    )
    result = run([venv / "bin" / "python", "-c", code], elsewhere)
    assert result.returncode == 0, result.stderr
    module, data, notebooks, routines, editable = result.stdout.splitlines()
    site = venv / "lib"
    for path in (module, data, notebooks):
        assert Path(path).is_relative_to(site), path
    assert Path(data).name == "data" and Path(notebooks).name == "notebooks"
    assert routines == str(sorted(load_catalog().routines))
    assert editable == "False"


def test_psoas_list_from_another_folder(venv, elsewhere):
    result = run([venv / "bin" / "psoas", "list"], elsewhere)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    # Desk reset is 4 exercises of 2:00 (see test_timer): 8:00.
    # at the lowest levels (an empty journal): 695 s, worked out in tests/test_cli.py
    assert ["desk-reset", "11:35", "Desk", "reset", "[standing,", "kneeling]"] in [
        line.split() for line in lines
    ]
    assert len(lines) == len(load_catalog().routines) + 2  # a blank line, what the lengths are


def test_psoas_run_on_a_fast_clock_logs_a_session(venv, elsewhere):
    _, env = elsewhere
    env["PSOAS_SPEED"] = "240"  # 695 s of desk reset (at the lowest levels) in 3 s
    result = run(
        [venv / "bin" / "psoas", "run", "desk-reset"], elsewhere, input="5\n3\nfrom the wheel\n"
    )
    assert result.returncode == 0, result.stderr
    assert "Saved in your journal." in result.stdout
    (row,) = Journal(env["PSOAS_HOME"]).sessions().itertuples()
    assert (row.routine_id, row.planned_s, row.completed_s) == ("desk-reset", 695, 695)
    # The six exercises of data/routines.toml's desk-reset, in order.
    assert row.exercises_done == (
        "marching-in-place;leg-swings;standing-pelvic-tilt;warrior-one;"
        "kneeling-hip-flexor-stretch;low-lunge"
    )
    assert (row.tightness_before, row.tightness_after, row.notes) == (5, 3, "from the wheel")


def test_psoas_notebooks_copies_them_all(venv, elsewhere):
    cwd, _ = elsewhere
    result = run([venv / "bin" / "psoas", "notebooks", "workbook"], elsewhere)
    assert result.returncode == 0, result.stderr
    copied = sorted(p.name for p in (cwd / "workbook").iterdir())
    assert copied == NOTEBOOKS
    for name in NOTEBOOKS:
        assert (cwd / "workbook" / name).read_bytes() == (REPO / "notebooks" / name).read_bytes()
