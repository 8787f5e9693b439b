"""The pages declared once (ui/pages.py, built by ui/parts.py): the notebooks show the parts of
their pages in the declared order, the app shows the same, every part builds in a fresh data
folder, and a part that fails shows its one line while the others still build."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from psoas_lib.journal.schema import JournalError
from psoas_lib.ui.app import TITLES, App
from psoas_lib.ui.notebook import set_app_mode
from psoas_lib.ui.pages import PAGES, Page, Part, page
from psoas_lib.ui.parts import BUILDERS, as_widget, open_page

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NOW = "2026-03-04 12:00"


@pytest.fixture(autouse=True)
def _notebook_mode_after():
    yield
    set_app_mode(None)  # App() sets app mode for the process


def notebook_parts(source: str) -> list[tuple[str, str]]:
    """(page, part) for each ``<name>.part("x")`` in the code cells of a notebook's JSON text,
    in order, ``<name>`` being bound by ``<name> = open_page("page")`` in an earlier cell."""
    opened: dict[str, str] = {}
    shown: list[tuple[str, str]] = []
    for cell in json.loads(source)["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and getattr(node.value.func, "id", "") == "open_page"
            ):
                opened[node.targets[0].id] = node.value.args[0].value
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "part"
                and isinstance(node.func.value, ast.Name)
            ):
                shown.append((opened[node.func.value.id], node.args[0].value))
    return shown


def declared_parts(notebook: str) -> list[tuple[str, str]]:
    """(page, part) for every part of every page the declaration puts in ``notebook``."""
    return [(p.key, part.key) for p in PAGES if p.notebook == notebook for part in p.parts]


NUMBERED = sorted(p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("name", NUMBERED)
def test_each_notebook_shows_the_parts_of_its_pages_in_order(name):
    shown = notebook_parts((NOTEBOOKS / name).read_text(encoding="utf-8"))
    assert shown, f"{name} shows no part of a page"
    assert shown == declared_parts(name)


def test_every_declared_notebook_exists_and_every_numbered_notebook_is_a_page():
    declared = {p.notebook for p in PAGES if p.notebook}
    assert declared == set(NUMBERED)


# Written by hand: what each page shows, in order (the drift: Start here in the app
# lacked "what each is for" and "weak signs"; My progress lacked the function scores).
EXPECTED = [
    ("home", "", ["home"]),
    (
        "start",
        "00_start_here.ipynb",
        [
            "what-where",
            "schematic",
            "why",
            "signs",
            "safety",
            "when",
            "exercises",
            "routines",
            "data",
            "next",
        ],
    ),
    ("check", "01_self_assessment.ipynb", ["checklist", "suggested", "scores"]),
    ("run", "02_run_a_routine.ipynb", ["player", "builder"]),
    (
        "progress",
        "03_my_progress.ipynb",
        ["view", "charts", "planned", "psfs", "psfs-chart", "share"],
    ),
    ("plan", "04_plan.ipynb", ["programme", "editor", "week", "player", "levels", "export"]),
    ("journal", "03_my_progress.ipynb", ["check"]),
    ("coach", "05_coach.ipynb", ["clients", "programme"]),
]


def test_the_declaration_lists_the_pages_and_parts_in_order():
    assert [(p.key, p.notebook, [part.key for part in p.parts]) for p in PAGES] == EXPECTED


def test_keys_are_unique_and_every_part_has_a_builder():
    keys = [p.key for p in PAGES]
    assert len(keys) == len(set(keys))
    for p in PAGES:
        parts = [part.key for part in p.parts]
        assert len(parts) == len(set(parts)), p.key
        assert list(BUILDERS[p.key]) == parts, p.key  # a builder for each, none left over
    assert set(BUILDERS) == set(keys)


def test_the_navigation_bar_is_the_declared_pages_but_the_coachs():
    assert list(TITLES) == ["home", "start", "check", "run", "progress", "plan", "journal"]
    assert TITLES["journal"] == "Check my journal"


def test_a_notebook_missing_a_part_is_caught():
    """The comparison fails when a notebook drifts: a cell deleted, or two swapped."""
    nb = json.loads((NOTEBOOKS / "02_run_a_routine.ipynb").read_text(encoding="utf-8"))
    assert notebook_parts(json.dumps(nb)) == [("run", "player"), ("run", "builder")]
    builder = next(c for c in nb["cells"] if 'part("builder")' in "".join(c["source"]))
    nb["cells"].remove(builder)
    assert notebook_parts(json.dumps(nb)) == [("run", "player")]
    assert notebook_parts(json.dumps(nb)) != declared_parts("02_run_a_routine.ipynb")


ALL_PARTS = [(p.key, part.key) for p in PAGES for part in p.parts]


@pytest.mark.parametrize(("key", "part"), ALL_PARTS, ids=[f"{k}-{p}" for k, p in ALL_PARTS])
def test_every_part_builds_in_a_fresh_data_folder(psoas_home, key, part):
    opened = open_page(key, psoas_home, now=NOW)
    built = opened.part(key=part)
    assert built is opened.part(part)  # built once, then kept
    if page(key).part(part).app:
        view = as_widget(built)
        assert isinstance(view, widgets.Widget)
        assert "psoas-friendly-error" not in view._dom_classes


def test_parts_that_work_together_share_one_object(psoas_home):
    run = open_page("run", psoas_home)
    player = run.part("player")
    builder = run.part("builder")
    assert builder.on_save == player.add_routine  # Save adds the routine to this player
    check = open_page("check", psoas_home)
    assert check.part("suggested").checklist is check.part("checklist")
    plan = open_page("plan", psoas_home, now=NOW)
    assert plan.part("editor") is plan.shared("plan").editor
    assert plan.part("week") is plan.shared("plan").week


def test_an_unknown_part_names_the_pages_parts(psoas_home):
    with pytest.raises(KeyError, match="player, builder"):
        open_page("run", psoas_home).part("timer")
    with pytest.raises(KeyError, match="no page 'runs'"):
        page("runs")


def test_a_failing_part_shows_its_line_and_the_others_still_build(psoas_home, monkeypatch):
    def damaged(_p):
        raise JournalError("sessions.csv, line 3: 'yesterday' is not a time. Fix it")

    def broken(_p):
        raise ValueError("no such thing")

    monkeypatch.setitem(BUILDERS["progress"], "planned", damaged)
    monkeypatch.setitem(BUILDERS["progress"], "share", broken)
    app = App(psoas_home, now=NOW)
    app.go("progress")
    shown = app.pages["progress"]
    assert "psoas-friendly-error" not in shown._dom_classes  # the page itself built
    errors = [w for w in shown.children if "psoas-friendly-error" in w._dom_classes]
    assert len(errors) == 2
    assert "sessions.csv, line 3" in errors[0].value and "Traceback" not in errors[0].value
    assert "My progress: Share with your physiotherapist could not be shown" in errors[1].value
    assert "ValueError: no such thing" in errors[1].value
    kinds = [type(w).__name__ for w in shown.children]
    assert "ProgressView" in kinds and "PsfsForm" in kinds  # the rest still built


def test_the_app_shows_each_app_part_under_its_heading(psoas_home):
    app = App(psoas_home, now=NOW)
    app.go("start")
    text = "".join(w.value for w in app.pages["start"].children if isinstance(w, widgets.HTML))
    # the two guide sections the app's Start here used to lack
    assert "What each exercise is for" in text and "Signs the psoas may be weak" in text
    assert "<h3>The exercises</h3>" in text
    assert "Where to go next" not in text and ".ipynb" not in text  # the notebook map: not here
    app.go("plan")
    headings = [w.value for w in app.pages["plan"].children if isinstance(w, widgets.HTML)]
    assert [h for h in headings if h.startswith("<h3>")] == [
        "<h3>Set your plan</h3>",
        "<h3>This week</h3>",
        "<h3>Run your next session</h3>",
        "<h3>Your levels</h3>",
        "<h3>Put it in your calendar</h3>",
    ]


def test_a_page_and_a_part_are_plain_records():
    made = Page("x", "X", "", "", "home", (Part("a", "A"), Part("b", app=False)))
    assert made.part("a").heading == "A" and made.part("b").app is False
    assert made.nav and made.titled


def test_the_slow_charts_are_built_after_the_page_is_shown(psoas_home):
    later = [(p.key, part.key) for p in PAGES for part in p.parts if part.later]
    assert later == [
        ("start", "schematic"),
        ("check", "scores"),
        ("run", "builder"),
        ("progress", "psfs-chart"),
        ("plan", "player"),
        ("plan", "levels"),
    ]
    app = App(psoas_home, now=NOW)
    app.go("check")
    slot = next(
        w for w in app.pages["check"].children if "psoas-part-check-scores" in w._dom_classes
    )
    # outside a kernel it is filled at once; in one, on the kernel's next turn
    assert slot.children == (app.opened["check"].part("scores"),)
    assert "psoas-live-assessment-chart" in slot.children[0]._dom_classes
