"""Drill plans: fixed by the seed (in this process and in others), within the topic filter,
the documented mix, and weighted toward weak topics only when no seed is given."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from collections import Counter

import pytest
from drill_fakes import BANK, INTERVIEWS, T0

from quizmath.core.bank.bank import Bank
from quizmath.core.content import InterviewBank, InterviewQuestion
from quizmath.core.drill.plan import DrillError, make_plan, plan_drill, resolve_topics, weak_topics
from quizmath.core.errors import TemplateError
from quizmath.core.scheduler import Scheduler, TopicProgress
from quizmath.core.storage.attempts import Attempt

VECTORS, DETS, MATRICES = (
    "linear-algebra/vectors",
    "linear-algebra/determinants",
    "linear-algebra/matrices",
)


def refs(plan) -> list[str]:  # type: ignore[no-untyped-def]
    return [item.ref for item in plan.items]


def many_questions(n: int) -> InterviewBank:
    """``n`` interview questions, all on vectors (the fixture templates' main topic)."""
    qs = {
        f"q{i}": InterviewQuestion(f"q{i}", f"Question {i}?", VECTORS, 1, i, "A.", ("p",), (), "")
        for i in range(n)
    }
    return InterviewBank(qs)


def test_same_seed_same_drill_other_seed_another(bank: Bank, interviews: InterviewBank) -> None:
    a = plan_drill(bank, interviews, questions=8, seed=1234)
    b = plan_drill(bank, interviews, questions=8, seed=1234)
    c = plan_drill(bank, interviews, questions=8, seed=1235)
    assert refs(a) == refs(b) and a.code == b.code
    assert refs(a) != refs(c) and a.code != c.code
    assert len(a.items) == 8
    assert len(set(refs(a))) == 8  # never the same problem twice
    # Every problem is already generated, so the clock never waits for generation.
    assert sorted(a.problems) == sorted(r for r in refs(a) if "@" in r)


SCRIPT = """
import json, sys
from pathlib import Path
from quizmath.core.bank.bank import load_bank
from quizmath.core.content import load_interviews
from quizmath.core.drill.plan import plan_drill
bank = load_bank([Path(sys.argv[1])])
iv = load_interviews([Path(sys.argv[2])], set(bank.curriculum.topics))
plan = plan_drill(bank, iv, questions=8, seed=1234)
print(json.dumps([plan.code, [i.ref for i in plan.items]]))
"""


def test_the_same_seed_gives_the_same_drill_in_other_processes(
    bank: Bank, interviews: InterviewBank
) -> None:
    here = plan_drill(bank, interviews, questions=8, seed=1234)
    for hash_seed in ("0", "12345"):  # no dependence on set or dict order
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(BANK), str(INTERVIEWS)],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=True,
        )
        code, items = json.loads(out.stdout)
        assert [code, items] == [here.code, refs(here)]


def test_topics_filter_is_respected(bank: Bank, interviews: InterviewBank) -> None:
    plan = plan_drill(bank, interviews, questions=6, seed=5, topics=[DETS])
    assert {i.topic for i in plan.items} == {DETS}
    assert {i.kind for i in plan.items} == {"problem"}  # no interview question on determinants
    assert plan.topics == (DETS,)
    assert plan.share_args(2.5) == f"--seed 5 --questions 6 --minutes 2.5 --topics {DETS}"
    assert plan.share_args(0).startswith("--seed 5 --questions 6 --minutes 0 ")  # untimed
    two = plan_drill(bank, interviews, questions=6, seed=5, topics=[MATRICES, DETS])
    assert {i.topic for i in two.items} == {DETS, MATRICES}
    assert two.topics == (MATRICES, DETS)  # curriculum order, whatever order they came in


def test_topic_names_resolve_from_ids_slugs_and_areas(bank: Bank) -> None:
    c = bank.curriculum
    assert resolve_topics(c, ["determinants", VECTORS]) == (VECTORS, DETS)
    assert VECTORS in resolve_topics(c, ["linear-algebra"])
    with pytest.raises(DrillError, match="did you mean"):
        resolve_topics(c, ["determinant"])


def test_problems_spread_over_the_topics(bank: Bank) -> None:
    for seed in range(20):
        plan = plan_drill(bank, None, questions=3, seed=seed)
        assert {i.topic for i in plan.items} == {VECTORS, DETS, MATRICES}


def test_mix_one_interview_question_per_three_problems(bank: Bank) -> None:
    qs = many_questions(5)
    kinds = {
        n: "".join(i.kind[0].upper() for i in plan_drill(bank, qs, questions=n, seed=3).items)
        for n in (2, 3, 4, 8, 10)
    }
    assert kinds == {
        2: "PP",  # fewer than four questions: problems only
        3: "PPP",
        4: "PPIP",
        8: "PPIPPIPP",
        10: "PPPIPPIPPP",
    }
    # Fewer interview questions available than the mix asks for: problems fill in.
    plan = plan_drill(bank, many_questions(1), questions=8, seed=3)
    assert [i.kind for i in plan.items].count("interview") == 1 and len(plan.items) == 8


def test_a_template_that_fails_to_generate_is_passed_over_the_same_way_each_time(
    bank: Bank,
) -> None:
    from quizmath.core.bank.generate import generate

    def flaky(template, seed):  # type: ignore[no-untyped-def]
        if template.id == "drillfix.det":
            raise TemplateError("never met", file="det.yaml", line=1, field="where")
        return generate(template, seed)

    a = plan_drill(bank, None, questions=6, seed=9, generator=flaky)
    b = plan_drill(bank, None, questions=6, seed=9, generator=flaky)
    assert refs(a) == refs(b)
    assert all(i.item_id != "drillfix.det" for i in a.items) and len(a.items) == 6
    with pytest.raises(DrillError, match="no problems to drill"):
        plan_drill(bank, None, questions=2, seed=9, topics=[DETS], generator=flaky)


def test_question_count_is_bounded(bank: Bank) -> None:
    with pytest.raises(DrillError):
        plan_drill(bank, None, questions=0, seed=1)


def progress(mastery: dict[str, float]) -> list[TopicProgress]:
    return [TopicProgress(t, t, "area", 2, 2, 10, m, m, 0) for t, m in mastery.items()]


def test_weak_topics_are_drawn_far_more_often() -> None:
    rng = random.Random(1)
    counts: Counter[str] = Counter()
    for _ in range(400):
        counts.update(weak_topics(progress({"strong": 0.95, "weak": 0.0}), 1, rng))
    # Weights 0.25 + 1 − mastery: 1.25 against 0.30, about 4 to 1.
    assert counts["weak"] > 2.5 * counts["strong"] > 0


def test_without_a_seed_the_learners_history_weights_the_topics(
    bank: Bank, scheduler: Scheduler, interviews: InterviewBank
) -> None:
    # Vectors mastered: both its templates answered right, reviewed Good, a few times.
    for n in range(3):
        for tid in ("drillfix.dot", "drillfix.add"):
            scheduler.record_attempt(Attempt(tid, n, "x", "accept", 3000, at=T0))
    prog = scheduler.topic_progress()
    assert next(p for p in prog if p.topic_id == VECTORS).mastery > 0.8
    counts: Counter[str] = Counter()
    for i in range(200):
        plan = make_plan(bank, interviews, questions=1, progress=prog, rng=random.Random(i))
        assert not plan.seeded and plan.weighted
        counts.update(item.topic for item in plan.items)
    assert counts[VECTORS] < 0.2 * 200
    assert counts[DETS] > 0.3 * 200 and counts[MATRICES] > 0.3 * 200


def test_an_unseeded_drill_records_a_seed_that_replays_it_for_anyone(
    bank: Bank, interviews: InterviewBank
) -> None:
    prog = progress({VECTORS: 0.1, DETS: 0.9, MATRICES: 0.5})
    plan = make_plan(bank, interviews, questions=5, progress=prog, rng=random.Random(3))
    assert plan.weighted and not plan.seeded and plan.topics
    again = plan_drill(bank, interviews, questions=5, seed=plan.seed, topics=plan.topics)
    assert refs(again) == refs(plan) and again.code == plan.code
    # With a seed (or with topics given) the history plays no part.
    seeded = make_plan(bank, interviews, questions=5, seed=77, progress=prog)
    assert not seeded.weighted and seeded.topics == ()
    assert refs(seeded) == refs(plan_drill(bank, interviews, questions=5, seed=77))
    given = make_plan(bank, interviews, questions=5, topics=[DETS], progress=prog)
    assert not given.weighted and given.topics == (DETS,)


def test_problems_do_not_depend_on_the_interview_questions(bank: Bank) -> None:
    # A new interview question in the bank must not reshuffle a shared drill of problems.
    alone = plan_drill(bank, None, questions=3, seed=21)
    assert refs(plan_drill(bank, many_questions(9), questions=3, seed=21)) == refs(alone)
    mixed = plan_drill(bank, many_questions(9), questions=4, seed=21)
    again = plan_drill(bank, many_questions(9), questions=4, seed=21)
    assert refs(mixed) == refs(again)


def test_drill_options_are_read_with_one_set_of_bounds() -> None:
    from quizmath.core.drill.options import (
        DEFAULT_MINUTES,
        DEFAULT_QUESTIONS,
        DrillOptions,
        Fault,
        Field,
        OptionError,
        read_options,
    )

    assert read_options("", "", "") == DrillOptions(DEFAULT_MINUTES, DEFAULT_QUESTIONS, (), None)
    assert read_options("3", "0", "42", ("t",)) == DrillOptions(0.0, 3, ("t",), 42)
    cases = [
        (("0", "", ""), Field.QUESTIONS, Fault.OUT_OF_RANGE),
        (("101", "", ""), Field.QUESTIONS, Fault.OUT_OF_RANGE),
        (("x", "", ""), Field.QUESTIONS, Fault.NOT_A_NUMBER),
        (("", "1441", ""), Field.MINUTES, Fault.OUT_OF_RANGE),
        (("", "nan", ""), Field.MINUTES, Fault.OUT_OF_RANGE),
        (("", "", "1" * 19), Field.SEED, Fault.NOT_A_NUMBER),
        (("", "", "-1"), Field.SEED, Fault.NOT_A_NUMBER),
        (("0", "1441", "-1"), Field.QUESTIONS, Fault.OUT_OF_RANGE),  # the first field first
    ]
    for fields, field, fault in cases:
        with pytest.raises(OptionError) as caught:
            read_options(*fields)
        assert (caught.value.field, caught.value.fault) == (field, fault), fields
