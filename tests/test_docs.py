"""The README and docs/ pages: every relative link leads to a file that exists, and every
``#anchor`` to a heading of that page (GitHub's heading ids). The README stays a front door."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# [text](target) and ![alt](target); the target ends at the first space or closing bracket.
_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_FENCE = re.compile(r"^(```|~~~)")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def _prose(text: str) -> list[str]:
    """The page's lines outside fenced code blocks, inline code blanked out."""
    lines, fenced = [], False
    for line in text.splitlines():
        if _FENCE.match(line.strip()):
            fenced = not fenced
            lines.append("")
            continue
        lines.append("" if fenced else re.sub(r"`[^`]*`", "``", line))
    return lines


def slug(heading: str) -> str:
    """GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens.

    >>> slug("The app: live pages, friendly errors, downloads")
    'the-app-live-pages-friendly-errors-downloads'
    >>> slug("Architecture: the layers (`make check`)")
    'architecture-the-layers-make-check'
    """
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its text
    text = re.sub(r"[^\w\- ]", "", text.lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    """The ids of every heading of a Markdown page (a repeated one gets -1, -2, ...)."""
    found: set[str] = set()
    fenced = False
    for line in page.read_text(encoding="utf-8").splitlines():
        if _FENCE.match(line.strip()):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            base = slug(match.group(2))
            name, n = base, 0
            while name in found:
                n += 1
                name = f"{base}-{n}"
            found.add(name)
    return found


def links(page: Path) -> list[tuple[int, str]]:
    """(line number, target) of every link of a page that is not to another site."""
    found = []
    for number, line in enumerate(_prose(page.read_text(encoding="utf-8")), start=1):
        for target in _LINK.findall(line):
            if not re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto: ...
                found.append((number, target))
    return found


def broken(page: Path) -> list[str]:
    """Every relative link of ``page`` that leads nowhere, as ``file:line: target: why``."""
    problems = []
    for number, target in links(page):
        path, _, anchor = target.partition("#")
        goal = (page.parent / path).resolve() if path else page
        where = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page.name
        if not goal.exists():
            problems.append(f"{where}:{number}: {target}: no file {path}")
        elif anchor and goal.suffix == ".md" and anchor not in anchors(goal):
            problems.append(f"{where}:{number}: {target}: no heading #{anchor} in {goal.name}")
    return problems


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_relative_link_resolves(page: Path) -> None:
    assert broken(page) == []


def test_the_pages_link_to_each_other() -> None:
    """Every docs/ page is reachable from the README."""
    targets = [target.partition("#")[0] for _, target in links(ROOT / "README.md")]
    linked = {(ROOT / target).resolve() for target in targets}
    assert [p.name for p in PAGES[1:] if p.resolve() not in linked] == []


def test_readme_is_a_front_door() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 250


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    """The checker itself: a missing file, a missing heading, and what it must leave alone."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## Two words\n", encoding="utf-8")
    page = tmp_path / "docs" / "page.md"
    page.write_text(
        "# Page\n\n"
        "[fine](other.md#two-words) [self](#page) [web](https://example.org/x.md)\n"
        "[gone](missing.md) and ![picture](pictures/none.png)\n"
        "[bad anchor](other.md#three-words)\n"
        "```\n[in code](nowhere.md)\n```\n"
        "`[inline](nowhere.md)`\n",
        encoding="utf-8",
    )
    assert [p.split(": ", 1)[1] for p in broken(page)] == [
        "missing.md: no file missing.md",
        "pictures/none.png: no file pictures/none.png",
        "other.md#three-words: no heading #three-words in other.md",
    ]
    assert [p.split(":")[1] for p in broken(page)] == ["4", "4", "5"]
