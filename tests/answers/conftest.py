"""Fixtures of the tests of problems made in the checking service (a module may define its own
``service`` with other options)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from quizmath.core.answers import CheckService
from quizmath.core.bank.bank import Bank, load_bank


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(None)


@pytest.fixture(scope="module")
def service() -> Iterator[CheckService]:
    with CheckService(preload_sympy=False) as svc:
        yield svc
