"""The README's ready lab.toml (section "For teachers") is a config file that works: it loads, opens the app with
its locks, and runs headless; its commands are the ones the program has."""
import json
import re
from pathlib import Path

import pytest

from engine import config_file
from engine.options import locked_together
from tui.cli import main
from tui.i18n import set_language

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def english():
    yield
    set_language("en")


def teachers_section() -> str:
    readme = (REPO / "README.md").read_text()
    return readme.split("## For teachers", 1)[1].split("\n## ", 1)[0]


def lab_toml(tmp_path) -> Path:
    blocks = re.findall(r"```toml\n(.*?)```", teachers_section(), re.S)
    assert len(blocks) == 1
    path = tmp_path / "lab.toml"
    path.write_text(blocks[0])
    return path


def test_the_readme_lab_toml_loads_and_opens_the_app_with_its_locks(tmp_path, monkeypatch):
    import tui.app

    lab = lab_toml(tmp_path)
    values = config_file.read(str(lab)).values
    assert values["init"] == "zeros" and "init" not in values["lock"] and "dataset" in values["lock"]
    opened = {}
    monkeypatch.setattr(tui.app, "run_app", lambda config, **kw: opened.update(config=config, **kw) or 0)
    assert main(["--config", str(lab)]) == 0
    assert opened["locked"] == locked_together(values["lock"])
    assert (opened["config"].dataset, opened["config"].hidden, opened["config"].lr) == ("flower", 4, 1.2)


def test_the_readme_lab_toml_runs_headless(tmp_path, capsys):
    lab = lab_toml(tmp_path)
    assert main(["--headless", "--config", str(lab), "--steps", "0"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["iterations"] == 0 and report["config"]["init"] == "zeros"


def test_the_teachers_section_names_only_options_there_are():
    from engine.options import BY_NAME

    flags = set(re.findall(r"(?<![\w-])--([a-z][a-z-]+)", teachers_section()))
    assert flags and flags <= {option.flag[2:] for option in BY_NAME.values()} | {"csv", "help"}
