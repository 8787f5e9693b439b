"""The app's kernel made ahead of its visitor (Voila's preheated kernels), nothing stale shown.

``make app`` runs Voila with a pool of one preheated kernel: the app notebook's imports (the
slow part: pandas, ipywidgets, the workbook) run before anyone opens the page. The notebook
then calls :func:`wait_for_visitor`, which in a preheated kernel waits there until a visitor
connects; only then is the app built, so it reads the journal as it is at that moment. In
any other kernel (JupyterLab, Voila without preheating, tests) it returns at once.

>>> wait_for_visitor()   # not a preheated kernel: returns at once
False

The kernel of the first preheat may start before its server has found a free port (two
servers started at once): :func:`wait_for_visitor` asks the system where its server (the
kernel's parent process) really listens.
"""

from __future__ import annotations

import os

__all__ = ["PAGE_MODULES", "prepare", "wait_for_visitor"]

#: What the app's pages import when first opened (matplotlib among them): imported ahead in
#: a preheated kernel, so a page's first opening only builds it. Code, never the user's data.
PAGE_MODULES = (
    "psoas_lib.ui.catalog_browser",
    "psoas_lib.ui.guide",
    "psoas_lib.ui.images",
    "psoas_lib.ui.schematic",
    "psoas_lib.ui.charts",
    "psoas_lib.ui.checklist",
    "psoas_lib.ui.live",
    "psoas_lib.ui.player",
    "psoas_lib.ui.routine_builder",
    "psoas_lib.ui.progress",
    "psoas_lib.ui.share",
    "psoas_lib.ui.plan",
    "psoas_lib.ui.journal_check",
    "psoas_lib.ui.safety",
    "psoas_lib.ui.psfs",
    "psoas_lib.coaching.form_summary",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
)


def wait_for_visitor() -> bool:
    """In a Voila preheated kernel, import the pages' modules, then block until a visitor's
    request arrives (True); elsewhere return False at once."""
    if os.environ.get("VOILA_PREHEAT", "False") == "False":
        return False
    prepare()
    from voila.utils import wait_for_request

    port = _server_port()
    if port is not None:
        # the kernel was started before its server found a free port (make app tries the next
        # one when its first is taken): tell Voila's helper where its server really listens
        os.environ["VOILA_APP_PORT"] = str(port)
    wait_for_request()
    return True


def prepare() -> None:
    """Import the pages' modules and draw one throwaway figure as SVG and as PNG (the
    renderers and the fonts loaded), so that a page's first opening only builds the page.

    >>> prepare()
    """
    import importlib
    from io import BytesIO

    for name in PAGE_MODULES:
        importlib.import_module(name)
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1))
    fig.subplots().set_title("warm-up")
    for kind in ("svg", "png"):
        fig.savefig(BytesIO(), format=kind)


def _server_port(pid: int | None = None) -> int | None:
    """The TCP port the Voila server (this kernel's parent process) listens on, read from
    /proc on Linux (None elsewhere, or when it cannot be told)."""
    pid = os.getppid() if pid is None else pid
    inodes = set()
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return None
    for fd in fds:
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    ports = set()
    try:
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            with open(table, encoding="ascii") as lines:
                for line in list(lines)[1:]:
                    fields = line.split()
                    if fields[3] == "0A" and fields[9] in inodes:  # LISTEN, one of its sockets
                        ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    except (OSError, IndexError, ValueError):
        return None
    return ports.pop() if len(ports) == 1 else None
