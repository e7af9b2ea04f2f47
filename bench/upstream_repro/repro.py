"""Textual's LinuxDriver outlives a terminal that hangs up (standalone; needs only textual).

    python repro.py [--sighup default|ignore|exit] [--stall SECONDS] [--tries N]

Runs tiny_app.py (SIGHUP handled as --sighup says) as the session leader of a fresh pty (as sshd or tmux run a program), waits for its first
frame, stops reading for --stall seconds (a congested link: the pty buffer fills, the app's writes block),
then closes the pty master (the link drops: the kernel hangs the terminal up, sending SIGHUP and SIGCONT).
The app should end. With textual 8.2.8:
- ``--sighup exit``: it usually stays alive for ever, asleep: main thread in App._shutdown -> ... ->
  WriterThread.write or .stop -> Queue.put, the queue full (MAX_QUEUED_WRITES = 30) because the writer thread
  died when its write raised EIO; SIGCONT (sent by the kernel with SIGHUP) made
  LinuxDriver._sigcont_application start a second writer and input thread, and a live writer sits in
  Queue.get on the other queue.
- ``--sighup ignore``: it never exits and spins at 100 % CPU: the input thread reads EOF from the hung-up
  terminal, and run_input_thread selects again at once, for ever.
- ``--sighup default``: SIGHUP kills it (no cleanup at all), so nothing shows.
Prints, per try, whether the process was alive 5 s after the drop (and its CPU share over the next second),
and py-spy's stack of the first survivor when py-spy is installed.
"""
import argparse
import fcntl
import os
import pathlib
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios
import time
from importlib.metadata import version


def session_leader():
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def cpu_seconds(pid: int) -> float:
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def one_try(app: str, sighup: str, stall: float):
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color"}
    process = subprocess.Popen([sys.executable, app, sighup], stdin=slave, stdout=slave, stderr=slave, env=env,
                               preexec_fn=session_leader)
    os.close(slave)
    seen, end = b"", time.monotonic() + 20
    while b"1 1 1" not in seen and time.monotonic() < end:  # the first frames
        if select.select([master], [], [], 0.1)[0]:
            seen += os.read(master, 65536)
    time.sleep(stall)  # not reading: the app's output fills the pty
    os.close(master)
    dropped = time.monotonic()
    while process.poll() is None and time.monotonic() - dropped < 5:
        time.sleep(0.05)
    return process.poll() is None, process.pid, process


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sighup", choices=("default", "ignore", "exit"), default="exit")
    parser.add_argument("--stall", type=float, default=2.0)
    parser.add_argument("--tries", type=int, default=10)
    parser.add_argument("--app", default=str(pathlib.Path(__file__).with_name("tiny_app.py")))
    args = parser.parse_args()
    alive_count = 0
    for i in range(args.tries):
        alive, pid, process = one_try(args.app, args.sighup, args.stall)
        if alive:
            before = cpu_seconds(pid)
            time.sleep(1)
            print(f"try {i}: ALIVE 5 s after the drop, {cpu_seconds(pid) - before:.0%} CPU")
        else:
            print(f"try {i}: gone (status {process.returncode})")
        if alive:
            if alive_count == 0 and shutil.which("py-spy"):
                print(subprocess.run(["py-spy", "dump", "--pid", str(pid)], capture_output=True, text=True).stdout)
            alive_count += 1
            process.kill()
            process.wait()
    print(f"textual {version('textual')}, SIGHUP {args.sighup}, stall {args.stall:g} s: "
          f"{alive_count} of {args.tries} outlived their terminal")


if __name__ == "__main__":
    main()
