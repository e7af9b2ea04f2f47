"""What goes to the terminal: only the cells that changed since it was last written, in few bytes.

Textual (8.2.8) re-sends whole widget regions: a status bar whose iteration changed re-sends its whole line,
and every coloured word comes wrapped in an SGR set and reset of its own (~25 bytes of escapes per word). A
modal screen over a running run re-sends the whole screen for each frame underneath it. ``ScreenDelta`` keeps
two grids of cells (character and style): ``sent``, what the terminal shows, and ``wanted``, what Textual's
last updates say it should show. ``apply`` writes an update into ``wanted``; ``flush`` sends the difference:
a cursor move to each run of changed cells, and between neighbouring cells only the SGR codes that change.

Because ``apply`` and ``flush`` are separate, writing can wait while the terminal is not taking output (tui/app.py
holds it back): ``wanted`` keeps only the newest state of each cell, so the next flush shows the current screen
once, never the frames in between, and what waits is bounded by the screen's size.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Iterable, NamedTuple

from rich.cells import get_character_cell_size
from rich.color import ColorSystem
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

MERGE_GAP = 4  # unchanged cells between two changed runs re-sent rather than jumped (a CUF costs 4+ bytes)
WIDE_CONTINUATION = ""  # the second cell of a double-width character
UNKNOWN = None  # a cell whose content on the terminal we do not know (start, resize, resume)

# SGR code -> the code that ends it (22 ends bold and dim alike)
ENDS = {"1": "22", "2": "22", "3": "23", "4": "24", "21": "24", "5": "25", "6": "25", "7": "27", "8": "28",
        "9": "29", "51": "54", "52": "54", "53": "55"}


class Sgr(NamedTuple):
    """A style as the terminal sees it: attribute codes, foreground, background, hyperlink."""

    attributes: frozenset[str]
    foreground: str  # "" for the terminal's default
    background: str
    link: str | None = None

    @classmethod
    def parse(cls, codes: str, link: str | None = None) -> "Sgr":
        """From Rich's ';'-joined codes ("1;38;5;253;48;5;234"), as Textual renders a style."""
        tokens = codes.split(";") if codes else []
        attributes, foreground, background = set(), "", ""
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token in ("38", "48", "58"):
                length = 3 if i + 1 < len(tokens) and tokens[i + 1] == "5" else 5
                colour = ";".join(tokens[i:i + length])
                i += length
                if token == "38":
                    foreground = colour
                elif token == "48":
                    background = colour
                continue  # underline colours: Textual does not send them
            number = int(token) if token.isdigit() else -1
            if 30 <= number <= 37 or 90 <= number <= 97:
                foreground = token
            elif 40 <= number <= 47 or 100 <= number <= 107:
                background = token
            elif token not in ("39", "49", "0"):
                attributes.add(token)
            i += 1
        return cls(frozenset(attributes), foreground, background, link)


DEFAULT = Sgr(frozenset(), "", "")


@lru_cache(maxsize=4096)
def transition(old: Sgr, new: Sgr) -> str:
    """The shortest of: the codes that change (ending attributes that go), or a reset and the new style."""
    if old == new:
        return ""
    codes = []
    ended = {ENDS.get(a, "0") for a in old.attributes - new.attributes}
    if "0" not in ended:
        codes += sorted(ended)
        codes += sorted(a for a in new.attributes if a not in old.attributes or ENDS.get(a) in ended)
        if new.foreground != old.foreground:
            codes.append(new.foreground or "39")
        if new.background != old.background:
            codes.append(new.background or "49")
    full = ["0", *sorted(new.attributes), *(c for c in (new.foreground, new.background) if c)]
    if "0" in ended or (codes and len(";".join(full)) < len(";".join(codes))):
        codes = full
    text = f"\x1b[{';'.join(codes)}m" if codes else ""
    if new.link != old.link:
        text += "\x1b]8;;\x1b\\" if old.link else ""
        text += f"\x1b]8;;{new.link}\x1b\\" if new.link else ""
    return text


def move_to(x: int, y: int) -> str:
    return f"\x1b[{y + 1};{x + 1}H"


class ScreenDelta:
    """See the module's docstring. ``apply`` Textual's compositor updates, ``flush`` to get what to write."""

    def __init__(self, width: int, height: int, color_system: ColorSystem | None = ColorSystem.TRUECOLOR) -> None:
        self.color_system = color_system or ColorSystem.TRUECOLOR
        self._styles: dict[tuple[str, str | None], int] = {}  # (codes, link) -> style number
        self._sgr: list[Sgr] = []  # style number -> Sgr
        self._cursor: tuple[int, int] | None = None
        self.resize(width, height)

    # -- the grids ---------------------------------------------------------------------------------------
    def resize(self, width: int, height: int) -> None:
        """A new size: the terminal's content is unknown (a resize may reflow or clear it)."""
        self.width, self.height = width, height
        self._wanted_chars = [[" "] * width for _ in range(height)]
        self._wanted_styles = [[self._style_number("", None)] * width for _ in range(height)]
        self.invalidate()

    def invalidate(self) -> None:
        """Forget what the terminal shows (after it was cleared or replaced: resume, a new alternate screen):
        the next flush sends every cell."""
        self._sent_chars = [[UNKNOWN] * self.width for _ in range(self.height)]
        self._sent_styles = [[-1] * self.width for _ in range(self.height)]
        self._dirty = [(0, self.width)] * self.height
        self._cursor = None

    def _style_number(self, codes: str, link: str | None) -> int:
        key = (codes, link)
        number = self._styles.get(key)
        if number is None:
            number = self._styles[key] = len(self._sgr)
            self._sgr.append(Sgr.parse(codes, link))
        return number

    def style_number(self, style: Style | None) -> int:
        if style is None:
            return self._style_number("", None)
        codes = style._ansi  # Textual's own cache of the style's codes (Strip.render_ansi fills it)
        if codes is None:
            codes = Strip.render_ansi(style, self.color_system)
        return self._style_number(codes, style.link)

    @property
    def pending(self) -> bool:
        """Cells were updated since the last flush (they may or may not differ from the terminal's)."""
        return any(span is not None for span in self._dirty)

    # -- updates in ------------------------------------------------------------------------------------------
    def apply(self, update) -> None:
        """Write a compositor update (LayoutUpdate: a region; ChopsUpdate: spans of lines) into ``wanted``,
        cell for cell as Textual would have written it to the terminal."""
        if isinstance(update, LayoutUpdate):
            x0 = update.region.x
            for y, line in enumerate(update.strips, update.region.y):
                x = x0
                for strip in line:
                    self.put(x, y, strip)
                    x += strip.cell_length
        elif isinstance(update, ChopsUpdate):
            for y, x1, x2 in update.spans:
                for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    if not (x2 > x >= x1 and end <= x2):  # as ChopsUpdate.render_segments crops
                        strip = strip.crop(0, min(end, x2) - x)
                    self.put(x, y, strip)
        else:
            raise TypeError(f"not a compositor update: {type(update).__name__}")

    def put(self, x: int, y: int, segments: Iterable) -> None:
        """Cells from ``x`` on row ``y`` (text and style of each segment; control segments are skipped)."""
        if not 0 <= y < self.height or x >= self.width:
            return
        chars, styles, width = self._wanted_chars[y], self._wanted_styles[y], self.width
        start = x = max(0, x)
        if chars[x] == WIDE_CONTINUATION and x > 0:
            start -= 1
            chars[start] = " "  # the terminal blanks a double-width character cut in half
        for segment in segments:
            text, style, control = segment
            if control or not text:
                continue
            number = self.style_number(style)
            if text.isascii():
                end = min(width, x + len(text))
                chars[x:end] = text[:end - x]
                styles[x:end] = [number] * (end - x)
                x = end
            else:
                for char in text:
                    size = get_character_cell_size(char)
                    if size == 0:
                        if x > start:
                            chars[x - 1] += char  # a combining mark joins the cell before it
                        continue
                    if x + size > width:
                        break
                    chars[x], styles[x] = char, number
                    if size == 2:
                        chars[x + 1], styles[x + 1] = WIDE_CONTINUATION, number
                    x += size
            if x >= width:
                break
        if x < width and chars[x] == WIDE_CONTINUATION:
            chars[x] = " "  # its first half was just overwritten
            x += 1
        old = self._dirty[y]
        self._dirty[y] = (start, x) if old is None else (min(old[0], start), max(old[1], x))

    # -- bytes out -----------------------------------------------------------------------------------------
    def flush(self, cursor: tuple[int, int] | None = None) -> str:
        """What to write so the terminal shows ``wanted`` (then ``sent`` is ``wanted``), ending with the cursor at
        ``cursor`` (x, y) and the default style; "" when nothing changed."""
        out: list[str] = []
        style = DEFAULT
        sgr = self._sgr
        for y, span in enumerate(self._dirty):
            if span is None:
                continue
            self._dirty[y] = None
            lo, hi = span
            wc, ws = self._wanted_chars[y], self._wanted_styles[y]
            sc, ss = self._sent_chars[y], self._sent_styles[y]
            if wc[lo:hi] == sc[lo:hi] and ws[lo:hi] == ss[lo:hi]:
                continue
            for a, b in self._runs(y, lo, hi):
                out.append(move_to(a, y))
                for x in range(a, b):
                    char = wc[x]
                    if char == WIDE_CONTINUATION:
                        continue
                    new = sgr[ws[x]]
                    if new is not style:
                        out.append(transition(style, new))
                        style = new
                    out.append(char)
                sc[a:b] = wc[a:b]
                ss[a:b] = ws[a:b]
        if style is not DEFAULT:
            out.append(transition(style, DEFAULT))
        if out or (cursor is not None and cursor != self._cursor):
            if cursor is not None:
                out.append(move_to(*cursor))
            self._cursor = cursor
        return "".join(out)

    def _runs(self, y: int, lo: int, hi: int) -> list[tuple[int, int]]:
        """Runs [a, b) of row ``y`` whose cells differ from the terminal's, close ones merged, widened so that no
        double-width character (on the terminal or wanted) is cut at a run's edge."""
        wc, ws = self._wanted_chars[y], self._wanted_styles[y]
        sc, ss = self._sent_chars[y], self._sent_styles[y]
        runs: list[list[int]] = []
        for x in range(lo, hi):
            if wc[x] != sc[x] or ws[x] != ss[x]:
                if runs and x - runs[-1][1] <= MERGE_GAP:
                    runs[-1][1] = x + 1
                else:
                    runs.append([x, x + 1])
        width = self.width
        widened: list[tuple[int, int]] = []
        for a, b in runs:
            while a > 0 and (wc[a] == WIDE_CONTINUATION or sc[a] == WIDE_CONTINUATION):
                a -= 1
            while b < width and (wc[b] == WIDE_CONTINUATION or sc[b] == WIDE_CONTINUATION):
                b += 1
            if widened and a <= widened[-1][1]:
                widened[-1] = (widened[-1][0], max(b, widened[-1][1]))
            else:
                widened.append((a, b))
        return widened

    # -- for tests -----------------------------------------------------------------------------------------
    def wanted_text(self) -> list[str]:
        return ["".join(row) for row in self._wanted_chars]
