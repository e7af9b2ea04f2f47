"""`shallow-tui --headless` in a subprocess: exactly one strict-JSON object with the contract's keys;
bad input exits 2 with one line on stderr and nothing on stdout."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CONTRACT_KEYS = {"config", "iterations", "loss", "accuracy", "test_accuracy", "distinct_hidden_units", "unit_gap",
                 "layers", "frozen", "diverged"}
CONFIG_KEYS = {"dataset", "samples", "test_samples", "noise", "features", "hidden", "layers", "activation", "init",
               "scale", "lr", "seed", "init_seed", "steps", "every", "compare"}
REPO = Path(__file__).resolve().parents[2]


def shallow_tui(*args, timeout=120):
    """Run `python -m tui ARGS` from the repository; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=timeout,
                          cwd=REPO)


def strict_loads(text):
    def refuse(constant):
        raise ValueError(f"non-standard JSON constant {constant}")
    return json.loads(text, parse_constant=refuse)


def headless(*args):
    """Run headless, check it succeeded cleanly, and return the one JSON object it printed."""
    result = shallow_tui("--headless", *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1, "exactly one JSON object, on one line"
    report = strict_loads(lines[0])
    assert isinstance(report, dict)
    return report


def test_default_headless_run_is_the_notebooks_run():
    report = headless()
    assert set(report) == CONTRACT_KEYS, "no history without --every"
    assert report["config"] == {"dataset": "flower", "samples": 400, "test_samples": 0, "noise": 0.2,
                                "features": ["x1", "x2"], "hidden": 4, "layers": [4], "activation": "tanh",
                                "init": "random", "scale": 0.01, "lr": 1.2, "seed": 1, "init_seed": 2, "steps": 10000,
                                "every": None, "compare": False}
    assert set(report["config"]) == CONFIG_KEYS
    assert report["test_accuracy"] is None
    assert report["layers"] == [{"units": 4, "distinct_units": 4, "unit_gap": report["unit_gap"]}]
    assert report["iterations"] == 10_000 and report["accuracy"] >= 0.89
    assert 0.2 < report["loss"] < 0.23
    assert report["distinct_hidden_units"] == 4 and report["unit_gap"] > 0
    assert report["frozen"] is False and report["diverged"] is False


def test_every_option_is_echoed_resolved():
    report = headless("--dataset", "moons", "--samples", "50", "--noise", "0.3", "--hidden", "7",
                      "--activation", "sigmoid", "--init", "constant", "--scale", "0.25", "--lr", "0.5",
                      "--seed", "3", "--steps", "20", "--every", "10", "--compare")
    assert report["config"] == {"dataset": "moons", "samples": 50, "test_samples": 0, "noise": 0.3,
                                "features": ["x1", "x2"], "hidden": 7, "layers": [7], "activation": "sigmoid",
                                "init": "constant", "scale": 0.25, "lr": 0.5, "seed": 3, "init_seed": 4, "steps": 20,
                                "every": 10, "compare": True}
    assert report["distinct_hidden_units"] == 1 and report["unit_gap"] == 0.0


@pytest.mark.parametrize("init, scale", [("zeros", 0.0), ("constant", 0.5), ("xavier", 1.0), ("he", 1.0)])
def test_each_schemes_default_scale_is_resolved(init, scale):
    report = headless("--init", init, "--steps", "0", "--samples", "8")
    assert report["config"]["scale"] == scale and report["config"]["init"] == init


def test_history_every_k_iterations_from_zero():
    report = headless("--steps", "200", "--every", "50")
    history = report["history"]
    assert [entry["iteration"] for entry in history] == [0, 50, 100, 150, 200]
    assert all(set(entry) == {"iteration", "loss", "accuracy", "unit_gap"} for entry in history)
    assert round(history[0]["loss"], 6) == 0.693048
    assert history[-1]["loss"] == report["loss"]
    assert all(a["loss"] > b["loss"] for a, b in zip(history, history[1:])), "the default run learns"


def test_zero_init_is_reported_frozen():
    report = headless("--init", "zeros", "--steps", "300")
    assert report["frozen"] is True and report["accuracy"] == 0.5
    assert report["distinct_hidden_units"] == 1 and report["unit_gap"] == 0.0


def test_one_hidden_unit_has_a_null_gap():
    report = headless("--hidden", "1", "--steps", "5", "--every", "5")
    assert report["unit_gap"] is None and report["history"][0]["unit_gap"] is None


def test_a_diverging_run_exits_0_with_null_loss():
    report = headless("--activation", "relu", "--lr", "1e6", "--scale", "10", "--steps", "1000", "--every", "10")
    assert report["diverged"] is True and report["loss"] is None and report["frozen"] is False
    assert 0 < report["iterations"] < 1000
    assert report["history"][-1]["loss"] is None and report["history"][-1]["iteration"] == report["iterations"]


@pytest.mark.parametrize("args", [
    ["--dataset", "flowers"], ["--activation", "softmax"], ["--init", "ones"],
    ["--hidden", "abc"], ["--samples", "1e3"], ["--lr", "fast"], ["--seed", "x"], ["--steps", "ten"],
    ["--samples", "-5"], ["--noise", "-0.1"], ["--scale", "-1"], ["--seed", "-1"], ["--steps", "-1"],
    ["--lr", "-0.5"], ["--every", "-2"],
    ["--hidden", "0"], ["--hidden", "65"], ["--lr", "0"], ["--lr", "nan"], ["--lr", "inf"],
    ["--scale", "inf"], ["--scale", "nan"], ["--noise", "nan"], ["--samples", "1"], ["--samples", "3"],
    ["--every", "0"], ["--init", "zeros", "--scale", "0.5"], ["--lr", "1e13"], ["--seed", "4294967295"],
    ["--samples", "100001"], ["--dataset", ""],
    ["--unknown"], ["--hidden"], ["extra-positional"],
    # the deep-networks options (issue 14)
    ["--layers", "0"], ["--layers", "10,,5"], ["--layers", "a"], ["--layers", "65"], ["--layers", "10,65"],
    ["--layers", "1,1,1,1,1,1,1,1,1"], ["--layers", "1,2,3,4,5"], ["--layers", ""], ["--layers", "10,5,"],
    ["--layers", "2.5"], ["--layers"], ["--features", "x3"], ["--features", ""], ["--features", "x1,x1"],
    ["--features", "x1,,x2"], ["--features", "X1"], ["--test-samples", "-1"], ["--test-samples", "x"],
    ["--test-samples", "100001"], ["--init-seed", "x"], ["--init-seed", "-1"], ["--init-seed", "4294967296"],
    ["--hidden", "10", "--layers", "10,5"], ["--hidden", "4", "--layers", "10,5"], ["--layers", "3", "--hidden", "3"],
])
def test_bad_input_exits_2_with_one_line_on_stderr(args):
    steps = [] if "--steps" in args else ["--steps", "5"]  # a bad value must not be caught only after a long run
    result = shallow_tui("--headless", *steps, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and result.stderr.count("\n") == 1, result.stderr


def test_the_error_line_names_the_problem():
    result = shallow_tui("--headless", "--hidden", "65")
    assert "--hidden" in result.stderr and "65" in result.stderr


@pytest.mark.parametrize("args, english, korean", [
    (["--hidden", "65"], "must be an integer from 1 to 64, got 65", "1부터 64까지의 정수여야 합니다. 받은 값: 65"),
    (["--export", "run.txt"], "export file must end in .csv or .json", "내보낼 파일 이름은 .csv 또는 .json"),
    (["--serve"], "--serve and --headless do not go together", "--serve와 --headless는 함께 쓸 수 없습니다"),
    (["--hidden"], "argument --hidden: expected one argument", "--hidden 뒤에 값이 하나 있어야 합니다"),  # argparse's own
    (["--lr", "abc"], "argument --lr: invalid float value: 'abc'", "--lr 값은 숫자여야 합니다. 받은 값: 'abc'"),
    (["a\nb"], "unrecognized arguments: a\\nb", "알 수 없는 인자: a\\nb"),
])
def test_the_error_line_is_in_the_students_language(args, english, korean):
    """The engine's and the command line's sentences come from the translation table: --lang ko says them in Korean."""
    assert english in shallow_tui("--headless", "--steps", "1", *args).stderr
    result = shallow_tui("--headless", "--steps", "1", "--lang", "ko", *args)
    assert result.returncode == 2 and korean in result.stderr and english not in result.stderr
    assert result.stderr.count("\n") == 1


def test_headless_only_options_are_refused_in_the_app():
    result = shallow_tui("--every", "5")  # would open the app and ignore it
    assert result.returncode == 2 and "--every works with --headless" in result.stderr


def test_korean_help_has_korean_headings_and_an_aligned_usage():
    from rich.cells import cell_len

    result = shallow_tui("--lang", "ko", "--help")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("사용법: shallow-tui [-h]") and "옵션:" in lines and "이 도움말을 보이고 끝내기" in result.stdout
    assert "usage" not in result.stdout and "show this help" not in result.stdout
    first_option = cell_len(lines[0][: lines[0].index("[")])  # where the options start on the first line ...
    assert len(lines[1]) - len(lines[1].lstrip(" ")) == first_option  # ... and on the next one
    english = shallow_tui("--help").stdout
    assert english.startswith("usage: shallow-tui") and "\noptions:\n" in english


def test_help_exits_0_through_the_console_script():
    script = shutil.which("shallow-tui", path=str(Path(sys.executable).parent)) or shutil.which("shallow-tui")
    assert script, "the console script shallow-tui is installed"
    result = subprocess.run([script, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "--headless" in result.stdout and result.stderr == ""


def test_console_script_runs_headless():
    script = shutil.which("shallow-tui", path=str(Path(sys.executable).parent)) or shutil.which("shallow-tui")
    result = subprocess.run([script, "--headless", "--steps", "3"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and strict_loads(result.stdout)["iterations"] == 3


def test_a_reader_that_leaves_early_causes_no_traceback():
    process = subprocess.Popen([sys.executable, "-m", "tui", "--headless", "--steps", "50"], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `shallow-tui --headless | true`
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in stderr and "Error" not in stderr, stderr


def test_where_a_run_stops_does_not_depend_on_every():
    args = ["--dataset", "moons", "--samples", "30", "--hidden", "30", "--activation", "relu", "--init", "xavier",
            "--scale", "100", "--lr", "621635", "--seed", "817", "--steps", "100"]
    plain, sampled = headless(*args), headless(*args, "--every", "1")
    assert plain["diverged"] and sampled["diverged"]
    assert plain["iterations"] == sampled["iterations"] == 30
