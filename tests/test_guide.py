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


def _text(section_id: str) -> str:
    s = section(section_id)
    return " ".join([s.intro, *s.points, *(" ".join(r) for r in s.rows)])


@pytest.mark.parametrize(
    ("section_id", "needles"),
    [  # issue 14 item 7: the FAQ's weakness signs and two exercises' purposes
        ("weak-signs", ["keep one leg lifted while you sit", "unsteady", "upright posture"]),
        ("what-each-is-for", ["long spells of sitting", "lower back that arches too much"]),
    ],
)
def test_the_guide_carries_the_corrected_facts(section_id, needles):
    for needle in needles:
        assert needle in _text(section_id)


def test_exercise_purposes_name_the_catalogs_exercises():
    from psoas_lib import load_catalog

    names = {e.name for e in load_catalog().exercises.values()}
    rows = {row[0]: row[1] for row in section("what-each-is-for").rows}
    assert set(rows) == names
    assert "sitting" in rows["Lying psoas stretch (dangling leg)"]
    assert "arches" in rows["Standing pelvic tilt"]


@pytest.mark.parametrize(
    ("section_id", "too_close"),
    [  # the article's wording, which the guide no longer follows
        ("how-often", "Start easy, listen to your body"),
        ("what-where", "runs from the lower spine, through the pelvis, to the top of the thigh"),
    ],
)
def test_passages_are_in_our_own_words(section_id, too_close):
    assert too_close.lower() not in _text(section_id).lower()
