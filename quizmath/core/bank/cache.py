"""Loaded templates cached as data, so a start parses only the files that changed.

Parsing a template (YAML, then every expression and placeholder) costs a few milliseconds; the
whole bank took half a second on every start, and an instructor's 20× bank six seconds. A
template that loaded without errors is written here in its parsed form, and the next load of
the same file reads that instead.

- **Keyed by content.** The key is a hash of the file's bytes and of the code that turns a file
  into a ``Template`` (quizmath's version and the source of the loader, the expression parser
  and the node classes), so an edited file, or an upgraded or edited quizmath, misses the cache.
  The file is always read; the cache replaces only the parsing. Nothing is trusted over the
  file: a hit is the parse of exactly these bytes.
- **Data, not code.** Entries are JSON of the parsed form, decoded through a fixed registry of
  quizmath's own frozen Structs; no pickle, so a cache file, even a tampered one, cannot
  run code when read. Every function call in a decoded entry is checked against the whitelist
  again, as the loader does.
- **Read in two steps.** An entry is two lines: a summary (id, title, topic, difficulty), then
  the template. Loading the bank reads every summary and keeps the template's line as bytes;
  the bank decodes it on first use (``Entry.template``). Decoding every template took most of
  the time between home's first paint and home being usable (issue 13 item 24), and
  scheduling needs only the summaries.
- **Never in the way.** A missing, unreadable, corrupt or unwritable cache means parsing as
  before, silently. ``QUIZMATH_NO_CACHE=1`` turns it off. Entries live in the user cache
  directory (platformdirs), under ``templates/``, one file each, written atomically; the oldest
  are pruned past ``MAX_ENTRIES``.

The folder, the key and the atomic write (``cache_dir``, ``fingerprint``/``content_key``,
``read_entry``/``write_entry``) are shared with the curriculum's cache (``curriculum_cache``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.terminal_text import CONTROL

if TYPE_CHECKING:
    from quizmath.core.bank import model

FORMAT = 2  # 2: a summary line before the template
MAX_ENTRIES = 20_000
ENV_OFF = "QUIZMATH_NO_CACHE"
ENV_DIR = "QUIZMATH_CACHE_DIR"  # another root than the user cache directory (tests use it)

# The code that turns a file into a Template (paths inside the package): the key depends on it.
CODE = (
    "core/bank/loader.py",
    "core/bank/fields.py",
    "core/bank/model.py",
    "core/bank/plot_spec.py",
    "core/bank/yamlsource.py",
    "core/bank/yamltree.py",
    "core/bank/textfile.py",
    "core/expr/parser.py",
    "core/expr/lexer.py",
    "core/expr/nodes.py",
    "core/bank/parts.py",
    "core/render/fill.py",
    "core/engine/index.py",  # the whitelist of functions
)

# The only classes an entry can build: filled on first use (``_registry``), so that reading the
# summaries when the bank loads does not import the template language.
_CLASSES: dict[str, type] = {}
_FIELDS: dict[str, tuple[str, ...]] = {}
_COUNTS: dict[str, int] = {}
_CALL: list[type] = []  # the expression-call node, whose function must be on the whitelist


def _registry() -> type[model.Template]:
    """Fill the class registry (once); the Template class."""
    from quizmath.core.bank import model
    from quizmath.core.expr import nodes as expr_nodes
    from quizmath.core.render.fill import Slot

    if not _CLASSES:
        classes: tuple[type[msgspec.Struct], ...] = (
            model.Template,
            model.Compiled,
            model.Text,
            model.Option,
            model.AnswerSpec,
            model.MistakeSpec,
            model.TestSpec,
            model.LintSpec,
            model.PartSpec,
            Slot,
            *(
                c
                for c in vars(expr_nodes).values()
                if isinstance(c, type) and issubclass(c, expr_nodes.Node)
            ),
        )
        fields = {c.__name__: c.__struct_fields__ for c in classes}
        _FIELDS.update(fields)
        _COUNTS.update({name: len(names) for name, names in fields.items()})
        _CALL.append(expr_nodes.Call)
        _CLASSES.update({c.__name__: c for c in classes})  # last: it marks the registry full
    return model.Template


# A plot's classes join the registry when an entry has one: the plot code (~4 ms to import)
# is not needed to make a problem without a plot, such as the first one painted.
_PLOT_CLASSES = ("PlotSpec", "SeriesSpec")


def _register_plots() -> None:
    from quizmath.core.bank import plot_spec

    classes = (plot_spec.PlotSpec, plot_spec.SeriesSpec)
    fields = {c.__name__: c.__struct_fields__ for c in classes}
    _FIELDS.update(fields)
    _COUNTS.update({name: len(names) for name, names in fields.items()})
    _CLASSES.update({c.__name__: c for c in classes})


written = 0  # entries written by this process (a load that wrote some prunes the folder)


class CacheMiss(Exception):
    """The entry is absent or unusable; parse the file."""


# -- where, and under which key ------------------------------------------------------------


def cache_dir(kind: str = "templates") -> Path | None:
    """The folder of one kind of entry (``templates``, ``curriculum``); None when off."""
    if os.environ.get(ENV_OFF, "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get(ENV_DIR, "").strip()
    return (Path(chosen) if chosen else _user_cache_root()) / kind


@cache
def _user_cache_root() -> Path:
    import platformdirs  # ~20 ms, paid only by a load that can use the cache

    return Path(platformdirs.user_cache_dir("quizmath", appauthor=False))


@cache
def fingerprint(label: str, sources: tuple[str, ...]) -> bytes:
    """What a parsed form depends on besides the file: our version, ``label`` (the kind of entry
    and its format) and the code that parses (``sources``: paths inside the package)."""
    import quizmath
    from quizmath import __version__

    # Read as files, not imported: a start that only reads entries loads none of them.
    package = Path(quizmath.__file__).parent
    h = hashlib.sha256(f"quizmath {__version__} {label}".encode())
    for source in sources:
        h.update((package / source).read_bytes())
    return h.digest()


def code_fingerprint() -> bytes:
    return fingerprint(f"cache {FORMAT}", CODE)


def content_key(code: bytes, text: str) -> str:
    """The key of a file's ``text`` parsed by the code whose fingerprint is ``code``."""
    return hashlib.sha256(code + text.encode("utf-8")).hexdigest()


def key_of(text: str) -> str:
    return content_key(code_fingerprint(), text)


def read_entry(kind: str, key: str) -> bytes:
    """The bytes of the entry ``key`` of ``kind``. Raises CacheMiss (absent, unreadable, off)."""
    folder = cache_dir(kind)
    if folder is None:
        raise CacheMiss
    try:
        return (folder / f"{key}.json").read_bytes()
    except (OSError, ValueError):
        raise CacheMiss from None


def write_entry(kind: str, key: str, text: str) -> bool:
    """Write the entry ``key`` of ``kind`` whole or not at all (a temporary file, renamed);
    False when it could not be written (then: no cache) or the cache is off."""
    folder = cache_dir(kind)
    if folder is None:
        return False
    try:
        folder.mkdir(parents=True, exist_ok=True)
        import tempfile  # here: only a load that writes entries needs it

        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, folder / f"{key}.json")
    except (OSError, ValueError):
        with contextlib.suppress(OSError, UnboundLocalError):
            os.unlink(tmp)
        return False
    return True


# -- reading and writing --------------------------------------------------------------------


class Entry(msgspec.Struct, frozen=True):
    """A cache hit, read but not decoded: the summary, and the template as bytes."""

    id: str
    title: str
    topic: str
    difficulty: int
    file: str
    body: bytes

    def template(self) -> model.Template:
        """The template (decoded now). Raises CacheMiss for an unusable entry."""
        return decode(self.body, self.file)


def load(key: str, file: str) -> model.Template:
    """The cached template for ``key`` (its ``file`` set to ``file``). Raises CacheMiss."""
    return load_entry(key, file).template()


def load_entry(key: str, file: str) -> Entry:
    """The entry for ``key``, its template not decoded yet. Raises CacheMiss."""
    raw = read_entry("templates", key)
    try:
        head, newline, body = raw.partition(b"\n")
        summary = json.loads(head)
        entry = Entry(
            summary["id"], summary["title"], summary["topic"], summary["difficulty"], file, body
        )
    except (ValueError, TypeError, KeyError, RecursionError):
        raise CacheMiss from None
    texts = (entry.id, entry.title, entry.topic)
    if not newline or not all(type(x) is str for x in texts) or type(entry.difficulty) is not int:
        raise CacheMiss
    if any(CONTROL.search(x) for x in texts):  # shown before the template is decoded: a file
        raise CacheMiss  # with these is refused by the loader, so only a tampered entry has them
    return entry


def decode(body: bytes, file: str) -> model.Template:
    """An entry's template line → the template (``file`` set). Raises CacheMiss."""
    template_class = _registry()
    try:
        template = json.loads(body, object_hook=_decode)
    except (ValueError, TypeError, KeyError, RecursionError):
        raise CacheMiss from None
    if not isinstance(template, template_class):
        raise CacheMiss
    return msgspec.structs.replace(template, file=file)


def store(key: str, template: model.Template) -> bool:
    """Write the entry (atomically); False when it could not be written (then: no cache)."""
    if cache_dir() is None:
        return False
    _registry()
    try:
        data = _encode(msgspec.structs.replace(template, file=""))
        t = template
        summary = {"id": t.id, "title": t.title, "topic": t.topic, "difficulty": t.difficulty}
        body = json.dumps(data, separators=(",", ":"), check_circular=False)
    except (ValueError, TypeError, RecursionError):
        return False
    text = json.dumps(summary) + "\n" + body  # JSON has no raw newline: two lines
    return write_entry("templates", key, text)


def prune(folder: Path | None = None, keep: int = MAX_ENTRIES) -> None:
    """Remove the least recently written entries beyond ``keep``."""
    folder = folder or cache_dir()
    if folder is None:
        return
    try:
        entries = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    for path in entries[: max(0, len(entries) - keep)]:
        with contextlib.suppress(OSError):
            path.unlink()


# -- the data form ----------------------------------------------------------------------------
# An object is {"@": class name, "v": [field values]}; a dict is {"@": "dict", "v": [[k, v]…]};
# a fraction {"@": "Fraction", "v": [n, d]}; a list {"@": "list", "v": […]}; a tuple is a JSON
# array.


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _encode(obj: Any) -> Any:
    kind = type(obj)
    if kind in _PLAIN:
        return obj
    if not _CLASSES:  # the registry fills on first use (an import would cost every start)
        _registry()
    if kind is tuple:
        return [_encode(x) for x in obj]
    name = kind.__name__
    if name in _PLOT_CLASSES and name not in _CLASSES:
        _register_plots()
    if _CLASSES.get(name) is kind:
        return {"@": name, "v": [_encode(getattr(obj, f)) for f in _FIELDS[name]]}
    if isinstance(obj, Fraction):
        return {"@": "Fraction", "v": [obj.numerator, obj.denominator]}
    if isinstance(obj, list):  # a list in a self-test's params stays a list
        return {"@": "list", "v": [_encode(x) for x in obj]}
    if isinstance(obj, dict):
        return {"@": "dict", "v": [[_encode(k), _encode(v)] for k, v in obj.items()]}
    if isinstance(obj, str | int | float):  # a subclass of a plain type (none is expected)
        return kind.__mro__[1](obj) if kind is not bool else obj
    raise TypeError(f"cannot cache a {name}")


def _decode(obj: dict[str, Any]) -> Any:
    name, values = obj["@"], obj["v"]
    cls = _CLASSES.get(name)
    if cls is None and name in _PLOT_CLASSES:
        _register_plots()
        cls = _CLASSES[name]
    if cls is not None:
        if len(values) != _COUNTS[name]:
            raise CacheMiss
        if cls is _CALL[0] and values[1] not in _allowed():
            raise CacheMiss  # a function off the whitelist: only a tampered entry has one
        return cls(*[_tuples(v) if type(v) is list else v for v in values])
    if name == "Fraction":
        return Fraction(values[0], values[1])
    if name == "dict":
        return {k: _tuples(v) if type(v) is list else v for k, v in values}
    if name == "list":
        return _List(_tuples(values))
    raise CacheMiss


class _List(list):
    """A decoded list: unlike a JSON array, it is not turned into a tuple by its parent."""


def _tuples(value: list[Any]) -> tuple[Any, ...]:
    return tuple([_tuples(v) if type(v) is list else v for v in value])


@cache
def _allowed() -> frozenset[str]:
    from quizmath.core.engine.catalog import BUILTINS

    return frozenset(BUILTINS)
