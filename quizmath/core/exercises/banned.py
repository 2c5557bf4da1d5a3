"""Finding banned names in the learner's source by reading it with ``ast``.

The learner's own file is parsed, never executed here (it runs only in the sandbox, where the
same names are also replaced by functions that raise). Imports are followed, so
``import numpy as np`` then ``np.linalg.lstsq``, ``from numpy.linalg import lstsq as solve``
and ``from numpy import linalg`` then ``linalg.lstsq`` are all found. A banned entry is

- a dotted name (``numpy.linalg.lstsq``; a module such as ``sklearn`` bans all of it),
- ``.name``: that method or attribute on anything (``.dot`` for ``a.dot(b)``),
- ``@``: the matrix-multiplication operator.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass

MAX_SOURCE = 1_000_000  # characters; a learner's file is far smaller


@dataclass(frozen=True)
class BannedUse:
    name: str  # the banned entry it matches
    line: int
    text: str  # as written, e.g. "np.linalg.lstsq"


@dataclass(frozen=True)
class Scan:
    uses: tuple[BannedUse, ...]
    syntax_error: str | None = None  # "line 3: invalid syntax", if the file does not parse
    syntax_line: int | None = None


def scan(source: str, banned: tuple[str, ...]) -> Scan:
    if len(source) > MAX_SOURCE:
        return Scan((), f"the file is too large ({len(source):,} characters)")
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return Scan((), f"line {exc.lineno}: {exc.msg}", exc.lineno)
    except (RecursionError, MemoryError, ValueError):
        return Scan((), "the file is nested too deeply to read")
    if not banned:
        return Scan(())
    return Scan(tuple(_Finder(banned).find(tree)))


class _Finder:
    def __init__(self, banned: tuple[str, ...]) -> None:
        self.dotted = [b for b in banned if b != "@" and not b.startswith(".")]
        self.methods = {b[1:] for b in banned if b.startswith(".")}
        self.matmul = "@" in banned
        self.aliases: dict[str, str] = {}  # local name -> full dotted name

    def find(self, tree: ast.AST) -> list[BannedUse]:
        found: list[BannedUse] = []
        nodes = list(ast.walk(tree))
        for node in nodes:  # imports first, wherever they are, so aliases are known
            if isinstance(node, ast.Import):
                for a in node.names:
                    local = a.asname or a.name.split(".")[0]
                    self.aliases[local] = a.name if a.asname else a.name.split(".")[0]
                    found += self._match(a.name, node.lineno, a.name)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for a in node.names:
                    full = f"{node.module}.{a.name}"
                    self.aliases[a.asname or a.name] = full
                    found += self._match(full, node.lineno, f"from {node.module} import {a.name}")
        for node in nodes:
            if isinstance(node, ast.Attribute):
                dotted = _dotted(node)
                named = self._match(self._resolve(dotted), node.lineno, dotted) if dotted else []
                if not named and node.attr in self.methods:
                    named = [BannedUse(f".{node.attr}", node.lineno, f".{node.attr}")]
                found += named
            elif isinstance(node, ast.Name) and node.id in self.aliases:
                if not isinstance(getattr(node, "ctx", None), ast.Store):
                    found += self._match(self.aliases[node.id], node.lineno, node.id)
            elif (
                self.matmul
                and isinstance(node, ast.BinOp | ast.AugAssign)
                and isinstance(node.op, ast.MatMult)
            ):
                found.append(BannedUse("@", node.lineno, "@"))
        unique: dict[tuple[str, int], BannedUse] = {}
        for use in found:
            unique.setdefault((use.name, use.line), use)
        return sorted(unique.values(), key=lambda u: (u.line, u.name))

    def _resolve(self, dotted: str) -> str:
        head, _, rest = dotted.partition(".")
        base = self.aliases.get(head)
        if base is None:
            return dotted
        return f"{base}.{rest}" if rest else base

    def _match(self, full: str, line: int, text: str) -> list[BannedUse]:
        for b in self.dotted:
            if full == b or full.startswith(b + "."):
                return [BannedUse(b, line, text)]
        return []


def _dotted(node: ast.Attribute) -> str | None:
    parts = [node.attr]
    value: ast.AST = node.value
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    if not isinstance(value, ast.Name):
        return None
    parts.append(value.id)
    return ".".join(reversed(parts))
