"""tools/exercise_sheet.py: the coach's sheet of key poses and one animation per exercise."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from pathlib import Path

from psoas_lib.content.catalog import load_catalog

TOOL = Path(__file__).resolve().parents[1] / "tools" / "exercise_sheet.py"
SVG = "{http://www.w3.org/2000/svg}"


def _tool():
    spec = importlib.util.spec_from_file_location("exercise_sheet", TOOL)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sheet_names_every_exercise_and_each_has_an_animation(tmp_path):
    written = _tool().write(tmp_path)
    catalog = load_catalog()
    sheet = ET.parse(tmp_path / "exercises.svg").getroot()
    headings = [t.text for t in sheet.findall(SVG + "text")]
    assert headings == [
        f"{ex.name} (left side, then right)" if ex.sides == "each" else ex.name
        for ex in catalog.exercises.values()
    ]
    one_sided = [ex for ex in catalog.exercises.values() if ex.sides == "each"]
    strips = sheet.findall(SVG + "svg")
    assert len(strips) == len(catalog.exercises) + len(one_sided)
    titles = [s.find(SVG + "title").text for s in strips]
    assert sum("working side right" in t for t in titles) == len(one_sided)
    for ex_id in catalog.exercises:
        animation = ET.parse(tmp_path / "exercises" / f"{ex_id}.svg").getroot()
        assert animation.find(f".//{SVG}animate") is not None
    for ex in one_sided:
        right = ET.parse(tmp_path / "exercises" / f"{ex.id}-right.svg").getroot()
        assert "working side right" in right.find(SVG + "title").text
    assert len(written) == 1 + len(catalog.exercises) + len(one_sided)
