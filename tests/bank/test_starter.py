"""``quizmath new``: a starter for every answer kind validates as written and marks its TODOs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from quizmath.core.answers import check
from quizmath.core.bank.bank import default_curriculum, load_bank
from quizmath.core.bank.schema import schema_for
from quizmath.core.bank.starter import default_topic, starter_text
from quizmath.core.bank.validate import Lints, validate_template
from quizmath.core.bank.yamlsource import read_yaml_file
from quizmath.core.kinds import KINDS


def _quizmath(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quizmath", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("kind", KINDS)
def test_starter_validates_as_written(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "sample.yaml"
    path.write_text(starter_text("demo.sample", kind, "linear-algebra/vectors", "vectors", "x"))
    bank = load_bank([path])
    assert [str(e) for e in bank.errors] == []
    template = bank.get("demo.sample")
    assert template.answer.kind == kind
    lints = Lints()
    failures, instances = validate_template(template, 50, check, None, lints)
    assert [str(f) for f in failures] == []
    assert instances == 50
    assert [str(w) for w in lints.warnings] == []  # a starter shows good habits
    text = path.read_text()
    # A TODO at the title, params, prompt, hints, solution and tests (and mistakes or options).
    assert text.count("TODO") >= 8
    schema = Draft7Validator(schema_for("template", list(default_curriculum().topics)))
    assert list(schema.iter_errors(read_yaml_file(path))) == []


def test_new_then_validate(tmp_path: Path) -> None:
    made = _quizmath("new", "demo.sample", "--kind", "integer", "--dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    assert (tmp_path / "sample.yaml").is_file()
    checked = _quizmath("validate", str(tmp_path))
    assert checked.returncode == 0, checked.stdout
    assert "1 templates, 50 instances: ok" in checked.stdout
    again = _quizmath("new", "demo.sample", "--kind", "real", "--dir", str(tmp_path))
    assert again.returncode == 1 and "not overwriting" in again.stderr
    assert "kind: integer" in (tmp_path / "sample.yaml").read_text()


def test_new_refuses_a_bad_id_and_an_unknown_topic(tmp_path: Path) -> None:
    bad = _quizmath("new", "Sample", "--kind", "integer", "--dir", str(tmp_path))
    assert bad.returncode == 2 and "not a template id" in bad.stderr
    topic = _quizmath("new", "a.b", "--kind", "set", "--topic", "eigenz", "--dir", str(tmp_path))
    assert topic.returncode == 2 and "did you mean eigen" in topic.stderr
    assert list(tmp_path.iterdir()) == []


def test_default_topic_follows_the_area() -> None:
    assert default_topic("prob.my-new").startswith("probability/")
    assert default_topic("nosuch.thing") == next(iter(default_curriculum().topics))
