"""``quizmath stats``: progress at a glance (mastery per topic, practice per day, the calendar
and streak, drill history, the weakest topics), or all of it as JSON with ``--json``.

Days are the learner's days: local calendar days (the system time zone) that start at 4 am, so
late practice counts for the evening before (see ``quizmath.core.days``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.stats import Calendar, Stats

PROG = "quizmath stats"
LEVELS = "·░▒▓█"  # calendar cells: none, then quarters of the busiest day
BAR_WIDTH = 10
DAYS_SHOWN = 14


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "stats",
        help="progress statistics: mastery, practice days and streak, drills, weak topics",
        description="Progress statistics from the progress database. --json prints everything "
        "(the series behind the stats screen's plots included).",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(
        "--check",
        action="store_true",
        help="first read the whole progress file to make sure it is not damaged (done by "
        "itself after quizmath was killed or crashed)",
    )
    p.add_argument(
        "--weeks",
        metavar="N",
        type=int,
        default=12,
        help="weeks in the calendar and the daily series (default 12)",
    )
    p.add_argument(
        "--bank",
        metavar="PATH",
        action="append",
        type=Path,
        help="template files or folders instead of the built-in bank (repeatable)",
    )
    p.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )


def run(args: argparse.Namespace) -> int:
    from quizmath.core.bank.bank import load_bank
    from quizmath.core.content import load_interviews
    from quizmath.core.exercises.catalog import load_exercises
    from quizmath.core.stats import compute_stats
    from quizmath.core.storage import Storage, StorageError

    if not 1 <= args.weeks <= 104:
        print(f"{PROG}: --weeks takes 1 to 104", file=sys.stderr)
        return 2
    try:
        storage = Storage.open_for_reading(getattr(args, "db", None), check=args.check)
    except StorageError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 1
    with storage:
        try:
            interviews = load_interviews().questions.values()
            stats = compute_stats(
                storage,
                load_bank(args.bank),
                weeks=args.weeks,
                interviews=interviews,
                exercises=load_exercises(),
            )
        except StorageError as exc:
            print(f"{PROG}: {exc}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps(stats.to_json(), ensure_ascii=False, indent=2))
    else:
        print(stats_text(stats))
    return 0


def pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def bar(x: float | None, width: int = BAR_WIDTH) -> str:
    filled = round((x or 0.0) * width)
    return "█" * filled + "░" * (width - filled)


def stats_text(s: Stats) -> str:
    t = s.totals
    out = [
        f"Progress on {s.today.isoformat()} (days in {s.timezone}, "
        f"starting at {s.day_starts_at:02d}:00)",
        "",
    ]
    if not t.answers:
        out.append("Nothing practised yet. Start with: quizmath practice --plain")
    else:
        interviews = t.answers - t.attempts
        extra = f" and {plural(interviews, 'interview self-rating')}"
        out.append(
            f"{plural(t.attempts, 'problem attempt')} ({pct(t.accuracy)} right)"
            f"{extra if interviews else ''} on {plural(t.practice_days, 'day')}, "
            f"since {t.first_day}; {plural(t.drills, 'drill')} finished."
        )
    st = s.streak
    out.append(
        f"Streak: {plural(st.current, 'day')} (longest {st.longest})"
        + ("" if st.practiced_today or not st.current else "; practise today to keep it")
        + "."
    )
    out += ["", *calendar_lines(s.calendar)]
    recent = [p for p in s.daily[-DAYS_SHOWN:] if p.attempts]
    if recent:
        busiest = max(p.attempts for p in recent)
        out += ["", f"Problem attempts per day, last {DAYS_SHOWN} days:"]
        for p in recent:
            scaled = max(1, round(BAR_WIDTH * p.attempts / busiest))
            out.append(
                f"  {p.day:%a %d %b}  {'█' * scaled:<{BAR_WIDTH}} {p.attempts:>3} "
                f"attempt{'s' * (p.attempts != 1)}, {pct(p.accuracy)} right"
            )
    out += ["", "Mastery by topic (recall now and recent accuracy):"]
    area = None
    width = max((len(x.title) for x in s.topics if x.templates), default=0)
    for x in s.topics:
        if not x.templates:
            continue
        if x.area_title != area:
            area = x.area_title
            out.append(f"  {area}")
        if x.attempts:
            detail = f"{plural(x.attempts, 'attempt')}, {pct(x.accuracy)} right"
            figure = pct(x.mastery)
        else:  # as the stats screen shows it: no figure for a topic not started
            detail, figure = "not started", "—"
        out.append(f"    {x.title:<{width}}  {bar(x.mastery)} {figure:>4}  {detail}")
    if s.exercises:
        solved = sum(1 for x in s.exercises if x.solved)
        due = sum(1 for x in s.exercises if x.state == "due")
        out += [
            "",
            f"Coding exercises: {solved} of {len(s.exercises)} solved"
            + (f", {due} due for review" if due else "")
            + " (quizmath code lists them).",
        ]
    if s.drills:
        out += ["", "Drills (oldest first):"]
        for d in s.drills[-10:]:
            out.append(
                f"  drill {d.drill_id:>3}  {d.day}  {d.correct}/{d.total}  "
                f"{bar(d.percent / 100)} {d.percent:.0f}%"
            )
    if s.parts:
        out += ["", "Multi-part problems, part by part (right, of the attempts that reached it):"]
        template = None
        for part in s.parts:
            if part.template_id != template:
                template = part.template_id
                out.append(f"  {part.template_id} — {part.title}")
            carried = f", {part.carried} carried forward" if part.carried else ""
            out.append(
                f"    ({part.label}) {part.right}/{part.attempts} {pct(part.accuracy):>4}"
                f"{carried}  {part.prompt}"
            )
    if s.weakest:
        out += ["", "Weakest topics (practise one now: quizmath practice --topic ID):"]
        for w in s.weakest:
            how = (
                "not started"
                if w.reason == "not started"
                else (f"mastery {pct(w.mastery)}, {pct(w.accuracy)} right")
            )
            out.append(f"  {w.topic_id:<40} {w.title} — {how}")
    out += learning_lines(s)
    return "\n".join(out)


def learning_lines(s: Stats) -> list[str]:
    """Placement, calibration, key points and the target date (issue 14)."""
    out: list[str] = []
    if s.settings.until:
        out += ["", f"Target date: {s.settings.until} (every card is reviewed before it)."]
    if s.placement:
        m = s.placement
        c = m.counts
        out += [
            "",
            f"Placement on {m.finished_at:%Y-%m-%d} ({plural(m.questions, 'question')}): "
            f"{c['known']} known, {c['shaky']} shaky, {c['new']} new, {c['untested']} not "
            "tested. Again: quizmath placement --plain",
        ]
        for level in ("known", "shaky"):
            titles = [t.title for t in m.topics if t.level == level]
            if titles:
                out.append(f"  {level}: " + "; ".join(titles))
    cal = s.calibration
    if cal and cal.answers:
        out += ["", "Calibration (share right at each confidence):"]
        for r in cal.rows:
            out.append(
                f"  {r.confidence.label:<7} {bar(r.share)} {pct(r.share):>4}  "
                f"{plural(r.answers, 'answer')}"
            )
        if cal.misses_total:
            out.append(f"  Sure but wrong ({cal.misses_total}; likely misconceptions):")
            for m_ in cal.misses[:5]:
                out.append(f"    {m_.ref:<36} {m_.title} — answered {m_.answer}")
    if s.key_points:
        out += ["", "Interview key points most often missed:"]
        for q in s.key_points[:5]:
            out.append(f"  {q.question_id} ({pct(q.mean_share)} covered on average)")
            for p in q.most_missed:
                out.append(f"    missed {p.missed}/{p.scored}: {p.text}")
    return out


def calendar_lines(c: Calendar) -> list[str]:
    """The grid: one row per weekday, one column per week, darker for more answers."""
    lines = [f"Practice calendar since {c.start} (one column per week; · none, █ busiest):"]
    months = ""
    for i, week in enumerate(c.weeks):
        first = week[0]
        label = f"{first.day:%b}" if first and (i == 0 or first.day.day <= 7) else ""
        months += label if len(months) <= i * 2 else ""
        months = months.ljust((i + 1) * 2)
    lines.append("      " + months.rstrip())
    for name, row in zip(("Mon", "", "Wed", "", "Fri", "", "Sun"), c.rows(), strict=True):
        cells = " ".join(" " if cell is None else LEVELS[cell.level] for cell in row)
        lines.append(f"  {name:<3} {cells}".rstrip())
    return lines
