"""Run a Jupyter or Voila server and print its address once it holds its port.

``make lab`` and ``make app`` used to pick a free port, let it go and start the server on
it: two started at once picked the same port and one died after printing its address. Now
the server binds itself (from the first port given, trying the next ones: ``port_retries``),
and this wrapper reads the port it got from its log ("... is running at:" and the URL on
the next line), then prints the announcement with that port and the token (read from the
environment, never from the command line, which any local user can read).

    python tools/announce.py "open http://127.0.0.1:{port}/?token={token}" -- voila ...

Everything the server writes is passed through; the wrapper ends with the server's exit
code, and a SIGINT or SIGTERM it gets is handed on to the server.

>>> bound_port(["[I 10:00] Voilà is running at:", "http://127.0.0.1:8867/"])
8867
>>> bound_port(["[I] Jupyter Server 2.14 is running at:", "[I]  http://127.0.0.1:8890/lab?token=x"])
8890
>>> bound_port(["loading http://127.0.0.1:9/ before the server runs"]) is None
True
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterable

RUNNING = re.compile(r"is running at:")
ADDRESS = re.compile(r"https?://(?:127\.0\.0\.1|localhost):(\d+)/")


def bound_port(lines: Iterable[str]) -> int | None:
    """The port in the first address logged after "is running at:" (None before that)."""
    running = False
    for line in lines:
        if running or RUNNING.search(line):
            running = True
            found = ADDRESS.search(line)
            if found:
                return int(found.group(1))
    return None


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") != 1 or len(argv) < 3:
        print("usage: announce.py MESSAGE -- COMMAND ...", file=sys.stderr)
        return 2
    message, command = argv[0], argv[2:]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, errors="replace")
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda number, _frame: server.send_signal(number))
    assert server.stderr is not None
    seen: list[str] = []
    announced = False
    for line in server.stderr:
        sys.stderr.write(line)
        sys.stderr.flush()
        if announced:
            continue
        seen.append(line)
        port = bound_port(seen)
        if port is not None:
            token = os.environ.get("JUPYTER_TOKEN", "")
            print(f"\n  {message.format(port=port, token=token)}\n", flush=True)
            announced, seen = True, []
    return server.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
