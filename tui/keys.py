"""Key bindings shared by the screens that show a run (the app, compare mode, the lesson), so that a key
does the same thing on each. Each screen's BINDINGS lists its own keys and extends these. Descriptions
are tui/i18n.py table keys, translated by ``translate_bindings``. Only DRIVE_KEYS show in a footer; the
help screen and the command palette list the rest, and the app's footer shows a few more (the inits, compare,
the lesson, help)."""
from __future__ import annotations

from textual.binding import Binding

# Step, step back, run/pause (a footer shows the first key of each: space, not →).
DRIVE_KEYS = [
    Binding("space,right", "step", "key.step"),
    Binding("left", "back", "key.back", key_display="←"),
    Binding("r", "toggle_run", "key.run"),
]

# The init in turn: zeros, constant (the lecture's "identical but still moving"), random, xavier, he. The app's
# footer shows i (no other key reaches the constant init).
INIT_KEYS = [
    Binding("i", "cycle_init(1)", "key.next_init"),
    Binding("I", "cycle_init(-1)", "key.previous_init", show=False),
]

# Stride and speed; the run's activation and hidden units; export; scrolling the tall panels and moving the
# weights panel between hidden layers.
RUN_KEYS = [
    Binding("right_square_bracket", "stride(1)", "key.stride_up", show=False),
    Binding("left_square_bracket", "stride(-1)", "key.stride_down", show=False),
    Binding("greater_than_sign,full_stop", "faster", "key.faster", show=False),
    Binding("less_than_sign,comma", "slower", "key.slower", show=False),
    Binding("a", "cycle_activation(1)", "key.next_activation", show=False),
    Binding("A", "cycle_activation(-1)", "key.previous_activation", show=False),
    Binding("plus,equals_sign", "hidden(1)", "key.more_units", show=False),
    Binding("minus,underscore", "hidden(-1)", "key.fewer_units", show=False),
    Binding("s", "scale(1)", "key.larger_scale", show=False),
    Binding("S", "scale(-1)", "key.smaller_scale", show=False),
    Binding("e", "export('csv')", "key.export", show=False),
    Binding("E", "export('json')", "key.export_json", show=False),
    Binding("up", "scroll_panels(-1)", "key.scroll_up", show=False),
    Binding("down", "scroll_panels(1)", "key.scroll_down", show=False),
    Binding("w", "weights_layer(1)", "key.next_layer", show=False),
    Binding("W", "weights_layer(-1)", "key.previous_layer", show=False),
]

# The data, learning rate and seed: the app and compare mode (in the lesson each step sets them, and n
# is its next step).
SETTING_KEYS = [
    Binding("d", "cycle_dataset(1)", "key.next_dataset", show=False),
    Binding("D", "cycle_dataset(-1)", "key.previous_dataset", show=False),
    Binding("l", "learning_rate(1)", "key.larger_lr", show=False),
    Binding("L", "learning_rate(-1)", "key.smaller_lr", show=False),
    Binding("n", "seed(1)", "key.next_seed", show=False),
    Binding("N", "seed(-1)", "key.previous_seed", show=False),
]

# The four panels of one run: the app and the lesson (compare mode has three per side).
PANEL_KEYS = [
    Binding("1", "panel(1)", "key.network", show=False),
    Binding("2", "panel(2)", "key.weights", show=False),
    Binding("3", "panel(3)", "key.loss", show=False),
    Binding("4", "panel(4)", "key.boundary", show=False),
]

# A modal screen (help, the palette, a value prompt) hides the app's bindings: each lists this one, so ctrl+s
# saves what is on screen there too (the help lists ctrl+s while it is open).
SCREENSHOT_KEY = Binding("ctrl+s", "app.save_screenshot", "key.screenshot", show=False)
