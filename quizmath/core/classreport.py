"""Item analysis of a class from its learners' exports (``quizmath export --format json``).

Per template: facility (the share of first answers that were right), discrimination (facility
among the upper third of learners, ranked by their overall score, minus that of the lower
third), the median time of a first answer, and the wrong answers given most often that match
no declared mistake: candidates to declare, with their count. Per drill seed: each learner's
score and the distribution. Per topic: the class's facility, weakest first.

A learner is known only by the name of their export file. Only first tries count (``try`` 1):
a second try after feedback measures something else.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

# (template_id, seed, answer) → True if the answer matches a declared mistake, None if the
# template is not in the bank (so nothing can be said).
MistakeLookup = Callable[[str, int, str], bool | None]


@dataclass(frozen=True)
class Response:
    learner: str
    template_id: str
    seed: int
    topic: str | None
    answer: str
    correct: bool
    skipped: bool
    ms: int | None


@dataclass
class WrongAnswer:
    answer: str
    count: int
    seeds: list[int]


@dataclass
class TemplateStats:
    template_id: str
    topic: str | None
    responses: int
    learners: int
    facility: float
    discrimination: float | None  # None with fewer than 3 learners
    median_ms: float | None
    undeclared: list[WrongAnswer] = field(default_factory=list)


@dataclass
class DrillStats:
    seed: int
    questions: int
    scores: dict[str, int]  # learner → correct answers (their latest finished run)

    @property
    def distribution(self) -> dict[str, float]:
        values = list(self.scores.values())
        return {
            "min": min(values),
            "median": statistics.median(values),
            "max": max(values),
            "mean": round(statistics.fmean(values), 3),
        }


@dataclass
class TopicStats:
    topic: str
    responses: int
    facility: float


@dataclass
class ClassReport:
    learners: list[str]
    templates: list[TemplateStats]
    drills: list[DrillStats]
    topics: list[TopicStats]  # weakest first

    def to_json(self) -> dict[str, Any]:
        return {
            "learners": self.learners,
            "templates": [
                {
                    "id": t.template_id,
                    "topic": t.topic,
                    "responses": t.responses,
                    "learners": t.learners,
                    "facility": round(t.facility, 3),
                    "discrimination": (
                        None if t.discrimination is None else round(t.discrimination, 3)
                    ),
                    "median_ms": t.median_ms,
                    "undeclared_wrong_answers": [
                        {"answer": w.answer, "count": w.count, "seeds": w.seeds}
                        for w in t.undeclared
                    ],
                }
                for t in self.templates
            ],
            "drills": [
                {
                    "seed": d.seed,
                    "questions": d.questions,
                    "scores": d.scores,
                    "distribution": d.distribution,
                }
                for d in self.drills
            ],
            "topics": [
                {"topic": t.topic, "responses": t.responses, "facility": round(t.facility, 3)}
                for t in self.topics
            ],
        }


def responses_of(
    learner: str, export: Mapping[str, Any], topics: Mapping[str, str] | None = None
) -> list[Response]:
    """The first tries of one learner's export (``topics`` fills a topic the export lacks)."""
    out = []
    for a in export.get("attempts", []):
        if a.get("try", 1) != 1 or not isinstance(a.get("template_id"), str):
            continue
        out.append(
            Response(
                learner=learner,
                template_id=a["template_id"],
                seed=int(a.get("seed") or 0),
                topic=a.get("topic") or (topics or {}).get(a["template_id"]),
                answer=str(a.get("answer") or ""),
                correct=bool(a.get("correct")),
                skipped=a.get("verdict") == "skipped",
                ms=a.get("ms") if isinstance(a.get("ms"), int) else None,
            )
        )
    return out


def class_report(
    exports: Mapping[str, Mapping[str, Any]],
    is_mistake: MistakeLookup | None = None,
    top_wrong: int = 3,
    topics: Mapping[str, str] | None = None,
) -> ClassReport:
    """Merge learners' exports (learner name → export document) into the class report;
    ``topics`` (template id → topic) fills what an export lacks."""
    learners = sorted(exports)
    responses = [r for name in learners for r in responses_of(name, exports[name], topics)]
    overall = _scores(responses)
    by_template: dict[str, list[Response]] = defaultdict(list)
    for r in responses:
        by_template[r.template_id].append(r)
    templates = [
        _template_stats(tid, rs, overall, is_mistake, top_wrong) for tid, rs in by_template.items()
    ]
    templates.sort(key=lambda t: (t.facility, t.template_id))
    return ClassReport(learners, templates, _drills(exports), _topics(responses))


def _scores(responses: Sequence[Response]) -> dict[str, float]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for r in responses:
        total[r.learner] += 1
        right[r.learner] += r.correct
    return {name: right[name] / total[name] for name in total}


def _template_stats(
    tid: str,
    rs: list[Response],
    overall: dict[str, float],
    is_mistake: MistakeLookup | None,
    top_wrong: int,
) -> TemplateStats:
    times = [r.ms for r in rs if r.ms is not None and not r.skipped]
    return TemplateStats(
        template_id=tid,
        topic=next((r.topic for r in rs if r.topic), None),
        responses=len(rs),
        learners=len({r.learner for r in rs}),
        facility=sum(r.correct for r in rs) / len(rs),
        discrimination=_discrimination(rs, overall),
        median_ms=statistics.median(times) if times else None,
        undeclared=_undeclared(rs, is_mistake, top_wrong),
    )


def _discrimination(rs: list[Response], overall: dict[str, float]) -> float | None:
    """Facility among the best third of the class minus among the weakest third, learners
    ranked by their share of right first answers over everything they answered."""
    ranked = sorted(overall, key=lambda name: (-overall[name], name))
    if len(ranked) < 3:
        return None
    third = len(ranked) // 3
    upper, lower = set(ranked[:third]), set(ranked[-third:])

    def facility(group: set[str]) -> float | None:
        mine = [r.correct for r in rs if r.learner in group]
        return sum(mine) / len(mine) if mine else None

    hi, lo = facility(upper), facility(lower)
    return None if hi is None or lo is None else hi - lo


def _undeclared(
    rs: list[Response], is_mistake: MistakeLookup | None, top: int
) -> list[WrongAnswer]:
    counts: Counter[str] = Counter()
    seeds: dict[str, set[int]] = defaultdict(set)
    for r in rs:
        if r.correct or r.skipped or not r.answer.strip():
            continue
        if is_mistake is not None and is_mistake(r.template_id, r.seed, r.answer) is not False:
            continue  # a declared mistake (or a template we cannot check)
        key = " ".join(r.answer.split())
        counts[key] += 1
        seeds[key].add(r.seed)
    return [WrongAnswer(a, n, sorted(seeds[a])) for a, n in counts.most_common(top)]


def _drills(exports: Mapping[str, Mapping[str, Any]]) -> list[DrillStats]:
    """Finished seeded drills, grouped by seed and length; a learner's latest run counts."""
    groups: dict[tuple[int, int], dict[str, int]] = defaultdict(dict)
    for name in sorted(exports):
        runs = [
            d
            for d in exports[name].get("drills", [])
            if d.get("seeded") and d.get("status") == "finished"
        ]
        for d in sorted(runs, key=lambda d: str(d.get("started_at"))):
            groups[(int(d["seed"]), int(d["questions"]))][name] = int(d.get("correct") or 0)
    return [DrillStats(seed, n, scores) for (seed, n), scores in sorted(groups.items())]


def _topics(responses: Sequence[Response]) -> list[TopicStats]:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for r in responses:
        if r.topic:
            total[r.topic] += 1
            right[r.topic] += r.correct
    out = [TopicStats(t, total[t], right[t] / total[t]) for t in total]
    return sorted(out, key=lambda t: (t.facility, t.topic))
