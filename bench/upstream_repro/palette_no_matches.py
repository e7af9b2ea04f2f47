"""Textual 8.2.8: the command palette's "No matches" countdown fires after the palette has gone, and the app ends
with NoMatches('CommandList') in CommandPalette._show_no_matches. Needs only textual:

    python palette_no_matches.py      # prints the exception (and exits 1) while the bug is there

What a user does: keys typed right after escape, in one burst ("x<Esc>y": a paste, SSH batching keys). The app
forwards each key to the palette's input as it reads it; escape only dismisses the palette when it comes back up
unhandled, so "y" is already in the input and its Input.Changed reaches the palette after the dismissal. Here
that Changed is posted right after the escape's action, which is the order a loaded machine produced. Then:

1. CommandPalette._input (the Input.Changed handler) starts a new _gather_commands worker in the dismissed palette;
2. the palette's Prune runs _close_messages, which stops the timers that exist then;
3. the search ends with no hits and calls _start_no_matches_countdown: a new 0.5 s timer, which nothing stops;
4. the timer fires: set_timer's callback is call_next(_show_no_matches), queued on the palette;
5. the palette's _message_loop_exit removes its children, then dispatches Unmount, whose _dispatch_message
   flushes the queued callbacks: _show_no_matches runs query_one(CommandList) on a palette with no children.

The provider is slow only to make the order certain on any machine: a search that takes 0.2 s (a network search,
or a loaded machine), and a shutdown that takes 1 s (the palette's Unmount awaits it).
Suggested fix: _input (or _gather_commands) does nothing once the palette is dismissed/closing, and dismissing
cancels the search and the no-matches countdown (_action_escape cancels the search only).
"""
from __future__ import annotations

import asyncio
import sys

from textual.app import App
from textual.command import CommandInput, Hits, Provider
from textual.widgets import Input


class SlowProvider(Provider):
    async def search(self, query: str) -> Hits:
        await asyncio.sleep(0.2)
        return
        yield

    async def shutdown(self) -> None:
        await asyncio.sleep(1.0)


class TinyApp(App):
    COMMANDS = {SlowProvider}


async def main() -> int:
    app = TinyApp()
    try:
        async with app.run_test() as pilot:
            await pilot.press("ctrl+p")
            await pilot.pause()
            palette = app.screen
            palette._action_escape()  # what the escape binding does
            palette.post_message(Input.Changed(palette.query_one(CommandInput), "y"))  # the key after escape
            await pilot.pause(2.0)
    except Exception as error:  # Pilot re-raises what ended the app
        print(f"the app ended: {type(error).__name__}: {error}")
        return 1
    print("no error")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
