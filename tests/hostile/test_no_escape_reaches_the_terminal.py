"""No output of ``quizmath`` over a hostile bank or a hostile database carries a control
character a terminal would act on (issue 13 item 1, "Done when").

The bank: templates and an interview file with ESC sequences, C1 controls and bidi overrides in
their text (as YAML escapes and raw), and a valid template in a file whose *name* holds an ESC
sequence. The database: real rows written by the commands, then every free-text column
overwritten with hostile text, plus an attempt at a template id that is itself an escape.
``preview`` and ``bank`` read only the built-in bank (they take no ``--bank``), so they run
over it with the hostile database.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_BANK = ROOT / "drill" / "fixtures" / "bank"
FIXTURE_INTERVIEWS = ROOT / "drill" / "fixtures" / "interview"

# Everything a terminal acts on: ESC, BEL, C1 CSI/OSC, bidi override and isolate.
FORBIDDEN = [b"\x1b", b"\x07", "\x9b".encode(), "\x9d".encode(), "\u202e".encode()]
FORBIDDEN += ["\u2066".encode()]
HOSTILE = "\x1b]0;pwned\x07\x1b[2J\x9b31m\u202egnp.exe\u2066x\u2069"


def _hostile_bank(root: Path) -> tuple[Path, Path]:
    bank = root / "bank"
    shutil.copytree(FIXTURE_BANK, bank)
    add = (bank / "add.yaml").read_text()
    variants = {
        "title.yaml": add.replace("title: Vector sum (drill fixture)", 'title: "Sum \\e]0;x\\a"'),
        "prompt.yaml": add.replace("Compute u + v", "Compute \u202eu + v"),
        "feedback.yaml": add.replace("feedback: That is", 'feedback: "\\x9b2J That is"'),
        "hint.yaml": add.replace("- Add matching entries.", '- "Add \\e[2J entries."'),
    }
    for k, (name, text) in enumerate(variants.items()):
        assert text != add, name
        (bank / name).write_text(text.replace("drillfix.add", f"drillfix.hostile{k}"))
    # A valid template whose file name is an escape sequence.
    (bank / "\x1b]0;pwned\x07.yaml").write_text(add.replace("drillfix.add", "drillfix.named"))
    interviews = root / "interview"
    shutil.copytree(FIXTURE_INTERVIEWS, interviews)
    good = (interviews / "drillfix-dot-meaning.yaml").read_text()
    (interviews / "drillfix-hostile.yaml").write_text(
        good.replace("drillfix-dot-meaning", "drillfix-hostile").replace(
            "- the sign is", '- "\\e]0;x\\a the sign is'
        )
    )
    return bank, interviews


def _run(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=180,
        env=env,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("hostile")
    bank, interviews = _hostile_bank(root)
    db = root / "progress.db"
    env = {k: v for k, v in os.environ.items() if k not in ("QUIZMATH_DB", "NO_COLOR")}
    env.update(XDG_DATA_HOME=str(root / "xdg"), XDG_CACHE_HOME=str(root / "cache"))
    env["PYTHONIOENCODING"] = "utf-8"
    common = ["--bank", str(bank), "--db", str(db)]
    made = _run(env, "practice", "--plain", "--template", "drillfix.add@1", *common,
                stdin="[1, 2, 3]\n[1, 2, 3]\nskip\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    drill = ["drill", "--plain", "--questions", "3", "--minutes", "0", "--seed", "7"]
    made = _run(env, *drill, *common, "--interviews", str(interviews),
                stdin="1\nnotes\n\n3\nskip\nskip\nskip\n")  # fmt: skip
    assert made.returncode == 0, made.stderr
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE attempts SET answer = ?", (HOSTILE,))
        conn.execute("UPDATE drill_items SET answer = ?", (HOSTILE,))
        # Ids and names of things that are not in the bank any more, as a damaged file has them.
        conn.execute("UPDATE drill_items SET item_id = ?, topic = ? WHERE position = 2",
                     (HOSTILE, HOSTILE))  # fmt: skip
        conn.execute("UPDATE drill_runs SET topics = ?, code = ?", (HOSTILE, HOSTILE))
        conn.execute("UPDATE interview_ratings SET interview_id = ?", (HOSTILE,))
        conn.execute(
            "INSERT INTO attempts (template_id, seed, answer, verdict, correct, ms, hints, "
            "solution_viewed, try, rating, mode, drill_id, at) "
            "SELECT ?, seed, answer, verdict, correct, ms, hints, solution_viewed, try, "
            "rating, mode, NULL, at FROM attempts LIMIT 1",
            (HOSTILE,),
        )
    conn.close()
    return {"env": env, "bank": bank, "interviews": interviews, "db": db}


DRILL = ["drill", "--plain", "--bank", "{bank}", "--interviews", "{interviews}", "--db", "{db}"]
COMMANDS = {
    "validate": (["validate", "{bank}", "--seeds", "2", "--jobs", "1"], ""),
    "validate --json": (["validate", "{bank}", "--seeds", "1", "--jobs", "1", "--json"], ""),
    "preview": (["preview", "linalg.dot-product@3"], ""),
    "bank": (["bank"], ""),
    "practice --plain": (
        ["practice", "--plain", "--bank", "{bank}", "--db", "{db}", "--count", "2"],
        "help\nhint\nsolution\n[0, 0, 0]\nskip\nquit\n",
    ),
    "drill --plain": (
        [*DRILL, "--questions", "2", "--minutes", "0", "--seed", "11"],
        "help\nskip\nskip\n",
    ),
    "stats": (["stats", "--bank", "{bank}", "--db", "{db}"], ""),
    "stats --json": (["stats", "--json", "--bank", "{bank}", "--db", "{db}"], ""),
    "export csv": (["export", "--bank", "{bank}", "--db", "{db}"], ""),
    "export json": (["export", "--format", "json", "--bank", "{bank}", "--db", "{db}"], ""),
    "drill --report": (["drill", "--report", "1", "--db", "{db}", "--bank", "{bank}"], ""),
    "drill --report --json": (["drill", "--report", "1", "--json", "--db", "{db}"], ""),
    "drill --list": (["drill", "--list", "--db", "{db}"], ""),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_no_control_character_reaches_the_terminal(hostile: dict[str, object], name: str) -> None:
    args, stdin = COMMANDS[name]
    filled = [a.format(**{k: str(v) for k, v in hostile.items() if k != "env"}) for a in args]
    out = _run(hostile["env"], *filled, stdin=stdin)  # type: ignore[arg-type]
    assert b"Traceback" not in out.stderr, out.stderr.decode(errors="replace")
    both = out.stdout + out.stderr
    leaked = [b for b in FORBIDDEN if b in both]
    assert not leaked, f"{name} printed {leaked}: {both.decode(errors='replace')[:2000]}"


def test_the_hostile_files_are_refused_and_the_named_one_loads(hostile: dict[str, object]) -> None:
    from quizmath.core.bank.bank import load_bank

    bank = load_bank([hostile["bank"]])  # type: ignore[list-item]
    assert "drillfix.named" in bank.templates
    assert not [t for t in bank.templates if t.startswith("drillfix.hostile")]
    assert len(bank.errors) == 4 and all(e.line for e in bank.errors)
