"""Template + seed → Problem.

Parameters are drawn from the problem's own generator (``Rng(seed, template id)``), so
``id@seed`` is the same everywhere. ``where`` constraints and duplicate multiple-choice options
cause a redraw, at most ``MAX_DRAWS`` times, then a clear error naming the constraint that
failed most.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from quizmath.core.bank.model import Compiled, Template, Text
from quizmath.core.bank.problem import DEFAULT_TOLERANCE, Mistake, Problem, format_note, letter
from quizmath.core.errors import ConstraintError, ExprError, TemplateError
from quizmath.core.expr import Budget, Context, evaluate, free_names
from quizmath.core.render.fill import Slot, fill
from quizmath.core.render.values import block, inline
from quizmath.core.rng import Rng
from quizmath.core.values import (
    Mat,
    ValueSet,
    Vec,
    describe,
    equal,
    is_exact,
    is_scalar,
    is_symbolic,
    to_sympy_text,
)

if TYPE_CHECKING:
    from quizmath.core.render.plot import Plot

MAX_DRAWS = 200
# Work is bounded by the budget's step count. The wall clock is a backstop only, generous
# because the first symbolic operation in a process pays for importing sympy (seconds on a
# loaded machine), which is not the template's fault.
GENERATION_SECONDS = 10.0


def generation_budget() -> Budget:
    return Budget(max_seconds=GENERATION_SECONDS)


class _Draw:
    """One evaluation environment: the template, its values so far, and the shared budget."""

    def __init__(self, template: Template, ctx: Context, env: dict[str, Any]) -> None:
        self.t = template
        self.ctx = ctx
        self.env = env

    def value(self, c: Compiled) -> Any:
        try:
            return evaluate(c.node, self.env, self.ctx)
        except ExprError as exc:
            raise TemplateError(str(exc), file=self.t.file, line=c.line, field=c.field) from None

    def text(self, t: Text) -> str:
        def value_of(slot: Slot) -> Any:
            try:
                return evaluate(slot.node, self.env, self.ctx)
            except ExprError as exc:
                raise TemplateError(
                    f"{{{slot.source}}}: {exc}",
                    file=self.t.file,
                    line=t.line + slot.line,
                    field=t.field,
                ) from None

        try:
            return fill(list(t.segments), value_of).strip("\n")
        except TypeError as exc:
            raise TemplateError(str(exc), file=self.t.file, line=t.line, field=t.field) from None


def symbol_env(template: Template) -> dict[str, Any]:
    if not template.symbols:
        return {}
    import sympy

    # Declared symbols are real: sqrt(x**2) stays |x| and comparisons behave as on paper.
    return {name: sympy.Symbol(name, real=True) for name in template.symbols}


def generate(
    template: Template,
    seed: int,
    overrides: Mapping[str, Any] | None = None,
    budget: Budget | None = None,
    tally: Counter[str] | None = None,
) -> Problem:
    """The problem ``template.id@seed``. ``overrides`` fixes parameters (for self-tests).
    ``tally``, if given, counts the draws and the ones each ``where`` condition rejected."""
    ctx = Context(rng=Rng(seed, template.id), budget=budget or generation_budget())
    base = symbol_env(template)
    failed: Counter[str] = Counter()
    checks = _where_schedule(template)
    for _ in range(MAX_DRAWS):
        draw = _Draw(template, ctx, dict(base))
        broken = _first_failed(draw, checks[0])
        for k, (name, c) in enumerate(template.params, start=1):
            if broken is not None:
                break
            if overrides is not None and name in overrides:
                draw.env[name] = overrides[name]
            else:
                draw.env[name] = draw.value(c)
            broken = _first_failed(draw, checks[k])
        if tally is not None:
            tally["draws"] += 1
        if broken is not None:
            failed[broken.source] += 1
            if tally is not None:
                tally[broken.source] += 1
            continue
        if template.parts:
            from quizmath.core.bank.generate_parts import multipart_problem

            problem = multipart_problem(draw, seed)
            if problem is None:
                failed["the multiple-choice options are all different"] += 1
                continue
            return problem
        answer = draw.value(template.answer.value) if template.answer.value else None
        if template.answer.kind == "choice":
            options = _choice_options(draw, answer)
            if options is None:
                failed["the multiple-choice options are all different"] += 1
                continue
            return _choice_problem(draw, seed, options)
        _check_kind(draw, answer)
        return _problem(draw, seed, answer)
    worst, count = failed.most_common(1)[0]
    line = next((c.line for c in template.where if c.source == worst), template.answer.line)
    raise ConstraintError(
        f'never met after {MAX_DRAWS} draws: "{worst}" failed {count} times; '
        "widen the parameter ranges or relax the condition",
        file=template.file,
        line=line,
        field="where",
    )


# Keyed by id() with the template kept alongside: an id is only unique while its object lives.
_SCHEDULES: dict[int, tuple[Template, list[list[Compiled]]]] = {}


def _where_schedule(t: Template) -> list[list[Compiled]]:
    """For each point in the parameter list, the conditions that can be checked there.

    A condition is checked as soon as every parameter it reads has been drawn, so a rejected
    draw costs only what it took to reject it (rejection loops used to compute every
    parameter, including symbolic ones, before looking at the first condition).
    """
    cached = _SCHEDULES.get(id(t))
    if cached is not None and cached[0] is t:
        return cached[1]
    position = {name: k for k, (name, _) in enumerate(t.params, start=1)}
    schedule: list[list[Compiled]] = [[] for _ in range(len(t.params) + 1)]
    for c in t.where:
        needed = [position[n] for n in free_names(c.node) if n in position]
        schedule[max(needed, default=0)].append(c)
    _SCHEDULES[id(t)] = (t, schedule)
    return schedule


def _first_failed(draw: _Draw, conditions: list[Compiled]) -> Compiled | None:
    for c in conditions:
        if not _holds(draw, c):
            return c
    return None


def _holds(draw: _Draw, condition: Compiled) -> bool:
    ok = draw.value(condition)
    if not isinstance(ok, bool):
        raise TemplateError(
            f"a condition must be true or false, got {describe(ok)}",
            file=draw.t.file,
            line=condition.line,
            field=condition.field,
        )
    return ok


def _check_kind(draw: _Draw, v: Any) -> None:
    kind, t = draw.t.answer.kind, draw.t
    problem = None
    if kind == "integer" and not (isinstance(v, int) and not isinstance(v, bool)):
        problem = "an integer"
    elif kind == "exact" and not (is_scalar(v) and is_exact(v)):
        problem = "an exact number (use exact arithmetic, not float)"
    elif kind == "real" and not (is_scalar(v) and not (is_symbolic(v) and v.free_symbols)):
        problem = "a number"
    elif kind in ("vector", "vector-up-to-scale") and not isinstance(v, Vec):
        problem = "a vector"
    elif kind == "vector-up-to-scale" and all(equal(x, 0) for x in v):
        problem = "a nonzero vector"
    elif kind == "matrix" and not isinstance(v, Mat):
        problem = "a matrix"
    elif kind == "set" and not isinstance(v, ValueSet):
        problem = "a set, written {a, b}"
    elif kind == "expression":
        if not is_scalar(v):
            problem = "an expression"
        elif is_symbolic(v) and {s.name for s in v.free_symbols} - set(t.answer.vars):
            problem = f"an expression in {', '.join(t.answer.vars)} only"
    if problem is not None:
        raise TemplateError(
            f"the answer should be {problem}, but it is {describe(v)}",
            file=t.file,
            line=t.answer.value.line if t.answer.value else t.line,
            field="answer.value",
        )


class _LazyTexts:
    """Renders hints, the solution and the mistakes of one instance on first use.

    It evaluates with a fresh budget and no random generator: texts and mistakes may only use
    the drawn parameters, so rendering later (or in another order) gives the same result.
    """

    def __init__(
        self, draw: _Draw, answer: Any, choice_feedback: tuple[tuple[str, Text], ...] = ()
    ) -> None:
        self._template, self._env, self._answer = draw.t, draw.env, answer
        self._choice_feedback = choice_feedback
        self._mistake_cache: tuple[tuple[Mistake, ...], tuple[str, ...], tuple[int, ...]] | None = (
            None
        )

    def _draw(self) -> _Draw:
        return _Draw(self._template, Context(budget=generation_budget()), self._env)

    def hints(self) -> tuple[str, ...]:
        draw = self._draw()
        return tuple(draw.text(h) for h in self._template.hints)

    def solution(self) -> str:
        return self._draw().text(self._template.solution)

    def mistakes(self) -> tuple[Mistake, ...]:
        return self._computed()[0]

    def notes(self) -> tuple[str, ...]:
        return self._computed()[1]

    def coinciding(self) -> tuple[int, ...]:
        """The lines of declared mistakes left out because here they equal the answer."""
        return self._computed()[2]

    def _computed(self) -> tuple[tuple[Mistake, ...], tuple[str, ...], tuple[int, ...]]:
        if self._mistake_cache is None:
            draw = self._draw()
            if self._choice_feedback:
                line = self._template.answer.line
                found = tuple(
                    Mistake(letter_, draw.text(feedback), letter_, line)
                    for letter_, feedback in self._choice_feedback
                )
                self._mistake_cache = (found, (), ())
            else:
                self._mistake_cache = _mistakes(draw, self._answer)
        return self._mistake_cache


def _mistakes(
    draw: _Draw, answer: Any
) -> tuple[tuple[Mistake, ...], tuple[str, ...], tuple[int, ...]]:
    out: list[Mistake] = []
    notes: list[str] = []
    coinciding: list[int] = []
    for m in draw.t.mistakes:
        try:
            if m.when is not None and not _holds(draw, m.when):
                continue  # a mistake about another form of the question
            value = draw.value(m.value)
        except TemplateError as exc:
            notes.append(f"mistake skipped: {exc}")
            continue
        if equal(value, answer):
            coinciding.append(m.line)
            continue  # this instance happens to make the mistake right; nothing to catch
        out.append(Mistake(to_sympy_text(value), draw.text(m.feedback), inline(value), m.line))
    return tuple(out), tuple(notes), tuple(coinciding)


def _common(draw: _Draw) -> dict[str, Any]:
    t = draw.t
    return {
        "template_id": t.id,
        "title": t.title,
        "topic": t.topic,
        "concept": t.concept,
        "difficulty": t.difficulty,
        "calculator": t.calculator,
        "prompt": draw.text(t.prompt),
        "vars": t.answer.vars,
        "plot": _plot(t, draw),
    }


def _plot(t: Template, draw: _Draw) -> Plot | None:
    if t.plot is None:
        return None
    # Here: a problem without a plot (most, and the first one painted) need not import it.
    from quizmath.core.bank.plot_spec import evaluate_plot

    return evaluate_plot(t.plot, draw, t.file)


def _problem(draw: _Draw, seed: int, answer: Any) -> Problem:
    kind = draw.t.answer.kind
    tolerance = draw.t.answer.tolerance
    if kind == "real" and tolerance is None:
        tolerance = DEFAULT_TOLERANCE
    return Problem(
        seed=seed,
        kind=kind,
        expected=to_sympy_text(answer),
        answer_text=inline(answer),
        answer_block="\n".join(block(answer)),
        tolerance=tolerance,
        choices=(),
        format_note=format_note(
            kind, tolerance, draw.t.answer.vars, 0, _has_symbols(answer), answer
        ),
        texts=_LazyTexts(draw, answer),
        **_common(draw),
    )


def _has_symbols(v: Any) -> bool:
    entries = v.entries() if isinstance(v, Mat) else v if isinstance(v, Vec | ValueSet) else [v]
    return any(is_symbolic(x) and bool(x.free_symbols) for x in entries)


def _choice_options(draw: _Draw, answer: Any) -> list[tuple[str, Any, Text | None]] | None:
    """(rendered text, value, feedback) for the right option first, then the wrong ones;
    None if two options coincide."""
    spec = draw.t.answer
    right = spec.text if spec.text is not None else inline(answer)
    options: list[tuple[str, Any, Text | None]] = [(right, answer, None)]
    for o in spec.options:
        value = draw.value(o.value) if o.value is not None else None
        text = o.text if o.text is not None else inline(value)
        if any(
            text == t or (value is not None and v is not None and equal(value, v))
            for t, v, _ in options
        ):
            return None
        options.append((text, value, o.feedback))
    return options


def _choice_problem(draw: _Draw, seed: int, options: list[tuple[str, Any, Text | None]]) -> Problem:
    rng = draw.ctx.rng
    assert rng is not None  # generate() always makes its context with one
    order = rng.shuffled(range(len(options)))
    texts = tuple(options[i][0] for i in order)
    right = letter(order.index(0))
    feedback = tuple(
        (letter(pos), text)
        for pos, i in enumerate(order)
        if i != 0 and (text := options[i][2]) is not None
    )
    return Problem(
        seed=seed,
        kind="choice",
        expected=right,
        answer_text=f"{right}) {options[0][0]}",
        answer_block=f"{right}) {options[0][0]}",
        tolerance=None,
        choices=texts,
        format_note=format_note("choice", None, (), len(texts)),
        texts=_LazyTexts(draw, None, feedback),
        **_common(draw),
    )
