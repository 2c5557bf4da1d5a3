"""``template@seed`` must give the same numbers in every process and on every machine.

Two subprocesses with different PYTHONHASHSEED values draw through the interpreter (sets,
comprehensions and all) and must print the same thing; pinned values catch any change to the
generator or to the draw algorithms, which would silently change every shared problem id.
"""

from __future__ import annotations

import os
import subprocess
import sys
from fractions import Fraction

from quizmath.core.engine import random_draws as rd
from quizmath.core.rng import Rng
from quizmath.core.values import Mat, Vec

SCRIPT = r"""
from quizmath.core.engine import random_draws, sequences  # registrations
from quizmath.core.expr import Context, evaluate, parse
from quizmath.core.rng import Rng

EXPRESSIONS = [
    "randint(-4, 5)",
    "nonzero(-3, 3)",
    "randsign()",
    "distinct(3, -4, 5)",
    "choice(['sin', 'cos', 'tan', 'exp'])",
    "choice({3, 1, 4, 1, 5, 9, 2, 6})",
    "sample({'a', 'b', 'c', 'd', 'e'}, 3)",
    "shuffle(['w', 'x', 'y', 'z'])",
    "randvec(3, -5, 5)",
    "randmat(2, 3, -2, 2)",
    "nonzero_vec(3, -1, 1)",
    "unimodular(3)",
    "unit_lower(3, -2, 2) @ unit_upper(3, -2, 2)",
    "with_eigenvalues(distinct(2, -4, 5))",
    "with_eigenvalues([1, 2, 2])",
    "low_rank(3, 4, 2)",
    "pythagorean(2)",
    "pythagorean(3)",
    "rand_prob(4, 12)",
    "rand_counts(3, 30)",
    "dyadic_dist(6)",
    "data_with_mean(6, 10, 4)",
    "{randint(0, 9) for i in range(8)}",
    "unique([randint(0, 5) for i in range(10)])",
    "sorted({randint(-9, 9), randint(-9, 9), randint(-9, 9)})",
]
nodes = [parse(text) for text in EXPRESSIONS]
for seed in range(51):
    ctx = Context(rng=Rng(seed, "determinism"))
    print(seed, [repr(evaluate(node, {}, ctx)) for node in nodes])
"""


def draw_in_subprocess(hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_same_draws_in_separate_processes() -> None:
    first = draw_in_subprocess("0")
    second = draw_in_subprocess("2718281")
    assert first == second
    lines = first.splitlines()
    assert len(lines) == 51
    assert len(set(line.split(" ", 1)[1] for line in lines)) == 51  # the seeds do differ


def test_pinned_generator() -> None:
    r = Rng(7, "x")
    assert [r.randint(1, 100) for _ in range(10)] == [14, 54, 15, 70, 38, 38, 95, 81, 78, 93]
    r = Rng(0)
    assert [r.next64() for _ in range(3)] == [
        6211890424011716214,
        8208494884373046648,
        18303256990092846813,
    ]


def test_pinned_draws() -> None:
    # One generator, drawn in this order: a change to any algorithm shifts what follows.
    g = Rng(2024, "golden")
    assert rd.unimodular(g, 3) == Mat([[-1, 1, 0], [2, -2, 1], [1, -2, 1]])
    assert rd.with_eigenvalues(g, Vec([2, 5])) == Mat([[-1, -3], [6, 8]])
    assert rd.rand_prob(g, 4, 10) == Vec(
        [Fraction(1, 5), Fraction(1, 10), Fraction(3, 5), Fraction(1, 10)]
    )
    assert rd.dyadic_dist(g, 5) == Vec(
        [Fraction(1, 16), Fraction(1, 16), Fraction(1, 8), Fraction(1, 2), Fraction(1, 4)]
    )
    assert rd.data_with_mean(g, 5, 10, 3) == Vec([7, 11, 13, 8, 11])
    assert rd.pythagorean(g, 3) == Vec([-6, -2, -9])
    assert rd.sample(g, Vec(list(range(10))), 3) == Vec([7, 0, 3])
    assert rd.shuffle(g, ("a", "b", "c", "d")) == ("c", "d", "b", "a")
    assert rd.distinct(g, 3, -4, 5) == Vec([4, -4, 5])
    assert rd.nonzero(g, -3, 3) == -1
    assert rd.low_rank(g, 3, 3, 2) == Mat([[1, 1, -2], [2, 4, -8], [-1, 1, -2]])
