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
from tui.widgets.run_frame import fmt_loss


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
    LessonStep(5, Config(hidden=8, init="constant", scale=0.5), panel=1, train_first=200, stride=10),
    LessonStep(6, Config(hidden=4, init="random"), panel=4, stride=10),
    # ×100, not ×10: on this small problem ×10 still learns fast (lr 1.2 pulls the weights in within
    # ~100 iterations); at ×100 99 % of |Z1| sit on tanh's flat tails and accuracy stays near 60 % for thousands.
    LessonStep(7, Config(hidden=4, init="random", scale=100.0), panel=3, train_first=1000, stride=100),
    LessonStep(8, Config(hidden=32, init="xavier"), panel=3, train_first=300, stride=100),
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
    if step.number == 7:  # the large start at iteration 0, and its pace against the course's 0.01, as far trained
        start = start_of(trainer)
        accuracy = trainer.snapshot().accuracy
        pace = Pace(trainer.iteration, accuracy, _accuracy_after(reference_config(step.config), trainer))
        said = {"iterations": pace.iteration, "acc": f"{accuracy:.1%}", "reference": f"{pace.reference_accuracy:.1%}"}
        return {"scale": f"{step.config.resolved_scale:g}", "saturated": f"{start.saturated_share:.0%}",
                "loss0": fmt_loss(start.loss) if start.loss is not None else "—", "verdict": pace.verdict,
                "pace": t(f"lesson.pace.{pace.verdict}", **said), **said}
    return {}


def _accuracy_after(config: Config, trainer: Trainer) -> float:
    """Accuracy of ``config`` on ``trainer``'s data after as many iterations as ``trainer`` has done."""
    other = Trainer(config, trainer.data)
    other.step(trainer.iteration)
    return other.snapshot().accuracy
