"""The drop folder's two layouts: per-client folders the hub vouches for, or one trusted folder.

**On a hub** (``deploy/jupyterhub``) the drop folder belongs to root and the physiotherapist's
group, ``1771``: the group may add files (the programme), clients may only pass through. Before
a client's server starts, the hub (as root) makes the client's own folder in it,
``DROP/<unix name>``, owned by the client and the physiotherapist's group, ``2750``: the client
writes their shares there, the group reads them, nobody else sees in. A client cannot create,
replace or delete anything outside their own folder, so the overview believes the **owner** of
the folder and of each file in it (the Unix user id, checked with ``fstat``), never a name
written inside a file: a share in ``DROP/bea`` counts as Bea's only if Bea's uid owns it.

**On one machine** (no hub) the drop folder is a plain folder and shares are files in it,
``<client>_<time>_<part>``: the overview trusts the folder (whoever can write into it could
write a share under any name), and says so.

>>> import tempfile
>>> own_folder(tempfile.mkdtemp()) is None   # no folder of mine in it: one-machine mode
True
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from psoas_lib.share.errors import ShareError

__all__ = [
    "CLIENT_FOLDER_MODE",
    "DROP_MODE",
    "make_client_folder",
    "make_drop",
    "own_folder",
    "unix_name",
]

#: The drop folder on a hub: root's, the physiotherapist's group adds files, others pass through.
DROP_MODE = 0o1771
#: A client's folder on a hub: the client writes, the group reads (setgid: files get the group).
CLIENT_FOLDER_MODE = 0o2750


def unix_name(uid: int | None = None) -> str:
    """The Unix user name of ``uid`` (default: this process's user)."""
    import pwd  # POSIX only: on Windows there are no per-client folders (own_folder)

    uid = os.geteuid() if uid is None else uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        raise ShareError(f"uid {uid} has no user name on this machine. Ask its admin") from None


def own_folder(drop: Path | str) -> Path | None:
    """This user's own folder in ``drop`` (made by the hub), or None (one-machine mode).

    It counts only when it is a real folder (not a link) owned by this user.
    """
    if os.name != "posix":
        return None
    path = Path(drop) / unix_name()
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if stat.S_ISDIR(st.st_mode) and st.st_uid == os.geteuid():
        return path
    return None


def make_drop(drop: Path | str, group: str) -> Path:
    """Make (or check) the hub's drop folder: root's, ``group``'s, mode ``1771``. Run as root."""
    path = Path(drop)
    gid = _gid(group)
    with contextlib.suppress(FileExistsError):
        os.mkdir(path, 0o700)
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode):
        raise ShareError(f"{path}: not a folder (a link or a file). Remove it or choose another")
    os.chown(path, 0, gid, follow_symlinks=False)
    os.chmod(path, DROP_MODE)
    return path


def make_client_folder(drop: Path | str, user: str, group: str) -> Path:
    """Make ``drop/<user>``, the client's own folder: the client's, ``group``'s, ``2750``.

    Run as root (the hub does it before the client's server starts). An existing folder is
    checked: a link, a file, or a folder owned by anyone else is refused, never adopted.
    """
    import pwd

    try:
        account = pwd.getpwnam(user)
    except KeyError:
        raise ShareError(f"no Unix user {user!r}: create it first") from None
    gid = _gid(group)
    path = Path(drop) / user
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        st = os.lstat(path)
        if not stat.S_ISDIR(st.st_mode) or st.st_uid not in (0, account.pw_uid):
            raise ShareError(
                f"{path}: there already, and not {user}'s own folder (a link, a file or "
                "another user's). Move it away, then start the server again"
            ) from None
    os.chown(path, account.pw_uid, gid, follow_symlinks=False)
    os.chmod(path, CLIENT_FOLDER_MODE)
    return path


def _gid(group: str) -> int:
    import grp

    try:
        return grp.getgrnam(group).gr_gid
    except KeyError:
        raise ShareError(
            f"no group {group!r}: create the physiotherapist's group first (groupadd {group})"
        ) from None
