"""Spot checks of the electrode, interlayer, interphase and cathode data against published numbers.

Each test names the publication, the number it prints and the tolerance (with the reason). The
values are read through the public API, ``lisse.materials.get``, so a wrong unit in a data file
fails here as well.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import lisse.materials as mat

FARADAY = 96485.33212  # C/mol
GAS_CONSTANT = 8.314462618  # J/(mol K)

# Masias et al., J. Mater. Sci. 54, 2585 (2019), DOI 10.1007/s10853-018-2971-3, ESM Table S1:
# tensile creep, minimum secondary creep rate vs applied stress at room temperature (~26 degC).
MASIAS_STRESS_MPA = np.array([0.200, 0.301, 0.396, 0.400, 0.400, 0.400, 0.600])
MASIAS_RATE_PER_S = np.array([2.00e-7, 4.95e-6, 1.58e-5, 1.34e-5, 1.36e-5, 1.72e-5, 3.89e-4])


def _masias_fit() -> tuple[float, float]:
    """Least-squares power law ln(rate) = ln(A) + n ln(sigma / 1 MPa) through Table S1."""
    n, ln_a = np.polyfit(np.log(MASIAS_STRESS_MPA), np.log(MASIAS_RATE_PER_S), 1)
    return float(n), float(math.exp(ln_a))


def test_li_molar_volume_is_13_cm3_per_mol():
    # M/rho = 6.94 g/mol / 0.534 g/cm3 = 13.0 cm3/mol (CRC Handbook density); 0.5 % covers rounding.
    li = mat.get("Li")
    assert li.property("molar_volume_li").to("cm^3/mol").magnitude == pytest.approx(13.0, rel=5e-3)
    # and it must agree with the stored density and the atomic weight of Li (6.94 g/mol)
    m_li = 6.94e-3  # kg/mol
    assert li.si("molar_volume_li") == pytest.approx(m_li / li.si("density"), rel=5e-3)


def test_li_elastic_constants_masias2019_and_isotropy():
    # Masias 2019 abstract: E = 7.82 GPa, G = 2.83 GPa, nu = 0.381 (pulse-echo); stored exactly.
    li = mat.get("Li")
    e, g, nu = li.si("youngs_modulus"), li.si("shear_modulus"), li.si("poisson_ratio")
    assert e == pytest.approx(7.82e9, rel=1e-3)
    assert g == pytest.approx(2.83e9, rel=1e-3)
    # analytic check for an isotropic solid: E = 2 G (1 + nu); 1 % allows the rounding of the printed values
    assert e == pytest.approx(2 * g * (1 + nu), rel=1e-2)


def test_li_bulk_yield_strength_masias2019():
    # Masias 2019 Table 3: 0.73-0.81 MPa in tension, 0.81 +/- 0.10 MPa in compression (polycrystalline).
    y = mat.get("Li").property("yield_strength").to("MPa").magnitude
    assert 0.6 <= y <= 0.91


def test_li_whisker_yield_strength_zhang2020():
    # Zhang et al., Nat. Nanotechnol. 15, 94 (2020) (review ref. 84): whisker yield strength up to 244 MPa.
    assert mat.get("Li").property("whisker_yield_strength").to("MPa").magnitude == pytest.approx(244, abs=0.5)


def test_li_size_exponent_xu2017():
    # Xu et al., PNAS 114, 57 (2017): strengthening exponent -0.68 at room temperature.
    assert mat.get("Li").si("yield_strength_size_exponent") == pytest.approx(0.68, abs=1e-6)


def test_li_creep_exponent_reproduces_masias_table_s1():
    # Refitting the published Table S1 must return the printed n = 6.56 (2 decimals)...
    n_fit, _ = _masias_fit()
    assert n_fit == pytest.approx(6.56, abs=0.005)
    # ...and the stored exponent must be that value.
    assert mat.get("Li").si("creep_stress_exponent") == pytest.approx(n_fit, abs=0.005)


def test_li_creep_strain_rate_at_1_mpa_from_published_power_law():
    # Stored reference rate at 1 MPa, ~26 degC vs the power law refitted to Masias 2019 Table S1:
    # eps_dot(1 MPa) = A * 1**n. Tolerance 1 %: the stored value is rounded to two digits.
    li = mat.get("Li")
    n_fit, a_fit = _masias_fit()
    sigma_ref = li.property("creep_reference_stress").to("MPa").magnitude
    assert sigma_ref == pytest.approx(1.0)
    expected_26c = a_fit * sigma_ref**n_fit
    assert li.si("creep_reference_strain_rate") == pytest.approx(expected_26c, rel=1e-2)
    # At 298.15 K the rate follows the Arrhenius law with the stored creep activation energy
    # (LePage et al. 2019): eps(298.15 K) = eps(299.15 K) * exp(-Q/R (1/298.15 - 1/299.15)).
    q = li.si("creep_activation_energy")
    expected_298 = expected_26c * math.exp(-q / GAS_CONSTANT * (1 / 298.15 - 1 / 299.15))
    assert li.si("creep_reference_strain_rate", T=298.15) == pytest.approx(expected_298, rel=1e-2)
    # The range stored must bracket the fitted value (95 % CI of the extrapolated fit).
    lo, hi = li.record("creep_reference_strain_rate").range
    assert lo < expected_26c < hi


def test_liin_plateau_santhosha2019():
    # Santhosha et al., Batteries & Supercaps 2, 524 (2019): In/LiIn plateau at 0.62 V vs Li+/Li.
    assert mat.get("Li-In").si("potential_vs_li") == pytest.approx(0.62, abs=0.005)


def test_al2o3_ald_asr_drop_han2017():
    # Han et al., Nat. Mater. 16, 572 (2017): Li|garnet ASR from 1710 to 1 Ohm cm2 with ALD Al2O3.
    al2o3 = mat.get("Al2O3")
    without = al2o3.property("interfacial_asr_without:LLZO").to("ohm*cm^2").magnitude
    with_ = al2o3.property("interfacial_asr_with:LLZO").to("ohm*cm^2").magnitude
    assert without == pytest.approx(1710, rel=1e-3)
    assert with_ == pytest.approx(1, rel=1e-3)


def test_si_coating_asr_luo2016():
    # Luo et al., JACS 138, 12258 (2016): 925 -> 127 Ohm cm2 with a Si coating on garnet.
    si = mat.get("Si")
    assert si.property("interfacial_asr_without:LLZO").to("ohm*cm^2").magnitude == pytest.approx(925)
    assert si.property("interfacial_asr_with:LLZO").to("ohm*cm^2").magnitude == pytest.approx(127)


def test_lifepo4_theoretical_capacity_bounds_practical():
    # Theoretical capacity of LiFePO4 (M = 157.76 g/mol, one electron): F / (3.6 M) = 170 mAh/g (Padhi 1997).
    theoretical = FARADAY / (3.6 * 157.76)  # mAh/g
    assert theoretical == pytest.approx(170, abs=0.5)
    practical = mat.get("LFP").property("specific_capacity").to("mA*h/g").magnitude
    # Nitta et al. 2015 compile 165 mAh/g; a practical capacity cannot exceed the theoretical one.
    assert 0.9 * theoretical <= practical <= theoretical


def test_lifepo4_volume_change_padhi1997():
    # Padhi et al., J. Electrochem. Soc. 144, 1188 (1997): -6.81 % from LiFePO4 to FePO4; 0.1 % abs tolerance.
    assert mat.get("LiFePO4").si("volume_change") == pytest.approx(-0.0681, abs=1e-3)


def test_lifepo4_xray_density_consistent_with_cell():
    # rho = Z M / (N_A V) with Z = 4, V = 291.4 A^3 (orthorhombic cell) -> 3.60 g/cm3; 1 % tolerance.
    rho = 4 * 157.76 / (6.02214076e23 * 291.4e-24)
    assert mat.get("LiFePO4").property("density").to("g/cm^3").magnitude == pytest.approx(rho, rel=1e-2)


@pytest.mark.parametrize(
    ("name", "molar_mass_g"),
    [("LiF", 25.94), ("Li2O", 29.88), ("LiCl", 42.39), ("Li2S", 45.95), ("Li3N", 34.83)],
)
def test_molar_volume_matches_density(name, molar_mass_g):
    # V_m = M / rho, with M from standard atomic weights; 0.5 % covers the rounding of the stored values.
    m = mat.get(name)
    assert m.si("molar_volume") == pytest.approx(molar_mass_g * 1e-3 / m.si("density"), rel=5e-3)


def test_metal_interphases_are_good_electronic_conductors():
    # Electron-conducting reduction products (Ti, Zr) are > 1e6 S/m (CRC resistivities ~42 uOhm cm),
    # far above the Li+ conductivity of Li3N (1.2e-3 S/cm): the basis of mixed-conducting interphases.
    for name in ("Ti", "Zr"):
        assert mat.get(name).si("electronic_conductivity") > 1e6
    assert mat.get("Li3N").si("ionic_conductivity") == pytest.approx(0.12, rel=1e-3)


def test_categories_of_this_set():
    assert {"Li", "LiIn"} <= set(mat.names(category="anode"))
    assert {"Al2O3", "Si", "Li3N", "LiF"} <= set(mat.names(category="interlayer"))
    assert {"Li2S", "Li3P", "LiCl", "Li2O", "Ti", "Zr", "Ge"} <= set(mat.names(category="interphase"))
    assert set(mat.names(category="cathode")) >= {"LiCoO2", "NMC811", "LiFePO4", "TiS2"}


def test_missing_values_stay_missing():
    # No confirmed published value was stored for these; asking must raise, not guess.
    li = mat.get("Li")
    assert not li.has("exchange_current_density:Li6PS5Cl")  # R_P ~0.8 ohm cm^2 found, DOI not confirmed
    assert not li.has("vacancy_diffusion_coefficient")
    with pytest.raises(ValueError):
        li.property("yield_strength_reference_size")
    assert not mat.get("Li2S").has("electronic_conductivity")  # no sourced number (only "insulator")
    assert not mat.get("polymer-interlayer").has("interfacial_asr_with:LLZO")


def test_li_self_diffusion_messer_noack_via_roy2021():
    # Roy, Fleck & Deshpande, Extreme Mech. Lett. (2021), DOI 10.1016/j.eml.2021.101307, quote the NMR
    # value of Messer & Noack (1975) at T = 300 K: D = 8e-15 m2/s. Stored exactly (1e-6: float round-off).
    li = mat.get("Li")
    assert li.si("self_diffusion_coefficient") == pytest.approx(8e-15, rel=1e-6)


def test_li_self_diffusion_arrhenius_mundy1969():
    # Mundy et al., phys. stat. sol. (b) 35 (1969), DOI 10.1002/pssb.19690350137: Q = 12.98 kcal/mol
    # (= 54.3 kJ/mol), equal to that of Li self-diffusion. Check the stored law against the analytic Arrhenius
    # ratio between 300.15 K and 400 K (1e-3 relative: the kcal -> kJ rounding of Q).
    li = mat.get("Li")
    q = 12.98 * 4184.0  # J/mol
    expected = 8e-15 * math.exp(-q / GAS_CONSTANT * (1 / 400.0 - 1 / 300.15))
    assert li.si("self_diffusion_coefficient", T=400.0) == pytest.approx(expected, rel=1e-3)
    # the implied prefactor D0 = D(300 K) exp(Q/RT) is of the order 1e-5 m2/s quoted for Li self-diffusion
    d0 = 8e-15 * math.exp(q / (GAS_CONSTANT * 300.15))
    assert 1e-5 < d0 < 5e-5


def test_lial_plateau_wen1979():
    # Wen, Boukamp, Huggins & Weppner, J. Electrochem. Soc. 126, 2258 (1979):
    # E(Al/LiAl) = 451 - 0.220 T[K] mV. At 298.15 K: 385.4 mV; tolerance 1 mV (stored value rounded to 1 mV).
    # The measured 423 degC point, 298 mV, must be inside the stored range.
    lial = mat.get("LiAl")
    assert lial.si("potential_vs_li") == pytest.approx((451 - 0.220 * 298.15) * 1e-3, abs=1e-3)
    lo, hi = lial.record("potential_vs_li").range
    assert lo <= (451 - 0.220 * 696.15) * 1e-3 + 1e-3 and hi >= 0.385


def test_lial_chemical_diffusion_wen1981():
    # Wen et al., Int. Met. Rev. 26, 253 (1981): mean 2.4e-6 cm2/s on the Li-rich side of LiAl at 415 degC.
    lial = mat.get("LiAl")
    assert lial.property("li_diffusion_coefficient").to("cm^2/s").magnitude == pytest.approx(2.4e-6, rel=1e-6)
    assert lial.record("li_diffusion_coefficient").temperature_K == pytest.approx(688.15)


def test_li3p_conductivity_lower_bound_nazri1989():
    # Nazri, Solid State Ionics 34, 97 (1989): sigma(Li3P) "higher than 1e-4 S/cm" at ambient temperature.
    assert mat.get("Li3P").property("ionic_conductivity").to("S/cm").magnitude == pytest.approx(
        1e-4, rel=1e-6
    )


def test_li3p_molar_volume_from_hexagonal_lattice():
    # Li3P, P6_3/mmc, a = 4.273 A, c = 7.594 A, Z = 2 (cell listed by OBELiX, Therrien et al. 2025,
    # DOI 10.48550/arXiv.2502.14234, for Nazri, Solid State Ionics 34, 97 (1989)).
    # V_cell = (sqrt(3)/2) a^2 c, V_m = N_A V_cell / Z; stored to 4 digits, tolerance 0.05 %.
    v_cell = math.sqrt(3) / 2 * (4.273e-8) ** 2 * 7.594e-8  # cm^3
    expected = 6.02214076e23 * v_cell / 2
    assert mat.get("Li3P").property("molar_volume").to("cm^3/mol").magnitude == pytest.approx(
        expected, rel=5e-4
    )


def test_li15ge4_molar_volume_from_cubic_lattice_johnson1965():
    # Johnson, Smith & Wood, Acta Cryst. 18, 131 (1965), DOI 10.1107/S0365110X65000257: cubic I-43d,
    # a = 10.78 A (recalled, see the data note), Z = 4. V_m = N_A a^3 / Z; tolerance 0.05 %.
    expected = 6.02214076e23 * (10.78e-8) ** 3 / 4
    assert mat.get("Li15Ge4").property("molar_volume").to("cm^3/mol").magnitude == pytest.approx(
        expected, rel=5e-4
    )


def test_interlayer_values_cheng2019_huo2020():
    # Cheng et al., Joule 3, 1510 (2019): "sub-10-nm" CVD BN film -> stored upper bound 10 nm.
    assert mat.get("BN").si("typical_thickness") <= 10e-9 + 1e-15
    # Huo et al., Energy Environ. Sci. 13, 127 (2020): CCD 1.2 mA/cm2 with the Li3N/Cu mixed conductive layer.
    ccd = mat.get("Li3N-Cu").property("critical_current_density:LLZTO").to("mA/cm^2").magnitude
    assert ccd == pytest.approx(1.2, rel=1e-6)


def test_li_lgps_apparent_exchange_current_from_interfacial_resistance():
    # Liu et al. review, Adv. Energy Mater. 11, 2100748 (2021), quoting Chen et al. PCCP 2017:
    # R_int = 140 ohm cm^2 for a fresh Li | LGPS interface, 2000 ohm cm^2 after 48 h.
    # Analytic linearised Butler-Volmer:
    # i0 = RT / (F R_int) at 298.15 K; stored rounded to 3 digits, so tolerance 0.5 %.
    rec = mat.get("Li").record("exchange_current_density:LGPS")
    rt_f = GAS_CONSTANT * 298.15 / FARADAY
    assert mat.get("Li").si("exchange_current_density:LGPS") == pytest.approx(rt_f / 140e-4, rel=5e-3)
    assert rec.range == pytest.approx((rt_f / 2000e-4, rt_f / 140e-4), rel=5e-3)
    # consistency with the ASR stored on the LGPS entry (same source, same number)
    asr = mat.get("LGPS").si("interfacial_asr:Li")
    assert mat.get("Li").si("exchange_current_density:LGPS") == pytest.approx(rt_f / asr, rel=5e-3)


def test_li_llzo_apparent_exchange_current_eckhardt2023():
    # Eckhardt et al., Adv. Mater. Interfaces 10, 2202354 (2023), DOI 10.1002/admi.202202354 (Sec. 3.4):
    # the upper limit of the Li | LLZO charge-transfer resistance is "about 1 ohm cm^2" (the same value as the
    # ALD-coated Li | garnet ASR of Han et al., Nat. Mater. 16, 572 (2017)); the bare garnet, 1710 ohm cm^2
    # (Han), is the range. i0 = RT / (F R) at 298.15 K: 257 A/m^2 (default) down to 0.150 A/m^2 (bare);
    # tolerance 0.5 %.
    li = mat.get("Li")
    rt_f = GAS_CONSTANT * 298.15 / FARADAY
    assert li.record("exchange_current_density:LLZO").source == "eckhardt2023"
    assert li.si("exchange_current_density:LLZO") == pytest.approx(rt_f / 1e-4, rel=5e-3)
    # Eckhardt: no interface signal (< 0.1 ohm cm^2) after 400 MPa, so the stored i0 must lie below
    # RT / (F * 0.1 ohm cm^2)
    assert li.si("exchange_current_density:LLZO") < rt_f / 0.1e-4
    lo, hi = li.record("exchange_current_density:LLZO").range
    assert lo == pytest.approx(rt_f / 1710e-4, rel=5e-3)
    # the stored i0 range must be the image of the stored LLZO ASR range under i0 = RT/(F ASR)
    asr_lo, asr_hi = mat.get("LLZO").record("interfacial_asr:Li").range
    assert (lo, hi) == pytest.approx((rt_f / (asr_hi * 1e-4), rt_f / (asr_lo * 1e-4)), rel=5e-3)


def test_li2s_ionic_conductivity_lin2013():
    # Lin et al., Angew. Chem. Int. Ed. 52, 7460 (2013), DOI 10.1002/anie.201300680, abstract: LPSPs reach
    # 3.0e-5 S/cm at 25 degC, "8 orders of magnitude higher than that of Li2S" -> sigma(Li2S) ~ 3e-13 S/cm.
    # The stored default (1e-13 S/cm, as quoted by Wan et al. 2021) must lie within a factor 10 of that
    # order-of-magnitude statement, and the stored range must contain 3.0e-5 / 1e8.
    rec = mat.get("Li2S").record("ionic_conductivity")
    sigma = mat.get("Li2S").property("ionic_conductivity").to("S/cm").magnitude
    assert abs(math.log10(sigma) - math.log10(3.0e-5 / 1e8)) < 1.0
    assert rec.unit == "S/cm" and rec.range is not None
    lo, hi = rec.range
    assert lo <= 3.0e-5 / 1e8 <= hi * (1 + 1e-9)


def test_lif_ionic_conductivity_liverpool_dataset():
    # Liverpool Ionics Dataset (Hargreaves et al. 2023, DOI 10.1038/s41524-022-00951-z), LiIonDatabase.csv
    # ID 2031: LiF, 25 degC, 1.18e-14 S/cm. Exact copy of the dataset value (1e-9 relative for float parsing).
    sigma = mat.get("LiF").property("ionic_conductivity").to("S/cm").magnitude
    assert sigma == pytest.approx(1.18e-14, rel=1e-9)
