"""The validator: every template loaded, self-tested, and instantiated with many seeds.

For each instance it checks that the answer computes and has the declared kind, that the texts
render without Python-isms, that the correct answer *typed as it is rendered* is accepted by the
answer checker, and that every declared mistake is rejected with its own feedback.
"""

from __future__ import annotations

import multiprocessing as mp
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizmath.core.bank.bank import Bank
from quizmath.core.bank.generate import generate, generation_budget
from quizmath.core.bank.lints import LintWarning, lint_template
from quizmath.core.bank.model import Compiled, Template, TestSpec
from quizmath.core.bank.places import bank_root
from quizmath.core.bank.problem import Problem
from quizmath.core.bank.validate_parts import check_parts, run_part_test
from quizmath.core.errors import QuizmathError, TemplateError
from quizmath.core.expr import Context, evaluate
from quizmath.core.render.fill import is_code_line
from quizmath.core.terminal_text import neutralise
from quizmath.core.values import from_python

# Traces of Python or numpy leaking into what a learner reads.
RAW_REPR = re.compile(
    r"array\(|Rational\(|Fraction\(|Integer\(|Symbol\(|Matrix\(|Vec\(|Mat\(|ValueSet\("
    # Float noise is a long run of 0s or 9s after a nonzero digit (1.0000000002, 0.29999999);
    # leading zeros of a small decimal (0.0000008) are not.
    r"|\*\*|\bsqrt\(|\bexp\(|\blamda\b|(?:[1-9]\.|\.\d*[1-9])0{6,}[1-9]|\d\.\d*9{6,}\d"
    r"|\bnan\b|\binf\b"
)
BLOCK_CHARS = "⎡⎢⎣"
MAX_BLOCK_WIDTH = 76  # a drawn matrix cannot be wrapped, so its line must fit an 80-column screen


@dataclass(frozen=True)
class Failure:
    file: str
    line: int | None
    template: str | None
    seed: int | None
    message: str
    field: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        ref = f" [{self.template}@{self.seed}]" if self.seed is not None else ""
        return neutralise(f"{where}:{field} {self.message}{ref}")

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "template": self.template,
            "seed": self.seed,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class Report:
    templates: int = 0
    instances: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[LintWarning] = field(default_factory=list)
    kept: list[LintWarning] = field(default_factory=list)  # warnings kept with a reason

    def to_json(self) -> dict[str, Any]:
        return {
            "templates": self.templates,
            "instances": self.instances,
            "failures": [f.to_json() for f in self.failures],
            "warnings": [w.to_json() for w in self.warnings],
            "kept_warnings": [w.to_json() for w in self.kept],
        }


@dataclass
class Lints:
    """Where validate_template puts the quality warnings of a template, if asked to."""

    warnings: list[LintWarning] = field(default_factory=list)
    kept: list[LintWarning] = field(default_factory=list)


Checker = Callable[..., Any]


def default_checker() -> Checker:
    from quizmath.core.answers import check

    return check


def validate_bank(
    bank: Bank,
    seeds: int = 50,
    checker: Checker | None = None,
    on_template: Callable[[Template, list[Failure]], None] | None = None,
    jobs: int = 1,
    lint: bool = True,
) -> Report:
    checker = checker or default_checker()
    report = Report()
    report.failures.extend(
        Failure(e.file, e.line, None, None, e.message, e.field) for e in bank.errors
    )
    concepts = bank_root() / "concepts"
    templates = bank.ordered()
    for t, (failures, instances, lints) in zip(
        templates, _results(templates, seeds, checker, concepts, jobs, lint), strict=True
    ):
        report.templates += 1
        report.instances += instances
        report.failures.extend(failures)
        report.warnings.extend(lints.warnings)
        report.kept.extend(lints.kept)
        if on_template is not None:
            on_template(t, failures)
    return report


# The templates a forked worker validates: set just before the pool forks, so workers
# inherit them instead of receiving pickled copies.
_WORK: tuple[list[Template], int, Checker, Path, bool] | None = None


Result = tuple[list[Failure], int, Lints]


def _validate_one(t: Template, seeds: int, checker: Checker, concepts: Path, lint: bool) -> Result:
    lints = Lints()
    failures, instances = validate_template(t, seeds, checker, concepts, lints if lint else None)
    return failures, instances, lints


def _validate_nth(k: int) -> Result:
    assert _WORK is not None
    templates, seeds, checker, concepts, lint = _WORK
    return _validate_one(templates[k], seeds, checker, concepts, lint)


def _results(
    templates: list[Template],
    seeds: int,
    checker: Checker,
    concepts: Path,
    jobs: int,
    lint: bool,
) -> Iterable[Result]:
    """Per-template results in order; with jobs > 1, from forked workers (one core each)."""
    global _WORK
    if jobs <= 1 or len(templates) < 2 or "fork" not in mp.get_all_start_methods():
        return (_validate_one(t, seeds, checker, concepts, lint) for t in templates)
    _WORK = (templates, seeds, checker, concepts, lint)
    # fork, not spawn: the workers inherit the loaded bank instead of reloading it, and the
    # validator runs no threads that forking could break.
    pool = mp.get_context("fork").Pool(min(jobs, len(templates)))

    def ordered() -> Iterable[Result]:
        global _WORK
        try:
            yield from pool.imap(_validate_nth, range(len(templates)))
        finally:
            pool.terminate()
            _WORK = None

    return ordered()


def validate_template(
    t: Template,
    seeds: int,
    checker: Checker,
    concepts: Path | None = None,
    lints: Lints | None = None,
) -> tuple[list[Failure], int]:
    """Failures and the number of instances drawn; with ``lints``, also the quality warnings
    of the template (lints.py), read from the same instances."""
    out: list[Failure] = []
    if concepts is not None and not (concepts / f"{t.concept}.md").is_file():
        out.append(
            Failure(
                t.file,
                t.field_lines.get("concept"),
                t.id,
                None,
                f'no concept page "{t.concept}" in question_bank/concepts/',
                "concept",
            )
        )
    for k, test in enumerate(t.tests):
        out.extend(_run_test(t, k, test, checker))
    for k, spec in enumerate(t.parts):
        for n, test in enumerate(spec.tests):
            fld = f"parts[{k}].tests[{n}]"
            out.extend(
                Failure(t.file, test.line, t.id, None, message, fld)
                for message in run_part_test(t, k, n, test, checker)
            )
    instances = 0
    problems: list[Problem] = []
    draws: Counter[str] = Counter()
    for seed in range(seeds):
        try:
            problem = generate(t, seed, tally=draws)
        except TemplateError as exc:
            out.append(Failure(exc.file or t.file, exc.line, t.id, seed, exc.message, exc.field))
            continue
        instances += 1
        problems.append(problem)
        issues = (
            check_parts(t, problem, checker, seed)
            if t.parts
            else check_problem(t, problem, checker)
        )
        out.extend(Failure(t.file, line, t.id, seed, msg, fld) for fld, line, msg in issues)
    if lints is not None:
        warnings, kept = lint_template(t, problems, draws, checker)
        lints.warnings.extend(warnings)
        lints.kept.extend(kept)
    return out, instances


def check_problem(t: Template, p: Problem, checker: Checker) -> Iterable[tuple[str, int, str]]:
    """(field, line, message) for everything wrong with one instance."""
    texts = [
        ("prompt", t.prompt.line, p.prompt),
        ("solution", t.solution.line, p.solution),
        ("answer", t.answer.line, p.answer_text),
    ]
    texts += [
        (f"hints[{k}]", h.line, text)
        for k, (h, text) in enumerate(zip(t.hints, p.hints, strict=True))
    ]
    texts += [("answer.options", t.answer.line, c) for c in p.choices]
    for fld, line, text in texts:
        yield from check_text(fld, line, text)
    for note in p.notes:
        yield "mistakes", t.line, note
    verdict = _check(checker, p, p.typed_answer)
    if verdict.verdict != "accept":
        yield (
            "answer",
            t.answer.line,
            (
                f'the correct answer typed as shown, "{p.typed_answer}", is not accepted '
                f"({verdict.verdict}: {verdict.message})"
            ),
        )
    seen: set[str] = set()
    for m in p.mistakes:
        if m.expected in seen:
            continue  # two mistakes coincide here; the first one's feedback is shown
        seen.add(m.expected)
        v = _check(checker, p, m.typed)
        if v.verdict != "reject":
            yield (
                "mistakes",
                m.line,
                (f'the mistake "{m.typed}" is not rejected ({v.verdict}: {v.message})'),
            )
        elif v.mistake != m.feedback:
            yield "mistakes", m.line, f'the mistake "{m.typed}" does not get its feedback'


def check_text(fld: str, line: int, text: str) -> Iterable[tuple[str, int, str]]:
    """A rendered text without Python-isms, its drawn matrices within the screen's width."""
    # A code block (```) shows a program on purpose: np.exp(z), x ** 2 are its words.
    match = RAW_REPR.search("\n".join(r for r in text.splitlines() if not is_code_line(r)))
    if match:
        yield fld, line, f'renders a raw Python form "{match.group(0)}": {_clip(text)}'
    for row in text.splitlines():
        if any(c in row for c in BLOCK_CHARS) and len(row) > MAX_BLOCK_WIDTH:
            yield (
                fld,
                line,
                (
                    f"a line with a drawn matrix is {len(row)} columns wide; put "
                    f"the matrix on its own line: {_clip(row)}"
                ),
            )


def _check(checker: Checker, p: Problem, typed: str) -> Any:
    from quizmath.core.answers import Mistake

    return checker(
        p.kind,
        p.expected,
        typed,
        vars=p.vars,
        tol=p.tolerance,
        mistakes=[Mistake(m.expected, m.feedback) for m in p.mistakes],
        choices=len(p.choices) or None,
    )


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def self_test_overrides(t: Template, test: TestSpec) -> dict[str, Any]:
    """The values a self-test fixes: plain YAML data, or expressions (evaluated alone)."""
    out: dict[str, Any] = {}
    ctx = Context(budget=generation_budget())
    for name, raw in test.params.items():
        if isinstance(raw, Compiled):
            out[name] = evaluate(raw.node, dict(out), ctx)
        else:
            out[name] = from_python(raw)
    return out


def _run_test(t: Template, k: int, test: TestSpec, checker: Checker) -> list[Failure]:
    fld = f"tests[{k}]"
    try:
        problem = generate(t, 0, overrides=self_test_overrides(t, test))
    except TemplateError as exc:
        where = f" (in {exc.field}, line {exc.line})" if exc.field else ""
        return [Failure(t.file, test.line, t.id, None, f"{exc.message}{where}", fld)]
    except QuizmathError as exc:
        return [Failure(t.file, test.line, t.id, None, str(exc), fld)]
    out = []

    def fail(message: str) -> None:
        out.append(Failure(t.file, test.line, t.id, None, message, fld))

    if test.answer is not None and test.answer != problem.answer_text:
        v = _check(checker, problem, test.answer)
        if v.verdict != "accept":
            fail(
                f'expected answer "{test.answer}", but the template computes '
                f'"{problem.answer_text}"'
            )
    for typed in test.accept:
        v = _check(checker, problem, typed)
        if v.verdict != "accept":
            fail(
                f'"{typed}" should be accepted but is {v.verdict}: {v.message} '
                f'(answer "{problem.answer_text}")'
            )
    for typed in test.reject:
        v = _check(checker, problem, typed)
        if v.verdict != "reject":
            fail(
                f'"{typed}" should be rejected but is {v.verdict}: {v.message}'
                f' (answer "{problem.answer_text}")'
            )
    return out
