"""Half-block heatmaps: two pixels per terminal cell (▀ = top pixel in the foreground colour, the bottom
pixel in the background), with runs of equal colours merged into one styled segment.

The palette is small and fixed and its luminance rises monotonically (a cividis-like ramp, dark blue to
yellow), so a field still reads in grey when colour is off (NO_COLOR) and over a slow SSH link few
escape codes are sent: a flat region costs one segment per row, not one per pixel.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Mapping

import numpy as np
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

# Dark (low / negative / class 0) to light (high / positive / class 1), luminance rising.
PALETTE = ("#00224e", "#2f4273", "#5d6472", "#8a8679", "#bcac6a", "#f0d33f")
LEVELS = len(PALETTE)


def levels(values: np.ndarray, low: float, high: float) -> np.ndarray:
    """Palette index (0 … LEVELS-1) of each value, ``low`` … ``high`` split into equal bands."""
    span = high - low if high > low else 1.0
    scaled = np.nan_to_num((values - low) / span, nan=0.5, posinf=1.0, neginf=0.0)
    return np.clip((scaled * LEVELS).astype(int), 0, LEVELS - 1)


@lru_cache(maxsize=None)
def _style(top: int, bottom: int) -> Style:
    if top == bottom:
        # A flat cell is a space: its foreground is free, so give it the glyph colour of its level. A glyph
        # drawn on that level then has the very same style and joins the run instead of costing two escape
        # sequences (~40 bytes) of its own: the boundary's 400 training points mostly sit on flat cells.
        return Style(color=glyph_colour(top), bgcolor=PALETTE[top])
    return Style(color=PALETTE[top], bgcolor=PALETTE[bottom])


def glyph_colour(level: int) -> str:
    """Black on the light half of the palette, white on the dark half."""
    return "#000000" if level >= LEVELS // 2 else "#ffffff"


def half_block_line(top_row: list[int], bottom_row: list[int], glyphs: Mapping[int, str] | None = None) -> list[Segment]:
    """One cell row: Segments of merged runs from two pixel rows; ``glyphs`` maps a column to a character."""
    glyphs = glyphs or {}
    segments: list[Segment] = []
    run_chars: list[str] = []
    run_style: Style | None = None
    for column, (top, bottom) in enumerate(zip(top_row, bottom_row)):
        glyph = glyphs.get(column)
        if glyph is not None:  # on the top pixel's colour, in that level's glyph colour (= a flat cell's style)
            char, style = glyph, _style(top, top)
        elif top == bottom:
            char, style = " ", _style(top, bottom)  # a space is cheaper than ▀ in equal colours
        else:
            char, style = "▀", _style(top, bottom)
        if style is not run_style and run_chars:
            segments.append(Segment("".join(run_chars), run_style))
            run_chars = []
        run_style = style
        run_chars.append(char)
    if run_chars:
        segments.append(Segment("".join(run_chars), run_style))
    return segments


def half_block_segments(pixels: np.ndarray, glyphs: Mapping[tuple[int, int], str] | None = None) -> list[list[Segment]]:
    """One list of Segments per cell row from ``pixels`` (2·rows, columns) of palette indices.

    ``glyphs`` maps (cell row, column) to a character drawn on that cell (e.g. ● ○ for training points).
    """
    pixels = np.asarray(pixels)
    if pixels.shape[0] % 2:
        pixels = np.vstack([pixels, pixels[-1:]])
    by_row: dict[int, dict[int, str]] = {}
    for (row, column), char in (glyphs or {}).items():
        by_row.setdefault(row, {})[column] = char
    tops, bottoms = pixels[0::2].tolist(), pixels[1::2].tolist()
    return [half_block_line(top, bottom, by_row.get(row)) for row, (top, bottom) in enumerate(zip(tops, bottoms))]


def half_block_rows(pixels: np.ndarray, glyphs: Mapping[tuple[int, int], str] | None = None) -> list[Text]:
    """The same as Texts, to place inside other text (the diagram's thumbnails)."""
    return [Text.assemble(*((seg.text, seg.style) for seg in line), no_wrap=True, end="")
            for line in half_block_segments(pixels, glyphs)]
