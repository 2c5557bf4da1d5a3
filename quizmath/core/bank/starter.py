"""Starter templates for ``quizmath new``: one small working example per answer kind.

Each starter passes ``quizmath validate`` as written, so an author starts from something that
works and changes it step by step; every place to rewrite is marked ``TODO``. The header and
the comments explain the fields, so the file teaches the format while it is being edited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Body:
    """The kind-specific part of a starter: from ``params`` to ``tests``."""

    symbols: str
    params: str
    where: str
    prompt: str
    answer: str
    hints: str
    solution: str
    mistakes: str
    tests: str


HEADER = """\
# {id}: a quizmath template (the format: docs/templates.md).
# Check it with `quizmath validate {file}`; edit the places marked TODO.
# For completion in your editor: `quizmath schema > template.schema.json`, then make the first
# line "# yaml-language-server: $schema=template.schema.json" (a path from this file's folder).
id: {id}
title: "TODO: a short name, shown in lists"
topic: {topic}  # TODO: <area>/<topic> from question_bank/curriculum.yaml
concept: {concept}  # the page question_bank/concepts/{concept}.md
difficulty: 1  # 1 easy, 2 medium, 3 hard
"""

BODY_LAYOUT = """\
{symbols}# TODO: the random parameters, drawn top to bottom; only here may numbers be drawn.
params:
{params}{where}# TODO: the question. {{expression}} shows a value; {{{{ and }}}} are literal braces.
prompt: |
{prompt}
answer:
{answer}
# TODO: hints, shown one at a time: from a nudge to the method.
hints:
{hints}# TODO: the worked solution, with this instance's numbers.
solution: |
{solution}
{mistakes}
# TODO: self-tests: fix some parameters, then answers that must be accepted and rejected.
tests:
{tests}"""

MISTAKES_NOTE = """\
# TODO: typical mistakes: the value a learner making it would answer, and what to tell them.
mistakes:
"""

BODIES: dict[str, Body] = {
    "integer": Body(
        symbols="",
        params="  a: randint(2, 9)\n"
        "  b: randint(3, 9)  # from 3: with a = b = 2 the mistake a + b would be right\n",
        where="",
        prompt="  TODO: the question. What is {a} · {b}?",
        answer="  kind: integer\n  value: a * b",
        hints='  - "TODO: Multiply the two numbers."\n',
        solution="  TODO: {a} · {b} = {a * b}.",
        mistakes="  - value: a + b\n"
        "    feedback: TODO That is the sum; the question asks for the product.\n",
        tests='  - params: {a: 3, b: 4}\n    answer: "12"\n    accept: ["12"]\n    reject: ["7"]\n'
        '  - params: {a: 5, b: 6}\n    accept: ["30"]\n    reject: ["11"]\n',
    ),
    "real": Body(
        symbols="",
        params="  a: randint(1, 9)\n  b: randint(11, 19)\n",
        where="",
        prompt="  TODO: the question. What is {a}/{b} as a decimal?",
        answer="  kind: real\n  value: a / b\n  tolerance: 1e-3  # relative; the default is 1e-3",
        hints='  - "TODO: Divide the numerator by the denominator."\n',
        solution="  TODO: {a}/{b} = {fmt(a / b, 4)}.",
        mistakes="  - value: b / a\n"
        "    feedback: TODO That is the reciprocal; divide {a} by {b}.\n",
        tests='  - params: {a: 1, b: 16}\n    accept: ["0.0625"]\n    reject: ["16"]\n'
        '  - params: {a: 9, b: 12}\n    accept: ["0.75", "3/4"]\n    reject: ["1.333"]\n',
    ),
    "exact": Body(
        symbols="",
        params="  a: randint(1, 4)\n  b: randint(5, 12)  # a < b: a proper fraction\n",
        where="",
        prompt="  TODO: the question. Write {a}/{b} in lowest terms.",
        answer="  kind: exact\n  value: a / b  # numbers are exact: 3/4 stays a fraction",
        hints='  - "TODO: Divide top and bottom by their greatest common divisor."\n',
        solution="  TODO: gcd({a}, {b}) = {gcd(a, b)}, so {a}/{b} = {a / b}.",
        mistakes="  - value: b / a\n    feedback: TODO That is the reciprocal.\n",
        tests='  - params: {a: 6, b: 8}\n    answer: "3/4"\n    accept: ["3/4", "6/8"]\n'
        '    reject: ["4/3"]\n'
        '  - params: {a: 2, b: 4}\n    accept: ["1/2"]\n    reject: ["2"]\n',
    ),
    "vector": Body(
        symbols="",
        params="  u: randvec(3, -5, 5)\n  v: randvec(3, -5, 5)\n",
        where="where:  # TODO: conditions; the parameters are redrawn until all hold\n"
        "  - v != [0, 0, 0]\n",
        prompt="  TODO: the question. Find u + v for u = {u} and v = {v}.",
        answer="  kind: vector\n  value: u + v",
        hints='  - "TODO: Add the vectors entry by entry."\n',
        solution="  TODO: u + v = {u + v}.",
        mistakes="  - value: u - v\n    feedback: TODO That is u − v; add the entries of v.\n",
        tests='  - params: {u: [1, 2, 3], v: [1, 1, 1]}\n    answer: "[2, 3, 4]"\n'
        '    accept: ["[2, 3, 4]", "2, 3, 4"]\n    reject: ["[0, 1, 2]"]\n'
        '  - params: {u: [0, 0, 0], v: [1, -1, 2]}\n    accept: ["(1, -1, 2)"]\n'
        '    reject: ["[-1, 1, -2]"]\n',
    ),
    "vector-up-to-scale": Body(
        symbols="",
        params="  u: nonzero_vec(2, -5, 5)\n",
        where="",
        prompt="  TODO: the question. Find a nonzero vector perpendicular to u = {u}.",
        answer="  kind: vector-up-to-scale  # any nonzero multiple counts\n"
        "  value: vec(-u[1], u[0])",
        hints='  - "TODO: Swap the entries of u and change one sign."\n',
        solution="  TODO: {show(vec(-u[1], u[0]))} · u = {paren(-u[1])}·{paren(u[0])}"
        " + {paren(u[0])}·{paren(u[1])} = 0.",
        mistakes="  - value: u\n    feedback: TODO That is u itself; its dot product with u is"
        " ‖u‖², not 0.\n",
        tests='  - params: {u: [1, 2]}\n    accept: ["[-2, 1]", "[4, -2]"]\n'
        '    reject: ["[1, 2]"]\n'
        '  - params: {u: [3, 0]}\n    accept: ["[0, 1]"]\n    reject: ["[1, 0]"]\n',
    ),
    "matrix": Body(
        symbols="",
        params="  A: randmat(2, 3, -5, 5)\n",
        where="",
        prompt="  TODO: the question. Find the transpose of\n\n    A = {A}",
        answer="  kind: matrix\n  value: transpose(A)",
        hints='  - "TODO: The rows of Aᵀ are the columns of A."\n',
        solution="  TODO: the rows of Aᵀ are the columns of A:\n\n    Aᵀ = {transpose(A)}",
        mistakes="  - value: A\n    feedback: TODO That is A itself; write its columns as rows.\n",
        tests='  - params: {A: [[1, 2, 3], [4, 5, 6]]}\n    answer: "[[1, 4], [2, 5], [3, 6]]"\n'
        '    accept: ["1 4; 2 5; 3 6"]\n    reject: ["[[1, 2, 3], [4, 5, 6]]"]\n'
        '  - params: {A: [[0, 1, 0], [2, 0, 0]]}\n    accept: ["[[0, 2], [1, 0], [0, 0]]"]\n'
        '    reject: ["[[0, 1], [2, 0], [0, 0]]"]\n',
    ),
    "set": Body(
        symbols="",
        params="  r: randint(-6, 6)\n  s: randint(-6, 6)\n",
        where="where:  # TODO: conditions; the parameters are redrawn until all hold\n"
        "  - r != s\n  - r != -s\n",
        prompt="  TODO: the question. Solve (x {signed(-r)})(x {signed(-s)}) = 0 for x.",
        answer='  kind: set\n  value: "{r, s}"',
        hints='  - "TODO: A product is zero when one of its factors is."\n',
        solution="  TODO: x {signed(-r)} = 0 or x {signed(-s)} = 0, so x = {r} or x = {s}.",
        mistakes='  - value: "{-r, -s}"\n    feedback: "TODO The signs are flipped; x − r = 0'
        ' gives x = r."\n',
        tests='  - params: {r: 2, s: 5}\n    answer: "{2, 5}"\n    accept: ["5, 2"]\n'
        '    reject: ["-2, -5", "2"]\n'
        '  - params: {r: -1, s: 3}\n    accept: ["{-1, 3}"]\n    reject: ["1, -3"]\n',
    ),
    "expression": Body(
        symbols="symbols: [x]  # TODO: the variables of the answer\n",
        params="  a: randint(2, 9)\n  n: randint(2, 6)\n",
        where="",
        prompt="  TODO: the question. Find the derivative of f(x) = {a * x**n}.",
        answer="  kind: expression\n  value: diff(a * x**n, x)",
        hints='  - "TODO: The power rule: the derivative of xⁿ is n·xⁿ⁻¹."\n',
        solution="  TODO: f′(x) = {a}·{n}·x^{n - 1} = {diff(a * x**n, x)}.",
        mistakes="  - value: a * x**(n - 1)\n    feedback: TODO Bring the exponent down as a"
        " factor too.\n",
        tests='  - params: {a: 3, n: 2}\n    answer: "6x"\n    accept: ["6*x", "2*3x"]\n'
        '    reject: ["3x"]\n'
        '  - params: {a: 2, n: 3}\n    accept: ["6x^2"]\n    reject: ["2x^2"]\n',
    ),
    "choice": Body(
        symbols="",
        params="  a: randint(2, 9)\n  b: randint(2, 9)\n",
        where="where:  # TODO: conditions; the parameters are redrawn until all hold\n  - a != b\n",
        prompt="  TODO: the question. Which number is {a} · {b}?",
        answer="  kind: choice\n  value: a * b  # the right option; the options below are wrong\n"
        "  options:  # shuffled by the seed; feedback is shown when one is picked\n"
        "    - value: a + b\n      feedback: TODO That is the sum.\n"
        "    - value: a * b + 1\n      feedback: TODO One too many.\n"
        "    - value: a * b - 1\n      feedback: TODO One too few.\n"
        "    # An option can be literal text too: {text: ..., feedback: ...}; one that is never\n"
        "    # right in any instance teaches learners to skip it.",
        hints='  - "TODO: Multiply the two numbers."\n',
        solution="  TODO: {a} · {b} = {a * b}.",
        mistakes="",
        tests="  # For a choice the letters depend on the seed: `quizmath preview ID@0` shows"
        " them.\n"
        '  - params: {a: 3, b: 4}\n    accept: ["@RIGHT0@"]\n    reject: ["@WRONG0@"]\n'
        '  - params: {a: 5, b: 6}\n    accept: ["@RIGHT1@"]\n    reject: ["@WRONG1@"]\n',
    ),
}


def starter_text(template_id: str, kind: str, topic: str, concept: str, file: str) -> str:
    """The starter file for ``template_id`` with an answer of ``kind``."""
    text = _layout(template_id, kind, topic, concept, file)
    return _fill_letters(text, file) if "@RIGHT0@" in text else text


def _fill_letters(text: str, file: str) -> str:
    """A choice's self-tests name letters, which the seed decides: draw the tests' instances
    and write in the right letter and a wrong one."""
    from quizmath.core.bank.generate import generate
    from quizmath.core.bank.loader import build_template
    from quizmath.core.bank.problem import letter
    from quizmath.core.bank.validate import self_test_overrides
    from quizmath.core.bank.yamlsource import read_yaml_text

    draft = re.sub(r"@(RIGHT|WRONG)\d@", "A", text)
    template, errors = build_template(read_yaml_text(draft, file), file)
    if template is None:
        raise ValueError(f"the starter does not load: {errors[0]}")
    for k, test in enumerate(template.tests):
        problem = generate(template, 0, overrides=self_test_overrides(template, test))
        right = problem.expected
        wrong = next(letter(i) for i in range(len(problem.choices)) if letter(i) != right)
        text = text.replace(f"@RIGHT{k}@", right).replace(f"@WRONG{k}@", wrong)
    return text


def _layout(template_id: str, kind: str, topic: str, concept: str, file: str) -> str:
    body = BODIES[kind]
    head = HEADER.format(id=template_id, topic=topic, concept=concept, file=file)
    mistakes = "" if not body.mistakes else MISTAKES_NOTE + body.mistakes
    return head + BODY_LAYOUT.format(
        symbols=body.symbols,
        params=body.params,
        where=body.where,
        prompt=body.prompt,
        answer=body.answer,
        hints=body.hints,
        solution=body.solution,
        mistakes=mistakes,
        tests=body.tests,
    )


def default_topic(template_id: str) -> str:
    """A topic for a new template: the topic of a built-in template of the same area (the part
    of the id before the dot), else the curriculum's first topic."""
    from quizmath.core.bank.bank import default_curriculum
    from quizmath.core.bank.places import bank_root
    from quizmath.core.bank.yamlsource import read_yaml_file
    from quizmath.core.errors import TemplateError

    topics = default_curriculum().topics
    area = template_id.split(".", 1)[0]
    for path in sorted((bank_root() / "templates" / area).glob("*.yaml"))[:1]:
        try:
            topic = read_yaml_file(path).get("topic")
        except (TemplateError, AttributeError):
            continue
        if topic in topics:
            return str(topic)
    return next(iter(topics))
