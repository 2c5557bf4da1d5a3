"""What a check returns: the verdict, and the live preview's interpretation."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from quizmath.core.kinds import KINDS  # noqa: F401 - re-exported: the checker's list of kinds


class VerdictKind(StrEnum):
    """What a check decided (stored as the attempt's verdict; JSON's "verdict")."""

    ACCEPT = "accept"
    REJECT = "reject"
    INVALID = "invalid"  # unreadable, or not checked in time: never counted


ACCEPT = VerdictKind.ACCEPT
REJECT = VerdictKind.REJECT
INVALID = VerdictKind.INVALID

# The word a message of each verdict starts with ("Not correct: entry 2 is wrong.").
WORDS = {ACCEPT: "Correct", REJECT: "Not correct"}

Entry = str | tuple[str, ...]  # one entry as printed; an entry that is a list, entry by entry


@dataclass(frozen=True, slots=True)
class Mistake:
    """A typical wrong answer (sympy printed form, same kind) and what to tell the learner."""

    expected: str
    feedback: str


@dataclass(slots=True)
class Verdict:
    """The outcome of one check.

    ``wrong_entries`` (0-based) says which entries are wrong: ints for vectors, ``(row, col)``
    pairs for matrices, and for sets the indices of the submitted values (after ``±`` expansion,
    in the order typed) that are not in the expected set. It is empty otherwise.
    ``interpreted`` is empty when the answer could not be read. ``rounded``: rejected only
    because it is a rounded decimal close to the exact value asked (every wrong entry, for a
    vector or matrix); a UI may choose not to count it as a try. ``entries`` is the answer read
    as a list, entry by entry as ``interpreted`` prints them (a matrix: a tuple per row), or
    None when it is not a list (a number, or a scaled list such as ``1/2·[2, 5]``).
    """

    verdict: VerdictKind
    message: str
    interpreted: str = ""
    wrong_entries: list[Any] = field(default_factory=list)
    mistake: str | None = None
    timed_out: bool = False
    ms: float = 0.0
    column: int | None = None  # where an invalid answer went wrong, 1-based
    rounded: bool = False
    entries: tuple[Entry, ...] | None = None

    @property
    def accepted(self) -> bool:
        return self.verdict == ACCEPT

    @property
    def reason(self) -> str:
        """The message without its verdict word: "entry 2 is wrong." for "Not correct: entry 2
        is wrong.", "" for "Correct."; an invalid answer's message is all reason."""
        message = self.message.strip()
        word = WORDS.get(self.verdict)
        if word is None or not message.startswith(word):
            return message
        return message.removeprefix(word).lstrip(":.").strip()

    def to_json(self, id: Any = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if id is not None:
            out["id"] = id
        out["verdict"] = self.verdict
        out["message"] = self.message
        out["interpreted"] = self.interpreted
        out["ms"] = round(self.ms, 3)
        if self.wrong_entries:
            out["wrong_entries"] = [
                list(w) if isinstance(w, tuple) else w for w in self.wrong_entries
            ]
        if self.mistake is not None:
            out["mistake"] = self.mistake
        if self.timed_out:
            out["timed_out"] = True
        if self.column is not None:
            out["column"] = self.column
        if self.rounded:
            out["rounded"] = True
        return out


@dataclass(frozen=True, slots=True)
class Interpretation:
    """The live preview: how the text reads so far, or why it cannot be read (and where)."""

    ok: bool
    interpreted: str
    message: str = ""
    column: int | None = None
