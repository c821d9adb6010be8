"""Figures of a sweep (:mod:`lisse.sweep`): failure-mode maps, CCD bands, strategy gains, sensitivities.

Each function takes the per-point summary (:func:`lisse.sweep.summary.point_summary`) or the cases
(:func:`lisse.sweep.summary.cases_frame`) as a pandas DataFrame and returns a matplotlib Figure. Axes
are in each parameter's display unit (:data:`lisse.sweep.spec.PARAMETERS`); a quantile that falls among
the survivors (beyond the protocol) is drawn at the protocol's end and marked so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from lisse.sweep.run import PARAMETER_COLUMNS
from lisse.sweep.spec import PARAMETERS, display

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["plot_ccd_bands", "plot_failure_map", "plot_sensitivity", "plot_strategy_comparison"]

#: A fixed colour per failure mode, so maps of different sweeps read the same.
MODE_COLOURS = {
    "none": "#4c9a2a",
    "short_circuit": "#c0392b",
    "contact_loss": "#2e86c1",
    "impedance_rise": "#8e44ad",
    "fracture": "#d68910",
    "capacity_fade": "#7f8c8d",
    "solver_failed": "#000000",
}
_EXTRA = ("#17a589", "#a04000", "#1f618d", "#b7950b")


def _label(name: str) -> str:
    p = PARAMETERS[name]
    unit = {"degC": "°C", "mA/cm^2": "mA/cm²", "um": "µm"}.get(p.unit, p.unit)
    return f"{name.replace('_', ' ')} [{unit}]" if unit else name.replace("_", " ")


def _values(points: pd.DataFrame, name: str) -> np.ndarray:
    return display(name, points[PARAMETER_COLUMNS[name]].to_numpy(float))


def _is_log(v: np.ndarray) -> bool:
    u = np.unique(v[np.isfinite(v)])
    if len(u) < 3 or u[0] <= 0:
        return False
    r = u[1:] / u[:-1]
    return bool(np.allclose(r, r[0], rtol=1e-6) and not np.allclose(np.diff(u), np.diff(u)[0], rtol=1e-6))


def _colour(mode: str, modes: list[str]) -> str:
    return MODE_COLOURS.get(mode) or _EXTRA[modes.index(mode) % len(_EXTRA)]


def _beyond(points: pd.DataFrame, column: str) -> np.ndarray:
    """A quantile column with None (beyond the protocol) at the protocol's end."""
    v = points[column].to_numpy(float, na_value=np.nan)
    return np.where(np.isnan(v), points["protocol_end_h"].to_numpy(float), v)


def plot_failure_map(points: pd.DataFrame, x: str, y: str) -> Figure:
    """Failure-mode map over parameters ``x`` and ``y`` (like the review's Figure 4e): colour = the most
    probable failure mode at each point, shade = its probability (pale: uncertain), contours = the median
    time to failure [h] (at the protocol's end where most cells survive)."""
    modes = sorted(points["most_probable_mode"].unique())
    xv, yv = _values(points, x), _values(points, y)
    prob = points["most_probable_p"].to_numpy(float)
    rgb = np.array([to_rgb(_colour(m, modes)) for m in points["most_probable_mode"]])
    # shade: the mode's colour blended towards white as its probability falls to 1/len(modes)
    floor = 1.0 / max(len([c for c in points.columns if c.startswith("p_")]), 2)
    weight = np.clip((prob - floor) / max(1.0 - floor, 1e-9), 0.0, 1.0)[:, None] * 0.75 + 0.25
    rgb = 1.0 - weight * (1.0 - rgb)
    fig = Figure(figsize=(7.5, 5.5))
    ax = fig.add_subplot()
    ux, uy = np.unique(xv), np.unique(yv)
    grid = len(ux) * len(uy) == len(points) and len(ux) > 1 and len(uy) > 1
    life = _beyond(points, "time_to_failure_median")
    if grid:
        ix, iy = np.searchsorted(ux, xv), np.searchsorted(uy, yv)
        image = np.ones((len(uy), len(ux), 3))
        image[iy, ix] = rgb
        ax.pcolormesh(_edges(ux), _edges(uy), image, shading="flat")
        z = np.full((len(uy), len(ux)), np.nan)
        z[iy, ix] = life
        if np.nanmax(z) > np.nanmin(z):
            levels = _levels(z)
            cs = ax.contour(ux, uy, z, levels=levels, colors="k", linewidths=0.7)
            ax.clabel(cs, fmt=lambda v: f"{v:.3g} h", fontsize=7)
    else:
        ax.scatter(xv, yv, c=rgb, s=40, edgecolors="none")
    if _is_log(xv):
        ax.set_xscale("log")
    if _is_log(yv):
        ax.set_yscale("log")
    ax.set_xlabel(_label(x))
    ax.set_ylabel(_label(y))
    handles = [Patch(color=_colour(m, modes), label=m.replace("_", " ")) for m in modes]
    ax.legend(handles=handles, title="most probable mode", fontsize=8, loc="best", framealpha=0.85)
    n = int(points["n"].max())
    sampled = f"{n} draws per point; pale = less certain" if n > 1 else "nominal cells"
    ax.set_title(f"failure map ({sampled}); contours: median time to failure", fontsize=10)
    return fig


def _edges(u: np.ndarray) -> np.ndarray:
    """Cell edges around sorted centres (geometric midpoints for a log axis)."""
    if len(u) == 1:
        return np.array([u[0] * 0.9, u[0] * 1.1])
    mid = np.sqrt(u[1:] * u[:-1]) if _is_log(u) else 0.5 * (u[1:] + u[:-1])
    return np.r_[u[0] - (mid[0] - u[0]), mid, u[-1] + (u[-1] - mid[-1])]


def _levels(z: np.ndarray) -> np.ndarray:
    lo, hi = np.nanmin(z), np.nanmax(z)
    if lo > 0 and hi / lo > 20:
        return np.geomspace(lo, hi, 7)[1:-1]
    return np.linspace(lo, hi, 7)[1:-1]


def plot_ccd_bands(points: pd.DataFrame, x: str, by: str | None = None) -> Figure:
    """The CCD (median, 5-95 % band) against parameter ``x`` (stack pressure, temperature, ...), one line per
    value of the categorical column ``by`` (e.g. ``electrolyte``). Points whose CCD lies beyond the ramp
    are drawn at its top and marked with open symbols."""
    fig = Figure(figsize=(7, 4.5))
    ax = fig.add_subplot()
    groups = [(None, points)] if by is None else list(points.groupby(by, sort=True))
    for k, (name, g) in enumerate(groups):
        g = g.sort_values(PARAMETER_COLUMNS[x])
        xv = _values(g, x)
        med, lo, hi = (g[f"ccd_{q}"].to_numpy(float, na_value=np.nan) for q in ("median", "p05", "p95"))
        top = np.nanmax(np.r_[med, lo, hi, 0.0])
        beyond = np.isnan(med)
        colour = f"C{k}"
        ax.fill_between(xv, np.nan_to_num(lo, nan=top), np.nan_to_num(hi, nan=top), color=colour, alpha=0.25)
        ax.plot(xv, np.where(beyond, top, med), "-o", color=colour, ms=4, label=str(name or "median, 5-95 %"))
        ax.plot(xv[beyond], np.full(beyond.sum(), top), "o", mfc="white", color=colour, ms=5)
    if _is_log(_values(points, x)):
        ax.set_xscale("log")
    ax.set_xlabel(_label(x))
    ax.set_ylabel("critical current density [mA/cm²]")
    ax.legend(fontsize=8)
    ax.set_title("CCD: median and 5-95 % band (open: beyond the ramp)", fontsize=10)
    return fig


def plot_strategy_comparison(
    points: pd.DataFrame, strategy: str, baseline: str, outcome: str = "time_to_failure"
) -> Figure:
    """The gain of each value of ``strategy`` (a categorical column such as ``interlayer``, or a swept
    parameter) over ``baseline`` in ``outcome`` (``time_to_failure`` or ``ccd``): the ratio of medians,
    with the ratio of the 5 % and of the 95 % points as its band, per design point of the other parameters
    (one marker each) and their median (thick line)."""
    column = PARAMETER_COLUMNS.get(strategy, strategy)
    others = [c for c in PARAMETER_COLUMNS.values() if c != column and c in points.columns]
    key = points[others].apply(lambda r: "|".join(map(str, r)), axis=1)  # the point less its strategy
    base = points[points[column].astype(str) == str(baseline)].set_index(
        key[points[column].astype(str) == str(baseline)]
    )
    fig = Figure(figsize=(7, 4.5))
    ax = fig.add_subplot()
    names = [v for v in sorted(points[column].astype(str).unique()) if v != str(baseline)]
    for i, name in enumerate(names):
        sel = points[column].astype(str) == name
        g = points[sel].set_index(key[sel])
        common = g.index.intersection(base.index)
        gains = {
            q: _beyond(g.loc[common], f"{outcome}_{q}") / _beyond(base.loc[common], f"{outcome}_{q}")
            for q in ("median", "p05", "p95")
        }
        jitter = np.linspace(-0.15, 0.15, len(common)) if len(common) > 1 else np.zeros(1)
        ax.errorbar(
            i + jitter,
            gains["median"],
            yerr=[np.abs(gains["median"] - gains["p05"]), np.abs(gains["p95"] - gains["median"])],
            fmt="o",
            ms=3,
            color=f"C{i}",
            alpha=0.7,
        )
        ax.hlines(np.median(gains["median"]), i - 0.3, i + 0.3, color=f"C{i}", lw=3)
    ax.axhline(1.0, color="k", lw=0.8)
    ax.set_xticks(range(len(names)), names)
    ax.set_yscale("log")
    ax.set_xlabel(strategy.replace("_", " "))
    ax.set_ylabel(f"{outcome.replace('_', ' ')} / baseline ({baseline})")
    ax.set_title("gain over the baseline: per point (5-95 % ratios) and their median (line)", fontsize=10)
    return fig


def plot_sensitivity(
    cases: pd.DataFrame, parameters: list[str], outcome: str = "time_to_failure_h"
) -> Figure:
    """Ranking of the swept ``parameters`` by how strongly they order ``outcome`` over the swept space:
    |Spearman rank correlation| over all cases (a survivor ranks above every failure: censored)."""
    from scipy.stats import spearmanr

    y = cases[outcome].to_numpy(float, na_value=np.nan)
    y = np.where(cases["failed"].to_numpy(bool), y, np.inf)
    y = np.where(np.isinf(y), np.nanmax(np.r_[y[np.isfinite(y)], 0.0]) + 1.0, y)
    scores = {}
    for name in parameters:
        x = cases[PARAMETER_COLUMNS[name]]
        numeric = np.issubdtype(x.dtype, np.number)
        xv = x.to_numpy(float) if numeric else x.astype("category").cat.codes.to_numpy(float)
        rho = spearmanr(xv, y, nan_policy="omit").statistic if np.ptp(xv) > 0 else 0.0
        scores[name] = 0.0 if not np.isfinite(rho) else float(rho)
    order = sorted(scores, key=lambda k: abs(scores[k]))
    fig = Figure(figsize=(6, 0.5 + 0.45 * len(order)))
    ax = fig.add_subplot()
    ax.barh(
        range(len(order)),
        [abs(scores[k]) for k in order],
        color=["C3" if scores[k] < 0 else "C0" for k in order],
    )
    ax.set_yticks(range(len(order)), [k.replace("_", " ") for k in order])
    ax.set_xlim(0, 1)
    ax.set_xlabel(f"|Spearman rank correlation| with {outcome} (red: shortens it)")
    ax.set_title("sensitivity over the swept space", fontsize=10)
    return fig
