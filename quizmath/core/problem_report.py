"""A text bundle describing one problem for an issue tracker: the instance as rendered, the
answers recorded for it with how each is read and judged today, and the versions involved.

Everything from the bank or the database passes through ``neutralise``, so a pasted report
carries no terminal control characters.
"""

from __future__ import annotations

import hashlib
import platform
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quizmath.core.bank.model import Template
from quizmath.core.bank.problem import Problem
from quizmath.core.storage.attempts import Attempt
from quizmath.core.terminal_text import neutralise

MAX_ANSWERS = 10


@dataclass(frozen=True)
class ReadAnswer:
    """A recorded answer, read and checked again now."""

    attempt: Attempt
    read_as: str  # how the checker reads it today, or why it cannot
    verdict_now: str
    message: str


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    except OSError:
        return "unreadable"


def bank_digest(files: Sequence[Path]) -> str:
    """One short hash over every template file's name and content: equal banks, equal hash."""
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.name.encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"?")
    return h.hexdigest()[:12]


def read_answers(problem: Problem, attempts: Sequence[Attempt], checker) -> list[ReadAnswer]:
    from quizmath.core.answers import Mistake

    out = []
    for a in attempts:
        if a.verdict == "skipped":
            out.append(ReadAnswer(a, "(skipped)", "skipped", ""))
            continue
        v = checker(
            problem.kind,
            problem.expected,
            a.answer,
            vars=problem.vars,
            tol=problem.tolerance,
            mistakes=[Mistake(m.expected, m.feedback) for m in problem.mistakes],
            choices=len(problem.choices) or None,
        )
        read_as = v.interpreted or "(could not be read)"
        out.append(ReadAnswer(a, read_as, str(v.verdict), v.message))
    return out


def report_text(
    template: Template,
    problem: Problem,
    answers: Sequence[ReadAnswer],
    *,
    db_note: str,
    version: str,
    bank_hash: str,
) -> str:
    lines = [
        f"quizmath problem report: {problem.ref}",
        "",
        f"quizmath {version}, bank {bank_hash}, template file {Path(template.file).name} "
        f"{file_digest(Path(template.file))}",
        f"Python {platform.python_version()} on {sys.platform}",
        f"Template: {template.id} ({template.title}), topic {template.topic}, "
        f"answer kind {problem.kind}",
        "",
        "Problem as shown:",
        _indent(problem.prompt),
    ]
    if problem.choices:
        lines += [_indent(f"{chr(65 + i)}) {c}") for i, c in enumerate(problem.choices)]
    lines += [
        "",
        _indent(problem.format_note),
        "",
        f"Expected answer: {problem.answer_text}",
        f"  (checked against {problem.expected}"
        + (f", tolerance {problem.tolerance:g} relative" if problem.tolerance else "")
        + ")",
        "",
    ]
    if not answers:
        lines.append(f"Answers recorded for {problem.ref}: none ({db_note}).")
    else:
        lines.append(f"Answers recorded for {problem.ref}, latest first ({db_note}):")
        for r in answers:
            a = r.attempt
            when = a.at.strftime("%Y-%m-%d %H:%M UTC")
            lines.append(
                f'- {when}, {a.mode}, try {a.try_no}, {a.ms / 1000:.1f}s: typed "{a.answer}"'
            )
            lines.append(f"    recorded verdict: {a.verdict}; read now as: {r.read_as}")
            now = f"    judged now: {r.verdict_now}"
            lines.append(now + (f" ({r.message})" if r.message else ""))
    return neutralise("\n".join(lines))


def _indent(text: str) -> str:
    return "\n".join("    " + line if line else "" for line in text.splitlines())
