"""The question bank: every template, loaded with its errors kept apart.

One broken file never stops the rest from loading: its errors are collected in ``Bank.errors``
and the other templates are served.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from quizmath.core.bank.curriculum import Curriculum, load_curriculum
from quizmath.core.bank.loader import load_template
from quizmath.core.bank.model import Template
from quizmath.core.bank.places import bank_root, template_path
from quizmath.core.errors import TemplateError, UnknownTemplateError


@cache
def default_curriculum() -> Curriculum:
    return load_curriculum(bank_root() / "curriculum.yaml")


@dataclass
class Bank:
    templates: dict[str, Template]
    errors: list[TemplateError]
    curriculum: Curriculum
    files: list[Path] = field(default_factory=list)

    def ordered(self) -> list[Template]:
        """Curriculum order: area and topic as taught, then difficulty, then id."""
        return sorted(
            self.templates.values(),
            key=lambda t: (self.curriculum.order_of(t.topic), t.difficulty, t.id),
        )

    def get(self, template_id: str) -> Template:
        try:
            return self.templates[template_id]
        except KeyError:
            close = difflib.get_close_matches(template_id, list(self.templates), n=3)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise UnknownTemplateError(f'no template "{template_id}"{hint}') from None

    def by_topic(self, topic_id: str) -> list[Template]:
        return [t for t in self.ordered() if t.topic == topic_id]


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
    templates: dict[str, Template] = {}
    errors: list[TemplateError] = []
    for path in files:
        if not path.exists():
            errors.append(TemplateError("no such file or folder", file=str(path)))
            continue
        template, problems = load_template(path, topics, use_cache=use_cache)
        errors.extend(problems)
        if template is None:
            continue
        if template.id in templates:
            first = templates[template.id].file
            errors.append(
                TemplateError(
                    f'duplicate id "{template.id}" (also in {first})',
                    file=str(path),
                    line=template.field_lines.get("id"),
                    field="id",
                )
            )
            continue
        templates[template.id] = template
    if cache.written > written:
        cache.prune()
    return Bank(templates, errors, curriculum, files)


def load_one(template_id: str) -> Template:
    """Load a single built-in template without reading the whole bank (fast start-up)."""
    path = template_path(template_id)
    if not path.is_file():
        return load_bank().get(template_id)  # not where the convention says: search them all
    template, problems = load_template(path, set(default_curriculum().topics))
    if template is None:
        raise problems[0]
    return template
