"""The clinic recipe (deploy/jupyterhub) with real processes, real Unix users and a real browser.

The hub is started as root from ``deploy/jupyterhub/jupyterhub_config.py`` on free loopback
ports, exactly as ``make hub`` starts it; the clients are Unix users created for the test
(``useradd``, random ``psoas-test-xxxx`` names) and removed after, also when a test fails.

* Three clients sign up in Chromium, the therapist approves them at /hub/psoas-approve, each
  logs in, lands on the Voila app, runs the shortest routine and logs it; each journal is then
  in that client's home, owned by them, 0600 in a 0700 folder, and no other client can read it.
* Each imports the physiotherapist's programme in the plan page and shares back from the
  progress page into their own folder of the clinic's drop folder (made by the hub: theirs,
  the physiotherapist's group's, 2750): the files are theirs and the group's, 0640; a client can
  neither list the drop folder nor read another's share, and the coach notebook, run as a member
  of that group, shows the three clients, attributed by the hub.
* Ten clients' servers are started at once through the hub's API (the spawn limit queues them),
  and ten kernels, one per client, log sessions at the same moment: none is lost. Each client
  uses a token of their own: nobody else's token may open a client's kernel.
* Roles (issue 25): the hub does not start without an admin made from the command line;
  sign-ups as root, a system account, the admin's or the therapist's name, or a Unix user
  outside the client group are refused; the therapist approves sign-ups at /hub/psoas-approve
  but cannot reset a password, rename a user, get a client's token, start or enter a client's
  server; the admin can start a client's server but never enter it (no kernel, no files).

The figures docs/clinic.md quotes (login to a working player, memory per idle and active client,
spawns per minute) are measured here and written to test-artifacts/hub-figures.json; nothing
here asserts a time.

Not root: skipped (one reason). Under CI (``CI=true``) or with ``PSOAS_REQUIRE_HUB=1`` anything
missing is a failure instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import grp
import importlib.util
import json
import os
import pwd
import secrets
import shutil
import signal
import stat
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from psoas_lib.coaching.session import needs_warm_up
from psoas_lib.content.catalog import load_catalog
from psoas_lib.journal.store import SESSIONS_FILE, Journal

REPO = Path(__file__).resolve().parents[1]
HUB_DIR = REPO / "deploy" / "jupyterhub"
CONFIG = HUB_DIR / "jupyterhub_config.py"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
#: What make hub-install puts outside the checkout, readable by all (the checkout may be 0700).
HUB_PREFIX = Path(os.environ.get("PSOAS_HUB_PREFIX", "/opt/psoas-coach-hub"))
#: The hub's own environment: built from a Python every client can run, the workbook in it.
HUB_BIN = HUB_PREFIX / "venv" / "bin"
HUB_NOTEBOOKS = HUB_PREFIX / "notebooks"
ARTIFACTS = REPO / "test-artifacts"
FIGURES = ARTIFACTS / "hub-figures.json"
REQUIRE_ENV = "PSOAS_REQUIRE_HUB"
#: Where the workbook keeps a client's data when PSOAS_HOME is not set (platformdirs, Linux).
DATA_REL = Path(".local/share/psoas-coach")
PASSWORD = "stretch-" + secrets.token_hex(8)  # long and not a common password
INTRUDER = "intruder-" + secrets.token_hex(8)  # someone signing up under another's name
#: The hub's answers to a request it refuses (404 when it hides that the thing exists).
DENIED = (403, 404)
LOAD_CLIENTS = 10
SESSIONS_EACH = 5

pytestmark = pytest.mark.slow


def _harness() -> Any:
    """The browser harness of tests/e2e (Server, launch_browser, run_routine_flow...)."""
    spec = importlib.util.spec_from_file_location(
        "psoas_e2e_harness_hub", REPO / "tests" / "e2e" / "conftest.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


H = _harness()


def hub_missing() -> str | None:
    """Why the hub tests cannot run here, or None when they can."""
    if os.geteuid() != 0:
        return "not root: the hub starts each client's server as that client's Unix user"
    if not (HUB_BIN / "jupyterhub").exists():
        return f"{HUB_BIN}/jupyterhub is missing (make hub-install)"
    if not PROXY.exists():
        return f"{PROXY.relative_to(REPO)} is missing (make hub-install)"
    stale = _stale_install()
    if stale:
        return f"the hub's copy of the workbook is not this checkout's ({stale}): make hub-install"
    for tool in ("useradd", "userdel", "su"):
        if shutil.which(tool) is None:
            return f"{tool} not found"
    return H.browser_missing()


def _stale_install() -> str | None:
    """The first file where the hub's installed workbook differs from this checkout, if any."""
    found = subprocess.run(
        [str(HUB_BIN / "python"), "-c", "import psoas_lib; print(psoas_lib.__file__)"],
        capture_output=True,
        text=True,
    )
    if found.returncode != 0:
        return f"psoas_lib does not import: {found.stderr.strip()[-200:]}"
    installed = Path(found.stdout.strip()).parent
    pairs = [
        (p, installed / p.relative_to(REPO / "psoas_lib"))
        for p in (REPO / "psoas_lib").rglob("*.py")
    ]
    pairs += [(p, HUB_NOTEBOOKS / p.name) for p in (REPO / "notebooks").glob("*.ipynb")]
    for mine, theirs in pairs:
        if not theirs.exists() or theirs.read_bytes() != mine.read_bytes():
            return str(mine.relative_to(REPO))
    return None


def hub_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get(
        REQUIRE_ENV, ""
    ).strip() not in ("", "0")


@pytest.fixture(scope="module", autouse=True)
def _requirements() -> None:
    reason = hub_missing()
    if reason and hub_required():
        pytest.fail(f"hub tests required (CI or {REQUIRE_ENV}=1) but {reason}", pytrace=False)
    if reason:
        pytest.skip(f"hub tests: {reason}")


def _record(**figures: Any) -> None:
    """Add measured figures to test-artifacts/hub-figures.json (docs/clinic.md quotes them)."""
    ARTIFACTS.mkdir(exist_ok=True)
    data = json.loads(FIGURES.read_text()) if FIGURES.exists() else {}
    data.update(figures)
    FIGURES.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


# --------------------------------------------------------------------------- Unix users


def _pids_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
    return pids


def _remove_user(name: str) -> None:
    """Stop what still runs as the test user (by PID: only our test's processes), then userdel."""
    with contextlib.suppress(KeyError):
        uid = pwd.getpwnam(name).pw_uid
        for sig in (signal.SIGTERM, signal.SIGKILL):
            for pid in _pids_of(uid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, sig)
            deadline = time.monotonic() + 5
            while _pids_of(uid) and time.monotonic() < deadline:
                time.sleep(0.1)
        subprocess.run(["userdel", "--remove", name], check=False, capture_output=True)


#: The clinic's client group for this test run (the hub refuses anyone outside it).
CLIENT_GROUP = f"psoas-test-clients-{secrets.token_hex(2)}"


@pytest.fixture(scope="module")
def clients() -> Iterator[list[str]]:
    """Ten Unix users in the client group, created as docs/clinic.md tells a clinic (home
    0700), removed after, with the group."""
    names: list[str] = []
    try:
        subprocess.run(["groupadd", CLIENT_GROUP], check=True, capture_output=True)
        for _ in range(LOAD_CLIENTS):
            name = f"psoas-test-{secrets.token_hex(2)}"
            subprocess.run(
                [
                    "useradd",
                    "--create-home",
                    "--key",
                    "HOME_MODE=0700",
                    "--shell",
                    "/bin/sh",
                    "-G",
                    CLIENT_GROUP,
                    name,
                ],
                check=True,
                capture_output=True,
            )
            names.append(name)
        # A client's server runs the hub's Python and the workbook as that client: can they?
        probe = subprocess.run(
            ["su", "-s", "/bin/sh", names[0], "-c", f"'{HUB_BIN}/python' -c 'import psoas_lib'"],
            capture_output=True,
            text=True,
        )
        assert probe.returncode == 0, (
            f"a client cannot run {HUB_BIN}/python or import psoas_lib "
            f"(every folder above must be readable by all): {probe.stderr.strip()}"
        )
        yield names
    finally:
        for name in names:
            _remove_user(name)
        subprocess.run(["groupdel", CLIENT_GROUP], check=False, capture_output=True)
        assert not [n for n in names if _user_exists(n)], "a test user was not removed"


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


# --------------------------------------------------------------------------- the hub


class HubServer(H.Server):
    """JupyterHub from deploy/jupyterhub, as make hub starts it, with its state in workdir."""

    name = "jupyterhub"

    def __init__(self, workdir: Path, admin: str, therapist: str, group: str, drop: Path) -> None:
        super().__init__(workdir, workdir)
        self.admin, self.therapist, self.physio_group, self.drop = admin, therapist, group, drop
        self.state = workdir / "state"

    def make_account(self, kind: str, name: str) -> subprocess.CompletedProcess[str]:
        """``accounts.py`` as make hub runs it, the password on standard input."""
        return subprocess.run(
            [
                str(HUB_BIN / "python"),
                str(HUB_DIR / "accounts.py"),
                "--state",
                str(self.state),
                "--password-stdin",
                kind,
                name,
            ],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            check=False,
        )

    def argv(self) -> list[str]:
        return [str(HUB_BIN / "jupyterhub"), "-f", str(CONFIG)]

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PSOAS_", "JUPYTER"))}
        env.update(
            PSOAS_HUB_IP="127.0.0.1",
            PSOAS_HUB_PORT=str(self.port),
            PSOAS_HUB_API_PORT=str(H.free_port()),
            PSOAS_HUB_PROXY_API_PORT=str(H.free_port()),
            PSOAS_HUB_STATE=str(self.state),
            PSOAS_HUB_CLIENT_GROUP=CLIENT_GROUP,
            PSOAS_HUB_PHYSIO_GROUP=self.physio_group,
            PSOAS_HUB_NOTEBOOKS=str(HUB_NOTEBOOKS),
            PSOAS_HUB_DROP=str(self.drop),
        )
        if "PSOAS_HUB_SPAWN_LIMIT" in os.environ:  # to measure other limits (docs/clinic.md)
            env["PSOAS_HUB_SPAWN_LIMIT"] = os.environ["PSOAS_HUB_SPAWN_LIMIT"]
        return env

    def probe(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base}/hub/api/", timeout=2) as r:
                return r.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def api(self, token: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Call the hub's REST API (path after /hub/api) with a token: (status, JSON or None)."""
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(
            f"{self.base}/hub/api{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                raw = r.read()
                return r.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as err:
            raw = err.read()
            with contextlib.suppress(ValueError):
                return err.code, json.loads(raw)
            return err.code, raw.decode(errors="replace")


class Clinic:
    """The physiotherapist's side: a group, a Unix user in it, the drop folder, a programme."""

    def __init__(self, root: Path) -> None:
        tag = secrets.token_hex(2)
        self.group, self.physio = f"psoas-test-physio-{tag}", f"psoas-test-pt-{tag}"
        self.root, self.drop, self.programme = root, root / "drop", root / "programme.toml"


@pytest.fixture(scope="module")
def clinic() -> Iterator[Clinic]:
    """As docs/clinic.md tells a clinic: ``groupadd psoas-physio`` and the physiotherapist in
    it; the hub makes the drop folder (root's, the group's, 1771) and each client's folder in
    it. Everything is in a folder of its own under /tmp, removed after."""
    import tempfile

    from tests.test_programme import GOOD

    clinic = Clinic(Path(tempfile.mkdtemp(prefix="psoas-hub-clinic-", dir="/tmp")))
    try:
        clinic.root.chmod(0o711)  # clients pass through, see nothing
        subprocess.run(["groupadd", clinic.group], check=True, capture_output=True)
        subprocess.run(
            [
                "useradd",
                "--create-home",
                "--key",
                "HOME_MODE=0700",
                "--shell",
                "/bin/sh",
                "-G",
                clinic.group,
                clinic.physio,
            ],
            check=True,
            capture_output=True,
        )
        clinic.programme.write_text(GOOD, encoding="utf-8")
        clinic.programme.chmod(0o644)
        yield clinic
    finally:
        _remove_user(clinic.physio)
        subprocess.run(["groupdel", clinic.group], check=False, capture_output=True)
        shutil.rmtree(clinic.root, ignore_errors=True)


@pytest.fixture(scope="module")
def hub(
    clients: list[str], clinic: Clinic, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[HubServer]:
    """The hub for this module (it depends on the users, so it stops before they go)."""
    server = HubServer(
        tmp_path_factory.mktemp("hub"),
        admin=f"admin-{secrets.token_hex(2)}",
        therapist=clinic.physio,
        group=clinic.group,
        drop=clinic.drop,
    )
    try:
        for kind, name in (("admin", server.admin), ("therapist", server.therapist)):
            made = server.make_account(kind, name)
            assert made.returncode == 0, made.stderr
        server.start(timeout=90)
        yield server
    finally:
        server.stop(timeout=60)  # the hub stops every client's server and the proxy
        if server.log_path.exists():
            ARTIFACTS.mkdir(exist_ok=True)
            shutil.copy(server.log_path, ARTIFACTS / "hub.jupyterhub.log")


def _in_own_thread(fn: Any, *args: Any) -> Any:
    """Run ``fn`` in a fresh thread and return its result (or raise its error).

    The browser tests in tests/e2e keep a session-wide Playwright (and its event loop) in the
    main thread, and Playwright's sync API refuses to start a second one there: the hub's
    browser sessions, and the kernels' websockets, run in a thread of their own.
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(fn, *args).result()


@contextlib.contextmanager
def _browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = H.launch_browser(p)
        try:
            yield b
        finally:
            b.close()


def _new_page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    return context.new_page()


def _sign_up(page: Any, hub: HubServer, name: str) -> str:
    """Fill in /hub/signup as a person would; the message the page answers with."""
    page.goto(f"{hub.base}/hub/signup")
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#password_confirmation_input").fill(PASSWORD)
    page.locator("#signup_submit").click()
    return page.locator(".alert").first.inner_text()


def _log_in(page: Any, hub: HubServer, name: str, next_url: str = "") -> None:
    page.goto(f"{hub.base}/hub/login" + (f"?next={next_url}" if next_url else ""))
    page.locator("#username_input").fill(name)
    page.locator("#password_input").fill(PASSWORD)
    page.locator("#login_submit").click()


def _therapist_page(browser: Any, hub: HubServer) -> Any:
    """The physiotherapist (an account made from the command line), logged in, on the page
    where sign-ups are approved."""
    page = _new_page(browser)
    _log_in(page, hub, hub.therapist, next_url="/hub/psoas-approve")
    page.wait_for_url(f"{hub.base}/hub/psoas-approve")
    return page


class HubSession:
    """One person's session with the hub over HTTP: cookies, XSRF, as the hub's pages do."""

    def __init__(self, hub: HubServer) -> None:
        import http.cookiejar

        self.hub = hub
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def xsrf(self) -> str:
        if not any(c.name == "_xsrf" for c in self.jar):
            self.request("GET", "/hub/login")
        return next(c.value for c in self.jar if c.name == "_xsrf")

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None, body: Any = None
    ) -> tuple[int, str]:
        import urllib.parse

        headers = {}
        data = None
        if form is not None:
            data = urllib.parse.urlencode({**form, "_xsrf": self.xsrf()}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers.update({"Content-Type": "application/json", "X-XSRFToken": self.xsrf()})
        req = urllib.request.Request(
            f"{self.hub.base}{path}", data=data, method=method, headers=headers
        )
        try:
            with self.opener.open(req, timeout=60) as r:
                return r.status, r.read().decode(errors="replace")
        except urllib.error.HTTPError as err:
            with err:
                return err.code, err.read().decode(errors="replace")

    def sign_up(self, name: str, password: str = PASSWORD) -> str:
        _, page = self.request(
            "POST",
            "/hub/signup",
            form={
                "username": name,
                "signup_password": password,
                "signup_password_confirmation": password,
            },
        )
        return page

    def log_in(self, name: str, password: str = PASSWORD) -> int:
        status, _ = self.request(
            "POST", "/hub/login", form={"username": name, "password": password}
        )
        return status

    def token(self, name: str) -> str:
        status, text = self.request(
            "POST", f"/hub/api/users/{name}/tokens", body={"note": "psoas test", "expires_in": 3600}
        )
        assert status in (200, 201), (status, text)
        return json.loads(text)["token"]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Keep a redirect as the answer (a login answers 302 when it worked)."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def _logged_in(hub: HubServer, name: str) -> HubSession:
    session = HubSession(hub)
    status = session.log_in(name)
    assert status == 302, f"{name} could not log in ({status})"
    return session


def _admin_token(hub: HubServer) -> str:
    """An API token of the admin's own (the admin may start and stop servers)."""
    return _logged_in(hub, hub.admin).token(hub.admin)


def _approve(hub: HubServer, names: list[str]) -> None:
    """The therapist approves each sign-up waiting, at /hub/psoas-approve."""
    therapist = _logged_in(hub, hub.therapist)
    for name in names:
        status, page = therapist.request(
            "POST", "/hub/psoas-approve", form={"user": name, "action": "approve"}
        )
        assert status == 200 and f"{name} approved" in page, (status, page[-500:])


def _client_token(hub: HubServer, name: str) -> str:
    """The client's own token: signed up and approved if not yet, then logged in."""
    session = HubSession(hub)
    if session.log_in(name) != 302:
        session.sign_up(name)
        _approve(hub, [name])
        assert session.log_in(name) == 302, f"{name} could not log in after approval"
    return session.token(name)


# --------------------------------------------------------------------------- processes


def _rss_mib(uid: int) -> dict[str, list[float]]:
    """Resident memory (MiB) of a user's single-user server and kernel processes."""
    found: dict[str, list[float]] = {"server": [], "kernel": []}
    for pid in _pids_of(uid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss_kib = next(int(line.split()[1]) for line in status.splitlines() if "VmRSS" in line)
        if "jupyterhub-singleuser" in cmdline:
            found["server"].append(rss_kib / 1024)
        elif "ipykernel_launcher" in cmdline:
            found["kernel"].append(rss_kib / 1024)
    return found


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _su_cat(user: str, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["su", "-s", "/bin/sh", user, "-c", f"cat '{path}'"],
        capture_output=True,
        text=True,
        timeout=30,
    )


# --------------------------------------------------------------------------- the tests


def _three_clients_in_chromium(
    hub: HubServer, three: list[str], notes: dict[str, str], steps: int, programme: Path
) -> tuple[dict[str, Any], dict[str, Any], list[str]]:
    """Sign up, approval, login, the routine flow: what the clients and the physio do."""
    from playwright.sync_api import expect

    timings: dict[str, dict[str, float]] = {}
    memory: dict[str, dict[str, list[float]]] = {}
    labels = []
    with _browser() as browser:
        therapist_page = _therapist_page(browser, hub)
        pages = {name: _new_page(browser) for name in three}
        for name, page in pages.items():
            message = _sign_up(page, hub, name)
            assert "admin" in message.lower(), f"{name}: {message}"
            # Not approved yet: the hub refuses the login.
            _log_in(page, hub, name)
            expect(page.locator(".login_error")).to_contain_text(
                f"User {name} has not been authorized by an administrator yet"
            )
            assert "/user/" not in page.url, f"{name} got in before being approved"

        # The physiotherapist approves each sign-up on the clinic's approval page.
        therapist_page.goto(f"{hub.base}/hub/psoas-approve")
        for name in three:
            therapist_page.locator(f"tr[id='{name}'] button", has_text="Approve").click()
            expect(therapist_page.locator(".psoas-approve-message")).to_contain_text(
                f"{name} approved"
            )

        for name, page in pages.items():
            t0 = time.monotonic()
            _log_in(page, hub, name)
            # The landing page is the app (Voila) of the start notebook, no code shown.
            page.wait_for_url(f"**/user/{name}/voila/render/00_start_here.ipynb**", timeout=150_000)
            expect(page.get_by_text("Where to go next")).to_be_visible(timeout=120_000)
            t_landing = time.monotonic() - t0
            lab_link = page.get_by_role("link", name="Open in JupyterLab")
            expect(lab_link).to_have_attribute("href", f"/user/{name}/lab/tree/00_start_here.ipynb")
            page.goto(f"{hub.base}/user/{name}/voila/render/02_run_a_routine.ipynb")
            expect(page.locator(".psoas-routine-picker select")).to_be_visible(timeout=120_000)
            timings[name] = {
                "login_to_app_s": round(t_landing, 1),
                "login_to_player_s": round(time.monotonic() - t0, 1),
            }
            assert page.locator(".jp-InputArea-editor").count() == 0  # an app: no code
            # JupyterLab is one click away, in the same server.
            lab = page.request.get(f"{hub.base}/user/{name}/lab")
            assert lab.ok and "JupyterLab" in lab.text(), lab.status

            labels.append(
                H.run_routine_flow(page, "body", before=5, after=3, notes=notes[name], steps=steps)
            )
            memory[name] = _rss_mib(pwd.getpwnam(name).pw_uid)

            # The programme from the physiotherapist, uploaded in the plan page (the browser's
            # file picker: the file goes from the client's computer, not a path on the server)...
            page.goto(f"{hub.base}/user/{name}/voila/render/04_plan.ipynb")
            upload = page.locator(".psoas-programme-upload")
            upload.wait_for(timeout=120_000)
            with page.expect_file_chooser() as chooser:
                upload.click()  # the widget's own file input is never in the page: its chooser
            chooser.value.set_files(str(programme))
            expect(page.locator(".psoas-programme-message")).to_contain_text(
                "Imported the programme from Ana Silva", timeout=30_000
            )
            expect(page.locator(".psoas-programme-current")).to_contain_text(
                "From your physiotherapist Ana Silva"
            )
            # ...and a share back from the progress page (the hub gives the drop folder).
            page.goto(f"{hub.base}/user/{name}/voila/render/03_my_progress.ipynb")
            page.locator(".psoas-share-notes input").check(timeout=120_000)
            page.locator(".psoas-share-button").click()
            expect(page.locator(".psoas-share-message")).to_contain_text("Shared:", timeout=60_000)
    return timings, memory, labels


def test_three_clients_sign_up_log_in_run_a_routine_and_keep_their_journal_private(
    hub: HubServer, clients: list[str], clinic: Clinic
) -> None:
    three = clients[:3]
    shortest = min(load_catalog().routines.values(), key=lambda r: r.total_seconds)
    notes = {name: f"hub e2e for {name}" for name in three}
    timings, memory, labels = _in_own_thread(
        _three_clients_in_chromium, hub, three, notes, len(shortest.timeline()), clinic.programme
    )
    assert all(label.startswith(shortest.name) for label in labels), labels

    for name in three:
        user = pwd.getpwnam(name)
        home = Path(user.pw_dir)
        data = home / DATA_REL
        journal = data / SESSIONS_FILE
        assert journal.exists(), f"{name}: no journal at {journal}"
        sessions = Journal(data).sessions()
        assert len(sessions) == 1, f"{name}: {len(sessions)} sessions"
        row = sessions.iloc[0]
        # a routine of static holds asks for the warm-up: the flow confirms it, logged so
        warmed = "[warmed up] " if needs_warm_up(shortest) else ""
        assert (row.routine_id, row.notes) == (shortest.id, warmed + notes[name])
        assert (row.tightness_before, row.tightness_after) == (5, 3)
        for path in (home, data, journal):
            st = path.stat()
            assert (st.st_uid, st.st_gid) == (user.pw_uid, user.pw_gid), f"{path} not {name}'s"
            assert grp.getgrgid(st.st_gid).gr_name == name  # a group of one (USERGROUPS_ENAB)
        assert _mode(home) == 0o700, f"{home}: {oct(_mode(home))}"
        assert _mode(data) == 0o700, f"{data}: {oct(_mode(data))}"
        assert _mode(journal) == 0o600, f"{journal}: {oct(_mode(journal))}"

        # The owner can read it (so the check below can tell), every other client cannot.
        own = _su_cat(name, journal)
        assert own.returncode == 0 and notes[name] in own.stdout, own.stderr
        for other in three:
            if other != name:
                peek = _su_cat(other, journal)
                assert peek.returncode != 0, f"{other} could read {name}'s journal"
                assert notes[name] not in peek.stdout
                assert "Permission denied" in peek.stderr, peek.stderr

    _programme_and_shares_are_each_clients_own(three, notes, clinic)
    _record(
        browser_clients=timings,
        active_client_rss_mib={
            name: {role: [round(v) for v in vs] for role, vs in m.items()}
            for name, m in memory.items()
        },
    )


def _programme_and_shares_are_each_clients_own(
    three: list[str], notes: dict[str, str], clinic: Clinic
) -> None:
    """The programme is in each home, the shares in the drop folder for the group only, and
    the coach notebook (run as the physiotherapist) shows the three clients."""
    group = grp.getgrnam(clinic.group).gr_gid
    for name in three:
        user = pwd.getpwnam(name)
        home = Path(user.pw_dir)
        data = home / DATA_REL
        routine = data / "routines" / "ana-hips.toml"
        assert "ana-hips" in (data / "plan.toml").read_text()
        own_copy = home / "psoas-coach" / "04_plan.ipynb"  # their own notebooks, to save
        for path in (routine, data / "programme.toml", own_copy):
            st = path.stat()
            assert st.st_uid == user.pw_uid and _mode(path) == 0o600, (path, oct(_mode(path)))
        own = clinic.drop / name  # made by the hub before the client's server started
        st = own.stat()
        assert (st.st_uid, st.st_gid, _mode(own)) == (user.pw_uid, group, 0o2750), own
        shared = sorted(own.glob(f"{name}_*"))
        assert [p.name.rsplit("_", 1)[1] for p in shared] == [
            "report.html",
            "sessions.csv",
            "share.toml",
        ], shared
        for path in shared:
            st = path.stat()
            assert (st.st_uid, st.st_gid, _mode(path)) == (user.pw_uid, group, 0o640), path
        sessions = next(p for p in shared if p.name.endswith("sessions.csv"))
        assert notes[name] in sessions.read_text()  # notes ticked: they went
        for other in three:
            if other != name:
                assert _su_cat(other, sessions).returncode != 0, f"{other} read {name}'s share"
    listing = subprocess.run(
        ["su", "-s", "/bin/sh", three[0], "-c", f"ls '{clinic.drop}'"],
        capture_output=True,
        text=True,
    )
    assert listing.returncode != 0 and "Permission denied" in listing.stderr, listing
    coach = subprocess.run(
        [
            "su",
            "-s",
            "/bin/sh",
            clinic.physio,
            "-c",
            f"cd && PSOAS_DROP='{clinic.drop}' '{HUB_BIN}/jupyter' nbconvert --to html "
            f"--execute --stdout '{HUB_NOTEBOOKS}/05_coach.ipynb'",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert coach.returncode == 0, coach.stderr[-2000:]
    assert "3 clients shared" in coach.stdout, coach.stdout[-2000:]
    assert coach.stdout.count("hub (folder owner)") == 3  # attributed by the folders' owners
    for name in three:  # the table is in the widget's state (JSON in the page)
        assert name in coach.stdout, name


# --------------------------------------------------------------------------- load test


def _log_code(name: str) -> str:
    """What each kernel runs: SESSIONS_EACH sessions, numbered, then their count on disk."""
    return (
        "from datetime import datetime, timezone\n"
        "from psoas_lib.journal.store import Journal\n"
        "j = Journal()\n"
        f"for i in range({SESSIONS_EACH}):\n"
        "    j.add_session(started_at=datetime(2026, 3, 2, 7, i, tzinfo=timezone.utc),\n"
        "                  routine_id='load-test', planned_s=60, completed_s=60,\n"
        f"                  exercises_done=[], notes=f'{name} {{i}}')\n"
        "print(len(j.sessions()), j.sessions_path)\n"
    )


async def _execute(ws: Any, code: str, timeout: float = 120) -> str:
    """Run code in a kernel over its websocket (Jupyter messaging); its printed output."""
    msg_id = uuid.uuid4().hex
    await ws.write_message(
        json.dumps(
            {
                "header": {
                    "msg_id": msg_id,
                    "msg_type": "execute_request",
                    "username": "test",
                    "session": uuid.uuid4().hex,
                    "version": "5.3",
                    "date": datetime.now(UTC).isoformat(),
                },
                "parent_header": {},
                "metadata": {},
                "content": {
                    "code": code,
                    "silent": False,
                    "store_history": False,
                    "user_expressions": {},
                    "allow_stdin": False,
                    "stop_on_error": True,
                },
                "channel": "shell",
                "buffers": [],
            }
        )
    )
    out: list[str] = []
    reply: dict[str, Any] | None = None
    idle = False
    deadline = time.monotonic() + timeout
    while reply is None or not idle:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError(f"no reply in {timeout} s; output so far {out}")
        raw = await asyncio.wait_for(ws.read_message(), left)
        if raw is None:
            raise ConnectionError("the kernel's websocket closed")
        msg = json.loads(raw)
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            out.append(content["text"])
        elif kind == "error":
            out.append("\n".join(content["traceback"]))
        elif kind == "execute_reply":
            reply = content
        elif kind == "status" and content["execution_state"] == "idle":
            idle = True
    if reply["status"] != "ok":
        raise AssertionError(f"kernel error: {''.join(out)}")
    return "".join(out)


async def _log_everywhere(
    hub: HubServer, tokens: dict[str, str], kernels: dict[str, str]
) -> dict[str, str]:
    """Open each client's kernel channel, warm up, then log in all of them at the same moment."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    sockets = {}
    for name, kid in kernels.items():
        url = f"ws://127.0.0.1:{hub.port}/user/{name}/api/kernels/{kid}/channels"
        req = HTTPRequest(url, headers={"Authorization": f"token {tokens[name]}"})
        sockets[name] = await websocket_connect(req)
    try:
        await asyncio.gather(
            *(_execute(ws, "import psoas_lib.journal.store") for ws in sockets.values())
        )
        outputs = await asyncio.gather(
            *(_execute(sockets[name], _log_code(name)) for name in kernels)
        )
    finally:
        for ws in sockets.values():
            ws.close()
    return dict(zip(kernels, outputs, strict=True))


def test_ten_clients_log_at_the_same_moment_nothing_lost(
    hub: HubServer, clients: list[str]
) -> None:
    token = _admin_token(hub)
    # Each client's own token (signed up and approved by the therapist if not yet): only the
    # client may open a kernel in their server, so the kernels below use these.
    tokens = {name: _client_token(hub, name) for name in clients}
    for name in clients:  # a clean start: no server running
        hub.api(token, "DELETE", f"/users/{name}/server")
    deadline = time.monotonic() + 60
    while any(hub.api(token, "GET", f"/users/{n}")[1]["servers"] for n in clients):
        assert time.monotonic() < deadline, "servers did not stop"
        time.sleep(0.5)

    # Ten at once, each from its own thread as ten browsers would; above its
    # concurrent_spawn_limit the hub answers 429 and the client tries again a little later.
    t0 = time.monotonic()

    def spawn(name: str) -> tuple[float, int]:
        refused, deadline = 0, t0 + 600
        while True:
            assert time.monotonic() < deadline, f"{name}: not started after 600 s"
            status, body = hub.api(tokens[name], "POST", f"/users/{name}/server")
            if status in (201, 202):
                break
            assert status == 429, f"{name}: spawn answered {status} {body}"
            refused += 1
            time.sleep(2)
        while not (hub.api(tokens[name], "GET", f"/users/{name}")[1]["servers"].get("") or {}).get(
            "ready"
        ):
            assert time.monotonic() < deadline, f"{name}: not ready after 600 s"
            time.sleep(0.5)
        return time.monotonic() - t0, refused

    with ThreadPoolExecutor(len(clients)) as pool:
        spawned = dict(zip(clients, pool.map(spawn, clients), strict=True))
    ready = {name: t for name, (t, _) in spawned.items()}
    refused = sum(r for _, r in spawned.values())
    spawn_s = max(ready.values())

    idle = {n: _rss_mib(pwd.getpwnam(n).pw_uid)["server"] for n in clients}
    assert all(len(v) == 1 for v in idle.values()), idle  # one server process per client

    def journal_of(name: str) -> Journal:
        return Journal(Path(pwd.getpwnam(name).pw_dir) / DATA_REL)

    # The three browser clients already logged one session each (when that test ran first).
    before = {
        n: list(journal_of(n).sessions().notes) if journal_of(n).sessions_path.exists() else []
        for n in clients
    }
    kernels = {}
    for name in clients:
        req = urllib.request.Request(
            f"{hub.base}/user/{name}/api/kernels",
            data=b"{}",
            method="POST",
            headers={"Authorization": f"token {tokens[name]}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as r:
            kernels[name] = json.loads(r.read())["id"]

    outputs = _in_own_thread(asyncio.run, _log_everywhere(hub, tokens, kernels))
    active = {n: _rss_mib(pwd.getpwnam(n).pw_uid) for n in clients}

    for name in clients:
        user = pwd.getpwnam(name)
        data = Path(user.pw_dir) / DATA_REL
        # The kernel ran as the client, with the client's own data folder.
        assert outputs[name].split()[1] == str(data / SESSIONS_FILE), outputs[name]
        # Nothing lost, nothing doubled, nobody else's: what was there, then 0..4 of this client.
        assert list(journal_of(name).sessions().notes) == before[name] + [
            f"{name} {i}" for i in range(SESSIONS_EACH)
        ]
        assert (data / SESSIONS_FILE).stat().st_uid == user.pw_uid
        assert len(active[name]["kernel"]) == 1, active[name]

    idle_all = [v for vs in idle.values() for v in vs]
    kernel_all = [v for m in active.values() for v in m["kernel"]]
    _record(
        load_clients=len(clients),
        spawn_limit=int(os.environ.get("PSOAS_HUB_SPAWN_LIMIT", "0")) or "config default",
        spawn_limit_429s=refused,
        spawn_all_ready_s=round(spawn_s, 1),
        spawns_per_minute=round(len(clients) / spawn_s * 60, 1),
        idle_server_rss_mib={"min": round(min(idle_all)), "max": round(max(idle_all))},
        kernel_rss_mib={"min": round(min(kernel_all)), "max": round(max(kernel_all))},
    )


# --------------------------------------------------------------------------- roles (issue 25)


def test_the_hub_does_not_start_without_an_admin_made_from_the_command_line(
    clients: list[str], clinic: Clinic, tmp_path: Path
) -> None:
    """No admin account yet: the hub exits at once, so nobody can sign up (let alone sign up
    first as an admin); and there is no default admin name to guess."""
    server = HubServer(
        tmp_path, admin="", therapist=clinic.physio, group=clinic.group, drop=clinic.drop
    )
    server.port = H.free_port()
    done = subprocess.run(
        server.argv(), env=server.env(), cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "no admin account yet" in done.stdout + done.stderr
    assert not (server.state / "jupyterhub.sqlite").exists()


def test_sign_ups_as_root_system_accounts_staff_or_outsiders_are_refused(
    hub: HubServer, clinic: Clinic
) -> None:
    outsider = f"psoas-test-out-{secrets.token_hex(2)}"  # a Unix user, not in the client group
    subprocess.run(["useradd", "--no-create-home", outsider], check=True, capture_output=True)
    try:
        for name in ("root", "daemon", hub.admin, hub.therapist, outsider):
            session = HubSession(hub)
            page = session.sign_up(name, INTRUDER)
            # Refused (the staff's names are also taken: their accounts exist already).
            refused = "Something went wrong" in page or "already in use" in page
            assert refused and "has been sent to the admin" not in page, (name, page[-800:])
            assert session.log_in(name, INTRUDER) != 302, f"someone got in as {name}"
        # None of them is waiting for approval either.
        therapist = _logged_in(hub, hub.therapist)
        status, page = therapist.request("GET", "/hub/psoas-approve")
        assert status == 200
        for name in ("root", "daemon", outsider):
            assert f"<tr id='{name}'>" not in page, name
    finally:
        subprocess.run(["userdel", outsider], check=False, capture_output=True)


def test_the_therapist_approves_but_cannot_reset_rename_impersonate_or_enter(
    hub: HubServer, clients: list[str]
) -> None:
    client = clients[-1]
    _client_token(hub, client)  # signed up, approved by the therapist, logged in once
    therapist = _logged_in(hub, hub.therapist)
    token = therapist.token(hub.therapist)
    # No password reset (NativeAuthenticator's page needs admin:users), no rename, no token
    # for the client, no starting or entering the client's server, no listing users.
    status, _ = therapist.request(
        "POST",
        f"/hub/change-password/{client}",
        form={
            "new_password": "another-" + PASSWORD,
            "new_password_confirmation": "another-" + PASSWORD,
        },
    )
    assert status == 403
    assert _logged_in(hub, client)  # the client's password still works
    assert hub.api(token, "PATCH", f"/users/{client}", {"name": client + "-x"})[0] in DENIED
    assert hub.api(token, "POST", f"/users/{client}/tokens", {"expires_in": 60})[0] in DENIED
    assert hub.api(token, "POST", f"/users/{client}/server")[0] in DENIED
    assert hub.api(token, "GET", "/users")[0] in DENIED
    _cannot_enter(hub, token, client)


def test_the_admin_can_start_a_clients_server_but_never_enter_it(
    hub: HubServer, clients: list[str]
) -> None:
    """The attack of issue 25: with his own token the admin started a client's server and a
    kernel in it, and read her journal. Now he may start it, and nothing more."""
    client = clients[-2]
    own = _client_token(hub, client)
    admin = _admin_token(hub)
    status, _ = hub.api(admin, "POST", f"/users/{client}/server")
    assert status in (201, 202, 400), status  # 400: running already
    deadline = time.monotonic() + 180
    while not (hub.api(own, "GET", f"/users/{client}")[1]["servers"].get("") or {}).get("ready"):
        assert time.monotonic() < deadline, "the client's server did not start"
        time.sleep(0.5)
    assert hub.api(admin, "POST", f"/users/{client}/tokens", {"expires_in": 60})[0] in DENIED
    assert hub.api(admin, "PATCH", f"/users/{admin}", {"admin": True})[0] in DENIED
    _cannot_enter(hub, admin, client)
    # The client's own token does enter: the refusals above are about who asks.
    assert _server_get(hub, own, client, "/api/contents")[0] == 200


#: Check my form's model files, as the camera widget asks a client's server for them.
POSE_FILES = "psoas-pose/npm/node_modules/@mediapipe/pose/"
POSE_TYPES = {
    "pose.js": ("text/javascript", "application/javascript"),
    "pose_solution_simd_wasm_bin.wasm": ("application/wasm",),
    "pose_solution_wasm_bin.wasm": ("application/wasm",),
}


def test_a_clients_server_serves_the_pose_model_from_its_own_origin(
    hub: HubServer, clients: list[str]
) -> None:
    """make hub-install puts the pose model on the hub environment's Jupyter path: the
    client's own server (running as that client) serves pose.js and both WebAssembly builds
    at the addresses the widget tries, on the hub's origin, typed for the browser; every file
    is readable by that client (docs/camera.md)."""
    client = clients[-3]
    own = _client_token(hub, client)
    status, _ = hub.api(own, "POST", f"/users/{client}/server")
    assert status in (201, 202, 400), status  # 400: running already
    deadline = time.monotonic() + 180
    while not (hub.api(own, "GET", f"/users/{client}")[1]["servers"].get("") or {}).get("ready"):
        assert time.monotonic() < deadline, "the client's server did not start"
        time.sleep(0.5)
    installed = HUB_PREFIX / "venv/share/jupyter/labextensions" / POSE_FILES
    for prefix in ("voila/labextensions/", "lab/extensions/"):  # the app, then JupyterLab
        for name, types in POSE_TYPES.items():
            req = urllib.request.Request(
                f"{hub.base}/user/{client}/{prefix}{POSE_FILES}{name}",
                headers={"Authorization": f"token {own}"},
            )
            opener = urllib.request.build_opener(_NoRedirect())
            try:
                with opener.open(req, timeout=60) as r:
                    got = (r.status, r.headers.get("Content-Type", ""), r.read())
            except urllib.error.HTTPError as err:
                with err:
                    got = (err.code, "", b"")
            assert got[0] == 200, f"{prefix}{name}: HTTP {got[0]} from {client}'s server"
            assert got[1].startswith(types), (prefix, name, got[1])
            assert got[2] == (installed / name).read_bytes(), (prefix, name, len(got[2]))
    # each file of the model, read as the client (not only the ones the page asks for first)
    for path in sorted(p for p in installed.iterdir() if p.is_file()):
        read = subprocess.run(
            ["su", "-s", "/bin/sh", client, "-c", f"test -r '{path}'"], capture_output=True
        )
        assert read.returncode == 0, f"{client} cannot read {path}"


def _server_get(hub: HubServer, token: str, client: str, path: str) -> tuple[int, str]:
    req = urllib.request.Request(
        f"{hub.base}/user/{client}{path}", headers={"Authorization": f"token {token}"}
    )
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        with opener.open(req, timeout=60) as r:
            return r.status, r.read().decode(errors="replace")
    except urllib.error.HTTPError as err:
        with err:
            return err.code, err.read().decode(errors="replace")


def _cannot_enter(hub: HubServer, token: str, client: str) -> None:
    """``token`` opens no kernel in ``client``'s server and reads none of their files."""
    data = DATA_REL / SESSIONS_FILE
    for path in ("/api/kernels", "/api/contents", f"/files/{data}", "/lab"):
        status, text = _server_get(hub, token, client, path)
        assert status in (302, 403, 404, 503), (path, status)
        assert "started_at" not in text
    req = urllib.request.Request(
        f"{hub.base}/user/{client}/api/kernels",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.build_opener(_NoRedirect()).open(req, timeout=60)
    err.value.close()
    assert err.value.code in (302, 403, 404, 503)
