"""The template cache (issue 13 item 26): a start reads only what changed; never trusted over
the files; JSON data, never code."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from quizmath.core.bank import cache, loader
from quizmath.core.bank.bank import bank_root, load_bank
from quizmath.core.bank.loader import load_template

FIXTURES = Path(__file__).resolve().parents[1] / "drill" / "fixtures" / "bank"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files actually parsed (a cache hit parses nothing)."""
    seen: list[str] = []
    real = loader.build_template

    def counting(data, file, topics=None):  # type: ignore[no-untyped-def]
        seen.append(Path(file).name)
        return real(data, file, topics)

    monkeypatch.setattr(loader, "build_template", counting)
    return seen


def test_every_built_in_template_survives_the_round_trip() -> None:
    for path in sorted((bank_root() / "templates").rglob("*.yaml")):
        template, errors = load_template(path, use_cache=False)
        assert template is not None, errors
        text = json.dumps(cache._encode(template))
        assert json.loads(text, object_hook=cache._decode) == template, path


def test_a_second_load_parses_nothing_and_gives_the_same_templates(
    folder: Path, parses: list[str], bank_copy: Path
) -> None:
    bank = bank_copy
    first = load_bank([bank])
    assert sorted(parses) == sorted(f.name for f in bank.glob("*.yaml"))
    assert len(list(folder.glob("*.json"))) == len(parses)
    parses.clear()
    second = load_bank([bank])
    assert parses == []
    assert second.templates == first.templates
    assert all(t.file.startswith(str(bank)) for t in second.templates.values())


def test_an_edited_file_is_parsed_again(folder: Path, parses: list[str], bank_copy: Path) -> None:
    bank = bank_copy
    load_bank([bank])
    parses.clear()
    add = bank / "add.yaml"
    add.write_text(add.read_text().replace("Vector sum (drill fixture)", "Vector sum, edited"))
    again = load_bank([bank])
    assert parses == ["add.yaml"]
    assert again.templates["drillfix.add"].title == "Vector sum, edited"


def test_a_broken_file_is_never_cached(folder: Path, parses: list[str], bank_copy: Path) -> None:
    bank = bank_copy
    add = bank / "add.yaml"
    add.write_text(add.read_text().replace("value: u + v", "value: u + w"))
    assert load_bank([bank]).errors
    parses.clear()
    assert load_bank([bank]).errors and parses == ["add.yaml"]


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"not json",
        b'{"@": "Template", "v": []}',
        b'{"@": "os.system", "v": ["touch PWNED"]}',
        b"[1, 2, 3]",
    ],
)
def test_a_damaged_entry_is_ignored(
    bank_copy: Path, folder: Path, parses: list[str], tmp_path: Path, damage: bytes
) -> None:
    bank = bank_copy
    expected = load_bank([bank]).templates
    for entry in folder.glob("*.json"):
        entry.write_bytes(damage)
    parses.clear()
    assert load_bank([bank]).templates == expected
    assert len(parses) == len(expected)
    assert not (tmp_path / "PWNED").exists()


def test_a_tampered_entry_cannot_call_a_function_off_the_whitelist(
    folder: Path, parses: list[str], bank_copy: Path
) -> None:
    bank = bank_copy
    load_bank([bank])
    entry = folder / f"{cache.key_of((bank / 'add.yaml').read_text())}.json"
    text = entry.read_text()
    assert '"randvec"' in text
    entry.write_text(text.replace('"randvec"', '"open"'))
    parses.clear()
    template = load_bank([bank]).templates["drillfix.add"]
    assert parses == ["add.yaml"]  # refused as a cache entry, parsed from the file instead
    assert '"open"' not in json.dumps(cache._encode(template))


def test_other_code_means_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key_of("id: x\n")
    monkeypatch.setattr(cache, "code_fingerprint", lambda: b"another quizmath")
    assert cache.key_of("id: x\n") != before


def test_a_topic_gone_from_the_curriculum_is_reported(
    folder: Path, parses: list[str], bank_copy: Path
) -> None:
    bank = bank_copy
    template, _ = load_template(bank / "add.yaml", {"linear-algebra/vectors"})
    assert template is not None
    parses.clear()
    template, errors = load_template(bank / "add.yaml", {"calculus/derivatives"})
    assert template is None and "unknown topic" in str(errors[0])


def test_off_unwritable_and_pruned(
    folder: Path, bank_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = bank_copy
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert load_bank([bank]).templates and not folder.exists()
    monkeypatch.delenv(cache.ENV_OFF)
    folder.write_text("a file where the folder should be")  # cannot be created
    assert len(load_bank([bank]).templates) == 4
    folder.unlink()
    load_bank([bank])
    cache.prune(folder, keep=2)
    assert len(list(folder.glob("*.json"))) == 2


def test_entries_are_json_data() -> None:
    template, _ = load_template(FIXTURES / "det.yaml", use_cache=False)
    assert template is not None
    data = json.loads(json.dumps(cache._encode(template)))
    assert data["@"] == "Template"
    names = {n for n in json.dumps(data).split('"@": "')[1:]}
    assert all(n.split('"')[0] in {*cache._CLASSES, "dict", "list", "Fraction"} for n in names)
    assert msgspec.structs.replace(template, file="") != template  # the path is not stored


def test_a_plot_is_decoded_by_a_registry_that_has_not_seen_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The plot's classes join the registry only when an entry has one (the first problem
    # painted need not import the plot code); decoding and encoding must not depend on order.
    for path in sorted((bank_root()).rglob("*.yaml")):
        template = load_template(path)[0]
        if template is not None and template.plot is not None:
            break
    else:
        pytest.fail("no template with a plot in the bank")
    for name in ("_CLASSES", "_FIELDS", "_COUNTS"):
        monkeypatch.setattr(cache, name, {})
    monkeypatch.setattr(cache, "_CALL", [])
    data = json.dumps(cache._encode(msgspec.structs.replace(template, file="")))
    assert "PlotSpec" in cache._CLASSES
    for name in ("_CLASSES", "_FIELDS", "_COUNTS"):
        monkeypatch.setattr(cache, name, {})
    monkeypatch.setattr(cache, "_CALL", [])
    decoded = cache.decode(data.encode(), template.file)
    assert decoded == template
