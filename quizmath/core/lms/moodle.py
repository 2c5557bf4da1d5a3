"""Moodle XML: numerical, short-answer and multiple-choice questions, and vectors and
matrices as embedded-answer (cloze) questions with one field per entry.

Each question is named ``id@seed`` and filed in the category ``quizmath/<area>/<topic>``; it
carries the tolerance (absolute, as Moodle takes it), hints (shown one per try in interactive
mode), the worked solution as general feedback and, where Moodle matches whole answers, each
declared mistake as a 0 % answer with its feedback. ElementTree writes the file, so every text
is escaped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from html import escape
from pathlib import Path

from quizmath.core.lms.items import (
    Item,
    absolute_tolerance,
    as_number,
    entries,
    number_of,
    numeric_value,
    to_html,
    typed_forms,
)

NUMERICAL = ("integer", "real")
SHORT = ("exact", "set", "expression")
CLOZE = ("vector", "matrix")
# Any nonzero multiple of a vector is right: no Moodle question type checks that.
UNSUPPORTED = {"vector-up-to-scale": "Moodle cannot accept any multiple of a vector"}


def write_moodle(items: Iterable[Item], out: Path, skipped: dict[str, int]) -> int:
    """Write the quiz; returns the number of questions, counting what it skips in ``skipped``."""
    quiz = ET.Element("quiz")
    category = None
    n = 0
    for item in items:
        if item.kind in UNSUPPORTED:
            key = f"{item.kind} ({UNSUPPORTED[item.kind]})"
            skipped[key] = skipped.get(key, 0) + 1
            continue
        question = _question(item)
        if question is None:
            key = f"{item.kind} answers Moodle cannot read"
            skipped[key] = skipped.get(key, 0) + 1
            continue
        if item.topic != category:
            category = item.topic
            quiz.append(_category(item.topic))
        quiz.append(question)
        n += 1
    ET.indent(quiz)
    ET.ElementTree(quiz).write(out, encoding="UTF-8", xml_declaration=True)
    return n


def _category(topic: str) -> ET.Element:
    q = ET.Element("question", type="category")
    _text(ET.SubElement(q, "category"), f"$course$/top/quizmath/{topic}")
    return q


def _question(item: Item) -> ET.Element | None:
    if item.kind in NUMERICAL:
        value = numeric_value(item)
        if value is None:
            return None
        q = _start(item, "numerical", item.prompt + "\n\n" + item.format_note)
        _answer(q, 100, _number(value), "Correct.", absolute_tolerance(item, value))
        for m in item.mistakes:
            mv = as_number(m.expected)
            if mv is not None and mv != value:
                _answer(q, 0, _number(mv), m.feedback, 0.0)
        ET.SubElement(q, "unitgradingtype").text = "0"
        ET.SubElement(q, "showunits").text = "3"  # no units
    elif item.kind in SHORT:
        q = _start(item, "shortanswer", item.prompt + "\n\n" + item.format_note)
        ET.SubElement(q, "usecase").text = "0"
        for form in typed_forms(item.answer, item.expected, item.kind):
            _answer(q, 100, form, "Correct.")
        right = set(typed_forms(item.answer, item.expected, item.kind))
        for m in item.mistakes:
            for form in typed_forms(m.shown, m.expected, item.kind)[:2]:
                if form not in right:
                    _answer(q, 0, form, m.feedback)
    elif item.kind == "choice":
        q = _start(item, "multichoice", item.prompt)
        ET.SubElement(q, "single").text = "true"
        ET.SubElement(q, "shuffleanswers").text = "0"  # keep the seed's order, as in quizmath
        ET.SubElement(q, "answernumbering").text = "ABCD"
        for i, text in enumerate(item.choices):
            is_right = i == item.right
            feedback = "Correct." if is_right else item.choice_feedback.get(i, "")
            _answer(q, 100 if is_right else 0, text, feedback, html=True)
    elif item.kind in CLOZE:
        rows = entries(item)
        if rows is None:
            return None
        q = _start(item, "cloze", None)
        fields = _cloze_fields(item, rows)
        _text(ET.SubElement(q, "questiontext", format="html"), to_html(item.prompt) + fields)
    else:
        return None
    for hint in item.hints:
        _text(ET.SubElement(q, "hint", format="html"), to_html(hint))
    return q


def _start(item: Item, kind: str, prompt: str | None) -> ET.Element:
    q = ET.Element("question", type=kind)
    _text(ET.SubElement(q, "name"), item.ref)
    if prompt is not None:
        _text(ET.SubElement(q, "questiontext", format="html"), to_html(prompt))
    _text(ET.SubElement(q, "generalfeedback", format="html"), to_html(item.solution))
    ET.SubElement(q, "defaultgrade").text = "1"
    ET.SubElement(q, "penalty").text = "0.3333333"
    ET.SubElement(q, "hidden").text = "0"
    ET.SubElement(q, "idnumber").text = item.ref
    return q


def _answer(
    q: ET.Element,
    fraction: int,
    text: str,
    feedback: str,
    tolerance: float | None = None,
    html: bool = False,
) -> None:
    a = ET.SubElement(q, "answer", fraction=str(fraction), format="html" if html else "plain_text")
    _text(a, escape(text, quote=False) if html else text)
    if tolerance is not None:
        ET.SubElement(a, "tolerance").text = _number(tolerance)
    _text(ET.SubElement(a, "feedback", format="html"), to_html(feedback) if feedback else "")


def _text(parent: ET.Element, text: str) -> None:
    ET.SubElement(parent, "text").text = text


def _number(x: float) -> str:
    return f"{x:.15g}"


def _cloze_fields(item: Item, rows: list[list[tuple[str, str]]]) -> str:
    """One embedded answer per entry, laid out as a row (vector) or a table (matrix)."""
    cells = []
    for row in rows:
        cells.append("".join(f"<td>{_cloze(item, shown, exp)}</td>" for shown, exp in row))
    body = "".join(f"<tr>{c}</tr>" for c in cells)
    label = "Each entry:" if item.kind == "matrix" else "The entries, in order:"
    return f"<p>{label}</p><table>{body}</table>"


def _cloze(item: Item, shown: str, expected: str) -> str:
    n = number_of(expected)
    if n is not None and float(n) == float(n):
        value = float(n)
        tol = abs(value) * item.tolerance if item.tolerance and value else 0.0
        return "{1:NUMERICAL:=" + _number(value) + ":" + _number(tol) + "}"
    forms = typed_forms(shown, expected, "expression")
    return "{1:SHORTANSWER:" + "~".join("=" + _escape_cloze(f) for f in forms) + "}"


def _escape_cloze(text: str) -> str:
    for c in '\\}#~/"':
        text = text.replace(c, "\\" + c)
    return text
