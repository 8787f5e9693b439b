"""The project's own plumbing: one dependency list, clean notebooks, lint, the two commands."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_packages() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]}
    for extra in project["optional-dependencies"].values():
        names |= {_name(r) for r in extra}
    return names


def _environment_packages() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text()
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        found = re.match(r"^\s{2}- ([A-Za-z0-9_.\-]+)", line)  # top-level dependency items
        if found and found.group(1) not in {"python", "pip"}:
            names.add(_name(found.group(1)))
    return names


def test_environment_yml_lists_the_same_packages_as_pyproject():
    assert _environment_packages() == _pyproject_packages()


def test_environment_yml_installs_the_project_itself():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text and re.search(r"-\s+-e \.\s*$", text, re.M)


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs_and_keeps_its_kernelspec(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code, "a notebook without code cells"
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_cells_are_thin(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            source = "".join(cell["source"])
            assert "sys.path" not in source
            statements = [
                ln
                for ln in source.splitlines()
                if ln.strip() and not ln.startswith((" ", "#", ")", "]"))
            ]
            assert len(statements) <= 6, f"a long code cell in {path.name}:\n{source}"


@pytest.mark.slow
@pytest.mark.parametrize("command", [["check", "."], ["format", "--check", "."]])
def test_ruff_is_clean(command):
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run([str(ruff), *command], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _dry_run(target: str, env: dict[str, str] | None = None, user: int | None = None) -> str:
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        user=user,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow
def test_make_lab_binds_loopback_with_a_token_and_opens_start_here():
    plan = _dry_run("lab")
    assert "--ServerApp.ip=127.0.0.1" in plan
    # the token goes through the environment, never on the server's command line (issue 16)
    assert "JUPYTER_TOKEN=$token exec" in plan and "secrets.token_urlsafe" in plan
    assert "token=$token " not in plan.replace("JUPYTER_TOKEN=$token exec", "")
    assert "notebooks/00_start_here.ipynb" in plan
    assert ("--allow-root" in plan) == (os.geteuid() == 0)


@pytest.mark.slow
@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to try another user")
def test_make_lab_adds_allow_root_only_for_root():
    plan = _dry_run("lab", user=65534)  # "nobody": the same Makefile, run by another user
    assert "--allow-root" not in plan
    assert "--ServerApp.ip=127.0.0.1" in plan


def test_make_test_reinstalls_only_when_pyproject_changed():
    text = (ROOT / "Makefile").read_text()
    assert re.search(r"^\$\(STAMP\): pyproject\.toml", text, re.M)
    assert re.search(r"^test: \$\(STAMP\)", text, re.M)
    assert re.search(r"^lab: \$\(STAMP\)", text, re.M)


@pytest.mark.slow
def test_make_install_uses_uv_and_falls_back_to_pip():
    """The install (the stamp's recipe, as make would run it after a change to pyproject.toml):
    uv from PATH or put into the venv by pip, and pip for everything when uv fails."""
    result = subprocess.run(
        ["make", "--no-print-directory", "-n", "-W", "pyproject.toml", ".venv/.installed"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    plan = result.stdout
    assert "command -v uv" in plan and "python -m pip install --quiet uv" in plan
    uv, pip = (
        plan.index("pip install --quiet --python .venv/bin/python -e '.[test]'"),
        plan.index(".venv/bin/python -m pip install --quiet -e '.[test]'"),
    )
    assert uv < pip  # pip only in the branch after uv's
    assert "touch .venv/.installed" in plan


def test_ci_runs_make_test():
    assert re.search(r"^make test\b", (ROOT / ".ci" / "run").read_text(), re.M)


@pytest.mark.slow
def test_mypy_is_clean():
    """The package type-checks with the settings in pyproject.toml ([tool.mypy])."""
    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run([str(mypy)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_the_package_says_it_is_typed():
    assert (ROOT / "psoas_lib" / "py.typed").is_file()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_as_jupyterlab_saves_it(path):
    """Keys sorted, one-space indent, cell ids, a final newline: what JupyterLab writes, so
    opening and saving a notebook changes no byte (tests/e2e/test_clean_checkout.py)."""
    raw = path.read_text(encoding="utf-8")
    nb = json.loads(raw)
    assert all("id" in cell for cell in nb["cells"])
    assert raw == json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
