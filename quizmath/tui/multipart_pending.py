"""Multi-part problems are not in the app yet (issue 10: their screen is being built). Until
it lands, the app does not serve them: practice and new drills pass them over, a multi-part
problem asked for by name says to use plain mode, and a drill holding one (started in plain
mode) is finished there. Plain mode (``--plain``) asks them part by part.

Delete this module, and its uses, when the multi-part widgets land.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quizmath.core.bank.bank import Bank


def multipart_ids(bank: Bank) -> frozenset[str]:
    """The templates with parts: the ones the app passes over for now."""
    return frozenset(tid for tid, t in bank.templates.items() if t.parts)


def practice_note(template_id: str) -> str:
    return (
        f"{template_id} is a multi-part problem, which the app cannot show yet. "
        f"Practise it in plain mode: quizmath practice --plain --template {template_id}"
    )


def drill_note(drill_id: int) -> str:
    return (
        f"drill {drill_id} has multi-part problems, which the app cannot show yet. "
        f"Finish it in plain mode: quizmath drill --plain --resume {drill_id}"
    )
