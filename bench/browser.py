"""What one browser session of `shallow-tui --serve` costs the lab server: each app process's resident memory and
CPU, the server's (textual-serve relays every byte), and the bytes/s each tab's websocket receives, paused and
running, per screen; and how long an app outlives its closed tab. Real tabs: headless Chromium through Playwright.

    python3 bench/browser.py                          # 3 tabs at 80×24, then 3 at 160×48; 10 s windows (~4 min)
    python3 bench/browser.py --tabs 5 --seconds 20 --size 80x24

Needs the test extra (pip install '.[test]': playwright, pyte) and Debian's chromium (apt-get install chromium).
The app processes run at the default auto-run speed; the load average is printed with the figures.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import statistics
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.tui.serving import ServedLab, Tab, launch  # noqa: E402  # the browser tests' harness

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# (name, keys to get there from the screen before, keys to leave it); every screen is measured while running,
# after the first ("main, paused").
SCREENS = (
    ("main, paused", "", ""),
    ("main, running", "r", ""),
    ("help over the run", "?", "Escape"),
    ("compare, running", "c r", "r c"),
    ("lesson, running", "g r", "r Escape"),
)


def cpu_seconds(pid: int) -> float:
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def resident_mb(pid: int) -> float:
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def fitted_viewport(browser, url: str, columns: int, rows: int) -> dict:
    """The viewport whose terminal is columns × rows: xterm.js fits its cells to the window."""
    viewport = {"width": columns * 9 + 5, "height": rows * 21 + 18}
    for _ in range(6):
        tab = Tab(browser, url, viewport)
        tab.wait_for_text("units distinct")
        got_columns, got_rows = tab.size
        cell = tab.page.evaluate("(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
                                 f" return [r.width / {got_columns}, r.height / {got_rows}]; }})()")
        tab.close()
        if (got_columns, got_rows) == (columns, rows):
            return viewport
        viewport = {"width": round(viewport["width"] + (columns - got_columns) * cell[0]),
                    "height": round(viewport["height"] + (rows - got_rows) * cell[1])}
    raise SystemExit(f"could not fit a {columns}×{rows} terminal (last viewport {viewport})")


def press(tabs: list[Tab], keys: str) -> None:
    for key in keys.split():
        for tab in tabs:
            tab.page.keyboard.press(key)
        tabs[0].page.wait_for_timeout(300)


def window(lab: ServedLab, tabs: list[Tab], pids: list[int], seconds: float) -> dict[str, list[float]]:
    """Each app's CPU (% of one core) and memory, each tab's KB/s, and the server's CPU, over ``seconds``."""
    cpu0 = [cpu_seconds(pid) for pid in pids]
    server0 = cpu_seconds(lab.process.pid)
    bytes0 = [tab.received for tab in tabs]
    start = time.monotonic()
    tabs[0].page.wait_for_timeout(seconds * 1000)  # Playwright delivers every tab's frames meanwhile
    elapsed = time.monotonic() - start
    return {"cpu": [100 * (cpu_seconds(pid) - c) / elapsed for pid, c in zip(pids, cpu0)],
            "memory": [resident_mb(pid) for pid in pids],
            "kbps": [(tab.received - b) / elapsed / 1000 for tab, b in zip(tabs, bytes0)],
            "server": [100 * (cpu_seconds(lab.process.pid) - server0) / elapsed],
            "server_memory": [resident_mb(lab.process.pid)]}


def bench_size(browser, count: int, columns: int, rows: int, seconds: float) -> None:
    with ServedLab("--lang", "en") as lab:
        lab.wait_until_up()
        viewport = fitted_viewport(browser, lab.url, columns, rows)
        deadline = time.monotonic() + 30
        while lab.app_pids() and time.monotonic() < deadline:  # the fitting tabs' apps have gone
            time.sleep(0.05)
        tabs = [Tab(browser, lab.url, viewport) for _ in range(count)]
        for tab in tabs:
            tab.wait_for_text("units distinct")
        press(tabs, "Space")
        pids = lab.app_pids()
        assert len(pids) == count, f"{len(pids)} app processes for {count} tabs"
        figures = {}
        for name, enter, leave in SCREENS:
            press(tabs, enter)
            tabs[0].page.wait_for_timeout(2000)  # settle: the screen is drawn, the run under way
            figures[name] = window(lab, tabs, pids, seconds)
            press(tabs, leave)
        gone = []
        for tab in tabs:
            before = set(lab.app_pids())
            tab.close()
            closed = time.monotonic()
            while set(lab.app_pids()) == before and time.monotonic() - closed < 30:
                time.sleep(0.005)
            gone.append(1000 * (time.monotonic() - closed))
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\n{count} tab(s) of shallow-tui --serve in headless Chromium at {columns}×{rows} (viewport "
          f"{viewport['width']}×{viewport['height']}); {seconds:.0f} s windows; load {load}")
    print(f"{'screen':20} {'app CPU % med/max':>18} {'app MB med/max':>15} {'KB/s per tab med/max':>21} "
          f"{'server CPU %':>13} {'server MB':>10}")
    for name, f in figures.items():
        print(f"{name:20} {statistics.median(f['cpu']):>9.1f} / {max(f['cpu']):<6.1f} "
              f"{statistics.median(f['memory']):>7.1f} / {max(f['memory']):<5.1f} "
              f"{statistics.median(f['kbps']):>11.1f} / {max(f['kbps']):<7.1f} "
              f"{f['server'][0]:>12.1f} {f['server_memory'][0]:>10.1f}")
    print(f"closed tab -> app process gone (ms): median {statistics.median(gone):.0f}, max {max(gone):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tabs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--size", action="append", help="COLUMNSxROWS (default: 80x24 and 160x48)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            for size in args.size or ["80x24", "160x48"]:
                columns, rows = (int(v) for v in size.split("x"))
                bench_size(browser, args.tabs, columns, rows, args.seconds)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
