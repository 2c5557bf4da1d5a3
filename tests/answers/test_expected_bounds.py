"""The expected side is bounded like the learner's (issue 13 item 3).

An expected value ``sin(x)**(10**9) - 1.e5`` overflows at every point; the checker then asked
sympy, which grew to 1.4 GB inside the 2 s budget. Now such an expected value is reported as a
problem of the expected answer at once, sympy is never given a huge power, and the checking
process has an address-space limit.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from quizmath.core.answers import Mistake, check, to_sympy
from quizmath.core.answers.expression import Undecided, _sympy_opinion
from quizmath.core.answers.judge import read
from quizmath.core.answers.service import WORKER_MEMORY, CheckService


@pytest.fixture
def no_sympy(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: object) -> None:
        raise AssertionError("sympy was asked")

    monkeypatch.setattr(to_sympy, "simplify_difference_is_zero", refuse)
    monkeypatch.setattr(to_sympy, "to_sympy", refuse)


@pytest.mark.parametrize("expected", ["sin(x)**(10**9) - 1.e5", "x**(10**9)", "(x + y)**(10**9)"])
def test_an_expected_value_too_large_everywhere_is_its_own_problem(
    no_sympy: None, expected: str
) -> None:
    v = check("expression", expected, "1", vars=("x", "y"))
    assert v.verdict == "invalid"
    assert "expected answer" in v.message and "too large" in v.message


def test_sympy_is_not_given_a_huge_power(no_sympy: None) -> None:
    # exp(x^(10^6)) has a value only where x^(10^6) is small enough (|x| close to 1): too few
    # points to decide, and a second opinion would expand the power. Not counted, at once.
    v = check("expression", "exp(x**(10**6))", "1", vars=("x",))
    assert v.verdict == "invalid" and "not counted" in v.message
    with pytest.raises(Undecided):
        _sympy_opinion(read("x^5000", "expression", ("x",)), read("1", "expression", ("x",)))


def test_a_huge_mistake_costs_nothing(no_sympy: None) -> None:
    v = check(
        "expression",
        "2*x",
        "3x",
        vars=("x",),
        mistakes=[Mistake("sin(x)**(10**9) - 1.e5", "no"), Mistake("3*x", "three")],
    )
    assert v.verdict == "reject" and v.mistake == "three"


def test_batch_lines_with_huge_expected_values_and_mistakes() -> None:
    lines = [
        {"kind": "expression", "vars": ["x"], "expected": "sin(x)**(10**9) - 1.e5",
         "submitted": "1"},
        {"kind": "expression", "vars": ["x"], "expected": "2*x", "submitted": "3x",
         "mistakes": [{"expected": "x**(10**9)", "feedback": "huge"}]},
        {"kind": "exact", "expected": "9**9**9**9", "submitted": "1"},
    ]  # fmt: skip
    out = subprocess.run(
        [sys.executable, "-m", "quizmath", "check", "--batch", "-"],
        input="\n".join(json.dumps(x) for x in lines),
        capture_output=True,
        text=True,
        timeout=120,
    )
    verdicts = [json.loads(line)["verdict"] for line in out.stdout.splitlines()]
    assert verdicts == ["invalid", "reject", "invalid"]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX resource limits")
def test_the_checking_process_has_an_address_space_limit() -> None:
    with CheckService(preload_sympy=False) as service:
        assert service.check("integer", "1", "1").verdict == "accept"
        worker = service._holder["worker"]
        limits = open(f"/proc/{worker.proc.pid}/limits").read()  # noqa: SIM115
    line = next(x for x in limits.splitlines() if x.startswith("Max address space"))
    assert str(WORKER_MEMORY) in line
