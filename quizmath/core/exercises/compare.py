"""Comparing one learner result with the expected value: shape first, strictly, then closeness.

The rules, in order:

1. The result must be numbers: ``None``, text or another object is reported as what it is.
   A list (or tuple) of numbers is read as an array; integers and floats are both numbers.
2. The shape must be the expected one exactly. ``(n, 1)`` where ``(n,)`` is expected fails and
   says so, because NumPy broadcasting turns ``(n,) − (n, 1)`` into an ``(n, n)`` matrix. A
   single number may come as a Python number, a NumPy scalar or a 0-d array, not as ``(1,)``.
3. Every entry must be finite, and ``allclose`` to the expected one:
   ``|got − expected| ≤ atol + rtol·|expected|``. With ``up_to_sign`` a vector (or each row of
   a matrix) may also be the negative of the expected one (eigenvectors, principal axes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quizmath.core.exercises.encode import Read
from quizmath.core.exercises.model import Expect

MAX_SHOWN = 12  # entries of an array shown in a message


@dataclass(frozen=True)
class Comparison:
    ok: bool
    message: str = ""
    expected: str = ""
    got: str = ""


def shape_text(shape: tuple[int, ...]) -> str:
    if not shape:
        return "a single number"
    return f"shape ({shape[0]},)" if len(shape) == 1 else f"shape {tuple(shape)}"


def show(arr: Any) -> str:
    """An array or number in one or a few lines, shortened when big."""
    import numpy as np

    a = np.asarray(arr, dtype=float)
    if a.ndim == 0:
        return f"{float(a):.10g}"
    return np.array2string(a, precision=6, threshold=MAX_SHOWN, edgeitems=3, max_line_width=90)


def compare(expected: Any, read: Read, spec: Expect) -> Comparison:
    """Is the learner's result (``read``) the expected array, within the spec's tolerance?"""
    import numpy as np

    want = np.asarray(expected, dtype=float)
    shown = show(want)
    if read.array is None:
        return Comparison(False, f"{spec.output} is {read.problem}", shown, read.what)
    got = read.array
    if got.shape != want.shape:
        return Comparison(
            False, f"{spec.output}: {_shape_message(got.shape, want.shape)}", shown, show(got)
        )
    if not np.all(np.isfinite(got)):
        bad = "nan" if np.any(np.isnan(got)) else "inf"
        return Comparison(
            False, f"{spec.output} contains {bad} (did something overflow?)", shown, show(got)
        )
    if _close(got, want, spec):
        return Comparison(True, "", shown, show(got))
    return Comparison(False, f"{spec.output}: {_difference(got, want, spec)}", shown, show(got))


def same(expected: Any, read: Read, spec: Expect) -> bool:
    """The learner's result equals ``expected`` in shape and value (for recognising a bug)."""
    import numpy as np

    if read.array is None:
        return False
    want = np.asarray(expected, dtype=float)
    got = read.array
    return got.shape == want.shape and bool(np.all(np.isfinite(got))) and _close(got, want, spec)


def _close(got: Any, want: Any, spec: Expect) -> bool:
    import numpy as np

    if np.allclose(got, want, rtol=spec.rtol, atol=spec.atol):
        return True
    if not spec.up_to_sign or got.ndim == 0:
        return False
    rows_g = got if got.ndim == 2 else got[None, :]
    rows_w = want if want.ndim == 2 else want[None, :]
    return all(
        np.allclose(g, w, rtol=spec.rtol, atol=spec.atol)
        or np.allclose(-g, w, rtol=spec.rtol, atol=spec.atol)
        for g, w in zip(rows_g, rows_w, strict=True)
    )


def _shape_message(got: tuple[int, ...], want: tuple[int, ...]) -> str:
    base = f"{shape_text(got)} where {shape_text(want)} is expected"
    if len(want) == 1 and got == (want[0], 1):
        return (
            base + ": a column instead of a flat array. Mixed with (n,) arrays it broadcasts "
            "to an (n, n) matrix; flatten it with .ravel() or .reshape(-1)"
        )
    if len(want) == 2 and want[1] == 1 and got == (want[0],):
        return base + ": a flat array instead of a column; use .reshape(-1, 1)"
    if not want and got == (1,):
        return base + ": return the number itself (for example float(x[0]) or x.item())"
    return base


def _difference(got: Any, want: Any, spec: Expect) -> str:
    import numpy as np

    if got.ndim == 0:
        return f"got {show(got)}, expected {show(want)}"
    err = np.abs(got - want)
    where = np.unravel_index(int(np.argmax(err)), err.shape)
    wrong = int(np.sum(~np.isclose(got, want, rtol=spec.rtol, atol=spec.atol)))
    at = ", ".join(str(int(i)) for i in where)
    return (
        f"{wrong} of {got.size} entries wrong, the worst at [{at}]: "
        f"got {got[where]:.6g}, expected {want[where]:.6g}"
    )
