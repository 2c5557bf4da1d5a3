"""Every figure the home screen shows, made without touching the UI thread's database.

``load`` reads what the figures come from (``core.progress.ProgressSnapshot``, the latest
placement) through a reader connection, in a worker thread; ``figures`` turns a snapshot into
the figures with the scheduler's own rules and no query (a pure computation whose cost does not
grow with the history), so home can also redo them on the UI thread from a snapshot that the
answers just recorded have updated (``ProgressSnapshot.with_attempt``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import msgspec

from quizmath.core.progress import DrillsSummary, HomeView, ProgressSnapshot, home_view
from quizmath.tui.widgets.topic_tree import ExerciseRef

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage


class HomeFigures(msgspec.Struct, frozen=True):
    view: HomeView[InterviewQuestion]  # reviews due, Continue's pick, topics, the drills line
    later_today: int  # template reviews falling due later in the learner's day
    exercises: tuple[ExerciseRef, ...]  # the coding exercises for the tree, with their state
    placed: Mapping[str, str] | None  # topic id → level in the latest placement (None: never)

    @property
    def coding_due(self) -> int:
        return sum(1 for x in self.exercises if x.state == "due")


def load(
    reader: Storage, scheduler: Scheduler, bank: Bank
) -> tuple[ProgressSnapshot, Mapping[str, str] | None]:
    """What the figures come from, read through ``reader`` (a worker's connection)."""
    from quizmath.core.placement.placement_map import latest_map

    snapshot = ProgressSnapshot.load(reader, bank)
    placement = latest_map(reader, bank.curriculum)
    placed = {t.topic: str(t.level) for t in placement.topics} if placement else None
    return snapshot, placed


def figures(
    scheduler: Scheduler,
    snapshot: ProgressSnapshot,
    questions: Iterable[InterviewQuestion],
    exercise_titles: Mapping[str, str],
    placed: Mapping[str, str] | None,
) -> HomeFigures:
    """The figures from a snapshot (any thread; no database)."""
    now = scheduler.now()
    exercises = tuple(
        ExerciseRef(p.exercise_id, p.topic_id, exercise_titles[p.exercise_id], p.state.value)
        for p in scheduler.exercise_progress(now, snapshot=snapshot)
        if p.exercise_id in exercise_titles
    )
    return HomeFigures(
        home_view(scheduler, snapshot, questions, now),
        scheduler.due_later_today(now, cards=snapshot.template_cards),
        exercises,
        placed,
    )


def drills_line(drills: DrillsSummary | None) -> str:
    """Home's "Drills" line: the unfinished drill, or how the last one went."""
    if drills is not None and drills.unfinished is not None:
        r = drills.unfinished
        return f"unfinished drill {r.id}: {r.answered} of {r.questions} answered · finish it"
    if drills is not None and drills.last_finished is not None:
        r = drills.last_finished
        return f"timed, mixed topics · last: {r.correct}/{r.questions} ({r.percent:.0f}%)"
    return "timed, mixed topics, no hints; a report at the end"
