"""Figures of the materials library."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from lisse.materials import PROPERTIES, Material

__all__ = ["plot_property_vs_temperature"]

_FAMILY_STYLE = {
    "oxide": "-",
    "sulfide": "--",
    "halide": "-.",
    "hydride": ":",
    "nitride": (0, (5, 1)),
    "polymer": (0, (3, 1, 1, 1)),
}


def plot_property_vs_temperature(materials: list[Material], name: str, unit: str | None = None) -> Figure:
    """Arrhenius plot of ``name`` for each material that has it: log10(value) against 1000/T,
    drawn over the validity range of the stored Arrhenius law (a single marker where the
    value is stored at one temperature only). Like Figure 1 of Liu et al. 2021.
    """
    unit = unit or ("S/cm" if PROPERTIES[name].unit == "S/m" else PROPERTIES[name].unit)
    fig = Figure(figsize=(7.0, 5.0))
    ax = fig.add_subplot()
    drawn = 0
    for m in materials:
        if not m.has(name):
            continue
        rec = m.record(name)
        if rec.law is not None:
            lo, hi = rec.law.range_K
            T = np.linspace(lo, hi, 60)
            y = [m.property(name, T=float(t)).to(unit).magnitude for t in T]
            ax.plot(1000.0 / T, y, linestyle=_FAMILY_STYLE.get(m.family, "-"), label=m.name)
        else:
            ax.plot([1000.0 / rec.temperature_K], [rec.quantity.to(unit).magnitude], "o", label=m.name)
        drawn += 1
    if drawn == 0:
        raise ValueError(f"no material in the selection stores {name!r}")
    ax.set_yscale("log")
    ax.set_xlabel("1000 / T [1/K]")
    ax.set_ylabel(f"{name.replace('_', ' ')} [{unit}]")
    top = ax.secondary_xaxis(
        "top", functions=(lambda x: 1000.0 / np.maximum(x, 1e-9) - 273.15, lambda c: 1000.0 / (c + 273.15))
    )
    top.set_xlabel("T [°C]")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=7, ncol=2, loc="lower left")
    ax.set_title(f"{name.replace('_', ' ')} vs temperature (validity range of each law)")
    return fig


def plot_coverage(cm) -> Figure:
    """The coverage matrix (:func:`lisse.materials.coverage.coverage_matrix`): one coloured cell per
    material and input, labelled with its evidence letter."""
    from matplotlib.colors import ListedColormap

    order = ["M", "D", "Q", "C", "K", "U", "E", "", "-"]
    colours = [
        "#1b7837",
        "#5aae61",
        "#a6dba0",
        "#9970ab",
        "#2166ac",
        "#f1a340",
        "#fdb863",
        "#d73027",
        "#ffffff",
    ]
    grid = np.array([[order.index(x) for x in cm.row(m)] for m in cm.materials])
    fig = Figure(figsize=(1.0 + 0.55 * len(cm.inputs), 1.0 + 0.28 * len(cm.materials)))
    ax = fig.add_subplot()
    ax.imshow(grid, cmap=ListedColormap(colours), vmin=-0.5, vmax=len(order) - 0.5, aspect="auto")
    for (r, c), k in np.ndenumerate(grid):
        ax.text(c, r, order[k] if order[k] != "" else "?", ha="center", va="center", fontsize=7)
    ax.set_xticks(range(len(cm.inputs)), [i.replace("_", " ") for i in cm.inputs], rotation=60, ha="right")
    ax.set_yticks(range(len(cm.materials)), cm.materials, fontsize=7)
    ax.set_title(
        "Evidence behind each simulator input (M measured, D dataset, Q quoted, C computed, E estimated)"
    )
    return fig
