"""Where the user's data lives: PSOAS_HOME, and a clear error when it cannot be used."""

from __future__ import annotations

import pytest

from psoas_lib import PsoasError
from psoas_lib.paths import data_home


def test_psoas_home_moves_the_data_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PSOAS_HOME", str(tmp_path / "a" / "b"))
    assert data_home() == tmp_path / "a" / "b" and (tmp_path / "a" / "b").is_dir()


def test_the_default_folder_is_outside_the_checkout(monkeypatch):
    from psoas_lib.paths import DATA_DIR

    monkeypatch.delenv("PSOAS_HOME")
    home = data_home(create=False)
    assert home.name == "psoas-coach"
    assert DATA_DIR.parent not in home.parents


def test_a_data_folder_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    monkeypatch.setenv("PSOAS_HOME", str(blocker))
    with pytest.raises(PsoasError, match=r"not-a-folder: cannot use it as \$PSOAS_HOME"):
        data_home()
    assert blocker.read_text() == "mine"


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_the_data_folder_is_created_private_whatever_the_umask(tmp_path, monkeypatch, umask):
    import os
    import stat

    monkeypatch.setenv("PSOAS_HOME", str(tmp_path / "new" / "psoas"))
    old = os.umask(umask)
    try:
        home = data_home()
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(home.parent.stat().st_mode) == 0o700  # every folder it had to create


def test_an_existing_data_folder_keeps_its_mode(tmp_path, monkeypatch):
    import os
    import stat

    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o750)
    monkeypatch.setenv("PSOAS_HOME", str(shared))
    assert data_home() == shared and stat.S_IMODE(shared.stat().st_mode) == 0o750
