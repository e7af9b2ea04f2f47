"""Fuzzing the app: seeded random key sequences (every binding plus junk keys) with random resizes.

After every burst of keys the run is paused and the status bar must agree with the engine (iteration,
init, distinct units); at the end the app must still quit with `q`. Any exception inside the app
fails the test (Pilot re-raises it when the app exits).

The suite runs FUZZ_SEQUENCES sequences (default 30; seeds 0…n-1) of FUZZ_KEYS keys (default 50), so
it stays within its time budget; `FUZZ_SEQUENCES=300 pytest tests/tui/test_fuzz.py` or
`python bench/fuzz.py` runs the full set.
"""
from __future__ import annotations

import os
import random
import time
import unicodedata
from dataclasses import dataclass, field

import pytest
from textual import events
from textual.app import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.worker import WorkerCancelled

from tui.app import ShallowApp, layout_for

# Every key the app binds (so new features are fuzzed too), except `q` which ends the sequence.
BINDING_KEYS = tuple(sorted({key.strip() for binding in ShallowApp.BINDINGS for key in binding.key.split(",")}
                            - {"q"})) + ("ctrl+p",)
# Keys nobody bound, keys the palette and help screens use, and keys a student mashes; not `q` or
# ctrl+q (they end the sequence early; `q` is pressed at the end) and not ctrl+c (tested on its own).
JUNK_KEYS = (
    "escape", "enter", "tab", "shift+tab", "backspace", "delete", "home", "end", "insert", "f2", "f5", "f10",
    "ctrl+a", "ctrl+l", "ctrl+z", "b", "y", "Q", "0", "9", "at", "exclamation_mark", "slash", "ctrl+d", "é",
)
# The step keys are what students press most; weigh them up so runs get somewhere.
WEIGHTED = BINDING_KEYS + ("space",) * 6 + ("left",) * 3 + ("right_square_bracket",) * 2 + JUNK_KEYS
SIZES = ((20, 8), (40, 12), (59, 15), (60, 16), (80, 24), (100, 30), (109, 40), (110, 34), (120, 40),
         (160, 50), (200, 60))

SEQUENCES = int(os.environ.get("FUZZ_SEQUENCES", "30"))
KEYS_PER_SEQUENCE = int(os.environ.get("FUZZ_KEYS", "50"))


@dataclass
class FuzzTally:
    sequences: int = 0
    keys: int = 0
    resizes: int = 0
    checks: int = 0
    sizes: set = field(default_factory=set)
    quit_by_palette: int = 0
    trail: list = field(default_factory=list)  # this sequence's sizes and bursts, for the failure message


async def press_burst(app, pilot, keys: list[str]) -> None:
    """Send the keys as one burst (as a fast typist or a paste would), then wait once.

    ``pilot.press`` waits for the app to go idle after every key (~40 ms each), which would make
    300 × 50 keys take ten minutes; a burst queues every key at once, in order, and waits at the end.
    """
    driver = app._driver
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char = unicodedata.lookup(_get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()


def random_size(rng: random.Random) -> tuple[int, int]:
    if rng.random() < 0.5:
        return rng.choice(SIZES)
    return rng.randint(20, 200), rng.randint(8, 60)


async def settle(app, pilot) -> None:
    """Pause auto-run and wait until the last frame is drawn, so the status bar must match the trainer."""
    if app.running:
        app.action_toggle_run()
    for worker in list(app.workers):
        try:
            await worker.wait()
        except WorkerCancelled:  # the palette cancels its own search workers as the query changes
            pass
    await pilot.pause()  # the worker's last frames, then the keys the screen has not handled yet
    await pilot.pause()


def check_status(app) -> bool:
    """The status bar agrees with the engine; False when it is not on screen (terminal too small)."""
    main = app.screen_stack[0]
    if layout_for(*app.terminal_size) == "too-small":
        return False
    with app._lock:
        snapshot = app.trainer.snapshot()
        init = app.config.init
    text = str(main.query_one("#status").render())
    flat = " ".join(text.split())  # the bar wraps between parts on narrow terminals
    assert f"iter {snapshot.iteration} " in flat + " ", (flat, snapshot.iteration)
    assert f"init {init}" in flat, flat
    assert f"{snapshot.distinct_units} of {snapshot.n_h} units distinct" in flat, flat
    assert ("diverged" in flat) == snapshot.diverged, flat
    return True


async def run_sequence(seed: int, n_keys: int, tally: FuzzTally, tmp_dir) -> None:
    from engine.config import Config

    rng = random.Random(seed)
    size = random_size(rng)
    settings = rng.choice([{}, {"init": "zeros"}, {"init": "constant"}, {"hidden": 64},
                           {"activation": "relu", "lr": 5.0, "scale": 10.0}, {"samples": 4}, {"dataset": "spiral"}])
    app = ShallowApp(Config(**settings))
    tally.sizes.add(size)
    tally.trail = [("settings", settings), ("size", size)]
    os.chdir(tmp_dir)  # ctrl+s saves screenshots here
    async with app.run_test(size=size) as pilot:
        pressed = 0
        while pressed < n_keys:
            burst = [rng.choice(WEIGHTED) for _ in range(min(n_keys - pressed, rng.randint(1, 25)))]
            tally.trail.append(burst)
            await press_burst(app, pilot, burst)
            pressed += len(burst)
            tally.keys += len(burst)
            if not app.is_running:  # ctrl+p, a few letters and enter can pick the palette's "Quit"
                assert app.return_code == 0
                tally.quit_by_palette += 1
                tally.sequences += 1
                return
            if rng.random() < 0.25:
                size = random_size(rng)
                tally.sizes.add(size)
                tally.resizes += 1
                tally.trail.append(("size", size))
                await pilot.resize_terminal(*size)
            if rng.random() < 0.5:
                await settle(app, pilot)
                tally.checks += check_status(app)
        await settle(app, pilot)
        tally.checks += check_status(app)
        if layout_for(*app.terminal_size) == "too-small":  # only the "enlarge" message, and q, act there
            from tui.screens.too_small import TooSmallScreen

            assert isinstance(app.screen, TooSmallScreen), app.screen
            await pilot.resize_terminal(80, 24)
            await pilot.pause()
        for _ in range(6):  # leave the palette / help / a lesson's question the way a student would
            if app.screen is app.screen_stack[0]:
                break
            await pilot.press("escape")
        assert app.screen is app.screen_stack[0], app.screen
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0
    tally.sequences += 1


async def test_random_key_sequences_never_break_the_app(tmp_path, monkeypatch, asking):
    # (asking: g opens the lesson with its questions, as a student gets it)
    monkeypatch.chdir(tmp_path)
    tally = FuzzTally()
    started = time.perf_counter()
    for seed in range(SEQUENCES):
        try:
            await run_sequence(seed, KEYS_PER_SEQUENCE, tally, tmp_path)
        except Exception as error:
            trail = "\n".join(map(str, tally.trail))
            raise AssertionError(f"fuzz sequence seed={seed} failed: {error!r}\n{trail}") from error
    elapsed = time.perf_counter() - started
    print(f"\nfuzz: {tally.sequences} sequences, {tally.keys} keys, {tally.resizes} resizes, {tally.checks} status "
          f"checks, {len(tally.sizes)} sizes, {tally.quit_by_palette} quit via palette, {elapsed:.1f}s")
    assert tally.sequences == SEQUENCES
    assert tally.checks >= SEQUENCES  # the status bar was compared, not skipped every time
    assert any(w <= 40 for w, _ in tally.sizes) and any(w >= 160 for w, _ in tally.sizes)


@pytest.mark.parametrize("size", [(20, 8), (200, 60)])
async def test_ctrl_c_does_not_kill_a_run_and_q_still_quits(make_app, size):
    """Textual's ctrl+c tells how to quit (and copies a selection); it must not crash or stop anything. (Below
    the minimum size, 20×8, space does nothing, but ctrl+c still says how to quit.)"""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("space", "ctrl+c", "space")
        assert app.is_running and app.trainer.iteration == (0 if size == (20, 8) else 2)
        assert any("to quit" in n.message for n in app._notifications)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@pytest.mark.parametrize("burst", [
    ["ctrl+p", "S", "t", "e", "p", "enter", "enter", "enter"],  # the second enter popped the main screen
    ["ctrl+p", "s", "9", "pageup"],  # PgUp before the list was laid out: KeyError in OptionList
])
async def test_palette_survives_keys_typed_in_a_burst(make_app, burst):
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        await press_burst(app, pilot, burst)
        await pilot.pause()
        assert app.is_running
        await pilot.press("escape", "escape")
        assert app.screen is app.screen_stack[0]
        await pilot.press("q")
    assert app.return_code == 0
