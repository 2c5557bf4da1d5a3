"""The curriculum kept as data, so a start reads ``curriculum.yaml`` without parsing YAML.

Every start needs the curriculum (topic titles, order, prerequisites), and reading it meant
importing PyYAML (10–20 ms) and ~4 ms of parsing, before the first problem's paint and again in
home's bank load. The rules are the template cache's (``cache``), whose folder, key and atomic
write this module uses:

- **Keyed by content**: a hash of the file's bytes and of the code that reads it (``CODE``).
  The file is always read; a hit is the parse of exactly these bytes, never trusted over them.
- **Data, not code**: JSON of the parsed form. Nothing in an entry is believed without a check:
  every text is a string without control characters, every line a positive number or null,
  every prerequisite a topic of this curriculum, not the topic itself, not twice, and no cycle.
  What the parse derives (a topic's id, area, area title, order) is derived again here, not
  stored. An entry that fails a check is a miss: the file is parsed.
- **Only a curriculum that loaded**: a file with errors raises as before and is never written.
- **Never in the way**: missing, corrupt or unwritable means parsing, silently;
  ``QUIZMATH_NO_CACHE=1`` turns it off. Entries live under ``curriculum/`` in the cache folder;
  only the newest ``KEEP`` are kept.
"""

from __future__ import annotations

import json
from typing import Any

from quizmath.core.bank import cache
from quizmath.core.bank.curriculum import Area, Curriculum, Topic
from quizmath.core.bank.prerequisites import refuse_cycles
from quizmath.core.errors import TemplateError
from quizmath.core.terminal_text import CONTROL

KIND = "curriculum"
FORMAT = 1
KEEP = 8  # one per edit of the file or upgrade of quizmath; older ones are never read again

# The code that turns the file into a Curriculum (paths inside the package): the key depends on it.
CODE = (
    "core/bank/curriculum.py",
    "core/bank/curriculum_cache.py",
    "core/bank/prerequisites.py",
    "core/bank/yamlsource.py",
    "core/bank/yamltree.py",
    "core/bank/textfile.py",
    "core/terminal_text.py",
)


def key_of(text: str) -> str:
    return cache.content_key(cache.fingerprint(f"{KIND} {FORMAT}", CODE), text)


def load(key: str) -> Curriculum:
    """The curriculum cached under ``key``. Raises cache.CacheMiss."""
    raw = cache.read_entry(KIND, key)
    try:
        return decode(json.loads(raw))
    except (ValueError, TypeError, KeyError, RecursionError, TemplateError):
        raise cache.CacheMiss from None


def store(key: str, curriculum: Curriculum) -> bool:
    """Write the entry; False when it could not be written (then: no cache)."""
    text = json.dumps(encode(curriculum), separators=(",", ":"))
    if not cache.write_entry(KIND, key, text):
        return False
    folder = cache.cache_dir(KIND)
    if folder is not None:
        cache.prune(folder, keep=KEEP)
    return True


# -- the data form ----------------------------------------------------------------------------
# {"areas": [{"id", "title", "topics": [{"slug", "title", "line", "requires"}]}]}: what the
# file says; the rest of a Topic is derived as ``load_curriculum`` derives it.


def encode(curriculum: Curriculum) -> dict[str, Any]:
    return {
        "areas": [
            {
                "id": area.id,
                "title": area.title,
                "topics": [
                    {"slug": t.slug, "title": t.title, "line": t.line, "requires": t.requires}
                    for t in area.topics
                ],
            }
            for area in curriculum.areas
        ]
    }


def decode(data: Any) -> Curriculum:
    """An entry's JSON → the curriculum. Raises cache.CacheMiss if any check fails."""
    areas = []
    order = 0
    for area in _items(_field(data, "areas")):
        area_id, area_title = _text(_field(area, "id")), _text(_field(area, "title"))
        topics = []
        for t in _items(_field(area, "topics")):
            slug, title = _text(_field(t, "slug")), _text(_field(t, "title"))
            line = _field(t, "line")
            if line is not None and (type(line) is not int or line < 1):
                raise cache.CacheMiss
            requires = tuple(_text(r) for r in _items(_field(t, "requires")))
            topic_id = f"{area_id}/{slug}"
            topics.append(Topic(topic_id, slug, title, area_id, area_title, order, requires, line))
            order += 1
        areas.append(Area(area_id, area_title, tuple(topics)))
    curriculum = Curriculum(tuple(areas))
    _check_requires(curriculum)
    return curriculum


def _check_requires(curriculum: Curriculum) -> None:
    """What ``prerequisites`` refuses in a file, refused in an entry."""
    known = curriculum.topics
    for area in curriculum.areas:
        for t in area.topics:
            requires = t.requires
            if len(set(requires)) != len(requires) or t.id in requires:
                raise cache.CacheMiss
            if not all(r in known for r in requires):
                raise cache.CacheMiss
            if known[t.id].requires != requires:  # a topic id twice, with other prerequisites
                raise cache.CacheMiss
    refuse_cycles(curriculum, {t.id: t.requires for t in known.values()}, {}, "")


def _field(obj: Any, name: str) -> Any:
    if type(obj) is not dict or name not in obj:
        raise cache.CacheMiss
    return obj[name]


def _items(value: Any) -> list[Any]:
    if type(value) is not list:
        raise cache.CacheMiss
    return value


def _text(value: Any) -> str:
    if type(value) is not str or CONTROL.search(value):
        raise cache.CacheMiss
    return value
