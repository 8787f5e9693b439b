"""The pure core never imports the edge: no widgets, no plotting (checked in a fresh process)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = ["catalog", "routine", "exercise", "timer", "cues", "spoken", "session", "journal",
        "journal_format", "sample", "assessment", "progress", "plan", "plan_weeks",
        "progression", "ics", "guide", "paths", "datafile"]


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_neither_widgets_nor_matplotlib(module):
    edge = "('ipywidgets', 'matplotlib', 'anywidget')"
    code = (f"import sys, psoas_lib.{module}; "
            f"print(sorted(m for m in {edge} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
