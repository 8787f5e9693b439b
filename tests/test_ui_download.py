"""Downloads (ui/download.py): each export is offered as a data: link holding the file."""

from __future__ import annotations

import base64
import re

import pytest

from psoas_lib.ui.download import MAX_DOWNLOAD_BYTES, DownloadLinks, download_link, file_link


def decoded(link: str) -> tuple[str, str, bytes]:
    """(file name, media type, bytes) of a download link."""
    name = re.search(r'download="([^"]+)"', link).group(1)
    mime, data = re.search(r'href="data:([^;]+);base64,([^"]+)"', link).groups()
    return name, mime, base64.b64decode(data)


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("psoas-plan.ics", "text/calendar"),
        ("report.html", "text/html"),
        ("weekly.png", "image/png"),
        ("sessions.csv", "text/csv"),
        ("sessions.json", "application/json"),
    ],
)
def test_a_link_carries_the_whole_file_with_its_name_and_type(tmp_path, name, mime):
    data = bytes(range(256)) * 3  # every byte value survives the round trip
    (tmp_path / name).write_bytes(data)
    assert decoded(file_link(tmp_path / name)) == (name, mime, data)


def test_a_name_is_escaped_in_the_link():
    link = download_link(b"x", 'a"b.csv')
    assert 'download="a&quot;b.csv"' in link


def test_a_file_too_large_is_named_not_embedded(tmp_path):
    big = tmp_path / "big.csv"
    with open(big, "wb") as out:
        out.truncate(MAX_DOWNLOAD_BYTES + 1)
    text = file_link(big)
    assert "<a " not in text and "too large" in text and str(tmp_path) in text


def test_links_show_one_a_file_and_clear(tmp_path):
    paths = [tmp_path / "a.png", tmp_path / "b.png"]
    for p in paths:
        p.write_bytes(b"png")
    links = DownloadLinks()
    links.show(paths)
    assert links.value.count("<a ") == 2
    links.clear()
    assert links.value == ""


def test_the_report_charts_and_calendar_are_offered_as_downloads(psoas_home):
    from psoas_lib.ui.plan import PlanPage
    from psoas_lib.ui.progress import ProgressView

    view = ProgressView(psoas_home, now="2026-03-05 09:00")
    view.demo.value = True
    view.save_report.click()
    (report,) = (psoas_home / "exports").glob("*.html")
    (offered,) = re.findall(r"<a [^>]+>", view.downloads.value)
    assert decoded(offered)[::2] == (report.name, report.read_bytes())
    view.save_png.click()
    pngs = sorted((psoas_home / "exports").glob("*.png"))
    assert len(pngs) == 5 and view.downloads.value.count("<a ") == 5  # one a chart
    page = PlanPage(psoas_home, now="2026-03-04 12:00")
    page.export.button.click()
    ics = psoas_home / "exports" / "psoas-plan.ics"
    assert decoded(page.export.download.value) == (
        "psoas-plan.ics",
        "text/calendar",
        ics.read_bytes(),
    )
