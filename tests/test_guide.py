"""The start-here guide content: the article's facts, validated like the catalog."""

from __future__ import annotations

import shutil

import pytest

from psoas_lib import CatalogError
from psoas_lib.content.guide import load_guide, section
from psoas_lib.paths import DATA_DIR


def test_benefits_table_has_the_articles_five_benefits():
    benefits = section("benefits")
    assert [row[0] for row in benefits.rows] == [
        "Flexibility",
        "Lower-back comfort",
        "Circulation",
        "Core stability",
        "Injury prevention",
    ]


@pytest.mark.parametrize(
    ("section_id", "needles"),
    [
        (
            "safety",
            ["5 to 10 minutes", "Never bounce", "Breathe", "Sharp or radiating pain", "injury"],
        ),
        ("how-often", ["3 to 5 sessions a week"]),
        ("before-after", ["leg swings", "static"]),
        ("signs", ["hips or groin", "Lower-back pain", "standing fully upright", "swayed"]),
    ],
)
def test_sections_carry_the_articles_facts(section_id, needles):
    s = section(section_id)
    text = " ".join([s.intro, *s.points, *(" ".join(r) for r in s.rows)])
    for needle in needles:
        assert needle in text


def test_a_table_row_with_a_missing_cell_is_reported(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "guide.toml"
    path.write_text(path.read_text().replace('["Circulation", ', '["Circulation"], #', 1))
    with pytest.raises(
        CatalogError,
        match=r"guide\.toml, line \d+, entry 'benefits', "
        r"field 'rows': row 3 should have 2 texts",
    ):
        load_guide(folder)
