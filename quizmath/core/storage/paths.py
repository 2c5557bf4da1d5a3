"""Where the progress database lives: ``--db``, else ``$QUIZMATH_DB``, else the user data dir."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

ENV_VAR = "QUIZMATH_DB"
FILE_NAME = "progress.db"


def default_db_path() -> Path:
    """``<user data dir>/quizmath/progress.db`` (e.g. ``~/.local/share/quizmath`` on Linux)."""
    import platformdirs  # ~20 ms; only needed when neither --db nor $QUIZMATH_DB is given

    return platformdirs.user_data_path("quizmath", appauthor=False) / FILE_NAME


def resolve_db_path(
    cli_path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None
) -> Path:
    """The database file to use. The directory is not created here (``open_storage`` does)."""
    if cli_path:
        return Path(cli_path).expanduser()
    environ = os.environ if env is None else env
    from_env = environ.get(ENV_VAR, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return default_db_path()
