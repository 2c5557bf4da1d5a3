"""Loading one template file: YAML → checked fields → parsed expressions → ``Template``.

Everything that can be checked without drawing numbers is checked here, so a broken file is
reported with its line and the rest of the bank still loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizmath.core.bank.fields import NAME, Fields, Problems, kind_of
from quizmath.core.bank.model import (
    KINDS,
    LINT_CODES,
    AnswerSpec,
    Compiled,
    LintSpec,
    MistakeSpec,
    Option,
    PartSpec,
    Template,
    TestSpec,
    Text,
)
from quizmath.core.bank.plot_spec import load_plot
from quizmath.core.bank.yamlsource import LDict, LList, read_yaml_text
from quizmath.core.engine.catalog import BUILTINS
from quizmath.core.errors import ExprError, TemplateError
from quizmath.core.expr import called_functions, free_names, parse
from quizmath.core.render.fill import PlaceholderError, Slot, split_placeholders

ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
CONSTANTS = frozenset({"pi", "e", "true", "false", "True", "False"})
REQUIRED = (
    "id",
    "title",
    "topic",
    "concept",
    "difficulty",
    "prompt",
    "answer",
    "hints",
    "solution",
    "tests",
)
# mistakes are required, except for multiple choice, where feedback sits on the options.
OPTIONAL = ("calculator", "symbols", "params", "where", "mistakes", "lint", "plot")
# The fields of the nested mappings, (required, optional). The JSON Schema (schema.py) is built
# from these lists, so a field added here is one the schema knows.
ANSWER_FIELDS = (("kind",), ("value", "text", "tolerance", "vars", "options"))
OPTION_FIELDS = ((), ("value", "text", "feedback"))
MISTAKE_FIELDS = (("value", "feedback"), ("when",))
TEST_FIELDS = ((), ("params", "answer", "accept", "reject"))
LINT_FIELDS = (("ignore", "reason"), ())
# A multi-part template (``parts:``): the top level keeps the shared fields, and each part has
# its own prompt line, answer, hints, solution, mistakes and self-tests (core/bank/parts.py).
PER_PART = ("answer", "hints", "solution", "mistakes", "tests")
MULTIPART_REQUIRED = (*(k for k in REQUIRED if k not in PER_PART), "parts")
MULTIPART_OPTIONAL = tuple(k for k in OPTIONAL if k not in PER_PART)
PART_FIELDS = (("prompt", "answer", "hints", "solution", "tests"), ("name", "mistakes"))
PART_TEST_FIELDS = ((), (*TEST_FIELDS[1], "given"))


class _Compiler:
    """Parses expressions and texts of one file, checking every name they use."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.known: set[str] = set(CONSTANTS)

    def expr(self, source: Any, field: str, line: int) -> Compiled | None:
        if isinstance(source, LList):
            source = "[" + ", ".join(str(x) for x in source) + "]"
        if isinstance(source, bool) or not isinstance(source, str | int | float):
            self.problems.add(field, f"expected an expression, got {kind_of(source)}", line)
            return None
        text = str(source)
        try:
            node = parse(text)
        except ExprError as exc:
            self.problems.add(field, str(exc), line)
            return None
        if self._names_ok(node, field, line):
            return Compiled(text, node, line, field)
        return None

    def _names_ok(self, node: Any, field: str, line: int, column_base: int = 0) -> bool:
        ok = True
        for name, column in called_functions(node).items():
            if name not in BUILTINS:
                at = f" at column {column + column_base}"
                self.problems.add(field, f'unknown function "{name}"{at}', line)
                ok = False
        for name, column in free_names(node).items():
            if name not in self.known:
                at = f" at column {column + column_base}"
                self.problems.add(field, f'unknown name "{name}"{at}', line)
                ok = False
        return ok

    def text(self, source: Any, field: str, line: int, block: bool) -> Text | None:
        if not isinstance(source, str):
            self.problems.add(field, f"expected text, got {kind_of(source)}", line)
            return None
        first = line + 1 if block else line  # a block scalar's text starts below the "|"
        try:
            segments = split_placeholders(source)
        except PlaceholderError as exc:
            self.problems.add(field, f"{exc.message} at column {exc.column}", first + exc.line)
            return None
        out: list[Any] = []
        ok = True
        for seg in segments:
            if isinstance(seg, Slot):
                try:
                    node = parse(seg.source)
                except ExprError as exc:
                    col = seg.column + (exc.column or 1) - 1
                    self.problems.add(field, f"{exc.message} at column {col}", first + seg.line)
                    ok = False
                    continue
                if not self._names_ok(node, field, first + seg.line, seg.column - 1):
                    ok = False
                    continue
                seg = Slot(seg.source, seg.line, seg.column, node)
            out.append(seg)
        return Text(tuple(out), first, field) if ok else None


def load_template(
    path: Path, topics: set[str] | None = None, *, use_cache: bool = True
) -> tuple[Template | None, list[TemplateError]]:
    """One file → a Template, or None with every error found.

    With ``use_cache``, a file whose exact bytes loaded before is not parsed again (see
    ``bank/cache.py``); the file itself is always read.
    """
    from quizmath.core.bank.template_map import Pending, decode_pending, read_template

    loaded, errors = read_template(path, topics, use_cache=use_cache)
    if isinstance(loaded, Pending):
        return decode_pending(loaded), []
    return loaded, errors


def template_from_text(
    text: str, file: str, topics: set[str] | None = None, *, cache_key: str | None = None
) -> tuple[Template | None, list[TemplateError]]:
    """A file's text (as read) → a Template, parsed; written to the cache under ``cache_key``."""
    try:
        data = read_yaml_text(text, file)
    except TemplateError as exc:
        return None, [exc]
    template, errors = build_template(data, file, topics)
    if cache_key is not None and template is not None:
        from quizmath.core.bank import cache

        if cache.store(cache_key, template):
            cache.written += 1
    return template, errors


def build_template(
    data: Any, file: str, topics: set[str] | None = None
) -> tuple[Template | None, list[TemplateError]]:
    problems = Problems(file)
    if not isinstance(data, LDict):
        problems.add("", f"expected a mapping of fields, got {kind_of(data)}", 1)
        return None, problems.errors
    f = Fields(data, problems)
    multipart = "parts" in data
    if multipart:
        for key in PER_PART:
            if key in data:
                f.error(key, f"a template with parts gives each part its own {key}: move it there")
        f.check_keys(MULTIPART_REQUIRED, MULTIPART_OPTIONAL + PER_PART)
    else:
        f.check_keys(REQUIRED, OPTIONAL)
    tid = f.text("id")
    if tid and not ID.match(tid):
        f.error(
            "id",
            f'"{tid}" is not a valid id: use area.name with lowercase letters, '
            "digits and -, e.g. linalg.dot-product",
        )
    topic = f.text("topic")
    if topic and topics is not None and topic not in topics:
        f.error("topic", f'unknown topic "{topic}" (see question_bank/curriculum.yaml)')
    comp = _Compiler(problems)
    symbols = tuple(f.names("symbols"))
    for s in symbols:
        _check_new_name(s, comp, f, "symbols")
    comp.known.update(symbols)
    params = _params(f, comp)
    where = _where(f, comp)
    prompt = (
        comp.text(data.get("prompt"), "prompt", f.line("prompt"), f.is_block("prompt"))
        if f.has("prompt")
        else None
    )
    parts: tuple[PartSpec, ...] = ()
    answer: AnswerSpec | None = None
    solution: Text | None = None
    hints: tuple[Text, ...] = ()
    mistakes: tuple[MistakeSpec, ...] = ()
    tests: tuple[TestSpec, ...] = ()
    if multipart:
        from quizmath.core.bank.parts import load_parts

        parts = load_parts(f, comp, symbols)
        if parts:
            answer, solution = parts[-1].answer, parts[-1].solution
    else:
        answer, hints, solution, mistakes = _body(f, comp, symbols)
        tests = _tests(f, comp)
    lint = _lint(f)
    plot = load_plot(data["plot"], f.line("plot"), comp) if f.has("plot") else None
    title, concept = f.text("title"), f.text("concept")
    difficulty, calculator = f.integer("difficulty", 1, 3, 1), f.boolean("calculator")
    if problems.errors or prompt is None or answer is None or solution is None:
        return None, problems.errors
    template = Template(
        id=tid,
        title=title,
        topic=topic,
        concept=concept,
        difficulty=difficulty,
        calculator=calculator,
        symbols=symbols,
        params=params,
        where=where,
        prompt=prompt,
        answer=answer,
        hints=hints,
        solution=solution,
        mistakes=mistakes,
        tests=tests,
        file=file,
        line=data.line,
        field_lines=dict(data.key_lines),
        lint=lint,
        plot=plot,
        parts=parts,
    )
    return template, []


def _body(
    f: Fields,
    comp: _Compiler,
    symbols: tuple[str, ...],
    after_answer: Callable[[], None] | None = None,
) -> tuple[AnswerSpec | None, tuple[Text, ...], Text | None, tuple[MistakeSpec, ...]]:
    """The answer, hints, solution and mistakes of a template, or of one of its parts
    (``after_answer`` runs between the answer and the rest: a part's name becomes known)."""
    answer = _answer(f, comp, symbols)
    if after_answer is not None:
        after_answer()
    hints, solution = _texts(f, comp, "hints"), _solution(f, comp)
    mistakes = _mistakes(f, comp)
    _mistakes_rule(f, answer)
    return answer, hints, solution, mistakes


def _solution(f: Fields, comp: _Compiler) -> Text | None:
    if not f.has("solution"):
        return None
    return comp.text(
        f.data.get("solution"), f.path("solution"), f.line("solution"), f.is_block("solution")
    )


def _mistakes_rule(f: Fields, answer: AnswerSpec | None) -> None:
    """Mistakes are required, except for a choice answer (feedback sits on its options)."""
    if answer is not None and answer.kind == "choice":
        if f.has("mistakes"):
            f.error("mistakes", "for a choice answer, put feedback on the options instead")
        elif not any(o.feedback for o in answer.options):
            f.error("answer.options", "give at least one wrong option a feedback")
    elif answer is not None and not f.has("mistakes"):
        f.problems.add(
            f.path("mistakes"),
            "required field is missing: list at least one typical mistake with feedback",
            f.data.line,
        )


def _check_new_name(name: str, comp: _Compiler, f: Fields, key: str) -> None:
    if name in CONSTANTS or name in BUILTINS:
        f.error(key, f'"{name}" is already the name of a constant or function')
    elif name in comp.known:
        f.error(key, f'"{name}" is defined twice')


def _params(f: Fields, comp: _Compiler) -> tuple[tuple[str, Compiled], ...]:
    mapping = f.mapping("params")
    out: list[tuple[str, Compiled]] = []
    for name, source in (mapping or {}).items():
        line = mapping.key_lines[name] if mapping else None
        if not NAME.match(name):
            f.problems.add(f"params.{name}", "a parameter name must be a plain identifier", line)
            continue
        compiled = comp.expr(source, f"params.{name}", line or 0)
        _check_new_name(name, comp, f, "params")
        comp.known.add(name)  # later params may use it (even if this one failed to parse)
        if compiled is not None:
            out.append((name, compiled))
    return tuple(out)


def _where(f: Fields, comp: _Compiler) -> tuple[Compiled, ...]:
    items = f.sequence("where", single_ok=True)
    out = []
    for k, item in enumerate(items or []):
        c = comp.expr(item, f"where[{k}]", items.item_lines[k] if items else 0)
        if c is not None:
            out.append(c)
    return tuple(out)


def _texts(f: Fields, comp: _Compiler, key: str) -> tuple[Text, ...]:
    items = f.sequence(key, single_ok=True)
    if items is not None and not items:
        f.error(key, "needs at least one entry")
    out = []
    for k, item in enumerate(items or []):
        line, block = (items.item_lines[k], k in items.block_items) if items else (0, False)
        t = comp.text(item, f"{f.path(key)}[{k}]", line, block)
        if t is not None:
            out.append(t)
    return tuple(out)


def _answer(f: Fields, comp: _Compiler, symbols: tuple[str, ...]) -> AnswerSpec | None:
    data = f.mapping("answer")
    if data is None:
        return None
    a = Fields(data, f.problems, f.path("answer."))
    a.check_keys(*ANSWER_FIELDS)
    kind = a.text("kind")
    if kind and kind not in KINDS:
        a.error("kind", f'unknown answer kind "{kind}"; one of: {", ".join(KINDS)}')
        return None
    value = comp.expr(data["value"], a.path("value"), a.line("value")) if a.has("value") else None
    text = a.text("text") if a.has("text") else None
    if kind == "choice":
        if (value is None) == (text is None) and not a.problems.errors:
            a.error("value", "a choice answer needs exactly one of value or text")
    elif not a.has("value"):
        a.problems.add(a.path("value"), "required field is missing", data.line)
    elif a.has("text"):
        a.error("text", "only a choice answer takes text")
    tolerance = a.number("tolerance")
    if tolerance is not None and kind not in ("real", "vector", "matrix", "set"):
        a.error("tolerance", f"a {kind} answer is compared exactly; remove the tolerance")
    variables = tuple(a.names("vars")) if a.has("vars") else ()
    if variables and kind != "expression":
        a.error("vars", "only an expression answer takes vars")
    for v in variables:
        if v not in symbols:
            a.error("vars", f'"{v}" is not one of the declared symbols')
    if kind == "expression" and not (variables or symbols):
        a.error("kind", "an expression answer needs declared symbols")
    options: list[Option] = []
    if a.has("options") and kind != "choice":
        a.error("options", "only a choice answer takes options")
    elif kind == "choice":
        items = a.sequence("options") or LList()
        if not items:
            a.problems.add(
                a.path("options"), "a choice answer needs at least one wrong option", data.line
            )
        for k, item in enumerate(items):
            options.append(_option(item, comp, f"{a.path('options')}[{k}]", items.item_lines[k]))
    return AnswerSpec(
        kind, value, text, tolerance, variables or symbols, tuple(options), f.line("answer")
    )


def _option(item: Any, comp: _Compiler, field: str, line: int) -> Option:
    if not isinstance(item, LDict):
        return Option(comp.expr(item, field, line), None, None, line)
    o = Fields(item, comp.problems, field + ".")
    o.check_keys(*OPTION_FIELDS)
    if o.has("value") == o.has("text"):
        o.error("value", "an option needs exactly one of value or text")
    value = comp.expr(item["value"], f"{field}.value", o.line("value")) if o.has("value") else None
    feedback = (
        comp.text(item["feedback"], f"{field}.feedback", o.line("feedback"), o.is_block("feedback"))
        if o.has("feedback")
        else None
    )
    return Option(value, o.text("text") if o.has("text") else None, feedback, line)


def _mistakes(f: Fields, comp: _Compiler) -> tuple[MistakeSpec, ...]:
    items = f.sequence("mistakes")
    if items is not None and not items:
        f.error("mistakes", "needs at least one typical mistake")
    out = []
    for k, item in enumerate(items or []):
        field, line = f"{f.path('mistakes')}[{k}]", items.item_lines[k] if items else 0
        if not isinstance(item, LDict):
            f.problems.add(field, "expected value: and feedback: lines", line)
            continue
        m = Fields(item, f.problems, field + ".")
        m.check_keys(*MISTAKE_FIELDS)
        value = (
            comp.expr(item["value"], f"{field}.value", m.line("value")) if m.has("value") else None
        )
        feedback = (
            comp.text(
                item["feedback"], f"{field}.feedback", m.line("feedback"), m.is_block("feedback")
            )
            if m.has("feedback")
            else None
        )
        when = comp.expr(item["when"], f"{field}.when", m.line("when")) if m.has("when") else None
        if value is not None and feedback is not None and (when is not None or not m.has("when")):
            out.append(MistakeSpec(value, feedback, line, when))
    return tuple(out)


def _tests(
    f: Fields,
    comp: _Compiler,
    *,
    least: int = 2,
    earlier: tuple[str, ...] | None = None,
    params_known: set[str] | None = None,
) -> tuple[TestSpec, ...]:
    """Self-tests; a part's (``earlier``: the labels of the parts before it) may also give
    earlier parts' answers as typed (``given``), and fix only ``params_known``."""
    items = f.sequence("tests")
    if items is not None and len(items) < least:
        f.error("tests", f"needs at least {'two self-tests' if least == 2 else 'one self-test'}")
    known = comp.known if params_known is None else params_known
    out = []
    for k, item in enumerate(items or []):
        field, line = f"{f.path('tests')}[{k}]", items.item_lines[k] if items else 0
        if not isinstance(item, LDict):
            f.problems.add(field, "expected a mapping with params, accept, reject", line)
            continue
        t = Fields(item, f.problems, field + ".")
        t.check_keys(*(TEST_FIELDS if earlier is None else PART_TEST_FIELDS))
        params: dict[str, Any] = {}
        for name, raw in (t.mapping("params") or {}).items():
            if name not in known or name in CONSTANTS:
                t.error("params", f'"{name}" is not a parameter of this template')
            elif isinstance(raw, str):
                c = comp.expr(raw, f"{field}.params.{name}", item["params"].key_lines[name])
                if c is not None:
                    params[name] = c
            else:
                params[name] = raw
        lists = {}
        for key in ("accept", "reject"):
            lists[key] = tuple(str(x) for x in t.sequence(key, single_ok=True) or [])
        answer = str(item["answer"]) if item.get("answer") is not None else None
        given = _given(t, earlier or ())
        if not (lists["accept"] or lists["reject"] or answer or given):
            t.error("accept", "a test needs at least one of answer, accept, reject")
        out.append(TestSpec(params, answer, lists["accept"], lists["reject"], line, given))
    return tuple(out)


def _given(t: Fields, earlier: tuple[str, ...]) -> dict[str, str]:
    """``given: {a: "98765"}``: earlier parts' answers as a learner typed them."""
    data = t.mapping("given")
    out: dict[str, str] = {}
    for label, typed in (data or {}).items():
        if label not in earlier:
            where = f"one of {', '.join(earlier)}" if earlier else "none: this is the first part"
            t.error("given", f'"{label}" is not an earlier part (labels: {where})')
        elif isinstance(typed, bool) or not isinstance(typed, str | int | float | LList):
            t.error("given", f"expected the answer typed to part ({label}), got {kind_of(typed)}")
        else:
            out[label] = _typed(typed)
    return out


def _typed(value: Any) -> str:
    """An answer written in YAML (text, a number, or a list for a vector) as typed."""
    if isinstance(value, LList):
        return "[" + ", ".join(_typed(x) for x in value) + "]"
    return str(value)


def _lint(f: Fields) -> LintSpec | None:
    """``lint: {ignore: [codes], reason: ...}``: quality warnings the author keeps, and why."""
    data = f.mapping("lint")
    if data is None:
        return None
    g = Fields(data, f.problems, "lint.")
    g.check_keys(*LINT_FIELDS)
    codes = g.sequence("ignore", single_ok=True) or LList()
    for k, code in enumerate(codes):
        if code not in LINT_CODES:
            f.problems.add(
                f"lint.ignore[{k}]",
                f"unknown warning {code!r}; one of: {', '.join(LINT_CODES)}",
                codes.item_lines[k],
            )
    reason = g.text("reason")
    return LintSpec(tuple(str(c) for c in codes), reason.strip(), f.line("lint"))
