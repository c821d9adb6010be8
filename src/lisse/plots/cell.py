"""Figures of a simulated cell: voltage profile, resistance and contact, filaments, failure timeline;
and the HTML report that gathers them with the cell, the protocol and the verdict."""

from __future__ import annotations

import base64
import html
import io
import json

import numpy as np
from matplotlib.figure import Figure

__all__ = [
    "FIGURES",
    "plot_capacity",
    "plot_contact_and_resistance",
    "plot_filaments",
    "plot_timeline",
    "plot_voltage",
    "report_html",
]


def _hours(ds) -> np.ndarray:
    return ds["time"].values / 3600.0


def plot_voltage(result) -> Figure:
    """Cell voltage and current density vs time (like the review's Figures 4a and 6a); full cells also
    show the open-circuit voltage at the cathode surface."""
    ds = result.dataset
    full = not result.cell.is_symmetric
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    scale, unit = (1.0, "V") if full else (1e3, "mV")
    ax.plot(_hours(ds), ds["voltage"].values * scale, lw=0.8, color="C0", label="cell voltage")
    if full:
        ax.plot(_hours(ds), ds["open_circuit_voltage"].values, lw=0.6, color="C0", ls=":", label="OCV")
        ax.legend(loc="lower left", fontsize=8)
    ax.set_xlabel("time [h]")
    ax.set_ylabel(f"voltage [{unit}]", color="C0")
    ax2 = ax.twinx()
    ax2.plot(
        _hours(ds), ds["current_density"].values / 10.0, lw=0.6, color="C1", alpha=0.6, drawstyle="steps-pre"
    )
    ax2.set_ylabel("current density [mA/cm²]", color="C1")
    _mark_failure(ax, result)
    ax.set_title(ds.attrs.get("title", "voltage profile"))
    return fig


def plot_contact_and_resistance(result) -> Figure:
    """Total area-specific resistance and contact fraction of each electrode vs time."""
    ds = result.dataset
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    ax.semilogy(_hours(ds), ds["asr"].values * 1e4, color="k", lw=1.0, label="ASR")
    ax.set_xlabel("time [h]")
    ax.set_ylabel("area-specific resistance [Ω cm²]")
    ax2 = ax.twinx()
    ax2.plot(_hours(ds), ds["contact_we"].values, color="C2", lw=0.8, label="contact, Li (working)")
    if result.cell.is_symmetric:
        ax2.plot(_hours(ds), ds["contact_ce"].values, color="C3", lw=0.8, ls="--", label="contact, counter")
    ax2.set_ylim(0, 1.05)
    ax2.set_ylabel("contact fraction [-]")
    ax2.legend(loc="lower left", fontsize=8)
    _mark_failure(ax, result)
    return fig


def plot_filaments(result) -> Figure:
    """Filament length from each electrode, interphase thickness and internal Li vs time."""
    ds = result.dataset
    thickness = result.cell.electrolyte.thickness
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    ax.plot(_hours(ds), ds["filament_we"].values * 1e6, label="filament from working electrode")
    if result.cell.is_symmetric:
        ax.plot(_hours(ds), ds["filament_ce"].values * 1e6, ls="--", label="filament from counter electrode")
    if result.cell.is_symmetric:
        interphase, label = ds["interphase_we"].values + ds["interphase_ce"].values, "interphase (both)"
    else:
        interphase, label = ds["interphase_we"].values, "interphase on the Li anode"
    ax.plot(_hours(ds), interphase * 1e6, label=label)
    ax.axhline(thickness * 1e6, color="k", lw=0.6, ls=":", label="electrolyte thickness")
    ax.set_xlabel("time [h]")
    ax.set_ylabel("length [µm]")
    ax.legend(fontsize=8)
    _mark_failure(ax, result)
    return fig


def plot_capacity(result) -> Figure | None:
    """Discharge capacity per cycle (full cells; None for a symmetric cell)."""
    ds = result.dataset
    if "discharge_capacity" not in ds:
        return None
    fig = Figure(figsize=(8, 4.5))
    ax = fig.add_subplot()
    ax.plot(ds["discharge_cycle"].values, ds["discharge_capacity"].values, "o-", ms=3, lw=0.8)
    ax.set_xlabel("cycle")
    ax.set_ylabel("discharge capacity [mA h/cm²]")
    ax.set_ylim(bottom=0)
    return fig


def plot_timeline(result) -> Figure:
    """The mechanism chain as a timeline of cycles."""
    v = result.verdict
    fig = Figure(figsize=(8, 0.6 + 0.45 * max(len(v.mechanism_chain), 1)))
    ax = fig.add_subplot()
    ax.axis("off")
    lines = v.mechanism_chain or ["no failure mechanism became active"]
    for k, text in enumerate(lines):
        ax.text(
            0.01,
            1 - (k + 0.5) / len(lines),
            f"{k + 1}. {text}",
            va="center",
            fontsize=9,
            transform=ax.transAxes,
        )
    ax.set_title("failure timeline" if v.failed else "survived the protocol", loc="left")
    return fig


def _mark_failure(ax, result) -> None:
    if result.verdict.failed and result.verdict.time_to_failure_h is not None:
        ax.axvline(result.verdict.time_to_failure_h, color="r", lw=0.8, ls="--")


def _png(fig: Figure) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    return base64.b64encode(buf.getvalue()).decode()


FIGURES = {
    "voltage": plot_voltage,
    "resistance_contact": plot_contact_and_resistance,
    "filaments": plot_filaments,
    "capacity": plot_capacity,
    "timeline": plot_timeline,
}
"""Figure makers by name; each takes a result and returns a Figure, or None when it does not apply."""


def report_html(result) -> str:
    """A self-contained HTML report: verdict, mechanism chain, figures, cell and protocol."""
    v = result.verdict
    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(val))}</td></tr>"
        for k, val in v.to_dict().items()
        if k not in ("mechanism_chain", "coverage")
    )
    chain = "".join(f"<li>{html.escape(c)}</li>" for c in v.mechanism_chain)
    inactive = "".join(
        f"<li><b>{html.escape(k)}</b>: {html.escape(val)}</li>"
        for k, val in v.coverage.get("inactive", {}).items()
    )
    estimated = "".join(
        f"<li><b>{html.escape(e['input'])}</b> = {e['value']:.3g} {html.escape(e['unit'])} "
        f"({html.escape(e['uncertainty'])}): {html.escape(e['basis'])}</li>"
        for e in v.coverage.get("estimated", [])
    )
    n_est = len(v.coverage.get("estimated", []))
    figures = {name: fn(result) for name, fn in FIGURES.items()}
    figs = "".join(
        f'<h3>{name.replace("_", " ")}</h3><img src="data:image/png;base64,{_png(fig)}"/>'
        for name, fig in figures.items()
        if fig is not None
    )
    title = html.escape(result.dataset.attrs.get("title", "lisse simulation"))
    verdict = f"failed ({html.escape(str(v.failure_mode))})" if v.failed else "survived"
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:auto}}th{{text-align:left;padding-right:1em}}
img{{max-width:100%}}pre{{background:#f4f4f4;padding:0.5em}}</style></head><body>
<h1>{title}</h1><h2>Verdict: {verdict}</h2>
<table>{rows}</table><h2>Mechanism chain</h2><ol>{chain}</ol>
<h2>This result rests on {n_est} estimated input(s)</h2><ul>{estimated or "<li>none</li>"}</ul>
<h2>Mechanisms not modelled for this cell</h2><ul>{inactive or "<li>none</li>"}</ul>
{figs}<h2>Cell</h2><pre>{html.escape(json.dumps(result.cell.to_dict(), indent=2))}</pre>
<h2>Protocol</h2><pre>{html.escape(result.protocol_text)}</pre>
<h2>References</h2><p>{html.escape(result.dataset.attrs.get("references", ""))}</p></body></html>"""
