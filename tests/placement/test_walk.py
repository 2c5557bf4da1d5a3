"""The placement walk on hand-built graphs with scripted answers."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from quizmath.core.placement.walk import CONFIRM, FIRST, Level, Node, Walk, counts

# a → b → d, a → c → d; e alone; f needs e and d.
GRAPH = [
    Node("a"),
    Node("b", ("a",)),
    Node("c", ("a",)),
    Node("d", ("b", "c")),
    Node("e"),
    Node("f", ("e", "d")),
]

Script = Callable[[str, int], bool | None]


def run(walk: Walk, script: Script) -> list[tuple[str, int]]:
    asked = []
    while (ask := walk.next()) is not None:
        asked.append((ask.topic, ask.question))
        assert ask.number == len(asked)
        walk.answer(script(ask.topic, ask.question))
    return asked


def levels(walk: Walk) -> dict[str, Level]:
    return {p.topic: p.level for p in walk.result()}


def test_knowing_everything_places_everything_known_one_question_each() -> None:
    walk = Walk(GRAPH)
    asked = run(walk, lambda t, q: True)
    # Shallowest first, then curriculum order: a, e (depth 0), b, c (1), d (2), f (3).
    assert asked == [("a", 1), ("e", 1), ("b", 1), ("c", 1), ("d", 1), ("f", 1)]
    assert set(levels(walk).values()) == {Level.KNOWN}


def test_a_failed_topic_stops_the_walk_below_it() -> None:
    walk = Walk(GRAPH)
    asked = run(walk, lambda t, q: t != "b")
    assert ("d", 1) not in asked and ("f", 1) not in asked  # below b
    assert asked.count(("b", CONFIRM)) == 1  # a wrong answer is confirmed once
    placed = {p.topic: p for p in walk.result()}
    assert placed["b"].level == Level.NEW and placed["b"].asked == 2
    assert placed["c"].level == Level.KNOWN  # a sibling is still probed
    assert placed["d"].level == Level.NEW and placed["d"].inferred and placed["d"].below == "b"
    assert placed["f"].level == Level.NEW and placed["f"].below == "b"
    assert placed["e"].level == Level.KNOWN


def test_wrong_then_right_is_shaky_and_passes() -> None:
    walk = Walk(GRAPH)
    run(walk, lambda t, q: not (t == "a" and q == FIRST))
    got = levels(walk)
    assert got["a"] == Level.SHAKY
    assert all(got[t] == Level.KNOWN for t in "bcdef")  # shaky passes: the walk goes on


def test_dont_know_is_new_at_once_without_a_second_question() -> None:
    walk = Walk(GRAPH)
    asked = run(walk, lambda t, q: None if t == "a" else True)
    assert asked == [("a", 1), ("e", 1)]  # b, c, d need a; f needs d
    got = levels(walk)
    assert got == {
        "a": Level.NEW,
        "b": Level.NEW,
        "c": Level.NEW,
        "d": Level.NEW,
        "e": Level.KNOWN,
        "f": Level.NEW,
    }


def test_a_topic_is_probed_only_when_every_prerequisite_passed() -> None:
    walk = Walk(GRAPH)
    seen: list[str] = []

    def script(topic: str, question: int) -> bool:
        # Every prerequisite of the topic asked now was passed already.
        node = next(n for n in GRAPH if n.id == topic)
        assert all(walk.placed[r].level.passed for r in node.requires)
        seen.append(topic)
        return topic != "c"

    run(walk, script)
    assert "d" not in seen and "f" not in seen


def test_the_budget_caps_the_questions_and_leaves_the_rest_untested() -> None:
    walk = Walk(GRAPH, budget=3)
    asked = run(walk, lambda t, q: True)
    assert len(asked) == 3
    got = levels(walk)
    assert got["a"] == got["e"] == got["b"] == Level.KNOWN
    assert got["c"] == got["d"] == got["f"] == Level.UNTESTED


def test_a_wrong_answer_with_no_question_left_is_new() -> None:
    walk = Walk([Node("a"), Node("b", ("a",))], budget=1)
    run(walk, lambda t, q: False)
    assert levels(walk) == {"a": Level.NEW, "b": Level.NEW}


def test_dropped_topics_are_untested_and_not_passed() -> None:
    walk = Walk(GRAPH)
    while (ask := walk.next()) is not None:
        if ask.topic == "c":
            walk.drop()
        else:
            walk.answer(True)
    got = levels(walk)
    assert got["c"] == Level.UNTESTED
    assert got["d"] == got["f"] == Level.UNTESTED  # not reached, and nothing failed above
    assert counts(walk.result())[Level.KNOWN] == 3


def test_the_question_waits_until_answered_and_answers_need_a_question() -> None:
    walk = Walk(GRAPH)
    first = walk.next()
    assert walk.next() == first
    walk.answer(True)
    with pytest.raises(ValueError):
        walk.answer(True)  # the next question was not asked for yet
    walk.next()
    walk.answer(True)


def test_prerequisites_outside_the_graph_are_refused() -> None:
    with pytest.raises(ValueError, match="not in the walk"):
        Walk([Node("a", ("zz",))])


def test_stopping_before_the_confirming_question_places_the_topic_new() -> None:
    walk = Walk(GRAPH)
    walk.next()
    walk.answer(False)
    assert walk.next() is not None  # the confirming question, never answered
    placed = {p.topic: p for p in walk.result()}
    assert placed["a"].level == Level.NEW and placed["a"].asked == 1
    assert placed["b"].below == "a"
