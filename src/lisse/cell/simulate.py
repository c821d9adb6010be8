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

__all__ = [
    "CCD_RAMP",
    "SAVED_COLUMNS",
    "critical_current_density",
    "saved_columns",
    "series",
    "simulate",
    "solve_with_terms",
    "time_series",
]


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


#: The series' quantities at the saved points, in order: the current (``"j"``), a voltage term or the ASR
#: (``"terms"``, a :class:`~lisse.cell.model.Terms` field), the interphase stress intensity (``"k"``), the
#: grown cracks' resistance (``"r_crack"``) or a state field (``"state"``, with the electrode: 0 working, 1
#: counter, None for a scalar).
SAVED_COLUMNS: tuple[tuple[str, tuple], ...] = (
    ("current_density", ("j",)),
    ("voltage", ("terms", "voltage")),
    ("ohmic", ("terms", "ohmic")),
    ("charge_transfer", ("terms", "charge_transfer")),
    ("constriction", ("terms", "constriction")),
    ("interphase_overpotential", ("terms", "interphase")),
    ("interlayer", ("terms", "interlayer")),
    ("surface", ("terms", "surface")),
    ("concentration", ("terms", "concentration")),
    ("asr", ("terms", "asr")),
    ("local_current_density", ("terms", "local_current_density")),
    ("cathode_interface", ("terms", "cathode_interface")),
    ("open_circuit_voltage", ("terms", "open_circuit")),
    ("cathode_stoichiometry", ("state", "cathode_stoichiometry", None)),
    ("contact_we", ("state", "contact", 0)),
    ("contact_ce", ("state", "contact", 1)),
    ("filament_we", ("state", "filament", 0)),
    ("filament_ce", ("state", "filament", 1)),
    ("interphase_we", ("state", "interphase", 0)),
    ("interphase_ce", ("state", "interphase", 1)),
    ("depletion", ("state", "depletion", None)),
    ("internal_li", ("state", "internal_li", None)),
    ("pressure", ("state", "pressure", None)),
    ("li_thickness_we", ("state", "li_thickness", 0)),
    ("li_thickness_ce", ("state", "li_thickness", 1)),
    ("charge", ("state", "charge", None)),
    ("interphase_stress_intensity", ("k",)),
    ("intrusion_we", ("state", "intrusion", 0)),
    ("intrusion_ce", ("state", "intrusion", 1)),
    ("alloy_depletion_we", ("state", "alloy_depletion", 0)),
    ("alloy_depletion_ce", ("state", "alloy_depletion", 1)),
    ("crack_we", ("state", "crack", 0)),
    ("crack_ce", ("state", "crack", 1)),
    ("crack", ("terms", "crack")),
    ("crack_asr", ("r_crack",)),
)


def saved_columns(raw: dict, saved: tuple) -> np.ndarray:
    """Every quantity of :data:`SAVED_COLUMNS` at every saved point of a solve (``raw`` and ``saved`` of
    :func:`solve_with_terms`, trimmed, as NumPy), stacked: [..., column, n_steps, n_save]; a batch keeps its
    leading lane axis. :func:`series` takes a solve's integrated points of all of them with one index (one
    per quantity cost more than the rest of a sampled cell's verdict)."""
    y = raw["y"]
    j, tm, k, r_crack = saved
    plain = {"j": j, "k": k, "r_crack": r_crack}

    def column(source: tuple) -> np.ndarray:
        if source[0] == "terms":
            return getattr(tm, source[1])
        if source[0] == "state":
            a = getattr(y, source[1])
            return a if source[2] is None else a[..., source[2]]
        return plain[source[0]]

    return np.stack([np.asarray(column(source), dtype=float) for _, source in SAVED_COLUMNS], axis=-3)


def series(
    raw: dict, params: CellParameters, schedule: Schedule, saved: tuple, columns: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """The time series of one solve (``raw`` and ``saved`` of :func:`solve_with_terms`, trimmed to the
    protocol's steps) as arrays by name: the saved points that were integrated, with ``time`` (unique and
    increasing), ``step`` and ``cycle``; for full cells ``discharge_capacity`` [mA h/cm^2] of each completed
    cycle and its ``discharge_cycle``. :func:`time_series` makes it a Dataset; the verdict reads it as it is
    (:func:`lisse.cell.verdict.verdict_of`). ``columns``: this solve's :func:`saved_columns`, if a batch
    stacked them already."""
    t = np.asarray(raw["t"])  # [n_steps, n_save]
    n_steps, n_save = t.shape
    step_idx = np.repeat(np.arange(n_steps)[:, None], n_save, axis=1)
    failed = np.flatnonzero(np.asarray(raw["failed"]))
    last_step = int(failed[0]) if failed.size else n_steps - 1
    keep = np.isfinite(t) & (step_idx <= last_step)  # segments after a failure take no time: drop them
    # a step's first point has the previous step's last state but its own current and voltage (the jump at a
    # step change); a skipped (zero-length) step keeps only that point
    keep[:, 1:] &= (t[:, -1] - t[:, 0] > skip_tolerance(schedule))[:, None]
    # current (set, or solved for in holds), voltage terms, stress intensity and states at the saved points
    columns = saved_columns(raw, saved) if columns is None else columns
    flat_keep = keep.ravel()
    m = int(flat_keep.sum())
    # the points kept are often the first m (a run that failed, or none skipped): then a view, not a copy
    kept = columns.reshape(len(SAVED_COLUMNS), -1)[:, :m] if flat_keep[:m].all() else columns[:, keep]
    out = {name: kept[i] for i, (name, _) in enumerate(SAVED_COLUMNS)}
    out["cathode_interphase"] = float(params.full_cell) * out["interphase_ce"]
    out["salt_fraction"] = 1.0 - np.abs(out["depletion"]) / float(params.salt_concentration)
    # times strictly increase: a point at the same instant as the one before it (a step's first point) is
    # stored STEP_EDGE later, so the time index stays unique
    index = np.arange(keep.sum())
    out["time"] = np.maximum.accumulate(t[keep] - STEP_EDGE * index) + STEP_EDGE * index
    rows = step_idx[keep]
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
