"""Browser end-to-end harness: the project's own JupyterLab (and Voilà), driven by Chromium.

Every server is started here with ``subprocess.Popen`` on a free loopback port picked by
binding port 0, with a random token, a temporary ``PSOAS_HOME`` and temporary Jupyter
settings; it is stopped by its process id (terminate, then kill) in a finalizer.

The browser is Debian's Chromium launched through ``executable_path`` (no browser download).
When it is missing the tests are skipped with one reason; ``PSOAS_REQUIRE_BROWSER=1`` (set by
``.ci/run``) turns that skip into a failure.

The plain classes and functions (``LabServer``, ``VoilaServer``, ``launch_browser``,
``Notebook``, ``lab_notebook_root``) do not need pytest: ``benchmarks/bench_first_widget.py``
and ``tools/screenshots.py`` load this file and reuse them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
ARTIFACTS = REPO / "test-artifacts"
BIN = Path(sys.executable).parent
CHROMIUM = Path(os.environ.get("PSOAS_CHROMIUM", "/usr/bin/chromium"))
REQUIRE_ENV = "PSOAS_REQUIRE_BROWSER"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--autoplay-policy=no-user-gesture-required",
]
#: JupyterLab settings for tests: every cell in the DOM, no autosave, no news, no update check.
LAB_OVERRIDES = {
    # autoStartDefaultKernel: start the notebook's own kernel without a "Select Kernel" dialog
    # (under load the dialog could appear after the page looked ready and block every click)
    "@jupyterlab/notebook-extension:tracker": {
        "windowingMode": "none",
        "autoStartDefaultKernel": True,
    },
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}
#: Notebooks for which Run All had to be pressed again (reported at the end of the run).
RUN_ALL_RETRIES: list[str] = []
E2E_ORDER = [
    "test_start_here",
    "test_self_assessment",
    "test_run_routine",
    "test_progress",
    "test_voila",
]


def browser_missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if not CHROMIUM.exists():
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Python Playwright is not installed (pip install -e '.[test]')"
    return None


def browser_required() -> bool:
    """True when a missing browser must fail the run (CI sets PSOAS_REQUIRE_BROWSER=1)."""
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0")


def free_port() -> int:
    """A loopback port nobody listens on right now (the OS picks it: bind port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A server process we started and own: started, probed until ready, stopped by PID."""

    name = "server"

    def __init__(self, workdir: Path, home: Path) -> None:
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        self.home = home
        self.token = secrets.token_urlsafe(24)
        self.port = 0
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = workdir / f"{self.name}.log"

    def argv(self) -> list[str]:
        raise NotImplementedError

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        jupyter = self.workdir / "jupyter"
        env.update(
            PSOAS_HOME=str(self.home),
            JUPYTER_CONFIG_DIR=str(jupyter / "config"),
            JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"),
            IPYTHONDIR=str(jupyter / "ipython"),
            PYDEVD_DISABLE_FILE_VALIDATION="1",
            # the project's Jupyter and Voila settings, as make lab / make app use them
            JUPYTER_CONFIG_PATH=str(REPO / "jupyter" / "config"),
            JUPYTER_PATH=str(REPO / "jupyter" / "data"),
        )
        return env

    def probe(self) -> bool:
        raise NotImplementedError

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90, attempts: int = 3) -> Server:
        """Start on a fresh free port; retry on another port if the process dies early."""
        for _ in range(attempts):
            self.port = free_port()
            with open(self.log_path, "ab") as log:
                self.proc = subprocess.Popen(
                    self.argv(),
                    env=self.env(),
                    cwd=self.workdir,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                )
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    break  # died (port taken between our check and its bind?): try again
                if self.probe():
                    return self
                time.sleep(0.1)
            else:
                self.stop()
                raise RuntimeError(f"{self.name} not ready after {timeout} s\n{self.log_tail()}")
        raise RuntimeError(
            f"{self.name} exited with {self.proc and self.proc.returncode}\n{self.log_tail()}"
        )

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self, timeout: float = 10) -> None:
        """Stop our process by its PID: terminate, then kill when it does not exit."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class LabServer(Server):
    """JupyterLab from this project's venv, serving ``root`` with test-only settings."""

    name = "jupyterlab"

    def __init__(self, workdir: Path, home: Path, root: Path) -> None:
        super().__init__(workdir, home)
        self.root = root
        settings = workdir / "jupyter" / "app-settings"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "overrides.json").write_text(json.dumps(LAB_OVERRIDES, indent=2))
        self.settings = settings

    def argv(self) -> list[str]:
        argv = [
            str(BIN / "jupyter"),
            "lab",
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root}",
            f"--LabApp.app_settings_dir={self.settings}",
            f"--LabApp.workspaces_dir={self.workdir / 'jupyter' / 'workspaces'}",
            f"--LabApp.user_settings_dir={self.workdir / 'jupyter' / 'user-settings'}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.append("--allow-root")
        return argv

    def probe(self) -> bool:
        url = f"{self.base}/api/status?token={self.token}"
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return r.status == 200 and "started" in json.loads(r.read())
        except (OSError, ValueError, urllib.error.URLError):
            return False

    def url(self, path: str) -> str:
        """The JupyterLab URL opening ``path`` (relative to root), without a saved workspace."""
        return f"{self.base}/lab/tree/{path}?token={self.token}&reset"

    def shut_down_kernels(self) -> None:
        """End every session and its kernel (a test's kernel must not load the next test)."""
        api = f"{self.base}/api/sessions"
        with urllib.request.urlopen(f"{api}?token={self.token}", timeout=10) as r:
            sessions = json.loads(r.read())
        for s in sessions:
            req = urllib.request.Request(f"{api}/{s['id']}?token={self.token}", method="DELETE")
            urllib.request.urlopen(req, timeout=30).close()


class VoilaServer(Server):
    """Voilà serving ``root`` as an app: no code shown, tracebacks hidden."""

    name = "voila"

    def __init__(self, workdir: Path, home: Path, root: Path) -> None:
        super().__init__(workdir, home)
        self.root = root

    def argv(self) -> list[str]:
        return [
            str(BIN / "voila"),
            str(self.root),
            "--no-browser",
            "--Voila.ip=127.0.0.1",
            f"--Voila.port={self.port}",
            "--Voila.port_retries=0",
            f"--Voila.token={self.token}",
            "--strip_sources=True",
        ]  # as make app serves it

    def probe(self) -> bool:
        # Never GET a notebook to probe: that would execute it. A TCP connect is enough.
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                return True
        except OSError:
            return False

    def url(self, path: str) -> str:
        return f"{self.base}/voila/render/{path}?token={self.token}"


def lab_notebook_root(dest: Path, extra: dict[str, Path] | None = None) -> Path:
    """A copy of ``notebooks/`` under ``dest`` so a browser session never writes the originals."""
    root = dest / "root"
    shutil.copytree(
        NOTEBOOKS, root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    for name, src in (extra or {}).items():
        shutil.copy(src, root / name)
    return root


def launch_browser(playwright: Any) -> Any:
    """Debian's Chromium, through executable_path: nothing is downloaded."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
    )


PANEL = ".jp-NotebookPanel:visible"
# Done when every code cell with source has an execution count, or when one shows an error.
_RUN_STATE_JS = """
() => {
  const panel = [...document.querySelectorAll('.jp-NotebookPanel')]
      .find(p => !p.classList.contains('lm-mod-hidden'));
  if (!panel) return null;
  const err = panel.querySelector('[data-mime-type="application/vnd.jupyter.error"]');
  if (err) return {error: err.innerText};
  const cells = [...panel.querySelectorAll('.jp-CodeCell')];
  const waiting = cells.filter(c => {
    const src = (c.querySelector('.cm-content') || {}).innerText || '';
    const prompt = (c.querySelector('.jp-InputPrompt') || {}).innerText || '';
    return src.trim() !== '' && !/\\[\\d+\\]/.test(prompt);
  });
  return waiting.length === 0 ? {done: cells.length} : null;
}
"""


_IDLE_ACCEPTING_DIALOGS_JS = """() => {
  const accept = document.querySelector('.jp-Dialog .jp-mod-accept');
  if (accept) { accept.click(); return false; }
  const panels = [...document.querySelectorAll('.jp-NotebookPanel')]
    .filter((p) => p.offsetParent !== null);
  return panels.some((p) =>
    p.querySelector('.jp-Notebook-ExecutionIndicator[data-status="idle"]') !== null);
}"""


class Notebook:
    """One notebook open in JupyterLab, in a Playwright page."""

    def __init__(self, page: Any, lab: LabServer, path: str) -> None:
        self.page = page
        self.lab = lab
        self.path = path

    def open(self, timeout: float = 60_000) -> Notebook:
        assert self.lab.alive(), f"JupyterLab died:\n{self.lab.log_tail()}"
        self.page.goto(self.lab.url(self.path))
        self.page.locator(f"{PANEL} .jp-Cell").first.wait_for(timeout=timeout)
        # A kernel dialog may still come up while the kernel starts: accept it whenever it
        # shows, until the (visible) notebook's kernel is idle.
        self.page.wait_for_function(_IDLE_ACCEPTING_DIALOGS_JS, timeout=timeout, polling=100)
        return self

    def wait_idle(self, timeout: float = 60_000) -> None:
        self.page.locator(
            f'{PANEL} .jp-Notebook-ExecutionIndicator[data-status="idle"]'
        ).first.wait_for(timeout=timeout)

    def run_all(self, timeout: float = 120_000) -> None:
        """Menu Run > Run All Cells, then wait until every code cell ran; fail on an error."""
        self.start_run_all()
        state = self.page.wait_for_function(_RUN_STATE_JS, timeout=timeout).json_value()
        if "error" in state:
            raise AssertionError(f"{self.path} raised while running all cells:\n{state['error']}")

    def start_run_all(self) -> None:
        """Menu Run > Run All Cells; return once a cell has started.

        Just after a page load the command can be lost (the notebook is not yet the current
        widget): focus the notebook first, and press Run All again when no cell started.
        """
        started = self.page.locator(
            f"{PANEL} .jp-InputPrompt", has_text=re.compile(r"\[(\*|\d+)\]")
        ).first
        for attempt in range(3):
            self.page.locator(f"{PANEL} .jp-Cell .jp-InputPrompt").first.click()
            self.page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            self.page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
            try:
                started.wait_for(timeout=10_000)
                break
            except Exception:
                if attempt == 2:
                    raise
                RUN_ALL_RETRIES.append(self.path)

    def widget(self, css_class: str) -> Any:
        """The (first visible) widget carrying our CSS hook, e.g. ``psoas-start``."""
        return self.page.locator(f"{PANEL} .{css_class}").first


def option_labels(select: Any) -> list[str]:
    """The option texts of a Dropdown's <select> (ipywidgets shows spaces as non-breaking)."""
    return [t.replace("\xa0", " ") for t in select.locator("option").all_inner_texts()]


def choose_shortest_routine(select: Any) -> str:
    """Pick, as a person would, the routine whose label shows the shortest time; its label."""

    def seconds(label: str) -> int:
        m = re.search(r"(\d+):(\d\d)\s*$", label)
        assert m, f"no m:ss length in routine label {label!r}"
        return int(m[1]) * 60 + int(m[2])

    labels = option_labels(select)
    shortest = min(labels, key=seconds)
    select.select_option(index=labels.index(shortest))
    return shortest


def set_level(slider: Any, value: int, levels: int = 12) -> None:
    """Click a 0-10 SelectionSlider (first option "not set") at ``value``, as with a mouse."""
    from playwright.sync_api import expect

    track = slider.locator(".noUi-target").first
    track.scroll_into_view_if_needed()
    box = track.bounding_box()
    assert box, "the slider is not on screen"
    x = box["x"] + box["width"] * (value + 1) / (levels - 1)
    track.page.mouse.click(x, box["y"] + box["height"] / 2)
    expect(slider.locator(".widget-readout")).to_have_text(str(value))


# Settled: the element's text has not changed for `quiet` ms. A running countdown changes
# every tick (at least once a second), so it never settles; a paused one settles once a
# tick already on its way has landed. Polled every 50 ms, in the page.
_SETTLED_JS = """([el, quiet, key]) => {
    const now = performance.now();
    const seen = el[key] || (el[key] = {text: el.textContent, since: now});
    if (el.textContent !== seen.text) {
        seen.text = el.textContent;
        seen.since = now;
    }
    return now - seen.since >= quiet;
}"""


def settled_text(locator: Any, quiet_ms: int, timeout_ms: int = 15_000, what: str = "") -> str:
    """Wait until ``locator``'s text stays the same for ``quiet_ms``, and return it.

    This is how a test sees that something does *not* change (a paused countdown, a button
    toggled once): the condition is "unchanged for this long", checked continuously, and it
    fails with ``what`` when the text keeps changing until ``timeout_ms``.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    key = f"__psoasSettled{secrets.token_hex(4)}"
    handle = locator.element_handle()
    try:
        locator.page.wait_for_function(
            _SETTLED_JS, arg=[handle, quiet_ms, key], polling=50, timeout=timeout_ms
        )
    except PlaywrightTimeout:
        raise AssertionError(
            f"{what or 'the text'} kept changing for {timeout_ms} ms "
            f"(last: {locator.inner_text()!r})"
        ) from None
    return locator.inner_text()


# The player's current step, as shown: one of these changes when a Skip has been handled.
_STEP_CSS = ("psoas-phase", "psoas-exercise", "psoas-side", "psoas-rep", "psoas-next")
_STEP_JS = "els => els.map(e => e.textContent).join('|')"
_SKIPPED_JS = f"([els, before, log]) => ({_STEP_JS})(els) !== before || !!log?.offsetParent"


def _first_handle(page: Any, css: str) -> Any:
    handles = page.locator(css).element_handles()
    return handles[0] if handles else None


def run_routine_flow(
    page: Any, scope: str, *, before: int, after: int, notes: str, steps: int
) -> str:
    """The routine player as a person uses it; returns the label of the routine chosen.

    Choose the shortest routine, start, pause (the countdown stops), resume (it moves
    again), skip to the end (at most ``steps`` skips), rate tightness before and after,
    write a note, save. ``scope`` is the CSS scope of the page part holding the player.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import expect

    def w(css: str) -> Any:
        return page.locator(f"{scope} .{css}").first

    label = choose_shortest_routine(w("psoas-routine-picker").locator("select"))
    expect(w("psoas-total")).to_contain_text(label.rsplit(" ", 1)[-1])

    countdown, pause = w("psoas-countdown"), w("psoas-pause")
    if w("psoas-warm-up-note").is_visible():  # static holds and no warm-up logged lately
        w("psoas-start").click()
        expect(w("psoas-status")).to_contain_text("Warm up first")  # refused, says why
        expect(pause).to_be_disabled()
        w("psoas-warmed-up").click()  # "I have already warmed up for 5 minutes"
    w("psoas-start").click()
    try:
        expect(pause).to_be_enabled()
    except AssertionError:
        # On a slow server the warm-up offer can show only after the check above: Start was
        # refused, saying why; confirm the warm-up and start again.
        expect(w("psoas-status")).to_contain_text("Warm up first")
        w("psoas-warmed-up").click()
        w("psoas-start").click()
        expect(pause).to_be_enabled()
    first = countdown.inner_text()
    expect(countdown).not_to_have_text(first, timeout=5_000)  # it counts down

    pause.click()
    expect(pause).to_have_text(re.compile(r"^Resume\b"))
    # paused: after a tick already on its way, the countdown stays still for 2.5 s
    frozen = settled_text(countdown, 2_500, what="the countdown, paused,")
    # the exercise's figure is there, named for a screen reader, and stands still while paused
    figure = w("psoas-player-figure").locator("svg").first
    expect(figure).to_be_visible()
    expect(figure.locator("title").first).to_contain_text("working side")
    expect(figure.locator("animate")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    w("psoas-player-figure").screenshot(path=str(ARTIFACTS / "figure-player-paused.png"))

    pause.click()
    expect(pause).to_have_text(re.compile(r"^Pause\b"))
    expect(countdown).not_to_have_text(frozen, timeout=5_000)  # it moves again

    log, skip = w("psoas-log"), w("psoas-skip")
    shown = [h for css in _STEP_CSS if (h := _first_handle(page, f"{scope} .{css}"))]
    log_handle = _first_handle(page, f"{scope} .psoas-log")
    for _ in range(steps + 1):
        if log.is_visible():
            break
        step_before = page.evaluate(_STEP_JS, shown)
        with contextlib.suppress(PlaywrightError):  # disabled: the last skip ended it
            skip.click(timeout=3_000)
        with contextlib.suppress(PlaywrightError):  # handled: the step shown changed, or done
            page.wait_for_function(
                _SKIPPED_JS, arg=[shown, step_before, log_handle], polling=50, timeout=3_000
            )
    expect(log).to_be_visible()
    expect(w("psoas-log-summary")).to_contain_text("Log it?")

    for css, value in (("psoas-tightness-before", before), ("psoas-tightness-after", after)):
        set_level(w(css), value)
    w("psoas-notes").locator("textarea").fill(notes)
    w("psoas-save").click()
    expect(w("psoas-saved")).to_have_text("Saved")
    return label


# --------------------------------------------------------------------------- pytest wiring


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test here ``e2e``, run the flows in the order users meet them, skip or fail."""
    here = Path(__file__).parent
    mine = [i for i in items if Path(str(i.path)).parent == here]
    if not mine:
        return
    reason = browser_missing()
    for item in mine:
        item.add_marker(pytest.mark.e2e)
        if reason and not browser_required():
            item.add_marker(pytest.mark.skip(reason=f"browser tests: {reason}"))

    def key(item: pytest.Item) -> int:
        stem = Path(str(item.path)).stem
        return E2E_ORDER.index(stem) if stem in E2E_ORDER else len(E2E_ORDER)

    positions = [items.index(i) for i in mine]
    for pos, item in zip(positions, sorted(mine, key=key), strict=True):
        items[pos] = item


@pytest.fixture(scope="session", autouse=True)
def _browser_required() -> None:
    """With PSOAS_REQUIRE_BROWSER=1 a missing browser is a failure, not a skip."""
    reason = browser_missing()
    if reason:
        pytest.fail(f"{REQUIRE_ENV} is set but {reason}", pytrace=False)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_browser(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LabServer]:
    """One JupyterLab for the session, on a copy of notebooks/, with its own PSOAS_HOME."""
    work = tmp_path_factory.mktemp("lab")
    home = work / "psoas-home"
    home.mkdir()
    server = LabServer(work, home, lab_notebook_root(work))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """Voilà for the session, on a copy of notebooks/, with a PSOAS_HOME of its own."""
    work = tmp_path_factory.mktemp("voila")
    home = work / "psoas-home"
    home.mkdir()
    server = VoilaServer(work, home, lab_notebook_root(work) / "notebooks")
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def open_notebook(page: Any, lab: LabServer) -> Iterator[Any]:
    """``open_notebook("notebooks/00_start_here.ipynb")`` -> an opened ``Notebook``.

    Its kernel is shut down after the test.
    """

    def _open(path: str) -> Notebook:
        return Notebook(page, lab, path).open()

    yield _open
    if lab.alive():
        lab.shut_down_kernels()


@pytest.fixture(name="settled_text")
def _settled_text_fixture() -> Any:
    """:func:`settled_text`, for the test modules."""
    return settled_text


@pytest.fixture(name="run_routine_flow")
def _run_routine_flow_fixture() -> Any:
    """The routine player flow (see ``run_routine_flow``), shared by JupyterLab and Voila."""
    return run_routine_flow


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """On failure, keep a screenshot of the page (and the server log) under test-artifacts/."""
    report = yield
    if report.failed and report.when in ("setup", "call"):
        funcargs = getattr(item, "funcargs", {})
        name = re.sub(r"[^\w.-]+", "_", item.nodeid)
        pg = funcargs.get("page")
        if pg is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            try:
                pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            except Exception as exc:  # a dead page must not hide the real failure
                report.sections.append(("screenshot", f"could not save: {exc}"))
        for key in ("lab", "voila"):
            server = funcargs.get(key)
            if isinstance(server, Server) and server.log_path.exists():
                ARTIFACTS.mkdir(exist_ok=True)
                shutil.copy(server.log_path, ARTIFACTS / f"{name}.{server.name}.log")
    return report


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if RUN_ALL_RETRIES:
        terminalreporter.write_line(
            f"e2e: Run All pressed again for {RUN_ALL_RETRIES} "
            "(the first press was lost after page load)"
        )
    reason = browser_missing()
    if reason and not browser_required():
        stats = terminalreporter.stats.get("skipped", [])
        if any("browser tests:" in str(r.longrepr) for r in stats):
            terminalreporter.write_line(
                f"e2e browser tests skipped: {reason} (set {REQUIRE_ENV}=1 to fail instead)"
            )


# --------------------------------------------------------------------------- accessibility

AXE_JS = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
#: axe-core's impacts that fail a page (moderate and minor ones are reported, not failed).
AXE_FAILING = ("critical", "serious")


def axe_violations(page: Any, include: str | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands (axe from npm, see ``make install``).

    ``include``: a CSS selector limiting the check to that part of the page (in JupyterLab,
    the notebook itself rather than JupyterLab's own menus and panels).
    """
    if not AXE_JS.exists():
        raise AssertionError(f"{AXE_JS} is missing: run make install (npm ci in tests/e2e/axe)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_JS.read_text())
    result = page.evaluate(
        "(include) => axe.run(include ? {include: [include]} : document, "
        "{resultTypes: ['violations']}).then(r => r.violations.map(v => "
        "({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => "
        "({target: n.target.join(' '), summary: n.failureSummary}))})))",
        include,
    )
    return list(result)


def failing_violations(page: Any, include: str | None = None) -> list[str]:
    """The critical and serious axe violations, one readable line each (empty: none)."""
    return [
        f"{v['impact']}: {v['id']} ({v['help']}): "
        + "; ".join(f"{n['target']} -> {n['summary']}" for n in v["nodes"])
        for v in axe_violations(page, include)
        if v["impact"] in AXE_FAILING
    ]


class RequestLog:
    """Every request a page makes, to tell the local server's from any other host's."""

    def __init__(self, page: Any, base: str) -> None:
        self.base = base.rstrip("/")
        self.urls: list[str] = []
        page.on("request", lambda request: self.urls.append(request.url))

    def foreign(self) -> list[str]:
        """Requests to anything but the local server (data: and blob: URLs stay in the page)."""
        local = (self.base + "/", "data:", "blob:", "about:")
        return [url for url in self.urls if not url.startswith(local) and url != self.base]


# --------------------------------------------------------------------------- the app (s15d)


class AppServer(VoilaServer):
    """Voilà serving ``notebooks/app.ipynb`` alone, as ``make app`` does: the home at ``/``."""

    name = "voila-app"

    #: As make app: one kernel kept preheated (the imports done before a visitor comes).
    PREHEAT: tuple[str, ...] = (
        "--VoilaConfiguration.preheat_kernel=True",
        "--VoilaConfiguration.default_pool_size=1",
    )

    def argv(self) -> list[str]:
        argv = super().argv()
        argv[1] = str(self.root / "app.ipynb")
        return [*argv, *self.PREHEAT]

    def url(self, path: str = "") -> str:
        return f"{self.base}/{path}?token={self.token}"


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app (``make app``) for the session, on a copy of notebooks/, with its own home."""
    work = tmp_path_factory.mktemp("app")
    home = work / "psoas-home"
    home.mkdir()
    server = AppServer(work, home, lab_notebook_root(work) / "notebooks")
    try:
        server.start()
        yield server
    finally:
        server.stop()


def open_app(page: Any, server: AppServer) -> Any:
    """Open the app's home page and wait for its navigation bar; returns ``page``."""
    from playwright.sync_api import expect

    page.goto(server.url())
    expect(page.locator(".psoas-nav")).to_be_visible(timeout=90_000)
    return page


def go_to(page: Any, key: str) -> Any:
    """Click the navigation button of page ``key``; returns that page's locator."""
    from playwright.sync_api import expect

    page.locator(f".psoas-nav-{key}").click()
    shown = page.locator(f".psoas-page-{key}")
    expect(shown).to_be_visible(timeout=60_000)
    return shown
