"""The learner's starting file, generated from the declared signatures and docstrings.

No code is copied from the exercise file: names are checked identifiers, defaults are literals
written with ``repr``, and texts go into docstrings and comments with their quotes and
backslashes escaped. Every function body raises ``NotImplementedError``, so the starter is valid
Python that fails every case (``quizmath validate`` checks both).
"""

from __future__ import annotations

import re
import textwrap

from quizmath.core.exercises.model import Exercise, Param, Signature, Unit


def file_name(exercise_id: str) -> str:
    """The learner's file name: ``ml.linreg-from-scratch`` → ``ml_linreg_from_scratch.py``."""
    return exercise_id.replace(".", "_").replace("-", "_") + ".py"


def starter_source(exercise: Exercise) -> str:
    header = "\n".join(
        [
            f"{exercise.title} (quizmath exercise {exercise.id})",
            "",
            exercise.task.strip(),
            "",
            f"Grade it: quizmath code {exercise.id} --check {file_name(exercise.id)}",
            f"(or keep `quizmath code {exercise.id}` running: it grades every save).",
        ]
    )
    parts = [_docstring(header, ""), "", "import numpy as np", ""]
    for unit in exercise.implement:
        parts += ["", _unit(unit), ""]
    return "\n".join(parts).rstrip("\n") + "\n"


def code_source(exercise: Exercise) -> str:
    """What the learner writes, as the starter declares it: each function or class with its
    signature and docstring (no header, no imports)."""
    return "\n\n\n".join(_unit(unit) for unit in exercise.implement) + "\n"


def _unit(unit: Unit) -> str:
    if unit.kind == "function":
        return _function(unit.signature, "", method=False)
    doc = unit.signature.doc
    if unit.attributes:
        doc += "\n\nAttributes:\n" + "\n".join(
            f"    {name}: {desc}" for name, desc in unit.attributes
        )
    lines = [f"class {unit.name}:", _docstring(doc, "    "), ""]
    init_params = ", ".join(["self", *(_param(p) for p in unit.signature.params)])
    lines.append(f"    def __init__({init_params}):")
    for p in unit.signature.params:
        lines.append(f"        self.{p.name} = {p.name}")
    for name, _ in unit.attributes:
        lines.append(f"        self.{name} = None")
    if not unit.signature.params and not unit.attributes:
        lines.append("        pass")
    for method in unit.methods:
        lines += ["", _function(method, "    ", method=True)]
    return "\n".join(lines)


def _function(sig: Signature, indent: str, method: bool) -> str:
    params = ", ".join([*(["self"] if method else []), *(_param(p) for p in sig.params)])
    body = indent + "    "
    return "\n".join(
        [
            f"{indent}def {sig.name}({params}):",
            _docstring(sig.doc, body),
            f'{body}raise NotImplementedError("write {sig.name}")',
        ]
    )


def _param(p: Param) -> str:
    return f"{p.name}={p.default!r}" if p.has_default else p.name


def _docstring(text: str, indent: str) -> str:
    # A quote followed by another, or the last one, is escaped: no run of three can end the
    # docstring early, and a closing quote cannot touch the text's own.
    safe = re.sub(r'"(?=")|"$', r'\\"', text.strip().replace("\\", "\\\\"))
    if "\n" not in safe and len(safe) + len(indent) + 6 <= 100:
        return f'{indent}"""{safe}"""'
    body = textwrap.indent(safe, indent)
    return f'{indent}"""{body[len(indent) :]}\n{indent}"""'
