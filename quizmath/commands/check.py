"""``quizmath check``: judge answers from the command line (the contract is in ANSWERS.md).

One answer::

    quizmath check --kind expression --expected "2*x + 2" --vars x "2(x+1)"

Exit status 0 accept, 1 reject, 2 invalid. Many answers, one JSON object per line in and out::

    quizmath check --batch answers.jsonl      # or - for standard input

Each input line has ``kind``, ``expected``, ``submitted`` (the learner's answer) and optionally
``vars``, ``tol``, ``id`` (also ``choices`` and ``mistakes``: [{"expected": ..., "feedback":
...}]). Each output line, in order, has ``id`` (when given), ``verdict``, ``message``,
``interpreted`` and ``ms``. A bad line gives ``invalid`` for that line and the batch goes on.
Checks run in a worker process with a 2 s budget each, so no line can hang the batch.

The batch exits 0, unless every line was invalid: then 2, as one invalid answer does, with a
note on standard error. Single invalid lines are expected (hostile or unreadable answers are
data, reported per line), but a batch where nothing could be checked is nearly always a batch
written wrong (``answer`` for ``submitted``), and a script should notice. docs/checking.md
has the format.

The default relative tolerance for kind ``real`` is 1e-6.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import IO, Any

MAX_LINE = 1 << 20  # bytes; a longer batch line is refused without being parsed


# Options of `check` that take a value. argparse reads a value such as "-2*x" as an option
# unless it looks like a negative number, so `check --expected "-2*x" "-2x"` failed.
_VALUE_OPTIONS = ("--kind", "--expected", "--vars", "--tol", "--choices", "--batch")


def protect_dash_values(argv: list[str]) -> list[str]:
    """``--expected -2*x`` → ``--expected=-2*x``; a final answer ``-2x`` goes after ``--``."""
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg in _VALUE_OPTIONS and i + 1 < len(argv) and argv[i + 1].startswith("-"):
            out.append(f"{arg}={argv[i + 1]}")
            i += 2
            continue
        out.append(arg)
        i += 1
    last = out[-1] if out else ""
    if last.startswith("-") and not last.startswith("--") and "--" not in out and last != "-h":
        out.insert(len(out) - 1, "--")
    return out


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="judge answers (one, or a JSON-lines batch)",
        description="Judge an answer against the expected one, as the app does.",
        epilog="Exit status (one answer): 0 accept, 1 reject, 2 invalid. "
        "Start an answer that begins with '-' after '--', or use --expected=-x. "
        "Batch: one JSON object per line with kind, expected, submitted (the answer) and "
        "optionally vars, tol, id; one JSON verdict per line out; exit status 2 if no line "
        "could be checked, else 0 (docs/checking.md).",
    )
    p.add_argument("answer", nargs="?", help="the answer, as a learner would type it")
    p.add_argument("--kind", help="integer, real, exact, vector, vector-up-to-scale, matrix, …")
    p.add_argument("--expected", help="the expected answer, in sympy's printed form")
    p.add_argument("--vars", default="", help="declared variables, comma-separated: x,y")
    p.add_argument("--tol", type=float, help="relative tolerance (kind real; default 1e-6)")
    p.add_argument("--choices", type=int, help="number of options (kind choice)")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.add_argument("--batch", metavar="FILE", help="JSON lines to check ('-' for standard input)")


def run(args: argparse.Namespace) -> int:
    from quizmath.core.answers import CheckService
    from quizmath.core.terminal_text import dumps, neutralise

    _safe_stdout()
    if args.batch is not None:
        if args.answer is not None or args.kind or args.expected is not None:
            print("quizmath check: --batch takes no other arguments", file=sys.stderr)
            return 2
        try:
            stream = sys.stdin.buffer if args.batch == "-" else open(args.batch, "rb")  # noqa: SIM115
        except OSError as exc:
            print(f"quizmath check: cannot read {args.batch}: {exc.strerror}", file=sys.stderr)
            return 2
        with stream, CheckService(preload_sympy=False) as service:
            lines, invalid = _run_batch(stream, service, sys.stdout.buffer)
        if lines and invalid == lines:
            print(
                "quizmath check: no line of the batch could be checked (each line needs "
                '"kind", "expected" and "submitted" as text; see the messages)',
                file=sys.stderr,
            )
            return 2
        return 0
    missing = [n for n, v in (("--kind", args.kind), ("--expected", args.expected)) if v is None]
    if args.answer is None:
        missing.append("ANSWER")
    if missing:
        print(f"quizmath check: missing {', '.join(missing)} (or use --batch)", file=sys.stderr)
        return 2
    with CheckService(preload_sympy=False) as service:
        verdict = service.check(
            args.kind,
            args.expected,
            args.answer,
            vars=args.vars.replace(",", " ").split(),
            tol=args.tol,
            choices=args.choices,
        )
    if args.json:
        print(dumps(verdict.to_json()))
    else:
        print(neutralise(f"{verdict.verdict}: {verdict.message}"))
        if verdict.interpreted:
            print(neutralise(f"interpreted as: {verdict.interpreted}"))
        if verdict.mistake:
            print(neutralise(f"feedback: {verdict.mistake}"))
    return {"accept": 0, "reject": 1}.get(verdict.verdict, 2)


def _safe_stdout() -> None:
    """Never crash on a terminal that cannot show "·" or "√": escape instead."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def _lines(stream: IO[bytes]) -> Any:
    """Lines of at most MAX_LINE bytes; a longer one is yielded as None, and skipped."""
    while True:
        chunk = stream.readline(MAX_LINE + 1)
        if not chunk:
            return
        if len(chunk) > MAX_LINE and not chunk.endswith(b"\n"):
            while True:  # drain the rest of the over-long line
                rest = stream.readline(MAX_LINE)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield chunk


def _run_batch(stream: IO[bytes], service: Any, out: IO[bytes]) -> tuple[int, int]:
    """Check every line; (lines, invalid lines)."""
    from quizmath.core.terminal_text import dumps

    lines = invalid = 0
    for lineno, raw in enumerate(_lines(stream), start=1):
        line_id, request, problem = _parse_line(raw, lineno)
        if problem is not None:
            result: dict[str, Any] = {"verdict": "invalid", "message": problem}
            result.update(interpreted="", ms=0.0)
            if line_id is not None:
                result = {"id": line_id, **result}
        else:
            result = service.check(**request).to_json(line_id)
        out.write(dumps(result).encode("utf-8") + b"\n")
        out.flush()
        lines += 1
        invalid += result["verdict"] == "invalid"
    return lines, invalid


def _parse_line(raw: bytes | None, lineno: int) -> tuple[Any, dict[str, Any], str | None]:
    """(id, keyword arguments for check, problem): problem is set when the line is unusable."""
    if raw is None:
        return None, {}, f"line {lineno} is too long"
    text = raw.decode("utf-8", errors="replace").strip()
    if not text:
        return None, {}, f"line {lineno} is empty"
    try:
        obj = json.loads(text)
    except (ValueError, RecursionError):
        return None, {}, f"line {lineno} is not valid JSON"
    if not isinstance(obj, dict):
        return None, {}, f"line {lineno} is not a JSON object"
    line_id = obj.get("id")
    for key in ("kind", "expected", "submitted"):
        if not isinstance(obj.get(key), str):
            return line_id, {}, f'line {lineno}: "{key}" must be a string'
    variables = obj.get("vars", [])
    if isinstance(variables, str):
        variables = variables.replace(",", " ").split()
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        return line_id, {}, f'line {lineno}: "vars" must be a list of names'
    tol = obj.get("tol")
    if tol is not None and (isinstance(tol, bool) or not isinstance(tol, int | float)):
        return line_id, {}, f'line {lineno}: "tol" must be a number'
    choices = obj.get("choices")
    if choices is not None and (isinstance(choices, bool) or not isinstance(choices, int)):
        return line_id, {}, f'line {lineno}: "choices" must be a whole number'
    mistakes = _mistakes(obj.get("mistakes", []))
    if mistakes is None:
        return line_id, {}, f'line {lineno}: "mistakes" must be a list of {{expected, feedback}}'
    request = {
        "kind": obj["kind"],
        "expected": obj["expected"],
        "submitted": obj["submitted"],
        "vars": variables,
        "tol": None if tol is None else float(tol),
        "mistakes": mistakes,
        "choices": choices,
    }
    return line_id, request, None


def _mistakes(items: Any) -> list[Any] | None:
    from quizmath.core.answers import Mistake

    if not isinstance(items, list):
        return None
    out = []
    for m in items:
        if not isinstance(m, dict):
            return None
        expected = m.get("expected", m.get("value"))
        feedback = m.get("feedback", "")
        if not isinstance(expected, str) or not isinstance(feedback, str):
            return None
        out.append(Mistake(expected, feedback))
    return out
