"""Fixtures for the app's Pilot tests: an app on a given config, run at a given terminal size."""
from __future__ import annotations

import pytest

from engine.config import Config


@pytest.fixture(autouse=True)
def lesson_without_questions(monkeypatch):
    """The lesson asks each step's question on its first visit, in a modal over the step (tui/lesson/quiz.py).
    Tests of the rest of the lesson go straight to its run; tests of the questions take ``asking``."""
    from tui.lesson.screen import LessonScreen

    monkeypatch.setattr(LessonScreen, "ASKS", False)


@pytest.fixture
def asking(lesson_without_questions, monkeypatch):
    """The lesson asks its questions, as it does for a student."""
    from tui.lesson.screen import LessonScreen

    monkeypatch.setattr(LessonScreen, "ASKS", True)


@pytest.fixture
def make_app():
    from tui.app import ShallowApp

    def make(**settings) -> ShallowApp:
        return ShallowApp(Config(**settings))

    return make


def status_text(app) -> str:
    return str(app.query_one("#status").render())


def explanation_text(app) -> str:
    return str(app.query_one("#explanation").render())


def notifications(app) -> list[str]:
    return [n.message for n in app._notifications]


def screen_lines(app) -> list[str]:
    """The characters on screen, one string per row (wide characters once, as a terminal shows them)."""
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


async def palette_pick(app, pilot, query: str) -> None:
    """ctrl+p, enter ``query``, wait until the background search lists a hit containing it, take the first."""
    from textual.command import CommandInput, CommandList

    await pilot.press("ctrl+p")
    await pilot.pause()
    app.screen.query_one(CommandInput).value = query
    hits = app.screen.query_one(CommandList)
    for _ in range(200):
        await pilot.pause(0.02)
        if hits.option_count and query.lower() in str(hits.get_option_at_index(0).prompt).lower():
            break
    else:
        raise AssertionError(f"the palette found no {query!r}")
    await pilot.press("enter")
    await pilot.pause()
