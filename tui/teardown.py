"""Whether a widget can still be set up, or is being torn down with its app.

Textual 8.2.8 mounts nothing once ``App.exit()`` has been called (``Widget.mount_all`` returns an empty
``AwaitMount`` while ``app._exit``, and ``is_attached`` is False from then on, so ``mount`` raises MountError). A
screen that a key pushed just before the exit (the terminal went, or ``q`` came in the same burst) therefore runs
its ``on_mount`` with none of its composed widgets, and its queries raise NoMatches; a panel asked to draw then
cannot mount its plot. Such a widget has nothing to set up or draw. At any other time a missing child is a real
bug and must fail loudly, so this asks exactly "is the widget still linked to a running app", nothing wider.
"""
from __future__ import annotations

from textual.widget import Widget


def torn_down(widget: Widget) -> bool:
    """True once ``widget`` is no longer linked to the app through the DOM: the app is exiting, or the widget
    was removed before it could mount."""
    return not widget.is_attached
