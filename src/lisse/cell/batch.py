"""Batches of cells on every CPU core: :func:`solve_batch`, ``jax.vmap(solve)`` made to scale.

A vmapped adaptive solve steps every lane until the slowest lane of the batch is done, and XLA runs one
computation on one core. Over a batch of stack pressures and temperatures most cells take about 7 steps
per plate or strip step and a few (low pressure, voids opening) take 40, so a plain ``vmap`` spends most
of its time on lanes that wait. :func:`solve_batch`

1. runs a short probe (the first ``probe`` protocol steps: the same compiled program, with the later
   steps set to zero length) and counts each lane's solver steps (only for the scan of per-step solves:
   in the timed solve of symmetric cells, lisse.cell.solver, no lane waits for another in every step);
2. sorts the lanes by that count and deals them out to the devices in turn, so each device gets easy and
   hard lanes alike;
3. on each device (``shard_map``: no communication between devices), solves its lanes in chunks of
   ``chunk`` neighbours in that order, one chunk after another (``lax.map`` of a vmapped solve), so
   lanes wait only for the slowest lane of their own chunk;
4. returns the outputs in the caller's order, as ``jax.vmap(solve)`` would.

Each lane is computed as by ``jax.vmap(solve)``; only which lanes share a while loop changes, and with it
how XLA vectorises the arithmetic, so results agree to round-off (a last bit of a sum may differ).

XLA gives JAX one CPU device unless told otherwise before JAX starts; ``lisse/__init__.py`` asks for one
per core (``--xla_force_host_platform_device_count``, see there). With one device, :func:`solve_batch`
still sorts and chunks.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

import jax
import jax.numpy as jnp
import numpy as np

from lisse.cell.model import ALL_FEATURES
from lisse.cell.parameters import CellParameters
from lisse.cell.solver import Segments, solve

__all__ = ["solve_batch"]


def _shard_map(f, mesh, in_specs, out_specs):
    if hasattr(jax, "shard_map"):
        return jax.shard_map(f, mesh=mesh, in_specs=in_specs, out_specs=out_specs, check_vma=False)
    from jax.experimental.shard_map import shard_map  # jax < 0.7

    return shard_map(f, mesh=mesh, in_specs=in_specs, out_specs=out_specs, check_rep=False)


@functools.cache
def _program(n_devices: int, chunk: int, static: tuple, fn: Callable = solve) -> Any:
    """The compiled batch solve: per device, chunks of ``chunk`` lanes solved one after another."""
    one = functools.partial(fn, **dict(static))

    def local(p: CellParameters, seg: Segments):
        m = jax.tree_util.tree_leaves(p)[0].shape[0]
        chunks = jax.tree_util.tree_map(lambda a: a.reshape((m // chunk, chunk, *a.shape[1:])), p)
        out = jax.lax.map(lambda pc: jax.vmap(one, in_axes=(0, None))(pc, seg), chunks)
        return jax.tree_util.tree_map(lambda a: a.reshape((m, *a.shape[2:])), out)

    if n_devices == 1:
        return jax.jit(local)
    from jax.sharding import Mesh, PartitionSpec

    mesh = Mesh(np.asarray(jax.devices()[:n_devices]), ("lanes",))
    lanes = PartitionSpec("lanes")
    return jax.jit(_shard_map(local, mesh, (lanes, PartitionSpec()), lanes))


def _layout(order: np.ndarray, n_devices: int, chunk: int) -> tuple[np.ndarray, np.ndarray]:
    """Lane indices to run (easiest first, padded with copies of the easiest lane to fill whole chunks on
    every device, dealt out to the devices in turn) and, per original lane, where its output is."""
    n = len(order)
    per_device = math.ceil(n / n_devices / chunk) * chunk
    padded = np.concatenate([np.full(per_device * n_devices - n, order[0]), order])
    is_pad = np.r_[np.ones(per_device * n_devices - n, bool), np.zeros(n, bool)]
    run = np.concatenate([padded[d::n_devices] for d in range(n_devices)])
    pad = np.concatenate([is_pad[d::n_devices] for d in range(n_devices)])
    where = np.empty(n, dtype=int)
    where[run[~pad]] = np.flatnonzero(~pad)
    return run, where


def solve_batch(
    params: CellParameters,
    seg: Segments,
    *,
    chunk: int = 50,
    probe: int = 2,
    devices: int | None = None,
    fn: Callable = solve,
    **solve_kwargs: Any,
) -> Any:
    """:func:`~lisse.cell.solver.solve` for every parameter set of a batch, on all CPU devices.

    Parameters
    ----------
    params : CellParameters
        Parameter sets stacked along a leading axis (:func:`~lisse.cell.parameters.stack_parameters`).
    seg : Segments
        The protocol, the same for every cell.
    chunk : int
        Lanes solved together in one vmapped while loop (fewer: less waiting for the slowest lane of a
        chunk, but less vectorisation).
    probe : int
        Protocol steps of the probe that ranks the lanes (0: keep the caller's order).
    devices : int, optional
        Devices to shard the batch over (default: all of ``jax.devices()``).
    fn : callable
        The solve of one lane, ``fn(params, seg, **solve_kwargs)``: :func:`~lisse.cell.solver.solve` or a
        function whose output is ``solve``'s dict or a tuple starting with it (e.g. with the terms at the
        saved states).
    **solve_kwargs
        Static arguments of :func:`~lisse.cell.solver.solve` (``features``, ``rtol``, ...).

    Returns
    -------
    dict or tuple
        As ``jax.vmap(fn)(params, seg)``: every output with a leading batch axis, in the caller's order
        (as NumPy arrays).
    """
    n = int(jax.tree_util.tree_leaves(params)[0].shape[0])
    n_devices = min(devices or len(jax.devices()), n)
    chunk = max(1, min(chunk, math.ceil(n / n_devices)))
    run = _program(n_devices, chunk, tuple(sorted(solve_kwargs.items())), fn)
    host = jax.tree_util.tree_map(np.asarray, params)

    def solve_in(order: np.ndarray, segments: Segments) -> dict:
        lanes, where = _layout(order, n_devices, chunk)
        out = run(jax.tree_util.tree_map(lambda a: jnp.asarray(a[lanes]), host), segments)
        return jax.tree_util.tree_map(lambda a: np.asarray(a)[where], out)  # NumPy: no gather to compile

    order = np.arange(n)
    # the ranking serves the scan of per-step solves, whose lanes wait in every step for the chunk's slowest;
    # in the timed solve (no step ends, no holds: lisse.cell.solver) each lane goes at its own pace
    features = solve_kwargs.get("features", ALL_FEATURES)
    if probe > 0 and len(seg.duration) > probe and (features.step_ends or features.holds):
        short = seg._replace(duration=jnp.where(jnp.arange(len(seg.duration)) < probe, seg.duration, 0.0))
        probed = solve_in(order, short)
        steps = np.asarray((probed[0] if isinstance(probed, tuple) else probed)["steps"]).sum(axis=-1)
        order = np.argsort(steps, kind="stable")
    return solve_in(order, seg)
