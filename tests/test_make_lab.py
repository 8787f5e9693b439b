"""`make lab` and `make app` really serve the workbook: loopback only, a token required and
never on a command line (any local user can read /proc/<pid>/cmdline), start-here present."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test starts a real server

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> int:
    """The HTTP status of a GET (0 while nothing listens yet)."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as err:
        return err.code
    except urllib.error.URLError:
        return 0


def _group_cmdlines(pgid: int) -> dict[int, str]:
    """The command line of every process in the process group ``pgid`` (make, its shell, the
    server), read as another user would read it."""
    found: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            group = int(stat.rsplit(")", 1)[1].split()[2])
            if group == pgid:
                found[int(entry.name)] = (
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
                )
        except (OSError, ValueError, IndexError):
            continue
    return found


def _assert_token_not_on_any_command_line(pgid: int, token: str, server: str) -> None:
    lines = _group_cmdlines(pgid)
    assert any(server in line for line in lines.values()), lines  # the server was looked at
    leaks = {pid: line for pid, line in lines.items() if token in line}
    assert leaks == {}, leaks


def _stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def test_make_lab_serves_start_here_on_loopback_with_a_token(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_TOKEN": "",
    }
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "lab", f"LAB_PORT={port}", "LAB_ARGS=--no-browser"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        token = None
        for _ in range(120):
            assert proc.poll() is None, log.read_text()
            found = re.search(
                rf"open http://127\.0\.0\.1:{port}/lab/tree/"
                r"00_start_here\.ipynb\?token=(\S+)",
                log.read_text(),
            )
            if found and _get(f"http://127.0.0.1:{port}/api/status?token={found.group(1)}") == 200:
                token = found.group(1)
                break
            time.sleep(0.5)
        assert token and len(token) >= 24, log.read_text()
        _assert_token_not_on_any_command_line(proc.pid, token, "jupyter-lab")
        assert _get(f"http://127.0.0.1:{port}/api/status") == 403  # no token, no entry
        assert (
            _get(f"http://127.0.0.1:{port}/api/contents/00_start_here.ipynb?token={token}") == 200
        )
        with socket.socket() as s:  # loopback only
            s.settimeout(1)
            outside = [
                a
                for a in socket.gethostbyname_ex(socket.gethostname())[2]
                if not a.startswith("127.")
            ]
            if outside:
                assert s.connect_ex((outside[0], port)) != 0
    finally:
        _stop(proc)


def test_make_app_takes_its_token_from_the_environment_not_the_command_line(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
    }
    env.pop("JUPYTER_TOKEN", None)
    log = tmp_path / "app.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "app", f"APP_PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        token = None
        for _ in range(120):
            assert proc.poll() is None, log.read_text()
            found = re.search(rf"open http://127\.0\.0\.1:{port}/\?token=(\S+)", log.read_text())
            if found and _get(f"http://127.0.0.1:{port}/?token={found.group(1)}") == 200:
                token = found.group(1)
                break
            time.sleep(0.5)
        assert token and len(token) >= 24, log.read_text()
        _assert_token_not_on_any_command_line(proc.pid, token, "voila")
        # the token is required: without it Voila sends you to its login page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert "/login" in response.url
        # the whole page: its notebook runs first (12-15 s on a loaded machine)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/?token={token}", timeout=90) as r:
            page = r.read().decode()
        # the home page of the app, not Voila's list of files
        assert "/login" not in r.url and "Psoas Coach" in page and "Voilà Home" not in page
    finally:
        _stop(proc)


def _start_app(tmp_path: Path, name: str, port: int) -> tuple[subprocess.Popen, Path]:
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(tmp_path / f"{name}-config"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / f"{name}-runtime"),
    }
    env.pop("JUPYTER_TOKEN", None)
    log = tmp_path / f"{name}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            ["make", "--no-print-directory", "app", f"APP_PORT={port}"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return proc, log


def test_two_apps_started_together_each_get_their_own_port(tmp_path):
    port = _free_port()
    started = [_start_app(tmp_path, name, port) for name in ("one", "two")]
    try:
        served: dict[str, tuple[int, str]] = {}
        for _ in range(180):
            for (proc, log), name in zip(started, ("one", "two"), strict=True):
                assert proc.poll() is None, log.read_text()  # neither dies
                found = re.search(r"open http://127\.0\.0\.1:(\d+)/\?token=(\S+)", log.read_text())
                if name not in served and found:
                    address, token = int(found.group(1)), found.group(2)
                    # announced only once bound: something listens there already
                    with socket.socket() as s:
                        assert s.connect_ex(("127.0.0.1", address)) == 0
                    served[name] = (address, token)
            if len(served) == 2:
                break
            time.sleep(0.5)
        assert len(served) == 2, [log.read_text() for _, log in started]
        ports = {address for address, _ in served.values()}
        assert len(ports) == 2 and port in ports  # one got the port asked for, one the next
        for address, token in served.values():
            # the whole page: its notebook runs first (slow on a loaded machine)
            with urllib.request.urlopen(
                f"http://127.0.0.1:{address}/?token={token}", timeout=90
            ) as r:
                assert "Psoas Coach" in r.read().decode()
    finally:
        for proc, _ in started:
            _stop(proc)
