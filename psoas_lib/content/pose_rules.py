"""The position rules of ``data/pose_rules.toml``: what the camera check looks at, per exercise.

Each rule measures one angle (``trunk``, ``hip``, ``knee`` or ``thigh``) on one leg and gives
the range that counts as in position, with the cue to say when it fails. Loading checks
every field and names file, line, exercise and rule of a mistake.

>>> rules = load_pose_rules()
>>> [r.id for r in rules["kneeling-hip-flexor-stretch"]]
['trunk-upright', 'front-knee', 'back-thigh']
>>> rules["kneeling-hip-flexor-stretch"][1].describe()
'front knee 70-110°'

An exercise may also name the one angle the journal keeps for it (``kept = {...}``), with
the way that means "further"; :func:`load_kept_angles` reads those.

>>> load_kept_angles()["kneeling-hip-flexor-stretch"].key
'hip:back'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psoas_lib.content.datafile import CatalogError, Entry, key_line, read_entries
from psoas_lib.errors import where
from psoas_lib.paths import DATA_DIR

__all__ = [
    "FURTHER",
    "LEGS",
    "MEASURES",
    "POSE_RULES_FILE",
    "KeptAngle",
    "PoseRule",
    "load_kept_angles",
    "load_pose_rules",
]

POSE_RULES_FILE = "pose_rules.toml"
MEASURES = ("trunk", "hip", "knee", "thigh")
LEGS = ("front", "back", "bent", "straight", "standing", "both", "seen")
_FIELDS = {"id", "measure", "leg", "min", "max", "cue"}
#: Which way a kept angle goes when the person goes further into the exercise.
FURTHER = ("larger", "smaller", "nearer")
_KEPT_FIELDS = {"measure", "leg", "further", "aim"}


@dataclass(frozen=True)
class PoseRule:
    """One check: ``measure`` of ``leg`` (None for the trunk) within ``low``..``high``."""

    id: str
    measure: str
    leg: str | None
    low: float | None
    high: float | None
    cue: str
    line: int | None = None

    def describe(self) -> str:
        """The rule in a few words, for the screen ("front knee 70-110°").

        >>> PoseRule("t", "trunk", None, None, 15, "Sit up").describe()
        'trunk within 15° of upright'
        >>> PoseRule("h", "hip", "bent", None, 90, "Hug").describe()
        'bent hip at most 90°'
        """
        if self.measure == "trunk":
            if self.low is None:
                return f"trunk within {self.high:g}° of upright"
            return f"trunk at least {self.low:g}° from upright (lying)"
        leg = "each" if self.leg == "both" else self.leg
        name = f"{leg} {self.measure}" if leg != "seen" else self.measure
        if self.low is not None and self.high is not None:
            return f"{name} {self.low:g}-{self.high:g}°"
        if self.low is not None:
            return f"{name} at least {self.low:g}°"
        return f"{name} at most {self.high:g}°"

    def passes(self, value: float, margin: float = 0.0) -> bool:
        """True when ``value`` is in range; a positive ``margin`` widens it (hysteresis).

        >>> rule = PoseRule("k", "knee", "front", 70, 110, "Move")
        >>> rule.passes(111), rule.passes(111, margin=3), rule.passes(69.5, margin=-1)
        (False, True, False)
        """
        if self.low is not None and value < self.low - margin:
            return False
        return not (self.high is not None and value > self.high + margin)


def _rule_block(entry: Entry, index: int) -> tuple[int | None, int | None]:
    """The first and last line of the exercise's ``index``-th ``[[exercise.rule]]`` table."""
    start = entry.line_of() or 1
    headers, end = [], len(entry.lines)
    for n in range(start + 1, len(entry.lines) + 1):
        text = entry.lines[n - 1]
        if re.match(r"^\s*\[\[\s*exercise\s*\]\]", text):
            end = n - 1
            break
        if re.match(r"^\s*\[\[\s*exercise\.rule\s*\]\]", text):
            headers.append(n)
    if index >= len(headers):
        return start, None
    stop = headers[index + 1] - 1 if index + 1 < len(headers) else end
    return headers[index], stop


def _parse_rule(entry: Entry, raw: Any, index: int, seen: set[str]) -> PoseRule:
    first, last = _rule_block(entry, index)
    label = f"rule {index + 1}"

    def fail(field: str | None, problem: str, fix: str) -> CatalogError:
        line = key_line(entry.lines, field, start=first or 1, stop=last) if field else None
        loc = where(entry.path, line or first, entry.id, field)
        return CatalogError(f"{loc}, {label}: {problem}. {fix}")

    if not isinstance(raw, dict):
        raise fail(None, "a rule should be a [[exercise.rule]] table", "Write it as one")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule_id):
        raise fail("id", f"the rule needs an id slug, not {rule_id!r}", "Write id = 'front-knee'")
    label = f"rule {rule_id!r}"
    if rule_id in seen:
        raise fail("id", "this rule id is used twice in the exercise", "Give each its own id")
    seen.add(rule_id)
    unknown = sorted(set(raw) - _FIELDS)
    if unknown:
        raise fail(
            unknown[0], f"unknown field {unknown[0]!r}", "Use: " + ", ".join(sorted(_FIELDS))
        )
    measure = raw.get("measure")
    if measure not in MEASURES:
        raise fail("measure", f"unknown measure {measure!r}", "Use one of: " + ", ".join(MEASURES))
    leg = raw.get("leg")
    if measure == "trunk" and leg is not None:
        raise fail("leg", "the trunk has no leg", "Remove the leg line")
    if measure != "trunk" and leg not in LEGS:
        raise fail("leg", f"unknown leg {leg!r}", "Use one of: " + ", ".join(LEGS))
    bounds: dict[str, float | None] = {}
    for name in ("min", "max"):
        value = raw.get(name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise fail(name, f"'{name}' should be a number of degrees, not {value!r}", "Write 90")
        if value is not None and not -180 <= value <= 360:
            raise fail(name, f"'{name}' = {value} is not an angle", "Use -180 to 360 degrees")
        bounds[name] = None if value is None else float(value)
    low, high = bounds["min"], bounds["max"]
    if low is None and high is None:
        raise fail(None, "the rule has neither min nor max", "Add min = ... or max = ...")
    if low is not None and high is not None and low >= high:
        raise fail("min", f"min {low:g} is not below max {high:g}", "Swap or correct them")
    cue = raw.get("cue")
    if not isinstance(cue, str) or not cue.strip():
        raise fail("cue", "the rule needs a cue to say", "Write cue = 'Lift your chest.'")
    line = key_line(entry.lines, "id", start=first or 1, stop=last) or first
    return PoseRule(rule_id, measure, leg, low, high, cue.strip(), line)


def parse_pose_rules(
    path: Path, exercises: Iterable[str] | None = None
) -> dict[str, tuple[PoseRule, ...]]:
    """The rules of one file, per exercise id; ``exercises`` lists the ids that exist."""
    known = set(exercises) if exercises is not None else None
    out: dict[str, tuple[PoseRule, ...]] = {}
    for entry in read_entries(path, "exercise", "exercise with rules"):
        if known is not None and entry.id not in known:
            raise entry.error("id", f"no exercise {entry.id!r} in the catalog", "Check the id")
        raws = entry.get("rule", list)
        if not raws:
            raise entry.error("rule", "the exercise has no rules", "Add an [[exercise.rule]]")
        seen: set[str] = set()
        out[entry.id] = tuple(_parse_rule(entry, raw, n, seen) for n, raw in enumerate(raws))
    return out


def load_pose_rules(
    data_dir: Path | str | None = None, exercises: Iterable[str] | None = None
) -> Mapping[str, tuple[PoseRule, ...]]:
    """The rules of ``data/pose_rules.toml`` (or of ``data_dir``), checked."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    return parse_pose_rules(folder / POSE_RULES_FILE, exercises)


@dataclass(frozen=True)
class KeptAngle:
    """The one angle kept for an exercise: ``measure`` of ``leg``, and which way is further
    (``larger``, ``smaller``, or ``nearer`` to ``aim``)."""

    measure: str
    leg: str | None
    further: str
    aim: float | None = None
    line: int | None = None

    @property
    def key(self) -> str:
        """What was measured, as the journal keeps it ("hip:back"), so a changed definition
        is never compared with the old one.

        >>> KeptAngle("trunk", None, "smaller").key, KeptAngle("knee", "bent", "nearer", 90).key
        ('trunk', 'knee:bent:90')
        """
        parts = [self.measure, *([self.leg] if self.leg else [])]
        if self.aim is not None:
            parts.append(f"{self.aim:g}")
        return ":".join(parts)

    def rule(self) -> PoseRule:
        """A rule measuring the same angle (no range), for the rule engine's ``measure``."""
        return PoseRule("kept", self.measure, self.leg, None, None, "")

    def gain(self, first: float, latest: float) -> float:
        """Degrees further now than at ``first`` (negative: less far).

        >>> KeptAngle("hip", "back", "larger").gain(190, 198)
        8
        >>> KeptAngle("hip", "bent", "smaller").gain(80, 86)
        -6
        >>> KeptAngle("knee", "bent", "nearer", 90).gain(120, 100)
        20
        """
        if self.further == "larger":
            return latest - first
        if self.further == "smaller":
            return first - latest
        aim = self.aim if self.aim is not None else 0.0
        return abs(first - aim) - abs(latest - aim)


def _parse_kept(entry: Entry) -> KeptAngle | None:
    raw = entry.get("kept", dict, required=False)
    if raw is None:
        return None
    line = entry.line_of("kept")

    def fail(problem: str, fix: str) -> CatalogError:
        return CatalogError(f"{where(entry.path, line, entry.id, 'kept')}: {problem}. {fix}")

    unknown = sorted(set(raw) - _KEPT_FIELDS)
    if unknown:
        raise fail(f"unknown field {unknown[0]!r}", "Use: " + ", ".join(sorted(_KEPT_FIELDS)))
    measure = raw.get("measure")
    if measure not in ("trunk", "hip", "knee"):
        raise fail(f"the kept measure is {measure!r}", "Use one of: trunk, hip, knee")
    leg = raw.get("leg")
    if measure == "trunk" and leg is not None:
        raise fail("the trunk has no leg", "Remove leg = ...")
    if measure != "trunk" and (leg not in LEGS or leg == "both"):
        legs = ", ".join(g for g in LEGS if g != "both")
        raise fail(f"the kept angle needs one leg, not {leg!r}", "Use one of: " + legs)
    further = raw.get("further")
    if further not in FURTHER:
        raise fail(f"further = {further!r} does not say which way", "Use " + ", ".join(FURTHER))
    aim = raw.get("aim")
    if (aim is None) != (further != "nearer"):
        raise fail(
            "aim goes with further = 'nearer', and only with it",
            "Write further = 'nearer', aim = 90, or remove aim",
        )
    if aim is not None and (isinstance(aim, bool) or not isinstance(aim, int | float)):
        raise fail(f"aim should be a number of degrees, not {aim!r}", "Write aim = 90")
    if aim is not None and not 0 <= aim <= 360:
        raise fail(f"aim = {aim} is not an angle", "Use 0 to 360 degrees")
    return KeptAngle(measure, leg, further, None if aim is None else float(aim), line)


def parse_kept_angles(path: Path, exercises: Iterable[str] | None = None) -> dict[str, KeptAngle]:
    """The kept angle of each exercise of one file that names one."""
    known = set(exercises) if exercises is not None else None
    out: dict[str, KeptAngle] = {}
    for entry in read_entries(path, "exercise", "exercise with rules"):
        if known is not None and entry.id not in known:
            raise entry.error("id", f"no exercise {entry.id!r} in the catalog", "Check the id")
        kept = _parse_kept(entry)
        if kept is not None:
            out[entry.id] = kept
    return out


def load_kept_angles(
    data_dir: Path | str | None = None, exercises: Iterable[str] | None = None
) -> Mapping[str, KeptAngle]:
    """The kept angle per exercise from ``data/pose_rules.toml`` (or ``data_dir``), checked."""
    folder = Path(data_dir) if data_dir else DATA_DIR
    return parse_kept_angles(folder / POSE_RULES_FILE, exercises)
