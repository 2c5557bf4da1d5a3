"""The report of a drill run, rebuilt from the database whenever it is asked for.

Nothing of the report is stored apart from the run and its items, so a report read a month later
says what it said at the end of the drill:

- score: correct items / items in the drill (skipped and unanswered items count as missed; a
  multi-part problem counts its share of parts right, and lists each part's result);
- accuracy per topic, in the order the topics first appear in the drill;
- per item: the time taken against the learner's usual time (the median of their latest
  first-try correct times on that template before the drill started, as the scheduler reckons
  it; for an interview question, of their Good/Easy self-ratings); None ("—") without history;
- the missed items (wrong, skipped, or unanswered at the time-out) with their worked solutions,
  regenerated from ``id@seed`` (an interview question: its model answer and key points); items
  never reached are listed apart; a wrong answer that is one of the template's typical
  mistakes gets that mistake's feedback (checked again when a checker is given: a drill shows
  no feedback while it runs, so the report is where it is read);
- the comparison with the learner's earlier finished drills (not discarded ones): previous
  scores, best, the change since the last one and against the mean of the last five.
"""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

import msgspec

from quizmath.core.drill.outcomes import RunStatus
from quizmath.core.drill.plan import DrillError, has_code, share_args
from quizmath.core.items import Ending, ItemKind
from quizmath.core.items.problem import generate, judge
from quizmath.core.items.types import Sources, item_type
from quizmath.core.storage import drills as rows
from quizmath.core.storage.attempts import PartResult
from quizmath.core.storage.drills import RunRow
from quizmath.core.storage.store import Storage
from quizmath.core.storage.times import to_iso

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewBank
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.items.problem import Checker, Generator

MISSED = (Ending.WRONG, Ending.SKIPPED, Ending.UNANSWERED)  # the score's other counts
HISTORY = 10  # earlier drills shown in the comparison
TREND_OVER = 5  # the mean of this many earlier drills is the trend's baseline


@dataclass(frozen=True)
class ReportItem:
    position: int  # 0-based
    kind: ItemKind
    ref: str  # id@seed (replay: quizmath practice --template REF) or the question id
    topic: str
    topic_title: str
    title: str  # the template's title or the interview question
    outcome: Ending
    reached: bool  # False: time ran out before the item was shown
    timed_out: bool  # the item on screen when time ran out
    answer: str  # as typed (interview: the notes)
    ms: int | None
    usual_ms: int | None  # None: no history ("—")
    rating: int | None  # interview self-rating
    expected: str | None = None  # missed items: the right answer (or the key points)
    solution: str | None = None  # missed items: the worked solution (or the model answer)
    mistake: str | None = None  # a wrong problem: the feedback of the typical mistake it is
    parts: tuple[PartResult, ...] | None = None  # a multi-part problem: each part's result
    score: float | None = None  # a multi-part problem: parts right / parts

    @property
    def points(self) -> float:
        """What the item adds to the drill's score: 1 or 0, or a multi-part problem's score."""
        if self.score is not None:
            return self.score
        return 1.0 if self.outcome == Ending.CORRECT else 0.0

    @property
    def parts_right(self) -> int:
        return sum(1 for p in self.parts or () if p.right)

    def parts_line(self) -> str:
        """A multi-part problem's parts: "(a) wrong, (b) right (carried), (c) right"."""
        return ", ".join(
            f"({p.label}) {PART_WORDS.get(p.verdict, p.verdict)}" for p in self.parts or ()
        )


PART_WORDS = {"correct": "right", "carried": "right (carried)", "wrong": "wrong", "skipped": "—"}


def points_text(x: float) -> str:
    """A score: a whole number of questions, or with parts of multi-part problems, 2 decimals."""
    return f"{x:.0f}" if abs(x - round(x)) < 1e-9 else f"{x:.2f}"


@dataclass(frozen=True)
class TopicScore:
    topic: str
    title: str
    correct: int
    total: int
    points: float | None = None  # with multi-part problems: their parts right count in

    @property
    def accuracy(self) -> float:
        score = self.correct if self.points is None else self.points
        return score / self.total if self.total else 0.0


@dataclass(frozen=True)
class PastDrill:
    id: int
    started_at: str  # UTC ISO 8601
    correct: int
    total: int
    percent: float


@dataclass(frozen=True)
class Comparison:
    earlier: tuple[PastDrill, ...]  # up to HISTORY earlier finished drills, oldest first
    best_percent: float | None  # the best earlier score
    previous_percent: float | None
    change: float | None  # this score − the previous one, in points
    vs_recent_mean: float | None  # this score − the mean of the last TREND_OVER earlier ones
    is_best: bool  # at least as good as every earlier drill (and there was one)

    @property
    def trend(self) -> str | None:
        """ "up", "down" or "flat" against the recent mean; None with no earlier drill."""
        if self.vs_recent_mean is None:
            return None
        if abs(self.vs_recent_mean) < 1e-9:
            return "flat"
        return "up" if self.vs_recent_mean > 0 else "down"


@dataclass(frozen=True)
class DrillReport:
    run: RunRow
    items: tuple[ReportItem, ...]
    topics: tuple[TopicScore, ...]
    comparison: Comparison

    @property
    def correct(self) -> int:
        return sum(1 for i in self.items if i.outcome == Ending.CORRECT)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def points(self) -> float:
        """The score: correct items, a multi-part problem counting its share of parts right."""
        return sum(i.points for i in self.items)

    @property
    def percent(self) -> float:
        return 100.0 * self.points / self.total if self.total else 0.0

    def count(self, outcome: Ending) -> int:
        return sum(1 for i in self.items if i.outcome == outcome)

    @property
    def missed(self) -> tuple[ReportItem, ...]:
        """Wrong, skipped, or unanswered at the time-out: shown with their solutions."""
        return tuple(i for i in self.items if i.outcome != Ending.CORRECT and i.reached)

    @property
    def not_reached(self) -> tuple[ReportItem, ...]:
        return tuple(i for i in self.items if not i.reached)

    @property
    def share_args(self) -> str:
        code = has_code(self.items)
        return share_args(
            self.run.seed, self.run.questions, self.run.topics, code, self.run.limit_ms
        )

    def to_json(self) -> dict[str, Any]:
        run = self.run
        return {
            "id": run.id,
            "status": run.status,
            "ended": run.ended,
            "started_at": to_iso(run.started_at),
            "finished_at": to_iso(run.finished_at) if run.finished_at else None,
            "seed": run.seed,
            "seeded": run.seeded,
            "weighted": run.weighted,
            "topics_filter": list(run.topics),
            "code": run.code,
            "share": self.share_args,
            "limit_ms": run.limit_ms,
            "used_ms": run.used_ms,
            "score": {
                "correct": self.correct,
                "points": round(self.points, 3),
                "total": self.total,
                "percent": round(self.percent, 1),
                **{k.value: self.count(k) for k in MISSED},
            },
            "topics": [{**asdict(t), "accuracy": round(t.accuracy, 4)} for t in self.topics],
            "items": [_item_json(i) for i in self.items],
            "comparison": {
                **asdict(self.comparison),
                "earlier": [asdict(d) for d in self.comparison.earlier],
                "trend": self.comparison.trend,
            },
        }


def _item_json(item: ReportItem) -> dict[str, Any]:
    # The parts are storage records, msgspec Structs, which asdict leaves as they are.
    data = asdict(item)
    data["parts"] = msgspec.to_builtins(item.parts)  # None stays None
    return data


def build_report(
    storage: Storage,
    drill_id: int,
    bank: Bank,
    interviews: InterviewBank | None = None,
    *,
    generator: Generator | None = None,
    exercises: ExerciseBank | None = None,
    checker: Checker | None = None,
) -> DrillReport:
    """The report of run ``drill_id`` (finished, discarded or still running); ``exercises``
    give the titles and model solutions of its coding exercises; with a ``checker``, wrong
    answers are checked again for the template's typical mistakes (slow: off the UI thread)."""
    sources = Sources(bank, interviews, generator, exercises=exercises)
    run = storage.read(lambda c: rows.get_run(c, drill_id))
    if run is None:
        raise DrillError(f"there is no drill {drill_id}")
    item_rows = storage.read(lambda c: rows.run_items(c, drill_id))
    topics = bank.curriculum.topics
    items = []
    for r in item_rows:
        outcome = Ending(r.outcome) if r.outcome else Ending.UNANSWERED
        reached = r.outcome is not None or r.timed_out  # shown (and answered or timed out)
        topic = topics.get(r.topic)
        usual = _usual(storage, r, run)
        missed = reached and outcome != Ending.CORRECT
        details = item_type(r.kind).details(r.item_id, r.seed, sources, missed)
        items.append(
            ReportItem(
                r.position,
                ItemKind(r.kind),
                r.ref,
                r.topic,
                topic.title if topic else r.topic,
                details.title,
                outcome,
                reached,
                r.timed_out,
                r.answer or "",
                r.ms,
                usual,
                r.rating,
                details.expected,
                details.solution,
                _mistake(r, outcome, sources, checker),
                r.parts if r.outcome is not None else None,
                _score(r.parts) if r.outcome is not None else None,
            )
        )
    return DrillReport(run, tuple(items), _topic_scores(items), _compare(storage, run))


def _mistake(
    r: rows.ItemRow, outcome: Ending, sources: Sources, checker: Checker | None
) -> str | None:
    """The feedback of the typical mistake a wrong answer to a problem matches, if any."""
    text = (r.answer or "").strip()
    if checker is None or r.kind != ItemKind.PROBLEM or outcome != Ending.WRONG or not text:
        return None
    template = sources.bank.templates.get(r.item_id)
    if template is None or r.seed is None:
        return None
    try:
        problem = (sources.generator or generate)(template, r.seed)
        verdict = judge(problem, text, checker)
    except Exception:  # the report still shows the answer, the solution and the rest
        return None
    mistake = getattr(verdict, "mistake", None)
    return mistake if isinstance(mistake, str) and mistake else None


def _score(parts: tuple[PartResult, ...] | None) -> float | None:
    return sum(1 for p in parts if p.right) / len(parts) if parts else None


def _usual(storage: Storage, r: rows.ItemRow, run: RunRow) -> int | None:
    kind = item_type(r.kind)
    times = storage.read(lambda c: kind.usual_ms(c, r.item_id, run.started_at))
    return round(statistics.median(times)) if times else None


def _topic_scores(items: list[ReportItem]) -> tuple[TopicScore, ...]:
    seen: dict[str, list[ReportItem]] = {}
    for item in items:
        seen.setdefault(item.topic, []).append(item)
    return tuple(
        TopicScore(
            topic,
            group[0].topic_title,
            sum(1 for i in group if i.outcome == Ending.CORRECT),
            len(group),
            sum(i.points for i in group) if any(i.score is not None for i in group) else None,
        )
        for topic, group in seen.items()
    )


def _compare(storage: Storage, run: RunRow) -> Comparison:
    finished = storage.read(lambda c: rows.list_runs(c, [RunStatus.FINISHED]))
    earlier = [r for r in finished if r.id != run.id and r.started_at < run.started_at]
    past = tuple(
        PastDrill(r.id, to_iso(r.started_at), r.correct, r.questions, round(r.percent, 1))
        for r in earlier[-HISTORY:]
    )
    if not past:
        return Comparison((), None, None, None, None, False)
    this = run.percent
    best = max(r.percent for r in earlier)
    recent = [r.percent for r in earlier[-TREND_OVER:]]
    return Comparison(
        past,
        round(best, 1),
        round(earlier[-1].percent, 1),
        round(this - earlier[-1].percent, 1),
        round(this - sum(recent) / len(recent), 1),
        this >= best,
    )
