"""YAML read safely, with the line of every key and item kept for error messages.

We compose the node tree ourselves (libyaml when available) instead of calling ``safe_load``:
that gives line numbers, lets us refuse duplicate keys (``safe_load`` silently keeps the last),
and lets us refuse anchors and aliases, which can expand a small file into gigabytes.

This module does not import PyYAML (10–20 ms): ``yamltree``, which does, is imported only when a
text is parsed, so a start that finds every file in its cache (templates: ``cache``, the
curriculum: ``curriculum_cache``) never loads it. Code that only needs ``LDict``/``LList``
imports them from here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from quizmath.core.bank.textfile import MAX_FILE_BYTES, read_text_file, refuse_controls
from quizmath.core.errors import TemplateError

MAX_NESTING = 40


class LDict(dict):
    """A mapping that remembers the 1-based line of each key and of itself."""

    line: int
    key_lines: dict[str, int]
    block_keys: set[str]  # keys whose value is a literal/folded block scalar (| or >)


class LList(list):
    """A sequence that remembers the 1-based line of each item and of itself."""

    line: int
    item_lines: list[int]
    block_items: set[int]  # indices of items that are literal/folded block scalars


def read_yaml_file(path: Path) -> Any:
    """Parse one YAML file into plain data with line information. Raises TemplateError."""
    return read_yaml_text(read_text_file(path, MAX_FILE_BYTES), str(path))


def read_yaml_text(text: str, name: str = "<text>") -> Any:
    # Raw control characters first: the YAML reader refuses some of them itself, but with a
    # character offset instead of a line (a NUL or an ESC gave "position 31").
    refuse_controls(text, name, line_breaks=True)
    _check_nesting(text, name)
    from quizmath.core.bank.yamltree import compose  # imports PyYAML: only when parsing

    return compose(text, name)


_BRACKET = re.compile(r"[][{}]")


def _check_nesting(text: str, name: str) -> None:
    """Refuse deeply nested flow collections before the parser sees them (it recurses).

    Brackets are counted wherever they are (in quotes and comments too: a cheap, safe bound).
    Only the brackets are visited, and only a text with more than ``MAX_NESTING`` opening ones
    at all; the line is counted only when refusing."""
    if text.count("[") + text.count("{") <= MAX_NESTING:
        return
    depth = 0
    for m in _BRACKET.finditer(text):
        if m.group() in "[{":
            depth += 1
            if depth > MAX_NESTING:
                line = text.count("\n", 0, m.start()) + 1
                raise TemplateError(
                    f"nesting deeper than {MAX_NESTING} levels", file=name, line=line
                )
        elif depth:
            depth -= 1
