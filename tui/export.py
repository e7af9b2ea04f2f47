"""The app's `e` key: export a run's history next to the user (working directory), off the UI thread.

Rendering and writing run in a thread worker (the rows come from the states the run kept, see
engine/export.py, so even a long run's export takes milliseconds, but a slow disk should never hold
the UI); the run's state is taken first (``Replay.of``), so training may go on meanwhile. A name
already taken is never overwritten: a free one is picked and the notification says so.
"""
from __future__ import annotations

import os
from contextlib import nullcontext
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import events

from engine.export import ExportError, Replay, write_new_file
from engine.trainer import Trainer
from tui.i18n import error_text, t


def default_name(trainer: Trainer, label: str = "", fmt: str = "csv") -> str:
    """``fmt`` is "csv" or "json" (engine/export.py picks the format from the extension)."""
    c = trainer.config
    return f"shallow-tui-{label}{c.init}-iter{trainer.iteration}.{fmt}"


def export_now(jobs: list[tuple[Replay, Path]]) -> list[tuple[bool, str]]:
    """Write each (replay, path); (written?, one-line message) per toast, never an exception.

    Files that hold the same iterations (compare mode's two sides) are said in one message: two
    toasts stacked at 80 columns hid the second one's file name."""
    said: list[tuple[bool, str]] = []
    alike: dict[tuple[int, int, int], list[tuple[Path, Path]]] = {}
    for replay, path in jobs:
        wanted = Path(path)
        try:
            text, records = replay.render(wanted)
            written = write_new_file(wanted, text, new_name=True)
        except ExportError as error:
            said.append((False, error_text(error)))
            continue
        alike.setdefault((records, replay.current_iteration, replay.stride), []).append((wanted, written))
    for (records, iteration, stride), files in alike.items():
        # The bare name when it is in the working directory (it always is from the app): a toast at 80
        # columns is ~38 cells wide, and an absolute path hid the end of the message.
        names = ", ".join(written.name if written.parent == Path(os.getcwd()) else str(written)
                          for _wanted, written in files)
        message = t("export.done_one" if records == 1 else "export.done", records=records,
                    iteration=iteration, stride=stride, path=names)
        for wanted, written in files:
            if written.name != wanted.name:
                message += " — " + t("export.renamed", name=wanted.name, path=written.name)
        said.append((True, message))
    return said


STARTED_AFTER = 0.5  # seconds before an export that is still being written says so
BUSY = "_shallow_export_busy"  # the app's attribute: True while an export's worker is writing


def start_export(app, trainer: Trainer, label: str = "", lock=None, fmt: str = "csv", extra: dict | None = None) -> None:
    """Take the run's state now (under ``lock`` if given) and write the file (CSV or JSON) in a worker thread;
    ``extra``: more top-level keys of a JSON file (the lesson's answers)."""
    start_exports(app, [(trainer, label)], lock=lock, fmt=fmt, extra=extra)


def start_exports(app, runs: list[tuple[Trainer, str]], lock=None, fmt: str = "csv", extra: dict | None = None) -> None:
    """Export each (trainer, label) of ``runs`` (compare mode: both sides) in one worker thread, one after the
    other; files holding the same iterations are said in one toast. A toast says that the export started
    if it takes more than STARTED_AFTER, and a request while an export is still being written is refused
    with a short toast (not queued: pressing e again because nothing seemed to happen would otherwise
    write duplicates)."""
    if getattr(app, BUSY, False):
        app.notify(t("export.busy"), severity="warning", timeout=3)
        return
    jobs = []
    for trainer, label in runs:
        with lock if lock is not None else nullcontext():
            replay = Replay.of(trainer)
        # The file's config then reruns this run headless (a lesson's hand-perturbed start aside): --steps is
        # how far it went, not the default 10 000.
        replay = replace(replay, config=replay.config.replace(steps=replay.current_iteration),
                         extra=extra if fmt == "json" and extra else {})
        jobs.append((replay, Path(os.getcwd()) / default_name(trainer, label, fmt)))
    setattr(app, BUSY, True)
    # Said only if the file is not written within half a second (a slow disk, a long headless-style
    # replay): an export that takes milliseconds would otherwise stack two toasts for one request.
    started = app.set_timer(STARTED_AFTER, partial(
        app.notify, t("export.started", iteration=jobs[0][0].current_iteration,
                      names=", ".join(path.name for _replay, path in jobs)), timeout=4))

    def work() -> None:
        try:
            try:
                said = export_now(jobs)
            except Exception as error:  # a bug, not a file problem: still one line, and about the export
                said = [(False, t("export.broke", reason=f"{type(error).__name__}: {error}"))]
            # Posted, not call_from_thread: that waits for the UI thread, and an app that is exiting (a
            # lost terminal) never answers, while App.run's asyncio.run waits for this thread to end.
            app.post_message(events.Callback(callback=started.stop))
            for written, message in said:
                app.post_message(events.Callback(callback=partial(
                    app.notify, message, severity="information" if written else "error", timeout=8)))
        finally:
            setattr(app, BUSY, False)

    app.run_worker(work, thread=True, group="export", exit_on_error=False)
