"""What the app is built over, injected so tests can build it over ``tmp_path``.

``Services`` holds the open progress storage and says where the bank, the concept pages and the
interview questions come from and how answers are checked. Nothing here runs at import time;
the loaders are called by the app (the full bank in a worker, after the first paint).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank
    from quizmath.core.content import ConceptPage, InterviewBank
    from quizmath.core.drill.options import DrillOptions
    from quizmath.core.exercises.catalog import ExerciseBank
    from quizmath.core.scheduler import Scheduler
    from quizmath.core.storage import Storage


# Structs, not dataclasses: made before the first paint, and a dataclass compiles its methods
# with exec when its class is made (issue 13 item 24).
class StartSpec(msgspec.Struct, frozen=True):
    """Where the app opens: straight on practice (``quizmath practice …``), on a drill
    (``quizmath drill``, over home), or on home."""

    # a topic as typed; ``run_app`` resolves it to an id, or several (an area, a prefix)
    topic: str | tuple[str, ...] | None = None
    template: str | None = None  # ``id`` or ``id@seed``
    count: int | None = None  # stop after this many problems
    drill: DrillOptions | None = None
    resume: str | None = None  # ``quizmath drill --resume [ID]``: "last" or a drill id
    discard: str | None = None  # ``quizmath drill --discard [ID]``
    placement: bool = False  # ``quizmath placement``: the placement screen, over home

    @property
    def practice(self) -> bool:
        return bool(self.topic or self.template or self.count)


def service_checker(on_fallback: Callable[[str], None]) -> Callable[..., Any]:
    """The checking service (a worker process with a 2 s budget), falling back to checking in
    this process, and saying why through ``on_fallback``, if it cannot start."""
    from quizmath.core.answers.fallback import FallbackChecker

    return FallbackChecker(on_fallback)


def in_process_checker(on_fallback: Callable[[str], None] | None = None) -> Callable[..., Any]:
    """``check`` in this process (tests: deterministic, no subprocess)."""
    from quizmath.core.answers import check

    return check


class Services(msgspec.Struct, dict=True):  # dict: a test may swap one loader
    """Everything the app reads and writes, so nothing reaches for a global.

    ``storage`` must have been opened on the thread that runs the app (sqlite connections are
    thread-bound); the app only touches it from its UI thread.
    """

    storage: Storage
    bank_paths: Sequence[Path] | None = None  # None: the built-in bank
    interview_paths: Sequence[Path] | None = None  # None: the built-in interview questions
    content_root: Path | None = None  # a bank root holding concepts/; None: the built-in one
    # Called once, off the UI thread, with a callback for "fell back to in-process checking".
    checker_factory: Callable[[Callable[[str], None]], Callable[..., Any]] = service_checker
    fuzzing: bool = True  # fsrs due-date fuzzing (off in tests: deterministic)
    now: Callable[[], datetime] | None = None  # the scheduler's clock (UTC)
    rng: random.Random | None = None  # the scheduler's fresh seeds
    clock: Callable[[], float] = time.monotonic  # the session's: time taken per answer
    drill_clock: Callable[[], float] = time.monotonic  # a drill's countdown (tests: settable)
    prestarted_bank: Bank | None = None  # e.g. one template only
    exercise_paths: Sequence[Path] | None = None  # None: the built-in exercises; (): none
    workspace: Path | None = None  # the learner's exercise files; None: the user data dir
    confidence: bool = False  # ``--confidence``: "how sure?" this run, whatever the setting

    # -- loaders (any thread: no storage, no UI) ------------------------------------------

    def load_bank(self) -> Bank:
        from quizmath.core.bank.bank import load_bank

        return load_bank(list(self.bank_paths) if self.bank_paths else None)

    def load_interviews(self, bank: Bank | None = None) -> InterviewBank:
        from quizmath.core.content import load_interviews

        topics = set(bank.curriculum.topics) if bank is not None else None
        paths = list(self.interview_paths) if self.interview_paths else None
        return load_interviews(paths, topics)

    def load_exercises(self) -> ExerciseBank:
        """The coding exercises (files with errors are left out, as in the bank)."""
        from quizmath.core.exercises.catalog import ExerciseBank, load_exercises

        if self.exercise_paths is not None and not self.exercise_paths:
            return ExerciseBank({}, [])
        return load_exercises(list(self.exercise_paths) if self.exercise_paths else None)

    def concept(self, slug: str) -> ConceptPage:
        """A concept page by name; raises TemplateError."""
        from quizmath.core.content import load_concept

        return load_concept(slug, self.content_root)

    def concept_for(self, topic_id: str, concept: str | None = None) -> ConceptPage | None:
        from quizmath.core.content import concept_for

        return concept_for(topic_id, concept, self.content_root)

    def concept_pages(self) -> list[ConceptPage]:
        from quizmath.core.content import load_concepts

        pages, _errors = load_concepts(self.content_root)
        return sorted(pages.values(), key=lambda p: p.title.lower())

    # -- on the UI thread --------------------------------------------------------------------

    def scheduler(self, bank: Bank) -> Scheduler:
        from quizmath.core.scheduler import Scheduler

        kwargs: dict[str, Any] = {"fuzzing": self.fuzzing, "rng": self.rng}
        if self.now is not None:
            kwargs["now"] = self.now
        return Scheduler(self.storage, bank, **kwargs)
