"""Every user-visible string of the app, in English and Korean, in one table.

``t(key, **values)`` looks a key up in the current language (falling back to English) and fills in
``{values}``. The language comes from ``--lang`` or, failing that, from LC_ALL / LANG ("ko…" → Korean);
it is set before the app is built, and ``translate_bindings`` gives each screen's key descriptions
(Binding descriptions here are table keys such as "key.step") their text in that language.
Widths on screen are measured with rich's cell widths (a Hangul syllable takes two cells), never len().
Contract words the lab scripts and tests read (``iter``, ``loss``, ``acc``, ``init``, ``k of n units distinct``,
``frozen``, ``diverged``) stay in English in both languages (the CONTRACT keys); the help says so. So do the
loss chart's tick labels (the CHART keys): plotext lays text out by characters, not cells, so Hangul there would
push the chart's frame out of line. The charts' legends are on the panels' borders, which Textual lays out by cells.
"""
from __future__ import annotations

import os
from typing import Mapping

from engine.messages import MESSAGES as ENGINE_MESSAGES

LANGUAGES = ("en", "ko")

_language = "en"


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """"ko" when LC_ALL (or, if unset, LANG) starts with "ko", else "en"."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LANG"):
        value = environ.get(name, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def set_language(language: str) -> None:
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"--lang must be one of {', '.join(LANGUAGES)}, got {language!r}")
    _language = language


def language() -> str:
    return _language


def t(key: str, /, **values) -> str:
    text = STRINGS[_language].get(key)
    if text is None:
        text = STRINGS["en"][key]
    return text.format(**values) if values else text


def error_text(error: BaseException) -> str:
    """An error's one line in the current language: the engine's errors by their key, others as they are."""
    key = getattr(error, "key", None)
    if key is None:
        return str(error)
    values = dict(error.values)
    if values.get("reason_key"):  # a file error's reason is a sentence of its own
        values["reason"] = t(values["reason_key"])
    return t(key, **values)


# A Config field as the app calls it: in the app a refusal names the setting, never its --option.
SETTING_LABELS = {"hidden": "setting.hidden", "lr": "setting.lr", "scale": "setting.scale", "seed": "setting.seed",
                  "samples": "setting.samples", "noise": "setting.noise", "layers": "setting.layers",
                  "features": "setting.features", "test-samples": "setting.test_samples"}  # errors name it as --test-samples


def app_error_text(error: BaseException) -> str:
    """An error in the app's words: a refused setting by what the student calls it ("64 hidden units is the
    most", "learning rate: must be greater than 0, not -1"); error_text's sentence for everything else."""
    key = getattr(error, "key", None)
    values = dict(getattr(error, "values", None) or {})
    name = values.get("name")
    if key == "config.scale_with_zeros":
        return t("app.no_scale")
    if key == "config.integer_range" and name == "hidden":
        return t("app.hidden_most", most=values["high"]) if values["value"] > values["high"] else (
            t("app.hidden_fewest", fewest=values["low"]))
    if key and name in SETTING_LABELS and f"app.{key}" in EN:
        return t(f"app.{key}", **values, label=t(SETTING_LABELS[name]))
    return error_text(error)


# Textual's own bindings, whose descriptions are not table keys: translated by their action.
_ACTION_KEYS = {"quit": "key.quit", "app.quit": "key.quit", "command_palette": "key.palette"}


def translate_bindings(node) -> None:
    """Give ``node``'s key bindings (a Textual App or Screen, just built) their descriptions in the current
    language. Call it from ``__init__``, after the base class's: Textual copies the class's BINDINGS into
    ``node._bindings`` there, and the Footer and the keys panel read the descriptions from that copy."""
    from dataclasses import replace

    def translated(binding):
        key = binding.description if binding.description in EN else _ACTION_KEYS.get(binding.action)
        if key is None:
            return binding
        return replace(binding, description=t(key), tooltip=t(key) if binding.tooltip else binding.tooltip)

    bindings = node._bindings
    # New lists: the copy Textual made shares them with the class's map (and with every other instance).
    bindings.key_to_bindings = {key: [translated(b) for b in key_bindings]
                                for key, key_bindings in bindings.key_to_bindings.items()}


EN: dict[str, str] = {
    # -- contract words: the same in every language (lab scripts and tests read them) -------------------
    "status.iter": "iter {iteration}",
    "status.loss": "loss {loss}",
    "status.loss_none": "loss —",
    "status.distinct": "{k} of {n} units distinct",
    "status.distinct_layers": "{counts} units distinct",
    "status.layer_distinct": "{k} of {n}",
    "status.frozen": "frozen",
    "status.diverged": "diverged",
    "status.init": "init {init}",
    "status.acc": "acc {acc}",
    "status.test": "test {acc}",
    # -- the status bar and the title bar -----------------------------------------------------------------
    "status.lr": "lr {lr}",
    "status.stride": "step ×{stride}",
    "status.running": "▶ running {speed}",
    "status.paused": "paused (r runs at {speed})",
    "speed.max": "max it/s",
    "speed.per_second": "{speed} it/s",
    "speed.until": "at full speed to iteration {iteration}",
    "title.full": " shallow-tui · {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "title.short": " {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "tab.1": "net",
    "tab.2": "weights",
    "tab.3": "loss",
    "tab.4": "boundary",
    # -- the explanation line -------------------------------------------------------------------------------
    "explain.diverged": ("diverged: the loss became infinite or NaN and training stopped — lower the learning rate "
                         "(L) or press x to start again"),
    "explain.frozen_zero_tanh_still": ("frozen: zero weights with tanh: every weight gradient is exactly 0, and db2 "
                                       "too (the classes are balanced) — press x for random init"),
    "explain.frozen_zero_tanh": ("frozen: zero weights with tanh: every weight gradient is exactly 0; only the output "
                                 "bias moves (db2 = {db2}), shifting all predictions alike"),
    "explain.frozen": "frozen: every weight gradient is exactly 0, so no weight can move — press x for random init",
    "explain.symmetric": ("symmetric: all {n_h} hidden units are identical and get identical gradient rows; they "
                          "will stay identical — press x for random init"),
    "explain.partly": ("partly symmetric: the {n_h} units are only {k} distinct kinds; units of a kind get identical "
                       "gradient rows and will stay identical — press x for random init"),
    "explain.saturated_start": ("saturated start: {share} of |Z1| is above 3, where {activation}′ < {slope} — "
                                "step on to see how it learns against the same network at ×0.01"),
    "explain.saturated_slower": ("saturated start ({share} of |Z1| > 3 at iteration 0): after {iterations} "
                                 "iterations acc {acc}, against {reference} at ×0.01 — this start learns slower"),
    "explain.saturated_same": ("saturated start ({share} of |Z1| above 3 at iteration 0), yet after {iterations} "
                               "iterations acc {acc}, about what the same network at ×0.01 has ({reference})"),
    "explain.saturated_faster": ("saturated start ({share} of |Z1| above 3 at iteration 0), yet after {iterations} "
                                 "iterations acc {acc}, ahead of the same network at ×0.01 ({reference})"),
    "explain.unstable": ("unstable: the loss rose from {start} at iteration 0 to {loss} (a coin flip: 0.693), so "
                         "steps this large overshoot — L lowers the learning rate, x restarts"),
    "explain.ready": ("iteration 0: the {n_h} units start different (smallest gap {gap}), so each will get its own "
                      "gradient — space steps, r runs"),
    "explain.one_unit_ready": ("iteration 0: one hidden unit can only draw one straight-line boundary — + adds units, "
                               "space steps"),
    "explain.learning": ("learning: the loss fell from {start} at iteration 0; the {n_h} units differ, so each "
                         "learns its own feature"),
    "explain.one_unit": ("learning: the loss fell from {start} at iteration 0, but one hidden unit can only draw one "
                         "straight-line boundary — + adds units"),
    "explain.not_falling": ("the loss has not fallen below its start ({start} at iteration 0) — try another learning "
                            "rate (l / L)"),
    "explain.barely": ("the loss has hardly moved: still {start} at 4 decimals, as at iteration 0 — step on (] for "
                       "longer strides) or try another learning rate (l / L)"),
    "explain.one_unit_barely": ("the loss has hardly moved from {start} at iteration 0, and one hidden unit can only "
                                "draw one straight-line boundary — + adds units"),
    "explain.learning_now": "the {n_h} units differ, so each learns its own feature",
    "explain.one_unit_now": "one hidden unit can only draw one straight-line boundary — + adds units",
    "first_screen.lesson": "new here? g: a {steps}-step lesson on why weights start random · i: other inits",
    "first_screen.lesson_short": "new here? g: a {steps}-step lesson",
    # -- panels ---------------------------------------------------------------------------------------------
    "panel.network": "Network",
    "panel.weights": "Weights",
    "panel.weights_at": "Weights · iter {iteration}",
    "panel.boundary": "Decision boundary ŷ(x1,x2)",
    "panel.boundary_legend": "○ class 0 · ● class 1 · dark ŷ→0 light ŷ→1",
    "diagram.inputs": "in",
    "diagram.unit": "unit",
    "diagram.edges": " edges: ┄ small ─ mid ━ large, + − 0 sign",
    "diagram.inputs_are": " inputs: {inputs}",
    "diagram.edges_first_two": " (edges from i1, i2 only)",
    "diagram.pictures": " A1: dark low, light high; ≡A same unit",
    "weights.unit": "unit",
    "weights.identical_units": "identical units: ",
    "weights.identical_grads": "identical gradient rows: ",
    "weights.smallest_gap": "smallest gap between units: ",
    "weights.exactly_zero": "0.0 (exactly: bit-identical)",
    "weights.none": "none",
    "layers.title": "{count} hidden layers: {sizes}",
    "layers.layer": "layer {l}: {k} of {n} units distinct · smallest gap {gap}",
    "layers.signal": "  spread of A{l} {spread} · rms of dW{l} {rms}",
    "layers.identical": "  identical: {groups}",
    "layers.output": "output ŷ (layer {l}): rms of dW{l} {rms}",
    "weights.one_unit": "one hidden unit: no gap to measure",
    "weights.layers": "hidden layer (units):",
    "weights.layer_keys": "w W: other layer",
    "weights.outgoing": "layer {l}'s outgoing weights: W{next}, in layer {next}'s table",
    "weights.one_unit_layer": "one unit: no gap to measure",
    "panel.weights_layer_at": "Weights · layer {l} of {count} · iter {iteration}",
    # -- the loss charts' legends, on their borders (Textual lays them out by cells) ------------------------
    "chart.title": "{accuracy} · {loss} (left axis)",
    "chart.title_test": "{accuracy} · {test} · {loss} (left axis)",
    "chart.test": "test accuracy",
    "chart.subtitle": "{gap} (right axis, log) · iteration →",
    "chart.accuracy": "Accuracy",
    "chart.loss": "loss",
    "chart.gap": "unit gap",
    "compare.chart_side": "{side} {init}: loss {loss} gap {gap}",
    "compare.chart_axes": "loss: left axis · unit gap: right axis, log · iteration →",
    # -- chart ticks: plotext counts characters, not cells, so ASCII in every language -----------------------
    "chart.exact_zero": "0 exact",
    "chart.above_zero": "> 0",
    # -- key descriptions (footer, keys panel) -------------------------------------------------------------
    "key.step": "step",
    "key.back": "back",
    "key.run": "run",
    "key.zeros": "zeros",
    "key.random": "random",
    "key.compare": "compare",
    "key.help": "help",
    "key.quit": "quit",
    "key.palette": "palette",
    "key.stride_up": "stride up",
    "key.stride_down": "stride down",
    "key.faster": "faster",
    "key.slower": "slower",
    "key.next_init": "next init",
    "key.previous_init": "previous init",
    "key.next_activation": "next activation",
    "key.previous_activation": "previous activation",
    "key.next_dataset": "next dataset",
    "key.previous_dataset": "previous dataset",
    "key.more_units": "more units",
    "key.fewer_units": "fewer units",
    "key.next_layer": "weights: next layer",
    "key.previous_layer": "weights: previous layer",
    "key.larger_lr": "larger lr",
    "key.smaller_lr": "smaller lr",
    "key.larger_scale": "larger scale",
    "key.smaller_scale": "smaller scale",
    "key.next_seed": "next seed",
    "key.previous_seed": "previous seed",
    "key.network": "network",
    "key.weights": "weights",
    "key.loss": "loss",
    "key.boundary": "boundary",
    "key.screenshot": "screenshot",
    "key.scroll_up": "scroll up",
    "key.scroll_down": "scroll down",
    "key.page_up": "page up",
    "key.page_down": "page down",
    "key.close": "close",
    "key.cancel": "cancel",
    "key.next": "next",
    "key.previous": "previous",
    "key.leave": "leave",
    "key.export_json": "export JSON",
    # -- the app's messages --------------------------------------------------------------------------------
    "app.diverged_already": "the run diverged: lower the learning rate (L) or reset (z / x) first",
    "app.diverged_at": ("diverged at iteration {iteration}: the loss is no longer finite, training stopped; "
                        "← steps back, z / x reset, L lowers the learning rate"),
    "app.training_stopped": "training stopped: {error}",
    "crash.line": ("shallow-tui stopped on an unexpected error: {error} ({where}). The full report (traceback, "
                   "version, settings, last keys) is in {path}"),
    "crash.line_unsaved": ("shallow-tui stopped on an unexpected error: {error} ({where}). The report could not "
                           "be saved ({reason}); its traceback follows."),
    "app.at_start": "already at iteration 0",
    "app.restarted": "{what}: the run starts again at iteration 0",
    "app.reset": "reset",
    "app.lr_largest": "learning rate {lr} is already the largest choice",
    "app.lr_smallest": "learning rate {lr} is already the smallest choice",
    "app.scale_largest": "scale {scale} is already the largest choice",
    "app.scale_smallest": "scale {scale} is already the smallest choice",
    "app.all_panels": "all four panels are on screen",
    "app.screenshot_saved": "screenshot saved to {path}",
    "app.screenshot_failed": "screenshot {error}",
    "app.screenshot_error": "screenshot not saved: {error}",
    "app.too_small": ("shallow-tui needs at least {min_width}×{min_height} characters.\n"
                      "This terminal is {width}×{height}: please enlarge it.\n"
                      "Until then no key changes anything (q quits)."),
    "app.quit_hint": "Press [b]{key}[/b] to quit the app",
    "app.quit_title": "Do you want to quit?",
    "app.no_scale": "zeros has no scale: press i or x first",
    "app.hidden_most": "{most} hidden units is the most",
    "app.hidden_fewest": "{fewest} hidden unit is the fewest",
    # a refused setting in the app's words (engine/messages.py's config.* say them with --options)
    "app.config.choice": "{label}: one of {choices}, not {value!r}",
    "app.config.integer": "{label}: a whole number, not {value!r}",
    "app.config.integer_range": "{label}: a whole number from {low} to {high}, not {value}",
    "app.config.number": "{label}: a number, not {value!r}",
    "app.config.huge_integer": "{label}: far too large (about {sign}10^{power})",
    "app.config.finite": "{label}: a finite number, not {value}",
    "app.config.greater": "{label}: greater than {minimum:g}, not {value:g}",
    "app.config.at_least": "{label}: at least {minimum:g}, not {value:g}",
    "app.config.too_large": "{label}: {value:g} is too large to be useful",
    "app.config.list_empty": "{label}: at least one, like {example}",
    "app.config.list_syntax": "{label}: a list with commas, like {example}, not {value!r}",
    "app.config.sizes_range": "{label}: {low} to {high} units in each layer, not {value}",
    "app.config.sizes_count": "{label}: at most {most} hidden layers, not {count}",
    "app.config.names_unknown": "{label}: there is no {value!r}; choose from {choices}",
    "app.config.names_twice": "{label}: {value!r} is there twice",
    "app.one_hidden_layer": "one hidden layer: nothing to move to (ctrl+p, Type hidden layers… gives more)",
    # -- help ----------------------------------------------------------------------------------------------
    "help.title": "Help · keys",
    "help.drive": "Drive training",
    "help.change": "Change the run (each change starts again at iteration 0)",
    "help.look": "Look",
    "help.lesson_keys": "The lesson",
    "help.lesson_next": "next step: its network, text and panel",
    "help.lesson_previous": "previous step",
    "help.lesson_leave": "leave the lesson for free play (your own run is as you left it)",
    "help.step": "one step (of the current stride)",
    "help.back": "one step back (exact: replays from a checkpoint)",
    "help.stride": "stride up / down: 1, 10, 100, 1000 iterations per step",
    "help.run": "run / pause continuous training",
    "help.speed": "faster / slower auto-run (iterations per second, up to max)",
    "help.zeros": "reset with zero weights",
    "help.random": "reset with small random weights (randn × 0.01)",
    "help.init": "next / previous init scheme: zeros constant random xavier he",
    "help.activation": "next / previous hidden activation: tanh sigmoid relu leaky_relu",
    "help.dataset": "next / previous data set",
    "help.hidden": "more / fewer hidden units (1 to 64)",
    "help.lr": "larger / smaller learning rate",
    "help.scale": "larger / smaller init scale",
    "help.seed": "next / previous seed",
    "help.panels": "show the network, weights, loss or boundary panel (small terminals)",
    "help.weights_layer": "weights panel: next / previous hidden layer (several hidden layers)",
    "help.scroll": "scroll the network and weights panels (many hidden units)",
    "help.palette": "command palette: every action by name",
    "help.screenshot": "save an SVG screenshot in the working directory",
    "help.help": "this help",
    "help.quit": "quit",
    "help.why": ("Why random init? With equal weights every hidden unit computes the same function and gets "
                 "the same gradient, so they stay identical forever: watch \"1 of 4 units distinct\"."),
    "help.contract": ("The status bar's iter, loss, acc, init, k of n units distinct, frozen and diverged are the "
                      "same words in every language: lab scripts and tests read them."),
    "help.chart": ("On the loss chart the unit gap (right axis, log scale) keeps its bottom row, {exact}, for a gap "
                   "that is exactly 0: identical units."),
    "help.close": "Press escape, q, ? or F1 to close.",
    # -- the command palette -------------------------------------------------------------------------------
    "palette.placeholder": "Search for commands…",
    "palette.no_matches": "No matches found",
    "palette.current": " (current)",
    "palette.resets": "resets",
    "palette.step": "Step",
    "palette.step.help": "train one stride",
    "palette.back": "Step back",
    "palette.back.help": "return one stride, exactly",
    "palette.run": "Run / pause",
    "palette.run.help": "continuous training",
    "palette.faster": "Faster",
    "palette.faster.help": "more iterations per second",
    "palette.slower": "Slower",
    "palette.slower.help": "fewer iterations per second",
    "palette.stride": "Stride {stride}",
    "palette.stride.help": "iterations per step key",
    "palette.zeros": "Reset with zeros",
    "palette.zeros.help": "init zeros, iteration 0",
    "palette.random": "Reset with random",
    "palette.random.help": "init random (randn × 0.01), iteration 0",
    "palette.init": "Init {scheme}{current}",
    "palette.activation": "Activation {name}{current}",
    "palette.dataset": "Dataset {name}{current}",
    "palette.hidden": "Hidden units {hidden}{current}",
    "palette.layers": "Hidden layers {layers}{current}",
    "palette.features": "Inputs {features}{current}",
    "palette.lr": "Learning rate {lr}{current}",
    "palette.scale": "Scale {scale}{current}",
    "palette.scale.help": "init scale; resets",
    "palette.seed": "Seed {seed} (next)",
    "palette.seed.help": "new data and weights; resets",
    "palette.panel": "Show panel {number}: {name}",
    "palette.panel.help": "small terminals",
    "palette.next_layer": "Weights panel: next hidden layer",
    "palette.previous_layer": "Weights panel: previous hidden layer",
    "palette.layer.help": "w and W; with several hidden layers",
    "palette.panel.1": "network",
    "palette.panel.2": "weights",
    "palette.panel.3": "loss chart",
    "palette.panel.4": "decision boundary",
    "palette.compare": "Compare zeros vs random",
    "palette.lesson": "Lesson: why random init",
    "palette.lesson_next": "Next lesson step",
    "palette.lesson_previous": "Previous lesson step",
    "palette.lesson_steps.help": "n / p: the step's network, text and panel",
    "palette.lesson_leave": "Leave the lesson",
    "palette.lesson_leave.help": "esc: back to your own run",
    "palette.export": "Export history (CSV)",
    "palette.export_json": "Export history as JSON",
    "palette.screenshot": "Save screenshot (SVG)",
    "palette.screenshot.help": "to the working directory",
    "palette.help": "Help",
    "palette.help.help": "every key",
    "palette.quit": "Quit",
    "palette.quit.help": "leave shallow-tui",
    "palette.theme": "Theme",
    "palette.theme.help": "Change the current theme",
    "palette.keys": "Keys",
    "palette.keys.show": "Show help for the focused widget and a summary of available keys",
    "palette.keys.hide": "Hide the keys and widget help panel",
    # -- typing a value ------------------------------------------------------------------------------------
    "setting.lr": "learning rate",
    "setting.scale": "init scale",
    "setting.seed": "seed",
    "setting.hidden": "hidden units",
    "setting.samples": "samples",
    "setting.noise": "noise",
    "setting.layers": "hidden layers",
    "setting.features": "inputs",
    "setting.test_samples": "test examples",
    "setting.layers.hint": "sizes with commas, e.g. 10,5 (1 to 4 layers of 1 to 64 units)",
    "setting.features.hint": "with commas, from x1 x2 x1sq x2sq x1x2 sinx1 sinx2, e.g. x1,x2,x1x2",
    "setting.type": "Type {label}…",
    "setting.type.help": "any value; resets the run",
    "setting.prompt": "{label} (now {value}): type a value, enter sets it and restarts the run, escape cancels",
    "setting.not_integer": "{label}: a whole number, not {text}",
    "setting.not_number": "{label}: a number, not {text}",
    "setting.prompt_both": "{label} (now {value}): type a value, enter sets it for both sides and restarts them, escape cancels",
    # -- the command line's --help -------------------------------------------------------------------------
    "cli.description": "Train a small network (one hidden layer or more) step by step and see why its weights must start random.",
    "cli.headless": "train without a UI; print one JSON object",
    "cli.samples": "number of examples, at least 4 (400)",
    "cli.noise": "noise of the data (the data set's own)",
    "cli.hidden": "hidden units, 1 to 64 (4); the same as --layers N",
    "cli.layers": "hidden layer sizes, e.g. 10,5: 1 to 4 layers of 1 to 64 units (the --hidden value)",
    "cli.features": "inputs, from x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 (x1,x2)",
    "cli.test_samples": "a test set of K examples from seed + 1 (0: none)",
    "cli.init_seed": "seed of the initial weights (seed + 1)",
    "cli.scale": "random: randn multiplier (0.01); constant: the value (0.5); xavier/he: multiplier (1)",
    "cli.lr": "learning rate, > 0 (1.2)",
    "cli.seed": "seed of the data, and of the weights unless --init-seed (1)",
    "cli.steps": ("iterations to train: headless (10000), or where the app opens its run (0); not with --lesson "
                  "or --compare"),
    "cli.every": "add a history entry every K iterations (headless)",
    "cli.compare": "open zeros and random side by side (app)",
    "cli.lesson": "open the guided lesson: why weights start random (app)",
    "cli.lang": "language of the app: en, ko (from LC_ALL / LANG, else en)",
    "cli.export": "with --headless: write the history to PATH (.csv or .json); never overwrites a file",
    "cli.serve": "serve the app in a browser (needs the 'serve' extra)",
    "cli.host": "with --serve: address to bind (127.0.0.1)",
    "cli.port": "with --serve: port, 1 to 65535 (8000)",
    "cli.max_sessions": "with --serve: at most N sessions (browser tabs) at once; the next tab is told why (no limit)",
    # -- serving -------------------------------------------------------------------------------------------
    "serve.missing": ("--serve needs textual-serve: pip install 'shallow-tui[serve]' (or pip install "
                      "'textual-serve>=1.1,<2')"),
    "serve.serving": "shallow-tui: serving on {address}{limit} (ctrl+c stops)",
    "serve.serving_everywhere": ("shallow-tui: serving on every address of this machine, e.g. {address}{limit} "
                                 "(ctrl+c stops)"),
    "serve.limit": ", at most {limit} sessions at once",
    "serve.refused_log": "shallow-tui: turned a browser away ({peer}): all --max-sessions {limit} places are taken",
    "serve.page.start": "Start",
    "serve.page.ended": "This session has ended: the app quit, or the connection to the server was lost.",
    "serve.page.again": "Start again",
    "serve.full.title": "shallow-tui: no free session",
    "serve.full.heading": "This lab server is full",
    "serve.full.why": ("It runs one shallow-tui session per browser tab, at most {limit} at the same time "
                       "(--max-sessions {limit}), and every place is taken now."),
    "serve.full.what_to_do": ("A place frees as soon as someone closes their tab: close a shallow-tui tab you no "
                              "longer need, or try again in a moment."),
    "serve.full.again": "Try again",
    # -- app (keys added by issue 4) --------------------------------------------------------------------
    "key.lesson": "lesson",
    "key.export": "export",
    "help.compare": "compare two initialisations side by side, in lockstep",
    "help.lesson": "the guided lesson: why weights must start random (9 steps)",
    "help.export": "export the run's history to the working directory: e as CSV, E as JSON",
    # -- compare mode -----------------------------------------------------------------------------------
    "compare.title": " compare · {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "compare.details": "details: side {side}",
    "compare.side": "side {side}: {init}",
    "compare.keys.step": "space step",
    "compare.keys.back": "← back",
    "compare.keys.run": "r run",
    "compare.keys.flip": "tab flip",
    "compare.keys.panel": "1 2 3 panel",
    "compare.keys.palette": "^p set side",
    "compare.keys.leave": "c leave",
    "keyline.help": "? help",
    "compare.flip": "flip side",
    "compare.leave": "leave compare",
    "compare.both_panels": "both sides' panels are on screen",
    "compare.set": "side {side}: {init}; both runs start again at iteration 0",
    "compare.reset": "{what}: both runs start again at iteration 0",
    "compare.only_biases": "only the biases random",
    "compare.w1_random": "W1 random, W2 zeros",
    "compare.w2_random": "W2 random, W1 zeros",
    "compare.cmd.init": "Side {side}: init {scheme}",
    "compare.cmd.scale": "Side {side}: scale {scale}",
    "compare.cmd.preset": "Side {side}: {preset}",
    "compare.cmd.resets": "both sides start again at iteration 0",
    "compare.cmd.flip": "Compare: flip which side's panels show",
    "compare.cmd.leave": "Compare: leave",
    "compare.paused": "paused",
    "compare.running": "▶ running",
    "compare.diverged": "side {side} diverged at iteration {iteration}; the other side goes on",
    # -- export -----------------------------------------------------------------------------------------
    "export.done": "exported {records} records (iterations 0…{iteration}, every {stride}) to {path}",
    "export.renamed": "{name} already existed, so the export went to {path}",
    "export.done_one": "exported {records} record (iterations 0…{iteration}, every {stride}) to {path}",
    "export.started": "exporting iterations 0…{iteration} to {names} …",
    "export.busy": "an export is still being written; wait for its message",
    "export.broke": "not exported: {reason}",
    # -- the lesson -------------------------------------------------------------------------------------
    "lesson.title": "Lesson {n} of {total} · {title}",
    "lesson.keys": "n next · p previous · space step · r run · < > speed · esc leave",
    "lesson.first": "this is the first step",
    "lesson.last": "this is the last step: press escape for free play",
    "lesson.fixed": "in the lesson each step sets the data set, learning rate and seed: esc leaves it for free play",
    "lesson.changed": "now {what}: the text still describes the step's own network (another step and back restores it)",
    "key.lesson_fixed": "set by the lesson step",
    "lesson.1.title": "two zero units",
    "lesson.1.body": (
        "n0 = 2 inputs, n1 = 2 hidden units, W1 = 0 (2×2), b1 = 0. For every example both hidden units "
        "compute the same thing: z = 0·x + 0, a = tanh(0).\n"
        "Example 1, x = ({x1}, {x2}):  a[1]_1 = {a1}   a[1]_2 = {a2}\n"
        "Look at the weights panel: rows h1 and h2 carry the same mark ≡A."),
    "lesson.2.title": "equal gradients",
    "lesson.2.body": (
        "Backprop: dz[1]_1 = dz[1]_2 for every example, so dW1 has two equal rows. Here every weight "
        "starts at 0.5 (with 0 both rows would be 0, equal too):\n"
        "dW1 row 1 = {row1}\n"
        "dW1 row 2 = {row2}\n"
        "The weights panel lists them under 'identical gradient rows'."),
    "lesson.3.title": "induction",
    "lesson.3.body": (
        "The update W1 := W1 − α·dW1 subtracts equal rows from equal rows, so the rows stay equal — at "
        "every iteration, by induction. Press space to step (] first: 10 iterations a step) and watch the gap: "
        "it stays exactly 0.0, bit for bit."),
    "lesson.4.title": "frozen, or one unit",
    "lesson.4.body": (
        "With tanh and W = 0 nothing moves at all: tanh(0) = 0 gives dW2 = 0 and W2 = 0 gives dZ1 = 0 "
        "(press z: 'frozen'). With a constant 0.5 the 4 units move, but together: after {iterations} "
        "iterations this net has {acc}, about what a one-unit net reaches ({acc1}), while 4 random units "
        "reach {acc4}. Four identical units do no more than one."),
    "lesson.5.title": "more units and inputs: still symmetric",
    "lesson.5.body": (
        "The lecture's three inputs x1, x2, x1·x2 (n0 = {n0}) and {units} hidden units, every weight starting at "
        "0.5. After {iterations} iterations every row of W1 is still {w} and every row of dW1 {dw}: {distinct} of "
        "{units} units distinct, gap exactly {gap}. Every thumbnail in the network panel is the same picture. More "
        "units or more inputs change nothing: equal rows get equal gradients."),
    "lesson.6.title": "the fix: random",
    "lesson.6.body": (
        "W1 = np.random.randn(n1, n0)·0.01, b1 = 0. The units start different, get different gradients "
        "and diverge: press r and watch the boundary bend (≈ 90% after 10 000 iterations). b needs no random start: "
        "once W breaks the symmetry, the biases follow."),
    "lesson.7.title": "why small",
    "lesson.7.body": (
        "Random but ×{scale}: at iteration 0, {saturated} of |Z1| lie above 3, where tanh′ < 0.01 shrinks every "
        "gradient passing back through it, and the loss starts at {loss0} (a coin flip: 0.693). {pace} "
        "Press s / S to change the scale, then r."),
    "lesson.pace.slower": ("After {iterations} iterations the accuracy is {acc}; the same network at ×0.01 has "
                           "{reference}: the large start learns slower."),
    "lesson.pace.same": ("After {iterations} iterations the accuracy is {acc}, about what the same network at ×0.01 "
                         "has ({reference})."),
    "lesson.pace.faster": ("After {iterations} iterations the accuracy is {acc}, ahead of the same network at ×0.01 "
                           "({reference})."),
    "lesson.8.title": "deep nets want other constants",
    "lesson.8.body": (
        "{depth} tanh layers of {units} units at iteration 0: spread (std) of A1…A{depth}, rms of dW1:\n"
        "{table}\n"
        "At ×0.01 the spread shrinks {low}× to {high}× per layer (about 1/(0.01·√{units}) = {expected}): "
        "A{depth} ends {vanish}× below Xavier's, dW1 {grad}× below. Xavier randn·√(1/n_prev) and "
        "He randn·√(2/n_prev) keep every layer above {alive}. This run: ×0.01, per layer in the network panel; "
        "i for Xavier, again for He."),
    "lesson.9.title": "symmetry breaking",
    "lesson.9.body": (
        "Constant 0.5 plus ε = 1e-12 on one weight (W1[1,1]). The symmetric state is an unstable fixed "
        "point: the gap grows exponentially (a straight line on the log chart). Press r: after 10 000 "
        "iterations the two units still differ by only ~0.005, and they part for real only after ~16 000 "
        "(the loss then drops from 0.643 to 0.596). Random init does in one step what waiting takes "
        "thousands of iterations to do."),
    # -- command-line errors (one line on stderr; "shallow-tui: error:" stays as argparse writes it) -----
    "cli.error.lang": "--lang must be one of {choices}, got {value!r}",
    "cli.error.export_needs_headless": "--export works with --headless; in the app press e",
    "cli.error.every_needs_headless": "--every works with --headless; in the app e and E export the history",
    "cli.error.serve_headless": "--serve and --headless do not go together",
    "cli.error.lesson_headless": "--lesson opens the app; leave out --headless",
    "cli.error.lesson_compare": "choose --lesson or --compare, not both (compare mode is one key away: c)",
    "cli.error.steps_lesson_compare": ("--steps opens the app's own run at that iteration; the lesson and compare "
                                       "mode start at 0: leave out --steps, or open the app and press c or g there"),
    "cli.error.port_needs_serve": "--port works with --serve",
    "cli.error.host_needs_serve": "--host works with --serve",
    "cli.error.port_range": "--port must be an integer from 1 to 65535, got {value}",
    "cli.error.needs_headless": "{option} works with --headless",
    "cli.error.hidden_and_layers": "--hidden N is --layers N: give one of them, not both",
    "cli.error.needs_serve": "{option} works with --serve",
    "cli.error.not_headless": "{option} works in the app; leave out --headless",
    "cli.error.export_exists": "--export {path} already exists; it is never overwritten: choose another name",
    "cli.error.export_no_directory": "--export: the directory {directory} does not exist",
    "cli.error.export_read_only": "--export: the directory {directory} is not writable",
    "cli.error.serve_failed": "--serve could not listen on {host}:{port}: {error}",
    "cli.error.max_sessions_needs_serve": "--max-sessions works with --serve",
    "cli.error.max_sessions_range": "--max-sessions must be an integer of at least 1, got {value}",
    "cli.see_help": "(see {prog} --help)",
    "cli.usage": "usage: ",
    "cli.options": "options",
    "cli.help": "show this help message and exit",
    "cli.argparse.expected_one": "argument {option}: expected one argument",
    "cli.argparse.not_integer": "argument {option}: invalid int value: {value}",
    "cli.argparse.not_number": "argument {option}: invalid float value: {value}",
    "cli.argparse.unrecognized": "unrecognized arguments: {arguments}",
    "cli.argparse.ambiguous": "ambiguous option: {option} could match {choices}",
    "cli.exported": "exported {records} records (every {stride}) to {path}",
    "cli.exported_downsampled": "exported {records} records (every {stride}, downsampled; --every K sets it) to {path}",
}
# The engine's own sentences (setting and file errors) are English in engine/messages.py; they join the
# table here, and KO below says each of them in Korean, with the same {fields}.
EN.update(ENGINE_MESSAGES)

KO: dict[str, str] = {
    "status.iter": "iter {iteration}",
    "status.loss": "loss {loss}",
    "status.loss_none": "loss —",
    "status.distinct": "{k} of {n} units distinct",
    "status.distinct_layers": "{counts} units distinct",
    "status.layer_distinct": "{k} of {n}",
    "status.frozen": "frozen",
    "status.diverged": "diverged",
    "status.init": "init {init}",
    "status.acc": "acc {acc}",
    "status.test": "test {acc}",
    "status.lr": "lr {lr}",
    "status.stride": "스텝 ×{stride}",
    "status.running": "▶ 실행 중 {speed}",
    "status.paused": "멈춤 (r: {speed}로 실행)",
    "speed.max": "최대 it/s",
    "speed.per_second": "{speed} it/s",
    "speed.until": "(반복 {iteration}까지 최고 속도)",
    "title.full": " shallow-tui · {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "title.short": " {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "tab.1": "신경망",
    "tab.2": "가중치",
    "tab.3": "손실",
    "tab.4": "경계",
    "explain.diverged": "diverged: 손실이 무한대나 NaN이 되어 학습이 멈췄습니다 — 학습률을 낮추거나 (L) x로 다시 시작하세요",
    "explain.frozen_zero_tanh_still": ("frozen: tanh에서 가중치가 0이면 모든 가중치 기울기가 정확히 0이고, db2도 "
                                       "0입니다 (두 클래스의 예제 수가 같음) — x로 무작위 초기화"),
    "explain.frozen_zero_tanh": ("frozen: tanh에서 가중치가 0이면 모든 가중치 기울기가 정확히 0입니다. 출력 편향만 "
                                 "움직여 (db2 = {db2}) 모든 예측을 똑같이 옮깁니다"),
    "explain.frozen": "frozen: 모든 가중치 기울기가 정확히 0이라 어떤 가중치도 움직이지 않습니다 — x로 무작위 초기화",
    "explain.symmetric": ("대칭: 은닉 유닛 {n_h}개가 모두 같고 같은 기울기 행을 받으므로 계속 같습니다 — x로 "
                          "무작위 초기화"),
    "explain.partly": ("부분 대칭: 유닛 {n_h}개가 서로 다른 {k}가지뿐입니다. 같은 종류의 유닛은 같은 기울기 행을 받아 "
                       "계속 같습니다 — x로 무작위 초기화"),
    "explain.saturated_start": ("포화된 시작: |Z1|의 {share}가 3보다 크고, 그곳에서 {activation}′ < {slope}입니다 — "
                                "space로 진행하며 ×0.01로 시작한 같은 신경망과 학습 속도를 비교해 보세요"),
    "explain.saturated_slower": ("포화된 시작 (반복 0에서 |Z1|의 {share}가 3보다 큼): 반복 {iterations}번 후 정확도 {acc}, "
                                 "×0.01로 시작한 같은 신경망은 {reference}: 더 느리게 배웁니다"),
    "explain.saturated_same": ("포화된 시작 (반복 0에서 |Z1|의 {share}가 3보다 큼)인데도 반복 {iterations}번 후 정확도 "
                               "{acc}, ×0.01로 시작한 같은 신경망({reference})과 비슷합니다"),
    "explain.saturated_faster": ("포화된 시작 (반복 0에서 |Z1|의 {share}가 3보다 큼)인데도 반복 {iterations}번 후 정확도 "
                                 "{acc}, ×0.01로 시작한 같은 신경망({reference})보다 앞섭니다"),
    "explain.unstable": ("불안정: 손실이 반복 0의 {start}에서 {loss}로 올랐습니다 (동전 던지기: 0.693). 스텝이 "
                         "너무 커서 지나칩니다 — L로 학습률 낮추기, x로 다시 시작"),
    "explain.ready": ("반복 0: 유닛 {n_h}개가 서로 다르게 시작하므로 (가장 작은 간격 {gap}) 각자 다른 기울기를 받게 "
                      "됩니다 — space로 한 스텝, r로 실행"),
    "explain.one_unit_ready": "반복 0: 은닉 유닛 하나로는 직선 경계 하나만 그릴 수 있습니다 — +로 유닛 추가, space로 한 스텝",
    "explain.learning": "학습 중: 손실이 반복 0의 {start}에서 줄었습니다. 유닛 {n_h}개가 서로 달라 각자 자기 특징을 배웁니다",
    "explain.one_unit": ("학습 중: 손실이 반복 0의 {start}에서 줄었지만, 은닉 유닛 하나로는 직선 경계 하나만 그릴 수 "
                         "있습니다 — +로 유닛 추가"),
    "explain.not_falling": "손실이 시작 값(반복 0의 {start})보다 줄지 않았습니다 — 다른 학습률을 써 보세요 (l / L)",
    "explain.barely": ("손실이 거의 움직이지 않았습니다: 소수 넷째 자리까지 반복 0과 같은 {start}입니다 — 계속 "
                       "스텝하거나 (]로 더 긴 스텝) 다른 학습률을 써 보세요 (l / L)"),
    "explain.one_unit_barely": ("손실이 반복 0의 {start}에서 거의 움직이지 않았고, 은닉 유닛 하나로는 직선 경계 하나만 "
                                "그릴 수 있습니다 — +로 유닛 추가"),
    "explain.learning_now": "유닛 {n_h}개가 서로 달라 각자 자기 특징을 배웁니다",
    "explain.one_unit_now": "은닉 유닛 하나로는 직선 경계 하나만 그릴 수 있습니다 — +로 유닛 추가",
    "first_screen.lesson": "처음이라면 g: 가중치를 왜 무작위로 시작하는지 {steps}단계 수업 · i: 다른 초기화",
    "first_screen.lesson_short": "처음이라면 g: {steps}단계 수업",
    "panel.network": "신경망",
    "panel.weights": "가중치",
    "panel.weights_at": "가중치 · iter {iteration}",
    "panel.boundary": "결정 경계 ŷ(x1,x2)",
    "panel.boundary_legend": "○ 클래스 0 · ● 클래스 1 · 어두움 ŷ→0 밝음 ŷ→1",
    "diagram.inputs": "입력",
    "diagram.unit": "유닛",
    "diagram.edges": " 선: ┄ 작음 ─ 중간 ━ 큼, + − 0 부호",
    "diagram.inputs_are": " 입력: {inputs}",
    "diagram.edges_first_two": " (선은 i1, i2에서만)",
    "diagram.pictures": " A1: 어두우면 낮음, 밝으면 높음; ≡A 같은 유닛",
    "weights.unit": "유닛",
    "weights.identical_units": "같은 유닛: ",
    "weights.identical_grads": "같은 기울기 행: ",
    "weights.smallest_gap": "유닛 사이 가장 작은 간격: ",
    "weights.exactly_zero": "0.0 (정확히: 비트까지 같음)",
    "weights.none": "없음",
    "layers.title": "은닉층 {count}개: {sizes}",
    "layers.layer": "층 {l}: 유닛 {n}개 중 {k}개가 다름 · 가장 작은 차이 {gap}",
    "layers.signal": "  A{l}의 퍼짐 {spread} · dW{l}의 RMS {rms}",
    "layers.identical": "  같은 유닛: {groups}",
    "layers.output": "출력 ŷ (층 {l}): dW{l}의 RMS {rms}",
    "weights.one_unit": "은닉 유닛 하나: 잴 간격이 없음",
    "weights.layers": "은닉층 (유닛 수):",
    "weights.layer_keys": "w W: 다른 층",
    "weights.outgoing": "층 {l}에서 나가는 가중치 W{next}는 층 {next}의 표에 있음",
    "weights.one_unit_layer": "유닛 하나: 잴 간격이 없음",
    "panel.weights_layer_at": "가중치 · 층 {l}/{count} · iter {iteration}",
    "chart.title": "{accuracy} · {loss} (왼쪽 축)",
    "chart.title_test": "{accuracy} · {test} · {loss} (왼쪽 축)",
    "chart.test": "테스트 정확도",
    "chart.subtitle": "{gap} (오른쪽 축, 로그) · 반복 →",
    "chart.accuracy": "정확도",
    "chart.loss": "손실",
    "chart.gap": "유닛 간격",
    "compare.chart_side": "{side} {init}: 손실 {loss} 간격 {gap}",
    "compare.chart_axes": "손실: 왼쪽 축 · 유닛 간격: 오른쪽 축, 로그 · 반복 →",
    "chart.exact_zero": "0 exact",
    "chart.above_zero": "> 0",
    "key.step": "스텝",
    "key.back": "뒤로",
    "key.run": "실행",
    "key.zeros": "0으로",
    "key.random": "무작위",
    "key.compare": "비교",
    "key.help": "도움말",
    "key.quit": "끝내기",
    "key.palette": "팔레트",
    "key.stride_up": "스텝 크게",
    "key.stride_down": "스텝 작게",
    "key.faster": "빠르게",
    "key.slower": "느리게",
    "key.next_init": "다음 초기화",
    "key.previous_init": "이전 초기화",
    "key.next_activation": "다음 활성화 함수",
    "key.previous_activation": "이전 활성화 함수",
    "key.next_dataset": "다음 데이터",
    "key.previous_dataset": "이전 데이터",
    "key.more_units": "유닛 늘리기",
    "key.fewer_units": "유닛 줄이기",
    "key.next_layer": "가중치: 다음 층",
    "key.previous_layer": "가중치: 이전 층",
    "key.larger_lr": "학습률 크게",
    "key.smaller_lr": "학습률 작게",
    "key.larger_scale": "크기 크게",
    "key.smaller_scale": "크기 작게",
    "key.next_seed": "다음 시드",
    "key.previous_seed": "이전 시드",
    "key.network": "신경망",
    "key.weights": "가중치",
    "key.loss": "손실",
    "key.boundary": "경계",
    "key.screenshot": "스크린샷",
    "key.scroll_up": "위로",
    "key.scroll_down": "아래로",
    "key.page_up": "앞 쪽",
    "key.page_down": "뒤 쪽",
    "key.close": "닫기",
    "key.cancel": "취소",
    "key.next": "다음",
    "key.previous": "이전",
    "key.leave": "나가기",
    "key.export_json": "JSON 내보내기",
    "app.diverged_already": "학습이 발산했습니다: 먼저 학습률을 낮추거나 (L) 다시 초기화하세요 (z / x)",
    "app.diverged_at": ("diverged at iteration {iteration}: 손실이 더 이상 유한하지 않아 학습을 멈췄습니다. "
                        "← 뒤로, z / x 초기화, L 학습률 낮추기"),
    "app.training_stopped": "학습이 멈췄습니다: {error}",
    "crash.line": ("shallow-tui가 예상하지 못한 오류로 멈췄습니다: {error} ({where}). 전체 보고서(트레이스백, 버전, "
                   "설정, 마지막 키)는 {path}에 있습니다"),
    "crash.line_unsaved": ("shallow-tui가 예상하지 못한 오류로 멈췄습니다: {error} ({where}). 보고서를 저장하지 "
                           "못했습니다({reason}). 트레이스백은 아래와 같습니다."),
    "app.at_start": "이미 반복 0입니다",
    "app.restarted": "{what}: 반복 0부터 다시 시작합니다",
    "app.reset": "초기화",
    "app.lr_largest": "학습률 {lr}이 이미 가장 큰 값입니다",
    "app.lr_smallest": "학습률 {lr}이 이미 가장 작은 값입니다",
    "app.scale_largest": "크기 {scale}이 이미 가장 큰 값입니다",
    "app.scale_smallest": "크기 {scale}이 이미 가장 작은 값입니다",
    "app.all_panels": "네 패널이 모두 화면에 있습니다",
    "app.screenshot_saved": "스크린샷을 {path}에 저장했습니다",
    "app.screenshot_failed": "스크린샷: {error}",
    "app.screenshot_error": "스크린샷을 저장하지 못했습니다: {error}",
    "app.too_small": ("shallow-tui는 적어도 {min_width}×{min_height} 칸이 필요합니다.\n"
                      "이 터미널은 {width}×{height}입니다: 창을 키워 주세요.\n"
                      "그때까지는 어떤 키도 아무것도 바꾸지 않습니다 (q: 끝내기)."),
    "app.quit_hint": "끝내려면 [b]{key}[/b]를 누르세요",
    "app.quit_title": "끝낼까요?",
    "app.no_scale": "zeros에는 크기가 없습니다: 먼저 i나 x를 누르세요",
    "app.hidden_most": "은닉 유닛은 {most}개가 최대입니다",
    "app.hidden_fewest": "은닉 유닛은 적어도 {fewest}개 있어야 합니다",
    "app.config.choice": "{label}: {choices} 중 하나여야 합니다 (받은 값 {value!r})",
    "app.config.integer": "{label}: 정수여야 합니다 (받은 값 {value!r})",
    "app.config.integer_range": "{label}: {low}부터 {high}까지의 정수여야 합니다 (받은 값 {value})",
    "app.config.number": "{label}: 숫자여야 합니다 (받은 값 {value!r})",
    "app.config.huge_integer": "{label}: 너무 큽니다 (약 {sign}10^{power})",
    "app.config.finite": "{label}: 유한한 숫자여야 합니다 (받은 값 {value})",
    "app.config.greater": "{label}: {minimum:g}보다 커야 합니다 (받은 값 {value:g})",
    "app.config.at_least": "{label}: {minimum:g} 이상이어야 합니다 (받은 값 {value:g})",
    "app.config.too_large": "{label}: {value:g}는 너무 커서 쓸모가 없습니다",
    "app.config.list_empty": "{label}: {example}처럼 하나 이상 있어야 합니다",
    "app.config.list_syntax": "{label}: {example}처럼 쉼표로 나눈 목록이어야 합니다 (받은 값 {value!r})",
    "app.config.sizes_range": "{label}: 층마다 유닛은 {low}개에서 {high}개입니다 (받은 값 {value})",
    "app.config.sizes_count": "{label}: 은닉층은 {most}개까지입니다 (받은 개수 {count})",
    "app.config.names_unknown": "{label}: {value!r}은(는) 없습니다. {choices} 중에서 고르세요",
    "app.config.names_twice": "{label}: {value!r}이(가) 두 번 있습니다",
    "app.one_hidden_layer": "은닉층이 하나라 옮겨 갈 층이 없습니다 (층을 늘리려면 ctrl+p → 은닉층 입력…)",
    "help.title": "도움말 · 키",
    "help.drive": "학습 진행",
    "help.change": "학습 바꾸기 (바꿀 때마다 반복 0부터 다시 시작)",
    "help.look": "보기",
    "help.lesson_keys": "수업",
    "help.lesson_next": "다음 단계: 그 단계의 신경망, 설명, 패널",
    "help.lesson_previous": "이전 단계",
    "help.lesson_leave": "수업을 나가 자유롭게 실습 (내 학습은 두고 간 그대로)",
    "help.step": "한 스텝 (지금 스텝 크기만큼 반복)",
    "help.back": "한 스텝 뒤로 (정확히: 체크포인트에서 다시 계산)",
    "help.stride": "스텝 크기 크게 / 작게: 한 스텝에 반복 1, 10, 100, 1000번",
    "help.run": "연속 학습 실행 / 멈춤",
    "help.speed": "자동 실행 빠르게 / 느리게 (초당 반복 수, 최대까지)",
    "help.zeros": "가중치 0으로 초기화",
    "help.random": "작은 무작위 가중치로 초기화 (randn × 0.01)",
    "help.init": "다음 / 이전 초기화 방식: zeros constant random xavier he",
    "help.activation": "다음 / 이전 은닉층 활성화 함수: tanh sigmoid relu leaky_relu",
    "help.dataset": "다음 / 이전 데이터",
    "help.hidden": "은닉 유닛 늘리기 / 줄이기 (1에서 64)",
    "help.lr": "학습률 크게 / 작게",
    "help.scale": "초기화 크기 크게 / 작게",
    "help.seed": "다음 / 이전 시드",
    "help.panels": "신경망, 가중치, 손실, 경계 패널 보기 (작은 터미널)",
    "help.weights_layer": "가중치 패널: 다음 / 이전 은닉층 (은닉층이 여럿일 때)",
    "help.scroll": "신경망과 가중치 패널 스크롤 (은닉 유닛이 많을 때)",
    "help.palette": "명령 팔레트: 모든 동작을 이름으로",
    "help.screenshot": "작업 디렉터리에 SVG 스크린샷 저장",
    "help.help": "이 도움말",
    "help.quit": "끝내기",
    "help.why": ("왜 무작위 초기화인가? 가중치가 모두 같으면 은닉 유닛이 모두 같은 함수를 계산하고 같은 기울기를 "
                 "받으므로 영원히 같은 채로 남습니다: \"1 of 4 units distinct\"를 보세요."),
    "help.contract": ("상태 줄의 iter, loss, acc, init, k of n units distinct, frozen, diverged는 어느 언어에서나 "
                      "영어 그대로입니다: 실습 스크립트와 테스트가 이 낱말을 읽기 때문입니다."),
    "help.chart": ("손실 그래프의 유닛 간격(오른쪽 축, 로그 눈금)에서 맨 아래 줄 {exact}는 간격이 정확히 0인 곳, "
                   "곧 똑같은 유닛입니다 (눈금 글자는 영어 그대로입니다)."),
    "help.close": "escape, q, ?, F1로 닫습니다.",
    "palette.placeholder": "명령 찾기…",
    "palette.no_matches": "맞는 명령이 없습니다",
    "palette.current": " (지금)",
    "palette.resets": "다시 시작",
    "palette.step": "한 스텝",
    "palette.step.help": "스텝 크기만큼 학습",
    "palette.back": "한 스텝 뒤로",
    "palette.back.help": "스텝 크기만큼 정확히 되돌리기",
    "palette.run": "실행 / 멈춤",
    "palette.run.help": "연속 학습",
    "palette.faster": "빠르게",
    "palette.faster.help": "초당 반복 늘리기",
    "palette.slower": "느리게",
    "palette.slower.help": "초당 반복 줄이기",
    "palette.stride": "스텝 크기 {stride}",
    "palette.stride.help": "space 한 번에 학습할 반복 수",
    "palette.zeros": "0으로 초기화",
    "palette.zeros.help": "init zeros, 반복 0",
    "palette.random": "무작위로 초기화",
    "palette.random.help": "init random (randn × 0.01), 반복 0",
    "palette.init": "초기화 init {scheme}{current}",
    "palette.activation": "활성화 함수 activation {name}{current}",
    "palette.dataset": "데이터 dataset {name}{current}",
    "palette.hidden": "은닉 유닛 hidden {hidden}{current}",
    "palette.layers": "은닉층 layers {layers}{current}",
    "palette.features": "입력 features {features}{current}",
    "palette.lr": "학습률 lr {lr}{current}",
    "palette.scale": "초기화 크기 scale {scale}{current}",
    "palette.scale.help": "초기화 크기; 다시 시작",
    "palette.seed": "시드 seed {seed} (다음)",
    "palette.seed.help": "새 데이터와 가중치; 다시 시작",
    "palette.panel": "패널 {number} 보기: {name}",
    "palette.panel.help": "작은 터미널",
    "palette.next_layer": "가중치 패널: 다음 은닉층",
    "palette.previous_layer": "가중치 패널: 이전 은닉층",
    "palette.layer.help": "w와 W; 은닉층이 여럿일 때",
    "palette.panel.1": "신경망",
    "palette.panel.2": "가중치",
    "palette.panel.3": "손실 그래프",
    "palette.panel.4": "결정 경계",
    "palette.compare": "비교: zeros 대 random",
    "palette.lesson": "수업: 왜 무작위 초기화인가",
    "palette.lesson_next": "수업 다음 단계",
    "palette.lesson_previous": "수업 이전 단계",
    "palette.lesson_steps.help": "n / p: 그 단계의 신경망, 설명, 패널",
    "palette.lesson_leave": "수업 나가기",
    "palette.lesson_leave.help": "esc: 내 학습으로 돌아가기",
    "palette.export": "기록 내보내기 (CSV)",
    "palette.export_json": "기록을 JSON으로 내보내기",
    "palette.screenshot": "스크린샷 저장 (SVG)",
    "palette.screenshot.help": "작업 디렉터리에",
    "palette.help": "도움말",
    "palette.help.help": "모든 키",
    "palette.quit": "끝내기",
    "palette.quit.help": "shallow-tui 끝내기",
    "palette.theme": "테마",
    "palette.theme.help": "색 테마 바꾸기",
    "palette.keys": "키 목록",
    "palette.keys.show": "지금 쓸 수 있는 키 목록 보기",
    "palette.keys.hide": "키 목록 닫기",
    "setting.lr": "학습률",
    "setting.scale": "초기화 크기",
    "setting.seed": "시드",
    "setting.hidden": "은닉 유닛",
    "setting.samples": "예제 수",
    "setting.noise": "잡음",
    "setting.layers": "은닉층",
    "setting.features": "입력",
    "setting.test_samples": "테스트 예제 수",
    "setting.layers.hint": "쉼표로 나눈 크기, 예: 10,5 (층 1~4개, 층마다 유닛 1~64개)",
    "setting.features.hint": "쉼표로 나눠 x1 x2 x1sq x2sq x1x2 sinx1 sinx2 중에서, 예: x1,x2,x1x2",
    "setting.type": "{label} 입력…",
    "setting.type.help": "아무 값; 다시 시작",
    "setting.prompt": "{label} (지금 {value}): 값을 입력하세요. enter는 적용하고 다시 시작, escape는 취소",
    "setting.not_integer": "{label}: 정수여야 합니다 (받은 값 {text})",
    "setting.not_number": "{label}: 숫자여야 합니다 (받은 값 {text})",
    "setting.prompt_both": "{label} (지금 {value}): 값을 입력하세요. enter는 두 쪽 모두에 적용하고 다시 시작, escape는 취소",
    "cli.description": "작은 신경망(은닉층 하나 이상)을 반복 한 번씩 학습시키며 가중치를 왜 무작위로 초기화해야 하는지 봅니다.",
    "cli.headless": "UI 없이 학습하고 JSON 객체 하나를 출력",
    "cli.samples": "예제 수, 4 이상 (400)",
    "cli.noise": "데이터의 잡음 (데이터마다 기본값)",
    "cli.hidden": "은닉 유닛 수, 1에서 64 (4); --layers N과 같음",
    "cli.layers": "은닉층 크기, 예: 10,5: 1에서 4개 층, 층마다 1에서 64 유닛 (--hidden 값)",
    "cli.features": "입력, x1, x2, x1sq, x2sq, x1x2, sinx1, sinx2 중에서 (x1,x2)",
    "cli.test_samples": "seed + 1에서 뽑은 예제 K개의 테스트 세트 (0: 없음)",
    "cli.init_seed": "초기 가중치의 시드 (seed + 1)",
    "cli.scale": "random: randn에 곱할 값 (0.01); constant: 그 값 (0.5); xavier/he: 곱할 값 (1)",
    "cli.lr": "학습률, 0보다 큼 (1.2)",
    "cli.seed": "데이터의 시드, --init-seed가 없으면 가중치의 시드도 (1)",
    "cli.steps": "학습할 반복 수: headless (10000), 또는 앱이 학습을 열 때의 반복 (0); --lesson, --compare와는 함께 쓰지 않음",
    "cli.every": "K번 반복마다 history 항목 추가 (headless)",
    "cli.compare": "zeros와 random을 나란히 비교 (앱)",
    "cli.lesson": "수업 열기: 가중치를 왜 무작위로 초기화해야 하는가 (앱)",
    "cli.lang": "앱의 언어: en, ko (LC_ALL / LANG에서, 없으면 en)",
    "cli.export": "--headless와 함께: 기록을 PATH에 저장 (.csv 또는 .json); 있는 파일은 덮어쓰지 않음",
    "cli.serve": "브라우저에서 앱 제공 ('serve' extra 필요)",
    "cli.host": "--serve와 함께: 바인드할 주소 (127.0.0.1)",
    "cli.port": "--serve와 함께: 포트, 1에서 65535 (8000)",
    "cli.max_sessions": "--serve와 함께: 동시에 최대 N개 세션(브라우저 탭); 그다음 탭에는 이유를 알려 줌 (제한 없음)",
    "serve.missing": ("--serve에는 textual-serve가 필요합니다: pip install 'shallow-tui[serve]' (또는 pip install "
                      "'textual-serve>=1.1,<2')"),
    "serve.serving": "shallow-tui: {address} 에서 제공 중{limit} (ctrl+c로 멈춤)",
    "serve.serving_everywhere": "shallow-tui: 이 컴퓨터의 모든 주소에서 제공 중, 예: {address}{limit} (ctrl+c로 멈춤)",
    "serve.limit": ", 동시에 최대 {limit}개 세션",
    "serve.refused_log": "shallow-tui: 브라우저 접속을 거절했습니다 ({peer}): --max-sessions {limit}개 자리가 모두 찼습니다",
    "serve.page.start": "시작",
    "serve.page.ended": "세션이 끝났습니다: 앱이 종료되었거나 서버와의 연결이 끊겼습니다.",
    "serve.page.again": "다시 시작",
    "serve.full.title": "shallow-tui: 빈 세션 없음",
    "serve.full.heading": "이 실습 서버는 가득 찼습니다",
    "serve.full.why": ("이 서버는 브라우저 탭마다 shallow-tui 세션을 하나씩, 동시에 최대 {limit}개까지 실행하며 "
                       "(--max-sessions {limit}), 지금은 모든 자리가 찼습니다."),
    "serve.full.what_to_do": ("누군가 탭을 닫으면 바로 자리가 납니다: 더 이상 쓰지 않는 shallow-tui 탭을 닫거나 "
                              "잠시 후 다시 시도하세요."),
    "serve.full.again": "다시 시도",
    "key.lesson": "수업",
    "key.export": "내보내기",
    "help.compare": "두 초기화를 나란히 놓고 같은 반복 수씩 함께 비교",
    "help.lesson": "수업: 가중치를 왜 무작위로 초기화해야 하는가 (9단계)",
    "help.export": "학습 기록을 작업 디렉터리에 내보내기: e는 CSV, E는 JSON",
    "compare.title": " 비교 · {dataset} · {activation} · n_h {hidden} · lr {lr}",
    "compare.details": "자세히: {side} 쪽",
    "compare.side": "{side} 쪽: {init}",
    "compare.keys.step": "space 스텝",
    "compare.keys.back": "← 뒤로",
    "compare.keys.run": "r 실행",
    "compare.keys.flip": "tab 쪽 바꿈",
    "compare.keys.panel": "1 2 3 패널",
    "compare.keys.palette": "^p 쪽 설정",
    "compare.keys.leave": "c 나가기",
    "keyline.help": "? 도움말",
    "compare.flip": "쪽 바꾸기",
    "compare.leave": "비교 끝내기",
    "compare.both_panels": "두 쪽의 패널이 모두 화면에 있습니다",
    "compare.set": "{side} 쪽: {init}; 두 학습 모두 반복 0부터 다시 시작",
    "compare.reset": "{what}: 두 학습 모두 반복 0부터 다시 시작",
    "compare.only_biases": "편향만 무작위",
    "compare.w1_random": "W1 무작위, W2 0",
    "compare.w2_random": "W2 무작위, W1 0",
    "compare.cmd.init": "{side} 쪽: 초기화 {scheme}",
    "compare.cmd.scale": "{side} 쪽: 크기 {scale}",
    "compare.cmd.preset": "{side} 쪽: {preset}",
    "compare.cmd.resets": "두 쪽 모두 반복 0부터 다시 시작",
    "compare.cmd.flip": "비교: 패널을 보여 줄 쪽 바꾸기",
    "compare.cmd.leave": "비교: 끝내기",
    "compare.paused": "멈춤",
    "compare.running": "▶ 실행 중",
    "compare.diverged": "{side} 쪽이 반복 {iteration}에서 발산했습니다; 다른 쪽은 계속합니다",
    "export.done": "기록 {records}개 (반복 0…{iteration}, {stride}마다)를 {path}에 내보냈습니다",
    "export.renamed": "{name} 파일이 이미 있어서 {path}에 저장했습니다",
    "export.done_one": "기록 {records}개 (반복 0…{iteration}, {stride}마다)를 {path}에 내보냈습니다",
    "export.started": "반복 0…{iteration}을(를) {names}(으)로 내보내는 중 …",
    "export.busy": "아직 내보내는 중입니다; 끝났다는 메시지를 기다리세요",
    "export.broke": "내보내지 못했습니다: {reason}",
    "lesson.title": "수업 {n}/{total}단계 · {title}",
    "lesson.keys": "n 다음 · p 이전 · space 한 스텝 · r 실행 · < > 속도 · esc 나가기",
    "lesson.first": "첫 단계입니다",
    "lesson.last": "마지막 단계입니다: escape로 자유롭게 실습하세요",
    "lesson.fixed": "수업에서는 단계마다 데이터셋, 학습률, 시드가 정해져 있습니다: esc로 나가서 자유롭게 바꾸세요",
    "lesson.changed": "이제 {what}: 설명은 여전히 이 단계의 원래 신경망 이야기입니다 (다른 단계에 갔다 오면 되돌아옵니다)",
    "key.lesson_fixed": "수업 단계가 정함",
    "lesson.1.title": "0으로 시작한 두 유닛",
    "lesson.1.body": (
        "입력 n0 = 2, 은닉 유닛 n1 = 2, W1 = 0 (2×2), b1 = 0. 모든 예제에서 두 은닉 유닛은 같은 값을 "
        "계산합니다: z = 0·x + 0, a = tanh(0).\n"
        "예제 1, x = ({x1}, {x2}):  a[1]_1 = {a1}   a[1]_2 = {a2}\n"
        "가중치 패널을 보세요: h1과 h2 행에 같은 표시 ≡A가 붙어 있습니다."),
    "lesson.2.title": "같은 기울기",
    "lesson.2.body": (
        "역전파: 모든 예제에서 dz[1]_1 = dz[1]_2 이므로 dW1의 두 행이 같습니다. 여기서는 모든 가중치가 "
        "0.5에서 시작합니다 (0이면 두 행 모두 0으로 역시 같습니다):\n"
        "dW1 1행 = {row1}\n"
        "dW1 2행 = {row2}\n"
        "가중치 패널의 '같은 기울기 행'에 나옵니다."),
    "lesson.3.title": "귀납법",
    "lesson.3.body": (
        "경사 하강법의 W1 := W1 − α·dW1 은 같은 행에서 같은 행을 빼므로 행은 계속 같습니다 — 귀납법으로 "
        "모든 반복에서. space로 한 스텝씩 (먼저 ]를 누르면 한 스텝에 반복 10번) 진행하며 간격을 보세요: 정확히 0.0 그대로입니다."),
    "lesson.4.title": "동결, 또는 유닛 하나",
    "lesson.4.body": (
        "tanh와 W = 0이면 아무것도 움직이지 않습니다: tanh(0) = 0 → dW2 = 0, W2 = 0 → dZ1 = 0 "
        "(z를 누르면 'frozen'). 상수 0.5면 유닛 4개가 움직이지만 함께 움직입니다: 반복 {iterations}번 후 "
        "정확도 {acc}로 유닛 1개짜리 신경망({acc1})과 비슷하고, 무작위 유닛 4개는 {acc4}입니다. "
        "똑같은 유닛 넷은 유닛 하나보다 나을 게 없습니다."),
    "lesson.5.title": "유닛과 입력이 늘어도 대칭",
    "lesson.5.body": (
        "강의의 세 입력 x1, x2, x1·x2 (n0 = {n0})와 은닉 유닛 {units}개, 모든 가중치는 0.5에서 시작합니다. "
        "반복 {iterations}번 후에도 W1의 모든 행은 {w}, dW1의 모든 행은 {dw}로 같습니다: {distinct} of {units} "
        "units distinct, 간격은 정확히 {gap}. 신경망 패널의 작은 그림도 모두 같습니다. 유닛이나 입력을 늘려도 "
        "달라지지 않습니다: 같은 행은 같은 기울기를 받습니다."),
    "lesson.6.title": "해결: 무작위 초기화",
    "lesson.6.body": (
        "W1 = np.random.randn(n1, n0)·0.01, b1 = 0. 유닛이 서로 다르게 시작해 다른 기울기를 받고 "
        "갈라집니다: r을 누르고 결정 경계를 보세요 (반복 10,000번 후 약 90%). 편향 b는 0이어도 됩니다: "
        "W가 대칭을 깨면 편향도 따라 달라집니다."),
    "lesson.7.title": "왜 작은 값인가",
    "lesson.7.body": (
        "무작위지만 ×{scale}: 반복 0에서 |Z1|의 {saturated}가 3보다 큽니다. 그곳에서는 tanh′ < 0.01이라 "
        "역전파되는 기울기가 모두 작아지고, 손실은 {loss0}에서 시작합니다 (동전 던지기: 0.693). {pace} "
        "s / S로 크기를 바꾸고 r을 누르세요."),
    "lesson.pace.slower": ("반복 {iterations}번 후 정확도는 {acc}, ×0.01로 시작한 같은 신경망은 {reference}: 크게 시작한 "
                           "신경망이 더 느리게 배웁니다."),
    "lesson.pace.same": "반복 {iterations}번 후 정확도는 {acc}로, ×0.01로 시작한 같은 신경망({reference})과 비슷합니다.",
    "lesson.pace.faster": "반복 {iterations}번 후 정확도는 {acc}로, ×0.01로 시작한 같은 신경망({reference})보다 앞섭니다.",
    "lesson.8.title": "깊은 신경망에는 다른 상수가 필요하다",
    "lesson.8.body": (
        "유닛 {units}개짜리 tanh 은닉층 {depth}개, 반복 0에서 A1…A{depth}의 퍼짐(표준편차)과 dW1의 RMS:\n"
        "{table}\n"
        "×0.01이면 퍼짐이 층마다 {low}~{high}배 줄어 (≈ 1/(0.01·√{units}) = {expected}) A{depth}는 Xavier보다 "
        "{vanish}배, dW1은 {grad}배 작습니다. Xavier randn·√(1/n_prev)와 He randn·√(2/n_prev)에서는 모든 층의 "
        "퍼짐이 {alive} 이상입니다. 지금 실행은 ×0.01 (층별 수치는 신경망 패널): i를 누르면 Xavier, 다시 누르면 He."),
    "lesson.9.title": "대칭 깨기",
    "lesson.9.body": (
        "모든 가중치를 상수 0.5로 두고 하나(W1[1,1])에만 ε = 1e-12를 더했습니다. 대칭 상태는 불안정한 고정점이라 간격이 "
        "지수적으로 커집니다 (로그 그래프에서 직선). r을 누르세요: 10,000번 반복 후에도 두 유닛의 차이는 "
        "약 0.005뿐이고, 약 16,000번이 지나서야 실제로 갈라집니다 (그때 손실이 0.643에서 0.596으로 "
        "떨어집니다). 기다리면 수천 번 걸리는 일을 무작위 초기화는 한 번에 해냅니다."),
    "cli.error.lang": "--lang은 {choices} 중 하나여야 합니다. 받은 값: {value!r}",
    "cli.error.export_needs_headless": "--export는 --headless와 함께 씁니다. 앱에서는 e를 누르세요",
    "cli.error.every_needs_headless": "--every는 --headless와 함께 씁니다. 앱에서는 e와 E로 기록을 내보내세요",
    "cli.error.serve_headless": "--serve와 --headless는 함께 쓸 수 없습니다",
    "cli.error.lesson_headless": "--lesson은 앱을 엽니다. --headless를 빼세요",
    "cli.error.lesson_compare": "--lesson과 --compare 중 하나만 고르세요 (비교 모드는 c 키 하나면 됩니다)",
    "cli.error.steps_lesson_compare": ("--steps는 앱의 학습을 그 반복에서 엽니다. 수업과 비교 모드는 반복 0에서 "
                                       "시작하니 --steps를 빼거나, 앱을 열고 c나 g를 누르세요"),
    "cli.error.port_needs_serve": "--port는 --serve와 함께 씁니다",
    "cli.error.host_needs_serve": "--host는 --serve와 함께 씁니다",
    "cli.error.port_range": "--port는 1부터 65535까지의 정수여야 합니다. 받은 값: {value}",
    "cli.error.needs_headless": "{option}은(는) --headless와 함께 씁니다",
    "cli.error.hidden_and_layers": "--hidden N은 --layers N과 같습니다. 둘 중 하나만 쓰세요",
    "cli.error.needs_serve": "{option}은(는) --serve와 함께 씁니다",
    "cli.error.not_headless": "{option}은(는) 앱에서 씁니다. --headless를 빼세요",
    "cli.error.export_exists": "--export {path} 파일이 이미 있습니다. 덮어쓰지 않으니 다른 이름을 고르세요",
    "cli.error.export_no_directory": "--export: {directory} 디렉터리가 없습니다",
    "cli.error.export_read_only": "--export: {directory} 디렉터리에 쓸 수 없습니다",
    "cli.error.serve_failed": "--serve가 {host}:{port}에서 연결을 받을 수 없습니다: {error}",
    "cli.error.max_sessions_needs_serve": "--max-sessions는 --serve와 함께 씁니다",
    "cli.error.max_sessions_range": "--max-sessions는 1 이상의 정수여야 합니다. 받은 값: {value}",
    "cli.see_help": "({prog} --help 참고)",
    "cli.usage": "사용법: ",
    "cli.options": "옵션",
    "cli.help": "이 도움말을 보이고 끝내기",
    "cli.argparse.expected_one": "{option} 뒤에 값이 하나 있어야 합니다",
    "cli.argparse.not_integer": "{option} 값은 정수여야 합니다. 받은 값: {value}",
    "cli.argparse.not_number": "{option} 값은 숫자여야 합니다. 받은 값: {value}",
    "cli.argparse.unrecognized": "알 수 없는 인자: {arguments}",
    "cli.argparse.ambiguous": "모호한 옵션: {option}은(는) {choices} 중 어느 것일 수도 있습니다",
    "cli.exported": "기록 {records}개를 내보냈습니다 ({stride}번마다): {path}",
    "cli.exported_downsampled": "기록 {records}개를 내보냈습니다 ({stride}번마다, 줄여서; --every K로 정함): {path}",
    # -- the engine's sentences (engine/messages.py) --------------------------------------------------
    "config.choice": "--{name} 값은 {choices} 중 하나여야 합니다. 받은 값: {value!r}",
    "config.integer": "--{name} 값은 정수여야 합니다. 받은 값: {value!r}",
    "config.integer_range": "--{name} 값은 {low}부터 {high}까지의 정수여야 합니다. 받은 값: {value}",
    "config.number": "--{name} 값은 숫자여야 합니다. 받은 값: {value!r}",
    "config.huge_integer": "--{name} 값이 범위를 벗어났습니다. 약 {sign}10^{power} 크기의 정수입니다",
    "config.finite": "--{name} 값은 유한한 숫자여야 합니다. 받은 값: {value}",
    "config.greater": "--{name} 값은 {minimum:g}보다 커야 합니다. 받은 값: {value:g}",
    "config.at_least": "--{name} 값은 {minimum:g} 이상이어야 합니다. 받은 값: {value:g}",
    "config.too_large": "--{name} 값이 너무 커서 쓸모가 없습니다. 받은 값: {value:g}",
    "config.scale_with_zeros": "--init zeros에서는 --scale이 아무 효과가 없습니다. 빼거나 다른 초기화를 고르세요",
    "config.flag": "--{name} 값은 true 또는 false여야 합니다. 받은 값: {value!r}",
    "config.list_empty": "--{name}에는 {example}처럼 항목이 하나 이상 있어야 합니다",
    "config.list_syntax": "--{name} 값은 {example}처럼 쉼표로 나눈 목록이어야 합니다. 받은 값: {value!r}",
    "config.sizes_range": "--{name}: 은닉층마다 유닛은 {low}개에서 {high}개입니다. 받은 값: {value}",
    "config.sizes_count": "--{name}: 은닉층은 {most}개까지입니다. 받은 개수: {count}",
    "config.names_unknown": "--{name}: 알 수 없는 {value!r}. {choices} 중에서 고르세요",
    "config.names_twice": "--{name}: {value!r}이(가) 두 번 있습니다",
    "config.hidden_and_layers": "--hidden {hidden}과(와) --layers {layers}가 맞지 않습니다 (--hidden N은 --layers N과 같습니다)",
    "config.unknown_parameter": "알 수 없는 매개변수 {value!r}: {choices} 중에서 고르세요",
    "config.overrides_type": "overrides는 InitOverride의 튜플이어야 합니다",
    "config.override_twice": "매개변수마다 한 번만 따로 초기화할 수 있습니다",
    "write.exists": "저장하지 않음: {path} 파일이 이미 있습니다",
    "write.no_free_name": "저장하지 않음: {path} 옆에 쓸 수 있는 이름이 없습니다",
    "write.failed": "{path}에 저장하지 않음: {reason}",
    "export.exists": "내보내지 않음: {path} 파일이 이미 있습니다 (다른 이름을 고르세요)",
    "export.no_free_name": "내보내지 않음: {path} 옆에 쓸 수 있는 이름이 없습니다",
    "export.failed": "{path}(으)로 내보내지 않음: {reason}",
    "export.extension": "내보낼 파일 이름은 .csv 또는 .json으로 끝나야 합니다. 받은 이름: {path!r}",
    "reason.ENOSPC": "디스크가 가득 찼습니다",
    "reason.EDQUOT": "디스크 할당량을 넘었습니다",
    "reason.EROFS": "읽기 전용 파일 시스템입니다",
    "reason.EACCES": "권한이 없습니다",
    "reason.EPERM": "권한이 없습니다",
    "reason.ENOENT": "디렉터리가 없습니다",
    "reason.ENOTDIR": "경로의 일부가 디렉터리가 아닙니다",
    "reason.EEXIST": "같은 이름의 파일이 이미 있습니다",
    "reason.ENAMETOOLONG": "파일 이름이 너무 깁니다",
}

# The lesson's questions have their own file (tui/lesson/quiz_strings.py: no imports, so the headless path may read it).
from tui.lesson.quiz_strings import QUIZ_EN, QUIZ_KO  # noqa: E402

EN.update(QUIZ_EN)
KO.update(QUIZ_KO)

STRINGS: dict[str, dict[str, str]] = {"en": EN, "ko": KO}

# Keys whose text is the same in every language: the status bar's contract words and the chart's ASCII labels.
CONTRACT = ("status.iter", "status.loss", "status.loss_none", "status.acc", "status.test", "status.distinct",
            "status.distinct_layers",
            "status.layer_distinct", "status.frozen", "status.diverged", "status.init")
CHART = ("chart.exact_zero", "chart.above_zero")
