"""Loading one exercise file: YAML → checked fields → parsed expressions and steps → ``Exercise``.

The file is read like a template (safe YAML with line numbers, unknown fields refused, every
expression parsed by the template language and every name checked), so a broken file is
reported as ``file:line: field: message`` and runs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from quizmath.core.bank.fields import NAME, Fields, Problems, kind_of
from quizmath.core.bank.loader import CONSTANTS, ID, _Compiler, _where  # the same rules
from quizmath.core.bank.model import Compiled
from quizmath.core.bank.yamlsource import LDict, LList, read_yaml_file
from quizmath.core.engine.catalog import BUILTINS
from quizmath.core.errors import TemplateError
from quizmath.core.exercises.implement import check_calls, read_implement
from quizmath.core.exercises.model import (
    DEFAULT_ATOL,
    DEFAULT_RTOL,
    DEFAULT_SEEDS,
    Case,
    Exercise,
    Expect,
    Probe,
    Step,
)
from quizmath.core.exercises.steps import CALLABLE, NotationError, parse_step
from quizmath.core.expr.nodes import Call, Node

BANNED = re.compile(r"^(@|\.[A-Za-z_]\w*|[A-Za-z_]\w*(\.[A-Za-z_]\w*)*)$")
REQUIRED = (
    "id",
    "title",
    "topic",
    "concept",
    "difficulty",
    "task",
    "implement",
    "run",
    "expect",
    "hints",
    "solution",
    "misconceptions",
)
OPTIONAL = ("symbols", "params", "where", "compute", "cases", "banned", "tolerance", "seeds")
MAX_SEEDS = 50


class _Names(_Compiler):
    """The template loader's expression checks, plus names defined by this file's sections
    and names that exist only inside one case (a repeated variable, the results)."""

    @contextmanager
    def also(self, extra: frozenset[str]) -> Iterator[None]:
        added = extra - self.known
        self.known |= added
        try:
            yield
        finally:
            self.known -= added

    def define(self, name: str, f: Fields, key: str, line: int | None) -> None:
        if not NAME.match(name):
            f.problems.add(f"{key}.{name}", "a name must be a plain identifier", line)
        elif name in CONSTANTS or name in BUILTINS or name == CALLABLE:
            f.problems.add(key, f'"{name}" is already the name of a constant or function', line)
        elif name in self.known:
            f.problems.add(key, f'"{name}" is defined twice', line)
        self.known.add(name)


def load_exercise(
    path: Path, topics: set[str] | None = None
) -> tuple[Exercise | None, list[TemplateError]]:
    """One file → an Exercise, or None with every error found."""
    try:
        data = read_yaml_file(path)
    except TemplateError as exc:
        return None, [exc]
    return build_exercise(data, str(path), topics)


def build_exercise(
    data: Any, file: str, topics: set[str] | None = None
) -> tuple[Exercise | None, list[TemplateError]]:
    problems = Problems(file)
    if not isinstance(data, LDict):
        problems.add("", f"expected a mapping of fields, got {kind_of(data)}", 1)
        return None, problems.errors
    f = Fields(data, problems)
    f.check_keys(REQUIRED, OPTIONAL)
    eid = f.text("id")
    if eid and not ID.match(eid):
        f.error("id", f'"{eid}" is not a valid id: use area.name, e.g. ml.linreg-from-scratch')
    topic = f.text("topic")
    if topic and topics is not None and topic not in topics:
        f.error("topic", f'unknown topic "{topic}" (see question_bank/curriculum.yaml)')
    names = _Names(problems)
    symbols = tuple(f.names("symbols"))
    for s in symbols:
        names.define(s, f, "symbols", f.line("symbols"))
    params = _ordered(f, names, "params")
    where = _where(f, names)  # the template loader's, as the rules are the same
    compute = _ordered(f, names, "compute")
    before = len(problems.errors)
    implement = read_implement(f)
    implement_ok = len(problems.errors) == before
    tolerance = _tolerance(
        f.mapping("tolerance"), problems, "tolerance", (DEFAULT_RTOL, DEFAULT_ATOL)
    )
    run = _steps(f.sequence("run"), names, problems, "run", frozenset())
    targets = {t for s in run for t in s.targets}
    expect = _expect(f.mapping("expect"), names, problems, "expect", tolerance, targets, f)
    outputs = set(f.mapping("expect") or ()) & targets  # even if an expression did not compile
    cases = _cases(f, names, tolerance, targets, outputs)
    misconceptions = _probes(f, names, outputs)
    for steps in (run, *(c.run for c in cases if c.run is not None)) if implement_ok else ():
        for step, message in check_calls(steps, implement):
            problems.add("run", message, step.line)
    banned = _banned(f)
    hints = _texts(f, "hints")
    seeds = f.integer("seeds", 1, MAX_SEEDS, DEFAULT_SEEDS)
    title, concept, task = f.text("title"), f.text("concept"), f.text("task")
    solution = f.text("solution")
    difficulty = f.integer("difficulty", 1, 3, 1)
    if problems.errors:
        return None, problems.errors
    exercise = Exercise(
        id=eid,
        title=title,
        topic=topic,
        concept=concept,
        difficulty=difficulty,
        task=task.strip("\n"),
        implement=implement,
        symbols=symbols,
        params=params,
        where=where,
        compute=compute,
        run=run,
        expect=expect,
        cases=cases,
        banned=banned,
        hints=hints,
        solution=solution.strip("\n") + "\n",
        misconceptions=misconceptions,
        file=file,
        seeds=seeds,
        line=data.line,
        field_lines=dict(data.key_lines),
    )
    return exercise, []


def _ordered(f: Fields, names: _Names, key: str) -> tuple[tuple[str, Compiled], ...]:
    mapping = f.mapping(key)
    out: list[tuple[str, Compiled]] = []
    for name, source in (mapping or {}).items():
        line = mapping.key_lines[name] if mapping else 0
        compiled = names.expr(source, f"{key}.{name}", line)
        names.define(name, f, key, line)  # later entries may use it (even if this one failed)
        if compiled is not None:
            out.append((name, compiled))
    return tuple(out)


def _tolerance(
    data: LDict | None, problems: Problems, field: str, default: tuple[float, float]
) -> tuple[float, float]:
    if data is None:
        return default
    t = Fields(data, problems, field + ".")
    t.check_keys((), ("rtol", "atol"))
    return (_positive(t, "rtol", default[0]), _positive(t, "atol", default[1]))


def _positive(f: Fields, key: str, default: float) -> float:
    value = f.data.get(key)
    if value is None:
        return default
    try:
        if isinstance(value, bool):
            raise ValueError
        number = float(value)
    except (TypeError, ValueError):
        f.error(key, f"expected a number, got {kind_of(value)}")
        return default
    if not 0 <= number < 1:
        f.error(key, f"expected a tolerance from 0 up to 1, got {value}")
        return default
    return number


def _steps(
    items: LList | None, names: _Names, problems: Problems, field: str, extra: frozenset[str]
) -> tuple[Step, ...]:
    if items is None:
        return ()
    if not items:
        problems.add(field, "needs at least one step", items.line)
    out: list[Step] = []
    objects: set[str] = set()
    for k, item in enumerate(items):
        where, line = f"{field}[{k}]", items.item_lines[k]
        if not isinstance(item, str):
            problems.add(
                where, f"expected a step such as f(x) or w = model.w, got {kind_of(item)}", line
            )
            continue
        try:
            parsed = parse_step(item)
        except NotationError as exc:
            problems.add(where, str(exc), line)
            continue
        if parsed.obj is not None and parsed.obj not in objects:
            problems.add(where, f'"{parsed.obj}" is not a result of an earlier step', line)
            continue
        args: list[Compiled] = []
        kwargs: list[tuple[str, Compiled]] = []
        ok = True
        if parsed.call is not None:
            for node in parsed.call.args:
                c = _argument(node, item, names, problems, where, line, extra)
                ok = ok and c is not None
                if c is not None:
                    args.append(c)
            for key, node in parsed.call.kwargs:
                c = _argument(node, item, names, problems, where, line, extra)
                ok = ok and c is not None
                if c is not None:
                    kwargs.append((key, c))
        objects.update(parsed.targets)
        if ok:
            out.append(
                Step(
                    parsed.targets,
                    parsed.obj,
                    parsed.name,
                    parsed.call is not None,
                    tuple(args),
                    tuple(kwargs),
                    item,
                    line,
                )
            )
    return tuple(out)


def _argument(
    node: Node,
    source: str,
    names: _Names,
    problems: Problems,
    field: str,
    line: int,
    extra: frozenset[str],
) -> Compiled | None:
    """A step argument: an expression, or fn(f, vars) for a polynomial passed as a function."""
    with names.also(extra):
        if isinstance(node, Call) and node.func == CALLABLE:
            if len(node.args) != 2 or node.kwargs:
                message = f"{CALLABLE}(f, vars) takes a polynomial and its variable(s)"
                problems.add(field, message, line)
                return None
            ok = all(names._names_ok(a, field, line) for a in node.args)
        else:
            ok = names._names_ok(node, field, line)
    return Compiled(source, node, line, field) if ok else None


def _expect(
    data: LDict | None,
    names: _Names,
    problems: Problems,
    field: str,
    tolerance: tuple[float, float],
    targets: set[str],
    f: Fields,
) -> tuple[Expect, ...]:
    if data is None:
        return ()
    if not data:
        problems.add(field, "name at least one result to check", data.line)
    out = []
    for output, spec in data.items():
        line = data.key_lines[output]
        where = f"{field}.{output}"
        if output not in targets:
            problems.add(where, f'"{output}" is not a result of the run steps', line)
            continue
        rtol, atol, up_to_sign, source = tolerance[0], tolerance[1], False, spec
        if isinstance(spec, LDict):
            e = Fields(spec, problems, where + ".")
            e.check_keys(("value",), ("rtol", "atol", "up_to_sign"))
            rtol, atol = _positive(e, "rtol", tolerance[0]), _positive(e, "atol", tolerance[1])
            up_to_sign = e.boolean("up_to_sign")
            source = spec.get("value")
            line = e.line("value")
        c = names.expr(source, where, line)
        if c is not None:
            out.append(Expect(output, c, rtol, atol, up_to_sign, line))
    return tuple(out)


def _cases(
    f: Fields,
    names: _Names,
    tolerance: tuple[float, float],
    main_targets: set[str],
    main_outputs: set[str],
) -> tuple[Case, ...]:
    items = f.sequence("cases")
    out = []
    for k, item in enumerate(items or []):
        field, line = f"cases[{k}]", items.item_lines[k] if items else 0
        if not isinstance(item, LDict):
            f.problems.add(field, "expected a mapping with name, params, run, expect", line)
            continue
        c = Fields(item, f.problems, field + ".")
        c.check_keys(("name",), ("params", "run", "expect", "repeat", "non_increasing"))
        params: dict[str, Any] = {}
        given = c.mapping("params") or LDict()
        for name, raw in given.items():
            pline = given.key_lines[name]
            if name not in names.known or name in CONSTANTS:
                f.problems.add(f"{field}.params", f'"{name}" is not a parameter', pline)
            elif isinstance(raw, str | LList):
                compiled = names.expr(raw, f"{field}.params.{name}", pline)
                if compiled is not None:
                    params[name] = compiled
            elif isinstance(raw, bool) or not isinstance(raw, int | float):
                f.problems.add(
                    f"{field}.params.{name}", f"expected a value, got {kind_of(raw)}", pline
                )
            else:
                params[name] = raw
        repeat = None
        extra: frozenset[str] = frozenset()
        spec = c.mapping("repeat")
        if spec is not None:
            if len(spec) != 1:
                c.error("repeat", "repeat one variable over a list: repeat: {k: [1, 2, 5]}")
            else:
                ((var, values),) = spec.items()
                compiled = names.expr(values, f"{field}.repeat.{var}", spec.key_lines[var])
                if var in names.known:
                    c.error("repeat", f'"{var}" is already a name in this exercise')
                elif compiled is not None:
                    repeat, extra = (var, compiled), frozenset({var})
        run = None
        if c.has("run"):
            run = _steps(c.sequence("run"), names, f.problems, f"{field}.run", extra)
        targets = {t for s in run for t in s.targets} if run is not None else main_targets
        expect = None
        if c.has("expect"):
            expect = _expect(
                c.mapping("expect"), names, f.problems, f"{field}.expect", tolerance, targets, f
            )
        elif run is not None and not c.has("non_increasing"):
            for output in sorted(main_outputs - targets):
                c.error("run", f'the steps do not compute "{output}"; give this case its expect')
        non_increasing = None
        if c.has("non_increasing"):
            if repeat is None:
                c.error("non_increasing", "a sequence over repeated runs needs repeat")
            with names.also(frozenset(targets) | extra):
                non_increasing = names.expr(
                    item["non_increasing"], f"{field}.non_increasing", c.line("non_increasing")
                )
        if repeat is not None and non_increasing is None and expect is None:
            c.error("repeat", "a repeated case checks non_increasing (or its own expect)")
        out.append(Case(c.text("name"), params, run, expect, repeat, non_increasing, line))
    return tuple(out)


def _probes(f: Fields, names: _Names, outputs: set[str]) -> tuple[Probe, ...]:
    items = f.sequence("misconceptions")
    if items is not None and not items:
        f.error("misconceptions", "list at least one typical bug and how to recognise it")
    out: list[Probe] = []
    seen: set[str] = set()
    for k, item in enumerate(items or []):
        field, line = f"misconceptions[{k}]", items.item_lines[k] if items else 0
        if not isinstance(item, LDict):
            f.problems.add(field, "expected a mapping with id, outputs and feedback", line)
            continue
        p = Fields(item, f.problems, field + ".")
        p.check_keys(("id", "feedback"), ("outputs", "nonfinite", "shapes"))
        pid = p.text("id")
        if pid and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", pid):
            p.error("id", "an id is lowercase letters, digits and -, e.g. missing-1-over-n")
        if pid in seen:
            p.error("id", f'"{pid}" is used twice')
        seen.add(pid)
        values = _named_exprs(p, names, "outputs", outputs, field)
        shapes = _named_exprs(p, names, "shapes", outputs, field)
        nonfinite = tuple(p.names("nonfinite"))
        for name in nonfinite:
            if name not in outputs:
                p.error("nonfinite", f'"{name}" is not a checked result')
        if not (values or shapes or nonfinite) and not f.problems.errors:
            p.error("id", "give outputs, shapes or nonfinite to recognise this bug by")
        out.append(Probe(pid, values, nonfinite, shapes, p.text("feedback").strip(), line))
    return tuple(out)


def _named_exprs(
    p: Fields, names: _Names, key: str, outputs: set[str], field: str
) -> tuple[tuple[str, Compiled], ...]:
    data = p.mapping(key)
    out = []
    for name, source in (data or {}).items():
        line = data.key_lines[name] if data else 0
        if name not in outputs:
            p.problems.add(f"{field}.{key}.{name}", f'"{name}" is not a checked result', line)
            continue
        c = names.expr(source, f"{field}.{key}.{name}", line)
        if c is not None:
            out.append((name, c))
    return tuple(out)


def _banned(f: Fields) -> tuple[str, ...]:
    items = f.sequence("banned", single_ok=True)
    out = []
    for k, item in enumerate(items or []):
        if not isinstance(item, str) or not BANNED.match(item):
            f.problems.add(
                f"banned[{k}]",
                f"expected a dotted name (numpy.linalg.inv), a method (.dot) or @, got {item!r}",
                items.item_lines[k] if items else None,
            )
            continue
        out.append(item)
    return tuple(out)


def _texts(f: Fields, key: str) -> tuple[str, ...]:
    items = f.sequence(key, single_ok=True)
    if items is not None and not items:
        f.error(key, "needs at least one entry")
    out = []
    for k, item in enumerate(items or []):
        if not isinstance(item, str) or not item.strip():
            f.problems.add(
                f"{key}[{k}]",
                f"expected text, got {kind_of(item)}",
                items.item_lines[k] if items else 0,
            )
            continue
        out.append(item.strip())
    return tuple(out)
