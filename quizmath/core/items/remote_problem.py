"""Problems made in the checking service's worker, and the later parts of a multi-part problem
computed there from the learner's earlier answers (issue 13 item 25).

Making a problem can import sympy, numpy and scipy (~100 MB); the checking service's worker has
them loaded already. So the app asks the worker (``CheckService.generate``) and gets the problem
back as plain data (``bank.problem_data``): texts rendered, a plot as numbers and labels, each
part a problem of its own. A multi-part problem made there keeps a ``ServiceCarry``: a later
part computed from the learner's earlier answers (error carried forward) is asked of the worker
too, with the learner's typed texts, which are read there (reading √2 as a value needs sympy).

Whatever goes wrong in the worker (not up, too slow, an error), the same is done in this
process, as before, and the log says so (logger ``quizmath.core.items.remote_problem``):
correctness never depends on the worker, and a learner's answer is never lost.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol

from quizmath.core.answers.service import JobFailed
from quizmath.core.bank.problem_data import (
    carried_from_data,
    carried_to_data,
    problem_from_data,
    problem_to_data,
)

if TYPE_CHECKING:
    from quizmath.core.bank.model import Template
    from quizmath.core.bank.problem import Carried, Problem

log = logging.getLogger(__name__)

CARRY_BUDGET = 10.0  # seconds for the worker to compute one part (it takes milliseconds)


# -- in the worker (``answers.service.JOBS``) -------------------------------------------------


def make(template: Template, seed: int) -> str:
    """The problem ``template@seed`` as JSON text."""
    from quizmath.core.bank.generate import generate

    return json.dumps(problem_to_data(generate(template, seed)))


def carry(template: Template, seed: int, k: int, texts: Mapping[str, str]) -> str:
    """Part k of ``template@seed`` computed from the learner's answers ``texts`` (earlier
    parts' names → as typed), as JSON text."""
    from quizmath.core.bank.generate import generate

    return json.dumps(carried_to_data(carried_from_texts(generate(template, seed), k, texts)))


def carried_from_texts(problem: Problem, k: int, texts: Mapping[str, str]) -> Carried | None:
    """In a process that has the problem's own carry: part k computed from the learner's
    answers as typed; None when none of them can be read as a value or nothing is carried."""
    from quizmath.core.items.multipart import read_value

    if problem.carry is None:
        return None
    index = {p.name: i for i, p in enumerate(problem.parts) if p.name is not None}
    values = {}
    for name, text in texts.items():
        if name in index and (value := read_value(problem, index[name], text)) is not None:
            values[name] = value
    return problem.carry.expected(k, values) if values else None


# -- in the app -------------------------------------------------------------------------------


class Runner(Protocol):
    """What runs a job in the worker: ``CheckService.run``."""

    def run(self, job: str, args: tuple[Any, ...], budget: float = ...) -> str: ...


def generate(service: Runner, template: Template, seed: int, budget: float) -> Problem | None:
    """The problem made in the worker, or None (said in the log): make it here then."""
    try:
        data = json.loads(service.run("generate", (template, seed), budget))
        carry = None
        if data.get("carry"):
            kinds = tuple(str(p["problem"]["kind"]) for p in data["parts"])
            carry = ServiceCarry(service, template, seed, kinds)
        return problem_from_data(data, carry)
    except JobFailed as exc:
        reason = str(exc)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        reason = f"an answer that is not a problem ({exc})"
    log.warning("%s is made in the app's process: %s", _ref(template, seed), reason)
    return None


class ServiceCarry:
    """The ``Carry`` of a multi-part problem made in the worker: it keeps each answer as typed,
    and asks the worker for a later part computed from them. If the worker cannot answer,
    the problem is made here (once) and the part computed from its own carry."""

    def __init__(
        self, service: Runner, template: Template, seed: int, kinds: tuple[str, ...]
    ) -> None:
        self._service = service
        self._template = template
        self._seed = seed
        self._kinds = kinds  # each part's answer kind
        self._here: Problem | None = None  # made in this process, after the worker failed
        self._lock = threading.Lock()

    def read(self, k: int, text: str) -> str | None:
        """The text as typed, read where the parts are computed (a choice is never carried)."""
        return None if self._kinds[k] == "choice" else text

    def expected(self, k: int, values: Mapping[str, Any]) -> Carried | None:
        texts = {name: str(text) for name, text in values.items()}
        args = (self._template, self._seed, k, texts)
        try:
            return carried_from_data(json.loads(self._service.run("carry", args, CARRY_BUDGET)))
        except JobFailed as exc:
            reason = str(exc)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            reason = f"an answer that is not a part ({exc})"
        where = f"{_ref(self._template, self._seed)} part {k + 1}"
        log.warning("%s is carried forward in the app's process: %s", where, reason)
        try:
            return carried_from_texts(self._problem_here(), k, texts)
        except Exception as exc:  # the answer is still judged against the true one
            log.warning("%s: nothing carried forward (%s)", where, exc)
            return None

    def _problem_here(self) -> Problem:
        from quizmath.core.bank.generate import generate as make_here

        with self._lock:
            if self._here is None:
                self._here = make_here(self._template, self._seed)
            return self._here


def _ref(template: Any, seed: int) -> str:
    return f"{getattr(template, 'id', '?')}@{seed}"
