"""Validation: every validation record predicted with the calibrated library, with samples, and scored.

:func:`validate` predicts each validation record (:func:`lisse.calibration.predict.predict_samples`:
``samples`` cells drawn from every uncertain input, calibrated inputs from their posteriors) and compares
the predicted median and 90 % band (5 % and 95 % points) with the observation:

- a value: inside when p05 <= observed <= p95; log error |ln(median / observed)|;
- a lower bound (``> 1000 h``: no failure seen): inside when the band reaches above it (p95 > bound: the model
  gives the survival seen at least a 5 % chance); log error ln(bound / median) where the median falls short,
  else 0; an upper bound likewise.

A sampled cell that survives the protocol has its outcome beyond the protocol's end (censored): a quantile
among survivors is +inf ("beyond"), and a log error from a censored median is a lower bound (``>=``).
Records whose observed quantity is also stored in the library as an input (an interface resistance of the
same paper, :meth:`~lisse.experiments.Experiment.library_overlap`) are consistency checks, scored apart
from the independent ones. :meth:`Validation.report` writes ``validation.md`` and a parity plot.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from lisse.calibration.predict import Prediction, predict_samples
from lisse.cell.ensemble import censored_quantiles
from lisse.cell.parameters import ModelOptions
from lisse.experiments import Experiment, load_experiments
from lisse.materials import Library

__all__ = ["COVERAGE_FLOOR", "DEFAULT_SAMPLES", "Row", "Validation", "score", "validate"]

#: Sampled cells per validation record.
DEFAULT_SAMPLES = 64
#: The share of independent validation observations inside their 90 % band that the test suite asserts
#: (see docs/calibration.md, "Coverage floor", for why this number).
COVERAGE_FLOOR = 0.5

_DISPLAY = {"A/m^2": ("mA/cm^2", 0.1), "s": ("h", 1 / 3600), "ohm*m^2": ("ohm*cm^2", 1e4), "m": ("nm", 1e9)}


def _display(si_unit: str) -> tuple[str, float]:
    return _DISPLAY.get(si_unit, (si_unit or "-", 1.0))


def _quantiles(x: np.ndarray) -> tuple[float, float, float]:
    """Median, 5 % and 95 % points as the ensemble computes them (:func:`censored_quantiles`), with inf for
    a point beyond the protocol and NaN where nothing was solved."""
    if np.all(np.isnan(x)):
        return math.nan, math.nan, math.nan
    med, p05, p95 = (math.inf if v is None else v for v in censored_quantiles(x))
    return med, p05, p95


@dataclass(frozen=True)
class Row:
    """One validation observation next to its prediction (SI values)."""

    id: str
    kind: str
    point: int
    unit: str
    bound: str
    observed: float
    median: float
    p05: float
    p95: float
    median_beyond: bool
    """The median is censored (the sampled cells mostly survive the protocol); ``median`` is then the
    protocol's end (or top current)."""
    inside: bool
    log_error: float
    consistency: bool
    """The observed quantity is an input of the library (the same paper): a consistency check."""
    solved: float
    """Share of sampled cells whose integration succeeded."""
    protocol_basis: str
    source: str

    def to_dict(self) -> dict:
        shown, scale = _display(self.unit)

        def s(x: float) -> float | None:
            return None if not math.isfinite(x) else x * scale

        return {
            "id": self.id,
            "kind": self.kind,
            "point": self.point,
            "unit": shown,
            "bound": self.bound,
            "observed": s(self.observed),
            "median": s(self.median),
            "p05": s(self.p05),
            "p95": s(self.p95),
            "median_beyond_protocol": self.median_beyond,
            "inside_90": self.inside,
            "log_error": self.log_error,
            "consistency_check": self.consistency,
            "solved_share": self.solved,
            "protocol": self.protocol_basis,
            "source": self.source,
        }


def score(exp: Experiment, pred: Prediction) -> list[Row]:
    """The rows of one record: each observed point against the predicted median and 90 % band."""
    overlap = exp.observed.kind == "interface_asr" and bool(exp.library_overlap())
    rows = []
    for k, observed in enumerate(exp.observed.si()):
        beyond = pred.beyond()[:, k]
        med, p05, p95 = _quantiles(beyond)
        # the median's value where it is censored: the protocol's end (a lower bound of the outcome)
        censored_med = _quantiles(np.where(pred.ok, pred.values[:, k], np.nan))[0]
        median_beyond = math.isinf(med)
        m = censored_med if median_beyond else med
        bound = exp.observed.bound
        if bound == "lower":
            inside = p95 > observed
            err = max(0.0, math.log(observed / m)) if not median_beyond else 0.0
        elif bound == "upper":
            inside = p05 < observed
            err = max(0.0, math.log(m / observed))
        else:
            inside = p05 <= observed <= p95
            err = abs(math.log(m / observed)) if m > 0 else math.inf
        rows.append(
            Row(
                exp.id,
                exp.observed.kind,
                k,
                exp.observed.si_unit,
                bound,
                observed,
                m,
                p05,
                p95,
                median_beyond,
                bool(inside),
                float(err),
                overlap,
                float(pred.ok.mean()),
                pred.protocol_basis,
                exp.source.key,
            )
        )
    return rows


def _stats(rows: list[Row]) -> dict:
    if not rows:
        return {"n": 0, "coverage_90": None, "median_abs_log_error": None}
    return {
        "n": len(rows),
        "inside": sum(r.inside for r in rows),
        "coverage_90": sum(r.inside for r in rows) / len(rows),
        "median_abs_log_error": float(np.median([r.log_error for r in rows])),
    }


@dataclass(frozen=True)
class Validation:
    """Every validation row, with summaries per observable, for the independent records and overall."""

    rows: list[Row]
    samples: int
    seed: int
    seconds: float

    def summary(self) -> dict:
        independent = [r for r in self.rows if not r.consistency]
        kinds = sorted({r.kind for r in self.rows})
        return {
            "samples": self.samples,
            "seed": self.seed,
            "overall": _stats(self.rows),
            "independent": _stats(independent),
            "consistency_checks": _stats([r for r in self.rows if r.consistency]),
            "per_observable": {k: _stats([r for r in self.rows if r.kind == k]) for k in kinds},
            "rows": [r.to_dict() for r in self.rows],
        }

    def report(self, folder: str | Path, calibration: dict | None = None) -> Path:
        """Write ``folder/validation.md`` (tables of the calibration and the validation) and the parity plot
        ``folder/figures/validation-parity.png``; returns the Markdown file."""
        from lisse.calibration.report import write_report

        return write_report(self, Path(folder), calibration)


def validate(
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    library: Library | None = None,
    options: ModelOptions | None = None,
    progress=None,
) -> Validation:
    """Predict every validation record with ``samples`` sampled cells and score it (module docstring)."""
    import time

    start = time.perf_counter()
    rows: list[Row] = []
    for exp in load_experiments(role="validation"):
        pred = predict_samples(exp, samples, seed, library, options)
        rows.extend(score(exp, pred))
        if progress is not None:
            progress(f"{exp.id}: {int(pred.ok.sum())}/{samples} sampled cells solved")
    return Validation(rows, samples, seed, time.perf_counter() - start)
