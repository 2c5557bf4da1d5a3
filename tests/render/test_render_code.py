"""Code blocks in problem text: a NumPy snippet shown as a program writes it (issue 12, item 8).

Between ``` fences the renderer keeps what the template wrote: no fitting of values, ASCII minus
signs, no reflow; each line sits behind a gutter that no front end wraps, and the checks for
maths forms (raw Python forms in the validator, the style rules) leave those lines alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizmath.core.answers import check
from quizmath.core.bank.bank import load_bank
from quizmath.core.bank.generate import generate
from quizmath.core.bank.validate import validate_template
from quizmath.core.expr import Context, evaluate, parse
from quizmath.core.render.fill import fill, is_code_line, split_placeholders
from quizmath.core.render.style import style_problems
from quizmath.core.render.wrap import wrap_text
from quizmath.core.rng import Rng

SNIPPET = """\
The student's code:

```python
z = x - {m}
p = np.exp(z) / np.exp(z).sum()   # rate = {r}
    return p ** 2
```

Which line
is wrong? Here m = {m} and r = {r}."""


def render(text: str, **env: Any) -> str:
    segments = split_placeholders(text)
    return fill(segments, lambda s: evaluate(parse(s.source), env, Context(rng=Rng(1, "t"))))


def test_code_is_shown_as_written_behind_a_gutter() -> None:
    shown = render(SNIPPET, m=-3, r=0.123456789).split("\n")
    assert shown == [
        "The student's code:",
        "",
        "  │ z = x - -3",
        "  │ p = np.exp(z) / np.exp(z).sum()   # rate = 0.123457",
        "  │     return p ** 2",
        "",
        "Which line is wrong? Here m = −3 and r ≈ 0.123457.",
    ]
    assert [is_code_line(row) for row in shown] == [False] * 2 + [True] * 3 + [False] * 2


def test_code_lines_are_never_wrapped_and_break_no_style_rule() -> None:
    long = "```\n" + "y = np.exp(x) ** 2 + 1x + " + "a" * 90 + "\n```"
    shown = render(long)
    assert wrap_text(shown, 40) == shown
    assert style_problems(shown) == []
    # the same line outside a block is prose: it wraps, and 1x is reported
    prose = render("y = 1x + " + "a " * 40)
    assert wrap_text(prose, 40) != prose
    assert [rule for rule, _ in style_problems(prose)] == ["unit-coefficient"]


def test_an_unclosed_fence_runs_to_the_end_and_a_fence_needs_its_own_line() -> None:
    assert render("a\n```\nb = {v}", v=-1) == "a\n  │ b = -1"
    assert render("Write ```x``` here.") == "Write ```x``` here."


TEMPLATE = """\
id: test.code
title: Code
topic: linear-algebra/vectors
concept: vectors
difficulty: 1
params:
  a: randint(2, 9)
prompt: |
  Which line is wrong?

  ```python
  y = np.exp(x) ** {a}
  z = np.sqrt(y)
  ```
answer:
  kind: integer
  value: a
hints: [Read it.]
solution: "It is {a}."
mistakes:
  - value: a + 1
    feedback: One more.
tests:
  - params: {a: 2}
    accept: ["2"]
  - params: {a: 3}
    reject: ["4"]
"""


def test_the_validator_reads_code_blocks_as_code(tmp_path: Path) -> None:
    path = tmp_path / "code.yaml"
    path.write_text(TEMPLATE)
    t = load_bank([path]).get("test.code")
    failures, _ = validate_template(t, 5, check, None)
    assert [str(f) for f in failures] == []
    assert "  │ y = np.exp(x) ** " in generate(t, 0).prompt
    # outside the fences the same text is a leaked Python form, as before
    path.write_text(TEMPLATE.replace("  ```python\n", "").replace("  ```\n", ""))
    t = load_bank([path]).get("test.code")
    failures, _ = validate_template(t, 5, check, None)
    assert failures and "raw Python form" in str(failures[0])
