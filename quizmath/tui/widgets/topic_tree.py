"""The curriculum (area → topic → coding exercise) with each topic's progress from the
scheduler, each exercise's state (new, tried, solved, due for review), and where the latest
placement put each topic (known, shaky, new: ``core.placement``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import msgspec
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

if TYPE_CHECKING:
    from quizmath.core.bank.curriculum import Curriculum
    from quizmath.core.scheduler import TopicProgress

TITLE_WIDTH = 44  # at most; less when the tree is narrow
STATS_WIDTH = 34  # " 12/12 ▰▰▰▰▰▰▰▰  acc 100%  12 due"
PLACED_WIDTH = 8  # "  shaky"
BAR_WIDTH = 8
# A placement level (``core.placement.walk.Level``) as the tree says it, and its colour.
PLACED = {"known": ("known", "success"), "shaky": ("shaky", "warning"), "new": ("new", "")}


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    """▰▰▰▱▱▱▱▱ for a fraction in [0, 1]; blank cells when there is nothing to show."""
    if fraction is None:
        return "·" * width
    full = round(max(0.0, min(1.0, fraction)) * width)
    return "▰" * full + "▱" * (width - full)


def fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def topic_label(
    p: TopicProgress,
    colours: dict[str, str] | None = None,
    width: int = TITLE_WIDTH,
    placed: str | None = None,
) -> Text:
    """``Eigenvalues and eigenvectors known  1/2  ▰▰▰▱▱▱▱▱  acc 67%  2 due``; ``colours``
    are the theme's (``success``, ``primary``, ``warning``): Rich labels cannot use
    $variables; ``placed``: the topic's level in the latest placement, if it was placed."""
    c = colours or {}
    label = Text(fit(p.title, width).ljust(width))
    if placed is not None:
        word, colour = PLACED.get(placed, ("", ""))
        style = f"bold {c.get(colour, '')}".strip() if colour else "dim"
        label.append(f" {word:<{PLACED_WIDTH - 1}}", style=style)
    if p.templates == 0:
        label.append("  no problems yet", style="dim")
        return label
    label.append(f" {p.seen:>2}/{p.templates:<2} ", style="dim" if not p.seen else "")
    good = (p.mastery or 0) >= 0.8
    label.append(bar(p.mastery), style=c.get("success" if good else "primary", ""))
    if p.accuracy is not None:
        label.append(f"  acc {round(p.accuracy * 100):>3}%")
    if p.due:
        label.append(f"  {p.due} due", style=f"bold {c.get('warning', '')}".strip())
    return label


class TopicRef(msgspec.Struct, frozen=True):
    topic_id: str
    templates: int  # 0: nothing to practise yet (the concept page still opens)


class ExerciseRef(msgspec.Struct, frozen=True):
    """A coding exercise under its topic."""

    exercise_id: str
    topic_id: str
    title: str
    state: str  # scheduler.ExerciseState's value: new, tried, solved, due


STATE_WORDS = {"new": "new", "tried": "not solved yet", "solved": "solved", "due": "review due"}

Ref = TopicRef | ExerciseRef | None


def exercise_label(x: ExerciseRef, colours: dict[str, str], width: int) -> Text:
    label = Text("⌨ ", style="dim")
    label.append(fit(x.title, width - 2).ljust(width - 2))
    style = {"solved": "success", "due": "warning"}.get(x.state)
    label.append(f"  {STATE_WORDS.get(x.state, x.state)}", style=colours.get(style or "", "dim"))
    return label


class TopicTree(Tree[Ref]):
    """Enter on a topic posts ``TopicTree.Chosen``, on an exercise ``ExerciseChosen``; areas
    (and topics with exercises) fold and unfold with space, areas with Enter too."""

    DEFAULT_CSS = """
    TopicTree { height: 1fr; }
    """

    # Plain classes: a dataclass would compile its methods before the first paint.
    class Chosen(Message):
        def __init__(self, topic_id: str, templates: int) -> None:
            self.topic_id = topic_id
            self.templates = templates
            super().__init__()

    class ExerciseChosen(Message):
        def __init__(self, exercise_id: str) -> None:
            self.exercise_id = exercise_id
            super().__init__()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Curriculum", id=id)
        self.show_root = False
        self.guide_depth = 3
        self.auto_expand = False  # Enter on a topic practises it; areas are toggled below
        self._areas: dict[str, TreeNode[Ref]] = {}
        self._folded: set[str] = set()  # topics whose exercises the learner folded away
        self._topics: dict[str, TreeNode[Ref]] = {}
        self._last: (
            tuple[Curriculum, list[TopicProgress], list[ExerciseRef], Mapping[str, str]] | None
        ) = None
        self._width = 0

    def show_loading(self, text: str) -> None:
        self.clear()
        self._areas = {}
        self.root.add_leaf(Text(text, style="dim italic"), None)

    def set_progress(
        self,
        curriculum: Curriculum,
        progress: Sequence[TopicProgress],
        exercises: Sequence[ExerciseRef] = (),
        placed: Mapping[str, str] | None = None,
    ) -> None:
        """Rebuild the tree, keeping which areas are open and where the cursor is; each
        topic's coding exercises under it. ``placed``: topic id → its level in the latest
        placement (untested topics left out)."""
        placed = {t: level for t, level in (placed or {}).items() if level in PLACED}
        expanded = (
            {aid for aid, node in self._areas.items() if node.is_expanded} if self._areas else None
        )
        self._folded = {
            tid for tid, node in self._topics.items() if node.allow_expand and not node.is_expanded
        } | (self._folded - set(self._topics))
        cursor = self.cursor_node.data if self.cursor_node is not None else None
        cursor_area = next((a for a, n in self._areas.items() if n is self.cursor_node), None)
        by_id = {p.topic_id: p for p in progress}
        coding: dict[str, list[ExerciseRef]] = {}
        for x in exercises:
            coding.setdefault(x.topic_id, []).append(x)
        variables = self.app.get_css_variables()
        colours: dict[str, str] = {
            k: variables[k] for k in ("success", "primary", "warning") if k in variables
        }
        self._last = (curriculum, list(progress), list(exercises), placed)
        # Guides, cursor and scrollbar take about 8 cells; the stats need STATS_WIDTH.
        self._width = self.scrollable_content_region.width
        room = self._width or 80
        extra = PLACED_WIDTH if placed else 0
        width = max(16, min(TITLE_WIDTH, room - 8 - STATS_WIDTH - extra))
        self.clear()
        self._areas = {}
        self._topics = {}
        target = None
        for area in curriculum.areas:
            rows = [by_id[t.id] for t in area.topics if t.id in by_id]
            seen = sum(r.seen for r in rows)
            total = sum(r.templates for r in rows)
            label = Text(area.title, style="bold")
            if total:
                label.append(f"   {seen}/{total} seen", style="dim")
            # The first time, open the areas that have problems.
            expand = area.id in expanded if expanded is not None else total > 0
            node = self.root.add(label, None, expand=expand)
            self._areas[area.id] = node
            for row in rows:
                ref = TopicRef(row.topic_id, row.templates)
                under = coding.get(row.topic_id, [])
                mark = placed.get(row.topic_id, "") if placed else None
                # A topic with exercises is a node: its ▼ takes two cells from the title.
                label = topic_label(row, colours, width - 2 if under else width, mark)
                if under:
                    leaf = node.add(label, ref, expand=row.topic_id not in self._folded)
                    for x in under:
                        child = leaf.add_leaf(exercise_label(x, colours, width), x)
                        if isinstance(cursor, ExerciseRef) and cursor.exercise_id == x.exercise_id:
                            target = child
                else:
                    leaf = node.add_leaf(label, ref)
                self._topics[row.topic_id] = leaf
                if isinstance(cursor, TopicRef) and cursor.topic_id == row.topic_id:
                    target = leaf
        # clear() left the cursor on no row: the first row, unless it was on one kept here.
        # (Setting the line also lays the new rows out, which move_cursor needs: a node added
        # since has no line until then.)
        if self.root.children:
            self.cursor_line = 0
        target = target or self._areas.get(cursor_area or "")
        if target is not None:
            self.move_cursor(target)

    def on_resize(self) -> None:
        # Labels are laid out for a width: redo them when it changes.
        width = self.scrollable_content_region.width
        if self._last is not None and width != self._width:
            self._width = width
            self.set_progress(*self._last)

    @property
    def highlighted_topic(self) -> TopicRef | None:
        """The topic under the cursor (an exercise's topic, on an exercise)."""
        node = self.cursor_node
        data = node.data if node is not None else None
        if isinstance(data, ExerciseRef):
            parent = node.parent if node is not None else None
            return parent.data if parent is not None and isinstance(parent.data, TopicRef) else None
        return data

    @on(Tree.NodeSelected)
    def _selected(self, event: Tree.NodeSelected[Ref]) -> None:
        data = event.node.data
        if data is None:
            event.node.toggle()  # an area
            return
        event.stop()
        if isinstance(data, ExerciseRef):
            self.post_message(self.ExerciseChosen(data.exercise_id))
        else:
            self.post_message(self.Chosen(data.topic_id, data.templates))
