"""The routine timer: state from the clock, controls in any order, no drift.

Expected values are worked out by hand from the segment lengths. The small timeline SMALL:

    index  kind       seconds  starts at  exercise
    0      get-ready  4        0          a
    1      hold       10       4          a (left)
    2      switch     2        14         a
    3      hold       10       16         a (right)
    4      rest       3        26         b
    5      set        8        29         b (4 repetitions, 2 s each)
                               37 = end
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from psoas_lib import load_catalog, make_routine
from psoas_lib.coaching.timer import BACK_GRACE_S, RoutineTimer
from psoas_lib.content.routine import Segment

SMALL = [
    Segment("get-ready", 4, "a"),
    Segment("hold", 10, "a", "left"),
    Segment("switch", 2, "a"),
    Segment("hold", 10, "a", "right"),
    Segment("rest", 3, "b"),
    Segment("set", 8, "b", count=4),
]
SMALL_STARTS = [0, 4, 14, 16, 26, 29]
SMALL_TOTAL = 37


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def run(script: str, timeline=SMALL) -> RoutineTimer:
    """Play a script such as "start 6 skip" (numbers: clock seconds since 0) on a timer."""
    clock = FakeClock()
    timer = RoutineTimer(timeline, clock=clock)
    for word in script.split():
        if word[0].isdigit():
            clock.t = 1000.0 + float(word)
        else:
            getattr(timer, word)()
    return timer


# "Stretches", four stretches at the catalog's doses: 10 s get ready; kneeling stretch
# 3 × 30 s a side with 5 s switches (10–215); 20 s rest (kneeling to a bed); lying stretch
# 30 s a side (235–300); 20 s rest (to standing); pelvic tilt 4 × 10 s with 5 s releases
# (320–375); 20 s rest (to the floor); knee-to-chest 20 alternating repetitions in 100 s
# (395–495).
STRETCHES = make_routine(
    load_catalog(),
    "Stretches",
    ["kneeling-hip-flexor-stretch", "lying-psoas-stretch", "standing-pelvic-tilt", "knee-to-chest"],
)


@pytest.mark.parametrize(
    ("t", "index", "kind", "side", "round_", "remaining", "rep"),
    [
        (0, 0, "get-ready", None, 1, 10, None),
        (9.75, 0, "get-ready", None, 1, 0.25, None),
        (10, 1, "hold", "left", 1, 30, None),
        (44, 2, "switch", None, 1, 1, None),
        (45, 3, "hold", "right", 1, 30, None),
        (200, 11, "hold", "right", 3, 15, None),
        (234.5, 12, "rest", None, 1, 0.5, None),
        (322.5, 17, "hold", None, 1, 7.5, None),
        (367, 23, "hold", None, 4, 8, None),
        (395, 25, "set", None, 1, 100, 1),
        (406, 25, "set", None, 1, 89, 3),
        (494.5, 25, "set", None, 1, 0.5, 20),
    ],
)
def test_stretches_state_at_time(t, index, kind, side, round_, remaining, rep):
    state = run(f"start {t}", STRETCHES).state()
    assert (state.index, state.segment.kind, state.segment.side) == (index, kind, side)
    assert state.segment.round == round_
    assert state.remaining == remaining
    assert state.rep == rep
    assert state.fraction_done == t / 495
    assert not state.finished


def test_stretches_end_freezes_running_time():
    state = run("start 600", STRETCHES).state()
    assert state.finished and state.index == 25 and state.remaining == 0
    assert state.elapsed == 495 and state.fraction_done == 1


@pytest.mark.parametrize(
    ("script", "index", "position", "elapsed", "paused", "finished"),
    [
        ("", 0, 0, 0, False, False),  # not started: at the start
        ("skip back pause resume stop", 0, 0, 0, False, False),  # nothing before start
        ("start 6", 1, 6, 6, False, False),
        ("start 6 skip", 2, 14, 6, False, False),  # to the next boundary
        ("start 6 skip 7", 2, 15, 7, False, False),
        ("start 6 back", 1, 4, 6, False, False),  # 2 s in: this segment again
        ("start 5 back", 0, 0, 5, False, False),  # 1 s in: the previous one
        ("start 1 back", 0, 0, 1, False, False),  # segment 0 again
        ("start 3 pause 20", 0, 3, 3, True, False),  # paused time never counts
        ("start 3 pause 20 resume 22", 1, 5, 5, False, False),
        ("start pause pause resume resume 2", 0, 2, 2, False, False),
        ("start 2 resume 3", 0, 3, 3, False, False),  # resume while running
        ("start 5 pause skip 9", 2, 14, 5, True, False),  # skip while paused
        ("start 5 pause back back 9", 0, 0, 5, True, False),
        ("start skip skip skip skip skip", 5, 29, 0, False, False),
        ("start skip skip skip skip skip skip skip skip", 5, 37, 0, False, True),  # past the end
        ("start 30 skip 50", 5, 37, 30, False, True),
        ("start 40", 5, 37, 37, False, True),  # the clock stops at the end
        ("start 40 back 41", 5, 30, 38, False, False),  # back from the end
        ("start 40 pause resume 45", 5, 37, 37, False, True),
        ("start 10 stop 20 skip resume back", 1, 10, 10, False, False),  # frozen after stop
        ("start 10 stop start 12", 0, 2, 2, False, False),  # a fresh session
        ("start 10 start 12", 1, 12, 12, False, False),  # start while running: no-op
    ],
)
def test_controls(script, index, position, elapsed, paused, finished):
    state = run(script).state()
    assert (state.index, state.position, state.elapsed) == (index, position, elapsed)
    assert (state.paused, state.finished) == (paused, finished)
    assert state.remaining == SMALL_STARTS[index] + SMALL[index].seconds - position


def test_stop_state():
    state = run("start 10 stop 20").state()
    assert state.stopped and state.over and not state.running and not state.finished


@pytest.mark.parametrize(("t", "rep"), [(29, 1), (30.9, 1), (31, 2), (34.5, 3), (36.9, 4)])
def test_repetition_count(t, rep):
    state = run(f"start {t}").state()
    assert (state.rep, state.reps) == (rep, 4)


@pytest.mark.parametrize(
    ("script", "done", "completed"),
    [
        ("start 3", [], 3),  # only the get-ready
        ("start 5 stop", ["a"], 5),  # stopped 1 s into a: under way
        ("start 5", [], 5),  # running: 1 of a's 20 s of work
        ("start 13.9", [], 13),  # 9.9 of 20 s: under half
        ("start 14", ["a"], 14),  # 10 of 20 s: half counts
        ("start 20", ["a"], 20),
        ("start skip skip skip skip skip 2", [], 2),  # a skipped over; 2 of b's 8 s
        ("start skip skip skip skip skip 2 stop", ["b"], 2),  # b under way at the stop
        ("start 5 skip skip skip skip 6 skip", [], 6),  # skipped through to the end
        ("start 40", ["a", "b"], 37),
        ("start 28.9 stop", ["a"], 28),  # the rest before b is no work
    ],
)
def test_exercises_done_and_completed_seconds(script, done, completed):
    timer = run(script)
    assert timer.exercises_done() == done
    assert timer.completed_seconds() == completed


def test_worked_seconds_counts_repeats():
    timer = run("start 10 back 16")  # 6 s into the hold, back to its start, 6 s again
    assert timer.worked_seconds() == [4, 12, 0, 0, 0, 0]


def test_next_segment_and_fractions():
    state = run("start 9").state()
    assert state.next_segment == SMALL[2]
    assert state.segment_fraction == 0.5
    assert run("start 30").state().next_segment is None


@pytest.mark.parametrize("timeline", [[], [Segment("hold", 0, "a")]])
def test_bad_timeline(timeline):
    with pytest.raises(ValueError):
        RoutineTimer(timeline)


# ---- properties over random sequences -------------------------------------------------------

# Clock steps are multiples of 1/8 s, so float arithmetic is exact and states compare equal.
steps = st.integers(min_value=0, max_value=8 * 40).map(lambda n: n / 8)
actions = st.one_of(
    st.tuples(st.just("tick"), steps),
    st.tuples(st.sampled_from(["pause", "resume", "skip", "back", "toggle"]), st.none()),
    st.tuples(st.just("stop"), st.none()),
)
timelines = st.lists(
    st.builds(
        Segment,
        st.sampled_from(["hold", "rest", "set", "switch"]),
        st.integers(1, 40),
        st.just("x"),
        count=st.integers(1, 6),
    ),
    min_size=1,
    max_size=8,
)


class Model:
    """The timer worked out the slow, obvious way: walk the clock forward step by step."""

    def __init__(self, timeline: list[Segment]) -> None:
        self.lengths = [s.seconds for s in timeline]
        self.total = sum(self.lengths)
        self.pos = self.elapsed = self.wall = self.idle = 0.0
        self.paused = self.stopped = False

    def bounds(self) -> tuple[int, float, float]:
        start = 0.0
        for i, n in enumerate(self.lengths):
            if self.pos < start + n or i == len(self.lengths) - 1:
                return i, start, start + n
            start += n
        raise AssertionError

    def apply(self, action: str, dt: float | None) -> None:
        finished = self.pos >= self.total
        if action == "tick":
            self.wall += dt
            moving = (
                0.0 if (self.paused or self.stopped or finished) else min(dt, self.total - self.pos)
            )
            self.pos += moving
            self.elapsed += moving
            self.idle += dt - moving
        elif self.stopped:
            return
        elif action == "stop":
            self.stopped = True
        elif action == "pause" and not finished:
            self.paused = True
        elif action == "resume":
            self.paused = False
        elif action == "toggle" and (self.paused or not finished):
            self.paused = not self.paused
        elif action == "skip" and not finished:
            self.pos = self.bounds()[2]
        elif action == "back":
            i, start, _ = self.bounds()
            if self.pos - start < BACK_GRACE_S and i > 0 and not finished:
                start -= self.lengths[i - 1]
            self.pos = start


@settings(deadline=None)
@given(timeline=timelines, script=st.lists(actions, max_size=40), split=st.integers(1, 5))
def test_timer_matches_model_and_never_drifts(timeline, script, split):
    model = Model(timeline)
    one, many = FakeClock(), FakeClock()
    coarse = RoutineTimer(timeline, clock=one)  # sees the clock only when acted on
    fine = RoutineTimer(timeline, clock=many)  # read at many small ticks in between
    coarse.start()
    fine.start()
    for action, dt in script:
        model.apply(action, dt)
        if action == "tick":
            one.t += dt
            for _ in range(split):
                many.t += dt / split
                fine.state()
            many.t = one.t
        else:
            getattr(coarse, action)()
            getattr(fine, action)()
        state = coarse.state()
        assert state == fine.state()  # ticks change nothing
        index, _start, end = model.bounds()
        assert 0 <= state.index < len(timeline)
        assert state.remaining >= 0
        assert (state.index, state.position, state.elapsed) == (index, model.pos, model.elapsed)
        assert state.remaining == end - model.pos
        assert state.finished == (model.pos >= model.total)
        assert state.paused == model.paused and state.stopped == model.stopped
        assert state.elapsed == model.wall - model.idle  # running = wall − paused
        assert sum(coarse.worked_seconds()) == state.elapsed


@settings(max_examples=200, deadline=None)
@given(timeline=timelines, ticks=st.lists(steps, max_size=30))
def test_state_depends_only_on_running_time(timeline, ticks):
    """Without skips, after any ticks and pauses the state is the one at the running time."""
    clock = FakeClock()
    timer = RoutineTimer(timeline, clock=clock)
    timer.start()
    for n, dt in enumerate(ticks):
        if n % 3 == 2:
            timer.pause()
            clock.t += 7.0  # paused: must not count
            timer.resume()
        clock.t += dt
        timer.state()
    direct_clock = FakeClock()
    direct = RoutineTimer(timeline, clock=direct_clock)
    direct.start()
    direct_clock.t += sum(ticks)
    got, want = timer.state(), direct.state()
    assert (got.index, got.remaining, got.position, got.elapsed, got.finished) == (
        want.index,
        want.remaining,
        want.position,
        want.elapsed,
        want.finished,
    )


# ---- cases mutation testing found unchecked ------------------------------------------------


@pytest.mark.parametrize(
    ("timeline", "message"),
    [
        ([], "a timer needs at least one segment"),
        (
            [Segment("hold", 5, "a"), Segment("rest", 0, "a")],
            "every segment needs a length above 0",
        ),
    ],
)
def test_a_bad_timeline_is_refused_with_its_reason(timeline, message):
    with pytest.raises(ValueError, match=f"^{message}"):
        RoutineTimer(timeline, clock=FakeClock())


@pytest.mark.parametrize(
    ("t", "next_index"),
    [
        (0, 1),  # get ready: next is the left hold
        (26, 5),  # the rest before the last segment: next is the set
        (30, None),  # in the last segment: next is the end
        (40, None),  # finished
    ],
)
def test_next_segment_is_the_end_only_in_the_last_segment(t, next_index):
    state = run(f"start {t}").state()
    assert state.next_segment == (None if next_index is None else SMALL[next_index])


def test_state_reports_total_and_segment_elapsed():
    # 20 s in: segment 3 (the right hold) started at 16, so 4 s of it; SMALL is 37 s long
    state = run("start 20").state()
    assert (state.index, state.segment_elapsed, state.total, state.position) == (3, 4, 37, 20)
    assert state.segment_fraction == 4 / 10


@pytest.mark.parametrize(
    ("segment", "t", "rep", "reps"),
    [
        (Segment("set", 6, "a", count=1), 5, 1, 1),  # one repetition: 1 of 1
        (Segment("set", 6, "a", count=3), 4.5, 3, 3),  # 2 s each: the third at 4.5 s
        (Segment("set", 6, "a", count=0), 1, None, None),  # a timed set without a count
        (Segment("hold", 6, "a", count=3), 1, None, None),  # only sets count repetitions
    ],
)
def test_repetitions_are_counted_in_sets_with_a_count_only(segment, t, rep, reps):
    state = run(f"start {t}", [segment, Segment("rest", 2, "a")]).state()
    assert (state.rep, state.reps) == (rep, reps)


def test_back_after_the_end_restarts_a_short_last_segment():
    # the last segment (1 s) is shorter than BACK_GRACE_S: after the end, Back goes to its
    # start (position 10), not to the segment before it
    timeline = [Segment("hold", 10, "a"), Segment("rest", 1, "a")]
    assert BACK_GRACE_S > 1
    timer = run("start 20 back", timeline)
    assert timer.state().position == 10 and timer.state().index == 1


def test_stop_before_start_does_nothing():
    timer = run("stop")
    state = timer.state()
    assert (state.started, state.stopped, state.finished) == (False, False, False)


@pytest.mark.parametrize(
    "script, under_way",
    [
        ("start 2", "a"),  # getting ready for a: nothing done yet, so the next
        ("start 6", "a"),  # holding a
        ("start 15", "a"),  # switching sides: a (10 s of its 20 worked) is done
        ("start 10 skip", "a"),  # the switch, a worked 6 s of 20: not done, the next is a
        ("start 27", "a"),  # resting before b: the exercise just done
        ("start 30", "b"),  # b's set
    ],
)
def test_the_exercise_under_way_is_what_a_pain_stop_stops_at(script, under_way):
    assert run(script).under_way() == under_way
