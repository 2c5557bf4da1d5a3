"""The walk's graph from the curriculum, and the templates that probe a topic.

Only topics with a template to ask can be probed. A topic without one (``conventions/notation``
today) is left out of the walk and is transparent: a topic that requires it requires what it
requires instead.

Which template asks a topic's first question: a typed answer rather than a choice of letters
(a guess is right one time in four), at the topic's middle difficulty (the easiest would call
a learner who knows only the basics "known"). The confirming question after a wrong answer
comes from another template, the easiest typed one: it tells a slip from a gap. Among equally
good templates one is drawn at random, so taking placement again asks other questions.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from quizmath.core.placement.walk import FIRST, Node

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.curriculum import Curriculum
    from quizmath.core.bank.model import Template

GUESSABLE = ("choice",)  # answer kinds a learner can get right by guessing


def walk_nodes(curriculum: Curriculum, probeable: Collection[str]) -> list[Node]:
    """The probeable topics in curriculum order, each requiring the probeable topics it
    builds on (through topics that cannot be probed)."""
    nodes = []
    for topic in curriculum.topics.values():
        if topic.id not in probeable:
            continue
        nodes.append(Node(topic.id, _through(curriculum, topic.id, probeable)))
    return nodes


def _through(curriculum: Curriculum, topic_id: str, probeable: Collection[str]) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    frontier = list(curriculum.requires(topic_id))
    while frontier:
        r = frontier.pop(0)
        if r in seen:
            continue
        seen.add(r)
        if r in probeable:
            out.append(r)
        else:
            frontier.extend(curriculum.requires(r))
    return tuple(out)


def probe_order(templates: Sequence[Template], question: int, rng: random.Random) -> list[Template]:
    """``templates`` of one topic, best first, for its first question or its confirming one."""
    if not templates:
        return []
    typed = [t for t in templates if t.answer.kind not in GUESSABLE]
    pool = typed or list(templates)
    if question == FIRST:
        middle = statistics.median_low(t.difficulty for t in pool)

        def fit(t: Template) -> float:
            return abs(t.difficulty - middle)
    else:

        def fit(t: Template) -> float:
            return t.difficulty

    ties = {t.id: rng.random() for t in templates}
    ranked = sorted(pool, key=lambda t: (fit(t), ties[t.id]))
    in_pool = {t.id for t in pool}
    rest = sorted((t for t in templates if t.id not in in_pool), key=lambda t: ties[t.id])
    return ranked + rest


def probeable_topics(bank: Bank) -> set[str]:
    return {t.topic for t in bank.summaries()}
