"""Decision-boundary panel: ŷ(x1, x2) over the input plane as a half-block colour field sized to the panel,
with the training points drawn on it as ● (class 1) and ○ (class 0), so classes read without colour."""
from __future__ import annotations

import numpy as np
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from engine.plane import cell_of, fields, params_of
from tui.i18n import t
from tui.widgets.heatmap import half_block_line, levels
from tui.widgets.run_frame import RunFrame

CLASS_GLYPHS = ("○", "●")


def boundary_pixels(frame: RunFrame, columns: int, rows: int) -> np.ndarray:
    """(2·rows, columns) palette levels of ŷ over the plane: 6 bands from 0 (dark) to 1 (light)."""
    params = params_of(frame.snapshot.layers)
    _, y_hat = fields(params, frame.config.activation, frame.points.bounds, columns, 2 * rows, frame.config.features)
    return levels(y_hat, 0.0, 1.0)


def point_glyphs(points, columns: int, rows: int) -> dict[int, dict[int, str]]:
    """Per cell row, column → ● (class 1) or ○ (class 0); a later point wins its cell."""
    X = np.array([points.x1, points.x2])
    cell_rows, cell_columns = cell_of(X, points.bounds, columns, rows)
    glyphs: dict[int, dict[int, str]] = {}
    for r, c, label in zip(cell_rows.tolist(), cell_columns.tolist(), points.label):
        glyphs.setdefault(r, {})[c] = CLASS_GLYPHS[label]
    return glyphs


def boundary_field(frame: RunFrame, columns: int, rows: int) -> list[Strip]:
    """``rows`` lines of ``columns`` cells: ŷ in 6 bands from 0 (dark) to 1 (light), points on top."""
    pixels = boundary_pixels(frame, columns, rows)
    glyphs = point_glyphs(frame.points, columns, rows)
    return [Strip(half_block_line(pixels[2 * r].tolist(), pixels[2 * r + 1].tolist(), glyphs.get(r)), columns)
            for r in range(rows)]


class DecisionBoundary(Widget):
    """Draws its last frame at its current size; redrawn at a few frames per second while running.

    Uses the line API (ready-made Strips of merged segments): the field is the largest thing on screen
    and going through Text would re-parse every span on each repaint.
    """

    DEFAULT_CSS = "DecisionBoundary { height: 1fr; width: 1fr; }"

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._frame: RunFrame | None = None
        self._picture: list[Strip] = []
        # Rows are kept by their pixels: an unchanged row (most of them, once the bands settle) is neither
        # rebuilt nor re-sent to the terminal. Cleared when the size or the data set changes.
        self._rows: dict[bytes, Strip] = {}
        self._glyphs: dict[int, dict[int, str]] = {}
        self._drawn_for: tuple | None = None

    def on_mount(self) -> None:
        self.border_title = t("panel.boundary")
        self.border_subtitle = t("panel.boundary_legend")

    def show(self, frame: RunFrame) -> None:
        self._frame = frame
        self._draw()

    def _draw(self) -> None:
        columns, rows = self.content_size.width, self.content_size.height
        if self._frame is None or columns < 2 or rows < 1:
            return
        drawn_for = (columns, rows, self._frame.points)
        whole = drawn_for != self._drawn_for
        if whole:
            self._drawn_for = drawn_for
            self._rows.clear()
            self._glyphs = point_glyphs(self._frame.points, columns, rows)
        pixels = boundary_pixels(self._frame, columns, rows)
        old = self._picture
        picture = []
        for r in range(rows):
            key = pixels[2 * r: 2 * r + 2].tobytes() + r.to_bytes(2, "little")
            strip = self._rows.get(key)
            if strip is None:
                strip = Strip(half_block_line(pixels[2 * r].tolist(), pixels[2 * r + 1].tolist(),
                                              self._glyphs.get(r)), columns)
                self._rows[key] = strip
            picture.append(strip)
        if len(self._rows) > 8 * rows:  # keep the cache to a few fields' worth
            kept = {id(strip) for strip in picture}
            self._rows = {key: strip for key, strip in self._rows.items() if id(strip) in kept}
        self._picture = picture
        if whole or len(old) != rows:
            self.refresh()
            return
        changed = [r for r in range(rows) if picture[r] is not old[r]]
        if changed:
            self.refresh(*(Region(0, r, columns, 1) for r in changed))

    def on_resize(self) -> None:
        self._draw()

    def render_line(self, y: int) -> Strip:
        if y < len(self._picture):
            return self._picture[y]
        # A style, never None: the NO_COLOR (monochrome) filter reads every segment's style.
        return Strip.blank(self.content_size.width, self.rich_style)

    def picture_text(self) -> str:
        """The field's characters (glyphs and half blocks), for tests and screen readers."""
        return "\n".join(strip.text for strip in self._picture)
