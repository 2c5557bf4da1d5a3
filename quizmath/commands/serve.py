"""``quizmath serve``: the app in a web browser, via textual-serve."""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import sys

LOOPBACK_NAMES = ("localhost",)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="run the app in a web browser (on this computer by default)",
        description="Serve the app at http://HOST:PORT/. Each browser tab runs its own copy "
        "of the app on this computer, with your progress file. Bound to 127.0.0.1 by "
        "default, so only this computer can connect; Ctrl+C stops it.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")


def app_command(db: str | None) -> str:
    """The shell command textual-serve starts for each browser session: this Python's quizmath,
    with the same progress file."""
    parts = [sys.executable, "-m", "quizmath"]
    if db:
        parts += ["--db", db]
    return shlex.join(parts)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        print("quizmath serve: --port takes 1 to 65535", file=sys.stderr)
        return 2
    from textual_serve.server import Server

    if not is_loopback(args.host):
        print(
            f"quizmath serve: warning: listening on {args.host}: anyone who can reach it "
            "can use the app and your progress file",
            file=sys.stderr,
        )
    server = Server(app_command(args.db), host=args.host, port=args.port, title="quizmath")
    print(f"quizmath at http://{args.host}:{args.port}/ (Ctrl+C stops it)", flush=True)
    try:
        server.serve()
    except OSError as exc:
        print(f"quizmath serve: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0
