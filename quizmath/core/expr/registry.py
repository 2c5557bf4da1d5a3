"""The whitelist of functions a template expression may call.

Engine modules register functions with ``@builtin``; the interpreter calls nothing else. The
registry also feeds the function reference in ``docs/templates.md`` (a test keeps the two in
step), so every callable name has a one-line description.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import msgspec

CATEGORIES = (
    "random",
    "numbers",
    "lists",
    "linear algebra",
    "calculus",
    "optimization",
    "probability",
    "statistics",
    "information theory",
    "regression",
    "text",
)


class Builtin(msgspec.Struct, frozen=True):
    """One whitelisted function (a Struct: see ``nodes``)."""

    name: str
    func: Callable[..., Any]
    signature: str  # as shown in the docs, e.g. "randint(a, b)"
    category: str
    doc: str  # one line
    uses_rng: bool  # the interpreter passes the problem's Rng as the first argument


BUILTINS: dict[str, Builtin] = {}

_SIGNATURE = re.compile(r"^([a-z_][a-z0-9_]*)\(.*\)$")


def builtin(signature: str, category: str, *, rng: bool = False) -> Callable[[Any], Any]:
    """Register ``func`` under the name in ``signature``; its docstring's first line is the doc."""
    match = _SIGNATURE.match(signature)
    if match is None:
        raise ValueError(f"bad signature {signature!r}")
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category!r}")
    name = match.group(1)

    def register(func: Callable[..., Any]) -> Callable[..., Any]:
        if name in BUILTINS:
            raise ValueError(f"builtin {name!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        if not doc:
            raise ValueError(f"builtin {name!r} needs a docstring")
        BUILTINS[name] = Builtin(name, func, signature, category, doc[0].strip(), rng)
        return func

    return register
