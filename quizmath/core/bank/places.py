"""Where the built-in bank keeps its files.

Kept apart from the loaders (which import the YAML reader and the template language) so that a
command can ask whether a file exists, say ``quizmath practice --template`` checking whether a
name is a coding exercise, without loading either: that check runs before the app's first paint.
"""

from __future__ import annotations

from pathlib import Path


def bank_root() -> Path:
    """The built-in bank: inside the installed package, or at the top of a source checkout."""
    package = Path(__file__).resolve().parents[2]
    bundled = package / "question_bank"
    if bundled.is_dir():
        return bundled
    return package.parent / "question_bank"


def template_path(template_id: str) -> Path:
    """Where the built-in bank keeps a template: ``linalg.dot-product`` →
    ``templates/linalg/dot-product.yaml``."""
    area, _, name = template_id.partition(".")
    return bank_root() / "templates" / area / f"{name}.yaml"


def exercises_root() -> Path:
    return bank_root() / "exercises"


def exercise_path(exercise_id: str) -> Path:
    """Where the built-in bank keeps a coding exercise (``linreg.normal-equations`` →
    ``exercises/linreg/normal-equations.yaml``)."""
    area, _, name = exercise_id.partition(".")
    return exercises_root() / area / f"{name}.yaml"
