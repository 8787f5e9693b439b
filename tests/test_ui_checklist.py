"""The checklist widget in-process: live result, Save through the journal, previous result."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from psoas_lib import load_catalog
from psoas_lib.coaching.assessment import assess
from psoas_lib.content.checklist import load_checklist
from psoas_lib.journal.store import Journal
from psoas_lib.ui.charts import assessment_chart
from psoas_lib.ui.checklist import ChecklistWidget, previous_html, show_plan

PARIS = timezone(timedelta(hours=1))
WHEN = datetime(2026, 3, 2, 7, 30, tzinfo=PARIS)


def _widget(home, when=WHEN):
    return ChecklistWidget(home=home, now=lambda: when)


def test_one_checkbox_per_item_described_by_its_question(psoas_home):
    widget = _widget(psoas_home)
    items = load_checklist()
    assert [box.description for box in widget.checkboxes.values()] == [
        item.question for item in items
    ]
    assert all("psoas-checklist-item" in box._dom_classes for box in widget.checkboxes.values())
    assert "psoas-checklist-save" in widget.save_button._dom_classes
    assert "psoas-checklist-result" in widget.result._dom_classes
    assert "psoas-checklist-previous" in widget.previous._dom_classes
    sections = [
        child
        for child in widget.children
        if any(c.startswith("psoas-checklist-") for c in child._dom_classes)
    ]
    assert [s._dom_classes[0] for s in sections] == [
        "psoas-checklist-tightness",
        "psoas-checklist-weakness",
        "psoas-checklist-context",
        "psoas-checklist-see-a-professional",
    ]


def test_why_is_shown_on_demand(psoas_home):
    widget = _widget(psoas_home)
    why = widget.whys["sits-long"]
    assert why.layout.display == "none"
    assert "sitting" in why.value
    widget.why_buttons["sits-long"].value = True
    assert why.layout.display is None
    widget.why_buttons["sits-long"].value = False
    assert why.layout.display == "none"


def test_the_result_follows_the_ticks(psoas_home):
    widget = _widget(psoas_home)
    assert "Result: Balanced" in widget.result.value
    assert "Full programme" in widget.result.value

    widget.checkboxes["tight-hips-groin"].value = True
    widget.checkboxes["stiff-after-sitting"].value = True
    text = widget.result.value
    assert "Result: Stretch-focused" in text
    assert "Tightness score: <b>2</b> of 5" in text and "Weakness score: <b>0</b> of 3" in text
    assert "Desk reset" in text and "Strength builder" in text and "02_run_a_routine.ipynb" in text

    widget.checkboxes["sharp-radiating-pain"].value = True
    text = widget.result.value
    assert "Result: See a professional first" in text
    assert "Suggested routine:" not in text

    widget.checkboxes["sharp-radiating-pain"].value = False
    widget.checkboxes["tight-hips-groin"].value = False
    widget.checkboxes["stiff-after-sitting"].value = False
    widget.checkboxes["poor-posture"].value = True
    assert "Result: Strength-focused" in widget.result.value
    assert widget.ticked == ["poor-posture"]


def test_save_writes_a_dated_row_that_reads_back(psoas_home):
    widget = _widget(psoas_home)
    widget.set_ticked(["tight-hips-groin", "runs-cycles-yoga"])
    widget.notes.value = "after a long ride"
    widget.save_button.click()
    assert widget.status.value == "Saved at 07:30 on 02 Mar 2026."

    frame = Journal(psoas_home).assessments()
    assert len(frame) == 1
    row = frame.iloc[0]
    assert str(row.taken_at) == "2026-03-02 06:30:00+00:00"
    assert int(row.utc_offset_min) == 60
    assert row.ticked == "tight-hips-groin;runs-cycles-yoga"
    assert (int(row.tightness), int(row.weakness)) == (1, 0)
    assert (row.recommendation, row.routine_id) == ("stretch-focused", "post-workout-release")
    assert row.notes == "after a long ride"


def test_a_new_checklist_shows_the_previous_assessment_beside_the_current(psoas_home):
    first = _widget(psoas_home)
    assert "None saved yet" in first.previous.value
    first.set_ticked(["tight-hips-groin", "swayed-back", "poor-posture"])
    assert first.save()
    later = _widget(psoas_home, WHEN + timedelta(days=14))
    later.set_ticked(["tight-hips-groin"])
    shown = later.previous.value
    assert "Previous assessment, 02 Mar 2026, 07:30" in shown
    # then / now, row by row
    assert "<td>Tightness</td><td>2</td><td>1</td>" in shown
    assert "<td>Weakness</td><td>1</td><td>0</td>" in shown
    assert "<td>Result</td><td>Balanced</td><td>Stretch-focused</td>" in shown
    assert "tight hips or groin, swayed lower back or unbalanced posture, poor posture" in shown
    assert later.save()
    taken = Journal(psoas_home).assessments().taken_at.astype(str).tolist()
    assert taken == ["2026-03-02 06:30:00+00:00", "2026-03-16 06:30:00+00:00"]


def test_save_dates_now_with_the_local_offset_by_default(psoas_home):
    widget = ChecklistWidget(home=psoas_home)
    before = datetime.now().astimezone()
    assert widget.save()
    row = Journal(psoas_home).assessments().iloc[0]
    offset = before.utcoffset()
    assert offset is not None and int(row.utc_offset_min) == offset.total_seconds() // 60
    assert abs((row.taken_at.to_pydatetime() - before).total_seconds()) < 5


def test_a_save_that_fails_shows_the_message_not_a_traceback(tmp_path):
    home = tmp_path / "not-a-folder"
    home.write_text("a file where the data folder should be", encoding="utf-8")
    widget = _widget(home)
    assert widget.save() is False
    assert widget.status.value.startswith('<span style="color:#b00">Not saved: ')


def test_an_unreadable_journal_is_reported_in_the_previous_panel(psoas_home):
    (psoas_home / "assessments.csv").write_text("what,is,this\n1,2,3\n", encoding="utf-8")
    widget = _widget(psoas_home)
    assert "Could not read your saved assessments: " in widget.previous.value
    assert "assessments.csv" in widget.previous.value


def test_the_empty_history_chart_is_a_sentence_without_data(psoas_home):
    fig = assessment_chart(Journal(psoas_home).assessments())
    ax = fig.axes[0]
    assert not ax.axison
    assert "No assessments yet" in " ".join(t.get_text() for t in ax.texts)
    assert len(ax.lines) == 0 and len(ax.collections) == 0


def test_a_saved_assessment_appears_on_the_chart(psoas_home):
    widget = _widget(psoas_home)
    widget.set_ticked(["tight-hips-groin", "poor-posture"])
    widget.save()
    ax = assessment_chart(Journal(psoas_home).assessments()).axes[0]
    assert [list(line.get_ydata()) for line in ax.lines] == [[1], [1]]


@pytest.mark.parametrize(
    ("ticked", "present", "absent"),
    [
        (["poor-posture"], ["Strength builder", "Single-leg raise", "02_run_a_routine.ipynb"], []),
        (["existing-injury"], ["professional"], ["<table"]),
    ],
)
def test_show_plan(ticked, present, absent, psoas_home):
    widget = _widget(psoas_home)
    widget.set_ticked(ticked)
    html = show_plan(widget.assessment).data
    for words in present:
        assert words in html
    for words in absent:
        assert words not in html


# ---- the previous assessment as shown, without widgets ------------------------------------------
LAST = pd.Series(
    {
        "ticked": "leg-hard-to-hold-up;poor-posture",
        "local_time": pd.Timestamp("2026-11-30 08:05"),
        "recommendation": "strength-focused",
        "routine_id": "strength-builder",
        "tightness": 0,
        "weakness": 2,
    }
)


@pytest.mark.parametrize(
    ("last", "parts"),
    [
        (None, ["<h4>Previous assessment</h4>", "None saved yet"]),
        (
            "Could not read your saved assessments: assessments.csv, line 2: bad date",
            ["<p>Could not read your saved assessments: assessments.csv, line 2: bad date</p>"],
        ),
        (
            LAST,
            [
                "<h4>Previous assessment, 30 Nov 2026, 08:05</h4>",
                "<td>Tightness</td><td>0</td><td>1</td>",  # then 0, now 1 (one box ticked)
                "<td>Weakness</td><td>2</td><td>0</td>",
                "<td>Result</td><td>Strength-focused</td><td>Stretch-focused</td>",
                "<p>Suggested then: Strength builder.</p>",
                "<p>Ticked then: hard to hold a leg up when seated, poor posture.</p>",
            ],
        ),
    ],
)
def test_previous_html(last, parts):
    items = load_checklist()
    now = assess(["tight-hips-groin"], items)
    html = previous_html(last, now, items, load_catalog(user=False))
    for part in parts:
        assert part in html
