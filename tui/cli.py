"""`shallow-tui`: open the app, or with --headless train without a UI and print one JSON object.

Textual is imported only when the app opens, so the headless path starts fast and works anywhere.
Every bad option ends with exit status 2 and one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config, ConfigError
from tui.i18n import LANGUAGES, error_text, language_from_env, set_language, t  # plain Python, no textual

PROG = "shallow-tui"


def _cells(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK, Hangul) characters take two. (No rich here: headless.)"""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _wrap_cells(text: str, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        if line and _cells(line) + 1 + _cells(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line] if line else lines


class _CellWidthFormatter(argparse.HelpFormatter):
    """argparse wraps --help by characters; a Korean line of 40 syllables is 80 cells wide."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap_cells(text, width)

    def add_usage(self, usage, actions, groups, prefix=None):  # argparse's "usage: " is not translatable
        super().add_usage(usage, actions, groups, t("cli.usage") if prefix is None else prefix)

    def _format_usage(self, usage, actions, groups, prefix) -> str:
        # argparse indents the usage's continuation lines by len(prefix); "사용법: " is 5 characters, 8 cells
        text = super()._format_usage(usage, actions, groups, prefix)
        extra = _cells(prefix) - len(prefix) if prefix else 0
        first, *rest = text.split("\n")
        return "\n".join([first] + [" " * extra + line if line.startswith(" ") else line for line in rest])

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in _wrap_cells(text, width - len(indent)))


# argparse's own errors (English, from its source), as table keys: the student reads them in --lang.
_ARGPARSE_ERRORS = (
    (re.compile(r"argument (?P<option>\S+): expected one argument", re.S), "cli.argparse.expected_one"),
    (re.compile(r"argument (?P<option>\S+): invalid int value: (?P<value>.*)", re.S), "cli.argparse.not_integer"),
    (re.compile(r"argument (?P<option>\S+): invalid float value: (?P<value>.*)", re.S), "cli.argparse.not_number"),
    (re.compile(r"unrecognized arguments: (?P<arguments>.*)", re.S), "cli.argparse.unrecognized"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<choices>.*)", re.S), "cli.argparse.ambiguous"),
)


class _OneLineParser(argparse.ArgumentParser):
    """argparse prints the whole usage before an error; a student needs just the error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        for pattern, key in _ARGPARSE_ERRORS:
            match = pattern.fullmatch(message)
            if match:
                message = t(key, **match.groupdict())
                break
        _fail(message)


def _fail(message: str) -> None:
    # argparse quotes some values and not others ("unrecognized arguments: a\nb"): escape anything that
    # would break the line or reach the terminal as a control code.
    message = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    print(f"{PROG}: error: {message} {t('cli.see_help', prog=PROG)}", file=sys.stderr)
    raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _OneLineParser(prog=PROG, description=t("cli.description"), formatter_class=_CellWidthFormatter,
                       add_help=False)
    p._optionals.title = t("cli.options")  # argparse's own heading, "options"
    p.add_argument("-h", "--help", action="help", help=t("cli.help"))
    p.add_argument("--headless", action="store_true", help=t("cli.headless"))
    p.add_argument("--dataset", metavar="NAME", default="flower", help=f"{', '.join(DATASETS)} (flower)")
    p.add_argument("--samples", metavar="M", type=int, default=400, help=t("cli.samples"))
    p.add_argument("--noise", metavar="X", type=float, help=t("cli.noise"))
    p.add_argument("--hidden", metavar="N", type=int, default=4, help=t("cli.hidden"))
    p.add_argument("--activation", metavar="NAME", default="tanh", help=f"{', '.join(ACTIVATIONS)} (tanh)")
    p.add_argument("--init", metavar="NAME", default="random", help=f"{', '.join(INIT_SCHEMES)} (random)")
    p.add_argument("--scale", metavar="X", type=float, help=t("cli.scale"))
    p.add_argument("--lr", metavar="X", type=float, default=1.2, help=t("cli.lr"))
    p.add_argument("--seed", metavar="N", type=int, default=1, help=t("cli.seed"))
    p.add_argument("--steps", metavar="N", type=int, help=t("cli.steps"))  # None: not given (the app opens at 0)
    p.add_argument("--every", metavar="K", type=int, help=t("cli.every"))
    p.add_argument("--compare", action="store_true", help=t("cli.compare"))
    p.add_argument("--lesson", action="store_true", help=t("cli.lesson"))
    p.add_argument("--lang", metavar="CODE", help=t("cli.lang"))
    p.add_argument("--export", metavar="PATH", help=t("cli.export"))
    p.add_argument("--serve", action="store_true", help=t("cli.serve"))
    p.add_argument("--host", metavar="ADDR", default="127.0.0.1", help=t("cli.host"))
    p.add_argument("--port", metavar="N", type=int, help=t("cli.port"))
    p.add_argument("--max-sessions", metavar="N", type=int, help=t("cli.max_sessions"))
    return p


def language_of(argv: list[str]) -> str:
    """The language --help is written in: --lang's value if it is one we have, else from the environment.
    Looked up before argparse runs, since argparse prints --help while it parses."""

    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return language_from_env()


def check_new_options(args: argparse.Namespace) -> str:
    """Validate the options of compare/lesson/export/serve; the language to use. Calls _fail on a bad one."""
    if args.lang is not None and args.lang not in LANGUAGES:
        _fail(t("cli.error.lang", choices=", ".join(LANGUAGES), value=args.lang))
    if args.export is not None and not args.headless:
        _fail(t("cli.error.export_needs_headless"))
    if args.every is not None and not args.headless:  # the app keeps its own history; it would be ignored
        _fail(t("cli.error.every_needs_headless"))
    if args.export is not None:
        _check_export_path(args.export)
    if args.serve and args.headless:
        _fail(t("cli.error.serve_headless"))
    if args.lesson and args.headless:
        _fail(t("cli.error.lesson_headless"))
    if args.lesson and args.compare:
        _fail(t("cli.error.lesson_compare"))
    if args.steps is not None and not args.headless and (args.lesson or args.compare):
        _fail(t("cli.error.steps_lesson_compare"))  # the app opens its own run at --steps; those start at 0
    if args.port is not None and not args.serve:
        _fail(t("cli.error.port_needs_serve"))
    if args.host != "127.0.0.1" and not args.serve:
        _fail(t("cli.error.host_needs_serve"))
    if args.port is not None and not 1 <= args.port <= 65535:
        _fail(t("cli.error.port_range", value=args.port))
    if args.max_sessions is not None and not args.serve:
        _fail(t("cli.error.max_sessions_needs_serve"))
    if args.max_sessions is not None and args.max_sessions < 1:
        _fail(t("cli.error.max_sessions_range", value=args.max_sessions))
    return args.lang or language_from_env()


def _check_export_path(path: str) -> None:
    """Refuse before training: a wrong extension, a taken name, a missing or read-only directory."""
    import os

    from engine.export import ExportError, export_format

    try:
        export_format(path)
    except ExportError as error:
        _fail(error_text(error))
    directory = os.path.dirname(os.path.abspath(path))
    if os.path.lexists(path):
        _fail(t("cli.error.export_exists", path=path))
    if not os.path.isdir(directory):
        _fail(t("cli.error.export_no_directory", directory=directory))
    if not os.access(directory, os.W_OK | os.X_OK):
        _fail(t("cli.error.export_read_only", directory=directory))


def config_from_args(args: argparse.Namespace) -> Config:
    return Config(dataset=args.dataset, samples=args.samples, noise=args.noise, hidden=args.hidden,
                  activation=args.activation, init=args.init, scale=args.scale, lr=args.lr, seed=args.seed,
                  steps=10_000 if args.steps is None else args.steps, every=args.every, compare=args.compare)


def main(argv: list[str] | None = None) -> int:
    set_language(language_of(sys.argv[1:] if argv is None else argv))
    args = build_parser().parse_args(argv)
    try:
        config = config_from_args(args)
    except ConfigError as error:
        _fail(error_text(error))
    lang = check_new_options(args)
    set_language(lang)
    if args.headless:
        status = _run_headless(config)
        if status == 0 and args.export is not None:
            status = _export_headless(config, args.export)
        return status
    if args.serve:
        return _serve(args, lang)
    from tui.app import run_app  # textual is imported here, and only here

    return run_app(config, lesson=args.lesson, start_at=args.steps or 0)


def _export_headless(config: Config, path: str) -> int:
    """Train the run again and write its history: every --every iterations, else the recorded (downsampled) ones."""
    from engine.export import ExportError, Replay, write_new_file
    from engine.trainer import Trainer

    trainer = Trainer(config)
    trainer.step(config.steps)
    iterations = None
    if config.every:
        iterations = list(range(0, trainer.iteration + 1, config.every))
        if iterations[-1] != trainer.iteration:
            iterations.append(trainer.iteration)
    replay = Replay.of(trainer, iterations, config.every)
    try:
        text, records = replay.render(path)
        written = write_new_file(path, text)
    except ExportError as error:
        print(f"{PROG}: error: {error_text(error)}", file=sys.stderr)
        return 1
    said = t("cli.exported", records=records, stride=config.every, path=written) if config.every else (
        t("cli.exported_downsampled", records=records, stride=replay.stride, path=written))
    print(f"{PROG}: {said}", file=sys.stderr)
    return 0


def _serve(args: argparse.Namespace, lang: str) -> int:
    options = []
    for name in ("dataset", "samples", "noise", "hidden", "activation", "init", "scale", "lr", "seed", "steps"):
        value = getattr(args, name)
        if value is not None:
            options += [f"--{name}", str(value)]
    options += ["--compare"] * args.compare + ["--lesson"] * args.lesson + ["--lang", lang]
    try:
        from tui.serve import serve  # textual-serve, an optional extra

        return serve(options, args.host, args.port or 8000, args.max_sessions)
    except ImportError:
        _fail(t("serve.missing"))
    except OSError as error:  # the port is taken, or the address is not this machine's
        _fail(t("cli.error.serve_failed", host=args.host, port=args.port or 8000, error=error.strerror or error))
    return 0


def _run_headless(config: Config) -> int:
    from engine.report import run

    try:
        report = run(config)
        sys.stdout.write(json.dumps(report, allow_nan=False) + "\n")
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `shallow-tui --headless | head`: the reader left, nothing to report
        sys.stdout = None  # type: ignore[assignment]  # stop Python's own flush at exit from failing again
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
