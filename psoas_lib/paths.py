"""Where things live: the workbook's own data and the user's data folder.

The user's data (journal, own routines, plan) lives in a per-user folder, never in the
checkout. ``PSOAS_HOME`` overrides it; the tests always point it at a temporary folder.

>>> import os, tempfile
>>> before = os.environ.get("PSOAS_HOME")
>>> with tempfile.TemporaryDirectory() as tmp:
...     os.environ["PSOAS_HOME"] = tmp
...     data_home() == Path(tmp)
True
>>> os.environ["PSOAS_HOME"] = before
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

from psoas_lib.errors import PsoasError
from psoas_lib.files import private_dir

__all__ = ["DATA_DIR", "ENV_VAR", "NOTEBOOKS_DIR", "data_home"]

#: The workbook's shipped data: exercise catalog, preset routines, checklist, guide.
DATA_DIR: Path = Path(str(resources.files("psoas_lib.data")))


def _notebooks_dir() -> Path:
    # notebooks/ is installed as psoas_lib/notebooks (pyproject.toml's package-dir). It has no
    # __init__.py, so that Jupyter and Voila list only the notebooks, and setuptools' editable
    # finder cannot map such a folder: a checkout or an editable install reads notebooks/.
    installed = Path(str(resources.files("psoas_lib"))) / "notebooks"
    return installed if installed.is_dir() else installed.parent.parent / "notebooks"


#: The workbook's notebooks: the folder `make lab` serves, and `psoas notebooks DIR` copies.
NOTEBOOKS_DIR: Path = _notebooks_dir()

#: The environment variable that moves the user's data folder.
ENV_VAR = "PSOAS_HOME"


def data_home(create: bool = True) -> Path:
    """The user's data folder: ``$PSOAS_HOME`` if set, else the platform's user data folder.

    On Linux that is ``~/.local/share/psoas-coach``; on macOS
    ``~/Library/Application Support/psoas-coach``; on Windows ``%LOCALAPPDATA%\\psoas-coach``.
    Created private (``0700``, and so is every folder above it that had to be created); an
    existing folder keeps its mode.
    """
    override = os.environ.get(ENV_VAR, "").strip()
    home = (
        Path(override).expanduser()
        if override
        else Path(platformdirs.user_data_dir("psoas-coach", appauthor=False))
    )
    if create:
        try:
            private_dir(home)  # 0700: the journal holds health notes
        except OSError as err:
            source = f"${ENV_VAR}" if override else "your data folder"
            raise PsoasError(
                f"{home}: cannot use it as {source} ({err.strerror or err}). "
                f"Point {ENV_VAR} at a folder you can write to."
            ) from None
    return home
