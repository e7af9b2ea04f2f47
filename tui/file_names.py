"""The names of the files the app writes (``e``/``E`` exports, ``ctrl+s`` screenshots) say what was on screen, so
a class's files can be told apart and sorted by name. In order: the user (``$USER``, when set), the screen
(compare-A, lesson-step3; nothing for the main screen), the data set, the activation, the hidden layers (h4; h10x5
for --layers 10,5), the init and its scale, the iteration: "alice-flower-tanh-h4-zeros-iter100.csv",
"alice-compare-flower-tanh-h4-zeros-vs-random-0.01-iter100.svg"."""
from __future__ import annotations

import os

from engine.config import Config
from tui.run_side import file_part
from tui.widgets.run_frame import init_label


def network_part(config: Config) -> str:
    """The data and the network: "flower-tanh-h4", "moons-relu-h10x5"."""
    return f"{config.dataset}-{config.activation}-h{'x'.join(map(str, config.layers))}"


def file_name(*parts: str, iteration: int, ext: str) -> str:
    """``$USER``, then ``parts`` (empty ones left out), then the iteration: "alice-…-iter100.csv"."""
    named = (file_part(os.environ.get("USER", "")), *(file_part(part) for part in parts))
    return "-".join(part for part in named if part) + f"-iter{iteration}.{ext}"


def run_file_name(config: Config, iteration: int, ext: str, screen: str = "") -> str:
    """One run's file: "alice-lesson-step3-flower-tanh-h2-constant-0.5-iter12.svg"."""
    return file_name(screen, network_part(config), init_label(config), iteration=iteration, ext=ext)
