"""Content bugs found while clearing the bank's quality warnings (issue 11 item 3), each pinned
to an instance where it showed."""

from __future__ import annotations

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate

BANK = load_bank()


def test_a_tiny_stable_loss_is_not_zero() -> None:
    # z = −40, y = 0: the loss is e^(−40) ≈ 4.248·10⁻¹⁸. It was computed as exactly 0 (1 + e^(−40)
    # is 1.0 in a float), so the naive form's 0 was accepted on the item that warns against it.
    p = generate(BANK.get("numerics.stable-bce"), 4)
    verdict = {a: check(p.kind, p.expected, a, tol=p.tolerance).verdict for a in ("4.248e-18", "0")}
    assert verdict == {"4.248e-18": "accept", "0": "reject"}
    assert "≈ 4.248·10⁻¹⁸" in p.solution


def test_each_pca_mistake_has_its_own_feedback() -> None:
    # With singular values the "unsorted" mistake equalled the "not squared" one, and its
    # feedback (sort the eigenvalues) was the one shown; and k − 1 = 0 was offered at k = 1.
    t = BANK.get("ml.pca-components-needed")
    for seed in range(60):
        p = generate(t, seed)
        sv = "singular values" in p.prompt
        said = " ".join(m.feedback for m in p.mistakes).replace("\n", " ")
        assert not (sv and "sort the eigenvalues" in said), p.ref
        assert "With 0 components" not in said, p.ref
