"""The one table of shallow-tui's options: each option's name, type, default, limits, help and where it applies.

Everything that lists options is generated from ``OPTIONS``: the command line (tui/cli.py builds argparse
from it, refuses an option given where it does not apply, and passes the app's options on to each
``--serve`` session), the fields and checks of ``engine.config.Config`` (the one validated object of a
run), and the ``config`` block of the headless JSON and of every export (``Config.resolved``). A config
file (``--config``, engine/config_file.py) takes its keys from here too, and ``lock`` names the table's
``lockable`` settings. Plain data: no NumPy, no UI.
"""
from __future__ import annotations

from dataclasses import dataclass

DATASETS = ("flower", "circles", "moons", "xor", "blobs", "spiral")
ACTIVATIONS = ("tanh", "sigmoid", "relu", "leaky_relu")
INIT_SCHEMES = ("zeros", "constant", "random", "xavier", "he")
FEATURES = ("x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2")  # TensorFlow Playground's seven inputs
LANGUAGES = ("en", "ko")

MAX_HIDDEN = 64
MAX_LAYERS = 4  # hidden layers
MAX_SAMPLES = 100_000
MAX_SEED = 2**32 - 2  # RandomState(seed + 1) must stay below 2**32
MAX_STEPS = 10**9

# Where an option has an effect.
HEADLESS = "headless"  # shallow-tui --headless
APP = "app"  # the app, in a terminal or in each --serve session
SERVE = "serve"  # the --serve server itself (not its sessions)
CONFIG_FILE = "config file"  # may be set in a config file (--config)
COMMAND_LINE = frozenset({HEADLESS, APP, SERVE})  # given on the command line (an option only a file sets has none)

EVERYWHERE = frozenset({HEADLESS, APP, CONFIG_FILE})


@dataclass(frozen=True)
class Option:
    """One option. ``name`` is ``--name`` on the command line, the key in a config file, and for the options
    of a run (``run``) the field of Config and the key of the JSON's ``config`` block."""

    name: str
    kind: str  # "int", "float", "choice", "flag", "text", "version"; "sizes" (10,5) and "names" (x1,x2): lists
    help: str | None = None  # key of the help text in tui/i18n.py; None: "<choices> (<default>)"
    default: object = None  # None: not set, or a default that depends on another option (Config resolves it)
    metavar: str | None = None
    choices: tuple[str, ...] = ()
    limits: tuple = ()  # int: (lowest, highest); float: (minimum, whether it is refused); sizes: (lowest, highest, most)
    applies: frozenset[str] = EVERYWHERE
    run: bool = True  # a field of engine.config.Config; False: a setting of the program (checked in tui/cli.py)
    refusal: str | None = None  # key of the message when given where it does not apply (else a generic one)
    conflicts: tuple[tuple[str, str], ...] = ()  # (option it may not be given with, key of the message)
    lockable: bool = False  # a setting the app can change, which a config file's ``lock`` can fix for the students
    # The option whose choice this one's resolved value depends on (scale: init's default): an export writes the
    # resolved value, so a command line that gives the other option drops the file's value of this one.
    follows: str | None = None

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def text(self, value: object) -> str:
        """``value`` as the command line writes it: a list as 10,5."""
        return ",".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


_OPTIONS: tuple[Option, ...] = (
    Option("version", "version", "cli.version", applies=COMMAND_LINE, run=False),
    Option("config", "text", "cli.config", metavar="FILE", applies=COMMAND_LINE, run=False),
    Option("headless", "flag", "cli.headless", default=False, applies=frozenset({HEADLESS}), run=False),
    Option("dataset", "choice", default="flower", metavar="NAME", choices=DATASETS, lockable=True),
    Option("samples", "int", "cli.samples", default=400, metavar="M", limits=(4, MAX_SAMPLES), lockable=True),
    Option("test_samples", "int", "cli.test_samples", default=0, metavar="K", limits=(0, MAX_SAMPLES)),
    Option("noise", "float", "cli.noise", metavar="X", limits=(0.0, False), lockable=True, follows="dataset"),
    Option("features", "names", "cli.features", default=("x1", "x2"), metavar="LIST", choices=FEATURES,
           lockable=True),
    Option("hidden", "int", "cli.hidden", default=4, metavar="N", limits=(1, MAX_HIDDEN),
           conflicts=(("layers", "cli.error.hidden_and_layers"),), lockable=True),
    Option("layers", "sizes", "cli.layers", metavar="N1,N2", limits=(1, MAX_HIDDEN, MAX_LAYERS), lockable=True),
    Option("activation", "choice", default="tanh", metavar="NAME", choices=ACTIVATIONS, lockable=True),
    Option("init", "choice", default="random", metavar="NAME", choices=INIT_SCHEMES, lockable=True),
    Option("scale", "float", "cli.scale", metavar="X", limits=(0.0, False), lockable=True, follows="init"),
    Option("lr", "float", "cli.lr", default=1.2, metavar="X", limits=(0.0, True), lockable=True),
    Option("seed", "int", "cli.seed", default=1, metavar="N", limits=(0, MAX_SEED), lockable=True),
    Option("init_seed", "int", "cli.init_seed", metavar="N", limits=(0, MAX_SEED + 1), follows="seed"),
    Option("steps", "int", "cli.steps", default=10_000, metavar="N", limits=(0, MAX_STEPS)),
    Option("every", "int", "cli.every", metavar="K", limits=(1, MAX_STEPS), applies=frozenset({HEADLESS, CONFIG_FILE}),
           refusal="cli.error.every_needs_headless"),
    Option("compare", "flag", "cli.compare", default=False),
    Option("lesson", "flag", "cli.lesson", default=False, applies=frozenset({APP, CONFIG_FILE}), run=False,
           refusal="cli.error.lesson_headless", conflicts=(("compare", "cli.error.lesson_compare"),)),
    Option("lang", "choice", "cli.lang", metavar="CODE", choices=LANGUAGES,
           applies=frozenset({HEADLESS, APP, SERVE, CONFIG_FILE}), run=False),
    Option("export", "text", "cli.export", metavar="PATH", applies=frozenset({HEADLESS}), run=False,
           refusal="cli.error.export_needs_headless"),
    Option("serve", "flag", "cli.serve", default=False, applies=frozenset({SERVE}), run=False,
           refusal="cli.error.serve_headless"),
    Option("host", "text", "cli.host", default="127.0.0.1", metavar="ADDR", applies=frozenset({SERVE}), run=False,
           refusal="cli.error.host_needs_serve"),
    Option("port", "int", "cli.port", default=8000, metavar="N", limits=(1, 65535), applies=frozenset({SERVE}),
           run=False, refusal="cli.error.port_needs_serve"),
    Option("max_sessions", "int", "cli.max_sessions", metavar="N", limits=(1, 10**9), applies=frozenset({SERVE}),
           run=False, refusal="cli.error.max_sessions_needs_serve"),  # None: no limit
)
# lock = ["init", "scale"]: the settings the students cannot change in the app (a config file's, or --lock).
OPTIONS: tuple[Option, ...] = _OPTIONS + (
    Option("lock", "names", "cli.lock", default=(), metavar="LIST",
           choices=tuple(option.name for option in _OPTIONS if option.lockable),
           applies=frozenset({APP, SERVE, CONFIG_FILE}), run=False, refusal="cli.error.lock_headless"),
)

BY_NAME = {option.name: option for option in OPTIONS}
RUN_OPTIONS = tuple(option for option in OPTIONS if option.run)  # the fields of Config, in the table's order
DEFAULTS = {option.name: option.default for option in OPTIONS}


LOCKABLE = BY_NAME["lock"].choices


def locked_together(names) -> frozenset[str]:
    """``names`` and the settings that say the same thing: --hidden N is --layers N, so locking one locks both."""
    out = set(names)
    for option in OPTIONS:
        if option.name in out:
            out.update(other for other, _message in option.conflicts if other in LOCKABLE)
        if any(other in out for other, _message in option.conflicts) and option.lockable:
            out.add(option.name)
    return frozenset(out)


def given(value: object) -> bool:
    """Whether an option was given: the command line leaves what was not given at None (flags at False)."""
    return value is not None and value is not False and value != ()


def accepted_in(headless: bool, serve: bool) -> frozenset[str]:
    """Where the options of a command line with these switches must apply for it to accept them.

    A --serve server starts the app for each session, so the app's options are accepted there too and
    passed on (``session_arguments``)."""
    if headless:
        return frozenset({HEADLESS})
    return frozenset({SERVE, APP}) if serve else frozenset({APP})


def session_arguments(values: dict[str, object]) -> list[str]:
    """The command-line arguments each --serve session gets: every given option that the app uses."""
    arguments: list[str] = []
    for option in OPTIONS:
        value = values.get(option.name)
        if APP not in option.applies or option.kind == "version" or not given(value):
            continue
        arguments += [option.flag] if option.kind == "flag" else [option.flag, option.text(value)]
    return arguments
