"""Drill plans: which items a drill serves, fixed by a seed.

A plan is a pure function of (seed, number of questions, topic filter, the bank, the interview
questions) and never of the learner's history, so everyone who runs ``--seed S`` with the same
options and the same version of the question bank gets the same items, on any machine: draws use
``core.rng.Rng`` (SplitMix64), not ``random``, and every list is sorted before drawing.

The mix:
- ``questions // INTERVIEW_EVERY`` interview questions (one for every three problems; none in a
  drill of fewer than four questions), fewer if the topics have fewer; the rest are problems.
  Interview questions are spread evenly (with 10 questions: P P P I P P I P P P).
- Problems: the topics in a seeded shuffle, taken in turn (reshuffled each round), so a drill
  spreads over as many topics as it has problems. In each topic a template not yet used in this
  drill, then a seed below ``SEED_SPACE``. A template that fails to generate is passed over;
  generation is deterministic, so that is deterministic too. Every problem is generated here,
  before the clock starts.
- Coding exercises, only when asked (``quizmath drill --code``): ``exercise_count`` of them
  (one per EXERCISE_EVERY questions, at least one), drawn from the drill's topics (when the
  topics were chosen from the learner's weak ones and have none, from every topic), each with a
  seed that names its drill file; they come last, with the time that is left. The rest of the
  drill is drawn as without them, from its own streams.

Without a seed (``make_plan``), a random seed is drawn and recorded, and unless topics are given
the topics are chosen from the learner's weak ones (``weak_topics``: weighted by 1 − mastery).
The plan is then drawn from that seed and those topics, so ``DrillPlan.share_args`` (with the
time limit) replays it exactly for someone else.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from quizmath.core.drill.options import MAX_QUESTIONS, MIN_QUESTIONS, limit_ms, minutes_arg
from quizmath.core.errors import QuizmathError, TemplateError
from quizmath.core.items import ItemKind
from quizmath.core.items.problem import Generator, generate
from quizmath.core.rng import Rng
from quizmath.core.scheduler import SEED_SPACE

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.curriculum import Curriculum
    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import InterviewBank
    from quizmath.core.exercises.model import Exercise
    from quizmath.core.scheduler import TopicProgress

INTERVIEW_EVERY = 4
EXERCISE_EVERY = 10
WEAK_FLOOR = 0.25  # a mastered topic still comes up now and then (weight 0.25 vs 1.25)


class DrillError(QuizmathError):
    """A drill cannot be planned, started or resumed; the message says why."""


@dataclass(frozen=True)
class PlanItem:
    kind: ItemKind
    item_id: str  # template id, interview question id or exercise id
    seed: int | None  # None for an interview question; an exercise's names its drill file
    topic: str

    @property
    def ref(self) -> str:
        """``template@seed`` (replayable with ``quizmath practice --template``) or the
        interview question id."""
        return self.item_id if self.seed is None else f"{self.item_id}@{self.seed}"


@dataclass(frozen=True)
class DrillPlan:
    seed: int
    topics: tuple[str, ...]  # the topic filter it was drawn with; () = every topic
    items: tuple[PlanItem, ...]
    seeded: bool = True  # the learner gave the seed
    weighted: bool = False  # the topics were chosen from the learner's weak ones
    problems: Mapping[str, Problem] = field(default_factory=dict, compare=False, repr=False)

    @property
    def code(self) -> str:
        """8 hex digits naming the items: two runs with one code served the same drill."""
        text = "\n".join(item.ref for item in self.items)
        return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()

    def share_args(self, minutes: float | None) -> str:
        """The ``quizmath drill`` options that serve this drill again with this time limit."""
        return share_args(
            self.seed, len(self.items), self.topics, has_code(self.items), limit_ms(minutes)
        )


def share_args(
    seed: int, questions: int, topics: Sequence[str], code: bool, limit: int | None
) -> str:
    """Every ``quizmath drill`` option that a drill depends on (``DrillOptions``: the seed, the
    number of questions, the time limit in ms (None: untimed), the topics, coding exercises),
    so the line serves the same drill to anyone, whatever the defaults."""
    parts = [f"--seed {seed}", f"--questions {questions}", f"--minutes {minutes_arg(limit)}"]
    if topics:
        parts.append("--topics " + ",".join(topics))
    if code:
        parts.append("--code")
    return " ".join(parts)


def has_code(items: Iterable[Any]) -> bool:
    """Some of the items (``PlanItem``s, or anything with a ``kind``) are coding exercises."""
    return any(item.kind == ItemKind.EXERCISE for item in items)


def interview_count(questions: int, available: int) -> int:
    return min(questions // INTERVIEW_EVERY, available)


def exercise_count(questions: int, available: int) -> int:
    return min(max(1, questions // EXERCISE_EVERY), available)


def resolve_topics(
    curriculum: Curriculum, texts: Iterable[str], template_topics: Mapping[str, str] | None = None
) -> tuple[str, ...]:
    """Topic ids from the names a learner types (``core.bank.topic_names``: ids, slugs, areas,
    template-id prefixes), in curriculum order. Unknown names raise DrillError."""
    from quizmath.core.bank.topic_names import TopicNameError
    from quizmath.core.bank.topic_names import resolve_topics as resolve

    try:
        return resolve(curriculum, texts, template_topics)
    except TopicNameError as exc:
        raise DrillError(str(exc)) from None


def plan_drill(
    bank: Bank,
    interviews: InterviewBank | None,
    *,
    questions: int,
    seed: int,
    topics: Sequence[str] = (),
    generator: Generator | None = None,
    seeded: bool = True,
    weighted: bool = False,
    exercises: Iterable[Exercise] | None = None,
) -> DrillPlan:
    """The drill for this seed (see the module docstring). ``topics`` are topic ids;
    ``exercises``: the coding exercises to draw from (None: a drill without them)."""
    if not MIN_QUESTIONS <= questions <= MAX_QUESTIONS:
        raise DrillError(
            f"a drill has {MIN_QUESTIONS} to {MAX_QUESTIONS} questions, not {questions}"
        )
    generator = generator or generate
    curriculum = bank.curriculum
    wanted = tuple(sorted(set(topics), key=curriculum.order_of))
    by_topic: dict[str, list[str]] = {}
    for tid in sorted(bank.templates):
        t = bank.templates[tid]
        if not wanted or t.topic in wanted:
            by_topic.setdefault(t.topic, []).append(tid)
    if not by_topic:
        where = f" in {', '.join(wanted)}" if wanted else ""
        raise DrillError(f"no problems to drill{where}: the bank has no template there")
    # Separate streams: the problems do not change when interview questions are added.
    rng = Rng(seed, "drill-problems")
    rng_q = Rng(seed, "drill-interviews")
    pool_q = sorted(
        q.id
        for q in (interviews.questions.values() if interviews else ())
        if not wanted or q.topic in wanted
    )
    coding = _draw_exercises(exercises, wanted, weighted, questions, seed)
    n_interview = interview_count(questions - len(coding), len(pool_q))
    chosen_q = rng_q.sample(pool_q, n_interview) if n_interview else []
    problems = _draw_problems(bank, by_topic, questions - n_interview - len(coding), rng, generator)
    items = [
        PlanItem(
            ItemKind.MULTIPART if p.parts else ItemKind.PROBLEM, p.template_id, p.seed, p.topic
        )
        for p in problems
    ]
    by_id = interviews.questions if interviews is not None else {}
    spread = questions - len(coding)
    for k, qid in enumerate(chosen_q):
        at = (k + 1) * spread // (n_interview + 1)
        items.insert(at, PlanItem(ItemKind.INTERVIEW, qid, None, by_id[qid].topic))
    items += coding
    return DrillPlan(seed, wanted, tuple(items), seeded, weighted, {p.ref: p for p in problems})


def _draw_exercises(
    exercises: Iterable[Exercise] | None,
    wanted: tuple[str, ...],
    weighted: bool,
    questions: int,
    seed: int,
) -> list[PlanItem]:
    """The coding exercises of a drill that asks for them (see the module docstring)."""
    if exercises is None:
        return []
    every = sorted(exercises, key=lambda x: x.id)
    pool = [x for x in every if not wanted or x.topic in wanted]
    if not pool and weighted:
        pool = every  # the learner did not choose these topics: any exercise will do
    if not pool:
        where = f" in {', '.join(wanted)}" if wanted else ""
        raise DrillError(f"no coding exercises to drill{where}; `quizmath code` lists them")
    rng = Rng(seed, "drill-exercises")
    chosen = rng.sample(pool, exercise_count(questions, len(pool)))
    return [PlanItem(ItemKind.EXERCISE, x.id, rng.below(SEED_SPACE), x.topic) for x in chosen]


def _draw_problems(
    bank: Bank, by_topic: dict[str, list[str]], n: int, rng: Rng, generator: Generator
) -> list[Problem]:
    live = {topic: list(ids) for topic, ids in sorted(by_topic.items())}
    used: set[str] = set()
    refs: set[str] = set()
    out: list[Problem] = []
    round_: list[str] = []
    while len(out) < n:
        if not live:
            raise DrillError(
                "no problems to drill: every template in these topics fails to "
                "generate (`quizmath validate` says why)"
            )
        if not round_:
            round_ = rng.shuffled(sorted(live))
        topic = round_.pop(0)
        if topic not in live:
            continue
        fresh = [t for t in live[topic] if t not in used] or live[topic]
        tid = rng.choice(fresh)
        seed = rng.below(SEED_SPACE)
        if f"{tid}@{seed}" in refs:
            continue  # the same problem twice: draw again (vanishingly rare)
        try:
            problem = generator(bank.get(tid), seed)
        except TemplateError:
            live[topic].remove(tid)
            if not live[topic]:
                del live[topic]
            continue
        used.add(tid)
        refs.add(problem.ref)
        out.append(problem)
    return out


def weak_topics(
    progress: Sequence[TopicProgress], k: int, rng: random.Random | None = None
) -> tuple[str, ...]:
    """``k`` topics drawn without replacement, each with weight WEAK_FLOOR + 1 − mastery (a
    topic never practised has mastery 0, so weak and new topics come first)."""
    rng = rng or random.Random()
    eligible = [p for p in progress if p.templates > 0]
    # Efraimidis–Spirakis: the k largest u^(1/w) are a weighted sample without replacement.
    keyed = sorted(
        (
            (rng.random() ** (1.0 / (WEAK_FLOOR + 1.0 - (p.mastery or 0.0))), p.topic_id)
            for p in eligible
        ),
        reverse=True,
    )
    return tuple(topic for _, topic in keyed[: max(0, k)])


def make_plan(
    bank: Bank,
    interviews: InterviewBank | None,
    *,
    questions: int,
    seed: int | None = None,
    topics: Sequence[str] = (),
    progress: Sequence[TopicProgress] | None = None,
    rng: random.Random | None = None,
    generator: Generator | None = None,
    exercises: Iterable[Exercise] | None = None,
) -> DrillPlan:
    """The plan for a new drill: ``seed`` given → ``plan_drill`` as is; no seed → a random one,
    and, without ``topics``, topics weighted toward the weak ones in ``progress``
    (``Scheduler.topic_progress()``). ``exercises``: include coding exercises from these."""
    rng = rng or random.Random()
    seeded = seed is not None
    if seed is None:
        seed = rng.randrange(SEED_SPACE)
    weighted = False
    if not topics and not seeded and progress is not None:
        k = questions - questions // INTERVIEW_EVERY
        chosen = weak_topics(progress, k, rng)
        if chosen:
            topics, weighted = chosen, True
    return plan_drill(
        bank,
        interviews,
        questions=questions,
        seed=seed,
        topics=topics,
        generator=generator,
        seeded=seeded,
        weighted=weighted,
        exercises=exercises,
    )
