"""Draw the coupling graph of the cell model: the states of ``lisse.cell.model.State`` and the arrows between
them (docs/simulator.md, "Couplings"). Run: ``python docs/figures/make_coupling_graph.py`` (writes
``docs/figures/coupling_graph.png``)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch

#: Node: (x, y, label, family colour key). States of the model and the inputs that drive them.
NODES = {
    "cathode": (0.0, 8.4, "cathode stoichiometry", "electrochemical"),
    "current": (0.0, 5.2, "current density j\n(protocol, holds)", "input"),
    "pressure": (0.0, 2.2, "stack pressure p", "mechanical"),
    "temperature": (0.0, -0.4, "temperature T\n(enters every rate)", "input"),
    "cathode_layer": (3.6, 8.4, "cathode interphase", "electrochemical"),
    "interphase": (3.6, 7.0, "Li-side interphase h", "chemical"),
    "depletion": (3.6, 5.6, "salt depletion", "electrochemical"),
    "contact": (3.6, 4.0, "contact fraction phi", "electric"),
    "alloy": (3.6, 2.4, "alloy interface depletion", "electric"),
    "li": (3.6, 0.6, "Li thickness", "mechanical"),
    "fracture": (7.2, 8.0, "electrolyte tension", "mechanical"),
    "crack": (10.2, 8.6, "crack growth c", "mechanical"),
    "internal": (7.2, 6.6, "internal Li", "electric"),
    "local": (7.2, 4.6, "local current |j|/phi_e", "electric"),
    "intrusion": (7.2, 1.8, "Li crept into pores", "mechanical"),
    "filament": (10.2, 3.6, "filament length", "electric"),
    "voltage": (13.0, 6.4, "voltage, ASR\n(failure margins)", "output"),
    "short": (13.0, 2.6, "short circuit", "output"),
}
#: Arrows: (from, to, label).
EDGES = [
    ("current", "contact", "stripping > refill"),
    ("pressure", "contact", "creep refill"),
    ("alloy", "contact", "skeleton"),
    ("current", "alloy", "Sand (alloy D)"),
    ("current", "depletion", "t+ < 1"),
    ("current", "li", "Faraday"),
    ("li", "pressure", "stiffness"),
    ("cathode", "pressure", "swelling"),
    ("cathode", "cathode_layer", "E > E_ox"),
    ("contact", "interphase", "where Li touches"),
    ("current", "internal", "electronic leakage"),
    ("contact", "local", "1/phi_e"),
    ("pressure", "intrusion", "p/phi > sigma_f(d)"),
    ("interphase", "fracture", "misfit"),
    ("local", "filament", "Porz"),
    ("depletion", "filament", "Sand"),
    ("intrusion", "filament", "longer flaws"),
    ("filament", "short", ""),
    ("intrusion", "short", ""),
    ("internal", "short", "percolation"),
    ("fracture", "voltage", "K = K_Ic"),
    ("interphase", "voltage", "h/sigma"),
    ("cathode_layer", "voltage", "h/(sigma a)"),
    ("local", "voltage", "charge transfer, constriction"),
    ("alloy", "voltage", "RT/F ln(x_b/x_s)"),
    ("filament", "voltage", "shorter separator"),
    ("fracture", "crack", "v0 (K/K_Ic)^n, longer flaw"),
    ("crack", "fracture", ""),
    ("crack", "filament", "longer flaw (Porz)"),
]
COLOURS = {
    "input": "#dddddd",
    "electric": "#9ecae1",
    "chemical": "#a1d99b",
    "electrochemical": "#fdd0a2",
    "mechanical": "#dadaeb",
    "output": "#fcbba1",
}


def draw(path: Path) -> None:
    fig, ax = plt.subplots(figsize=(13, 7.5))
    for x, y, label, kind in NODES.values():
        ax.text(
            x, y, label, ha="center", va="center", fontsize=8,
            bbox={"boxstyle": "round,pad=0.4", "fc": COLOURS[kind], "ec": "0.3"},
        )  # fmt: skip
    for a, b, label in EDGES:
        (x0, y0, *_), (x1, y1, *_) = NODES[a], NODES[b]
        ax.add_patch(
            FancyArrowPatch(
                (x0, y0), (x1, y1), arrowstyle="-|>", mutation_scale=12, color="0.35",
                shrinkA=30, shrinkB=30, connectionstyle="arc3,rad=0.05",
            )
        )  # fmt: skip
        if label:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.15, label, fontsize=6.5, ha="center", color="0.2")
    handles = [plt.Rectangle((0, 0), 1, 1, fc=c, ec="0.3") for c in COLOURS.values()]
    ax.legend(handles, list(COLOURS), loc="lower right", fontsize=7, frameon=False, ncol=3)
    ax.set_xlim(-1.4, 14.4)
    ax.set_ylim(-1.4, 9.2)
    ax.axis("off")
    ax.set_title("lisse.cell.model: states and couplings (one state vector, one diffrax solve)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=150)


if __name__ == "__main__":
    draw(Path(__file__).with_name("coupling_graph.png"))
