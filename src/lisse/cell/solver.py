"""Solve the coupled model through a protocol: adaptive, error-controlled, with failure events.

The protocol becomes a table of control segments (a set current density, or a held voltage), each with
an optional end condition (a voltage reached, a hold current fallen). ``jax.lax.scan`` walks the segments;
in each, ``diffrax.diffeqsolve`` (Tsit5, PID step-size control, float64) integrates
:func:`lisse.cell.model.vector_field` and stops at the first zero of the smallest failure margin
(:func:`lisse.cell.model.failure_margins`) or of the end condition, both located by bisection.
Current reversals fall on segment boundaries, so no discontinuity lies inside a step; the onset switches
of the mechanisms are C1 (:func:`lisse.cell.model._onset`). After a failure the state is frozen and the
remaining segments take no time. A protocol whose steps all end at their durations (symmetric cells) is
instead one diffrax solve across its steps, with the step boundaries as the controller's jump times: the
step size carries over between protocol steps, and in a batch each cell advances at its own pace
(docs/simulator.md, "Numerics"). The whole solve is one compiled function of the parameters:
``jax.vmap`` runs batches of cells and ``jax.grad`` differentiates through it.

Compiled code is cached on disk between runs (JAX persistent compilation cache, see
:func:`lisse._core.numerics.enable_compilation_cache`), and :func:`lisse.cell.simulate.simulate` also keeps
the traced solve on disk (:mod:`lisse.cell.exported`). diffrax and optimistix are imported when
:func:`solve` is traced, so a process that loads the stored solve does not import them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp
import numpy as np

import lisse._core.numerics  # noqa: F401  (float64 and the disk cache)
from lisse._core.errors import LisseError
from lisse.cell import exported
from lisse.cell.model import (
    ALL_FEATURES,
    Features,
    State,
    Terms,
    applied_current,
    cathode_surface_stoichiometry,
    failure_margins,
    initial_state,
    physical_state,
    terms,
    vector_field,
)
from lisse.cell.parameters import CellParameters, ModelOptions
from lisse.cell.protocol import Protocol

__all__ = [
    "Schedule",
    "Segments",
    "features_for",
    "schedule_from_protocol",
    "segments",
    "solve",
    "solver_settings",
    "trim",
]


#: Longest a voltage hold without a duration may last [s] (24 h), and the factor on the nominal time
#: (capacity / current) that bounds a current step ending on a voltage.
MAX_HOLD_DURATION = 24 * 3600.0
UNTIL_VOLTAGE_TIME_FACTOR = 1.5
#: The step-end condition of a timed step: none (the ``until`` argument of :func:`_margins`).
_NO_END = (jnp.nan, 0.0, jnp.nan)
#: Fewest solver steps per segment when steps end on conditions (see :func:`solve`).
MIN_STEPS_PER_SEGMENT = 32


class Schedule(NamedTuple):
    """The protocol as control segments, one entry per protocol step (SI units)."""

    mode: np.ndarray
    """0: current control (``value`` is the current density), 1: voltage control (a hold)."""
    value: np.ndarray
    """Current density, plating the Li working electrode (charging) positive [A/m^2], or held voltage [V]."""
    duration: np.ndarray
    """Segment length, or its upper bound for steps that end on a condition [s]."""
    until_voltage: np.ndarray
    """Voltage that ends the step [V] (NaN: none)."""
    until_sign: np.ndarray
    """+1 if the step ends when the voltage rises to ``until_voltage`` (charge), -1 when it falls to it, 0."""
    until_current: np.ndarray
    """Current density below which a hold ends [A/m^2] (NaN: none)."""
    discharge: np.ndarray
    """Whether the step is a full-cell discharge (its charge counts to the cycle's discharge capacity)."""
    charge: np.ndarray
    """Whether the step is a full-cell charge."""
    cycle_end: np.ndarray
    """Whether the step is the last of a cycle that discharges (where its discharge capacity is measured)."""
    timed: np.ndarray
    """Whether the protocol gave the step a duration (else ``duration`` is lisse's bound for it)."""
    cycle: np.ndarray
    """Cycle index of each segment."""

    @property
    def current_density(self) -> np.ndarray:
        """Set current density of each segment (NaN for holds) [A/m^2]."""
        return np.where(self.mode == 0, self.value, np.nan)


def schedule_from_protocol(protocol: Protocol, areal_capacity: float | None = None) -> Schedule:
    """Control segments of a protocol.

    Parameters
    ----------
    protocol : Protocol
        Parsed steps.
    areal_capacity : float, optional
        Cathode capacity per area [C/m^2] of a full cell (sets 1C); None for a symmetric Li cell.

    Raises
    ------
    LisseError
        For steps the cell cannot run: charge, discharge and hold steps in a symmetric cell, plate and
        strip steps in a full cell, C-rates without a capacity.
    """
    full = areal_capacity is not None
    rows = []
    for step in protocol.steps:
        where = f"protocol step {step.text!r}"
        if not full and step.kind in ("charge", "discharge", "hold"):
            raise LisseError(
                f"{where}: a symmetric Li cell has no cathode to charge, discharge or hold at a voltage; "
                "use 'Plate at 0.5 mA cm-2 for 1 hour', 'Strip at ...' and 'Rest for ...', or make the "
                "counter electrode a cathode (Cell.full, or --cathode on the command line)"
            )
        if full and step.kind in ("plate", "strip"):
            raise LisseError(
                f"{where}: a full cell is charged and discharged: write e.g. 'Charge at 0.1C until 4.2 V', "
                "'Discharge at 0.5 mA cm-2 until 3.0 V' or 'Hold at 4.2 V until C/50'"
            )
        until_v, sign, until_j, mode = np.nan, 0.0, np.nan, 0
        if step.kind == "hold":
            mode, value = 1, float(step.voltage)  # type: ignore[arg-type]
            if step.until_c_rate is not None:
                until_j = step.until_c_rate * areal_capacity / 3600.0  # type: ignore[operator]
            duration = step.duration if step.duration is not None else MAX_HOLD_DURATION
        else:
            j = step.signed_current_density
            if step.c_rate is not None:
                j = step.c_rate * areal_capacity / 3600.0  # type: ignore[operator]
                j = j if step.kind == "charge" else -j
            value = j
            if step.until_voltage is not None:
                until_v, sign = step.until_voltage, (1.0 if j > 0 else -1.0)
            duration = step.duration
            if duration is None:
                duration = UNTIL_VOLTAGE_TIME_FACTOR * areal_capacity / abs(j)  # type: ignore[operator]
        rows.append(
            (mode, value, duration, until_v, sign, until_j, step.kind == "discharge", step.kind == "charge")
        )
    columns = (np.asarray(c) for c in zip(*rows, strict=True))
    mode, value, duration, until_v, sign, until_j, discharge, charge = columns
    cycle = np.asarray(protocol.cycles)
    discharging = {c for c, d in zip(cycle, discharge, strict=True) if d}
    cycle_end = np.r_[cycle[1:] != cycle[:-1], True] & np.isin(cycle, list(discharging))
    return Schedule(
        mode.astype(int),
        value.astype(float),
        duration.astype(float),
        until_v.astype(float),
        sign.astype(float),
        until_j.astype(float),
        discharge.astype(bool),
        charge.astype(bool),
        cycle_end,
        np.asarray([st.duration is not None for st in protocol.steps]),
        cycle,
    )


def features_for(schedule: Schedule, full_cell: bool) -> Features:
    """The model features a schedule needs (see :class:`~lisse.cell.model.Features`)."""
    return Features(
        cathode=bool(full_cell),
        holds=bool(np.any(schedule.mode == 1)),
        step_ends=bool(
            full_cell or np.any(schedule.until_sign != 0) or np.any(np.isfinite(schedule.until_current))
        ),
    )


def _margins(
    y: State, p: CellParameters, mode, value, until: tuple, asr0, features: Features
) -> tuple[jax.Array, jax.Array]:
    """The failure margins (:func:`~lisse.cell.model.failure_margins`), and the step-end margin: positive
    while the step's end condition is not met (voltage limit not reached, hold current not down to its
    limit, and in full cells the cathode's surface stoichiometry inside its OCV fit's validity range, where
    PyBaMM stops too). All are dimensionless, so their minimum is one event function. Evaluated at
    :func:`~lisse.cell.model.physical_state` (the root finder's trial states may leave the domain)."""
    y = physical_state(y, p)
    j = applied_current(y, p, mode, value, features)
    tm = terms(y, p, j, features)
    fail = failure_margins(y, p, j, asr0, features, tm)
    if not features.step_ends:
        return fail, jnp.ones(())
    until_v, sign, until_j = until
    by_voltage = jnp.where(sign != 0, sign * (until_v - tm.voltage) / jnp.abs(until_v), 1.0)
    safe_j = jnp.where(jnp.isnan(until_j), 1.0, until_j)
    by_current = jnp.where(jnp.isnan(until_j), 1.0, jnp.abs(j) / safe_j - 1.0)
    end = jnp.minimum(by_voltage, by_current)
    if features.cathode:
        x = cathode_surface_stoichiometry(y, p, j)
        end = jnp.minimum(end, jnp.minimum(x - p.stoichiometry_min, p.stoichiometry_max - x))
    return fail, end


class Segments(NamedTuple):
    """The arrays of a :class:`Schedule` that enter the compiled solve (no cycle numbers)."""

    mode: jax.Array
    value: jax.Array
    duration: jax.Array
    until_voltage: jax.Array
    until_sign: jax.Array
    until_current: jax.Array
    discharge: jax.Array
    charge: jax.Array
    cycle_end: jax.Array


def padded_length(n: int) -> int:
    """The number of segments a protocol of ``n`` steps is padded to: the next multiple of an eighth of the
    power of two below it (up to 8 steps: the next power of two, at least 2). Eight lengths an octave
    (129-256 steps: 144, 160, ..., 256) share the compilations, and padding wastes at most an eighth of the
    work: every padded step is saved and its terms evaluated like a real one (padding the CCD ramp's 200
    steps to the next power of two, 256, cost a tenth of a batched CCD band)."""
    if n <= 8:
        return 1 << max(n - 1, 1).bit_length()
    grain = 1 << ((n - 1).bit_length() - 4)
    return -(-n // grain) * grain


def segments(schedule: Schedule, pad: bool = False) -> Segments:
    """The solver's view of a schedule (JAX arrays).

    With ``pad``, zero-length rests are appended up to :func:`padded_length`: the compiled solve
    depends on the number of segments, so protocols of similar length then share one compilation
    (a zero-length segment takes no time and changes nothing). Drop the padded entries from the
    output with :func:`trim`.
    """
    n = len(schedule.mode)
    extra = padded_length(n) - n if pad else 0
    fill = {"mode": 0, "value": 0.0, "duration": 0.0, "until_voltage": np.nan, "until_sign": 0.0}
    fill |= {"until_current": np.nan, "discharge": False, "charge": False, "cycle_end": False}
    return Segments(
        *(
            jnp.asarray(np.concatenate([getattr(schedule, f), np.full(extra, fill[f])]))
            for f in Segments._fields
        )
    )


def trim(out: dict, n_steps: int, batched: bool = False) -> dict:
    """The output of :func:`solve` without the segments that :func:`segments` padded on (``batched``: of a
    batch of solves, with a leading lane axis)."""
    cut = (lambda a: a[:, :n_steps]) if batched else (lambda a: a[:n_steps])
    return {k: v if k == "asr0" else jax.tree_util.tree_map(cut, v) for k, v in out.items()}


@functools.partial(
    jax.jit, static_argnames=("rtol", "atol", "max_steps", "n_save", "features", "forward_mode")
)
def solve(
    p: CellParameters,
    seg: Segments,
    *,
    rtol: float = 1e-6,
    atol: float = 1e-12,
    max_steps: int = 4096,
    n_save: int = 5,
    features: Features = ALL_FEATURES,
    forward_mode: bool = False,
):
    """Integrate one cell through a schedule; returns per-segment saved times, states and flags.

    Each segment ends at its duration, at its end condition (a voltage reached, a hold current fallen:
    an event, root-found) or at a failure (an event); a step whose end condition already holds at its
    start is skipped; a failure margin already crossed at a step's start fails the cell there.
    ``features`` (static) says which parts of the model to compile: all by default (always right);
    :func:`features_for` gives only those a schedule needs, which compiles much faster. ``forward_mode``
    (static) differentiates the solve in forward mode (``jax.jvp``/``jax.jacfwd``; diffrax's
    ``ForwardMode`` adjoint) instead of reverse mode (the default, ``jax.grad``). At the end of
    every cycle (a pass of a repeated group, or a lone step) of a full cell, its discharge capacity (the
    charge of its discharge steps, summed) is compared with that of the first cycle that discharged a
    charged cell: below ``p.capacity_fade_limit`` of it the cell has failed by capacity fade.

    Without step-end conditions and holds (``features``: symmetric cells), the protocol is solved as one
    diffrax solve across all its steps (:func:`_solve_timed`), else as a scan of one solve per step
    (:func:`_solve_stepwise`); both give these outputs (``steps``: the timed solve's total in step 0).

    Returns
    -------
    dict of arrays
        ``t`` [n_steps, n_save] (in the failing step inf past the failure; later steps repeat the failure
        time), ``y`` (State with that leading shape), ``failed``
        [n_steps] (a failure happened in that segment), ``result`` [n_steps] (diffrax result codes),
        ``margins`` [n_steps, 7] at each segment's end (order of :data:`~lisse.cell.model.FAILURE_MODES`),
        ``capacity`` [n_steps] (a cycle's discharge capacity at its last segment, else NaN; C/m^2),
        ``steps`` [n_steps] (solver steps taken, accepted and rejected), ``t_end`` and ``asr0``.
    """
    c = _Settings(rtol, atol, max_steps, n_save)
    if not (features.step_ends or features.holds):
        return _solve_timed(p, seg, features, forward_mode, c)
    return _solve_stepwise(p, seg, features, forward_mode, c)


class _Settings(NamedTuple):
    """The solver settings of :func:`solve` (static)."""

    rtol: float
    atol: float
    max_steps: int
    n_save: int


def _solve_stepwise(p: CellParameters, seg: Segments, f: Features, forward_mode: bool, c: _Settings):
    """:func:`solve` as a scan over the protocol steps, one diffrax solve each: any protocol (steps that end
    on a voltage or a hold current, full cells and their capacity fade)."""
    rtol, atol, max_steps, n_save = c
    import diffrax  # imported at trace time only (see the module docstring)
    import optimistix as optx

    y0 = initial_state(p)
    asr0 = terms(y0, p, jnp.zeros(()), f).asr

    def vf(t, y, args):
        _, mode, value, frozen, _ = args
        return vector_field(t, y, (p, mode, value, frozen), f)

    def event_fn(t, y, args, **kwargs):
        _, mode, value, frozen, until = args
        fail, end = _margins(y, p, mode, value, until, asr0, f)
        return jnp.minimum(jnp.min(fail), end) + frozen  # a frozen cell never triggers

    term = diffrax.ODETerm(vf)
    solver = diffrax.Tsit5()
    # one event function (the smallest margin) located by bisection: the minimum of several margins has
    # kinks where Newton's method can leave the step; bisection stays inside the bracketing step
    event = diffrax.Event(event_fn, root_finder=optx.Bisection(rtol=1e-12, atol=1e-9))
    frac = jnp.linspace(0.0, 1.0, n_save)

    def saveat(duration):
        if f.step_ends:
            return diffrax.SaveAt(t1=True, dense=True)
        return diffrax.SaveAt(subs=[diffrax.SubSaveAt(ts=frac * duration), diffrax.SubSaveAt(t1=True)])

    def segment(carry, s: Segments):
        y, t, failed, q_first, q_cycle, charged = carry
        until = (s.until_voltage, s.until_sign, s.until_current)
        fail_start, end_start = _margins(y, p, s.mode, s.value, until, asr0, f)
        # a failure margin already crossed when the step starts (e.g. the voltage limit as the current is
        # applied) fails the cell at once: an event is only found where a margin changes sign
        at_start = jnp.logical_not(failed) & (jnp.min(fail_start) <= 0)
        done = end_start <= 0  # the end condition holds already: the step is skipped
        dur_eff = jnp.where(failed | done | at_start, 0.0, s.duration)
        # a step that ends on a condition takes at least MIN_STEPS_PER_SEGMENT steps: events are found
        # from sign changes between steps, and the nearly linear charge of a cathode otherwise lets the
        # controller stride over the crossing to where the OCV fit no longer holds
        dtmax = jnp.maximum(s.duration, 1.0) / MIN_STEPS_PER_SEGMENT if f.step_ends else None
        controller = diffrax.PIDController(rtol=rtol, atol=atol, dtmax=dtmax)
        sol = diffrax.diffeqsolve(
            term,
            solver,
            0.0,
            dur_eff,
            None,
            y,
            args=(None, s.mode, s.value, failed.astype(float), until),
            stepsize_controller=controller,
            event=event,
            max_steps=max_steps,
            throw=False,
            saveat=saveat(dur_eff),
            adjoint=diffrax.ForwardMode() if forward_mode else diffrax.RecursiveCheckpointAdjoint(),
        )
        if f.step_ends:  # the step's length is known only now: save evenly over it (dense output)
            y_end = jax.tree_util.tree_map(lambda a: a[-1], sol.ys)
            t_end = sol.ts[-1]
            ts = frac * t_end
            ys = jax.vmap(sol.evaluate)(ts)
            ys = jax.tree_util.tree_map(lambda a, e: a.at[-1].set(e), ys, y_end)
        else:
            y_end = jax.tree_util.tree_map(lambda a: a[-1], sol.ys[1])
            t_end = sol.ts[1][-1]
            ts, ys = sol.ts[0], sol.ys[0]
            # a step cut short by a failure: its end state goes into the first save slot it did not reach
            unreached = jnp.logical_not(jnp.isfinite(ts))
            put = unreached & (jnp.arange(n_save) == jnp.argmax(unreached))
            ts = jnp.where(put, t_end, ts)
            ys = jax.tree_util.tree_map(
                lambda a, e: jnp.where(put.reshape((-1,) + (1,) * (a.ndim - 1)), e[None], a), ys, y_end
            )
        fail_end, step_end = _margins(y_end, p, s.mode, s.value, until, asr0, f)
        hit = at_start | (jnp.logical_not(failed) & sol.event_mask & (jnp.min(fail_end) <= step_end))
        # capacity fade, per cycle: the discharge capacity of each cycle (its discharge steps summed) against
        # that of the first cycle that discharged a charged cell
        passed = y_end.charge - y.charge
        ok = jnp.logical_not(failed | hit)
        q_cycle = q_cycle + jnp.where(s.discharge & ok, passed, 0.0)
        # a cycle that discharges nothing (its discharge skipped: the voltage already past the limit) counts
        # as zero capacity; the reference is the first such cycle with capacity
        measured = s.cycle_end & ok & charged
        first = measured & jnp.isnan(q_first) & (q_cycle > 0)
        compared = measured & jnp.isfinite(q_first)  # a reference exists (set in an earlier cycle)
        fade_margin = jnp.where(compared, q_cycle / q_first - p.capacity_fade_limit, 1.0)
        faded = fade_margin < 0
        margins = jnp.concatenate([fail_end, fade_margin[None]])
        out = {
            "t": t + ts,
            "y": ys,
            "failed": hit | faded,
            "result": sol.result._value,
            "steps": sol.stats["num_steps"],
            "margins": margins,
            "capacity": jnp.where(first | compared, q_cycle, jnp.nan),
            "t_end": t + t_end,
        }
        carry = (
            y_end,
            t + jnp.where(failed, 0.0, t_end),
            failed | hit | faded,
            jnp.where(first, q_cycle, q_first),
            jnp.where(s.cycle_end, 0.0, q_cycle),
            charged | (s.charge & (passed > 0)),
        )
        return carry, out

    zero = jnp.zeros(())
    init = (y0, zero, jnp.asarray(False), jnp.asarray(jnp.nan), zero, jnp.asarray(False))
    _, out = jax.lax.scan(segment, init, seg)
    out["asr0"] = asr0
    return out


def _solve_timed(p: CellParameters, seg: Segments, f: Features, forward_mode: bool, c: _Settings):
    """:func:`solve` of a protocol whose steps all end at their durations (a symmetric cell): the whole
    protocol as one diffrax solve, with the same outputs as :func:`_solve_stepwise`.

    The set current is piecewise constant in time; the step-size controller lands on every step boundary
    (``jump_ts``: a step ends just before it and the next starts just after it), so no solver step straddles
    a current reversal, as in the scan. Unlike the scan, the step size carries over from one protocol step
    to the next (a new solve starts from a cautious first step and needs about six steps to cross a plateau
    of constant current; this needs about one), and in a vmapped batch each lane advances through its own
    protocol steps instead of waiting, in every step, for the batch's slowest lane: a 256-sample CCD band
    integrates about 15x fewer batched steps. A failure margin already crossed at the start fails the cell
    at t = 0; one crossed as a step's current is applied is found in the first solver step after it.
    ``max_steps`` bounds the solver steps per protocol step on average.
    """
    rtol, atol, max_steps, n_save = c
    import diffrax  # imported at trace time only (see the module docstring)
    import optimistix as optx

    n = seg.duration.shape[0]
    ends = jnp.cumsum(seg.duration)
    starts = jnp.concatenate([jnp.zeros(1), ends[:-1]])  # exactly the previous end (no rounding between)
    y0 = initial_state(p)
    asr0 = terms(y0, p, jnp.zeros(()), f).asr

    last = jnp.max(jnp.where(seg.duration > 0, jnp.arange(n), 0))  # the last step that takes time

    def step_at(t):
        # the protocol step that holds time t: the later one at a boundary (the controller evaluates just
        # after it), and never a zero-length step (padded ones end where the protocol does)
        return jnp.minimum(jnp.searchsorted(ends, t, side="right"), last)

    def vf(t, y, args):
        k = step_at(t)
        return vector_field(t, y, (p, seg.mode[k], seg.value[k], jnp.zeros(())), f)

    def event_fn(t, y, args, **kwargs):
        k = step_at(t)
        return jnp.min(_margins(y, p, seg.mode[k], seg.value[k], _NO_END, asr0, f)[0])

    at_start = jnp.min(_margins(y0, p, seg.mode[0], seg.value[0], _NO_END, asr0, f)[0]) <= 0
    # the current changes at each step's end; a boundary at the protocol's end (padded zero-length steps end
    # there too) is no jump: the solve ends there, and padding must not change its steps
    jumps = jnp.where(ends[:-1] < ends[-1], ends[:-1], jnp.inf) if n > 1 else None
    # the saves of each step, within it (a save after the solve's end or out of order is an error in diffrax)
    save_ts = jnp.minimum(
        starts[:, None] + jnp.linspace(0.0, 1.0, n_save)[None, :] * seg.duration[:, None], ends[:, None]
    ).ravel()
    # the zero-length steps at the protocol's end (padding) all save the final state: asked of diffrax at the
    # end, their saves would come in one bunch, at a different solver step in each lane of a batch, which a
    # vmapped loop pays for lane after lane; asked at t = 0 (first, in sorted order) they cost one bunch for
    # all lanes, and _timed_outputs puts the final state there
    tail = jnp.repeat((seg.duration == 0) & (ends == ends[-1]), n_save)
    flat, unflat = _flat_state(y0)
    order = jnp.argsort(jnp.where(tail, -1, jnp.arange(tail.shape[0])), stable=True)
    # a cell failed at the start is not integrated (t1 = 0): its saves are asked at 0 too. A save beyond t1 is
    # an error in diffrax, and in a vmapped batch its NaN reaches every lane (found in a map mixing cells
    # failed at the start with running ones: those came out without their saves, as solver failures)
    t1 = jnp.where(at_start, 0.0, ends[-1])
    sol = diffrax.diffeqsolve(
        diffrax.ODETerm(vf),
        diffrax.Tsit5(),
        0.0,
        t1,
        None,
        y0,
        stepsize_controller=diffrax.PIDController(rtol=rtol, atol=atol, jump_ts=jumps),
        # bisection stops once the bracket is narrow and |margin| < atol: on one time axis of up to ~1e6 s the
        # float spacing of t is ~1e-10 s, too coarse for |margin| < 1e-9 where a margin changes fast
        event=diffrax.Event(event_fn, root_finder=optx.Bisection(rtol=1e-12, atol=1e-6)),
        max_steps=max_steps * n,
        throw=False,
        saveat=diffrax.SaveAt(
            subs=[
                diffrax.SubSaveAt(
                    ts=jnp.minimum(jnp.where(tail, 0.0, save_ts)[order], t1), fn=lambda t, y, args: flat(y)
                ),
                diffrax.SubSaveAt(t1=True),
            ]
        ),
        adjoint=diffrax.ForwardMode() if forward_mode else diffrax.RecursiveCheckpointAdjoint(),
    )
    return _timed_outputs(sol, p, seg, f, asr0, at_start, ends, n_save, (tail, order, unflat))


def _flat_state(y: State) -> tuple[Callable, Callable]:
    """A state as one flat array and back: diffrax saves one array per save instead of one per state field
    (in a vmapped loop each is a scatter, and the saves cost more than the steps)."""
    from jax.flatten_util import ravel_pytree

    _, unflat = ravel_pytree(y)
    return (lambda x: ravel_pytree(x)[0]), unflat


def _timed_outputs(
    sol, p: CellParameters, seg: Segments, f: Features, asr0, at_start, ends, n_save: int, saves: tuple
):
    """The per-step outputs of :func:`_solve_stepwise` from the one solve of :func:`_solve_timed` (``saves``:
    which saves are the padding's, and the order they were asked in)."""
    import diffrax

    n = ends.shape[0]
    index = jnp.arange(n)
    t_final, y_final = sol.ts[1][-1], jax.tree_util.tree_map(lambda a: a[-1], sol.ys[1])
    code = sol.result._value
    k = jnp.minimum(jnp.searchsorted(ends, t_final, side="left"), n - 1)  # the step the solve stopped in
    # a margin crossed as the next step's current is applied (the scan's failure at a step's start): the
    # event's root lies on the jump, where bisection does not converge; it belongs to the next step
    k_next = jnp.minimum(k + 1, n - 1)
    on_jump = (
        (k < n - 1)
        & (jnp.abs(t_final - ends[k]) <= 1e-9 * jnp.maximum(ends[k], 1.0))
        & (sol.event_mask | (code == diffrax.RESULTS.nonlinear_max_steps_reached._value))
        & (jnp.min(_margins(y_final, p, seg.mode[k_next], seg.value[k_next], _NO_END, asr0, f)[0]) <= 0)
    )
    code = jnp.where(on_jump, diffrax.RESULTS.event_occurred._value, code)
    failed_any = at_start | sol.event_mask | on_jump
    k_fail = jnp.where(at_start, 0, jnp.where(on_jump, k_next, k))
    t_final = jnp.where(on_jump, ends[k], t_final)
    # as in the scan: the failure state goes into the first save slot the failing step did not reach, and the
    # steps after it take no time (their saves are the failure state)
    tail, order, unflat = saves
    back = jnp.argsort(order)  # the saves in step order again; the padding's hold the final state
    ts = jnp.where(tail, t_final, sol.ts[0][back])
    pad = lambda a: tail.reshape((-1,) + (1,) * (a.ndim - 1))  # noqa: E731
    saved = jax.vmap(unflat)(sol.ys[0])
    ys = jax.tree_util.tree_map(lambda a, e: jnp.where(pad(a), e[None], a[back]), saved, y_final)
    ts = ts.reshape(n, n_save)
    ys = jax.tree_util.tree_map(lambda a: a.reshape((n, n_save, *a.shape[1:])), ys)
    unreached = jnp.logical_not(jnp.isfinite(ts)) | (failed_any & (index[:, None] > k_fail))
    first = jnp.arange(n_save)[None, :] == jnp.argmax(unreached, axis=1)[:, None]
    put = failed_any & unreached & ((index[:, None] > k_fail) | first)
    ts = jnp.where(put, t_final, ts)
    ys = jax.tree_util.tree_map(
        lambda a, e: jnp.where(put.reshape((*put.shape,) + (1,) * (a.ndim - 2)), e, a), ys, y_final
    )
    # each step's end state: its last save, the failure state from the failing step on
    after = failed_any & (index >= k_fail)
    y_end = jax.tree_util.tree_map(
        lambda a, e: jnp.where(after.reshape((-1,) + (1,) * (a.ndim - 2)), e[None], a[:, -1]), ys, y_final
    )
    fail_end = jax.vmap(lambda y, mode, value: _margins(y, p, mode, value, _NO_END, asr0, f)[0])(
        y_end, seg.mode, seg.value
    )
    stopped = jnp.where(failed_any, k_fail, k)
    # the code where the solve stopped; an integration error also marks the steps it never reached
    reported = (index == stopped) | ((index > stopped) & (code != diffrax.RESULTS.event_occurred._value))
    return {
        "t": ts,
        "y": ys,
        "failed": failed_any & (index == k_fail),
        "result": jnp.where(reported, code, diffrax.RESULTS.successful._value),
        "steps": jnp.zeros(n, dtype=int).at[0].set(sol.stats["num_steps"]),
        "margins": jnp.concatenate([fail_end, jnp.ones((n, 1))], axis=1),
        "capacity": jnp.full(n, jnp.nan),
        "t_end": jnp.minimum(ends, t_final),
        "asr0": asr0,
    }


def solver_settings(options: ModelOptions) -> dict:
    """Keyword arguments of :func:`solve` from the model options."""
    return {
        "rtol": options.rtol,
        "atol": options.atol,
        "max_steps": options.max_steps,
        "n_save": options.saves_per_step,
    }


for _tree in (CellParameters, Segments, State, Terms):  # arguments and results of the stored programs
    exported.register_pytree(_tree)
