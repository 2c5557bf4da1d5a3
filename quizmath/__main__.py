"""``python -m quizmath`` runs the command line."""

from quizmath.cli import main

raise SystemExit(main())
