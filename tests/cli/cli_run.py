"""Running the command line in-process, as the CLI tests do."""
from tui.cli import main


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """``main(argv)``'s exit status (SystemExit's code included) and what it printed: (status, out, err)."""
    capsys.readouterr()
    try:
        status = main(argv)
    except SystemExit as leaving:
        status = leaving.code
    out, err = capsys.readouterr()
    return status, out, err
