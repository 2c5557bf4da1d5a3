"""Activation functions and their relatives: sigmoid, tanh, ReLU, softplus, softmax.

Exact where the answer is: sigmoid(ln k) = k/(k+1), tanh(ln k) = (k² − 1)/(k² + 1), and
softmax of logits ln wᵢ + c is wᵢ/Σw. Symbolic input gives the symbolic formula.
"""

from __future__ import annotations

import math
from fractions import Fraction

from quizmath.core.engine._common import (
    elementwise,
    exact_sum,
    exp_value,
    has_free_symbols,
    is_float,
    is_rational,
    log_value,
    number,
    scalars,
    sign,
    sp,
    to_float,
    to_sympy_value,
)
from quizmath.core.expr.registry import builtin
from quizmath.core.values import Scalar, Value, Vec, add, canon, div, mul

# ------------------------------------------------------------------------------ activations


def _sigmoid1(z: Scalar) -> Scalar:
    number(z, "sigmoid")
    if is_float(z):
        # The two branches avoid overflow in exp for large |z|.
        if z >= 0:
            return 1.0 / (1.0 + math.exp(-z))
        t = math.exp(z)
        return t / (1.0 + t)
    if is_rational(z) and z == 0:
        return Fraction(1, 2)
    s = sp()
    if has_free_symbols(z):
        return canon(1 / (1 + s.exp(-z)))
    t = exp_value(canon(-to_sympy_value(z)), "sigmoid")  # z = ln k gives t = 1/k, rational
    return div(1, 1 + t) if is_rational(t) else canon(1 / (1 + to_sympy_value(t)))


@builtin("sigmoid(z)", "numbers")
def sigmoid(z: Value) -> Value:
    """The logistic function 1/(1 + e^(−z)); exact: sigmoid(ln k) = k/(k+1)."""
    return elementwise(_sigmoid1, z)


def _tanh1(z: Scalar) -> Scalar:
    number(z, "tanh")
    if is_float(z):
        return math.tanh(z)
    if is_rational(z) and z == 0:
        return 0
    s = sp()
    if has_free_symbols(z):
        return canon(s.tanh(z))
    t = exp_value(canon(2 * to_sympy_value(z)), "tanh")  # z = ln k gives t = k², rational
    return div(t - 1, t + 1) if is_rational(t) else canon(s.tanh(to_sympy_value(z)))


@builtin("tanh(z)", "numbers")
def tanh(z: Value) -> Value:
    """Hyperbolic tangent; exact: tanh(ln k) = (k² − 1)/(k² + 1)."""
    return elementwise(_tanh1, z)


def _relu1(z: Scalar, alpha: Scalar) -> Scalar:
    number(z, "relu")
    if has_free_symbols(z):
        s = sp()
        if alpha == 0:
            return canon(s.Max(0, z))
        return canon(s.Piecewise((z, z >= 0), (to_sympy_value(alpha) * z, True)))
    return z if sign(z, "relu") >= 0 else mul(alpha, z)


@builtin("relu(z)", "numbers")
def relu(z: Value) -> Value:
    """The rectifier max(0, z)."""
    return elementwise(lambda v: _relu1(v, 0), z)


@builtin("leaky_relu(z, alpha=1/100)", "numbers")
def leaky_relu(z: Value, alpha: Value = Fraction(1, 100)) -> Value:
    """Leaky rectifier: z for z ≥ 0, alpha·z below."""
    a = number(alpha, "leaky_relu", "alpha")
    return elementwise(lambda v: _relu1(v, a), z)


@builtin("softplus(z)", "numbers")
def softplus(z: Value) -> Value:
    """The smooth rectifier ln(1 + e^z); exact: softplus(ln k) = ln(k + 1)."""

    def one(v: Scalar) -> Scalar:
        number(v, "softplus")
        if is_float(v):
            return max(v, 0.0) + math.log1p(math.exp(-abs(v)))
        if has_free_symbols(v):
            return canon(sp().log(1 + sp().exp(v)))
        return log_value(add(1, exp_value(v, "softplus")), None, "softplus")

    return elementwise(one, z)


def _logits(v: Value, fn: str) -> list[Scalar]:
    return [number(x, fn) for x in scalars(v, fn, "the logits")]


@builtin("softmax(z)", "numbers")
def softmax(z: Value) -> Vec:
    """e^(zᵢ)/Σⱼ e^(zⱼ) as a vector; exact when every zᵢ = ln wᵢ + c (gives wᵢ/Σw)."""
    zs = _logits(z, "softmax")
    if any(is_float(x) for x in zs):
        fs = [to_float(x, "softmax") for x in zs]
        top = max(fs)
        es = [math.exp(x - top) for x in fs]
        total = math.fsum(es)
        return Vec(e / total for e in es)
    if all(is_rational(x) for x in zs) and len(set(zs)) == 1:
        return Vec([Fraction(1, len(zs))] * len(zs))
    # Shift by the first logit so that a common "+ c" cancels before exponentiating.
    first = to_sympy_value(zs[0])
    es = [exp_value(canon(to_sympy_value(x) - first), "softmax") for x in zs]
    total = exact_sum(es)
    return Vec(div(e, total) for e in es)


@builtin("logsumexp(z)", "numbers")
def logsumexp(z: Value) -> Scalar:
    """ln Σ e^(zᵢ), the smooth maximum; exact for exact input."""
    zs = _logits(z, "logsumexp")
    if any(is_float(x) for x in zs):
        fs = [to_float(x, "logsumexp") for x in zs]
        top = max(fs)
        return top + math.log(math.fsum(math.exp(x - top) for x in fs))
    total = exact_sum(exp_value(x, "logsumexp") for x in zs)
    return log_value(total)
