"""No silent crash: an unexpected exception becomes a report file and one line on stderr.

The report (plain text) holds what happened and where, the full traceback, the versions (shallow-tui, Textual,
Python, NumPy), the command line, the run's configuration, the screens open, the terminal's size and the last
keys pressed. It goes to ``$XDG_STATE_HOME/shallow-tui/`` (else ``~/.local/state/shallow-tui/``; else the temp
directory), one file per crash, never over another. The first crash of a process is the one said.
"""
from __future__ import annotations

import dataclasses
import os
import platform
import sys
import tempfile
import time
import traceback
from pathlib import Path

from tui.i18n import t



@dataclasses.dataclass(frozen=True)
class CrashReport:
    error: str  # "ZeroDivisionError: division by zero"
    where: str  # "tui/app.py:312 in action_step (the UI thread)"
    path: Path | None  # None if no report file could be written
    unsaved_reason: str = ""
    traceback_text: str = ""


_first: CrashReport | None = None


def state_dir(environ=os.environ) -> Path:
    base = environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "shallow-tui"


def first() -> CrashReport | None:
    return _first


def forget() -> None:
    """For tests: as if no crash had happened in this process."""
    global _first
    _first = None


def crash_site(error: BaseException) -> str:
    """``path:line in function`` of the innermost frame in this checkout's own code (not a library's), else of
    the innermost frame."""
    frames = traceback.extract_tb(error.__traceback__) if error.__traceback__ else []
    if not frames:
        return "?"
    root = Path(__file__).resolve().parent.parent

    def ours(frame) -> bool:
        path = Path(frame.filename).resolve()
        return path.is_relative_to(root) and "site-packages" not in path.parts

    chosen = next((frame for frame in reversed(frames) if ours(frame)), frames[-1])
    path = Path(chosen.filename).resolve()
    shown = path.relative_to(root) if ours(chosen) else path.name
    return f"{shown}:{chosen.lineno} in {chosen.name}"


def record(error: BaseException, where: str, app=None, during_exit: bool = False) -> CrashReport:
    """Write the report of ``error`` (caught in ``where``: "the UI thread", a thread's name …); the first one
    recorded in this process is kept for ``first()``, which the exit status and the one line on stderr come
    from. One raised ``during_exit`` (an exit already under way) is only written down. Never raises."""
    global _first
    try:
        summary = "".join(traceback.format_exception_only(type(error), error)).strip().splitlines()[0][:200]
        site = f"{crash_site(error)}, {where}" + (", while exiting" if during_exit else "")
        trace = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        text = _report_text(summary, site, trace, app)
    except Exception as failure:  # noqa: BLE001 - an exception that cannot even be described is still said
        summary, site, trace = f"{type(error).__name__}", where, f"(its traceback could not be formatted: {failure!r})"
        text = f"shallow-tui crash report\nerror: {summary}\nwhere: {site}\n{trace}\n"
    path, reason = None, ""
    for directory in (state_dir(), Path(tempfile.gettempdir())):
        try:
            path = _write_new(directory, text)
            break
        except OSError as failure:
            reason = f"{directory}: {failure.strerror or failure}"
    report = CrashReport(summary, site, path, "" if path else reason, trace)
    if _first is None and not during_exit:
        _first = report
    return report


def one_line(report: CrashReport) -> str:
    """What stderr says (plus the traceback, only when no file could hold it)."""
    if report.path is not None:
        return t("crash.line", error=report.error, where=report.where, path=report.path)
    return t("crash.line_unsaved", error=report.error, where=report.where, reason=report.unsaved_reason) + (
        "\n" + report.traceback_text.rstrip())


def _write_new(directory: Path, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1000):
        path = directory / f"crash-{stamp}-{os.getpid()}{'' if n == 0 else f'-{n}'}.txt"
        try:
            with open(path, "x", encoding="utf-8") as file:
                file.write(text)
            return path
        except FileExistsError:
            continue
    raise FileExistsError(directory)


# The report is written in English whatever --lang says: it is for whoever fixes the bug, like the traceback
# it carries. (The one line on stderr is the user's, and is in their language.)
def _versions():
    from importlib import metadata

    for name in ("shallow-tui", "textual", "rich", "numpy"):
        try:
            yield f"{name} {metadata.version(name)}"
        except metadata.PackageNotFoundError:
            yield f"{name} not installed"
    yield f"Python {platform.python_version()} {sys.executable} {platform.platform()}"


def _app_lines(app):
    """What the app can tell (each part on its own: a broken app must not break its own report)."""
    for label, value in (
        ("config", lambda: dataclasses.asdict(app.config)),
        ("screens", lambda: [type(screen).__name__ for screen in app.screen_stack]),
        ("terminal size", lambda: getattr(app, "terminal_size", None)),
        ("iteration", lambda: app.trainer.iteration),
        ("last keys, oldest first", lambda: " ".join(app.recent_keys)),
    ):
        try:
            yield f"{label}: {value()}"
        except Exception as failure:  # noqa: BLE001 - the report says what it could not get
            yield f"{label}: unavailable, {type(failure).__name__}: {failure}"


def _report_text(summary: str, site: str, trace: str, app) -> str:
    parts = [
        "shallow-tui crash report",
        f"time: {time.strftime('%Y-%m-%d %H:%M:%S %z')}",
        f"error: {summary}",
        f"where: {site}",
        f"command: {' '.join(sys.argv)}",
        f"TERM={os.environ.get('TERM', '')} LANG={os.environ.get('LANG', '')}",
        *_versions(),
        *(_app_lines(app) if app is not None else []),
        "",
        trace,
    ]
    return "\n".join(parts)
