"""The class report as one self-contained HTML page: the same tables as the terminal, with
bars drawn in CSS. Everything from the exports (learner names, answers, ids) is escaped."""

from __future__ import annotations

from html import escape

from quizmath.core.classreport import ClassReport
from quizmath.core.classreport_text import percent, seconds, signed

STYLE = """
body { font-family: sans-serif; max-width: 70em; margin: 2em auto; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { padding: 0.25em 0.6em; border-bottom: 1px solid #ddd; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #4a7fd0; height: 0.8em; display: inline-block; }
code { font-family: monospace; }
"""


def report_html(r: ClassReport) -> str:
    e = escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>quizmath class report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>Class report</h1>",
        f"<p>{len(r.learners)} learners: {e(', '.join(r.learners))}</p>",
        "<h2>Templates, hardest first</h2>",
        "<p>Right: share of right first answers (facility). Discrimination: right in the "
        "best third of learners minus the weakest third; a negative value means the "
        "stronger learners got it wrong more often.</p>",
        "<table><tr><th>template</th><th>answers</th><th>right</th><th></th>"
        "<th>discrimination</th><th>median time</th>"
        "<th>wrong answers no mistake matches</th></tr>",
    ]
    for t in r.templates:
        wrong = "<br>".join(f"<code>{e(w.answer)}</code> ×{w.count}" for w in t.undeclared)
        parts.append(
            f"<tr><td><code>{e(t.template_id)}</code></td><td class=n>{t.responses}</td>"
            f"<td class=n>{percent(t.facility)}</td>"
            f'<td><span class="bar" style="width: {t.facility * 10:.1f}em"></span></td>'
            f"<td class=n>{signed(t.discrimination)}</td>"
            f"<td class=n>{seconds(t.median_ms)}</td><td>{wrong}</td></tr>"
        )
    parts.append("</table>")
    if r.drills:
        parts.append("<h2>Seeded drills</h2><table><tr><th>seed</th><th>questions</th>"
                     "<th>min</th><th>median</th><th>max</th><th>scores</th></tr>")  # fmt: skip
        for d in r.drills:
            dist = d.distribution
            scores = ", ".join(f"{e(name)} {n}" for name, n in sorted(d.scores.items()))
            parts.append(
                f"<tr><td class=n>{d.seed}</td><td class=n>{d.questions}</td>"
                f"<td class=n>{dist['min']}</td><td class=n>{dist['median']:g}</td>"
                f"<td class=n>{dist['max']}</td><td>{scores}</td></tr>"
            )
        parts.append("</table>")
    if r.topics:
        parts.append("<h2>Weakest topics</h2><table><tr><th>topic</th><th>answers</th>"
                     "<th>right</th><th></th></tr>")  # fmt: skip
        for ts in r.topics:
            parts.append(
                f"<tr><td>{e(ts.topic)}</td><td class=n>{ts.responses}</td>"
                f"<td class=n>{percent(ts.facility)}</td>"
                f'<td><span class="bar" style="width: {ts.facility * 10:.1f}em"></span></td></tr>'
            )
        parts.append("</table>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
