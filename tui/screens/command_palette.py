"""Textual's command palette, made safe against keys typed in a burst (a paste, or SSH batching keys).

Found by tests/tui/test_fuzz.py, both only when keys arrive faster than the palette redraws:
- two Enters both ask the palette to dismiss itself; the second popped the screen underneath it
  (or raised ScreenStackError and ended the app). A palette no longer on top ignores a dismiss;
- PgUp/PgDn before the new command list was laid out raised KeyError in OptionList._move_page.
  Until the list has a size there is no page to move by, so the key is ignored;
- a palette that closed while its search worker was still gathering hits (tab away, then keys) had
  its children removed; the worker's last update then raised NoMatches and ended the app. A closing
  palette has nothing left to update.
It also says "No matches found" in the app's language (Textual writes the English words inline).
"""
from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tui.i18n import t
from tui.keys import SCREENSHOT_KEY
from tui.screens.under_modal import DimmedBackdrop


class BurstSafeCommandPalette(DimmedBackdrop, CommandPalette):
    """``keep_rows``: rows at the bottom the list of commands leaves uncovered (as the help does: the status bar,
    explanation and footer of a run that goes on underneath)."""

    BINDINGS = [SCREENSHOT_KEY]  # added to the palette's own
    LIST_TOP = 7  # rows above the list: Textual's margin (3), the search input (3), the list's top border (1)

    def __init__(self, *args, keep_rows: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keep_rows = keep_rows

    def on_resize(self) -> None:
        if self.keep_rows and self._has_command_list():
            rows = self.app.size.height - self.LIST_TOP - 1 - self.keep_rows  # and the bottom border
            self.query_one(CommandList).styles.max_height = max(4, rows)

    def on_mount(self) -> None:
        self.on_resize()
        command_list = self.query_one(CommandList)
        add_option = command_list.add_option

        def add_option_translated(option=None):
            if isinstance(option, Option) and option.id == self._NO_MATCHES:
                option = Option(Align.center(Text(t("palette.no_matches"), style="not bold")), disabled=True,
                                id=self._NO_MATCHES)
            return add_option(option)

        command_list.add_option = add_option_translated

    def dismiss(self, result=None) -> AwaitComplete:
        if not self.is_active:  # already closed by an earlier key of the same burst
            return AwaitComplete.nothing()
        return super().dismiss(result)

    def _action_command_list(self, action: str) -> None:
        if action in ("page_up", "page_down"):
            command_list = self.query_one(CommandList)
            if not command_list.scrollable_content_region or command_list.size.height == 0:
                return
        super()._action_command_list(action)

    def _has_command_list(self) -> bool:
        return bool(self.query(CommandList))

    def _watch__list_visible(self) -> None:
        if self._has_command_list():
            super()._watch__list_visible()

    async def _watch__show_busy(self) -> None:
        if self._has_command_list():
            await super()._watch__show_busy()
