"""A loaded exercise: what the learner writes, how it is called, what it must return.

Everything here is data from the exercise file, checked and parsed once: names, literal
defaults, texts, and expressions of the template language (``Compiled``). Nothing in an exercise
file is ever run as Python; the learner's own file is, in the sandbox.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from quizmath.core.bank.model import Compiled

DEFAULT_RTOL = 1e-6
DEFAULT_ATOL = 1e-9
DEFAULT_SEEDS = 5


@dataclass(frozen=True)
class Param:
    """A parameter of the learner's function: its name and, when it has one, a literal default."""

    name: str
    default: Any = None  # int | float | str | bool | None
    has_default: bool = False


@dataclass(frozen=True)
class Signature:
    """``name(params)`` with its docstring."""

    name: str
    params: tuple[Param, ...]
    doc: str
    line: int


@dataclass(frozen=True)
class Unit:
    """One function or class the learner writes. A class's ``signature`` is its constructor."""

    kind: str  # "function" | "class"
    signature: Signature
    methods: tuple[Signature, ...] = ()
    attributes: tuple[tuple[str, str], ...] = ()  # (name, description) set by the class

    @property
    def name(self) -> str:
        return self.signature.name


@dataclass(frozen=True)
class Step:
    """One line of ``run``: ``[targets =] [obj.]name(args)`` or ``target = obj.attribute``."""

    targets: tuple[str, ...]
    obj: str | None
    name: str
    call: bool
    args: tuple[Compiled, ...]
    kwargs: tuple[tuple[str, Compiled], ...]
    source: str
    line: int


@dataclass(frozen=True)
class Expect:
    """What one output must equal, and how closely."""

    output: str
    value: Compiled
    rtol: float
    atol: float
    up_to_sign: bool  # each row (or the whole vector) may be multiplied by −1
    line: int


@dataclass(frozen=True)
class Probe:
    """A typical bug, recognised from the outputs of a failing case, and what to tell the learner.

    It matches when every given condition holds: ``outputs`` equal the values a learner with this
    bug would get, ``nonfinite`` outputs contain inf or nan, ``shapes`` are the wrong shapes
    this bug gives.
    """

    id: str
    outputs: tuple[tuple[str, Compiled], ...]
    nonfinite: tuple[str, ...]
    shapes: tuple[tuple[str, Compiled], ...]
    feedback: str
    line: int


@dataclass(frozen=True)
class Case:
    """A declared case: fixed parameters and optionally its own steps and expectations.

    With ``repeat`` the steps run once per value of one variable and every output becomes the
    list of its values; ``non_increasing`` then names a sequence (an expression over the
    outputs) that must never go up: the loss over gradient-descent iterations, for instance.
    """

    name: str
    params: dict[str, Any]  # name -> Compiled or plain value
    run: tuple[Step, ...] | None
    expect: tuple[Expect, ...] | None
    repeat: tuple[str, Compiled] | None
    non_increasing: Compiled | None
    line: int


@dataclass(frozen=True)
class Exercise:
    id: str
    title: str
    topic: str
    concept: str
    difficulty: int
    task: str
    implement: tuple[Unit, ...]
    symbols: tuple[str, ...]
    params: tuple[tuple[str, Compiled], ...]
    where: tuple[Compiled, ...]
    compute: tuple[tuple[str, Compiled], ...]
    run: tuple[Step, ...]
    expect: tuple[Expect, ...]
    cases: tuple[Case, ...]
    banned: tuple[str, ...]
    hints: tuple[str, ...]
    solution: str
    misconceptions: tuple[Probe, ...]
    file: str
    seeds: int = DEFAULT_SEEDS
    line: int = 1
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def area(self) -> str:
        return self.topic.split("/", 1)[0]

    def outputs(self) -> tuple[str, ...]:
        """Every name the steps assign that some expectation, probe or check reads."""
        wanted: dict[str, None] = {}
        for e in self.expect:
            wanted[e.output] = None
        for c in self.cases:
            for e in c.expect or ():
                wanted[e.output] = None
        return tuple(wanted)
