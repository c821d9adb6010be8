"""Simulating a cell: :func:`simulate` (cell + protocol in, :class:`~lisse.cell.results.SimulationResult` out)
and :func:`critical_current_density` (a current ramp until failure).

The solver (:mod:`lisse.cell.solver`) integrates the coupled model; this module turns its raw output into an
xarray Dataset with one ``time`` coordinate (seconds, with ``cycle`` and ``step`` as auxiliary
coordinates); every variable carries its unit in ``attrs["units"]``. The verdict
(:class:`~lisse.cell.verdict.Verdict`) names the failure mode, the time and cycle of failure, the chain of
mechanisms that led to it (read off the time series) and the share of each overpotential term at failure.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import jax
import jax.numpy as jnp
import numpy as np

from lisse._core.errors import LisseError
from lisse._core.units import MAH_PER_CM2
from lisse.cell import exported
from lisse.cell.model import (
    Features,
    State,
    Terms,
    applied_current,
    crack_asr,
    electrolyte_stress_intensity,
    terms,
)
from lisse.cell.parameters import CellParameters, ModelOptions, cell_parameters
from lisse.cell.protocol import Protocol, parse_protocol
from lisse.cell.results import SimulationResult
from lisse.cell.solver import (
    Schedule,
    Segments,
    features_for,
    schedule_from_protocol,
    segments,
    solve,
    solver_settings,
    trim,
)
from lisse.cell.stack import Cell
from lisse.cell.verdict import STEP_EDGE, Series, skip_tolerance, verdict_of
from lisse.materials import Library

if TYPE_CHECKING:  # xarray (with pandas) is imported where a Dataset is built or read
    import xarray as xr

__all__ = ["CCD_RAMP", "critical_current_density", "series", "simulate", "solve_with_terms", "time_series"]


#: The default CCD ramp: each level plates then strips for 15 minutes each.
CCD_RAMP = "Step current from 0.05 to 5 mA cm-2 by 0.05 every 30 minutes until failure"

_UNITS = {
    "current_density": "A/m^2",
    "voltage": "V",
    "ohmic": "V",
    "charge_transfer": "V",
    "constriction": "V",
    "interphase_overpotential": "V",
    "interlayer": "V",
    "surface": "V",
    "concentration": "V",
    "asr": "ohm*m^2",
    "contact_we": "1",
    "contact_ce": "1",
    "filament_we": "m",
    "filament_ce": "m",
    "interphase_we": "m",
    "interphase_ce": "m",
    "depletion": "mol/m^3",
    "internal_li": "1",
    "pressure": "Pa",
    "li_thickness_we": "m",
    "li_thickness_ce": "m",
    "charge": "C/m^2",
    "interphase_stress_intensity": "Pa*m^0.5",
    "local_current_density": "A/m^2",
    "cathode_interface": "V",
    "open_circuit_voltage": "V",
    "cathode_stoichiometry": "1",
    "intrusion_we": "m",
    "intrusion_ce": "m",
    "alloy_depletion_we": "1",
    "alloy_depletion_ce": "1",
    "crack_we": "m",
    "crack_ce": "m",
    "crack": "V",
    "crack_asr": "ohm*m^2",
    "cathode_interphase": "m",
    "salt_fraction": "1",
}


def simulate(
    cell: Cell, protocol: str | Protocol, library: Library | None = None, options: ModelOptions | None = None
) -> SimulationResult:
    """Simulate ``cell`` through ``protocol`` with the coupled model and attribute the failure.

    Parameters
    ----------
    cell : Cell
        A symmetric Li | electrolyte | Li cell or a full cell Li | electrolyte | cathode.
    protocol : str or Protocol
        Steps such as ``"(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 100"``
        (symmetric) or ``"(Charge at 0.5C until 4.2 V, Hold at 4.2 V until C/20, Discharge at 0.5C until
        3.0 V) x 100"`` (full cell).
    library : Library, optional
        Materials (default: the bundled library).
    options : ModelOptions, optional
        Closure parameters and thresholds.

    Raises
    ------
    LisseError
        For an unparseable protocol, a cell lisse cannot simulate, or missing material values (named).
    """
    opts = options or ModelOptions()
    proto = parse_protocol(protocol) if isinstance(protocol, str) else protocol
    params, coverage = cell_parameters(cell, library, opts)
    schedule = schedule_from_protocol(proto, None if cell.is_symmetric else cell.counter.areal_capacity)
    features = features_for(schedule, full_cell=not cell.is_symmetric)
    seg = segments(schedule, pad=True)
    # the solve, and the current and voltage terms at its saved states, through one stored program (one per
    # model version, features and padded protocol length: a new process does not trace it again)
    static = {"features": features, **solver_settings(opts)}
    raw, ok, saved = exported.call("simulate", solve_with_terms, (params, seg), static)
    n = len(schedule.mode)
    raw, ok, saved = jax.tree_util.tree_map(np.asarray, (raw, ok, saved))  # slicing NumPy compiles nothing
    raw, ok, saved = trim(raw, n), ok[:n], jax.tree_util.tree_map(lambda a: a[:n], saved)
    _check_solver(raw, ok, proto)
    arrays = series(raw, params, schedule, saved)
    verdict = verdict_of(arrays, raw, schedule, coverage, full_cell=not cell.is_symmetric)
    text = protocol if isinstance(protocol, str) else "; ".join(s.text for s in proto.steps)
    stack = f"{cell.anode.label} | {cell.electrolyte.material} | {cell.counter.label}"
    attrs = {
        "title": f"lisse simulation of {stack}",
        "references": ", ".join(coverage.sources),
    }
    return SimulationResult(functools.partial(time_series, arrays, attrs), verdict, cell, text)


def critical_current_density(
    cell: Cell, ramp: str = CCD_RAMP, library: Library | None = None, options: ModelOptions | None = None
) -> tuple[float | None, SimulationResult]:
    """The critical current density [mA/cm^2] of ``cell`` from a current ramp (the level at which it
    fails; None if it survives the ramp), and the simulation it comes from."""
    result = simulate(cell, ramp, library, options)
    return result.verdict.current_density_at_failure_mA_cm2, result


def solve_with_terms(p: CellParameters, seg: Segments, **static) -> tuple[dict, jax.Array, tuple]:
    """:func:`~lisse.cell.solver.solve`; per segment whether diffrax succeeded or stopped at an event; and
    the current, the voltage terms, the stress intensity and the crack resistance at the saved states
    (:func:`_saved_terms`)."""
    import diffrax  # at trace time only: a stored program needs no diffrax

    out = solve(p, seg, **static)
    codes = out["result"]
    ok = (codes == diffrax.RESULTS.successful._value) | (codes == diffrax.RESULTS.event_occurred._value)
    # every step's first save is reached (later steps repeat the failure time): a non-finite one means an
    # error inside diffrax that EQX_ON_ERROR=nan turned into NaN/inf without a result code
    ok = ok & jnp.isfinite(out["t"][:, 0])
    return out, ok, _saved_terms(out["y"], p, seg.mode, seg.value, features=static["features"])


def _saved_terms(y: State, p: CellParameters, mode, value, *, features: Features):
    """The current, the voltage terms, the interphase stress intensity and the resistance of the grown cracks
    (:func:`~lisse.cell.model.crack_asr`, both faces) at every saved state ([n_steps, n_save]; states past a
    failure, inf, are evaluated as 0 and dropped later)."""
    n_steps, n_save = y.charge.shape[:2]
    flat = jax.tree_util.tree_map(lambda a: jnp.nan_to_num(a.reshape((-1, *a.shape[2:])), posinf=0.0), y)
    each = jax.vmap(lambda y, mode, value: _current_and_terms(y, p, mode, value, features))
    j, tm = each(flat, jnp.repeat(mode, n_save), jnp.repeat(value, n_save))
    # what the fracture criterion compares with the toughness (0 where it is not evaluated)
    k = electrolyte_stress_intensity(flat, p)
    # a resistance, not a voltage term: at rest (j = 0) the crack term is 0 but the cracks are there
    r_crack = jnp.sum(crack_asr(flat, p), axis=-1)
    return jax.tree_util.tree_map(lambda a: a.reshape((n_steps, n_save, *a.shape[1:])), (j, tm, k, r_crack))


def _check_solver(raw: dict, ok, proto: Protocol) -> None:
    """Raise if the integrator failed (other than by stopping at a failure event) in any step."""
    bad = np.flatnonzero(~np.asarray(ok))
    if bad.size:
        import diffrax

        i = int(bad[0])
        message = diffrax.RESULTS._index_to_message[int(np.asarray(raw["result"])[i])]
        raise LisseError(
            f"the solver failed in protocol step {i + 1} ({proto.steps[i].text!r}): {message} "
            "(raise ModelOptions.max_steps or loosen rtol/atol)"
        )


def series(raw: dict, params: CellParameters, schedule: Schedule, saved: tuple) -> dict[str, np.ndarray]:
    """The time series of one solve (``raw`` and ``saved`` of :func:`solve_with_terms`, trimmed to the
    protocol's steps) as arrays by name: the saved points that were integrated, with ``time`` (unique and
    increasing), ``step`` and ``cycle``; for full cells ``discharge_capacity`` [mA h/cm^2] of each completed
    cycle and its ``discharge_cycle``. :func:`time_series` makes it a Dataset; the verdict reads it as it is
    (:func:`lisse.cell.verdict.verdict_of`)."""
    t = np.asarray(raw["t"])  # [n_steps, n_save]
    n_steps, n_save = t.shape
    step_idx = np.repeat(np.arange(n_steps)[:, None], n_save, axis=1)
    failed = np.flatnonzero(np.asarray(raw["failed"]))
    last_step = int(failed[0]) if failed.size else n_steps - 1
    keep = np.isfinite(t) & (step_idx <= last_step)  # segments after a failure take no time: drop them
    # a step's first point has the previous step's last state but its own current and voltage (the jump at a
    # step change); a skipped (zero-length) step keeps only that point
    keep[:, 1:] &= (t[:, -1] - t[:, 0] > skip_tolerance(schedule))[:, None]
    y = jax.tree_util.tree_map(np.asarray, raw["y"])
    flat = lambda a: a[keep]  # noqa: E731
    # current (set, or solved for in holds), voltage terms and stress intensity at the saved states
    rows = step_idx[keep]
    j, tm, k_interphase, r_crack = jax.tree_util.tree_map(lambda a: np.asarray(a)[keep], saved)
    data = {
        "current_density": np.asarray(j),
        "voltage": tm.voltage,
        "ohmic": tm.ohmic,
        "charge_transfer": tm.charge_transfer,
        "constriction": tm.constriction,
        "interphase_overpotential": tm.interphase,
        "interlayer": tm.interlayer,
        "surface": tm.surface,
        "concentration": tm.concentration,
        "asr": tm.asr,
        "local_current_density": tm.local_current_density,
        "cathode_interface": tm.cathode_interface,
        "open_circuit_voltage": tm.open_circuit,
        "cathode_stoichiometry": flat(y.cathode_stoichiometry),
        "contact_we": flat(y.contact[..., 0]),
        "contact_ce": flat(y.contact[..., 1]),
        "filament_we": flat(y.filament[..., 0]),
        "filament_ce": flat(y.filament[..., 1]),
        "interphase_we": flat(y.interphase[..., 0]),
        "interphase_ce": flat(y.interphase[..., 1]),
        "depletion": flat(y.depletion),
        "internal_li": flat(y.internal_li),
        "pressure": flat(y.pressure),
        "li_thickness_we": flat(y.li_thickness[..., 0]),
        "li_thickness_ce": flat(y.li_thickness[..., 1]),
        "charge": flat(y.charge),
        "interphase_stress_intensity": k_interphase,
        "intrusion_we": flat(y.intrusion[..., 0]),
        "intrusion_ce": flat(y.intrusion[..., 1]),
        "alloy_depletion_we": flat(y.alloy_depletion[..., 0]),
        "alloy_depletion_ce": flat(y.alloy_depletion[..., 1]),
        "crack_we": flat(y.crack[..., 0]),
        "crack_ce": flat(y.crack[..., 1]),
        "crack": tm.crack,
        "crack_asr": r_crack,
        "cathode_interphase": float(params.full_cell) * flat(y.interphase[..., 1]),
        "salt_fraction": 1.0 - np.abs(flat(y.depletion)) / float(params.salt_concentration),
    }
    # times strictly increase: a point at the same instant as the one before it (a step's first point) is
    # stored STEP_EDGE later, so the time index stays unique
    index = np.arange(keep.sum())
    out = {k: np.asarray(v, dtype=float) for k, v in data.items()}
    out["time"] = np.maximum.accumulate(t[keep] - STEP_EDGE * index) + STEP_EDGE * index
    out["step"], out["cycle"] = rows, schedule.cycle[rows]
    # full cells: the discharge capacity of every completed cycle (NaN where none was measured)
    capacity = np.asarray(raw["capacity"])
    done = np.isfinite(capacity) & (np.arange(n_steps) <= last_step)
    if done.any():
        out["discharge_capacity"] = capacity[done] / MAH_PER_CM2
        out["discharge_cycle"] = schedule.cycle[done]
    return out


def time_series(arrays: Series, attrs: dict | None = None) -> xr.Dataset:
    """:func:`series` as an xarray Dataset on one ``time`` coordinate (``step`` and ``cycle`` alongside),
    units in ``attrs``; full cells' ``discharge_capacity`` on a ``discharge`` dimension; ``attrs``: the
    Dataset's own attributes (title, references)."""
    import xarray as xr

    ds = xr.Dataset(
        {k: ("time", arrays[k], {"units": u}) for k, u in _UNITS.items()},
        coords={
            "time": ("time", arrays["time"], {"units": "s"}),
            "step": ("time", arrays["step"]),
            "cycle": ("time", arrays["cycle"]),
        },
        attrs=attrs or {},
    )
    if "discharge_capacity" in arrays:
        ds["discharge_capacity"] = xr.DataArray(
            arrays["discharge_capacity"],
            dims="discharge",
            coords={"discharge_cycle": ("discharge", arrays["discharge_cycle"])},
            attrs={"units": "mA*h/cm^2"},
        )
    return ds


def _current_and_terms(y, p: CellParameters, mode, value, features: Features) -> tuple[jax.Array, Terms]:
    j = applied_current(y, p, mode, value, features)
    return j, terms(y, p, j, features)
