"""Bank problems as questions for a learning platform: what every export format reads.

An ``Item`` is one seeded instance (``id@seed``) with everything a format may carry: the
prompt, the answer as shown and as data, tolerance, hints, the worked solution, and the
declared mistakes with their feedback. The helpers turn our terminal text into HTML and our
Unicode answers into the plain forms a platform's string matching will see typed.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from quizmath.core.bank.generate import generate
from quizmath.core.bank.model import Template
from quizmath.core.errors import QuizmathError


@dataclass(frozen=True)
class MistakeItem:
    shown: str  # as a learner would type it (rendered)
    expected: str  # plain form (sympy's printing)
    feedback: str


@dataclass(frozen=True)
class Item:
    ref: str  # id@seed: the question's name everywhere
    template_id: str
    seed: int
    title: str
    topic: str
    kind: str
    prompt: str
    format_note: str
    answer: str  # as shown, one line
    answer_block: str  # as shown in a solution (matrices drawn)
    expected: str  # plain form
    tolerance: float | None  # relative
    choices: tuple[str, ...]
    right: int  # index of the right choice (choice kind), else -1
    choice_feedback: dict[int, str]
    hints: tuple[str, ...]
    solution: str
    mistakes: tuple[MistakeItem, ...]


MULTIPART = "multi-part problems (one answer per question in a quiz; practise them in quizmath)"


def items_for(
    templates: Sequence[Template], variants: int, skipped: dict[str, int]
) -> Iterator[Item]:
    """``variants`` instances per template, seeds 0, 1, …; a seed that fails is counted in
    ``skipped`` (the validator reports why)."""
    for t in templates:
        if t.parts:  # a quiz question takes one answer; a multi-part one is asked part by part
            skipped[MULTIPART] = skipped.get(MULTIPART, 0) + variants
            continue
        for seed in range(variants):
            try:
                p = generate(t, seed)
                mistakes = p.mistakes
                hints, solution = p.hints, p.solution
            except QuizmathError:
                skipped["instances that failed to generate"] = (
                    skipped.get("instances that failed to generate", 0) + 1
                )
                continue
            right = ord(p.expected) - ord("A") if p.kind == "choice" else -1
            yield Item(
                ref=p.ref,
                template_id=t.id,
                seed=seed,
                title=t.title,
                topic=t.topic,
                kind=p.kind,
                prompt=p.prompt,
                format_note=p.format_note,
                answer=p.answer_text,
                answer_block=p.answer_block,
                expected=p.expected,
                tolerance=p.tolerance,
                choices=p.choices,
                right=right,
                choice_feedback=(
                    {ord(m.expected) - ord("A"): m.feedback for m in mistakes}
                    if p.kind == "choice"
                    else {}
                ),
                hints=hints,
                solution=solution,
                mistakes=(
                    ()
                    if p.kind == "choice"
                    else tuple(MistakeItem(m.typed, m.expected, m.feedback) for m in mistakes)
                ),
            )


# -- text -------------------------------------------------------------------------------------


def to_html(text: str) -> str:
    """Terminal text as HTML: escaped, line breaks and alignment kept (drawn matrices line up
    only in a monospaced font), long lines still wrapping."""
    escaped = html.escape(text, quote=False)
    if "\n" not in text and "  " not in text:
        return f"<p>{escaped}</p>"
    return f'<div style="white-space: pre-wrap; font-family: monospace">{escaped}</div>'


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SUPER = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+")


def plain(text: str) -> str:
    """Our Unicode answer as a learner types it on a keyboard: x² → x^2, − → -, · → *,
    √2 → sqrt(2)."""
    out = text.replace("−", "-").replace("·", "*").replace("×", "*")
    out = _SUPER.sub(lambda m: "^" + m.group(0).translate(_SUPERSCRIPTS), out)
    out = re.sub(r"√(\d+|[A-Za-z])", r"sqrt(\1)", out)
    out = out.replace("√(", "sqrt(")
    return out.replace("π", "pi")


def typed_forms(answer: str, expected: str, kind: str) -> list[str]:
    """Strings a platform's exact matching should accept for a short-answer question: the
    answer as shown, typed on a keyboard, without spaces, and for a set every order (up to
    four values)."""
    forms = [answer, plain(answer)]
    number = number_of(expected)
    if number is not None and kind == "exact" and _terminates(number):
        forms.append(_decimal(number))
    if kind == "set":
        values = split_top(answer.strip()[1:-1]) if answer.startswith("{") else []
        if 1 < len(values) <= 4:
            for order in itertools.permutations(values):
                forms.append(", ".join(order))
                forms.append(plain(", ".join(order)))
    forms += [f.replace(" ", "") for f in list(forms)]
    return list(dict.fromkeys(f for f in forms if f))


def number_of(text: str) -> Fraction | float | None:
    """A plain number ("-3", "31/2", "0.0539") as a Fraction (or float), else None."""
    text = text.strip().replace("−", "-")
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        pass
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


def _terminates(q: Fraction | float) -> bool:
    if isinstance(q, float):
        return True
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _decimal(q: Fraction | float) -> str:
    if isinstance(q, float):
        return f"{q:.10g}"
    text = f"{float(q):.12g}"
    return text


def numeric_value(item: Item) -> float | None:
    """The answer as a number, for a numerical question (None when it is not one)."""
    return as_number(item.expected)


def as_number(expected: str) -> float | None:
    """A plain form ("-3", "31/2", "2 - log(2)") as a float, or None."""
    n = number_of(expected)
    return float(n) if n is not None else _evaluated(expected)


def _evaluated(expected: str) -> float | None:
    """An exact closed form ("2 - log(2)") as a float, read and evaluated by the answer
    checker's own parser and evaluator (never sympy's)."""
    from quizmath.core.answers.judge import read
    from quizmath.core.answers.numeric import Evaluator

    try:
        evaluate = Evaluator(30)
        value = evaluate.real(evaluate(read(expected, "real", (), expected=True)))
    except Exception:  # unreadable, a free symbol, undefined: not a number
        return None
    return None if value is None else float(value)


def absolute_tolerance(item: Item, value: float) -> float:
    """Our tolerance is relative; platforms take an absolute one."""
    if item.kind == "integer" or item.tolerance is None:
        return 0.0
    return abs(value) * item.tolerance if value else 1e-12


def split_top(text: str) -> list[str]:
    """Split at commas outside brackets: "1, [2, 3], f(x, y)" → ["1", "[2, 3]", "f(x, y)"]."""
    out, depth, start = [], 0, 0
    for i, c in enumerate(text):
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c == "," and depth == 0:
            out.append(text[start:i].strip())
            start = i + 1
    last = text[start:].strip()
    if last:
        out.append(last)
    return out


def entries(item: Item) -> list[list[tuple[str, str]]] | None:
    """A vector (one row) or matrix as rows of (shown, plain) entries, or None."""
    shown, exp = item.answer.strip(), item.expected.strip()
    if not (shown.startswith("[") and exp.startswith("[")):
        return None
    if item.kind == "matrix":
        rows_shown = [r[1:-1] for r in split_top(shown[1:-1])]
        rows_exp = [r[1:-1] for r in split_top(exp[1:-1])]
    else:
        rows_shown, rows_exp = [shown[1:-1]], [exp[1:-1]]
    out = []
    for rs, re_ in zip(rows_shown, rows_exp, strict=False):
        a, b = split_top(rs), split_top(re_)
        if len(a) != len(b):
            return None
        out.append(list(zip(a, b, strict=True)))
    return out if out and len(out) == len(rows_exp) else None
