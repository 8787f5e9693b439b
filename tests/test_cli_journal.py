"""``psoas journal check`` / ``repair``: a terminal user is never asked to type a Python call."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from psoas_lib import Journal
from psoas_lib.cli.console import Console
from psoas_lib.cli.main import main

#: Something a terminal user would have to type into Python: ``Journal.repair()``, ``f(x)``.
PYTHON_CALL = re.compile(r"\b[A-Za-z_][\w.]*\([^)]*\)")


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Console(stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def torn_journal(home) -> Journal:
    """One good session, then a line cut off while it was written, then a copy of line 2."""
    journal = Journal(home)
    journal.add_session(
        started_at=datetime(2026, 3, 2, 7, 30, tzinfo=UTC),
        routine_id="desk-reset",
        planned_s=600,
        completed_s=540,
        exercises_done=[],
    )
    lines = journal.sessions_path.read_text(encoding="utf-8").splitlines(keepends=True)
    with journal.sessions_path.open("a", encoding="utf-8") as out:
        out.write(lines[1])  # an exact copy of the session (line 3)
        out.write("2026-03-03T07:30:00+01:00,desk-re")  # torn (line 4)
    return journal


def test_check_lists_the_problems_and_says_how_to_repair(tmp_path):
    torn_journal(tmp_path)
    code, out, _ = run("journal", "check", "--home", str(tmp_path))
    assert code == 1
    assert "sessions.csv" in out and "line 3" in out and "line 4" in out
    assert out.rstrip().endswith("To repair it (a backup is kept): psoas journal repair")
    assert PYTHON_CALL.findall(out) == []


def test_repair_removes_the_torn_line_and_the_copy_and_keeps_a_backup(tmp_path):
    journal = torn_journal(tmp_path)
    code, out, _ = run("journal", "repair", "--home", str(tmp_path))
    assert code == 0
    found = re.search(
        r"Repaired sessions\.csv: 2 line\(s\) removed; the original is kept as (\S+)\.\n", out
    )
    assert found, out
    assert out.rstrip().endswith("The journal has no problems.")
    assert len(journal.sessions()) == 1
    backup = Path(found.group(1))
    assert backup.exists() and "desk-re" in backup.read_text(encoding="utf-8")


def test_a_run_on_a_torn_journal_names_the_command_not_a_python_call(tmp_path):
    torn_journal(tmp_path)
    problems = [str(p) for p in Journal(tmp_path).check()]
    assert problems and all("psoas journal repair" in p for p in problems)
    assert [PYTHON_CALL.findall(p) for p in problems] == [[] for _ in problems]
