"""Calibration: the estimated inputs and closures inferred from the calibration records (``lisse calibrate``).

Method (a simulation-based posterior over vmapped batches; why in ``docs/validation.md``, "Calibration"):

1. **Design.** The inputs to calibrate (by default every ``estimated`` material input of the calibration
   cells and every closure of :data:`~lisse.cell.parameters.CLOSURE_RANGES`) get a scrambled Sobol design of
   ``points`` points in standard-normal z space (each input's own prior distribution maps z to its value,
   :func:`~lisse.cell.uncertainty.draw_values`). The other uncertain inputs of each cell (measured, quoted
   values, the largest flaw) are drawn at random for every point: they are nuisance, not fitted.
2. **Simulation.** Every calibration record is predicted at every point as one batch of its cell
   (:func:`lisse.calibration.predict.predict_at`; records with the same cell and protocol share the batch).
3. **Surrogate.** Each observed point's log-outcome is fitted as a quadratic in the z of the calibrated
   inputs its cell has (linear and squared terms, a small ridge), by censored (Tobit) maximum likelihood: a
   design point whose run ended before the event (a cell that survived the ramp) only says that the outcome
   lies beyond. The fit's residual sd holds the nuisance inputs' spread and the surrogate's misfit.
4. **Posterior.** numpyro's NUTS samples z of the calibrated inputs (standard-normal priors) under the
   surrogate likelihood: per point a normal in log outcome with sd sqrt(observation's + surrogate's), or,
   for a bound ("> 5 mA cm-2", "< 0.1 ohm cm2"), the probability of lying beyond it (a censored likelihood).

The result (:class:`Calibration`) lists each input's posterior (median, 95 % interval, width against the
prior's, R-hat and effective sample size). :func:`write_calibrated` writes the inputs the data identified
(posterior 95 % width below :data:`IDENTIFIED_WIDTH` of the prior's, or a median moved by more than
:data:`IDENTIFIED_SHIFT` prior sd) as the calibrated layer (:mod:`lisse.materials.calibrated`); the others
stay estimated. Calibration reads the calibration records only (:func:`calibration_records`), and starts
from the bundled library without any calibrated layer (:func:`lisse.materials.bundled_library`).
"""

from __future__ import annotations

import datetime
import math
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from lisse._core.errors import LisseError, did_you_mean
from lisse.calibration.predict import predict_at, prediction_protocol
from lisse.cell.parameters import CLOSURE_RANGES, FLAW_DRAW, ModelOptions, cell_parameters
from lisse.cell.uncertainty import UncertainInput, draw_values, parameters_at, uncertain_inputs
from lisse.experiments import Experiment, load_experiments
from lisse.materials import bundled_library

__all__ = [
    "IDENTIFIED_SHIFT",
    "IDENTIFIED_WIDTH",
    "Calibration",
    "InputPosterior",
    "Surrogate",
    "calibrate",
    "calibration_records",
    "write_calibrated",
]

#: Posterior 95 % width (in log for positive inputs) below this share of the prior's: the data identified it.
IDENTIFIED_WIDTH = 0.8
#: Posterior median moved by more than this many prior sd (in z): the data identified it.
IDENTIFIED_SHIFT = 0.5
#: Floor of a log outcome (a zero outcome, e.g. no Li lost, is read as this).
_LOG_FLOOR = math.log(1e-30)
_Z95 = 1.959963984540054


def calibration_records(ids: list[str] | None = None) -> list[Experiment]:
    """The calibration records (all, or those of ``ids``), read through ``load_experiments("calibration")``:
    a validation record is never returned.

    Raises
    ------
    LisseError
        For an id that is not a calibration record (a validation record included).
    """
    records = load_experiments(role="calibration")
    if ids is None:
        return records
    by_id = {e.id: e for e in records}
    out = []
    for i in ids:
        if i not in by_id:
            raise LisseError(
                f"records: {i!r} is not a calibration record (validation records are never calibrated on; "
                f"lisse experiments --role calibration lists them).{did_you_mean(i, list(by_id))}"
            )
        out.append(by_id[i])
    return out


@dataclass(frozen=True)
class Surrogate:
    """A quadratic surrogate of one observed point's log-outcome in the z of the calibrated inputs.

    ``columns`` index the calibrated inputs its cell has; mu(z) = c0 + sum b_i z_i + sum q_i z_i^2;
    ``sd`` is the residual sd (nuisance inputs and misfit) in log outcome.
    """

    record: str
    point: int
    columns: tuple[int, ...]
    coef: np.ndarray
    sd: float
    censored_share: float
    design_points: int
    quadratic: bool
    """Linear and squared terms (True), or linear only (too few uncensored design points for squares)."""
    informative: bool = True
    """False where no design point reached the event (every run ended first): the model misses the
    observation everywhere in the prior, and the point is left out of the likelihood."""

    def features(self, z):
        """[1, z(, z^2)] of the columns (NumPy or JAX arrays, z [..., K])."""
        return _features(z[..., list(self.columns)], self.quadratic)


def _features(zc, quadratic: bool):
    import jax.numpy as jnp

    parts = [jnp.ones((*zc.shape[:-1], 1)), zc] + ([zc**2] if quadratic else [])
    return jnp.concatenate(parts, axis=-1)


def _surrogate(
    record: str, point: int, columns: tuple[int, ...], z: np.ndarray, values, censored
) -> Surrogate:
    """The surrogate of one observed point from the design's outcomes (``z`` [n, K] of the good lanes)."""
    y = np.log(np.maximum(values, 1e-30)).clip(_LOG_FLOOR)
    zc = z[:, list(columns)]
    uncensored = int((~censored).sum())
    k = len(columns)
    quadratic = uncensored >= 3 * (2 * k + 1)
    if uncensored < k + 2:  # no (or hardly any) design point reached the event: nothing to fit
        return Surrogate(
            record, point, columns, np.zeros(k + 1), 1.0, float(censored.mean()), len(y), False, False
        )
    x = np.asarray(_features(zc, quadratic))
    coef, sd = _fit_tobit(x, y, censored)
    return Surrogate(record, point, columns, coef, sd, float(censored.mean()), len(y), quadratic)


#: Prior sd of a surrogate coefficient (per unit z, in log outcome): a ridge that keeps censored fits finite.
_COEF_SD = 3.0


def _fit_tobit(x: np.ndarray, y: np.ndarray, censored: np.ndarray) -> tuple[np.ndarray, float]:
    """Censored (Tobit) fit of y = x b + e, e ~ N(0, s^2), with y a lower bound where ``censored``, and a
    normal prior of sd :data:`_COEF_SD` on b (not on the intercept). Returns b and s (s corrected for the
    fitted degrees of freedom, n / (n - p))."""
    from scipy.optimize import minimize
    from scipy.special import log_ndtr

    n, p = x.shape
    b0, *_ = np.linalg.lstsq(x, y, rcond=None)
    s0 = max(float(np.std(y - x @ b0)), 1e-2)
    penalty = np.r_[0.0, np.full(p - 1, 1.0 / _COEF_SD**2)]

    def nll(theta):
        b, log_s = theta[:-1], theta[-1]
        r = (y - x @ b) / math.exp(log_s)
        ll = np.where(censored, log_ndtr(-r), -0.5 * r**2 - log_s)
        return -ll.sum() + 0.5 * np.sum(penalty * b**2)

    res = minimize(nll, np.r_[b0, math.log(s0)], method="L-BFGS-B")
    b, s = res.x[:-1], math.exp(res.x[-1])
    return b, max(s * math.sqrt(n / (n - p)), 1e-6)


def _observation(exp: Experiment, point: int) -> tuple[float, float]:
    """ln of the observed value and its sd in ln (from its distribution's 95 % interval)."""
    d = exp.observed.distributions()[point]
    value = exp.observed.si()[point]
    lo, hi = d.interval95
    sd = math.log(hi / lo) / (2 * _Z95) if lo > 0 else d.b / max(value, 1e-300)
    return math.log(max(value, 1e-300)), max(sd, 1e-3)


@dataclass(frozen=True)
class InputPosterior:
    """What the calibration found for one input."""

    input: UncertainInput
    z: np.ndarray
    """Posterior draws in standard-normal z."""
    values: np.ndarray
    """Posterior draws in SI."""
    rhat: float
    ess: float
    records: tuple[str, ...]
    sources: tuple[str, ...]
    unit: str

    @property
    def positive(self) -> bool:
        """A positive distribution (lognormal, log-uniform, Fréchet): widths are compared in ln."""
        return self.input.distribution.kind in ("lognormal", "loguniform", "frechet")

    def _width(self, lo: float, hi: float) -> float:
        return math.log(hi / lo) if self.positive else hi - lo

    @property
    def median(self) -> float:
        return float(np.median(self.values))

    @property
    def interval95(self) -> tuple[float, float]:
        lo, hi = np.quantile(self.values, [0.025, 0.975])
        return float(lo), float(hi)

    @property
    def width_ratio(self) -> float:
        """Posterior 95 % width over the prior's (in ln for positive inputs): 1 = the data said nothing."""
        return self._width(*self.interval95) / self._width(*self.input.distribution.interval95)

    @property
    def shift(self) -> float:
        """Posterior median in prior sd (z)."""
        return float(np.median(self.z))

    @property
    def identified(self) -> bool:
        return self.width_ratio < IDENTIFIED_WIDTH or abs(self.shift) > IDENTIFIED_SHIFT

    def posterior_distribution(self):
        """The posterior as a lisse Distribution: lognormal (normal for a signed input) for a material
        value; for a closure, log-uniform (uniform) over the posterior 95 % interval, which keeps it inside
        its documented range."""
        from lisse.materials.evidence import Distribution

        lo, hi = self.interval95
        if self.input.kind == "closure":
            return Distribution("loguniform" if self.positive else "uniform", lo, hi)
        if self.positive:
            return Distribution("lognormal", self.median, math.log(hi / lo) / (2 * _Z95))
        return Distribution("normal", self.median, (hi - lo) / (2 * _Z95))

    def to_dict(self) -> dict:
        lo, hi = self.interval95
        plo, phi = self.input.distribution.interval95
        return {
            "input": self.input.label,
            "kind": self.input.kind,
            "unit": self.unit,
            "prior_evidence": self.input.evidence,
            "prior": self.input.distribution.describe(),
            "prior_interval95": [plo, phi],
            "median": self.median,
            "interval95": [lo, hi],
            "width_ratio": self.width_ratio,
            "shift_sd": self.shift,
            "identified": self.identified,
            "rhat": self.rhat,
            "ess": self.ess,
            "records": list(self.records),
        }


@dataclass
class Calibration:
    """The result of :func:`calibrate`."""

    posteriors: list[InputPosterior]
    surrogates: list[Surrogate]
    records: list[Experiment]
    design_points: int
    seed: int
    seconds: float
    fit: list[dict] = field(default_factory=list)
    """Per observed point: observation, prior-predictive and posterior-predictive median of the surrogate."""

    def summary(self) -> dict:
        return {
            "records": [e.id for e in self.records],
            "design_points": self.design_points,
            "seed": self.seed,
            "seconds": self.seconds,
            "inputs": [p.to_dict() for p in self.posteriors],
            "fit": self.fit,
        }


def _inputs_of(
    records: list[Experiment], options: ModelOptions
) -> dict[str, tuple[tuple[UncertainInput, ...], object, dict[str, str]]]:
    """Per record: its uncertain inputs on the bundled (uncalibrated) library, coverage, and input units."""
    lib = bundled_library()
    out = {}
    for e in records:
        cell = e.cell()
        nominal, coverage = cell_parameters(cell, lib, options)
        inputs = uncertain_inputs(cell, coverage, options, float(nominal.flaw_length), calibrated=False)
        units = {v.label: v.unit for v in coverage.inputs}
        out[e.id] = (inputs, coverage, units)
    return out


def _chosen(per_record, wanted: list[str] | None) -> list[UncertainInput]:
    """The inputs to calibrate: ``wanted`` (each uncertain in some calibration cell), else every estimated
    material input and every closure."""
    union: dict[str, UncertainInput] = {}
    for inputs, _, _ in per_record.values():
        for u in inputs:
            union.setdefault(u.label, u)
    if wanted is None:
        return [
            u
            for u in union.values()
            if u.kind == "closure" or (u.kind == "material" and u.evidence == "estimated")
        ]
    out = []
    for label in wanted:
        if label == FLAW_DRAW:
            raise LisseError(
                f"inputs: {label!r} is the flaw population of a pellet (drawn per cell), not an input to "
                "calibrate"
            )
        if label not in union:
            closure = label.removeprefix("closure.")
            why = (
                "is set in the options (not uncertain)"
                if closure in CLOSURE_RANGES
                else "is not an uncertain input of any calibration cell (a stated value, a rule's result or "
                "not an input)"
            )
            raise LisseError(f"inputs: {label!r} {why}.{did_you_mean(label, list(union))}")
        out.append(union[label])
    return out


def _design(points: int, k: int, seed: int) -> np.ndarray:
    """A scrambled Sobol design of ``points`` in k standard-normal dimensions."""
    from scipy.stats import norm, qmc

    u = qmc.Sobol(k, scramble=True, seed=seed).random(points)
    return norm.ppf(np.clip(u, 1e-9, 1 - 1e-9))


def calibrate(
    records: list[str] | None = None,
    inputs: list[str] | None = None,
    points: int = 256,
    seed: int = 0,
    options: ModelOptions | None = None,
    warmup: int = 500,
    draws: int = 1000,
    chains: int = 2,
    progress=None,
) -> Calibration:
    """Infer the chosen inputs from the calibration records (see the module docstring).

    Parameters
    ----------
    records : list of str, optional
        Ids of calibration records (default: all of them).
    inputs : list of str, optional
        Labels to calibrate (default: every estimated material input and every closure); each must be
        uncertain in at least one calibration cell.
    points : int
        Design points (simulations per record).
    seed : int
        Seed of the design, the nuisance draws and the sampler.
    progress : callable, optional
        Called with a line of text as each record's batch is solved.

    Raises
    ------
    LisseError
        For an unknown or validation record, an input that is not uncertain, or too few design points.
    """
    if points < 16:
        raise LisseError(f"points = {points}: the design needs at least 16 points")
    start = time.perf_counter()
    opts = options or ModelOptions()
    exps = calibration_records(records)
    per_record = _inputs_of(exps, opts)
    chosen = _chosen(per_record, inputs)
    labels = [u.label for u in chosen]
    z_design = _design(points, len(chosen), seed)
    lib = bundled_library()
    rng = np.random.default_rng(seed + 1)
    surrogates: list[Surrogate] = []
    shared: dict[tuple, tuple[np.ndarray, object]] = {}  # (cell, protocol) -> (z of its inputs, parameters)
    for e in exps:
        cell_inputs, coverage, _ = per_record[e.id]
        proto, _ = prediction_protocol(e)
        key = (e.cell().model_dump_json(), tuple(s.text for s in proto.steps))
        if key not in shared:
            z = rng.standard_normal((points, len(cell_inputs)))  # nuisance inputs: random
            for j, u in enumerate(cell_inputs):
                if u.label in labels:
                    z[:, j] = z_design[:, labels.index(u.label)]
            params = parameters_at(e.cell(), cell_inputs, draw_values(cell_inputs, z), lib, opts)
            shared[key] = (z, params)
        _, params = shared[key]
        pred = predict_at(e, params, coverage, lib, opts)  # type: ignore[arg-type]
        columns = tuple(labels.index(u.label) for u in cell_inputs if u.label in labels)
        for k in range(pred.values.shape[1]):
            good = pred.ok & np.isfinite(pred.values[:, k])
            surrogates.append(
                _surrogate(e.id, k, columns, z_design[good], pred.values[good, k], pred.censored[good, k])
            )
        if progress is not None:
            progress(f"{e.id}: {int(pred.ok.sum())}/{points} design points solved")
    z_post, rhat, ess = _sample(chosen, surrogates, exps, seed, warmup, draws, chains)
    posteriors = []
    by_id = {e.id: e for e in exps}
    for j, u in enumerate(chosen):
        used = tuple(s.record for s in surrogates if j in s.columns and s.point == 0)
        unit = next((per_record[r][2].get(u.label, "") for r in used if u.label in per_record[r][2]), "")
        values = draw_values((u,), z_post[:, [j]])[:, 0]
        sources = tuple(dict.fromkeys(by_id[r].source.key for r in used))
        posteriors.append(InputPosterior(u, z_post[:, j], values, rhat[j], ess[j], used, sources, unit))
    fit = _fit_report(surrogates, exps, z_post)
    return Calibration(posteriors, surrogates, exps, points, seed, time.perf_counter() - start, fit)


def _log_likelihood(z, surrogates: list[Surrogate], exps: list[Experiment]):
    """Sum over observed points of the surrogate likelihood (JAX), censored for bounds."""
    import jax.numpy as jnp
    from jax.scipy.stats import norm

    by_id = {e.id: e for e in exps}
    total = 0.0
    for s in surrogates:
        if not s.informative:
            continue
        e = by_id[s.record]
        y, sd_obs = _observation(e, s.point)
        mu = s.features(z) @ jnp.asarray(s.coef)
        sd = math.hypot(sd_obs, s.sd)
        if e.observed.bound == "lower":
            total = total + norm.logcdf((mu - y) / sd)
        elif e.observed.bound == "upper":
            total = total + norm.logcdf((y - mu) / sd)
        else:
            total = total + norm.logpdf(y, mu, sd)
    return total


def _sample(chosen, surrogates, exps, seed: int, warmup: int, draws: int, chains: int):
    """NUTS over the standard-normal z of the chosen inputs; posterior z [draws * chains, K], R-hat, ESS."""
    import jax
    import numpyro
    import numpyro.distributions as dist
    from numpyro.diagnostics import effective_sample_size, split_gelman_rubin
    from numpyro.infer import MCMC, NUTS

    k = len(chosen)

    def model():
        z = numpyro.sample("z", dist.Normal(0.0, 1.0).expand([k]).to_event(1))
        numpyro.factor("likelihood", _log_likelihood(z, surrogates, exps))

    mcmc = MCMC(
        NUTS(model),
        num_warmup=warmup,
        num_samples=draws,
        num_chains=chains,
        chain_method="sequential",
        progress_bar=False,
    )
    mcmc.run(jax.random.PRNGKey(seed))
    z = np.asarray(mcmc.get_samples(group_by_chain=True)["z"])  # [chains, draws, K]
    rhat = np.asarray(split_gelman_rubin(z)) if chains > 1 else np.full(k, np.nan)
    ess = np.asarray(effective_sample_size(z))
    return z.reshape(-1, k), [float(r) for r in rhat], [float(e) for e in ess]


def _fit_report(surrogates: list[Surrogate], exps: list[Experiment], z_post: np.ndarray) -> list[dict]:
    """Per observed point: the observation and the surrogate's median outcome at the prior and posterior."""
    by_id = {e.id: e for e in exps}
    z_prior = np.random.default_rng(0).standard_normal(z_post.shape)
    out = []
    for s in surrogates:
        e = by_id[s.record]
        y, sd_obs = _observation(e, s.point)
        row = {
            "record": s.record,
            "point": s.point,
            "kind": e.observed.kind,
            "bound": e.observed.bound,
            "observed_si": math.exp(y),
            "observation_sd_log": sd_obs,
            "design_censored_share": s.censored_share,
            "surrogate": "quadratic" if s.quadratic else "linear",
        }
        if s.informative:
            prior = float(np.median(np.asarray(s.features(z_prior)) @ s.coef))
            post = float(np.median(np.asarray(s.features(z_post)) @ s.coef))
            row.update(
                {
                    "prior_median_si": math.exp(prior),
                    "posterior_median_si": math.exp(post),
                    "surrogate_sd_log": s.sd,
                }
            )
        else:
            row["surrogate"] = "none: no design point reached the event (left out of the likelihood)"
        out.append(row)
    return out


def write_calibrated(result: Calibration, path: str | Path, command: str = "lisse calibrate") -> Path:
    """Write the identified inputs of ``result`` as a calibrated file (:mod:`lisse.materials.calibrated`),
    with every input's diagnostics (identified or not) and the records used.

    Only identified inputs (:attr:`InputPosterior.identified`) get an ``[[input]]`` table (the calibrated
    layer); the others are listed under ``[[not_identified]]`` and stay at their priors.
    """
    import tomli_w

    path = Path(path)
    doc: dict = {
        "calibration": {
            "command": command,
            "generated": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "method": "quadratic surrogates (Tobit fits over a Sobol design of vmapped batch solves) + NUTS",
            "records": [e.id for e in result.records],
            "design_points": result.design_points,
            "seed": result.seed,
            "seconds": round(result.seconds, 1),
        },
        "input": [],
        "not_identified": [],
        "fit": result.fit,
    }
    for p in result.posteriors:
        row = p.to_dict()
        row["label"] = row.pop("input")
        if p.identified:
            d = p.posterior_distribution()
            row["value"] = p.median
            row["posterior"] = {"distribution": d.kind, "a": d.a, "b": d.b}
            row["sources"] = list(p.sources)
            doc["input"].append(row)
        else:
            doc["not_identified"].append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "# The calibrated layer of the lisse library, written by `lisse calibrate` (do not edit by hand;\n"
        "# regenerate with `lisse calibrate --out src/lisse/data/calibrated/calibrated.toml`).\n"
        + tomli_w.dumps(doc),
        encoding="utf-8",
    )
    return path
