"""Checking one YAML document field by field, collecting every error with its line.

A ``Fields`` wraps a mapping from the file; its getters return a sane default after recording an
error, so one pass reports every problem in a file instead of stopping at the first.
"""

from __future__ import annotations

import re
from typing import Any

from quizmath.core.bank.yamlsource import LDict, LList
from quizmath.core.errors import TemplateError

NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Problems:
    """The errors found in one file."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[TemplateError] = []

    def add(self, field: str, message: str, line: int | None) -> None:
        self.errors.append(TemplateError(message, file=self.file, line=line, field=field))


class Fields:
    """Typed access to a mapping, recording wrong or missing fields in ``problems``."""

    def __init__(self, data: LDict, problems: Problems, prefix: str = "") -> None:
        self.data = data
        self.problems = problems
        self.prefix = prefix

    def path(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def line(self, key: str) -> int:
        return self.data.key_lines.get(key, self.data.line)

    def is_block(self, key: str) -> bool:
        return key in self.data.block_keys

    def error(self, key: str, message: str) -> None:
        self.problems.add(self.path(key), message, self.line(key))

    def check_keys(self, required: tuple[str, ...], optional: tuple[str, ...]) -> None:
        allowed = set(required) | set(optional)
        for key in self.data:
            if key not in allowed:
                hint = _closest(key, allowed)
                self.error(
                    key, f'unknown field "{key}"' + (f' (did you mean "{hint}"?)' if hint else "")
                )
        for key in required:
            if key not in self.data:
                self.problems.add(self.path(key), "required field is missing", self.data.line)

    def has(self, key: str) -> bool:
        return key in self.data

    def text(self, key: str, default: str = "") -> str:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(key, f"expected text, got {kind_of(value)}")
            return default
        text = str(value)
        if not text.strip():
            self.error(key, "must not be empty")
        return text

    def integer(self, key: str, lo: int, hi: int, default: int) -> int:
        value = self.data.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(key, f"expected a whole number from {lo} to {hi}, got {kind_of(value)}")
            return default
        if not lo <= value <= hi:
            self.error(key, f"expected a whole number from {lo} to {hi}, got {value}")
            return default
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(key, f"expected true or false, got {kind_of(value)}")
            return default
        return value

    def number(self, key: str) -> float | None:
        """A positive number; YAML reads ``1e-3`` as text, so text that is a number is fine."""
        value = self.data.get(key)
        if value is None:
            return None
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
        except (TypeError, ValueError):
            self.error(key, f"expected a number, got {kind_of(value)}")
            return None
        if not 0 < number < 1:
            self.error(key, f"expected a relative tolerance between 0 and 1, got {value}")
            return None
        return number

    def mapping(self, key: str) -> LDict | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, LDict):
            self.error(key, f"expected a mapping (name: value lines), got {kind_of(value)}")
            return None
        return value

    def sequence(self, key: str, *, single_ok: bool = False) -> LList | None:
        value = self.data.get(key)
        if value is None:
            return None
        if single_ok and isinstance(value, str):
            out = LList([value])
            out.line = self.line(key)
            out.item_lines = [self.line(key)]
            out.block_items = {0} if self.is_block(key) else set()
            return out
        if not isinstance(value, LList):
            self.error(key, f"expected a list, got {kind_of(value)}")
            return None
        return value

    def names(self, key: str) -> list[str]:
        items = self.sequence(key, single_ok=True)
        names: list[str] = []
        for k, item in enumerate(items or []):
            if not isinstance(item, str) or not NAME.match(item):
                self.problems.add(
                    f"{self.path(key)}[{k}]",
                    f"expected a name, got {item!r}",
                    items.item_lines[k] if items else None,
                )
            else:
                names.append(item)
        return names


def kind_of(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "nothing"
    return type(value).__name__


def _closest(word: str, options: set[str]) -> str | None:
    """A likely intended field name, for typos such as "hint" for "hints"."""
    best, best_score = None, 0.0
    for option in options:
        common = len(set(word) & set(option))
        score = common / max(len(set(word) | set(option)), 1)
        if option.startswith(word[:3]) and score > best_score:
            best, best_score = option, score
    return best if best_score >= 0.5 else None
