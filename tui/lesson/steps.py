"""The lesson's nine steps: for each, the network it sets up, what it trains first, which panel to look at,
and the values its text quotes (computed from the live run, so the text never disagrees with the panels).

The texts themselves live in tui/i18n.py (``lesson.<n>.title`` / ``lesson.<n>.body``), in English and Korean.
"""
from __future__ import annotations

from dataclasses import dataclass

from engine.config import Config
from engine.history import Checkpoints
from engine.trainer import Trainer
from tui.i18n import t
from tui.run_facts import Pace, reference_config, start_of
from tui.widgets.run_frame import fmt4, fmt_loss


DEEP_LAYERS = (8, 8, 8)  # step 8: three hidden layers (its status line, one "k of n" per layer, fits 80 columns)


@dataclass(frozen=True)
class LessonStep:
    number: int
    config: Config
    panel: int  # 1 network, 2 weights, 3 loss, 4 boundary
    train_first: int = 0  # iterations trained before the step is shown
    stride: int = 1
    perturbation: float = 0.0  # added to W1[0, 0] after init (step 9: ε = 1e-12)


STEPS: tuple[LessonStep, ...] = (
    LessonStep(1, Config(hidden=2, init="zeros"), panel=2),
    LessonStep(2, Config(hidden=2, init="constant", scale=0.5), panel=2),
    LessonStep(3, Config(hidden=2, init="constant", scale=0.5), panel=2),
    LessonStep(4, Config(hidden=4, init="constant", scale=0.5), panel=3, train_first=1000, stride=100),
    # The lecture's three inputs (x1, x2 and x1·x2) and 8 hidden units: the symmetry holds for any n0 and n1.
    LessonStep(5, Config(hidden=8, features=("x1", "x2", "x1x2"), init="constant", scale=0.5), panel=1,
               train_first=200, stride=10),
    LessonStep(6, Config(hidden=4, init="random"), panel=4, stride=10),
    # ×100, not ×10: on this small problem ×10 still learns fast (lr 1.2 pulls the weights in within
    # ~100 iterations); at ×100 99 % of |Z1| sit on tanh's flat tails and accuracy stays near 60 % for thousands.
    LessonStep(7, Config(hidden=4, init="random", scale=100.0), panel=3, train_first=1000, stride=100),
    # A deep net at the course's ×0.01, at iteration 0: what the text compares (×0.01 against Xavier and He,
    # layer by layer) is the start, and the network panel shows this run's figures layer by layer.
    LessonStep(8, Config(layers=DEEP_LAYERS, init="random", scale=0.01), panel=1, stride=10),
    LessonStep(9, Config(hidden=2, init="constant", scale=0.5), panel=3, stride=1000, perturbation=1e-12),
)


def set_up(step: LessonStep, trainer: Trainer) -> None:
    """Reset ``trainer`` to the step's network (perturbed if the step says so) and train it as far as it says."""
    trainer.reset(step.config)
    if step.perturbation:
        trainer.params.W1[0, 0] += step.perturbation
        # The perturbed weights are the run's start: stepping back and exports replay from them.
        trainer.checkpoints = Checkpoints()
        trainer.checkpoints.add(0, trainer.params.copy())
    if step.train_first:
        trainer.step(step.train_first)


def _num(value: float) -> str:
    return f"{value:+.4f}"


def _times(ratio: float) -> str:
    """A ratio to 4 significant digits, written out when large ("170,400", not "1.704e+5")."""
    rounded = float(f"{ratio:.4g}")
    return f"{rounded:,.0f}" if rounded >= 1000 else fmt4(ratio)


def _row(values) -> str:
    return "[" + ", ".join(fmt4(v) for v in values) + "]"


def text_values(step: LessonStep, trainer: Trainer) -> dict:
    """The numbers a step's text quotes, from the run as it is now."""
    if step.number == 1:
        import numpy as np

        x = trainer.data.X[:, 0]
        a = np.tanh(trainer.params.W1 @ x + trainer.params.b1[:, 0])
        return {"x1": f"{x[0]:.3f}", "x2": f"{x[1]:.3f}", "a1": _num(a[0]), "a2": _num(a[1])}
    if step.number == 2:
        s = trainer.snapshot()
        return {"row1": "[" + ", ".join(_num(v) for v in s.dW1[0]) + "]",
                "row2": "[" + ", ".join(_num(v) for v in s.dW1[1]) + "]"}
    if step.number == 4:  # the constant net against random nets of one and of four units, as far trained
        return {"iterations": trainer.iteration, "acc": f"{trainer.snapshot().accuracy:.1%}",
                "acc1": f"{_accuracy_after(step.config.replace(hidden=1, init='random', scale=None), trainer):.1%}",
                "acc4": f"{_accuracy_after(step.config.replace(init='random', scale=None), trainer):.1%}"}
    if step.number == 5:  # every row of W1 and of dW1 alike, after training, with three inputs
        s = trainer.snapshot()
        return {"n0": len(s.W1[0]), "units": s.n_h, "iterations": trainer.iteration, "distinct": s.distinct_units,
                "gap": fmt4(s.unit_gap), "w": _row(s.W1[0]), "dw": _row(s.dW1[0])}
    if step.number == 7:  # the large start at iteration 0, and its pace against the course's 0.01, as far trained
        start = start_of(trainer)
        accuracy = trainer.snapshot().accuracy
        pace = Pace(trainer.iteration, accuracy, _accuracy_after(reference_config(step.config), trainer))
        said = {"iterations": pace.iteration, "acc": f"{accuracy:.1%}", "reference": f"{pace.reference_accuracy:.1%}"}
        return {"scale": f"{step.config.resolved_scale:g}", "saturated": f"{start.saturated_share:.0%}",
                "loss0": fmt_loss(start.loss) if start.loss is not None else "—", "verdict": pace.verdict,
                "pace": t(f"lesson.pace.{pace.verdict}", **said), **said}
    if step.number == 8:  # ×0.01 against Xavier and He, layer by layer, at iteration 0
        return _deep_values(step.config, trainer)
    return {}


def _accuracy_after(config: Config, trainer: Trainer) -> float:
    """Accuracy of ``config`` on ``trainer``'s data after as many iterations as ``trainer`` has done."""
    other = Trainer(config, trainer.data)
    other.step(trainer.iteration)
    return other.snapshot().accuracy


# Step 8's three starts, in the order of its table (the live run is the first).
DEEP_STARTS = (("×0.01", {"init": "random", "scale": 0.01}), ("Xavier", {"init": "xavier", "scale": None}),
               ("He", {"init": "he", "scale": None}))


def _deep_signal(config: Config, trainer: Trainer) -> dict[str, tuple[tuple[float, ...], float]]:
    """Step 8's figures at iteration 0, for ×0.01, Xavier and He on ``config``'s network and ``trainer``'s
    data: each hidden layer's activation spread (std of A[l]) and the gradient size (rms) of dW1."""
    figures = {}
    for label, init in DEEP_STARTS:
        s = Trainer(config.replace(**init), trainer.data).snapshot()
        figures[label] = (tuple(layer.activation_spread for layer in s.hidden_layers), s.layers[0].gradient_rms)
    return figures


def _deep_values(config: Config, trainer: Trainer) -> dict:
    """Step 8: the signal per layer at ×0.01 against Xavier and He, as a table and the ratios the text quotes."""
    figures = _deep_signal(config, trainer)
    depth = len(config.layers)
    header = ["init"] + [f"A{l}" for l in range(1, depth + 1)] + ["dW1"]  # "init" as the status bar says it
    rows = [[label] + [fmt4(v) for v in spreads] + [fmt4(grad)] for label, (spreads, grad) in figures.items()]
    widths = [max(len(row[j]) for row in [header, *rows]) for j in range(len(header))]
    table = "\n".join(row[0].ljust(widths[0]) + "".join(cell.rjust(w + 2) for cell, w in zip(row[1:], widths[1:]))
                      for row in [header, *rows])
    small, small_grad = figures["×0.01"]
    xavier, xavier_grad = figures["Xavier"]
    shrink = [before / after for before, after in zip(small, small[1:])]
    units = config.layers[1]  # the fan-in of layers 2 … L-1 (all the same width)
    return {"depth": depth, "units": units, "table": table, "low": fmt4(min(shrink)), "high": fmt4(max(shrink)),
            "expected": fmt4(1 / (config.resolved_scale * units ** 0.5)),
            "vanish": _times(xavier[-1] / small[-1]), "grad": _times(xavier_grad / small_grad),
            "alive": fmt4(min(min(figures[label][0]) for label in ("Xavier", "He")))}
