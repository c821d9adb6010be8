"""Solve the coupled model through a protocol: adaptive, error-controlled, with failure events.

The protocol becomes a table of constant-current segments. ``jax.lax.scan`` walks the segments; in each,
``diffrax.diffeqsolve`` (Tsit5, PID step-size control, float64) integrates
:func:`lisse.cell.model.vector_field` and stops at the first zero of the smallest failure margin
(:func:`lisse.cell.model.failure_margins`, root-found by Newton's method). Current reversals fall on
segment boundaries, so no discontinuity lies inside a step; the onset switches of the mechanisms are C1
(:func:`lisse.cell.model._onset`). After a failure the state is frozen and the remaining segments take no
time. The whole solve is one compiled function of the parameters: ``jax.vmap`` runs batches of cells and
``jax.grad`` differentiates through it.

Compiled code is cached on disk between runs (JAX persistent compilation cache, see
:func:`lisse._core.numerics.enable_compilation_cache`).
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import diffrax
import jax
import jax.numpy as jnp
import numpy as np
import optimistix as optx

import lisse._core.numerics  # noqa: F401  (float64 and the disk cache)
from lisse._core.errors import LisseError
from lisse.cell.model import failure_margins, initial_state, terms, vector_field
from lisse.cell.parameters import CellParameters, ModelOptions
from lisse.cell.protocol import Protocol

__all__ = ["Schedule", "schedule_from_protocol", "solve", "solver_settings"]


class Schedule(NamedTuple):
    """The protocol as constant-current segments, one entry per protocol step."""

    current_density: np.ndarray
    """Current density, plating the working electrode positive [A/m^2]."""
    duration: np.ndarray
    """Segment length [s]."""
    cycle: np.ndarray
    """Cycle index of each segment."""


def schedule_from_protocol(protocol: Protocol) -> Schedule:
    """Constant-current segments of a symmetric-cell protocol (plating the working electrode is positive).

    Raises
    ------
    LisseError
        For steps a symmetric Li cell cannot run (C-rates, voltage holds, steps without a duration).
    """
    j, dur = [], []
    for step in protocol.steps:
        if step.kind in ("charge", "discharge", "hold") or step.duration is None:
            raise LisseError(
                f"protocol step {step.text!r}: symmetric Li cells run 'Plate at ... for ...', "
                "'Strip at ... for ...' and 'Rest for ...' steps; full-cell steps (C-rates, voltage limits, "
                "holds) are not supported yet"
            )
        j.append(step.signed_current_density)
        dur.append(step.duration)
    return Schedule(np.asarray(j, dtype=float), np.asarray(dur, dtype=float), np.asarray(protocol.cycles))


def _event_fn(t, y, args, **kwargs):
    p, j, frozen, asr0 = args
    return jnp.min(failure_margins(y, p, j, asr0)) + frozen  # a frozen cell never triggers


def _vf(t, y, args):
    p, j, frozen, _ = args
    return vector_field(t, y, (p, j, frozen))


@functools.partial(jax.jit, static_argnames=("rtol", "atol", "max_steps", "n_save"))
def solve(
    p: CellParameters,
    current_density: jax.Array,
    duration: jax.Array,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-9,
    max_steps: int = 4096,
    n_save: int = 5,
):
    """Integrate one cell through a schedule; returns per-segment saved times, states and flags.

    Returns
    -------
    dict of arrays
        ``t`` [n_steps, n_save] (inf past a failure), ``y`` (State with that leading shape), ``failed``
        [n_steps] (the failure event happened in that segment), ``result`` [n_steps] (diffrax result
        codes), ``margins`` [n_steps, 5] at each segment's end, ``asr0``.
    """
    y0 = initial_state(p)
    asr0 = terms(y0, p, jnp.zeros(())).asr
    term = diffrax.ODETerm(_vf)
    solver = diffrax.Tsit5()
    controller = diffrax.PIDController(rtol=rtol, atol=atol)
    event = diffrax.Event(_event_fn, root_finder=optx.Newton(rtol=1e-10, atol=1e-10))
    frac = jnp.linspace(0.0, 1.0, n_save)

    def segment(carry, inputs):
        y, t, failed = carry
        j, dur = inputs
        dur_eff = jnp.where(failed, 0.0, dur)
        sol = diffrax.diffeqsolve(
            term,
            solver,
            0.0,
            dur_eff,
            None,
            y,
            args=(p, j, failed.astype(float), asr0),
            stepsize_controller=controller,
            event=event,
            max_steps=max_steps,
            throw=False,
            saveat=diffrax.SaveAt(subs=[diffrax.SubSaveAt(ts=frac * dur_eff), diffrax.SubSaveAt(t1=True)]),
        )
        y_end = jax.tree_util.tree_map(lambda a: a[-1], sol.ys[1])
        t_end = sol.ts[1][-1]
        hit = jnp.logical_and(jnp.logical_not(failed), sol.event_mask)
        margins = failure_margins(y_end, p, j, asr0)
        out = {
            "t": t + sol.ts[0],
            "y": sol.ys[0],
            "failed": hit,
            "result": sol.result._value,
            "margins": margins,
            "t_end": t + t_end,
        }
        return (y_end, t + jnp.where(failed, 0.0, t_end), jnp.logical_or(failed, hit)), out

    (_, _, _), out = jax.lax.scan(
        segment, (y0, jnp.zeros(()), jnp.asarray(False)), (current_density, duration)
    )
    out["asr0"] = asr0
    return out


def solver_settings(options: ModelOptions) -> dict:
    """Keyword arguments of :func:`solve` from the model options."""
    return {
        "rtol": options.rtol,
        "atol": options.atol,
        "max_steps": options.max_steps,
        "n_save": options.saves_per_step,
    }
