"""Spot checks of the solid-electrolyte entries against the published numbers they cite.

Each test names the publication and the tolerance. Tolerances are tight (1-5 %) where the library stores the
published number itself, so the test fails if a data file is edited away from its source; consistency checks
(isotropic elasticity, density x molar volume = formula mass, Arrhenius law) compare with analytic relations.
"""

from __future__ import annotations

import math

import pytest
from pymatgen.core import Composition

import lisse.materials as mat
from lisse._core.errors import MaterialDataError

ELECTROLYTES = [
    "LLZO",
    "LLZTO",
    "LGPS",
    "Li6PS5Cl",
    "Li7P3S11",
    "Li3PS4",
    "LPS-glass",
    "LATP",
    "LAGP",
    "LLTO",
    "LiPON",
    "PEO-LiTFSI",
    "LiBH4",
    "Li3OCl",
    "Li3InCl6",
]
R = 8.314462618  # J/(mol K)


@pytest.mark.parametrize("name", ELECTROLYTES)
def test_electrolyte_entries_load(name):
    m = mat.get(name)
    assert m.category == "electrolyte"
    # the phase-stability formula must be parseable; polymers have no stand-in
    formula = m.stand_in_formula or m.formula
    assert Composition(formula).num_atoms > 0
    if m.family == "polymer":
        assert m.stand_in_formula is None


def test_aliases_resolve():
    assert mat.get("garnet").name == "LLZO"
    assert mat.get("Ta-LLZO").name == "LLZTO"
    assert mat.get("LPSCl").name == "Li6PS5Cl"
    assert mat.get("beta-Li3PS4").name == "Li3PS4"
    assert mat.get("75Li2S-25P2S5").name == "LPS-glass"


def test_llzo_conductivity_murugan2007_recalled_inside_liu2021_window():
    # Murugan et al., Angew. Chem. Int. Ed. 46, 7778 (2007): total 2.44e-4 S/cm at 25 degC. The number was
    # recalled in the library's first pass and never re-read, so it is stored as `estimated`; its bounds are
    # the 1e-4..1e-3 S/cm room-temperature window of oxide electrolytes in the Liu et al. 2021 review (Adv.
    # Energy Mater. 11, 2100748), which also contains the 5.11e-4 S/cm both conductivity datasets list for the
    # same paper. Tolerance 1 %.
    m = mat.get("LLZO")
    sigma = m.property("ionic_conductivity", T="25 degC").to("S/cm").magnitude
    assert sigma == pytest.approx(2.44e-4, rel=0.01)
    rec = m.record("ionic_conductivity")
    assert rec.evidence == "estimated"
    assert (rec.uncertainty.low, rec.uncertainty.high) == pytest.approx((1e-4, 1e-3), rel=1e-9)
    assert rec.uncertainty.low <= 5.11e-4 <= rec.uncertainty.high


def test_lgps_conductivity_kamaya2011():
    # Kamaya et al., Nat. Mater. 10, 682 (2011): 1.2e-2 S/cm at 27 degC; tolerance 2 %.
    sigma = mat.get("LGPS").property("ionic_conductivity", T="27 degC").to("S/cm").magnitude
    assert sigma == pytest.approx(1.2e-2, rel=0.02)


def test_lgps_arrhenius_matches_analytic_law():
    # Kamaya et al. (2011): Ea = 24 kJ/mol.
    # Analytic: sigma(T2)/sigma(T1) = exp(-Ea/R (1/T2 - 1/T1)) for the "plain" form.
    lgps = mat.get("LGPS")
    t1, t2 = 300.15, 353.15
    ratio = lgps.si("ionic_conductivity", T=t2) / lgps.si("ionic_conductivity", T=t1)
    assert ratio == pytest.approx(math.exp(-24e3 / R * (1 / t2 - 1 / t1)), rel=1e-6)
    assert ratio > 1.0


def test_li7p3s11_conductivity_seino2014():
    # Seino et al., Energy Environ. Sci. 7, 627 (2014): 1.7e-2 S/cm at room temperature; tolerance 2 %.
    sigma = mat.get("Li7P3S11").property("ionic_conductivity").to("S/cm").magnitude
    assert sigma == pytest.approx(1.7e-2, rel=0.02)


def test_beta_li3ps4_conductivity_liu2013():
    # Liu et al., J. Am. Chem. Soc. 135, 975 (2013), DOI 10.1021/ja3110895, as listed by the Liverpool Ionics
    # Dataset (Hargreaves et al. 2023), ID 792: 1.6e-4 S/cm at 25 degC; tolerance 2 %.
    rec = mat.get("Li3PS4").record("ionic_conductivity")
    assert rec.evidence == "dataset" and rec.entry.endswith("ID 792") and rec.original == "10.1021/ja3110895"
    sigma = mat.get("Li3PS4").property("ionic_conductivity", T="25 degC").to("S/cm").magnitude
    assert sigma == pytest.approx(1.6e-4, rel=0.02)


def test_llzo_mechanics_ni2012_and_porz2017():
    llzo = mat.get("LLZO")
    # Ni et al., J. Mater. Sci. 47, 7978 (2012), abstract: E = 149.8 +/- 0.4 GPa (RUS, P = 0.03); tol. 1 %.
    assert llzo.property("youngs_modulus").to("GPa").magnitude == pytest.approx(149.8, rel=0.01)
    assert llzo.record("youngs_modulus").uncertainty.sd == pytest.approx(0.4, rel=1e-9)
    # G = 59.6 GPa attributed to Ni et al. is not in the abstract (recalled): stored as estimated; tol. 1 %.
    assert llzo.property("shear_modulus").to("GPa").magnitude == pytest.approx(59.6, rel=0.01)
    assert llzo.record("shear_modulus").evidence == "estimated"
    # K_Ic = 1.25 MPa m^0.5 as quoted by Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022), from Wolfenstine
    # et al., Mater. Lett. 96, 117 (2013); tolerance 1 %.
    assert llzo.si("fracture_toughness") == pytest.approx(1.25e6, rel=0.01)
    assert llzo.record("fracture_toughness").evidence == "quoted"
    assert "10.1016/j.matlet.2013.01.021" in llzo.record("fracture_toughness").original


def test_llzo_elastic_constants_are_isotropic_consistent():
    # Analytic: for an isotropic solid G = E / (2 (1 + nu)); the three RUS values must agree within 1 %.
    llzo = mat.get("LLZO")
    e, g, nu = llzo.si("youngs_modulus"), llzo.si("shear_modulus"), llzo.si("poisson_ratio")
    assert g == pytest.approx(e / (2 * (1 + nu)), rel=0.01)


def test_llzo_density_and_molar_volume_consistent():
    # Analytic: rho * V_m = M (formula mass, pymatgen); the molar volume was derived from the density.
    llzo = mat.get("LLZO")
    mass = float(Composition("Li7La3Zr2O12").weight) * 1e-3  # kg/mol
    assert llzo.si("density") * llzo.si("molar_volume") == pytest.approx(mass, rel=0.002)


def test_lps_glass_mechanics_mcgrogan2017():
    # McGrogan et al., Adv. Energy Mater. 7, 1602011 (2017): E = 18.5 GPa, K_Ic = 0.23 MPa m^0.5; tolerance
    # 2 %. E = 18.5 GPa is recalled (stored as estimated, inside the Sakuda window checked below); K_Ic =
    # 0.23 +/- 0.04 MPa m^0.5 as quoted by Duan et al., Mater. Today (2023), DOI 10.1016/j.mattod.2023.10.003.
    lps = mat.get("LPS-glass")
    assert lps.property("youngs_modulus").to("GPa").magnitude == pytest.approx(18.5, rel=0.02)
    assert lps.record("youngs_modulus").evidence == "estimated"
    assert lps.property("fracture_toughness").to("MPa*m^0.5").magnitude == pytest.approx(0.23, rel=0.02)
    kic = lps.record("fracture_toughness")
    assert kic.evidence == "quoted" and kic.uncertainty.distribution == "normal"
    assert kic.uncertainty.sd == pytest.approx(0.04, rel=1e-9)
    # the glass is far more compliant and brittle than the garnet (the point of McGrogan 2017)
    llzo = mat.get("LLZO")
    assert lps.si("youngs_modulus") < 0.2 * llzo.si("youngs_modulus")
    assert lps.si("fracture_toughness") < 0.25 * llzo.si("fracture_toughness")


def test_lgps_interfacial_asr_review_ref66():
    # Liu et al. review (Adv. Energy Mater. 11, 2100748, 2021), citing Chen et al. PCCP 2017:
    # 140 ohm cm^2 for a fresh Li | LGPS interface; tolerance 1 %.
    asr = mat.get("LGPS").property("interfacial_asr:Li").to("ohm*cm^2").magnitude
    assert asr == pytest.approx(140, rel=0.01)


def test_libh4_transition_is_not_crossed():
    # Matsuo et al., Appl. Phys. Lett. 91, 224103 (2007): the conductivity jumps ~1e3 at ~390 K; the stored
    # room-temperature value carries no Arrhenius law, so asking for 120 degC must fail, not extrapolate. The
    # used value is the Liverpool Ionics Dataset point ID 587 (DOI 10.1021/acsomega.8b00377): 9.89e-8 S/cm at
    # 27 degC (1e-9 relative); the recalled Matsuo order of magnitude (1e-8) is a second, estimated candidate.
    libh4 = mat.get("LiBH4")
    assert libh4.property("ionic_conductivity").to("S/cm").magnitude == pytest.approx(9.89e-8, rel=1e-9)
    assert libh4.record("ionic_conductivity").temperature_K == pytest.approx(300.15, abs=1e-9)
    assert [r.evidence for r in libh4.candidates["ionic_conductivity"]] == ["dataset", "estimated"]
    assert libh4.property("ionic_conductivity").to("S/cm").magnitude < 1e-6
    with pytest.raises(MaterialDataError):
        libh4.property("ionic_conductivity", T="120 degC")


def test_llzo_arrhenius_refuses_outside_range():
    with pytest.raises(MaterialDataError):
        mat.get("LLZO").property("ionic_conductivity", T="150 degC")


def test_llzo_relative_density_ni2012():
    # Ni et al., J. Mater. Sci. 47, 7978 (2012), abstract: the E = 149.8 GPa specimen has volume-fraction
    # porosity P = 0.03, the E = 132.6 GPa one P = 0.06; relative density = 1 - P. Tolerance 0.5 %.
    rec = mat.get("LLZO").record("relative_density")
    assert rec.value == pytest.approx(0.97, rel=0.005)
    assert rec.uncertainty.distribution == "uniform"
    assert (rec.uncertainty.low, rec.uncertainty.high) == pytest.approx((0.94, 0.97), rel=0.005)


def test_llzto_conductivity_and_density_tsai2016():
    # Tsai et al., ACS Appl. Mater. Interfaces 8, 10617 (2016), abstract: total conductivity 0.71 mS/cm
    # at 30 degC (LLZ:Ta, 92.7 % dense) and 1.18 mS/cm (hot-pressed, 99.0 % dense). Tolerance 1 %.
    llzto = mat.get("LLZTO")
    sigma = llzto.property("ionic_conductivity", T="30 degC").to("mS/cm").magnitude
    assert sigma == pytest.approx(0.71, rel=0.01)
    u = llzto.record("ionic_conductivity").uncertainty
    assert (u.low, u.high) == pytest.approx((0.71, 1.18), rel=0.01)
    assert llzto.si("relative_density") == pytest.approx(0.927, rel=0.005)
    # no activation energy could be confirmed: asking for another temperature must fail, not extrapolate
    with pytest.raises(MaterialDataError):
        llzto.property("ionic_conductivity", T="60 degC")


def test_li7p3s11_activation_energy_seino2014():
    # Seino et al., Energy Environ. Sci. 7, 627 (2014), abstract: Ea = 17 kJ/mol at room temperature.
    # Analytic: for the plain form, ln(sigma(T2)/sigma(T1)) = -Ea/R (1/T2 - 1/T1); recover Ea within 1e-6.
    m = mat.get("Li7P3S11")
    t1, t2 = 298.15, 333.15
    ratio = m.si("ionic_conductivity", T=t2) / m.si("ionic_conductivity", T=t1)
    ea = -R * math.log(ratio) / (1 / t2 - 1 / t1)
    assert ea == pytest.approx(17e3, rel=1e-6)


def test_lps_glass_modulus_inside_sakuda2013_window():
    # Sakuda et al., Sci. Rep. 3, 2261 (2013): Li2S-P2S5 glasses have E of about 18-25 GPa; the stored default
    # (McGrogan 2017) must lie inside that window and the range must be that window.
    rec = mat.get("LPS-glass").record("youngs_modulus")
    assert (rec.uncertainty.low, rec.uncertainty.high) == pytest.approx((18.0, 25.0))
    assert 18.0 <= rec.quantity.to("GPa").magnitude <= 25.0


def test_lipon_conductivity_and_activation_energy_yu1997():
    # Yu, Bates, Jellison & Hart, J. Electrochem. Soc. 144, 524 (1997), DOI 10.1149/1.1837443, abstract:
    # 2.3 (+/- 0.7) x 1e-6 S/cm at 25 degC, Ea = 0.55 +/- 0.02 eV, impedance between -26 and 140 degC.
    # Tolerance 1 % on the value; Ea recovered from the stored law within 1e-6 (analytic).
    m = mat.get("LiPON")
    assert m.property("ionic_conductivity", T="25 degC").to("S/cm").magnitude == pytest.approx(
        2.3e-6, rel=0.01
    )
    t1, t2 = 298.15, 333.15
    ratio = m.si("ionic_conductivity", T=t2) / m.si("ionic_conductivity", T=t1)
    kb_ev = 8.617333262e-5  # eV/K
    ea = -kb_ev * math.log(ratio) / (1 / t2 - 1 / t1)
    assert ea == pytest.approx(0.55, rel=1e-6)
    # the paper's +/- are the stored sds: 0.7e-6 S/cm on the value, 0.02 eV on Ea (exact)
    rec = m.record("ionic_conductivity")
    assert rec.uncertainty.distribution == "normal"
    assert rec.uncertainty.sd == pytest.approx(0.7e-6, rel=1e-9)
    assert rec.arrhenius.activation_energy_sd_eV == pytest.approx(0.02, rel=1e-9)
    # the law holds over Yu's measured span (-26 to 140 degC) and refuses beyond it
    assert m.si("ionic_conductivity", T="140 degC") > m.si("ionic_conductivity", T="25 degC")
    with pytest.raises(MaterialDataError):
        m.property("ionic_conductivity", T="150 degC")


# --- Molar volumes derived from published lattice parameters: V_m = N_A * V_cell / Z ---
AVOGADRO = 6.02214076e23  # 1/mol


def test_li6ps5cl_molar_volume_from_cubic_lattice_obelix():
    # OBELiX (Therrien et al. 2025) entry 97p, Rao & Adams 2011 (DOI 10.1002/pssa.201001117): cubic F-43m, a =
    # 9.85 A, Z = 4 (the value once attributed to Deiseroth 2008 from memory). V_m = N_A a^3 / Z; stored to 4
    # digits, so tolerance 0.05 %.
    rec = mat.get("Li6PS5Cl").record("molar_volume")
    assert rec.evidence == "dataset" and rec.entry.startswith("OBELiX all.csv entry 97p")
    a_cm = 9.85e-8
    expected = AVOGADRO * a_cm**3 / 4  # cm^3/mol
    assert mat.get("Li6PS5Cl").property("molar_volume").to("cm^3/mol").magnitude == pytest.approx(
        expected, rel=5e-4
    )
    # range: the OBELiX lattice parameters 9.8397 A (Boulineau 2012) and 9.898 A (Kraft 2017), 0.05 %
    lo, hi = rec.uncertainty.low, rec.uncertainty.high
    assert lo == pytest.approx(AVOGADRO * 9.8397e-8**3 / 4, rel=5e-4)
    assert hi == pytest.approx(AVOGADRO * 9.898e-8**3 / 4, rel=5e-4)


def test_lgps_molar_volume_from_tetragonal_lattice_kamaya2011():
    # Kamaya et al., Nat. Mater. 10, 682 (2011), DOI 10.1038/nmat3066: P4_2/nmc, a = 8.69407 A,
    # c = 12.5994 A, Z = 2. V_m = N_A a^2 c / Z; stored to 4 digits, tolerance 0.05 %.
    expected = AVOGADRO * (8.69407e-8) ** 2 * 12.5994e-8 / 2
    assert mat.get("LGPS").property("molar_volume").to("cm^3/mol").magnitude == pytest.approx(
        expected, rel=5e-4
    )


def _obelix_molar_volume_record(name, entry_id):
    rec = mat.get(name).record("molar_volume")
    assert rec.evidence == "dataset" and rec.source == "therrien2025"
    assert rec.entry.startswith(f"OBELiX all.csv entry {entry_id} ")
    return mat.get(name).property("molar_volume").to("cm^3/mol").magnitude


def test_lagp_molar_volume_from_hexagonal_lattice_obelix_1xf():
    # OBELiX (Therrien et al. 2025) entry 1xf, Li1.5Al0.5Ge1.5(PO4)3, DOI 10.1021/acsami.8b00842: R-3c,
    # a = 8.25658 A, c = 20.6523 A, Z = 6 (cell Li9Al3Ge9P18O72). V_m = N_A (sqrt(3)/2) a^2 c / Z; 0.5 %.
    v_cell = math.sqrt(3) / 2 * (8.25658e-8) ** 2 * 20.6523e-8  # cm^3
    expected = AVOGADRO * v_cell / 6
    assert _obelix_molar_volume_record("LAGP", "1xf") == pytest.approx(expected, rel=5e-3)


def test_latp_molar_volume_from_hexagonal_lattice_obelix_9s4():
    # OBELiX entry 9s4, Li1.3Al0.3Ti1.7(PO4)3 of Aono et al. 1990, DOI 10.1149/1.2086597: R-3c,
    # a = 8.5004 A, c = 20.8156 A, Z = 6 (cell Li7.8Al1.8Ti10.2P18O72). V_m = N_A (sqrt(3)/2) a^2 c / Z, 0.5 %
    v_cell = math.sqrt(3) / 2 * (8.5004e-8) ** 2 * 20.8156e-8  # cm^3
    expected = AVOGADRO * v_cell / 6
    assert _obelix_molar_volume_record("LATP", "9s4") == pytest.approx(expected, rel=5e-3)


def test_llto_molar_volume_from_tetragonal_lattice_obelix_vwy():
    # OBELiX entry vwy, La0.56Li0.33TiO3, DOI 10.1016/s0167-2738(98)00070-8: P4/mmm, a = 3.8675 A,
    # c = 7.758 A, Z = 2 (cell La1.12Li0.66Ti2O6). V_m = N_A a^2 c / Z; 0.5 %.
    expected = AVOGADRO * (3.8675e-8) ** 2 * 7.758e-8 / 2
    assert _obelix_molar_volume_record("LLTO", "vwy") == pytest.approx(expected, rel=5e-3)


def test_li3incl6_molar_volume_from_monoclinic_lattice_obelix_de5():
    # OBELiX entry de5, Li3InCl6, DOI 10.1002/anie.201909805: C2/m, a = 6.432 A, b = 11.093 A, c = 6.398 A,
    # beta = 109.8 deg, Z = 2 (cell Li6In2Cl12). V_m = N_A a b c sin(beta) / Z; 0.5 %.
    v_cell = 6.432e-8 * 11.093e-8 * 6.398e-8 * math.sin(math.radians(109.8))  # cm^3
    expected = AVOGADRO * v_cell / 2
    assert _obelix_molar_volume_record("Li3InCl6", "de5") == pytest.approx(expected, rel=5e-3)


def test_li6ps5cl_elastic_constants_from_e_and_pugh_ratio_singh2022():
    # Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022), DOI 10.1016/j.xcrp.2022.101043: E(LPSCl) = 22 GPa,
    # Pugh ratio G/B = 0.28. Isotropic elasticity: E = 9BG/(3B+G); nu = (3B-2G)/(2(3B+G)).
    m = mat.get("Li6PS5Cl")
    e = 22e9
    k = 0.28
    b = e * (3 + k) / (9 * k)
    g = k * b
    nu = (3 * b - 2 * g) / (2 * (3 * b + g))
    assert m.si("youngs_modulus") == pytest.approx(e, rel=1e-9)
    assert m.si("shear_modulus") == pytest.approx(g, rel=5e-3)  # stored rounded to 8.0 GPa
    assert m.si("poisson_ratio") == pytest.approx(nu, abs=5e-4)  # stored to 3 decimals
    # the stored triple is self-consistent: E = 2G(1+nu) within the rounding
    assert 2 * m.si("shear_modulus") * (1 + m.si("poisson_ratio")) == pytest.approx(e, rel=5e-3)


def test_li6ps5cl_critical_current_densities_singh2022_duan2023():
    # Singh et al. 2022 (Fig. 8, 298 K, Li attached at 265 MPa): short circuit at 0.9 mA/cm2 (small
    # grains) and 0.4 mA/cm2 (large grains). Duan et al., Mater. Today (2023),
    # DOI 10.1016/j.mattod.2023.10.003: CCD 1.5 mA/cm2 of the pure Li6PS5Cl pellet. Stored exactly (1e-9).
    m = mat.get("Li6PS5Cl")
    ccd0 = m.record("critical_current_density:0MPa")
    assert m.property("critical_current_density:0MPa").to("mA/cm^2").magnitude == pytest.approx(0.9, rel=1e-9)
    assert (ccd0.uncertainty.low, ccd0.uncertainty.high) == pytest.approx((0.4, 0.9), rel=1e-9)
    ccd15 = m.property("critical_current_density:15MPa").to("mA/cm^2").magnitude
    assert ccd15 == pytest.approx(1.5, rel=1e-9)


# --- Conductivity laws checked against the published conductivity datasets ---
# Liverpool Ionics Dataset: Hargreaves et al., npj Comput. Mater. 9, 9 (2023), DOI 10.1038/s41524-022-00951-z
# (LiIonDatabase.csv; values digitised from the original papers' Arrhenius plots). The points below are copied
# from that file (columns: ID, temperature [degC], target [S/cm]) so that the fits can be recomputed here.
KB_EV = 8.617333262e-5  # eV/K

# Zhao & Daemen, J. Am. Chem. Soc. 134, 15042 (2012), DOI 10.1021/ja305709z, Li3OCl; dataset IDs 672, 671, 670
# (the fourth point, ID 667 at 253.44 degC, is near melting and deliberately not part of the stored fit).
LI3OCL_ZHAO2012_POINTS = [(30.51, 1.41e-4), (90.16, 4.19e-4), (150.88, 9.02e-4)]


def _fit_activation_energy_ev(points):
    """Least-squares slope of ln(sigma) vs 1/T for the plain Arrhenius form; returns Ea [eV]."""
    xs = [1.0 / (t_c + 273.15) for t_c, _ in points]
    ys = [math.log(s) for _, s in points]
    xm, ym = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - xm) * (y - ym) for x, y in zip(xs, ys, strict=True)) / sum((x - xm) ** 2 for x in xs)
    return -slope * KB_EV


def test_li3ocl_activation_energy_refit_from_liverpool_points():
    # The stored Ea must equal the fit recomputed from the digitised points within 0.01 eV (the stored
    # value is rounded to 2 significant digits); the stored law must reproduce each fitted point within 5 %.
    ea_fit = _fit_activation_energy_ev(LI3OCL_ZHAO2012_POINTS)
    m = mat.get("Li3OCl")
    assert m.record("ionic_conductivity").arrhenius.activation_energy_eV == pytest.approx(ea_fit, abs=0.01)
    # the law actually used by lookups has that slope (analytic two-point slope of the plain form)
    t1, t2 = 303.66, 424.03
    ratio = m.si("ionic_conductivity", T=t2) / m.si("ionic_conductivity", T=t1)
    ea_law = -KB_EV * math.log(ratio) / (1 / t2 - 1 / t1)
    assert ea_law == pytest.approx(ea_fit, abs=0.01)
    for t_c, sigma in LI3OCL_ZHAO2012_POINTS:
        got = m.property("ionic_conductivity", T=f"{t_c} degC").to("S/cm").magnitude
        assert got == pytest.approx(sigma, rel=0.05)


def test_li3ocl_law_range_is_the_fitted_points():
    # valid_from/valid_to = lowest/highest fitted temperature; the reference point (30.51 degC, the lowest
    # measured temperature, since the data start above 25 degC) lies inside; 25 and 200 degC are refused.
    rec = mat.get("Li3OCl").record("ionic_conductivity")
    lo, hi = rec.arrhenius.range_K
    assert lo == pytest.approx(30.51 + 273.15, abs=0.01)
    assert hi == pytest.approx(150.88 + 273.15, abs=0.01)
    assert rec.temperature_K == pytest.approx(30.51 + 273.15, abs=0.01)
    m = mat.get("Li3OCl")
    for t in ("25 degC", "200 degC"):
        with pytest.raises(MaterialDataError):
            m.property("ionic_conductivity", T=t)


def test_li3ocl_excluded_point_would_bend_the_fit():
    # Cross-check of the exclusion argument: adding the 253.44 degC point (dataset ID 667, 3.54e-3 S/cm)
    # raises the fitted Ea by > 0.02 eV, i.e. that point is off the low-temperature straight line.
    ea3 = _fit_activation_energy_ev(LI3OCL_ZHAO2012_POINTS)
    ea4 = _fit_activation_energy_ev([*LI3OCL_ZHAO2012_POINTS, (253.44, 3.54e-3)])
    assert ea4 - ea3 > 0.02


def test_lgps_law_agrees_with_liverpool_point_at_5degC():
    # Kamaya et al. (2011) as digitised in the Liverpool Ionics Dataset (ID 797): 6.31e-3 S/cm at 5 degC.
    # The stored value (1.2e-2 S/cm, 27 degC) with Ea = 24 kJ/mol predicts 5.6e-3 S/cm; tolerance 15 %
    # (digitisation of a log-scale plot, rounding of Ea); a wrong Ea (e.g. 0.35 instead of 0.25 eV) fails.
    sigma = mat.get("LGPS").property("ionic_conductivity", T="5 degC").to("S/cm").magnitude
    assert sigma == pytest.approx(6.31e-3, rel=0.15)


def test_li6ps5cl_conductivity_law_boulineau2012():
    """Li6PS5Cl: the stored law reproduces the 4 points of Boulineau et al. (2012), Solid State Ionics 221, 1,
    DOI 10.1016/j.ssi.2012.06.008, as digitised in the Liverpool Ionics Dataset (Hargreaves et al. 2023,
    entries 497-500); least-squares Ea = 0.3245 eV, stored 0.325 eV; each point within 6 % of the law."""
    import numpy as np

    points_C = [18.82, 25.36, 50.47, 150.58]
    sigma_S_per_cm = [3.76e-4, 5.37e-4, 1.32e-3, 2.14e-2]
    T = np.array(points_C) + 273.15
    slope, _ = np.polyfit(1.0 / T, np.log(sigma_S_per_cm), 1)
    m = mat.get("Li6PS5Cl")
    rec = m.record("ionic_conductivity")
    assert -slope * 8.617333262e-5 == pytest.approx(rec.arrhenius.activation_energy_eV, abs=0.01)
    for t_c, s in zip(points_C, sigma_S_per_cm, strict=True):
        assert m.property("ionic_conductivity", T=f"{t_c} degC").to("S/cm").magnitude == pytest.approx(
            s, rel=0.06
        )


def test_lipon_electronic_conductivity_put2016():
    # Put et al. 2016 (ACS AMI), abstract: electronic resistivity of a 15 nm LiPON film "around 1e15 ohm cm"
    # -> sigma_e = 1 / 1e15 S/cm. Stored as that order of magnitude; 1e-9 relative for float parsing.
    sigma = mat.get("LiPON").property("electronic_conductivity").to("S/cm").magnitude
    assert sigma == pytest.approx(1.0 / 1.0e15, rel=1e-9)


# --- Values added from the shared literature and dataset files (evidence classes and their sources) ---


def test_llzto_mechanics_hu2021():
    # Hu et al., Chinese Phys. Lett. 38, 098401 (2021), DOI 10.1088/0256-307x/38/9/098401, abstract: E =
    # 158.47 +/- 10.10 GPa at 98 % density; K_Ic rises from 0.44 to 1.51 MPa m^0.5 with density. Stored
    # exactly (1e-9).
    m = mat.get("LLZTO")
    e = m.record("youngs_modulus")
    assert e.evidence == "measured" and e.source == "hu2021"
    assert e.value == pytest.approx(158.47, rel=1e-9) and e.uncertainty.sd == pytest.approx(10.10, rel=1e-9)
    k = m.record("fracture_toughness")
    assert k.value == pytest.approx(1.51, rel=1e-9)
    assert k.uncertainty.distribution == "loguniform"
    assert (k.uncertainty.low, k.uncertainty.high) == pytest.approx((0.44, 1.51), rel=1e-9)
    # the former LLZO stand-ins are kept as lower-class candidates and are not used
    assert [r.evidence for r in m.candidates["youngs_modulus"]] == ["measured", "estimated"]
    assert [r.evidence for r in m.candidates["fracture_toughness"]] == ["measured", "estimated"]


def test_latp_mechanics_and_grain_size_jackman2012():
    # Jackman & Cutler, J. Power Sources 218, 65 (2012), highlights/abstract: K_Ic 1.1 MPa m^0.5, Young's
    # modulus 81-115 GPa (coarse -> fine grains), fine grains 1.7 +/- 0.7 um. Stored exactly (1e-9).
    m = mat.get("LATP")
    assert m.property("fracture_toughness").to("MPa*m^0.5").magnitude == pytest.approx(1.1, rel=1e-9)
    e = m.record("youngs_modulus")
    assert e.value == pytest.approx(115, rel=1e-9)
    assert (e.uncertainty.low, e.uncertainty.high) == pytest.approx((81, 115), rel=1e-9)
    g = m.record("grain_size")
    assert g.quantity.to("um").magnitude == pytest.approx(1.7, rel=1e-9)
    assert g.uncertainty.sd == pytest.approx(0.7, rel=1e-9)


def test_latp_conductivity_obelix_aono1990():
    # OBELiX (Therrien et al. 2025) entry 9s4: 7.22e-4 S/cm for Aono et al. (DOI 10.1149/1.2086597); bounds:
    # the other Li1.3Al0.3Ti1.7(PO4)3 values at 20-30 degC of both datasets, 3.75e-5 to 6.2e-3 S/cm. Exact
    # (1e-9).
    rec = mat.get("LATP").record("ionic_conductivity")
    assert rec.evidence == "dataset" and rec.original == "10.1149/1.2086597"
    assert rec.quantity.to("S/cm").magnitude == pytest.approx(7.22e-4, rel=1e-9)
    assert (rec.uncertainty.low, rec.uncertainty.high) == pytest.approx((3.75e-5, 6.2e-3), rel=1e-9)
    assert rec.law is None  # the only 3-point LATP series needs Ea = 1.53 eV and is not used


def test_li6ps5cl_additions_singh2022_and_dft():
    m = mat.get("Li6PS5Cl")
    # Singh et al. 2022: KIC = 0.23 MPa m^0.5 "for Li2S-P2S5", quoted from McGrogan et al. 2017 (exact).
    k = m.record("fracture_toughness")
    assert k.evidence == "quoted" and "10.1002/aenm.201602011" in k.original
    assert k.quantity.to("MPa*m^0.5").magnitude == pytest.approx(0.23, rel=1e-9)
    # Singh et al. 2022: porosity ~17 % (small grains) and ~8 % (large grains) -> 0.83 (0.83..0.92).
    rd = m.record("relative_density")
    assert rd.value == pytest.approx(0.83, rel=1e-9)
    assert (rd.uncertainty.low, rd.uncertainty.high) == pytest.approx((1 - 0.17, 1 - 0.08), rel=1e-9)
    # Materials Project K_VRH 27.967 GPa (CrabNet mp_bulk_modulus train.csv row 156), computed (exact) ...
    kb = m.record("bulk_modulus")
    assert kb.evidence == "computed" and kb.source == "dejong2015"
    assert kb.quantity.to("GPa").magnitude == pytest.approx(27.967, rel=1e-9)
    # ... and the bulk modulus implied by Singh's E = 22 GPa and G/B = 0.28, B = E (3 + k) / (9 k), agrees
    # within 3 %.
    b_quoted = 22 * (3 + 0.28) / (9 * 0.28)
    assert b_quoted == pytest.approx(kb.quantity.to("GPa").magnitude, rel=0.03)


# Materials Project VRH moduli as listed in /work/shared/data/literature/elastic_dft.csv (chosen rows), GPa.
DFT_VRH = {
    "LGPS": (25, 9, "row 9016"),
    "Li3PS4": (21, 11, "row 575"),
    "Li3OCl": (52, 38, "row 9019"),
    "LiBH4": (16, 6, "row 1314"),
}


@pytest.mark.parametrize("name", DFT_VRH)
def test_dft_vrh_moduli_dejong2015(name):
    # de Jong et al., Sci. Data 2, 150009 (2015) (Materials Project elastic workflow), Matbench v0.1 rows:
    # stored exactly (whole GPa as the 2019 data hold them); E and nu are not stored (lisse derives them).
    k, g, row = DFT_VRH[name]
    m = mat.get(name)
    for prop, expected in (("bulk_modulus", k), ("shear_modulus", g)):
        rec = m.record(prop)
        assert rec.evidence == "computed" and rec.source == "dejong2015" and row in rec.entry
        assert rec.quantity.to("GPa").magnitude == pytest.approx(expected, rel=1e-9)
    assert not m.has("youngs_modulus") and not m.has("poisson_ratio")


def test_li3incl6_conductivity_rosenbach2023_and_obelix():
    # Rosenbach et al., Adv. Energy Mater. 13, 2203673 (2023): sigma(Li3InCl6) = 0.7 mS/cm at 25 degC (used);
    # OBELiX entry de5: 2.04e-3 S/cm (DOI 10.1002/anie.201909805), second candidate. Exact (1e-9).
    m = mat.get("Li3InCl6")
    assert m.property("ionic_conductivity").to("mS/cm").magnitude == pytest.approx(0.7, rel=1e-9)
    cands = m.candidates["ionic_conductivity"]
    assert [r.evidence for r in cands] == ["measured", "dataset"]
    assert cands[1].quantity.to("S/cm").magnitude == pytest.approx(2.04e-3, rel=1e-9)


def test_llto_values_stramare2003_and_liverpool():
    m = mat.get("LLTO")
    # Stramare, Thangadurai & Weppner, Chem. Mater. 15, 3974 (2003), abstract: bulk 1e-3 S/cm at RT (quoted).
    bulk = m.record("bulk_ionic_conductivity")
    assert bulk.evidence == "quoted" and bulk.source == "stramare2003"
    assert bulk.quantity.to("S/cm").magnitude == pytest.approx(1e-3, rel=1e-9)
    # Liverpool Ionics Dataset ID 614: 6.88e-4 S/cm at 25 degC for Li0.34La0.56TiO3; bounds 2.0e-5..1.54e-3.
    tot = m.record("ionic_conductivity")
    assert tot.quantity.to("S/cm").magnitude == pytest.approx(6.88e-4, rel=1e-9)
    assert (tot.uncertainty.low, tot.uncertainty.high) == pytest.approx((2.0e-5, 1.54e-3), rel=1e-9)
    assert tot.quantity.to("S/cm").magnitude < bulk.quantity.to("S/cm").magnitude


def test_lagp_main_cluster_and_high_series():
    # Liverpool ID 422 (= OBELiX u5t): 2.80e-4 S/cm at 25 degC, used, log-uniform over the datasets' RT
    # scatter 1.9e-4..6.309e-3; second candidate: the 4-point series of DOI 10.1016/j.jpowsour.2009.11.037
    # (IDs 826-829), whose stored Ea must equal the least-squares refit within 0.005 eV.
    m = mat.get("LAGP")
    used = m.record("ionic_conductivity")
    assert used.quantity.to("S/cm").magnitude == pytest.approx(2.80e-4, rel=1e-9) and used.law is None
    assert (used.uncertainty.low, used.uncertainty.high) == pytest.approx((1.9e-4, 6.309e-3), rel=1e-9)
    high = m.candidates["ionic_conductivity"][1]
    points = [(26.58, 4.43e-3), (46.92, 1.20e-2), (76.74, 3.24e-2), (127.05, 8.43e-2)]
    assert high.arrhenius.activation_energy_eV == pytest.approx(_fit_activation_energy_ev(points), abs=0.005)
    assert high.quantity.to("S/cm").magnitude == pytest.approx(4.43e-3, rel=1e-9)


# Bradford et al. 2023 polymer data (Chem-prop-pred clean_train_data.csv rows 5034-5042; DOI of the curve
# 10.1021/acs.macromol.6b00851): PEO 5 kg/mol + LiTFSI, EO:Li = 12.5, T [degC] and sigma [S/cm].
PEO_BRADFORD_POINTS = [
    (60.0, 5.55e-4),
    (70.0, 8.0e-4),
    (80.0, 1.17e-3),
    (90.0, 1.6e-3),
    (100.0, 2.1e-3),
    (110.0, 2.69e-3),
]


def test_peo_litfsi_vtf_law_refit_from_bradford_points():
    # VTF sigma = A T^-1/2 exp(-B/(T - T0)), T0 = 200 K: B from the linear least-squares fit of ln(sigma
    # T^1/2) vs 1/(T - T0) must match the stored B within 2 K; the stored law must reproduce every point
    # within 3 %.
    import numpy as np

    t0 = 200.0
    T = np.array([p[0] for p in PEO_BRADFORD_POINTS]) + 273.15
    sig = np.array([p[1] for p in PEO_BRADFORD_POINTS])
    slope, _ = np.polyfit(1.0 / (T - t0), np.log(sig * np.sqrt(T)), 1)
    m = mat.get("PEO-LiTFSI")
    rec = m.record("ionic_conductivity")
    assert rec.vtf is not None and pytest.approx(t0) == rec.vtf.T0_K
    assert pytest.approx(-slope, abs=2.0) == rec.vtf.B_K
    assert rec.quantity.to("S/cm").magnitude == pytest.approx(1.6e-3, rel=1e-9)  # the 90 degC point
    for t_c, s in PEO_BRADFORD_POINTS:
        assert m.property("ionic_conductivity", T=f"{t_c} degC").to("S/cm").magnitude == pytest.approx(
            s, rel=0.03
        )
    # below the melt the law is not meant: 40 degC must be refused unless extrapolation is asked for
    with pytest.raises(MaterialDataError):
        m.property("ionic_conductivity", T="40 degC")


def test_peo_self_diffusion_digitised_pesko2017():
    # Pesko et al. 2017, Fig. 1 as digitised in andthum/lintf2_ether_ana_postproc (thum2023): D_Li =
    # 7.59410e-3 nm^2/ns at r = 0.08, 363 K; bounds 2.63469e-3 (r = 0.14) .. 2.13875e-2 nm^2/ns (r = 0.01). 1
    # nm^2/ns = 1e-9 m^2/s.
    rec = mat.get("PEO-LiTFSI").record("self_diffusion_coefficient")
    assert rec.evidence == "dataset" and rec.source == "thum2023"
    assert rec.quantity.to("m^2/s").magnitude == pytest.approx(7.59410e-12, rel=1e-3)
    assert (rec.uncertainty.low, rec.uncertainty.high) == pytest.approx((2.63469e-12, 2.13875e-11), rel=2e-3)


def test_recalled_values_are_estimated_with_wide_uncertainty():
    # Values recalled and never verified against their paper: evidence "estimated", a note that says so first,
    # and a spread of at least x/÷2 (lognormal) or explicit bounds.
    recalled = [
        ("LLZO", "ionic_conductivity"),
        ("LLZO", "electronic_conductivity"),
        ("LLZO", "shear_modulus"),
        ("LLZO", "poisson_ratio"),
        ("LPS-glass", "youngs_modulus"),
        ("LiPON", "youngs_modulus"),
        ("LiPON", "poisson_ratio"),
    ]
    for name, prop in recalled:
        rec = mat.get(name).record(prop)
        assert rec.evidence == "estimated", (name, prop)
        assert rec.note.startswith("Recalled, not verified against the paper:"), (name, prop)
        u = rec.uncertainty
        assert u is not None and (u.low is not None or (u.factor is not None and u.factor >= 2)), (name, prop)
