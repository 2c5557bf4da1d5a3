"""Plain-text rendering of drill reports and the drill list (plain mode, ``drill --report``).

Words rather than symbols for outcomes ("right", "wrong"), so a screen reader says them well.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from quizmath.core.drill.clock import format_clock, local_time
from quizmath.core.drill.outcomes import RunStatus, ending_words
from quizmath.core.drill.report import MISSED, TREND_OVER, DrillReport, ReportItem, points_text
from quizmath.core.items import Ending, ItemKind
from quizmath.core.render.wrap import wrap_text
from quizmath.core.storage.drills import RunRow


def percent(x: float) -> str:
    return f"{x:.0f}%"


def report_text(r: DrillReport) -> str:
    run = r.run
    out: list[str] = []
    status = ending_words(run.ended, "unfinished")
    out.append(
        f"Drill {run.id} — {local_time(run.started_at)}, seed {run.seed}, code {run.code} "
        f"({status})"
    )
    parts = [f"Score: {points_text(r.points)} of {r.total} ({percent(r.percent)})"]
    for key in MISSED:
        if r.count(key):
            parts.append(f"{r.count(key)} {key}")
    out.append(", ".join(parts) + ".")
    if run.limit_ms is not None:
        out.append(f"Time used: {format_clock(run.used_ms)} of {format_clock(run.limit_ms)}.")
    else:
        out.append(f"Time used: {format_clock(run.used_ms)} (untimed).")

    out += ["", "By topic:"]
    width = max((len(t.title) for t in r.topics), default=0)
    for t in r.topics:
        got = t.correct if t.points is None else points_text(t.points)
        out.append(f"  {t.title:<{width}}  {got}/{t.total}  {percent(100 * t.accuracy):>4}")

    out += ["", "Time per question (yours, and your usual time on it):"]
    ref_width = max((len(i.ref) for i in r.items), default=0)
    for i in r.items:
        took = format_clock(i.ms) if i.reached else "—"
        note = (
            " (submitted when time ran out)"
            if i.timed_out and i.outcome != Ending.UNANSWERED
            else ""
        )
        out.append(
            f"  {i.position + 1:>2}. {i.outcome:<10} {i.ref:<{ref_width}}  {took:>5}  "
            f"usual {format_clock(i.usual_ms)}{note}"
        )
        if i.parts:
            out.append(f"      {i.parts_right} of {len(i.parts)} parts: {i.parts_line()}")

    if r.missed:
        out += ["", "Missed, with worked solutions:"]
        for i in r.missed:
            out += _missed(i)
    if r.not_reached:
        out += ["", "Not reached: " + ", ".join(i.ref for i in r.not_reached)]

    out += ["", *comparison_lines(r)]
    out.append(f"Share this drill: quizmath drill {r.share_args}")
    return "\n".join(out)


ANSWER_WORDS = {ItemKind.INTERVIEW: "Your notes", ItemKind.EXERCISE: "Your file"}


def _missed(i: ReportItem) -> list[str]:
    lines = [f"  {i.position + 1}. {i.ref} — {i.title.splitlines()[0] if i.title else ''}"]
    what = ANSWER_WORDS.get(i.kind, "Your answer")
    if i.outcome == Ending.SKIPPED:
        lines.append("     Skipped.")
    elif i.answer.strip():
        lines.append(f"     {what}: {i.answer.strip()}")
    else:
        lines.append("     Not answered.")
    if i.parts:
        lines.append(f"     Parts: {i.parts_line()}")
    if i.kind == ItemKind.INTERVIEW:
        if i.rating is not None:
            lines.append(f"     You rated it {i.rating} of 4.")
        if i.expected:
            lines.append("     Key points:")
            lines += _indent(i.expected, 7)
        if i.solution:
            lines.append("     Model answer:")
            lines += _indent(i.solution, 7)
        return lines
    if i.mistake:
        lines.append(f"     A common mistake: {i.mistake}")
    if i.expected:
        lines.append(f"     Answer: {i.expected}")
    if i.solution:
        lines.append("     Solution:")
        lines += _indent(i.solution, 7)
    if i.kind == ItemKind.EXERCISE:
        lines.append(f"     Practise it: quizmath code {i.ref.partition('@')[0]}")
    else:
        lines.append(f"     Replay: quizmath practice --template {i.ref}")
    return lines


def comparison_lines(r: DrillReport) -> list[str]:
    c = r.comparison
    if not c.earlier:
        return ["Earlier drills: none yet; this one is the first to compare with."]
    scores = " ".join(percent(d.percent) for d in c.earlier)
    lines = [f"Earlier drills (oldest first): {scores}; now {percent(r.percent)}."]
    assert c.best_percent is not None and c.change is not None and c.vs_recent_mean is not None
    best = "a new best" if c.is_best else f"best so far {percent(c.best_percent)}"
    since = f"Since the last drill: {c.change:+.0f} points"
    if len(c.earlier) > 1:
        n = min(TREND_OVER, len(c.earlier))
        since += f"; against the mean of the last {n}: {c.vs_recent_mean:+.0f} points"
    lines.append(f"{since} ({c.trend}); {best}.")
    return lines


def history_text(runs: Sequence[RunRow]) -> str:
    if not runs:
        return "No drills yet. Start one with: quizmath drill --plain"
    lines = [f"{'id':>4}  {'started':<16}  {'score':>9}  {'time':>7}  status"]
    for run in runs:
        score = f"{points_text(run.score)}/{run.questions} {percent(run.percent):>4}"
        status = run.status
        if run.status == RunStatus.FINISHED:
            status = ending_words(run.ended, "")
        elif run.status == RunStatus.RUNNING:
            status = (
                f"unfinished, {run.answered} of {run.questions} answered: "
                f"quizmath drill --resume {run.id}"
            )
        lines.append(
            f"{run.id:>4}  {local_time(run.started_at):<16}  {score:>9}  "
            f"{format_clock(run.used_ms):>7}  {status}"
        )
    return "\n".join(lines)


def _indent(text: str, n: int) -> list[str]:
    """The text wrapped like the prompt to the terminal's width less ``n``, indented by ``n``."""
    text = wrap_text(text, shutil.get_terminal_size().columns - n)
    return [(" " * n + line).rstrip() for line in (text.splitlines() or [""])]
