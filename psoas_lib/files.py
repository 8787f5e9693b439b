"""Writing the user's files: one durable atomic write, private by default, links kept.

Every file the workbook writes (the journal's repairs and exports, routines, the plan, the
calendar, reports) goes through :func:`write_atomic`: the new bytes go to a temporary file in
the same folder, are synced to disk, and the file is renamed over the old one, then the folder
is synced, so a crash leaves either the old file or the new one, never half of one.

- **Private**: a new file is ``0600`` and a new folder ``0700`` whatever the umask (the journal
  holds health notes); an existing file keeps its own mode, an existing folder is never changed.
- **Links respected**: writing to a symbolic link writes to the file it points to (a journal
  kept in a synced folder stays there), with any backup beside that file.
- **Optional backup**: ``backup=stamped_backup`` keeps the old bytes in a new timestamped file,
  ``backup=bak_backup`` in ``<name>.bak``.

>>> import stat, tempfile
>>> folder = Path(tempfile.mkdtemp()) / "new" / "folder"
>>> path = write_atomic(folder / "plan.toml", b"days = 3\\n")
>>> path.read_bytes(), oct(stat.S_IMODE(path.stat().st_mode))
(b'days = 3\\n', '0o600')
>>> oct(stat.S_IMODE(folder.stat().st_mode))
'0o700'
>>> write_atomic(path, b"days = 4\\n", overwrite=False)
Traceback (most recent call last):
...
FileExistsError: [Errno 17] File exists: ...
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

__all__ = [
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "bak_backup",
    "fsync_dir",
    "loose_mode",
    "private_dir",
    "stamped_backup",
    "target_of",
    "write_atomic",
    "write_unlinked",
]

#: The mode of every folder the workbook creates: only the user may list or enter it.
PRIVATE_DIR_MODE = 0o700
#: The mode of every file the workbook creates: only the user may read or write it.
PRIVATE_FILE_MODE = 0o600


def private_dir(folder: Path | str) -> Path:
    """Create ``folder`` and any missing parents as ``0700`` (an existing folder is untouched).

    >>> import stat, tempfile
    >>> made = private_dir(Path(tempfile.mkdtemp()) / "a" / "b")
    >>> oct(stat.S_IMODE(made.stat().st_mode)), oct(stat.S_IMODE(made.parent.stat().st_mode))
    ('0o700', '0o700')
    """
    folder = Path(folder)
    missing: list[Path] = []
    here = folder
    while not here.exists() and not here.is_symlink() and here != here.parent:
        missing.append(here)
        here = here.parent
    for part in reversed(missing):
        try:
            part.mkdir(mode=PRIVATE_DIR_MODE)
        except FileExistsError:  # another process made it first: leave its mode alone
            continue
        os.chmod(part, PRIVATE_DIR_MODE)  # mkdir's mode is reduced by the umask
    if not folder.is_dir():
        folder.mkdir(parents=True, exist_ok=True)  # raises the right OSError (a file in the way)
    return folder


def target_of(path: Path | str) -> Path:
    """The file that writing to ``path`` changes: ``path`` itself, or what its links point to.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "link.csv").symlink_to(folder / "real.csv")
    >>> target_of(folder / "link.csv") == (folder / "real.csv").resolve()
    True
    """
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def stamped_backup(target: Path) -> Path:
    """A new, unused name beside ``target`` for its backup: ``<stem>.backup-<UTC time><suffix>``."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = target.with_name(f"{target.stem}.backup-{stamp}{target.suffix}")
    n = 1
    while backup.exists():
        n += 1
        backup = target.with_name(f"{target.stem}.backup-{stamp}-{n}{target.suffix}")
    return backup


def bak_backup(target: Path) -> Path:
    """``<name>.bak`` beside ``target`` (one backup, replaced each time)."""
    return target.with_name(target.name + ".bak")


def write_atomic(
    path: Path | str,
    data: bytes,
    *,
    overwrite: bool = True,
    backup: Callable[[Path], Path] | None = None,
) -> Path:
    """Replace the file at ``path`` by ``data`` atomically and durably; return the file written.

    Missing folders are created private (:func:`private_dir`). With ``overwrite=False`` an
    existing file is never replaced (:class:`FileExistsError`, also when another process
    creates it meanwhile). With ``backup``, the current bytes are first saved, durably, to
    ``backup(target)`` (with the file's mode). Raises :class:`OSError` when the disk refuses;
    the old file is then left as it was and no temporary file remains.
    """
    target = target_of(path)
    private_dir(target.parent)
    old_mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        old_mode = stat.S_IMODE(os.stat(target).st_mode)
    if old_mode is not None and not overwrite:
        raise FileExistsError(17, "File exists", str(target))
    if old_mode is not None and backup is not None:
        _write_temp_then(target.parent, target.read_bytes(), old_mode, backup(target), True)
    mode = PRIVATE_FILE_MODE if old_mode is None else old_mode
    _write_temp_then(target.parent, data, mode, target, overwrite)
    return target


def write_unlinked(
    path: Path | str, data: bytes, *, mode: int = PRIVATE_FILE_MODE, overwrite: bool = False
) -> Path:
    """:func:`write_atomic` for a folder others may write into: no link at ``path`` is followed.

    For files written where someone else could plant a link (a shared drop folder): a link at
    ``path``, even a dangling one, is refused (:class:`OSError` ``ELOOP``) instead of written
    through, and with ``overwrite=False`` (the default) the file is created only if nothing is
    there, atomically (a link planted meanwhile makes it fail, never redirects it). The new
    file gets ``mode``; the folder must exist.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> (folder / "share.toml").symlink_to(folder / "elsewhere.toml")
    >>> write_unlinked(folder / "share.toml", b"x")
    Traceback (most recent call last):
    ...
    OSError: [Errno 40] a link is there (links are never followed here): ...
    >>> (folder / "elsewhere.toml").exists()
    False
    """
    path = Path(path)
    try:
        st: os.stat_result | None = os.lstat(path)
    except FileNotFoundError:
        st = None
    if st is not None and stat.S_ISLNK(st.st_mode):
        raise OSError(errno.ELOOP, "a link is there (links are never followed here)", str(path))
    if st is not None and not overwrite:
        raise FileExistsError(errno.EEXIST, "File exists", str(path))
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise IsADirectoryError(errno.EISDIR, "not a regular file", str(path))
    # A temporary file made exclusively (mkstemp), then renamed over (rename replaces a link
    # itself, never what it points to) or hard-linked to a free name (fails on any entry).
    _write_temp_then(path.parent, data, mode, path, overwrite)
    return path


def _write_temp_then(folder: Path, data: bytes, mode: int, dest: Path, overwrite: bool) -> None:
    """Write a synced temporary file in ``folder`` with ``mode``, then move it to ``dest``."""
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{dest.name}.", suffix=".tmp")
    tmp = Path(name)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if hasattr(os, "fchmod"):  # mkstemp made it 0600; an existing file's mode is kept
                os.fchmod(fd, mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if overwrite:
            os.replace(tmp, dest)
        else:
            _move_new(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def _move_new(tmp: Path, dest: Path) -> None:
    """Move ``tmp`` to ``dest`` only if ``dest`` does not exist (also when it appears now)."""
    try:
        os.link(tmp, dest)  # atomic: fails if dest exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: claim the name, then replace it
        os.close(os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
        os.replace(tmp, dest)
        return
    tmp.unlink()


def fsync_dir(folder: Path) -> None:
    """Sync a folder, so a file created or renamed in it survives a power cut."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # Windows cannot open folders
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def loose_mode(path: Path | str) -> int | None:
    """The permission bits of ``path`` that let other users in (``0o077`` part), or ``None``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = write_atomic(folder / "a.csv", b"x")
    >>> loose_mode(folder / "a.csv") is None
    True
    >>> os.chmod(folder / "a.csv", 0o644)
    >>> oct(loose_mode(folder / "a.csv"))
    '0o44'
    """
    try:
        bits = stat.S_IMODE(os.stat(path).st_mode) & 0o077
    except OSError:
        return None
    return bits or None
