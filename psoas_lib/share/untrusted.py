"""Opening files someone else may have planted: no link followed, no wait, regular files only.

The coach's overview reads folders clients write into. A plain ``open`` of a FIFO waits for
ever, a link to ``/dev/zero`` never ends, a 4 GiB file fills the memory. Here every file is
opened with ``O_NOFOLLOW | O_NONBLOCK`` (a link is refused, a FIFO does not block), checked with
``fstat`` on the open file (regular files only: FIFOs, devices, sockets and folders are
refused) and read up to a size cap decided before any parsing. With ``owner`` the file (or
folder) must also belong to that Unix user id: on a hub, the owner is who wrote it.

A problem raises :class:`Unreadable` (a :class:`~psoas_lib.share.drop.ShareError`) naming the
file, what is wrong and what to do.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.toml").write_bytes(b"x = 1")
>>> read_capped(folder / "a.toml", 100)
b'x = 1'
>>> os.mkfifo(folder / "pipe.toml")
>>> read_capped(folder / "pipe.toml", 100)
Traceback (most recent call last):
...
psoas_lib.share.untrusted.Unreadable: .../pipe.toml: not a regular file (a FIFO). ...
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from psoas_lib.share.errors import ShareError

__all__ = ["Unreadable", "list_folder", "open_folder", "read_capped"]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)


class Unreadable(ShareError):
    """A file in a drop folder that is not read: a link, a FIFO, too big, another's..."""


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a plain file")


def _open(path: Path, flags: int, dir_fd: int | None, shown: Path) -> int:
    try:
        return os.open(path, flags | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
    except FileNotFoundError:
        raise Unreadable(f"{shown}: missing. Ask the client to share again") from None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EMLINK):
            raise Unreadable(
                f"{shown}: a link, not a file; links are never followed. Remove it "
                "(only its owner or the machine's admin can)"
            ) from None
        if exc.errno == errno.ENOTDIR:
            raise Unreadable(f"{shown}: not a folder. Remove it or choose another") from None
        raise Unreadable(f"{shown}: cannot be opened ({exc.strerror})") from None


def _check_owner(st: os.stat_result, owner: int | None, shown: Path) -> None:
    if owner is not None and st.st_uid != owner:
        raise Unreadable(
            f"{shown}: written by another user (uid {st.st_uid}), not by the client whose "
            "folder it is in: ignored. Tell the machine's admin"
        )


def read_capped(
    path: Path | str,
    cap: int,
    *,
    dir_fd: int | None = None,
    owner: int | None = None,
    shown: Path | None = None,
) -> bytes:
    """The bytes of the regular file ``path`` (relative to ``dir_fd`` if given), at most ``cap``.

    Refused (:class:`Unreadable`): a link, anything but a regular file, a file over ``cap``
    bytes, a file not owned by ``owner`` (when given). Messages name ``shown`` (default ``path``).
    """
    path = Path(path)
    shown = shown or path
    fd = _open(path, os.O_RDONLY, dir_fd, shown)
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise Unreadable(
                f"{shown}: not a regular file ({_kind(st.st_mode)}). Skipped: remove it "
                "(only its owner or the machine's admin can)"
            )
        _check_owner(st, owner, shown)
        if st.st_size > cap:
            raise Unreadable(
                f"{shown}: {st.st_size} bytes, more than the {cap} a file of this kind may "
                "have. Skipped: ask the client to share again"
            )
        chunks, left = [], cap + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > cap:  # it grew while being read
        raise Unreadable(f"{shown}: more than {cap} bytes. Skipped: ask the client to share again")
    return data


def open_folder(
    path: Path | str,
    *,
    dir_fd: int | None = None,
    owner: int | None = None,
    shown: Path | None = None,
) -> tuple[int, os.stat_result]:
    """An open descriptor of the folder ``path`` (no link followed) and its ``fstat``.

    The caller closes it (``os.close``). With ``owner`` the folder must belong to that uid.
    """
    shown = shown or Path(path)
    fd = _open(Path(path), os.O_RDONLY | _DIRECTORY, dir_fd, shown)
    try:
        st = os.fstat(fd)
        if not stat.S_ISDIR(st.st_mode):
            raise Unreadable(f"{shown}: not a folder ({_kind(st.st_mode)})")
        _check_owner(st, owner, shown)
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def list_folder(fd: int) -> list[tuple[str, os.stat_result]]:
    """The entries of an open folder, each with its own ``lstat`` (links not followed), by name."""
    found = []
    for name in sorted(os.listdir(fd)):
        try:
            found.append((name, os.stat(name, dir_fd=fd, follow_symlinks=False)))
        except FileNotFoundError:  # removed meanwhile
            continue
    return found
