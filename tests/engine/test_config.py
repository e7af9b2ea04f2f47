"""engine.config: defaults, validation with one-line messages, resolved values, overrides."""
import math

import pytest

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config, ConfigError, InitOverride
from engine.messages import MESSAGES, say


def test_defaults_are_the_course_notebook():
    config = Config()
    assert (config.dataset, config.samples, config.hidden, config.activation) == ("flower", 400, 4, "tanh")
    assert (config.init, config.resolved_scale, config.lr, config.seed) == ("random", 0.01, 1.2, 1)
    assert config.steps == 10_000 and config.every is None and config.compare is False


def test_public_choices_match_the_contract():
    assert DATASETS == ("flower", "circles", "moons", "xor", "blobs", "spiral")
    assert ACTIVATIONS == ("tanh", "sigmoid", "relu", "leaky_relu")
    assert INIT_SCHEMES == ("zeros", "constant", "random", "xavier", "he")


@pytest.mark.parametrize("changes", [
    {"dataset": "flowers"}, {"dataset": "Flower"}, {"activation": "softmax"}, {"init": "ones"},
    {"samples": 3}, {"samples": 1}, {"samples": 0}, {"samples": -5}, {"samples": 4.0}, {"samples": True},
    {"hidden": 0}, {"hidden": 65}, {"hidden": -1}, {"hidden": 2.5},
    {"lr": 0}, {"lr": 0.0}, {"lr": -0.1}, {"lr": math.nan}, {"lr": math.inf}, {"lr": "1.2"},
    {"scale": -0.01}, {"scale": math.inf}, {"scale": math.nan},
    {"noise": -0.1}, {"noise": math.nan}, {"noise": math.inf},
    {"seed": -1}, {"seed": 1.5}, {"steps": -1}, {"every": 0}, {"every": -3},
    {"compare": "yes"}, {"init": "zeros", "scale": 0.3},
])
def test_bad_values_raise_one_line_config_error(changes):
    with pytest.raises(ConfigError) as caught:
        Config(**changes)
    message = str(caught.value)
    assert message and "\n" not in message
    assert isinstance(caught.value, ValueError)
    # the sentence is engine.messages' own, by key, so a UI can say it in another language
    assert caught.value.key in MESSAGES and message == say(caught.value.key, **caught.value.values)


def test_error_message_names_the_option_and_the_value():
    with pytest.raises(ConfigError, match=r"--hidden .*1 to 64.*0"):
        Config(hidden=0)


@pytest.mark.parametrize("changes", [
    {"samples": 4}, {"hidden": 1}, {"hidden": 64}, {"lr": 1e-6}, {"scale": 0.0}, {"noise": 0.0},
    {"seed": 0}, {"steps": 0}, {"every": 1}, {"init": "zeros", "scale": 0.0}, {"compare": True},
])
def test_boundary_values_are_accepted(changes):
    config = Config(**changes)
    for name, value in changes.items():
        assert getattr(config, name) == value


@pytest.mark.parametrize("init, scale", [("zeros", 0.0), ("constant", 0.5), ("random", 0.01), ("xavier", 1.0), ("he", 1.0)])
def test_default_scale_depends_on_the_scheme(init, scale):
    assert Config(init=init).resolved_scale == scale


def test_resolved_has_every_option_filled_in():
    resolved = Config().resolved()
    assert set(resolved) >= {"dataset", "samples", "noise", "hidden", "activation", "init", "scale", "lr",
                             "seed", "steps", "every", "compare"}
    assert resolved["noise"] == 0.2 and resolved["scale"] == 0.01
    assert Config(dataset="moons").resolved()["noise"] == Config(dataset="moons").resolved_noise > 0


def test_replace_validates_and_leaves_the_original_untouched():
    config = Config(init="constant", scale=0.7)
    with pytest.raises(ConfigError):
        config.replace(hidden=0)
    assert config.hidden == 4
    # A scale means something else for each scheme, so switching scheme drops it.
    assert config.replace(init="random").resolved_scale == 0.01
    assert config.replace(init="random", scale=2.0).resolved_scale == 2.0
    assert config.replace(hidden=8).resolved_scale == 0.7


def test_weights_follow_init_and_biases_start_at_zero():
    config = Config(init="constant", scale=0.3)
    assert config.init_for("W1") == ("constant", 0.3)
    assert config.init_for("W2") == ("constant", 0.3)
    assert config.init_for("b1") == ("zeros", 0.0)
    assert config.init_for("b2") == ("zeros", 0.0)


def test_per_parameter_override_wins_and_is_reported():
    config = Config(init="zeros", overrides=(InitOverride("b1", "random", 0.1), InitOverride("W2", "constant")))
    assert config.init_for("b1") == ("random", 0.1)
    assert config.init_for("W2") == ("constant", 0.5)
    assert config.init_for("W1") == ("zeros", 0.0)
    assert config.resolved()["overrides"] == {"b1": {"init": "random", "scale": 0.1},
                                              "W2": {"init": "constant", "scale": 0.5}}


@pytest.mark.parametrize("make", [
    lambda: Config(overrides=(InitOverride("W3", "random"),)),  # one hidden layer: W1, b1, W2, b2
    lambda: Config(layers=(4, 3), overrides=(InitOverride("b4", "random"),)),
    lambda: InitOverride("W0", "random"),
    lambda: InitOverride("w1", "random"),
    lambda: InitOverride("W6", "random"),  # at most 4 hidden layers: W5 is the last there can be
    lambda: InitOverride("W1", "ones"),
    lambda: InitOverride("W1", "random", -1.0),
    lambda: Config(overrides=(InitOverride("W1", "zeros"), InitOverride("W1", "random"))),
    lambda: Config(overrides=[InitOverride("W1", "zeros")]),
])
def test_bad_overrides_raise(make):
    with pytest.raises(ConfigError):
        make()


def test_config_is_immutable():
    with pytest.raises(Exception):
        Config().hidden = 5  # type: ignore[misc]


# -- the deep-networks options (issue 14) -------------------------------------------------------------------
def test_hidden_is_the_first_hidden_layer_and_layers_default_to_it():
    assert Config().layers == (4,) and Config().hidden == 4
    assert Config(hidden=7).layers == (7,)
    deep = Config(layers=(10, 5))
    assert deep.hidden == 10 and deep == Config(layers="10,5") == Config(layers=[10, 5]) == Config(hidden=10, layers="10,5")
    assert Config(layers=(4,)) == Config()


@pytest.mark.parametrize("text, sizes", [("10,5", (10, 5)), (" 3 , 64 ", (3, 64)), ("1,2,3,4", (1, 2, 3, 4)), ("٣", (3,))])
def test_layers_are_read_from_text_or_a_list(text, sizes):
    assert Config(layers=text).layers == sizes and Config(layers=list(sizes)).layers == sizes


@pytest.mark.parametrize("layers, message", [
    ("0", "each hidden layer has 1 to 64 units, got 0"), ("65", "got 65"), ("10,,5", "a list with commas"),
    ("a", "a list with commas"), ("", "at least one"), ([], "at least one"), ("1,2,3,4,5", "at most 4 hidden layers, got 5"),
    ("2.5", "a list with commas"), ([2.0], "a list with commas"), ([True], "a list with commas"), (5, "a list with commas"),
    ("9" * 5000, "a list with commas"),
])
def test_bad_layers_say_what_is_wrong_in_one_line(layers, message):
    with pytest.raises(ConfigError, match="--layers") as caught:
        Config(layers=layers)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_hidden_and_layers_must_agree():
    with pytest.raises(ConfigError, match="--hidden 4 and --layers 10,5 disagree"):
        Config(hidden=4, layers=(10, 5))


def test_replace_keeps_hidden_and_layers_in_step():
    deep = Config(layers=(10, 5))
    assert deep.replace(hidden=3).layers == (3, 5), "hidden changes the first hidden layer"
    assert deep.replace(layers=(2,)).hidden == 2
    assert Config().replace(hidden=9).layers == (9,)


@pytest.mark.parametrize("features, message", [
    ("x3", "unknown 'x3'"), ("", "at least one"), ("x1,x1", "'x1' is given twice"), ("x1,,x2", "a list with commas"),
    ("X1", "unknown 'X1'"), (["x1", 2], "unknown 2"),
])
def test_bad_features_say_what_is_wrong(features, message):
    with pytest.raises(ConfigError, match="--features") as caught:
        Config(features=features)
    assert message in str(caught.value)


def test_features_init_seed_and_test_samples():
    config = Config(features="x1,x2,x1x2", test_samples=100, init_seed=3)
    assert config.features == ("x1", "x2", "x1x2") and config.test_samples == 100 and config.resolved_init_seed == 3
    assert Config(seed=7).resolved_init_seed == 8, "seed + 1 by default"
    resolved = Config(layers="10,5", features="x1sq").resolved()
    assert resolved["layers"] == [10, 5] and resolved["features"] == ["x1sq"] and resolved["init_seed"] == 2
    assert resolved["hidden"] == 10 and resolved["test_samples"] == 0
    for bad in ({"test_samples": -1}, {"init_seed": -1}, {"init_seed": 2**32}, {"init_seed": "3"}):
        with pytest.raises(ConfigError):
            Config(**bad)


def test_deep_overrides_name_any_layer():
    config = Config(layers=(4, 3), init="zeros", overrides=(InitOverride("W3", "random", 0.1), InitOverride("b2", "constant")))
    assert config.init_for("W3") == ("random", 0.1) and config.init_for("b2") == ("constant", 0.5)
    assert config.init_for("W2") == ("zeros", 0.0) and config.init_for("b3") == ("zeros", 0.0)
    with pytest.raises(ConfigError, match="choose from W1, b1, W2, b2, W3, b3"):
        Config(layers=(4, 3), overrides=(InitOverride("W4", "random"),))
