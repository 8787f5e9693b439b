"""The self-assessment: the checklist's content, the scoring rules, and bad checklist files."""

from __future__ import annotations

import inspect
import itertools
import shutil
from datetime import datetime, timedelta, timezone

import pytest

from psoas_lib import CatalogError, PsoasError, load_catalog
from psoas_lib.coaching.assessment import (
    RECOMMENDATIONS,
    AssessmentError,
    assess,
    load_checklist,
)
from psoas_lib.journal.store import Journal
from psoas_lib.paths import DATA_DIR

TIGHT = [
    "tight-hips-groin",
    "unexplained-back-pain",
    "reduced-hip-mobility",
    "stiff-after-sitting",
    "swayed-back",
]
WEAK = ["leg-hard-to-hold-up", "hip-pain-instability", "poor-posture"]
CONTEXT = ["sits-long", "runs-cycles-yoga", "intense-workouts"]
# the NHS's urgent signs for back pain, as it routes them: 999 or A&E now ...
EMERGENCY = [
    "numbness-genitals-buttocks",
    "bladder-bowel-control",
    "weakness-both-legs",
    "chest-pain",
    "pain-after-fall",
]
# ... or an urgent GP appointment or NHS 111
URGENT_GP = [
    "back-pain-fever",
    "weight-loss",
    "back-lump-shape",
    "pain-night-rest",
    "pain-cough-sneeze",
    "pain-between-shoulders",
]
URGENT = EMERGENCY + URGENT_GP
FLAGS = ["existing-injury", "sharp-radiating-pain", "persistent-symptoms", *URGENT]


# --------------------------------------------------------------------------- the content


@pytest.mark.parametrize(
    ("item_id", "group", "word"),
    [
        # the article's signs of a tight psoas
        ("tight-hips-groin", "tightness", "groin"),
        ("unexplained-back-pain", "tightness", "lower-back pain"),
        ("reduced-hip-mobility", "tightness", "hips and pelvis"),
        ("stiff-after-sitting", "tightness", "upright after"),
        ("swayed-back", "tightness", "sway"),
        # the FAQ's signs of a weak psoas
        ("leg-hard-to-hold-up", "weakness", "leg lifted"),
        ("hip-pain-instability", "weakness", "unsteady"),
        ("poor-posture", "weakness", "posture"),
        # context
        ("sits-long", "context", "sit for long periods"),
        ("runs-cycles-yoga", "context", "cycle"),
        ("intense-workouts", "context", "intense"),
        # see a professional first
        ("existing-injury", "see-a-professional", "in the past"),  # injury history
        ("sharp-radiating-pain", "see-a-professional", "radiates"),
        ("persistent-symptoms", "see-a-professional", "kept going"),
        # the NHS's urgent signs, in its plain words
        (
            "numbness-genitals-buttocks",
            "see-a-professional",
            "numbness or tingling around your genitals",
        ),
        ("bladder-bowel-control", "see-a-professional", "hard to pee"),
        ("weakness-both-legs", "see-a-professional", "both of your legs"),
        ("chest-pain", "see-a-professional", "chest pain"),
        ("pain-after-fall", "see-a-professional", "serious accident, such as a car accident"),
        ("back-pain-fever", "see-a-professional", "feeling hot and shivery"),
        ("weight-loss", "see-a-professional", "without trying"),
        ("back-lump-shape", "see-a-professional", "shape of your back changed"),
        ("pain-night-rest", "see-a-professional", "worse at night"),
        ("pain-cough-sneeze", "see-a-professional", "cough, sneeze"),
        ("pain-between-shoulders", "see-a-professional", "between your shoulder blades"),
    ],
)
def test_every_item_of_the_article_is_there_with_its_group(item_id, group, word):
    items = {item.id: item for item in load_checklist()}
    item = items[item_id]
    assert item.group == group
    assert word in item.question
    assert item.red_flag is (group == "see-a-professional")
    assert item.why.strip() and item.label.strip()
    route = "emergency" if item_id in EMERGENCY else "urgent-gp" if item_id in URGENT_GP else ""
    assert (item.urgent, item.route) == (bool(route), route)
    if route == "emergency":
        assert "call 999 or go to A&E" in item.why
    elif route:
        assert "urgent GP appointment or get help from NHS 111" in item.why


def test_the_checklist_has_exactly_those_items_in_section_order():
    assert [item.id for item in load_checklist()] == TIGHT + WEAK + CONTEXT + FLAGS


# --------------------------------------------------------------------------- scoring


@pytest.mark.parametrize(
    ("ticked", "tightness", "weakness", "recommendation", "routine", "complement"),
    [
        ([], 0, 0, "balanced", "full-programme", None),
        (["sits-long"], 0, 0, "balanced", "full-programme", None),
        (CONTEXT, 0, 0, "balanced", "full-programme", None),
        (["tight-hips-groin"], 1, 0, "stretch-focused", "desk-reset", "strength-builder"),
        (TIGHT, 5, 0, "stretch-focused", "desk-reset", "strength-builder"),
        (
            ["stiff-after-sitting", "sits-long"],
            1,
            0,
            "stretch-focused",
            "desk-reset",
            "strength-builder",
        ),
        # active and not sitting: static holds after the workout
        (
            ["stiff-after-sitting", "runs-cycles-yoga"],
            1,
            0,
            "stretch-focused",
            "post-workout-release",
            "strength-builder",
        ),
        (
            ["swayed-back", "reduced-hip-mobility", "intense-workouts"],
            2,
            0,
            "stretch-focused",
            "post-workout-release",
            "strength-builder",
        ),
        # active but also sits long: the desk routine
        (
            ["swayed-back", "intense-workouts", "sits-long"],
            1,
            0,
            "stretch-focused",
            "desk-reset",
            "strength-builder",
        ),
        (["poor-posture"], 0, 1, "strength-focused", "strength-builder", "desk-reset"),
        (WEAK, 0, 3, "strength-focused", "strength-builder", "desk-reset"),
        (
            ["leg-hard-to-hold-up", "hip-pain-instability", "runs-cycles-yoga"],
            0,
            2,
            "strength-focused",
            "strength-builder",
            "post-workout-release",
        ),
        (["tight-hips-groin", "poor-posture"], 1, 1, "balanced", "full-programme", None),
        ([*TIGHT[:4], "hip-pain-instability"], 4, 1, "balanced", "full-programme", None),
        (TIGHT + WEAK + CONTEXT, 5, 3, "balanced", "full-programme", None),
        (["existing-injury"], 0, 0, "see-a-professional", None, None),
        (TIGHT + WEAK + CONTEXT + FLAGS, 5, 3, "see-a-professional", None, None),
    ],
)
def test_scoring_table(ticked, tightness, weakness, recommendation, routine, complement):
    result = assess(ticked)
    assert (result.tightness, result.weakness) == (tightness, weakness)
    assert result.recommendation == recommendation
    assert result.routine_id == routine
    assert result.complement_routine_id == complement


def test_order_and_repeats_do_not_matter_and_ticks_come_back_in_checklist_order():
    result = assess(["poor-posture", "tight-hips-groin", "poor-posture"])
    assert result.ticked == ("tight-hips-groin", "poor-posture")
    assert (result.tightness, result.weakness) == (1, 1)


@pytest.mark.parametrize("flag", FLAGS)
@pytest.mark.parametrize("others", [[], TIGHT, WEAK, ["tight-hips-groin", "poor-posture"], CONTEXT])
def test_a_red_flag_always_wins(flag, others):
    result = assess([*others, flag])
    assert result.recommendation == "see-a-professional"
    assert result.routine_id is None and result.complement_routine_id is None
    # the scores still count the signs, for the chart over time
    assert result.tightness == len([i for i in others if i in TIGHT])


def _subsets(ids):
    return itertools.chain.from_iterable(
        itertools.combinations(ids, n) for n in range(len(ids) + 1)
    )


OTHER_TICKS = [
    (),
    ("tight-hips-groin",),
    ("poor-posture", "sits-long"),
    ("tight-hips-groin", "leg-hard-to-hold-up", "runs-cycles-yoga"),
    tuple(TIGHT + WEAK + CONTEXT),
]


@pytest.mark.parametrize("others", OTHER_TICKS)
def test_every_subset_of_the_red_flags_with_other_ticks(others):
    """All 2**14 subsets of the red flags, each with these other ticks: any flag at all gives
    "see a professional first" and no routine; an urgent one gives only its urgent route."""
    checklist = load_checklist()
    labels = {item.id: item.label for item in checklist}
    for flags in _subsets(FLAGS):
        result = assess([*others, *flags], checklist)
        if not flags:
            assert result.recommendation != "see-a-professional"
            assert result.routine_id is not None
            continue
        assert result.recommendation == "see-a-professional", flags
        assert result.routine_id is None and result.complement_routine_id is None
        assert result.as_record()["routine_id"] == ""
        assert (result.tightness, result.weakness) == (
            len([i for i in others if i in TIGHT]),
            len([i for i in others if i in WEAK]),
        )
        text = result.explanation
        emergency = [f for f in flags if f in EMERGENCY]
        urgent_gp = [f for f in flags if f in URGENT_GP]
        assert result.route == ("emergency" if emergency else "urgent-gp" if urgent_gp else "")
        if emergency:  # the emergency route only, naming every urgent sign
            assert text.startswith("Call 999 or go to A&E now: you ticked "), flags
            assert "(112 in the EU, 911 in the US)" in text
            assert all(labels[f] in text for f in emergency + urgent_gp)
            assert ("Tell them also about" in text) is bool(urgent_gp)
        elif urgent_gp:
            assert text.startswith("Ask for an urgent GP appointment, or get help from NHS 111")
            assert all(labels[f] in text for f in urgent_gp) and "999" not in text
        else:
            assert text.startswith("See a professional first")
            assert "GP or a physiotherapist" in text and "111" not in text
            assert all(labels[f] in text for f in flags)
        if emergency or urgent_gp:  # nothing that could delay the urgent route
            assert "physiotherapist" not in text and "checklist again" not in text
        # directing, never diagnosing
        assert not any(word in text.lower() for word in ("you have a", "diagnos", "caused by"))


def test_every_combination_gives_a_known_recommendation_and_existing_routines():
    """Every subset of the items that are not red flags (those are tested just above)."""
    routines = load_catalog().routines
    checklist = load_checklist()
    ids = [item.id for item in checklist if item.id not in FLAGS]
    seen = set()
    for n in range(len(ids) + 1):
        for ticked in itertools.combinations(ids, n):
            result = assess(ticked, checklist)
            assert result.recommendation in RECOMMENDATIONS
            assert (result.recommendation == "see-a-professional") == any(
                i in FLAGS for i in ticked
            )
            for routine_id in (result.routine_id, result.complement_routine_id):
                assert routine_id is None or routine_id in routines
                seen.add(routine_id)
    assert seen == {
        None,
        "desk-reset",
        "post-workout-release",
        "strength-builder",
        "full-programme",
    }


def test_a_purely_tight_result_still_suggests_strengthening():
    result = assess(["tight-hips-groin", "stiff-after-sitting"])
    assert result.complement_routine_id == "strength-builder"
    assert "strengthening" in result.explanation
    assert "'Strength builder'" in result.explanation


@pytest.mark.parametrize(
    ("ticked", "named", "not_named"),
    [
        (
            ["tight-hips-groin", "stiff-after-sitting"],
            [
                "tight hips or groin",
                "hard to stand up straight after sitting",
                "2 signs of tightness",
            ],
            ["poor posture"],
        ),
        (
            ["poor-posture", "sits-long"],
            ["poor posture", "1 sign of weakness", "sitting for long periods"],
            ["groin"],
        ),
        (
            ["tight-hips-groin", "sharp-radiating-pain"],
            ["sharp or radiating pain", "professional"],
            ["Suggested routine"],
        ),
        ([], ["no signs"], ["sign of"]),
    ],
)
def test_the_explanation_names_the_ticked_items(ticked, named, not_named):
    text = assess(ticked).explanation
    for words in named:
        assert words in text
    for words in not_named:
        assert words not in text


def test_before_activity_the_explanation_points_at_the_warm_up():
    assert "'Pre-activity warm-up'" in assess(["runs-cycles-yoga"]).explanation
    assert "'Pre-activity warm-up'" not in assess(["sits-long"]).explanation


# --------------------------------------------------------------------------- bad ticks


def test_an_unknown_id_is_rejected_naming_it_and_the_valid_ones():
    with pytest.raises(AssessmentError) as caught:
        assess(["tight-hips-groin", "knee-ache"])
    message = str(caught.value)
    assert "'knee-ache' is not on the checklist" in message
    for ident in TIGHT + WEAK + CONTEXT + FLAGS:
        assert ident in message
    assert isinstance(caught.value, PsoasError)


def test_a_single_string_is_not_taken_for_a_list_of_letters():
    with pytest.raises(AssessmentError, match=r"should be a list of ids.*\['poor-posture'\]"):
        assess("poor-posture")


# --------------------------------------------------------------------------- the record


def test_as_record_matches_the_journal_and_round_trips(psoas_home):
    when = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    record = assess(["existing-injury", "tight-hips-groin"]).as_record(when, notes="physio")
    params = inspect.signature(Journal.add_assessment).parameters
    assert set(record) <= set(params) and all(
        name in record
        for name, p in params.items()
        if p.kind is p.KEYWORD_ONLY and p.default is p.empty
    )
    journal = Journal(psoas_home)
    journal.add_assessment(**record)
    row = journal.assessments().iloc[0]
    assert str(row.taken_at) == "2026-03-02 06:30:00+00:00"
    assert int(row.utc_offset_min) == 60
    assert row.ticked == "tight-hips-groin;existing-injury"
    assert (int(row.tightness), int(row.weakness)) == (1, 0)
    assert (row.recommendation, row.routine_id, row.notes) == ("see-a-professional", "", "physio")


def test_as_record_defaults_to_now_with_the_local_offset():
    before = datetime.now().astimezone()
    taken = assess([]).as_record()["taken_at"]
    assert taken.utcoffset() is not None
    assert abs((taken - before).total_seconds()) < 5


# --------------------------------------------------------------------------- bad files


def _broken(tmp_path, old, new):
    folder = tmp_path / "data"
    shutil.copytree(DATA_DIR, folder)
    path = folder / "checklist.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder, path


def _line_of(path, needle):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "needle", "expected"),
    [
        (
            'group = "weakness"',
            'group = "weakly"',
            'group = "weakly"',
            r"entry 'leg-hard-to-hold-up', field 'group': unknown group 'weakly'\. Use one of: "
            r"tightness, weakness, context, see-a-professional",
        ),
        (
            'question = "Do you sit for long periods on most days?"',
            'question = " "',
            'question = " "',
            r"entry 'sits-long', field 'question': 'question' is empty",
        ),
        (
            'question = "Do you sit',
            'qestion = "Do you sit',
            "qestion",
            r"entry 'sits-long', field 'qestion': unknown field 'qestion'\. Use only: id, group",
        ),
        (
            'route = "urgent-gp"\nlabel = "back pain with a fever"',
            'route = "soon"\nlabel = "back pain with a fever"',
            'route = "soon"',
            r"entry 'back-pain-fever', field 'route': unknown route 'soon'\. Use one of: "
            r"emergency, urgent-gp",
        ),
        (
            'label = "poor posture"',
            'label = "poor posture"\nroute = "emergency"',
            'route = "emergency"',
            r"entry 'poor-posture', field 'route': only an urgent item has a route",
        ),
        (
            'label = "poor posture"',
            "label = 3",
            "label = 3",
            r"entry 'poor-posture', field 'label': 'label' should be text in quotes",
        ),
        (
            'id = "swayed-back"',
            'id = "tight-hips-groin"',
            "NTH2:tight-hips-groin",
            r"entry 'tight-hips-groin', field 'id': duplicate id 'tight-hips-groin' \(first used "
            r"at line \d+\)",
        ),
        (
            'id = "sits-long"',
            'id = "Sits Long"',
            'id = "Sits Long"',
            r"entry 'Sits Long', field 'id': id 'Sits Long' is not a slug",
        ),
        (
            'label = "poor posture"',
            'label = "poor posture"\nurgent = true',
            "urgent = true",
            r"entry 'poor-posture', field 'urgent': only a 'see-a-professional' item can be "
            r"urgent, not a 'weakness' one",
        ),
        (
            'id = "back-pain-fever"\ngroup = "see-a-professional"\nurgent = true',
            'id = "back-pain-fever"\ngroup = "see-a-professional"\nurgent = "yes"',
            'urgent = "yes"',
            r"entry 'back-pain-fever', field 'urgent': 'urgent' should be",
        ),
    ],
)
def test_a_bad_checklist_names_file_line_entry_and_field(tmp_path, old, new, needle, expected):
    folder, path = _broken(tmp_path, old, new)
    before = path.read_bytes()
    if needle.startswith("NTH2:"):  # the second line with that id
        ident = needle.split(":", 1)[1]
        lines = path.read_text(encoding="utf-8").splitlines()
        line = [n for n, text in enumerate(lines, start=1) if f'id = "{ident}"' in text][1]
    else:
        line = _line_of(path, needle)
    with pytest.raises(CatalogError, match=rf"checklist\.toml, line {line}, {expected}"):
        load_checklist(folder)
    assert path.read_bytes() == before  # the coach's file is left alone


def test_a_missing_field_is_reported_at_the_entry(tmp_path):
    folder, _ = _broken(tmp_path, 'why = "Lifting the thigh', 'wy = "Lifting the thigh')
    with pytest.raises(
        CatalogError,
        match=r"entry 'leg-hard-to-hold-up', field 'wy': "
        r"unknown field",
    ):
        load_checklist(folder)
    folder2, path2 = _broken(tmp_path / "b", 'why = "Lifting the thigh', '# "Lifting the thigh')
    line = _line_of(path2, 'id = "leg-hard-to-hold-up"')
    with pytest.raises(
        CatalogError,
        match=rf"line {line}, entry 'leg-hard-to-hold-up', "
        r"field 'why': the item has no 'why'",
    ):
        load_checklist(folder2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# only comments\n", r"no \[\[item\]\] entries"),
        ('[[item]]\nid = "a"\ngroup = \n', r"line 3: this is not valid TOML"),
        ('item = "x"\n', r"'item' should be a list of \[\[item\]\] tables"),
    ],
)
def test_an_empty_or_broken_checklist_file_is_reported(tmp_path, text, expected):
    (tmp_path / "checklist.toml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError, match=rf"checklist\.toml.*{expected}"):
        load_checklist(tmp_path)


def test_a_coach_can_use_an_edited_checklist(tmp_path):
    (tmp_path / "checklist.toml").write_text(
        '[[item]]\nid = "tight-calves"\ngroup = "tightness"\n'
        'question = "Are your calves tight?"\nwhy = "Example."\n',
        encoding="utf-8",
    )
    items = load_checklist(tmp_path)
    assert [(i.id, i.label) for i in items] == [("tight-calves", "tight calves")]
    result = assess(["tight-calves"], items)
    assert (result.tightness, result.recommendation) == (1, "stretch-focused")
    with pytest.raises(AssessmentError, match=r"Use one of: tight-calves$"):
        assess(["poor-posture"], items)


# --------------------------------------------------------------------------- whole explanations
# Each expected text is put together by hand from the checklist's labels (data/checklist.toml),
# the routines' names (data/routines.toml) and the wording rules of the module docstring.

PRO = (
    "See a professional first: you ticked {}. A GP or a physiotherapist should look at this "
    "before you start (the article's advice is to consult a medical professional first), so "
    "no routine is suggested for now. Once a professional has cleared you to exercise, record "
    "it (the button below, or psoas cleared), or take this checklist again."
)
NOW = (
    "Call 999 or go to A&E now: you ticked {}. Outside the UK, call your local emergency "
    "number (112 in the EU, 911 in the US). Do not exercise."
)
SOON = (
    "Ask for an urgent GP appointment, or get help from NHS 111, today: you ticked {}. "
    "Outside the UK, see a doctor urgently. Do not exercise until you have been seen."
)
HABITS = (
    "Your habits ({}) matter for the psoas, so make it regular: the article suggests "
    "several sessions a week."
)
BEFORE = (
    "Before activity, use 'Pre-activity warm-up' (dynamic moves only) and keep deep "
    "stretches for afterwards."
)
AFTER = "To stretch after a run, a ride or a workout, 'Post-workout release' suits better."


@pytest.mark.parametrize(
    ("ticked", "expected"),
    [
        (["existing-injury"], PRO.format("a hip, groin or back injury, now or in the past")),
        (
            ["persistent-symptoms", "existing-injury", "tight-hips-groin"],
            PRO.format("a hip, groin or back injury, now or in the past and symptoms that persist"),
        ),
        (["back-pain-fever", "tight-hips-groin"], SOON.format("back pain with a fever")),
        (
            ["pain-after-fall", "sharp-radiating-pain", "bladder-bowel-control"],
            NOW.format(
                "loss of bladder or bowel control, or difficulty peeing and back pain after a "
                "serious accident"
            ),
        ),
        (
            ["pain-between-shoulders", "chest-pain", "existing-injury", "weight-loss"],
            NOW.format("chest pain")
            + " Tell them also about the other signs you ticked: weight loss without trying "
            "and pain between the shoulder blades.",
        ),
        (
            ["tight-hips-groin", "swayed-back", "unexplained-back-pain"],
            "Stretch-focused: you ticked 3 signs of tightness (tight hips or groin, lower-back "
            "pain without a clear cause and swayed lower back or unbalanced posture) and none "
            "of weakness. Suggested routine: 'Desk reset'. Stretching alone is not the whole "
            "answer: the article advises balancing it with strengthening, so add the "
            "'Strength builder' routine as well.",
        ),
        (
            ["poor-posture"],
            "Strength-focused: you ticked 1 sign of weakness (poor posture) and none of "
            "tightness. Suggested routine: 'Strength builder'. The article advises balancing "
            "strengthening with stretching, so add the 'Desk reset' routine as well.",
        ),
        (
            ["tight-hips-groin", "poor-posture", "hip-pain-instability"],
            "Balanced: you ticked 1 sign of tightness (tight hips or groin) and 2 signs of "
            "weakness (frequent hip pain or unsteady hips and poor posture). Suggested "
            "routine: 'Full programme', which stretches and strengthens in turn, as the "
            "article advises.",
        ),
        (
            [],
            "Balanced: you ticked no signs of tightness or weakness. Suggested routine: "
            "'Full programme', to keep stretching and strengthening regularly, as the "
            "article advises.",
        ),
        (
            ["sits-long"],
            "Balanced: you ticked no signs of tightness or weakness. Suggested routine: "
            "'Full programme', to keep stretching and strengthening regularly, as the "
            "article advises. " + HABITS.format("sitting for long periods"),
        ),
        (
            # sits long and active, tight: the desk routine, and a word on after a workout
            ["swayed-back", "intense-workouts", "sits-long"],
            "Stretch-focused: you ticked 1 sign of tightness (swayed lower back or unbalanced "
            "posture) and none of weakness. Suggested routine: 'Desk reset'. Stretching alone "
            "is not the whole answer: the article advises balancing it with strengthening, so "
            "add the 'Strength builder' routine as well. "
            + HABITS.format("sitting for long periods and intense or repeated workouts")
            + " "
            + AFTER
            + " "
            + BEFORE,
        ),
        (
            # active and not sitting: the after-workout routine already, no extra word
            ["stiff-after-sitting", "runs-cycles-yoga"],
            "Stretch-focused: you ticked 1 sign of tightness (hard to stand up straight after "
            "sitting) and none of weakness. Suggested routine: 'Post-workout release'. "
            "Stretching alone is not the whole answer: the article advises balancing it with "
            "strengthening, so add the 'Strength builder' routine as well. "
            + HABITS.format("running, cycling or yoga")
            + " "
            + BEFORE,
        ),
    ],
)
def test_the_whole_explanation(ticked, expected):
    text = assess(ticked).explanation
    assert text == expected
    assert "None" not in text


def test_no_explanation_says_a_routine_is_none():
    # every checklist of up to two ticks: the explanation never names a missing routine
    ids = TIGHT + WEAK + CONTEXT + FLAGS
    for ticked in itertools.chain(
        [[]], itertools.combinations(ids, 1), itertools.combinations(ids, 2)
    ):
        text = assess(list(ticked)).explanation
        assert "None" not in text and "Suggested routine: ." not in text, ticked


def test_an_unknown_id_names_every_valid_one():
    valid = ", ".join(TIGHT + WEAK + CONTEXT + FLAGS)
    with pytest.raises(AssessmentError) as err:
        assess(["knee-ache"])
    assert str(err.value) == f"'knee-ache' is not on the checklist. Use one of: {valid}"


def test_as_record_without_notes_has_empty_notes():
    when = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))
    assert assess([]).as_record(when)["notes"] == ""


def test_as_record_now_is_to_the_second():
    assert assess([]).as_record()["taken_at"].microsecond == 0


def test_sitting_without_an_active_habit_gets_no_after_workout_word():
    # tight and sits long: the desk routine; nothing active ticked, so neither the
    # after-workout routine nor the warm-up is mentioned
    text = assess(["tight-hips-groin", "sits-long"]).explanation
    assert text == (
        "Stretch-focused: you ticked 1 sign of tightness (tight hips or groin) and none of "
        "weakness. Suggested routine: 'Desk reset'. Stretching alone is not the whole "
        "answer: the article advises balancing it with strengthening, so add the "
        "'Strength builder' routine as well. " + HABITS.format("sitting for long periods")
    )
