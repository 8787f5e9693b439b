"""The clinic's rules for JupyterHub: who may sign up, who may start a server, who approves.

Loaded by ``jupyterhub_config.py`` (same folder). Three kinds of hub account:

- **The admin**, made at set-up from the command line (``accounts.py``, run by ``make hub``):
  no name is published, and the hub does not start until the account exists, so nobody can
  become admin by signing up first. The admin's role (``clinic-admin``) manages accounts and
  can start and stop servers, but holds **no** ``access:servers`` and no ``tokens`` for other
  users: it cannot open a client's server, a kernel in it, or their files. (JupyterHub's own
  ``admin`` role holds ``access:servers`` and cannot be changed, so nobody is a JupyterHub
  admin here.)
- **Therapists**, also made from the command line, each a Unix user in the physiotherapist's
  group (who reads the shares). Their role holds one custom scope, ``custom:psoas-signups``:
  the page ``/hub/psoas-approve`` lists the sign-ups waiting and approves or refuses them,
  nothing else. No ``admin:users`` (it would let them reset passwords and rename users), no
  ``access:servers``, no tokens for others.
- **Clients** sign up at ``/hub/signup``. Refused at sign-up: ``root``, the admin's and the
  therapists' names, a system account (uid under ``UID_MIN``), a Unix user outside the
  clinic's client group. Refused again before any server starts (``pre_spawn_hook``): no Unix
  user, a system account, or a user in neither the client group nor (for a therapist) the
  physiotherapist's group.
"""

from __future__ import annotations

import grp
import json
import pwd
import re
from html import escape
from pathlib import Path

from jupyterhub.handlers import BaseHandler
from nativeauthenticator import NativeAuthenticator
from nativeauthenticator.orm import UserInfo
from tornado import web
from traitlets import Dict, Unicode

#: The therapist's one custom scope: approve or refuse sign-ups.
APPROVE_SCOPE = "custom:psoas-signups"
#: The accounts file in the hub's state folder (root only): the admin and the therapists.
ACCOUNTS_FILE = "accounts.json"


def uid_min() -> int:
    """The first uid of a person's account (``UID_MIN`` in /etc/login.defs, else 1000)."""
    try:
        text = Path("/etc/login.defs").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1000
    found = re.search(r"^\s*UID_MIN\s+(\d+)", text, re.MULTILINE)
    return int(found.group(1)) if found else 1000


def in_group(name: str, group: str) -> bool:
    """True when the Unix user ``name`` is in ``group`` (as a member or by its own gid)."""
    try:
        entry = grp.getgrnam(group)
        user = pwd.getpwnam(name)
    except KeyError:
        return False
    return name in entry.gr_mem or user.pw_gid == entry.gr_gid


def sign_up_refusal(name: str, reserved: set[str], client_group: str) -> str | None:
    """Why ``name`` may not sign up, or None.

    >>> sign_up_refusal("root", set(), "psoas-clients")
    'root is reserved'
    >>> sign_up_refusal("ana", {"ana"}, "psoas-clients")
    'ana is reserved'
    """
    if name == "root" or name in reserved:
        return f"{name} is reserved"
    try:
        user = pwd.getpwnam(name)
    except KeyError:
        return None  # no Unix user yet: the admin makes it, in the client group, before a start
    if user.pw_uid < uid_min():
        return f"{name} is a system account"
    if not in_group(name, client_group):
        return f"the Unix user {name} is not in the clinic's client group {client_group}"
    return None


def spawn_refusal(
    name: str, client_group: str, physio_group: str, therapists: set[str]
) -> str | None:
    """Why ``name``'s server may not start, or None (a client, or a therapist in the group)."""
    try:
        user = pwd.getpwnam(name)
    except KeyError:
        return (
            f"no Unix user {name!r} on this server: create it with `useradd --create-home "
            f"--key HOME_MODE=0700 -G {client_group} {name}`, then start again"
        )
    if name == "root" or user.pw_uid < uid_min():
        return f"{name} is a system account: no server for it"
    if name in therapists:
        if in_group(name, physio_group):
            return None
        return f"the therapist {name} is not in the group {physio_group}: usermod -aG"
    if not in_group(name, client_group):
        return f"the Unix user {name} is not in the clinic's client group {client_group}"
    return None


def load_accounts(state: Path) -> dict:
    """The accounts file: ``{"admin": {"name", "hash"}, "therapists": {name: hash}}`` or {}."""
    path = state / ACCOUNTS_FILE
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}


class ClinicAuthenticator(NativeAuthenticator):
    """NativeAuthenticator with the clinic's sign-up rules and accounts made from the CLI."""

    client_group = Unicode("psoas-clients", config=True, help="Unix group of the clients")
    #: name -> bcrypt hash of the accounts made from the command line (admin and therapists).
    cli_accounts = Dict(config=True, help="accounts made with accounts.py")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The command line's accounts are authoritative: a row of the same name (a sign-up
        # made before the account) gets the account's password, so it is not someone else's.
        for name, hashed in self.cli_accounts.items():
            info = UserInfo.find(self.db, name)
            if info is None:
                self.db.add(UserInfo(username=name, password=hashed.encode(), is_authorized=True))
            else:
                info.password, info.is_authorized = hashed.encode(), True
        self.db.commit()

    def create_user(self, username, password, **kwargs):
        why = sign_up_refusal(
            self.normalize_username(username), set(self.cli_accounts), self.client_group
        )
        if why is not None:
            self.log.warning("sign-up refused: %s", why)
            return None
        return super().create_user(username, password, **kwargs)

    def get_handlers(self, app):
        return [*super().get_handlers(app), (r"/psoas-approve", ApproveHandler)]


class ApproveHandler(BaseHandler):
    """``/hub/psoas-approve``: the sign-ups waiting, each with Approve and Refuse."""

    def _page(self, message: str = "") -> str:
        waiting = [u for u in UserInfo.all_users(self.db) if not u.is_authorized]
        rows = "".join(
            f"<tr id='{escape(u.username)}'><td>{escape(u.username)}</td><td>"
            f"<form method='post' style='display:inline'>"
            f"<input type='hidden' name='_xsrf' value='{escape(self.xsrf_token.decode())}'>"
            f"<input type='hidden' name='user' value='{escape(u.username)}'>"
            "<button name='action' value='approve'>Approve</button> "
            "<button name='action' value='refuse'>Refuse</button></form></td></tr>"
            for u in waiting
        )
        body = (
            f"<table><tr><th>Sign-up</th><th></th></tr>{rows}</table>"
            if waiting
            else "<p>No sign-up is waiting.</p>"
        )
        note = f"<p class='psoas-approve-message'>{escape(message)}</p>" if message else ""
        return (
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Sign-ups waiting</title></head><body><h1>Sign-ups waiting</h1>"
            f"{note}{body}<p><a href='{self.hub.base_url}home'>Back to the hub</a></p>"
            "</body></html>"
        )

    def _allowed(self) -> None:
        # Checked here, not with needs_scope: a custom scope exists only once the hub defined it.
        if APPROVE_SCOPE not in self.expanded_scopes:
            raise web.HTTPError(403, "only a therapist (or the admin) approves sign-ups")

    @web.authenticated
    async def get(self) -> None:
        self._allowed()
        self.finish(self._page())

    @web.authenticated
    async def post(self) -> None:
        self._allowed()
        name = self.get_body_argument("user", "")
        action = self.get_body_argument("action", "")
        info = UserInfo.find(self.db, name)
        if info is None or info.is_authorized or action not in ("approve", "refuse"):
            raise web.HTTPError(400, f"no sign-up of {name!r} is waiting")
        if action == "approve":
            info.is_authorized = True
            message = f"{name} approved: they can log in now."
        else:
            self.db.delete(info)
            message = f"{name}'s sign-up refused and removed."
        self.db.commit()
        self.log.info("%s by %s", message, self.current_user.name)
        self.finish(self._page(message))
