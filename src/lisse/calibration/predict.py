"""Predicting a published observation: an :class:`~lisse.experiments.Experiment`'s observable, simulated.

:func:`predict` simulates ``exp.cell()`` through the record's protocol (or the one its observable implies,
:func:`prediction_protocol`) and reads the observable off the result (:func:`observe`);
:func:`predict_samples` does it for cells drawn from every uncertain input
(:func:`lisse.cell.uncertainty.sample_parameters`), as one batch (:func:`lisse.cell.ensemble.solve_cells`);
:func:`predict_at` for given parameter rows (a calibration design). Every value is SI, in the observable's
unit (:attr:`lisse.experiments.Observation.si_unit`).

How each observable is read (``docs/calibration.md``, "Predictions"):

- ``ccd``: the current density at failure of the ramp (any failure mode ends the test, as a cycler's voltage
  limit does); a cell that survives the ramp is censored at its highest level;
- ``time_to_short`` / ``cycles_to_short``: the time (cycle) of failure; a survivor is censored at the
  protocol's end;
- ``contact_loss_onset``: the first point where either electrode's contact fraction falls below
  :data:`~lisse.cell.verdict.VOID_ONSET` (the verdict's "voids on stripping"), as the current density there
  (A/m^2) or its time (s); censored at the protocol's end (or its top current) where contact holds;
- ``interface_asr``: the resistance of one Li | electrolyte interface at the start, (ASR - L/sigma) / 2 for
  a symmetric cell (everything but the electrolyte's bulk, split between its two interfaces);
- ``asr_vs_time``: the cell's ASR at each time; ``interphase_thickness_vs_time``: the working electrode's
  interphase thickness; ``li_loss_vs_time``: the Li it consumed, as charge per area,
  F (L(t) - L(0)) n_Li / V_products (the interphase reaction's Li per product volume, :mod:`lisse.thermo`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from lisse._core.constants import FARADAY
from lisse._core.errors import LisseError
from lisse.cell.ensemble import solve_cells
from lisse.cell.parameters import CellParameters, Coverage, ModelOptions, cell_parameters, stack_parameters
from lisse.cell.protocol import Protocol, parse_protocol
from lisse.cell.simulate import CCD_RAMP
from lisse.cell.uncertainty import check_samples, sample_parameters
from lisse.cell.verdict import VOID_ONSET, Verdict
from lisse.experiments import OBSERVABLES, Experiment
from lisse.materials import Library
from lisse.thermo import interphase as thermo_interphase

__all__ = [
    "IMPLIED_CURRENT",
    "Prediction",
    "observe",
    "predict",
    "predict_at",
    "predict_samples",
    "prediction_protocol",
]

#: Current density [mA/cm^2] of the cycling lisse assumes where a time-to-short record gives none.
IMPLIED_CURRENT = 0.1


def _check_kind(exp: Experiment) -> None:
    if exp.observed.kind not in OBSERVABLES:
        raise LisseError(
            f"observed.kind: {exp.observed.kind!r} is not an observable lisse can predict; use one of "
            + ", ".join(OBSERVABLES)
        )


def prediction_protocol(exp: Experiment) -> tuple[Protocol, str]:
    """The protocol to simulate for ``exp`` and where it comes from (``record``, or the implied one).

    Where the record gives none (``protocol.text`` absent), the observable implies one:

    - ``ccd``: lisse's CCD ramp (:data:`~lisse.cell.simulate.CCD_RAMP`, to 5 mA cm-2), or, for an observed
      value above 2.5 mA cm-2, a ramp of 100 levels of 30 minutes up to twice the value;
    - ``time_to_short`` / ``cycles_to_short``: 1-hour plating and stripping at :data:`IMPLIED_CURRENT`,
      for as long as the observation (a bound) or 1.5 times it;
    - ``contact_loss_onset``: the CCD ramp (a current observation), or plating at :data:`IMPLIED_CURRENT`
      for twice the observed time;
    - ``interface_asr``: one minute at open circuit (the resistance at the start is read);
    - series in time: open circuit up to the last observed time.
    """
    _check_kind(exp)
    given = exp.protocol()
    if given is not None:
        return given, "record"
    obs, kind = exp.observed, exp.observed.kind
    value = obs.si()[0]
    stretch = 1.0 if obs.bound == "lower" else 1.5
    if kind == "ccd" or (kind == "contact_loss_onset" and obs.si_unit == "A/m^2"):
        top = value / 10.0 * 2.0  # mA/cm^2
        if top <= 5.0:
            return parse_protocol(CCD_RAMP), f"implied: {CCD_RAMP}"
        top = math.ceil(top)
        step = f"{top / 100:g}"
        text = f"Step current from {step} to {top:g} mA cm-2 by {step} every 30 minutes until failure"
    elif kind == "time_to_short":
        cycles = max(1, math.ceil(stretch * value / 7200.0))
        text = (
            f"(Plate at {IMPLIED_CURRENT} mA cm-2 for 1 hour, Strip at {IMPLIED_CURRENT} mA cm-2 for 1 hour) "
            f"x {cycles}"
        )
    elif kind == "cycles_to_short":
        cycles = max(1, math.ceil(stretch * value))
        text = (
            f"(Plate at {IMPLIED_CURRENT} mA cm-2 for 1 hour, Strip at {IMPLIED_CURRENT} mA cm-2 for 1 hour) "
            f"x {cycles}"
        )
    elif kind == "contact_loss_onset":
        text = f"Plate at {IMPLIED_CURRENT} mA cm-2 for {2.0 * value / 3600.0:.4g} hours"
    elif kind == "interface_asr":
        text = "Rest for 1 minute"
    else:  # a series in time
        text = f"Rest for {max(exp.observed.times_si() or (3600.0,)) / 3600.0:.6g} hours"
    return parse_protocol(text), f"implied: {text}"


def _li_per_volume(exp: Experiment, library: Library | None) -> float:
    """Li consumed per volume of the Li | electrolyte interphase [mol/m^3] (its reaction's n_Li over the
    products' volume), for ``li_loss_vs_time``; 0 where the interphase is stable or not known."""
    cell = exp.cell()
    name = cell.materials(library)["electrolyte"].name
    try:
        ip = thermo_interphase(name, library=cell.library(library), temperature=cell.temperature)
    except LisseError:
        return 0.0
    rx = ip.reaction.to_dict() if ip.reaction is not None else {}
    n_li = rx.get("li_per_formula_unit") or 0.0
    volume = sum(
        p["moles_per_formula_unit"] * (p["molar_volume_cm3_per_mol"] or math.nan) * 1e-6
        for p in rx.get("product_details", [])
    )
    return n_li / volume if n_li > 0 and math.isfinite(volume) and volume > 0 else 0.0


def _at_times(ds, name: str, times: tuple[float, ...]) -> tuple[list[float], list[bool]]:
    """``ds[name]`` interpolated at ``times``; a time past the run's end (it failed) takes the last value,
    marked as censored (the quantity would have been at least that)."""
    t, v = np.asarray(ds["time"]), np.asarray(ds[name])
    return [float(np.interp(x, t, v)) for x in times], [bool(x > t[-1] * (1 + 1e-9)) for x in times]


def observe(
    exp: Experiment, ds, verdict: Verdict, params: CellParameters, li_per_volume: float = 0.0
) -> tuple[list[float], list[bool]]:
    """The observable of ``exp`` read off one simulation (its Dataset or mapping of series arrays, verdict and
    parameters): the value of each point (SI) and whether it is censored (the true value lies beyond: the run
    ended first)."""
    _check_kind(exp)
    kind, unit = exp.observed.kind, exp.observed.si_unit
    current = np.abs(np.asarray(ds["current_density"]))
    end = float(np.asarray(ds["time"])[-1])
    if kind == "ccd":
        if verdict.failed:
            return [verdict.current_density_at_failure_mA_cm2 * 10.0], [False]  # type: ignore[operator]
        return [float(current.max())], [True]
    if kind == "time_to_short":
        return ([verdict.time_to_failure_h * 3600.0], [False]) if verdict.failed else ([end], [True])  # type: ignore[operator]
    if kind == "cycles_to_short":
        if verdict.failed:
            return [float(verdict.cycle_at_failure)], [False]  # type: ignore[arg-type]
        return [float(np.asarray(ds["cycle"])[-1])], [True]
    if kind == "contact_loss_onset":
        contact = np.minimum(np.asarray(ds["contact_we"]), np.asarray(ds["contact_ce"]))
        idx = np.flatnonzero(contact < VOID_ONSET)
        if idx.size:
            k = int(idx[0])
            return [float(current[k]) if unit == "A/m^2" else float(np.asarray(ds["time"])[k])], [False]
        return [float(current.max()) if unit == "A/m^2" else end], [True]
    if kind == "interface_asr":
        bulk = float(np.asarray(params.thickness) / np.asarray(params.ionic_conductivity))
        return [max(float(np.asarray(ds["asr"])[0]) - bulk, 0.0) / 2.0], [False]
    times = exp.observed.times_si() or ()
    if kind == "asr_vs_time":
        return _at_times(ds, "asr", times)
    values, censored = _at_times(ds, "interphase_we", times)
    if kind == "interphase_thickness_vs_time":
        return values, censored
    grown = [max(v - float(np.asarray(ds["interphase_we"])[0]), 0.0) for v in values]
    return [g * FARADAY * li_per_volume for g in grown], censored


@dataclass(frozen=True)
class Prediction:
    """The predicted observable of one record: per lane (sample or design point) and point, the value (SI)
    and whether it is censored; ``ok`` marks lanes whose integration succeeded."""

    experiment: Experiment
    protocol: str
    protocol_basis: str
    values: np.ndarray
    """[lanes, points] SI values (NaN where the solver failed)."""
    censored: np.ndarray
    """[lanes, points] True where the run ended before the event: the value is a lower bound."""
    ok: np.ndarray

    def beyond(self) -> np.ndarray:
        """:attr:`values` with censored entries as +inf (beyond the protocol), for quantiles."""
        return np.where(self.censored, np.inf, self.values)


def predict_at(
    exp: Experiment,
    parameters: CellParameters,
    coverage: Coverage,
    library: Library | None = None,
    options: ModelOptions | None = None,
) -> Prediction:
    """The observable of ``exp`` for the stacked ``parameters`` (leading axis: lanes) of its cell, solved as
    one batch (``coverage``: the nominal cell's)."""
    proto, basis = prediction_protocol(exp)
    solved = solve_cells(exp.cell(), proto, parameters, coverage, options)
    n_points = len(exp.observed.values)
    li = _li_per_volume(exp, library) if exp.observed.kind == "li_loss_vs_time" else 0.0
    values = np.full((len(solved.lanes), n_points), np.nan)
    censored = np.zeros((len(solved.lanes), n_points), bool)
    for i, lane in enumerate(solved.lanes):
        if lane is None:
            continue
        params_i = _row(parameters, i)
        v, c = observe(exp, lane[0], lane[1], params_i, li)
        values[i], censored[i] = v, c
    ok = np.array([lane is not None for lane in solved.lanes])
    return Prediction(exp, "; ".join(s.text for s in proto.steps), basis, values, censored, ok)


def _row(parameters: CellParameters, i: int) -> CellParameters:
    import jax

    return jax.tree_util.tree_map(lambda a: np.asarray(a)[i], parameters)


def predict(
    exp: Experiment, library: Library | None = None, options: ModelOptions | None = None
) -> Prediction:
    """The deterministic prediction of ``exp``: its cell on the nominal values (one lane)."""
    params, coverage = cell_parameters(exp.cell(), library, options)
    return predict_at(exp, stack_parameters([params]), coverage, library, options)


def predict_samples(
    exp: Experiment,
    samples: int = 64,
    seed: int = 0,
    library: Library | None = None,
    options: ModelOptions | None = None,
) -> Prediction:
    """The prediction of ``exp`` for ``samples`` cells drawn from every uncertain input of its cell
    (:func:`~lisse.cell.uncertainty.sample_parameters`, the same draws as ``lisse simulate --samples``)."""
    samples, seed = check_samples(samples, seed)
    cell = exp.cell()
    _, coverage = cell_parameters(cell, library, options)
    sampled = sample_parameters(cell, samples, seed, library, options)
    return predict_at(exp, sampled.parameters, coverage, library, options)
