"""Values across the process boundary: inputs as JSON for the harness, results back as arrays.

Inputs: an integer stays an ``int``, any other number becomes a ``float``; a vector or matrix
becomes a numpy array of ``int64`` when every entry is an integer and ``float64`` otherwise
(write ``float(X)`` in the file for float data with whole values); a generic list becomes a
Python list; ``fn(f, vars)`` becomes a Python function evaluating the polynomial ``f``.

Results: the harness encodes what the learner returned (numbers, arrays, lists, or only a
description for anything else); ``learner_array`` reads it as an array the way NumPy would, and
says why when it cannot.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizmath.core.engine._common import to_float
from quizmath.core.engine.algorithms import poly_terms
from quizmath.core.errors import ExprEvalError
from quizmath.core.values import Mat, Value, ValueSet, Vec, describe, is_scalar, is_symbolic

MAX_INT = 2**63 - 1


def to_input(value: Value) -> dict[str, Any]:
    """A template-language value as the JSON the harness turns into a Python value."""
    if isinstance(value, bool):
        return {"t": "bool", "v": value}
    if isinstance(value, str):
        return {"t": "str", "v": value}
    if isinstance(value, int) and abs(value) <= MAX_INT:
        return {"t": "int", "v": value}
    if isinstance(value, Vec | Mat):
        entries = list(value.entries()) if isinstance(value, Mat) else list(value.items)
        shape = list(value.shape) if isinstance(value, Mat) else [len(value)]
        ints = all(type(x) is int and abs(x) <= MAX_INT for x in entries)
        data = [x if ints else _float(x) for x in entries]
        return {"t": "array", "dtype": "int64" if ints else "float64", "shape": shape, "v": data}
    if isinstance(value, tuple):
        return {"t": "list", "items": [to_input(v) for v in value]}
    if isinstance(value, ValueSet):
        raise ExprEvalError("a set cannot be passed to the learner's code; use a list")
    if is_scalar(value):
        return {"t": "float", "v": _float(value)}
    raise ExprEvalError(f"cannot pass {describe(value)} to the learner's code")


def _float(x: Any) -> float:
    if isinstance(x, float | int | Fraction):
        return float(x)
    if is_symbolic(x) and x.free_symbols:
        raise ExprEvalError(f"cannot pass {x} to the learner's code: it still has variables")
    return to_float(x)


def function_input(f: Value, variables: Value) -> dict[str, Any]:
    """``fn(f, vars)``: a polynomial (or a vector of them) as a function of a number or array."""
    scalar = is_scalar(variables)
    parts = list(f.items) if isinstance(f, Vec) else [f]
    polys = []
    nvars = 0
    for part in parts:
        terms, nvars = poly_terms(part, variables, "fn")
        polys.append([[c, list(p)] for c, p in terms])
    return {
        "t": "poly",
        "scalar": scalar,
        "nvars": nvars,
        "vector": isinstance(f, Vec),
        "polys": polys,
    }


# ------------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Read:
    """A learner's result read as an array (``array`` is None when it is not numbers)."""

    array: Any
    what: str  # "a list" / "a float64 array" …, for messages
    problem: str = ""  # why it is not an array of numbers


def learner_array(encoded: dict[str, Any]) -> Read:
    import numpy as np

    kind = encoded.get("t")
    if kind == "number":
        return Read(np.array(encoded["v"], dtype=float), f"a number ({encoded.get('dtype')})")
    if kind == "bool":
        return Read(None, "true/false", f"true/false ({encoded['v']}) where numbers are expected")
    if kind == "array":
        arr = np.array(encoded["v"], dtype=float).reshape(encoded["shape"])
        return Read(arr, f"a {encoded['dtype']} array")
    if kind in ("list", "tuple"):
        flat = _numbers(encoded)
        if flat is None:
            return Read(None, f"a {kind}", f"a {kind} that is not a rectangular array of numbers")
        try:
            arr = np.array(flat, dtype=float)
        except ValueError:
            return Read(None, f"a {kind}", f"a {kind} that is not a rectangular array of numbers")
        return Read(arr, f"a {kind} (read as an array)")
    if kind == "none":
        return Read(None, "None", "None (is a return statement missing?)")
    if kind == "str":
        text = encoded.get("v", "")
        return Read(None, "text", f"text {text[:60]!r} where numbers are expected")
    if kind == "too-large":
        shape = tuple(encoded.get("shape", ()))
        return Read(None, "a huge array", f"an array of shape {shape}: far too large")
    return Read(
        None, str(encoded.get("type")), f"a {encoded.get('type')} where numbers are expected"
    )


def _numbers(encoded: dict[str, Any]) -> Any:
    """A nested list of numbers from an encoded list, or None if anything else is inside."""
    out = []
    for item in encoded["items"]:
        kind = item.get("t")
        if kind == "number":
            out.append(item["v"])
        elif kind == "array":
            import numpy as np

            out.append(np.array(item["v"], dtype=float).reshape(item["shape"]).tolist())
        elif kind in ("list", "tuple"):
            inner = _numbers(item)
            if inner is None:
                return None
            out.append(inner)
        else:
            return None
    return out


def to_value(read: Read) -> Value:
    """A learner's array as a template-language value, for checks written as expressions."""
    arr = read.array
    if arr is None:
        raise ExprEvalError(f"the result is {read.problem}")
    if arr.ndim == 0:
        return float(arr)
    if arr.ndim == 1:
        return Vec(float(v) for v in arr)
    if arr.ndim == 2:
        return Mat([float(v) for v in row] for row in arr)
    raise ExprEvalError(f"the result has {arr.ndim} dimensions")


def expected_array(value: Value) -> Any:
    """An expected value (number, Vec or Mat) as a float array of the shape it must have."""
    import numpy as np

    if isinstance(value, Mat):
        return np.array([[_float(v) for v in row] for row in value.rows], dtype=float)
    if isinstance(value, Vec):
        return np.array([_float(v) for v in value.items], dtype=float)
    if isinstance(value, bool) or not is_scalar(value):
        raise ExprEvalError(
            f"an expected value must be a number, vector or matrix, not {describe(value)}"
        )
    return np.array(_float(value))
