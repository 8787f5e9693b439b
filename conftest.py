"""Test set-up: never touch a real user's data.

PSOAS_HOME points at a fresh temporary folder for the whole run (so notebook kernels that
nbval starts inherit it) and at a per-test folder inside each test.

Property tests (hypothesis) run 100 examples each by default; ``pytest
--hypothesis-profile=thorough`` runs 1,000 (before a release, or after changing the journal
reader or the timer).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from tests.examples import example_assessments, example_sessions

settings.register_profile("thorough", max_examples=1_000)

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="psoas-test-home-"))
os.environ["PSOAS_HOME"] = str(_SESSION_HOME)


@pytest.fixture(autouse=True)
def _doctest_examples(doctest_namespace: dict[str, object]) -> None:
    """The example frames the doctests of psoas_lib use (tests/examples.py), so the package
    carries no fixture of its own."""
    doctest_namespace["example_sessions"] = example_sessions
    doctest_namespace["example_assessments"] = example_assessments


@pytest.fixture(autouse=True)
def psoas_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private, empty user data folder for each test."""
    home = tmp_path / "psoas-home"
    home.mkdir()
    monkeypatch.setenv("PSOAS_HOME", str(home))
    return home


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A notebook's cells (nbval) run in a kernel, a process of its own: they are ``slow``,
    out of ``make check``, and run one after another in ``make test``, in one kernel each."""
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.slow)
