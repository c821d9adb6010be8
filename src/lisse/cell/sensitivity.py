"""What matters most: which uncertain inputs drive the spread of an outcome over sampled cells.

From the samples of :func:`lisse.cell.ensemble.simulate_samples` (no extra runs), :func:`sensitivity` ranks
every drawn input by

- its first-order variance-based (Sobol') index S1 from RBD-FAST (Tarantola et al. 2006) as SALib computes
  it from given data (``SALib.analyze.rbd_fast``: the samples are ordered by each input in turn and the
  outcome's spectrum at the design frequency gives the share of its variance that input explains), when
  there are at least :data:`MIN_SAMPLES_FOR_INDICES` samples;
- Spearman's rank correlation with the outcome (always; the ranking when the samples are fewer).

The outcome is rank-transformed first: a survivor has no time to failure (or CCD) within the protocol, and
ranks put the survivors together at the top without inventing a number for them. So S1 is the share of the
variance of the outcome's rank, and a sign (from the rank correlation) says whether raising the input
raises the outcome. Inputs are drawn independently (as :mod:`lisse.cell.uncertainty` draws them), which
both estimators assume.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.cell.ensemble import OUTCOMES, EnsembleResult

__all__ = ["MIN_SAMPLES_FOR_INDICES", "InputSensitivity", "Sensitivity", "sensitivity"]

#: Samples below which only rank correlations rank the inputs: RBD-FAST's estimate of S1 is biased by about
#: M / N (M = 10 harmonics), which SALib corrects, but its scatter is still large for fewer.
MIN_SAMPLES_FOR_INDICES = 64

_LABELS = {
    "ccd": "CCD",
    "time_to_failure": "the time to failure",
    "cycle_at_failure": "the cycle at failure",
    "asr_final": "the final ASR",
    "capacity_retention": "the capacity retention",
}


@dataclass(frozen=True)
class InputSensitivity:
    """One input's effect on the outcome."""

    input: str
    evidence: str
    kind: str
    spearman: float
    """Spearman's rank correlation of the input with the outcome [-1, 1]."""
    first_order: float | None = None
    """RBD-FAST first-order index S1 of the outcome's rank [0, 1] (None below the sample threshold)."""
    first_order_ci: float | None = None
    """Half-width of S1's 95 % bootstrap interval."""

    @property
    def importance(self) -> float:
        return self.first_order if self.first_order is not None else abs(self.spearman)


@dataclass(frozen=True)
class Sensitivity:
    """The inputs ranked by how much of the outcome's spread they drive, most first."""

    outcome: str
    samples: int
    method: str
    ranking: tuple[InputSensitivity, ...]

    def sentence(self, top: int = 2) -> str:
        """'CCD is most sensitive to A (estimated) and B (quoted): measuring them would narrow the band
        most' (closures are named as such: they are model choices, not measurements)."""
        if not self.ranking:
            return f"{_LABELS[self.outcome]} does not vary over the {self.samples} sampled cells"
        lead = self.ranking[:top]
        names = [f"{r.input} ({'a closure' if r.kind == 'closure' else r.evidence})" for r in lead]
        measurable = any(r.kind == "material" for r in lead)
        tail = (
            "measuring them would narrow the band most"
            if measurable
            else "narrowing these model closures would narrow the band most"
        )
        name = _LABELS[self.outcome]
        return f"{name[0].upper() + name[1:]} is most sensitive to {' and '.join(names)}: {tail}"

    def to_dict(self) -> dict:
        return {
            "outcome": self.outcome,
            "samples": self.samples,
            "method": self.method,
            "summary": self.sentence(),
            "ranking": [{**asdict(r), "importance": r.importance} for r in self.ranking],
        }


def default_outcome(ensemble: EnsembleResult) -> str:
    """The CCD for a current ramp; else the time to failure if any sample failed; else the final ASR."""
    if ensemble.ramp:
        return "ccd"
    failed = np.isfinite(ensemble.dataset["time_to_failure"].values)
    return "time_to_failure" if failed.any() else "asr_final"


@cites("tarantola2006")
def sensitivity(ensemble: EnsembleResult, outcome: str | None = None, seed: int = 0) -> Sensitivity:
    """Rank the drawn inputs of ``ensemble`` by their effect on ``outcome`` (see the module docstring).

    Parameters
    ----------
    ensemble : EnsembleResult
        Sampled cells (:func:`lisse.cell.ensemble.simulate_samples`).
    outcome : str, optional
        One of :data:`lisse.cell.ensemble.OUTCOMES` (default: :func:`default_outcome`).
    seed : int
        Seed of RBD-FAST's bootstrap (its confidence intervals).

    Raises
    ------
    LisseError
        For an unknown outcome, or one the samples do not have (a CCD without a ramp).
    """
    outcome = outcome or default_outcome(ensemble)
    if outcome not in OUTCOMES:
        raise LisseError(f"outcome {outcome!r}: not an outcome; allowed: {', '.join(OUTCOMES)}")
    if outcome == "ccd" and not ensemble.ramp:
        raise LisseError(
            "outcome 'ccd': the protocol is not a current ramp; use lisse ccd or another outcome"
        )
    from scipy.stats import rankdata, spearmanr

    y = ensemble.dataset[outcome].values
    keep = ~np.isnan(y)
    y, z = y[keep], ensemble.sampled.z[keep]
    inputs = ensemble.sampled.inputs
    n = int(y.size)
    method = "Spearman rank correlation of each input with the outcome"
    if n < 3 or np.ptp(rankdata(y)) == 0 or not inputs:
        return Sensitivity(outcome, n, method, ())
    ranks = rankdata(y)
    rho = [float(spearmanr(z[:, i], ranks).statistic) for i in range(len(inputs))]
    rho = [0.0 if math.isnan(r) else r for r in rho]
    s1: list[float | None] = [None] * len(inputs)
    ci: list[float | None] = [None] * len(inputs)
    if n >= MIN_SAMPLES_FOR_INDICES:
        from SALib.analyze import rbd_fast

        problem = {
            "num_vars": len(inputs),
            "names": [u.label for u in inputs],
            "bounds": [[-4, 4]] * len(inputs),
        }
        res = rbd_fast.analyze(problem, z, ranks, seed=seed)
        s1 = [float(max(x, 0.0)) for x in res["S1"]]
        ci = [float(x) for x in res["S1_conf"]]
        method = (
            "RBD-FAST first-order indices of the outcome's rank (SALib, Tarantola et al. 2006), with "
            "Spearman rank correlations for the sign"
        )
    ranking = [
        InputSensitivity(u.label, u.evidence, u.kind, rho[i], s1[i], ci[i]) for i, u in enumerate(inputs)
    ]
    ranking.sort(key=lambda r: r.importance, reverse=True)
    return Sensitivity(outcome, n, method, tuple(ranking))
