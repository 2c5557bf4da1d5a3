"""Topics by the names a learner types: one resolver for ``practice --topic`` and
``drill --topics`` (issue 13 item 18; they took different names before).

A name is, in this order:
- a topic id (``linear-algebra/eigen``);
- a topic's last part (``eigen``), when only one topic has it;
- an area (``linear-algebra``): all its topics;
- a template-id prefix (``linalg``, ``calc``): the topics of the templates ``linalg.*``, when the
  caller knows the templates (``template_topics``).

An unknown name is an error with suggestions that share something with what was typed: names
it begins, names that contain it, then names within a small edit (``eigne`` → ``eigen``). Short
unrelated names are not suggested (``nope`` used to get "entropy"); when nothing is close the
error says where the list is.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from quizmath.core.errors import QuizmathError

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.bank.curriculum import Curriculum

MAX_SUGGESTIONS = 4
CLOSE = 0.75  # difflib ratio: one slip in a short word, not a different word


class TopicNameError(QuizmathError):
    """A name that is no topic, area or template prefix; the message suggests close ones."""


def resolve_topics(
    curriculum: Curriculum,
    names: Iterable[str],
    template_topics: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """The topic ids ``names`` stand for, in curriculum order (blank names are skipped).
    ``template_topics`` (template id → topic id) lets template-id prefixes be used."""
    topics = curriculum.topics
    by_prefix: dict[str, set[str]] = {}
    for template_id, topic in (template_topics or {}).items():
        prefix = template_id.partition(".")[0]
        if prefix != template_id and topic in topics:
            by_prefix.setdefault(prefix, set()).add(topic)
    out: set[str] = set()
    for raw in names:
        text = raw.strip()
        if not text:
            continue
        found = _one(curriculum, by_prefix, text)
        if not found:
            raise TopicNameError(_unknown(curriculum, by_prefix, text))
        out.update(found)
    return tuple(sorted(out, key=curriculum.order_of))


def _one(curriculum: Curriculum, by_prefix: Mapping[str, set[str]], text: str) -> set[str]:
    topics = curriculum.topics
    if text in topics:
        return {text}
    by_slug = {t.id for t in topics.values() if t.slug == text}
    if len(by_slug) == 1:
        return by_slug
    by_area = {t.id for a in curriculum.areas if a.id == text for t in a.topics}
    if by_area:
        return by_area
    return set(by_prefix.get(text, ()))


def _unknown(curriculum: Curriculum, by_prefix: Mapping[str, set[str]], text: str) -> str:
    names = [
        *(a.id for a in curriculum.areas),
        *(t.slug for t in curriculum.topics.values()),
        *by_prefix,
    ]
    close = suggestions(text, names)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `quizmath bank` lists topics"
    return f'no topic "{text}"{hint}'


def suggestions(text: str, names: Iterable[str]) -> list[str]:
    """Names sharing something with ``text``: those it begins, those containing it, then those
    within a small edit; at most MAX_SUGGESTIONS, without repeats."""
    low = text.lower()
    unique = list(dict.fromkeys(names))
    starts = [n for n in unique if n.lower().startswith(low)]
    contains = [n for n in unique if low in n.lower() and n not in starts]
    near = difflib.get_close_matches(low, unique, n=MAX_SUGGESTIONS, cutoff=CLOSE)
    return list(dict.fromkeys([*starts, *contains, *near]))[:MAX_SUGGESTIONS]


def practice_scope(bank: Bank, text: str) -> str | tuple[str, ...] | None:
    """What ``practice --topic TEXT`` limits the picks to: one topic id, or several (an area,
    a template-id prefix, names separated by commas); None for a blank name."""
    ids = resolve_topics(bank.curriculum, text.split(","), template_topics(bank))
    if not ids:
        return None
    return ids[0] if len(ids) == 1 else ids


def template_topics(bank: Bank) -> dict[str, str]:
    """Template id → topic id: what a template-id prefix is resolved through."""
    return {t.id: t.topic for t in bank.summaries()}
