"""Textual's command palette, made safe against keys typed in a burst (a paste, or SSH batching keys).

Found by tests/tui/test_fuzz.py, both only when keys arrive faster than the palette redraws:
- two Enters both ask the palette to dismiss itself; the second popped the screen underneath it
  (or raised ScreenStackError and ended the app). A palette no longer on top ignores a dismiss;
- PgUp/PgDn before the new command list was laid out raised KeyError in OptionList._move_page.
  Until the list has a size there is no page to move by, so the key is ignored;
- a palette that closed while its search worker was still gathering hits (tab away, then keys) had
  its children removed; the worker's last update then raised NoMatches and ended the app. A closing
  palette has nothing left to update;
- found by bench/soak.py (Textual 8.2.8), keys typed after escape in one burst ("4 escape ? r"): the app
  forwards each key to the palette's input as it reads it, and escape acts (dismisses) only when it comes back
  up unhandled, so the keys after it are already in the input. Their Input.Changed reached the dismissed
  palette, and CommandPalette._input started a new search in it; on a loaded machine that search ended after
  the palette's timers had been stopped (its Prune) and started the 0.5 s "No matches" countdown, whose
  callback (set_timer -> call_next) ran in the flush after the palette's Unmount, its widgets gone:
  NoMatches('CommandList') in _show_no_matches, and the app ended. A dismissed palette starts no search,
  and its dismissal cancels the search and the countdown under way.
It also says "No matches found" in the app's language (Textual writes the English words inline).
"""
from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual import events
from textual.await_complete import AwaitComplete
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from tui.i18n import t
from tui.keys import SCREENSHOT_KEY
from tui.teardown import torn_down


class BurstSafeCommandPalette(CommandPalette):
    BINDINGS = [SCREENSHOT_KEY]  # added to the palette's own

    def on_mount(self, event: events.Mount) -> None:
        if torn_down(self):  # pushed just before an exit: nothing of it was mounted (tui/teardown.py),
            event.prevent_default()  # and Textual's own _on_mount would start a search in it
            return
        command_list = self.query_one(CommandList)
        add_option = command_list.add_option

        def add_option_translated(option=None):
            if isinstance(option, Option) and option.id == self._NO_MATCHES:
                option = Option(Align.center(Text(t("palette.no_matches"), style="not bold")), disabled=True,
                                id=self._NO_MATCHES)
            return add_option(option)

        command_list.add_option = add_option_translated

    _dismissed = False

    def dismiss(self, result=None) -> AwaitComplete:
        if self._dismissed or not self.is_active:  # already closed by an earlier key of the same burst
            return AwaitComplete.nothing()
        self._dismissed = True
        self._cancel_gather_commands()
        self._stop_no_matches_countdown()
        return super().dismiss(result)

    def _gather_commands(self, search_value: str):
        """Textual's search worker, which its Input.Changed handler starts for every change of the input: none
        once the palette is dismissed (see the module's docstring)."""
        if self._dismissed:
            return None
        return super()._gather_commands(search_value)

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
