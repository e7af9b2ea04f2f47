"""Screens that stay cheap while a modal screen (help, the palette, a prompt) is open over them, and modal screens
whose dimmed backdrop is cheap to repaint.

Textual 8.2.8 does two costly things here:

1. ``Screen._compositor_refresh``: when a widget changes on a screen under a modal one, the screen below passes the
   changed regions up to the top screen, and also marks *itself* for a full repaint; its next update then passes
   its whole area up, and the top screen recomposes and re-sends the whole terminal. Over a running run that was
   every frame: help open at 80×24 went from 27 to 171 KB/s (issue 13). ``QuietUnderModal`` passes up only the
   regions that changed.
2. A modal screen's backdrop (``Screen.render`` -> ``BackgroundScreen``) is the whole screen below, composed and
   tinted segment by segment (two colour blends and a style sum each), and it is made again at every repaint of
   the modal, however small: opening the palette repainted it a dozen times as its list filled. ``DimmedBackdrop``
   keeps the tinted backdrop until the screen below changes, and tints each style once.
"""
from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.renderables.background_screen import BackgroundScreen
from textual.screen import Screen


class QuietUnderModal:
    """Mixin for a Screen (before ``Screen`` in the bases). ``backdrop_version`` changes whenever the screen may
    look different (DimmedBackdrop's cache key)."""

    backdrop_version = 0

    def _compositor_refresh(self) -> None:
        self.backdrop_version += 1
        app = self.app
        compositor = self._compositor
        if self is app.screen or app.is_inline or self not in app._background_screens:
            super()._compositor_refresh()
            return
        if compositor._dirty_regions:
            regions = tuple(compositor._dirty_regions)
            compositor._dirty_regions.clear()
            self._dirty_widgets.clear()
            app.screen.refresh(*regions)
        app._update_mouse_over(self)


class MainScreen(QuietUnderModal, Screen):
    """The app's own screen (its panels, status bar and footer)."""


class CachedBackdrop:
    """The screen below, tinted as Textual's BackgroundScreen tints it, made once per change of that screen."""

    def __init__(self, screen: QuietUnderModal, color) -> None:
        self.screen, self.color = screen, color

    def __rich_console__(self, console, options):
        screen, color = self.screen, self.color
        key = (screen.backdrop_version, color, options.max_width, options.height)
        cached = getattr(screen, "_backdrop", None)
        if cached is None or cached[0] != key:
            cached = (key, list(tint(console.render(screen._compositor, options), color)))
            screen._backdrop = cached
        return cached[1]


_TINTED: dict[tuple, Style] = {}  # (style, tint) -> the style BackgroundScreen would make; a few hundred at most


def tint(segments, color):
    """BackgroundScreen.process_segments, one style at a time instead of one segment at a time."""
    tinted_style = _TINTED.get
    for segment in segments:
        text, style, control = segment
        if control:
            yield segment
            continue
        key = (style, color)
        tinted = tinted_style(key)
        if tinted is None:
            if len(_TINTED) > 4096:
                _TINTED.clear()
            (first,) = BackgroundScreen.process_segments([Segment(" ", style)], color)
            tinted = _TINTED[key] = first.style
        yield Segment(text, tinted)


class DimmedBackdrop:
    """Mixin for a modal Screen (before it in the bases): over a QuietUnderModal screen, the backdrop is cached."""

    def render(self):
        backdrop = super().render()
        if isinstance(backdrop, BackgroundScreen) and isinstance(backdrop.screen, QuietUnderModal):
            return CachedBackdrop(backdrop.screen, backdrop.color)
        return backdrop
