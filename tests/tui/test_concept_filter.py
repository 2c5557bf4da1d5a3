"""The concept list (every page of the bank, 44+) filters as one types (issue 13 item 16):
every word typed must be part of a page's title or slug; ↑/↓ move, Enter opens the highlighted
page, Esc clears the filter and, on an empty filter, goes back."""

from __future__ import annotations

from textual.widgets import Input, OptionList
from tui_helpers import wait_until

from quizmath.tui.screens.concept import ConceptScreen
from quizmath.tui.screens.concept_index import ConceptIndexScreen
from quizmath.tui.screens.home import HomeScreen

SIZE = (80, 24)


def shown(screen: ConceptIndexScreen) -> list[str]:
    listing = screen.query_one(OptionList)
    return [listing.get_option_at_index(i).id or "" for i in range(listing.option_count)]


async def concept_index(pilot) -> ConceptIndexScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_until(pilot, lambda: app.bank is not None and isinstance(app.screen, HomeScreen))
    await pilot.press("k")
    await wait_until(pilot, lambda: isinstance(app.screen, ConceptIndexScreen))
    screen = app.screen
    assert isinstance(screen, ConceptIndexScreen)
    return screen


async def test_typing_narrows_the_list_and_enter_opens_the_highlighted_page(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await concept_index(pilot)
        every = shown(screen)
        assert len(every) == len(screen.pages) >= 44
        await pilot.press(*"deriv")  # typed straight away: the filter has the focus
        narrowed = shown(screen)
        assert "derivatives" in narrowed and "eigen" not in narrowed
        assert 1 < len(narrowed) < 10 and screen.sub_title.endswith(
            f"{len(narrowed)} of {len(every)}"
        )
        await pilot.press(*" ML")  # every word must match, in any case
        assert shown(screen) == ["ml-derivatives"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConceptScreen))
        assert app.screen.page.slug == "ml-derivatives"


async def test_arrows_move_the_highlight_while_typing(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await concept_index(pilot)
        await pilot.press(*"deriv")
        second = shown(screen)[1]
        await pilot.press("down")
        assert screen.focused is screen.query_one(Input)  # still typing
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ConceptScreen))
        assert app.screen.page.slug == second


async def test_escape_clears_the_filter_then_goes_back(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await concept_index(pilot)
        total = len(shown(screen))
        await pilot.press(*"zzq")
        assert shown(screen) == [] and not screen.query_one(OptionList).display
        assert "No page matches 'zzq'" in str(screen.query_one("#concept-none").render())
        await pilot.press("enter")  # nothing to open
        assert app.screen is screen
        await pilot.press("escape")
        assert screen.query_one(Input).value == "" and len(shown(screen)) == total
        assert app.screen is screen
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_a_letter_typed_on_the_list_goes_to_the_filter(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await concept_index(pilot)
        screen.query_one(OptionList).focus()  # a click or Tab put the focus on the list
        await pilot.pause()
        await pilot.press(*"eigen")
        assert screen.query_one(Input).value == "eigen" and shown(screen) == ["eigen"]
