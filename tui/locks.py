"""Settings a lab's config file locks (``lock = ["init", "scale"]``, engine/options.py's lockable settings): every key,
palette entry and typed value that would change one of them is refused in the app, compare mode and the lesson,
with a short notice. The check compares the run's settings before and after a change (Config.resolved), so a
key that changes a locked setting on the way (a new init resets its scale) is refused too, whichever key it is.

The lesson's own steps (n, p) and compare mode's zeros-against-this-run are the lessons themselves: they are
not changes a student makes to the run, so they are not refused. Plain Python: the app's ``locked`` attribute.
"""
from __future__ import annotations

from engine.config import Config
from engine.options import LOCKABLE
from tui.i18n import t


def locked_of(node) -> frozenset[str]:
    """The app's locked settings (an App, or a Screen of it)."""
    app = getattr(node, "app", node)
    return getattr(app, "locked", frozenset())


def changed_locked(locked: frozenset[str], old: Config, new: Config) -> str | None:
    """The first locked setting whose value ``new`` changes from ``old`` (per-parameter inits are init's)."""
    if not locked:
        return None
    before, after = old.resolved(), new.resolved()
    for name in LOCKABLE:
        if name in locked and before.get(name) != after.get(name):
            return name
    if "init" in locked and old.overrides != new.overrides:
        return "init"
    return None


def would_change(locked: frozenset[str], configs, **changes) -> bool:
    """Whether ``changes`` applied to each of ``configs`` (one run, or compare's two sides) changes a locked
    setting: a palette entry says so before it is picked. A change the Config refuses changes nothing."""
    from engine.config import ConfigError

    for config in configs:
        try:
            new = config.replace(**changes)
        except ConfigError:
            continue
        if changed_locked(locked, config, new) is not None:
            return True
    return False


def label(name: str) -> str:
    return t(f"setting.{name}")


def notice(name: str) -> str:
    return t("lock.refused", label=label(name))


def refuse(node, *names: str) -> bool:
    """True (and the notice) if one of ``names`` is locked: the key or entry must do nothing."""
    locked = locked_of(node)
    for name in names:
        if name in locked:
            node.notify(notice(name), severity="warning", timeout=4)
            return True
    return False


def refuse_change(node, old: Config, new: Config) -> bool:
    """True (and the notice) if going from ``old`` to ``new`` changes a locked setting."""
    name = changed_locked(locked_of(node), old, new)
    if name is None:
        return False
    node.notify(notice(name), severity="warning", timeout=4)
    return True
