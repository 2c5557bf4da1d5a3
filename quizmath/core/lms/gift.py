"""GIFT, Moodle's plain-text question format: numerical, short-answer and multiple-choice.

GIFT has no embedded answers, so vector and matrix questions are skipped (and counted); it has
no hints either. Each question is titled ``id@seed``, filed under ``$CATEGORY:
quizmath/<topic>``, and carries its tolerance, per-mistake and per-option feedback, and the
worked solution as general feedback (``####``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO

from quizmath.core.lms.items import (
    Item,
    absolute_tolerance,
    as_number,
    numeric_value,
    to_html,
    typed_forms,
)

SPECIAL = "\\~=#{}:"
UNSUPPORTED = {
    "vector": "GIFT has no embedded answers",
    "vector-up-to-scale": "GIFT has no embedded answers",
    "matrix": "GIFT has no embedded answers",
}


def write_gift(items: Iterable[Item], out: IO[str], skipped: dict[str, int]) -> int:
    category = None
    n = 0
    for item in items:
        body = _answers(item)
        if body is None:
            reason = UNSUPPORTED.get(item.kind, "GIFT cannot read the answer")
            key = f"{item.kind} ({reason})"
            skipped[key] = skipped.get(key, 0) + 1
            continue
        if item.topic != category:
            category = item.topic
            out.write(f"$CATEGORY: $course$/top/quizmath/{item.topic}\n\n")
        prompt = item.prompt if item.kind == "choice" else item.prompt + "\n\n" + item.format_note
        out.write(f"::{escape(item.ref)}::[html]{escape(to_html(prompt))} {{\n")
        out.write(body)
        out.write(f"####[html]{escape(to_html(item.solution))}\n}}\n\n")
        n += 1
    return n


def escape(text: str) -> str:
    """GIFT's special characters with a backslash; newlines as the escape GIFT reads."""
    for c in SPECIAL:
        text = text.replace(c, "\\" + c)
    return text.replace("\n", "\\n")


def _answers(item: Item) -> str | None:
    if item.kind in ("integer", "real"):
        value = numeric_value(item)
        if value is None:
            return None
        tol = absolute_tolerance(item, value)
        lines = [f"#\n={_number(value)}:{_number(tol)}#Correct.\n"]
        for m in item.mistakes:
            mv = as_number(m.expected)
            if mv is not None and mv != value:
                lines.append(f"=%0%{_number(mv)}:0#{escape(m.feedback)}\n")
        return "".join(lines)
    if item.kind in ("exact", "set", "expression"):
        right = typed_forms(item.answer, item.expected, item.kind)
        lines = [f"={escape(f)}#Correct.\n" for f in right]
        for m in item.mistakes:
            for form in typed_forms(m.shown, m.expected, item.kind)[:2]:
                if form not in right:
                    lines.append(f"=%0%{escape(form)}#{escape(m.feedback)}\n")
        return "".join(lines)
    if item.kind == "choice":
        lines = []
        for i, text in enumerate(item.choices):
            if i == item.right:
                lines.append(f"={escape(text)}#Correct.\n")
            else:
                feedback = item.choice_feedback.get(i, "")
                tail = f"#{escape(feedback)}" if feedback else ""
                lines.append(f"~{escape(text)}{tail}\n")
        return "".join(lines)
    return None


def _number(x: float) -> str:
    return f"{x:.15g}"
