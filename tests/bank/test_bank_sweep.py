"""The whole built-in bank, validated as a test: every template, its self-tests, many seeds.

One test per template, so a failure names the template and xdist spreads the work.
"""

from __future__ import annotations

import pytest

from quizmath.core.bank.bank import bank_root, load_bank
from quizmath.core.bank.validate import Lints, validate_template

SEEDS = 30  # the CLI's default is 50; CI time matters here, and self-tests add fixed cases

REQUIRED = (
    "linalg.vector-add",
    "linalg.dot-product",
    "linalg.matmul",
    "linalg.transpose",
    "linalg.inverse-2x2",
    "linalg.eigenvalues-2x2",
    "linalg.eigenvalue-pick",
    "linalg.projection",
    "linalg.change-of-basis",
    "calc.derivative-poly",
    "calc.numerical-derivative",
    "calc.gradient-symbolic",
    "calc.gradient-at-point",
    "optim.gd-step",
    "optim.gd-steps",
    "optim.minimize-quadratic",
    "prob.normal-pdf",
    "prob.binomial-pmf",
    "prob.poisson-pmf",
    "stats.mean-median-std",
    "stats.correlation",
    "stats.ttest-pvalue",
    "info.entropy",
    "info.information-gain",
    "ml.linreg-gd-step",
    "ml.linreg-fit",
)

BANK = load_bank()


def test_bank_loads_without_errors() -> None:
    assert [str(e) for e in BANK.errors] == []
    assert len(BANK.templates) >= 30


def test_every_founding_family_is_present() -> None:
    missing = [i for i in REQUIRED if i not in BANK.templates]
    assert missing == []
    assert BANK.get("linalg.eigenvalue-pick").answer.kind == "choice"


@pytest.mark.parametrize("template_id", sorted(BANK.templates))
def test_template_is_complete(template_id: str) -> None:
    t = BANK.get(template_id)
    # A multi-part template: each part has what a single-answer template has.
    for whole in [t.part_view(k) for k in range(len(t.parts))] or [t]:
        assert whole.hints and whole.solution.segments
        assert len(whole.tests) >= (1 if t.parts else 2)
        if whole.answer.kind == "choice":
            assert any(o.feedback for o in whole.answer.options)
        else:
            assert whole.mistakes
    # The built-in bank keeps the id ↔ file convention that fast single loads rely on.
    area, _, name = template_id.partition(".")
    assert t.file.endswith(f"templates/{area}/{name}.yaml")
    assert (bank_root() / "concepts" / f"{t.concept}.md").is_file()


@pytest.mark.parametrize("template_id", sorted(BANK.templates))
def test_template_validates(template_id: str) -> None:
    """Its self-tests pass, SEEDS instances generate, and the quality lints (read from those
    instances, so they cost little) find nothing the template does not keep with a reason."""
    from quizmath.core.answers import check

    lints = Lints()
    failures, instances = validate_template(
        BANK.get(template_id), SEEDS, check, bank_root() / "concepts", lints
    )
    assert [str(f) for f in failures] == []
    assert instances == SEEDS
    assert [str(w) for w in lints.warnings] == []
