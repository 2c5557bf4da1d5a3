"""Subcommands of ``quizmath``: each module has ``register(subparsers)`` and ``run(args)``."""
