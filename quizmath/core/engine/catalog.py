"""Every whitelisted function, by name, with its module imported only when first needed.

Nothing is callable from a template unless an engine module registers it with ``@builtin``.
Checking a template's names needs only the list of names, and a problem calls a handful of
functions, so importing every engine module up front (about 30 ms, most of it for functions
the first problem never calls) was the largest part of quizmath's start-up. ``index.py`` maps
each name to its module; it is generated, and a test keeps it equal to the registrations:

    python -m quizmath.core.engine.catalog --write
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

from quizmath.core.engine.index import INDEX
from quizmath.core.expr import registry
from quizmath.core.expr.registry import Builtin

# Every engine module that registers functions.
MODULES = (
    "activations",
    "algorithms",
    "calculus",
    "combinatorics",
    "eigen",
    "geometry",
    "info",
    "linalg",
    "matrices",
    "models",
    "notation",
    "numbers",
    "optim",
    "polynomials",
    "prob",
    "random_draws",
    "regression",
    "sequences",
    "statistics",
    "text",
)


def _import(module: str) -> None:
    importlib.import_module(f"quizmath.core.engine.{module}")


class Catalog(Mapping[str, Builtin]):
    """A read-only mapping name → Builtin that imports a function's module on first use."""

    def __contains__(self, name: object) -> bool:
        return name in INDEX

    def __getitem__(self, name: str) -> Builtin:
        found = registry.BUILTINS.get(name)
        if found is None:
            _import(INDEX[name])  # KeyError for a name that is not whitelisted
            found = registry.BUILTINS[name]
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(INDEX))

    def __len__(self) -> int:
        return len(INDEX)


BUILTINS = Catalog()


def load_all() -> dict[str, Builtin]:
    """Import every engine module and return the full registry."""
    for module in MODULES:
        _import(module)
    return registry.BUILTINS


def generated_index() -> dict[str, str]:
    return {name: b.func.__module__.rsplit(".", 1)[1] for name, b in sorted(load_all().items())}


def index_source() -> str:
    lines = [
        '"""Which engine module defines each whitelisted function (generated; do not edit).',
        "",
        "Regenerate with: python -m quizmath.core.engine.catalog --write",
        '"""',
        "",
        "INDEX: dict[str, str] = {",
    ]
    lines += [f'    "{name}": "{module}",' for name, module in generated_index().items()]
    lines += ["}", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        (Path(__file__).parent / "index.py").write_text(index_source(), encoding="utf-8")
    else:
        print(index_source())
