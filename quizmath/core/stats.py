"""Progress statistics: what ``quizmath stats`` prints and the stats screen plots.

- Mastery per topic: the scheduler's ``topic_progress`` (coverage × (0.6 × fsrs recall now +
  0.4 × recent accuracy)), unchanged, so every screen agrees.
- Accuracy counts an attempt correct when it was right without viewing the solution; skips
  count as wrong (as in the scheduler).
- Days are the learner's days (``quizmath.core.days``): local calendar days, in the system's
  time-zone rules for each instant or in ``tz`` when given, that start at the rollover hour
  (4 am), so an answer at 1 am counts for the evening before. A "practice day" has at least one
  answer: an attempt (any mode) or an interview self-rating.
- Streaks: the current streak counts consecutive practice days ending today, or ending
  yesterday while today has no practice yet (it is not lost until the day is over); the longest
  is the longest run ever.
- The calendar is the last ``weeks`` weeks as a GitHub-style grid: one column per week (Monday
  first), one row per weekday, each cell the day's answers and a level 0–4 (quartiles of the
  busiest day in the grid). Days after today are None.
- The daily series covers the same window, one point per day (accuracy None on idle days).
- Drill history: finished drills (date, score); discarded ones are left out.
- Weakest topics: practised topics under WEAK_BELOW mastery, lowest first (then lowest
  accuracy), topped up with topics not started yet in curriculum order; each carries its topic
  id so a UI can start practice on it.
- Learning that adapts (issue 14): the latest placement's map (``core.placement``), the
  calibration table and confident misses (``core.calibration``), the key points most often
  missed per interview question (``core.keypoint_stats``), and the settings (a target date).
- Coding exercises (when given): each one's attempts, times solved and state (new, tried,
  solved, due), as the scheduler reckons them; they also count in their topic's mastery,
  attempts and accuracy, and their attempts in the days' totals, like problems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from quizmath.core.calibration import Calibration, load_calibration
from quizmath.core.days import ROLLOVER_HOUR, LearnerDays
from quizmath.core.keypoint_stats import QuestionPoints, missed_points
from quizmath.core.placement.outcomes import PlacementMap
from quizmath.core.placement.placement_map import latest_map
from quizmath.core.settings import Settings
from quizmath.core.settings import load as load_settings
from quizmath.core.storage import drills as drill_rows
from quizmath.core.storage import totals
from quizmath.core.storage.store import Storage
from quizmath.core.storage.times import from_iso, to_iso, utc_now

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import InterviewQuestion
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.scheduler import Scheduler

WEEKS = 12
WEAKEST = 5
WEAK_BELOW = 0.8  # a practised topic at or above this mastery is not listed as weak


@dataclass(frozen=True)
class TopicStat:
    topic_id: str
    title: str
    area_title: str
    templates: int
    seen: int
    attempts: int
    accuracy: float | None
    mastery: float | None
    due: int
    exercises: int = 0  # coding exercises in the topic
    exercises_seen: int = 0


@dataclass(frozen=True)
class ExerciseStat:
    exercise_id: str
    title: str
    topic_id: str
    attempts: int
    solved: int  # without the model solution
    state: str  # new | tried | solved | due
    due: datetime | None  # when its card is due; None: never reviewed


@dataclass(frozen=True)
class DayPoint:
    day: date
    attempts: int
    correct: int

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class CalendarCell:
    day: date
    answers: int
    level: int  # 0 (none) … 4 (busiest)


@dataclass(frozen=True)
class Calendar:
    start: date  # the Monday of the first column
    end: date  # today
    weeks: tuple[tuple[CalendarCell | None, ...], ...]  # [week][weekday 0=Monday]; None: future
    busiest: int

    def rows(self) -> list[list[CalendarCell | None]]:
        """The grid turned for drawing: one list per weekday (Monday first), one cell per week."""
        return [[week[d] for week in self.weeks] for d in range(7)]


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    last_day: date | None  # the latest practice day
    practiced_today: bool


@dataclass(frozen=True)
class DrillPoint:
    drill_id: int
    day: date
    started_at: str  # UTC ISO 8601
    correct: int | float  # items right; a multi-part problem counts its share of parts right
    total: int
    percent: float


@dataclass(frozen=True)
class PartStat:
    """One part of a multi-part template, over every attempt at it."""

    template_id: str
    title: str
    label: str  # "a", "b", …
    prompt: str  # the part's question ("" for a template gone from the bank)
    attempts: int  # attempts that reached the part (answered or skipped)
    right: int  # right, the true way or carried forward
    carried: int  # of those, right only from the learner's own earlier answers

    @property
    def accuracy(self) -> float | None:
        return self.right / self.attempts if self.attempts else None


@dataclass(frozen=True)
class WeakTopic:
    topic_id: str
    title: str
    mastery: float | None
    accuracy: float | None
    attempts: int
    reason: str  # "weak" (practised, lowest mastery) | "not started"


@dataclass(frozen=True)
class Totals:
    attempts: int
    correct: int
    answers: int  # attempts + interview self-ratings
    practice_days: int
    drills: int  # finished drills
    first_day: date | None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True)
class Stats:
    generated_at: datetime
    today: date
    timezone: str
    day_starts_at: int  # the hour (local) a new day starts
    totals: Totals
    topics: tuple[TopicStat, ...]  # curriculum order
    daily: tuple[DayPoint, ...]  # the calendar's window, oldest first
    calendar: Calendar
    streak: Streak
    drills: tuple[DrillPoint, ...]  # oldest first
    weakest: tuple[WeakTopic, ...]
    placement: PlacementMap | None = None  # the latest; None: never taken
    calibration: Calibration | None = None
    key_points: tuple[QuestionPoints, ...] = ()  # weakest question first
    settings: Settings = field(default_factory=Settings)
    exercises: tuple[ExerciseStat, ...] = ()  # curriculum order
    parts: tuple[PartStat, ...] = ()  # multi-part templates, part by part (bank order)

    def to_json(self) -> dict[str, Any]:
        def day(d: date | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "generated_at": to_iso(self.generated_at),
            "today": day(self.today),
            "timezone": self.timezone,
            "day_starts_at": self.day_starts_at,
            "totals": {
                **asdict(self.totals),
                "first_day": day(self.totals.first_day),
                "accuracy": _round(self.totals.accuracy),
            },
            "topics": [
                {**asdict(t), "accuracy": _round(t.accuracy), "mastery": _round(t.mastery)}
                for t in self.topics
            ],
            "daily": [
                {
                    "day": day(p.day),
                    "attempts": p.attempts,
                    "correct": p.correct,
                    "accuracy": _round(p.accuracy),
                }
                for p in self.daily
            ],
            "calendar": {
                "start": day(self.calendar.start),
                "end": day(self.calendar.end),
                "busiest": self.calendar.busiest,
                "weeks": [
                    [
                        None
                        if c is None
                        else {"day": day(c.day), "answers": c.answers, "level": c.level}
                        for c in week
                    ]
                    for week in self.calendar.weeks
                ],
            },
            "streak": {**asdict(self.streak), "last_day": day(self.streak.last_day)},
            "drills": [  # no asdict here: thousands of drills, and asdict deep-copies each
                {
                    "drill_id": d.drill_id,
                    "day": day(d.day),
                    "started_at": d.started_at,
                    "correct": d.correct,
                    "total": d.total,
                    "percent": d.percent,
                }
                for d in self.drills
            ],
            "weakest": [
                {**asdict(w), "mastery": _round(w.mastery), "accuracy": _round(w.accuracy)}
                for w in self.weakest
            ],
            "placement": self.placement.to_json() if self.placement else None,
            "calibration": self.calibration.to_json() if self.calibration else None,
            "key_points": [q.to_json() for q in self.key_points],
            "settings": self.settings.to_json(),
            "exercises": [
                {**asdict(x), "due": to_iso(x.due) if x.due else None} for x in self.exercises
            ],
            "parts": [{**asdict(p), "accuracy": _round(p.accuracy)} for p in self.parts],
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def compute_stats(
    storage: Storage,
    bank: Bank,
    *,
    scheduler: Scheduler | None = None,
    now: datetime | None = None,
    tz: tzinfo | None = None,
    rollover_hour: int = ROLLOVER_HOUR,
    weeks: int = WEEKS,
    weakest: int = WEAKEST,
    interviews: Iterable[InterviewQuestion] = (),
    exercises: ExerciseBank | None = None,
) -> Stats:
    """Everything above, from the database. ``tz`` None: the system's local time zone;
    ``rollover_hour``: when a day starts (``quizmath.core.days``); ``interviews``: the
    questions whose key points are counted; ``exercises``: the coding exercises to count
    (they are set on the scheduler)."""
    if scheduler is None:
        from quizmath.core.scheduler import Scheduler

        scheduler = Scheduler(storage, bank, fuzzing=False)
    if exercises is not None:
        scheduler.exercises = {x.id: x.topic for x in exercises.ordered()}
    now = now or utc_now()

    days = LearnerDays(tz, rollover_hour)
    local_day = days.day_of
    today = local_day(now)
    zone = days.zone_name(now)

    # Per-day figures come from the totals kept as answers are written (a few rows per day
    # practised), not from every attempt.
    by_day = storage.read(lambda c: totals.days(c, days))
    per_day = Counter({d: t.attempts for d, t in by_day.items()})
    right_day = Counter({d: t.earned for d, t in by_day.items()})
    answers = Counter({d: t.answers for d, t in by_day.items()})

    calendar = build_calendar(answers, today, weeks)
    start = calendar.start
    span = (today - start).days + 1
    daily = tuple(
        DayPoint(d, per_day[d], right_day[d])
        for d in (start + timedelta(days=i) for i in range(span))
    )
    progress = scheduler.topic_progress(now)
    topics = tuple(
        TopicStat(
            p.topic_id,
            p.title,
            p.area_title,
            p.templates,
            p.seen,
            p.attempts,
            p.accuracy,
            p.mastery,
            p.due,
            p.exercises,
            p.exercises_seen,
        )
        for p in progress
    )
    titles = {x.id: x.title for x in exercises.exercises.values()} if exercises else {}
    coding = tuple(
        ExerciseStat(
            x.exercise_id,
            titles.get(x.exercise_id, x.exercise_id),
            x.topic_id,
            x.attempts,
            x.solved,
            x.state.value,
            x.due,
        )
        for x in scheduler.exercise_progress(now)
    )
    finished = storage.read(drill_rows.finished_scores)
    drills = tuple(
        DrillPoint(
            run_id,
            local_day(from_iso(started)),
            started,
            _points(points),
            questions,
            round(100.0 * points / questions if questions else 0.0, 1),
        )
        for run_id, started, points, questions in finished
    )
    overall = Totals(
        sum(per_day.values()),
        sum(right_day.values()),
        sum(answers.values()),
        len(answers),
        len(finished),
        min(answers) if answers else None,
    )
    return Stats(
        now,
        today,
        zone,
        rollover_hour,
        overall,
        topics,
        daily,
        calendar,
        streaks(answers, today),
        drills,
        weakest_topics(topics, weakest),
        latest_map(storage, bank.curriculum),
        load_calibration(storage, bank),
        missed_points(storage, interviews),
        load_settings(storage),
        coding,
        part_stats(storage, bank),
    )


def part_stats(storage: Storage, bank: Bank) -> tuple[PartStat, ...]:
    """Per part of each multi-part template practised: how often it was right (and carried
    forward), so a learner sees which step of a derivation they do not know."""
    from quizmath.core.storage.attempts import part_tallies

    counts: dict[tuple[str, str], Counter[str]] = {}
    for template_id, label, verdict, n in storage.read(part_tallies):
        counts.setdefault((template_id, label), Counter())[verdict] += n
    order = {t.id: k for k, t in enumerate(bank.summaries())}
    out = []
    for (template_id, label), c in sorted(
        counts.items(), key=lambda kv: (order.get(kv[0][0], len(order)), kv[0])
    ):
        t = bank.templates.get(template_id)
        spec = next((p for p in t.parts if p.label == label), None) if t else None
        segments = spec.prompt.segments if spec else ()
        prompt = "".join(x if isinstance(x, str) else "{" + x.source + "}" for x in segments)
        out.append(
            PartStat(
                template_id,
                t.title if t else template_id,
                label,
                prompt.strip(),
                sum(c.values()),
                c["correct"] + c["carried"],
                c["carried"],
            )
        )
    return tuple(out)


def _points(points: float) -> int | float:
    """A drill's score: a whole number of items, or with a multi-part problem's parts, a
    fraction (rounded for the JSON)."""
    return int(points) if float(points).is_integer() else round(points, 3)


def streaks(days: Iterable[date], today: date) -> Streak:
    """Current and longest runs of consecutive practice days (see the module docstring)."""
    practiced = set(days)
    if not practiced:
        return Streak(0, 0, None, False)
    ordered = sorted(practiced)
    longest = run = 1
    for prev, cur in pairwise(ordered):
        run = run + 1 if (cur - prev).days == 1 else 1
        longest = max(longest, run)
    current = 0
    d = today if today in practiced else today - timedelta(days=1)
    while d in practiced:
        current += 1
        d -= timedelta(days=1)
    return Streak(current, longest, ordered[-1], today in practiced)


def build_calendar(answers: Counter[date], today: date, weeks: int = WEEKS) -> Calendar:
    start = today - timedelta(days=today.weekday()) - timedelta(weeks=max(1, weeks) - 1)
    in_grid = [answers[start + timedelta(days=i)] for i in range((today - start).days + 1)]
    busiest = max(in_grid, default=0)
    grid = []
    for w in range(max(1, weeks)):
        week: list[CalendarCell | None] = []
        for dow in range(7):
            d = start + timedelta(days=7 * w + dow)
            week.append(
                None if d > today else CalendarCell(d, answers[d], level(answers[d], busiest))
            )
        grid.append(tuple(week))
    return Calendar(start, today, tuple(grid), busiest)


def level(n: int, busiest: int) -> int:
    """0 for none, else 1–4 by quarter of the busiest day (any practice shows at least 1)."""
    if n <= 0 or busiest <= 0:
        return 0
    return max(1, min(4, -(-4 * n // busiest)))


def weakest_topics(topics: Iterable[TopicStat], k: int = WEAKEST) -> tuple[WeakTopic, ...]:
    """Practised topics below WEAK_BELOW mastery, weakest first, then topics not started."""
    usable = [t for t in topics if t.templates]
    weak = sorted(
        (t for t in usable if t.attempts and (t.mastery or 0.0) < WEAK_BELOW),
        key=lambda t: (t.mastery or 0.0, t.accuracy if t.accuracy is not None else 0.0),
    )
    out = [WeakTopic(t.topic_id, t.title, t.mastery, t.accuracy, t.attempts, "weak") for t in weak]
    out += [
        WeakTopic(t.topic_id, t.title, t.mastery, t.accuracy, 0, "not started")
        for t in usable
        if not t.attempts
    ]
    return tuple(out[: max(0, k)])
