"""Generating a multi-part problem, reading a learner's answer as a value, and judging a part
against the true answer and against the answer carried forward from the learner's own."""

from __future__ import annotations

from fractions import Fraction

import sympy

from quizmath.core.answers import check
from quizmath.core.bank.bank import Bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.problem import PARTS_KIND
from quizmath.core.bank.validate import self_test_overrides
from quizmath.core.items.learner_values import learner_value
from quizmath.core.items.multipart import PartStatus, Steps, judge_part
from quizmath.core.values import Mat, ValueSet, Vec


def _chain(bank: Bank, a: int = 2, b: int = 3, c: int = 1):  # type: ignore[no-untyped-def]
    return generate(bank.get("test.chain"), 0, overrides={"a": a, "b": b, "c": c})


def test_each_part_is_a_problem_and_later_parts_read_earlier_values(bank: Bank) -> None:
    p = _chain(bank)
    assert p.kind == PARTS_KIND and p.multipart and p.expected == ""
    assert [q.problem.expected for q in p.parts] == ["7", "22", "15"]
    assert [q.problem.prompt for q in p.parts] == ["Find s₁.", "Find s₂.", "Find s₂ − s₁."]
    assert p.answer_text == "(a) 7; (b) 22; (c) 15"
    assert p.parts[1].problem.solution == "s₂ = 3·7 + 1 = 22."  # its texts see earlier values
    assert p.parts[0].problem.mistakes[0].typed == "5"
    assert p.solution.startswith("(a) s₁ = 3·2 + 1 = 7.")
    assert p.hints == () and p.mistakes == ()


def test_a_part_is_computed_again_from_the_learners_values(bank: Bank) -> None:
    p = _chain(bank)
    assert p.carry is not None
    carried = p.carry.expected(1, {"s1": 17})
    assert carried is not None
    assert (carried.expected, carried.answer_text, carried.used) == ("52", "52", ("s1",))
    assert carried.mistakes[0].expected == "50"  # its mistakes follow the learner's values
    both = p.carry.expected(2, {"s1": 17, "s2": 52})
    assert both is not None and both.expected == "35"
    # a value of another shape than the true one is not carried (the truth stands in)
    same = p.carry.expected(1, {"s1": Vec([1, 2])})
    assert same is not None and same.expected == "22" and same.used == ()


def test_learner_values_are_exact_small_rationals_else_floats() -> None:
    assert learner_value("0.25", "exact") == Fraction(1, 4)
    assert learner_value("3", "integer") == 3
    assert learner_value("[1, 2/3]", "vector") == Vec([1, Fraction(2, 3)])
    assert learner_value("1 2; 3 4", "matrix") == Mat([[1, 2], [3, 4]])
    assert learner_value("{2, -2}", "set") == ValueSet([2, -2])
    assert learner_value("±2, 3", "set") == ValueSet([2, -2, 3])
    assert learner_value("B", "choice") is None
    assert learner_value("1/0", "real") is None  # unreadable: nothing to carry
    # irrational or huge: a float, so no template expression can run long on it
    assert isinstance(learner_value("sqrt(2)", "real"), float)
    assert isinstance(learner_value("ln(3)/ln(2)", "real"), float)
    assert isinstance(learner_value("123456789012345678901234567/7", "real"), float)
    # an expression keeps its variables, named as the template declared them
    poly = learner_value("(λ - 2)(λ - 3)", "expression", ["lamda"])
    assert {s.name for s in poly.free_symbols} == {"lamda"}
    assert (
        sympy.expand(
            poly - (sympy.Symbol("lamda", real=True) - 2) * (sympy.Symbol("lamda", real=True) - 3)
        )
        == 0
    )


def test_judging_parts_in_order(bank: Bank) -> None:
    p = _chain(bank)
    steps = Steps(p)
    wrong = steps.judge("17", check)
    assert wrong.status == PartStatus.WRONG and wrong.value == 17 and not wrong.note
    assert steps.add(wrong)
    # right given the learner's own s₁ = 17: carried forward, and said so
    carried = steps.judge("52", check)
    assert carried.status == PartStatus.CARRIED and carried.carried_from == ("a",)
    assert carried.note == "carried forward from your part (a)"
    assert carried.verdict is not None and carried.verdict.accepted
    # right given the true values: plain correct
    right = steps.judge("22", check)
    assert right.status == PartStatus.CORRECT and right.carried_from == ()
    assert steps.add(carried)
    last = steps.judge("35", check)  # s₂ − s₁ from both of the learner's answers
    assert last.status == PartStatus.CARRIED and last.carried_from == ("a", "b")
    assert last.note == "carried forward from your parts (a) and (b)"
    assert steps.add(last) and steps.done
    assert steps.score == 2 / 3 and steps.verdict() == "reject"
    assert [r.verdict for r in steps.results()] == ["wrong", "carried", "carried"]


def test_unreadable_answers_are_not_counted_and_never_carried(bank: Bank) -> None:
    p = _chain(bank)
    steps = Steps(p)
    bad = steps.judge("17 +", check)
    assert bad.status is None and not bad.counted
    assert not steps.add(bad) and steps.current == 0
    # a part skipped (never answered) carries nothing: the truth stands in
    steps.skip_rest()
    assert steps.results()[0].verdict == "skipped"
    fresh = Steps(p)
    fresh.answers.append(steps.answers[0])
    assert judge_part(p, 1, "52", fresh.answers, check).status == PartStatus.WRONG
    assert judge_part(p, 1, "22", fresh.answers, check).status == PartStatus.CORRECT


def test_a_wrong_later_part_gets_the_feedback_of_a_mistake_on_the_learners_values(
    bank: Bank,
) -> None:
    p = _chain(bank)
    steps = Steps(p)
    steps.add(steps.judge("17", check))
    a = steps.judge("50", check)  # 3·17 − 1: the declared mistake, made on their own s₁
    assert a.status == PartStatus.WRONG
    assert (
        a.verdict is not None
        and a.verdict.mistake == "That subtracts 1 from 3·17; each step adds it."
    )


def test_an_irrational_value_is_carried_in_floats() -> None:
    """A learner's number no template meant to meet (a ratio of logarithms) goes into ln() as
    a float: as a sympy expression, sympy expanded its logs for minutes (found by validate)."""
    from quizmath.core.bank.bank import load_bank

    t = load_bank().get("calc.softmax-ce-steps")
    p = generate(t, 0, overrides=self_test_overrides(t, t.parts[1].tests[0]))
    typed = "[ln(2)/(ln(2) + ln(5)), ln(3)/(ln(2) + ln(5)), ln(5)/(ln(2) + ln(5))]"
    value = learner_value(typed, "vector")
    assert isinstance(value, Vec) and all(isinstance(x, float) for x in value)
    assert p.carry is not None
    carried = p.carry.expected(1, {"p": value})
    assert carried is not None and carried.approximate
