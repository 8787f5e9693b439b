"""Notebook conveniences: friendly errors and figures that show themselves.

Importing :mod:`psoas_lib` inside IPython

- registers a handler so that a :class:`~psoas_lib.errors.PsoasError` (a bad data file, a
  broken journal line...) shows as one red line saying what, where and how to fix it. The
  cell still counts as failed, so a test run of the notebook (nbval) still notices;
- shows a matplotlib ``Figure`` returned by a chart function as a PNG image (the charts
  build figures without pyplot, so nothing is drawn twice and nothing piles up in memory).

>>> install_notebook_support()  # outside IPython: does nothing
False
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from psoas_lib.errors import PsoasError

__all__ = [
    "NOTEBOOKS_DIR",
    "in_app",
    "install_notebook_support",
    "notebook_map",
    "page_ref",
    "set_app_mode",
]

import os

from psoas_lib.paths import NOTEBOOKS_DIR

_app_mode: bool | None = None


def set_app_mode(on: bool | None) -> None:
    """Say the views are shown in the app (True), in a notebook (False), or let
    :func:`in_app` work it out (None). The app (:mod:`psoas_lib.ui.app`) sets True."""
    global _app_mode
    _app_mode = on


def in_app() -> bool:
    """Whether the views are shown in the app (Voila, or the app's page) rather than in a
    notebook with its cells: texts then name pages, not notebooks, cells or terminals.

    >>> set_app_mode(True); in_app()
    True
    >>> set_app_mode(None); in_app()  # outside Voila
    False
    """
    if _app_mode is not None:
        return _app_mode
    return os.environ.get("SERVER_SOFTWARE", "").startswith("voila")


def page_ref(key: str) -> str:
    """How to name a page in a sentence (HTML): its title in the app, its notebook elsewhere.

    >>> set_app_mode(False); page_ref("run")
    '<code>02_run_a_routine.ipynb</code>'
    >>> set_app_mode(True); page_ref("run")
    'the <b>Run a routine</b> page'
    >>> set_app_mode(None)
    """
    from psoas_lib.ui.pages import page

    shown = page(key)  # the declaration of the pages (data only)
    return f"the <b>{shown.title}</b> page" if in_app() else f"<code>{shown.notebook}</code>"


def _show_message(
    shell: Any,
    etype: type[BaseException],
    value: BaseException,
    tb: Any,
    tb_offset: int | None = None,
) -> list[str]:
    """Show the error as one line, in the place and colour a traceback would take."""
    stb = [f"{etype.__name__}: {value}"]
    shell._showtraceback(etype, value, stb)  # ipykernel turns this into an error output
    return stb


def _figure_png(fig: object) -> bytes:
    from io import BytesIO

    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")  # type: ignore[attr-defined]
    return buffer.getvalue()


#: Charts are PNG images on a white ground: in a dark theme they are shown inverted (hues
#: turned back), so they do not stand out as white boxes.
CHART_STYLE = (
    "<style>body[data-jp-theme-light='false'] img.psoas-chart"
    "{filter: invert(0.9) hue-rotate(180deg);}</style>"
)


def _figure_html(fig: object) -> str:
    """The figure with its text alternative: a progress chart (drawn in a theme) as inline
    SVG whose colours follow the notebook's theme, any other as an <img> (the PNG alone
    would have no text alternative)."""
    from base64 import b64encode
    from html import escape

    from psoas_lib.ui.charts import CHART_CSS, chart_alt, chart_svg

    if getattr(fig, "psoas_theme", None) is not None:
        return CHART_CSS + chart_svg(fig)  # type: ignore[arg-type]

    data = b64encode(_figure_png(fig)).decode("ascii")
    alt = escape(chart_alt(fig), quote=True)  # type: ignore[arg-type]
    return (
        f'{CHART_STYLE}<img class="psoas-chart" alt="{alt}" '
        f'src="data:image/png;base64,{data}" style="max-width: 100%">'
    )


def install_notebook_support() -> bool:
    """Register both in the running IPython shell; False when there is none."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython ships with Jupyter
        return False
    shell = get_ipython()
    if shell is None:
        return False
    shell.set_custom_exc((PsoasError,), _show_message)
    png = shell.display_formatter.formatters["image/png"]
    png.for_type_by_name("matplotlib.figure", "Figure", _figure_png)
    html = shell.display_formatter.formatters["text/html"]
    html.for_type_by_name("matplotlib.figure", "Figure", _figure_html)
    return True


def notebook_map(folder: Path | None = None) -> list[tuple[str, str, str]]:
    """(file name, title, one-line description) for each notebook, read from its first cell.

    >>> [name for name, _, _ in notebook_map()][0]
    '00_start_here.ipynb'
    """
    import json

    found = []
    for path in sorted((folder or NOTEBOOKS_DIR).glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
        text = next(("".join(c["source"]) for c in cells if c.get("cell_type") == "markdown"), "")
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        title = next((line.lstrip("# ") for line in lines if line.startswith("#")), path.stem)
        about = next((line for line in lines if not line.startswith("#")), "")
        found.append((path.name, title, about))
    return found
