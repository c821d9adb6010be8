"""Figures of sampled cells (:class:`lisse.cell.ensemble.EnsembleResult`): the distribution of the outcome,
the failure-mode probabilities, and the voltage curves of a few samples as a band around the nominal run."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

__all__ = [
    "ENSEMBLE_FIGURES",
    "plot_failure_modes",
    "plot_outcome_distribution",
    "plot_tornado",
    "plot_voltage_band",
]


def plot_outcome_distribution(ensemble) -> Figure:
    """Histogram of the CCD (a current ramp) or the time to failure, with the median and the 5-95 % band;
    survivors are counted in a bar beyond the protocol's end."""
    ds = ensemble.dataset
    name, label = ("ccd", "CCD [mA/cm²]") if ensemble.ramp else ("time_to_failure", "time to failure [h]")
    x = ds[name].values
    x = x[~np.isnan(x)]
    finite = x[np.isfinite(x)]
    fig = Figure(figsize=(7, 4))
    ax = fig.add_subplot()
    if finite.size:
        log = finite.min() > 0 and finite.max() / finite.min() > 30
        bins = np.geomspace(finite.min(), finite.max(), 25) if log else 25
        ax.hist(finite, bins=bins, color="C0", alpha=0.8, label="failed")
        if log:
            ax.set_xscale("log")
    survivors = int(np.isinf(x).sum())
    if survivors:
        ax.annotate(
            f"{survivors} of {x.size} survived the protocol ({ensemble.protocol_end_h:.3g} h)",
            xy=(0.98, 0.95),
            xycoords="axes fraction",
            ha="right",
            va="top",
            fontsize=9,
        )
    summary = ensemble.summary()
    unit = "mA_cm2" if ensemble.ramp else "h"
    for key, style in ((f"{name}_{unit}", "-"), (f"{name}_p05_{unit}", ":"), (f"{name}_p95_{unit}", ":")):
        if summary.get(key) is not None:
            ax.axvline(summary[key], color="k", ls=style, lw=1)
    ax.set_xlabel(label)
    ax.set_ylabel("sampled cells")
    ax.set_title(f"{x.size} sampled cells: median (solid), 5 % and 95 % (dotted)")
    return fig


def plot_failure_modes(ensemble) -> Figure:
    """Probability of each failure mode (``none``: survived) over the sampled cells."""
    probs = ensemble.failure_mode_probabilities()
    fig = Figure(figsize=(6, 3.5))
    ax = fig.add_subplot()
    names = list(probs)
    ax.barh(names, [probs[n] for n in names], color=["C2" if n == "none" else "C3" for n in names])
    ax.set_xlim(0, 1)
    ax.set_xlabel("probability")
    ax.set_title("failure mode of the sampled cells")
    return fig


def plot_voltage_band(ensemble, curves: int = 12) -> Figure:
    """Voltage vs time of the nominal cell and of ``curves`` sampled cells, over the band between the 5 %
    and 95 % points of the voltage at each saved point (where at least half of the samples still run)."""
    ds = ensemble.dataset
    t = ds["time"].values.reshape(ds.sizes["sample"], -1) / 3600.0
    v = ds["voltage"].values.reshape(ds.sizes["sample"], -1)
    nominal = ensemble.nominal.dataset
    full = not ensemble.nominal.cell.is_symmetric
    scale, unit = (1.0, "V") if full else (1e3, "mV")
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    running = np.isfinite(v).mean(axis=0) >= 0.5
    if running.any():
        grid = np.nanmedian(np.where(np.isfinite(v), t, np.nan)[:, running], axis=0)
        lo, hi = np.nanpercentile(v[:, running], [5, 95], axis=0)
        order = np.argsort(grid)
        ax.fill_between(grid[order], lo[order] * scale, hi[order] * scale, color="C0", alpha=0.2, lw=0)
    for i in np.linspace(0, ds.sizes["sample"] - 1, min(curves, ds.sizes["sample"])).astype(int):
        ok = np.isfinite(v[i])
        ax.plot(t[i][ok], v[i][ok] * scale, lw=0.4, color="C0", alpha=0.6)
    ax.plot(nominal["time"].values / 3600.0, nominal["voltage"].values * scale, lw=1.0, color="k")
    ax.set_xlabel("time [h]")
    ax.set_ylabel(f"voltage [{unit}]")
    ax.set_title("nominal cell (black), sampled cells and their 5-95 % band")
    return fig


#: The figures written for sampled cells, by name.
ENSEMBLE_FIGURES = {
    "outcome": plot_outcome_distribution,
    "failure_modes": plot_failure_modes,
    "voltage_band": plot_voltage_band,
}


_EVIDENCE_COLOURS = {
    "measured": "C2",
    "dataset": "C9",
    "quoted": "C0",
    "computed": "C4",
    "calibrated": "C8",
    "estimated": "C3",
    "user": "C7",
}


def plot_tornado(result, top: int = 12) -> Figure:
    """Tornado chart of a :class:`lisse.cell.sensitivity.Sensitivity`: the ``top`` inputs by importance
    (S1, else |Spearman|), the bar's side the sign of the rank correlation, its colour the evidence class."""
    rows = list(result.ranking[:top])[::-1]
    fig = Figure(figsize=(8, 0.45 * max(len(rows), 3) + 1.2))
    ax = fig.add_subplot()
    values = [r.importance * (1 if r.spearman >= 0 else -1) for r in rows]
    colours = ["C7" if r.kind == "closure" else _EVIDENCE_COLOURS.get(r.evidence, "C7") for r in rows]
    ax.barh([r.input for r in rows], values, color=colours)
    ax.axvline(0, color="k", lw=0.8)
    measure = "S1 (RBD-FAST)" if rows and rows[0].first_order is not None else "|Spearman rank correlation|"
    ax.set_xlabel(f"{measure}; left: raising the input lowers the outcome")
    ax.set_title(f"what drives {result.outcome.replace('_', ' ')} ({result.samples} sampled cells)")
    used = {("closure" if r.kind == "closure" else r.evidence) for r in rows}
    handles = [
        ax.bar(0, 0, color="C7" if name == "closure" else _EVIDENCE_COLOURS.get(name, "C7"), label=name)
        for name in sorted(used)
    ]
    ax.legend(handles=handles, fontsize=8, loc="lower right")
    return fig
