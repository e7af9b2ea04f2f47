"""`shallow-tui`: open the app, or with --headless train without a UI and print one JSON object.

The options, their defaults and where each applies come from the one option table (engine/options.py).
Textual is imported only when the app opens, so the headless path starts fast and works anywhere.
Every bad option ends with exit status 2 and one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata

from engine import config_file
from engine.config import Config, ConfigError, check_value
from engine.options import (BY_NAME, COMMAND_LINE, HEADLESS, OPTIONS, SERVE, Option, accepted_in, given, locked_together,
                            session_arguments)
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
    """argparse from the option table (engine/options.py). What was not given stays None (flags False), so
    ``given`` can tell; Config and ``option_value`` fill in the table's defaults."""
    p = _OneLineParser(prog=PROG, description=t("cli.description"), epilog=t("cli.epilog", prog=PROG),
                       formatter_class=_CellWidthFormatter, add_help=False)
    p._optionals.title = t("cli.options")  # argparse's own heading, "options"
    p.add_argument("-h", "--help", action="help", help=t("cli.help"))
    for option in OPTIONS:
        if option.applies & COMMAND_LINE:
            p.add_argument(option.flag, **_argparse_settings(option))
    return p


def version() -> str:
    """pyproject.toml's version, as the installed package's metadata says it."""
    from importlib.metadata import PackageNotFoundError, version as installed

    try:
        return installed(PROG)
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


_ARGPARSE_TYPES = {"int": int, "float": float}  # argparse's own "invalid int value" errors, translated above


def _argparse_settings(option: Option) -> dict:
    help_text = t(option.help) if option.help else f"{', '.join(option.choices)} ({option.default})"
    if option.kind == "flag":
        return {"action": "store_true", "help": help_text}
    if option.kind == "version":
        return {"action": "version", "version": f"{PROG} {version()}", "help": help_text, "default": None}
    return {"metavar": option.metavar, "type": _ARGPARSE_TYPES.get(option.kind), "help": help_text}


def option_value(args: argparse.Namespace, name: str):
    """The value of a program option (language, export, serving address): as given, else the table's default."""
    value = getattr(args, name)
    return value if given(value) else BY_NAME[name].default


def language_of(argv: list[str]) -> str:
    """The language --help is written in: --lang's value if it is one we have, else from the environment.
    Looked up before argparse runs, since argparse prints --help while it parses."""

    for i, arg in enumerate(argv):
        value = arg.partition("=")[2] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in LANGUAGES:
            return value
    return language_from_env()


_GENERIC_REFUSALS = (  # where an option without its own refusal message does apply, and how to say so
    (HEADLESS, "cli.error.needs_headless"),
    (SERVE, "cli.error.needs_serve"),
)


def check_program_options(args: argparse.Namespace) -> str:
    """Refuse an option given where it does not apply (the table's ``applies``), two that do not go together,
    and a bad language, export path or port; the language to use. Calls _fail on the first problem."""
    lang = option_value(args, "lang")
    if lang is not None and lang not in LANGUAGES:
        _fail(t("cli.error.lang", choices=", ".join(LANGUAGES), value=lang))
    accepted = accepted_in(args.headless, args.serve)
    for option in OPTIONS:
        if not given(getattr(args, option.name, None)):
            continue
        if not option.applies & accepted:
            generic = next((key for place, key in _GENERIC_REFUSALS if place in option.applies), "cli.error.not_headless")
            _fail(t(option.refusal or generic, option=option.flag))
        for other, message in option.conflicts:
            if given(getattr(args, other, None)):
                _fail(t(message))
    if given(args.steps) and not args.headless and (args.lesson or args.compare):
        _fail(t("cli.error.steps_lesson_compare"))  # the app opens its own run at --steps; those start at 0
    if args.lock is not None:
        try:
            args.lock = check_value(BY_NAME["lock"], args.lock)
        except ConfigError as error:
            _fail(error_text(error))
    if args.export is not None:
        _check_export_path(args.export)
    for name, message in (("port", "cli.error.port_range"), ("max_sessions", "cli.error.max_sessions_range")):
        value, (low, high) = getattr(args, name), BY_NAME[name].limits
        if value is not None and not low <= value <= high:
            _fail(t(message, value=value))
    return lang or language_from_env()


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


def given_on_command_line(args: argparse.Namespace) -> dict:
    return {option.name: getattr(args, option.name) for option in OPTIONS
            if given(getattr(args, option.name, None))}  # --version has no value: argparse ends at it


config_of = config_file.config_of  # the run of what was given (config files too)


def config_from_args(args: argparse.Namespace) -> Config:
    return config_of({name: value for name, value in given_on_command_line(args).items() if BY_NAME[name].run})


def settings_with_file(args: argparse.Namespace) -> tuple[dict, bool]:
    """Every setting given, the config file's under the command line's (engine/config_file.py), and whether the
    file set any; calls _fail with the file's one line if it cannot be used."""
    command_line = given_on_command_line(args)
    if args.config is None:
        return command_line, False
    try:
        file = config_file.read(args.config)
    except config_file.ConfigFileError as error:
        _fail(error_text(error))
    accepted = accepted_in(args.headless, args.serve)
    values = config_file.merged(config_file.applies_in(file.values, accepted), command_line)
    from_file = {name for name in values if name not in command_line}
    for option in OPTIONS:  # two that do not go together, from the file (the command line's were refused already)
        for other, message in option.conflicts:
            if not option.run and given(values.get(option.name)) and given(values.get(other)):
                _fail(t("config_file.settings", path=args.config, reason=t(message)))
    if not args.headless and "steps" in from_file and (values.get("lesson") or values.get("compare")):
        del values["steps"]  # the lesson and compare mode start at 0; a run's own file (compare's) still opens
    if "steps" in command_line and not args.headless and (values.get("lesson") or values.get("compare")):
        _fail(t("config_file.settings", path=args.config, reason=t("cli.error.steps_lesson_compare")))
    return values, bool(from_file)


def main(argv: list[str] | None = None) -> int:
    set_language(language_of(sys.argv[1:] if argv is None else argv))
    words = sys.argv[1:] if argv is None else argv
    if words[:1] == ["collect"]:
        return collect_main(words[1:])
    args = build_parser().parse_args(argv)
    try:
        config_from_args(args)  # the command line's own values first: their errors name the --option
    except ConfigError as error:
        _fail(error_text(error))
    lang = check_program_options(args)
    set_language(lang)
    values, from_file = settings_with_file(args)
    if "lang" in values and "lang" not in given_on_command_line(args):
        lang = values["lang"]
        set_language(lang)
    try:
        config = config_of(values)
    except ConfigError as error:
        _fail(t("config_file.settings", path=args.config, reason=error_text(error)) if from_file else error_text(error))
    if args.headless:
        status = _run_headless(config)
        if status == 0 and args.export is not None:
            status = _export_headless(config, args.export)
        return status
    if args.serve:
        return _serve(args, lang)
    from tui.app import run_app  # textual is imported here, and only here

    return run_app(config, lesson=bool(values.get("lesson")), start_at=values.get("steps", 0),
                   locked=locked_together(values.get("lock", ())))


def collect_main(argv: list[str]) -> int:
    """``shallow-tui collect PATH… [--csv OUT]`` (engine/collect.py): the table on stdout, the files skipped and the
    count on stderr; exit status 0 when every file was a run, 1 when some were skipped, 2 for a bad command line
    or an OUT that cannot be written. Plain Python: no textual."""
    from engine.collect import collect, table, to_csv
    from engine.safe_write import SafeWriteError, write_atomically

    parser = argparse.ArgumentParser(prog=f"{PROG} collect", description=t("collect.description"))
    parser.add_argument("paths", nargs="+", metavar="PATH", help=t("collect.paths"))
    parser.add_argument("--csv", metavar="OUT", help=t("collect.csv_out"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
    args = parser.parse_args(argv)
    runs, skipped = collect(args.paths)
    sys.stdout.write(table(runs))
    sys.stdout.flush()
    for file in skipped:
        values = {key: error_text(value) if isinstance(value, BaseException) else value
                  for key, value in file.values.items()}
        print(t("collect.skipped", path=file.path, reason=t(file.key, **values)), file=sys.stderr)
    print(t("collect.counted", runs=len(runs), skipped=len(skipped)), file=sys.stderr)
    if args.csv is not None:
        try:
            write_atomically(args.csv, to_csv(runs))
        except SafeWriteError as error:
            _fail(error_text(error))
        print(t("collect.written", path=args.csv), file=sys.stderr)
    return 1 if skipped else 0


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
    import os

    # Each session opens in this command's language, and reads the config file itself (wherever it starts).
    config_path = os.path.abspath(args.config) if args.config else None
    options = session_arguments({**vars(args), "lang": lang, "config": config_path})
    host, port = option_value(args, "host"), option_value(args, "port")
    try:
        from tui.serve import serve  # textual-serve, an optional extra

        return serve(options, host, port, args.max_sessions)
    except ImportError:
        _fail(t("serve.missing"))
    except OSError as error:  # the port is taken, or the address is not this machine's
        _fail(t("cli.error.serve_failed", host=host, port=port, error=error.strerror or error))
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
