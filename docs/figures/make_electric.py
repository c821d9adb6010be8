"""Figures for docs/models.md (electric) (run: python docs/figures/make_electric.py).

Parameter values and their sources are written next to each curve; where lisse has no sourced value
(Li6PS5Cl fracture toughness) the curve is left out rather than guessed.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

from lisse.mechanisms.electric import (
    ccd_stripping,
    creep_limited_stripping_current,
    critical_overpotential_porz2017,
)

OUT = Path(__file__).parent
OMEGA = 13.0e-6  # m^3/mol, CRC (haynes2016)
# Li creep law as stored in lisse's li.toml: fit to Masias 2019 Table S1 (26 degC), Q from LePage 2019.
CREEP = dict(
    creep_reference_strain_rate=7.7e-3,
    creep_reference_stress=1e6,
    creep_stress_exponent=6.56,
    creep_activation_energy=37e3,
    reference_temperature=299.15,
)


def porz() -> None:
    a = np.logspace(-7, -4, 200)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    for name, k in (
        ("LLZO, $K_{Ic}$=1.25 MPa m$^{1/2}$ (Porz 2017)", 1.25e6),
        ("75Li$_2$S-25P$_2$S$_5$ glass, 0.23 (McGrogan 2017)", 0.23e6),
    ):
        for y, ls in ((1.0, "-"), (1.12, "--")):
            eta = critical_overpotential_porz2017(a, k, OMEGA, geometry_factor=y)
            ax.loglog(a * 1e6, np.asarray(eta) * 1e3, ls, label=f"{name}, Y={y}" if y == 1.0 else None)
    ax.set_xlabel("flaw length a [um]")
    ax.set_ylabel("critical overpotential [mV]")
    ax.set_title(
        "Porz et al. 2017 (dashed: Y = 1.12)\nLi6PS5Cl omitted: no sourced K_Ic in lisse", fontsize=9
    )
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(OUT / "electric_porz_overpotential.png", dpi=120)


def creep() -> None:
    p = np.linspace(0.1e6, 5e6, 200)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    for t in (273.15, 298.15, 333.15):
        i = creep_limited_stripping_current(p, 1.0, t, 1e-6, OMEGA, **CREEP)
        ax.semilogy(p / 1e6, np.asarray(i) / 10.0, label=f"{t - 273.15:.0f} degC")
    ax.set_xlabel("stack pressure [MPa]")
    ax.set_ylabel("creep-limited stripping current [mA/cm$^2$]")
    ax.set_title(
        "creep length h = 1 um, full contact (scaling model;\nabsolute values scale with h)", fontsize=9
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(OUT / "electric_creep_stripping_current.png", dpi=120)


def ccd() -> None:
    p = np.linspace(0.0, 5e6, 200)
    fig, ax = plt.subplots(figsize=(5, 3.6))
    for phi in (1.0, 0.5):
        r = ccd_stripping(p, phi, 298.15, 1e-13, 10.0, 1e-6, 1e-6, OMEGA, **CREEP)
        ax.semilogy(p / 1e6, np.asarray(r.value) / 10.0, label=f"stripping CCD, contact fraction {phi}")
    ax.set_xlabel("stack pressure [MPa]")
    ax.set_ylabel("CCD [mA/cm$^2$]")
    ax.set_title(
        "Illustrative inputs (D_v = 1e-13 m2/s, c_v* = 10 mol/m3,\n"
        "sink distance 1 um, h = 1 um): not fitted to any cell",
        fontsize=9,
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(OUT / "electric_ccd_vs_pressure.png", dpi=120)


if __name__ == "__main__":
    porz()
    creep()
    ccd()
