"""Small HTML builders shared by the displays (escaped, no styling frameworks).

>>> bullet_list(["a < b", "c"])
'<ul><li>a &lt; b</li><li>c</li></ul>'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["bullet_list", "frame_table", "numbered_list", "table"]


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def numbered_list(items: Iterable[str]) -> str:
    return "<ol>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ol>"


#: JupyterLab aligns table cells right by default, which reads badly for words.
TABLE_STYLE = (
    "<style>table.psoas-table th, table.psoas-table td {text-align: left !important; "
    "padding: 3px 12px 3px 0; vertical-align: top}</style>"
)


def table(columns: Sequence[str], rows: Iterable[Sequence[object]], *, styled: bool = True) -> str:
    """An HTML table with its cells escaped; ``styled`` adds the style that aligns them left
    in JupyterLab (a standalone page such as the report brings its own style instead).

    >>> table(["a"], [[1]])  # doctest: +ELLIPSIS
    '<style>...</style><table class="psoas-table" tabindex="0"><thead><tr><th>a</th></tr>...'
    >>> page = table(["a", "b"], [["x < y", 2]], styled=False)
    >>> page.startswith("<table"), "<td>x &lt; y</td><td>2</td>" in page
    (True, True)
    """
    head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return (
        f'{TABLE_STYLE if styled else ""}<table class="psoas-table" tabindex="0">'  # scrolls
        f"<thead><tr>{head}</tr></thead>"
        f"<tbody>{body}</tbody></table>"
    )


def frame_table(frame: pd.DataFrame) -> str:
    """A DataFrame as :func:`table`, its index as the first column (one header row).

    >>> import pandas as pd
    >>> "<th" in frame_table(pd.DataFrame({"x": [1]}, index=pd.Index([1], name="#")))
    True
    """
    columns = [str(frame.index.name or ""), *map(str, frame.columns)]
    rows = ([index, *values] for index, values in zip(frame.index, frame.to_numpy(), strict=True))
    return table(columns, rows)
