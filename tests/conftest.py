"""Shared by every test: the template cache lives in a temporary folder, never in the user's."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE_ENV = "QUIZMATH_CACHE_DIR"  # quizmath.core.bank.cache.ENV_DIR (not imported: keep it cheap)


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get(_CACHE_ENV):
        folder = tempfile.mkdtemp(prefix="quizmath-test-cache-")
        os.environ[_CACHE_ENV] = folder
        config._quizmath_cache = folder  # type: ignore[attr-defined]


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_quizmath_cache", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(_CACHE_ENV, None)
