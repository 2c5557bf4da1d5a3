"""An exception a screen caught but did not expect: words for the learner, the detail for the log.

Workers catch everything so that a bug does not take the app down; what they then show must
still be a message, not an exception's own text (a ``KeyError``'s key, a path, an errno). Our
own errors (``QuizmathError``: a broken question file, a template that cannot be made) are
written for the learner, so their text is shown; an ``OSError`` says what the system refused
("No space left on device"); anything else is a fault in quizmath, said as such. Every shown
text is neutralised (``core.terminal_text``).

The exception itself, with its traceback, goes to the app's log: Textual's, written to the file
named by ``TEXTUAL_LOG`` (``TEXTUAL_LOG=quizmath.log quizmath``) and to ``textual console``.
"""

from __future__ import annotations

import traceback
from typing import TYPE_CHECKING

from quizmath.core.errors import QuizmathError
from quizmath.core.terminal_text import error_text, neutralise

if TYPE_CHECKING:
    from textual.dom import DOMNode

FAULT = "something went wrong inside quizmath"


def explained(node: DOMNode, doing: str, exc: BaseException) -> str:
    """What to show of ``exc``, caught while ``doing`` (logged with its traceback)."""
    node.log.error(f"{doing}:", "".join(traceback.format_exception(exc)))
    if isinstance(exc, QuizmathError):
        return error_text(exc)
    if isinstance(exc, OSError) and exc.strerror:
        return neutralise(exc.strerror)
    return FAULT
