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
    lambda: InitOverride("W3", "random"),
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
