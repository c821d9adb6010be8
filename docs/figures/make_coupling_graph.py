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
    "current": (0.0, 3.0, "current density j\n(protocol, holds)", "input"),
    "pressure": (0.0, 0.8, "stack pressure p\n(state)", "mechanical"),
    "contact": (2.4, 2.0, "contact fraction phi\n(voids)", "electric"),
    "local": (4.6, 3.2, "local current |j|/phi_e", "electric"),
    "filament": (7.0, 3.2, "filament length", "electric"),
    "intrusion": (4.6, 0.4, "Li crept into pores", "mechanical"),
    "internal": (7.0, 4.6, "internal Li fraction", "electric"),
    "interphase": (2.4, 5.0, "interphase thickness h", "chemical"),
    "fracture": (4.6, 6.2, "electrolyte tension -> crack", "mechanical"),
    "depletion": (2.4, 4.0 - 0.2, "salt depletion (polymers)", "electrochemical"),
    "li": (0.0, -0.6, "Li thickness", "mechanical"),
    "cathode": (0.0, 6.0, "cathode stoichiometry", "electrochemical"),
    "voltage": (9.4, 2.0, "voltage, ASR\n(failure margins)", "output"),
    "short": (9.4, 4.0, "short circuit", "output"),
}
#: Arrows: (from, to, label).
EDGES = [
    ("current", "contact", "stripping > refill"),
    ("pressure", "contact", "creep refills"),
    ("contact", "local", "1/phi (spread by a\nconducting interlayer)"),
    ("current", "local", ""),
    ("local", "filament", "Porz flaw overpotential"),
    ("depletion", "filament", "Sand"),
    ("current", "depletion", ""),
    ("pressure", "intrusion", "p/phi > flow stress\nat pore size"),
    ("contact", "intrusion", ""),
    ("intrusion", "filament", "longer flaws"),
    ("intrusion", "short", ""),
    ("filament", "short", ""),
    ("current", "internal", "electronic leakage"),
    ("internal", "short", "percolation"),
    ("contact", "interphase", "grows where Li touches"),
    ("interphase", "fracture", "misfit stress"),
    ("interphase", "voltage", "h / sigma"),
    ("local", "voltage", "charge transfer,\nconstriction"),
    ("li", "pressure", "stack stiffness"),
    ("current", "li", ""),
    ("cathode", "pressure", "swelling"),
    ("cathode", "voltage", "OCV"),
    ("filament", "voltage", "shorter separator"),
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
    fig, ax = plt.subplots(figsize=(11, 6.5))
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
                shrinkA=28, shrinkB=28, connectionstyle="arc3,rad=0.08",
            )
        )  # fmt: skip
        if label:
            ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.15, label, fontsize=6.5, ha="center", color="0.2")
    handles = [plt.Rectangle((0, 0), 1, 1, fc=c, ec="0.3") for c in COLOURS.values()]
    ax.legend(handles, list(COLOURS), loc="lower right", fontsize=7, frameon=False)
    ax.set_xlim(-1.2, 10.6)
    ax.set_ylim(-1.3, 6.9)
    ax.axis("off")
    ax.set_title("lisse.cell.model: states and couplings (one state vector, one diffrax solve)", fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=150)


if __name__ == "__main__":
    draw(Path(__file__).with_name("coupling_graph.png"))
