"""Variety of the templates added for issue 12 (items 5, 6, 8): each has at least 20 distinct
prompts, no answer dominates, and a multiple-choice answer cannot be spotted by its letter or by
being the longest option.

The test draws 80 seeds (20 distinct prompts in 80 seeds is more than the bar of 20 in 200) to
stay quick; run this file as a script for the full table over 200 seeds:

    python tests/bank/test_new_content_variety.py [--seeds 200] [ID ...]

The bank-wide lints live in ``quizmath validate``; this pins the new content until they cover it.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass

import pytest

from quizmath.core.bank.bank import load_one
from quizmath.core.bank.generate import generate

SEEDS = 80

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
    "prob.independence-table",
    "prob.covariance-joint-pmf",
    "prob.rate-mle",
    "prob.gaussian-conditional",
    "prob.map-gaussian-mean",
    "prob.clt-sample-mean",
    "prob.sample-size-se",
    "prob.mean-of-correlated",
    "prob.spot-error-bayes",
    "stats.outlier-effect",
    "stats.spearman",
    "stats.simpson-paradox",
    "stats.ab-test-z",
    "stats.sample-size-power",
    "stats.benjamini-hochberg",
    "stats.spot-error-variance",
    "info.best-split",
    "info.cross-entropy-decomposition",
    "info.conditional-entropy",
    "info.kl-gaussians",
    "ml.pca-score",
    "ml.bias-variance",
    "ml.naive-bayes",
    "ml.conv-params",
    "ml.conv-output-size",
    "ml.roc-auc",
    "ml.weight-decay-step",
    "ml.spot-error-mse-gradient",
    "ml.fix-mse-gradient",
    "numerics.logits-cross-entropy",
    "numerics.spot-error-logsumexp",
    "numerics.float-spacing",
    "numerics.variance-cancellation",
    "numerics.condition-error-bound",
    "numerics.stable-bce",
    "numerics.jacobian-layout",
    "numerics.chain-rule-layout",
    "numerics.entropy-units",
    "numerics.variance-ddof",
)


@dataclass(frozen=True)
class Variety:
    prompts: int  # distinct prompts (with their options)
    top_answer: str
    top_share: float  # the most common answer's share of the seeds
    longest_share: float  # choice: how often the right option is the unique longest


def variety(template_id: str, seeds: int) -> Variety:
    t = load_one(template_id)
    problems = [generate(t, seed) for seed in range(seeds)]
    answers = Counter(p.expected for p in problems)
    top, count = answers.most_common(1)[0]
    longest = 0
    for p in problems:
        if p.kind == "choice":
            sizes = [len(c) for c in p.choices]
            right = sizes[ord(p.expected) - ord("A")]
            longest += right == max(sizes) and sizes.count(right) == 1
    return Variety(
        prompts=len({(p.prompt, p.choices) for p in problems}),
        top_answer=top,
        top_share=count / seeds,
        longest_share=longest / seeds,
    )


@pytest.mark.parametrize("template_id", NEW)
def test_new_template_varies(template_id: str) -> None:
    v = variety(template_id, SEEDS)
    assert v.prompts >= 20, f"only {v.prompts} distinct prompts in {SEEDS} seeds"
    t = load_one(template_id)
    if t.answer.kind == "choice":
        n_options = len(t.answer.options) + 1
        # a fair shuffle gives 1/k per letter; allow for sampling noise
        assert v.top_share <= 1 / n_options + 0.2, f"letter {v.top_answer}: {v.top_share:.0%}"
        assert v.longest_share <= 0.6, f"the right option is the longest in {v.longest_share:.0%}"
    else:
        assert v.top_share <= 0.25, f"answer {v.top_answer} in {v.top_share:.0%} of the seeds"


def main(argv: list[str]) -> None:
    seeds = 200
    if argv[:1] == ["--seeds"]:
        seeds, argv = int(argv[1]), argv[2:]
    for tid in argv or NEW:
        v = variety(tid, seeds)
        print(
            f"{tid:42} prompts {v.prompts:4}  top answer {v.top_share:4.0%} ({v.top_answer[:24]})"
            f"  right option longest {v.longest_share:4.0%}"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
