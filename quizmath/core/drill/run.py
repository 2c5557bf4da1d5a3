"""The drill flow: a running drill, what the TUI's drill screen and plain mode share (no UI).

Start one with ``DrillRun.start(storage, scheduler, plan, checker, interviews=…, minutes=…)``
(plans: ``core.drill.plan``), or pick up an unfinished one with ``DrillRun.resume``. The run
serves its items in order; ``current`` is the item on screen.

Time. ``clock`` is monotonic seconds (injected; tests never sleep). The countdown is
``remaining_ms()`` = limit − time used; ``item_elapsed_ms()`` is the clock of the item on
screen. Time used is saved with every answer and by ``checkpoint()``/``pause()`` (with the time
spent so far on the item on screen); the countdown is paused while the app is closed, so a
resumed drill has the time it had when it was left, and the item on screen continues its own
clock (after a crash or a kill: as at the last answer or checkpoint).

Answering (one answer per item; no hints, no retries, no solution until the report):
- A problem: ``judge(text)`` checks it (any thread, no database) and ``record(judgement)`` saves
  it (the storage's thread); ``submit`` does both. Unreadable text is not counted and may be
  retyped while time remains; so is an answer wrong only by rounding where exact values are
  asked (``Verdict.rounded``: "close, but the exact value is asked"), as in practice, where it
  uses no try: the one answer a drill allows is spent on the maths, not on the format. Right →
  "correct", wrong → "wrong"; at the time-out a rounded answer is wrong.
- ``skip()``: "skipped" (scored as missed). A skipped problem is recorded as a skipped attempt.
- A coding exercise (``quizmath drill --code``): the text is the learner's file as it stands
  (``items.exercise.submission``); a file that passes is correct, one that does not yet is not
  counted (its summary is the reason) and the learner keeps editing; at the time-out a failing
  file is wrong and a file still the starter unanswered (``items.exercise``).
- A multi-part problem (``Answering.STEPS``): ``judge``/``record`` take one answer per part, in
  order; unreadable text is typed again, a right or wrong one is final (``ItemResult.more``:
  the next part follows) and its progress is saved, so a resumed drill continues at the next
  part. A later part is also right when right from the learner's own earlier answers (the
  error carried forward, ``items.multipart``). The last part ends the problem: one attempt with
  every part's verdict and the score, "correct" only when every part is right. A skip or the
  time-out leaves the parts not answered as skipped.
- An interview question: the learner may type notes, ``reveal()`` shows the model answer, then
  ``rate(1–4)`` self-rates: Good (3) or Easy (4) count as correct, Again or Hard as wrong.
- Time-out: when ``remaining_ms()`` reaches 0 the UI calls ``time_out(text as it stands)`` (or
  judges it: a judgement made after the deadline is final). Text that reads right or wrong is
  scored so; unreadable text counts as wrong; empty text, or an interview question not yet
  rated, is "unanswered" (no attempt is recorded). The drill then ends; items never reached are
  "unanswered" too. An answer judged before the deadline but saved after it still counts.

Scheduling: drill answers are real evidence, so each one is an attempt (mode "drill", the run
id in ``drill_id``) that reviews the template's fsrs card with the usual rating (right → Good,
or Hard if much slower than usual; wrong or skipped → Again). An interview self-rating reviews
the question's card as on the interview screen; a skipped or unanswered question reviews none.

Every answer is one committed transaction (attempt, card review, drill item, time used); the
last one also marks the run finished. A killed drill is found by ``find_unfinished`` and can be
resumed (from the first unanswered item) or discarded (kept, marked "discarded"); see
``core.drill.runs``.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from quizmath.core.drill.clock import CHECKPOINT_S
from quizmath.core.drill.options import limit_ms
from quizmath.core.drill.outcomes import (
    DrillJudgement,
    ItemResult,
    JudgementKind,
    RunEnding,
    RunStatus,
)
from quizmath.core.drill.plan import DrillError, DrillPlan, PlanItem, has_code, share_args
from quizmath.core.drill.run_items import DrillItem, make_item
from quizmath.core.drill.saving import write_answer
from quizmath.core.items import Answering, Ending, ItemKind
from quizmath.core.items.interview import rating_ending, self_rating
from quizmath.core.items.multipart import Steps
from quizmath.core.items.types import Sources, item_type
from quizmath.core.scheduler import Scheduler
from quizmath.core.storage import drills as rows
from quizmath.core.storage.drills import RunRow
from quizmath.core.storage.store import Storage

if TYPE_CHECKING:
    from pathlib import Path

    from quizmath.core.bank.problem import Problem
    from quizmath.core.content import InterviewBank
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.items.problem import Checker, Generator
    from quizmath.core.keypoints import KeyPointScore


class DrillRun:
    def __init__(
        self,
        storage: Storage,
        scheduler: Scheduler,
        checker: Checker,
        row: RunRow,
        items: list[DrillItem],
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Use ``start`` or ``resume``."""
        self.storage = storage
        self.scheduler = scheduler
        self.checker = checker
        self.row = row
        self.items = items
        self.clock = clock
        self.limit_ms = row.limit_ms
        self._base_ms = row.used_ms  # used in earlier sittings
        self._sitting = clock()
        self._final_ms: int | None = None if row.status == RunStatus.RUNNING else row.used_ms
        self.ended: RunEnding | None = RunEnding(row.ended) if row.ended else None
        self.revealed = False
        self._saved_at = self._sitting  # when the time used was last saved
        # The item on screen continues from the time saved on it (a resumed drill), not 0.
        on_screen = self.current if self._final_ms is None else None
        spent = on_screen.ms if on_screen is not None and on_screen.ms else 0
        self._shown_at = self._sitting - spent / 1000
        if self._final_ms is None and self.current is None:
            self._end(RunEnding.COMPLETED)  # every item answered, the run never marked over

    # -- starting ------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        storage: Storage,
        scheduler: Scheduler,
        plan: DrillPlan,
        checker: Checker,
        *,
        interviews: InterviewBank | None = None,
        minutes: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        exercises: ExerciseBank | None = None,
        workspace: Path | None = None,
        generator: Generator | None = None,
    ) -> DrillRun:
        """Save a new run of ``plan`` and start its clock. ``minutes`` None or 0: untimed.
        ``exercises`` and ``workspace``: where the plan's coding exercises are served from;
        ``generator`` makes a problem the plan does not hold already."""
        limit = limit_ms(minutes)
        sources = Sources(
            scheduler.bank,
            interviews,
            generator,
            premade=plan.problems,
            exercises=exercises,
            workspace=workspace,
        )
        items = [make_item(i, spec, sources) for i, spec in enumerate(plan.items)]
        specs = [(s.kind, s.item_id, s.seed, s.topic) for s in plan.items]
        at = scheduler.now()

        def tx(conn: sqlite3.Connection) -> RunRow:
            run_id = rows.insert_run(
                conn,
                seed=plan.seed,
                seeded=plan.seeded,
                weighted=plan.weighted,
                topics=plan.topics,
                limit_ms=limit,
                code=plan.code,
                at=at,
                items=specs,
            )
            row = rows.get_run(conn, run_id)
            assert row is not None
            return row

        return cls(storage, scheduler, checker, storage.write(tx), items, clock=clock)

    @classmethod
    def resume(
        cls,
        storage: Storage,
        scheduler: Scheduler,
        drill_id: int,
        checker: Checker,
        *,
        interviews: InterviewBank | None = None,
        clock: Callable[[], float] = time.monotonic,
        generator: Generator | None = None,
        premade: Mapping[str, Problem] | None = None,
        exercises: ExerciseBank | None = None,
        workspace: Path | None = None,
    ) -> DrillRun:
        """Continue an unfinished run at its first unanswered item, with the time it had left.
        Its problems are generated again from their ``id@seed`` (with ``generator``), unless
        ``premade`` has them (``id@seed`` → problem, made off the UI thread); its coding
        exercises find their drill files (kept as the learner left them)."""
        row = storage.read(lambda c: rows.get_run(c, drill_id))
        if row is None:
            raise DrillError(f"there is no drill {drill_id}")
        if row.status != RunStatus.RUNNING:
            raise DrillError(f"drill {drill_id} is {row.status}; only an unfinished one resumes")
        sources = Sources(
            scheduler.bank, interviews, generator, premade or {}, exercises, workspace
        )
        items = []
        for r in storage.read(lambda c: rows.run_items(c, drill_id)):
            spec = PlanItem(ItemKind(r.kind), r.item_id, r.seed, r.topic)
            item = DrillItem(
                r.position,
                spec,
                outcome=Ending(r.outcome) if r.outcome else None,
                answer=r.answer or "",
                ms=r.ms,
                rating=r.rating,
                timed_out=r.timed_out,
                saved_parts=r.parts,
            )
            if not item.done:  # answered items need nothing from the bank
                item = make_item(r.position, spec, sources, base=item)
            items.append(item)
        return cls(storage, scheduler, checker, row, items, clock=clock)

    # -- what a UI shows -----------------------------------------------------------------------

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def seed(self) -> int:
        return self.row.seed

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def share_args(self) -> str:
        """The ``quizmath drill`` options that serve this drill to someone else."""
        return share_args(
            self.row.seed, len(self.items), self.row.topics, self.has_code, self.row.limit_ms
        )

    @property
    def has_code(self) -> bool:
        """Coding exercises are among the items (``quizmath drill --code``)."""
        return has_code(self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def finished(self) -> bool:
        return self._final_ms is not None

    @property
    def current(self) -> DrillItem | None:
        """The item on screen (the first one not answered); None once the drill is over."""
        if self._final_ms is not None:
            return None
        return next((item for item in self.items if not item.done), None)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.outcome is not None)

    @property
    def correct(self) -> int:
        return sum(1 for item in self.items if item.outcome == Ending.CORRECT)

    def used_ms(self) -> int:
        """Drill time used so far (all sittings), capped at the limit."""
        if self._final_ms is not None:
            return self._final_ms
        used = self._base_ms + round((self.clock() - self._sitting) * 1000)
        return min(used, self.limit_ms) if self.limit_ms is not None else used

    def remaining_ms(self) -> int | None:
        """The countdown (never below 0); None for an untimed drill."""
        if self.limit_ms is None:
            return None
        return max(0, self.limit_ms - self.used_ms())

    def expired(self) -> bool:
        return self.remaining_ms() == 0

    def item_elapsed_ms(self) -> int:
        """The clock of the item on screen (stops at the deadline)."""
        now = self.clock()
        if self.limit_ms is not None:
            now = min(now, self._sitting + (self.limit_ms - self._base_ms) / 1000)
        return max(0, round((now - self._shown_at) * 1000))

    # -- answering -----------------------------------------------------------------------------

    def judge(self, text: str, *, timeout: bool = False) -> DrillJudgement:
        """Check an answer to the problem on screen (to its current part, for a multi-part
        one). Any thread (no database). With ``timeout``, or once the time is up, the
        judgement is final (see the module doc)."""
        item = self._require(Answering.JUDGED, Answering.STEPS)
        ms = self.item_elapsed_ms()
        final = timeout or self.expired()
        if final and not text.strip():
            return DrillJudgement(item.position, text, None, ms, True)
        if item.steps is not None:
            part = item.steps.judge(text, self.checker)
            return DrillJudgement(item.position, text, part.verdict, ms, final, part)
        verdict = item_type(item.kind).judge(item.served, text, self.checker)
        return DrillJudgement(item.position, text, verdict, ms, final)

    def record(self, j: DrillJudgement) -> ItemResult | None:
        """Save a judgement (on the storage's thread). None, and nothing saved, for unreadable
        or rounded text before the deadline (``j.retype``: the learner types again) or a
        judgement of an item that is no longer on screen."""
        item = self.current
        if item is None or item.position != j.position:
            return None
        if j.retype:
            return None
        if item.steps is not None:
            return self._record_part(item, item.steps, j)
        if j.kind == JudgementKind.EMPTY:
            return self._save(item, None, j.text, j.ms, timed_out=True, verdict=None)
        outcome = Ending.CORRECT if j.kind == JudgementKind.ACCEPT else Ending.WRONG
        return self._save(item, outcome, j.text, j.ms, timed_out=j.final, verdict=j.verdict)

    def submit(self, text: str) -> tuple[DrillJudgement, ItemResult | None]:
        """``judge`` then ``record`` on one thread (plain mode)."""
        j = self.judge(text)
        return j, self.record(j)

    def skip(self) -> ItemResult:
        """Pass over the item on screen (the rest of a multi-part problem): scored as missed,
        but for the parts already answered."""
        item = self._require()
        if item.steps is not None and item.steps.answered:
            item.steps.skip_rest()
            return self._save(
                item, _steps_ending(item.steps), item.steps.typed(), self.item_elapsed_ms()
            )
        if item.steps is not None:
            item.steps.skip_rest()
        return self._save(item, Ending.SKIPPED, "", self.item_elapsed_ms())

    def reveal(self) -> Any:
        """What the self-rated item on screen serves (an interview question), to show its
        model answer and key points."""
        item = self._require(Answering.SELF_RATED)
        self.revealed = True
        return item.served

    def rate(self, rating: int, notes: str = "", points: KeyPointScore | None = None) -> ItemResult:
        """Self-rate the interview question on screen (1 Again … 4 Easy); ``points``: the key
        points the answer covered (``core.keypoints``), stored with the rating."""
        given = self_rating(rating)
        item = self._require(Answering.SELF_RATED)
        ending = rating_ending(given)
        ms = self.item_elapsed_ms()
        return self._save(item, ending, notes, ms, rating=int(given), points=points)

    def time_out(self, text: str = "") -> ItemResult | None:
        """Time is up: submit the current answer as it stands and end the drill (None if the
        drill was already over)."""
        item = self.current
        if item is None:
            return None
        if item_type(item.kind).answering in (Answering.JUDGED, Answering.STEPS):
            return self.record(self.judge(text, timeout=True))
        return self._save(item, None, text, self.item_elapsed_ms(), timed_out=True)

    def checkpoint(self) -> None:
        """Save the time used, so a crash gives back at most the time since."""
        if self._final_ms is None:
            used, at = self.used_ms(), self.scheduler.now()
            item, item_ms = self.current, self.item_elapsed_ms()

            def tx(conn: sqlite3.Connection) -> None:
                rows.set_used(conn, self.id, used, at)
                if item is not None:
                    rows.set_item_ms(conn, self.id, item.position, item_ms)

            self.storage.write(tx)
            self._saved_at = self.clock()

    def checkpoint_if_due(self) -> bool:
        """``checkpoint`` when CHECKPOINT_S have passed since the time used was last saved (a
        UI calls this on every tick of its clock); True if it saved."""
        if self._final_ms is None and self.clock() - self._saved_at >= CHECKPOINT_S:
            self.checkpoint()
            return True
        return False

    def pause(self) -> None:
        """Leave the drill unfinished (quit): the time used is saved; ``resume`` continues."""
        self.checkpoint()

    # -- saving --------------------------------------------------------------------------------

    def _record_part(self, item: DrillItem, steps: Steps, j: DrillJudgement) -> ItemResult | None:
        """One part of a multi-part problem. A right or wrong answer is final and the next
        part follows; its progress is saved, so a resumed drill goes on at the next part.
        The last part, or the time-out, ends the problem: one attempt with every part."""
        if j.kind in (JudgementKind.EMPTY, JudgementKind.INVALID):  # final: the time is up
            steps.skip_rest()
            ending = _steps_ending(steps) if steps.answered else None
            return self._save(item, ending, steps.typed(), j.ms, timed_out=True, verdict=j.verdict)
        if j.part is None or not steps.add(j.part):
            return None  # judged for a part that is no longer the one on screen
        if j.final:
            steps.skip_rest()
        if steps.done:
            return self._save(
                item,
                _steps_ending(steps),
                steps.typed(),
                j.ms,
                timed_out=j.final,
                verdict=j.verdict,
                part=j.part,
            )
        so_far = tuple(a.result() for a in steps.answers)
        used, at, item_ms = self.used_ms(), self.scheduler.now(), self.item_elapsed_ms()

        def tx(conn: sqlite3.Connection) -> None:
            if not rows.save_parts(conn, self.id, item.position, so_far):
                raise DrillError(
                    f"drill {self.id} was answered or ended elsewhere (another window?); "
                    "nothing was saved"
                )
            rows.set_used(conn, self.id, used, at)
            rows.set_item_ms(conn, self.id, item.position, item_ms)

        try:
            self.storage.write(tx)
        except DrillError:
            steps.answers.pop()  # as it was: nothing of this part was saved
            raise
        return ItemResult(item.position, Ending.UNANSWERED, j.ms, j.verdict, part=j.part, more=True)

    def _save(
        self,
        item: DrillItem,
        outcome: Ending | None,
        text: str,
        ms: int,
        *,
        timed_out: bool = False,
        verdict: Any = None,
        rating: int | None = None,
        points: KeyPointScore | None = None,
        part: Any = None,
    ) -> ItemResult:
        last = all(other.done for other in self.items if other is not item)
        steps = item.steps
        parts = steps.results() if steps is not None and outcome is not None else None
        score = steps.score if parts is not None and steps is not None else None
        ending: RunEnding | None = None
        if timed_out or self.expired():
            ending = RunEnding.TIMEOUT
        elif last:
            ending = RunEnding.COMPLETED
        used = self.limit_ms if timed_out and self.limit_ms is not None else self.used_ms()
        at = self.scheduler.now()
        given = self.storage.write(
            lambda conn: write_answer(
                conn,
                self.scheduler,
                self.id,
                item,
                outcome=outcome,
                text=text,
                ms=ms,
                at=at,
                used_ms=used,
                ending=ending,
                rating=rating,
                timed_out=timed_out,
                points=points,
                parts=parts,
                score=score,
            )
        )
        item.outcome, item.answer, item.ms, item.timed_out = outcome, text, ms, timed_out
        if rating is not None:
            item.rating = rating
        if ending is not None:
            self._final_ms, self.ended = used, ending
        else:
            self._shown_at = self.clock()
            self.revealed = False
        return ItemResult(
            item.position,
            item.ending,
            ms,
            verdict,
            given,
            timed_out,
            ending is not None,
            part=part,
            score=score,
        )

    def _end(self, ending: RunEnding) -> None:
        used, at = self.used_ms(), self.scheduler.now()
        self.storage.write(
            lambda c: rows.end_run(
                c, self.id, status=RunStatus.FINISHED, ended=ending, at=at, used_ms=used
            )
        )
        self._final_ms, self.ended = used, ending

    def _require(self, *answering: Answering) -> DrillItem:
        item = self.current
        if item is None:
            raise DrillError("the drill is over")
        if answering and item_type(item.kind).answering not in answering:
            raise DrillError(f"the item on screen is not {' or '.join(answering)}")
        return item


def _steps_ending(steps: Steps) -> Ending:
    """A multi-part problem is correct when every part is right (its score says how many)."""
    return Ending.CORRECT if steps.right == steps.total else Ending.WRONG
