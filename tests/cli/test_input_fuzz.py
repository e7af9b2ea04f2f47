"""Fuzzing the inputs: any option value, any Config field. Every invalid value is refused with exit 2
and exactly one line on stderr (nothing on stdout, no traceback); every valid one runs.

The oracle is the contract's table (DESIGN.md), written here independently of engine/config.py:
Python's own int()/float() decide what parses, the table decides what is in range.
"""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config, ConfigError
from tests.cli.cli_run import run_cli

REPO = Path(__file__).resolve().parents[2]
MAX_FLOAT = 1e12  # larger values are refused as "too large to be useful"

# option -> (kind, low, high, strict low)
INTEGER_OPTIONS = {"samples": (4, 100_000), "hidden": (1, 64), "seed": (0, 2**32 - 2), "steps": (0, 10**9),
                   "every": (1, 10**9)}
FLOAT_OPTIONS = {"noise": (0.0, False), "scale": (0.0, False), "lr": (0.0, True)}
CHOICE_OPTIONS = {"dataset": DATASETS, "activation": ACTIVATIONS, "init": INIT_SCHEMES}
RUN_AT_MOST = 20  # a valid --steps/--every above this is checked by parsing, not by training 10**9 steps


def expected_valid(option: str, text: str) -> bool:
    if option in CHOICE_OPTIONS:
        return text in CHOICE_OPTIONS[option]
    if option in INTEGER_OPTIONS:
        try:
            value = int(text)
        except ValueError:
            return False
        low, high = INTEGER_OPTIONS[option]
        return low <= value <= high
    try:
        value = float(text)
    except ValueError:
        return False
    minimum, strict = FLOAT_OPTIONS[option]
    if not math.isfinite(value) or abs(value) > MAX_FLOAT:
        return False
    return value > minimum if strict else value >= minimum


def assert_refused(status, out, err, argv):
    assert status == 2, (argv, status, out, err)
    assert out == "", argv
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), (argv, err)
    assert lines[0].startswith("shallow-tui: error: ") and "Traceback" not in err, (argv, err)


def assert_ran(status, out, err, argv):
    assert status == 0, (argv, status, err)
    assert err == "", (argv, err)
    lines = out.splitlines()
    assert len(lines) == 1, (argv, out)

    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")

    report = json.loads(lines[0], parse_constant=refuse)
    assert report["iterations"] <= report["config"]["steps"]


def numbers_as_text():
    """Numbers the way people type them, and the way they mistype them."""
    return st.one_of(
        st.integers(min_value=-10**15, max_value=10**15).map(str),
        st.integers(min_value=-100, max_value=200).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.floats(min_value=-10, max_value=100).map(lambda x: f"{x:g}"),
        st.sampled_from(["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e309", "-1e309", "1e-400", "0", "-0",
                         "0.0", "-0.0", "1e12", "1.0000001e12", "1e13", "4", "3", "64", "65", "0x10", "1_000",
                         " 7 ", "٧", "７", "1,5", "1.5.2", "", " ", "e", "1e", "--", "-", "½", "10**3", "9" * 5000,
                         "4294967294", "4294967295", "1000000000", "1000000001", "100000", "100001"]),
    )


junk_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(option=st.sampled_from(sorted(INTEGER_OPTIONS) + sorted(FLOAT_OPTIONS) + sorted(CHOICE_OPTIONS)),
       text=st.one_of(numbers_as_text(), junk_text, st.sampled_from(sum(map(list, CHOICE_OPTIONS.values()), []))))
@example(option="lr", text="nan")
@example(option="lr", text="-0.0")
@example(option="noise", text="-0.0")
@example(option="hidden", text="9" * 5000)
@example(option="dataset", text="flower\nmoons")
@example(option="dataset", text="\x00")
def test_any_single_option_value_is_refused_in_one_line_or_runs(option, text, capsys):
    argv = ["--headless", "--samples", "8", "--steps", "2", f"--{option}={text}"]
    valid = expected_valid(option, text)
    if valid and option in ("steps", "every") and int(text) > RUN_AT_MOST:
        from tui.cli import build_parser, config_from_args

        config = config_from_args(build_parser().parse_args(argv))  # accepted, not trained for 10**9 steps
        assert getattr(config, option) == int(text)
        return
    if option == "samples" and valid and int(text) > 5000:
        argv += ["--steps", "0"]  # a big data set is made, not trained
    status, out, err = run_cli(argv, capsys)
    if valid:
        assert_ran(status, out, err, argv)
    else:
        assert_refused(status, out, err, argv)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.lists(st.one_of(junk_text, numbers_as_text(),
                               st.sampled_from(["--lr", "--hidden", "--headless", "--steps", "--dataset", "-h",
                                                "--sample", "--lr=", "-", "--", "--every", "--compare=1"])),
                     max_size=6))
def test_any_argument_list_exits_0_or_2_and_never_with_a_traceback(argv, capsys):
    assume("-h" not in argv and "--help" not in argv)
    if "--headless" not in argv:
        argv = ["--headless", *argv]  # never open the app here
    argv = [*argv[:1], "--steps", "1", "--samples", "8", *argv[1:]]
    status, out, err = run_cli(argv, capsys)
    assert status in (0, 2), (argv, status, err)
    if status == 2:
        assert_refused(status, out, err, argv)
    else:
        assert_ran(status, out, err, argv)


@pytest.mark.parametrize("argv", [
    ["--lr", "-1"], ["--lr", "-0.5"], ["--noise", "-1e-9"], ["--seed", "-1"], ["--hidden", "-4"],
    ["--lr"], ["--dataset"], ["--hidden", "4", "--hidden"], ["--unknown"], ["stray"], ["--lr", "1", "2"],
    ["stray\rline"], ["two\nlines"], ["\x1b[2J\x1b[?25l"],  # argparse echoed these raw: 2 lines, live escapes
])
def test_space_separated_negatives_and_missing_values_are_refused(argv, capsys):
    status, out, err = run_cli(["--headless", "--steps", "1", *argv], capsys)
    assert_refused(status, out, err, argv)
    assert "\x1b" not in err


# -- Config, as the app and lab scripts build it --------------------------------------------------------
def anything():
    return st.one_of(st.none(), st.booleans(), st.integers(), st.integers(min_value=-10**500, max_value=10**500),
                     st.floats(allow_nan=True, allow_infinity=True), junk_text, st.complex_numbers(),
                     st.lists(st.integers(), max_size=2), st.just(b"4"), st.sampled_from(list(DATASETS)))


@settings(max_examples=400, deadline=None)
@given(field=st.sampled_from(["dataset", "samples", "noise", "hidden", "activation", "init", "scale", "lr", "seed",
                              "steps", "every", "compare"]), value=anything())
@example(field="lr", value=10**400)
@example(field="noise", value=-10**400)
@example(field="scale", value=10**13)
def test_config_refuses_any_bad_value_with_a_one_line_config_error(field, value):
    try:
        config = Config(**{field: value})
    except ConfigError as error:
        message = str(error)
        assert message and "\n" not in message and message.startswith(f"--{field} ")
        return
    # accepted: it must be a value of the contract's type and range
    got = getattr(config, field)
    if got is None and field in ("noise", "scale", "every"):
        return  # None means "the default for the choice"
    if field in CHOICE_OPTIONS:
        assert got in CHOICE_OPTIONS[field]
    elif field in INTEGER_OPTIONS:
        low, high = INTEGER_OPTIONS[field]
        assert type(got) is int and low <= got <= high
    elif field in FLOAT_OPTIONS:
        minimum, strict = FLOAT_OPTIONS[field]
        assert type(got) in (int, float) and math.isfinite(got) and abs(got) <= MAX_FLOAT
        assert got > minimum if strict else got >= minimum
    elif field == "compare":
        assert type(got) is bool


def test_config_refuses_integers_too_large_for_a_float():
    """math.isfinite(10**400) raises OverflowError: it escaped as a crash instead of a ConfigError."""
    for field in ("lr", "noise", "scale"):
        with pytest.raises(ConfigError, match="out of range"):
            Config(**{field: 10**400})


# -- a few through the real console entry point ---------------------------------------------------------
@pytest.mark.parametrize("args, valid", [
    (["--lr", "nan"], False), (["--lr=-inf"], False), (["--hidden", "0"], False), (["--samples", "3"], False),
    (["--dataset", "fleur"], False), (["--scale", "1e400"], False), (["--seed", "٣"], True),
    (["--lr", "１.５", "--activation", "relu"], True), (["--noise", "0"], True),
])
def test_subprocess_exit_codes_and_one_line(args, valid):
    result = subprocess.run([sys.executable, "-m", "tui", "--headless", "--steps", "3", "--samples", "8", *args],
                            capture_output=True, text=True, timeout=60, cwd=REPO)
    if valid:
        assert result.returncode == 0 and result.stderr == "" and len(result.stdout.splitlines()) == 1
    else:
        assert result.returncode == 2 and result.stdout == ""
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr


# -- the app's own typed values follow the command line's rules ------------------------------------------
@settings(max_examples=300, deadline=None)
@given(option=st.sampled_from(["lr", "scale", "seed", "hidden", "samples", "noise"]),
       text=st.one_of(numbers_as_text(), junk_text))
@example(option="lr", text="9" * 5000)
@example(option="hidden", text="1e400")
def test_typed_values_follow_the_same_rules_as_the_command_line(option, text):
    from tui.i18n import app_error_text, t
    from tui.screens.value_input import TYPED_SETTINGS, parse_setting

    try:
        Config().replace(**{option: parse_setting(option, text)})
        accepted = True
    except ConfigError as error:
        accepted = False
        said = app_error_text(error)  # what the app shows: the setting's name, not its --option
        assert "\n" not in said and not said.startswith("--") and t(TYPED_SETTINGS[option][0]).rstrip("s") in said
    assert accepted == expected_valid(option, text), (option, text)
