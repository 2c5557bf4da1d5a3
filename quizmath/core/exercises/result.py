"""The outcome of grading a learner's file: data for the CLI, the TUI and ``--json`` alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from quizmath.core.exercises.banned import BannedUse


class Status(Enum):
    PASSED = "passed"
    FAILED = "failed"  # the learner's code ran (or tried to) and did not pass
    ERROR = "error"  # could not grade: no such file, a broken exercise file, no Python


@dataclass(frozen=True)
class CaseResult:
    name: str
    passed: bool
    message: str = ""  # the first problem in one line; empty when passed
    ms: float | None = None  # time the learner's code took, as measured in the child


@dataclass(frozen=True)
class Failure:
    """The first failing case in full."""

    case: str
    messages: tuple[str, ...]
    inputs: tuple[tuple[str, str], ...] = ()  # name, value as shown
    expected: tuple[tuple[str, str], ...] = ()
    got: tuple[tuple[str, str], ...] = ()
    step: str | None = None  # the run step that raised
    traceback: str = ""  # the learner's frames only
    stdout: str = ""  # their print output, truncated


@dataclass(frozen=True)
class Feedback:
    """A recognised misconception."""

    id: str
    text: str
    case: str


@dataclass(frozen=True)
class GradeResult:
    exercise_id: str
    status: Status
    cases: tuple[CaseResult, ...] = ()
    failure: Failure | None = None
    feedback: tuple[Feedback, ...] = ()
    banned: tuple[BannedUse, ...] = ()
    timed_out: bool = False
    problem: str = ""  # what stopped the whole run: a syntax error, the time limit, a crash …
    ms: float = 0.0
    seeds: tuple[int, ...] = ()
    stdout: str = ""  # print output while the file was imported, and any stray output
    notes: tuple[str, ...] = field(default=())  # problems of the exercise file met while grading

    @property
    def passed(self) -> bool:
        return self.status is Status.PASSED

    @property
    def cases_passed(self) -> int:
        return sum(c.passed for c in self.cases)

    def summary(self) -> str:
        """The result in one line: "all 9 cases pass", "3 of 9 cases pass: <what stopped the
        run>", "could not grade: …"."""
        if self.status is Status.ERROR:
            return f"could not grade: {self.problem}"
        if self.passed:
            return f"all {len(self.cases)} cases pass"
        count = f"{self.cases_passed} of {len(self.cases)} cases pass" if self.cases else ""
        return ": ".join(part for part in (count, self.problem) if part) or "not passing"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.exercise_id,
            "passed": self.passed,
            "status": self.status.value,
            "cases": [
                {"name": c.name, "passed": c.passed, "message": c.message} for c in self.cases
            ],
            "feedback": [{"id": f.id, "text": f.text, "case": f.case} for f in self.feedback],
            "banned": [{"name": b.name, "line": b.line, "text": b.text} for b in self.banned],
            "timed_out": self.timed_out,
            "problem": self.problem,
            "ms": round(self.ms, 1),
            "seeds": list(self.seeds),
            "failure": None if self.failure is None else _failure_json(self.failure),
        }


def _failure_json(f: Failure) -> dict[str, Any]:
    return {
        "case": f.case,
        "messages": list(f.messages),
        "inputs": dict(f.inputs),
        "expected": dict(f.expected),
        "got": dict(f.got),
        "step": f.step,
        "traceback": f.traceback,
        "stdout": f.stdout,
    }
