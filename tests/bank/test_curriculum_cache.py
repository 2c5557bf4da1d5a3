"""The curriculum's cache (issue 13 item 24): a start reads curriculum.yaml without YAML when
it is unchanged; the cached form is exactly the parse; never trusted over the file."""

from __future__ import annotations

import json
from pathlib import Path

import msgspec
import pytest

from quizmath.core.bank import cache, curriculum, curriculum_cache
from quizmath.core.bank.curriculum import Curriculum, Topic, load_curriculum
from quizmath.core.bank.places import bank_root
from quizmath.core.errors import TemplateError

REAL = bank_root() / "curriculum.yaml"

# Two areas, prerequisites by local name and across areas, a numeric topic id, a folded title.
FIXTURE = """\
# a fixture curriculum
areas:
  - id: alpha
    title: "Alpha area"
    topics:
      - id: one
        title: "One"
      - id: two
        title: >
          Two, folded
        requires: [one]
      - id: 2024
        title: Numbered
        requires: [two, beta/base]
  - id: beta
    title: Beta
    topics:
      - id: base
        title: "Base"
      - id: top
        title: "Top"
        requires: [base, alpha/one, alpha/2024]
"""


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The curriculum's cache folder (not created yet), for this test only."""
    root = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_DIR, str(root))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    return root / curriculum_cache.KIND


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The curriculum files actually parsed (a cache hit parses nothing)."""
    seen: list[str] = []
    real = curriculum.curriculum_from_text

    def counting(text: str, name: str) -> Curriculum:
        seen.append(Path(name).name)
        return real(text, name)

    monkeypatch.setattr(curriculum, "curriculum_from_text", counting)
    return seen


@pytest.fixture
def fixture_file(tmp_path: Path) -> Path:
    path = tmp_path / "bank" / "curriculum.yaml"
    path.parent.mkdir()
    path.write_text(FIXTURE, encoding="utf-8")
    return path


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_a_cached_topic_has_every_field_of_a_topic() -> None:
    # The entry stores what the file says and derives the rest: a new Topic field must be
    # added to curriculum_cache (encode and decode) and to this list.
    assert [f.name for f in msgspec.structs.fields(Topic)] == [
        "id",
        "slug",
        "title",
        "area",
        "area_title",
        "order",
        "requires",
        "line",
    ]


@pytest.mark.parametrize("which", ["real", "fixture"])
def test_the_cached_curriculum_is_exactly_the_parsed_one(
    folder: Path, parses: list[str], fixture_file: Path, which: str
) -> None:
    path = REAL if which == "real" else fixture_file
    parsed = load_curriculum(path, use_cache=False)
    assert any(t.requires for t in parsed.topics.values())  # prerequisites are compared too
    assert all(t.line for t in parsed.topics.values())
    first = load_curriculum(path)
    parses.clear()
    cached = load_curriculum(path)
    assert parses == []  # read from the entry
    assert cached == first == parsed
    for a, b in zip(cached.topics.values(), parsed.topics.values(), strict=True):
        assert msgspec.structs.astuple(a) == msgspec.structs.astuple(b)
    assert [(a.id, a.title) for a in cached.areas] == [(a.id, a.title) for a in parsed.areas]


def test_the_fixture_resolves_as_expected(folder: Path, fixture_file: Path) -> None:
    load_curriculum(fixture_file)
    got = load_curriculum(fixture_file)
    top = got.topic("beta/top")
    assert top is not None and top.requires == ("beta/base", "alpha/one", "alpha/2024")
    numbered = got.topic("alpha/2024")
    assert numbered == Topic(
        "alpha/2024",
        "2024",
        "Numbered",
        "alpha",
        "Alpha area",
        2,
        ("alpha/two", "beta/base"),
        line=12,
    )
    assert got.topic("alpha/two").title == "Two, folded\n"  # type: ignore[union-attr]


def test_a_second_load_is_a_hit_and_an_edited_file_a_miss(
    folder: Path, parses: list[str], fixture_file: Path
) -> None:
    load_curriculum(fixture_file)
    assert parses == ["curriculum.yaml"] and len(entries(folder)) == 1
    parses.clear()
    load_curriculum(fixture_file)
    assert parses == []
    fixture_file.write_text(FIXTURE.replace('"Top"', '"Top, edited"'), encoding="utf-8")
    edited = load_curriculum(fixture_file)
    assert parses == ["curriculum.yaml"]
    assert edited.topic("beta/top").title == "Top, edited"  # type: ignore[union-attr]
    assert len(entries(folder)) == 2
    parses.clear()
    load_curriculum(fixture_file)
    assert parses == []


def test_a_curriculum_with_errors_raises_every_time_and_is_never_cached(
    folder: Path, parses: list[str], fixture_file: Path
) -> None:
    fixture_file.write_text(FIXTURE.replace("[base, alpha/one", "[base, alpha/none"))
    for _ in range(2):
        with pytest.raises(TemplateError, match='no topic "alpha/none"') as info:
            load_curriculum(fixture_file)
        assert info.value.line == 22
    assert parses == ["curriculum.yaml"] * 2
    assert entries(folder) == []


def _tamper(data: dict, how: str) -> object:  # type: ignore[type-arg]
    alpha = data["areas"][0]
    if how == "bad json":
        return "{not json"
    if how == "a list":
        return [data]
    if how == "no areas":
        return {"areas": None}
    if how == "a missing field":
        del alpha["topics"][0]["line"]
    elif how == "a control character in a title":
        alpha["topics"][0]["title"] = "One \x1b]0;pwned\x07"
    elif how == "a bidi override in an area title":
        alpha["title"] = "Alpha \u202e"
    elif how == "a topic id that is not a string":
        alpha["topics"][0]["slug"] = 1
    elif how == "a line that is not a number":
        alpha["topics"][0]["line"] = True
    elif how == "an unknown prerequisite":
        alpha["topics"][1]["requires"] = ["alpha/nowhere"]
    elif how == "a prerequisite on itself":
        alpha["topics"][1]["requires"] = ["alpha/two"]
    elif how == "a prerequisite twice":
        alpha["topics"][1]["requires"] = ["alpha/one", "alpha/one"]
    elif how == "a cycle":
        alpha["topics"][0]["requires"] = ["beta/top"]
    elif how == "a prerequisite that is not a string":
        alpha["topics"][1]["requires"] = [["alpha/one"]]
    return data


TAMPERING = [
    "bad json",
    "a list",
    "no areas",
    "a missing field",
    "a control character in a title",
    "a bidi override in an area title",
    "a topic id that is not a string",
    "a line that is not a number",
    "an unknown prerequisite",
    "a prerequisite on itself",
    "a prerequisite twice",
    "a cycle",
    "a prerequisite that is not a string",
]


@pytest.mark.parametrize("how", TAMPERING)
def test_a_tampered_entry_is_parsed_from_the_file_instead(
    folder: Path, parses: list[str], fixture_file: Path, how: str
) -> None:
    expected = load_curriculum(fixture_file)
    (entry,) = entries(folder)
    damaged = _tamper(json.loads(entry.read_text()), how)
    entry.write_text(damaged if isinstance(damaged, str) else json.dumps(damaged))
    parses.clear()
    assert load_curriculum(fixture_file) == expected
    assert parses == ["curriculum.yaml"]
    assert load_curriculum(fixture_file) == expected  # the parse was written again: a hit
    assert parses == ["curriculum.yaml"]


def test_off_unwritable_and_kept_small(
    folder: Path, parses: list[str], fixture_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = load_curriculum(fixture_file, use_cache=False)
    monkeypatch.setenv(cache.ENV_OFF, "1")
    assert load_curriculum(fixture_file) == expected and not folder.parent.exists()
    monkeypatch.delenv(cache.ENV_OFF)
    folder.parent.mkdir()
    folder.write_text("a file where the folder should be")  # cannot be created
    parses.clear()
    assert load_curriculum(fixture_file) == expected
    assert load_curriculum(fixture_file) == expected
    assert parses == ["curriculum.yaml"] * 2  # no cache, no error
    folder.unlink()
    for k in range(curriculum_cache.KEEP + 3):  # each edit is a new entry; the oldest go
        fixture_file.write_text(FIXTURE.replace('"Top"', f'"Top {k}"'), encoding="utf-8")
        load_curriculum(fixture_file)
    assert len(entries(folder)) == curriculum_cache.KEEP


def test_other_code_means_another_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = curriculum_cache.key_of(FIXTURE)
    assert before != cache.key_of(FIXTURE)  # not a template's key for the same text
    monkeypatch.setattr(curriculum_cache, "CODE", (*curriculum_cache.CODE, "core/errors.py"))
    assert curriculum_cache.key_of(FIXTURE) != before
