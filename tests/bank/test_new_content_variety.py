"""Variety of the templates added for issue 12 (items 5, 6, 8): over 200 seeds each has at least
20 distinct prompts, no answer dominates, and a multiple-choice answer cannot be spotted by its
letter or by being the longest option.

The bank-wide lints live in ``quizmath validate``; this pins the new content until they cover it.
"""

from __future__ import annotations

from collections import Counter

import pytest

from quizmath.core.bank.bank import load_one
from quizmath.core.bank.generate import generate

SEEDS = 200

NEW = (
    "linalg.spectral-rank-one",
    "linalg.orthogonal-diagonalization",
    "linalg.product-defined",
    "linalg.dependence-coefficients",
    "linalg.spot-error-broadcasting",
    "calc.finite-difference-error",
    "calc.finite-difference-step",
    "calc.richardson-extrapolation",
    "calc.layer-jacobian-shapes",
    "calc.backprop-two-layer",
    "calc.spot-error-chain-rule",
    "optim.lagrange-both-extremes",
    "optim.convex-functions",
    "optim.jensen-gap",
    "optim.kkt-halfplane",
    "optim.critical-points-grid",
    "optim.scipy-bounds",
    "optim.scipy-local-minimum",
    "optim.secant-step",
)


@pytest.mark.parametrize("template_id", NEW)
def test_new_template_varies(template_id: str) -> None:
    t = load_one(template_id)
    problems = [generate(t, seed) for seed in range(SEEDS)]
    prompts = {(p.prompt, p.choices) for p in problems}
    assert len(prompts) >= 20, f"only {len(prompts)} distinct prompts in {SEEDS} seeds"
    answers = Counter(p.expected for p in problems)
    top, count = answers.most_common(1)[0]
    if t.answer.kind == "choice":
        n_options = len(problems[0].choices)
        # a fair shuffle gives 1/k per letter; allow for sampling noise
        assert count / SEEDS <= 1 / n_options + 0.15, f"letter {top} in {count} of {SEEDS}"
        longest = sum(
            1
            for p in problems
            if max(len(c) for c in p.choices) == len(p.choices[ord(p.expected) - ord("A")])
            and sum(len(c) == max(len(d) for d in p.choices) for c in p.choices) == 1
        )
        assert longest / SEEDS <= 0.6, f"the right option is the longest in {longest} of {SEEDS}"
    else:
        assert count / SEEDS <= 0.25, f"answer {top} in {count} of {SEEDS}"
