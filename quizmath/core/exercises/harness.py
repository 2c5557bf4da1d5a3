"""The child side of the sandbox: run the learner's file on the cases and report JSON lines.

Started by ``sandbox.py`` as ``python -I harness.py JOB.json FD SECONDS MEMORY FILESIZE`` in a
fresh process group and an empty working directory. It imports only the standard library and
numpy (never quizmath), so it runs as a plain script. In order, it

1. limits its own CPU time, address space, file size and open files (``resource.setrlimit``,
   before any of the learner's code exists in the process; the parent's wall clock and process
   group kill are the hard stop),
2. replaces the exercise's banned functions with ones that raise "not allowed in this exercise"
   and blocks banned modules from being imported,
3. imports the learner's file, then for each case runs its steps on fresh inputs (arrays,
   numbers, polynomials passed as functions), capturing ``print`` output per case,
4. writes one JSON line per case to the result pipe as soon as the case ends, so a run stopped
   at its time limit still reports the cases it finished.

Learner tracebacks are trimmed to the learner's own frames.
"""

from __future__ import annotations

import importlib.abc
import io
import json
import os
import sys
import time
import traceback
from typing import Any

MAX_OUTPUT_ENTRIES = 100_000
MAX_TEXT = 400
LEARNER_MODULE = "solution"


class NotAllowedError(Exception):
    """Raised by a banned function or import."""


def limit_resources(seconds: float, memory: int, file_size: int) -> None:
    import resource
    import signal

    cpu = int(seconds) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(soft, 256), min(hard, 256)))
    # A write past the file-size limit then fails with an OSError the learner sees, instead of
    # a signal that kills the run without a word.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


# ------------------------------------------------------------------------------ banned names


def _raiser(name: str) -> Any:
    def not_allowed(*args: Any, **kwargs: Any) -> Any:
        raise NotAllowedError(f"{name} is not allowed in this exercise: write it yourself")

    not_allowed.__name__ = name.rsplit(".", 1)[-1]
    return not_allowed


class _BlockImports(importlib.abc.MetaPathFinder):
    def __init__(self, modules: list[str]) -> None:
        self.modules = modules

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> None:
        for m in self.modules:
            if fullname == m or fullname.startswith(m + "."):
                raise NotAllowedError(f"importing {m} is not allowed in this exercise")
        return None


class _PatchOnImport(importlib.abc.MetaPathFinder):
    """Replaces banned functions of a module when (and only if) the module is imported, so a
    ban on scipy.stats.ttest_1samp costs nothing to a file that never imports scipy.stats."""

    def __init__(self, patches: dict[str, list[tuple[list[str], str]]]) -> None:
        self.patches = patches

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        todo = self.patches.get(fullname)
        if not todo:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        else:
            return None
        loader = spec.loader
        if loader is None or not hasattr(loader, "exec_module"):
            return spec
        original = loader.exec_module

        def exec_module(module: Any) -> None:
            original(module)
            _patch(module, todo)

        # A method of the loader replaced (mypy refuses that as an assignment).
        setattr(loader, "exec_module", exec_module)  # noqa: B010
        return spec


def _patch(module: Any, todo: list[tuple[list[str], str]]) -> None:
    for attrs, name in todo:
        owner = module
        for attr in attrs[:-1]:
            owner = getattr(owner, attr, None)
        if owner is not None and hasattr(owner, attrs[-1]):
            setattr(owner, attrs[-1], _raiser(name))


def _spec(name: str) -> Any:
    """The module spec of ``name``, found without importing it or its parents (a ban on
    scipy.stats.ttest_1samp must not import scipy.stats for a file that never uses it)."""
    import importlib.machinery
    import importlib.util

    if name in sys.modules:
        return getattr(sys.modules[name], "__spec__", None) or True
    parent, _, _ = name.rpartition(".")
    try:
        if not parent:
            return importlib.util.find_spec(name)
        parent_spec = _spec(parent)
        locations = getattr(parent_spec, "submodule_search_locations", None)
        if parent in sys.modules:
            locations = getattr(sys.modules[parent], "__path__", None)
        if not locations:
            return None
        return importlib.machinery.PathFinder.find_spec(name, list(locations))
    except (ImportError, ValueError, AttributeError):
        return None


def _is_module(name: str) -> bool:
    return _spec(name) is not None


def install_bans(banned: list[str]) -> None:
    """Refuse each banned module; replace each banned function, now or when its module loads."""
    blocked: list[str] = []
    later: dict[str, list[tuple[list[str], str]]] = {}
    for name in banned:
        if name == "@" or name.startswith("."):
            continue  # an operator or a method: found in the source only
        parts = name.split(".")
        cut = next((c for c in range(len(parts), 0, -1) if _is_module(".".join(parts[:c]))), 0)
        if cut == len(parts) or cut == 0:
            blocked.append(name)  # a module, or nothing installed here: refuse it anyway
            continue
        module_name, attrs = ".".join(parts[:cut]), parts[cut:]
        if module_name in sys.modules:
            _patch(sys.modules[module_name], [(attrs, name)])
        else:
            later.setdefault(module_name, []).append((attrs, name))
    for name in blocked:
        for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[loaded]
    if later:
        sys.meta_path.insert(0, _PatchOnImport(later))
    if blocked:
        sys.meta_path.insert(0, _BlockImports(blocked))


# ---------------------------------------------------------------------------- values in, out


def build(value: dict[str, Any]) -> Any:
    """A JSON-encoded input as the Python value the learner's code receives."""
    import numpy as np

    kind = value["t"]
    if kind in ("int", "float", "bool", "str", "none"):
        return value.get("v")
    if kind == "array":
        return np.array(value["v"], dtype=value["dtype"]).reshape(value["shape"])
    if kind == "list":
        return [build(v) for v in value["items"]]
    if kind == "poly":
        return _poly_function(value)
    raise ValueError(f"unknown input kind {kind}")


def _poly_function(spec: dict[str, Any]) -> Any:
    import numpy as np

    polys = [[(c, tuple(p)) for c, p in terms] for terms in spec["polys"]]
    nvars, scalar_in, vector_out = spec["nvars"], spec["scalar"], spec["vector"]

    def evaluate(terms: list[tuple[float, tuple[int, ...]]], xs: Any) -> Any:
        total: Any = 0.0
        for c, powers in terms:
            term: Any = c
            for xi, p in zip(xs, powers, strict=False):
                if p:
                    term = term * xi**p
            total = total + term
        return total

    def f(x: Any) -> Any:
        if scalar_in:
            xs: Any = (x,)
        else:
            xs = np.asarray(x, dtype=float)
            if xs.shape != (nvars,):
                raise ValueError(
                    f"this function takes an array of shape ({nvars},), got {xs.shape}"
                )
        values = [evaluate(t, xs) for t in polys]
        return np.array(values, dtype=float) if vector_out else values[0]

    return f


def encode(value: Any, depth: int = 0) -> dict[str, Any]:
    """A learner's result as JSON-able data (never their object itself)."""
    import numpy as np

    if value is None:
        return {"t": "none"}
    if isinstance(value, bool | np.bool_):
        return {"t": "bool", "v": bool(value)}
    if isinstance(value, int | np.integer):
        return {"t": "number", "v": int(value), "dtype": type(value).__name__}
    if isinstance(value, float | np.floating):
        return {"t": "number", "v": float(value), "dtype": type(value).__name__}
    if isinstance(value, complex | np.complexfloating):
        return {"t": "other", "type": "complex", "repr": repr(value)[:MAX_TEXT]}
    if isinstance(value, str):
        return {"t": "str", "v": value[:MAX_TEXT], "length": len(value)}
    if isinstance(value, np.ndarray):
        if value.size > MAX_OUTPUT_ENTRIES:
            return {"t": "too-large", "shape": list(value.shape)}
        if value.dtype.kind in "biuf":
            data = value.astype(float).ravel().tolist()
            return {"t": "array", "shape": list(value.shape), "dtype": str(value.dtype), "v": data}
        return {"t": "other", "type": f"array of {value.dtype}", "shape": list(value.shape)}
    if isinstance(value, list | tuple) and depth < 3:
        if len(value) > MAX_OUTPUT_ENTRIES:
            return {"t": "too-large", "shape": [len(value)]}
        kind = "list" if isinstance(value, list) else "tuple"
        return {"t": kind, "items": [encode(v, depth + 1) for v in value]}
    return {"t": "other", "type": type(value).__name__, "repr": _short_repr(value)}


def _short_repr(value: Any) -> str:
    try:
        return repr(value)[:MAX_TEXT]
    except Exception:
        return "(no repr)"


# ------------------------------------------------------------------------------ the run


class _Capture(io.TextIOBase):
    """``print`` output of one case, kept up to a limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[str] = []
        self.size = 0
        self.dropped = 0

    def writable(self) -> bool:
        return True

    def write(self, s: str) -> int:
        room = self.limit - self.size
        if room > 0:
            self.parts.append(s[:room])
            self.size += min(len(s), room)
        self.dropped += max(0, len(s) - max(room, 0))
        return len(s)

    def text(self) -> str:
        return "".join(self.parts)


def learner_traceback(exc: BaseException, path: str) -> str:
    """The traceback with only the frames in the learner's file, and the error line."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == path]
    name = os.path.basename(path)
    if isinstance(exc, SyntaxError):
        lines = [f'  File "{name}", line {exc.lineno}']
        if exc.text:
            lines.append(f"    {exc.text.rstrip()}")
        return "\n".join([*lines, f"{type(exc).__name__}: {exc.msg}"])
    lines = []
    for f in frames:
        lines.append(f'  File "{name}", line {f.lineno}, in {f.name}')
        if f.line:
            lines.append(f"    {f.line.strip()}")
    lines.append(f"{type(exc).__name__}: {_message(exc)}")
    return "\n".join(lines)


def _message(exc: BaseException) -> str:
    try:
        return str(exc)[:1000]
    except Exception:
        return "(the error's message could not be shown)"


def error_of(exc: BaseException, path: str, step: str | None) -> dict[str, Any]:
    kind = "exception"
    if isinstance(exc, MemoryError):
        kind = "memory"
    elif isinstance(exc, NotAllowedError):
        kind = "banned"
    elif isinstance(exc, RecursionError):
        kind = "recursion"
    return {
        "kind": kind,
        "type": type(exc).__name__,
        "message": _message(exc),
        "traceback": learner_traceback(exc, path),
        "step": step,
    }


def run_step(step: dict[str, Any], module: Any, names: dict[str, Any]) -> None:
    if step["obj"] is None:
        target = getattr(module, step["name"], None)
        if target is None:
            raise NameError(f"your file does not define {step['name']}")
    else:
        target = getattr(names[step["obj"]], step["name"])
    if step["call"]:
        args = [build(a) for a in step["args"]]
        kwargs = {k: build(v) for k, v in step["kwargs"].items()}
        result = target(*args, **kwargs)
    else:
        result = target
    targets = step["targets"]
    if len(targets) == 1:
        names[targets[0]] = result
    elif len(targets) > 1:
        try:
            items = list(result)
        except TypeError:
            items = None
        if items is None or len(items) != len(targets):
            got = "not a pair or tuple" if items is None else f"{len(items)} values"
            raise TypeError(f"expected {len(targets)} values ({', '.join(targets)}), got {got}")
        names.update(zip(targets, items, strict=True))


def run_block(block: dict[str, Any], module: Any, path: str, limit: int) -> dict[str, Any]:
    names: dict[str, Any] = {}
    capture = _Capture(limit)
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = capture
    error = None
    step_source = None
    try:
        for step in block["steps"]:
            step_source = step["source"]
            run_step(step, module, names)
    except BaseException as exc:  # the learner's code may raise anything, even SystemExit
        if isinstance(exc, KeyboardInterrupt):
            raise
        error = error_of(exc, path, step_source)
    finally:
        sys.stdout, sys.stderr = saved
    outputs = {}
    for name in block["outputs"]:
        if name in names:
            try:
                outputs[name] = encode(names[name])
            except BaseException as exc:  # a learner's __len__ or __repr__ can raise
                outputs[name] = {"t": "other", "type": type(exc).__name__, "repr": ""}
    return {
        "outputs": outputs,
        "error": error,
        "stdout": capture.text(),
        "dropped": capture.dropped,
    }


def main(argv: list[str]) -> int:
    job_path, fd, seconds, memory, file_size = argv
    limit_resources(float(seconds), int(memory), int(file_size))
    out = os.fdopen(int(fd), "w", encoding="utf-8")

    def send(message: dict[str, Any]) -> None:
        out.write(json.dumps(message) + "\n")
        out.flush()

    with open(job_path, encoding="utf-8") as fh:
        job = json.load(fh)
    path = job["path"]
    import numpy  # noqa: F401  (imported before the bans and the learner's code, on purpose)

    install_bans(job["banned"])
    import importlib.util

    started = time.perf_counter()
    capture = _Capture(job["print_limit"])
    saved = sys.stdout, sys.stderr
    sys.stdout = sys.stderr = capture
    try:
        spec = importlib.util.spec_from_file_location(LEARNER_MODULE, path)
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        sys.modules[LEARNER_MODULE] = module
        spec.loader.exec_module(module)  # type: ignore[union-attr]
    except BaseException as exc:
        sys.stdout, sys.stderr = saved
        send({"event": "load-error", "error": error_of(exc, path, None), "stdout": capture.text()})
        return 0
    sys.stdout, sys.stderr = saved
    send({"event": "loaded", "ms": (time.perf_counter() - started) * 1000})
    for index, case in enumerate(job["cases"]):
        started = time.perf_counter()
        blocks = [run_block(b, module, path, job["print_limit"]) for b in case["blocks"]]
        ms = (time.perf_counter() - started) * 1000
        send({"event": "case", "index": index, "blocks": blocks, "ms": ms})
    send({"event": "done"})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
