"""How each part of each page (:data:`psoas_lib.ui.pages.PAGES`) is built, for the notebooks
and the app alike.

``open_page(key)`` opens a page on a data folder; ``.part(part_key)`` builds that part the
first time and returns it (a notebook cell ends with the call, so it shows). Parts that work
together share one object, built once for the page: the checklist and the suggested routine,
the player and the routine builder's Save, every part of the plan page. A part that cannot be
built shows its one-line message (file, line, fix; never a traceback) and the other parts
still work.

>>> import tempfile
>>> run = open_page("run", tempfile.mkdtemp())
>>> run.part("player") is run.part("player")
True
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from psoas_lib.errors import PsoasError
from psoas_lib.progress import Now
from psoas_lib.ui.pages import Page, page

__all__ = ["BUILDERS", "OpenPage", "as_widget", "open_page", "safe"]

_log = logging.getLogger(__name__)


def safe(build: Callable[[], Any], what: str) -> Any:
    """``build()``, or the one-line message of the file it could not read (never a
    traceback); an unexpected failure says so in one line too, and is logged.

    >>> safe(lambda: 1 / 0, "The sum").value  # doctest: +ELLIPSIS
    '<p class="psoas-error" role="alert"><b>The sum could not be shown:</b> ZeroDivisionError...'
    """
    from psoas_lib.ui.live import error_html

    try:
        return build()
    except PsoasError as exc:
        view = widgets.HTML(error_html(str(exc)))
    except Exception as exc:  # a page never shows a traceback
        _log.exception("could not build %s", what)
        view = widgets.HTML(
            f'<p class="psoas-error" role="alert"><b>{escape(what)} could not be shown:</b> '
            f"{escape(type(exc).__name__)}: {escape(str(exc))}</p>"
        )
    view.add_class("psoas-friendly-error")
    return view


def as_widget(shown: Any) -> widgets.Widget:
    """A part as a widget, for the app: a widget as it is, an HTML display as an HTML widget,
    a figure as a chart (:func:`psoas_lib.ui.images.chart_view`).

    >>> from IPython.display import HTML
    >>> as_widget(HTML("<b>hi</b>")).value
    '<b>hi</b>'
    """
    if isinstance(shown, widgets.Widget):
        return shown
    from matplotlib.figure import Figure

    if isinstance(shown, Figure):
        from psoas_lib.ui.images import chart_view

        return chart_view(shown)
    if isinstance(shown, Figures):
        return widgets.VBox([as_widget(fig) for fig in shown.figures])
    data = getattr(shown, "data", None)
    if isinstance(data, str):  # IPython.display.HTML
        return widgets.HTML(data)
    raise TypeError(f"a part built a {type(shown).__name__}, which the app cannot show")


class Figures:
    """Several figures shown one after the other in a notebook (each as the notebook shows a
    figure: themed, with its text alternative)."""

    def __init__(self, figures: list[Any]) -> None:
        self.figures = figures

    def _ipython_display_(self) -> None:
        from IPython.display import display

        for fig in self.figures:
            display(fig)


class OpenPage:
    """A page opened on the data folder ``home`` (the user's when None) at ``now``; ``go(key)``
    opens another page (the app's navigation; None in a notebook)."""

    def __init__(
        self,
        key: str,
        home: Path | str | None = None,
        *,
        now: Now = None,
        go: Callable[[str], None] | None = None,
    ) -> None:
        self.page: Page = page(key)
        self.home, self.now, self.go = home, now, go
        self._shared: dict[str, Any] = {}
        self._built: dict[str, Any] = {}

    def part(self, key: str) -> Any:
        """The part ``key``, built the first time (or the one line saying why it could not be)."""
        declared = self.page.part(key)  # a KeyError naming the page's parts
        if key not in self._built:
            build = BUILDERS[self.page.key][key]
            what = f"{self.page.title}: {declared.heading or key}"
            self._built[key] = safe(lambda: build(self), what)
        return self._built[key]

    def shared(self, name: str, make: Callable[[], Any] | None = None) -> Any:
        """The object ``name`` the page's parts share, made by ``make()`` the first time."""
        if name not in self._shared:
            if make is None:
                raise KeyError(f"the {self.page.title} page has no {name!r} yet")
            self._shared[name] = make()
        return self._shared[name]


def open_page(
    key: str,
    home: Path | str | None = None,
    *,
    now: Now = None,
    go: Callable[[str], None] | None = None,
) -> OpenPage:
    """The page ``key`` (:data:`~psoas_lib.ui.pages.PAGES`) opened on ``home``, its parts
    built as they are asked for."""
    return OpenPage(key, home, now=now, go=go)


# ------------------------------------------------------------------------------- home


def _home(p: OpenPage) -> Any:
    from psoas_lib.ui.home import HomePage

    go = p.go
    return HomePage(p.home, now=p.now, on_check=(lambda: go("check")) if go else None)


# ------------------------------------------------------------------------- start here


def _guide(*ids: str) -> Callable[[OpenPage], Any]:
    def build(_p: OpenPage) -> Any:
        from psoas_lib.ui.guide import show_guide

        return widgets.HTML(show_guide(*ids).data)

    return build


def _schematic(_p: OpenPage) -> Any:
    from psoas_lib.ui.images import chart_image
    from psoas_lib.ui.schematic import psoas_schematic

    return chart_image(psoas_schematic(), max_width="24em")  # with its alt text


def _exercises(_p: OpenPage) -> Any:
    from psoas_lib.ui.catalog_browser import CatalogBrowser

    return CatalogBrowser()


def _routines(p: OpenPage) -> Any:
    from psoas_lib.ui.guide import show_routines
    from psoas_lib.ui.home import catalog_or_presets
    from psoas_lib.ui.live import error_html

    catalog, problem = catalog_or_presets(p.home)
    return widgets.HTML((error_html(problem) if problem else "") + show_routines(catalog).data)


def _data(p: OpenPage) -> Any:
    from psoas_lib.ui.guide import show_data_home
    from psoas_lib.ui.live import watched_home

    return widgets.HTML(show_data_home(watched_home(p.home)).data)


def _next(_p: OpenPage) -> Any:
    from psoas_lib.ui.guide import show_notebook_map

    return widgets.HTML(show_notebook_map().data)


# --------------------------------------------------------------------- check yourself


def _checklist_and_problem(p: OpenPage) -> tuple[Any, str]:
    def make() -> tuple[Any, str]:
        from psoas_lib.ui.checklist import ChecklistWidget
        from psoas_lib.ui.home import catalog_or_presets

        catalog, problem = catalog_or_presets(p.home)
        return ChecklistWidget(home=p.home, catalog=catalog), problem

    found: tuple[Any, str] = p.shared("checklist", make)
    return found


def _checklist(p: OpenPage) -> Any:
    from psoas_lib.ui.live import error_html

    checklist, problem = _checklist_and_problem(p)
    return widgets.VBox([widgets.HTML(error_html(problem)), checklist]) if problem else checklist


def _suggested(p: OpenPage) -> Any:
    from psoas_lib.ui.live import SuggestedRoutine

    return SuggestedRoutine(_checklist_and_problem(p)[0])


def _scores(p: OpenPage) -> Any:
    from psoas_lib.ui.live import live_assessment_chart

    return live_assessment_chart(p.home)


# ---------------------------------------------------------------------- run a routine


def _player(p: OpenPage) -> Any:
    from psoas_lib.ui.player import Player

    return p.shared("player", lambda: Player(home=p.home))  # a damaged routine file: presets


def _builder(p: OpenPage) -> Any:
    from psoas_lib.ui.routine_builder import RoutineBuilder

    return RoutineBuilder(on_save=_player(p).add_routine)


# ------------------------------------------------------------------------ my progress


def _view(p: OpenPage) -> Any:
    from psoas_lib.ui.progress import ProgressView

    return ProgressView(p.home, now=p.now)


def _charts(p: OpenPage) -> Any:
    from psoas_lib.ui.charts import all_charts
    from psoas_lib.ui.live import read_journal

    sessions, assessments = read_journal(p.home)
    return Figures(list(all_charts(sessions, assessments, now=p.now).values()))


def _planned(p: OpenPage) -> Any:
    from psoas_lib.ui.plan import live_planned_vs_done

    return live_planned_vs_done(p.home)


def _psfs(p: OpenPage) -> Any:
    from psoas_lib.ui.psfs import PsfsForm

    return PsfsForm(p.home)


def _psfs_chart(p: OpenPage) -> Any:
    from psoas_lib.ui.psfs import psfs_chart

    return psfs_chart(home=p.home)


def _share(p: OpenPage) -> Any:
    from psoas_lib.ui.share import ShareView

    return ShareView(p.home)  # only what you tick goes, dated, never overwritten


# ---------------------------------------------------------------------------- my plan


def _plan(p: OpenPage) -> Any:
    from psoas_lib.ui.plan import PlanPage

    return p.shared("plan", lambda: PlanPage(p.home, now=p.now))


def _plan_part(name: str) -> Callable[[OpenPage], Any]:
    def build(p: OpenPage) -> Any:
        return getattr(_plan(p), name)

    return build


# -------------------------------------------------------------------- journal, coach


def _journal_check(p: OpenPage) -> Any:
    from psoas_lib.ui.journal_check import JournalCheck

    return JournalCheck(p.home)


def _clients(_p: OpenPage) -> Any:
    from psoas_lib.ui.coach import CoachView

    return CoachView()


def _programme_writer(p: OpenPage) -> Any:
    from psoas_lib.ui.coach import ProgrammeWriter

    return ProgrammeWriter(home=p.home)


#: page key -> part key -> how that part is built (tests/test_ui_pages.py checks that every
#: declared part has one, and nothing else).
BUILDERS: dict[str, dict[str, Callable[[OpenPage], Any]]] = {
    "home": {"home": _home},
    "start": {
        "what-where": _guide("what-where"),
        "schematic": _schematic,
        "why": _guide("why", "benefits", "what-each-is-for"),
        "signs": _guide("signs", "weak-signs"),
        "safety": _guide("safety"),
        "when": _guide("how-often", "before-after", "activities"),
        "exercises": _exercises,
        "routines": _routines,
        "data": _data,
        "next": _next,
    },
    "check": {"checklist": _checklist, "suggested": _suggested, "scores": _scores},
    "run": {"player": _player, "builder": _builder},
    "progress": {
        "view": _view,
        "charts": _charts,
        "planned": _planned,
        "psfs": _psfs,
        "psfs-chart": _psfs_chart,
        "share": _share,
    },
    "plan": {
        "programme": _plan_part("programme"),
        "editor": _plan_part("editor"),
        "week": _plan_part("week"),
        "player": lambda p: _plan(p).player(),
        "levels": _plan_part("levels"),
        "export": _plan_part("export"),
    },
    "journal": {"check": _journal_check},
    "coach": {"clients": _clients, "programme": _programme_writer},
}
