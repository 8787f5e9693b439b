"""Make the clinic hub's admin and therapist accounts from the command line (as root).

    accounts.py --state STATE admin [NAME]       # asks for the name if not given, then a password
    accounts.py --state STATE therapist NAME     # a Unix user in the physiotherapist's group
    accounts.py --state STATE show

``make hub`` runs ``admin`` when there is no admin yet: the hub does not start without one, so
sign-up is closed until it exists and nobody becomes admin by signing up first. Passwords are
read twice from the terminal (or once from standard input with ``--password-stdin``) and kept
only as bcrypt hashes in ``STATE/accounts.json`` (root only, 0600); the hub adds these accounts,
approved, at its next start. The names are refused at sign-up from then on.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
import tempfile
from pathlib import Path

import bcrypt

NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,30}$")
MIN_PASSWORD = 10
FILE = "accounts.json"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (10 characters or more): ")
        if getpass.getpass("The same password again: ") != password:
            sys.exit("The two passwords differ. Nothing was changed; run it again.")
    if len(password) < MIN_PASSWORD:
        sys.exit(f"The password is shorter than {MIN_PASSWORD} characters. Nothing was changed.")
    return password


def _save(state: Path, accounts: dict) -> None:
    state.mkdir(mode=0o700, parents=True, exist_ok=True)
    state.chmod(0o700)
    fd, tmp = tempfile.mkstemp(dir=state, prefix=f".{FILE}.")
    try:
        os.write(fd, (json.dumps(accounts, indent=2, sort_keys=True) + "\n").encode())
        os.fchmod(fd, 0o600)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, state / FILE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--state", required=True, type=Path, help="the hub's state folder")
    parser.add_argument("--password-stdin", action="store_true")
    parser.add_argument("kind", choices=("admin", "therapist", "show"))
    parser.add_argument("name", nargs="?")
    args = parser.parse_args(argv)
    path = args.state / FILE
    accounts = json.loads(path.read_text()) if path.exists() else {}
    accounts.setdefault("therapists", {})
    if args.kind == "show":
        admin = accounts.get("admin", {}).get("name", "(none yet)")
        print(f"admin: {admin}\ntherapists: {', '.join(accounts['therapists']) or '(none)'}")
        return 0
    if args.kind == "admin" and "admin" in accounts:
        sys.exit(f"There is an admin already: {accounts['admin']['name']}. Nothing was changed.")
    name = args.name or input("The admin's hub name (lower case letters, digits, - or _): ")
    name = name.strip()
    if not NAME_RE.match(name) or name == "root":
        sys.exit(f"{name!r} cannot be a hub name: lower case letters, digits, - and _ only.")
    taken = {accounts.get("admin", {}).get("name"), *accounts["therapists"]}
    if name in taken:
        sys.exit(f"{name} has an account already. Nothing was changed.")
    hashed = bcrypt.hashpw(_password(args.password_stdin).encode(), bcrypt.gensalt()).decode()
    if args.kind == "admin":
        accounts["admin"] = {"name": name, "hash": hashed}
    else:
        accounts["therapists"][name] = hashed
    _save(args.state, accounts)
    print(f"The {args.kind} account {name} is made; the hub adds it at its next start.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
