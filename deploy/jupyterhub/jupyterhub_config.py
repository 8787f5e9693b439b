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
PSOAS_HUB_ADMIN            physio               the physiotherapist's hub name (approves sign-ups)
PSOAS_HUB_SPAWN_LIMIT      4                    servers starting at the same time (measured)
PSOAS_HUB_IDLE_TIMEOUT     3600                 seconds idle before a server is stopped
PSOAS_HUB_NOTEBOOKS        <venv>/../notebooks  the workbook's notebooks, readable by all
                                                (make hub-install copies them there)
PSOAS_HUB_DROP             (none)               the folder clients share into (docs/clinic.md: group
                                                psoas-physio, mode 3773); clients get it as
                                                PSOAS_DROP
=========================  ===================  ================================================

The hub runs as root: the spawner starts each client's server as that client's Unix user
(``LocalProcessSpawner``), from the hub's own environment (``make hub-install`` puts it and a
non-editable copy of the workbook in ``PSOAS_HUB_PREFIX``, default ``/opt/psoas-coach-hub``,
readable by all, so the checkout may be anywhere, even under ``/root``), under ``umask 077`` so
whatever a client's server writes is theirs alone. At each start the client's server copies the
workbook's notebooks it does not have yet into ``~/psoas-coach`` (their own copy: they can save
in JupyterLab; an edited notebook is never replaced).
"""

from __future__ import annotations

import os
import pwd
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
ADMIN = os.environ.get("PSOAS_HUB_ADMIN", "physio")
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
# NativeAuthenticator: a client signs up at /hub/signup, the physiotherapist (an admin) approves
# the sign-up at /hub/authorize; nobody else gets in. Passwords are stored as bcrypt hashes.
c.JupyterHub.authenticator_class = "native"
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 300
c.Authenticator.admin_users = {ADMIN}
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


def _unix_user_must_exist(spawner) -> None:
    """A clear message when the physiotherapist approved a client without a Unix account."""
    name = spawner.user.name
    try:
        pwd.getpwnam(name)
    except KeyError:
        raise RuntimeError(
            f"no Unix user {name!r} on this server: create it with "
            f"`useradd --create-home --key HOME_MODE=0700 {name}`, then start again"
        ) from None


c.Spawner.pre_spawn_hook = _unix_user_must_exist

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
c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
