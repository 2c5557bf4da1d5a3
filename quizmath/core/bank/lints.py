"""Quality warnings: what a template does that is allowed but weakens it as a question.

``quizmath validate`` fails a template that is broken; these lints find one that works but
teaches badly: too few variants, an answer that repeats, a multiple choice whose right option
gives itself away, a ``where`` that throws away most draws, a format example that is the
answer, a prompt line that wraps in the middle of a formula, a declared mistake that is the
answer for some seeds. They read the instances the validator drew anyway (plus, only when the
prompts repeat or an answer looks too frequent, more seeds up to 200), so they add little to
its time.

A template keeps a warning on purpose with ``lint: {ignore: [code], reason: "..."}``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from quizmath.core.bank.generate import generate
from quizmath.core.bank.model import LINT_CODES, Template
from quizmath.core.bank.problem import Problem
from quizmath.core.errors import TemplateError
from quizmath.core.render.wrap import is_block_line

PROMPT_SEEDS = 200  # distinct prompts are counted over this many seeds
ANSWER_SEEDS = 200  # an answer that looks too frequent is counted again over this many
MIN_PROMPTS = 20
MAX_ANSWER_SHARE = 0.30
MAX_REJECTED = 0.90
WRAP_WIDTH = 76  # an 80-column terminal less the problem panel's border and padding
MIN_SAMPLE = 10  # fewer instances say too little about frequencies
PROSE = re.compile(r"[A-Za-z]{4,}")  # a word of prose, not a formula

# Where the format line (problem.format_note) puts its examples, by answer kind. The line picks
# examples that are not the answer (core/bank/examples.py); this lint checks that it does.
EXAMPLES = {
    "exact": re.compile(r"e\.g\. (.+?) \(a rounded"),  # "3/4, √2/2 or ln(2) (a rounded …"
    "vector": re.compile(r"e\.g\. (\[[^\[\]]*\])"),
    "vector-up-to-scale": re.compile(r"e\.g\. (\[[^\[\]]*\])"),
    "matrix": re.compile(r"e\.g\. (\[\[.*?\]\])"),
    "expression": re.compile(r"e\.g\. (.+?) \(write"),
}
SYMBOLIC_VECTOR = re.compile(r"expressions in .*?, e\.g\. (\[.*\])\.$")


def format_examples(kind: str, note: str) -> list[str]:
    """The examples a format line gives: "3/4, √2/2 or ln(2)" → ["3/4", "√2/2", "ln(2)"]."""
    match = SYMBOLIC_VECTOR.search(note) if kind == "vector" else None
    if match is None and kind in EXAMPLES:
        match = EXAMPLES[kind].search(note)
    if match is None:
        return []
    text = match.group(1)
    if kind == "exact":
        return [x.strip() for x in re.split(r", | or ", text) if x.strip()]
    return [text]


@dataclass(frozen=True)
class LintWarning:
    file: str
    line: int | None
    template: str
    code: str  # one of LINT_CODES
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: warning [{self.code}]: {self.message} [{self.template}]"

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "line": self.line,
            "template": self.template,
            "code": self.code,
            "message": self.message,
        }


Checker = Callable[..., Any]


def lint_template(
    t: Template, problems: Sequence[Problem], draws: Counter[str], checker: Checker
) -> tuple[list[LintWarning], list[LintWarning]]:
    """(warnings, warnings the template keeps with a reason) for the validated ``problems``
    (one per seed from 0) and the draw counts their generation left in ``draws``."""
    found: list[LintWarning] = []

    def warn(code: str, line: int | None, message: str) -> None:
        assert code in LINT_CODES
        found.append(LintWarning(t.file, line, t.id, code, message))

    _distinct_prompts(t, problems, warn)
    _where_rejects(t, draws, warn)
    _prompt_wrap(t, problems, warn)
    if t.parts:  # each part's answer is linted as a template's (its part view)
        for k in range(len(t.parts)):
            part_problems = [p.parts[k].problem for p in problems]
            _answer_lints(t.part_view(k), part_problems, checker, warn, _part_answer(t, k))
            _prompt_wrap(t.part_view(k), part_problems, warn)
    else:
        _answer_lints(t, problems, checker, warn)
    kept = set(t.lint.ignore) if t.lint else set()
    return [w for w in found if w.code not in kept], [w for w in found if w.code in kept]


Warn = Callable[[str, int | None, str], None]


AnswerAt = Callable[[int], str]  # the answer as shown in the instance of a seed


def _answer_lints(
    t: Template,
    problems: Sequence[Problem],
    checker: Checker,
    warn: Warn,
    answer_at: AnswerAt | None = None,
) -> None:
    if t.answer.kind == "choice":
        _choice_options(t, problems, warn)
    else:
        _frequent_answer(t, problems, warn, answer_at)
        _format_examples(t, problems, checker, warn)
    _mistake_coincides(t, problems, warn)


def _shown(p: Problem) -> str:
    parts = (f"{q.problem.prompt}\n" + "\n".join(q.problem.choices) for q in p.parts)
    return "\n".join((p.prompt, *p.choices, *parts))


def _distinct_prompts(t: Template, problems: Sequence[Problem], warn: Warn) -> None:
    seen = {_shown(p) for p in problems}
    seed = len(problems)
    while len(seen) < MIN_PROMPTS and seed < PROMPT_SEEDS:
        with suppress(TemplateError):  # the validator reports a seed that fails
            seen.add(_shown(generate(t, seed)))
        seed += 1
    if len(seen) < MIN_PROMPTS:
        warn(
            "distinct-prompts",
            t.prompt.line,
            f"only {len(seen)} different prompts in {seed} seeds (want {MIN_PROMPTS}): "
            "widen the parameter ranges",
        )


def _part_answer(t: Template, k: int) -> AnswerAt:
    """Part k's answer in the instance of a seed: a part is generated with the whole problem
    (its view cannot be: it reads the values of earlier parts)."""
    return lambda seed: generate(t, seed).parts[k].problem.answer_text


def _frequent_answer(
    t: Template, problems: Sequence[Problem], warn: Warn, answer_at: AnswerAt | None = None
) -> None:
    """``answer_at``: the answer of a seed's instance, for the recount (default: ``t``'s)."""
    if len(problems) < MIN_SAMPLE:
        return
    answers = Counter(p.answer_text for p in problems)
    answer, count = answers.most_common(1)[0]
    n = len(problems)
    if count / n > MAX_ANSWER_SHARE and n < ANSWER_SEEDS:
        # A share just over the line in a few dozen seeds is often chance (an answer of a
        # quarter of the instances can be a third of 30): count again on more seeds, so that
        # --seeds 30 and 50 agree on a template.
        for seed in range(len(problems), ANSWER_SEEDS):
            with suppress(TemplateError):  # the validator reports a seed that fails
                answers[answer_at(seed) if answer_at else generate(t, seed).answer_text] += 1
                n += 1
        answer, count = answers.most_common(1)[0]
    if count / n > MAX_ANSWER_SHARE:
        warn(
            "frequent-answer",
            t.answer.line,
            f'the answer is "{_clip(answer)}" in {count} of {n} instances '
            f"({count * 100 // n} %): a learner can guess it",
        )


def _choice_options(t: Template, problems: Sequence[Problem], warn: Warn) -> None:
    if len(problems) < MIN_SAMPLE:
        return
    longest = 0
    shown: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for p in problems:
        k = ord(p.expected) - ord("A")
        correct = p.choices[k]
        others = [len(c) for i, c in enumerate(p.choices) if i != k]
        longest += all(len(correct) > n for n in others)
        shown.update(set(p.choices))
        right[correct] += 1
    if longest == len(problems):
        warn(
            "longest-option",
            t.answer.line,
            f"the right option is the longest in all {len(problems)} instances: "
            "a learner can pick it unread",
        )
    for text, n in shown.most_common():
        if n * 3 < len(problems):
            break  # options that change with the seed are not a pattern to learn
        if right[text] == 0:
            line = next((o.line for o in t.answer.options if o.text == text), t.answer.line)
            warn(
                "unused-option",
                line,
                f'the option "{_clip(text)}" is shown in {n} of {len(problems)} instances '
                "and is never right: a learner learns to skip it",
            )


def _format_examples(
    t: Template, problems: Sequence[Problem], checker: Checker, warn: Warn
) -> None:
    hits: list[tuple[int, str]] = []  # (seed, example) where the example is the answer
    for p in problems:
        symbolic = p.kind == "vector" and "expressions in" in p.format_note
        for example in format_examples(p.kind, p.format_note):
            if p.kind == "expression" or symbolic:
                same = _squash(example) == _squash(p.answer_text)  # sympy is too slow here
            else:
                verdict = checker(p.kind, p.expected, example, vars=p.vars, tol=p.tolerance)
                same = verdict.verdict == "accept"
            if same:
                hits.append((p.seed, example))
                break
    if hits:
        seed, example = hits[0]
        warn(
            "format-example",
            t.answer.line,
            f"the format line's example is the answer in {len(hits)} of {len(problems)} "
            f'instances (e.g. seed {seed}: "{example}"): it gives the answer away',
        )


def _squash(text: str) -> str:
    return "".join(text.split())


def _where_rejects(t: Template, draws: Counter[str], warn: Warn) -> None:
    total = draws["draws"]
    if not t.where or total == 0:
        return
    rejected = {c: draws[c.source] for c in t.where if draws[c.source]}
    share = sum(rejected.values()) / total
    if share > MAX_REJECTED:
        worst = max(rejected, key=lambda c: rejected[c])
        warn(
            "where-rejects",
            worst.line,
            f"the where conditions reject {share:.0%} of draws (most often "
            f'"{_clip(worst.source, 40)}"): draw values that meet them instead',
        )


def _prompt_wrap(t: Template, problems: Sequence[Problem], warn: Warn) -> None:
    bad: dict[str, int] = {}
    for p in problems:
        for row in p.prompt.splitlines():
            # Displayed lines (indented, drawn) are never wrapped (render/wrap.py): prose only.
            if len(row) <= WRAP_WIDTH or is_block_line(row) or row in bad:
                continue
            problem = _bad_wrap(row)
            if problem:
                bad[row] = p.seed
                warn(
                    "prompt-wrap",
                    t.prompt.line,
                    f"a prompt line of {len(row)} columns {problem} at {WRAP_WIDTH} columns "
                    f'(seed {p.seed}): "{_clip(row, 50)}"; break the line or show the value '
                    "on its own line",
                )
                return  # one per template is enough to act on


def _bad_wrap(row: str) -> str:
    """Why wrapping ``row`` at WRAP_WIDTH breaks it badly, or "" if it wraps well: a word
    too long for a line, or a break inside a bracketed formula such as a vector or a point
    (a break inside a parenthesis of prose is fine)."""
    width = 0
    groups: list[str] = []  # the text of each bracket still open, innermost last
    for word in row.split(" "):
        if len(word) > WRAP_WIDTH:
            return "has a word too long to wrap"
        if width and width + 1 + len(word) > WRAP_WIDTH:
            if groups and not PROSE.search(groups[-1]):
                return "breaks inside a bracketed formula"
            width = len(word)
        else:
            width += (1 if width else 0) + len(word)
        for c in word + " ":
            if c in "([{":
                groups.append("")
            elif c in ")]}":
                if groups:
                    groups.pop()
            elif groups:
                groups[-1] += c
    return ""


def _mistake_coincides(t: Template, problems: Sequence[Problem], warn: Warn) -> None:
    hits: Counter[int] = Counter()
    first: dict[int, int] = {}
    applied: set[int] = set()  # mistakes computed in some instance (shown or coinciding)
    for p in problems:
        coinciding = getattr(p.texts, "coinciding", None)
        if coinciding is None:
            continue
        applied.update(m.line for m in p.mistakes)
        for line in coinciding():
            applied.add(line)
            hits[line] += 1
            first.setdefault(line, p.seed)
    for line, n in sorted(hits.items()):
        warn(
            "mistake-coincides",
            line,
            f"this mistake equals the answer in {n} of {len(problems)} instances (e.g. seed "
            f"{first[line]}), where it is left out: change its formula or the parameters so "
            "that it differs, limit it to the instances it is about with when:, or keep it "
            "with a reason",
        )
    if len(problems) < MIN_SAMPLE or t.answer.kind == "choice":
        return
    for m in t.mistakes:
        if m.when is not None and m.line not in applied:
            warn(
                "mistake-coincides",
                m.line,
                f"this mistake's when: ({_clip(m.when.source)}) holds in none of the "
                f"{len(problems)} instances: its feedback is never shown",
            )


def _clip(text: str, n: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
