"""Prompts that misled (issue 12, item 1), checked over the seeds the review used."""

from __future__ import annotations

import re
from typing import Any

import pytest

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.problem import Problem

BANK = load_bank()
SEEDS = range(1, 201)


def params(p: Problem) -> dict[str, Any]:
    return p.texts._env  # type: ignore[attr-defined]  # the drawn parameters, for checks


def test_logistic_gradient_scores_come_from_a_weight_vector() -> None:
    # Parallel inputs (x₂ = c·x₁) need scores in the same ratio; @21 and @49 broke that.
    t = BANK.get("ml.logistic-gradient")
    for seed in SEEDS:
        env = params(generate(t, seed))
        x1, x2 = list(env["x1"]), list(env["x2"])
        assert x1[0] * x2[1] != x1[1] * x2[0], seed


@pytest.mark.parametrize("seed", [21, 51, 115, 176, 179])
def test_taylor_value_writes_a_third_as_a_fraction(seed: int) -> None:
    prompt = generate(BANK.get("calc.taylor-value"), seed).prompt
    assert "1/3" in prompt and "0.333" not in prompt


def test_least_squares_never_shows_an_equation_without_variables() -> None:
    t = BANK.get("linalg.least-squares")
    for seed in (193, *SEEDS):
        assert not re.search(r"^\s*0 = ", generate(t, seed).prompt, re.M), seed


START = re.compile(r"(?:such as|e\.g\.) ")


def _examples(text: str) -> list[str]:
    """The examples after "such as" or "e.g.": up to ";", " (", an unmatched ")" or the end
    of the sentence, split at top-level ", " and " or "."""
    out: list[str] = []
    for m in START.finditer(text):
        depth, piece, i = 0, "", m.end()
        while i < len(text):
            c = text[i]
            if c in "([{":
                depth += 1
            elif c in ")]}":
                if depth == 0:
                    break
                depth -= 1
            if depth == 0 and (
                c in ";\n" or text.startswith((" (", ". "), i) or text[i:].rstrip() == "."
            ):
                break
            if depth == 0 and text.startswith((", ", " or "), i):
                out.append(piece)
                piece = ""
                i += 2 if text.startswith(", ", i) else 4
                continue
            piece += c
            i += 1
        out.append(piece)
    return [e.strip() for e in out if e.strip() and e.strip() != "or"]


def _gives_away(p: Problem, example: str) -> bool:
    for typed in (example, f"-({example})"):
        verdict = check(p.kind, p.expected, typed, vars=p.vars, tol=p.tolerance)
        if verdict.verdict == "accept":
            return True
    return False


@pytest.mark.parametrize("template_id", sorted(BANK.templates))
def test_no_example_gives_the_answer_away(template_id: str) -> None:
    """An example in the prompt or under it, typed as an answer (or its negative), is wrong.

    prob.normal-pdf@7 offered e^(−1/2)/(3√(2π)), the answer, as its example; linalg.eigenvector
    offered [1, −2] when the answer was [1, −2].
    """
    t = BANK.get(template_id)
    for seed in range(1, 41):
        p = generate(t, seed)
        if p.kind == "choice":
            continue
        for example in _examples(f"{p.prompt}\n{p.format_note}"):
            assert not _gives_away(p, example), (p.ref, example)
