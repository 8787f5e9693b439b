"""The self-assessment: how the ticks of the checklist are scored.

The checklist itself is loaded by :mod:`psoas_lib.content.checklist`.

Scoring rules (kept simple so a person can check them by hand):

- **Scores.** ``tightness`` is the number of ticked items of the ``tightness`` group (0 to 5
  with the shipped checklist), ``weakness`` the number of ticked ``weakness`` items (0 to 3).
  Context items add no points: the scores count *signs*, which is what the chart of scores
  over time shows. Context items choose the routine instead (below).
- **Recommendation**, first rule that applies:

  1. any ``see-a-professional`` item ticked (a red flag) -> ``"see-a-professional"``, whatever
     else is ticked; no routine is suggested until a professional has cleared the person
     (:mod:`psoas_lib.coaching.safety` then blocks every player, the plan and the calendar).
     The urgent warning signs (``urgent = true`` in the checklist: NHS guidance's urgent
     signs for back pain) give only the urgent route, as that guidance routes each sign:
     ``emergency`` signs "call 999 or go to A&E now" (112 in the EU, 911 in the US), the
     others "ask for an urgent GP appointment or get help from NHS 111"; when both kinds are
     ticked, the emergency route, naming the rest too (``Assessment.route``). Nothing is
     diagnosed: the texts only direct to a professional;
  2. signs of tightness only -> ``"stretch-focused"``, with a strengthening routine as a
     complement (the article's advice to balance stretching and strengthening);
  3. signs of weakness only -> ``"strength-focused"``, with a stretching routine as a
     complement;
  4. signs of both, or no signs at all -> ``"balanced"`` (the full programme).

- **Routine.** Presets are chosen by their ``role`` in ``data/routines.toml``, never by id.
  Stretching is the ``stretch-focused`` preset (the desk reset), or the ``after-activity``
  one (the post-workout release) when the person runs, cycles, does yoga or trains hard and
  does *not* sit for long periods (its static holds fit after a workout). Strengthening is
  the ``strength-focused`` preset; balanced the ``balanced`` one (the full programme).

>>> result = assess(["tight-hips-groin", "stiff-after-sitting", "sits-long"])
>>> result.tightness, result.weakness, result.recommendation
(2, 0, 'stretch-focused')
>>> result.routine_id, result.complement_routine_id
('desk-reset', 'strength-builder')
>>> assess(["tight-hips-groin", "sharp-radiating-pain"]).recommendation
'see-a-professional'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psoas_lib.content.catalog import preset_catalog
from psoas_lib.content.checklist import GROUPS, RED_FLAG_GROUP, ChecklistItem, load_checklist
from psoas_lib.errors import PsoasError

__all__ = [
    "GROUPS",
    "RECOMMENDATIONS",
    "Assessment",
    "AssessmentError",
    "ChecklistItem",
    "assess",
    "load_checklist",
]

#: The possible recommendations.
RECOMMENDATIONS: tuple[str, ...] = (
    "stretch-focused",
    "strength-focused",
    "balanced",
    "see-a-professional",
)


#: The whole result when an emergency sign is ticked: it directs, it does not diagnose.
EMERGENCY = (
    "Call 999 or go to A&E now: you ticked {}. Outside the UK, call your local emergency "
    "number (112 in the EU, 911 in the US). Do not exercise."
)
#: Added to :data:`EMERGENCY` when other urgent signs are ticked too.
ALSO = " Tell them also about the other signs you ticked: {}."
#: The whole result when only urgent-GP signs are ticked.
URGENT_GP = (
    "Ask for an urgent GP appointment, or get help from NHS 111, today: you ticked {}. "
    "Outside the UK, see a doctor urgently. Do not exercise until you have been seen."
)

# Context item ids the routine choice reads (see the module docstring).
SITS_LONG = "sits-long"
ACTIVE = ("runs-cycles-yoga", "intense-workouts")


class AssessmentError(PsoasError):
    """Ticked ids that are not on the checklist (or ticks given in the wrong shape)."""


@dataclass(frozen=True)
class Assessment:
    """The result of one self-assessment.

    ``routine_id`` is the suggested routine (None for ``see-a-professional``);
    ``complement_routine_id`` the routine of the other kind to add for balance (None when
    the suggestion already balances both, or for ``see-a-professional``).
    """

    ticked: tuple[str, ...]
    tightness: int
    weakness: int
    recommendation: str
    routine_id: str | None
    complement_routine_id: str | None
    explanation: str
    #: The urgent route when an urgent sign is ticked: ``emergency`` or ``urgent-gp``.
    route: str = ""

    def as_record(self, taken_at: datetime | None = None, notes: str = "") -> dict[str, Any]:
        """The keyword arguments for ``Journal.add_assessment`` (``taken_at``: now, local).

        >>> from datetime import datetime, timedelta, timezone
        >>> when = datetime(2026, 3, 2, 7, 30, tzinfo=timezone(timedelta(hours=1)))
        >>> record = assess(["poor-posture"]).as_record(when)
        >>> record["ticked"], record["weakness"], record["routine_id"]
        (['poor-posture'], 1, 'strength-builder')
        >>> assess(["existing-injury"]).as_record(when)["routine_id"]
        ''
        """
        return {
            "taken_at": taken_at if taken_at is not None else _now(),
            "ticked": list(self.ticked),
            "tightness": self.tightness,
            "weakness": self.weakness,
            "recommendation": self.recommendation,
            "routine_id": self.routine_id or "",
            "notes": notes,
        }


def assess(
    ticked_ids: Iterable[str], checklist: Sequence[ChecklistItem] | None = None
) -> Assessment:
    """Score the ticked item ids and recommend a kind of routine (rules: module docstring).

    Order and repeats in ``ticked_ids`` do not matter; an id not on the checklist raises
    :class:`AssessmentError`.

    >>> assess(["leg-hard-to-hold-up", "runs-cycles-yoga"]).complement_routine_id
    'post-workout-release'
    >>> assess(["knee-ache"])
    Traceback (most recent call last):
    ...
    psoas_lib.coaching.assessment.AssessmentError: 'knee-ache' is not on the checklist. ...
    """
    items = list(checklist) if checklist is not None else load_checklist()
    chosen = _check_ids(ticked_ids, items)
    picked = [item for item in items if item.id in chosen]  # checklist order
    by_group = {group: [item for item in picked if item.group == group] for group in GROUPS}
    tight, weak = by_group["tightness"], by_group["weakness"]
    flags, context = by_group[RED_FLAG_GROUP], by_group["context"]

    stretch, strength = _stretch_routine(chosen), _preset("strength-focused")
    if flags:
        recommendation, routine, complement = "see-a-professional", None, None
    elif tight and not weak:
        recommendation, routine, complement = "stretch-focused", stretch, strength
    elif weak and not tight:
        recommendation, routine, complement = "strength-focused", strength, stretch
    else:
        recommendation, routine, complement = "balanced", _preset("balanced"), None

    return Assessment(
        ticked=tuple(item.id for item in picked),
        tightness=len(tight),
        weakness=len(weak),
        recommendation=recommendation,
        routine_id=routine,
        complement_routine_id=complement,
        explanation=_explain(
            recommendation, routine, complement, tight, weak, context, flags, chosen
        ),
        route=_route(flags),
    )


def _route(flags: Sequence[ChecklistItem]) -> str:
    """The most urgent route of the ticked flags ("" when none is urgent).

    >>> _route([i for i in load_checklist() if i.id in ("weight-loss", "chest-pain")])
    'emergency'
    """
    routes = {item.route for item in flags if item.urgent}
    return next((r for r in ("emergency", "urgent-gp") if r in routes), "")


def _check_ids(ticked_ids: Iterable[str], items: Sequence[ChecklistItem]) -> set[str]:
    if isinstance(ticked_ids, str):
        raise AssessmentError(
            f"ticked ids should be a list of ids, not the text "
            f"{ticked_ids!r}. Write [{ticked_ids!r}]"
        )
    valid = [item.id for item in items]
    chosen = set()
    for ident in ticked_ids:
        if ident not in valid:
            raise AssessmentError(
                f"{ident!r} is not on the checklist. Use one of: " + ", ".join(valid)
            )
        chosen.add(ident)
    return chosen


def _preset(role: str) -> str:
    """The id of the preset routine with ``role`` in data/routines.toml.

    >>> _preset("after-activity")
    'post-workout-release'
    """
    return preset_catalog().for_role(role).id


def _stretch_routine(chosen: set[str]) -> str:
    active = any(ident in chosen for ident in ACTIVE)
    return _preset("after-activity" if active and SITS_LONG not in chosen else "stretch-focused")


def _names(items: Sequence[ChecklistItem]) -> str:
    """Labels joined as words: 'a', 'a and b', 'a, b and c'.

    >>> _names([])
    ''
    """
    labels = [item.label for item in items]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def _count(n: int, kind: str) -> str:
    return f"{n} sign{'s' if n != 1 else ''} of {kind}"


def _title(routine_id: str | None) -> str:
    """A routine as people read it: its name, from the catalog's presets.

    >>> _title("desk-reset")
    "'Desk reset'"
    """
    routines = preset_catalog().routines
    if routine_id is None or routine_id not in routines:
        return str(routine_id)
    return repr(routines[routine_id].name)


def _explain(
    recommendation: str,
    routine_id: str | None,
    complement_id: str | None,
    tight: list[ChecklistItem],
    weak: list[ChecklistItem],
    context: list[ChecklistItem],
    flags: list[ChecklistItem],
    chosen: set[str],
) -> str:
    routine, complement = _title(routine_id), _title(complement_id)
    parts: list[str] = []
    if recommendation == "see-a-professional":
        emergency = [item for item in flags if item.urgent and item.route == "emergency"]
        urgent = [item for item in flags if item.urgent and item.route != "emergency"]
        if emergency:  # only the urgent route
            return EMERGENCY.format(_names(emergency)) + (
                ALSO.format(_names(urgent)) if urgent else ""
            )
        if urgent:
            return URGENT_GP.format(_names(urgent))
        parts.append(
            f"See a professional first: you ticked {_names(flags)}. A GP or a "
            "physiotherapist should look at this before you start (the article's advice is "
            "to consult a medical professional first), so no routine is suggested for now."
        )
        parts.append(
            "Once a professional has cleared you to exercise, record it (the button below, "
            "or psoas cleared), or take this checklist again."
        )
        return " ".join(parts)
    if recommendation == "stretch-focused":
        parts.append(
            f"Stretch-focused: you ticked {_count(len(tight), 'tightness')} "
            f"({_names(tight)}) and none of weakness. Suggested routine: {routine}."
        )
        parts.append(
            f"Stretching alone is not the whole answer: the article advises balancing "
            f"it with strengthening, so add the {complement} routine as well."
        )
    elif recommendation == "strength-focused":
        parts.append(
            f"Strength-focused: you ticked {_count(len(weak), 'weakness')} "
            f"({_names(weak)}) and none of tightness. Suggested routine: {routine}."
        )
        parts.append(
            f"The article advises balancing strengthening with stretching, so add "
            f"the {complement} routine as well."
        )
    elif tight or weak:
        parts.append(
            f"Balanced: you ticked {_count(len(tight), 'tightness')} "
            f"({_names(tight)}) and {_count(len(weak), 'weakness')} "
            f"({_names(weak)}). Suggested routine: {routine}, which stretches and "
            "strengthens in turn, as the article advises."
        )
    else:
        parts.append(
            f"Balanced: you ticked no signs of tightness or weakness. Suggested "
            f"routine: {routine}, to keep stretching and strengthening regularly, "
            "as the article advises."
        )
    if context:
        parts.append(
            f"Your habits ({_names(context)}) matter for the psoas, so make it "
            "regular: the article suggests several sessions a week."
        )
        uses_desk = _preset("stretch-focused") in (routine_id, complement_id)
        if uses_desk and any(ident in chosen for ident in ACTIVE):
            parts.append(
                f"To stretch after a run, a ride or a workout, "
                f"{_title(_preset('after-activity'))} suits better."
            )
    if any(ident in chosen for ident in ACTIVE):
        parts.append(
            f"Before activity, use {_title(_preset('warm-up'))} (dynamic moves only) "
            "and keep deep stretches for afterwards."
        )
    return " ".join(parts)


def _now() -> datetime:
    """Now, in the computer's time zone, to the second."""
    return datetime.now().astimezone().replace(microsecond=0)
