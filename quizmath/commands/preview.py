"""``quizmath preview ID[@SEED]``: one problem with its answer, hints and solution."""

from __future__ import annotations

import argparse
import json
import secrets
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from quizmath.core.bank.problem import Problem


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "preview",
        help="show one problem with answer, hints and solution",
        description="Render one problem. Without @SEED a random seed is chosen "
        "and printed, so the problem can be shown again.",
    )
    p.add_argument("ref", metavar="ID[@SEED]", help="e.g. linalg.eigenvalues-2x2@7")
    p.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import load_one
    from quizmath.core.bank.generate import generate
    from quizmath.core.bank.problem import parse_ref
    from quizmath.core.errors import QuizmathError

    try:
        template_id, seed = parse_ref(args.ref)
        if seed is None:
            seed = secrets.randbelow(10_000)
        problem = generate(load_one(template_id), seed)
    except QuizmathError as exc:
        print(f"quizmath preview: {exc}", file=sys.stderr)
        return 1
    if args.json:
        data = _json(problem)
        if problem.parts:
            data["parts"] = [
                {
                    "label": part.label,
                    "prompt": part.problem.prompt,
                    "kind": part.problem.kind,
                    "answer": part.problem.answer_text,
                    "typed": part.problem.typed_answer,  # a choice: its letter
                    "expected": part.problem.expected,
                    "format": part.problem.format_note,
                    "choices": list(part.problem.choices),
                    "hints": list(part.problem.hints),
                    "solution": part.problem.solution,
                    "mistakes": _mistakes(part.problem),
                }
                for part in problem.parts
            ]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{problem.ref} — {problem.title}  ({problem.topic}, difficulty {problem.difficulty})")
    print()
    print(problem.prompt)
    if problem.parts:
        _show_parts(problem)
        return 0
    for i, choice in enumerate(problem.choices):
        print(f"  {chr(65 + i)}) {choice}")
    print(problem.format_note)
    print()
    _show_answer(problem)
    return 0


def _json(problem: Problem) -> dict[str, Any]:
    return {
        "id": problem.template_id,
        "seed": problem.seed,
        "topic": problem.topic,
        "kind": problem.kind,
        "prompt": problem.prompt,
        "answer": problem.answer_text,
        "hints": list(problem.hints),
        "solution": problem.solution,
        "title": problem.title,
        "difficulty": problem.difficulty,
        "format": problem.format_note,
        "expected": problem.expected,
        "tolerance": problem.tolerance,
        "choices": list(problem.choices),
        "mistakes": _mistakes(problem),
    }


def _mistakes(problem: Problem) -> list[dict[str, str]]:
    return [{"answer": m.typed, "feedback": m.feedback} for m in problem.mistakes]


def _show_answer(problem: Problem) -> None:
    print("Answer:")
    print(_indent(problem.answer_block))
    print("Hints:")
    for i, hint in enumerate(problem.hints, 1):
        print(_indent(hint, f"{i}. "))
    print("Solution:")
    print(_indent(problem.solution))
    if problem.mistakes:
        print("Typical mistakes:")
        for m in problem.mistakes:
            print(_indent(f"{m.typed}: {m.feedback}", "- "))


def _show_parts(problem: Problem) -> None:
    for part in problem.parts:
        p = part.problem
        print()
        print(f"({part.label}) {p.prompt}")
        for i, choice in enumerate(p.choices):
            print(f"  {chr(65 + i)}) {choice}")
        print(p.format_note)
        print()
        _show_answer(p)


def _indent(text: str, first: str = "") -> str:
    pad = " " * (2 + len(first))
    lines = text.splitlines() or [""]
    return "\n".join([f"  {first}{lines[0]}"] + [pad + line for line in lines[1:]])
