"""Simulation results as data: an xarray Dataset of every state and voltage term, and a verdict.

:func:`simulate` is the entry point: cell + protocol in, :class:`SimulationResult` out. The Dataset has
one ``time`` coordinate (seconds, with ``cycle`` and ``step`` as auxiliary coordinates); every variable
carries its unit in ``attrs["units"]``. The verdict (:class:`Verdict`) names the failure mode, the time
and cycle of failure, the chain of mechanisms that led to it (read off the time series) and the share of
each overpotential term at failure.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import diffrax
import jax
import jax.numpy as jnp
import numpy as np
import xarray as xr

from lisse._core.errors import LisseError
from lisse._core.units import MAH_PER_CM2
from lisse.cell.model import FAILURE_MODES, Features, Terms, applied_current, terms
from lisse.cell.parameters import CellParameters, Coverage, ModelOptions, cell_parameters
from lisse.cell.protocol import Protocol, parse_protocol
from lisse.cell.simulate import (
    Schedule,
    features_for,
    schedule_from_protocol,
    segments,
    solve,
    solver_settings,
    trim,
)
from lisse.cell.stack import Cell
from lisse.materials import Library
from lisse.mechanisms.mechanical.stress import interphase_stress_intensity

__all__ = ["CCD_RAMP", "SimulationResult", "Verdict", "critical_current_density", "load_result", "simulate"]

#: Time offset [s] that keeps a step's first saved point after the previous step's last one.
STEP_EDGE = 1e-6

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
}
_TERMS = (
    "ohmic",
    "charge_transfer",
    "constriction",
    "interphase",
    "interlayer",
    "concentration",
    "cathode_interface",
)
#: The mechanism behind each failure margin of :data:`~lisse.cell.model.FAILURE_MODES` (the first is
#: refined to Sand depletion when that is what grew the filament).
_MECHANISMS = (
    "flaw_extension_porz2017",
    "internal_deposition_han2019",
    "voids_on_stripping",
    "voids_on_stripping",
    "impedance_rise",
    "interphase_fracture",
    "capacity_fade",
)


@dataclass(frozen=True)
class Verdict:
    """The outcome of a simulation."""

    failed: bool
    failure_mode: str | None
    time_to_failure_h: float | None
    cycle_at_failure: int | None
    mechanism_chain: list[str]
    asr_initial_ohm_cm2: float
    asr_final_ohm_cm2: float
    overpotential_shares: dict[str, float] = field(default_factory=dict)
    current_density_at_failure_mA_cm2: float | None = None
    capacity_retention: float | None = None
    """Last over first discharge capacity (full cells)."""
    mechanism: str | None = None
    """The mechanism that set the failure (e.g. ``flaw_extension_porz2017``, ``voids_on_stripping``)."""
    coverage: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class SimulationResult:
    """A simulated cell: the time series (``dataset``), the ``verdict``, and what produced them."""

    dataset: xr.Dataset
    verdict: Verdict
    cell: Cell
    protocol_text: str

    def to_dict(self) -> dict:
        return self.verdict.to_dict()

    def save(self, path: str | Path) -> Path:
        """Write the dataset (with the cell, protocol and verdict in its attributes) to NetCDF or Zarr
        (by the file's extension: ``.nc`` or ``.zarr``)."""
        path = Path(path)
        if path.suffix not in (".nc", ".zarr"):
            raise LisseError(f"output file {str(path)!r}: use a .nc (NetCDF) or .zarr extension")
        ds = self.dataset.copy()
        ds.attrs.update(
            {
                "cell_toml": json.dumps(self.cell.to_dict()),
                "protocol": self.protocol_text,
                "verdict_json": json.dumps(self.verdict.to_dict()),
            }
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".nc":
            ds.to_netcdf(path, engine="scipy")
        else:
            try:
                ds.to_zarr(path, mode="w")
            except ImportError:
                raise LisseError("writing .zarr needs the zarr package (pip install zarr); use .nc") from None
        return path


def load_result(path: str | Path) -> SimulationResult:
    """Read a result written by :meth:`SimulationResult.save`.

    Raises
    ------
    LisseError
        If the file does not exist or is not a lisse result.
    """
    path = Path(path)
    if not path.exists():
        raise LisseError(f"result file {str(path)!r} does not exist")
    try:
        ds = xr.open_zarr(path) if path.suffix == ".zarr" else xr.open_dataset(path, engine="scipy")
        ds = ds.load()
        cell = Cell.model_validate(json.loads(ds.attrs["cell_toml"]))
        verdict = Verdict(**json.loads(ds.attrs["verdict_json"]))
        protocol = ds.attrs["protocol"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LisseError(f"{path}: not a lisse simulation result ({exc})") from None
    return SimulationResult(ds, verdict, cell, protocol)


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
    raw = solve(params, segments(schedule, pad=True), features=features, **solver_settings(opts))
    raw = trim(raw, len(schedule.mode))
    _check_solver(raw, schedule, proto)
    ds = _dataset(raw, params, schedule, features)
    verdict = _verdict(ds, raw, schedule, coverage, full_cell=not cell.is_symmetric)
    text = protocol if isinstance(protocol, str) else "; ".join(s.text for s in proto.steps)
    ds.attrs.update(
        {
            "title": f"lisse simulation of {cell.anode.material} | {cell.electrolyte.material} | "
            f"{cell.counter.material}",
            "references": ", ".join(coverage.sources),
        }
    )
    return SimulationResult(ds, verdict, cell, text)


def _check_solver(raw: dict, schedule: Schedule, proto: Protocol) -> None:
    """Raise if the integrator failed (other than by stopping at a failure event) in any step."""
    ok = {int(diffrax.RESULTS.successful._value), int(diffrax.RESULTS.event_occurred._value)}
    codes = np.asarray(raw["result"])
    bad = [i for i, c in enumerate(codes) if int(c) not in ok]
    if bad:
        i = bad[0]
        message = diffrax.RESULTS._index_to_message[int(codes[i])]
        raise LisseError(
            f"the solver failed in protocol step {i + 1} ({proto.steps[i].text!r}): {message} "
            "(raise ModelOptions.max_steps or loosen rtol/atol)"
        )


def _dataset(raw: dict, params: CellParameters, schedule: Schedule, features: Features) -> xr.Dataset:
    t = np.asarray(raw["t"])  # [n_steps, n_save]
    n_steps, n_save = t.shape
    step_idx = np.repeat(np.arange(n_steps)[:, None], n_save, axis=1)
    failed = np.flatnonzero(np.asarray(raw["failed"]))
    last_step = int(failed[0]) if failed.size else n_steps - 1
    keep = np.isfinite(t) & (step_idx <= last_step)  # segments after a failure take no time: drop them
    # a step's first point has the previous step's last state but its own current and voltage (the jump at a
    # step change); a skipped (zero-length) step keeps only that point
    keep[:, 1:] &= (t[:, -1] - t[:, 0] > _skip_tolerance(schedule))[:, None]
    y = jax.tree_util.tree_map(np.asarray, raw["y"])
    flat = lambda a: a[keep]  # noqa: E731
    # current (set, or solved for in holds) and voltage terms at the saved states
    states = jax.tree_util.tree_map(lambda a: jnp.asarray(np.nan_to_num(a[keep], posinf=0.0)), raw["y"])
    rows = step_idx[keep]
    at_points = jax.vmap(lambda y, mode, value: _current_and_terms(y, params, mode, value, features))
    j, tm = at_points(states, jnp.asarray(schedule.mode[rows]), jnp.asarray(schedule.value[rows]))
    tm = jax.tree_util.tree_map(np.asarray, tm)
    data = {
        "current_density": np.asarray(j),
        "voltage": tm.voltage,
        "ohmic": tm.ohmic,
        "charge_transfer": tm.charge_transfer,
        "constriction": tm.constriction,
        "interphase_overpotential": tm.interphase,
        "interlayer": tm.interlayer,
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
        # what the fracture criterion compares with the toughness (0 where it is not evaluated)
        "interphase_stress_intensity": float(params.fracture_on)
        * np.asarray(
            interphase_stress_intensity(
                params.interphase_misfit_stress,
                np.max(flat(y.interphase), axis=-1),
                params.cracking_number,
            )
        ),
    }
    # times strictly increase: a point at the same instant as the one before it (a step's first point) is
    # stored STEP_EDGE later, so the time index stays unique
    index = np.arange(keep.sum())
    time = np.maximum.accumulate(t[keep] - STEP_EDGE * index) + STEP_EDGE * index
    ds = xr.Dataset(
        {k: ("time", np.asarray(v, dtype=float), {"units": _UNITS[k]}) for k, v in data.items()},
        coords={
            "time": ("time", time, {"units": "s"}),
            "step": ("time", rows),
            "cycle": ("time", schedule.cycle[rows]),
        },
    )
    # full cells: the discharge capacity of every completed cycle (NaN where none was measured)
    capacity = np.asarray(raw["capacity"])
    done = np.isfinite(capacity) & (np.arange(n_steps) <= last_step)
    if done.any():
        q = capacity[done] / MAH_PER_CM2
        ds["discharge_capacity"] = xr.DataArray(
            q,
            dims="discharge",
            coords={"discharge_cycle": ("discharge", schedule.cycle[done])},
            attrs={"units": "mA*h/cm^2"},
        )
    return ds


def _current_and_terms(y, p: CellParameters, mode, value, features: Features) -> tuple[jax.Array, Terms]:
    j = applied_current(y, p, mode, value, features)
    return j, terms(y, p, j, features)


def _first(ds: xr.Dataset, mask: np.ndarray) -> int | None:
    idx = np.flatnonzero(mask)
    return int(idx[0]) if idx.size else None


def _skip_tolerance(schedule: Schedule) -> np.ndarray:
    """Length [s] below which a step counts as skipped (the end-condition root is found to ~1e-9 relative)."""
    return np.maximum(STEP_EDGE, 1e-9 * schedule.duration)


def _early_ends(ds: xr.Dataset, raw: dict, schedule: Schedule, failed: set[int]) -> list[tuple[int, str]]:
    """Steps that ended without meeting their own end condition (a voltage limit not reached, a hold current
    not down to its limit): skipped because the condition held at the start, stopped at their time bound, or
    stopped where the cathode's surface stoichiometry left its OCV fit. Reported once, with the first."""
    steps, v, j = ds["step"].values, ds["voltage"].values, ds["current_density"].values
    length = np.diff(np.r_[0.0, np.asarray(raw["t_end"])])
    last = np.flatnonzero(np.r_[steps[1:] != steps[:-1], True])
    early = []
    for k in last:
        i = int(steps[k])
        if i in failed:
            continue
        if schedule.until_sign[i] != 0:
            met = abs(v[k] - schedule.until_voltage[i]) < 1e-3
            target = f"{schedule.until_voltage[i]:.3g} V"
        elif np.isfinite(schedule.until_current[i]):
            met = abs(j[k]) <= schedule.until_current[i] * (1 + 1e-3)
            target = f"{schedule.until_current[i] / 10:.3g} mA/cm2"
        else:
            continue
        if met:
            continue
        if length[i] <= _skip_tolerance(schedule)[i]:
            why = "was skipped: its end condition already held at its start"
        elif np.isclose(length[i], schedule.duration[i], rtol=1e-9):
            if schedule.timed[i]:
                continue  # 'for 1 hour or until 4.2 V': the time limit is a normal end
            why = "stopped at lisse's time bound for it"
        else:
            why = "stopped where the cathode's surface stoichiometry left its OCV fit"
        early.append((k, i, why, target))
    if not early:
        return []
    k, i, why, target = early[0]
    return [
        (
            k,
            f"{len(early)} step(s) ended before their own end condition; the first, in cycle "
            f"{schedule.cycle[i]}, {why} (at {v[k]:.3g} V, {j[k] / 10:.3g} mA/cm2; condition {target})",
        )
    ]


def _verdict(ds: xr.Dataset, raw: dict, schedule: Schedule, coverage: Coverage, full_cell: bool) -> Verdict:
    failed_steps = np.flatnonzero(np.asarray(raw["failed"]))
    asr = ds["asr"].values
    asr0 = float(np.asarray(raw["asr0"]))
    events: list[tuple[int, str]] = []
    cyc = ds["cycle"].values
    for side, label in (("we", "working"), ("ce", "counter")):
        contact = ds[f"contact_{side}"].values
        k = _first(ds, contact < 0.9)
        if k is not None:
            k_min = int(np.argmin(contact))
            events.append(
                (
                    k,
                    f"voids on stripping the {label} electrode from cycle {cyc[k]} "
                    f"(contact fell to {contact[k_min]:.0%} by cycle {cyc[k_min]}, local current "
                    f"x{1 / max(contact[k_min], 1e-9):.1f})",
                )
            )
        fil = ds[f"filament_{side}"].values
        k = _first(ds, fil > 1e-7)
        if k is not None:
            cause = (
                "salt depletion at the plated electrode (Sand)"
                if ds["depletion"].values[k] != 0
                else "Li pressure in a surface flaw above the Porz critical overpotential"
            )
            events.append((k, f"filament initiated from the {label} electrode in cycle {cyc[k]} ({cause})"))
    k = _first(ds, ds["internal_li"].values > 0.01)
    if k is not None:
        events.append((k, f"Li deposited inside the electrolyte by electronic leakage from cycle {cyc[k]}"))
    k = _first(ds, ds["asr"].values > 2 * asr0)
    if k is not None:
        events.append(
            (
                k,
                f"area-specific resistance doubled by cycle {cyc[k]} "
                f"({asr0 * 1e4:.3g} -> {asr[k] * 1e4:.3g} ohm cm2)",
            )
        )
    k = _first(ds, ds["interphase_we"].values > 1e-6)
    if k is not None:
        events.append((k, f"interphase on the Li anode thicker than 1 um by cycle {cyc[k]}"))
    events += _early_ends(ds, raw, schedule, set(failed_steps.tolist()))
    chain = [text for _, text in sorted(events, key=lambda e: e[0])]
    retention = None
    if "discharge_capacity" in ds:
        q = ds["discharge_capacity"].values
        retention = float(q[-1] / q[0])
        if q.size > 1:
            chain.append(
                f"discharge capacity {q[0]:.3g} -> {q[-1]:.3g} mA h/cm2 over cycles "
                f"{int(ds['discharge_cycle'].values[0])}-{int(ds['discharge_cycle'].values[-1])}"
            )
    mode = t_fail = cycle_fail = j_fail = mechanism = None
    shares: dict[str, float] = {}
    if failed_steps.size:
        i = int(failed_steps[0])
        margins = np.asarray(raw["margins"])[i]
        which = int(np.argmin(margins))
        mode = FAILURE_MODES[which]
        mechanism = _MECHANISMS[which]
        if which == 3 and full_cell:  # a full cell's polarisation limit: its impedance, not Li contact
            mode, mechanism = "impedance_rise", "polarisation_limit"
        sand = np.any(ds["depletion"].values != 0) and "salt_depletion_sand" in coverage.active
        if which == 0 and sand:
            mechanism = "salt_depletion_sand"
        t_fail = float(np.asarray(raw["t_end"])[i]) / 3600.0
        cycle_fail = int(schedule.cycle[i])
        j_fail = abs(float(ds["current_density"].values[-1])) / 10.0
        chain.append(f"{mode.replace('_', ' ')} in cycle {cycle_fail} at {t_fail:.4g} h")
        last = {
            n: float(ds[n if n != "interphase" else "interphase_overpotential"].values[-1]) for n in _TERMS
        }
        total = sum(last.values())
        shares = {k: v / total for k, v in last.items()} if total > 0 else {}
    return Verdict(
        failed=bool(failed_steps.size),
        failure_mode=mode,
        time_to_failure_h=t_fail,
        cycle_at_failure=cycle_fail,
        mechanism_chain=chain,
        asr_initial_ohm_cm2=asr0 * 1e4,
        asr_final_ohm_cm2=float(asr[-1]) * 1e4,
        overpotential_shares=shares,
        current_density_at_failure_mA_cm2=j_fail,
        capacity_retention=retention,
        mechanism=mechanism,
        coverage=coverage.to_dict(),
    )


def critical_current_density(
    cell: Cell, ramp: str = CCD_RAMP, library: Library | None = None, options: ModelOptions | None = None
) -> tuple[float | None, SimulationResult]:
    """The critical current density [mA/cm^2] of ``cell`` from a current ramp (the level at which it
    fails; None if it survives the ramp), and the simulation it comes from."""
    result = simulate(cell, ramp, library, options)
    return result.verdict.current_density_at_failure_mA_cm2, result
