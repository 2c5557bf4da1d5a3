"""Pasted text as one answer line.

An answer is one line, but what a learner pastes is often several: the rows of a matrix copied
from a notebook or a spreadsheet, a column vector, a set one value per line. ``one_line`` joins
them the way the answer grammar reads them (rows of a matrix and the entries of a column with
``;``, the values of a set with ``,``), and drops what a paste should never carry into the box:
escape sequences (whole, parameters and all) and other control characters.
"""

from __future__ import annotations

from quizmath.core.terminal_text import strip

# How the lines of a multi-line paste are joined, per answer kind (default: a space).
JOIN = {
    "matrix": "; ",  # rows
    "vector": "; ",  # a column, one entry per line
    "vector-up-to-scale": "; ",
    "set": ", ",
}
# A line ending or starting with one of these is already joined by its own punctuation.
_OPENS = (",", ";", "[", "(", "{")
_CLOSES = (",", ";", "]", ")", "}")


def one_line(text: str, kind: str) -> str:
    """``text`` (as pasted) as one line of an answer of ``kind``: control characters and escape
    sequences removed, tabs as spaces, blank lines dropped, the other lines joined (see
    ``JOIN``) unless punctuation already joins them (``[1, 2],`` then ``[3, 4]``)."""
    text = strip(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\t", " ")
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    sep = JOIN.get(kind, " ")
    out = lines[0]
    for line in lines[1:]:
        joined = out.endswith(_OPENS) or line.startswith(_CLOSES)
        out += (" " if joined else sep) + line
    return out
