"""The one durable atomic write: private modes, modes kept, links followed, never half a file."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from psoas_lib.files import bak_backup, private_dir, stamped_backup, target_of, write_atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o000, 0o022, 0o002])
def umask(request):
    """Run the test under a permissive umask (0 lets mkdir/open make world-writable files)."""
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def test_new_files_are_0600_and_new_folders_0700_whatever_the_umask(tmp_path: Path, umask) -> None:
    path = write_atomic(tmp_path / "a" / "b" / "plan.toml", b"x")
    assert mode(path) == 0o600
    assert mode(tmp_path / "a") == 0o700 and mode(tmp_path / "a" / "b") == 0o700
    # the folder that existed already is left as it was
    assert mode(tmp_path) == stat.S_IMODE(tmp_path.stat().st_mode)


def test_private_dir_leaves_an_existing_folder_alone(tmp_path: Path) -> None:
    os.chmod(tmp_path, 0o755)
    private_dir(tmp_path)
    assert mode(tmp_path) == 0o755


def test_an_existing_files_mode_is_kept(tmp_path: Path, umask) -> None:
    path = tmp_path / "shared.csv"
    path.write_bytes(b"old")
    os.chmod(path, 0o644)  # the user chose to share it: the workbook does not change that
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new" and mode(path) == 0o644


def test_overwrite_false_refuses_and_leaves_the_file(tmp_path: Path) -> None:
    tmp_path = private_dir(tmp_path / "out")
    path = tmp_path / "x.ics"
    path.write_bytes(b"mine")
    with pytest.raises(FileExistsError):
        write_atomic(path, b"theirs", overwrite=False)
    assert path.read_bytes() == b"mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.ics"]  # no temporary file left


def test_backups_keep_the_old_bytes_beside_the_file(tmp_path: Path) -> None:
    tmp_path = private_dir(tmp_path / "out")
    path = tmp_path / "plan.toml"
    write_atomic(path, b"one")
    write_atomic(path, b"two", backup=bak_backup)
    assert (tmp_path / "plan.toml.bak").read_bytes() == b"one"
    write_atomic(path, b"three", backup=stamped_backup)
    stamped = [p for p in tmp_path.iterdir() if ".backup-" in p.name]
    assert len(stamped) == 1 and stamped[0].read_bytes() == b"two"
    assert stamped[0].name.startswith("plan.backup-") and stamped[0].suffix == ".toml"
    assert path.read_bytes() == b"three"


def test_a_link_is_written_through_to_its_target_with_the_backup_there(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    real = synced / "sessions.csv"
    real.write_bytes(b"old")
    home = tmp_path / "home"
    home.mkdir()
    link = home / "sessions.csv"
    link.symlink_to(real)
    write_atomic(link, b"new", backup=stamped_backup)
    assert link.is_symlink() and real.read_bytes() == b"new"
    assert [p.name for p in home.iterdir()] == ["sessions.csv"]  # nothing beside the link
    assert [p.read_bytes() for p in synced.iterdir() if ".backup-" in p.name] == [b"old"]
    assert target_of(link) == real.resolve()


def test_a_refused_write_leaves_the_old_file_and_no_temporary_file(tmp_path: Path) -> None:
    tmp_path = private_dir(tmp_path / "out")
    (tmp_path / "plan.toml").mkdir()  # a folder in the way: the rename fails
    with pytest.raises(OSError):
        write_atomic(tmp_path / "plan.toml", b"x")
    assert [p.name for p in tmp_path.iterdir()] == ["plan.toml"]


WRITER = """
import sys
from psoas_lib.files import write_atomic
path = sys.argv[1]
big = [bytes([65 + n % 26]) * 2_000_000 for n in range(2)]
print("ready", flush=True)
n = 0
while True:
    write_atomic(path, big[n % 2])
    n += 1
"""


@pytest.mark.slow
def test_sigkill_during_writes_leaves_a_whole_old_or_new_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    write_atomic(path, b"A" * 2_000_000)
    for delay in (0.05, 0.13, 0.21, 0.34):
        child = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        data = path.read_bytes()
        assert data in (b"A" * 2_000_000, b"B" * 2_000_000)
