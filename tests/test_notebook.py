"""Notebook support: workbook errors show as their message; figures show as images."""

from __future__ import annotations

import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output

from psoas_lib.ui.notebook import install_notebook_support, notebook_map


@pytest.fixture(scope="module")
def shell():
    shell = InteractiveShell.instance(colors="nocolor")
    assert install_notebook_support()
    yield shell
    InteractiveShell.clear_instance()


def test_a_workbook_error_shows_its_message_only_and_still_fails_the_cell(shell):
    with capture_output() as captured:
        result = shell.run_cell(
            "from psoas_lib import CatalogError\n"
            "raise CatalogError('data/x.toml, line 3: bad. Fix it')"
        )
    shown = captured.stdout + captured.stderr
    assert "CatalogError: data/x.toml, line 3: bad. Fix it" in shown
    assert "Traceback" not in shown and "raise CatalogError" not in shown
    assert isinstance(result.error_in_exec, Exception)


def test_other_errors_keep_their_traceback(shell):
    with capture_output() as captured:
        shell.run_cell("def f():\n    return 1 / 0\nf()")
    assert "ZeroDivisionError" in captured.stdout + captured.stderr
    assert "return 1 / 0" in captured.stdout + captured.stderr


def test_a_returned_figure_is_shown_as_png(shell):
    from psoas_lib.ui.schematic import psoas_schematic

    data, _ = shell.display_formatter.format(psoas_schematic())
    assert data["image/png"].startswith(b"\x89PNG")
    # and as an <img> with its text alternative, which the front ends show
    assert 'alt="Where the psoas runs, front view' in data["text/html"]
    assert 'src="data:image/png;base64,' in data["text/html"]


def test_notebook_map_reads_titles_from_the_notebooks(tmp_path):
    import json

    cell = {
        "cell_type": "markdown",
        "metadata": {},
        "source": ["# My title\n", "\n", "What it is for.\n"],
    }
    (tmp_path / "07_x.ipynb").write_text(json.dumps({"cells": [cell]}))
    (tmp_path / "scratch.ipynb").write_text(json.dumps({"cells": [cell]}))  # not numbered
    assert notebook_map(tmp_path) == [("07_x.ipynb", "My title", "What it is for.")]


@pytest.mark.parametrize(
    ("server", "forced", "expected"),
    [
        ("", None, False),  # a JupyterLab kernel
        ("voila/0.5.8", None, True),  # Voila passes SERVER_SOFTWARE to the kernels it starts
        ("TornadoServer/6.4", None, False),
        ("", True, True),  # the app's App() says so itself
        ("voila/0.5.8", False, False),
    ],
)
def test_in_app_and_page_names(monkeypatch, server, forced, expected):
    from psoas_lib.ui.notebook import in_app, page_ref, set_app_mode

    monkeypatch.setenv("SERVER_SOFTWARE", server)
    set_app_mode(forced)
    try:
        assert in_app() is expected
        assert ("My plan" in page_ref("plan")) is expected
        assert ("04_plan.ipynb" in page_ref("plan")) is not expected
    finally:
        set_app_mode(None)
