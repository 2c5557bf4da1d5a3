"""Concept pages and interview Q&A from the question bank.

- ``question_bank/concepts/<slug>.md``: Markdown; the title is the first ``# `` line, the body
  is everything after it. A topic's page is named after the topic slug (``eigen.md`` for
  ``linear-algebra/eigen``).
- ``question_bank/interview/<id>.yaml``: id, question, topic, difficulty, order, answer,
  key_points, and optionally follow_ups.

As with templates, a broken file is reported as ``file:line: field: message`` and the rest
still load.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import msgspec

from quizmath.core.bank.fields import Fields, Problems
from quizmath.core.bank.places import bank_root
from quizmath.core.bank.textfile import read_text_file
from quizmath.core.bank.yamlsource import LDict, LList, read_yaml_file
from quizmath.core.errors import TemplateError

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_PAGE_BYTES = 256 * 1024
REQUIRED = ("id", "question", "topic", "difficulty", "order", "answer", "key_points")
OPTIONAL = ("follow_ups",)


# -- concept pages ---------------------------------------------------------------------------


class ConceptPage(msgspec.Struct, frozen=True):
    slug: str
    title: str
    body: str  # Markdown after the title line
    path: Path

    @property
    def markdown(self) -> str:
        """The whole page, title included."""
        return f"# {self.title}\n\n{self.body}"


def concepts_dir(root: Path | None = None) -> Path:
    return (root or bank_root()) / "concepts"


def load_concept(slug: str, root: Path | None = None) -> ConceptPage:
    """The page ``concepts/<slug>.md``. Raises TemplateError (missing, unreadable, no title)."""
    if not SLUG.match(slug):
        raise TemplateError(
            f'"{slug}" is not a concept page name (lowercase words joined by hyphens)'
        )
    return read_concept(concepts_dir(root) / f"{slug}.md")


def read_concept(path: Path) -> ConceptPage:
    name = str(path)
    if not path.exists() and not path.is_symlink():
        raise TemplateError("no such concept page", file=name)
    text = read_text_file(path, MAX_PAGE_BYTES)
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("# "):
            body = "\n".join(lines[i + 1 :]).strip("\n")
            return ConceptPage(path.stem, line[2:].strip(), body + "\n", path)
        if line.strip():
            break
    raise TemplateError('the page must start with a "# Title" line', file=name, line=1)


def concept_for(
    topic_id: str, concept: str | None = None, root: Path | None = None
) -> ConceptPage | None:
    """The page for a problem: its ``concept`` if that page exists, else its topic's page."""
    candidates = [c for c in (concept, topic_id.rsplit("/", 1)[-1]) if c]
    for slug in candidates:
        try:
            return load_concept(slug, root)
        except TemplateError:
            continue
    return None


def load_concepts(root: Path | None = None) -> tuple[dict[str, ConceptPage], list[TemplateError]]:
    """Every concept page, keyed by slug, and the errors of the ones that could not load."""
    pages: dict[str, ConceptPage] = {}
    errors: list[TemplateError] = []
    for path in sorted(concepts_dir(root).glob("*.md")):
        try:
            pages[path.stem] = read_concept(path)
        except TemplateError as exc:
            errors.append(exc)
    return pages, errors


# -- interview questions ---------------------------------------------------------------------


class InterviewQuestion(msgspec.Struct, frozen=True):
    id: str
    question: str
    topic: str  # "<area>/<topic>"
    difficulty: int  # 1–3
    order: int  # position in the "next interview question" sequence
    answer: str  # a model answer (Markdown)
    key_points: tuple[str, ...]  # what a strong answer must contain
    follow_ups: tuple[str, ...]
    file: str
    line: int = 1


class InterviewBank(msgspec.Struct):
    questions: dict[str, InterviewQuestion]
    errors: list[TemplateError] = msgspec.field(default_factory=list)

    def ordered(self) -> list[InterviewQuestion]:
        return sorted(self.questions.values(), key=lambda q: (q.order, q.id))

    def by_topic(self, topic_id: str) -> list[InterviewQuestion]:
        return [q for q in self.ordered() if q.topic == topic_id]

    def get(self, question_id: str) -> InterviewQuestion | None:
        return self.questions.get(question_id)


def load_interviews(
    paths: Sequence[Path] | None = None, topics: set[str] | None = None
) -> InterviewBank:
    """Interview questions from files and folders (default: ``question_bank/interview``).
    ``topics`` are the known topic ids (default: the built-in curriculum)."""
    if topics is None:
        from quizmath.core.bank.curriculum import load_curriculum

        topics = set(load_curriculum(bank_root() / "curriculum.yaml").topics)
    files: list[Path] = []
    for p in paths or [bank_root() / "interview"]:
        files.extend(sorted(p.glob("*.yaml")) if p.is_dir() else [p])
    bank = InterviewBank({})
    for path in files:
        question, problems = read_interview(path, topics)
        bank.errors.extend(problems)
        if question is None:
            continue
        if question.id in bank.questions:
            first = bank.questions[question.id].file
            bank.errors.append(
                TemplateError(
                    f'duplicate id "{question.id}" (also in {first})',
                    file=str(path),
                    line=question.line,
                    field="id",
                )
            )
            continue
        bank.questions[question.id] = question
    return bank


def read_interview(
    path: Path, topics: set[str]
) -> tuple[InterviewQuestion | None, list[TemplateError]]:
    """One interview file: the question, or None and every error found in it."""
    name = str(path)
    try:
        data = read_yaml_file(path)
    except TemplateError as exc:
        return None, [exc]
    if not isinstance(data, LDict):
        return None, [
            TemplateError("expected a mapping of fields (id, question, …)", file=name, line=1)
        ]
    problems = Problems(name)
    f = Fields(data, problems)
    f.check_keys(REQUIRED, OPTIONAL)
    qid = f.text("id")
    if qid and not SLUG.match(qid):
        f.error("id", f'"{qid}" is not a valid id (lowercase words joined by hyphens)')
    elif qid and qid != path.stem:
        f.error("id", f'id "{qid}" does not match the file name "{path.stem}.yaml"')
    topic = f.text("topic")
    if topic and topic not in topics:
        f.error("topic", f'unknown topic "{topic}" (topics are listed in curriculum.yaml)')
    question = InterviewQuestion(
        id=qid,
        question=f.text("question").strip(),
        topic=topic,
        difficulty=f.integer("difficulty", 1, 3, 1),
        order=f.integer("order", 1, 10**6, 10**6),
        answer=f.text("answer").strip(),
        key_points=_texts(f, "key_points", required=True),
        follow_ups=_texts(f, "follow_ups", required=False),
        file=name,
        line=data.line,
    )
    if problems.errors:
        return None, problems.errors
    return question, []


def _texts(f: Fields, key: str, *, required: bool) -> tuple[str, ...]:
    items: LList | None = f.sequence(key, single_ok=False)
    if items is None:
        return ()
    out = []
    for k, item in enumerate(items):
        if not isinstance(item, str) or not item.strip():
            f.problems.add(f"{key}[{k}]", "expected a line of text", items.item_lines[k])
        else:
            out.append(item.strip())
    if required and not items:
        f.error(key, "needs at least one item")
    return tuple(out)
