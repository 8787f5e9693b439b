"""Saving the workbook's notebooks without outputs: personal data never lands in the checkout.

JupyterLab (autosave included) writes a notebook's outputs into the file: for the progress
notebook those are charts of the user's journal. :func:`pre_save_hook` is installed as the
server's ``FileContentsManager.pre_save_hook`` by ``jupyter/config/jupyter_server_config.py``
(``make lab``, ``make app`` and the browser tests put that folder on ``JUPYTER_CONFIG_PATH``):
for the workbook's own notebooks (the names shipped in ``notebooks/``) it saves what the
checkout holds, the cells without their outputs, execution counts or widget state. The open
notebook keeps its outputs on screen; only the file is clean. Other notebooks are saved as
they are.

>>> nb = {"cells": [{"cell_type": "code", "execution_count": 3, "metadata": {"scrolled": True},
...        "outputs": [{"output_type": "display_data"}], "source": "charts.tightness_chart(s)"}],
...       "metadata": {"widgets": {"state": {}}, "language_info": {"name": "python",
...                    "version": "3.11.9"}}}
>>> cell = clean_notebook(nb)["cells"][0]
>>> cell["outputs"], cell["execution_count"], cell["metadata"]
([], None, {})
>>> clean_notebook(nb)["metadata"]
{'language_info': {'name': 'python'}}
"""

from __future__ import annotations

import copy
from pathlib import PurePosixPath
from typing import Any

from psoas_lib.paths import NOTEBOOKS_DIR

__all__ = ["clean_notebook", "is_workbook_notebook", "pre_save_hook"]

#: Cell metadata a front end adds while a notebook runs (none of it is the workbook's).
RUN_CELL_METADATA = ("execution", "scrolled", "collapsed", "trusted")


def clean_notebook(nb: dict[str, Any]) -> dict[str, Any]:
    """A copy of the notebook ``nb`` (nbformat 4 as a dict) as the checkout holds it.

    Code cells lose their outputs and execution counts; every cell loses the metadata a run
    adds; the notebook loses its widget state, and its language info keeps only the name
    (the rest, such as the Python version, is the machine's).
    """
    clean = copy.deepcopy(nb)
    for cell in clean.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        meta = cell.get("metadata", {})
        for key in RUN_CELL_METADATA:
            meta.pop(key, None)
    meta = clean.setdefault("metadata", {})
    meta.pop("widgets", None)
    info = meta.get("language_info")
    if isinstance(info, dict) and "name" in info:
        meta["language_info"] = {"name": info["name"]}
    return clean


def is_workbook_notebook(path: str) -> bool:
    """True for a path (as the server names it) ending in one of the workbook's notebooks.

    >>> is_workbook_notebook("notebooks/03_my_progress.ipynb"), is_workbook_notebook("mine.ipynb")
    (True, False)
    """
    name = PurePosixPath(path.replace("\\", "/")).name
    return name in {p.name for p in NOTEBOOKS_DIR.glob("*.ipynb")}


def pre_save_hook(model: dict[str, Any], path: str, **_kwargs: Any) -> None:
    """jupyter_server's pre-save hook: a workbook notebook is saved without its outputs.

    >>> model = {"type": "notebook", "content": {"cells": [{"cell_type": "code",
    ...          "execution_count": 1, "metadata": {}, "outputs": [{}], "source": ""}]}}
    >>> pre_save_hook(model, "02_run_a_routine.ipynb")
    >>> model["content"]["cells"][0]["outputs"]
    []
    """
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    if is_workbook_notebook(path):
        model["content"] = clean_notebook(model["content"])
