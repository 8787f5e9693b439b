"""Write a notebook from a plain list of cells, without outputs and with the kernelspec.

Usage from Python: ``write_notebook(path, [("md", "# Title"), ("code", "page.part(\"x\")")])``;
saved as JupyterLab saves (keys sorted, one-space indent: tests/test_packaging.py).
Used by the workbook's authors; the notebooks themselves are the committed artefacts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def write_notebook(path: str | Path, cells: list[tuple[str, str]]) -> None:
    out = []
    for n, (kind, source) in enumerate(cells):
        lines = source.strip("\n").splitlines(keepends=True)
        cell = {
            "cell_type": "markdown" if kind == "md" else "code",
            "id": f"cell-{n:02d}",
            "metadata": {},
            "source": lines,
        }
        if kind != "md":
            cell.update(execution_count=None, outputs=[])
        out.append(cell)
    nb = {
        "cells": out,
        "metadata": {"kernelspec": KERNELSPEC, "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    Path(path).write_text(
        json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    sys.exit("import write_notebook from this file")
