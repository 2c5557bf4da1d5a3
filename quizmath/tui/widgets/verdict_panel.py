"""The verdict after Enter: correct / not correct / not counted, and why.

Shows the checker's message, how the answer was read, the feedback of the known mistake it
matches, the learner's vector or matrix with the wrong entries marked, and the time taken.
Colours come from the theme (``$success``, ``$error``, ``$warning``); all text from the bank or
the learner goes in as plain text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.content import Content
from textual.widgets import Static

from quizmath.tui.widgets.answer_box import excerpt, printable

_STYLE = {"accept": "$success", "reject": "$error", "invalid": "$warning", "skipped": "$warning"}


def seconds(ms: int | float) -> str:
    s = ms / 1000
    if s < 60:
        return f"{s:.1f} s"
    minutes, rest = divmod(round(s), 60)
    return f"{minutes} min {rest:02d} s"


class VerdictPanel(Static):
    """Empty until an answer is judged; its CSS class says which verdict it shows."""

    DEFAULT_CSS = """
    VerdictPanel { height: auto; display: none; }
    VerdictPanel.-shown { display: block; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.verdict: str | None = None
        self._lines: list[Content] = []

    def clear(self) -> None:
        self.verdict = None
        self._lines = []
        self.set_classes("")
        self.update("")

    def _show(self, verdict: str, lines: Sequence[Content], *, append: bool = False) -> None:
        self.verdict = verdict
        self._lines = [*self._lines, *lines] if append else list(lines)
        self.set_classes(f"-shown -{verdict}")
        self.update(Content("\n").join(self._lines))

    def show_judgement(
        self, verdict: Any, ms: int, *, kind: str, typed: str, tries: int, helped: str = ""
    ) -> None:
        """``verdict`` is a core ``Verdict``; ``ms`` the time the learner took; ``helped`` says
        what help was used ("hints", "the solution") for the scheduler's rating."""
        v = verdict.verdict
        message = printable((verdict.message or "").strip())
        style = _STYLE.get(v, "$warning")
        if v == "accept":
            head = Content.assemble(("✓ Correct", f"bold {style}"), _after(message, "Correct"))
            took = f"   in {seconds(ms)}" + (f", try {tries}" if tries > 1 else "")
            if helped:
                took += f", after {helped}"
            lines = [Content.assemble(head, (took, "$text-muted"))]
        elif v == "reject":
            head = Content.assemble(("✗ Not correct", f"bold {style}"), _after(message, "Not"))
            lines = [Content.assemble(head, (f"   in {seconds(ms)}", "$text-muted"))]
        elif verdict.timed_out:
            lines = [Content.assemble(("⚠ Could not check that in time", f"bold {style}"))]
            lines.append(Content("Not counted. Try writing it more simply."))
        else:
            lines = [Content.assemble(("⚠ Could not read that — not counted", f"bold {style}"))]
            lines.append(Content.assemble(message, *excerpt(typed, verdict.column)))
        if verdict.interpreted:
            read = printable(verdict.interpreted)
            lines.append(Content.assemble(("Read as  ", "$text-muted"), (read, "bold")))
        if verdict.mistake:
            lines.append(
                Content.assemble(("Common mistake: ", f"bold {style}"), printable(verdict.mistake))
            )
        marked = mark_entries(
            printable(verdict.interpreted), list(verdict.wrong_entries or []), kind
        )
        if marked is not None:
            lines.append(Content.assemble(("Wrong entries:  ", "$text-muted"), marked))
        self._show(v, lines)

    def show_skipped(self, answer: str) -> None:
        lines = [
            Content.assemble(("↷ Skipped", "bold $warning"), ("  (counted as not known)", "")),
            Content.assemble(("The answer was  ", "$text-muted"), (printable(answer), "bold")),
        ]
        self._show("skipped", lines)

    def show_given_up(self, answer: str, wrong: int) -> None:
        """After the last wrong try: added under that try's verdict."""
        lines = [
            Content.assemble((f"That was {wrong} tries; the worked solution is below.", "bold")),
            Content.assemble(("The answer was  ", "$text-muted"), (printable(answer), "bold")),
        ]
        self._show("reject", lines, append=True)


def help_used(hints: int, solution_viewed: bool) -> str:
    """What help came before an answer, as the verdict says it ("after 2 hints")."""
    if solution_viewed:
        return "the solution"
    if hints:
        return f"{hints} hint{'s' if hints != 1 else ''}"
    return ""


def _after(message: str, word: str) -> Content:
    """The checker's message minus its leading verdict word ("Not correct: entry 2 …")."""
    if message.startswith(word):
        message = message.split(":", 1)[1].strip() if ":" in message else ""
    message = message.rstrip(".")
    return Content(f" — {message}" if message else "")


def split_entries(text: str) -> list[str] | None:
    """``[a, b, c]`` → ["a", "b", "c"], splitting at top-level commas; None otherwise."""
    text = text.strip()
    if len(text) < 2 or text[0] not in "[{" or text[-1] != {"[": "]", "{": "}"}[text[0]]:
        return None
    depth, start, parts = 0, 1, []
    for i, ch in enumerate(text[1:-1], start=1):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                return None  # "[1], [2]": not one bracketed list
        elif ch == "," and depth == 0:
            parts.append(text[start:i].strip())
            start = i + 1
    parts.append(text[start:-1].strip())
    return parts if all(parts) else None


def mark_entries(interpreted: str, wrong: list[Any], kind: str) -> Content | None:
    """The learner's vector or matrix with its wrong entries highlighted (when the printed form
    is a plain list: a scaled form like ``1/2·[2, 5]`` has other entries than it shows)."""
    if not wrong or not interpreted or kind not in ("vector", "vector-up-to-scale", "matrix"):
        return None
    if kind == "matrix":
        rows = split_entries(interpreted)
        cells = [split_entries(r) for r in rows] if rows else None
        if not cells or any(c is None for c in cells):
            return None
        bad = {tuple(w) for w in wrong if isinstance(w, tuple | list) and len(w) == 2}
        width = max(len(c) for row in cells for c in row if row)  # type: ignore[union-attr]
        out: list[Content | tuple[str, str] | str] = []
        for r, row in enumerate(cells):
            out.append("\n                " if r else "")
            for c, cell in enumerate(row or []):
                style = "reverse bold $error" if (r, c) in bad else ""
                out.extend([(cell.rjust(width), style), "  "])
        return Content.assemble(*out)
    entries = split_entries(interpreted)
    if entries is None:
        return None
    bad_i = {int(w) for w in wrong if isinstance(w, int)}
    out = ["["]
    for i, entry in enumerate(entries):
        out.extend([", " if i else "", (entry, "reverse bold $error" if i in bad_i else "")])
    out.append("]")
    return Content.assemble(*out)
