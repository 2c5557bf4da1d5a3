"""Prerequisites between curriculum topics: ``requires:`` in ``question_bank/curriculum.yaml``.

A topic lists the topics it builds on, by id (``linear-algebra/matrices``) or, within its own
area, by its last part (``matrices``)::

    - id: eigen
      title: "Eigenvalues and eigenvectors"
      requires: [determinants, linear-systems]

The lists are checked when the curriculum is read, each error as ``file:line: requires:
message``: a list of names, each a topic of the curriculum (with "did you mean"), none twice,
none the topic itself, and no cycle (a topic cannot, through others, build on itself).
Placement (``core.placement``) walks this graph.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.bank.yamlsource import LDict, LList
from quizmath.core.errors import TemplateError

if TYPE_CHECKING:
    from quizmath.core.bank.curriculum import Curriculum

FIELD = "requires"


def with_prerequisites(
    curriculum: Curriculum, declared: Mapping[str, Any], file: str
) -> Curriculum:
    """``curriculum`` with each topic's ``requires`` resolved to topic ids, from ``declared``
    (topic id → the topic's mapping as read, with its lines). Raises TemplateError."""
    requires: dict[str, tuple[str, ...]] = {}
    lines: dict[tuple[str, str], int | None] = {}  # (topic, required) → line of that entry
    for topic_id, entry in declared.items():
        resolved = _resolve(curriculum, topic_id, entry, file)
        requires[topic_id] = tuple(r for r, _ in resolved)
        lines.update({(topic_id, r): line for r, line in resolved})
    refuse_cycles(curriculum, requires, lines, file)
    areas = tuple(
        msgspec.structs.replace(
            area,
            topics=tuple(msgspec.structs.replace(t, requires=requires[t.id]) for t in area.topics),
        )
        for area in curriculum.areas
    )
    return msgspec.structs.replace(curriculum, areas=areas)


def _resolve(
    curriculum: Curriculum, topic_id: str, entry: Any, file: str
) -> list[tuple[str, int | None]]:
    if not isinstance(entry, LDict) or FIELD not in entry:
        return []
    value = entry[FIELD]
    key_line = entry.key_lines.get(FIELD, entry.line)
    if value is None:
        return []
    if not isinstance(value, LList) or not all(isinstance(v, str) for v in value):
        raise TemplateError(
            "a list of topic names, e.g. [vectors, calculus/derivatives]",
            file=file,
            line=key_line,
            field=FIELD,
        )
    area = topic_id.split("/", 1)[0]
    out: list[tuple[str, int | None]] = []
    for name, line in zip(value, value.item_lines, strict=True):
        required = _topic_named(curriculum, area, name.strip())
        if required is None:
            raise TemplateError(_unknown(curriculum, area, name), file=file, line=line, field=FIELD)
        if required == topic_id:
            raise TemplateError(f'"{name}" is the topic itself', file=file, line=line, field=FIELD)
        if any(r == required for r, _ in out):
            raise TemplateError(f'"{name}" is listed twice', file=file, line=line, field=FIELD)
        out.append((required, line))
    return out


def _topic_named(curriculum: Curriculum, area: str, name: str) -> str | None:
    topics = curriculum.topics
    if name in topics:
        return name
    local = f"{area}/{name}"
    return local if local in topics else None


def _unknown(curriculum: Curriculum, area: str, name: str) -> str:
    names = list(curriculum.topics) + [t.slug for t in curriculum.topics.values() if t.area == area]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    return (
        f'no topic "{name}" (a topic of this area by its last part, or any topic as '
        f"area/topic){hint}"
    )


def refuse_cycles(
    curriculum: Curriculum,
    requires: Mapping[str, tuple[str, ...]],
    lines: Mapping[tuple[str, str], int | None],
    file: str,
) -> None:
    """Depth-first search in curriculum order; the first cycle found is reported at the line
    of the entry that closes it (``lines``: (topic, required) → line). Also run on a
    curriculum read from its cache (``curriculum_cache``), which has no lines."""
    done: set[str] = set()
    for start in curriculum.topics:
        if start in done:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        stack: list[tuple[str, int]] = [(start, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                path.append(node)
                on_path.add(node)
            nexts = requires.get(node, ())
            if i < len(nexts):
                stack.append((node, i + 1))
                nxt = nexts[i]
                if nxt in on_path:
                    cycle = [*path[path.index(nxt) :], nxt]
                    raise TemplateError(
                        "a cycle of prerequisites (each requires the next): " + " → ".join(cycle),
                        file=file,
                        line=lines.get((node, nxt)),
                        field=FIELD,
                    )
                if nxt not in done:
                    stack.append((nxt, 0))
            else:
                path.pop()
                on_path.discard(node)
                done.add(node)


def dependents(curriculum: Curriculum, topic_id: str) -> list[str]:
    """Topics that build on ``topic_id``, directly or through others, in curriculum order."""
    below: set[str] = set()
    frontier = [topic_id]
    while frontier:
        current = frontier.pop()
        for t in curriculum.topics.values():
            if current in t.requires and t.id not in below:
                below.add(t.id)
                frontier.append(t.id)
    return [t for t in curriculum.topics if t in below]
