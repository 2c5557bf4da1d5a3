"""The question bank: every template, loaded with its errors kept apart.

One broken file never stops the rest from loading: its errors are collected in ``Bank.errors``
and the other templates are served.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from quizmath.core.bank.curriculum import Curriculum, load_curriculum
from quizmath.core.bank.places import bank_root, template_path
from quizmath.core.bank.template_map import Pending, Summary, TemplateMap, read_template
from quizmath.core.errors import TemplateError, UnknownTemplateError

if TYPE_CHECKING:
    from quizmath.core.bank.model import Template


@cache
def default_curriculum() -> Curriculum:
    return load_curriculum(bank_root() / "curriculum.yaml")


class Bank(msgspec.Struct):
    # A loaded bank's is a TemplateMap (each template decoded on first use); a bank made by
    # hand (one template, tests) may pass a dict.
    templates: Mapping[str, Template]
    errors: list[TemplateError]
    curriculum: Curriculum
    files: list[Path] = msgspec.field(default_factory=list)

    def ordered(self) -> list[Template]:
        """Curriculum order: area and topic as taught, then difficulty, then id."""
        return [self.templates[s.id] for s in self.summaries()]

    def summaries(self) -> list[Summary]:
        """Every template's id, title, topic and difficulty in curriculum order (as
        ``ordered``), without decoding a template: what scheduling needs."""
        if isinstance(self.templates, TemplateMap):
            summaries = self.templates.summaries()
        else:
            summaries = [Summary.of(t) for t in self.templates.values()]
        return sorted(
            summaries, key=lambda s: (self.curriculum.order_of(s.topic), s.difficulty, s.id)
        )

    def get(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            close = difflib.get_close_matches(template_id, list(self.templates), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownTemplateError(f'no template "{template_id}"{hint}') from None

    def by_topic(self, topic_id: str) -> list[Template]:
        return [self.templates[s.id] for s in self.summaries() if s.topic == topic_id]

    def summary(self, template_id: str) -> Summary:
        """A template's id, title, topic and difficulty, without decoding it (KeyError)."""
        if isinstance(self.templates, TemplateMap):
            return self.templates.summary(template_id)
        return Summary.of(self.templates[template_id])

    def count_in(self, topic_id: str) -> int:
        """How many templates a topic has (none decoded)."""
        return sum(1 for s in self.summaries() if s.topic == topic_id)


def template_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.yaml") if q.is_file()))
        else:
            out.append(p)
    return out


def load_bank(paths: Sequence[Path] | None = None, *, use_cache: bool = True) -> Bank:
    """Load templates from files and folders (default: the built-in bank).

    ``use_cache``: files loaded before are read from their parsed form (``bank/cache.py``);
    ``quizmath validate`` parses every file.
    """
    # Loading builds a few hundred thousand small objects and no reference cycles; the cyclic
    # collector, run every few hundred allocations, took a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_bank(paths, use_cache)
    finally:
        if collecting:
            gc.enable()


def _load_bank(paths: Sequence[Path] | None, use_cache: bool) -> Bank:
    from quizmath.core.bank import cache

    written = cache.written
    curriculum = default_curriculum()
    files = template_files(paths if paths else [bank_root() / "templates"])
    topics = set(curriculum.topics)
    templates = TemplateMap()
    errors: list[TemplateError] = []
    for path in files:
        if not path.exists():
            errors.append(TemplateError("no such file or folder", file=str(path)))
            continue
        template, problems = read_template(path, topics, use_cache=use_cache)
        errors.extend(problems)
        if template is None:
            continue
        template_id = template.entry.id if isinstance(template, Pending) else template.id
        if template_id in templates:
            first = templates.file_of(template_id)
            line = _id_line(template)
            errors.append(
                TemplateError(
                    f'duplicate id "{template_id}" (also in {first})',
                    file=str(path),
                    line=line,
                    field="id",
                )
            )
            continue
        if isinstance(template, Pending):
            templates.add_pending(template)
        else:
            templates.add(template)
    if cache.written > written:
        cache.prune()
    return Bank(templates, errors, curriculum, files)


def _id_line(template: Template | Pending) -> int | None:
    """The line of a template's ``id:`` (decoding a cached one: duplicates are rare)."""
    if isinstance(template, Pending):
        from quizmath.core.bank.template_map import decode_pending

        template = decode_pending(template)
    return template.field_lines.get("id")


def load_one(template_id: str) -> Template:
    """Load a single built-in template without reading the whole bank (fast start-up)."""
    path = template_path(template_id)
    if not path.is_file():
        return load_bank().get(template_id)  # not where the convention says: search them all
    from quizmath.core.bank.template_map import decode_pending

    # read_template, not the loader's load_template: a cached file needs no loader (nor YAML).
    template, problems = read_template(path, set(default_curriculum().topics))
    if template is None:
        raise problems[0]
    return decode_pending(template) if isinstance(template, Pending) else template
