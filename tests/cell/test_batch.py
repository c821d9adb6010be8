"""solve_batch: the outputs of jax.vmap(solve) (to round-off), in the caller's order, whatever the chunks,
devices and probe ranking."""

from __future__ import annotations

import jax
import numpy as np
import pytest

from lisse.cell import Cell, parse_protocol
from lisse.cell.batch import _layout, solve_batch
from lisse.cell.model import Features
from lisse.cell.parameters import ModelOptions, cell_parameters, stack_parameters
from lisse.cell.solver import schedule_from_protocol, segments, solve

SYMMETRIC = Features(cathode=False, holds=False, step_ends=False)
PROTOCOL = "(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 2"


@pytest.mark.parametrize(("n", "devices", "chunk"), [(7, 2, 2), (5, 1, 3), (1, 2, 50), (4, 3, 1)])
def test_layout_covers_every_lane_once(n, devices, chunk):
    order = np.random.default_rng(n).permutation(n)
    run, where = _layout(order, devices, chunk)
    assert len(run) % (devices * chunk) == 0
    np.testing.assert_array_equal(run[where], np.arange(n))  # each lane's output is its own
    assert set(run) == set(range(n))
    per_device = len(run) // devices
    for d in range(devices):  # each device holds its lanes in the probe's order (easiest first)
        mine = run[d * per_device : (d + 1) * per_device]
        rank = np.argsort(order)[mine]
        assert np.all(np.diff(rank) >= 0)


def test_equals_vmap_in_callers_order():
    pressures = ["0.3 MPa", "5 MPa", "0.5 MPa", "2 MPa", "1 MPa"]  # mixed: voids open at the low ones
    # creep only (vacancy diffusion off, see tests/cell/test_simulator.py): lanes that differ in difficulty
    creep_only = ModelOptions(mechanisms_off=("vacancy_diffusion_krauskopf2019",))
    cells = [Cell.symmetric("LLZO", thickness="500 um", pressure=p) for p in pressures]
    plist = [cell_parameters(c, options=creep_only)[0] for c in cells]
    params = stack_parameters(plist)
    seg = segments(schedule_from_protocol(parse_protocol(PROTOCOL)))
    expected = jax.vmap(lambda p: solve(p, seg, features=SYMMETRIC))(params)
    got = solve_batch(params, seg, chunk=2, features=SYMMETRIC)
    flat_e, tree_e = jax.tree_util.tree_flatten(expected)
    flat_g, tree_g = jax.tree_util.tree_flatten(got)
    assert tree_e == tree_g
    for e, g in zip(flat_e, flat_g, strict=True):  # the same arithmetic, vectorised differently
        np.testing.assert_allclose(np.asarray(g), np.asarray(e), rtol=1e-13, atol=0)
    steps = np.asarray(got["steps"]).sum(axis=-1)
    assert steps[0] > steps[1]  # the 0.3 MPa cell is the harder one: the probe has something to rank


def test_a_cell_failed_at_the_start_leaves_the_other_lanes_alone():
    """A cell whose margin is crossed before any current flows (LLZO at -40 degC: its ASR alone exceeds the
    impedance limit) fails at t = 0 and is not integrated. In one vmapped batch with running cells, each lane
    is what it is alone: before the fix the failed lane's saves (asked beyond its end, an error in diffrax)
    turned every lane's saves to NaN, and a map reported the running cells as solver failures."""
    cells = [
        Cell.symmetric("LLZO", pressure="5 MPa", temperature=t) for t in ("-40 degC", "-20 degC", "25 degC")
    ]
    params = stack_parameters([cell_parameters(c)[0] for c in cells])
    seg = segments(schedule_from_protocol(parse_protocol(PROTOCOL)))
    with_it = jax.vmap(lambda p: solve(p, seg, features=SYMMETRIC))(params)
    without = jax.vmap(lambda p: solve(p, seg, features=SYMMETRIC))(
        jax.tree_util.tree_map(lambda a: a[1:], params)
    )
    assert bool(with_it["failed"][0, 0]) and float(with_it["t_end"][0, -1]) == 0.0  # failed at the start
    for key in ("t", "t_end", "failed", "result"):
        np.testing.assert_allclose(np.asarray(with_it[key][1:]), np.asarray(without[key]), rtol=1e-12)
    assert np.all(np.isfinite(np.asarray(with_it["t"][1:])))  # the running cells' saves are all there
