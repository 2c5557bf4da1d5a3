"""Opening the learner's file in ``$EDITOR`` from the app: the app is suspended (Textual's
``App.suspend``) while the editor has the terminal, and comes back when it closes. The file is
watched meanwhile, so a save is graded even before the editor closes."""

from __future__ import annotations

import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

NO_EDITOR = "Set $EDITOR (e.g. EDITOR=vim) to open the file from here, or open it yourself: {path}"


def editor_command(path: Path) -> list[str] | None:
    """``$EDITOR`` (split like a shell would) with the file, or None when it is not set."""
    editor = os.environ.get("EDITOR", "").strip()
    if not editor:
        return None
    try:
        words = shlex.split(editor)
    except ValueError:  # an unbalanced quote: take it as one program name
        words = [editor]
    return [*words, str(path)] if words else None


def open_in_editor(app: Any, path: Path) -> str | None:
    """Run ``$EDITOR path`` with the app suspended; None when it ran, else what went wrong."""
    from textual.app import SuspendNotSupported

    command = editor_command(path)
    if command is None:
        return NO_EDITOR.format(path=path)
    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:
        return f"This terminal cannot hand over to an editor; open the file yourself: {path}"
    except OSError as exc:
        return f"Could not start {command[0]}: {exc.strerror or exc}"
    app.refresh(repaint=True, layout=True)
    return None
