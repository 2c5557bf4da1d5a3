"""Scheduling with fsrs: ratings from attempts, the "Continue" pick, fresh seeds, progress.

Every template and every interview question is an fsrs card, created on its first review.

Rating an attempt (``rate_attempt``):
  skipped, wrong, or right after viewing the solution        → Again
  right after one or more hints                             → Hard
  right, but slower than SLOW_FACTOR × the median of the learner's earlier first-try correct
  times on that template, and by at least SLOW_MIN_EXTRA_MS (a few seconds more on a quick
  problem is not "much slower"; no earlier correct answer: never slow) → Hard
  right otherwise                                            → Good
An answer given with a confidence (``core.confidence``): a wrong answer said with high
confidence is a likely misconception (rated Again, as any wrong answer, and flagged); a right
answer said with low confidence was a guess as much as knowledge → Hard (unless the rules
above already give less than Good).
A multi-part problem is one attempt with a score (parts right / parts): all right is rated as
a right answer above; more than half right (MOST) → Hard; otherwise → Again.
Only the first answer to a shown problem reviews the card; a second try at the same problem is
recorded as an attempt but does not review again (the first answer already told fsrs what the
learner knew, and a retry seconds later would reward guessing). Interview questions take the
learner's own rating (Again, Hard, Good or Easy).

A target date (``core.target``, the "until" setting) raises desired retention, caps intervals
and pulls every card's due time before the date.

"Continue" (``Scheduler.pick``): due template cards, most overdue first; then templates never
seen, in curriculum order; then, when nothing is due or new, the card due soonest.

Coding exercises (``core.items.exercise``) are cards too, keyed and recorded like templates under
their own ids (an exercise id is never a template id); ``Scheduler.exercises`` says which
exist and where, so they count in their topic's progress. An exercise's rating is decided by
its flow (``core.practice.exercise``) and passed to ``record_attempt`` as ``rating``.

Mastery of a topic (``mastery``), a figure in [0, 1]:
  coverage × (0.6 × R + 0.4 × A)
where coverage = items seen / items in the topic (templates and coding exercises), R = mean
fsrs retrievability of the seen items' cards a week from now (MASTERY_HORIZON: how likely the
learner will still remember them; retrievability *now* is ~1 right after any review, even a
failed one, so it could not tell a topic just failed from one just mastered), and A = accuracy
of the latest RECENT_ATTEMPTS attempts in the topic (correct without viewing the solution;
skips count as wrong). Coverage stops one lucky template from making a topic look mastered;
R makes mastery fade with time unless it is reviewed; A reflects how the learner actually did
lately.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, TypeVar

import msgspec
from fsrs import Card, Rating
from fsrs import Scheduler as FsrsScheduler

from quizmath.core.confidence import unsure_right
from quizmath.core.days import LearnerDays
from quizmath.core.storage import attempts as attempt_rows
from quizmath.core.storage import cards as card_rows
from quizmath.core.storage.attempts import Attempt
from quizmath.core.storage.store import Storage
from quizmath.core.storage.times import utc_now
from quizmath.core.target import TARGET_RETENTION, Target

if TYPE_CHECKING:  # the bank pulls in the template engine; the scheduler only reads it
    from quizmath.core.bank.bank import Bank
    from quizmath.core.keypoints import KeyPointScore
    from quizmath.core.progress import ProgressSnapshot

SLOW_FACTOR = 2.0
SLOW_MIN_EXTRA_MS = 5_000
MOST = 0.5  # a multi-part score above this ("most parts right") is rated Hard, not Again
SEED_SPACE = 100_000  # seeds stay short enough to read out and share (id@seed)
RECENT_SEEDS = 50  # a fresh seed avoids this many of the template's latest seeds
RECENT_ATTEMPTS = 20
W_RETRIEVABILITY, W_ACCURACY = 0.6, 0.4


def rate_attempt(attempt: Attempt, previous_correct_ms: Sequence[int]) -> Rating:
    """The fsrs rating an attempt earns (see the module docstring)."""
    if attempt.parts is not None and not attempt.solution_viewed and attempt.points < 1:
        # Partial credit: most parts right is Hard, fewer is Again.
        return Rating.Hard if attempt.points > MOST else Rating.Again
    if not attempt.correct or attempt.solution_viewed:
        return Rating.Again
    if attempt.hints > 0:
        return Rating.Hard
    if unsure_right(attempt.confidence, attempt.correct):
        return Rating.Hard
    if previous_correct_ms:
        usual = statistics.median(previous_correct_ms)
        if attempt.ms > SLOW_FACTOR * usual and attempt.ms > usual + SLOW_MIN_EXTRA_MS:
            return Rating.Hard
    return Rating.Good


MASTERY_HORIZON = timedelta(days=7)


def mastery(
    templates: int, retrievability: Sequence[float], recent: Sequence[bool]
) -> float | None:
    """``templates`` in the topic, the retrievability of each seen one, recent results."""
    if templates == 0:
        return None
    if not retrievability:
        return 0.0
    coverage = min(1.0, len(retrievability) / templates)
    r = sum(retrievability) / len(retrievability)
    a = sum(recent) / len(recent) if recent else r  # no attempts yet: trust fsrs alone
    return coverage * (W_RETRIEVABILITY * r + W_ACCURACY * a)


class Recorded(msgspec.Struct, frozen=True):
    """What recording did: the attempt's row id, and the card review if there was one."""

    attempt_id: int | None
    rating: Rating | None
    due: datetime | None  # when the card is due next
    card: Card | None = None  # the card after the review (what home updates itself from)


# Told of each answer recorded: the attempt (or an interview question's id) and what was done.
Listener = Callable[["Attempt | str", Recorded], None]


class Pick(msgspec.Struct, frozen=True):
    template_id: str
    reason: str  # "due" | "new" | "soonest"


class TopicProgress(msgspec.Struct, frozen=True):
    topic_id: str
    title: str
    area_title: str
    templates: int  # in the bank
    seen: int  # templates with at least one review or attempt
    attempts: int  # on its templates and exercises
    accuracy: float | None  # correct without the solution / attempts; None without attempts
    mastery: float | None  # see ``mastery`` (templates and exercises); None: nothing in it
    due: int  # template cards due now
    exercises: int = 0  # coding exercises in the topic
    exercises_seen: int = 0  # exercises with at least one review or attempt


class ExerciseState(StrEnum):
    """Where a coding exercise stands for the learner."""

    NEW = "new"  # never attempted
    TRIED = "tried"  # attempted, never solved without the model solution
    SOLVED = "solved"  # solved (without the model solution), not due
    DUE = "due"  # its card is due for review


class ExerciseProgress(msgspec.Struct, frozen=True):
    exercise_id: str
    topic_id: str
    attempts: int
    solved: int  # attempts that passed without the model solution
    due: datetime | None  # when its card is due; None: never reviewed
    state: ExerciseState


class Question(Protocol):
    """What the interview picks need from a question (``content.InterviewQuestion``)."""

    @property
    def id(self) -> str: ...
    @property
    def order(self) -> int: ...


Q = TypeVar("Q", bound=Question)


_FROM_SETTINGS = date.min  # ``until`` not given: read the stored setting


class Scheduler:
    def __init__(
        self,
        storage: Storage,
        bank: Bank,
        *,
        fuzzing: bool = True,
        desired_retention: float = 0.9,
        now: Callable[[], datetime] = utc_now,
        rng: random.Random | None = None,
        until: date | None = _FROM_SETTINGS,
        exercises: Mapping[str, str] | None = None,
    ) -> None:
        """``until``: a target date (``core.target``); by default the stored setting."""
        self.storage = storage
        self.bank = bank
        self.fuzzing = fuzzing
        # Coding exercises, id → topic id, in curriculum order (the app sets it once they load).
        self.exercises: Mapping[str, str] = dict(exercises or {})
        self.fsrs = FsrsScheduler(desired_retention=desired_retention, enable_fuzzing=fuzzing)
        self.now = now  # must return an aware UTC datetime
        self.rng = rng or random.Random()
        if until is _FROM_SETTINGS:
            from quizmath.core.settings import load

            until = load(storage).until
        self.target: Target | None = None
        self._aimed: dict[int, FsrsScheduler] = {}
        self._listeners: list[Listener] = []
        self.set_until(until)

    def on_recorded(self, listener: Listener) -> None:
        """Call ``listener(what, recorded)`` after each answer this scheduler records and
        commits: ``what`` is the attempt, or the interview question's id for a self-rating.
        The ``…_in`` variants do not call it (their caller commits, or rolls back). The home
        screen keeps its figures up to date this way (``core.progress``), with no query."""
        self._listeners.append(listener)

    def set_until(self, until: date | None) -> None:
        """Aim reviews at a target date from now on (None: no target)."""
        self.target = Target(until) if until is not None else None

    def fsrs_at(self, when: datetime) -> FsrsScheduler:
        """The fsrs scheduler for a review at ``when``: with a target date ahead, higher
        retention and intervals that end before it (``core.target``)."""
        cap = self.target.max_interval(when) if self.target else None
        if cap is None:
            return self.fsrs
        if cap not in self._aimed:
            self._aimed[cap] = FsrsScheduler(
                desired_retention=max(self.fsrs.desired_retention, TARGET_RETENTION),
                maximum_interval=cap,
                enable_fuzzing=self.fuzzing,
            )
        return self._aimed[cap]

    def due_at(self, card: Card, now: datetime) -> datetime:
        """When a card counts as due: its own due time, or earlier with a target date."""
        return self.target.due(card, now) if self.target else card.due

    # -- recording ---------------------------------------------------------------------------

    def record_attempt(
        self, attempt: Attempt, *, review: bool | None = None, rating: Rating | None = None
    ) -> Recorded:
        """Record an attempt and (for a first try, unless ``review`` says otherwise) review its
        template's card, all in one committed transaction. ``rating``: the rating an item's
        own rule gave (a coding exercise's), instead of ``rate_attempt``'s."""
        recorded = self.storage.write(
            lambda conn: self.record_attempt_in(conn, attempt, review=review, rating=rating)
        )
        for listener in self._listeners:
            listener(attempt, recorded)
        return recorded

    def record_attempt_in(
        self,
        conn: sqlite3.Connection,
        attempt: Attempt,
        *,
        review: bool | None = None,
        rating: Rating | None = None,
    ) -> Recorded:
        """``record_attempt`` inside a transaction of the caller's (a drill saves the attempt,
        the review and its drill item together)."""
        if not (attempt.try_no == 1 if review is None else review):
            return Recorded(attempt_rows.insert_attempt(conn, attempt, None), None, None)
        key = card_rows.template_key(attempt.template_id)
        if rating is None:
            rating = rate_attempt(attempt, attempt_rows.correct_times(conn, attempt.template_id))
        card = self._review(conn, key, rating, attempt.at, attempt.ms)
        attempt_id = attempt_rows.insert_attempt(conn, attempt, int(rating))
        card_rows.insert_review(conn, key, rating, attempt.at, attempt.ms, attempt_id)
        return Recorded(attempt_id, rating, card.due, card)

    def rate_interview(
        self,
        interview_id: str,
        rating: Rating | int,
        *,
        duration_ms: int | None = None,
        at: datetime | None = None,
        points: KeyPointScore | None = None,
    ) -> Recorded:
        """Record the learner's self-rating of an interview answer and review its card;
        ``points``: the key points the answer covered, when it was scored by them."""
        when = at or self.now()
        recorded = self.storage.write(
            lambda conn: self.rate_interview_in(
                conn, interview_id, rating, when, duration_ms, points=points
            )
        )
        for listener in self._listeners:
            listener(interview_id, recorded)
        return recorded

    def rate_interview_in(
        self,
        conn: sqlite3.Connection,
        interview_id: str,
        rating: Rating | int,
        when: datetime,
        duration_ms: int | None,
        *,
        points: KeyPointScore | None = None,
    ) -> Recorded:
        """``rate_interview`` inside a transaction of the caller's."""
        rating = Rating(int(rating))
        key = card_rows.interview_key(interview_id)
        card = self._review(conn, key, rating, when, duration_ms)
        row = card_rows.insert_self_rating(
            conn,
            interview_id,
            rating,
            when,
            duration_ms,
            score=points.share if points else None,
            points=points.encode() if points else None,
        )
        card_rows.insert_review(conn, key, rating, when, duration_ms)
        return Recorded(row, rating, card.due, card)

    def _review(
        self,
        conn: sqlite3.Connection,
        key: str,
        rating: Rating,
        when: datetime,
        duration_ms: int | None,
    ) -> Card:
        card = card_rows.get_card(conn, key) or card_rows.new_card(key, when)
        card, _log = self.fsrs_at(when).review_card(
            card, rating, review_datetime=when, review_duration=duration_ms
        )
        card_rows.put_card(conn, key, card, when)
        return card

    # -- picking -------------------------------------------------------------------------------

    def pick(
        self,
        *,
        topic: str | Collection[str] | None = None,
        avoid: str | None = None,
        exclude: Collection[str] = (),
        now: datetime | None = None,
        cards: Mapping[str, Card] | None = None,
    ) -> Pick | None:
        """The next template to practise ("Continue"), optionally within a topic id (or
        several: an area, a template-id prefix).
        ``avoid`` (the template just practised) is passed over when something else qualifies;
        ``exclude`` (e.g. templates that failed to generate) is never picked. ``cards``: the
        template cards if the caller has them (``core.progress``), else they are read."""
        now = now or self.now()
        within = {topic} if isinstance(topic, str) else None if topic is None else set(topic)
        ids = [
            t.id
            for t in self.bank.summaries()  # not ordered(): no template need be decoded
            if (within is None or t.topic in within) and t.id not in exclude
        ]
        if cards is None:
            cards = self.storage.template_cards()
        due_at = {i: self.due_at(cards[i], now) for i in ids if i in cards}
        due = sorted((d, i) for i, d in due_at.items() if d <= now)
        if due:
            return Pick(_prefer_not(avoid, [i for _, i in due]), "due")
        new = [i for i in ids if i not in cards]
        if new:
            return Pick(new[0], "new")
        soonest = sorted((d, i) for i, d in due_at.items())
        if soonest:
            return Pick(_prefer_not(avoid, [i for _, i in soonest]), "soonest")
        return None

    def fresh_seed(self, template_id: str) -> int:
        """A seed not among the template's latest RECENT_SEEDS attempts."""
        recent = self.storage.recent_seeds(template_id, RECENT_SEEDS)
        seed = self.rng.randrange(SEED_SPACE)
        for _ in range(1000):
            if seed not in recent:
                break
            seed = self.rng.randrange(SEED_SPACE)
        return seed

    # -- what the home screen shows ----------------------------------------------------------

    def due_count(
        self, now: datetime | None = None, *, cards: Mapping[str, Card] | None = None
    ) -> int:
        """Template reviews due now (templates no longer in the bank are not counted)."""
        now = now or self.now()
        if cards is None:
            cards = self.storage.template_cards()
        return sum(
            1
            for tid, card in cards.items()
            if tid in self.bank.templates and self.due_at(card, now) <= now
        )

    def due_later_today(
        self,
        now: datetime | None = None,
        *,
        cards: Mapping[str, Card] | None = None,
        days: LearnerDays | None = None,
    ) -> int:
        """Template reviews not due yet that fall due before the learner's day ends (days
        start at the rollover hour, local: ``core.days``), so "due today" means the learner's
        today, not the calendar's."""
        now = now or self.now()
        days = days or (self.target.days if self.target else LearnerDays())
        tomorrow = days.start(days.day_of(now) + timedelta(days=1))
        if cards is None:
            cards = self.storage.template_cards()
        return sum(
            1
            for tid, card in cards.items()
            if tid in self.bank.templates and now < self.due_at(card, now) < tomorrow
        )

    def topic_progress(
        self, now: datetime | None = None, *, snapshot: ProgressSnapshot | None = None
    ) -> list[TopicProgress]:
        """One row per curriculum topic, in curriculum order; from ``snapshot`` when given
        (``core.progress``: no query), else read from storage."""
        now = now or self.now()
        if snapshot is not None:
            cards, tallies = snapshot.template_cards, snapshot.tallies
            recent_results = snapshot.recent_results
        else:
            cards, tallies = self.storage.template_cards(), self.storage.tallies()
            recent_results = self.storage.recent_results
        out = []
        in_topic: dict[str, list[str]] = {}  # ``bank.by_topic`` for every topic, one sort
        for t in self.bank.summaries():
            in_topic.setdefault(t.topic, []).append(t.id)
        exercises_in: dict[str, list[str]] = {}
        for exercise_id, topic_id in self.exercises.items():
            exercises_in.setdefault(topic_id, []).append(exercise_id)
        for topic in self.bank.curriculum.topics.values():
            ids = in_topic.get(topic.id, [])
            xids = exercises_in.get(topic.id, [])
            items = ids + xids  # templates and exercises count alike in progress
            seen = [i for i in items if i in cards or i in tallies]
            n_attempts = sum(tallies[i].attempts for i in items if i in tallies)
            earned = sum(tallies[i].earned for i in items if i in tallies)
            retr = [
                self.fsrs.get_card_retrievability(cards[i], current_datetime=now + MASTERY_HORIZON)
                if i in cards
                else 0.0
                for i in seen
            ]
            recent = recent_results(items, RECENT_ATTEMPTS) if n_attempts else []
            seen_x = sum(1 for i in xids if i in cards or i in tallies)
            out.append(
                TopicProgress(
                    topic.id,
                    topic.title,
                    topic.area_title,
                    len(ids),
                    len(seen) - seen_x,
                    n_attempts,
                    earned / n_attempts if n_attempts else None,
                    mastery(len(items), retr, recent),
                    sum(1 for i in ids if i in cards and self.due_at(cards[i], now) <= now),
                    len(xids),
                    seen_x,
                )
            )
        return out

    def exercise_progress(
        self, now: datetime | None = None, *, snapshot: ProgressSnapshot | None = None
    ) -> list[ExerciseProgress]:
        """Each coding exercise in ``exercises`` (in its order) and where it stands; from
        ``snapshot`` when given (no query)."""
        if not self.exercises:
            return []
        now = now or self.now()
        if snapshot is not None:
            cards, tallies = snapshot.template_cards, snapshot.tallies
        else:
            cards, tallies = self.storage.template_cards(), self.storage.tallies()
        out = []
        for exercise_id, topic_id in self.exercises.items():
            tally = tallies.get(exercise_id)
            attempts, solved = (tally.attempts, tally.earned) if tally else (0, 0)
            card = cards.get(exercise_id)
            if card is not None and self.due_at(card, now) <= now:
                state = ExerciseState.DUE
            elif solved:
                state = ExerciseState.SOLVED
            elif attempts or card is not None:
                state = ExerciseState.TRIED
            else:
                state = ExerciseState.NEW
            due = self.due_at(card, now) if card is not None else None
            out.append(ExerciseProgress(exercise_id, topic_id, attempts, solved, due, state))
        return out

    def due_interviews(
        self,
        questions: Iterable[Q],
        now: datetime | None = None,
        *,
        cards: Mapping[str, Card] | None = None,
    ) -> list[Q]:
        """Interview questions whose card is due, most overdue first."""
        now = now or self.now()
        if cards is None:
            cards = self.storage.interview_cards()
        due = [
            (self.due_at(cards[q.id], now), q.order, q)
            for q in questions
            if q.id in cards and self.due_at(cards[q.id], now) <= now
        ]
        return [q for _, _, q in sorted(due, key=lambda x: (x[0], x[1]))]

    def next_interview(
        self,
        questions: Iterable[Q],
        now: datetime | None = None,
        *,
        cards: Mapping[str, Card] | None = None,
    ) -> Q | None:
        """Due first, then new in ``order``, then the one due soonest."""
        now = now or self.now()
        qs = list(questions)
        if cards is None:
            cards = self.storage.interview_cards()
        due = self.due_interviews(qs, now, cards=cards)
        if due:
            return due[0]
        new = sorted((q for q in qs if q.id not in cards), key=lambda q: q.order)
        if new:
            return new[0]
        seen = sorted(
            (q for q in qs if q.id in cards), key=lambda q: (self.due_at(cards[q.id], now), q.order)
        )
        return seen[0] if seen else None


def _prefer_not(avoid: str | None, ids: list[str]) -> str:
    for i in ids:
        if i != avoid:
            return i
    return ids[0]
