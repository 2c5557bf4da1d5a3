"""Placement in plain mode: one question at a time, then the map (screen readers, pipes,
scripts).

Each question prints its number, the ref (``id@seed``), the topic and the problem (prompt,
choices, the answer-format line), then reads lines: an answer (judged once: placement has no
second try), ``dont know`` or ``skip`` (the topic is placed new), ``help``, or ``quit`` (stop:
what was placed so far is kept). An unreadable answer is explained and typed again. At the
end: the map, area by area, and where Continue starts now.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from quizmath.core.items.problem import format_help
from quizmath.core.placement.outcomes import ProbeOutcome, ProbeStatus, TopicPlacement
from quizmath.core.placement.walk import Level
from quizmath.plain.items.problem import body_lines
from quizmath.plain.output import BOLD, GREEN, RED, YELLOW, Output

if TYPE_CHECKING:
    from quizmath.core.placement.flow import Placement
    from quizmath.core.placement.outcomes import PlacementMap, PlacementResult, Probe

INTRO = (
    "Placement: up to {budget} questions that follow the curriculum's prerequisites. Answer "
    "what you can; a topic you do not know stops the questions on the topics that build on it. "
    "Known topics are scheduled for review in a few days, so practice starts where you are."
)
COMMANDS_LINE = "Type your answer, or: dont know (or skip), help, quit."
DONT_KNOW = ("dont know", "don't know", "dontknow", "skip", "idk", "?")
LEVEL_WORDS = {
    Level.KNOWN: "known",
    Level.SHAKY: "shaky",
    Level.NEW: "new",
    Level.UNTESTED: "not tested",
}


class PlainPlacement:
    def __init__(self, placement: Placement, inp: TextIO, out: TextIO) -> None:
        self.placement = placement
        self.inp = inp
        self.out = Output(out)
        self.say = self.out.say
        self.interactive = inp.isatty() if hasattr(inp, "isatty") else False

    def read(self) -> str | None:
        """One line without its newline; None at end of input."""
        if self.interactive and self.inp is sys.stdin:
            with contextlib.suppress(ImportError):
                import readline  # noqa: F401 - line editing and history for input()
            try:
                return input("answer> ")
            except EOFError:
                self.say()
                return None
        line = self.inp.readline()
        return line.rstrip("\r\n") if line else None

    def run(self) -> int:
        self.say(INTRO.format(budget=self.placement.budget))
        self.say()
        status = 0
        try:
            while (probe := self.placement.next_probe()) is not None:
                self.show(probe)
                if not self.ask(probe):
                    break
        except KeyboardInterrupt:
            status = 130
            self.say()
        result = self.placement.finish()
        self.summary(result)
        return status

    def show(self, probe: Probe) -> None:
        p = probe.problem
        again = " (a second question on this topic)" if probe.confirming else ""
        heading = f"Question {probe.ask.number} of at most {probe.budget}: {p.ref}"
        self.say(self.out.paint(heading, BOLD))
        self.say(f"{probe.topic_title} — {probe.area_title}{again}")
        self.say()
        self.out.lines(body_lines(p))
        self.say(COMMANDS_LINE)

    def ask(self, probe: Probe) -> bool:
        """Lines until the question is answered; False means stop."""
        while True:
            line = self.read()
            if line is None:
                self.say("End of input: stopping; what was placed so far is kept.")
                self.say()
                return False
            command = line.strip().lower()
            if not command:
                self.say(COMMANDS_LINE)
            elif command in ("quit", "exit"):
                self.say()
                return False
            elif command in ("help", "format"):
                self.say(COMMANDS_LINE)
                self.say(format_help(probe.problem))
            elif command in DONT_KNOW:
                self.answered(self.placement.dont_know())
                return True
            else:
                outcome = self.placement.submit(line)
                self.answered(outcome)
                if outcome.counted:
                    return True

    def answered(self, outcome: ProbeOutcome) -> None:
        p = outcome.probe.problem
        v = outcome.verdict
        if outcome.status == ProbeStatus.RIGHT:
            self.say(self.out.paint("Right.", GREEN))
        elif outcome.status == ProbeStatus.WRONG:
            self.say(self.out.paint(f"Not right. The answer was: {p.answer_text}", RED))
        elif outcome.status == ProbeStatus.DONT_KNOW:
            self.say(f"Noted. The answer was: {p.answer_text}")
        else:
            timed_out = outcome.status == ProbeStatus.UNCHECKED
            why = "Could not check that in time" if timed_out else "Could not read that"
            self.say(self.out.paint(f"{why}; not counted.", YELLOW))
            if v is not None and v.reason:
                self.say(v.reason)
            return
        if outcome.confirm_next:
            self.say(f"One more question on {outcome.probe.topic_title}.")
        elif outcome.placed is not None:
            self.say(f"{outcome.placed.title}: {LEVEL_WORDS[outcome.placed.level]}.")
        self.say()

    def summary(self, result: PlacementResult) -> None:
        m = result.map
        stopped = "" if m.complete else " (stopped early: topics not reached are not tested)"
        noun = "question" if m.questions == 1 else "questions"
        self.say(f"Placement: {m.questions} {noun}, {m.right} right{stopped}.")
        for line in map_lines(m):
            self.say(line)
        self.say()
        if m.seeded:
            self.say(
                f"{m.seeded} problem template{'s' if m.seeded != 1 else ''} in known topics "
                "will come back for review in a few days."
            )
        pick = result.next_pick
        if pick is not None:
            template = self.placement.bank.templates.get(pick.template_id)
            topic = self.placement.bank.curriculum.topic(template.topic) if template else None
            where = topic.title if topic else pick.template_id
            self.say(f"Continue starts with: {where} ({pick.template_id}).")


def map_lines(m: PlacementMap) -> list[str]:
    """The map as the curriculum tree: areas, then each topic's level and why."""
    return tree_lines(m.topics)


def tree_lines(topics: Sequence[TopicPlacement]) -> list[str]:
    lines: list[str] = []
    area = None
    width = max(len(w) for w in LEVEL_WORDS.values())
    for t in topics:
        if t.area_title != area:
            area = t.area_title
            lines.append(area)
        lines.append(f"  {LEVEL_WORDS[t.level]:<{width}}  {t.title}{_why(t)}")
    return lines


def _why(t: TopicPlacement) -> str:
    if t.level == Level.NEW and t.asked == 0 and t.below_title:
        return f" (builds on {t.below_title})"
    if t.asked == 2:
        return f" ({t.right} of 2 right)"
    return ""
