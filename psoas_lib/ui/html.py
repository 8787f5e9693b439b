"""Small HTML builders shared by the displays (escaped, no styling frameworks).

>>> bullet_list(["a < b", "c"])
'<ul><li>a &lt; b</li><li>c</li></ul>'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

__all__ = ["bullet_list", "numbered_list", "table"]


def bullet_list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"


def numbered_list(items: Iterable[str]) -> str:
    return "<ol>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ol>"


def table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """An HTML table.

    >>> table(["a"], [[1]])  # doctest: +ELLIPSIS
    '<table class="psoas-table"><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td>...'
    """
    head = "".join(f"<th>{escape(str(c))}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    return (f'<table class="psoas-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")
