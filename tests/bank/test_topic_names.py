"""Topics by name: one resolver for practice and drills (issue 13 item 18)."""

from __future__ import annotations

import pytest

from quizmath.core.bank.bank import default_curriculum
from quizmath.core.bank.curriculum import Curriculum
from quizmath.core.bank.topic_names import TopicNameError, resolve_topics, suggestions
from quizmath.core.drill.plan import DrillError
from quizmath.core.drill.plan import resolve_topics as drill_topics

VECTORS, EIGEN = "linear-algebra/vectors", "linear-algebra/eigen"
DERIVATIVES = "calculus/derivatives"
TEMPLATES = {  # template id → topic, as a bank has them
    "linalg.dot": VECTORS,
    "linalg.eig": EIGEN,
    "calc.chain": DERIVATIVES,
    "lonely": VECTORS,  # no prefix
}


@pytest.fixture(scope="module")
def c() -> Curriculum:
    return default_curriculum()


def test_ids_slugs_and_areas_in_curriculum_order(c: Curriculum) -> None:
    assert resolve_topics(c, ["eigen", VECTORS]) == (VECTORS, EIGEN)
    area = resolve_topics(c, ["linear-algebra"])
    assert area == tuple(t.id for t in c.topics.values() if t.area == "linear-algebra")
    assert resolve_topics(c, [" ", ""]) == ()


def test_template_id_prefixes_when_the_templates_are_known(c: Curriculum) -> None:
    assert resolve_topics(c, ["linalg"], TEMPLATES) == (VECTORS, EIGEN)
    assert resolve_topics(c, ["calc", "eigen"], TEMPLATES) == (EIGEN, DERIVATIVES)
    with pytest.raises(TopicNameError, match='no topic "linalg"'):
        resolve_topics(c, ["linalg"])  # without the templates it is not a name


def test_suggestions_share_something_with_what_was_typed(c: Curriculum) -> None:
    with pytest.raises(TopicNameError) as nope:
        resolve_topics(c, ["nope"])
    assert "did you mean" not in str(nope.value) and "`quizmath bank` lists topics" in str(
        nope.value
    )
    with pytest.raises(TopicNameError, match="did you mean calculus"):
        resolve_topics(c, ["calc"])  # was "pca"
    with pytest.raises(TopicNameError, match="did you mean eigen"):
        resolve_topics(c, ["eigne"])
    assert suggestions("vec", ["matrices", "vectors", "vector-spaces"]) == [
        "vectors",
        "vector-spaces",
    ]


def test_the_drill_uses_the_same_resolver(c: Curriculum) -> None:
    assert drill_topics(c, ["linalg"], TEMPLATES) == resolve_topics(c, ["linalg"], TEMPLATES)
    with pytest.raises(DrillError, match="did you mean calculus"):
        drill_topics(c, ["calc"])
