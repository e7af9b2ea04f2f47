"""`shallow-tui --serve` in a real browser: Debian's Chromium, headless, driven by Playwright.

What a student gets: the terminal takes the keys on load (no click) with the footer filled; the page works
through a tunnel on another local port and with --host 0.0.0.0 (relative addresses); it asks nothing of any
host but the server; --max-sessions N turns the N+1th tab away with a page that says why; closing a tab
ends its app process. The screen is read from the bytes the page's websocket received, fed to a terminal
emulator (pyte; tests/tui/serving.py's Tab): xterm.js draws on a canvas, so the DOM holds no text.

.ci/run installs chromium (apt) and the test extra brings playwright and pyte, so CI runs all of this;
elsewhere a missing browser skips the module with the reason, never in CI (CI=true), where it fails.
"""
from __future__ import annotations

import importlib.util
import os
import time
from urllib.parse import urlsplit

import pytest

from tests.tui.serving import SLOW, VIEWPORT, ServedLab, Tab, Tunnel, chromium, launch


def _missing() -> str | None:
    if chromium() is None:
        return "no chromium on this machine (apt-get install chromium; .ci/run installs it)"
    for module in ("playwright", "pyte", "textual_serve"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install '.[test]')"
    return None


if _missing() and not os.environ.get("CI"):
    pytestmark = pytest.mark.skip(reason=_missing())


@pytest.fixture(scope="module")
def browser():
    if reason := _missing():  # only in CI: .ci/run should have installed it
        pytest.fail(f"CI must run the browser tests: {reason}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def lab():
    """The lab most tests share: every address of the machine, at most two sessions at once."""
    with ServedLab("--host", "0.0.0.0", "--max-sessions", "2", "--lang", "en") as served:
        served.wait_until_up()
        yield served
    assert "Traceback" not in served.output(), served.output()


def _wait_for_pids(lab: ServedLab, count: int, timeout: float = SLOW) -> list[int]:
    deadline = time.monotonic() + timeout
    while len(pids := lab.app_pids()) != count:
        assert time.monotonic() < deadline, f"{len(pids)} app processes, expected {count}"
        time.sleep(0.05)
    return pids


def _wait_for_sessions(lab: ServedLab, count: int) -> None:
    """``count`` app processes, and the server has counted the others out (it answers 200, not 503)."""
    _wait_for_pids(lab, count)
    deadline = time.monotonic() + SLOW
    while (status := lab.wait_until_up()[0]) != 200:
        assert time.monotonic() < deadline, f"GET / answers {status} with {count} sessions open"
        time.sleep(0.05)


def _only_from(tab: Tab, port: int) -> None:
    """Every request and websocket of the tab went to 127.0.0.1:port: nothing to another host, nothing absolute."""
    elsewhere = [url for url in tab.requests + tab.sockets if urlsplit(url).netloc != f"127.0.0.1:{port}"]
    assert not elsewhere, f"requests that did not go to the page's own address: {elsewhere}"


def test_keys_work_on_load_the_page_asks_no_other_host_and_closing_the_tab_ends_the_app(browser, lab):
    tab = Tab(browser, lab.url)
    try:
        tab.wait_for(lambda lines: "iter 0" in tab.status() and "space step" in lines[-1] and "quit" in lines[-1],
                     "the status at iteration 0 and the footer's keys")  # no click: the page focused the terminal
        assert tab.page.evaluate("document.activeElement.classList.contains('xterm-helper-textarea')")
        tab.page.keyboard.press("Space")
        tab.wait_for(lambda lines: tab.iteration() == 1, "iter 1 after space")
        tab.page.keyboard.press("z")
        tab.wait_for(lambda lines: "iter 0" in tab.status() and "init zeros" in tab.status()
                     and "frozen" in tab.status(), "a zero reset after z")
        tab.page.keyboard.press("r")
        tab.wait_for(lambda lines: tab.iteration() >= 20, "the run going after r")
        tab.page.keyboard.press("r")
        _only_from(tab, lab.port)
        [app] = _wait_for_pids(lab, 1)
    finally:
        tab.close()
    closed = time.monotonic()
    while app in lab.app_pids():
        assert time.monotonic() - closed < 5, "the app outlived its tab by 5 s"
        time.sleep(0.02)
    _wait_for_sessions(lab, 0)


def test_the_page_works_through_a_tunnel_on_another_local_port(browser, lab):
    tunnel = Tunnel(lab.port)  # ssh -L <other port>:127.0.0.1:<lab port>
    tab = Tab(browser, f"http://127.0.0.1:{tunnel.port}/")
    try:
        tab.wait_for(lambda lines: "iter 0" in tab.status() and "space step" in lines[-1], "the first frame")
        tab.page.keyboard.press("Space")
        tab.wait_for(lambda lines: tab.iteration() == 1, "iter 1 after space")
        _only_from(tab, tunnel.port)
        assert tab.sockets == [f"ws://127.0.0.1:{tunnel.port}/ws?" + urlsplit(tab.sockets[0]).query]
        assert tunnel.connections >= 2 and tunnel.bytes > 10_000  # the page and the terminal's websocket
    finally:
        tab.close()
        tunnel.close()
    _wait_for_sessions(lab, 0)


def test_max_sessions_turns_the_next_tab_away_with_a_page_that_says_why(browser, lab):
    first = Tab(browser, lab.url)
    second = refused = late = None
    try:
        first.wait_for_text("units distinct")
        # A tab that gets the page while a place is free but opens its websocket once there is none: its
        # textual.js is held back until the second tab has taken the last place.
        late = browser.new_context(viewport=VIEWPORT)
        late_page = late.new_page()
        held = []
        late_page.route("**/static/js/textual.js", lambda route: held.append(route), times=1)
        late_page.goto(lab.url, wait_until="commit")
        deadline = time.monotonic() + SLOW
        while not held:  # the page came (its script is asked for): it was served while a place was free
            assert time.monotonic() < deadline, "the page did not ask for textual.js"
            late_page.wait_for_timeout(20)
        second = Tab(browser, lab.url)
        second.wait_for_text("units distinct")
        _wait_for_pids(lab, 2)
        held[0].continue_()
        late_page.wait_for_selector("#why", timeout=SLOW * 1000)  # the socket was refused and sent the tab to ./
        assert "every place is taken" in late_page.text_content("#why")

        refused = Tab(browser, lab.url)  # a third tab
        assert refused.response.status == 503
        why = refused.page.text_content("#why")
        assert "at most 2 at the same time (--max-sessions 2)" in why and "every place is taken now" in why
        assert "This lab server is full" in refused.page.text_content("h1")
        _only_from(refused, lab.port)
        assert len(lab.app_pids()) == 2

        first.close()
        _wait_for_sessions(lab, 1)
        refused.page.get_by_role("link", name="Try again").click()  # a place is free: the same tab gets a session
        refused.wait_for(lambda lines: "iter 0" in refused.status() and "space step" in lines[-1], "a session")
        refused.page.keyboard.press("Space")
        refused.wait_for(lambda lines: refused.iteration() == 1, "iter 1 after space")
    finally:
        for tab in (first, second, refused, late):
            if tab is not None:
                tab.close()
    _wait_for_sessions(lab, 0)
    assert lab.output().count("turned a browser away") == 2  # the late tab and the third, on the console


def test_the_refusal_is_in_korean_with_lang_ko(browser):
    with ServedLab("--max-sessions", "1", "--lang", "ko") as lab:
        lab.wait_until_up()
        first = Tab(browser, lab.url)
        second = None
        try:
            first.wait_for(lambda lines: "units distinct" in first.status() and "끝내기" in lines[-1],
                           "the Korean footer")  # the status bar's contract words stay English
            second = Tab(browser, lab.url)
            assert second.response.status == 503
            assert second.page.evaluate("document.documentElement.lang") == "ko"
            assert "이 실습 서버는 가득 찼습니다" in second.page.text_content("h1")
            assert "동시에 최대 1개까지" in second.page.text_content("#why")
        finally:
            for tab in (first, second):
                if tab is not None:
                    tab.close()
        _wait_for_pids(lab, 0)
    assert "브라우저 접속을 거절했습니다" in lab.output()
