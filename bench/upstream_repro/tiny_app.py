"""A minimal Textual app for the upstream report: it redraws a line of counters 50 times a second.

    python tiny_app.py [default|ignore|exit]

SIGHUP: ``default`` leaves Python's default (the process is killed: no cleanup), ``ignore`` ignores it (as
under nohup, or a program not in the terminal's foreground), ``exit`` calls App.exit from
loop.add_signal_handler (what an app that wants to restore the terminal or save work on a hang-up does).
"""
import asyncio
import signal
import sys

from textual.app import App
from textual.widgets import Static


class Tiny(App):
    def __init__(self, on_sighup: str) -> None:
        super().__init__()
        self.on_sighup = on_sighup

    def compose(self):
        yield Static("0", id="n")

    def on_mount(self):
        if self.on_sighup == "exit":
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.exit)
        elif self.on_sighup == "ignore":
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        self.n = 0
        self.set_interval(0.02, self.tick)

    def tick(self):
        self.n += 1
        self.query_one("#n", Static).update(f"{self.n} " * 200)


if __name__ == "__main__":
    Tiny(sys.argv[1] if len(sys.argv) > 1 else "default").run()
