"""The status bar (iteration, loss, accuracy, settings, distinct units) and the title bar."""
from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.widgets.run_frame import RunFrame

PANEL_TABS = ((1, "net"), (2, "weights"), (3, "loss"), (4, "boundary"))


def status_parts(frame: RunFrame) -> list[tuple[str, str]]:
    """(text, style) pieces of the status bar, most important first."""
    s, c = frame.snapshot, frame.config
    if s.loss is None:
        loss = "loss —"
    else:  # a huge init's loss of 1e300 in :.4f is 300 digits long: it filled the bar
        loss = f"loss {s.loss:.4f}" if s.loss < 1e6 else f"loss {s.loss:.4g}"
    parts = [
        (f"iter {s.iteration}", "bold"),
        (loss, "bold"),
        (f"acc {s.accuracy:.1%}", ""),
        (f"{s.distinct_units} of {s.n_h} units distinct", "bold"),
    ]
    if s.frozen:
        parts.append(("frozen", "bold reverse"))
    if s.diverged:
        parts.append(("diverged", "bold reverse"))
    parts += [
        (f"init {c.init}", ""),
        (c.activation, ""),
        (f"lr {c.lr:g}", ""),
        (f"step ×{frame.stride}", "dim"),
        (f"▶ running {frame.speed_label}" if frame.running else f"paused (r runs at {frame.speed_label})", "dim"),
    ]
    return parts


def pack(parts: list[tuple[str, str]], width: int, separator: str = " · ") -> Text:
    """Join the parts with separators, breaking lines only between parts (never inside "1 of 4 units")."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    used = 0
    for i, (part, style) in enumerate(parts):
        if i and used + len(separator) + len(part) > width:
            text.append("\n")
            used = 0
        elif i:
            text.append(separator, "dim")
            used += len(separator)
        text.append(part, style)
        used += len(part)
    return text


def line_count(parts: list[tuple[str, str]], width: int) -> int:
    return pack(parts, width).plain.count("\n") + 1


class StatusBar(Static):
    """Always on screen, whatever the size."""

    def show(self, frame: RunFrame, width: int) -> None:
        self.update(pack(status_parts(frame), max(20, width - 2)), layout=False)  # the app sets the height


class TitleBar(Static):
    """The run's settings on the left, the panel switcher on the right."""

    _shown: str | None = None

    def show(self, frame: RunFrame, selected: int, all_shown: bool, width: int) -> None:
        c = frame.config
        left = f" shallow-tui · {c.dataset} · {c.activation} · n_h {c.hidden} · lr {c.lr:g}"
        text = Text(left, style="bold", no_wrap=True, overflow="ellipsis", end="")
        tabs = Text(end="")
        for number, name in PANEL_TABS:
            style = "reverse" if (number == selected and not all_shown) else ""
            tabs.append(f"[{number}]{name}", style)
            tabs.append(" ")
        gap = width - len(left) - len(tabs.plain)
        if gap < 2:  # narrow terminal: the switcher matters more than the program's name
            left = f" {c.dataset} · {c.activation} · n_h {c.hidden} · lr {c.lr:g}"
            text = Text(left, style="bold", no_wrap=True, overflow="ellipsis", end="")
            gap = width - len(left) - len(tabs.plain)
        if gap >= 2:
            text.append(" " * gap)
            text.append_text(tabs)
        if text.plain != self._shown:  # changes only with the settings, not with every frame
            self._shown = text.plain
            self.update(text, layout=False)  # always one line
