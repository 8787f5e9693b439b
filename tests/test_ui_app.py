"""The app (ui/app.py): home, navigation to every page and back, no notebook talk, friendly
errors with the rest of each page working. Driven in-process against a real data folder."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import ipywidgets as widgets
import pytest

from psoas_lib.journal.store import Journal
from psoas_lib.ui.app import TITLES, App
from psoas_lib.ui.notebook import set_app_mode

NOW = "2026-03-04 12:00"  # a Wednesday: the default plan has a session at 18:30
PAGES = [k for k in TITLES if k != "home"]
# What an app page must never speak of: cells, make targets, variables, terminals, notebooks.
NOTEBOOK_TALK = re.compile(
    r"\bcells?\b|Run All|make (app|lab)|PSOAS_HOME|terminal|\.ipynb|environment variable", re.I
)


@pytest.fixture(autouse=True)
def _notebook_mode_after():
    yield
    set_app_mode(None)  # the app sets app mode for the process: undo it for other tests


def texts(widget: widgets.Widget) -> list[str]:
    """Every text a widget tree shows (HTML and labels, button and control names)."""
    found = []
    for name in ("value", "description", "placeholder", "tooltip"):
        value = getattr(widget, name, None)
        if isinstance(value, str):
            found.append(value)
    for child in getattr(widget, "children", ()):
        found += texts(child)
    return found


def page_text(app: App, key: str) -> str:
    return "\n".join(texts(app.pages[key]))


def test_the_home_page_has_a_welcome_todays_session_and_one_start(psoas_home):
    app = App(psoas_home, now=NOW)
    assert app.current == "home"
    home = app.home_page
    # default plan, Wednesday: the strength builder at 18:30, at the lowest levels
    assert "Today at 18:30" in home.today.value and "Strength builder" in home.today.value
    starts = [t for t in texts(app.pages["home"]) if t == "Start"]
    assert starts == ["Start"]
    home.start_button.click()
    assert home.player is not None and home.player.routine.id == "strength-builder"
    # the bridge's static holds and no warm-up logged: the player asks for the warm-up first
    assert not home.player.session.state().started
    assert "Warm up first" in home.player.status.value
    home.player.warmed_up_button.click()  # "I have already warmed up for 5 minutes"
    home.player.start_button.click()
    assert home.player.session.state().started


@pytest.mark.parametrize("key", PAGES)
def test_every_page_is_reached_from_home_and_back(psoas_home, key):
    app = App(psoas_home, now=NOW)
    app.nav.buttons[key].click()
    assert app.current == key and app.body.children == (app.pages[key],)
    assert app.nav.buttons[key].button_style == "primary"
    assert f"<h2>{TITLES[key]}</h2>" in page_text(app, key)
    assert "psoas-friendly-error" not in app.pages[key]._dom_classes  # it built
    app.nav.buttons["home"].click()
    assert app.current == "home" and app.body.children == (app.pages["home"],)


def test_a_page_is_built_once_and_kept(psoas_home):
    app = App(psoas_home, now=NOW)
    app.go("run")
    run = app.pages["run"]
    app.go("home")
    app.go("run")
    assert app.pages["run"] is run


def test_no_app_page_speaks_of_cells_make_variables_or_terminals(psoas_home):
    app = App(psoas_home, now=NOW)
    for key in TITLES:
        app.go(key)
        found = NOTEBOOK_TALK.findall(page_text(app, key))
        assert not found, f"{key}: {found}"


DAMAGED_SESSIONS = (
    "started_at,routine_id,planned_s,completed_s,exercises_done,tightness_before,"
    "tightness_after,pain_stop,notes,format\n"
    "2026-03-02T07:30:00+01:00,desk-reset,600,540,knee-to-chest,6,4,false,,1\n"
    "yesterday,desk-reset,600,540,knee-to-chest,6,4,false,,1\n"
    "2026-03-03T07:30:00+01:00,desk-reset,600,540,knee-to-chest,6,4,false,,1\n"
)


@pytest.mark.parametrize("key", ["home", "progress", "plan", "journal"])
def test_a_damaged_sessions_file_shows_its_line_and_the_rest_works(psoas_home, key):
    (psoas_home / "sessions.csv").write_text(DAMAGED_SESSIONS)
    app = App(psoas_home, now=NOW)
    app.go(key)
    text = page_text(app, key)
    # the header is line 1: "yesterday" is on line 3 (Check my journal: a table row)
    line = "<td>sessions.csv</td><td>3</td>" if key == "journal" else "sessions.csv, line 3"
    assert line in text
    assert "Traceback" not in text
    assert "psoas-friendly-error" not in app.pages[key]._dom_classes  # the page itself built


def test_with_a_damaged_sessions_file_the_plan_can_still_be_saved(psoas_home):
    (psoas_home / "sessions.csv").write_text(DAMAGED_SESSIONS)
    app = App(psoas_home, now=NOW)
    app.go("plan")
    page = app.opened["plan"].shared("plan")
    page.editor.rows["sun"].tick.value = True
    page.editor.save_button.click()
    assert (psoas_home / "plan.toml").exists()
    assert "sessions.csv, line 3" in page.week.value  # still said after the save


def test_a_damaged_routine_file_leaves_the_presets_running(psoas_home):
    routines = psoas_home / "routines"
    routines.mkdir()
    (routines / "mine.toml").write_text("[[routine]]\nid = 'mine'\nname = \n")
    app = App(psoas_home, now=NOW)
    for key in ("home", "check", "run", "plan"):
        app.go(key)
        assert "mine.toml" in page_text(app, key), key
    player = next(w for w in app.pages["run"].children if w.__class__.__name__ == "Player")
    assert "desk-reset" in [value for _label, value in player.picker.options]


def test_a_damaged_plan_file_shows_its_line_and_the_plan_page_proposes_one(psoas_home):
    (psoas_home / "plan.toml").write_text("[[day]]\nweekday = 'funday'\ntime = '18:30'\n")
    app = App(psoas_home, now=NOW)
    for key in ("home", "plan"):
        app.go(key)
        assert "plan.toml" in page_text(app, key), key
    assert app.opened["plan"].shared("plan").plan.source == "default"


def test_check_my_journal_lists_the_problem_and_repairs_it(psoas_home):
    (psoas_home / "sessions.csv").write_text(DAMAGED_SESSIONS)
    app = App(psoas_home, now=NOW)
    app.go("progress")
    app.go("journal")
    check = app.pages["journal"].children[1]
    assert check.problems == 1
    check.drop.value = True
    check.repair_button.click()
    assert check.problems == 0
    assert len(Journal(psoas_home).sessions()) == 2
    backups = [p for p in psoas_home.rglob("*") if p.is_file() and "sessions" in p.name]
    assert any("yesterday" in p.read_text() for p in backups)  # the original, kept
    # the progress page heard of the repair: the message is gone, the summary is there
    assert "sessions.csv, line 3" not in page_text(app, "progress")
    assert "Sessions this week" in page_text(app, "progress")


def test_the_notebook_player_runs_the_presets_with_a_damaged_routine_file(psoas_home):
    from psoas_lib.ui.player import Player

    routines = psoas_home / "routines"
    routines.mkdir()
    (routines / "mine.toml").write_text("[[routine]]\nid = 'mine'\nname = \n")
    player = Player(home=psoas_home, hands_free=False)  # as 02_run_a_routine.ipynb builds it
    assert "mine.toml" in player.catalog_problem.value
    player.start()
    assert player.session.state().started
    (routines / "mine.toml").unlink()
    player.refresh()  # fixed: the message goes
    assert player.catalog_problem.value == ""


def test_the_plan_pages_message_is_shown_once_however_often_it_redraws(psoas_home):
    from psoas_lib.ui.plan import PlanPage

    (psoas_home / "assessments.csv").write_text("taken_at,ticked\nnot a date,x\n")
    page = PlanPage(psoas_home, now=NOW)
    for day in (2, 3):  # two sessions logged: the page redraws twice
        Journal(psoas_home).add_session(
            started_at=datetime(2026, 3, day, 17, 0, tzinfo=UTC),
            routine_id="desk-reset",
            planned_s=600,
            completed_s=600,
            exercises_done=["knee-to-chest"],
        )
    for part in (page.editor.note, page.week, page.levels):
        assert part.value.count("assessments.csv") == 1
    assert len(page.sessions) == 2


# --------------------------------------------------------------------------- the home page's gate

MONDAY = "2026-03-02 12:00"  # the default plan (no assessment): the desk reset at 18:30
BEFORE = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _assess(home, *, red_flag: bool, at: datetime = BEFORE) -> None:
    Journal(home).add_assessment(
        taken_at=at,
        ticked=[],
        tightness=3,
        weakness=3,
        recommendation="see-a-professional" if red_flag else "stretch",
        routine_id="" if red_flag else "desk-reset",
    )


def _pain_stop(home, at: datetime, exercise: str = "low-lunge") -> None:
    Journal(home).add_session(
        started_at=at,
        routine_id="desk-reset",
        planned_s=695,
        completed_s=300,
        exercises_done=["marching-in-place", exercise],
        pain_stop=True,
    )


def test_under_a_red_flag_home_shows_the_safety_panel_and_no_start(psoas_home):
    _assess(psoas_home, red_flag=True)
    app = App(psoas_home, now=MONDAY)
    home = app.home_page
    assert home.start_button.layout.display == "none"
    assert home.safety.layout.display == "flex"
    assert "advised seeing a professional" in home.safety.reason.value
    # the two ways on: the checklist again (this app's page) and a clearance
    assert home.safety.checklist.layout.display == "flex"
    assert "Check yourself" in home.safety.checklist.value
    assert home.safety.clear_box.layout.display == "flex"
    assert "No session for now" in home.today.value and "Start" not in home.today.value
    home.start()  # even asked directly, nothing opens
    assert home.player is None


def test_a_clearance_on_the_home_page_brings_start_back(psoas_home):
    _assess(psoas_home, red_flag=True)
    home = App(psoas_home, now=MONDAY).home_page
    home.safety.cleared_on.value = date(2026, 3, 2)  # seen today, after the red flag
    home.safety.clear_button.click()
    home.safety.confirm_button.click()
    assert home.start_button.layout.display == "flex"
    assert home.safety.reason.value == ""
    assert "Today at 18:30" in home.today.value and "Desk reset" in home.today.value


def test_a_held_out_exercise_is_said_and_left_out_of_the_homes_session(psoas_home):
    _assess(psoas_home, red_flag=False)
    _pain_stop(psoas_home, datetime(2026, 2, 20, 18, 30, tzinfo=UTC))
    _pain_stop(psoas_home, datetime(2026, 2, 27, 18, 30, tzinfo=UTC))  # 7 days on: held out
    home = App(psoas_home, now=MONDAY).home_page
    assert "Low lunge (Anjaneyasana) is held out" in home.safety.reason.value
    assert home.safety.clear_box.layout.display == "flex"
    assert "Low lunge" not in home.today.value and "Warrior I" in home.today.value
    assert home.start_button.layout.display == "flex"  # the rest of the routine runs
    home.start()
    assert "low-lunge" not in home.player.routine.exercise_ids
    assert home.player.session.state().started
    # the player opens below the home page's text: its controls are brought into view
    assert home.player.reveal.target == "psoas-controls"
    assert home.player.reveal.text == "Desk reset started."


def test_with_no_assessment_home_offers_check_yourself_first(psoas_home):
    app = App(psoas_home, now=MONDAY)
    home = app.home_page
    assert home.check_box.layout.display == "flex"
    assert "Check yourself first" in home.check_first.value
    assert "the <b>Check yourself</b> page" in home.check_first.value  # a page, not a notebook
    home.check_button.click()
    assert app.current == "check"
    _assess(psoas_home, red_flag=False)
    home.show()
    assert home.check_box.layout.display == "none"


def test_the_homes_full_dose_is_the_catalogs_and_is_logged_at_its_length(psoas_home):
    _assess(psoas_home, red_flag=False)  # the desk reset on Monday; it opens with marching
    home = App(psoas_home, now=MONDAY).home_page
    # desk reset at the lowest levels: 180 + 30 s of swings... = 11:35 (695 s); as written 795 s
    assert "11:35 at your levels" in home.today.value
    home.start()
    player = home.player
    assert player.routine.total_seconds == 695
    player.stop()
    player.tick()
    player.session.load(player.routine.id)  # the stopped session is dropped, unsaved
    player.dose.full.value = True
    assert player.routine.total_seconds == 795
    player.start()
    player.stop()
    player.tick()
    assert player.save()
    logged = Journal(psoas_home).sessions().iloc[-1]
    assert logged["notes"].startswith("[full dose]")
    assert logged["planned_s"] == 795


def test_after_a_pain_stop_today_home_says_rest_and_offers_no_start(psoas_home):
    _assess(psoas_home, red_flag=False)
    local = datetime(2026, 3, 2, 9, 0).astimezone()  # this morning, the computer's time
    _pain_stop(psoas_home, local)
    home = App(psoas_home, now=MONDAY).home_page
    assert home.start_button.layout.display == "none"
    assert "You stopped for sharp pain today at 09:00" in home.safety.reason.value
    assert "routines run again tomorrow" in home.safety.tomorrow.value  # a way on
    assert home.safety.tomorrow.layout.display == "flex"
    assert home.safety.clear_box.layout.display == "flex"  # or a clearance
    assert home.safety.checklist.layout.display == "none"
    tomorrow = App(psoas_home, now="2026-03-03 12:00").home_page
    assert tomorrow.start_button.layout.display == "flex"
    assert tomorrow.safety.layout.display == "none"


def test_a_pain_stop_in_the_homes_player_takes_start_away_for_today(psoas_home):
    home = App(psoas_home).home_page  # now: the pain stop is today's
    home.start()
    player = home.player
    if not player.session.active:  # a routine of static holds: confirm the warm-up
        player.warmed_up()
        player.start()
    assert player.session.active
    home.start()  # pressed again while it runs: the same player, untouched
    assert home.player is player
    player.pain_stop()
    home.show()  # as the journal's change event does
    assert home.start_button.layout.display == "none"
    assert "You stopped for sharp pain today" in home.safety.reason.value
    home.start()
    assert home.player is player  # nothing new opened


def test_after_a_saved_session_home_start_opens_a_new_one(psoas_home):
    home = App(psoas_home, now=MONDAY).home_page  # the desk reset: it opens with marching
    home.start()
    first = home.player
    first.stop()
    first.tick()
    assert first.save()
    home.start()
    assert home.player is not first and home.player.session.active
