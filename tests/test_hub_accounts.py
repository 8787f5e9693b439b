"""The clinic hub's accounts made from the command line (deploy/jupyterhub/accounts.py), run as
``make hub`` runs it: the hub's Python, a state folder, the password on standard input."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "deploy" / "jupyterhub" / "accounts.py"
HUB_PYTHON = Path(os.environ.get("PSOAS_HUB_PREFIX", "/opt/psoas-coach-hub")) / "venv/bin/python"
PASSWORD = "a-long-enough-password"

pytestmark = pytest.mark.skipif(
    not HUB_PYTHON.exists(), reason=f"{HUB_PYTHON} missing (make hub-install): bcrypt lives there"
)


def _run(state: Path, *args: str, password: str = PASSWORD) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(HUB_PYTHON), str(SCRIPT), "--state", str(state), "--password-stdin", *args],
        input=password + "\n",
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_admin_is_made_once_kept_as_a_hash_in_a_private_file(tmp_path: Path) -> None:
    state = tmp_path / "state"
    assert "admin: (none yet)" in _run(state, "show").stdout
    made = _run(state, "admin", "clinic-lead")
    assert made.returncode == 0, made.stderr
    assert "admin: clinic-lead" in _run(state, "show").stdout
    path = state / "accounts.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(state.stat().st_mode) == 0o700
    saved = json.loads(path.read_text())
    assert saved["admin"]["name"] == "clinic-lead"
    assert PASSWORD not in path.read_text() and saved["admin"]["hash"].startswith("$2")
    again = _run(state, "admin", "someone-else")
    assert again.returncode != 0 and "There is an admin already" in again.stderr
    assert json.loads(path.read_text()) == saved  # unchanged


@pytest.mark.parametrize(
    ("args", "password", "words"),
    [
        (("admin", "root"), PASSWORD, "cannot be a hub name"),
        (("admin", "Has Space"), PASSWORD, "cannot be a hub name"),
        (("admin", "lead"), "short", "shorter than 10"),
        (("therapist", "lead"), PASSWORD, "has an account already"),
    ],
)
def test_bad_names_short_passwords_and_taken_names_change_nothing(
    tmp_path: Path, args: tuple[str, ...], password: str, words: str
) -> None:
    state = tmp_path / "state"
    if args[0] == "therapist":
        assert _run(state, "admin", "lead").returncode == 0
    before = (state / "accounts.json").read_bytes() if (state / "accounts.json").exists() else None
    done = _run(state, *args, password=password)
    assert done.returncode != 0 and words in done.stderr, done.stderr
    after = (state / "accounts.json").read_bytes() if (state / "accounts.json").exists() else None
    assert after == before
