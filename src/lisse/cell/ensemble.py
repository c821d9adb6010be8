"""Uncertainty bands: a cell simulated as a batch of sampled cells, with the spread of every outcome.

:func:`simulate_samples` draws ``n`` cells from the distributions of the cell's uncertain inputs
(:mod:`lisse.cell.uncertainty`), solves them as one batch on every core (:func:`lisse.cell.batch.solve_batch`)
and gives each sampled cell the verdict a single run would (:func:`lisse.cell.verdict.verdict_of`).
:class:`EnsembleResult` keeps every sample as data (an xarray Dataset with a ``sample`` dimension: the
drawn inputs, each sample's outcome and its voltage curve) and summarises them: the median and the 5 % and
95 % points of every scalar outcome, and the probability of each failure mode.

Censoring: a sampled cell that survives the protocol fails, if ever, beyond its end. Its time to failure
(and for a current ramp its CCD) counts as larger than any observed; a quantile that falls among the
survivors is reported as ``None`` ("beyond the protocol") rather than as a number the run did not see.
Quantiles are empirical (the inverted CDF: each is one of the sampled outcomes).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import jax
import numpy as np

from lisse._core.errors import LisseError
from lisse.cell.batch import solve_batch
from lisse.cell.parameters import CellParameters, Coverage, ModelOptions
from lisse.cell.protocol import Protocol, parse_protocol
from lisse.cell.results import SimulationResult
from lisse.cell.simulate import CCD_RAMP, saved_columns, series, simulate, solve_with_terms
from lisse.cell.solver import Schedule, features_for, schedule_from_protocol, segments, solver_settings, trim
from lisse.cell.stack import Cell
from lisse.cell.uncertainty import SampledCells, check_samples, sample_parameters
from lisse.cell.verdict import Series, Verdict, verdict_of
from lisse.materials import Library

if TYPE_CHECKING:
    import xarray as xr

__all__ = [
    "OUTCOMES",
    "SAMPLE_SAVES_PER_STEP",
    "SOLVER_FAILED",
    "BatchSolve",
    "EnsembleResult",
    "SolvedCells",
    "censored_quantiles",
    "critical_current_density_samples",
    "label_shares",
    "simulate_samples",
    "solve_cells",
    "solve_cells_batch",
    "solve_lanes",
    "verdicts_of_cells",
]

#: The scalar outcomes summarised, with the unit suffix of their JSON keys (``time_to_failure_h``,
#: ``time_to_failure_p05_h``, ...). ``ccd`` is the current density at failure of a current ramp.
OUTCOMES: dict[str, str] = {
    "time_to_failure": "h",
    "cycle_at_failure": "",
    "asr_final": "ohm_cm2",
    "ccd": "mA_cm2",
    "capacity_retention": "",
}
#: Outcomes that a survivor has beyond the protocol's end (censored): +inf in the sample arrays.
_CENSORED = ("time_to_failure", "cycle_at_failure", "ccd")
#: Lanes per vmapped while loop of a batch of sampled cells (:func:`lisse.cell.batch.solve_batch`).
ENSEMBLE_CHUNK = 128
#: Failure mode of a sampled cell whose integration failed (reported, never silently dropped).
SOLVER_FAILED = "solver_failed"
#: Time points saved per protocol step of each sampled cell (its start, middle and end) unless the options
#: set ``saves_per_step``. The saves do not change the solver's steps (diffrax interpolates them), so a
#: sampled cell's outcomes, failure mode and mechanism are those at any number of saves (tested); only its
#: voltage curve in the band's dataset is coarser than the nominal run's (9 a step). At 9 a step, saving
#: and evaluating the voltage terms of every saved state were half the cost of a 256-sample band.
SAMPLE_SAVES_PER_STEP = 3


def _key(name: str, quantile: str = "") -> str:
    unit = OUTCOMES[name]
    return "_".join(part for part in (name, quantile, unit) if part)


def _outcomes(verdict: Verdict | None) -> dict[str, float]:
    """A sampled cell's scalar outcomes (+inf: beyond the protocol; NaN: the solver failed)."""
    if verdict is None:
        return {name: math.nan for name in OUTCOMES}
    beyond = math.inf if not verdict.failed else None
    retention = verdict.capacity_retention
    return {
        "time_to_failure": beyond or verdict.time_to_failure_h,  # type: ignore[dict-item]
        "cycle_at_failure": beyond or verdict.cycle_at_failure,  # type: ignore[dict-item]
        "asr_final": verdict.asr_final_ohm_cm2,
        "ccd": beyond or verdict.current_density_at_failure_mA_cm2,  # type: ignore[dict-item]
        "capacity_retention": math.nan if retention is None else retention,
    }


def label_shares(labels: np.ndarray) -> dict[str, float]:
    """Share of each distinct label, in sorted order."""
    names, counts = np.unique(np.asarray(labels).astype(str), return_counts=True)
    return {str(m): float(c) / len(labels) for m, c in zip(names, counts, strict=True)}


def censored_quantiles(x: np.ndarray) -> tuple[float | None, float | None, float | None]:
    """Median, 5 % and 95 % points of the finite-or-censored values (NaN dropped; +inf -> None)."""
    x = x[~np.isnan(x)]
    if x.size == 0:
        return None, None, None
    q = np.quantile(x, [0.5, 0.05, 0.95], method="inverted_cdf")
    return tuple(None if math.isinf(v) else float(v) for v in q)  # type: ignore[return-value]


@dataclass(frozen=True)
class EnsembleResult:
    """Sampled cells simulated through one protocol: the nominal run, the samples as data, the summary."""

    nominal: SimulationResult
    sampled: SampledCells
    dataset: xr.Dataset
    """Every sample: drawn inputs (``input_value``, ``z``), outcomes, ``failure_mode``, ``mechanism`` and the
    voltage curve on the saved grid (``time``, ``voltage``: [sample, step, save], NaN past a failure)."""
    protocol_end_h: float
    """The end of the protocol as run: the latest time a sampled cell reached [h]."""
    ramp: bool = False
    """Whether the protocol is a current ramp (its outcome is a CCD)."""

    @property
    def modes(self) -> np.ndarray:
        return self.dataset["failure_mode"].values.astype(str)

    def failure_mode_probabilities(self) -> dict[str, float]:
        """Share of the sampled cells failing by each mode (``none``: survived; ``solver_failed``)."""
        return label_shares(self.modes)

    def summary(self) -> dict:
        """Median, 5 % and 95 % points of each scalar outcome, failure-mode probabilities, what was drawn."""
        out: dict = {"samples": self.sampled.n, "seed": self.sampled.seed}
        full = not self.nominal.cell.is_symmetric
        names = [n for n in OUTCOMES if (n != "ccd" or self.ramp) and (n != "capacity_retention" or full)]
        for name in names:
            med, p05, p95 = censored_quantiles(self.dataset[name].values)
            out[_key(name)], out[_key(name, "p05")], out[_key(name, "p95")] = med, p05, p95
        out["failure_mode_probabilities"] = self.failure_mode_probabilities()
        out["mechanism_probabilities"] = label_shares(self.dataset["mechanism"].values)
        out["survival_probability"] = out["failure_mode_probabilities"].get("none", 0.0)
        out["censoring"] = (
            f"a sampled cell that survives counts as failing beyond the protocol's end "
            f"({self.protocol_end_h:.4g} h); a quantile among the survivors is null (beyond the protocol)"
        )
        out["inputs_drawn"] = [u.to_dict() for u in self.sampled.inputs]
        out["nominal"] = self.nominal.verdict.to_dict()
        return out

    def save(self, path: str | Path) -> Path:
        """Write every sample (the Dataset; the cell, protocol and summary in its attributes) to NetCDF."""
        path = Path(path)
        if path.suffix != ".nc":
            raise LisseError(f"output file {str(path)!r}: use a .nc (NetCDF) extension")
        ds = self.dataset.copy()
        ds.attrs["summary_json"] = json.dumps(self.summary())
        path.parent.mkdir(parents=True, exist_ok=True)
        ds.to_netcdf(path, engine="scipy")
        return path


def simulate_samples(
    cell: Cell,
    protocol: str | Protocol,
    samples: int,
    seed: int = 0,
    library: Library | None = None,
    options: ModelOptions | None = None,
    ccd: bool = False,
) -> EnsembleResult:
    """Simulate ``samples`` cells drawn from the uncertain inputs of ``cell`` through ``protocol``.

    Parameters
    ----------
    cell : Cell
        The nominal cell (its nominal run is ``EnsembleResult.nominal``).
    protocol : str or Protocol
        As for :func:`~lisse.cell.simulate.simulate`.
    samples : int
        Number of sampled cells (>= 1).
    seed : int
        Seed of the draws (non-negative; the same seed gives the same samples and outcomes).
    library : Library, optional
        Materials (default: the bundled library).
    options : ModelOptions, optional
        Closures and thresholds; closures the user set are not drawn. The sampled cells save
        :data:`SAMPLE_SAVES_PER_STEP` points a step unless ``saves_per_step`` is set here.
    ccd : bool
        The protocol is a current ramp: also summarise the current density at failure as ``ccd``.

    Raises
    ------
    LisseError
        For bad ``samples`` or ``seed``, and as :func:`~lisse.cell.simulate.simulate` does.
    """
    samples, seed = check_samples(samples, seed)
    opts = options or ModelOptions()
    proto = parse_protocol(protocol) if isinstance(protocol, str) else protocol
    sampled = sample_parameters(cell, samples, seed, library, opts)
    saves = {} if "saves_per_step" in opts.model_fields_set else {"saves_per_step": SAMPLE_SAVES_PER_STEP}
    batch = solve_cells_batch(cell, proto, sampled.parameters, opts.model_copy(update=saves))
    # the nominal run on a second core: its compiled solve (which releases the GIL) overlaps the sampled
    # cells' series and verdicts (Python); the batched solve before them uses every core itself
    with ThreadPoolExecutor(max_workers=1) as pool:
        nominal_run = pool.submit(simulate, cell, proto, library, opts)
        solved = verdicts_of_cells(cell, batch, _brief(sampled.coverage))
        nominal = nominal_run.result()
    verdicts = [None if lane is None else lane[1] for lane in solved.lanes]
    schedule, raw, saved = solved.schedule, solved.raw, solved.saved
    n_steps = len(schedule.mode)
    times = np.asarray(raw["t"])[:, :n_steps]
    voltage = np.where(np.isfinite(times), np.asarray(saved[1].voltage)[:, :n_steps], np.nan)
    ds = _ensemble_dataset(sampled, verdicts, np.where(np.isfinite(times), times, np.nan), voltage)
    ds.attrs.update({"protocol": nominal.protocol_text, "cell_toml": json.dumps(cell.to_dict())})
    # the end of the protocol as run (steps that end on a condition finish before their time bound)
    end_h = float(np.nanmax(ds["time"].values)) / 3600.0
    return EnsembleResult(nominal, sampled, ds, end_h, ccd)


@dataclass(frozen=True)
class SolvedCells:
    """A batch of cells solved through one protocol: the schedule, the batched solver output and, per lane,
    its time series and verdict (None where the integration failed)."""

    schedule: Schedule
    raw: dict
    saved: tuple
    lanes: list[tuple[Series, Verdict] | None]


def solve_cells(
    cell: Cell,
    protocol: Protocol,
    parameters: CellParameters,
    coverage: Coverage,
    options: ModelOptions | None = None,
    chunk: int = ENSEMBLE_CHUNK,
) -> SolvedCells:
    """Solve the stacked ``parameters`` of variants of ``cell`` (leading axis: lanes) through ``protocol`` as
    one batch (:func:`~lisse.cell.batch.solve_batch`, ``chunk`` lanes per vmapped loop), with each lane's
    time series (:func:`~lisse.cell.simulate.series`: arrays by name) and verdict.

    ``coverage`` is the nominal cell's (a variant changes values, not which mechanisms are modelled).
    :func:`simulate_samples` runs its random draws through it; a calibration design its fixed points.
    """
    return verdicts_of_cells(cell, solve_cells_batch(cell, protocol, parameters, options, chunk), coverage)


@dataclass(frozen=True)
class BatchSolve:
    """The batched solver output of variants of one cell (:func:`solve_cells_batch`), before any verdict."""

    schedule: Schedule
    parameters: CellParameters
    raw: dict
    ok: np.ndarray
    saved: tuple


def solve_cells_batch(
    cell: Cell,
    protocol: Protocol,
    parameters: CellParameters,
    options: ModelOptions | None = None,
    chunk: int = ENSEMBLE_CHUNK,
) -> BatchSolve:
    """The batched solve of :func:`solve_cells` alone (its verdicts: :func:`verdicts_of_cells`)."""
    opts = options or ModelOptions()
    schedule = schedule_from_protocol(protocol, None if cell.is_symmetric else cell.counter.areal_capacity)
    # variants of one cell differ less than the cells of a sweep: wide chunks vectorise better than the
    # waiting for a chunk's slowest lane costs (chunk 128 ran 256 CCD lanes about 2x faster than 50)
    raw, ok, saved = _batch_solve(parameters, schedule, not cell.is_symmetric, opts, chunk)
    return BatchSolve(schedule, parameters, raw, ok, saved)


def verdicts_of_cells(cell: Cell, batch: BatchSolve, coverage: Coverage) -> SolvedCells:
    """Each lane's series and verdict of a :func:`solve_cells_batch` (``coverage``: the nominal cell's)."""
    n = len(batch.ok)
    lanes = _lane_verdicts(batch, [coverage] * n, not cell.is_symmetric)
    return SolvedCells(batch.schedule, batch.raw, batch.saved, lanes)


def critical_current_density_samples(
    cell: Cell,
    samples: int,
    seed: int = 0,
    ramp: str = CCD_RAMP,
    library: Library | None = None,
    options: ModelOptions | None = None,
) -> EnsembleResult:
    """The CCD band of ``cell``: :func:`simulate_samples` through a current ramp, summarised as ``ccd``
    (the current density at failure of each sampled cell; a survivor's is beyond the ramp)."""
    return simulate_samples(cell, ramp, samples, seed, library, options, ccd=True)


def solve_lanes(
    params: CellParameters,
    schedule: Schedule,
    coverages: Sequence[Coverage],
    full_cell: bool,
    options: ModelOptions,
    chunk: int = 50,
) -> tuple[dict, tuple, list[tuple[dict[str, np.ndarray], Verdict] | None]]:
    """Solve a batch of cells through one protocol (:func:`~lisse.cell.batch.solve_batch`) and give each
    lane its time series and the verdict a single run would (None: the integration failed).

    Parameters
    ----------
    params : CellParameters
        The cells, stacked along a leading axis.
    schedule : Schedule
        The protocol, the same for every cell.
    coverages : sequence of Coverage
        The coverage each lane's verdict reports (the cell's nominal coverage: a draw changes values, not
        which mechanisms are modelled).
    full_cell : bool
        Whether the cells are full cells (the model features and the verdict depend on it).
    options : ModelOptions
        Solver settings.
    chunk : int
        Lanes per vmapped while loop (:func:`~lisse.cell.batch.solve_batch`).

    Returns
    -------
    raw, saved, lanes
        The batched solver output and saved terms (as from ``solve_batch``), and per lane
        ``(series, verdict)`` (:func:`~lisse.cell.simulate.series`: arrays by name) or None.
    """
    raw, ok, saved = _batch_solve(params, schedule, full_cell, options, chunk)
    return raw, saved, _lane_verdicts(BatchSolve(schedule, params, raw, ok, saved), coverages, full_cell)


def _batch_solve(
    params: CellParameters, schedule: Schedule, full_cell: bool, options: ModelOptions, chunk: int
) -> tuple[dict, np.ndarray, tuple]:
    """:func:`~lisse.cell.batch.solve_batch` of the cells ``params`` through ``schedule``, with the terms at
    the saved states (``raw``, ``ok`` per lane and step, ``saved``)."""
    static = {"features": features_for(schedule, full_cell=full_cell), **solver_settings(options)}
    return solve_batch(params, segments(schedule, pad=True), chunk=chunk, fn=solve_with_terms, **static)


def _lane_verdicts(
    batch: BatchSolve, coverages: Sequence[Coverage], full_cell: bool
) -> list[tuple[dict[str, np.ndarray], Verdict] | None]:
    """Each lane's ``(series, verdict)`` of a batched solve, None where its integration failed."""
    schedule, raw, saved = batch.schedule, batch.raw, batch.saved
    n_steps = len(schedule.mode)
    solved = np.asarray(batch.ok)[:, :n_steps].all(axis=1)
    trimmed = trim(raw, n_steps, batched=True)
    saved_trimmed = jax.tree_util.tree_map(lambda a: a[:, :n_steps], saved)
    columns = saved_columns(trimmed, saved_trimmed)  # every lane's saved quantities, stacked once
    raw_of, saved_of = _lanes(trimmed), _lanes(saved_trimmed)
    params_of = _lanes(jax.tree_util.tree_map(np.asarray, batch.parameters))  # NumPy: a lane is a view
    lanes: list[tuple[dict[str, np.ndarray], Verdict] | None] = []
    for i in range(len(solved)):
        if not solved[i]:
            lanes.append(None)
            continue
        raw_i = raw_of(i)
        arrays = series(raw_i, params_of(i), schedule, saved_of(i), columns[i])
        lanes.append((arrays, verdict_of(arrays, raw_i, schedule, coverages[i], full_cell=full_cell)))
    return lanes


def _lanes(tree) -> Callable[[int], object]:
    """Lane ``i`` of a batched output or parameter tree, as ``_lanes(tree)(i)``: the tree is flattened once
    (a ``tree_map`` per lane flattens it again for every lane)."""
    leaves, treedef = jax.tree_util.tree_flatten(tree)
    return lambda i: jax.tree_util.tree_unflatten(treedef, [a[i] for a in leaves])


def _brief(coverage: Coverage) -> Coverage:
    """The nominal cell's coverage as each sampled cell's verdict reports it: the mechanisms evaluated and
    not, and the sources, without the inputs (the same for every sample: a draw changes values, not which
    mechanisms are modelled; the nominal run's verdict lists the inputs)."""
    return Coverage(coverage.active, dict(coverage.inactive), coverage.sources)


def _ensemble_dataset(
    sampled: SampledCells, verdicts: list[Verdict | None], times: np.ndarray, voltage: np.ndarray
) -> xr.Dataset:
    import xarray as xr

    rows = [_outcomes(v) for v in verdicts]
    modes = [SOLVER_FAILED if v is None else (v.failure_mode or "none") for v in verdicts]
    mechanisms = [SOLVER_FAILED if v is None else (v.mechanism or "none") for v in verdicts]
    units = {"time_to_failure": "h", "cycle_at_failure": "1", "asr_final": "ohm*cm^2", "ccd": "mA/cm^2"}
    data = {
        name: ("sample", np.array([r[name] for r in rows], float), {"units": units.get(name, "1")})
        for name in OUTCOMES
    }
    labels = [u.label for u in sampled.inputs]
    return xr.Dataset(
        {
            **data,
            "failure_mode": ("sample", np.array(modes, dtype=str)),
            "mechanism": ("sample", np.array(mechanisms, dtype=str)),
            "input_value": (("sample", "input"), sampled.values, {"units": "SI"}),
            "z": (("sample", "input"), sampled.z, {"long_name": "standard-normal draw"}),
            "time": (("sample", "step", "save"), times, {"units": "s"}),
            "voltage": (("sample", "step", "save"), voltage, {"units": "V"}),
        },
        coords={
            "sample": np.arange(sampled.n),
            "input": labels,
            "input_evidence": ("input", [u.evidence for u in sampled.inputs]),
            "input_kind": ("input", [u.kind for u in sampled.inputs]),
        },
        attrs={
            "seed": sampled.seed,
            "censoring": "time_to_failure, cycle_at_failure and ccd are inf for "
            "survivors (beyond the protocol's end)",
        },
    )
