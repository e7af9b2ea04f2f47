"""tui.cli is generated from the option table (engine/options.py): argparse's options, the refusals of an
option given where it does not apply, and the arguments each --serve session gets."""
import pytest

import tui.cli
from engine.options import APP, HEADLESS, OPTIONS, SERVE
from tests.cli.cli_run import run_cli
from tui.cli import build_parser, main


def test_argparse_has_exactly_the_tables_options():
    parser = build_parser()
    flags = {flag for action in parser._actions for flag in action.option_strings} - {"-h", "--help"}
    assert flags == {option.flag for option in OPTIONS}
    help_text = parser.format_help()
    assert all(option.flag in help_text for option in OPTIONS)


def test_what_was_not_given_stays_unset_so_config_fills_in_the_default():
    args = build_parser().parse_args([])
    assert all(getattr(args, option.name) in (None, False) for option in OPTIONS)
    assert tui.cli.config_from_args(args) == tui.cli.Config()


def _a_value(option):
    """A valid value, so that only the place can be wrong."""
    if option.kind == "flag":
        return []
    if option.kind == "choice":
        return [option.choices[0]]
    return [{"int": "3", "float": "0.5"}.get(option.kind, "x.json" if option.name == "export" else "en")]


def _cases():
    """(option, switches) for every option given in a mode where the table says it does not apply."""
    for option in OPTIONS:
        for switches, place in (([], APP), (["--headless"], HEADLESS), (["--serve"], SERVE)):
            if place == APP and option.name in ("headless", "serve"):
                continue  # these two choose the mode: given alone, they apply
            accepted = {APP: {APP}, HEADLESS: {HEADLESS}, SERVE: {APP, SERVE}}[place]
            if not option.applies & accepted and option.flag not in switches:
                yield pytest.param(option, switches, id=f"{option.name}-{place}")


@pytest.mark.parametrize("option, switches", list(_cases()))
def test_an_option_given_where_it_does_not_apply_is_refused_in_one_line(option, switches, capsys, monkeypatch):
    monkeypatch.setattr(tui.cli, "_serve", lambda *a: pytest.fail("must be refused before serving"))
    monkeypatch.setattr(tui.cli, "_run_headless", lambda *a: pytest.fail("must be refused before training"))
    status, out, err = run_cli([*switches, option.flag, *_a_value(option)], capsys)
    assert status == 2 and out == "" and err.count("\n") == 1, err
    assert option.flag in err and "Traceback" not in err


def test_conflicting_options_are_refused(capsys):
    status, _, err = run_cli(["--lesson", "--compare"], capsys)
    assert status == 2 and "choose --lesson or --compare" in err


def test_serve_passes_the_apps_options_in_the_chosen_language(capsys, monkeypatch):
    calls = []
    monkeypatch.setattr("tui.serve.serve", lambda *arguments: calls.append(arguments) or 0)
    assert main(["--serve", "--init", "zeros", "--hidden", "3", "--compare", "--lang", "ko", "--port", "8765",
                 "--max-sessions", "30"]) == 0
    assert calls == [(["--hidden", "3", "--init", "zeros", "--compare", "--lang", "ko"], "127.0.0.1", 8765, 30)]
    calls.clear()
    assert main(["--serve", "--lang", "en"]) == 0
    assert calls == [(["--lang", "en"], "127.0.0.1", 8000, None)], "the table's defaults for host and port"
