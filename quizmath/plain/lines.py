"""Reading lines with a deadline (plain mode: screen readers, pipes, scripts).

On POSIX, stdin is read straight from its file descriptor with ``select``, so a terminal or a
pipe that stays silent until the deadline ends a timed drill on time; the answer then "as it
stands" is empty, because a terminal hands over a line only when Enter is pressed. A line that
arrives after the deadline (or any line, where ``select`` cannot be used, e.g. a StringIO in
tests) is still returned. While waiting, ``on_wait`` is called every CHECKPOINT_S seconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO

from quizmath.core.drill.clock import CHECKPOINT_S

TIMEOUT = object()  # LineReader.read: the deadline passed with no complete line


class LineReader:
    """Lines from a stream, with an optional timeout where the stream allows it."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.fd: int | None = None
        self._buf = b""
        self._eof = False
        try:
            import select  # noqa: F401 - POSIX select works on pipes and terminals

            fd = stream.fileno()
            if os.name == "posix":
                self.fd = fd
        except (ImportError, AttributeError, OSError, ValueError):
            self.fd = None  # StringIO and friends: blocking readline

    def read(
        self, timeout: float | None, on_wait: Callable[[], object] | None = None
    ) -> str | object | None:
        """The next line without its newline; None at end of input; TIMEOUT when ``timeout``
        seconds pass without a whole line (only with a file descriptor). ``on_wait`` is called
        every CHECKPOINT_S seconds while waiting."""
        if self.fd is None:
            line = self.stream.readline()
            return line.rstrip("\r\n") if line else None
        import select
        import time

        deadline = None if timeout is None else time.monotonic() + max(0.0, timeout)
        while b"\n" not in self._buf and not self._eof:
            wait = CHECKPOINT_S
            if deadline is not None:
                wait = min(wait, deadline - time.monotonic())
                if wait <= 0:
                    self._drop_typed()
                    return TIMEOUT
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                if on_wait is not None:
                    on_wait()
                continue
            chunk = os.read(self.fd, 65536)
            if chunk:
                self._buf += chunk
            else:
                self._eof = True
        if b"\n" in self._buf:
            raw, self._buf = self._buf.split(b"\n", 1)
        elif self._buf:
            raw, self._buf = self._buf, b""
        else:
            return None
        return raw.decode("utf-8", errors="replace").rstrip("\r")

    def _drop_typed(self) -> None:
        # Half a line typed at a terminal when time ran out would otherwise reach the shell.
        try:
            import termios

            if self.fd is not None and os.isatty(self.fd):
                termios.tcflush(self.fd, termios.TCIFLUSH)
        except (ImportError, OSError):
            pass
