"""The app's preheated kernel: it finds its server's real port, and waits only when preheated."""

from __future__ import annotations

import subprocess
import sys

import pytest

from psoas_lib.ui import preheat

LISTEN = (
    "import socket, sys; s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen();"
    "print(s.getsockname()[1], flush=True); sys.stdin.read()"
)


@pytest.mark.slow  # starts a process
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_the_server_port_is_read_from_the_parent_process():
    server = subprocess.Popen(
        [sys.executable, "-c", LISTEN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        port = int(server.stdout.readline())
        assert preheat._server_port(server.pid) == port
    finally:
        server.stdin.close()
        server.wait(10)
        server.stdout.close()


@pytest.mark.slow  # starts a process
def test_a_process_that_listens_nowhere_gives_no_port():
    quiet = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE
    )
    try:
        assert preheat._server_port(quiet.pid) is None
    finally:
        quiet.stdin.close()
        quiet.wait(10)


def test_outside_a_preheated_kernel_it_does_not_wait(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    assert preheat.wait_for_visitor() is False
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    assert preheat.wait_for_visitor() is False


PAGES_IMPORT_NOTHING_NEW = """
import sys, tempfile
from psoas_lib.ui import preheat
from psoas_lib.ui.app import App, TITLES
preheat.prepare()
before = set(sys.modules)
app = App(tempfile.mkdtemp(), now="2026-03-04 12:00")
for key in TITLES:
    app.go(key)
print(sorted(m for m in set(sys.modules) - before if m.startswith(("psoas_lib", "matplotlib"))))
"""


@pytest.mark.slow  # a fresh process, to see what the pages import
def test_after_the_preheat_no_page_imports_a_module_of_its_own():
    """What a preheated kernel has imported is all every app page needs: a first opening
    builds the page and imports nothing (of the workbook or matplotlib)."""
    result = subprocess.run(
        [sys.executable, "-c", PAGES_IMPORT_NOTHING_NEW],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
