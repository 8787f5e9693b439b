"""The start-here displays: guide sections, where the data lives, routines, notebook map.

Each function returns an ``IPython.display.HTML`` object, so a notebook cell that ends with
the call shows it.

>>> "Safety first" in show_section("safety").data
True
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from IPython.display import HTML

from psoas_lib.clock import format_clock
from psoas_lib.content.catalog import Catalog, load_catalog
from psoas_lib.content.guide import load_guide, section
from psoas_lib.paths import ENV_VAR, data_home
from psoas_lib.ui.html import bullet_list, table
from psoas_lib.ui.notebook import in_app, notebook_map

__all__ = [
    "lab_link",
    "show_data_home",
    "show_guide",
    "show_notebook_map",
    "show_routines",
    "show_section",
]


def _section_html(section_id: str) -> str:
    s = section(section_id)
    body = f"<h3>{escape(s.title)}</h3><p>{escape(s.intro)}</p>"
    if s.points:
        body += bullet_list(s.points)
    if s.rows:
        body += table(s.columns, s.rows)
    return body


def show_section(section_id: str) -> HTML:
    """One section of ``data/guide.toml``."""
    return HTML(_section_html(section_id))


def show_guide(*section_ids: str) -> HTML:
    """Several sections (all of them when none is named), in order."""
    ids = section_ids or tuple(s.id for s in load_guide())
    return HTML("".join(_section_html(i) for i in ids))


def show_data_home(home: Path | None = None) -> HTML:
    """Where the user's journal, routines and plan are kept, and how to move them."""
    folder = home or data_home()
    if in_app():  # no environment variables or JupyterLab in the app
        return HTML(
            f"<p>Your data folder is <code>{escape(str(folder))}</code>. Your journal, your "
            "own routines and your plan are kept there, never in the workbook's folder. To "
            "move your data, copy that folder.</p>"
        )
    return HTML(
        f"<p>Your data folder is <code>{escape(str(folder))}</code>. Your journal, your own "
        f"routines and your plan are kept there, never in the workbook's folder. To use "
        f"another folder, set the <code>{ENV_VAR}</code> environment variable before starting "
        f"JupyterLab; to move your data, copy the folder and point <code>{ENV_VAR}</code> "
        f"at the copy.</p>"
    )


def show_routines(catalog: Catalog | None = None) -> HTML:
    """The routines (presets and the user's own) with their exercises and total times."""
    catalog = catalog or load_catalog()
    rows = []
    for r in catalog.routines.values():
        names = ", ".join(item.exercise.name for item in r.items)
        rows.append(
            [
                r.name,
                format_clock(r.total_seconds),
                names,
                "yours" if r.source == "user" else "preset",
            ]
        )
    return HTML(table(["Routine", "Time (m:ss)", "Exercises", "Kind"], rows))


def lab_link() -> str:
    """On a JupyterHub, a link to JupyterLab in the same server (``""`` elsewhere).

    >>> import os
    >>> os.environ["JUPYTERHUB_SERVICE_PREFIX"] = "/user/alex/"
    >>> lab_link()  # doctest: +ELLIPSIS
    '<p class="psoas-lab-link"><a href="/user/alex/lab/tree/00_start_here.ipynb" ...'
    >>> del os.environ["JUPYTERHUB_SERVICE_PREFIX"]; lab_link()
    ''
    """
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "")
    if not prefix:
        return ""
    href = escape(prefix.rstrip("/") + "/lab/tree/00_start_here.ipynb", quote=True)
    return (
        f'<p class="psoas-lab-link"><a href="{href}" target="_blank">Open in JupyterLab</a>: '
        "the same notebooks with their code, your own copies, to change and save.</p>"
    )


def show_notebook_map() -> HTML:
    """The workbook's notebooks, in order, with what each is for (and, on a hub, JupyterLab)."""
    rows = [[name, title, about] for name, title, about in notebook_map()]
    return HTML(table(["Notebook", "Title", "What you do there"], rows) + lab_link())
