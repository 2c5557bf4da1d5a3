"""The ``implement`` section: the functions and classes the learner writes, as data.

    implement:
      - function: project(v, u)
        doc: |
          The projection of v onto the line spanned by u. v and u have shape (n,).
      - class: LinearRegression(learning_rate=0.01, n_iterations=1000)
        doc: Linear regression fitted by batch gradient descent.
        attributes:
          weights: array of shape (d,), set by fit
        methods:
          fit(X, y): X has shape (n, d), y has shape (n,).
          predict(X): Predictions of shape (n,).

Each signature is read by ``steps.parse_signature``; the starter file is generated from these.
"""

from __future__ import annotations

from quizmath.core.bank.fields import Fields, kind_of
from quizmath.core.bank.yamlsource import LDict
from quizmath.core.exercises.model import Param, Signature, Step, Unit
from quizmath.core.exercises.steps import NotationError, parse_signature, plain_name


def read_implement(f: Fields) -> tuple[Unit, ...]:
    items = f.sequence("implement")
    if items is not None and not items:
        f.error("implement", "name at least one function or class to write")
    units: list[Unit] = []
    for k, item in enumerate(items or []):
        field, line = f"implement[{k}]", items.item_lines[k] if items else 0
        if not isinstance(item, LDict):
            f.problems.add(field, "expected function: or class: with a doc", line)
            continue
        u = Fields(item, f.problems, field + ".")
        kind = "class" if u.has("class") else "function"
        if u.has("class") == u.has("function"):
            u.error("function", "give exactly one of function: or class:")
            continue
        u.check_keys(
            ("doc",), ("function",) if kind == "function" else ("class", "methods", "attributes")
        )
        sig = _signature(u, kind, u.text("doc"))
        if sig is None:
            continue
        methods: list[Signature] = []
        attributes: list[tuple[str, str]] = []
        if kind == "class":
            data = u.mapping("methods") or LDict()
            if not data and not u.problems.errors:
                u.error("methods", "a class needs at least one method")
            for text, doc in data.items():
                mline = data.key_lines[text]
                if not isinstance(doc, str) or not doc.strip():
                    f.problems.add(f"{field}.methods", f"{text}: give the method a doc", mline)
                    continue
                try:
                    parsed = parse_signature(text)
                except NotationError as exc:
                    f.problems.add(f"{field}.methods", f"{text}: {exc}", mline)
                    continue
                if parsed.name == "__init__" or any(m.name == parsed.name for m in methods):
                    f.problems.add(f"{field}.methods", f'method "{parsed.name}" again', mline)
                    continue
                methods.append(Signature(parsed.name, _params(parsed.params), doc.strip(), mline))
            attrs = u.mapping("attributes") or LDict()
            for name, desc in attrs.items():
                aline = attrs.key_lines[name]
                try:
                    plain_name(name, "an attribute")
                except NotationError as exc:
                    f.problems.add(f"{field}.attributes", str(exc), aline)
                    continue
                if not isinstance(desc, str):
                    f.problems.add(
                        f"{field}.attributes.{name}", f"expected text, got {kind_of(desc)}", aline
                    )
                    continue
                attributes.append((name, desc.strip()))
        if any(unit.name == sig.name for unit in units):
            u.error(kind, f'"{sig.name}" is declared twice')
            continue
        units.append(Unit(kind, sig, tuple(methods), tuple(attributes)))
    return tuple(units)


def _signature(u: Fields, kind: str, doc: str) -> Signature | None:
    text = u.data.get(kind)
    if not isinstance(text, str):
        u.error(kind, f"expected a signature such as name(a, b=1), got {kind_of(text)}")
        return None
    try:
        parsed = parse_signature(text)
    except NotationError as exc:
        u.error(kind, str(exc))
        return None
    return Signature(parsed.name, _params(parsed.params), doc.strip(), u.line(kind))


def _params(raw: tuple[tuple[str, object, bool], ...]) -> tuple[Param, ...]:
    return tuple(Param(name, default, has) for name, default, has in raw)


def check_calls(steps: tuple[Step, ...], units: tuple[Unit, ...]) -> list[tuple[Step, str]]:
    """Steps that call something the learner is not asked to write, with the reason."""
    by_name = {u.name: u for u in units}
    classes: dict[str, Unit] = {}
    problems: list[tuple[Step, str]] = []
    for step in steps:
        if step.obj is None:
            unit = by_name.get(step.name)
            if unit is None:
                names = ", ".join(by_name) or "nothing"
                problems.append((step, f'"{step.name}" is not in implement (it declares {names})'))
                continue
            if unit.kind == "class" and len(step.targets) == 1:
                classes[step.targets[0]] = unit
            continue
        owner = classes.get(step.obj)
        if owner is None:
            problems.append((step, f'"{step.obj}" is not an object made by an earlier step'))
        elif step.call and not any(m.name == step.name for m in owner.methods):
            problems.append((step, f'{owner.name} has no method "{step.name}" in implement'))
        elif not step.call and not any(a == step.name for a, _ in owner.attributes):
            problems.append((step, f'{owner.name} has no attribute "{step.name}" in implement'))
    return problems
