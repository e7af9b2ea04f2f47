"""tui/screen_delta.py: the cell deltas the app writes instead of Textual's whole-region repaints.

The terminal is pyte (a terminal emulator in Python): what the deltas make it show must be what Textual's own
output makes it show, cell for cell (character, colours, attributes), and unchanged cells must cost nothing.
"""
from __future__ import annotations

import pyte
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tui.screen_delta import DEFAULT, ScreenDelta, Sgr, transition

WIDTH, HEIGHT = 24, 6
STYLES = (None, Style(bold=True), Style(color="#f0d33f", bgcolor="#00224e"), Style(reverse=True, color="red"),
          Style(italic=True, underline=True, bgcolor="grey23"), Style(bgcolor="#00224e"), Style(dim=True, bold=True))


def terminal(width: int = WIDTH, height: int = HEIGHT) -> tuple[pyte.Screen, pyte.Stream]:
    screen = pyte.Screen(width, height)
    return screen, pyte.Stream(screen)


def cells(screen: pyte.Screen) -> list[list[tuple]]:
    """Every cell as the eye sees it: character, colours, attributes."""
    return [[(c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse, c.strikethrough)
             for c in (screen.buffer[y][x] for x in range(screen.columns))] for y in range(screen.lines)]


def update(lines: list[list[Segment]], y: int = 0, x: int = 0, width: int = WIDTH) -> LayoutUpdate:
    strips = [[Strip(line).adjust_cell_length(width)] for line in lines]
    return LayoutUpdate(strips, Region(x, y, width, len(lines)))


CONSOLE = Console(color_system="truecolor", force_terminal=True, width=WIDTH)


def textual_output(u: LayoutUpdate) -> str:
    return u.render_segments(CONSOLE)


def test_the_deltas_show_what_textual_shows_and_unchanged_cells_cost_nothing():
    lines = [[Segment("iter 105 · ", STYLES[1]), Segment("loss 0.6030", STYLES[2])],
             [Segment("4 of 4 units distinct", STYLES[3])]]
    reference, reference_stream = terminal()
    shown, shown_stream = terminal()
    delta = ScreenDelta(WIDTH, HEIGHT)
    first = update(lines)
    reference_stream.feed(textual_output(first))
    delta.apply(first)
    shown_stream.feed(delta.flush())
    assert cells(shown) == cells(reference)

    delta.apply(update(lines))  # the same again: Textual would re-send both lines
    assert delta.flush() == ""

    lines[0][0] = Segment("iter 110 · ", STYLES[1])
    again = update(lines)
    reference_stream.feed(textual_output(again))
    delta.apply(again)
    out = delta.flush()
    shown_stream.feed(out)
    assert cells(shown) == cells(reference)
    assert "10" in out and "loss" not in out and "units" not in out  # only the changed digits went
    assert len(out) < len(textual_output(again)) / 5


def test_sgr_transitions_send_only_what_changes():
    bold_yellow = Sgr.parse("1;38;2;240;211;63;48;2;0;34;78")
    plain_yellow = Sgr.parse("38;2;240;211;63;48;2;0;34;78")
    blue = Sgr.parse("38;2;111;159;232;48;2;0;34;78")
    assert transition(plain_yellow, blue) == "\x1b[38;2;111;159;232m"  # the background stays
    assert transition(bold_yellow, plain_yellow) == "\x1b[22m"
    assert transition(DEFAULT, DEFAULT) == ""
    assert transition(Sgr.parse("7"), DEFAULT) == "\x1b[0m"  # shorter than 27
    dim_bold = Sgr.parse("1;2")
    assert transition(dim_bold, Sgr.parse("2")) in ("\x1b[22;2m", "\x1b[0;2m")  # 22 ends dim too: dim again


def test_a_double_width_character_cut_by_new_text_is_blanked_as_a_terminal_does():
    delta = ScreenDelta(10, 1)
    screen, stream = terminal(10, 1)
    delta.apply(update([[Segment("가나다라마")]], width=10))
    stream.feed(delta.flush())
    assert "".join(screen.display) == "가나다라마"
    # "x" lands on the second half of 나 (cells 2-3) and the first half of 다 (cells 4-5): on a terminal both
    # characters go, and the cells beside the x must be written again (here: blanks).
    delta.put(3, 0, [Segment("x"), Segment("y")])
    out = delta.flush()
    stream.feed(out)
    assert delta.wanted_text()[0] == "가 xy 라마"
    assert [screen.buffer[0][x].data for x in range(10)] == ["가", "", " ", "x", "y", " ", "라", "", "마", ""]


def test_after_invalidate_every_cell_is_sent_again():
    delta = ScreenDelta(WIDTH, HEIGHT)
    delta.apply(update([[Segment("abc")]] * HEIGHT))
    delta.flush()
    delta.apply(update([[Segment("abc")]] * HEIGHT))
    assert delta.flush() == ""
    delta.invalidate()
    screen, stream = terminal()
    stream.feed(delta.flush())
    assert screen.display == ["abc".ljust(WIDTH)] * HEIGHT


TEXTS = st.text(alphabet="ab ·─━▀●○가나0123456789", min_size=0, max_size=12)
SEGMENTS = st.lists(st.tuples(TEXTS, st.sampled_from(STYLES)).map(lambda p: Segment(*p)), max_size=5)
FRAME = st.tuples(st.integers(0, HEIGHT - 1), st.lists(SEGMENTS, min_size=1, max_size=HEIGHT), st.booleans())


@settings(max_examples=60, deadline=None)
@given(st.lists(FRAME, min_size=1, max_size=12))
def test_any_sequence_of_updates_shows_as_textual_would_have_shown_it(frames):
    """Whole-row updates of random text (double-width characters too) and styles; output is flushed only after
    some of them (as when the terminal is not taking output): once flushed, the screens are the same."""
    reference, reference_stream = terminal()
    shown, shown_stream = terminal()
    delta = ScreenDelta(WIDTH, HEIGHT)
    for y, lines, flush in frames:
        u = update(lines[:HEIGHT - y], y=y)
        reference_stream.feed(textual_output(u))
        delta.apply(u)
        if flush:
            shown_stream.feed(delta.flush())
            assert cells(shown) == cells(reference)
    shown_stream.feed(delta.flush())
    assert cells(shown) == cells(reference)
    assert delta.flush() == ""
