"""The curriculum (areas → topics, in teaching order) from ``question_bank/curriculum.yaml``.

A topic may name the topics it builds on (``requires:``, see ``core.bank.prerequisites``):
placement probes a topic only once those were passed. A file read before comes from its cache
(``curriculum_cache``), without YAML.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

import msgspec

from quizmath.core.bank.prerequisites import with_prerequisites
from quizmath.core.bank.textfile import MAX_FILE_BYTES, read_text_file
from quizmath.core.bank.topic_names import suggestions
from quizmath.core.bank.yamlsource import LDict, read_yaml_text
from quizmath.core.errors import QuizmathError, TemplateError


class Topic(msgspec.Struct, frozen=True):
    id: str  # "linear-algebra/eigen"
    slug: str  # "eigen": also the name of its concept page
    title: str
    area: str
    area_title: str
    order: int  # position in the whole curriculum
    requires: tuple[str, ...] = ()  # ids of the topics it builds on (``prerequisites``)
    line: int | None = None  # where it is declared in curriculum.yaml


class Area(msgspec.Struct, frozen=True):
    id: str
    title: str
    topics: tuple[Topic, ...]


class Curriculum(msgspec.Struct, frozen=True, dict=True):  # dict: for cached_property
    areas: tuple[Area, ...]

    @cached_property  # read per template when the bank is sorted: build it once
    def topics(self) -> dict[str, Topic]:
        return {t.id: t for a in self.areas for t in a.topics}

    def topic(self, topic_id: str) -> Topic | None:
        return self.topics.get(topic_id)

    def resolve_topic(self, text: str) -> str:
        """One topic id from an id (``linear-algebra/eigen``) or its last part (``eigen``);
        an unknown name is an error that lists close matches. Where several topics may be
        meant (practice, drills), use ``topic_names.resolve_topics``."""
        topics = self.topics
        if text in topics:
            return text
        by_slug = [t.id for t in topics.values() if t.slug == text]
        if len(by_slug) == 1:
            return by_slug[0]
        close = suggestions(text, [t.slug for t in topics.values()])
        hint = f"; did you mean {', '.join(close)}?" if close else "; `quizmath bank` lists topics"
        raise QuizmathError(f'no topic "{text}"{hint}')

    def requires(self, topic_id: str) -> tuple[str, ...]:
        """The topics ``topic_id`` builds on directly (ids; () for an unknown topic)."""
        topic = self.topics.get(topic_id)
        return topic.requires if topic else ()

    def order_of(self, topic_id: str) -> int:
        topic = self.topics.get(topic_id)
        return topic.order if topic else len(self.topics)


def load_curriculum(path: Path, *, use_cache: bool = True) -> Curriculum:
    """The curriculum in ``path``. Raises TemplateError (``file:line``).

    With ``use_cache``, a file whose exact bytes loaded before is not parsed again, and YAML is
    not imported (``curriculum_cache``); the file itself is always read.
    """
    text = read_text_file(path, MAX_FILE_BYTES)
    if not use_cache:
        return curriculum_from_text(text, str(path))
    from quizmath.core.bank import cache, curriculum_cache

    key = curriculum_cache.key_of(text)
    try:
        return curriculum_cache.load(key)
    except cache.CacheMiss:
        pass
    curriculum = curriculum_from_text(text, str(path))  # raises: a broken file is never cached
    curriculum_cache.store(key, curriculum)
    return curriculum


def curriculum_from_text(text: str, name: str) -> Curriculum:
    """A curriculum file's text (as read) → the Curriculum, parsed. Raises TemplateError."""
    data = read_yaml_text(text, name)
    if not isinstance(data, LDict) or not isinstance(data.get("areas"), list):
        raise TemplateError("expected a list of areas", file=name, line=1, field="areas")
    areas = []
    order = 0
    for area in data["areas"]:
        if not isinstance(area, LDict) or not isinstance(area.get("topics"), list):
            raise TemplateError(
                "each area needs id, title and topics",
                file=name,
                line=getattr(area, "line", None),
                field="areas",
            )
        topics = []
        for t in area["topics"]:
            if not isinstance(t, LDict) or "id" not in t or "title" not in t:
                raise TemplateError(
                    "each topic needs id and title",
                    file=name,
                    line=getattr(t, "line", None),
                    field="topics",
                )
            topics.append(
                Topic(
                    f"{area['id']}/{t['id']}",
                    str(t["id"]),
                    str(t["title"]),
                    str(area["id"]),
                    str(area["title"]),
                    order,
                    line=getattr(t, "line", None),
                )
            )
            order += 1
        areas.append(Area(str(area["id"]), str(area["title"]), tuple(topics)))
    declared = {f"{area['id']}/{t['id']}": t for area in data["areas"] for t in area["topics"]}
    return with_prerequisites(Curriculum(tuple(areas)), declared, name)
