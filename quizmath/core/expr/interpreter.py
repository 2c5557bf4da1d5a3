"""Tree-walking interpreter for the template expression language.

It can only do what the nodes describe: arithmetic through ``values``, comparisons, indexing,
comprehensions, and calls to functions registered in ``BUILTINS``. There is no attribute access,
no way to reach Python objects, and every node evaluated costs a step from a ``Budget`` that
also carries a wall-clock deadline, so a hostile template fails fast instead of hanging.
"""

from __future__ import annotations

import inspect
import operator
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any

from quizmath.core.errors import ExprError, ExprEvalError, ExprNameError, LimitError, QuizmathError
from quizmath.core.expr import nodes as n
from quizmath.core.expr.containers import (
    RATIONAL,
    contains,
    iterate,
    make_list,
    size,
    values_equal,
)
from quizmath.core.expr.context import Budget, Context
from quizmath.core.expr.registry import BUILTINS, Builtin
from quizmath.core.values import (
    MAX_ENTRIES,
    Mat,
    Value,
    ValueSet,
    Vec,
    binary,
    canon,
    compare,
    describe,
    is_symbolic,
    sympy_module,
    unary,
)

__all__ = ["CONSTANTS", "Budget", "Context", "evaluate", "lookup_builtin"]

CONSTANTS = frozenset({"pi", "e"})  # used only when the environment has no such name


def evaluate(node: n.Node, env: Mapping[str, Value], ctx: Context | None = None) -> Value:
    """The value of a parsed expression with names taken from ``env``."""
    if ctx is None:
        ctx = Context()
    try:
        return _ev(node, env, ctx)
    except RecursionError:  # a builtin recursed too deep; the tree itself is height-bounded
        raise LimitError("expression is nested too deeply") from None


Handler = Callable[[Any, Mapping[str, Value], Context], Value]
_HANDLERS: dict[type, Handler] = {}


def _ev(node: n.Node, env: Mapping[str, Value], ctx: Context) -> Value:
    budget = ctx.budget
    budget.steps += 1
    if budget.steps >= budget.next_check:
        budget.check()
    try:
        return _HANDLERS[node.__class__](node, env, ctx)
    except ExprError as exc:
        if exc.column is None:
            exc.column = node.col
        raise
    except (TypeError, ValueError, ArithmeticError, LookupError) as exc:
        # A gap in the value model (say, ordering a complex number) must still be a clean error.
        raise ExprEvalError(f"cannot evaluate this: {exc}", node.col) from exc


def _handles(cls: type) -> Callable[[Handler], Handler]:
    def register(func: Handler) -> Handler:
        _HANDLERS[cls] = func
        return func

    return register


# ------------------------------------------------------------------------------------ helpers


def _truth(value: Value, what: str, col: int) -> bool:
    if value is True or value is False:
        return value
    raise ExprEvalError(f"{what} needs true or false, got {describe(value)}", col)


def _cost(op: str, a: Value, b: Value) -> int:
    """Work an operator will do, charged *before* doing it so expensive loops fail fast."""
    if op == "@" and isinstance(a, Mat) and isinstance(b, Mat):
        return a.shape[0] * a.shape[1] * b.shape[1]
    if op in ("in", "not in") or (isinstance(a, ValueSet) and isinstance(b, ValueSet)):
        return size(a) * size(b)  # membership and set equality compare every pair
    return size(a) + size(b)


def _build_set(items: list[Value], ctx: Context) -> ValueSet:
    ctx.budget.charge(len(items) * (len(items) - 1) // 2)  # ValueSet compares every pair
    return ValueSet(items)


def _index(i: Value, length: int) -> int:
    if isinstance(i, bool) or not isinstance(i, int):
        raise ExprEvalError(f"an index must be an integer, got {describe(i)}")
    if not -length <= i < length:
        raise ExprEvalError(f"index {i} out of range for length {length}")
    return i % length


def _constant(name: str) -> Value:
    sp = sympy_module()
    return sp.pi if name == "pi" else sp.E


# ---------------------------------------------------------------------------------- handlers


@_handles(n.Const)
def _const(node: n.Const, env: Mapping[str, Value], ctx: Context) -> Value:
    return node.value


@_handles(n.Name)
def _name(node: n.Name, env: Mapping[str, Value], ctx: Context) -> Value:
    try:
        return env[node.id]
    except KeyError:
        pass
    if node.id in CONSTANTS:
        return _constant(node.id)
    if lookup_builtin(node.id) is not None:
        raise ExprNameError(f"{node.id} is a function: call it, as in {node.id}(…)", node.col)
    raise ExprNameError(f'unknown name "{node.id}"', node.col)


@_handles(n.ListLit)
def _list(node: n.ListLit, env: Mapping[str, Value], ctx: Context) -> Value:
    return make_list([_ev(item, env, ctx) for item in node.items])


@_handles(n.SetLit)
def _set(node: n.SetLit, env: Mapping[str, Value], ctx: Context) -> Value:
    return _build_set([_ev(item, env, ctx) for item in node.items], ctx)


@_handles(n.Unary)
def _unary(node: n.Unary, env: Mapping[str, Value], ctx: Context) -> Value:
    return unary(node.op, _ev(node.operand, env, ctx))


@_handles(n.Not)
def _not(node: n.Not, env: Mapping[str, Value], ctx: Context) -> Value:
    return not _truth(_ev(node.operand, env, ctx), "not", node.col)


_FAST_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
}


@_handles(n.Arith)
def _arith(node: n.Arith, env: Mapping[str, Value], ctx: Context) -> Value:
    acc = _ev(node.first, env, ctx)
    for op, operand, col in zip(node.ops, node.rest, node.op_cols, strict=True):
        right = _ev(operand, env, ctx)
        try:
            # Fast path for int/Fraction, with exactly values.add/sub/mul/div's results: the
            # general dispatch costs several microseconds per operation.
            if type(acc) in RATIONAL and type(right) in RATIONAL:
                fast = _FAST_OPS.get(op)
                if fast is not None:
                    acc = canon(fast(acc, right))
                    continue
                if op == "/":
                    if right == 0:
                        raise ExprEvalError("division by zero")
                    acc = canon(Fraction(acc, right))
                    continue
            ctx.budget.charge(_cost(op, acc, right))
            acc = binary(op, acc, right)
        except ExprError as exc:
            if exc.column is None:
                exc.column = col
            raise
    return acc


@_handles(n.Power)
def _power(node: n.Power, env: Mapping[str, Value], ctx: Context) -> Value:
    # Python's order: base, then exponent. values.power sizes the result before computing it,
    # so 9**9**9**9 stops at 9**387420489 without doing the work.
    base = _ev(node.base, env, ctx)
    return binary("**", base, _ev(node.exponent, env, ctx))


@_handles(n.BoolOp)
def _boolop(node: n.BoolOp, env: Mapping[str, Value], ctx: Context) -> Value:
    stop = node.op == "or"  # or stops at the first true, and at the first false
    for operand in node.operands:
        if _truth(_ev(operand, env, ctx), node.op, operand.col) is stop:
            return stop
    return not stop


@_handles(n.Compare)
def _compare(node: n.Compare, env: Mapping[str, Value], ctx: Context) -> Value:
    left = _ev(node.first, env, ctx)
    for op, operand, col in zip(node.ops, node.rest, node.op_cols, strict=True):
        right = _ev(operand, env, ctx)
        try:
            if type(left) not in RATIONAL or type(right) not in RATIONAL:
                ctx.budget.charge(_cost(op, left, right))
            if op == "==":
                ok = values_equal(left, right)
            elif op == "!=":
                ok = not values_equal(left, right)
            elif op == "in":
                ok = contains(right, left)
            elif op == "not in":
                ok = not contains(right, left)
            else:
                ok = compare(left, right, op)
        except ExprError as exc:
            if exc.column is None:
                exc.column = col
            raise
        if not ok:
            return False
        left = right
    return True


@_handles(n.IfExp)
def _ifexp(node: n.IfExp, env: Mapping[str, Value], ctx: Context) -> Value:
    if _truth(_ev(node.cond, env, ctx), "if", node.cond.col):
        return _ev(node.body, env, ctx)
    return _ev(node.orelse, env, ctx)


@_handles(n.Subscript)
def _subscript(node: n.Subscript, env: Mapping[str, Value], ctx: Context) -> Value:
    target = _ev(node.target, env, ctx)
    idx = [_ev(i, env, ctx) for i in node.indices]
    if isinstance(target, Mat):
        if len(idx) == 2:
            return target[idx[0], idx[1]]
        if len(idx) == 1:
            return target.row(idx[0])
        raise ExprEvalError("a matrix takes one index (a row) or two (an entry)")
    if isinstance(target, ValueSet):
        raise ExprEvalError("a set has no order; use sorted(s)[i]")
    if not isinstance(target, Vec | tuple):
        raise ExprEvalError(f"cannot index {describe(target)}")
    if len(idx) != 1:
        raise ExprEvalError(f"{describe(target)} takes one index")
    seq = target.items if isinstance(target, Vec) else target
    return seq[_index(idx[0], len(seq))]


def lookup_builtin(name: str) -> Builtin | None:
    """The whitelisted function ``name``, importing its engine module on first use.

    Imported here, not at the top, to keep ``import quizmath.core.expr`` free of cycles.
    """
    found = BUILTINS.get(name)
    if found is None:
        from quizmath.core.engine.catalog import BUILTINS as CATALOG

        if name in CATALOG:
            found = CATALOG[name]
    return found


@_handles(n.Call)
def _call(node: n.Call, env: Mapping[str, Value], ctx: Context) -> Value:
    fn = lookup_builtin(node.func)
    if fn is None:
        raise ExprNameError(f'unknown function "{node.func}"', node.col)
    args = [_ev(a, env, ctx) for a in node.args]
    kwargs = {key: _ev(value, env, ctx) for key, value in node.kwargs}
    budget = ctx.budget
    budget.charge(sum(size(a) for a in args) + sum(size(v) for v in kwargs.values()))
    if fn.uses_rng:
        if ctx.rng is None:
            raise ExprEvalError(f"{fn.name}: random draws are not allowed here", node.col)
        args.insert(0, ctx.rng)
    try:
        result = fn.func(*args, **kwargs)
    except QuizmathError:
        raise
    except TypeError as exc:
        raise _bad_call(fn, args, kwargs, exc) from exc
    except (ValueError, ArithmeticError, LookupError, NotImplementedError) as exc:
        raise ExprEvalError(f"{fn.name}: {exc or type(exc).__name__}", node.col) from exc
    except Exception as exc:  # an engine bug must not crash the app or the validator
        raise ExprEvalError(f"{fn.name} failed: {type(exc).__name__}: {exc}", node.col) from exc
    if isinstance(result, ValueSet):
        budget.charge(len(result) * (len(result) - 1) // 2)  # building it compared every pair
    budget.check()  # a builtin may be slow (sympy): look at the clock after every call
    return _result(fn, result)


def _bad_call(
    fn: Builtin, args: list[Value], kwargs: dict[str, Value], exc: Exception
) -> Exception:
    try:
        inspect.signature(fn.func).bind(*args, **kwargs)
    except TypeError as bind_error:
        return ExprEvalError(f"{fn.name}: wrong arguments ({bind_error}); use {fn.signature}")
    return ExprEvalError(f"{fn.name}: {exc}")


_RESULT_TYPES = (bool, str, Vec, Mat, ValueSet, tuple)


def _result(fn: Builtin, result: Any) -> Value:
    """Check that a builtin returned a value of the language (catches engine mistakes early)."""
    if isinstance(result, int | Fraction | float) and not isinstance(result, bool):
        return canon(float(result) if isinstance(result, float) else result)
    if isinstance(result, _RESULT_TYPES) or is_symbolic(result):
        return result
    if isinstance(result, list):
        return make_list(result)
    raise ExprEvalError(f"{fn.name} returned an unsupported value ({type(result).__name__})")


@_handles(n.Comprehension)
def _comprehension(node: n.Comprehension, env: Mapping[str, Value], ctx: Context) -> Value:
    scope = dict(env)  # loop variables shadow the environment only inside
    out: list[Value] = []
    _loop(node, 0, scope, ctx, out)
    if node.kind == "set":
        return _build_set(out, ctx)
    return make_list(out)


def _loop(
    node: n.Comprehension, i: int, scope: dict[str, Value], ctx: Context, out: list[Value]
) -> None:
    clause = node.clauses[i]
    items = iterate(_ev(clause.iterable, scope, ctx))
    last = i == len(node.clauses) - 1
    budget = ctx.budget
    targets = clause.targets
    for item in items:
        budget.steps += 1
        if budget.steps >= budget.next_check:
            budget.check()
        if len(targets) == 1:
            scope[targets[0]] = item
        else:
            _unpack(targets, item, clause.col, scope)
        if not all(_truth(_ev(c, scope, ctx), "if", c.col) for c in clause.conds):
            continue
        if last:
            out.append(_ev(node.elt, scope, ctx))
            if len(out) > MAX_ENTRIES:
                raise LimitError(f"a comprehension may make at most {MAX_ENTRIES} items", node.col)
        else:
            _loop(node, i + 1, scope, ctx, out)


def _unpack(targets: Iterable[str], item: Value, col: int, scope: dict[str, Value]) -> None:
    names = tuple(targets)
    parts = iterate(item) if isinstance(item, Vec | tuple) else None
    if parts is None or len(parts) != len(names):
        raise ExprEvalError(f"cannot unpack {describe(item)} into {len(names)} names", col)
    scope.update(zip(names, parts, strict=True))
