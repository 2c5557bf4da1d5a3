"""``quizmath validate`` on multi-part templates: each part as a template, and the error
carried forward (declared self-tests with ``given``, and each earlier part's mistakes)."""

from __future__ import annotations

from typing import Any

from mp_fakes import BANK

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank, default_curriculum
from quizmath.core.bank.generate import generate
from quizmath.core.bank.loader import build_template
from quizmath.core.bank.validate import validate_template
from quizmath.core.bank.validate_parts import check_parts
from quizmath.core.bank.yamlsource import read_yaml_text

CHAIN = (BANK / "chain.yaml").read_text()


def _failures(text: str) -> list[str]:
    t, errors = build_template(
        read_yaml_text(text, "t.yaml"), "t.yaml", set(default_curriculum().topics)
    )
    assert t is not None, errors
    failures, _ = validate_template(t, 10, check)
    return [str(f) for f in failures]


def test_the_chain_is_clean(bank: Bank) -> None:
    from quizmath.core.bank.validate import Lints

    lints = Lints()
    failures, instances = validate_template(bank.get("test.chain"), 20, check, None, lints)
    assert failures == [] and instances == 20
    assert lints.warnings == []


def test_a_carried_self_test_with_the_wrong_answer_fails() -> None:
    broken = CHAIN.replace(
        'given: {a: "17"}\n        answer: "52"', 'given: {a: "17"}\n        answer: "53"'
    )
    failures = _failures(broken)
    wanted = 'expected the carried-forward answer "53", but the template computes "52"'
    assert any(f"parts[1].tests[1]: {wanted}" in f for f in failures), failures


def test_a_self_test_that_carries_nothing_fails() -> None:
    # the given answer is the right one: nothing is carried forward, so the test tests nothing
    broken = CHAIN.replace(
        'given: {a: "17"}\n        answer: "52"', 'given: {a: "7"}\n        answer: "22"'
    )
    failures = _failures(broken)
    assert any("nothing is carried forward (no given answer is wrong)" in f for f in failures), (
        failures
    )


def test_given_lists_are_judged_with_the_given_answers() -> None:
    broken = CHAIN.replace(
        'given: {a: "17"}\n        answer: "52"',
        'given: {a: "17"}\n        accept: ["22", "52"]\n        reject: ["52"]',
    )
    failures = _failures(broken)
    assert any(
        '"52" should be rejected with the given answers but is carried' in f for f in failures
    ), failures


def test_each_earlier_mistake_is_carried_into_the_later_parts(bank: Bank) -> None:
    t = bank.get("test.chain")
    p = generate(t, 0)
    assert list(check_parts(t, p, check, 0)) == []

    def no_carry(kind: str, expected: str, submitted: str, **kw: Any) -> Any:
        """A checker that knows only the true answers (as if carrying were broken)."""
        truth = {q.problem.expected for q in p.parts}
        if expected not in truth:
            expected = "123456789"
        return check(kind, expected, submitted, **kw)

    issues = list(check_parts(t, p, no_carry, 0))
    assert issues and issues[0][0] == "parts[1].answer"
    assert (
        "(a declared mistake)" in issues[0][2] and "not accepted as carried forward" in issues[0][2]
    )
    assert list(check_parts(t, p, no_carry, 99)) == []  # only the first seeds are checked so
