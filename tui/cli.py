"""`shallow-tui`: open the app, or with --headless train without a UI and print one JSON object.

Textual is imported only when the app opens, so the headless path starts fast and works anywhere.
Every bad option ends with exit status 2 and one line on stderr, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys

from engine.config import ACTIVATIONS, DATASETS, INIT_SCHEMES, Config, ConfigError

PROG = "shallow-tui"


class _OneLineParser(argparse.ArgumentParser):
    """argparse prints the whole usage before an error; a student needs just the error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        _fail(message)


def _fail(message: str) -> None:
    # argparse quotes some values and not others ("unrecognized arguments: a\nb"): escape anything that
    # would break the line or reach the terminal as a control code.
    message = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in message)
    print(f"{PROG}: error: {message} (see {PROG} --help)", file=sys.stderr)
    raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    p = _OneLineParser(prog=PROG, description="Train a one-hidden-layer network step by step and see "
                       "why its weights must start random.")
    p.add_argument("--headless", action="store_true", help="train without a UI; print one JSON object")
    p.add_argument("--dataset", metavar="NAME", default="flower", help=f"{', '.join(DATASETS)} (flower)")
    p.add_argument("--samples", metavar="M", type=int, default=400, help="number of examples, at least 4 (400)")
    p.add_argument("--noise", metavar="X", type=float, help="noise of the data (the data set's own)")
    p.add_argument("--hidden", metavar="N", type=int, default=4, help="hidden units, 1 to 64 (4)")
    p.add_argument("--activation", metavar="NAME", default="tanh", help=f"{', '.join(ACTIVATIONS)} (tanh)")
    p.add_argument("--init", metavar="NAME", default="random", help=f"{', '.join(INIT_SCHEMES)} (random)")
    p.add_argument("--scale", metavar="X", type=float,
                   help="random: randn multiplier (0.01); constant: the value (0.5); xavier/he: multiplier (1)")
    p.add_argument("--lr", metavar="X", type=float, default=1.2, help="learning rate, > 0 (1.2)")
    p.add_argument("--seed", metavar="N", type=int, default=1, help="seed of the data and the weights (1)")
    p.add_argument("--steps", metavar="N", type=int, default=10_000, help="iterations to train headless (10000)")
    p.add_argument("--every", metavar="K", type=int, help="add a history entry every K iterations (headless)")
    p.add_argument("--compare", action="store_true", help="open zeros and random side by side (app)")
    return p


def config_from_args(args: argparse.Namespace) -> Config:
    return Config(dataset=args.dataset, samples=args.samples, noise=args.noise, hidden=args.hidden,
                  activation=args.activation, init=args.init, scale=args.scale, lr=args.lr, seed=args.seed,
                  steps=args.steps, every=args.every, compare=args.compare)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = config_from_args(args)
    except ConfigError as error:
        _fail(str(error))
    if args.headless:
        return _run_headless(config)
    from tui.app import run_app  # textual is imported here, and only here

    return run_app(config)


def _run_headless(config: Config) -> int:
    from engine.report import run

    try:
        report = run(config)
        sys.stdout.write(json.dumps(report, allow_nan=False) + "\n")
        sys.stdout.flush()
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `shallow-tui --headless | head`: the reader left, nothing to report
        sys.stdout = None  # type: ignore[assignment]  # stop Python's own flush at exit from failing again
        return 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
