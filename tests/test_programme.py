"""The programme a physiotherapist hands out (psoas_lib/plan/programme.py), with real files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from psoas_lib.content.catalog import load_catalog, user_routines_dir
from psoas_lib.plan.programme import (
    PROGRAMME_FILE,
    import_programme,
    installed_programme,
    read_programme,
    write_programme,
)
from psoas_lib.plan.weekly import PlanError, load_plan

GOOD = """\
[programme]
therapist = "Ana Silva"
note = "Gently: three times a week."
start = 2026-12-07

[[routine]]
id = "ana-hips"
name = "Ana's hips"
items = [{ exercise = "kneeling-hip-flexor-stretch", hold_s = 30 }, { exercise = "low-lunge" }]

[[day]]
weekday = "mon"
time = "18:30"
routine = "ana-hips"

[[day]]
weekday = "wed"
time = "18:30"
routine = "desk-reset"

[[day]]
weekday = "fri"
time = "07:00"
routine = "ana-hips"
"""


def _file(tmp_path: Path, text: str, name: str = "programme.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_programme_reads_with_its_routines_plan_and_note(tmp_path: Path) -> None:
    prog = read_programme(_file(tmp_path, GOOD))
    assert (prog.therapist, prog.start, prog.allow_beyond_top_dose) == (
        "Ana Silva",
        date(2026, 12, 7),
        False,
    )
    assert [r.id for r in prog.routines] == ["ana-hips"]
    assert [(d.weekday, f"{d.time:%H:%M}", d.routine_id) for d in prog.plan.days] == [
        ("mon", "18:30", "ana-hips"),
        ("wed", "18:30", "desk-reset"),
        ("fri", "07:00", "ana-hips"),
    ]


# Each bad edit, the line it is on (counted in GOOD above) and words the message must have.
BAD = [
    ('therapist = "Ana Silva"', 'therapist = ""', 2, "therapist"),
    ("start = 2026-12-07", 'start = "next monday"', 4, "start"),
    ("start = 2026-12-07", "start = 2026-12-07\nteam = 1", 5, "unknown field 'team'"),
    # kneeling-hip-flexor-stretch: the article's hold is 30 s, so 45 s is above its top dose
    ("hold_s = 30 }", "hold_s = 45 }", 9, "above the article's top dose of 30"),
    # low-lunge is 1 round a side: 3 sets is more
    ('{ exercise = "low-lunge" }', '{ exercise = "low-lunge", sets = 3 }', 9, "sets = 3"),
    ('routine = "desk-reset"', 'routine = "nope"', 19, "unknown routine 'nope'"),
    ('id = "ana-hips"', 'id = "desk-reset"', 7, "preset routine"),
    # issue 14's limits hold in a programme too (even with allow_beyond_top_dose)
    ('name = "Ana\'s hips"', 'name = "Ana\'s hips"\nrest_s = 2', 9, "at least 5"),
    # (the catalog's own check: it points at the routine's id line for an inline item)
    ("hold_s = 30 }", "hold_s = 150 }", 7, "Use at most 120"),
]


@pytest.mark.parametrize(("old", "new", "line", "words"), BAD)
def test_mistakes_name_the_file_line_and_field(
    tmp_path: Path, old: str, new: str, line: int, words: str
) -> None:
    assert old in GOOD
    path = _file(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(PlanError) as err:
        read_programme(path)
    message = str(err.value)
    assert str(path) in message and f"line {line}" in message and words in message, message


def test_a_dose_above_the_top_is_allowed_only_when_the_programme_says_so(tmp_path: Path) -> None:
    higher = GOOD.replace("hold_s = 30 }", "hold_s = 45 }")
    with pytest.raises(PlanError, match="allow_beyond_top_dose = true"):
        read_programme(_file(tmp_path, higher))
    allowed = higher.replace(
        "start = 2026-12-07", "start = 2026-12-07\nallow_beyond_top_dose = true"
    )
    prog = read_programme(_file(tmp_path, allowed, "allowed.toml"))
    # The allowance covers the programme's own routines, never the client's whole plan.
    assert prog.allow_beyond_top_dose and not prog.plan.beyond_top_dose
    assert prog.routines[0].items[0].dose.hold_s == 45


def test_write_then_read_gives_the_same_programme(tmp_path: Path) -> None:
    prog = read_programme(_file(tmp_path, GOOD))
    out = write_programme(tmp_path / "out" / "handout.toml", prog)
    again = read_programme(out)
    assert again == prog
    with pytest.raises(PlanError, match="already"):
        write_programme(out, prog)


def test_import_installs_routines_and_plan_and_keeps_backups(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # The client already has a routine of that id and a plan of their own.
    user_routines_dir(home).mkdir(parents=True)
    old_routine = '[[routine]]\nid = "ana-hips"\nname = "Mine"\nitems = ["low-lunge"]\n'
    (user_routines_dir(home) / "ana-hips.toml").write_text(old_routine)
    old_plan = GOOD.split("\n[[day]]", 1)[1].replace("ana-hips", "desk-reset")
    (home / "plan.toml").write_text("[[day]]" + old_plan)

    done = import_programme(_file(tmp_path, GOOD), home)

    assert done.routines == (user_routines_dir(home) / "ana-hips.toml",)
    catalog = load_catalog(home=home)
    assert catalog.routines["ana-hips"].name == "Ana's hips"
    plan = load_plan(catalog, home)
    assert plan is not None and [d.routine_id for d in plan.days] == [
        "ana-hips",
        "desk-reset",
        "ana-hips",
    ]
    # Nothing lost: the old routine and the old plan are kept, byte for byte.
    texts = sorted(p.read_text() for p in done.backups)
    assert texts == sorted([old_routine, "[[day]]" + old_plan])
    assert installed_programme(home).therapist == "Ana Silva"
    assert (home / PROGRAMME_FILE).read_text() == GOOD


def test_a_bad_programme_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with pytest.raises(PlanError):
        import_programme(_file(tmp_path, GOOD.replace("hold_s = 30 }", "hold_s = 90 }")), home)
    assert not home.exists() or not any(home.iterdir())
    assert installed_programme(home) is None


@pytest.mark.parametrize("overwrite", [False, True])
def test_a_planted_link_where_the_programme_goes_is_refused(
    tmp_path: Path, overwrite: bool
) -> None:
    """A client plants a dangling link named programme.toml, pointing into their own folder:
    the therapist's programme must not land there (nor anywhere but where it was asked)."""
    programme = read_programme(_file(tmp_path, GOOD, "source.toml"))
    drop, theirs = tmp_path / "drop", tmp_path / "client-home"
    drop.mkdir()
    theirs.mkdir()
    (drop / "programme.toml").symlink_to(theirs / "forged.toml")
    with pytest.raises(PlanError, match="a link is there, not a file"):
        write_programme(drop / "programme.toml", programme, overwrite=overwrite)
    assert not (theirs / "forged.toml").exists()
    assert (drop / "programme.toml").is_symlink()  # left for the therapist to see
    assert sorted(p.name for p in drop.iterdir()) == ["programme.toml"]  # no temporary left


def test_a_written_programme_is_readable_by_all_and_never_overwritten(tmp_path: Path) -> None:
    import stat

    programme = read_programme(_file(tmp_path, GOOD, "source.toml"))
    path = write_programme(tmp_path / "out.toml", programme)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    with pytest.raises(PlanError, match="a file is there already"):
        write_programme(path, programme)


def _snapshot(home: Path) -> dict[str, bytes]:
    """Every file under ``home`` (hidden ones too: a staged file left behind would show)."""
    return {str(p.relative_to(home)): p.read_bytes() for p in home.rglob("*") if p.is_file()}


def _client_with_a_programme(home: Path, tmp_path: Path) -> None:
    """A client who imported Ben's programme (so every file an import replaces exists)."""
    bens = GOOD.replace("Ana Silva", "Ben Okafor").replace("hold_s = 30", "hold_s = 20")
    import_programme(_file(tmp_path, bens, "from-ben.toml"), home)
    import_programme(_file(tmp_path, bens, "from-ben.toml"), home)  # .bak files exist too


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 1 MiB tmpfs (root only), unmounted after."""
    import subprocess

    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {done.stderr!r}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


def _fill(disk: Path, pages_left: int) -> None:
    """Fill ``disk`` with one-page files until it is full, then free ``pages_left`` of them."""
    import errno

    fillers = []
    while True:
        path = disk / f"filler-{len(fillers)}"
        try:
            path.write_bytes(b"x" * 4096)
        except OSError as exc:
            assert exc.errno == errno.ENOSPC
            path.unlink(missing_ok=True)
            break
        fillers.append(path)
    for path in fillers[:pages_left]:
        path.unlink()


@pytest.mark.parametrize("pages_left", [0, 1, 3, 5])
def test_an_import_on_a_full_disk_changes_nothing(
    tmp_path: Path, small_disk: Path, pages_left: int
) -> None:
    """The disk fills part way through the import (after 0, 1, 3 or 5 of the 6 files it
    writes: the routine, its backup, the plan and the programme and their .bak): every
    file the client had is as it was, and nothing half-written is left."""
    import errno

    home = small_disk / "home"
    _client_with_a_programme(home, tmp_path)
    before = _snapshot(home)
    _fill(small_disk, pages_left)
    with pytest.raises(OSError) as err:
        import_programme(_file(tmp_path, GOOD), home)
    assert err.value.errno == errno.ENOSPC
    assert _snapshot(home) == before
    assert installed_programme(home).therapist == "Ben Okafor"


def test_the_plan_page_says_why_an_import_failed_on_a_full_disk(
    tmp_path: Path, small_disk: Path
) -> None:
    from psoas_lib.ui.programme import ProgrammeImport

    home = small_disk / "home"
    _client_with_a_programme(home, tmp_path)
    before = _snapshot(home)
    _fill(small_disk, 2)
    box = ProgrammeImport(home)
    box.path.value = str(_file(tmp_path, GOOD))
    assert box.load() is None
    assert "No space left on device" in box.message.value
    assert "Nothing you had was changed" in box.message.value
    assert "Ben Okafor" in box.current.value and _snapshot(home) == before


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("x = " + "[" * 5000 + "]" * 5000, "brackets nested 5000 deep"),
        ("x = " + "{a = " * 5000 + "}" * 5000, "brackets nested 5000 deep"),
        ("# " + "x" * (300 * 1024), "more than 256 KiB"),
        (GOOD.replace("start = 2026-12-07", "start = 2028-01-10"), "more than a year ahead"),
        (GOOD.replace("start = 2026-12-07", "start = 2026-12-07\nprogress = 1"), "progress"),
    ],
)
def test_files_too_big_too_deep_or_too_far_ahead_are_a_clear_plan_error(
    tmp_path: Path, text: str, words: str
) -> None:
    home = tmp_path / "home"
    with pytest.raises(PlanError, match=words):
        import_programme(_file(tmp_path, text), home, today=date(2026, 12, 7))
    assert not home.exists() or _snapshot(home) == {}


def test_a_start_less_than_a_year_ahead_is_accepted(tmp_path: Path) -> None:
    text = GOOD.replace("start = 2026-12-07", "start = 2027-12-07")  # 365 days ahead
    done = import_programme(_file(tmp_path, text), tmp_path / "home", today=date(2026, 12, 7))
    assert done.programme.start == date(2027, 12, 7)


@pytest.mark.parametrize(("progress", "hold"), [("", 30), ("progress = true", 20)])
def test_a_programme_runs_at_the_doses_written_unless_it_lets_progression_apply(
    tmp_path: Path, progress: str, hold: int
) -> None:
    """Ana's routine holds the kneeling stretch 30 s. A new client's level for it is the
    lowest rung, 20 s (ladder 20, 30): as written the player runs 30 s; with progress = true
    the client's level, 20 s. A preset (desk-reset) follows the levels either way: its
    kneeling stretch, 30 s in the catalog, runs at 20 s."""
    from psoas_lib.plan.levels import journal_progression
    from psoas_lib.plan.progression import levelled_catalog

    home = tmp_path / "home"
    text = GOOD.replace("start = 2026-12-07", f"start = 2026-12-07\n{progress}")
    import_programme(_file(tmp_path, text), home)
    catalog = load_catalog(home=home)
    played = levelled_catalog(catalog, journal_progression(catalog, home))
    assert played.routines["ana-hips"].items[0].dose.hold_s == hold
    kneeling = [
        i.dose.hold_s
        for i in played.routines["desk-reset"].items
        if i.exercise.id == "kneeling-hip-flexor-stretch"
    ]
    assert kneeling == [20]


def test_allow_beyond_top_dose_covers_the_programmes_routines_only(tmp_path: Path) -> None:
    """The programme allows 45 s for its kneeling stretch (top 30): its routine runs 45 s,
    while the client's own ladders still stop at the top (lying psoas stretch: 20..60)."""
    from psoas_lib.plan.levels import journal_progression
    from psoas_lib.plan.progression import levelled_catalog

    home = tmp_path / "home"
    text = GOOD.replace("hold_s = 30 }", "hold_s = 45 }").replace(
        "start = 2026-12-07", "start = 2026-12-07\nallow_beyond_top_dose = true"
    )
    import_programme(_file(tmp_path, text), home)
    catalog = load_catalog(home=home)
    assert load_plan(catalog, home).beyond_top_dose is False
    progression = journal_progression(catalog, home)
    assert progression.levels["lying-psoas-stretch"].ladder.levels == (20, 30, 45, 60)
    played = levelled_catalog(catalog, progression)
    assert played.routines["ana-hips"].items[0].dose.hold_s == 45
