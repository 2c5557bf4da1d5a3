"""The stats screen's part for learning that adapts (issue 14): the calibration chart (share
right at each confidence level), the confident misses, the interview key points most often
missed, and the latest placement. Pure functions from ``core.stats.Stats`` to what the widgets
show; the screen places them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content

from quizmath.tui.widgets.answer_box import printable

if TYPE_CHECKING:
    from quizmath.core.stats import Stats
    from quizmath.tui.widgets.series_plot import SeriesPlot

MISSES_SHOWN = 6
QUESTIONS_SHOWN = 5


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def show_calibration(plot: SeriesPlot, s: Stats) -> None:
    """Bars of the share right at low, medium and high confidence (or why there are none)."""
    cal = s.calibration
    if cal is None or not cal.answers:
        plot.empty(
            "No answers with a confidence yet.\nTurn it on: quizmath settings --confidence on"
        )
        return
    labels = [f"{r.confidence.label} ({r.answers})" for r in cal.rows]
    values = [100 * (r.share or 0.0) for r in cal.rows]
    plot.bars(labels, values, colour="accent", percent=True, slots=len(values))


def misses_text(s: Stats) -> Content:
    """The latest answers given with high confidence that were wrong."""
    cal = s.calibration
    if cal is None or not cal.misses_total:
        return Content.styled(
            "No confident misses: nothing you were sure of was wrong.", "$text-muted"
        )
    lines = [
        Content.assemble(
            (f"Sure but wrong: {cal.misses_total}", "bold $error"),
            (" (likely misconceptions)", "$text-muted"),
        ),
        Content.styled("Replay one: quizmath practice --template REF", "$text-muted"),
    ]
    for m in cal.misses[:MISSES_SHOWN]:
        title = printable(m.title or m.template_id)
        lines.append(Content.assemble(f"  {title}  ", (m.ref, "$text-muted")))
        lines.append(
            Content.assemble(("    answered ", "$text-muted"), (printable(m.answer), "bold"))
        )
    return Content("\n").join(lines)


def key_points_text(s: Stats) -> Content:
    """Per interview question scored by key points, the points most often missed."""
    if not s.key_points:
        return Content.styled(
            "No interview answers scored by key points yet (tick them after the reveal).",
            "$text-muted",
        )
    lines: list[Content] = []
    for q in s.key_points[:QUESTIONS_SHOWN]:
        lines.append(
            Content.assemble(
                (printable(q.question), "bold"),
                (f"  {pct(q.mean_share)} of points covered in {q.scored}", "$text-muted"),
            )
        )
        for p in q.most_missed:
            lines.append(
                Content.assemble(
                    (f"  missed {p.missed}/{p.scored}  ", "$warning"), printable(p.text)
                )
            )
    return Content("\n").join(lines)


def placement_text(s: Stats) -> Content:
    m = s.placement
    if m is None:
        return Content.styled(
            "No placement yet: quizmath placement marks what you know already.", "$text-muted"
        )
    c = m.counts
    return Content.assemble(
        ("Placement ", "bold"),
        f"{m.finished_at:%d %b %Y}: ",
        (f"{c['known']} known", "bold $success"),
        f", {c['shaky']} shaky, {c['new']} new, {c['untested']} not tested ",
        (
            f"({m.questions} question{'s' if m.questions != 1 else ''}; the curriculum on home "
            "shows the map)",
            "$text-muted",
        ),
    )
