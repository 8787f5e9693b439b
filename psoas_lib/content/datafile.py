"""Reading the workbook's TOML data files with errors that point at file, line and field.

TOML reports the line of a syntax error; for a bad value we find the line of the entry's
``id = "..."`` (or of the field itself) so the message still says where to look.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "bad.toml"
>>> _ = path.write_text('[[exercise]]\\nid = "x"\\nname = \\n', encoding="utf-8")
>>> read_toml(path)
Traceback (most recent call last):
...
psoas_lib.content.datafile.CatalogError: ...bad.toml, line 3: this is not valid TOML (...). ...
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from psoas_lib.errors import PsoasError, where

__all__ = ["CatalogError", "Entry", "key_line", "read_entries", "read_toml"]


class CatalogError(PsoasError):
    """A problem in an exercise, routine, checklist or guide data file."""


_LINE_RE = re.compile(r"at line (\d+)")


def key_line(
    lines: Sequence[str],
    key: str,
    value: str | None = None,
    *,
    start: int = 1,
    stop: int | None = None,
    last: bool = False,
) -> int | None:
    """The line (1-based) of ``key = ...`` in a TOML file's lines, for an error message.

    The one line locator of the workbook: with ``value``, only a line ``key = "value"``
    counts; ``start`` and ``stop`` (1-based, inclusive) bound the search; ``last`` takes the
    last match instead of the first. None when no line matches.

    >>> lines = ['[[routine]]', 'id = "a"', 'name = "A"', '[[routine]]', "id = 'b'", 'id = "a"']
    >>> key_line(lines, "id", "a"), key_line(lines, "id", "a", last=True), key_line(lines, "id")
    (2, 6, 2)
    >>> key_line(lines, "name", start=4), key_line(lines, "id", "b", stop=4)
    (None, None)
    """
    head = r"^\s*" + re.escape(key) + r"\s*="
    pattern = re.compile(
        head + (r"\s*[\"']" + re.escape(value) + r"[\"']" if value is not None else "")
    )
    end = len(lines) if stop is None else min(stop, len(lines))
    hits = (n for n in range(max(start, 1), end + 1) if pattern.match(lines[n - 1]))
    if not last:
        return next(hits, None)
    found = list(hits)
    return found[-1] if found else None


def read_toml(path: Path) -> tuple[dict[str, Any], list[str]]:
    """Parse a TOML file; return its data and its lines (for locating entries later)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(
            f"{path}: file not found. Check the folder, or restore the file "
            "from the workbook's data/ folder."
        ) from None
    except UnicodeDecodeError as exc:
        raise CatalogError(
            f"{path}: not UTF-8 text (byte {exc.start}). Save the file as UTF-8 in your editor."
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _LINE_RE.search(str(exc))
        line = int(found.group(1)) if found else None
        raise CatalogError(
            f"{where(path, line)}: this is not valid TOML ({exc}). "
            "Fix the syntax there: quotes, commas, brackets."
        ) from None
    return data, text.splitlines()


@dataclass(frozen=True)
class Entry:
    """One table of a data file (an exercise, a routine...) with what is needed to blame it.

    The getters check type and range and raise :class:`CatalogError` naming file, line,
    entry id and field.
    """

    data: Mapping[str, Any]
    path: Path
    lines: tuple[str, ...]
    kind: str  # "exercise", "routine", ... for messages
    index: int  # position among the file's entries of that kind (0-based)

    @property
    def id(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else f"#{self.index + 1}"

    def line_of(self, field: str | None = None) -> int | None:
        """The line of this entry's ``id = "..."`` (or of ``field`` just after it)."""
        ident = self.data.get("id")
        start = key_line(self.lines, "id", ident) if isinstance(ident, str) else None
        if start is None:
            header = re.compile(r"^\s*\[\[\s*" + re.escape(self.kind) + r"\s*\]\]")
            headers = [n for n, text in enumerate(self.lines, start=1) if header.match(text)]
            start = headers[self.index] if self.index < len(headers) else None
        if start is None:
            return None
        if field:
            following = [
                n
                for n, text in enumerate(self.lines, start=1)
                if n > start and re.match(r"^\s*\[\[", text)
            ]
            stop = following[0] - 1 if following else None
            line = key_line(self.lines, field.split(".")[-1], start=start, stop=stop)
            if line is not None:
                return line
        return start

    def error(self, field: str | None, problem: str, fix: str) -> CatalogError:
        loc = where(self.path, self.line_of(field), self.id, field)
        return CatalogError(f"{loc}: {problem}. {fix}")

    def get(
        self,
        field: str,
        kind: type | tuple[type, ...],
        *,
        required: bool = True,
        default: Any = None,
        source: Mapping[str, Any] | None = None,
        prefix: str = "",
    ) -> Any:
        data = self.data if source is None else source
        name = prefix + field
        if field not in data:
            if required:
                raise self.error(
                    name,
                    f"the {self.kind} has no '{field}'",
                    f"Add a line such as {field} = ... to it",
                )
            return default
        value = data[field]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            wanted = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            raise self.error(
                name, f"'{field}' should be {wanted}, not {value!r}", f"Write it as {wanted}"
            )
        return value

    def text(self, field: str, **kw: Any) -> str:
        value: str = self.get(field, str, **kw)
        if value is not None and not value.strip() and kw.get("required", True):
            raise self.error(
                kw.get("prefix", "") + field, f"'{field}' is empty", "Write some text there"
            )
        return value

    def texts(self, field: str, *, required: bool = True) -> tuple[str, ...]:
        value = self.get(field, list, required=required, default=[])
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.error(
                    field,
                    f"every item of '{field}' should be non-empty text, not {item!r}",
                    "Put each item in quotes",
                )
        return tuple(value)

    def seconds(
        self,
        field: str,
        *,
        source: Mapping[str, Any] | None = None,
        prefix: str = "",
        required: bool = True,
        default: int | None = None,
        allow_zero: bool = False,
    ) -> int | None:
        value: int | None = self.get(
            field, int, source=source, prefix=prefix, required=required, default=default
        )
        if value is None:
            return None
        if value < 0 or (value == 0 and not allow_zero):
            bound = "0 or more" if allow_zero else "more than 0"
            raise self.error(
                prefix + field,
                f"'{field}' must be {bound}, not {value}",
                f"Use a whole number {bound}",
            )
        return value

    def choice(self, field: str, choices: tuple[str, ...], **kw: Any) -> str:
        value: str = self.get(field, str, **kw)
        if value is not None and value not in choices:
            raise self.error(
                field, f"unknown {field} {value!r}", "Use one of: " + ", ".join(choices)
            )
        return value


_TYPE_NAMES = {
    str: "text in quotes",
    int: "a whole number",
    list: "a list [...]",
    dict: "a table { ... }",
    bool: "true or false",
    float: "a number",
}


def entries(data: Mapping[str, Any], key: str, path: Path, lines: list[str]) -> list[Entry]:
    """The ``[[key]]`` tables of a parsed file, as :class:`Entry` objects."""
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise CatalogError(
            f"{path}: '{key}' should be a list of [[{key}]] tables. "
            f"Start each entry with a [[{key}]] line."
        )
    return [Entry(t, Path(path), tuple(lines), key, n) for n, t in enumerate(tables)]


def check_unique(found: list[Entry]) -> None:
    """Raise on the second entry that reuses an id."""
    seen: dict[str, Entry] = {}
    for entry in found:
        ident = entry.get("id", str)
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident):
            raise entry.error(
                "id",
                f"id {ident!r} is not a slug",
                "Use lowercase letters, digits and single hyphens, e.g. 'knee-to-chest'",
            )
        if ident in seen:
            first = seen[ident].line_of()
            raise CatalogError(
                f"{where(entry.path, key_line(entry.lines, 'id', ident, last=True), ident, 'id')}: "
                f"duplicate id "
                f"{ident!r} (first used at line {first}). Give each entry its own id"
            )
        seen[ident] = entry


def read_entries(path: Path, key: str, what: str | None = None) -> list[Entry]:
    """The ``[[key]]`` tables of a data file, each with a unique slug id, in file order.

    ``what`` names one entry in the message for a file without any (e.g. "exercise"); with
    None an empty file is allowed.
    """
    data, lines = read_toml(path)
    found = entries(data, key, path, lines)
    if not found and what is not None:
        raise CatalogError(f"{path}: no [[{key}]] entries. Add at least one {what}.")
    check_unique(found)
    return found
