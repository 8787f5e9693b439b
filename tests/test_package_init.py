"""The package's public names (psoas_lib/__init__.py): one list, imported on first use."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import psoas_lib


def test_all_is_sorted_and_each_name_is_the_object_of_its_module():
    names = psoas_lib.__all__
    assert names == sorted(set(names)) and len(names) == 48
    for name in names:
        module, attribute = psoas_lib._table()[name]
        assert getattr(psoas_lib, name) is getattr(importlib.import_module(module), attribute)


@pytest.mark.parametrize(
    ("name", "module", "attribute"),
    [
        ("Journal", "psoas_lib.journal.store", "Journal"),
        ("DATA_DIR", "psoas_lib.paths", "DATA_DIR"),
        ("progress_summary", "psoas_lib.progress", "summary"),  # the one new name
        ("replay_progression", "psoas_lib.plan.progression", "replay_progression"),
    ],
)
def test_a_name_comes_from_where_the_list_says(name, module, attribute):
    assert name in psoas_lib.__all__
    assert getattr(psoas_lib, name) is getattr(importlib.import_module(module), attribute)


def test_star_import_and_dir_give_the_public_names():
    space: dict[str, object] = {}
    exec("from psoas_lib import *", space)
    assert sorted(k for k in space if k != "__builtins__") == psoas_lib.__all__
    assert set(psoas_lib.__all__) <= set(dir(psoas_lib))


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = psoas_lib.nope


def test_the_first_name_used_imports_only_its_own_module():
    """Importing the package reads the list, not the modules: a name pulls in its module."""
    code = (
        "import sys, psoas_lib; psoas_lib.PsoasError; "
        "print(sorted(m for m in sys.modules if m.startswith('psoas_lib')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['psoas_lib', 'psoas_lib.errors']"
