"""The practice flow: one problem at a time, shared by the TUI and plain mode (no UI code).

``next_problem()`` shows one (the scheduler's pick, a fixed ``id@seed``, or a topic's);
``hint()`` and ``show_solution()`` are counted; an answer is handled in two steps so a UI can
check off its own thread:

- ``judge(text)`` runs the checker (slow, any thread, no database);
- ``record(judgement)`` saves it (fast, on the thread that opened the storage) and returns the
  ``Outcome`` a front end renders.

``submit(text)`` does both. The rules, all here:

- An unreadable answer (or one that could not be checked in time) is never recorded; the
  learner types it again. So is an answer wrong only because it is rounded where exact values
  are asked (``Verdict.rounded``: "close, but exact entries are asked"): it uses no try.
- A right answer ends the problem. After a wrong one the learner may answer again (recorded as
  a further try, which does not review the card again; see ``scheduler``), ask for a hint or
  the solution, or ``skip()``; after MAX_WRONG wrong answers the problem is over (the front end
  shows the worked solution).
- A skip is recorded with verdict "skipped" and rated Again: the learner did not know. Nothing
  is recorded once the problem is over.
- Hints and the solution are counted: a right answer after hints is rated Hard, after the
  solution Again; the solution may be read at any time, even once the problem is over.
- Time taken runs from when the problem was shown to when the answer was submitted.
- A multi-part problem (``items.multipart``) takes one answer per part, in order: an
  unreadable one is typed again, a right or wrong one is final and the next part follows (no
  retries: a slip is carried forward, and a later part is right when right from the learner's
  own earlier answers). Hints and the solution are the current part's. The last part ends the
  problem: one attempt with every part's verdict and the score, rated from the score.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from quizmath.core.answers.verdict import VerdictKind
from quizmath.core.bank.problem import Part, Problem, parse_ref
from quizmath.core.confidence import Confidence, misconception
from quizmath.core.errors import QuizmathError, TemplateError
from quizmath.core.items import Ending
from quizmath.core.items.multipart import PartAnswer, Steps
from quizmath.core.items.problem import SKIPPED, Checker, Generator, generate, judge
from quizmath.core.practice.outcomes import Hint, Outcome, PracticeTally, Status
from quizmath.core.practice.rules import MAX_WRONG
from quizmath.core.scheduler import Recorded, Scheduler
from quizmath.core.storage.attempts import Attempt

if TYPE_CHECKING:
    from quizmath.core.answers.verdict import Verdict
    from quizmath.core.bank.bank import Bank

MAX_PICKS = 20  # templates that fail to generate are passed over, this many at most


class NoProblemError(QuizmathError):
    """Nothing to practise (an empty bank or topic)."""


@dataclass
class Shown:
    """A problem on screen and what the learner did with it so far."""

    problem: Problem
    shown_at: float  # session clock (monotonic seconds)
    hints: int = 0
    solution_viewed: bool = False
    tries: int = 0  # answers recorded (accepted, rejected or skipped)
    outcome: Ending | None = None  # CORRECT, SKIPPED, or WRONG out of tries, once over
    first_try: bool = False  # accepted at the first try, without hints or the solution
    steps: Steps | None = None  # a multi-part problem: its parts answered so far
    part_hints: list[int] = field(default_factory=list)  # hints seen, per part

    def __post_init__(self) -> None:
        if self.problem.parts and self.steps is None:
            self.steps = Steps(self.problem)
            self.part_hints = [0] * len(self.problem.parts)

    @property
    def part(self) -> Part | None:
        """A multi-part problem's part to answer now (None: every part is answered)."""
        k = self.steps.current if self.steps is not None else None
        return self.problem.parts[k] if k is not None else None

    @property
    def hint_source(self) -> tuple[Problem, int]:
        """Where the next hint comes from: the problem, or the current part, and the hints
        seen of it."""
        if self.steps is None:
            return self.problem, self.hints
        k = self.steps.current
        if k is None:
            return self.problem, 0  # every part answered: no more hints
        return self.problem.parts[k].problem, self.part_hints[k]

    @property
    def done(self) -> bool:
        """The problem is over: nothing more is recorded for it."""
        return self.outcome is not None

    @property
    def answered(self) -> bool:
        """An answer was recorded: the learner may move on without skipping."""
        return self.tries > 0

    @property
    def hints_left(self) -> int:
        source, seen = self.hint_source
        return len(source.hints) - seen

    @property
    def tries_left(self) -> int:
        """Wrong answers the learner may still give (0 once the problem is over; a part of a
        multi-part problem takes one answer)."""
        return 0 if self.done or self.steps is not None else MAX_WRONG - self.tries

    @property
    def ending(self) -> Ending:
        """CORRECT, SKIPPED, WRONG (answered, never right) or UNANSWERED."""
        return self.outcome or (Ending.WRONG if self.tries else Ending.UNANSWERED)


@dataclass(frozen=True)
class Judgement:
    """A checked answer, ready to record (see ``Practice.record``)."""

    shown: Shown
    text: str
    verdict: Verdict
    ms: int
    hints: int
    solution_viewed: bool
    part: PartAnswer | None = None  # a multi-part problem: the judged part

    @property
    def kind(self) -> VerdictKind:
        return VerdictKind(self.verdict.verdict)


class Practice:
    """A practice session: the problems shown, in order, and the one on screen."""

    def __init__(
        self,
        bank: Bank,
        scheduler: Scheduler,
        checker: Checker,
        *,
        mode: str = "practice",
        topic: str | tuple[str, ...] | None = None,
        template: str | None = None,
        clock: Callable[[], float] = time.monotonic,
        generator: Generator | None = None,
        confidence: bool = False,
    ) -> None:
        """``topic`` limits the scheduler's picks to a topic id (or several: an area, a
        template-id prefix, as ``core.bank.topic_names`` resolves them); ``template`` (``id`` or
        ``id@seed``) serves only that template: the given seed first, then fresh ones.
        ``confidence``: the learner says how sure they are before each verdict
        (``core.confidence``; see ``needs_confidence``)."""
        self.bank = bank
        self.asks_confidence = confidence
        self.scheduler = scheduler
        self.checker = checker
        self.mode = mode
        self.topic = topic
        self.clock = clock
        self.generator: Generator = generator or generate
        self.fixed: tuple[str, int | None] | None = parse_ref(template) if template else None
        if self.fixed is not None:
            bank.get(self.fixed[0])  # fail now, with "did you mean", if it is not there
        self.current: Shown | None = None
        self.history: list[Shown] = []  # every problem shown, in order
        self._broken: set[str] = set()

    @property
    def tally(self) -> PracticeTally:
        """Counts so far (computed, so an answer recorded late still counts right)."""
        return PracticeTally.of(self.history)

    @property
    def problem(self) -> Problem | None:
        return self.current.problem if self.current else None

    # -- showing -------------------------------------------------------------------------------

    def next_problem(self, ref: str | None = None) -> Problem:
        """Show the next problem: ``ref`` (``id`` or ``id@seed``) if given, else the session's
        fixed template, else the scheduler's pick. Raises NoProblemError or TemplateError."""
        last = self.current.problem.template_id if self.current else None
        self.current = None  # even if the next one fails to generate
        if ref is None and self.fixed is not None:
            template_id, seed = self.fixed
            self.fixed = (template_id, None)  # the given seed once, then fresh seeds
            ref = template_id if seed is None else f"{template_id}@{seed}"
        if ref is not None:
            template_id, seed = parse_ref(ref)
            template = self.bank.get(template_id)
            if seed is None:
                seed = self.scheduler.fresh_seed(template_id)
            problem = self.generator(template, seed)
        else:
            problem = self._picked_problem(last)
        self.current = Shown(problem, self.clock())
        self.history.append(self.current)
        return problem

    def _picked_problem(self, last: str | None) -> Problem:
        for _ in range(MAX_PICKS):
            pick = self.scheduler.pick(topic=self.topic, avoid=last, exclude=self._broken)
            if pick is None:
                break
            try:
                seed = self.scheduler.fresh_seed(pick.template_id)
                return self.generator(self.bank.get(pick.template_id), seed)
            except TemplateError:
                self._broken.add(pick.template_id)  # `quizmath validate` reports why
        named = self.topic if isinstance(self.topic, str) else ", ".join(self.topic or ())
        where = f" in topic {named}" if named else ""
        raise NoProblemError(f"no problem to practise{where}: the bank has no usable template")

    def close(self) -> PracticeTally:
        """End the session and return its tally (the problem on screen included)."""
        self.current = None
        return self.tally

    def hint(self) -> Hint | None:
        """The next hint (counted), or None when there are no more. A multi-part problem's
        hints are its current part's."""
        shown = self._require()
        source, seen = shown.hint_source
        total = len(source.hints)
        if seen >= total:
            return None
        shown.hints += 1
        part = shown.part
        if part is not None and shown.steps is not None:
            shown.part_hints[shown.steps.answered_count] += 1
        return Hint(source.hints[seen], seen + 1, total, part.label if part else None)

    @property
    def hints_left(self) -> int:
        return self._require().hints_left

    def show_solution(self, part: int | None = None) -> str:
        """The worked solution; a later correct answer is then rated Again. For a multi-part
        problem, the solution of ``part`` (default: the part to answer now, or the whole once
        every part is answered); reading the part to answer now counts, reading one already
        answered does not."""
        shown = self._require()
        steps = shown.steps
        if steps is None:
            shown.solution_viewed = True
            return shown.problem.solution
        now = steps.current
        k = now if part is None else min(part, now if now is not None else part)
        if k is None:
            return shown.problem.solution
        if k == now:
            shown.solution_viewed = True
        return shown.problem.parts[k].problem.solution

    # -- answering -----------------------------------------------------------------------------

    def judge(self, text: str) -> Judgement:
        """Check an answer. Safe on any thread: it touches no database."""
        shown = self._require()
        ms = self._elapsed_ms(shown)
        if shown.steps is not None and not shown.steps.done:
            part = shown.steps.judge(text, self.checker)
            assert part.verdict is not None  # only a skipped part has none
            return Judgement(
                shown, text, part.verdict, ms, shown.hints, shown.solution_viewed, part
            )
        verdict = judge(shown.problem, text, self.checker)
        return Judgement(shown, text, verdict, ms, shown.hints, shown.solution_viewed)

    def needs_confidence(self, judgement: Judgement) -> bool:
        """Ask how sure the learner is before showing this verdict: confidence is on and the
        answer will be recorded (an unreadable answer, or one to a problem already over, is
        not). Not for a part of a multi-part problem: its score says more than one part's
        confidence would."""
        return (
            self.asks_confidence
            and judgement.part is None
            and Status.of(judgement.verdict).counts
            and not judgement.shown.done
        )

    def record(self, judgement: Judgement, confidence: Confidence | None = None) -> Outcome:
        """Save a judged answer (on the storage's thread) and say what became of it. Answers
        that could not be read or checked, and answers to a problem already over, are not
        recorded (``Outcome.recorded`` is None). ``confidence``: what the learner said when
        ``needs_confidence`` asked (stored with the attempt; it changes the rating)."""
        if confidence is None and self.needs_confidence(judgement):
            raise QuizmathError("ask how sure the learner is first (needs_confidence)")
        shown = judgement.shown
        status = Status.of(judgement.verdict)
        if shown.steps is not None:
            return self._record_part(shown, shown.steps, status, judgement)
        recorded = None
        if status.counts and not shown.done:
            recorded = self._save(
                shown,
                judgement.text,
                judgement.kind,
                judgement.ms,
                judgement.hints,
                judgement.solution_viewed,
                confidence,
            )
            if status == Status.CORRECT:
                shown.outcome = Ending.CORRECT
                shown.first_try = shown.tries == 1 and not (
                    judgement.hints or judgement.solution_viewed
                )
            elif shown.tries >= MAX_WRONG:
                shown.outcome = Ending.WRONG  # out of tries
        return self._outcome(
            shown,
            status,
            judgement.verdict,
            judgement.text,
            judgement.ms,
            judgement.hints,
            judgement.solution_viewed,
            recorded,
            confidence if recorded is not None else None,
        )

    def submit(self, text: str, confidence: Confidence | None = None) -> Outcome:
        """``judge`` then ``record``, on one thread."""
        return self.record(self.judge(text), confidence)

    def skip(self) -> Outcome | None:
        """Give up on the problem on screen: recorded as "skipped" (rated Again when it is the
        first answer). None, and nothing recorded, once the problem is over."""
        shown = self._require()
        if shown.done:
            return None
        ms = self._elapsed_ms(shown)
        hints, solution = shown.hints, shown.solution_viewed
        steps = shown.steps
        if steps is not None:  # the rest of a multi-part problem: its parts so far still count
            steps.skip_rest()
            recorded = self._save(
                shown, steps.typed(), steps.verdict(), ms, hints, solution, steps=steps
            )
        else:
            recorded = self._save(shown, "", SKIPPED, ms, hints, solution)
        shown.outcome = Ending.SKIPPED
        return self._outcome(shown, Status.SKIPPED, None, "", ms, hints, solution, recorded)

    def _record_part(self, shown: Shown, steps: Steps, status: Status, j: Judgement) -> Outcome:
        """One answer to a part of a multi-part problem: unreadable ones are typed again; a
        right or wrong one is final and the next part follows. The last part ends the
        problem, recorded as one attempt with every part and the score."""
        recorded = None
        part = j.part
        if part is not None and not shown.done and steps.add(part) and steps.done:
            recorded = self._save(
                shown,
                steps.typed(),
                steps.verdict(),
                j.ms,
                j.hints,
                j.solution_viewed,
                steps=steps,
            )
            right = steps.right == steps.total
            shown.outcome = Ending.CORRECT if right else Ending.WRONG
            shown.first_try = right and not (j.hints or j.solution_viewed)
        return self._outcome(
            shown, status, j.verdict, j.text, j.ms, j.hints, j.solution_viewed, recorded, part=part
        )

    def _outcome(
        self,
        shown: Shown,
        status: Status,
        verdict: Verdict | None,
        text: str,
        ms: int,
        hints: int,
        solution_viewed: bool,
        recorded: Recorded | None,
        confidence: Confidence | None = None,
        part: PartAnswer | None = None,
    ) -> Outcome:
        steps = shown.steps
        return Outcome(
            status,
            shown.problem,
            verdict,
            text,
            ms,
            shown.tries,
            shown.tries_left,
            shown.done,
            hints,
            solution_viewed,
            recorded,
            confidence,
            misconception(confidence, status == Status.CORRECT),
            part,
            steps.score if steps is not None and steps.done else None,
        )

    def _save(
        self,
        shown: Shown,
        text: str,
        verdict: str,
        ms: int,
        hints: int,
        solution_viewed: bool,
        confidence: Confidence | None = None,
        steps: Steps | None = None,
    ) -> Recorded:
        p = shown.problem
        attempt = Attempt(
            p.template_id,
            p.seed,
            text,
            verdict,
            ms,
            hints,
            solution_viewed,
            try_no=shown.tries + 1,
            mode=self.mode,
            at=self.scheduler.now(),
            confidence=confidence,
            parts=steps.results() if steps is not None else None,
            score=steps.score if steps is not None else None,
        )
        recorded = self.scheduler.record_attempt(attempt)
        shown.tries += 1  # only once saved: a failed save leaves the problem as it was
        return recorded

    def _elapsed_ms(self, shown: Shown) -> int:
        return max(0, round((self.clock() - shown.shown_at) * 1000))

    def _require(self) -> Shown:
        if self.current is None:
            raise QuizmathError("no problem is being shown; call next_problem() first")
        return self.current
