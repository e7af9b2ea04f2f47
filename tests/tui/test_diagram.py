"""The network diagram of any network (issue 14, point 8): every hidden layer drawn, in the network panel's own
size at 80×24, 120×40 and 160×48, nothing cut; identical units collapsed into groups counted right (checked
against groups found here from the parameters); an edge from every input, named by its feature."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
from rich.cells import cell_len

from engine import symmetry
from engine.config import Config
from engine.plane import bounds_of
from engine.trainer import Trainer
from tests.tui.test_hints import _forward
from tui import i18n
from tui.widgets.diagram import diagram

# The network panel's inside (width, height) at each terminal size, the smallest it gets (the explanation line
# may take 3 rows); test_the_panel_sizes_are_these checks them in the app.
PANELS = {(80, 24): (78, 15), (120, 40): (46, 14), (160, 48): (62, 19)}
SIZES = (1, 2, 5, 64)
ALL_FEATURES = "x1,x2,x1sq,x2sq,x1x2,sinx1,sinx2"
EDGE = "[┄─━][+−0±][┄─━]"  # the deep drawing's three-cell edge
NODE = re.compile(r"^ (?:×(?P<group>\d+) (?P<members>\S+)|h(?P<unit>\d+)|(?P<distinct>\d+) distinct|"
                  r"(?P<more>\d+) more distinct|(?P<layer>\d+) in (?P<kinds>\d+) kinds)(?=\s|$)")
HEADER = re.compile(r"^ layer (\d+) · (?:1 unit|(\d+) units(?:, (all distinct|all identical)| (of \d+ kinds)))"
                    r"(?: · spread of A\1 (?P<spread>\S+))?$")


def _run(layers, init: str, features: str = "x1,x2", steps: int = 3, **settings) -> Trainer:
    trainer = Trainer(Config(layers=layers, init=init, features=features, samples=60, **settings))
    trainer.step(steps)
    return trainer


def _draw(trainer: Trainer, width: int, height: int) -> list[str]:
    picture = diagram(trainer.snapshot(), trainer.config.activation, bounds_of(trainer.data.X),
                      trainer.config.features, width, height)
    return picture.plain.split("\n")


def _units(members: str) -> list[int]:
    """h1–h4,h7 → [0, 1, 2, 3, 6]"""
    units = []
    for run in members.split(","):
        first, _, last = run.partition("–")
        units += range(int(first[1:]) - 1, int((last or first)[1:]))
    return units


def _layers_drawn(lines: list[str]) -> dict[int, dict]:
    """Per hidden layer (1-based) what the drawing says: its header and its nodes, and each node's edges."""
    layers: dict[int, dict] = {}
    current = None
    for line in lines:
        header = HEADER.match(line)
        if header:
            current = layers.setdefault(int(header.group(1)), {"header": header, "nodes": []})
            continue
        node = NODE.match(line)
        if node and current is not None:
            current["nodes"].append({"match": node, "edges": line})
        elif line.startswith(" ŷ"):
            current = None
        elif current is not None and current["nodes"] and line.strip():
            current["nodes"][-1]["edges"] += line  # the node's edges go on below its label
    return layers


def _check_deep(trainer: Trainer, lines: list[str], width: int, height: int) -> None:
    where = f"{trainer.config.layers} {trainer.config.init} in {width}×{height}:\n" + "\n".join(lines)
    assert len(lines) <= height, where  # nothing below the panel's bottom
    assert all(cell_len(line) <= width for line in lines), where  # nothing past its right edge
    params, features = trainer.params, trainer.config.features
    drawn = _layers_drawn(lines)
    hidden = len(params.sizes) - 2
    assert sorted(drawn) == list(range(1, hidden + 1)), where  # every hidden layer, in order
    assert sum(line.startswith(" ŷ") for line in lines) == 1, where
    _, A = _forward(params, trainer.config.activation, trainer.X)
    for l, layer in drawn.items():
        groups = symmetry.identical_groups(params.unit_rows(l))
        if layer["header"].group("spread"):  # the spread of A[l] over units and examples, as measured here
            assert math.isclose(float(layer["header"].group("spread")), float(A[l - 1].std()), rel_tol=5e-4,
                                abs_tol=1e-300), where
        elif width >= 62:
            raise AssertionError("no spread of A[l] in a panel this wide:\n" + where)
        n, k = params.sizes[l], len(groups)
        header = layer["header"]
        if n == 1:
            assert header.group(2) is None, where
        else:
            words = "all distinct" if k == n else "all identical" if k == 1 else f"of {k} kinds"
            assert int(header.group(2)) == n and (header.group(3) or header.group(4)) == words, where
        shown: list[int] = []
        for node in layer["nodes"]:
            m = node["match"]
            if m.group("group"):  # ×k: exactly one group of identical units, all of it
                units = _units(m.group("members")) if "…" not in m.group("members") else None
                group = next(g for g in groups if len(g) == int(m.group("group")) and
                             (units is None or list(g) == units))
                shown += group
            elif m.group("unit"):  # a unit alone: one that equals no other
                j = int(m.group("unit")) - 1
                assert (j,) in groups, where
                shown.append(j)
            elif m.group("distinct"):  # every unit that equals no other
                alone = [g[0] for g in groups if len(g) == 1]
                assert int(m.group("distinct")) == len(alone) > 1, where
                shown += alone
            elif m.group("more"):  # the units that equal no other and are not drawn apart above
                alone = [g[0] for g in groups if len(g) == 1 and g[0] not in shown]
                assert int(m.group("more")) == len(alone) > 1, where
                shown += alone
            else:
                assert int(m.group("layer")) == n and int(m.group("kinds")) == k, where
                shown += range(n)
            if l == 1:  # an edge from every input, named by its feature
                for name in features:
                    assert re.search(rf"(?<![\w]){name} {EDGE}", node["edges"]), (name, where)
        assert sorted(shown) == list(range(n)), where  # every unit, once


@pytest.mark.parametrize("terminal", list(PANELS))
@pytest.mark.parametrize("depth", [2, 3, 4])
@pytest.mark.parametrize("size", SIZES)
def test_every_layer_fits_and_its_groups_are_counted(terminal, depth, size):
    width, height = PANELS[terminal]
    for init, features in (("zeros", "x1,x2"), ("constant", ALL_FEATURES), ("random", "x1,x2,x1x2"),
                           ("random", ALL_FEATURES)):
        trainer = _run((size,) * depth, init, features)
        _check_deep(trainer, _draw(trainer, width, height), width, height)


@pytest.mark.parametrize("terminal", list(PANELS))
def test_mixed_layers_and_partly_identical_units(terminal):
    """Layers of different sizes, and a layer whose units are partly identical (pairs made equal): the pairs show
    as ×2 groups, the rest apart or as "k distinct", each counted once."""
    width, height = PANELS[terminal]
    trainer = _run((64, 5, 2, 1), "random", "x1,x2,x1x2", steps=0, scale=1.0)
    _check_deep(trainer, _draw(trainer, width, height), width, height)
    params = trainer.params
    for j in (1, 3):  # units 2 and 4 of layer 2 copy units 1 and 3: groups {h1,h2} {h3,h4}, h5 apart
        params.Wb[2][j] = params.Wb[2][j - 1]
        params.W(3)[:, j] = params.W(3)[:, j - 1]
    trainer._evaluated_at = None
    lines = _draw(trainer, width, height)
    _check_deep(trainer, lines, width, height)
    layer2 = _layers_drawn(lines)[2]
    assert layer2["header"].group(4) == "of 3 kinds"
    labels = [node["match"].group(0).strip() for node in layer2["nodes"]]
    assert labels in (["×2 h1–h2", "×2 h3–h4", "h5"], ["5 in 3 kinds"]), lines
    assert "×2 h1–h2" in labels or terminal == (120, 40)  # folded only where it does not fit


def test_a_large_panel_shows_units_apart_a_small_one_folds_them():
    """Fold only what does not fit: 10,5 random at 160×48 shows layer 2's five units apart and two of layer 1's,
    then "8 more distinct"; all apart in a tall panel."""
    trainer = _run((10, 5), "random")
    lines = _draw(trainer, 62, 19)
    layers = _layers_drawn(lines)
    assert [n["match"].group(0).strip() for n in layers[2]["nodes"]] == [f"h{j}" for j in range(1, 6)], lines
    assert [n["match"].group(0).strip() for n in layers[1]["nodes"]] == ["h1", "h2", "8 more distinct"], lines
    assert all(re.search(rf"h3–h10 {EDGE}", n["edges"]) for n in layers[2]["nodes"]), lines  # from the folded
    tall = _layers_drawn(_draw(trainer, 78, 60))
    assert [n["match"].group(0).strip() for n in tall[1]["nodes"]] == [f"h{j}" for j in range(1, 11)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("features", ["x1,x2", "x1,x2,x1x2", ALL_FEATURES, "x1"])
def test_one_hidden_layer_has_an_edge_from_every_input_to_every_unit(size, features):
    """One hidden layer keeps the unit-by-unit drawing (it scrolls when tall): one line per input for each unit,
    named by its feature, each with its edge; every line fits the narrowest panel (46 cells)."""
    trainer = _run((size,), "random", features)
    lines = _draw(trainer, 46, 14)
    names = features.split(",")
    assert all(cell_len(line) <= 46 for line in lines), "\n".join(lines)
    for name in names:
        rows = [line for line in lines if re.match(rf"^ {name} +[┄─━]+[+−0][┄─━]+ ", line)]
        assert len(rows) == size, (name, "\n".join(lines))
    assert sum(bool(re.search(r" h\d+ ", line)) for line in lines) == size
    assert "i1" not in "".join(lines) and sum("● ŷ" in line for line in lines) == 1


def test_one_hidden_layer_with_two_inputs_is_drawn_as_before():
    """The lecture's network, line for line as before issue 14 (the header, two lines per unit, the bus, the
    legend); the pictures' columns (10-20) are left out."""
    lines = _draw(_run((2,), "constant", steps=0), 78, 16)
    assert lines[0] == " in    W1    A1(x1,x2)     unit    W2"
    assert [line[:10] + "|" + line[21:] for line in lines[1:5]] == [
        " x1 ━━+━━ |h1 ≡A ━━+━━┐",
        " x2 ━━+━━ |           ├──● ŷ",
        " x1 ━━+━━ |h2 ≡A ━━+━━┘",
        " x2 ━━+━━ |           ",
    ]
    assert lines[5:] == ["", " edges: ┄ small ─ mid ━ large, + − 0 sign", " A1: dark low, light high; ≡A same unit"]


@pytest.mark.parametrize("code", ["en", "ko"])
def test_the_deep_legend_and_words_fit_the_narrowest_panel(code):
    i18n.set_language(code)
    try:
        for key in ("diagram.edges_deep", "diagram.pictures_deep"):
            assert cell_len(i18n.t(key)) < 46, key
        for layers in ((64, 64, 64, 64), (1, 64)):
            for init in ("zeros", "random"):
                lines = _draw(_run(layers, init, ALL_FEATURES), 46, 14)
                assert len(lines) <= 14 and all(cell_len(line) <= 46 for line in lines), "\n".join(lines)
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("terminal", list(PANELS))
async def test_the_panel_sizes_are_these_and_the_app_draws_in_them(make_app, terminal):
    """In the app: the panel's inside is at least the size the tests above draw in, and what it shows of a deep
    network fits it (no scroll bar, no line cut), with every layer's header."""
    from tests.tui.conftest import explanation_text, status_text

    app = make_app(layers=(64, 64, 64), features="x1,x2,x1x2")
    async with app.run_test(size=terminal) as pilot:
        await pilot.press("space")
        await pilot.pause()
        panel = app.query_one("NetworkDiagram")
        width, height = PANELS[terminal]
        assert panel.content_region.width >= width and panel.content_region.height >= height
        lines = str(app.query_one("#diagram").render()).split("\n")
        assert len(lines) <= panel.content_region.height and not panel.show_vertical_scrollbar
        assert all(cell_len(line) <= panel.content_region.width for line in lines)
        assert [line.split(" · spread")[0] for line in lines if line.startswith(" layer ")] == [
            f" layer {l} · 64 units, all distinct" for l in (1, 2, 3)], lines
        assert "64 of 64 · 64 of 64 · 64 of 64 units distinct" in status_text(app)
        assert "the signal fades layer by layer (spread of A[l]: " in explanation_text(app)  # shown as written
        await pilot.press("z")  # zeros: one group of 64 per layer
        await pilot.pause()
        lines = str(app.query_one("#diagram").render()).split("\n")
        assert sum(line.startswith(" ×64 h1–h64 ") for line in lines) == 3, lines
        await pilot.press("q")
