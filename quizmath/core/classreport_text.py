"""The class report for a terminal: tables, then bar charts drawn by plotext."""

from __future__ import annotations

from quizmath.core.classreport import ClassReport, TemplateStats
from quizmath.core.terminal_text import neutralise


def percent(x: float | None) -> str:
    return "—" if x is None else f"{x * 100:.0f}%"


def signed(x: float | None) -> str:
    return "—" if x is None else f"{x:+.2f}"


def seconds(ms: float | None) -> str:
    return "—" if ms is None else f"{ms / 1000:.1f}s"


def undeclared(t: TemplateStats) -> str:
    return ", ".join(f'"{w.answer}" ×{w.count}' for w in t.undeclared)


def report_text(r: ClassReport) -> str:
    lines = [f"Class report: {len(r.learners)} learners ({', '.join(r.learners)})", ""]
    if not r.templates:
        lines.append("No answers in these exports.")
        return neutralise("\n".join(lines))
    width = max(len(t.template_id) for t in r.templates)
    lines.append(
        f"{'template':<{width}}  {'n':>4}  {'right':>5}  {'discr':>5}  {'median':>7}  "
        "wrong answers no mistake matches"
    )
    for t in r.templates:
        lines.append(
            f"{t.template_id:<{width}}  {t.responses:>4}  {percent(t.facility):>5}  "
            f"{signed(t.discrimination):>5}  {seconds(t.median_ms):>7}  {undeclared(t)}"
        )
    lines += [
        "",
        "right: share of right first answers (facility); discr: right in the best third of "
        "learners minus the weakest third;",
        "a negative discrimination means the stronger learners got it wrong more often: "
        "check the question.",
    ]
    if r.drills:
        lines += ["", "Seeded drills (each learner's latest finished run):"]
        for d in r.drills:
            dist = d.distribution
            scores = ", ".join(f"{name} {n}" for name, n in sorted(d.scores.items()))
            lines.append(
                f"  seed {d.seed}, {d.questions} questions: min {dist['min']}, median "
                f"{dist['median']:g}, max {dist['max']} of {d.questions}  ({scores})"
            )
    if r.topics:
        lines += ["", "Weakest topics:"]
        for topic in r.topics[:5]:
            lines.append(
                f"  {topic.topic:<40} {percent(topic.facility):>5} of {topic.responses} answers"
            )
    return neutralise("\n".join(lines))


def report_plots(r: ClassReport, width: int = 80) -> str:
    """Facility per template and the drill scores as bar charts (no colour, so it pipes)."""
    import plotext as plt

    if not r.templates:
        return ""
    shown = r.templates[:20]
    plt.clear_figure()
    plt.bar(
        [t.template_id for t in shown],
        [t.facility * 100 for t in shown],
        orientation="horizontal",
        width=0.3,
    )
    plt.plotsize(width, max(8, 2 * len(shown) + 4))
    plt.xlim(0, 100)
    plt.title("Right first answers (%), hardest first")
    out = [plt.uncolorize(plt.build())]
    for d in r.drills:
        plt.clear_figure()
        counts = [sum(1 for v in d.scores.values() if v == k) for k in range(d.questions + 1)]
        plt.bar([str(k) for k in range(d.questions + 1)], counts, width=0.5)
        plt.plotsize(min(width, 20 + 6 * d.questions), 10)
        plt.title(f"Drill seed {d.seed}: learners by score")
        out.append(plt.uncolorize(plt.build()))
    return neutralise("\n".join(out))
