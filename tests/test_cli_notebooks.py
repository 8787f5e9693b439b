"""``psoas notebooks DIR``: copies the workbook's six notebooks, never overwrites a user's file."""

from __future__ import annotations

import io
import os
import stat

import pytest

from psoas_lib.cli.console import Console
from psoas_lib.cli.main import main
from psoas_lib.cli.notebooks import copy_notebooks, workbook_notebooks
from psoas_lib.errors import PsoasError
from psoas_lib.paths import NOTEBOOKS_DIR

# The six notebooks of the workbook, named in the README's tour of the notebooks.
NOTEBOOKS = [
    "00_start_here.ipynb",
    "01_self_assessment.ipynb",
    "02_run_a_routine.ipynb",
    "03_my_progress.ipynb",
    "04_plan.ipynb",
    "05_coach.ipynb",
]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), Console(stdin=io.StringIO(), stdout=out, stderr=err))
    return code, out.getvalue(), err.getvalue()


def test_the_workbook_notebooks_are_the_six_in_order():
    assert [p.name for p in workbook_notebooks()] == NOTEBOOKS


def test_copies_them_all_into_a_new_folder_byte_for_byte(tmp_path):
    target = tmp_path / "new" / "workbook"
    code, out, err = run("notebooks", str(target))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in target.iterdir()) == NOTEBOOKS
    for name in NOTEBOOKS:
        assert (target / name).read_bytes() == (NOTEBOOKS_DIR / name).read_bytes()
    assert f"Copied into {target}: {', '.join(NOTEBOOKS)}." in out
    assert "Kept" not in out
    assert f"jupyter lab {target}" in out


def test_never_overwrites_a_users_notebook_and_says_which_it_kept(tmp_path):
    mine = tmp_path / "02_run_a_routine.ipynb"
    mine.write_text("my own edits")
    code, out, _ = run("notebooks", str(tmp_path))
    assert code == 0
    assert mine.read_text() == "my own edits"
    others = [n for n in NOTEBOOKS if n != mine.name]
    assert f"Copied into {tmp_path}: {', '.join(others)}." in out
    assert "Kept your own (already there, not replaced): 02_run_a_routine.ipynb." in out


def test_a_second_run_copies_nothing_and_changes_nothing(tmp_path):
    first = copy_notebooks(tmp_path)
    (tmp_path / "00_start_here.ipynb").write_text("worked in")
    second = copy_notebooks(tmp_path)
    assert (first.copied, first.skipped) == (NOTEBOOKS, [])
    assert (second.copied, second.skipped) == ([], NOTEBOOKS)
    assert (tmp_path / "00_start_here.ipynb").read_text() == "worked in"


def test_other_files_in_the_folder_are_left_alone(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep")
    copy_notebooks(folder)
    assert (folder / "notes.txt").read_text() == "keep"
    assert sorted(p.name for p in folder.iterdir()) == [*NOTEBOOKS, "notes.txt"]


def test_a_file_instead_of_a_folder_is_a_clear_error(tmp_path):
    path = tmp_path / "file.txt"
    path.write_text("x")
    code, out, err = run("notebooks", str(path))
    assert code == 1 and out == ""
    assert err == f"psoas: {path}: is a file, not a folder. Give a folder to copy into.\n"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_error(tmp_path):
    tmp_path.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(PsoasError, match=r"cannot write it .*Give a folder you can write to"):
            copy_notebooks(tmp_path)
    finally:
        tmp_path.chmod(stat.S_IRWXU)


def test_a_folder_that_cannot_be_created_is_a_clear_error(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(PsoasError, match=r"file.txt/sub: cannot create it .*write to"):
        copy_notebooks(tmp_path / "file.txt" / "sub")


def test_an_empty_source_is_a_clear_error(tmp_path):
    with pytest.raises(PsoasError, match="no notebooks there; reinstall psoas-coach"):
        copy_notebooks(tmp_path / "out", source=tmp_path)


def test_the_command_is_in_the_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    assert "notebooks" in capsys.readouterr().out
