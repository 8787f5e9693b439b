"""Issue 16: the holes found by attacking the journal, each closed and tested for real.

Long notes, stray quotes, symlinks, private modes, formula-safe exports, a refused append
that must leave the file as it was, CR-only files, and a check() that never raises.
"""

from __future__ import annotations

import csv
import os
import stat
import subprocess
import sys
import textwrap
import warnings
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from psoas_lib import Journal, JournalError, JournalWarning
from psoas_lib.journal.reading import scan_table
from psoas_lib.journal.schema import SESSIONS
from psoas_lib.journal.writing import MAX_TEXT

PARIS = timezone(timedelta(hours=1))
HEADER = (
    "started_at,routine_id,planned_s,completed_s,exercises_done,tightness_before,"
    "tightness_after,pain_stop,notes,format\n"
)
ROW1 = "2026-03-02T07:30:00+01:00,desk-reset,480,480,knee-to-chest;low-lunge,6,4,false,,1\n"


def _session(journal: Journal, day: int = 2, **changes: object) -> None:
    fields: dict[str, object] = dict(
        started_at=datetime(2026, 3, day, 7, 30, tzinfo=PARIS),
        routine_id="desk-reset",
        planned_s=480,
        completed_s=480,
        exercises_done=["knee-to-chest"],
    )
    fields.update(changes)
    journal.add_session(**fields)  # type: ignore[arg-type]


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# ----------------------------------------------------------------- item 2: long notes


def test_the_exact_reader_reads_cells_longer_than_the_csv_modules_default() -> None:
    # 200,000 characters is over csv's default field limit of 131,072; an empty format cell
    # (a hand-typed line) sends the file to the exact reader, which used to refuse it.
    long = "x" * 200_000
    text = HEADER + ROW1.replace(",,1\n", f",{long},\n")
    table = scan_table(text.encode(), "sessions.csv", SESSIONS, exact=True)
    assert table.errors == [] and table.frame.notes[0] == long
    assert csv.field_size_limit() >= 200_000


def test_a_note_over_the_limit_is_refused_before_writing(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    with pytest.raises(JournalError, match=rf"notes.*at most {MAX_TEXT:,} characters"):
        _session(journal, notes="y" * (MAX_TEXT + 1))
    assert not journal.sessions_path.exists()
    _session(journal, notes="y" * MAX_TEXT)  # the limit itself is accepted and loads back
    assert journal.sessions().notes[0] == "y" * MAX_TEXT


# Up to the limit, and far over it (150,000 is past the csv module's default field limit).
_note = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300) | st.sampled_from(
    ["z" * MAX_TEXT, "w" * 150_000]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notes=st.lists(_note, min_size=1, max_size=3), cut=st.integers(min_value=1))
def test_anything_accepted_loads_back_through_both_readers_after_any_tear(
    tmp_path_factory: pytest.TempPathFactory, notes: list[str], cut: int
) -> None:
    home = tmp_path_factory.mktemp("j")
    journal = Journal(home)
    accepted = []
    for day, note in enumerate(notes, start=1):
        try:
            _session(journal, day=day, notes=note)
        except JournalError:
            assert len(note) > MAX_TEXT  # refused, clearly, before writing: only over the limit
            continue
        accepted.append(note)
    if not accepted:
        assert not journal.sessions_path.exists()
        return
    notes = accepted
    raw = journal.sessions_path.read_bytes()
    written = [" ".join(n.splitlines()) if ("\n" in n or "\r" in n) else n for n in notes]
    for exact in (False, True):
        table = scan_table(raw, "s.csv", SESSIONS, exact=exact)
        assert table.errors == [] and table.frame.notes.tolist() == written
    # tear the last line anywhere: every earlier entry still loads, through the exact reader
    last_start = raw.rstrip(b"\n").rfind(b"\n") + 1
    torn = raw[: last_start + cut % (len(raw) - last_start)]
    table = scan_table(torn, "s.csv", SESSIONS, exact=True)
    assert table.errors == []
    assert table.frame.notes.tolist()[: len(notes) - 1] == written[:-1]


# ----------------------------------------------------------------- item 3: stray quote


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_an_append_after_a_stray_quote_keeps_the_journal_loadable(
    psoas_home: Path, newline: str
) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes((HEADER + ROW1 + '"\n').replace("\n", newline).encode())
    assert len(journal.sessions()) == 1  # loads today: the quote line reads as blank
    _session(journal, day=5, notes="after the quote")
    frame = journal.sessions()
    assert frame.notes.tolist() == ["", "after the quote"]
    _session(journal, day=6)
    assert len(journal.sessions()) == 3


_line = st.sampled_from(
    [ROW1, ROW1.replace(",,1", ',"a, b",1'), '"\n', "\n", '""\n', ",,,,,,,,,\n", ROW1[:20]]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    lines=st.lists(_line, max_size=5),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    end=st.sampled_from(["", '"', "x", '"x']),
)
def test_appending_to_any_loadable_journal_keeps_it_loadable(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], newline: str, end: str
) -> None:
    home = tmp_path_factory.mktemp("j")
    journal = Journal(home)
    days = [f"2026-03-{d:02d}" for d in range(10, 10 + len(lines))]
    body = "".join(line.replace("2026-03-02", day) for line, day in zip(lines, days, strict=True))
    journal.sessions_path.write_bytes((HEADER + body + end).replace("\n", newline).encode())
    with warnings.catch_warnings():
        # a generated last line may be torn: loading warns about it (JournalWarning), as it should
        warnings.simplefilter("ignore", JournalWarning)
        try:
            before = len(journal.sessions())
        except JournalError:
            return  # not loadable to begin with: nothing to keep
        _session(journal, day=28, notes="new")
        frame = journal.sessions()
    assert len(frame) == before + 1 and frame.notes.tolist()[-1] == "new"


# ----------------------------------------------------------------- item 5: symlinks


def test_repair_writes_through_a_link_and_keeps_the_backup_beside_the_target(
    psoas_home: Path, tmp_path: Path
) -> None:
    synced = tmp_path / "Sync"
    synced.mkdir()
    real = synced / "sessions.csv"
    real.write_bytes((HEADER + ROW1 + ROW1).encode())  # a copy: repair removes it
    journal = Journal(psoas_home)
    journal.sessions_path.symlink_to(real)
    [done] = journal.repair()
    assert journal.sessions_path.is_symlink()
    assert real.read_bytes() == (HEADER + ROW1).encode()
    assert (
        done.backup.parent == synced and done.backup.read_bytes() == (HEADER + ROW1 + ROW1).encode()
    )
    _session(journal, day=9)  # later entries still reach the synced copy
    assert len(real.read_text().splitlines()) == 3


def test_a_dangling_link_is_a_clear_error(psoas_home: Path, tmp_path: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.symlink_to(tmp_path / "unplugged" / "sessions.csv")
    with pytest.raises(JournalError, match=r"a link to .*unplugged.*which does not exist"):
        journal.sessions()
    with pytest.raises(JournalError, match="which does not exist"):
        _session(journal)
    [problem] = journal.check()
    assert "which does not exist" in str(problem)


# ----------------------------------------------------------------- item 7: private modes


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_the_data_folder_and_journal_files_are_private(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        home = tmp_path / "new" / "psoas"
        journal = Journal(home)
        _session(journal)
        journal.add_assessment(
            taken_at=datetime(2026, 3, 2, tzinfo=PARIS),
            ticked=[],
            tightness=0,
            weakness=0,
            recommendation="",
        )
        assert mode(home) == 0o700 and mode(home.parent) == 0o700
        for path in home.iterdir():
            assert mode(path) == 0o600, path.name  # both journals and their lock files
        exported = journal.export_csv(tmp_path / "out" / "copy.csv")
        assert mode(exported) == 0o600
    finally:
        os.umask(old)


def test_an_existing_loose_mode_is_kept_and_reported_by_check(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_text(HEADER + ROW1 + ROW1)
    os.chmod(journal.sessions_path, 0o644)
    _session(journal, day=9)
    journal.repair()
    assert mode(journal.sessions_path) == 0o644  # never changed behind the user's back
    [problem] = [p for p in journal.check() if "other users" in p.what]
    assert problem.level == "note" and "chmod 600" in problem.fix


# ----------------------------------------------------------------- item 9: formula-safe


def test_export_csv_writes_formulas_as_text_and_leaves_the_journal_alone(
    psoas_home: Path, tmp_path: Path
) -> None:
    journal = Journal(psoas_home)
    risky = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "fine = ok"]
    for day, note in enumerate(risky, start=1):
        _session(journal, day=day, notes=note)
    out = journal.export_csv(tmp_path / "export.csv")
    with open(out, newline="", encoding="utf-8") as f:
        cells = [row["notes"] for row in csv.DictReader(f)]
    # OWASP: a leading apostrophe makes a spreadsheet show the cell as text
    assert cells == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "'\tx", "fine = ok"]
    assert journal.sessions().notes.tolist() == risky  # the journal keeps what was written


# ----------------------------------------------------------------- item 10: the smaller ones


def test_check_never_raises_when_the_file_is_a_folder(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.mkdir()
    [problem] = journal.check()
    assert problem.level == "error" and "cannot read it" in str(problem)


_FULL_DISK = textwrap.dedent("""
    import resource, signal, sys
    from datetime import datetime, timedelta, timezone
    from psoas_lib import Journal, JournalError
    home, what = sys.argv[1], sys.argv[2]
    journal = Journal(home)
    size = journal.sessions_path.stat().st_size
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)       # a write past the limit fails (EFBIG)
    limit = size + 40 if what == "append" else size // 2    # repair: the backup does not fit
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        if what == "append":
            journal.add_session(started_at=datetime(2026, 3, 9, tzinfo=timezone.utc),
                                routine_id="desk-reset", planned_s=1, completed_s=1,
                                exercises_done=[], notes="n" * 500)
        else:
            journal.repair()
    except JournalError as exc:
        print("JournalError", exc)
    except BaseException as exc:
        print("other", type(exc).__name__, exc)
""")


def _full_disk(home: Path, what: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, str(home), what],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.slow
def test_a_refused_append_leaves_the_file_byte_for_byte(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_text(HEADER + ROW1)
    before = journal.sessions_path.read_bytes()
    out = _full_disk(psoas_home, "append")  # 40 bytes fit, the 560-byte entry does not
    assert out.startswith("JournalError") and "NOT" in out
    assert journal.sessions_path.read_bytes() == before


@pytest.mark.slow
def test_repair_on_a_refusing_disk_raises_a_journal_error(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_text(HEADER + ROW1 * 30)  # copies: repair must write
    before = journal.sessions_path.read_bytes()
    out = _full_disk(psoas_home, "repair")
    assert out.startswith("JournalError") and "repair() did not change the file" in out
    assert journal.sessions_path.read_bytes() == before


def test_appends_keep_a_cr_only_files_line_ends(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes((HEADER + ROW1).replace("\n", "\r").encode())
    _session(journal, day=9)
    _session(journal, day=10)
    raw = journal.sessions_path.read_bytes()
    assert b"\n" not in raw and raw.count(b"\r") == 4
    assert len(journal.sessions()) == 3


def test_the_utf16_message_says_how_to_save_as_utf8(psoas_home: Path) -> None:
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes((HEADER + ROW1).encode("utf-16"))
    with pytest.raises(JournalError, match=r"UTF-16.*[Ss]ave it as UTF-8"):
        journal.sessions()
