"""The checking service makes problems too (issue 13 item 25), so that the app's process never
imports sympy, numpy or scipy for them; whatever goes wrong there, the app makes the problem
itself."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from service_helpers import texts

from quizmath.core.answers import CheckService
from quizmath.core.bank.bank import Bank
from quizmath.core.bank.generate import generate

# linalg.cosine-angle@3 has the irrational answer −√2/2: made here, it imports sympy
REFS = [("linalg.cosine-angle", 3), ("linalg.vector-add", 91775), ("linalg.dot-product", 7)]


@pytest.mark.parametrize(("template_id", "seed"), REFS)
def test_the_service_makes_the_same_problem_as_this_process(
    bank: Bank, service: CheckService, template_id: str, seed: int
) -> None:
    template = bank.get(template_id)
    made = service.generate(template, seed)
    here = generate(template, seed)
    assert made is not None
    assert made == here
    assert texts(made) == texts(here)


def test_the_irrational_answer_comes_back_exact(bank: Bank, service: CheckService) -> None:
    made = service.generate(bank.get("linalg.cosine-angle"), 3)
    assert made is not None and made.answer_text == "−√2/2"


def test_too_slow_gives_none_and_the_next_request_works(bank: Bank, service: CheckService) -> None:
    template = bank.get("linalg.dot-product")
    service._sleep_next = 5.0  # test hook: the worker sleeps before answering
    assert service.generate(template, 7, budget=0.2) is None
    assert service.generate(template, 7) == generate(template, 7)  # a fresh worker


def test_what_does_not_pickle_gives_none(service: CheckService) -> None:
    assert service.generate(lambda: None, 1) is None
    assert service.check("integer", "1", "1").verdict == "accept"  # the pipe is still in step


def test_an_error_in_the_worker_gives_none(service: CheckService) -> None:
    assert service.generate("not a template", 1) is None


def test_a_closed_service_gives_none(bank: Bank) -> None:
    svc = CheckService(preload_sympy=False, start=False)
    svc.close()
    assert svc.generate(bank.get("linalg.dot-product"), 7) is None


SCRIPT = """
import sys
import threading

from quizmath.core.bank.bank import load_bank
from quizmath.tui.checking import AppChecker, service_generator
from quizmath.tui.services import {factory}


def main():
    checker = AppChecker({factory}, print)
    make = service_generator(checker)
    template = load_bank(None).get("linalg.cosine-angle")
    made = []
    worker = threading.Thread(target=lambda: made.append(make(template, 3)))
    worker.start()
    worker.join()
    checker.close()
    print(made[0].answer_text, "sympy" in sys.modules)


if __name__ == "__main__":
    main()
"""


def run(tmp_path: Path, factory: str) -> str:
    script = tmp_path / "make.py"
    script.write_text(textwrap.dedent(SCRIPT.format(factory=factory)), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, check=True
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_apps_generator_keeps_sympy_out_of_its_process(tmp_path: Path) -> None:
    assert run(tmp_path, "service_checker") == "−√2/2 False"


def test_without_the_service_the_app_makes_the_problem_itself(tmp_path: Path) -> None:
    # the in-process checker has no worker: the same problem, made (with sympy) here
    assert run(tmp_path, "in_process_checker") == "−√2/2 True"
