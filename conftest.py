"""Test set-up: never touch a real user's data.

PSOAS_HOME points at a fresh temporary folder for the whole run (so notebook kernels that
nbval starts inherit it) and at a per-test folder inside each test.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="psoas-test-home-"))
os.environ["PSOAS_HOME"] = str(_SESSION_HOME)


@pytest.fixture(autouse=True)
def psoas_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty user data folder for each test."""
    home = tmp_path / "psoas-home"
    home.mkdir()
    monkeypatch.setenv("PSOAS_HOME", str(home))
    return home
