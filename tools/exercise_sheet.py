"""A coach-readable sheet of every exercise's key poses, for docs/ and the README.

Writes ``docs/exercises.svg`` (every exercise's key-pose strip, named and numbered; the
exercises done one side at a time on both sides, left then right) and
``docs/exercises/<id>.svg`` (each exercise's animated figure, which plays in a browser; the
one-sided ones also ``<id>-right.svg``). With ``--png`` it also renders the sheet to
``docs/exercises.png`` with Chromium (headless, no network). Run it after changing
``data/keyframes.toml``:

    .venv/bin/python tools/exercise_sheet.py [--out docs] [--png]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from psoas_lib.content.catalog import load_catalog
from psoas_lib.figures.keyframes import load_keyframes
from psoas_lib.figures.svg import animated_svg, strip_svg

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
HEADING = 18.0  # px above each strip for the exercise's name
SCALE = 0.8  # px per cm in the sheet


def _size(svg: str) -> tuple[float, float]:
    found = re.search(r'width="([\d.]+)" height="([\d.]+)"', svg)
    return float(found.group(1)), float(found.group(2))


def sheet_svg() -> str:
    """Every exercise's key poses, stacked, in catalog order."""
    catalog = load_catalog()
    figures = load_keyframes()
    parts, y, widest = [], 0.0, 0.0
    for ex in catalog.exercises.values():
        sides = ("left", "right") if ex.sides == "each" else ("left",)
        label = f"{ex.name} (left side, then right)" if len(sides) == 2 else ex.name
        parts.append(
            f'<text x="4" y="{y + 13:.0f}" font-size="13" font-weight="bold" '
            f'font-family="system-ui, sans-serif">{label}</text>'
        )
        y += HEADING
        for side in sides:
            strip = strip_svg(figures[ex.id], side, name=ex.name, scale=SCALE)
            w, h = _size(strip)
            strip = strip.replace('style="max-width:100%;height:auto" ', "", 1)
            parts.append(strip.replace("<svg ", f'<svg x="0" y="{y:.0f}" ', 1))
            y += h + 4
            widest = max(widest, w)
        y += 6
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{widest:.0f}" height="{y:.0f}" '
        f'viewBox="0 0 {widest:.0f} {y:.0f}" role="img" aria-labelledby="sheet-title">'
        '<title id="sheet-title">Psoas Coach: the key poses of every exercise</title>'
        f'<rect width="100%" height="100%" fill="#fff"/>{"".join(parts)}</svg>\n'
    )


def write(out: Path, png: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    sheet = out / "exercises.svg"
    sheet.write_text(sheet_svg(), encoding="utf-8")
    written.append(sheet)
    folder = out / "exercises"
    folder.mkdir(exist_ok=True)
    catalog = load_catalog()
    for ex_id, fig in load_keyframes().items():
        ex = catalog.exercises[ex_id]
        for side in ("left", "right") if ex.sides == "each" else ("left",):
            path = folder / (f"{ex_id}.svg" if side == "left" else f"{ex_id}-right.svg")
            path.write_text(animated_svg(fig, side, name=ex.name) + "\n")
            written.append(path)
    if png:
        written.append(render_png(sheet, out / "exercises.png"))
    return written


def render_png(svg: Path, target: Path) -> Path:
    """Render an SVG file to PNG with headless Chromium."""
    if not shutil.which(CHROMIUM):
        raise SystemExit(f"{CHROMIUM} is not installed; run without --png")
    w, h = _size(svg.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "sheet.html"
        page.write_text(
            f"<html><body style='margin:0'><img src='{svg.resolve().as_uri()}'></body></html>"
        )
        subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}/profile",
                "--hide-scrollbars",
                f"--window-size={int(w)},{int(h)}",
                f"--screenshot={target.resolve()}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs")
    parser.add_argument("--png", action="store_true", help="also docs/exercises.png")
    args = parser.parse_args(argv)
    for path in write(args.out, args.png):
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
