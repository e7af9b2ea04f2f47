"""Text laid out by terminal cells, not characters: a Hangul syllable or a CJK character takes two.

(The headless command line wraps its --help without rich: see tui/cli.py.)
"""
from __future__ import annotations

from rich.console import Console
from rich.text import Text


def wrap_cells(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` terminal cells, keeping its own newlines."""
    console = Console(width=max(1, width), file=None, color_system=None, legacy_windows=False)
    return [line.plain.rstrip() for line in Text(text).wrap(console, max(1, width))]
