"""form_checks.csv: what Check my form kept, with the journal's guarantees (one write under the
lock, validated on load by file, line and column, check, repair, export and merge)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone

import pytest

from psoas_lib.journal.checkpoint import Checkpoints
from psoas_lib.journal.schema import FORM_CHECKS, SESSIONS
from psoas_lib.journal.store import FormCheckRow, Journal, JournalError

PARIS = timezone(timedelta(hours=1))
WHEN = datetime(2026, 3, 9, 18, 0, tzinfo=PARIS)
HEADER = (
    "started_at,routine_id,exercise_id,judged_s,in_position_s,not_sure_s,angle,angle_deg,format\n"
)
LUNGE = FormCheckRow("low-lunge", 50, 41, 4, "hip:back", 196.4)
BRIDGE = FormCheckRow("ground-bridge", 30, 30, 0)


def test_one_line_per_exercise_numbers_only(psoas_home):
    journal = Journal(psoas_home)
    journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[LUNGE, BRIDGE])
    assert journal.form_checks_path.read_text(encoding="utf-8") == HEADER + (
        "2026-03-09T18:00:00+01:00,desk-reset,low-lunge,50,41,4,hip:back,196,1\n"
        "2026-03-09T18:00:00+01:00,desk-reset,ground-bridge,30,30,0,,,1\n"
    )
    frame = journal.form_checks()
    assert list(frame.exercise_id) == ["low-lunge", "ground-bridge"]
    assert int(frame.in_position_s[0]) == 41 and int(frame.angle_deg[0]) == 196
    assert frame.angle_deg.isna().tolist() == [False, True]
    assert journal.check() == []


def test_nothing_kept_writes_no_file(psoas_home):
    journal = Journal(psoas_home)
    journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[])
    assert not journal.form_checks_path.exists()
    assert journal.form_checks().empty


@pytest.mark.parametrize(
    ("row", "named"),
    [
        (FormCheckRow("low-lunge", 10, 12, 0), "in_position_s=12"),
        (FormCheckRow("low-lunge", -1, 0, 0), "judged_s=-1"),
        (FormCheckRow("", 10, 5, 0), "exercise_id=''"),
        (FormCheckRow("low-lunge", 10, 5, 0, "hip:back", 400.0), "angle_deg=400.0"),
        (FormCheckRow("low-lunge", 10, 5, 2.5), "not_sure_s=2.5"),  # type: ignore[arg-type]
    ],
)
def test_bad_values_are_refused_by_name_and_nothing_is_written(psoas_home, row, named):
    journal = Journal(psoas_home)
    with pytest.raises(JournalError, match="not saved") as err:
        journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[BRIDGE, row])
    assert named in str(err.value)
    assert not journal.form_checks_path.exists()


def test_a_session_kept_twice_is_refused_and_the_file_still_loads(psoas_home):
    journal = Journal(psoas_home)
    journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[LUNGE])
    with pytest.raises(JournalError, match="is in the journal already"):
        journal.add_form_checks(
            started_at=WHEN.astimezone(UTC), routine_id="desk-reset", rows=[BRIDGE]
        )
    journal.add_form_checks(started_at=WHEN, routine_id="other", rows=[BRIDGE])  # another
    assert list(journal.form_checks().exercise_id) == ["low-lunge", "ground-bridge"]


def test_an_exercise_named_twice_is_refused(psoas_home):
    with pytest.raises(JournalError, match="named twice"):
        Journal(psoas_home).add_form_checks(
            started_at=WHEN, routine_id="desk-reset", rows=[LUNGE, LUNGE]
        )


@pytest.mark.parametrize(
    ("cells", "column", "words"),
    [
        ("low-lunge,50,41,4,hip:back,400", "column H (angle_deg)", "'400' is not a whole angle"),
        ("low-lunge,50,41,4,hip:back,12.5", "column H (angle_deg)", "not a whole angle"),
        ("low-lunge,fifty,41,4,,", "column D (judged_s)", "not a whole number of seconds"),
        (",50,41,4,,", "column C (exercise_id)", "the exercise_id is missing"),
    ],
)
def test_a_bad_cell_is_named_by_file_line_and_column(psoas_home, cells, column, words):
    journal = Journal(psoas_home)
    journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[BRIDGE])
    with open(journal.form_checks_path, "a", encoding="utf-8") as out:
        out.write(f"2026-03-10T18:00:00+01:00,desk-reset,{cells},1\n")
    with pytest.raises(JournalError) as err:
        journal.form_checks()
    assert str(err.value).startswith(f"{journal.form_checks_path}, line 3, {column}: ")
    assert words in str(err.value)
    assert [p.line for p in journal.check()] == [3]


def test_repair_drops_a_torn_line_after_a_backup(psoas_home):
    journal = Journal(psoas_home)
    journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[LUNGE])
    with open(journal.form_checks_path, "ab") as out:
        out.write(b"2026-03-10T18:00:00+01:00,desk-re")
    with pytest.warns(UserWarning, match="line 3"):
        assert len(journal.form_checks()) == 1
    (done,) = journal.repair()
    assert done.path == journal.form_checks_path and done.backup.exists()
    assert journal.form_checks_path.read_text(encoding="utf-8").count("\n") == 2
    assert journal.check() == []


def test_export_and_merge_round_trip(psoas_home, tmp_path):
    journal = Journal(psoas_home)
    journal.add_form_checks(started_at=WHEN, routine_id="desk-reset", rows=[LUNGE, BRIDGE])
    records = json.loads(journal.export_json(tmp_path / "f.json", "form_checks").read_text())
    assert records[0]["angle_deg"] == 196 and records[1]["angle_deg"] is None
    assert records[0]["judged_s"] == 50 and records[0]["angle"] == "hip:back"
    exported = journal.export_csv(tmp_path / "f.csv", "form_checks")
    other = Journal(tmp_path / "other")
    assert other.merge(exported, "form_checks") == 2
    assert other.merge(exported, "form_checks") == 0  # the same entries are there already
    mine = journal.form_checks()[list(FORM_CHECKS.names)]
    theirs = other.form_checks()[list(FORM_CHECKS.names)]
    assert mine.equals(theirs)


@pytest.mark.parametrize(
    ("name", "text", "column"),
    [
        ("form_checks.csv", "2026-03-09T18:00:00+01:00,d,low-lunge,5,5,0,hip:back,190.5,1", "H"),
        ("sessions.csv", "2026-03-09T18:00:00+01:00,desk-reset,600,540,,5.5,4,false,,1", "F"),
    ],
)
def test_a_fraction_in_a_whole_number_or_empty_column_is_named_not_a_crash(
    psoas_home, name, text, column
):
    # both kinds (angle, rating) share the fast path that once raised a TypeError here
    journal = Journal(psoas_home)
    schema = "form_checks" if name == "form_checks.csv" else "sessions"
    header = HEADER if schema == "form_checks" else SESSIONS.header_line + "\n"
    (psoas_home / name).write_text(header + text + "\n", encoding="utf-8")
    with pytest.raises(JournalError, match=rf"{name}, line 2, column {column} "):
        getattr(journal, schema)()


def test_a_checkpoints_form_check_is_recovered_once_and_a_bad_one_left_in_place(psoas_home):
    store = Checkpoints(psoas_home)
    good = store.start("desk-reset", "Desk reset", planned_s=480, started_at=WHEN)
    store.keep_form(good, [BRIDGE])
    store.keep_form(good, [LUNGE, BRIDGE])  # replaces the last save whole
    with pytest.raises(JournalError, match="in_position_s=12"):
        store.keep_form(good, [FormCheckRow("low-lunge", 10, 12, 0)])
    assert store.recover(good)
    assert list(Journal(psoas_home).form_checks().exercise_id) == ["low-lunge", "ground-bridge"]
    assert not store.form_path(good).exists()
    bad = store.start("desk-reset", "Desk reset", planned_s=480, started_at=WHEN + timedelta(1))
    store.keep_form(bad, [LUNGE])
    path = store.form_path(bad)
    path.write_text(path.read_text().replace(",50,41,", ",50,fifty,"))
    assert store.recover(bad)  # the session is logged...
    assert len(Journal(psoas_home).sessions()) == 2
    assert len(Journal(psoas_home).form_checks()) == 2  # ...its unreadable form check is not
    assert path.exists()  # and stays, for the person to look at
