"""``psoas notebooks DIR``: copy the workbook's notebooks into a folder of the user's.

An installed package keeps its notebooks inside ``site-packages``; a user opens copies of
them in a folder of their own (``jupyter lab DIR``). A file that already exists in ``DIR`` is
never replaced, so running the command again after working in the notebooks is safe: it
says which ones it kept and copies only the missing ones.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as tmp:
...     first = copy_notebooks(Path(tmp))
...     second = copy_notebooks(Path(tmp))
>>> len(first.copied), first.skipped, second.copied, len(second.skipped)
(6, [], [], 6)
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from psoas_lib.cli.commands import subcommand
from psoas_lib.errors import PsoasError
from psoas_lib.paths import NOTEBOOKS_DIR

__all__ = ["CopyResult", "copy_notebooks", "workbook_notebooks"]


@dataclass
class CopyResult:
    """File names copied into the folder, and those left alone because they existed."""

    folder: Path
    copied: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def workbook_notebooks(source: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The workbook's notebooks (``00_start_here.ipynb`` ...), in order.

    >>> [p.name for p in workbook_notebooks()][:2]
    ['00_start_here.ipynb', '01_self_assessment.ipynb']
    """
    found = sorted(source.glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise PsoasError(f"{source}: no notebooks there; reinstall psoas-coach.")
    return found


def copy_notebooks(folder: Path, source: Path = NOTEBOOKS_DIR) -> CopyResult:
    """Copy the workbook's notebooks into ``folder`` (created if missing), never overwriting."""
    folder = folder.expanduser()
    if folder.exists() and not folder.is_dir():
        raise PsoasError(f"{folder}: is a file, not a folder. Give a folder to copy into.")
    notebooks = workbook_notebooks(source)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise PsoasError(
            f"{folder}: cannot create it ({err.strerror or err}). Give a folder you can write to."
        ) from None
    result = CopyResult(folder)
    for notebook in notebooks:
        data = notebook.read_bytes()
        target = folder / notebook.name
        try:
            with open(target, "xb") as out:  # "x": fails if the file exists, even in a race
                out.write(data)
        except FileExistsError:
            result.skipped.append(notebook.name)
            continue
        except OSError as err:
            raise PsoasError(
                f"{target}: cannot write it ({err.strerror or err}). "
                "Give a folder you can write to."
            ) from None
        result.copied.append(notebook.name)
    return result


@subcommand
def _register_notebooks(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "notebooks",
        help="copy the notebooks into a folder (keeps files already there)",
        description="Copy the workbook's notebooks into DIR (created if missing), to open "
        "them with 'jupyter lab DIR'. A notebook already in DIR is kept as it is.",
    )
    parser.add_argument("folder", metavar="DIR", type=Path, help="the folder to copy into")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace, console: Any) -> int:
    """Copy the notebooks and say what was copied and what was kept."""
    result = copy_notebooks(args.folder)
    if result.copied:
        console.say(f"Copied into {result.folder}: {', '.join(result.copied)}.")
    if result.skipped:
        console.say(
            f"Kept your own (already there, not replaced): {', '.join(result.skipped)}. "
            "To get a fresh copy, rename or move yours first."
        )
    console.say(f"Open them with: jupyter lab {result.folder}")
    return 0
