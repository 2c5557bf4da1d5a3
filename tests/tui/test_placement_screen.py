"""Pilot tests of the placement screen over the fixture bank (vectors, matrices, eigen and
derivatives have templates): a learner who knows linear algebra, stopping early, unreadable
answers; the map on the curriculum tree, here and on home."""

from __future__ import annotations

from textual.widgets import Input
from tui_helpers import wait_until

from quizmath.tui.screens.home import HomeScreen
from quizmath.tui.screens.placement import PlacementScreen
from quizmath.tui.widgets.topic_tree import TopicTree

SIZE = (100, 34)


async def placement_screen(pilot) -> PlacementScreen:  # type: ignore[no-untyped-def]
    app = pilot.app
    await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen) and app.bank is not None)
    await pilot.press("p")
    await wait_until(pilot, lambda: isinstance(app.screen, PlacementScreen))
    screen = app.screen
    await wait_until(pilot, lambda: screen.probe is not None and not screen.busy)
    return screen


async def next_question(pilot, screen: PlacementScreen, number: int) -> None:  # type: ignore[no-untyped-def]
    await wait_until(
        pilot,
        lambda: (
            screen.result is not None
            or (screen.probe is not None and screen.probe.ask.number == number and not screen.busy)
        ),
    )


def tree_lines(tree: TopicTree) -> list[str]:
    return [str(leaf.label) for area in tree.root.children for leaf in area.children]


async def test_a_linear_algebra_learner_is_placed_and_the_map_is_on_the_tree(
    make_app, rows
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await placement_screen(pilot)
        number = 1
        while screen.result is None:
            probe = screen.probe
            assert probe is not None
            if probe.problem.topic.startswith("linear-algebra/"):
                screen.query_one("#answer", Input).value = probe.problem.typed_answer
                await pilot.press("enter")
            else:
                await pilot.press("ctrl+g")
            number += 1
            await next_question(pilot, screen, number)
        m = screen.result.map
        assert (m.questions, m.complete) == (4, True)
        levels = {t.topic: str(t.level) for t in m.topics}
        assert levels == {
            "linear-algebra/vectors": "known",
            "linear-algebra/matrices": "known",
            "linear-algebra/eigen": "known",
            "calculus/derivatives": "new",
        }
        tree = screen.query_one(TopicTree)
        assert tree.display
        lines = tree_lines(tree)
        assert any("Vectors and the dot product" in x and "known" in x for x in lines)
        assert any("Derivatives and the chain rule" in x and " new " in x for x in lines)
        assert "Continue starts with: Derivatives" in str(screen.query_one("#pl-status").render())
        assert screen.active_bindings["escape"].binding.description == "Home"
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))
        home_tree = app.screen.query_one(TopicTree)
        await wait_until(pilot, lambda: any("known" in x for x in tree_lines(home_tree)))
    assert rows("SELECT count(*), sum(mode = 'placement') FROM attempts") == [(4, 4)]
    assert rows("SELECT questions, right, complete FROM placements") == [(4, 3, 1)]
    assert rows("SELECT count(*) FROM cards WHERE key LIKE 'template:tuifix.%'") == [(4,)]


async def test_unreadable_answers_are_not_counted_and_escape_stops_early(make_app, rows) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await placement_screen(pilot)
        box = screen.query_one("#answer", Input)
        assert screen.active_bindings["escape"].binding.description == "Stop"
        box.value = "3 +"
        await pilot.press("enter")
        await wait_until(pilot, lambda: not screen.busy)
        assert "Could not read that; not counted. The answer is incomplete" in str(
            screen.query_one("#reading").render()
        )
        assert screen.probe is not None and screen.probe.ask.number == 1
        assert box.value == "3 +"  # kept, to edit
        assert rows("SELECT count(*) FROM attempts") == [(0,)]  # not counted
        await pilot.press("ctrl+g")  # don't know: counted
        await next_question(pilot, screen, 2)
        await pilot.press("escape")
        await wait_until(pilot, lambda: screen.result is not None)
        assert not screen.result.map.complete and screen.result.map.questions == 1
        assert "from 1 question (stopped early" in str(screen.query_one("#pl-status").render())
    assert rows("SELECT count(*), sum(verdict = 'skipped') FROM attempts") == [(1, 1)]
    assert rows("SELECT complete FROM placements") == [(0,)]


async def test_quizmath_placement_opens_on_it_over_home(db_path) -> None:
    import random

    from conftest import INTERVIEWS, NOW, TEMPLATES, StepClock

    from quizmath.core.storage import Storage
    from quizmath.tui.app import QuizApp
    from quizmath.tui.services import Services, StartSpec, in_process_checker

    with Storage.open(db_path) as storage:
        services = Services(
            storage,
            bank_paths=[TEMPLATES],
            interview_paths=[INTERVIEWS],
            checker_factory=in_process_checker,
            fuzzing=False,
            now=lambda: NOW,
            rng=random.Random(7),
            clock=StepClock(),
        )
        app = QuizApp(services, StartSpec(placement=True))
        async with app.run_test(size=SIZE) as pilot:
            await wait_until(pilot, lambda: isinstance(app.screen, PlacementScreen))
            screen = app.screen
            await wait_until(pilot, lambda: screen.probe is not None)
            await pilot.press("escape")
            await wait_until(pilot, lambda: screen.result is not None)
            await pilot.press("escape")
            await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen))


async def test_help_says_how_placement_goes_and_how_to_type_the_answer(make_app) -> None:
    from quizmath.tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await placement_screen(pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        titles = [s.title for s in screen.help_sections()]
        assert titles == ["How to type this answer", "How placement goes"]
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.probe is not None and screen.result is None  # help stopped nothing


class MakesProblems:
    """A checker with a worker that makes problems (as the checking service): records them."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self, kind, expected, submitted, **kw):  # type: ignore[no-untyped-def]
        from quizmath.core.answers import check

        return check(kind, expected, submitted, **kw)

    def generate(self, template, seed):  # type: ignore[no-untyped-def]
        from quizmath.core.bank.generate import generate

        self.made.append(f"{template.id}@{seed}")
        return generate(template, seed)


async def test_placement_questions_are_made_by_the_checking_service(make_app) -> None:
    # issue 13 item 25: made in the app's process, a question could import sympy into it
    worker = MakesProblems()
    app = make_app(checker=lambda _on_fallback: worker)
    async with app.run_test(size=SIZE) as pilot:
        screen = await placement_screen(pilot)
        assert screen.probe is not None
        assert worker.made == [screen.probe.problem.ref]
