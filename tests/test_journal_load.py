"""Loading journal files: every kind of bad input from the issue, normalisations, fuzzing."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas_lib import Journal, JournalError
from psoas_lib.journal.reading import empty_frame, scan_table
from psoas_lib.journal.schema import ASSESSMENTS, SESSIONS

HEADER = (
    "started_at,routine_id,planned_s,completed_s,exercises_done,tightness_before,"
    "tightness_after,pain_stop,notes,format\n"
)
ROW1 = "2026-03-02T07:30:00+01:00,desk-reset,480,480,knee-to-chest;low-lunge,6,4,false,,1\n"
ROW2 = "2026-03-04T18:05:00+01:00,strength-builder,490,300,ground-bridge,5,,true,ouch,1\n"


@pytest.fixture(autouse=True)
def _private_umask():
    """Files these tests write by hand are private, as the workbook's own are: a loose mode
    is a note of its own in check(), tested in test_journal_reliability.py."""
    old = os.umask(0o077)
    yield
    os.umask(old)


def _write(home: Path, data: bytes) -> Journal:
    journal = Journal(home)
    journal.sessions_path.write_bytes(data)
    return journal


# Files that load, with the normalisation docs/journal.md documents. Expected rows by hand.
LOADS = [
    ("plain", HEADER + ROW1 + ROW2, 2),
    ("byte-order mark", "\ufeff" + HEADER + ROW1 + ROW2, 2),
    ("CRLF line ends", (HEADER + ROW1 + ROW2).replace("\n", "\r\n"), 2),
    (
        "semicolon export",
        (HEADER + ROW1 + ROW2)
        .replace(",", ";")
        .replace("knee-to-chest;low-lunge", '"knee-to-chest;low-lunge"'),
        2,
    ),
    ("blank lines", "\n" + HEADER + "\n" + ROW1 + "\n\n   \n" + ROW2 + "\n", 2),
    ("empty spreadsheet row", HEADER + ROW1 + ",,,,,,,,,\n" + ROW2, 2),
    ("empty file", "", 0),
    ("header only", HEADER, 0),
    ("no final line end", HEADER + ROW1 + ROW2.rstrip("\n"), 2),
    ("exact duplicate line", HEADER + ROW1 + ROW2 + ROW1, 2),
    ("header in capitals, spaces", HEADER.upper().replace(",", " , ") + ROW1, 1),
    (
        "columns reordered",
        "routine_id,started_at,planned_s,completed_s,exercises_done,"
        "tightness_before,tightness_after,pain_stop,notes,format\n"
        "desk-reset,2026-03-02T07:30:00+01:00,480,480,knee-to-chest;low-lunge,6,4,false,,1\n",
        1,
    ),
    ("extra column", HEADER.replace("notes,", "notes,mood,") + ROW1.replace(",,1", ",,good,1"), 1),
    ("no format column", HEADER.replace(",format", "") + ROW1.replace(",,1", ","), 1),
    (
        "spreadsheet values",
        HEADER + ROW1.replace(",480,480,", ",480.0, 480 ,").replace(",false,", ",FALSE,"),
        1,
    ),
    ("UTC written as Z", HEADER + ROW1.replace("+01:00", "Z"), 1),
    ("basic offset +0100", HEADER + ROW1.replace("+01:00", "+0100"), 1),
    ("empty format cell", HEADER + ROW1.replace(",,1\n", ",,\n"), 1),
    ("quoted line break in notes", HEADER + ROW1.replace(",,1", ',"two\nlines",1'), 1),
]


@pytest.mark.parametrize(("name", "text", "rows"), LOADS, ids=[c[0] for c in LOADS])
def test_files_that_load_with_a_normalisation(
    psoas_home: Path, name: str, text: str, rows: int
) -> None:
    raw = text.encode("utf-8")
    journal = _write(psoas_home, raw)
    frame = journal.sessions()
    assert len(frame) == rows
    assert journal.sessions_path.read_bytes() == raw
    if rows:
        first = frame.iloc[0]
        assert str(first.started_at)[:16] in ("2026-03-02 06:30", "2026-03-02 07:30")
        assert first.routine_id == "desk-reset"
        assert first.planned_s == 480


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("true", True),
        ("TRUE", True),
        ("yes", True),
        ("1", True),
        ("False", False),
        ("no", False),
        ("0", False),
        ("", False),
        (" false ", False),
    ],
)
def test_pain_stop_spellings(psoas_home: Path, cell: str, value: bool) -> None:
    journal = _write(psoas_home, (HEADER + ROW1.replace(",false,", f",{cell},")).encode())
    assert journal.sessions().pain_stop.tolist() == [value]


def test_offsets_are_kept_in_minutes(psoas_home: Path) -> None:
    rows = [
        ROW1.replace("+01:00", off).replace("03-02", f"03-0{n}")
        for n, off in enumerate(["Z", "+0530", "-03:30", "+14:00"], start=2)
    ]
    frame = _write(psoas_home, (HEADER + "".join(rows)).encode()).sessions()
    assert frame.utc_offset_min.tolist() == [0, 330, -210, 840]
    assert frame.started_at[1] == pd.Timestamp("2026-03-03 02:00", tz="UTC")


def test_normalised_values_are_the_written_ones(psoas_home: Path) -> None:
    text = (HEADER + ROW1 + ROW2).replace("\n", "\r\n")
    frame = _write(psoas_home, ("\ufeff" + text).encode()).sessions()
    assert frame.started_at.tolist() == [
        pd.Timestamp("2026-03-02 06:30", tz="UTC"),
        pd.Timestamp("2026-03-04 17:05", tz="UTC"),
    ]
    assert frame.utc_offset_min.tolist() == [60, 60]
    assert frame.exercises_done.tolist() == ["knee-to-chest;low-lunge", "ground-bridge"]
    assert frame.tightness_after.tolist() == [4, pd.NA]
    assert frame.pain_stop.tolist() == [False, True]
    assert frame.notes.tolist() == ["", "ouch"]


# Files that raise: (name, text, line, column named in the message, words of the fix).
FAILS = [
    ("missing header", ROW1 + ROW2, 1, "column A", "Add this line at the top"),
    (
        "misspelled column",
        HEADER.replace("routine_id", "routine_ib") + ROW1,
        1,
        "column B (routine_ib)",
        "Rename it to 'routine_id'",
    ),
    (
        "missing column",
        HEADER.replace("notes,", "") + ROW1.replace(",,1", ",1"),
        1,
        "'notes'",
        "Add the column 'notes'",
    ),
    (
        "column twice",
        HEADER.replace("notes,", "notes,notes,") + ROW1.replace(",,1", ",,,1"),
        1,
        "column J (notes)",
        "Delete or rename one",
    ),
    (
        "unparseable date",
        HEADER + ROW1 + ROW2.replace("2026-03-04T18:05:00+01:00", "04/03/2026 18:05"),
        3,
        "column A (started_at)",
        "YYYY-MM-DDTHH:MM:SS+HH:MM",
    ),
    (
        "date without offset",
        HEADER + ROW1 + ROW2.replace("+01:00", ""),
        3,
        "column A (started_at)",
        "Add the offset",
    ),
    (
        "negative duration",
        HEADER + ROW1 + ROW2.replace(",300,", ",-300,"),
        3,
        "column D (completed_s)",
        "0 or more",
    ),
    (
        "non-numeric duration",
        HEADER + ROW1.replace(",480,480,", ",eight min,480,") + ROW2,
        2,
        "column C (planned_s)",
        "Write digits only",
    ),
    (
        "absurd duration",
        HEADER + ROW1.replace(",480,480,", ",480,99999999999999999,"),
        2,
        "column D (completed_s)",
        "Check the number",
    ),
    (
        "fractional duration",
        HEADER + ROW1.replace(",480,480,", ",480,479.5,"),
        2,
        "column D (completed_s)",
        "Write digits only",
    ),
    (
        "rating above 10",
        HEADER + ROW1.replace(",6,4,", ",6,11,"),
        2,
        "column G (tightness_after)",
        "from 0 to 10",
    ),
    (
        "negative rating",
        HEADER + ROW1 + ROW2.replace(",5,,", ",-1,,"),
        3,
        "column F (tightness_before)",
        "from 0 to 10",
    ),
    (
        "text rating",
        HEADER + ROW1.replace(",6,4,", ",high,4,"),
        2,
        "column F (tightness_before)",
        "from 0 to 10",
    ),
    (
        "bad flag",
        HEADER + ROW1.replace(",false,", ",maybe,"),
        2,
        "column H (pain_stop)",
        "Write true or false",
    ),
    (
        "empty routine id",
        HEADER + ROW1.replace(",desk-reset,", ",,"),
        2,
        "column B (routine_id)",
        "Write the id there",
    ),
    (
        "newer format",
        HEADER + ROW1.replace(",,1\n", ",,2\n"),
        2,
        "column J (format)",
        "Update the workbook",
    ),
    (
        "same session, different values",
        HEADER + ROW1 + ROW2 + ROW1.replace(",,1", ",hi,1"),
        4,
        "column A (started_at)",
        "keeps the first",
    ),
    (
        "too many cells",
        HEADER + ROW1.replace(",,1", ",a,b,1"),
        2,
        "line 2",
        "Put quotes around text",
    ),
    (
        "short line in the middle",
        HEADER + ROW1[:40] + "\n" + ROW2,
        2,
        "column D (completed_s)",
        "Fill in the missing cells",
    ),
    (
        "unclosed quote in the middle",
        HEADER + ROW1.replace(",,1", ',"oops,1') + ROW2,
        2,
        "line 2",
        "closing quote",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "column", "fix"), FAILS, ids=[c[0] for c in FAILS]
)
def test_bad_input_names_file_line_column_and_fix(
    psoas_home: Path, name: str, text: str, line: int, column: str, fix: str
) -> None:
    raw = text.encode("utf-8")
    journal = _write(psoas_home, raw)
    with pytest.raises(JournalError) as caught:
        journal.sessions()
    message = str(caught.value)
    assert str(journal.sessions_path) in message
    assert f"line {line}" in message
    assert column in message
    assert fix in message
    assert journal.sessions_path.read_bytes() == raw
    assert any(p.level == "error" for p in journal.check())


def test_non_utf8_bytes_name_line_and_column(psoas_home: Path) -> None:
    raw = (HEADER + ROW1).encode() + ROW2.replace("ouch", "aïe").encode("latin-1")
    journal = _write(psoas_home, raw)
    with pytest.raises(JournalError) as caught:
        journal.sessions()
    message = str(caught.value)
    assert f"{journal.sessions_path}, line 3, column I (notes)" in message
    assert "0xef" in message and "CSV UTF-8" in message
    assert journal.sessions_path.read_bytes() == raw


def test_check_lists_every_line_that_is_not_utf8(psoas_home: Path) -> None:
    rows = [
        ROW1,
        ROW2.replace("ouch", "aïe"),
        ROW1.replace("03-02", "03-07").replace(",,1", ",café,1"),
    ]
    raw = HEADER.encode() + b"".join(r.encode("cp1252") for r in rows)
    found = [(p.line, p.column) for p in _write(psoas_home, raw).check()]
    assert found == [(3, "notes"), (4, "notes")]


def test_check_lists_every_problem_at_once(psoas_home: Path) -> None:
    text = (
        HEADER
        + ROW1.replace(",480,480,", ",-1,480,")
        + ROW2.replace("+01:00", "")
        + ROW1.replace("03-02", "03-05").replace(",6,4,", ",6,12,")
    )
    journal = _write(psoas_home, text.encode())
    found = [(p.line, p.column, p.level) for p in journal.check()]
    assert found == [
        (2, "planned_s", "error"),
        (3, "started_at", "error"),
        (4, "tightness_after", "error"),
    ]
    with pytest.raises(JournalError, match="2 more problems"):
        journal.sessions()


def test_unknown_ids_load_and_check_reports_them(psoas_home: Path) -> None:
    text = (
        HEADER
        + ROW1.replace("desk-reset", "my-old-routine")
        + ROW2.replace("ground-bridge", "ground-bridge;hip-hinge")
    )
    journal = _write(psoas_home, text.encode())
    assert journal.sessions().routine_id.tolist() == ["my-old-routine", "strength-builder"]
    found = [(p.line, p.column, p.level, p.what.split(";")[0]) for p in journal.check()]
    assert found == [
        (2, "routine_id", "note", "unknown routine 'my-old-routine'"),
        (3, "exercises_done", "note", "unknown exercise 'hip-hinge'"),
    ]


def test_exact_duplicate_is_read_once_and_noted(psoas_home: Path) -> None:
    journal = _write(psoas_home, (HEADER + ROW1 + ROW1).encode())
    assert len(journal.sessions()) == 1
    notes = [(p.line, p.level) for p in journal.warnings]
    assert notes == [(3, "note")]
    assert "a copy of line 2" in str(journal.warnings[0])


def test_the_same_instant_in_two_offsets_is_one_session(psoas_home: Path) -> None:
    other = ROW1.replace("07:30:00+01:00", "06:30:00Z").replace(",,1", ",,1")
    journal = _write(psoas_home, (HEADER + ROW1 + other).encode())
    assert len(journal.sessions()) == 1


def test_empty_frames_have_the_documented_dtypes(psoas_home: Path) -> None:
    frame = Journal(psoas_home).sessions()
    assert list(frame.columns) == [
        "started_at",
        "utc_offset_min",
        "routine_id",
        "planned_s",
        "completed_s",
        "exercises_done",
        "tightness_before",
        "tightness_after",
        "pain_stop",
        "notes",
    ]
    assert (
        str(frame.started_at.dtype).startswith("datetime64")
        and str(frame.started_at.dt.tz) == "UTC"
    )
    assert frame.planned_s.dtype == "int64" and frame.utc_offset_min.dtype == "int64"
    assert frame.tightness_before.dtype == "Int64" and frame.pain_stop.dtype == bool
    assessments = Journal(psoas_home).assessments()
    assert list(assessments.columns) == [
        "taken_at",
        "utc_offset_min",
        "ticked",
        "tightness",
        "weakness",
        "recommendation",
        "routine_id",
        "notes",
    ]


def _check_frame(frame: pd.DataFrame, schema_name: str) -> None:
    expected = empty_frame(SESSIONS if schema_name == "sessions" else ASSESSMENTS)
    for col in expected.columns:
        assert frame[col].dtype == expected[col].dtype, col
    assert str(frame.iloc[:, 0].dt.tz) == "UTC"
    if schema_name == "sessions" and len(frame):
        assert (frame.planned_s >= 0).all() and (frame.completed_s >= 0).all()
        rated = frame.tightness_before.dropna()
        assert ((rated >= 0) & (rated <= 10)).all()


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_give_a_journal_error_or_a_valid_frame(data: bytes) -> None:
    try:
        table = scan_table(data, "fuzz.csv", SESSIONS)
        table.raise_errors()
    except JournalError:
        return
    _check_frame(table.frame, "sessions")


_CELL = st.text(
    alphabet=st.sampled_from(list('0123456789:+-TZ.,;" \r\n\ufeffé\x00ab')), max_size=12
)
_GOOD = st.sampled_from([ROW1, ROW2, ROW1.replace("+01:00", "-05:30")])


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(_GOOD, st.lists(_CELL, max_size=11).map(",".join)), max_size=6),
    st.booleans(),
)
def test_near_valid_files_give_a_journal_error_or_a_valid_frame(
    lines: list[str], newline: bool
) -> None:
    text = HEADER + "\n".join(line.rstrip("\n") for line in lines) + ("\n" if newline else "")
    raw = text.encode("utf-8")
    try:
        fast = scan_table(raw, "fuzz.csv", SESSIONS)
        fast.raise_errors()
    except JournalError:
        return
    _check_frame(fast.frame, "sessions")
    exact = scan_table(raw, "fuzz.csv", SESSIONS, exact=True)
    pd.testing.assert_frame_equal(fast.frame, exact.frame)


@settings(max_examples=100, deadline=None)
@given(st.lists(_GOOD, min_size=1, max_size=5, unique=True))
def test_fast_and_exact_reads_agree_on_valid_files(rows: list[str]) -> None:
    raw = (HEADER + "".join(rows)).encode()
    fast = scan_table(raw, "x.csv", SESSIONS)
    exact = scan_table(raw, "x.csv", SESSIONS, exact=True)
    assert fast.problems == [] and exact.problems == []
    pd.testing.assert_frame_equal(fast.frame, exact.frame)
