"""Shares attributed by the hub's folders (psoas_lib/share/folders.py), with real Unix users.

The drop folder is laid out as the hub lays it out (root's, the physiotherapist's group,
1771; a folder per client, the client's, 2750), and every client action runs as a real
process of that client's Unix user, with the hub's Python and its copy of the workbook
(``make hub-install``; the checkout may be where clients cannot read). Root only, and the
hub's copy must be this checkout's: skipped otherwise.
"""

from __future__ import annotations

import contextlib
import grp
import json
import os
import pwd
import secrets
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from psoas_lib.share.clients import latest_shares, overview
from psoas_lib.share.errors import ShareError
from psoas_lib.share.folders import (
    CLIENT_FOLDER_MODE,
    DROP_MODE,
    make_client_folder,
    make_drop,
)

REPO = Path(__file__).resolve().parents[1]
#: A Python every user may run, with the workbook's dependencies (make hub-install).
HUB_PYTHON = Path(os.environ.get("PSOAS_HUB_PREFIX", "/opt/psoas-coach-hub")) / "venv/bin/python"


def _missing() -> str | None:
    if os.geteuid() != 0:
        return "needs root: it creates Unix users"
    if not HUB_PYTHON.exists():
        return f"{HUB_PYTHON} missing: make hub-install"
    found = subprocess.run(
        [str(HUB_PYTHON), "-c", "import psoas_lib; print(psoas_lib.__file__)"],
        capture_output=True,
        text=True,
    )
    installed = Path(found.stdout.strip()).parent
    for mine in (REPO / "psoas_lib").rglob("*.py"):
        theirs = installed / mine.relative_to(REPO / "psoas_lib")
        if not theirs.exists() or theirs.read_bytes() != mine.read_bytes():
            return f"the hub's workbook is not this checkout's ({mine.name}): make hub-install"
    return None


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", autouse=True)
def _requirements() -> None:
    reason = _missing()
    if reason:
        pytest.skip(reason)


class Clinic:
    def __init__(self) -> None:
        tag = secrets.token_hex(2)
        self.group = f"psoas-test-physio-{tag}"
        self.physio = f"psoas-test-pt-{tag}"
        self.clients = [f"psoas-test-{tag}{c}" for c in "ab"]
        self.root = Path(tempfile.mkdtemp(prefix="psoas-folders-", dir="/tmp"))
        self.drop = self.root / "drop"


def _useradd(name: str, *extra: str) -> None:
    subprocess.run(
        ["useradd", "--create-home", "--key", "HOME_MODE=0700", "--shell", "/bin/sh", *extra, name],
        check=True,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def clinic() -> Iterator[Clinic]:
    clinic = Clinic()
    try:
        clinic.root.chmod(0o711)
        subprocess.run(["groupadd", clinic.group], check=True, capture_output=True)
        _useradd(clinic.physio, "-G", clinic.group)
        for name in clinic.clients:
            _useradd(name)
        make_drop(clinic.drop, clinic.group)
        for name in clinic.clients:
            make_client_folder(clinic.drop, name, clinic.group)
        yield clinic
    finally:
        for name in (*clinic.clients, clinic.physio):
            subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)
        subprocess.run(["groupdel", clinic.group], check=False, capture_output=True)
        shutil.rmtree(clinic.root, ignore_errors=True)


def _as(user: str, code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run Python ``code`` as the Unix user ``user`` (their uid, gid and groups, their home)."""
    account = pwd.getpwnam(user)
    groups = os.getgrouplist(user, account.pw_gid)
    return subprocess.run(
        [str(HUB_PYTHON), "-c", code, *args],
        user=account.pw_uid,
        group=account.pw_gid,
        extra_groups=groups,
        cwd=account.pw_dir,
        env={"HOME": account.pw_dir, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


_SHARE = """
import sys
from datetime import datetime, timezone
from psoas_lib.journal.store import Journal
from psoas_lib.share.drop import share_with_physio
n = len(Journal().sessions())  # one more session each time this runs
Journal().add_session(started_at=datetime(2026, 3, 2, 7, n, tzinfo=timezone.utc),
    routine_id="desk-reset", planned_s=600, completed_s=200, exercises_done=[],
    pain_stop=True, notes=sys.argv[3])
done = share_with_physio(sys.argv[1], sys.argv[2], notes=True,
    now=datetime(2026, 3, 3, 9, tzinfo=timezone.utc))
print(*done.files, sep="\\n")
"""


def test_a_share_goes_into_the_clients_own_folder_and_counts_as_its_owners(
    clinic: Clinic,
) -> None:
    alex, bea = clinic.clients
    # Alex types Bea's name: the share is still Alex's (his folder, his uid).
    done = _as(alex, _SHARE, str(clinic.drop), bea, "forged as bea")
    assert done.returncode == 0, done.stderr
    files = [Path(line) for line in done.stdout.split()]
    assert {p.parent for p in files} == {clinic.drop / alex}
    assert [p.name for p in files] == [
        f"{alex}_2026-03-03_090000_share.toml",
        f"{alex}_2026-03-03_090000_sessions.csv",
    ]
    group = grp.getgrnam(clinic.group).gr_gid
    for path in files:
        st = path.stat()
        assert (st.st_uid, st.st_gid) == (pwd.getpwnam(alex).pw_uid, group)
        assert stat.S_IMODE(st.st_mode) == 0o640
    now = datetime(2026, 3, 4, tzinfo=UTC)
    rows = overview(latest_shares(clinic.drop, now=now), now=now).set_index("client")
    assert rows.loc[alex, "attributed by"] == "hub (folder owner)"
    assert rows.loc[alex, "flag"] == "pain stop ×1"
    assert rows.loc[alex, "where it hurt"] == "forged as bea"
    # Bea's folder has no share: her row says so, it shows nothing of Alex's.
    assert (
        rows.loc[bea, "flag"] == "share unreadable"
        and "no share in it yet" in rows.loc[bea, "problem"]
    )


_ATTACK = """
import json, os, sys
drop, victim, manifest = sys.argv[1], sys.argv[2], sys.argv[3]
tries = {
    "write into the victim's folder": lambda: open(f"{drop}/{victim}/{victim}_share.toml", "x"),
    "replace the victim's share": lambda: open(manifest, "w"),
    "delete the victim's share": lambda: os.unlink(manifest),
    "rename the victim's share": lambda: os.rename(manifest, manifest + ".old"),
    "read the victim's share": lambda: open(manifest).read(),
    "list the victim's folder": lambda: os.listdir(f"{drop}/{victim}"),
    "write a share loose in the drop": lambda: open(f"{drop}/{victim}_0_share.toml", "x"),
    "make a folder named like a client": lambda: os.mkdir(f"{drop}/psoas-test-new"),
    "plant a link where the programme goes": lambda: os.symlink("/tmp/x", f"{drop}/next.toml"),
    "replace the programme": lambda: open(f"{drop}/programme.toml", "w"),
    "delete the programme": lambda: os.unlink(f"{drop}/programme.toml"),
    "list the drop folder": lambda: os.listdir(drop),
    "loosen the drop folder": lambda: os.chmod(drop, 0o777),
    "loosen the victim's folder": lambda: os.chmod(f"{drop}/{victim}", 0o777),
}
done = {}
for what, act in tries.items():
    try:
        act()
        done[what] = "done"
    except PermissionError:
        done[what] = "denied"
    except OSError as exc:
        done[what] = f"{type(exc).__name__}: {exc}"
print(json.dumps(done))
"""


def test_no_client_can_write_replace_hide_or_delete_anothers_share_or_the_programme(
    clinic: Clinic,
) -> None:
    alex, bea = clinic.clients
    shared = _as(bea, _SHARE, str(clinic.drop), bea, "left hip")
    assert shared.returncode == 0, shared.stderr
    manifest = shared.stdout.split()[0]
    # The physiotherapist hands out a programme (the group may add files to the drop folder).
    written = subprocess.run(
        [
            "su",
            "-s",
            "/bin/sh",
            clinic.physio,
            "-c",
            f"umask 022; echo x > '{clinic.drop}/programme.toml'",
        ],
        capture_output=True,
        text=True,
    )
    assert written.returncode == 0, written.stderr
    before = {p: p.read_bytes() for p in (Path(manifest), clinic.drop / "programme.toml")}
    attack = _as(alex, _ATTACK, str(clinic.drop), bea, manifest)
    assert attack.returncode == 0, attack.stderr
    results = json.loads(attack.stdout)
    assert results == {what: "denied" for what in results}, results
    assert len(results) == 14
    assert {p: p.read_bytes() for p in before} == before
    # The programme can be read by every client (it is theirs to import).
    read = _as(alex, "import sys; print(open(sys.argv[1]).read())", f"{clinic.drop}/programme.toml")
    assert read.returncode == 0 and read.stdout.strip() == "x", read.stderr
    # The overview, run by Alex, cannot read anyone's share: the drop folder is closed to him.
    peek = _as(
        alex,
        "import sys\nfrom psoas_lib.ui.coach import CoachView\nprint(CoachView(sys.argv[1]).value)",
        str(clinic.drop),
    )
    assert peek.returncode == 0, peek.stderr
    assert "The drop folder cannot be read" in peek.stdout and "left hip" not in peek.stdout
    # Run by the physiotherapist (in the group), it shows Bea's share, attributed by the hub
    # (her pain stop of March is outside today's four-week window: not counted).
    coach = _as(
        clinic.physio,
        "import sys\nfrom psoas_lib.ui.coach import CoachView\nprint(CoachView(sys.argv[1]).value)",
        str(clinic.drop),
    )
    assert coach.returncode == 0, coach.stderr
    assert f"<td>{bea}</td>" in coach.stdout and "hub (folder owner)" in coach.stdout


def test_what_its_client_does_not_own_is_not_believed(clinic: Clinic, tmp_path: Path) -> None:
    """Two mistakes only root could make (or a client loosening their own folder): a client's
    folder owned by someone else, a file in it written by another user."""
    alex, bea = clinic.clients
    folder = clinic.drop / bea
    shared = _as(bea, _SHARE, str(clinic.drop), bea, "mine")
    assert shared.returncode == 0, shared.stderr
    alex_uid = pwd.getpwnam(alex).pw_uid
    later = folder / f"{bea}_2026-03-03_100000_share.toml"
    later.write_text('client = "x"\nshared_at = 2026-03-03T10:00:00Z\nparts = []\n')
    os.chown(later, alex_uid, -1)
    now = datetime(2026, 3, 4, tzinfo=UTC)
    try:
        [row] = [
            r
            for r in overview(latest_shares(clinic.drop, now=now), now=now).to_dict("records")
            if r["client"] == bea
        ]
        assert "written by another user" in row["problem"]
        assert row["shared"] == "2026-03-03 09:00"  # her own share, not the planted one
        os.chown(folder, alex_uid, -1, follow_symlinks=False)
        [row] = [
            r
            for r in overview(latest_shares(clinic.drop, now=now), now=now).to_dict("records")
            if r["client"] == bea
        ]
        assert row["flag"] == "share unreadable" and "not " + bea + "'s" in row["problem"]
    finally:
        os.chown(folder, pwd.getpwnam(bea).pw_uid, -1, follow_symlinks=False)
        later.unlink()


def test_the_hub_never_adopts_a_link_or_anothers_folder(clinic: Clinic) -> None:
    alex, bea = clinic.clients
    assert stat.S_IMODE(clinic.drop.stat().st_mode) == DROP_MODE
    assert stat.S_IMODE((clinic.drop / alex).stat().st_mode) == CLIENT_FOLDER_MODE
    assert (clinic.drop / alex).stat().st_uid == pwd.getpwnam(alex).pw_uid
    # Making it again is harmless.
    make_client_folder(clinic.drop, alex, clinic.group)
    other = clinic.root / "other"
    other.mkdir()
    with contextlib.ExitStack() as undo:
        link = clinic.drop / "psoas-test-link"
        link.symlink_to(other)
        undo.callback(link.unlink)
        subprocess.run(["useradd", "--no-create-home", link.name], check=True)
        undo.callback(subprocess.run, ["userdel", link.name], check=False)
        with pytest.raises(ShareError, match="not psoas-test-link's own folder"):
            make_client_folder(clinic.drop, link.name, clinic.group)
        assert other.stat().st_uid == 0  # the link's target was not given away
    os.chown(clinic.drop / bea, pwd.getpwnam(alex).pw_uid, -1)
    try:
        with pytest.raises(ShareError, match="another user's"):
            make_client_folder(clinic.drop, bea, clinic.group)
    finally:
        os.chown(clinic.drop / bea, pwd.getpwnam(bea).pw_uid, -1)
    with pytest.raises(ShareError, match="no Unix user"):
        make_client_folder(clinic.drop, "psoas-test-nobody-here", clinic.group)


def test_on_a_hub_the_share_widget_names_the_account_not_a_typed_name(clinic: Clinic) -> None:
    alex, _ = clinic.clients
    shown = _as(
        alex,
        "import sys\nfrom psoas_lib.ui.share import ShareView\n"
        "v = ShareView(drop=sys.argv[1])\nprint(v.name.value, v.name.disabled, v.folder.disabled)",
        str(clinic.drop),
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == [alex, "True", "True"]
