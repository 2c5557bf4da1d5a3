"""A loaded bank decodes a cached template when it is first looked up (issue 13 item 24: home
is usable sooner); what scheduling needs comes from the entries' summaries."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

import quizmath
from quizmath.core.bank import cache
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.template_map import TemplateMap
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import Storage


@pytest.fixture
def decoded(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose cache entry was decoded into a template."""
    seen: list[str] = []
    real = cache.decode

    def counting(body: bytes, file: str):  # type: ignore[no-untyped-def]
        seen.append(Path(file).name)
        return real(body, file)

    monkeypatch.setattr(cache, "decode", counting)
    return seen


def test_a_cached_bank_decodes_a_template_only_when_it_is_used(
    folder: Path, decoded: list[str], bank_copy: Path
) -> None:
    path = bank_copy
    parsed = load_bank([path])  # parses and writes the cache
    expected = {i: parsed.templates[i] for i in parsed.templates}
    bank = load_bank([path])
    assert isinstance(bank.templates, TemplateMap)
    assert decoded == []
    assert [s.id for s in bank.summaries()] == [t.id for t in parsed.ordered()]
    assert {s.id: s.title for s in bank.summaries()} == {i: t.title for i, t in expected.items()}
    one = next(iter(expected))
    assert bank.templates[one] == expected[one]
    assert decoded == [Path(expected[one].file).name]
    assert bank.templates[one] is bank.templates[one]  # decoded once
    assert dict(bank.templates) == expected


def test_scheduling_decodes_no_template(
    bank_copy: Path, folder: Path, decoded: list[str], tmp_path: Path
) -> None:
    path = bank_copy
    load_bank([path])
    bank = load_bank([path])
    storage = Storage.open(tmp_path / "p.db")
    try:
        now = datetime(2026, 12, 7, 12, tzinfo=UTC)
        scheduler = Scheduler(storage, bank, now=lambda: now)
        assert scheduler.pick() is not None
        scheduler.topic_progress()
        scheduler.due_count()
    finally:
        storage.close()
    assert decoded == []


def test_an_entry_damaged_after_the_load_is_parsed_from_the_text_read(
    bank_copy: Path, folder: Path, tmp_path: Path
) -> None:
    path = bank_copy
    expected = dict(load_bank([path]).templates)
    bank = load_bank([path])
    for entry in folder.glob("*.json"):  # the summary line stays, the template is garbage
        head = entry.read_bytes().partition(b"\n")[0]
        entry.write_bytes(head + b"\n" + b'{"@": "os.system", "v": ["touch PWNED"]}')
    for f in path.glob("*.yaml"):  # the files change too: the bytes read at load time count
        f.write_text("id: broken\n")
    assert dict(bank.templates) == expected
    assert not (tmp_path / "PWNED").exists()


def test_threads_looking_up_one_template_get_the_same_object(folder: Path, bank_copy: Path) -> None:
    path = bank_copy
    load_bank([path])
    bank = load_bank([path])
    one = next(iter(bank.templates))
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(bank.templates[one])) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(x) for x in got}) == 1


def test_the_cache_key_reads_every_source_it_names() -> None:
    package = Path(quizmath.__file__).parent
    missing = [s for s in cache.CODE if not (package / s).is_file()]
    assert missing == []


def test_a_summary_with_a_control_character_is_not_trusted(folder: Path, bank_copy: Path) -> None:
    # The summary is shown (home's Continue line, the palette) before any template is
    # decoded; a bank file with an escape sequence is refused by the loader, so only a
    # tampered entry can have one: it is parsed from the file instead.
    expected = dict(load_bank([bank_copy]).templates)
    for entry in folder.glob("*.json"):
        head, _, body = entry.read_bytes().partition(b"\n")
        head = head.replace(b'"title": "', b'"title": "\\u001b]0;pwned\\u0007', 1)
        entry.write_bytes(head + b"\n" + body)
    bank = load_bank([bank_copy])
    assert [s.title for s in bank.summaries()] == [expected[s.id].title for s in bank.summaries()]
    assert not any("\x1b" in s.title for s in bank.summaries())
