"""Decision-boundary panel: ŷ(x1, x2) over the input plane as a half-block colour field sized to the panel,
with the training points drawn on it as ● (class 1) and ○ (class 0), so classes read without colour."""
from __future__ import annotations

import numpy as np
from textual.strip import Strip
from textual.widget import Widget

from engine.plane import cell_of, fields, params_from_rows
from tui.widgets.heatmap import half_block_segments, levels
from tui.widgets.run_frame import RunFrame

CLASS_GLYPHS = ("○", "●")


def boundary_field(frame: RunFrame, columns: int, rows: int) -> list[Strip]:
    """``rows`` lines of ``columns`` cells: ŷ in 6 bands from 0 (dark) to 1 (light), points on top."""
    s, points = frame.snapshot, frame.points
    params = params_from_rows(s.W1, s.b1, s.W2, s.b2)
    _, y_hat = fields(params, frame.config.activation, points.bounds, columns, 2 * rows)
    pixels = levels(y_hat, 0.0, 1.0)
    X = np.array([points.x1, points.x2])
    cell_rows, cell_columns = cell_of(X, points.bounds, columns, rows)
    glyphs = {}
    for r, c, label in zip(cell_rows.tolist(), cell_columns.tolist(), points.label):
        glyphs[(r, c)] = CLASS_GLYPHS[label]  # a later point wins its cell; both classes show across the plot
    return [Strip(segments, columns) for segments in half_block_segments(pixels, glyphs)]


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

    def on_mount(self) -> None:
        self.border_title = "Decision boundary ŷ(x1,x2)"
        self.border_subtitle = "○ class 0 · ● class 1 · dark ŷ→0 light ŷ→1"

    def show(self, frame: RunFrame) -> None:
        self._frame = frame
        self._draw()

    def _draw(self) -> None:
        columns, rows = self.content_size.width, self.content_size.height
        if self._frame is None or columns < 2 or rows < 1:
            return
        self._picture = boundary_field(self._frame, columns, rows)
        self.refresh()

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
