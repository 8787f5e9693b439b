"""JupyterHub for a clinic: one server, many clients, each a real Unix user with private data.

Start it with ``make hub`` (a local trial on 127.0.0.1) or, on a clinic's server, with
``.venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py`` as root (see docs/clinic.md).
Everything a clinic may want to change is read
from the environment, with these defaults:

=========================  ===================  ================================================
variable                   default              what
=========================  ===================  ================================================
PSOAS_HUB_IP               127.0.0.1            the address clients reach (behind HTTPS: keep it)
PSOAS_HUB_PORT             8000                 the public port of the proxy
PSOAS_HUB_API_PORT         8081                 the hub's own API (loopback only)
PSOAS_HUB_PROXY_API_PORT   8001                 the proxy's control API (loopback only)
PSOAS_HUB_STATE            deploy/jupyterhub/   database, cookie secret, proxy pid (root only)
                           state
PSOAS_HUB_CLIENT_GROUP     psoas-clients        the Unix group every client is in (sign-up and
                                                server start refuse anyone else)
PSOAS_HUB_PHYSIO_GROUP     psoas-physio         the physiotherapists' Unix group: reads shares
PSOAS_HUB_SPAWN_LIMIT      4                    servers starting at the same time (measured)
PSOAS_HUB_IDLE_TIMEOUT     3600                 seconds idle before a server is stopped
PSOAS_HUB_NOTEBOOKS        <venv>/../notebooks  the workbook's notebooks, readable by all
                                                (make hub-install copies them there)
PSOAS_HUB_DROP             (none)               the folder clients share into: the hub makes
                                                it (root, PHYSIO_GROUP, 1771) and a folder per
                                                client in it (the client's, 2750); clients get
                                                it as PSOAS_DROP
=========================  ===================  ================================================

The admin and the therapists are made from the command line before the hub starts
(``accounts.py``, which ``make hub`` runs; they live in ``STATE/accounts.json``): the hub refuses
to start without an admin. Roles, sign-up rules and the therapist's approval page are in
``clinic_hub.py``.

The hub runs as root: the spawner starts each client's server as that client's Unix user
(``LocalProcessSpawner``), from the hub's own environment (``make hub-install`` puts it and a
non-editable copy of the workbook in ``PSOAS_HUB_PREFIX``, default ``/opt/psoas-coach-hub``,
readable by all, so the checkout may be anywhere, even under ``/root``), under ``umask 077`` so
whatever a client's server writes is theirs alone. At each start the client's server copies the
workbook's notebooks it does not have yet into ``~/psoas-coach`` (their own copy: they can save
in JupyterLab; an edited notebook is never replaced).
"""

from __future__ import annotations

import grp
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent  # the hub runs from its own venv: so do the clients
NOTEBOOKS = Path(
    os.environ.get("PSOAS_HUB_NOTEBOOKS", Path(sys.prefix).parent / "notebooks")
).resolve()
#: Each client's own copy of the notebooks, in their home.
CLIENT_NOTEBOOKS = "psoas-coach"
DROP = os.environ.get("PSOAS_HUB_DROP", "")
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
STATE = Path(os.environ.get("PSOAS_HUB_STATE", HERE / "state")).resolve()

IP = os.environ.get("PSOAS_HUB_IP", "127.0.0.1")
PORT = int(os.environ.get("PSOAS_HUB_PORT", "8000"))
API_PORT = int(os.environ.get("PSOAS_HUB_API_PORT", "8081"))
PROXY_API_PORT = int(os.environ.get("PSOAS_HUB_PROXY_API_PORT", "8001"))
CLIENT_GROUP = os.environ.get("PSOAS_HUB_CLIENT_GROUP", "psoas-clients")
PHYSIO_GROUP = os.environ.get("PSOAS_HUB_PHYSIO_GROUP", "psoas-physio")
# Measured on 2 cores (docs/clinic.md): ten servers asked for at once were all ready in
# 41 s with a limit of 2, 34 s with 4 and 30 s with 10: starting is CPU-bound (about 6 s of CPU
# each), so a higher limit barely helps and only makes every accepted spawn wait longer (40 at
# once pushed most past the timeout). 4 keeps each accepted spawn near 12 s; about 2 per core.
SPAWN_LIMIT = int(os.environ.get("PSOAS_HUB_SPAWN_LIMIT", "4"))
# An hour: more than the longest routine (the full programme, 25 min) with a pause on top, so
# no unsaved session is cut; each stopped server gives back about 130 to 260 MiB (measured).
IDLE_TIMEOUT = int(os.environ.get("PSOAS_HUB_IDLE_TIMEOUT", "3600"))

if not (NOTEBOOKS / "00_start_here.ipynb").exists():
    sys.exit(f"{NOTEBOOKS} has no notebooks: run `make hub-install` (or set PSOAS_HUB_NOTEBOOKS)")
if not PROXY.exists():
    sys.exit(f"{PROXY} is missing: run `make hub` (or `npm ci` in {HERE}) to install the proxy")
STATE.mkdir(mode=0o700, parents=True, exist_ok=True)
STATE.chmod(0o700)  # the cookie secret and the password hashes live here

sys.path.insert(0, str(HERE))
from clinic_hub import (  # noqa: E402 (after the checks above)
    APPROVE_SCOPE,
    ClinicAuthenticator,
    load_accounts,
    spawn_refusal,
)

ACCOUNTS = load_accounts(STATE)
if "admin" not in ACCOUNTS:
    sys.exit(
        f"no admin account yet: make one first (make hub asks for it, or run "
        f"{sys.executable} {HERE / 'accounts.py'} --state {STATE} admin). Until it exists the "
        "hub does not start, so nobody can sign up."
    )
ADMIN = ACCOUNTS["admin"]["name"]
THERAPISTS = dict(ACCOUNTS.get("therapists", {}))
for group in (CLIENT_GROUP, PHYSIO_GROUP):
    try:
        grp.getgrnam(group)
    except KeyError:
        sys.exit(f"no Unix group {group!r}: create it first (groupadd {group})")
if DROP:
    from psoas_lib.share.folders import make_client_folder, make_drop

    make_drop(DROP, PHYSIO_GROUP)

c = get_config()  # noqa: F821 (JupyterHub's config loader provides it)

# ------------------------------------------------------------------ addresses and state
c.JupyterHub.bind_url = f"http://{IP}:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{API_PORT}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{PROXY_API_PORT}"
c.ConfigurableHTTPProxy.command = [str(PROXY)]
c.ConfigurableHTTPProxy.pid_file = str(STATE / "proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "cookie_secret")
c.JupyterHub.pid_file = str(STATE / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every client's server

# ------------------------------------------------------------------ who may come in
# NativeAuthenticator (clinic_hub.ClinicAuthenticator): a client signs up at /hub/signup, a
# therapist approves the sign-up at /hub/psoas-approve (the admin may also use /hub/authorize);
# nobody else gets in. Passwords are stored as bcrypt hashes. Sign-ups as root, a system
# account, the admin's or a therapist's name, or a Unix user outside CLIENT_GROUP are refused.
c.JupyterHub.authenticator_class = ClinicAuthenticator
c.ClinicAuthenticator.client_group = CLIENT_GROUP
c.ClinicAuthenticator.cli_accounts = {ADMIN: ACCOUNTS["admin"]["hash"], **THERAPISTS}
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 300
# Nobody is a JupyterHub admin: that role holds access:servers (every client's server and
# files) and cannot be changed. The admin's role is clinic-admin, below.
c.Authenticator.admin_users = set()
c.Authenticator.allow_all = True  # NativeAuthenticator itself refuses anyone not approved
# Hub names are Unix user names: lower case letters, digits, - and _, starting with a letter.
c.Authenticator.username_pattern = r"^[a-z][a-z0-9_-]{0,30}$"

# ------------------------------------------------------------------ each client's server
c.JupyterHub.spawner_class = "localprocess"
# The client's server starts as the client's Unix user (LocalProcessSpawner sets uid, gid, HOME
# and the working folder), under umask 077: every folder it creates is 0700, every file 0600.
# Before it starts, still as the client, the notebooks they lack are copied into their own
# folder (done as the client, never as root: a link planted in a home cannot redirect it).
_COPY_NOTEBOOKS = (
    'mkdir -p "$HOME/$PSOAS_CLIENT_NOTEBOOKS" && '
    'for f in "$PSOAS_HUB_NOTEBOOKS"/*.ipynb; do '
    't="$HOME/$PSOAS_CLIENT_NOTEBOOKS/${f##*/}"; [ -e "$t" ] || cp "$f" "$t" || exit 1; '
    "done"
)
c.Spawner.cmd = [
    "/bin/sh",
    "-c",
    f'umask 077 && {_COPY_NOTEBOOKS} && exec "$@"',
    "psoas-singleuser",
    str(VENV_BIN / "jupyterhub-singleuser"),
]
c.Spawner.notebook_dir = f"~/{CLIENT_NOTEBOOKS}"  # the client's own copy: they may save
# The landing page is the app (Voila, no code); JupyterLab is one click away at /lab.
c.Spawner.default_url = "/voila/render/00_start_here.ipynb"
c.Spawner.environment = {
    # Kernels and Jupyter paths from the project's environment, not from ~/.local.
    "JUPYTER_PREFER_ENV_PATH": "1",
    "PATH": f"{VENV_BIN}:/usr/local/bin:/usr/bin:/bin",
    "PSOAS_HUB_NOTEBOOKS": str(NOTEBOOKS),
    "PSOAS_CLIENT_NOTEBOOKS": CLIENT_NOTEBOOKS,
}
if DROP:  # where Share with my physiotherapist writes, and the coach notebook reads
    c.Spawner.environment["PSOAS_DROP"] = DROP
# PSOAS_HOME is deliberately not passed on: each client's data folder is the platform default,
# ~/.local/share/psoas-coach, inside their own home, owned by them.
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.JupyterHub.concurrent_spawn_limit = SPAWN_LIMIT


def _may_start(spawner) -> None:
    """Before any server starts: a client in CLIENT_GROUP (or a therapist in PHYSIO_GROUP),
    never root or a system account; then the client's own folder in the drop folder."""
    name = spawner.user.name
    why = spawn_refusal(name, CLIENT_GROUP, PHYSIO_GROUP, set(THERAPISTS))
    if why is None and name == ADMIN:
        why = f"{name} is the hub's admin: the admin account has no server"
    if why is not None:
        raise RuntimeError(why)
    if DROP and name not in THERAPISTS:
        make_client_folder(DROP, name, PHYSIO_GROUP)


c.Spawner.pre_spawn_hook = _may_start

# ------------------------------------------------------------------ the idle culler
# A server nobody used for IDLE_TIMEOUT seconds is stopped (its memory comes back); the client's
# data stays in their home, and their next login starts a fresh server.
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={IDLE_TIMEOUT}",
            f"--cull-every={max(IDLE_TIMEOUT // 6, 10)}",  # every 10 minutes by default
        ],
    }
]
# ------------------------------------------------------------------ roles
# The therapist's one custom scope lets them approve or refuse sign-ups (/hub/psoas-approve).
c.JupyterHub.custom_scopes = {
    APPROVE_SCOPE: {"description": "Approve or refuse sign-ups waiting; nothing else."},
}
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    },
    {
        # Accounts and servers, but no access:servers, no tokens for others, no shares: the
        # admin can start or stop a client's server, never enter it or read their files.
        "name": "clinic-admin",
        "description": "Manage accounts, start and stop servers; never enter a client's",
        "scopes": ["admin-ui", "admin:users", "admin:servers", "read:hub", APPROVE_SCOPE],
        "users": [ADMIN],
    },
    {
        "name": "therapist",
        "description": "Approve or refuse sign-ups; their own server reads the shares",
        "scopes": [APPROVE_SCOPE],
        "users": sorted(THERAPISTS),
    },
]
