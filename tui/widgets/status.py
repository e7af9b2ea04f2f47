"""The status bar (iteration, loss, accuracy, settings, distinct units) and the title bar."""
from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Static

from tui.i18n import t
from tui.widgets.run_frame import RunFrame, fmt_loss, init_label

PANEL_NUMBERS = (1, 2, 3, 4)


class Part(NamedTuple):
    text: str
    style: str
    optional: bool = False  # not one of the contract's words: may be left out of a one-line status
    rank: int = 0  # among the optional parts, which give way first: the highest rank, then the last


def status_parts(frame: RunFrame, settings: bool = True, pace: bool = True) -> list[Part]:
    """The pieces of the status bar, most important first (the contract's words in every language).
    The init comes with its scale ("init random 0.01"): the lesson asks to change it with s / S.
    Without ``settings``, only the run's state (compare mode shows the settings in its title); without
    ``pace``, no stride and run state (the lesson shows them on its text box's lower edge).

    A one-line status (``fit_line``: compare mode, the lesson) keeps the accuracy before the init: "acc 50.0%"
    against "acc 90.5%" is what a student reads, and those screens name the init elsewhere too (compare's
    chart and side labels, the lesson's text). The app's own status bar wraps and shows every part."""
    s, c = frame.snapshot, frame.config
    if s.loss is None:
        loss = t("status.loss_none")
    else:
        loss = t("status.loss", loss=fmt_loss(s.loss))
    parts = [
        Part(t("status.iter", iteration=s.iteration), "bold"),
        Part(loss, "bold"),
        Part(t("status.acc", acc=f"{s.accuracy:.1%}"), "", optional=True),
    ]
    if s.test_accuracy is not None:  # --test-samples: the held-out examples' accuracy, next to the training one
        parts.append(Part(t("status.test", acc=f"{s.test_accuracy:.1%}"), "", optional=True))
    parts += [
        Part(distinct_text(s), "bold"),
    ]
    if s.frozen:
        parts.append(Part(t("status.frozen"), "bold reverse"))
    if s.diverged:
        parts.append(Part(t("status.diverged"), "bold reverse"))
    parts.append(Part(t("status.init", init=init_label(c)), "", optional=True))
    if not settings:
        return parts
    parts += [
        Part(c.activation, "", optional=True),
        Part(t("status.lr", lr=f"{c.lr:g}"), "", optional=True),
    ]
    if pace:
        running = t("status.running" if frame.running else "status.paused", speed=frame.speed_label)
        parts += [
            Part(t("status.stride", stride=frame.stride), "dim", optional=True),
            Part(running, "dim", optional=True),
        ]
    return parts


def distinct_text(s) -> str:
    """"k of n units distinct"; with several hidden layers one "k of n" per layer: "3 of 10 · 5 of 5 units distinct"."""
    if len(s.hidden_layers) == 1:
        return t("status.distinct", k=s.distinct_units, n=s.n_h)
    counts = " · ".join(t("status.layer_distinct", k=layer.distinct_units, n=layer.units) for layer in s.hidden_layers)
    return t("status.distinct_layers", counts=counts)


def fit_line(parts: list[Part], width: int, separator: str = " · ") -> Text:
    """One line: every part the contract needs, and the optional parts, most important first (lowest rank,
    then first), until one does not fit (a shorter, less important one after it is left out too). The parts
    keep their order.

    (A plain cut would drop whatever comes last: at 80 columns that was "init …".)"""
    gap = cell_len(separator)
    room = width - sum(cell_len(p.text) + gap for p in parts if not p.optional) + gap
    left_out, full = set(), False
    for index in sorted((i for i, p in enumerate(parts) if p.optional), key=lambda i: (parts[i].rank, i)):
        full = full or cell_len(parts[index].text) + gap > room
        if full:
            left_out.add(index)
            continue
        room -= cell_len(parts[index].text) + gap
    text = pack([p for i, p in enumerate(parts) if i not in left_out], 10_000, separator)
    text.truncate(max(10, width), overflow="ellipsis")  # only if the contract's own words are wider
    return text


def fit_lines(parts: list[Part], width: int, separator: str = " · ") -> Text:
    """``fit_line``'s one line when the contract's words and the most important optional part (the accuracy)
    fit in it; else those, wrapped between parts over as many lines as they need, and the other optional parts
    where they fit. (A deep network's "k1 of n1 · k2 of n2 · … units distinct" left no room for the accuracy in
    one line of 80 columns, or was cut itself.)"""
    gap = cell_len(separator)
    optional = sorted((i for i, p in enumerate(parts) if p.optional), key=lambda i: (parts[i].rank, i))
    essential = [p for i, p in enumerate(parts) if not p.optional or i == (optional[0] if optional else None)]
    if sum(cell_len(p.text) + gap for p in essential) - gap <= width:
        return fit_line(parts, width, separator)
    text = pack(essential, width, separator)
    text.no_wrap = True
    return text


def pack(parts: list[Part], width: int, separator: str = " · ") -> Text:
    """Join the parts with separators, breaking lines only between parts (never inside "1 of 4 units").
    Widths in terminal cells: a Hangul syllable takes two."""
    text = Text(no_wrap=True, overflow="ellipsis", end="")
    used = 0
    for i, (part, style, *_) in enumerate(parts):
        if i and used + cell_len(separator) + cell_len(part) > width:
            text.append("\n")
            used = 0
        elif i:
            text.append(separator, "dim")
            used += cell_len(separator)
        text.append(part, style)
        used += cell_len(part)
    return text


def line_count(parts: list[Part], width: int) -> int:
    return pack(parts, width).plain.count("\n") + 1


class StatusBar(Static):
    """Always on screen, whatever the size."""

    def show(self, frame: RunFrame, width: int) -> None:
        self.update(pack(status_parts(frame), max(20, width - 2)), layout=False)  # the app sets the height


class TitleBar(Static):
    """The run's settings on the left, the panel switcher on the right."""

    _shown: tuple | None = None

    def show(self, frame: RunFrame, shown: tuple[int, ...], width: int) -> None:
        """``shown``: the panels on screen (one at 80×24, a pair, or all four); their tabs are highlighted,
        unless all four are shown (then there is nothing to choose)."""
        c = frame.config
        settings = dict(dataset=c.dataset, activation=c.activation, hidden=",".join(map(str, c.layers)), lr=f"{c.lr:g}")
        left = t("title.full", **settings)
        text = Text(left, style="bold", no_wrap=True, overflow="ellipsis", end="")
        tabs = Text(end="")
        for number in PANEL_NUMBERS:
            style = "reverse" if number in shown and len(shown) < len(PANEL_NUMBERS) else ""
            tabs.append(f"[{number}]{t(f'tab.{number}')}", style)
            tabs.append(" ")
        gap = width - cell_len(left) - tabs.cell_len
        if gap < 2:  # narrow terminal: the switcher matters more than the program's name
            left = t("title.short", **settings)
            text = Text(left, style="bold", no_wrap=True, overflow="ellipsis", end="")
            gap = width - cell_len(left) - tabs.cell_len
        if gap >= 2:
            text.append(" " * gap)
            text.append_text(tabs)
        # Changes only with the settings and the chosen panel, not with every frame. The highlight is a style,
        # not a character: keyed on the plain text alone, 2 3 4 kept "[1]net" highlighted.
        key = (text.plain, shown)
        if key != self._shown:
            self._shown = key
            self.update(text, layout=False)  # always one line
