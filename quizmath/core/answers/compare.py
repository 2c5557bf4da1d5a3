"""The comparison rule of each answer kind (ANSWERS.md, "When two answers are the same").

| kind               | rule                                                                   |
|--------------------|------------------------------------------------------------------------|
| integer            | exact equality of the value                                             |
| exact              | exact equality (fractions exactly; irrationals at adaptive precision)   |
| real               | ``|s − e| ≤ tol·|e|``; ``|s| ≤ 1e-12`` when e = 0 (tol default 1e-6)    |
| vector, matrix     | same shape, then entry by entry: exact, or the real rule when tol given |
| vector-up-to-scale | ``s = c·e`` for some c ≠ 0; the zero vector is rejected                 |
| set                | same elements under the entry rule, any order, duplicates ignored       |
| expression         | equal as real functions where the expected one is defined               |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from quizmath.core.answers.expression import (
    MIN_POINTS,
    Undecided,
    same_function,
    sample_points,
    values_at,
)
from quizmath.core.answers.nodes import Node, Num
from quizmath.core.answers.numeric import Evaluator, next_dps
from quizmath.core.answers.scalars import MAX_DPS, ExpectedError, Scalars
from quizmath.core.answers.shape import Shaped, as_set, as_vector, expand_plus_minus

DEFAULT_TOL = 1e-6


@dataclass(slots=True)
class Outcome:
    ok: bool
    message: str = ""
    wrong: list[Any] = field(default_factory=list)
    rounded: bool = False  # wrong only by rounding, where exact values are asked


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _listing(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _entries_message(wrong: list[Any], total: int) -> str:
    if len(wrong) == total and total > 1:
        return "Not correct: every entry is wrong."
    if len(wrong) > 3:
        return f"Not correct: {len(wrong)} entries are wrong."
    word = "entry" if len(wrong) == 1 else "entries"
    verb = "is" if len(wrong) == 1 else "are"
    return f"Not correct: {word} {_labels(wrong)} {verb} wrong."


def _labels(wrong: list[Any]) -> str:
    """Entries as a learner counts them: 1, 2 and 3; (1, 2) for a matrix."""
    labels = [f"({w[0] + 1}, {w[1] + 1})" if isinstance(w, tuple) else str(w + 1) for w in wrong]
    return _listing(labels)


def _shape_mismatch(expected: Shaped, got: Shaped) -> Outcome:
    return Outcome(
        False, f"Not correct: the answer is {expected.describe()}; this is {got.describe()}."
    )


class Judge:
    """Compares one submitted answer with one expected answer of a kind."""

    def __init__(
        self, kind: str, scalars: Scalars, *, tol: float | None, names: tuple[str, ...]
    ) -> None:
        self.kind = kind
        self.s = scalars
        self.tol = tol
        self.names = names

    def entry_rule(self) -> Callable[[Node, Node], bool]:
        if self.tol is None:
            return self.s.same_exact
        tol = self.tol
        return lambda a, b: self.s.same_real(a, b, tol)

    def validate(self, shaped: Shaped) -> None:
        """Raise ``BadValue`` for a submitted value that is undefined or too large."""
        for item in shaped.items:
            for value in expand_plus_minus(item):
                if self.kind == "expression":
                    self.s.exact(value)  # static limits and constant sub-expressions
                else:
                    self.s.check_value(value)

    def compare(self, sub: Shaped, exp: Shaped) -> Outcome:
        kind = self.kind
        if kind in ("integer", "real", "exact", "expression"):
            if exp.tag != "scalar":
                raise ExpectedError(f"a {kind} answer must be a single value")
            if sub.tag != "scalar":
                return _shape_mismatch(exp, sub)
            return self.scalar(sub.items[0], exp.items[0])
        if kind == "set":
            sset, eset = as_set(sub), as_set(exp)
            if eset is None:
                raise ExpectedError("a set answer must be a list of values")
            if sset is None:
                return _shape_mismatch(eset, sub)
            return self.sets(sset, eset)
        if kind == "matrix":
            return self.matrix(sub, exp)
        svec, evec = as_vector(sub), as_vector(exp)
        if evec is None:
            raise ExpectedError("a vector answer must be a list of values")
        if svec is None or len(svec.items) != len(evec.items):
            return _shape_mismatch(evec, sub)
        if kind == "vector":
            return self.entries(list(svec.items), list(evec.items), [*range(len(evec.items))])
        return self.up_to_scale(list(svec.items), list(evec.items))

    def scalar(self, s: Node, e: Node) -> Outcome:
        kind = self.kind
        if kind == "expression":
            self.s.exact(e, expected=True)
            return Outcome(same_function(s, e, self.names), "Not correct.")
        if kind == "real":
            ok = self.s.same_real(s, e, DEFAULT_TOL if self.tol is None else self.tol)
            return Outcome(ok, "Not correct.")
        ok = self.s.same_exact(s, e)
        if ok:
            return Outcome(True)
        if kind == "integer" and self.s.is_integer(s) is False:
            return Outcome(False, "Not correct: the answer is a whole number.")
        if kind == "exact" and self._rounded(s, e):
            return Outcome(
                False,
                "Not correct: close, but the exact value is asked "
                "(a fraction, a root, π …), not a rounded decimal.",
                rounded=True,
            )
        return Outcome(False, "Not correct.")

    def _rounded(self, s: Node, e: Node) -> bool:
        """Whether a typed decimal ``s`` is within 1% of the exact ``e``: rounding, not error."""
        if not _has_decimal(s):
            return False
        rel = self.s.rel_diff(s, e)
        return rel is not None and rel < 1e-2

    def entries(self, subs: list[Node], exps: list[Node], labels: list[Any]) -> Outcome:
        same = self.entry_rule()
        pairs = [(s, e, label) for s, e, label in zip(subs, exps, labels, strict=True)]
        wrong = [label for s, e, label in pairs if not same(s, e)]
        if not wrong:
            return Outcome(True)
        if self.tol is None and all(self._rounded(s, e) for s, e, lab in pairs if lab in wrong):
            word = "entry" if len(wrong) == 1 else "entries"
            return Outcome(
                False,
                f"Not correct: close, but exact entries are asked (fractions, roots, π …), "
                f"not rounded decimals ({word} {_labels(wrong)}).",
                wrong,
                rounded=True,
            )
        return Outcome(False, _entries_message(wrong, len(labels)), wrong)

    def matrix(self, sub: Shaped, exp: Shaped) -> Outcome:
        if exp.tag == "vector":  # a flat list gives no orientation: a row or a column will do
            svec = as_vector(sub)
            if svec is None or len(svec.items) != len(exp.items):
                return _shape_mismatch(exp, sub)
            return self.entries(list(svec.items), list(exp.items), [*range(len(exp.items))])
        if exp.tag != "matrix":
            raise ExpectedError("a matrix answer must be a list of rows")
        labels = [(i, j) for i in range(exp.rows) for j in range(exp.cols)]
        if sub.tag == "vector" and 1 in (exp.rows, exp.cols) and len(sub.items) == len(exp.items):
            return self.entries(list(sub.items), list(exp.items), labels)
        if sub.tag != "matrix" or (sub.rows, sub.cols) != (exp.rows, exp.cols):
            return _shape_mismatch(exp, sub)
        return self.entries(list(sub.items), list(exp.items), labels)

    def sets(self, sub: Shaped, exp: Shaped) -> Outcome:
        same = self.entry_rule()
        subs = [v for item in sub.items for v in expand_plus_minus(item)]
        exps = _dedupe([v for item in exp.items for v in expand_plus_minus(item)], same)
        wrong = [k for k, s in enumerate(subs) if not any(same(s, e) for e in exps)]
        missing = [e for e in exps if not any(same(s, e) for s in subs)]
        if not wrong and not missing:
            return Outcome(True)
        parts = []
        if wrong:
            parts.append(
                f"{_plural(len(wrong), 'value')} {'is' if len(wrong) == 1 else 'are'} wrong"
            )
        if missing:
            parts.append(
                f"{_plural(len(missing), 'value')} {'is' if len(missing) == 1 else 'are'} missing"
            )
        return Outcome(False, "Not correct: " + "; ".join(parts) + ".", wrong)

    def up_to_scale(self, subs: list[Node], exps: list[Node]) -> Outcome:
        if any(self.s.symbolic(x) for x in subs + exps):
            return _scale_symbolic(subs, exps, self.names)
        fs = [self.s.exact(x) for x in subs]
        fe = [self.s.exact(x, expected=True) for x in exps]
        if self.tol is None and all(v is not None for v in fs + fe):
            return _scale_exact(fs, fe)  # type: ignore[arg-type]
        return self._scale_numeric(subs, exps)

    def _scale_numeric(self, subs: list[Node], exps: list[Node]) -> Outcome:
        dps, last = self.s.dps, None
        while True:
            vs = [self.s.num(x, dps) for x in subs]
            ve = [self.s.num(x, dps, expected=True) for x in exps]
            need = max(v[1] for v in vs + ve)
            step = next_dps(dps, need, last, MAX_DPS)
            if step <= 0:
                break
            last, dps = (dps, need), step
        ev = Evaluator(dps)
        noise = ev.noise(*(v[2] for v in vs + ve)) * ev.ctx.mpf(10) ** 15
        outcome = _parallel([v[0] for v in vs], [v[0] for v in ve], noise, self.tol)
        if outcome is None:
            raise ExpectedError("the expected vector is zero")
        return outcome


def _scale_exact(s: list[Fraction], e: list[Fraction]) -> Outcome:
    if all(x == 0 for x in e):
        raise ExpectedError("the expected vector is zero")
    if all(x == 0 for x in s):
        return Outcome(False, "Not correct: the zero vector is not an answer here.")
    k = next(j for j, x in enumerate(e) if x != 0)
    c = s[k] / e[k]
    ok = c != 0 and all(sj == c * ej for sj, ej in zip(s, e, strict=True))
    return Outcome(ok, "" if ok else "Not correct: this is not a multiple of the answer.")


def _scale_symbolic(subs: list[Node], exps: list[Node], names: tuple[str, ...]) -> Outcome:
    """Parallel at every usable point (the scale may depend on the variables)."""
    agreed = 0
    for point in sample_points(names):
        got_e = values_at(exps, point)
        if got_e is None:
            continue
        got_s = values_at(subs, point)
        if got_s is None:
            return Outcome(False, "Not correct: this is not a multiple of the answer.")
        (e, noise_e), (s, noise_s) = got_e, got_s
        outcome = _parallel(s, e, max(noise_e, noise_s), None)
        if outcome is None:
            continue  # the expected vector vanishes here
        if not outcome.ok:
            return outcome
        agreed += 1
        if agreed >= MIN_POINTS:
            return Outcome(True)
    raise Undecided


def _parallel(s: list[Any], e: list[Any], noise: Any, tol: float | None) -> Outcome | None:
    """Whether s = c·e for some c ≠ 0, up to ``noise`` (or relative ``tol``); None if e ≈ 0."""
    k = max(range(len(e)), key=lambda j: abs(e[j]))
    if abs(e[k]) <= noise:
        return None
    size = max(abs(x) for x in s)
    if size <= noise:
        return Outcome(False, "Not correct: the zero vector is not an answer here.")
    c = s[k] / e[k]
    bound = size * tol if tol is not None else noise * (1 + abs(c))
    ok = all(abs(sj - c * ej) <= bound for sj, ej in zip(s, e, strict=True))
    return Outcome(ok, "" if ok else "Not correct: this is not a multiple of the answer.")


def _dedupe(values: list[Node], same: Callable[[Node, Node], bool]) -> list[Node]:
    out: list[Node] = []
    for v in values:
        if not any(same(v, u) for u in out):
            out.append(v)
    return out


def _has_decimal(node: Node) -> bool:
    from quizmath.core.answers.nodes import walk

    return any(isinstance(n, Num) and ("." in n.text or "e" in n.text) for n in walk(node))
