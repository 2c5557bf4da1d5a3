"""The footer does not leak (issue 13 item 25).

Textual 8.2.8's Footer keeps every FooterKey it ever made alive through a data-binding watcher
on itself; the practice screen refreshed its bindings ~65 times a problem. Our footer rebuilds
only when what it shows changes and drops the watchers of removed keys.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets._footer import FooterKey
from tui_helpers import answer, problem_screen, wait_until

import quizmath.tui
from quizmath.tui.widgets.footer import Footer

SIZE = (100, 30)


def detached_keys() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, FooterKey) and not o.is_attached)


class Bare(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+t", "hint", "Hint"),
        Binding("ctrl+n", "next", "Next"),
    ]
    allow_next = True

    def compose(self) -> ComposeResult:
        yield Footer()

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        return self.allow_next if action == "next" else True


async def test_refreshing_bindings_leaves_no_key_behind() -> None:
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        before = detached_keys()
        footer = app.query_one(Footer)
        for i in range(40):
            app.allow_next = i % 2 == 0  # half the refreshes change what is shown
            app.screen.refresh_bindings()
            await pilot.pause()
        assert footer.rebuilds >= 20
        assert detached_keys() - before < 5  # Textual's own Footer: one left per refresh


async def test_a_refresh_that_changes_nothing_rebuilds_nothing() -> None:
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        rebuilds = footer.rebuilds
        for _ in range(10):
            app.screen.refresh_bindings()
            await pilot.pause()
        assert footer.rebuilds == rebuilds
        app.allow_next = False
        app.screen.refresh_bindings()
        await wait_until(pilot, lambda: footer.rebuilds == rebuilds + 1)
        assert "Next" not in [k.description for k in app.query(FooterKey)]


async def test_practising_does_not_pile_up_footer_keys(make_app) -> None:
    app = make_app(template="tuifix.dot")
    async with app.run_test(size=SIZE) as pilot:
        screen = await problem_screen(pilot)
        counts = []
        for _ in range(6):
            p = screen.problem
            assert p is not None
            await answer(pilot, screen, "12345")  # wrong
            await answer(pilot, screen, p.typed_answer)
            await pilot.press("ctrl+n")
            await wait_until(pilot, lambda p=p: screen.problem not in (None, p))
            counts.append(detached_keys())
        assert counts[-1] - counts[1] < 10, counts


def test_every_screen_uses_the_footer_that_does_not_leak() -> None:
    root = Path(quizmath.tui.__file__).parent
    textual_footer = re.compile(r"from textual\.widgets import [^\n]*\bFooter\b")
    offenders = [
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if path.name != "footer.py" and textual_footer.search(path.read_text())
    ]
    assert offenders == []


class Fragile(Bare):
    calls = 0

    def check_action(self, action: str, parameters: tuple[Any, ...]) -> bool | None:
        self.calls += 1
        if self.calls == 1:  # as a check_action that queries a widget not mounted yet
            raise RuntimeError("not yet")
        return True


async def test_the_first_frame_has_the_keys_without_a_rebuild() -> None:
    # Textual's footer composed nothing until the screen reported its bindings, then rebuilt:
    # ~20 ms after home's first paint, before home was usable (issue 13 item 24).
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        assert [k.description for k in app.query(FooterKey)] == ["Hint", "Next", "palette"]
        assert footer.rebuilds == 0
    # A check_action that cannot answer at compose time: the keys come with the first report.
    fragile = Fragile()
    async with fragile.run_test() as pilot:
        await wait_until(pilot, lambda: len(fragile.query(FooterKey)) == 3)
        assert fragile.query_one(Footer).rebuilds == 1


async def test_a_rebuild_does_not_restyle_each_key() -> None:
    # Each key started compact (its default) and was then bound to the footer's value: two
    # restyles of every key on every build, on the way to the first paint too.
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        restyled: list[str] = []
        update_styles = app.update_styles

        def traced(node: Any = None, animate: bool = True) -> None:
            if isinstance(node, FooterKey) and "-command-palette" not in node.classes:
                restyled.append(node.description)  # (the palette key is restyled once anyway)
            update_styles(node, animate=animate)

        app.update_styles = traced  # type: ignore[method-assign]
        app.allow_next = False
        app.screen.refresh_bindings()
        await wait_until(pilot, lambda: footer.rebuilds == 1)
        await pilot.pause()
        assert restyled == []  # before: ["Hint", "Hint"]
        assert [k.has_class("-compact") for k in app.query(FooterKey)] == [False, True]
