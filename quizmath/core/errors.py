"""Error types shared by the core.

Every error a user can cause carries enough to point at the spot: a column inside an expression,
or a file, line and field inside a question file.
"""

from __future__ import annotations

from quizmath.core.terminal_text import neutralise


class QuizmathError(Exception):
    """Base class for every error quizmath reports to a person."""


class ExprError(QuizmathError):
    """A template expression could not be parsed or evaluated.

    ``column`` is 1-based within the expression text, or None when the error is not tied to a spot.
    """

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.column = column

    def __str__(self) -> str:
        if self.column is None:
            return self.message
        return f"{self.message} at column {self.column}"


class ExprSyntaxError(ExprError):
    """The expression text is not in the template language."""


class ExprNameError(ExprError):
    """An unknown name or function (anything off the whitelist)."""


class ExprEvalError(ExprError):
    """Evaluation failed: wrong types, shapes, a singular matrix, division by zero …"""


class LimitError(ExprError):
    """A bound on size or work was exceeded; nothing more was computed."""


class TemplateError(QuizmathError):
    """A problem in a question file, reported as ``file:line: field: message``."""

    def __init__(
        self, message: str, *, file: str = "", line: int | None = None, field: str = ""
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.field = field

    def __str__(self) -> str:
        # Neutralised: a file name, a field or a quoted bit of the file may carry an escape
        # sequence, and this text goes straight to a terminal.
        where = self.file or "<template>"
        if self.line is not None:
            where += f":{self.line}"
        if self.field:
            return neutralise(f"{where}: {self.field}: {self.message}")
        return neutralise(f"{where}: {self.message}")


class ConstraintError(TemplateError):
    """A template's ``where`` constraints were never met within the resampling bound."""


class UnknownTemplateError(QuizmathError):
    """No template has the requested id."""
