"""Layouts: one panel at 80×24, two on wide-but-short or tall-but-narrow terminals, all four from 110×34,
and a clear message below the minimum size; status, explanation and footer always on screen."""
from __future__ import annotations

import pytest

from tests.tui.conftest import screen_lines, status_text
from tui.widgets.status import Part, fit_line


def shown_panels(app) -> list[str]:
    return [p.id for p in app.query(".panel") if p.display]


def assert_inside_and_disjoint(app, widgets) -> None:
    width, height = app.size
    regions = [w.region for w in widgets]
    for widget, region in zip(widgets, regions):
        assert region.width > 0 and region.height > 0, widget
        assert region.right <= width and region.bottom <= height, widget
    for i, a in enumerate(regions):
        for b in regions[i + 1:]:
            assert not a.overlaps(b)


async def test_80x24_shows_one_panel_and_every_bar(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert shown_panels(app) == ["net"]
        bars = [app.query_one(s) for s in ("#title", "#net", "#status", "#explanation", "Footer")]
        assert_inside_and_disjoint(app, bars)
        assert app.query_one("Footer").region.bottom == 24
        assert "1 of 4 units distinct" not in status_text(app)  # random init: 4 of 4
        assert "4 of 4 units distinct" in status_text(app)


@pytest.mark.parametrize("size", [(160, 48), (120, 40)])
async def test_large_terminals_show_all_four_panels(make_app, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert shown_panels(app) == ["net", "weights", "loss", "boundary"]
        widgets = [app.query_one(f"#{i}") for i in ("title", "net", "weights", "loss", "boundary", "status",
                                                     "explanation")]
        assert_inside_and_disjoint(app, widgets)
        boundary = app.query_one("#boundary")
        for _ in range(100):  # the pictures are drawn in the screen update after the first (slower when loaded)
            if "●" in boundary.picture_text():
                break
            await pilot.pause()
        # the colour field fills the panel: one text line per content row, one cell per column
        lines = boundary.picture_text().split("\n")
        assert len(lines) == boundary.content_size.height
        assert {len(line) for line in lines} == {boundary.content_size.width}
        assert "●" in boundary.picture_text() and "○" in boundary.picture_text()


async def test_wide_but_short_shows_a_pair(make_app):
    app = make_app()
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.press("4")
        assert shown_panels(app) == ["loss", "boundary"]
        await pilot.press("2")
        assert shown_panels(app) == ["net", "weights"]


async def _footer_row(app, pilot) -> str:
    """The screen's last row once the footer has composed its keys for this width (after a refresh)."""
    from textual.widgets._footer import FooterKey

    for _ in range(200):
        await pilot.pause()
        row = screen_lines(app)[-1]
        keys = [key for key in app.query(FooterKey) if key.display and key.region.width]
        if "?" in row and keys and all(key.region.right <= app.size.width for key in keys):
            return row
    raise AssertionError(f"the footer never showed its keys: {screen_lines(app)[-1]!r}")


def highlighted_tabs(app) -> list[str]:
    """The header's tabs drawn in reverse video, as the terminal shows them (row 0 of the screen)."""
    strips = app.screen._compositor.render_strips()
    return [segment.text.strip() for segment in strips[0] if segment.style and segment.style.reverse]


@pytest.mark.parametrize("size, keys, highlighted", [
    ((80, 24), "", ["[1]net"]),
    ((80, 24), "2", ["[2]weights"]),
    ((80, 24), "3", ["[3]loss"]),
    ((80, 24), "4", ["[4]boundary"]),
    ((80, 24), "341", ["[1]net"]),
    ((120, 24), "4", ["[3]loss", "[4]boundary"]),  # a pair on screen: both its tabs
    ((160, 48), "3", []),  # all four on screen: nothing to choose
])
async def test_the_headers_tabs_follow_the_panel_keys(make_app, size, keys, highlighted):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert highlighted_tabs(app) == highlighted


@pytest.mark.parametrize("language", ["en", "ko"])
async def test_the_footer_offers_the_lesson_and_the_inits_and_the_first_screen_mentions_the_lesson(make_app,
                                                                                                   language):
    """Issue 12, point 5: the footer never showed g, nothing on the first screen mentioned the lesson, and i
    (the one key to the lecture's constant init) was not offered either."""
    from textual.widgets._footer import FooterKey

    from tests.tui.conftest import explanation_text
    from tui import i18n

    i18n.set_language(language)
    try:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            footer = await _footer_row(app, pilot)
            for key, action in (("g", "key.lesson"), ("i", "key.next_init"), ("?", "key.help"),
                                ("c", "key.compare"), ("z", "key.zeros"), ("x", "key.random")):
                assert f"{key} {i18n.t(action)}" in footer, (key, footer)
            assert all(k.region.right <= 80 for k in app.query(FooterKey) if k.display)
            assert "g" in explanation_text(app) and "9" in explanation_text(app)  # where the lesson is
            await pilot.press("space")
            await pilot.pause()
            assert i18n.t("first_screen.lesson", steps=9) not in explanation_text(app)  # the first screen only
            await pilot.press("i", "i", "i", "i")  # random → xavier → he → zeros → constant
            await pilot.pause()
            assert app.config.init == "constant"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("width", [20, 40, 60, 61, 70, 80, 90, 100, 120])
async def test_the_footer_fits_its_keys_to_the_width_help_first(width):
    from textual.widgets._footer import FooterKey

    from tui.widgets.key_footer import FOOTER_PRIORITY, fitted, key_width

    keys = [FooterKey(key, key, description, action) for key, description, action in (
        ("space", "step", "step"), ("←", "back", "back"), ("r", "run", "toggle_run"), ("z", "zeros", "zeros"),
        ("x", "random", "random"), ("i", "next init", "cycle_init(1)"), ("c", "compare", "compare"),
        ("g", "lesson", "lesson"), ("?", "help", "help"), ("q", "quit", "quit"))]
    kept = fitted(keys, width)
    assert "help" in [key.action for key in kept]
    assert sum(map(key_width, kept)) <= width or len(kept) == 1
    left_out = [key.action for key in keys if key not in kept]
    ranks = [FOOTER_PRIORITY.index(action) for action in [k.action for k in kept]]
    assert all(FOOTER_PRIORITY.index(action) > max(ranks) for action in left_out)  # the least important left
    assert [key for key in keys if key in kept] == kept  # in binding order


async def test_too_small_says_enlarge_then_recovers(make_app):
    from tui.screens.too_small import TooSmallScreen

    app = make_app()
    async with app.run_test(size=(40, 10)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        assert "enlarge" in str(app.screen.query_one("#too-small").render())
        await pilot.press("space", "z")  # nothing acts below the minimum (z used to reset the run)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not isinstance(app.screen, TooSmallScreen)
        assert shown_panels(app) == ["net"]
        assert "iter 0 " in status_text(app) and app.trainer.iteration == 0


def _state(app) -> tuple:
    """Everything the keys could change: the main run, and the run(s) of the screen on top of it."""
    from tui.compare import CompareScreen
    from tui.lesson.screen import LessonScreen

    state = [type(s).__name__ for s in app.screen_stack], app.trainer.iteration, app.config, app.stride
    for screen in app.screen_stack:
        if isinstance(screen, CompareScreen):
            state += tuple((run.trainer.iteration, run.config) for run in screen.runs())
        if isinstance(screen, LessonScreen):
            state += (screen.index, screen.run.trainer.iteration, screen.run.config, screen.stride)
    return state


BURST = ("z", "x", "space", "right", "left", "r", "c", "g", "question_mark", "f1", "right_square_bracket",
         "plus", "i", "d", "s", "a", "n", "1", "3", "tab", "escape", "ctrl+p", "ctrl+s", "e", "enter")


@pytest.mark.parametrize("opened_with", ["", "c", "g", "question_mark", "ctrl+p"])
async def test_below_the_minimum_every_screen_says_enlarge_and_no_key_acts(make_app, opened_with, tmp_path,
                                                                           monkeypatch):
    """Issue 12, point 10: at 40×12 keys still acted behind the message (z reset the run), and c and g opened
    compare mode and the lesson, drawn truncated. Whatever screen is up, the message covers it, and the run,
    compare's runs, the lesson's step and run stay as they were; growing back shows the same screen again."""
    from tui.screens.too_small import TooSmallScreen

    monkeypatch.chdir(tmp_path)  # ctrl+s and e would write files here
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", *([opened_with] if opened_with else []))
        await pilot.pause()
        before, top = _state(app), type(app.screen)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        text = " ".join("\n".join(screen_lines(app)).split())
        assert "enlarge" in text and "40×12" in text
        await pilot.press(*BURST)
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen) and _state(app)[1:] == before[1:]
        await pilot.resize_terminal(60, 16)
        await pilot.pause()
        assert type(app.screen) is top and _state(app) == before
        assert not list(tmp_path.iterdir())  # no screenshot, no export


@pytest.mark.parametrize("opened_at", [(60, 16), (120, 40)])
async def test_at_the_minimum_help_is_in_sight_and_reachable_on_every_screen(make_app, opened_at):
    """Issue 12, point 10: at 60×16 the footer was cut so that "? help" disappeared (compare's key line had
    none, the lesson's scrolled out of sight). Opened there, or shrunk to it."""
    from textual.widgets._footer import FooterKey

    from tui.screens.help import HelpScreen

    app = make_app()
    async with app.run_test(size=opened_at) as pilot:
        await _footer_row(app, pilot)
        await pilot.resize_terminal(60, 16)
        await _footer_row(app, pilot)  # the footer fits itself again after the resize's refresh
        shown = [key for key in app.query(FooterKey) if key.display]
        assert [key for key in shown if key.action == "help" and key.region.right <= 60 and key.region.width]
        assert all(key.region.right <= 60 for key in shown)
        assert "? help" in screen_lines(app)[-1]
        for opener, where in (("c", "#cmp-keys"), ("g", "#lesson-box")):
            await pilot.press(opener)
            await pilot.pause()
            lines = screen_lines(app)
            widget = app.screen.query_one(where)
            edge = lines[widget.region.bottom - 1]  # the key line, or the box's lower edge
            assert "? help" in edge, edge
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape", "escape")
            await pilot.pause()
        assert len(app.screen_stack) == 1


async def test_resizing_from_small_to_large_redraws_all_panels(make_app):
    app = make_app(init="zeros")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await pilot.resize_terminal(160, 48)
        await pilot.pause()
        assert shown_panels(app) == ["net", "weights", "loss", "boundary"]
        assert "iter 1" in app.query_one("#weights").border_title


async def test_64_hidden_units_scroll_instead_of_breaking(make_app):
    app = make_app(hidden=64)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "2")
        weights = app.query_one("#weights")
        assert weights.max_scroll_y > 0
        assert "64 of 64 units distinct" in status_text(app)


async def test_no_color_shows_every_panel_without_crashing(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # textual then greys every colour through a monochrome filter
    app = make_app(init="zeros", hidden=2)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("space", "2", "3", "4", "1", "x", "space", "4"):
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running
        assert "○" in app.query_one("#boundary").picture_text()  # classes read without colour
        assert "2 of 2 units distinct" in str(app.query_one("#status").render())


# -- notifications (toasts; Pilot leaves them out unless asked) -------------------------------------------
async def _rows_with_newest_toast(app, pilot) -> list[str]:
    """The screen's rows once the newest notification's toast is laid out."""
    from textual.widgets._toast import Toast

    for _ in range(100):
        await pilot.pause()
        newest = list(app._notifications)[-1:]
        toasts = [toast for toast in app.screen.query(Toast) if toast._notification in newest]
        if toasts and toasts[0].region.height:
            return screen_lines(app)
    raise AssertionError("the newest toast never showed")


async def _assert_toasts_leave_rows_alone(app, pilot, selectors: tuple[str, ...], words: str) -> None:
    """With the toasts up, the rows of the widgets ``selectors`` read exactly as they do with no toast, and
    the newest toast is on screen (its text is), so this fails where a toast covers one of those rows."""
    from textual.widgets._toast import Toast

    with_toasts = await _rows_with_newest_toast(app, pilot)
    assert any(words in row for row in with_toasts)  # drawn, not just mounted
    widgets = [app.screen.query_one(selector) for selector in selectors]
    toast_regions = [toast.region for toast in app.screen.query(Toast)]
    app.clear_notifications()
    for _ in range(100):
        await pilot.pause()
        if not app.screen.query(Toast):
            break
    without = screen_lines(app)
    for widget in widgets:
        region = widget.region
        assert region.height > 0, widget
        assert not any(region.overlaps(toast) for toast in toast_regions), widget
        for y in range(region.y, region.bottom):
            assert with_toasts[y] == without[y], (widget, y)


@pytest.mark.parametrize("size", [(80, 24), (60, 16), (120, 40)])
async def test_notifications_never_cover_the_status_explanation_or_footer(make_app, size):
    app = make_app(init="constant")
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("x", "z", "i")  # a burst: the newest toast ("init constant") is the one to see
        rows = await _rows_with_newest_toast(app, pilot)
        status = app.query_one("#status").region
        assert "1 of 4 units distinct" in "".join(rows[status.y:status.bottom])
        await _assert_toasts_leave_rows_alone(app, pilot, ("#title", "#status", "#explanation", "Footer"),
                                              "init constant:")  # the toast, not the status bar


async def test_notifications_in_compare_mode_leave_both_status_lines_and_the_keys(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("c", "z")
        await _assert_toasts_leave_rows_alone(app, pilot, ("#cmp-title", "#cmp-status-A", "#cmp-status-B",
                                                          "#cmp-keys"), "side A: zeros;")


async def test_notices_in_the_lesson_sit_in_its_text_box_never_over_the_panel(make_app):
    """Issue 12, point 7: a toast covered the live panel the step asks the student to watch; the notice now
    takes the key line's place in the text box, and the panel's rows stay exactly as they were."""
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        panel = screen.query_one("#lesson-panels").region
        before = screen_lines(app)
        await pilot.press("p")  # p on the first step: "this is the first step"
        await pilot.pause()
        after = screen_lines(app)
        box = screen.query_one("#lesson-box").region
        assert any("▸ this is the first step" in row for row in after[box.y:box.bottom])
        assert not screen.query(Toast) and not app._notifications
        assert after[panel.y:panel.bottom] == before[panel.y:panel.bottom]
        screen.clear_notice()  # as its timer does
        await pilot.pause()
        assert screen_lines(app) == before  # the key line is back


def test_a_one_line_status_keeps_the_contract_words_and_the_extras_that_fit_most_important_first():
    parts = [Part("iter 5", "bold"), Part("acc 50.0%", "", True), Part("init zeros", ""), Part("tanh", "", True)]
    assert fit_line(parts, 40).plain == "iter 5 · acc 50.0% · init zeros · tanh"
    assert fit_line(parts, 31).plain == "iter 5 · acc 50.0% · init zeros"
    assert fit_line(parts, 26).plain == "iter 5 · init zeros"  # no acc: nor the less important tanh
    assert fit_line(parts, 25).plain == "iter 5 · init zeros"
    assert fit_line(parts, 12).plain == "iter 5 · in…"  # narrower than the contract's words: cut


async def test_a_notice_belongs_to_the_step_and_screen_that_raised_it(make_app):
    """Issue 12, point 7: after i on lesson step 8, its "now he 1 · tanh · n_h 32 …" notice stayed over step
    9's chart after n. A step change, and a change of screen, now take the old notices away."""
    from textual.widgets._toast import Toast

    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.press("z")  # a notice on the main screen …
        await pilot.pause()
        assert app._notifications
        await pilot.press("g")  # … is not carried into the lesson
        await pilot.pause()
        screen = app.screen
        assert not app._notifications and not screen.query(Toast) and screen.notice is None
        screen.go_to(7)
        await pilot.press("i")
        await pilot.pause()
        assert screen.notice and screen.notice[0].startswith("now xavier 1 · tanh · n_h 8,8,8")
        await pilot.press("n")
        await pilot.pause()
        assert screen.step_info.number == 9 and screen.notice is None
        assert not any("now he" in row for row in screen_lines(app))
        await pilot.press("i", "c")  # a step 9 notice, then compare mode: the notice stays with the lesson
        await pilot.pause()
        assert not app._notifications and not app.screen.query(Toast)
        await pilot.press("z")  # a compare-mode notice (a toast) …
        await pilot.pause()
        assert app._notifications
        await pilot.press("escape")  # … goes when compare mode does
        await pilot.pause()
        assert app.screen is screen and screen.notice is None and not app._notifications
