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

import jax
import jax.numpy as jnp
import numpy as np

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.cell.ensemble import OUTCOMES, EnsembleResult
from lisse.cell.parameters import CellParameters, ModelOptions, cell_parameters
from lisse.cell.protocol import Protocol, parse_protocol
from lisse.cell.simulate import solve_with_terms
from lisse.cell.solver import features_for, schedule_from_protocol, segments, solver_settings
from lisse.cell.stack import Cell
from lisse.cell.uncertainty import parameters_at, uncertain_inputs
from lisse.materials import Library

__all__ = [
    "LOCAL_OUTCOMES",
    "MIN_SAMPLES_FOR_INDICES",
    "Elasticity",
    "InputSensitivity",
    "Sensitivity",
    "local_elasticities",
    "sensitivity",
]

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


#: Outcomes with a local derivative: a CCD (or a cycle count) is a step function of the inputs, whose
#: derivative is zero almost everywhere.
LOCAL_OUTCOMES = ("asr_final", "time_to_failure")


@dataclass(frozen=True)
class Elasticity:
    """d ln(outcome) / d ln(input) at the nominal cell."""

    input: str
    evidence: str
    kind: str
    elasticity: float

    def to_dict(self) -> dict:
        return asdict(self)


def local_elasticities(
    cell: Cell,
    protocol: str | Protocol,
    outcome: str = "asr_final",
    library: Library | None = None,
    options: ModelOptions | None = None,
    step: float = 0.05,
) -> tuple[Elasticity, ...]:
    """Local elasticities d ln Y / d ln x of an outcome around the nominal cell, largest first.

    By the chain rule over the model's parameters p: d ln Y / d ln x_i = sum_f (d ln Y / d ln p_f)
    (d ln p_f / d ln x_i). The first factor is exact: forward-mode JAX derivatives through the whole diffrax
    solve (``jax.jacfwd``, diffrax's ``ForwardMode``; one pass for every parameter the inputs move). The
    second is a central difference of :func:`~lisse.cell.uncertainty.parameters_at` at x_i exp(+-``step``),
    because an input reaches the parameters through the resolver's rules, the interphase and the interlayer
    (Python, not traced).

    Parameters
    ----------
    cell, protocol, library, options
        As for :func:`lisse.cell.simulate.simulate`.
    outcome : str
        ``asr_final`` (the ASR at the last saved point) or ``time_to_failure`` (the time the solve ended:
        the protocol's end for a survivor, whose derivative is then 0).
    step : float
        Half-width of the central difference in ln x.

    Raises
    ------
    LisseError
        For an outcome without a local derivative (CCD, cycle at failure).
    """
    if outcome not in LOCAL_OUTCOMES:
        raise LisseError(
            f"outcome {outcome!r}: local elasticities exist for {', '.join(LOCAL_OUTCOMES)} (a CCD or a "
            "cycle count is a step function of the inputs: use the global ranking)"
        )
    opts = options or ModelOptions()
    proto = parse_protocol(protocol) if isinstance(protocol, str) else protocol
    p0, coverage = cell_parameters(cell, library, opts)
    inputs = tuple(u for u in uncertain_inputs(cell, coverage, opts, float(p0.flaw_length)) if u.nominal > 0)
    nominal = np.array([u.nominal for u in inputs])
    moved = np.repeat(nominal[None, :], 2 * len(inputs), axis=0)
    for i in range(len(inputs)):
        moved[2 * i, i] *= math.exp(step)
        moved[2 * i + 1, i] *= math.exp(-step)
    around = parameters_at(cell, inputs, moved, library, opts)
    fields, d_params = _parameter_elasticities(p0, around, step)
    schedule = schedule_from_protocol(proto, None if cell.is_symmetric else cell.counter.areal_capacity)
    static = {"features": features_for(schedule, not cell.is_symmetric), **solver_settings(opts)}
    d_outcome = np.asarray(_outcome_gradient(p0, fields, segments(schedule), outcome, static))
    result = [
        Elasticity(u.label, u.evidence, u.kind, float(d_params[i] @ d_outcome)) for i, u in enumerate(inputs)
    ]
    return tuple(sorted(result, key=lambda e: abs(e.elasticity), reverse=True))


def _parameter_elasticities(p0: CellParameters, around: CellParameters, step: float):
    """The parameters the inputs move and d ln p_f / d ln x_i [inputs, fields] (central differences)."""
    fields, columns = [], []
    for name in CellParameters._fields:
        base, x = float(getattr(p0, name)), np.asarray(getattr(around, name), float)
        up, down = x[0::2], x[1::2]
        if base == 0 or not np.all(np.isfinite(x)) or np.all(x == base) or np.any(x * base <= 0):
            continue
        fields.append(name)
        columns.append((np.log(up / base) - np.log(down / base)) / (2 * step))
    return tuple(fields), np.stack(columns, axis=1) if columns else np.zeros((len(x) // 2, 0))


def _outcome_gradient(p0: CellParameters, fields: tuple[str, ...], seg, outcome: str, static: dict):
    """d ln Y / d ln p_f for the ``fields`` at ``p0``: forward mode through the solve."""

    def log_outcome(s):
        p = p0._replace(**{f: jnp.asarray(getattr(p0, f)) * jnp.exp(s[i]) for i, f in enumerate(fields)})
        out, _, saved = solve_with_terms(p, seg, forward_mode=True, **static)
        if outcome == "time_to_failure":
            return jnp.log(jnp.max(out["t_end"]))
        done = jnp.isfinite(out["t"]).ravel()
        last = jnp.argmax(jnp.where(done, jnp.arange(done.size), -1))
        return jnp.log(saved[1].asr.ravel()[last])

    return jax.jit(jax.jacfwd(log_outcome))(jnp.zeros(len(fields)))
