"""A one-page progress report to hand to a physiotherapist, and the charts as PNG files.

The report is a single self-contained HTML file: the summary table, the exercises done most
often and every progress chart embedded as inline SVG, so it opens, prints and mails as one
file. On a screen it follows the reader's light or dark setting; printed, it is black on
white. Exports go into a folder the user picks (default: ``<data home>/exports``)
under timestamped names, and never replace an existing file: a name already taken gets
``-2``, ``-3``... and files are created exclusively, so two exports at once cannot clash.
>>> page = report_html(example_sessions(), now="2026-03-05 09:00")
>>> page.count('<svg class="psoas-chart"') == len(charts.CHARTS), "Sessions this week" in page
(True, True)
"""

from __future__ import annotations

from html import escape
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from psoas_lib import progress
from psoas_lib.files import private_dir, write_atomic
from psoas_lib.paths import data_home
from psoas_lib.progress import Now, Zone
from psoas_lib.ui import charts
from psoas_lib.ui.figure import key_pose_section
from psoas_lib.ui.html import table

if TYPE_CHECKING:
    from collections.abc import Mapping

    from matplotlib.figure import Figure

    from psoas_lib.content.catalog import Catalog
    from psoas_lib.content.pose_rules import KeptAngle

__all__ = [
    "export_charts",
    "export_folder",
    "export_report",
    "figure_png",
    "form_html",
    "report_html",
    "safety_html",
    "safety_records",
]

_STYLE = (
    """
@page { size: A4; margin: 12mm; }
body { font-family: system-ui, sans-serif; color: #222; max-width: 60em; margin: 1em auto;
       font-size: 11pt; }
h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: .8em 0 .3em; }
p.meta { color: #555; margin: 0 0 .6em; }
table { border-collapse: collapse; font-size: 10pt; }
th, td { text-align: left; padding: .15em .8em .15em 0; border-bottom: 1px solid #ddd; }
.top { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; }
.charts { display: grid; grid-template-columns: 1fr 1fr; gap: .6em; }
.charts figure { margin: 0; } .charts img { width: 100%; }
p.note { font-size: 9pt; color: #555; }
svg.psoas-chart { display: block; width: 100%; height: auto; }
@media screen and (prefers-color-scheme: dark) {
  body { background: #121212; color: #e0e0e0; }
  p.meta, p.note { color: #bdbdbd; }
  th, td { border-bottom-color: #444; }
  svg.psoas-chart { """
    + "; ".join(f"--psoas-chart-{role}: {colour}" for role, colour in charts.DARK.roles().items())
    + """; }
}
"""
)


def figure_png(fig: Figure, dpi: int = 100) -> bytes:
    """A Figure as PNG bytes, on its own ground (white for a chart drawn light)."""
    buffer = BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", facecolor="auto")
    return buffer.getvalue()


def _period_text(sessions: pd.DataFrame, since: Now, now: pd.Timestamp) -> str:
    if since is not None:
        return f"{pd.Timestamp(since):%d %b %Y} to {now:%d %b %Y}"
    if sessions.empty:
        return "no sessions recorded yet"
    first = progress.local_times(sessions).min()
    return f"{first:%d %b %Y} to {now:%d %b %Y} (everything recorded)"


def report_html(
    sessions: pd.DataFrame,
    assessments: pd.DataFrame | None = None,
    *,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
    name: str = "",
    clearances: pd.DataFrame | None = None,
    pain_reports: pd.DataFrame | None = None,
    psfs: pd.DataFrame | None = None,
    form_checks: pd.DataFrame | None = None,
) -> str:
    """The report as one HTML page (charts embedded), for the period from ``since``.

    ``clearances`` and ``pain_reports`` (the journal's, see :func:`safety_records`) add a
    section: when a professional cleared the person, and what each pain stop was. ``psfs``
    (the journal's function scores) adds theirs: each rating's mean score and the chart.
    ``form_checks`` (what Check my form kept) adds a section per exercise, relative to the
    person's own first week with the check.
    """
    today = progress.local_now(now, tz)
    in_period = (
        sessions
        if since is None
        else sessions[(progress.local_times(sessions) >= pd.Timestamp(since)).to_numpy()]
    )
    summary = progress.summary(sessions, assessments, now=today)
    images = [
        "<figure>"
        + charts.chart_svg(
            chart.draw(sessions, assessments, catalog=catalog, now=today, tz=None, since=since),
            alt=chart.title,
        )
        + "</figure>"
        for chart in charts.CHARTS
    ]
    counts = progress.exercise_counts(in_period, catalog).head(8)
    exercises = (
        table(
            ["exercise", "kind", "sessions"],
            counts.itertuples(index=False, name=None),
            styled=False,
        )
        if not counts.empty
        else "<p>No exercises recorded in this period.</p>"
    )
    who = f" for {escape(name)}" if name else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Psoas Coach progress report{who}</title><style>{_STYLE}</style></head>
<body>
<h1>Psoas Coach progress report{who}</h1>
<p class="meta">Period: {escape(_period_text(sessions, since, today))} ·
made {today:%d %b %Y, %H:%M} · {len(in_period)} sessions in the period</p>
<div class="top">
<section><h2>Summary</h2>{table(["", ""], summary.rows(), styled=False)}</section>
<section><h2>Exercises done most often</h2>{exercises}</section>
</div>
{safety_html(clearances, pain_reports, catalog)}
{psfs_html(psfs)}
{form_html(form_checks, catalog) if form_checks is not None and len(form_checks) else ""}
<h2>Charts</h2>
<div class="charts">{"".join(images)}</div>
{key_pose_section(counts.index, catalog)}
<p class="note">Everything here is self-reported in the Psoas Coach workbook: sessions as
logged, tightness rated by the person from 0 (none) to 10 (worst), self-assessment scores
as the number of signs ticked. It is a record of practice, not a diagnosis.</p>
</body></html>
"""


def psfs_html(psfs: pd.DataFrame | None) -> str:
    """The function scores section: each rating's mean score, the change, the chart ("" when
    there are none)."""
    from psoas_lib.coaching.psfs import psfs_scores, psfs_summary
    from psoas_lib.ui.psfs import psfs_chart

    if psfs is None or psfs.empty:
        return ""
    summary = psfs_summary(psfs)
    scores = psfs_scores(psfs)
    rows = [
        (_day(when), f"{score:g} of 10", str(count))
        for when, score, count in zip(scores.rated_at, scores.score, scores.activities, strict=True)
    ]
    change = (
        f"<p>Since the first rating: {summary.change:+g} points"
        + (
            " (a fall of 2 points or more: worth a word with your physiotherapist)."
            if summary.fell
            else "."
        )
        + "</p>"
        if summary.ratings > 1
        else ""
    )
    chart = charts.chart_svg(psfs_chart(psfs), alt="Function scores over time")
    return (
        "<section><h2>Function scores (Patient-Specific Functional Scale)</h2>"
        f"{table(['rated', 'mean score', 'activities'], rows, styled=False)}{change}"
        f"<figure>{chart}</figure></section>"
    )


#: Under the form-check section: what the words mean, and what they are not.
FORM_NOTE = (
    "From the workbook's camera check (Check my form), on the person's own computer: the share "
    "of each hold the camera judged in position, and the exercise's main angle compared only "
    "with the person's own first week with the check (a change of 5 degrees or less is about "
    "the same). A single camera's angles are rough, so no angle is given: this is not a "
    "measurement of range of motion. No picture or video was kept."
)


def form_html(
    form_checks: pd.DataFrame | None,
    catalog: Catalog | None = None,
    kept: Mapping[str, KeptAngle] | None = None,
    *,
    styled: bool = False,
    heading: str = "h2",
) -> str:
    """The *Check my form* section: per exercise, the latest share in position and the way
    its main angle went since the first week. With nothing kept, says how to start.
    ``styled``: the table's style for JupyterLab (the report brings its own); ``heading``
    the title's tag (``h3`` under a page's own ``h2``).

    >>> from psoas_lib.journal.store import Journal
    >>> "turn on Check my form in the player" in form_html(Journal("/nowhere").form_checks())
    True
    """
    from psoas_lib.coaching.form_summary import EMPTY_WORDS, form_progress
    from psoas_lib.content.pose_rules import load_kept_angles

    head = f"<{heading}>Check my form</{heading}>"
    if form_checks is None or form_checks.empty:
        return f'<section class="psoas-form-kept">{head}<p>{escape(EMPTY_WORDS)}</p></section>'
    found = form_progress(form_checks, kept if kept is not None else load_kept_angles())
    names = _exercise_names(catalog)
    rows = [(names.get(f.exercise_id, f.exercise_id), str(f.sessions), f.words()) for f in found]
    return (
        f'<section class="psoas-form-kept">{head}'
        f"{table(['exercise', 'sessions checked', 'latest session'], rows, styled=styled)}"
        f'<p class="note">{escape(FORM_NOTE)}</p></section>'
    )


def _exercise_names(catalog: Catalog | None) -> dict[str, str]:
    """Exercise names by id (the workbook's own catalog when none is given)."""
    from psoas_lib.content.catalog import load_catalog
    from psoas_lib.errors import PsoasError

    try:
        book = catalog if catalog is not None else load_catalog(user=False)
    except PsoasError:
        return {}
    return {e.id: e.name for e in book.exercises.values()}


def safety_records(home: Path | str | None = None) -> dict[str, Any]:
    """The journal's clearances, pain reports and form checks, as :func:`report_html`'s
    keywords (a file that cannot be read is left out: the report still comes out)."""
    from psoas_lib.errors import PsoasError
    from psoas_lib.journal.store import Journal

    journal = Journal(home)
    found: dict[str, Any] = {}
    for what in ("clearances", "pain_reports", "form_checks"):
        try:
            found[what] = getattr(journal, what)()
        except (PsoasError, OSError):
            continue
    return found


def _day(value: object) -> str:
    return f"{pd.Timestamp(value):%d %b %Y}"  # type: ignore[arg-type]


def safety_html(
    clearances: pd.DataFrame | None,
    pain_reports: pd.DataFrame | None,
    catalog: Catalog | None = None,
) -> str:
    """The report's safety section: clearances recorded and pain reports ("" when none).

    >>> from datetime import date, datetime, timezone
    >>> import tempfile
    >>> from psoas_lib.journal.store import Journal
    >>> journal = Journal(tempfile.mkdtemp())
    >>> journal.add_clearance(recorded_at=datetime(2026, 3, 9, 18, tzinfo=timezone.utc),
    ...                       cleared_on=date(2026, 3, 9))
    >>> "09 Mar 2026" in safety_html(journal.clearances(), None)
    True
    >>> safety_html(None, None)
    ''
    """
    names = {e.id: e.name for e in catalog.exercises.values()} if catalog is not None else {}
    parts = []
    rows: list[tuple[object, ...]]
    if clearances is not None and len(clearances):
        rows = [
            (
                str(row["cleared_on"]) and _day(row["cleared_on"]),
                names.get(row["exercise_id"], row["exercise_id"]) or "exercise in general",
                _day(row["recorded_at"]),
                row["notes"],
            )
            for row in clearances.to_dict("records")
        ]
        parts.append(
            "<h3>Cleared by a professional (as recorded by the person)</h3>"
            + table(["seen on", "cleared for", "recorded", "notes"], rows, styled=False)
        )
    if pain_reports is not None and len(pain_reports):
        rows = [
            (
                _day(row["started_at"]),
                names.get(row["exercise_id"], row["exercise_id"]) or "not known",
                row["place"] or "not said",
                "" if pd.isna(row["pain"]) else f"{int(row['pain'])}/10",
                row["notes"],
            )
            for row in pain_reports.to_dict("records")
        ]
        parts.append(
            "<h3>Pain stops</h3>"
            + table(["day", "exercise", "where", "how much", "notes"], rows, styled=False)
        )
    return f"<section><h2>Safety</h2>{''.join(parts)}</section>" if parts else ""


def export_folder(folder: Path | str | None = None) -> Path:
    """The folder exports go to (created if missing): ``folder`` or ``<data home>/exports``."""
    path = Path(folder).expanduser() if folder else data_home() / "exports"
    private_dir(path)
    return path


def _write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/stem suffix``, or ``stem-2``... if taken; never overwrite."""
    for n in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            write_atomic(path, data, overwrite=False)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"{folder}: too many exports named {stem}; clear some out")


def _stamp(now: Now, tz: Zone) -> str:
    return f"{progress.local_now(now, tz):%Y-%m-%d_%H%M%S}"


def export_report(
    sessions: pd.DataFrame,
    assessments: pd.DataFrame | None = None,
    folder: Path | str | None = None,
    *,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
    name: str = "",
    clearances: pd.DataFrame | None = None,
    pain_reports: pd.DataFrame | None = None,
    form_checks: pd.DataFrame | None = None,
) -> Path:
    """Write the HTML report to a new, timestamped file in ``folder``; return its path.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> export_report(example_sessions(), folder=folder, now="2026-03-05 09:00").name
    'psoas-progress-report_2026-03-05_090000.html'
    >>> export_report(example_sessions(), folder=folder, now="2026-03-05 09:00").name
    'psoas-progress-report_2026-03-05_090000-2.html'
    """
    page = report_html(
        sessions,
        assessments,
        catalog=catalog,
        now=now,
        tz=tz,
        since=since,
        name=name,
        clearances=clearances,
        pain_reports=pain_reports,
        form_checks=form_checks,
    )
    return _write_new(
        export_folder(folder),
        f"psoas-progress-report_{_stamp(now, tz)}",
        ".html",
        page.encode("utf-8"),
    )


def export_charts(
    sessions: pd.DataFrame,
    assessments: pd.DataFrame | None = None,
    folder: Path | str | None = None,
    *,
    catalog: Catalog | None = None,
    now: Now = None,
    tz: Zone = None,
    since: Now = None,
    dpi: int = 150,
) -> list[Path]:
    """Write every chart as a PNG file (new, timestamped names) in ``folder``."""
    target = export_folder(folder)
    stamp = _stamp(now, tz)
    return [
        _write_new(
            target,
            f"psoas-{chart.name}_{stamp}",
            ".png",
            figure_png(
                chart.draw(sessions, assessments, catalog=catalog, now=now, tz=tz, since=since),
                dpi,
            ),
        )
        for chart in charts.CHARTS
    ]
