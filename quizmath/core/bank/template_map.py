"""The bank's templates by id, each decoded from the cache when first used.

Loading the bank reads, for a file loaded before, only its cache entry's summary (id, title,
topic, difficulty): building every template's objects took most of the time between home's
first paint and home being usable (issue 13 item 24), while scheduling and listing need only
the summaries. ``TemplateMap`` is a read-only mapping: looking a template up decodes it once.
A cache entry that turns out unusable when decoded falls back to parsing the same bytes the
bank read, so a template is never different from its file as read at load time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from quizmath.core.bank import cache
from quizmath.core.bank.textfile import MAX_FILE_BYTES, read_text_file
from quizmath.core.errors import TemplateError

if TYPE_CHECKING:
    from quizmath.core.bank.model import Template


class Summary(msgspec.Struct, frozen=True):
    """What the scheduler and the lists need of a template, without decoding it."""

    id: str
    title: str
    topic: str
    difficulty: int

    @classmethod
    def of(cls, template: Template) -> Summary:
        return cls(template.id, template.title, template.topic, template.difficulty)


class Pending(msgspec.Struct, frozen=True):
    """A template read from the cache, not decoded yet; ``text``: the file as read, parsed
    instead if the entry cannot be decoded."""

    entry: cache.Entry
    text: str


class TemplateMap(Mapping[str, "Template"]):
    """Templates by id, in the order added; a cached one is decoded when first looked up."""

    def __init__(self) -> None:
        self._summaries: dict[str, Summary] = {}
        self._loaded: dict[str, Template] = {}
        self._pending: dict[str, Pending] = {}
        self._lock = threading.Lock()  # the UI thread and workers look templates up

    def add(self, template: Template) -> None:
        self._summaries[template.id] = Summary.of(template)
        self._loaded[template.id] = template

    def add_pending(self, pending: Pending) -> None:
        e = pending.entry
        self._summaries[e.id] = Summary(e.id, e.title, e.topic, e.difficulty)
        self._pending[e.id] = pending

    def summary(self, template_id: str) -> Summary:
        return self._summaries[template_id]

    def summaries(self) -> list[Summary]:
        return list(self._summaries.values())

    def file_of(self, template_id: str) -> str:
        pending = self._pending.get(template_id)
        return pending.entry.file if pending is not None else self[template_id].file

    def __getitem__(self, template_id: str) -> Template:
        template = self._loaded.get(template_id)
        if template is not None:
            return template
        with self._lock:
            template = self._loaded.get(template_id)
            if template is None:
                pending = self._pending[template_id]  # KeyError: no such template
                template = decode_pending(pending)
                self._loaded[template_id] = template
                del self._pending[template_id]  # its bytes are no longer needed
        return template

    def __contains__(self, template_id: object) -> bool:
        return template_id in self._summaries

    def __iter__(self) -> Iterator[str]:
        return iter(self._summaries)

    def __len__(self) -> int:
        return len(self._summaries)


def read_template(
    path: Path, topics: set[str] | None = None, *, use_cache: bool = True
) -> tuple[Template | Pending | None, list[TemplateError]]:
    """Like ``loader.load_template``, but a file found in the cache comes back undecoded
    (``Pending``). Here, not in the loader: a start that finds every file in the cache does not
    import the loader (nor YAML, nor the template language)."""
    file = str(path)
    try:
        text = read_text_file(path, MAX_FILE_BYTES)
    except TemplateError as exc:
        return None, [exc]
    key = None
    if use_cache:
        key = cache.key_of(text)
        try:
            entry = cache.load_entry(key, file)
        except cache.CacheMiss:
            pass
        else:
            if topics is None or entry.topic in topics:
                return Pending(entry, text), []
    from quizmath.core.bank.loader import template_from_text

    return template_from_text(text, file, topics, cache_key=key)


def decode_pending(pending: Pending) -> Template:
    """The template of a cache entry. An entry damaged after the bank read its summary is
    parsed from the bytes read then instead. Raises TemplateError if even that fails."""
    try:
        return pending.entry.template()
    except cache.CacheMiss:
        pass
    from quizmath.core.bank.loader import template_from_text

    entry = pending.entry
    template, errors = template_from_text(pending.text, entry.file)
    if template is None or template.id != entry.id:
        gone = TemplateError(f'no longer has the id "{entry.id}"', file=entry.file)
        raise errors[0] if errors else gone
    return template
