"""The engine and the headless command never import textual or rich (DESIGN.md: engine/ is pure
NumPy; tui.cli imports textual only when the app opens)."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ENGINE_FILES = sorted((REPO / "engine").glob("*.py"))
UI_PACKAGES = ("textual", "rich", "textual_plotext", "plotext")

REPORT_UI_MODULES = """
import json, sys
ui = sorted(name for name in sys.modules if name.split(".")[0] in {ui_packages!r})
print(json.dumps(ui))
"""


def python(code):
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def ui_modules_after(code):
    output = python(code + REPORT_UI_MODULES.format(ui_packages=set(UI_PACKAGES)))
    return json.loads(output.splitlines()[-1])


def test_there_are_engine_modules_to_check():
    names = {path.stem for path in ENGINE_FILES}
    assert {"config", "datasets", "activations", "init", "network", "symmetry", "history", "trainer",
            "report", "gradcheck"} <= names


def test_the_checker_sees_textual_when_it_is_imported():
    """The check can fail: importing textual shows up in sys.modules."""
    assert "textual" in ui_modules_after("import textual\n")


def test_importing_every_engine_module_imports_no_ui():
    imports = "".join(f"import engine.{path.stem}\n" for path in ENGINE_FILES if path.stem != "__init__")
    assert ui_modules_after(imports) == []


def test_importing_the_cli_imports_no_ui():
    assert ui_modules_after("import tui.cli\nimport tui\n") == []


def test_running_headless_main_imports_no_ui():
    code = (
        "import contextlib, io\n"
        "from tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    status = main(['--headless', '--steps', '20', '--every', '10'])\n"
        "assert status == 0 and json.loads(out.getvalue())['iterations'] == 20\n"
    )
    assert ui_modules_after("import json\n" + code) == []


def _imported_roots(path):
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            roots.add(str(node.args[0].value).split(".")[0])
    return roots


@pytest.mark.parametrize("path", ENGINE_FILES, ids=lambda path: path.name)
def test_no_engine_file_imports_the_ui(path):
    forbidden = _imported_roots(path) & {"tui", *UI_PACKAGES}
    assert not forbidden, f"{path.name} imports {sorted(forbidden)}"


def test_the_static_check_catches_an_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import numpy\ndef f():\n    from textual.app import App\n    import tui.cli\n")
    assert _imported_roots(sample) >= {"textual", "tui", "numpy"}
