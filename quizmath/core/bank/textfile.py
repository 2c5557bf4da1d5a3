"""A question-bank file read as text: a regular file, at most a size limit, UTF-8, and no
character a terminal would act on.

Every bank file (templates, interview questions, the curriculum, concept pages) is read here, so
the rules hold for all of them:

- only a regular file is opened: a path linking to ``/dev/zero`` would read gigabytes, a FIFO
  would block forever. The file is opened non-blocking and checked through its descriptor, so
  a path swapped between the check and the read changes nothing;
- at most ``limit`` bytes are read, whatever the size the file reports (``/proc`` files say 0);
- control characters (``terminal_text.CONTROL``) are refused with their line, before any parser
  sees them; a carriage return is allowed here only as part of a line break.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from quizmath.core.errors import TemplateError
from quizmath.core.terminal_text import CONTROL, describe

MAX_FILE_BYTES = 256 * 1024  # the most read of any bank file


def read_text_file(path: Path, limit: int) -> str:
    """The text of ``path``. Raises TemplateError (with a line where there is one)."""
    name = str(path)
    raw = _read_bounded(path, limit, name)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise TemplateError("file is not valid UTF-8", file=name, line=line) from None
    refuse_controls(text, name, line_breaks=True)
    return text


def _read_bounded(path: Path, limit: int, name: str) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise TemplateError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            what = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
            raise TemplateError(f"not a regular file ({what})", file=name)
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 16, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise TemplateError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    finally:
        os.close(fd)
    if size > limit:
        raise TemplateError(f"file too large (the limit is {limit} bytes)", file=name, line=1)
    return b"".join(chunks)


def control_message(c: str) -> str:
    return f"control character {describe(c)} is not allowed in a question file"


def refuse_controls(
    text: str, name: str, *, line_breaks: bool = False, first_line: int = 1
) -> None:
    """Raise TemplateError at the line of the first control character in ``text``.

    ``line_breaks``: the text is a whole file, where ``\\r`` may end a line (``\\r\\n``).
    """
    for m in CONTROL.finditer(text):
        if line_breaks and m.group() == "\r":
            continue
        line = first_line + text.count("\n", 0, m.start())
        raise TemplateError(control_message(m.group()), file=name, line=line)
