"""The parity plot of a validation: predicted median and 90 % band against the observation, per record."""

from __future__ import annotations

import math

import numpy as np
from matplotlib.figure import Figure

__all__ = ["plot_parity"]

_MARKERS = {"none": "o", "lower": ">", "upper": "<"}


def plot_parity(rows: list[dict]) -> Figure:
    """Parity plot of validation rows (``Row.to_dict()`` of :mod:`lisse.calibration.validate`).

    Each observable is its own panel (its own unit), on log axes: the observation on x, the predicted median
    on y with its 90 % band as a vertical bar (an arrow where the band or median lies beyond the protocol);
    filled markers are inside their band, open ones outside; a bound is drawn as a triangle pointing the way
    the true value lies; the diagonal is perfect agreement and the dotted lines a factor of 10.
    """
    kinds = sorted({r["kind"] for r in rows})
    fig = Figure(figsize=(4.2 * len(kinds), 4.0))
    axes = fig.subplots(1, len(kinds), squeeze=False)[0]
    for ax, kind in zip(axes, kinds, strict=True):
        mine = [r for r in rows if r["kind"] == kind]
        finite = [v for r in mine for v in (r["observed"], r["median"], r["p05"], r["p95"]) if v]
        lo, hi = min(finite) / 3, max(finite) * 3
        top = hi / 1.5
        for r in mine:
            x, y = r["observed"], r["median"] if r["median"] is not None else top
            p05 = r["p05"] if r["p05"] is not None else top
            p95 = r["p95"] if r["p95"] is not None else top
            color = "tab:green" if r["inside_90"] else "tab:red"
            ax.plot([x, x], [p05, p95], color=color, lw=2, alpha=0.6)
            if r["p95"] is None or r["median_beyond_protocol"]:
                ax.annotate("", (x, hi), (x, top), arrowprops={"arrowstyle": "->", "color": color})
            ax.plot(
                x,
                y,
                _MARKERS[r["bound"]],
                color=color,
                mfc=color if r["inside_90"] else "white",
                ms=8,
                label=r["id"],
            )
        grid = np.array([lo, hi])
        ax.plot(grid, grid, "k-", lw=0.8)
        for f in (10.0, 0.1):
            ax.plot(grid, grid * f, "k:", lw=0.6)
        ax.set(xscale="log", yscale="log", xlim=(lo, hi), ylim=(lo, hi), title=kind.replace("_", " "))
        unit = mine[0]["unit"]
        ax.set_xlabel(f"observed [{unit}]")
        ax.set_ylabel(f"predicted median, 90 % band [{unit}]")
        ax.legend(fontsize=6, loc="upper left")
        if not math.isfinite(lo):
            ax.set_axis_off()
    fig.tight_layout()
    return fig
