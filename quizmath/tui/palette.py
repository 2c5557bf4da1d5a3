"""Command palette (ctrl+p): find topics, templates, coding exercises, concept pages and
interview questions."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

if TYPE_CHECKING:
    from quizmath.tui.app import QuizApp

MAX_INTERVIEW_TEXT = 70


@dataclass(frozen=True)
class Entry:
    text: str  # what is matched and shown
    run: Callable[[], Any]
    help: str
    discover: bool = False  # shown when the palette opens, before typing


class QuizCommands(Provider):
    """Hits for everything a learner can open by name."""

    async def startup(self) -> None:
        self._entries: list[Entry] = []
        app = cast("QuizApp", self.app)
        services = getattr(app, "services", None)
        if services is None:
            return
        # Reading ~50 small files: off the event loop.
        pages = await asyncio.to_thread(services.concept_pages)
        self._entries = list(entries(app, pages))

    async def discover(self) -> Hits:
        for entry in self._entries:
            if entry.discover:
                yield DiscoveryHit(Content(entry.text), entry.run, help=entry.help)  # no markup

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self._entries:
            score = matcher.match(entry.text)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.text), entry.run, help=entry.help)


def entries(app: QuizApp, pages: list[Any]) -> list[Entry]:
    out = [
        Entry("Continue practice", app.practice.open, "The scheduler's next problem", True),
        Entry("Concept pages", app.open_concept_index, "Browse every concept page", True),
        Entry("Drill", app.drills.open_setup, "A timed drill of mixed topics, with a report", True),
        Entry("Drill history", app.drills.open_history, "Past drills and their reports", True),
        Entry("Stats", app.open_stats, "Mastery, practice calendar and streak, drills", True),
    ]
    if app.interviews is not None:
        out.append(
            Entry("Interview Q&A", app.practice.open_interview, "The next interview question", True)
        )
    bank = app.bank
    if bank is not None:
        for topic in bank.curriculum.topics.values():
            n = bank.count_in(topic.id)
            if n:
                out.append(
                    Entry(
                        f"Practise topic: {topic.title}",
                        partial(app.practice.open, topic=topic.id),
                        f"{topic.area_title} · {n} template{'s' if n != 1 else ''}",
                    )
                )
        for template in bank.summaries():  # no template decoded to list them
            out.append(
                Entry(
                    f"Practise template: {template.title} ({template.id})",
                    partial(app.practice.open, template=template.id),
                    template.topic,
                )
            )
    if app.exercises is not None:
        for x in app.exercises.ordered():
            out.append(
                Entry(
                    f"Coding exercise: {x.title} ({x.id})",
                    partial(app.open_exercise, x.id),
                    f"{x.topic} · write it in NumPy, graded on every save",
                )
            )
    for page in pages:
        out.append(Entry(f"Concept: {page.title}", partial(app.open_concept, page), page.slug))
    if app.interviews is not None:
        for q in app.interviews.ordered():
            text = " ".join(q.question.split())
            if len(text) > MAX_INTERVIEW_TEXT:
                text = text[: MAX_INTERVIEW_TEXT - 1] + "…"
            out.append(
                Entry(f"Interview: {text}", partial(app.practice.open_interview, q.id), q.topic)
            )
    return out
