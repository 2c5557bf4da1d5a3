"""Grading a learner's file: fresh seeded instances plus the declared cases, run in the sandbox.

    result = grade(exercise, source)          # GradeResult: cases, first failure, feedback …

The steps: read the source with ``ast`` (syntax errors and banned names, nothing executed);
draw the instances; start the sandbox on them and, while it runs, compute the expected
values; compare case by case (``compare.py``); check the declared properties (a sequence that
must not increase); and for the failing cases look for the exercise's misconceptions
(``probes.py``).
"""

from __future__ import annotations

import secrets
import threading
import time
from typing import Any

from quizmath.core.errors import QuizmathError, TemplateError
from quizmath.core.exercises import sandbox
from quizmath.core.exercises.banned import scan
from quizmath.core.exercises.compare import compare, shape_text, show
from quizmath.core.exercises.encode import Read, expected_array, learner_array, to_value
from quizmath.core.exercises.instances import Instance, instance
from quizmath.core.exercises.model import Exercise
from quizmath.core.exercises.probes import recognise
from quizmath.core.exercises.result import CaseResult, Failure, GradeResult, Status
from quizmath.core.exercises.text import safe_text
from quizmath.core.values import Mat, Vec, is_scalar

DEFAULT_LIMITS = sandbox.Limits()
PRINT_LIMIT = 2000  # characters of print output kept per case
MONOTONE_SLACK = 1e-12  # relative: rounding may let a converged loss wobble in the last digit


def fresh_seeds(count: int) -> tuple[int, ...]:
    return tuple(secrets.randbelow(1_000_000) for _ in range(count))


def grade(
    exercise: Exercise,
    source: str,
    *,
    file_name: str = "solution.py",
    seeds: tuple[int, ...] | None = None,
    limits: sandbox.Limits = DEFAULT_LIMITS,
) -> GradeResult:
    started = time.perf_counter()

    def done(**kwargs: Any) -> GradeResult:
        return GradeResult(exercise.id, ms=(time.perf_counter() - started) * 1000, **kwargs)

    found = scan(source, exercise.banned)
    if found.syntax_error is not None:
        return done(status=Status.FAILED, problem=f"SyntaxError: {found.syntax_error}")
    seeds = seeds if seeds is not None else fresh_seeds(exercise.seeds)
    try:
        instances = [instance(exercise, s) for s in seeds]
        instances += [instance(exercise, 0, c) for c in exercise.cases]
    except TemplateError as exc:
        return done(status=Status.ERROR, problem=f"the exercise file is broken: {exc}", seeds=seeds)
    job = {
        "banned": list(exercise.banned),
        "print_limit": PRINT_LIMIT,
        "cases": [{"blocks": inst.blocks} for inst in instances],
    }
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["out"] = sandbox.run(source, file_name, job, limits)
        except OSError as exc:
            box["error"] = exc

    runner = threading.Thread(target=run, name="quizmath-exercise-run", daemon=True)
    runner.start()
    expected = [_expected(inst) for inst in instances]  # while the learner's code runs
    runner.join()
    if "error" in box:
        return done(status=Status.ERROR, problem=f"could not start Python: {box['error']}")
    out: sandbox.RunOutput = box["out"]
    return _judge(exercise, instances, expected, out, found.uses, seeds, limits, done)


def _expected(inst: Instance) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for e in inst.expectations:
        try:
            values[e.output] = expected_array(inst.value(e.value))
        except (QuizmathError, ValueError, TypeError) as exc:
            values[e.output] = exc
    return values


def _judge(
    exercise: Exercise,
    instances: list[Instance],
    expected: list[dict[str, Any]],
    out: sandbox.RunOutput,
    banned: tuple[Any, ...],
    seeds: tuple[int, ...],
    limits: sandbox.Limits,
    done: Any,
) -> GradeResult:
    events = {e.get("index"): e for e in out.events if e.get("event") == "case"}
    load_error = next((e for e in out.events if e.get("event") == "load-error"), None)
    loaded = any(e.get("event") in ("loaded", "load-error") for e in out.events)
    stdout = safe_text(out.stray, PRINT_LIMIT)
    if load_error is not None:
        err = load_error["error"]
        not_loaded = Failure(
            "importing your file",
            (_error_message(err, limits),),
            traceback=safe_text(err.get("traceback", "")),
            stdout=safe_text(load_error.get("stdout", ""), PRINT_LIMIT),
        )
        cases = tuple(
            CaseResult(i.name, False, "not run: the file did not import") for i in instances
        )
        return done(
            status=Status.FAILED,
            cases=cases,
            failure=not_loaded,
            banned=banned,
            problem=not_loaded.messages[0],
            seeds=seeds,
            stdout=stdout,
        )
    problem = _run_problem(out, loaded, limits)
    results: list[CaseResult] = []
    failure: Failure | None = None
    notes: list[str] = []
    failing: list[tuple[Instance, dict[str, Read], dict[str, Any]]] = []
    stopped = False
    for k, inst in enumerate(instances):
        event = events.get(k)
        if event is None:
            message = "not run" if stopped else (problem or "no result came back")
            stopped = True
            results.append(CaseResult(inst.name, False, message))
            if failure is None:
                failure = Failure(inst.name, (message,), _inputs(inst), stdout=stdout)
            continue
        case_result, case_failure, reads = _check(inst, event, expected[k], limits, notes)
        results.append(case_result)
        if not case_result.passed:
            if failure is None:
                failure = case_failure
            if inst.uses_main_expect and reads:
                failing.append((inst, reads, expected[k]))
    feedback = recognise(exercise, failing)
    passed = all(r.passed for r in results) and not banned and not out.timed_out
    status = Status.PASSED if passed else Status.FAILED
    if notes:  # the exercise file could not say what is right: not the learner's failure
        status, problem = Status.ERROR, f"the exercise file is broken: {notes[0]}"
    if banned and not problem:
        names = ", ".join(sorted({b.text for b in banned}))
        problem = f"not allowed in this exercise: {names}"
    return done(
        status=status,
        cases=tuple(results),
        failure=failure,
        feedback=feedback,
        banned=banned,
        timed_out=out.timed_out,
        problem=problem,
        seeds=seeds,
        stdout=stdout,
        notes=tuple(notes),
    )


def _run_problem(out: sandbox.RunOutput, loaded: bool, limits: sandbox.Limits) -> str:
    if out.timed_out:
        return (
            f"stopped at the time limit of {limits.seconds:g} s: is there an endless loop, "
            "or far more work than the task needs?"
        )
    if out.too_much_output:
        return "stopped: the results were far too large"
    if out.finished:
        return ""
    import signal

    if out.signal == signal.SIGXCPU:
        return f"stopped at the CPU-time limit ({limits.seconds:g} s)"
    if out.signal == signal.SIGKILL:
        return "the process was killed (out of memory?)"
    if out.signal is not None:
        name = (
            signal.Signals(out.signal).name if out.signal in signal.valid_signals() else out.signal
        )
        return f"the process crashed ({name})"
    if not loaded:
        return "Python stopped before running your file" + (
            f": {out.stray[-300:]}" if out.stray else ""
        )
    return f"the process ended early (exit status {out.returncode})"


def _error_message(err: dict[str, Any], limits: sandbox.Limits) -> str:
    step = f" (in {err['step']})" if err.get("step") else ""
    kind = err.get("kind")
    if kind == "memory":
        gib = limits.memory / 1024**3
        # The message is the learner's to choose (raise MemoryError(...)), and often empty.
        said = safe_text(str(err.get("message") or ""), 300)
        return f"ran out of memory{step}: the limit is {gib:g} GiB" + (f" ({said})" if said else "")
    if kind == "banned":
        return safe_text(err.get("message", "")) + step
    return safe_text(f"{err.get('type')}: {err.get('message', '')}", 300) + step


def _check(
    inst: Instance,
    event: dict[str, Any],
    expected: dict[str, Any],
    limits: sandbox.Limits,
    notes: list[str],
) -> tuple[CaseResult, Failure | None, dict[str, Read]]:
    blocks = event.get("blocks") or [{}]
    ms = event.get("ms")
    printed = safe_text("".join(b.get("stdout", "") for b in blocks), PRINT_LIMIT)
    if any(b.get("dropped") for b in blocks):
        printed += "\n… (more print output not shown)"
    for b in blocks:
        if b.get("error"):
            err = b["error"]
            message = _error_message(err, limits)
            failure = Failure(
                inst.name,
                (message,),
                _inputs(inst),
                step=err.get("step"),
                traceback=safe_text(err.get("traceback", "")),
                stdout=printed,
            )
            return CaseResult(inst.name, False, message, ms), failure, {}
    if inst.case is not None and inst.case.non_increasing is not None:
        message = _non_increasing(inst, blocks)
        if message:
            failure = Failure(inst.name, (message,), _inputs(inst), stdout=printed)
            return CaseResult(inst.name, False, message, ms), failure, {}
    outputs = blocks[0].get("outputs", {})
    reads: dict[str, Read] = {}
    messages: list[str] = []
    shown_expected: list[tuple[str, str]] = []
    shown_got: list[tuple[str, str]] = []
    for e in inst.expectations:
        want: Any = expected.get(e.output)
        if isinstance(want, Exception):
            notes.append(str(want))
            messages.append(f"{e.output}: the expected value could not be computed")
            continue
        encoded = outputs.get(e.output)
        read = learner_array(encoded) if encoded is not None else Read(None, "missing", "missing")
        reads[e.output] = read
        c = compare(want, read, e)
        shown_expected.append((e.output, f"{c.expected}  ({shape_text(want.shape)})"))
        got_shape = f"  ({shape_text(read.array.shape)})" if read.array is not None else ""
        shown_got.append((e.output, f"{safe_text(c.got)}{got_shape}"))
        if not c.ok:
            messages.append(c.message)
    if not messages:
        return CaseResult(inst.name, True, "", ms), None, reads
    failure = Failure(
        inst.name,
        tuple(messages),
        _inputs(inst),
        tuple(shown_expected),
        tuple(shown_got),
        stdout=printed,
    )
    return CaseResult(inst.name, False, messages[0], ms), failure, reads


def _non_increasing(inst: Instance, blocks: list[dict[str, Any]]) -> str:
    case = inst.case
    assert case is not None and case.non_increasing is not None and case.repeat is not None
    names = {n for b in blocks for n in b.get("outputs", {})}
    values: dict[str, Any] = {}
    try:
        for name in names:
            values[name] = tuple(to_value(learner_array(b["outputs"][name])) for b in blocks)
        seq = inst.value(case.non_increasing, values)
    except Exception as exc:  # a learner's odd result makes the check's expression fail
        return f"could not check the sequence: {exc}"
    items = [float(v) for v in (seq.items if isinstance(seq, Vec) else seq)]
    steps = list(inst.value(case.repeat[1]))
    for k in range(1, len(items)):
        if items[k] > items[k - 1] + MONOTONE_SLACK * max(1.0, abs(items[k - 1])):
            var = case.repeat[0]
            return (
                f"it went up from {var} = {steps[k - 1]} to {var} = {steps[k]}: "
                f"{items[k - 1]:.6g} → {items[k]:.6g} ({case.non_increasing.source})"
            )
    return ""


def _inputs(inst: Instance) -> tuple[tuple[str, str], ...]:
    return tuple((name, _show_input(v)) for name, v in inst.inputs.items())


def _show_input(v: Any) -> str:
    if isinstance(v, Vec | Mat):
        arr = expected_array(v)
        return f"{show(arr)}  ({shape_text(arr.shape)})"
    if isinstance(v, bool | str):
        return repr(v)
    if is_scalar(v):
        try:
            return show(expected_array(v))
        except Exception:
            return str(v)
    return str(v)
