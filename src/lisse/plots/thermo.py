"""Figures of interface thermodynamics: stability windows (review Figure 8a style), Li uptake profiles."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from lisse.thermo import LiUptakeProfile, StabilityWindow

__all__ = ["electrode_ranges", "plot_li_uptake", "plot_windows"]

#: An electrode line or band: (label, low [V], high [V]); low == high draws a line.
ElectrodeRange = tuple[str, float, float]


def electrode_ranges(library=None) -> list[ElectrodeRange]:
    """Li metal at 0 V and the library's cathodes with their stored potentials [V vs Li/Li+].

    A cathode is drawn as a band from ``voltage_min`` to ``voltage_max`` when both are stored, as
    a line at ``average_voltage`` (or ``potential_vs_li``) otherwise, and left out if it stores
    none of them (no value is invented).
    """
    out: list[ElectrodeRange] = [("Li/Li+", 0.0, 0.0)]
    try:
        import lisse.materials as mat

        cathodes = mat.select(category="cathode", library=library)
    except Exception:  # the library is optional for a figure
        return out
    for m in cathodes:
        if m.has("voltage_min") and m.has("voltage_max"):
            out.append((m.name, m.si("voltage_min"), m.si("voltage_max")))
        else:
            for key in ("average_voltage", "potential_vs_li"):
                if m.has(key):
                    v = m.si(key)
                    out.append((m.name, v, v))
                    break
    return out


def plot_windows(
    windows: Sequence[StabilityWindow],
    electrodes: Sequence[ElectrodeRange] | None = None,
    v_max: float = 5.0,
    ax=None,
    path: str | Path | None = None,
) -> Figure:
    """Stability windows as horizontal bars against electrode potentials (cf. review Figure 8a).

    Parameters
    ----------
    windows : sequence of StabilityWindow
        From :func:`lisse.thermo.stability_window`.
    electrodes : sequence of (label, low [V], high [V]), optional
        Lines (low == high) or bands to draw; default :func:`electrode_ranges`.
    v_max : float
        Upper end of the potential axis [V vs Li/Li+]; unbounded windows are drawn to it.
    ax : matplotlib Axes, optional
    path : str or Path, optional
        Save the figure there.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(7.0, 0.45 * max(len(windows), 3) + 1.5))
    else:
        fig = ax.figure
    electrodes = electrode_ranges() if electrodes is None else electrodes
    labels = []
    for i, w in enumerate(windows):
        hi = v_max if w.oxidation_V is None else min(w.oxidation_V, v_max)
        ax.barh(
            i,
            hi - w.reduction_V,
            left=w.reduction_V,
            height=0.6,
            color="tab:green",
            alpha=0.8,
            hatch="//" if w.oxidation_V is None else None,
            edgecolor="k",
            linewidth=0.5,
        )
        ax.text(
            hi + 0.05,
            i,
            f"{w.reduction_V:.2f}-" + ("" if w.oxidation_V is None else f"{w.oxidation_V:.2f}"),
            va="center",
            fontsize=7,
        )
        labels.append(f"{w.name} ({w.formula})" if w.name and w.name != w.formula else w.formula)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for k, (label, lo, hi) in enumerate(electrodes):
        c = colors[k % len(colors)]
        if hi > lo:
            ax.axvspan(lo, hi, color=c, alpha=0.15, label=label)
        else:
            ax.axvline(lo, color=c, linestyle="--", linewidth=1.0, label=label)
    ax.set_yticks(range(len(windows)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0.0, v_max + 0.6)
    ax.set_xlabel("Potential vs Li/Li$^+$ [V]")
    ax.set_title("Electrochemical stability windows (grand-potential method, MP 2019 data)")
    if electrodes:
        ax.legend(loc="lower right", fontsize=7, frameon=True)
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig


def plot_li_uptake(
    profile: LiUptakeProfile, v_max: float = 5.0, ax=None, path: str | Path | None = None
) -> Figure:
    """Li uptake per formula unit versus potential (cf. Zhu, He & Mo 2015, Figure 2).

    Parameters
    ----------
    profile : LiUptakeProfile
        From :func:`lisse.thermo.li_uptake_profile`.
    v_max : float
        Upper end of the potential axis [V vs Li/Li+].
    ax : matplotlib Axes, optional
    path : str or Path, optional
        Save the figure there.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(6.0, 4.0))
    else:
        fig = ax.figure
    xs, ys = profile.curve(v_max)
    ax.plot(xs, ys, color="tab:blue", linewidth=1.5)
    ax.axhline(0.0, color="k", linewidth=0.5)
    ax.set_xlim(0.0, v_max)
    ax.set_xlabel("Potential vs Li/Li$^+$ [V]")
    ax.set_ylabel("Li uptake per formula unit")
    ax.set_title(
        f"Li uptake of {profile.name or profile.formula}"
        + (f" ({profile.formula})" if profile.name and profile.name != profile.formula else "")
    )
    fig.tight_layout()
    if path is not None:
        fig.savefig(path, dpi=150)
    return fig
