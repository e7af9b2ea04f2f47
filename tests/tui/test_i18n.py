"""One translation table for every user-visible string (issue 4), in English and Korean.

Three guards, from cheap to thorough:
- the table itself: every English key has a Korean text with the same {placeholders}; the contract words
  are the same in both; the chart's labels are plain ASCII (plotext lays out characters, not cells);
- the source: string literals handed straight to the places that show text (notify, Static, update,
  border titles, Binding descriptions, palette commands, chart labels) are refused unless they are table keys;
- the screen: in Korean, every English word visible on the main screen, the help, the palette, compare
  mode and the lesson must come from the Korean table (or be a data set / activation / init name).
"""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from rich.cells import cell_len

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config
from tests.tui.conftest import screen_lines
from tui import i18n

TUI = Path(__file__).resolve().parents[2] / "tui"


@pytest.fixture
def korean():
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# -- the table --------------------------------------------------------------------------------------------
def test_every_english_key_has_a_korean_text_with_the_same_placeholders():
    missing = set(i18n.EN) - set(i18n.KO)
    assert not missing
    assert not set(i18n.KO) - set(i18n.EN), "a Korean key nobody looks up"
    for key, text in i18n.EN.items():
        assert _fields(text) == _fields(i18n.KO.get(key, text)), key


def test_contract_words_and_chart_labels_are_the_same_in_korean():
    for key in i18n.CONTRACT + i18n.CHART:
        assert i18n.KO[key] == i18n.EN[key], key
    for key in i18n.CHART:
        assert i18n.KO[key].isascii(), key  # plotext counts characters: Hangul would break the frame
    assert sum("\uac00" <= ch <= "\ud7a3" for ch in "".join(i18n.KO.values())) > 1000  # it is Korean


# -- the source -------------------------------------------------------------------------------------------
TEXT_CALLS = {"notify", "Static", "update", "SystemCommand", "xlabel", "ylabel", "append", "Text"}
TEXT_KEYWORDS = {"help", "placeholder", "description", "tooltip"}  # and label= of a plot, title= of a toast
CALL_KEYWORDS = {"plot": {"label"}, "notify": {"title"}}
TEXT_ATTRIBUTES = {"border_title", "border_subtitle"}


def _words(node: ast.AST) -> str:
    """The letters a literal would put on screen ('' for a non-literal or a table key)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return "" if node.value in i18n.EN else node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return ""


NAMES = set(DATASETS + ACTIVATIONS + INIT_SCHEMES) | {"db"}  # option values and db2: the same in every language


def _is_text(literal: str) -> bool:
    return bool(set(re.findall(r"[A-Za-z_]{2,}", literal)) - NAMES)


def _literals_outside_the_table(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            arguments = []
            if name in TEXT_CALLS and node.args:
                arguments.append(node.args[0])
            if name == "Binding" and len(node.args) >= 3:
                arguments.append(node.args[2])
            if name in ("Hit", "DiscoveryHit") and len(node.args) >= 4:
                arguments.append(node.args[3])
            keywords = TEXT_KEYWORDS | CALL_KEYWORDS.get(name, set())
            arguments += [kw.value for kw in node.keywords if kw.arg in keywords]
            found += [(node.lineno, _words(a)) for a in arguments if _is_text(_words(a))]
        if isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Attribute) and target.attr in TEXT_ATTRIBUTES and _is_text(_words(node.value)):
                    found.append((node.lineno, _words(node.value)))
        if isinstance(node, (ast.Yield, ast.Return)) and isinstance(node.value, ast.Tuple):
            # palette commands are yielded as (name, callback, help)
            found += [(node.lineno, _words(e)) for e in node.value.elts[:1] if _is_text(_words(e))]
    return found


def test_no_user_visible_literal_outside_the_table():
    offenders = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "i18n.py":
            continue
        for line, literal in _literals_outside_the_table(ast.parse(path.read_text(), str(path))):
            offenders.append(f"{path.relative_to(TUI.parent)}:{line}: {literal!r}")
    assert not offenders, "put these in tui/i18n.py and call t():\n" + "\n".join(offenders)


def test_the_source_check_sees_a_literal():
    """The check above would catch the kinds of literal this change moved into the table."""
    source = '''
self.notify("already at iteration 0")
self.notify(f"scale {x} is already the largest choice")
panel.border_title = "Weights"
Binding("q", "quit", "quit")
yield "Step back", app.action_back, t("palette.back.help")
Static(f"{label} (now {value}): type a value")
text.append("identical units: ", "bold")
'''
    assert len(_literals_outside_the_table(ast.parse(source))) == 7
    assert not _literals_outside_the_table(ast.parse('self.notify(t("app.at_start")); Binding("q", "quit", "key.quit")'))


# -- the screen -------------------------------------------------------------------------------------------
def _allowed_english() -> set[str]:
    words = set()
    for text in i18n.KO.values():
        words |= set(re.findall(r"[A-Za-z]{3,}", text))
    return {w.lower() for w in words} | {n for name in DATASETS + ACTIVATIONS + INIT_SCHEMES for n in name.split("_")}


def _english_words(text: str) -> set[str]:
    # not a chart's curve: runs of its markers (x, and compare mode's A B a b)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{3,}", text) if not re.fullmatch(r"x+|[ABab]{4,}", w)}
    return words - _allowed_english() - {"shallow", "tui", "pgup", "pgdn"}  # the program's and keys' names


def _screen_text(app) -> str:
    return "\n".join(screen_lines(app))


async def test_korean_screens_show_no_english_outside_the_table(korean):
    from tui.app import ShallowApp

    seen = {}
    app = ShallowApp(Config(init="zeros", seed=1))
    async with app.run_test(size=(120, 40)) as pilot:  # all four panels
        await pilot.press("space", "space")
        await pilot.pause()
        app.clear_notifications()
        await pilot.pause()
        seen["main"] = _screen_text(app)
        await pilot.press("question_mark")
        await pilot.pause()
        seen["help"] = _screen_text(app)
        await pilot.press("end")  # the rest of the help (it leaves the status bar and footer in sight)
        await pilot.pause()
        seen["help"] += "\n" + _screen_text(app)
        await pilot.press("escape", "ctrl+p")
        await pilot.pause(0.3)
        seen["palette"] = _screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("c", "space")
        await pilot.pause()
        app.clear_notifications()
        seen["compare"] = _screen_text(app)
        await pilot.press("escape", "g", "n")
        await pilot.pause()
        app.clear_notifications()
        seen["lesson"] = _screen_text(app)
    for name, text in seen.items():
        assert not _english_words(text), (name, _english_words(text))
    assert "도움말" in seen["help"] and "한 스텝" in seen["help"] and "걸음" not in "".join(seen.values())
    assert "실습 스크립트" in seen["help"]  # which words stay English, and why
    assert "명령 찾기" in seen["palette"]


async def test_korean_help_status_explanation_and_footer(korean):
    from textual.widgets._footer import FooterKey

    from tests.tui.conftest import explanation_text, status_text
    from tui.app import ShallowApp

    app = ShallowApp(Config(init="zeros", seed=1))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        status = status_text(app)
        for contract in ("iter 0", "loss 0.6931", "acc 50.0%", "1 of 4 units distinct", "frozen", "init zeros"):
            assert contract in status  # read by lab scripts: English in every language, acc like loss
        assert "정확도" not in status
        assert explanation_text(app).startswith("frozen: ") and "기울기" in explanation_text(app)
        keys = list(app.query(FooterKey))
        descriptions = {key.description for key in keys}
        assert {"스텝", "뒤로", "실행", "비교", "도움말", "끝내기", "팔레트"} <= descriptions
        assert not descriptions & {"step", "back", "run", "help", "quit", "palette"}
        assert all(key.region.right <= 80 for key in keys if key.region.width), "a footer key off screen"
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = str(app.screen.query_one("#help-text").render())
        assert i18n.KO["help.drive"] in help_text and "은닉 유닛" in help_text
        # Every English word the Korean screen keeps is said in the help: the status bar's, and the chart's 0 exact
        # (which it also explains in Korean). The help wraps, so compare without line breaks.
        flat = " ".join(help_text.split())
        assert "iter, loss, acc, init, k of n units distinct, frozen, diverged" in flat
        assert f"맨 아래 줄 {i18n.KO['chart.exact_zero']}는 간격이 정확히 0인 곳" in flat
        box = app.screen.query_one("#help-box")
        assert box.border_title == "도움말 · 키"
        assert max(cell_len(line) for line in help_text.splitlines()) <= app.screen.query_one("#help-text").content_size.width


def test_the_engines_errors_are_said_in_korean(korean, tmp_path):
    """Setting and file errors are the engine's sentences by key: error_text says them in the language."""
    from engine.config import ConfigError
    from engine.safe_write import SafeWriteError, write_atomically

    with pytest.raises(ConfigError) as bad_setting:
        Config(hidden=0)
    assert i18n.error_text(bad_setting.value) == "--hidden 값은 1부터 64까지의 정수여야 합니다. 받은 값: 0"
    with pytest.raises(SafeWriteError) as no_directory:
        write_atomically(tmp_path / "missing" / "shot.svg", "<svg/>")
    said = i18n.error_text(no_directory.value)
    assert said.endswith("에 저장하지 않음: 디렉터리가 없습니다") and str(tmp_path) in said
    i18n.set_language("en")
    assert i18n.error_text(bad_setting.value) == str(bad_setting.value) == "--hidden must be an integer from 1 to 64, got 0"
    assert i18n.error_text(ValueError("any other error")) == "any other error"


async def test_a_refused_setting_is_reported_in_korean(korean):
    from tui.app import ShallowApp

    app = ShallowApp(Config())
    async with app.run_test(size=(80, 24)) as pilot:
        app.change(hidden=0)
        await pilot.pause()
        messages = [notification.message for notification in app._notifications]
        assert "은닉 유닛은 적어도 1개 있어야 합니다" in messages  # the app's words, not --hidden's
        assert app.config.hidden == 4  # and nothing changed


@pytest.mark.parametrize("language, words", [("ko", "맞는 명령이 없습니다"), ("en", "No matches found")])
async def test_the_palette_says_no_matches_in_the_language(language, words):
    from tui.app import ShallowApp

    i18n.set_language(language)
    try:
        app = ShallowApp(Config())
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("ctrl+p", *"qqqzzz")
            for _ in range(40):  # Textual shows it after a short countdown once the search found nothing
                await pilot.pause(0.05)
                if words in _screen_text(app):
                    break
            assert words in _screen_text(app)
    finally:
        i18n.set_language("en")


async def test_english_stays_english(make_app):
    """The table keeps the English the app had: the footer, the status words, the help."""
    from textual.widgets._footer import FooterKey

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        descriptions = [key.description for key in app.query(FooterKey)]
        assert descriptions == ["step", "back", "run", "zeros", "random", "next init", "compare", "lesson", "help",
                                "quit", "palette"]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "Drive training" in str(app.screen.query_one("#help-text").render())


def test_korean_says_each_step_one_way():
    """Issue 12, point 13: 단계 for a lesson step, 스텝 for a training step (one stride) and 반복 for an
    iteration; never 걸음, never the stiff 안내 수업; 은닉 (the usual term, as in 은닉층) for hidden; acc like loss."""
    korean = " ".join(i18n.KO.values())
    for stiff in ("걸음", "안내 수업", "숨겨진"):
        assert stiff not in korean, stiff
    assert i18n.KO["status.acc"] == i18n.EN["status.acc"] == "acc {acc}" and "status.acc" in i18n.CONTRACT
    assert "단계" in i18n.KO["lesson.title"] and "스텝" in i18n.KO["key.step"] and "반복" in i18n.KO["help.stride"]
    for word in ("iter", "loss", "acc", "init", "units distinct", "frozen", "diverged"):
        assert word in i18n.KO["help.contract"] and word in i18n.EN["help.contract"]
