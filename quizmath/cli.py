"""The ``quizmath`` command line.

With no subcommand it opens the TUI. Each subcommand lives in ``quizmath/commands/<name>.py``
with ``register(subparsers)`` and ``run(args) -> int``; command modules import their heavy
dependencies inside ``run`` so that ``quizmath --help`` and the TUI start fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Order here is the order in --help.
COMMANDS = (
    "practice",
    "placement",
    "drill",
    "code",
    "validate",
    "preview",
    "bank",
    "check",
    "stats",
    "settings",
    "export",
    "schema",
    "new",
    "export-bank",
    "class-report",
    "report",
    "serve",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with ``only`` that one subcommand's (what running it needs:
    importing every command module cost each start ~10 ms, issue 13 item 24)."""
    parser = argparse.ArgumentParser(
        prog="quizmath",
        description="Practise the mathematics of machine learning in a terminal.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="progress database (default: $QUIZMATH_DB, else the user data directory)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        try:
            module = importlib.import_module(_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != _module(name):
                raise
            continue  # a command not built yet
        module.register(sub)
    return parser


def _module(command: str) -> str:
    """``export-bank`` lives in ``quizmath/commands/export_bank.py``."""
    return f"quizmath.commands.{command.replace('-', '_')}"


def _command(argv: list[str]) -> str | None:
    """The subcommand's name: the first argument that is not a global option or its value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    named = _command(argv)
    parser = build_parser(named if named in COMMANDS else None)
    if named == "check":
        from quizmath.commands.check import protect_dash_values

        argv = protect_dash_values(argv)
    args = parser.parse_args(argv)
    if args.version:
        from quizmath import __version__

        print(f"quizmath {__version__}")
        return 0
    if args.command is None:
        try:
            from quizmath.commands.full_screen import open_app
        except ModuleNotFoundError:
            parser.print_help()
            return 0
        return open_app(program="quizmath", plain="quizmath practice --plain", db=args.db)
    module = importlib.import_module(_module(args.command))
    try:
        return int(module.run(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `quizmath bank | head` closes the pipe early; that is not an error.
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
