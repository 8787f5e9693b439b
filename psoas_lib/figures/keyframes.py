"""The keyframes of every exercise's figure, read and checked from ``data/keyframes.toml``.

Each ``[[figure]]`` names an exercise of the catalog and lists 2 to 8 ``[[figure.key]]``
poses; a key gives its time within one repetition (0 to 1) and the joint angles that change
(the others carry over from the key before; the first key starts from standing straight).
Every problem raises :class:`~psoas_lib.content.datafile.CatalogError` naming the file, the
line, the exercise, the keyframe and the joint.

>>> figures = load_keyframes()
>>> fig = figures["kneeling-hip-flexor-stretch"]
>>> fig.pin, len(fig.keys), fig.keys[0].angles["knee"]
('knee', 4, 95.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from psoas_lib.content.datafile import CatalogError, Entry, check_unique, entries, read_toml
from psoas_lib.errors import where
from psoas_lib.figures.body import JOINTS, POINTS, RANGES
from psoas_lib.figures.figure import KEYFRAMES_FILE, Figure, Key, Prop
from psoas_lib.paths import DATA_DIR

__all__ = ["HANDS", "PROPS", "load_keyframes", "parse_keyframes"]

VIEWS = ("side", "above")
EASINGS = ("ease", "flow")
PROPS = ("mat", "bench", "chair", "cushion", "wall")
MAX_KEYS = 8
HANDS = ("free", "thigh", "other_thigh", "knee", "other_knee", "chair")
FEET = ("foot", "other_foot")
KEY_FIELDS = {"t", "pose", "contacts", "hand", "other_hand", *JOINTS}
FIGURE_FIELDS = {
    "id",
    "view",
    "cycle_s",
    "easing",
    "pin",
    "planted",
    "contacts",
    "props",
    "key",
    "hand",
    "other_hand",
    "camera",
    "reps_per_loop",
}


def _key_lines(entry: Entry) -> list[int]:
    """Line numbers (1-based) of this figure's ``[[figure.key]]`` headers."""
    start = (entry.line_of() or 1) - 1
    found = []
    for n in range(start, len(entry.lines)):
        text = entry.lines[n]
        if n > start and re.match(r"^\s*\[\[\s*figure\s*\]\]", text):
            break
        if re.match(r"^\s*\[\[\s*figure\.key\s*\]\]", text):
            found.append(n + 1)
    return found


def _field_line(entry: Entry, key_line: int | None, name: str) -> int | None:
    if key_line is None:
        return None
    pattern = re.compile(r"^\s*" + re.escape(name) + r"\s*=")
    for n in range(key_line, len(entry.lines)):
        text = entry.lines[n]
        if re.match(r"^\s*\[", text):
            break
        if pattern.match(text):
            return n + 1
    return key_line


def _fail(entry: Entry, line: int | None, label: str, joint: str | None, problem: str, fix: str):
    loc = where(entry.path, line, entry.id, joint) + label
    return CatalogError(f"{loc}: {problem}. {fix}")


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _names(entry: Entry, value: Any, allowed: Iterable[str], what: str, fail) -> tuple[str, ...]:
    allowed = tuple(allowed)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"{what} should be a list of names in quotes, not {value!r}", "Write [...]")
    for name in value:
        if name not in allowed:
            raise fail(f"unknown {what} {name!r}", "Use one of: " + ", ".join(allowed))
    return tuple(value)


def _parse_prop(entry: Entry, raw: Any) -> Prop:
    def fail(problem: str, fix: str) -> CatalogError:
        return _fail(entry, entry.line_of("props"), "", "props", problem, fix)

    if isinstance(raw, str):
        raw = {"kind": raw}
    if not isinstance(raw, dict) or raw.get("kind") not in PROPS:
        raise fail(f"a prop should be one of {', '.join(PROPS)}, not {raw!r}", "Fix the name")
    kind = raw["kind"]
    extra = set(raw) - {"kind", "from", "to", "height", "near_edge"}
    if extra:
        raise fail(f"unknown prop field {sorted(extra)[0]!r}", "Use from, to, height, near_edge")
    for name in ("from", "to", "height", "near_edge"):
        if name in raw and not _number(raw[name]):
            raise fail(f"the {kind}'s {name} should be a number of cm", "Write e.g. 45")
    x = (float(raw.get("from", -100)), float(raw.get("to", 100)))
    if x[0] >= x[1]:
        raise fail(f"the {kind} ends before it starts ({x[0]} to {x[1]})", "Swap from and to")
    return Prop(kind, x, float(raw.get("height", 0)), float(raw.get("near_edge", 30)))


def parse_figure(entry: Entry, exercises: Iterable[str] | None = None) -> Figure:
    """One ``[[figure]]`` table as a :class:`Figure` (raises :class:`CatalogError`)."""
    ident = entry.get("id", str)
    if exercises is not None and ident not in set(exercises):
        raise entry.error(
            "id",
            f"there is no exercise {ident!r} in the catalog",
            "Use the id of an exercise in exercises.toml",
        )
    for name in entry.data:
        if name not in FIGURE_FIELDS:
            raise entry.error(
                name, f"unknown field {name!r}", "Use: " + ", ".join(sorted(FIGURE_FIELDS))
            )
    view = entry.choice("view", VIEWS, required=False, default="side")
    easing = entry.choice("easing", EASINGS, required=False, default="ease")
    cycle = entry.get("cycle_s", (int, float), required=False, default=6)
    if not 1 <= cycle <= 120:
        raise entry.error("cycle_s", f"cycle_s {cycle} is not 1 to 120 seconds", "Use e.g. 6")
    pin = entry.choice("pin", POINTS)

    def top_fail(name: str):
        return lambda problem, fix: entry.error(name, problem, fix)

    planted = _names(
        entry, entry.data.get("planted", []), FEET, "planted foot", top_fail("planted")
    )
    for foot in planted:
        prefix = foot.removesuffix("foot")
        leg = {f"{prefix}{p}" for p in ("knee", "ankle", "heel", "toe")}
        if pin in leg:
            raise entry.error(
                "pin",
                f"the pinned point {pin!r} is on the planted {foot.replace('_', ' ')}",
                "Pin a point of the trunk or of the other leg",
            )
    contacts = _names(
        entry, entry.data.get("contacts", []), POINTS, "contact", top_fail("contacts")
    )
    raw_props = entry.data.get("props", [])
    if not isinstance(raw_props, list):
        raise entry.error("props", "props should be a list", 'Write props = ["mat"]')
    props = tuple(_parse_prop(entry, p) for p in raw_props)
    camera = entry.data.get("camera")
    if camera is not None and (
        not isinstance(camera, list)
        or len(camera) != 2
        or not all(_number(c) for c in camera)
        or not (-90 <= camera[0] <= 90 and 0 <= camera[1] <= 90)
    ):
        raise entry.error(
            "camera",
            f"camera should be [turn, elevation] in degrees, not {camera!r}",
            "Write e.g. camera = [20, 10]: turned 20 towards the front, 10 above",
        )
    per_loop = entry.data.get("reps_per_loop", 1)
    if per_loop not in (1, 2) or isinstance(per_loop, bool):
        raise entry.error(
            "reps_per_loop",
            f"reps_per_loop should be 1 or 2, not {per_loop!r}",
            "Write 2 when one loop shows two counted repetitions (one each leg or way)",
        )
    hand = entry.choice("hand", HANDS, required=False, default="free")
    other_hand = entry.choice("other_hand", HANDS, required=False, default="free")

    raw_keys = entry.data.get("key")
    lines = _key_lines(entry)
    if not isinstance(raw_keys, list) or not 2 <= len(raw_keys) <= MAX_KEYS:
        count = len(raw_keys) if isinstance(raw_keys, list) else 0
        raise entry.error(
            None,
            f"a figure needs 2 to {MAX_KEYS} keyframes, this one has {count}",
            "Add [[figure.key]] tables with t = ... and the joint angles",
        )
    angles: dict[str, float] = {joint: 0.0 for joint in JOINTS}
    keys: list[Key] = []
    last_t = -1.0
    for n, raw in enumerate(raw_keys):
        line = lines[n] if n < len(lines) else entry.line_of()
        pose = raw.get("pose") if isinstance(raw.get("pose"), str) else f"key {n + 1}"
        label = f", keyframe {n + 1} ({pose!r})"

        def fail(
            name: str | None, problem: str, fix: str, line: int | None = line, label: str = label
        ) -> CatalogError:
            field_line = _field_line(entry, line, name) if name else line
            return _fail(entry, field_line, label, name, problem, fix)

        for name in raw:
            if name not in KEY_FIELDS:
                base = name.removeprefix("other_")
                hint = (
                    f"Joints are: {', '.join(JOINTS)}"
                    if base not in KEY_FIELDS
                    else "Check the spelling"
                )
                raise fail(name, f"unknown joint or field {name!r}", hint)
        t = raw.get("t")
        if not _number(t) or not 0 <= t <= 1:
            raise fail(
                "t",
                f"t should be a time from 0 to 1 in the repetition, not {t!r}",
                "Write e.g. t = 0.5 for half way",
            )
        if n == 0 and t != 0:
            raise fail("t", f"the first keyframe must be at t = 0, not {t}", "Set t = 0")
        if t <= last_t:
            raise fail("t", f"t = {t} does not come after the keyframe before", "Order by time")
        last_t = float(t)
        for joint in JOINTS:
            if joint not in raw:
                continue
            value = raw[joint]
            if not _number(value):
                raise fail(
                    joint,
                    f"{joint} should be an angle in degrees, not {value!r}",
                    "Write a number, e.g. 90",
                )
            low, high = RANGES[joint.removeprefix("other_")]
            if not low <= value <= high:
                raise fail(
                    joint,
                    f"{joint} = {value} is outside its range {low:g} to {high:g} degrees",
                    "Use an angle a body can reach",
                )
            angles[joint] = float(value)

        def key_fail(name: str):
            return lambda problem, fix: fail(name, problem, fix)

        key_contacts = (
            _names(entry, raw["contacts"], POINTS, "contact", key_fail("contacts"))
            if "contacts" in raw
            else (keys[-1].contacts if keys else contacts)
        )
        for side_name in ("hand", "other_hand"):
            if side_name in raw and raw[side_name] not in HANDS:
                raise fail(side_name, f"unknown hand target {raw[side_name]!r}", ", ".join(HANDS))
        key_hand = raw.get("hand", keys[-1].hand if keys else hand)
        key_other = raw.get("other_hand", keys[-1].other_hand if keys else other_hand)
        for target in (key_hand, key_other):
            if target == "chair" and not any(p.kind == "chair" for p in props):
                raise fail("hand", "a hand holds a chair but the figure has none", "Add it")
        lines_of = {name: _field_line(entry, line, name) for name in raw}
        keys.append(
            Key(float(t), pose, dict(angles), key_contacts, key_hand, key_other, line, lines_of)
        )
    if keys[-1].t == 1 and keys[-1].angles != keys[0].angles:
        raise _fail(
            entry,
            keys[-1].line,
            f", keyframe {len(keys)} ({keys[-1].pose!r})",
            None,
            "a keyframe at t = 1 must repeat the first one so the loop closes",
            "Remove it (the loop returns to the first pose by itself) or copy the first",
        )
    return Figure(
        ident,
        tuple(keys),
        pin,
        view,
        float(cycle),
        easing,
        planted,
        props,
        (float(camera[0]), float(camera[1])) if camera else None,
        per_loop,
        entry.path,
        entry.line_of(),
    )


def parse_keyframes(
    path: Path | str, exercises: Iterable[str] | None = None, *, check: bool = True
) -> dict[str, Figure]:
    """Read a keyframe file; with ``check`` also place each key and check it on the floor.

    ``exercises`` is the catalog's ids: a figure for an unknown exercise, or an exercise
    without a figure, is an error.
    """
    path = Path(path)
    data, lines = read_toml(path)
    extra = set(data) - {"figure"}
    if extra:
        raise CatalogError(f"{path}: unknown table {sorted(extra)[0]!r}. Use [[figure]] tables.")
    found = entries(data, "figure", path, lines)
    check_unique(found)
    figures = {e.id: parse_figure(e, exercises) for e in found}
    if exercises is not None:
        missing = [ex for ex in exercises if ex not in figures]
        if missing:
            raise CatalogError(
                f"{path}: exercise {missing[0]!r} has no figure. Add a [[figure]] with "
                f'id = "{missing[0]}" and its keyframes'
            )
    if check:
        from psoas_lib.figures.motion import check_keys

        for figure in figures.values():
            check_keys(figure)
    return figures


def load_keyframes(
    data_dir: Path | str | None = None, exercises: Iterable[str] | None = None
) -> dict[str, Figure]:
    """The figures of ``data/keyframes.toml`` (or of ``data_dir``), checked.

    Without ``exercises`` the catalog of the same folder gives the ids that need a figure.
    """
    folder = Path(data_dir) if data_dir else DATA_DIR
    if exercises is None:
        data, _ = read_toml(folder / "exercises.toml")
        exercises = [
            e["id"]
            for e in data.get("exercise", [])
            if isinstance(e, dict) and isinstance(e.get("id"), str)
        ]
    return parse_keyframes(folder / KEYFRAMES_FILE, exercises)
