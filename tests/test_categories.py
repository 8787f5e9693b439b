"""The category table of data/categories.toml (its mistakes are in test_catalog's table)."""

from __future__ import annotations

import shutil

import pytest

from psoas_lib.content.categories import Category, load_categories
from psoas_lib.content.datafile import CatalogError
from psoas_lib.paths import DATA_DIR


def test_the_shipped_categories_in_their_order():
    assert list(load_categories().values()) == [
        Category("warm-up", "Warm-up", "neither"),
        Category("stretch", "Stretch", "stretching"),
        Category("strength", "Strength", "strengthening"),
        Category("yoga", "Yoga", "stretching"),
        Category("pilates", "Pilates", "strengthening"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no [[category]] entries"),
        ('[[category]]\nid = "Warm Up"\nlabel = "W"\nworks_on = "neither"\n', "is not a slug"),
        (
            '[[category]]\nid = "a"\nlabel = "A"\nworks_on = "neither"\n'
            '[[category]]\nid = "a"\nlabel = "B"\nworks_on = "neither"\n',
            # lines: 1 [[category]], 2 id, 3 label, 4 works_on, 5 [[category]], 6 the second id
            "line 6, entry 'a', field 'id': duplicate id 'a' (first used at line 2)",
        ),
    ],
)
def test_mistakes_name_the_file_and_line(tmp_path, text, message):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    path = tmp_path / "data" / "categories.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_categories(tmp_path / "data")
    assert str(caught.value).startswith(str(path)) and message in str(caught.value)
