"""The app's footer: Textual's Footer, fitted to the terminal's width by leaving out the least important keys.

Textual's Footer lays its keys out in binding order and cuts whatever passes the right edge: at 60 columns that
was "? help"; with the lesson (g) and the inits (i) added, at 80 too. Here the keys that do not fit give way in
reverse order of FOOTER_PRIORITY, so "? help" shows at every width from the minimum, and "g lesson" at 80.
"""
from __future__ import annotations

from rich.cells import cell_len
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual's footer item (not exported)

# Actions, most important first (the footer keeps binding order; this only says what gives way first).
FOOTER_PRIORITY = ("help", "step", "toggle_run", "lesson", "compare", "zeros", "random", "cycle_init(1)", "quit",
                   "back", "command_palette")


def key_width(key: FooterKey) -> int:
    """Cells a compact footer item takes: its key, a space and its description, then a margin of one (the
    palette's item also has a border on its left)."""
    width = cell_len(key.key_display) + (1 + cell_len(key.description) if key.description else 0) + 1
    return width + (1 if key.has_class("-command-palette") else 0)


def fitted(keys: list[FooterKey], width: int) -> list[FooterKey]:
    """The keys to show in ``width`` cells: all of them, or without the least important until the rest fit."""
    rank = {action: i for i, action in enumerate(FOOTER_PRIORITY)}
    kept = list(keys)
    for key in sorted(keys, key=lambda k: rank.get(k.action, len(rank)), reverse=True):
        if sum(map(key_width, kept)) <= width:
            break
        kept.remove(key)
    return kept


class KeyFooter(Footer):
    _fitted_to = 0

    def compose(self):
        items = list(super().compose())  # FooterKeys only: the app's bindings use no groups
        keys = [item for item in items if isinstance(item, FooterKey)]
        self._fitted_to = self.app.size.width
        shown = fitted(keys, self._fitted_to)
        for key in keys:
            key.display = key in shown
        yield from items

    def on_resize(self) -> None:
        width = self.app.size.width
        if width == self._fitted_to:
            return
        self._fitted_to = width
        keys = list(self.query(FooterKey))
        if set(fitted(keys, width)) != {key for key in keys if key.display}:  # else the same keys still fit
            self.call_after_refresh(self.recompose)  # as Footer does when the bindings change
