"""Figures for docs/models.md (chemical, electrochemical, mechanical).

Run: python docs/figures/make_chemical_mechanical.py

Material values are read from the lisse material library (each carries its source there);
values that are not material data are marked "illustrative" in the figure itself.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

import lisse.materials as materials
from lisse._core.numerics import FARADAY
from lisse.mechanisms.chemical import (
    ambipolar_conductivity_from_asr_rate,
    interphase_asr,
    interphase_asr_sqrt_time_wenzel2016,
)
from lisse.mechanisms.mechanical import (
    critical_stress,
    interphase_stress_intensity,
    li_thickness_change,
    stack_pressure_history,
)

OUT = Path(__file__).parent
HOUR = 3600.0
LI = materials.get("Li")
CREEP = dict(
    creep_reference_strain_rate=LI.si("creep_reference_strain_rate"),
    creep_reference_stress=LI.si("creep_reference_stress"),
    creep_stress_exponent=LI.si("creep_stress_exponent"),
    creep_activation_energy=LI.si("creep_activation_energy"),
)
V_LI = LI.si("molar_volume")


def interphase_figure() -> None:
    """ASR of Li | LGPS (sqrt(t) law fitted to Chen 2017 via Liu 2021) vs electron-blocking interphases."""
    r0 = materials.get("LGPS").si("interfacial_asr:Li")  # 140 ohm cm^2 (liu2021)
    r48 = 2000e-4  # ohm m^2 after 48 h (Chen et al. 2017 as reported by Liu et al. 2021)
    k_r = (r48 - r0) / np.sqrt(48 * HOUR)
    t = np.linspace(0.0, 96 * HOUR, 400)
    dg = FARADAY * 1.71  # LGPS reduction onset (Han 2016 as quoted by Liu 2021)
    omega = materials.get("Li2S").si("molar_volume") / 2.0  # per Li, order of magnitude
    sigma_ion = 5e-6  # ASSUMED interphase ionic conductivity (see docs)
    s_amb = float(ambipolar_conductivity_from_asr_rate(k_r, sigma_ion, dg, omega))
    s_el = s_amb * sigma_ion / (sigma_ion - s_amb)

    fig, ax = plt.subplots(figsize=(5.2, 3.7))
    ax.plot(
        t / HOUR,
        np.asarray(interphase_asr_sqrt_time_wenzel2016(t, k_r, r0)) * 1e4,
        "C0-",
        label=r"Li|LGPS: $R_0 + k_R\sqrt{t}$, $k_R$ fitted",
    )
    ax.plot([0, 48], [r0 * 1e4, r48 * 1e4], "ko", label="Chen 2017 (via Liu 2021): 140, 2000")
    for factor, ls in ((1e-2, "--"), (1e-4, ":")):
        r = interphase_asr(t, sigma_ion, s_el * factor, dg, omega, contact_asr=r0)
        ax.plot(
            t / HOUR,
            np.asarray(r) * 1e4,
            "C0" + ls,
            lw=1,
            label=rf"Wagner, $\sigma_{{el}}\times${factor:g} (illustrative)",
        )
    r_llzo = materials.get("LLZO").si("interfacial_asr:Li")
    r_blk = interphase_asr(t, 1e-4, 0.0, dg, omega, contact_asr=r_llzo)
    ax.plot(t / HOUR, np.asarray(r_blk) * 1e4, "C3-", label=r"Li|LLZO: $\sigma_{el}=0$, no growth")
    ax.axhline(0, color="C2", lw=0)
    ax.text(
        50,
        800,
        r"Li|LiPON: $\sigma_{el}=0$ too: flat at its" "\n" r"initial ASR (no sourced value in lisse)",
        fontsize=7,
        color="C2",
    )
    ax.set_xlabel("time [h]")
    ax.set_ylabel(r"interfacial ASR [$\Omega$ cm$^2$]")
    ax.set_title("Interphase growth (Wagner / Deal-Grove, Wenzel 2016 sqrt(t))", fontsize=9)
    ax.legend(fontsize=6.5, loc="upper left")
    fig.tight_layout()
    fig.savefig(OUT / "chemical_interphase_asr.png", dpi=120)
    plt.close(fig)


def stress_figure() -> None:
    """K_I from an expanding interphase vs its thickness, with the electrolytes' K_Ic."""
    h = np.logspace(-9, -4, 300)
    fig, ax = plt.subplots(figsize=(5.2, 3.7))
    for s in (0.1e9, 0.5e9, 2e9):
        ax.loglog(
            h * 1e6,
            np.asarray(interphase_stress_intensity(-s, h, 1.0)) / 1e6,
            label=rf"$|\sigma_m|$ = {s / 1e9:g} GPa, Z = 1 (illustrative)",
        )
    for name, ls in (("LLZO", "k--"), ("LPS-glass", "k:")):
        k_ic = materials.get(name).si("fracture_toughness")
        ax.axhline(k_ic / 1e6, color="k", ls=ls[1:], lw=1, label=f"$K_{{Ic}}$ {name} (lisse data)")
    ax.set_xlabel("interphase thickness h [um]")
    ax.set_ylabel(r"$K_I = |\sigma_m|\sqrt{Z h}$ [MPa m$^{1/2}$]")
    ax.set_title("Crack initiation where $K_I$ crosses $K_{Ic}$ (Hutchinson & Suo 1991 scaling)", fontsize=9)
    ax.set_ylim(1e-3, 30)
    ax.legend(fontsize=6.5)
    fig.tight_layout()
    fig.savefig(OUT / "mechanical_interphase_stress.png", dpi=120)
    plt.close(fig)
    # keep the critical-stress helper exercised in the figure script (LLZO, 1 um edge flaw)
    assert float(critical_stress(materials.get("LLZO").si("fracture_toughness"), 1e-6, 1.12)) > 0


def pressure_figure() -> None:
    """Stack pressure through plate/strip cycles in a fixed-height cell, with and without Li creep."""
    t = np.linspace(0.0, 6 * HOUR, 721)
    i = np.where((t // HOUR) % 2 == 0, 10.0, -10.0)  # 1 mA/cm^2, 1 h plate / 1 h strip
    k = 1e11  # Pa/m: ILLUSTRATIVE stack + fixture stiffness (not reported by Zhang 2017)
    fig, ax = plt.subplots(figsize=(5.2, 3.7))
    for c, ls in ((1.0, "C1-"), (1e-4, "C0-")):
        p = stack_pressure_history(t, i, 1e6, 50e-6, k, V_LI, 298.15, **CREEP, creep_constraint_factor=c)
        what = "free lateral flow (upper bound)" if c == 1.0 else "constraint factor 1e-4 (illustrative)"
        ax.plot(t / HOUR, np.asarray(p) / 1e6, ls, label=f"Li creep (Masias 2019 law), {what}")
    p0 = stack_pressure_history(t, i, 1e6, 50e-6, k, V_LI, 298.15, 0.0, 1e6, 6.56, 37e3)
    ax.plot(t / HOUR, np.asarray(p0) / 1e6, "k--", lw=1, label="no creep: $p_0 + k\\,\\Omega q/F$")
    dp = k * float(li_thickness_change(3.6e4, V_LI)) / 1e6
    ax.set_xlabel("time [h]")
    ax.set_ylabel("stack pressure [MPa]")
    ax.set_title(f"Fixed-height cell, k = 1e11 Pa/m (illustrative): +{dp:.2f} MPa per mAh/cm$^2$", fontsize=9)
    ax.legend(fontsize=6.5)
    fig.tight_layout()
    fig.savefig(OUT / "mechanical_stack_pressure.png", dpi=120)
    plt.close(fig)


if __name__ == "__main__":
    interphase_figure()
    stress_figure()
    pressure_figure()
