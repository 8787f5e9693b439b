"""`make lab` really serves the workbook: loopback only, a token required, start-here present."""

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
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)
