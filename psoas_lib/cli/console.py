"""Where the terminal commands read answers and write text: the console, or a test's own.

>>> import io
>>> console = Console(stdin=io.StringIO("3\\n"), stdout=io.StringIO())
>>> console.ask("Tightness? "), console.ask("Again? "), console.live
('3', None, False)
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

__all__ = ["Console"]


@dataclass
class Console:
    """Where the runner reads answers and writes text; tests pass their own."""

    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    stdout: TextIO = field(default_factory=lambda: sys.stdout)
    stderr: TextIO = field(default_factory=lambda: sys.stderr)
    sleep: Callable[[float], None] = time.sleep

    @property
    def live(self) -> bool:
        """True on a terminal: redraw in place. Otherwise print one line per step."""
        return self.stdout.isatty()

    def say(self, text: str = "") -> None:
        print(text, file=self.stdout, flush=True)

    def ask(self, prompt: str) -> str | None:
        """A line from the user (None at end of input)."""
        self.stdout.write(prompt)
        self.stdout.flush()
        line = self.stdin.readline()
        return line.strip() if line else None
