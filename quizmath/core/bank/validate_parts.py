"""Validating a multi-part template: each part as a template of its own, and carried errors.

Each part is checked as ``validate`` checks a single-answer template (its self-tests, and for
every seed its texts, its answer typed as shown, its mistakes), through its part view. Then the
error carried forward: a self-test with ``given`` (earlier parts answered wrong, as typed)
computes the later part from those answers and checks that the result, typed as shown, is
accepted as "carried forward" (and its ``accept``/``reject`` lists are judged with those
answers); and for the first CARRY_SEEDS seeds, each earlier part's declared mistakes are
carried into the parts that read it the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from quizmath.core.bank.generate import generate
from quizmath.core.bank.model import Template, TestSpec
from quizmath.core.bank.problem import Problem
from quizmath.core.errors import QuizmathError, TemplateError

CARRY_SEEDS = 5

Issue = tuple[str, int, str]  # (field, line, message)
Checker = Callable[..., Any]


def check_parts(t: Template, p: Problem, checker: Checker, seed: int) -> Iterable[Issue]:
    """Everything wrong with one instance of a multi-part template, part by part."""
    from quizmath.core.bank.validate import check_problem, check_text

    yield from check_text("prompt", t.prompt.line, p.prompt)
    for k, part in enumerate(p.parts):
        for fld, line, message in check_problem(t.part_view(k), part.problem, checker):
            yield f"parts[{k}].{fld}", line, message
    if seed < CARRY_SEEDS:
        yield from _carried_mistakes(t, p, checker)


def _carried_mistakes(t: Template, p: Problem, checker: Checker) -> Iterable[Issue]:
    """An earlier part answered with one of its declared mistakes, and every part after it
    answered as computed from the learner's answers so far: each part that comes out
    differently is accepted as carried forward."""
    from quizmath.core.items import PartStatus
    from quizmath.core.items.multipart import carried_answer, judge_part

    for j, earlier in enumerate(p.parts[:-1]):
        if earlier.name is None:
            continue
        for m in earlier.problem.mistakes:
            answers = [
                judge_part(p, i, p.parts[i].problem.typed_answer, [], checker) for i in range(j)
            ]
            wrong = judge_part(p, j, m.typed, answers, checker)
            if wrong.status != PartStatus.WRONG:
                continue  # reported with the part's own mistakes
            answers.append(wrong)
            for k in range(j + 1, len(p.parts)):
                found = carried_answer(p, k, answers)
                typed = found[0].answer_text if found else p.parts[k].problem.typed_answer
                verdict = judge_part(p, k, typed, answers, checker)
                # Right either way: a carried value may also be near enough the true one.
                if found is not None and (verdict.status is None or not verdict.status.right):
                    yield (
                        f"parts[{k}].answer",
                        t.parts[k].answer.line,
                        f'with part ({earlier.label}) answered "{m.typed}" (a declared mistake), '
                        f'part ({p.parts[k].label}) computed from it, "{typed}", is not accepted '
                        f"as carried forward ({_said(verdict)})",
                    )
                    break
                answers.append(verdict)


def run_part_test(t: Template, k: int, n: int, test: TestSpec, checker: Checker) -> list[str]:
    """The failures of part k's self-test n, as messages."""
    from quizmath.core.bank.validate import self_test_overrides

    try:
        problem = generate(t, 0, overrides=self_test_overrides(t, test))
    except TemplateError as exc:
        where = f" (in {exc.field}, line {exc.line})" if exc.field else ""
        return [f"{exc.message}{where}"]
    except QuizmathError as exc:
        return [str(exc)]
    if test.given:
        return _run_given(problem, k, test, checker)
    from quizmath.core.bank.validate import _check

    out = []
    part = problem.parts[k].problem
    if (
        test.answer is not None
        and test.answer != part.answer_text
        and _check(checker, part, test.answer).verdict != "accept"
    ):
        out.append(
            f'expected answer "{test.answer}", but the template computes "{part.answer_text}"'
        )
    for typed in test.accept:
        v = _check(checker, part, typed)
        if v.verdict != "accept":
            out.append(
                f'"{typed}" should be accepted but is {v.verdict}: {v.message} '
                f'(answer "{part.answer_text}")'
            )
    for typed in test.reject:
        v = _check(checker, part, typed)
        if v.verdict != "reject":
            out.append(
                f'"{typed}" should be rejected but is {v.verdict}: {v.message} '
                f'(answer "{part.answer_text}")'
            )
    return out


def _run_given(problem: Problem, k: int, test: TestSpec, checker: Checker) -> list[str]:
    """A self-test with earlier parts answered as ``given``: the part computed from those
    answers is accepted as carried forward; ``answer`` is that value as shown; ``accept`` and
    ``reject`` are judged with those earlier answers."""
    from quizmath.core.items import PartStatus
    from quizmath.core.items.multipart import PartAnswer, carried_answer, judge_part

    out: list[str] = []
    answers: list[PartAnswer] = []
    for j in range(k):
        label = problem.parts[j].label
        typed = test.given.get(label, problem.parts[j].problem.typed_answer)
        a = judge_part(problem, j, typed, answers, checker)
        if not a.counted:
            return [f'the answer given to part ({label}), "{typed}", cannot be read ({_said(a)})']
        answers.append(a)
    part = problem.parts[k]
    found = carried_answer(problem, k, answers)
    wrong = [a.label for a in answers if a.status == PartStatus.WRONG]
    if found is None:
        out.append(
            f"with the given answers, part ({part.label}) comes out as its true answer "
            f'"{part.problem.answer_text}": nothing is carried forward '
            + ("(no given answer is wrong)" if not wrong else "(it does not read them)")
        )
    else:
        carried, _sources = found
        shown = carried.answer_text
        verdict = judge_part(problem, k, shown, answers, checker)
        if verdict.status is None or not verdict.status.right:
            out.append(
                f'the answer carried forward, "{shown}", is not accepted as carried forward '
                f"({_said(verdict)})"
            )
        if test.answer is not None and test.answer != shown:
            v = judge_part(problem, k, test.answer, answers, checker)
            if v.status != PartStatus.CARRIED:
                out.append(
                    f'expected the carried-forward answer "{test.answer}", but the template '
                    f'computes "{shown}" from the given answers'
                )
    for typed in test.accept:
        v = judge_part(problem, k, typed, answers, checker)
        if v.status is None or not v.status.right:
            out.append(f'"{typed}" should be accepted with the given answers but is {_said(v)}')
    for typed in test.reject:
        v = judge_part(problem, k, typed, answers, checker)
        if v.status != PartStatus.WRONG:
            out.append(f'"{typed}" should be rejected with the given answers but is {_said(v)}')
    return out


def _said(a: Any) -> str:
    """A judged part answer, in words: "wrong: Not correct."."""
    status = a.status or "unreadable"
    message = a.verdict.message if a.verdict is not None else ""
    return f"{status}: {message}" if message else str(status)
