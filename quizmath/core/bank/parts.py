"""Loading the ``parts:`` of a multi-part template.

Each part is a mapping with its own ``prompt`` (one line under the shared prompt), ``answer``,
``hints``, ``solution``, ``mistakes`` and ``tests``, read by the same code as a single-answer
template's (``loader._body``, ``loader._tests``). A part may have a ``name``: from the next
part on, expressions read the part's value by that name. Its own texts and mistakes may use it
too (its true value); its prompt may not, since every part's prompt is shown from the start.
"""

from __future__ import annotations

from quizmath.core.bank.fields import NAME, Fields
from quizmath.core.bank.loader import (
    PART_FIELDS,
    _body,
    _check_new_name,
    _Compiler,
    _tests,
)
from quizmath.core.bank.model import PartSpec
from quizmath.core.bank.yamlsource import LDict
from quizmath.core.expr import free_names

LABELS = "abcdefgh"  # parts are (a), (b), … ; at most this many
MIN_PARTS = 2


def load_parts(f: Fields, comp: _Compiler, symbols: tuple[str, ...]) -> tuple[PartSpec, ...]:
    items = f.sequence("parts")
    if items is None:
        return ()
    if not MIN_PARTS <= len(items) <= len(LABELS):
        f.error(
            "parts",
            f"give {MIN_PARTS} to {len(LABELS)} parts, not {len(items)} "
            "(a problem with one answer is written with answer: instead)",
        )
        if len(items) > len(LABELS):
            return ()
    shared = set(comp.known)  # parameters and symbols: what every prompt may show
    out: list[PartSpec] = []
    names: list[str] = []
    for k, item in enumerate(items):
        field, line = f"parts[{k}]", items.item_lines[k]
        if not isinstance(item, LDict):
            f.problems.add(field, "expected a mapping: prompt, answer, hints, solution …", line)
            continue
        part = _part(Fields(item, f.problems, field + "."), comp, symbols, k, shared, names)
        if part is not None:
            out.append(part)
    return tuple(out)


def _part(
    p: Fields,
    comp: _Compiler,
    symbols: tuple[str, ...],
    k: int,
    shared: set[str],
    names: list[str],
) -> PartSpec | None:
    p.check_keys(*PART_FIELDS)
    errors = len(p.problems.errors)
    name = None
    if p.has("name"):
        raw = p.data.get("name")
        if not isinstance(raw, str) or not NAME.match(raw):
            p.error("name", f"expected a name (letters, digits, _), got {raw!r}")
        else:
            name = raw
    # The prompt is shown before any part is answered: it may show parameters only.
    known, comp.known = comp.known, set(shared)
    try:
        prompt = (
            comp.text(
                p.data.get("prompt"), p.path("prompt"), p.line("prompt"), p.is_block("prompt")
            )
            if p.has("prompt")
            else None
        )
    finally:
        comp.known = known
    if name is not None:
        _check_new_name(name, comp, p, "name")

    def known_from_here() -> None:
        # After the answer: it may not read its own value, but its texts and mistakes may.
        if name is not None:
            comp.known.add(name)
            names.append(name)

    answer_spec, hints, solution, mistakes = _body(p, comp, symbols, known_from_here)
    labels = tuple(LABELS[:k])
    tests = _tests(p, comp, least=1, earlier=labels, params_known=shared)
    if len(p.problems.errors) > errors or None in (prompt, answer_spec, solution):
        return None
    assert prompt is not None and answer_spec is not None and solution is not None
    reads: tuple[str, ...] = ()
    if answer_spec.value is not None:
        used = free_names(answer_spec.value.node)
        reads = tuple(n for n in names if n in used and n != name)
    return PartSpec(
        LABELS[k],
        name,
        prompt,
        answer_spec,
        hints,
        solution,
        mistakes,
        tests,
        p.data.line,
        reads,
    )
