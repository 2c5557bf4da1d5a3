"""The starter of ``quizmath new ID --parts N``: a multi-part template that validates as written.

A chain of N steps, each part computed from the one before (its ``name``), so the file shows
everything a multi-part template has: the shared prompt, one prompt line per part, a part's
value read by the next, per-part hints, solution, mistakes and self-tests, and a self-test that
checks an error carried forward (``given``: the earlier part answered wrong).
"""

from __future__ import annotations

from quizmath.core.bank.parts import LABELS, MIN_PARTS
from quizmath.core.bank.starter import HEADER

CHAIN_KINDS = ("integer", "exact", "real")  # the chain's values are whole numbers
TEST = {"a": 2, "b": 3, "c": 1}  # the self-tests' parameters


def starter_parts_text(
    template_id: str, kind: str, topic: str, concept: str, file: str, parts: int
) -> str:
    """The starter for ``template_id`` with ``parts`` parts, each answer of ``kind``."""
    if kind not in CHAIN_KINDS:
        raise ValueError(f"--parts writes a chain of numbers: use --kind {', '.join(CHAIN_KINDS)}")
    if not MIN_PARTS <= parts <= len(LABELS):
        raise ValueError(f"--parts is {MIN_PARTS} to {len(LABELS)}, not {parts}")
    head = HEADER.format(id=template_id, topic=topic, concept=concept, file=file)
    out = [
        head,
        "# TODO: the random parameters, drawn top to bottom; only here may numbers be drawn.\n",
        "params:\n  a: randint(2, 9)\n  b: randint(2, 5)\n  c: randint(1, 6)\n",
        "# TODO: the shared question, shown above every part. Each part adds its own line.\n",
        "prompt: |\n",
        "  TODO: A sequence starts at s₀ = {a}; each step multiplies by {b} and adds {c}.\n",
        "# Each part: its own prompt line, answer, hints, solution, mistakes and self-tests.\n",
        "# A part's name is how later parts (and its own texts) read its value; when a learner\n",
        "# gets a part wrong, later parts are also accepted when right from the learner's value.\n",
        "parts:\n",
    ]
    values = [TEST["a"]]
    for k in range(parts):
        values.append(values[-1] * TEST["b"] + TEST["c"])
        out.append(_part(k, kind, values))
    return "".join(out)


def _part(k: int, kind: str, values: list[int]) -> str:
    n, prev = k + 1, ("a" if k == 0 else f"s{k}")
    tolerance = ", tolerance: 1e-3" if kind == "real" else ""
    a, b, c = TEST["a"], TEST["b"], TEST["c"]
    text = (
        f"  - name: s{n}\n"
        f"    prompt: TODO this part's question. Find s{_sub(n)}.\n"
        f"    answer: {{kind: {kind}, value: {prev} * b + c{tolerance}}}\n"
        "    hints:\n"
        f'      - "TODO: Multiply s{_sub(k)} by {{b}}, then add {{c}}."\n'
        "    solution: |\n"
        f"      TODO: s{_sub(n)} = {{b}}·{{{prev}}} + {{c}} = {{s{n}}}.\n"
        "    mistakes:\n"
        f"      - value: {prev} * b - c\n"
        "        feedback: TODO That subtracts {c}; each step adds it.\n"
        "    tests:\n"
        f"      - params: {{a: {a}, b: {b}, c: {c}}}\n"
        f'        answer: "{values[n]}"\n'
        f'        reject: ["{values[k] * b - c}"]\n'
    )
    if k > 0:
        wrong = values[k] + 10  # the part before, answered wrong
        text += (
            f"      # part ({LABELS[k - 1]}) answered wrong: this part is right when computed\n"
            "      # from the learner's own answer (the error carried forward)\n"
            f"      - params: {{a: {a}, b: {b}, c: {c}}}\n"
            f'        given: {{{LABELS[k - 1]}: "{wrong}"}}\n'
            f'        answer: "{wrong * b + c}"\n'
        )
    return text


def _sub(n: int) -> str:
    return "".join("₀₁₂₃₄₅₆₇₈₉"[int(d)] for d in str(n))
