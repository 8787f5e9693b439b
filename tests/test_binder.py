""".binder/ (repo2docker, as Binder builds it) agrees with pyproject.toml.

There is no Docker here to run repo2docker, so these check what repo2docker reads: it takes the
Python version from runtime.txt (only when there is no environment.yml beside it), installs
requirements.txt before it copies the repository, then runs postBuild in the copy.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

ROOT = Path(__file__).resolve().parent.parent
BINDER = ROOT / ".binder"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _requirements(text: str) -> set[str]:
    """Requirement lines without comments or spaces.

    >>> sorted(_requirements("# x\\npandas >= 2.1\\n\\nvoila>=0.5  # app\\n"))
    ['pandas>=2.1', 'voila>=0.5']
    """
    lines = (line.split("#", 1)[0].replace(" ", "") for line in text.splitlines())
    return {line for line in lines if line}


def test_runtime_txt_names_one_exact_python_that_pyproject_allows():
    text = (BINDER / "runtime.txt").read_text()
    found = re.fullmatch(r"python-(3\.\d+)\n?", text)
    assert found, f".binder/runtime.txt: {text!r} is not of the form python-3.X"
    assert found[1] in SpecifierSet(PROJECT["requires-python"]), found[1]


def test_no_environment_yml_beside_runtime_txt():
    # repo2docker ignores runtime.txt when .binder/ also has an environment.yml.
    assert not (BINDER / "environment.yml").exists()


def test_requirements_txt_is_exactly_pyprojects_runtime_dependencies():
    binder = _requirements((BINDER / "requirements.txt").read_text())
    pyproject = {r.replace(" ", "") for r in PROJECT["dependencies"]}
    assert binder - pyproject == set(), "in .binder/requirements.txt, not in pyproject.toml"
    assert pyproject - binder == set(), "in pyproject.toml, not in .binder/requirements.txt"


def test_post_build_installs_the_package_from_the_copied_repository():
    path = BINDER / "postBuild"
    assert os.access(path, os.X_OK), "repo2docker runs postBuild only when it is executable"
    lines = path.read_text().splitlines()
    assert lines[0].startswith("#!"), "postBuild needs a shebang line"
    assert "set -euo pipefail" in lines, "a failing step must fail the build"
    installs = [
        shlex.split(line)
        for line in lines
        if line.strip() and not line.lstrip().startswith("#") and "pip install" in line
    ]
    assert installs, "postBuild installs nothing"
    argv = installs[0]
    assert argv[:4] == ["python", "-m", "pip", "install"], argv
    assert argv[-1] == ".", "it must install the repository itself (the last argument is .)"
    assert "-e" not in argv, "a plain install: Binder's copy is the install, not a checkout"


def test_post_build_installs_the_pose_model():
    lines = (BINDER / "postBuild").read_text().splitlines()
    assert '"$(dirname "$0")/install-pose"' in lines, "postBuild does not install the pose model"
    assert os.access(BINDER / "install-pose", os.X_OK), "install-pose must be executable"


@pytest.mark.slow
def test_install_pose_puts_the_model_where_lab_and_voila_serve_it(tmp_path):
    """Run as postBuild runs it (npm ci from the workbook's lock file), with the Jupyter data
    folder in a temporary place: the files the camera widget asks for are there, readable
    by all, at the version of the lock file."""
    if shutil.which("npm") is None:
        pytest.skip("npm not found")
    env = {
        **os.environ,
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
    }
    done = subprocess.run(
        [str(BINDER / "install-pose")], env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-2000:]
    pose = tmp_path / "data/labextensions/psoas-pose/npm/node_modules/@mediapipe/pose"
    for name in (
        "pose.js",
        "pose_solution_simd_wasm_bin.wasm",
        "pose_solution_wasm_bin.wasm",
        "pose_landmark_full.tflite",
        "pose_landmark_lite.tflite",
    ):
        assert (pose / name).is_file(), f"{name} not installed"
        assert (pose / name).stat().st_mode & 0o004, f"{name} is not readable by all"
    lock = json.loads(
        (ROOT / "jupyter/data/labextensions/psoas-pose/npm/package-lock.json").read_text()
    )
    wanted = lock["packages"]["node_modules/@mediapipe/pose"]["version"]
    assert json.loads((pose / "package.json").read_text())["version"] == wanted
