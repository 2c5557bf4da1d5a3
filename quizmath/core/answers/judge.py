"""``check`` and ``interpret``: the two entry points of the answer checker.

``interpret`` is the live preview the TUI calls on every keystroke: it parses and prints and never
imports sympy or mpmath. ``check`` reads both answers with the same safe parser, applies the
static limits, compares under the kind's rule and never lets an exception escape.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from time import perf_counter
from typing import Any

from quizmath.core.answers.choice import read_choice
from quizmath.core.answers.exact import exact
from quizmath.core.answers.lexer import tokenize
from quizmath.core.answers.names import Resolver, canonical_var
from quizmath.core.answers.nodes import Node, has_plus_minus
from quizmath.core.answers.parser import Parser
from quizmath.core.answers.printer import show, show_entries
from quizmath.core.answers.shape import Shaped, expand_plus_minus, shape
from quizmath.core.answers.text import normalize
from quizmath.core.answers.verdict import (
    ACCEPT,
    INVALID,
    KINDS,
    REJECT,
    Interpretation,
    Mistake,
    Verdict,
)
from quizmath.core.errors import ExprError, ExprSyntaxError, LimitError

SCALAR_KINDS = frozenset({"integer", "real", "exact", "expression"})
LIST_KINDS = frozenset({"vector", "vector-up-to-scale", "matrix", "set"})


def canonical_vars(variables: Sequence[str] | str | None) -> tuple[str, ...]:
    """Declared variables by canonical name; a string may list them with commas or spaces."""
    if variables is None:
        return ()
    if isinstance(variables, str):
        variables = variables.replace(",", " ").split()
    return tuple(sorted({canonical_var(v) for v in variables if v.strip()}))


def read(text: str, kind: str, names: tuple[str, ...], *, expected: bool = False) -> Node:
    """Parse ``text`` for ``kind``: learner syntax, or sympy's printed form when ``expected``."""
    if expected:
        return _read_expected(text, kind, names)
    return _read(text, kind, names, False)


@lru_cache(maxsize=1024)
def _read_expected(text: str, kind: str, names: tuple[str, ...]) -> Node:
    return _read(text, kind, names, True)


def _read(text: str, kind: str, names: tuple[str, ...], expected: bool) -> Node:
    norm = normalize(text)
    toks = tokenize(norm, thousands=kind in SCALAR_KINDS and not expected)
    parser = Parser(
        toks, Resolver(frozenset(names), expected), rows_top=kind in LIST_KINDS, expected=expected
    )
    try:
        return parser.parse()
    except RecursionError:  # the depth limits should make this unreachable
        raise LimitError("nested too deeply") from None


def _read_shaped(
    text: str, kind: str, names: tuple[str, ...], *, expected: bool
) -> tuple[Node, Shaped]:
    """Read, shape, and apply the static limits (sizes of exact values, 1/0) — no mpmath."""
    if expected:
        return _read_shaped_expected(text, kind, names)
    return _read_shaped_now(text, kind, names, False)


# Expected answers and mistakes are read once per problem but compared many times (every
# mistake against every typed answer); the result is immutable, so it is cached. Errors are
# not cached by lru_cache, so a broken expected value is reported every time.
@lru_cache(maxsize=2048)
def _read_shaped_expected(text: str, kind: str, names: tuple[str, ...]) -> tuple[Node, Shaped]:
    return _read_shaped_now(text, kind, names, True)


def _read_shaped_now(
    text: str, kind: str, names: tuple[str, ...], expected: bool
) -> tuple[Node, Shaped]:
    node = read(text, kind, names, expected=expected)
    shaped = shape(node)
    if kind != "set" and has_plus_minus(node):
        raise ExprSyntaxError("± gives two values; use it only where a set of values is asked")
    for item in shaped.items:
        for value in expand_plus_minus(item):
            exact(value)
    return node, shaped


def _kind_error(kind: object) -> str:
    shown = kind if isinstance(kind, str) and kind.isascii() and kind.isprintable() else "?"
    return f'unknown answer kind "{shown[:40]}"; use one of {", ".join(KINDS)}'


def interpret(text: str, kind: str, vars: Sequence[str] = ()) -> Interpretation:
    """How ``text`` reads as an answer of ``kind`` (the "interpreted as" line), without sympy."""
    if kind not in KINDS:
        return Interpretation(False, "", _kind_error(kind))
    try:
        if kind == "choice":
            return Interpretation(True, read_choice(text))
        node, _ = _read_shaped(text, kind, canonical_vars(vars), expected=False)
        return Interpretation(True, show(node, as_set=kind == "set"))
    except ExprError as exc:
        return Interpretation(False, "", str(exc), exc.column)
    except Exception as exc:  # the preview must never take the app down
        return Interpretation(False, "", f"cannot read this ({type(exc).__name__})")


def check(
    kind: str,
    expected: str,
    submitted: str,
    *,
    vars: Sequence[str] = (),
    tol: float | None = None,
    mistakes: Sequence[Mistake] = (),
    choices: int | None = None,
) -> Verdict:
    """Judge ``submitted`` against ``expected`` under the rule of ``kind``. Never raises."""
    start = perf_counter()
    try:
        verdict = _check(kind, expected, submitted, vars, tol, mistakes, choices)
    except MemoryError:  # over the checking process's memory limit
        verdict = Verdict(INVALID, "could not check this answer: it needs too much memory")
    except Exception as exc:  # a bug must cost a message, not the session
        verdict = Verdict(
            INVALID, f"could not check this answer (internal error: {type(exc).__name__})"
        )
    verdict.ms = (perf_counter() - start) * 1000
    return verdict


def _check(
    kind: str,
    expected: str,
    submitted: str,
    variables: Sequence[str],
    tol: float | None,
    mistakes: Sequence[Mistake],
    choices: int | None,
) -> Verdict:
    if kind not in KINDS:
        return Verdict(INVALID, _kind_error(kind))
    if not isinstance(submitted, str) or not isinstance(expected, str):
        return Verdict(INVALID, "the answer must be text")
    if kind == "choice":
        return _check_choice(expected, submitted, mistakes, choices)
    if tol is not None and not (0 <= tol < float("inf")):
        return Verdict(INVALID, "the tolerance must be a non-negative number")
    names = canonical_vars(variables)
    try:
        node, sub = _read_shaped(submitted, kind, names, expected=False)
    except ExprError as exc:
        return Verdict(INVALID, str(exc), column=exc.column)
    interpreted = show(node, as_set=kind == "set")
    try:
        _, exp = _read_shaped(expected, kind, names, expected=True)
    except ExprError as exc:
        return Verdict(INVALID, f"the expected answer could not be read: {exc}")

    # Imported here: mpmath (~50 ms) is paid on the first check, not at start-up.
    from quizmath.core.answers.compare import Judge
    from quizmath.core.answers.expression import Undecided
    from quizmath.core.answers.scalars import BadValue, ExpectedError, Scalars, precision_for

    scalars = Scalars(precision_for(submitted, expected), names)
    judge = Judge(kind, scalars, tol=tol, names=names)
    try:
        judge.validate(sub)
        _validate_expected(judge, exp)
        outcome = judge.compare(sub, exp)
    except BadValue as exc:
        return Verdict(INVALID, str(exc), column=exc.column)
    except ExpectedError as exc:
        return Verdict(INVALID, f"the expected answer has a problem: {exc}")
    except Undecided:
        return Verdict(INVALID, "could not check this answer; it was not counted")
    entries = show_entries(node)
    if outcome.ok:
        return Verdict(ACCEPT, "Correct.", interpreted, entries=entries)
    verdict = Verdict(
        REJECT, outcome.message or "Not correct.", interpreted, outcome.wrong, entries=entries
    )
    verdict.rounded = outcome.rounded
    for m in mistakes:
        if _same_as_mistake(m.expected, submitted, sub, kind, judge, scalars, tol, names):
            verdict.mistake = m.feedback
            break
    return verdict


def _printed_shape(text: str) -> str:
    """The kind whose shape a value in sympy's printed form has: [[…]], […], {…} or a number.

    A typical mistake may have another shape than the answer (the element-wise product typed
    for a dot product is a vector); its printed form says which, so only that one is tried.
    """
    t = text.lstrip()
    if t.startswith("[["):
        return "matrix"
    if t.startswith("["):
        return "vector"
    if t.startswith("{"):
        return "set"
    return "exact"


def _same_as_mistake(
    mistake: str,
    submitted: str,
    sub: Shaped,
    kind: str,
    judge: Any,
    scalars: Any,
    tol: float | None,
    names: Any,
) -> bool:
    from quizmath.core.answers.compare import Judge
    from quizmath.core.answers.expression import Undecided
    from quizmath.core.answers.scalars import BadValue, ExpectedError

    failures = (ExprError, ExpectedError, BadValue, Undecided)
    try:
        _, mexp = _read_shaped(mistake, kind, names, expected=True)
        _validate_expected(judge, mexp)
        return bool(judge.compare(sub, mexp).ok)
    except failures:
        pass  # not of the answer's shape (or broken: the template's problem, not the learner's)
    other = _printed_shape(mistake)
    if other == kind or (other == "exact" and kind in ("integer", "real", "expression")):
        return False  # same shape as the answer: already compared above
    try:
        _, mexp = _read_shaped(mistake, other, names, expected=True)
        _, osub = _read_shaped(submitted, other, names, expected=False)
        ojudge = Judge(other, scalars, tol=tol, names=names)
        ojudge.validate(osub)
        _validate_expected(ojudge, mexp)
        return bool(ojudge.compare(osub, mexp).ok)
    except failures:
        return False


def _validate_expected(judge: object, exp: Shaped) -> None:
    from quizmath.core.answers.compare import Judge

    assert isinstance(judge, Judge)
    for item in exp.items:
        for value in expand_plus_minus(item):
            if judge.kind == "expression":
                judge.s.exact(value, expected=True)
            else:
                judge.s.check_value(value, expected=True)


def _check_choice(
    expected: str, submitted: str, mistakes: Sequence[Mistake], choices: int | None
) -> Verdict:
    try:
        letter = read_choice(submitted, choices)
    except ExprError as exc:
        return Verdict(INVALID, str(exc), column=exc.column)
    try:
        answer = read_choice(expected)
    except ExprError as exc:
        return Verdict(INVALID, f"the expected answer could not be read: {exc}")
    if letter == answer:
        return Verdict(ACCEPT, "Correct.", letter)
    verdict = Verdict(REJECT, "Not correct.", letter)
    for m in mistakes:
        try:
            if read_choice(m.expected) == letter:
                verdict.mistake = m.feedback
                break
        except ExprError:
            continue
    return verdict
