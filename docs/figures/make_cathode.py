"""Figure for docs/models.md (cathode, full cells): OCV of the supported cathodes vs stoichiometry.

Run: python docs/figures/make_cathode.py

Each curve is drawn over its fitted stoichiometry range (solid) and the parameter set's window
between the charged and discharged states is marked (dots); curves and data are lisse's
(lisse.mechanisms.cathode), ported from PyBaMM's parameter sets.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from lisse.mechanisms.cathode import CATHODES, cathode_ocv

OUT = Path(__file__).parent


def ocv_figure() -> None:
    fig, ax = plt.subplots(figsize=(5.2, 3.7))
    for name in CATHODES:
        d = cathode_ocv(name)
        x = np.linspace(*d.validity, 400)
        (line,) = ax.plot(x, np.asarray(d.function(x)), label=f"{name} ({d.parameter_set})")
        xw = np.array([d.x_charged, d.x_discharged])
        ax.plot(xw, np.asarray(d.function(xw)), "o", color=line.get_color(), ms=5)
    ax.set_xlabel("Li stoichiometry x = c / c_max")
    ax.set_ylabel("open-circuit potential vs Li/Li+ [V]")
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(2.4, 4.8)
    ax.set_title("Cathode OCV (dots: charged / discharged state of the set)", fontsize=9)
    ax.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(OUT / "cathode_ocv.png", dpi=130)
    plt.close(fig)


if __name__ == "__main__":
    ocv_figure()
