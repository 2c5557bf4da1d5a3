"""JSON Schema (draft 7, what yaml-language-server reads) for the bank's YAML files.

The field names come from the loaders' own lists (``loader.REQUIRED``, ``loader.ANSWER_FIELDS``,
``content.REQUIRED`` …), so a field the loader accepts is a field the schema knows, and the
schema forbids every other one, as the loader does. What each field holds is described here, in
``TYPES``; a field the loaders gained without an entry here is still accepted (any value) and
``missing_types()`` names it, which a test turns into a failure.

Exact checks stay with the loader and ``quizmath validate`` (expressions parse, names exist,
placeholders render); the schema is for completion and early errors while typing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Schema = dict[str, Any]
Fields = tuple[tuple[str, ...], tuple[str, ...]]  # (required, optional)

KINDS_OF_FILE = ("template", "interview", "exercise")
DRAFT = "http://json-schema.org/draft-07/schema#"

# -- building blocks --------------------------------------------------------------------------

TEXT: Schema = {"type": "string", "minLength": 1}
SCALAR_TEXT: Schema = {"type": ["string", "number"]}
# An expression in quizmath's language; a number is an expression too, and a YAML list is
# read as a vector or matrix.
EXPRESSION: Schema = {
    "type": ["string", "number", "array"],
    "description": "an expression in quizmath's expression language (docs/templates.md)",
}
NAME: Schema = {"type": "string", "pattern": r"^[A-Za-z_][A-Za-z0-9_]*$"}


def _one_or_many(item: Schema, min_items: int = 0) -> Schema:
    many: Schema = {"type": "array", "items": item}
    if min_items:
        many["minItems"] = min_items
    return {"anyOf": [item, many]}


def _texts(min_items: int = 0) -> Schema:
    return _one_or_many(TEXT, min_items)


def _integer(lo: int, hi: int, description: str) -> Schema:
    return {"type": "integer", "minimum": lo, "maximum": hi, "description": description}


def _mapping(fields: Fields, types: dict[str, Schema], description: str = "") -> Schema:
    required, optional = fields
    out: Schema = {
        "type": "object",
        "properties": {name: types.get(name, {}) for name in (*required, *optional)},
        "additionalProperties": False,
    }
    if required:
        out["required"] = list(required)
    if description:
        out["description"] = description
    return out


# -- templates --------------------------------------------------------------------------------


def _template_types() -> dict[str, dict[str, Schema]]:
    """What each field of each mapping of a template holds, keyed by mapping, then field."""
    from quizmath.core.bank.loader import ID
    from quizmath.core.bank.model import LINT_CODES
    from quizmath.core.kinds import KINDS
    from quizmath.core.render.plot import MAX_SERIES, PLOT_KINDS

    option = {
        "value": EXPRESSION,
        "text": {**SCALAR_TEXT, "description": "literal text of the option"},
        "feedback": {**TEXT, "description": "shown when a learner picks this option"},
    }
    number_text = {"type": "string", "pattern": r"^[0-9.]+([eE][-+]?[0-9]+)?$"}
    fraction = {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}
    answer = {
        "kind": {"enum": list(KINDS), "description": "how the answer is typed and compared"},
        "value": EXPRESSION,
        "text": {**SCALAR_TEXT, "description": "a choice answer's right option as literal text"},
        "tolerance": {
            "anyOf": [
                fraction,
                number_text,
            ],
            "description": "relative tolerance (real, vector, matrix, set), e.g. 1e-3",
        },
        "vars": _one_or_many(NAME),
        "options": {
            "type": "array",
            "minItems": 1,
            "description": "the wrong options of a choice answer",
            "items": {"anyOf": [EXPRESSION, {"$ref": "#/definitions/option"}]},
        },
    }
    mistake = {
        "value": {**EXPRESSION, "description": "what a learner making this mistake answers"},
        "feedback": {**TEXT, "description": "what that learner is told"},
        "when": {
            **EXPRESSION,
            "description": "a condition: the instances this mistake belongs to (default: all)",
        },
    }
    test = {
        "params": {"type": "object", "description": "parameters fixed for this self-test"},
        "answer": {**SCALAR_TEXT, "description": "the expected answer as rendered"},
        "accept": _one_or_many(SCALAR_TEXT),
        "reject": _one_or_many(SCALAR_TEXT),
    }
    plot_kind = {"enum": list(PLOT_KINDS), "description": "line, scatter or bar"}
    plot = {
        "series": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_SERIES,
            "items": {"$ref": "#/definitions/series"},
        },
        "title": TEXT,
        "x_label": TEXT,
        "y_label": TEXT,
        "kind": plot_kind,
        "x_range": {**EXPRESSION, "description": "[low, high] of the x-axis"},
        "y_range": {**EXPRESSION, "description": "[low, high] of the y-axis"},
        "x_ticks": {**EXPRESSION, "description": "where the x-axis is labelled"},
        "y_ticks": {**EXPRESSION, "description": "where the y-axis is labelled"},
    }
    series = {
        "x": {**EXPRESSION, "description": "a list of numbers"},
        "y": {**EXPRESSION, "description": "a list of numbers, as many as x"},
        "label": {**TEXT, "description": "shown in the legend"},
        "kind": plot_kind,
    }
    part_test = {
        **test,
        "answer": {
            **SCALAR_TEXT,
            "description": "the expected answer as rendered (with given: the one carried forward)",
        },
        "given": {
            "type": "object",
            "propertyNames": {"pattern": "^[a-h]$"},
            "additionalProperties": {"type": ["string", "number", "array"]},
            "description": "earlier parts answered as typed, by label: {a: '98765'}",
        },
    }
    part = {
        "name": {**NAME, "description": "how later parts read this part's value"},
        "prompt": {**TEXT, "description": "the part's own question, under the shared prompt"},
        "answer": {"$ref": "#/definitions/answer"},
        "hints": _texts(1),
        "solution": TEXT,
        "mistakes": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/mistake"}},
        "tests": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/part_test"}},
    }
    lint = {
        "ignore": _one_or_many({"enum": list(LINT_CODES)}, 1),
        "reason": {**TEXT, "description": "why the warning is kept"},
    }
    top = {
        "id": {
            "type": "string",
            "pattern": ID.pattern,
            "description": "area.name, e.g. linalg.dot-product",
        },
        "title": TEXT,
        "topic": {"type": "string", "description": "<area>/<topic> from curriculum.yaml"},
        "concept": {"type": "string", "description": "a page in question_bank/concepts/"},
        "difficulty": _integer(1, 3, "1 easy, 2 medium, 3 hard"),
        "calculator": {"type": "boolean"},
        "symbols": _one_or_many(NAME),
        "params": {
            "type": "object",
            "propertyNames": NAME,
            "additionalProperties": EXPRESSION,
            "description": "name: expression, drawn top to bottom",
        },
        "where": _one_or_many(EXPRESSION),
        "prompt": TEXT,
        "answer": {"$ref": "#/definitions/answer"},
        "hints": _texts(1),
        "solution": TEXT,
        "mistakes": {"type": "array", "minItems": 1, "items": {"$ref": "#/definitions/mistake"}},
        "tests": {"type": "array", "minItems": 2, "items": {"$ref": "#/definitions/test"}},
        "lint": {"$ref": "#/definitions/lint"},
        "plot": {"$ref": "#/definitions/plot"},
        "parts": {
            "type": "array",
            "minItems": 2,
            "maxItems": 8,
            "items": {"$ref": "#/definitions/part"},
            "description": "a multi-part problem: (a), (b), … each with its own answer",
        },
    }
    return {
        "template": top,
        "answer": answer,
        "option": option,
        "mistake": mistake,
        "test": test,
        "lint": lint,
        "plot": plot,
        "series": series,
        "part": part,
        "part_test": part_test,
    }


def _template_fields() -> dict[str, Fields]:
    from quizmath.core.bank import loader, plot_spec

    return {
        "template": (loader.REQUIRED, (*loader.OPTIONAL, "parts")),
        "answer": loader.ANSWER_FIELDS,
        "option": loader.OPTION_FIELDS,
        "mistake": loader.MISTAKE_FIELDS,
        "test": loader.TEST_FIELDS,
        "lint": loader.LINT_FIELDS,
        "plot": plot_spec.PLOT_FIELDS,
        "series": plot_spec.SERIES_FIELDS,
        "part": loader.PART_FIELDS,
        "part_test": loader.PART_TEST_FIELDS,
    }


def template_schema(topics: list[str] | None = None) -> Schema:
    from quizmath.core.bank import loader

    fields, types = _template_fields(), _template_types()
    if topics:
        types["template"]["topic"] = {**types["template"]["topic"], "enum": sorted(topics)}
    # One mapping holds the fields of both forms; which are required depends on the form:
    # a single answer (answer, hints, solution, tests …) or parts (each with its own).
    out = _mapping(fields["template"], types["template"], "a quizmath question template")
    out["required"] = [k for k in loader.REQUIRED if k in loader.MULTIPART_REQUIRED]
    out["definitions"] = {
        name: _mapping(fields[name], types[name]) for name in fields if name != "template"
    }
    # if/then/else rather than oneOf: a validator then names the missing or extra field.
    out["if"] = {"required": ["parts"]}
    out["then"] = {"allOf": [{"not": {"required": [k]}} for k in loader.PER_PART]}
    out["else"] = {
        "required": [k for k in loader.REQUIRED if k not in loader.MULTIPART_REQUIRED],
        **_mistakes_rule(),
    }
    out["definitions"]["part"].update(_mistakes_rule())
    return {"$schema": DRAFT, "title": "quizmath template", **out}


def _mistakes_rule() -> Schema:
    """Mistakes are required, except for a choice answer, which puts feedback on its options."""
    return {
        "if": {
            "properties": {"answer": {"properties": {"kind": {"const": "choice"}}}},
            "required": ["answer"],
        },
        "else": {"required": ["mistakes"]},
    }


# -- interview questions ----------------------------------------------------------------------


def _interview_types() -> dict[str, Schema]:
    from quizmath.core.content import SLUG

    return {
        "id": {"type": "string", "pattern": SLUG.pattern, "description": "the file's name"},
        "question": TEXT,
        "topic": {"type": "string", "description": "<area>/<topic> from curriculum.yaml"},
        "difficulty": _integer(1, 3, "1 easy, 2 medium, 3 hard"),
        "order": _integer(1, 10**6, "position in the sequence of interview questions"),
        "answer": {**TEXT, "description": "a model answer (Markdown)"},
        "key_points": {"type": "array", "minItems": 1, "items": TEXT},
        "follow_ups": {"type": "array", "items": TEXT},
    }


def interview_schema(topics: list[str] | None = None) -> Schema:
    from quizmath.core import content

    types = _interview_types()
    if topics:
        types["topic"] = {**types["topic"], "enum": sorted(topics)}
    out = _mapping((content.REQUIRED, content.OPTIONAL), types, "a quizmath interview question")
    return {"$schema": DRAFT, "title": "quizmath interview question", **out}


# -- coding exercises -------------------------------------------------------------------------
# The top-level fields come from the exercise loader's lists; the nested mappings mirror its
# check_keys calls (core/exercises/loader.py, implement.py), which a test holds the schema to.

TOLERANCE_FIELDS: Fields = ((), ("rtol", "atol"))
EXPECT_FIELDS: Fields = (("value",), ("rtol", "atol", "up_to_sign"))
CASE_FIELDS: Fields = (("name",), ("params", "run", "expect", "repeat", "non_increasing"))
MISCONCEPTION_FIELDS: Fields = (("id", "feedback"), ("outputs", "nonfinite", "shapes"))


def _exercise_types() -> dict[str, dict[str, Schema]]:
    from quizmath.core.exercises.loader import ID, MAX_SEEDS

    tolerance = {"type": ["number", "string"], "description": "from 0 up to 1, e.g. 1e-6"}
    steps = {
        "type": "array",
        "minItems": 1,
        "items": {"type": "string"},
        "description": "Python-like steps: name = Call(args), obj.method(args), x = obj.attr",
    }
    expect = {
        "type": "object",
        "minProperties": 1,
        "additionalProperties": {"anyOf": [EXPRESSION, {"$ref": "#/definitions/expect"}]},
        "description": "result name: the expression it must equal",
    }
    unit = {
        "type": "object",
        "required": ["doc"],
        "properties": {
            "function": {"type": "string", "description": "a signature, e.g. softmax(z)"},
            "class": {"type": "string", "description": "a class and its constructor"},
            "doc": TEXT,
            "methods": {"type": "object", "additionalProperties": TEXT},
            "attributes": {"type": "object", "additionalProperties": TEXT},
        },
        "additionalProperties": False,
    }
    top = {
        "id": {"type": "string", "pattern": ID.pattern, "description": "area.name"},
        "title": TEXT,
        "topic": {"type": "string", "description": "<area>/<topic> from curriculum.yaml"},
        "concept": {"type": "string", "description": "a page in question_bank/concepts/"},
        "difficulty": _integer(1, 3, "1 easy, 2 medium, 3 hard"),
        "task": {**TEXT, "description": "what to write, shown to the learner"},
        "implement": {"type": "array", "minItems": 1, "items": unit},
        "symbols": _one_or_many(NAME),
        "params": {"type": "object", "propertyNames": NAME, "additionalProperties": EXPRESSION},
        "where": _one_or_many(EXPRESSION),
        "compute": {"type": "object", "propertyNames": NAME, "additionalProperties": EXPRESSION},
        "run": steps,
        "expect": expect,
        "cases": {"type": "array", "items": {"$ref": "#/definitions/case"}},
        "banned": _one_or_many({"type": "string"}),
        "tolerance": {"$ref": "#/definitions/tolerance"},
        "seeds": _integer(1, MAX_SEEDS, "random instances to grade on"),
        "hints": _texts(1),
        "solution": {**TEXT, "description": "a reference solution (Python)"},
        "misconceptions": {"type": "array", "items": {"$ref": "#/definitions/misconception"}},
    }
    return {
        "exercise": top,
        "tolerance": {"rtol": tolerance, "atol": tolerance},
        "expect": {
            "value": EXPRESSION,
            "rtol": tolerance,
            "atol": tolerance,
            "up_to_sign": {"type": "boolean"},
        },
        "case": {
            "name": TEXT,
            "params": {"type": "object"},
            "run": steps,
            "expect": expect,
            "repeat": {"type": "object", "minProperties": 1, "maxProperties": 1},
            "non_increasing": EXPRESSION,
        },
        "misconception": {
            "id": TEXT,
            "feedback": TEXT,
            "outputs": {"type": "object", "additionalProperties": EXPRESSION},
            "nonfinite": _one_or_many(NAME),
            "shapes": {"type": "object", "additionalProperties": EXPRESSION},
        },
    }


def _exercise_fields() -> dict[str, Fields]:
    from quizmath.core.exercises import loader

    return {
        "exercise": (loader.REQUIRED, loader.OPTIONAL),
        "tolerance": TOLERANCE_FIELDS,
        "expect": EXPECT_FIELDS,
        "case": CASE_FIELDS,
        "misconception": MISCONCEPTION_FIELDS,
    }


def exercise_schema(topics: list[str] | None = None) -> Schema:
    fields, types = _exercise_fields(), _exercise_types()
    if topics:
        types["exercise"]["topic"] = {**types["exercise"]["topic"], "enum": sorted(topics)}
    out = _mapping(fields["exercise"], types["exercise"], "a quizmath coding exercise")
    out["definitions"] = {
        name: _mapping(fields[name], types[name]) for name in fields if name != "exercise"
    }
    return {"$schema": DRAFT, "title": "quizmath coding exercise", **out}


# -- all kinds --------------------------------------------------------------------------------


def _builders() -> dict[str, Callable[[list[str] | None], Schema]]:
    return {
        "template": template_schema,
        "interview": interview_schema,
        "exercise": exercise_schema,
    }


def available_kinds() -> tuple[str, ...]:
    return tuple(k for k in KINDS_OF_FILE if k in _builders())


def schema_for(kind: str, topics: list[str] | None = None) -> Schema:
    try:
        build = _builders()[kind]
    except KeyError:
        raise ValueError(
            f'no schema for "{kind}"; one of: {", ".join(available_kinds())}'
        ) from None
    return build(topics)


def missing_types() -> list[str]:
    """Fields the loaders accept that this module does not describe (``mapping.field``)."""
    from quizmath.core import content

    out = []
    types = _template_types()
    for mapping, (required, optional) in _template_fields().items():
        out += [f"{mapping}.{n}" for n in (*required, *optional) if n not in types[mapping]]
    interview = _interview_types()
    out += [f"interview.{n}" for n in (*content.REQUIRED, *content.OPTIONAL) if n not in interview]
    exercise = _exercise_types()
    for mapping, (required, optional) in _exercise_fields().items():
        out += [f"{mapping}.{n}" for n in (*required, *optional) if n not in exercise[mapping]]
    return out
