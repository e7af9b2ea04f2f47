"""engine.options: the one table of options, and what is generated from it (Config's fields, defaults and
checks, the JSON's config block)."""
import dataclasses

import pytest

from engine.config import Config, ConfigError
from engine.options import (APP, BY_NAME, CONFIG_FILE, DEFAULTS, HEADLESS, OPTIONS, RUN_OPTIONS, SERVE,
                            accepted_in, given, session_arguments)

KINDS = {"int", "float", "choice", "flag", "text", "sizes", "names", "version"}
PLACES = {HEADLESS, APP, SERVE, CONFIG_FILE}


def test_every_option_is_declared_once_with_a_known_kind_and_place():
    names = [option.name for option in OPTIONS]
    assert len(names) == len(set(names)) and BY_NAME.keys() == set(names)
    for option in OPTIONS:
        assert option.kind in KINDS, option.name
        assert option.applies and option.applies <= PLACES, option.name
        assert option.flag == "--" + option.name.replace("_", "-")  # the key test_samples is --test-samples
        assert (option.kind in ("choice", "names")) == bool(option.choices), option.name
        if option.kind in ("int", "float"):
            assert len(option.limits) == 2, option.name
        for other, message in option.conflicts:
            assert other in BY_NAME and message.startswith("cli.error."), option.name


def test_configs_fields_are_the_run_options_in_the_tables_order():
    fields = [f.name for f in dataclasses.fields(Config) if f.name != "overrides"]
    assert fields == [option.name for option in RUN_OPTIONS]
    defaults = {f.name: f.default for f in dataclasses.fields(Config) if f.name != "overrides"}
    # hidden's field is None (the first of layers, else the table's default), so that one given alone decides
    assert defaults == {option.name: option.default for option in RUN_OPTIONS} | {"hidden": None}
    assert Config().hidden == DEFAULTS["hidden"] == 4 and DEFAULTS["samples"] == 400 and DEFAULTS["lr"] == 1.2


def test_the_config_block_lists_the_run_options_in_the_tables_order():
    assert list(Config().resolved()) == [option.name for option in RUN_OPTIONS]
    assert list(Config().replace(every=5).resolved()) == [option.name for option in RUN_OPTIONS]


@pytest.mark.parametrize("option", [o for o in RUN_OPTIONS if o.kind in ("int", "float")], ids=lambda o: o.name)
def test_config_checks_each_number_against_the_tables_limits(option):
    if option.name == "hidden":
        assert Config(hidden=option.limits[1]).layers == (option.limits[1],)
    low = option.limits[0]
    if option.kind == "int":
        high = option.limits[1]
        assert getattr(Config(**{option.name: low}), option.name) == low
        assert getattr(Config(**{option.name: high}), option.name) == high
        bad = (low - 1, high + 1)
    else:
        minimum, strict = option.limits
        bad = (minimum,) if strict else (minimum - 1e-9,)
        assert getattr(Config(**{option.name: minimum + 0.5}), option.name) == minimum + 0.5
    for value in bad:
        with pytest.raises(ConfigError) as caught:
            Config(**{option.name: value})
        assert str(caught.value).startswith(option.flag + " ")


@pytest.mark.parametrize("option", [o for o in RUN_OPTIONS if o.kind == "choice"], ids=lambda o: o.name)
def test_config_checks_each_choice_against_the_table(option):
    for choice in option.choices:
        assert getattr(Config(**{option.name: choice}), option.name) == choice
    with pytest.raises(ConfigError, match="must be one of " + ", ".join(option.choices)):
        Config(**{option.name: "none of them"})


def test_flags_must_be_booleans():
    with pytest.raises(ConfigError, match="--compare must be true or false"):
        Config(compare="yes")


def test_where_options_are_accepted():
    assert accepted_in(headless=True, serve=False) == {HEADLESS}
    assert accepted_in(headless=False, serve=False) == {APP}
    assert accepted_in(headless=False, serve=True) == {APP, SERVE}
    assert given(0) and given(0.0) and given("") and given(True)
    assert not given(None) and not given(False)


def test_serve_sessions_get_every_given_option_the_app_uses_and_nothing_else():
    values = {"dataset": "moons", "hidden": 7, "scale": 0.5, "compare": True, "lesson": False, "lang": "ko",
              "serve": True, "host": "0.0.0.0", "port": 8123, "headless": False, "every": None, "lr": None}
    assert session_arguments(values) == ["--dataset", "moons", "--hidden", "7", "--scale", "0.5", "--compare",
                                         "--lang", "ko"]
    for option in OPTIONS:  # only options the app uses ever reach a session (--version: argparse ends at it)
        value = True if option.kind == "flag" else "1"
        arguments = session_arguments({option.name: value})
        assert (arguments != []) == (APP in option.applies and option.kind != "version"), option.name


def test_lists_are_checked_against_the_tables_limits_and_choices():
    layers, features = BY_NAME["layers"], BY_NAME["features"]
    low, high, most = layers.limits
    assert Config(layers=[high] * most).layers == (high,) * most
    for bad in ([low - 1], [high + 1], [low] * (most + 1)):
        with pytest.raises(ConfigError, match="--layers"):
            Config(layers=bad)
    assert Config(features=features.choices).features == features.choices
    with pytest.raises(ConfigError, match="--features"):
        Config(features=("x9",))


def test_lists_are_written_with_commas_for_the_command_line():
    assert BY_NAME["layers"].text((10, 5)) == "10,5" and BY_NAME["features"].text(["x1", "x1x2"]) == "x1,x1x2"
    assert session_arguments({"layers": (10, 5), "init_seed": 3}) == ["--layers", "10,5", "--init-seed", "3"]
