"""The synthetic journal: realistic, reproducible, clearly marked, loadable."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from psoas_lib import DATA_DIR, Journal, JournalError, load_catalog
from psoas_lib.journal.sample import (
    _exercises_done,
    synthetic_csv,
    synthetic_sessions,
    write_synthetic_journal,
)

END = date(2026, 3, 1)


def test_same_seed_same_journal_other_seed_other_journal() -> None:
    first = synthetic_sessions(weeks=12, seed=3, end=END)
    pd.testing.assert_frame_equal(first, synthetic_sessions(weeks=12, seed=3, end=END))
    assert not first.equals(synthetic_sessions(weeks=12, seed=4, end=END))


def test_same_columns_and_dtypes_as_the_journal(psoas_home: Path) -> None:
    frame = synthetic_sessions(weeks=4, seed=0, end=END)
    expected = Journal(psoas_home).sessions()
    assert list(frame.columns) == list(expected.columns)
    assert (frame.dtypes == expected.dtypes).all()


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_realistic_texture(seed: int) -> None:
    frame = synthetic_sessions(weeks=26, seed=seed, end=END)
    routines = load_catalog().routines
    assert frame.started_at.is_monotonic_increasing
    local = frame.started_at + pd.to_timedelta(frame.utc_offset_min, unit="min")
    assert local.dt.date.min() >= date(2025, 9, 1) and local.dt.date.max() <= END
    assert 26 < len(frame) < 26 * 7  # not every day, not never
    assert set(frame.utc_offset_min) >= {60, 120}  # winter and summer time
    assert (frame.completed_s <= frame.planned_s).all()
    assert (frame.completed_s < frame.planned_s).any()  # some sessions cut short
    assert frame.tightness_before.isna().any() and frame.tightness_before.notna().mean() > 0.7
    assert frame.tightness_before.dropna().between(0, 10).all()
    assert frame.notes.str.startswith("synthetic").all()
    for row in frame.itertuples():
        planned = routines[row.routine_id]
        done = row.exercises_done.split(";") if row.exercises_done else []
        assert done == [ex for ex in planned.exercise_ids if ex in done]  # in routine order
        assert row.planned_s == planned.total_seconds
    if seed == 0:
        gaps = frame.started_at.diff().dt.days
        assert gaps.max() >= 7  # a holiday: a week or more off


def test_tightness_drifts_down_with_regular_practice() -> None:
    frames = [synthetic_sessions(weeks=26, seed=s, end=END) for s in range(6)]
    drops = [
        f.tightness_before.iloc[:15].mean() - f.tightness_before.iloc[-15:].mean() for f in frames
    ]
    assert sum(d > 0 for d in drops) >= 4


def test_exercises_done_follow_the_time_completed() -> None:
    desk = load_catalog().routines["desk-reset"]
    assert _exercises_done(desk, desk.total_seconds) == list(desk.exercise_ids)
    assert _exercises_done(desk, 0) == []


def test_committed_sample_is_the_generator_output_and_loads(psoas_home: Path) -> None:
    path = DATA_DIR / "sample_sessions_synthetic.csv"
    text = path.read_text(encoding="utf-8")
    assert text == synthetic_csv(weeks=26, seed=0, end=END)
    journal = Journal(psoas_home)
    journal.sessions_path.write_bytes(path.read_bytes())
    journal.sessions_path.chmod(0o600)  # private, as the workbook writes it (else check() notes it)
    assert journal.check() == []
    assert len(journal.sessions()) == text.count("\n") - 1


def test_write_synthetic_journal_never_overwrites(psoas_home: Path) -> None:
    path = write_synthetic_journal(psoas_home, weeks=4, seed=1, end=END)
    assert len(Journal(psoas_home).sessions()) > 0
    assert path.stat().st_mode & 0o777 == 0o600 and Journal(psoas_home).check() == []
    before = path.read_bytes()
    with pytest.raises(JournalError, match="exists already"):
        write_synthetic_journal(psoas_home, weeks=4, seed=2, end=END)
    assert path.read_bytes() == before
