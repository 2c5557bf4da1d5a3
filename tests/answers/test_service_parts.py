"""Multi-part problems and problems with a plot are made in the checking service's worker too,
and a later part computed from the learner's earlier answers (error carried forward) is asked
of the worker as well (issue 13 item 25): the same parts as in this process, and, whatever goes
wrong there, the part is computed here and the learner's answer is judged all the same."""

from __future__ import annotations

import dataclasses
import json
import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from service_helpers import texts

from quizmath.core.answers import CheckService, check
from quizmath.core.answers.service import JobFailed
from quizmath.core.bank.bank import Bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.problem import Problem
from quizmath.core.items import remote_problem
from quizmath.core.items.multipart import PartAnswer, PartStatus, carried_answer, judge_part
from quizmath.core.items.remote_problem import ServiceCarry

# projection-steps@96297: part (c)'s mistakes hold exact roots (2√6/3): made here, sympy;
# ttest-steps@90904: t_cdf (numpy, scipy); lr-loss-curves and scatter-correlation: plots
MULTIPART = [
    ("linalg.projection-steps", 96297),
    ("stats.ttest-steps", 90904),
    ("linalg.eigen-steps", 5),
    ("ml.linreg-normal-equations-steps", 2),
    ("optim.gd-trace", 1),
]
PLOTS = [("optim.lr-loss-curves", 3), ("stats.scatter-correlation", 11)]


def made_there(service: CheckService, bank: Bank, template_id: str, seed: int) -> Problem:
    made = service.generate(bank.get(template_id), seed)
    assert made is not None
    return made


@pytest.mark.parametrize(("template_id", "seed"), MULTIPART + PLOTS)
def test_the_service_makes_the_same_problem_with_its_parts_and_plot(
    bank: Bank, service: CheckService, template_id: str, seed: int
) -> None:
    made = made_there(service, bank, template_id, seed)
    here = generate(bank.get(template_id), seed)
    assert made == here  # every field, and each part (label, name, reads, its problem)
    assert made.plot == here.plot
    assert texts(made) == texts(here)
    assert [texts(p.problem) for p in made.parts] == [texts(p.problem) for p in here.parts]
    assert isinstance(made.carry, ServiceCarry) if here.parts else made.carry is None


def test_a_plot_comes_back_as_numbers_and_labels(bank: Bank, service: CheckService) -> None:
    made = made_there(service, bank, "optim.lr-loss-curves", 3)
    assert made.plot is not None and len(made.plot.series) >= 2
    assert all(isinstance(x, float) for s in made.plot.series for x in (*s.x, *s.y))
    assert all(s.label for s in made.plot.series)


def answer_in_turn(problem: Problem, j: int, wrong: str) -> list[tuple[Any, ...]]:
    """Parts before j answered right, part j with ``wrong``, each later part with the answer
    computed from the learner's so far (else the true one): what each judgement says."""
    answers: list[PartAnswer] = []
    seen: list[tuple[Any, ...]] = []
    for k, part in enumerate(problem.parts):
        if k < j:
            typed = part.problem.typed_answer
        elif k == j:
            typed = wrong
        else:
            found = carried_answer(problem, k, answers)
            seen.append(("carried", found))
            typed = found[0].answer_text if found else part.problem.typed_answer
        a = judge_part(problem, k, typed, answers, check)
        v = a.verdict
        seen.append((k, typed, a.status, a.carried_from, v and v.verdict, v and v.mistake))
        if a.counted:
            answers.append(a)
    return seen


@pytest.mark.parametrize(("template_id", "seed"), MULTIPART)
def test_carried_through_the_worker_the_later_parts_are_the_same_as_here(
    bank: Bank, service: CheckService, template_id: str, seed: int
) -> None:
    made = made_there(service, bank, template_id, seed)
    here = generate(bank.get(template_id), seed)
    carried = 0
    for j, part in enumerate(here.parts[:-1]):
        if part.name is None:
            continue
        for wrong in [m.typed for m in part.problem.mistakes] + ["0", "√2"]:
            there = answer_in_turn(made, j, wrong)
            assert there == answer_in_turn(here, j, wrong), (j, wrong)
            carried += sum(1 for step in there if PartStatus.CARRIED in step)
    assert carried > 0  # the comparison met the error carried forward


def projection(service: CheckService, bank: Bank) -> tuple[Problem, list[PartAnswer]]:
    """projection-steps@96297 made in the worker, with (a) answered 7 (it is −4), (b) right."""
    p = made_there(service, bank, "linalg.projection-steps", 96297)
    a = judge_part(p, 0, "7", [], check)
    b = judge_part(p, 1, "6", [a], check)
    assert (a.status, b.status) == (PartStatus.WRONG, PartStatus.CORRECT)
    return p, [a, b]


CARRIED_C = "[−7/6, 7/3, −7/6]"  # (u·v/‖u‖²)·u with u·v = 7: computed from the learner's (a)


def test_a_part_computed_from_a_wrong_answer_is_carried(bank: Bank, service: CheckService) -> None:
    p, answers = projection(service, bank)
    found = carried_answer(p, 2, answers)
    assert found is not None and found[0].answer_text == CARRIED_C and found[1] == ("a",)
    c = judge_part(p, 2, CARRIED_C, answers, check)
    assert c.status == PartStatus.CARRIED and c.carried_from == ("a",)


def test_a_worker_too_slow_to_carry_leaves_it_to_this_process(
    bank: Bank,
    service: CheckService,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    p, answers = projection(service, bank)
    monkeypatch.setattr(remote_problem, "CARRY_BUDGET", 0.2)
    service._sleep_next = 5.0  # test hook: the worker sleeps before answering
    with caplog.at_level(logging.WARNING, logger=remote_problem.__name__):
        c = judge_part(p, 2, CARRIED_C, answers, check)
    assert c.status == PartStatus.CARRIED and c.carried_from == ("a",)
    assert "linalg.projection-steps@96297 part 3 is carried forward in the app's process" in (
        caplog.text
    )
    assert "did not answer within 0.2 s" in caplog.text
    monkeypatch.undo()
    caplog.clear()
    again = judge_part(p, 2, CARRIED_C, answers, check)  # a fresh worker answers the next one
    assert again.status == PartStatus.CARRIED and not caplog.text


class Failing:
    """A service whose every job fails, as a worker that is gone would."""

    def run(self, job: str, args: tuple[Any, ...], budget: float = 0.0) -> str:
        raise JobFailed("the checking service is closed")


def test_a_worker_that_fails_leaves_it_to_this_process(
    bank: Bank, service: CheckService, caplog: pytest.LogCaptureFixture
) -> None:
    p, answers = projection(service, bank)
    assert isinstance(p.carry, ServiceCarry)
    kinds = tuple(part.problem.kind for part in p.parts)
    failing = dataclasses.replace(
        p, carry=ServiceCarry(Failing(), bank.get("linalg.projection-steps"), 96297, kinds)
    )
    with caplog.at_level(logging.WARNING, logger=remote_problem.__name__):
        c = judge_part(failing, 2, CARRIED_C, answers, check)
    assert c.status == PartStatus.CARRIED and c.carried_from == ("a",)
    assert "the checking service is closed" in caplog.text


def test_when_it_cannot_be_carried_anywhere_the_answer_is_still_judged(
    bank: Bank, service: CheckService, caplog: pytest.LogCaptureFixture
) -> None:
    p, answers = projection(service, bank)
    kinds = tuple(part.problem.kind for part in p.parts)
    broken = dataclasses.replace(p, carry=ServiceCarry(Failing(), "not a template", 96297, kinds))
    with caplog.at_level(logging.WARNING, logger=remote_problem.__name__):
        c = judge_part(broken, 2, CARRIED_C, answers, check)
        right = judge_part(broken, 2, "[2/3, −4/3, 2/3]", answers, check)
    # judged against the true answer only: counted, kept, and the true answer still right
    assert (c.status, c.text, c.counted) == (PartStatus.WRONG, CARRIED_C, True)
    assert right.status == PartStatus.CORRECT
    assert "nothing carried forward" in caplog.text


def test_a_choice_is_never_carried_and_other_answers_are_kept_as_typed() -> None:
    carry = ServiceCarry(Failing(), None, 1, ("integer", "choice"))
    assert carry.read(0, " √2 ") == " √2 "
    assert carry.read(1, "B") is None


def test_a_failed_problem_is_said_in_the_log(
    service: CheckService, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger=remote_problem.__name__):
        assert service.generate("not a template", 4) is None
    assert "?@4 is made in the app's process: the worker could not do it" in caplog.text


SCRIPT = """
import json
import sys
import threading

from quizmath.core.bank.bank import load_bank
from quizmath.core.items.multipart import Steps, carried_answer
from quizmath.tui.checking import AppChecker, service_generator
from quizmath.tui.services import {factory}


def main():
    checker = AppChecker({factory}, print)
    make = service_generator(checker)
    bank = load_bank(None)
    out = {{}}

    def practise():  # off the UI thread, as the practice screen's worker
        p = make(bank.get("linalg.projection-steps"), 96297)
        steps = Steps(p)
        for text in ("7", "6"):  # (a) wrong: u·v is −4; (b) right
            steps.add(steps.judge(text, checker))
        carried = carried_answer(p, 2, steps.answers)[0].answer_text
        steps.add(steps.judge(carried, checker))
        plot = make(bank.get("optim.lr-loss-curves"), 3)
        out.update(
            carried=carried,
            parts=[[a.status, list(a.carried_from)] for a in steps.answers],
            mistake=p.parts[2].problem.mistakes[-1].typed,
            plot=[s.label for s in plot.plot.series],
        )

    worker = threading.Thread(target=practise)
    worker.start()
    worker.join()
    checker.close()
    out["here"] = [
        m for m in ("sympy", "numpy", "scipy", "quizmath.core.bank.generate") if m in sys.modules
    ]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
"""


def run(tmp_path: Path, factory: str) -> dict[str, Any]:
    script = tmp_path / "practise.py"
    script.write_text(textwrap.dedent(SCRIPT.format(factory=factory)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_apps_generator_keeps_heavy_libraries_out_of_its_process(tmp_path: Path) -> None:
    there = run(tmp_path, "service_checker")
    # nothing was made, read or carried in the app's process: no engine, no sympy, no numpy
    assert there.pop("here") == []
    assert there["carried"] == CARRIED_C
    assert there["parts"] == [["wrong", []], ["correct", []], ["carried", ["a"]]]
    assert "√6" in there["mistake"]  # the part's mistake with an exact root, rendered there
    # without the service, the same is made in the app's own process (sympy and all)
    here = run(tmp_path, "in_process_checker")
    assert {"sympy", "quizmath.core.bank.generate"} <= set(here.pop("here"))
    assert here == there


class Recording:
    """A checker whose worker makes problems: records which (and makes them here)."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, kind: str, expected: str, submitted: str, **kw: Any) -> Any:
        return check(kind, expected, submitted, **kw)

    def generate(self, template: Any, seed: int) -> Problem:
        self.made.append(f"{template.id}@{seed}")
        return generate(template, seed)


def test_a_drills_problems_are_made_by_the_checking_service(bank: Bank, tmp_path: Path) -> None:
    import threading

    from quizmath.core.drill.options import DrillOptions
    from quizmath.core.storage import Storage
    from quizmath.tui.checking import AppChecker
    from quizmath.tui.drill_controller import DrillController
    from quizmath.tui.messages import Loaded
    from quizmath.tui.services import Services, in_process_checker

    recording = Recording()
    storage = Storage.open(tmp_path / "progress.db")
    services = Services(storage)
    drills = DrillController(
        services, None, lambda: None, AppChecker(lambda _: recording, print), print
    )
    loaded = Loaded(bank, None, None)  # type: ignore[arg-type]  # a seeded plan needs neither
    ready: list[Any] = []
    options = DrillOptions(questions=3, seed=1)
    # off the UI thread, as the drill screen's worker
    worker = threading.Thread(
        target=lambda: ready.append(drills.prepare(loaded, options, None, print))
    )
    worker.start()
    worker.join()
    assert ready and len(recording.made) == 3
    assert sorted(ready[0].plan.problems) == sorted(recording.made)
    # the in-process checker has no worker: problems are made in the app's process
    plain = DrillController(services, None, lambda: None, in_process_checker(), print)
    assert plain.generator is None
    storage.close()
