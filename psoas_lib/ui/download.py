"""Browser downloads of the exports: each written file is also offered as a download link.

The link carries the file itself (an ``<a download>`` with a ``data:`` URL built in the
kernel), so the browser saves it where the user chooses, with no request to any other
server and nothing but the widget's state. The file in the data folder stays as written.

>>> link = download_link(b"a,b\\n1,2\\n", "sessions.csv")
>>> 'download="sessions.csv"' in link, "data:text/csv;base64,YSxiCjEsMgo=" in link
(True, True)
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Iterable
from html import escape
from pathlib import Path

import ipywidgets as widgets

__all__ = ["MAX_DOWNLOAD_BYTES", "DownloadLinks", "download_link", "file_link"]

#: Larger files are only written to the data folder (a data: URL that size slows the page).
MAX_DOWNLOAD_BYTES = 20_000_000

_TYPES = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".ics": "text/calendar",
    ".html": "text/html",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}


def mime_type(name: str) -> str:
    """The file's media type, from its suffix.

    >>> mime_type("plan.ics"), mime_type("chart.png"), mime_type("x.unknown")
    ('text/calendar', 'image/png', 'application/octet-stream')
    """
    suffix = Path(name).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def download_link(data: bytes, filename: str, text: str = "") -> str:
    """An HTML link that makes the browser save ``data`` as ``filename``."""
    url = f"data:{mime_type(filename)};base64,{base64.b64encode(data).decode('ascii')}"
    label = text or f"Download {filename}"
    return (
        f'<a class="psoas-download" download="{escape(filename, quote=True)}" '
        f'href="{url}">{escape(label)}</a>'
    )


def file_link(path: Path | str) -> str:
    """The download link of a file already written (or a line saying it is too large)."""
    path = Path(path)
    data = path.read_bytes()
    if len(data) > MAX_DOWNLOAD_BYTES:
        return (
            f"<span>{escape(path.name)} is too large to download here "
            f"({len(data) // 1_000_000} MB): it is in {escape(str(path.parent))}.</span>"
        )
    return download_link(data, path.name)


class DownloadLinks(widgets.HTML):
    """A line of download links for the files just written; empty until :meth:`show`.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "plan.ics").write_text("BEGIN:VCALENDAR")
    >>> links = DownloadLinks()
    >>> links.show([folder / "plan.ics"])
    >>> links.value.count("<a "), 'download="plan.ics"' in links.value
    (1, True)
    """

    def __init__(self) -> None:
        super().__init__()
        self.add_class("psoas-downloads")

    def show(self, paths: Iterable[Path | str]) -> None:
        links = [file_link(p) for p in paths]
        self.value = "<p>" + " · ".join(links) + "</p>" if links else ""

    def clear(self) -> None:
        self.value = ""
