"""``python -m quizmath`` runs the command line."""

from quizmath.cli import main

# The guard matters: the answer checker's worker process is started with "spawn", which
# re-imports the main module; without it, that would run the command line again.
if __name__ == "__main__":
    raise SystemExit(main())
