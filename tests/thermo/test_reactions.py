"""Reactions with Li metal and with a cathode; volume bookkeeping.

Published products with Li metal (0 V): Zhu, He & Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015),
DOI 10.1021/acsami.5b07517 (Table 2): Li6PS5Cl -> Li2S + Li3P + LiCl; Li10GeP2S12 -> Li2S + Li3P + Li15Ge4
(a Li-Ge alloy; Wenzel et al., Chem. Mater. 28, 2400 (2016), DOI 10.1021/acs.chemmater.6b00610, observed
Li2S, Li3P and Li-Ge/Ge by XPS). Li uptake follows from charge balance and is exact.
"""

from __future__ import annotations

import pytest

from lisse._core.errors import LisseError
from lisse.thermo import interface_reaction, reaction_with_li, volume_change


@pytest.fixture(scope="module")
def lgps():
    return reaction_with_li("Li10GeP2S12")


def test_li6ps5cl_with_li_zhu2015():
    rx = reaction_with_li("Li6PS5Cl")
    assert {p.formula for p in rx.products} == {"Li2S", "Li3P", "LiCl"}
    # Li6PS5Cl + 8 Li -> 5 Li2S + Li3P + LiCl (P5+ -> P3-: 8 electrons)
    assert rx.counterpart_per_formula_unit == pytest.approx(8.0)
    amounts = {p.formula: p.moles_per_formula_unit for p in rx.products}
    assert amounts == pytest.approx({"Li2S": 5.0, "Li3P": 1.0, "LiCl": 1.0})
    assert sum(p.mole_fraction for p in rx.products) == pytest.approx(1.0)


def test_lgps_with_li_gives_li_ge_alloy(lgps):
    names = {p.formula for p in lgps.products}
    assert {"Li2S", "Li3P"} <= names
    alloys = [n for n in names if n.startswith("Li") and "Ge" in n and "S" not in n and "P" not in n]
    assert alloys, names  # a Li-Ge alloy (Li15Ge4 in this data)
    # Li10GeP2S12 + 23.75 Li -> 12 Li2S + 2 Li3P + 1/4 Li15Ge4 (charge balance with Li15Ge4)
    assert lgps.counterpart_per_formula_unit == pytest.approx(23.75)


def test_reaction_energy_normalisations_consistent(lgps):
    n_atoms = 25 + lgps.counterpart_per_formula_unit  # Li10GeP2S12 has 25 atoms
    assert lgps.reaction_energy_meV_per_atom < 0
    assert lgps.reaction_energy_eV_per_formula_unit == pytest.approx(
        lgps.reaction_energy_meV_per_atom * 1e-3 * n_atoms
    )
    d = lgps.to_dict()
    assert d["products_with_li"] == [p.formula for p in lgps.products]
    assert d["reaction_energy_with_li_meV_per_atom"] == lgps.reaction_energy_meV_per_atom


def test_stable_phase_does_not_react():
    rx = reaction_with_li("Li3N")  # on the Li-rich side: stable against Li (0 V lies inside its window)
    assert not rx.reacts and rx.counterpart_per_formula_unit == 0.0
    assert [p.formula for p in rx.products] == ["Li3N"]


def test_reaction_with_cathode_licoo2():
    rx = interface_reaction("Li3PS4", "LiCoO2")
    assert rx.reaction_energy_meV_per_atom < 0  # sulfides react with layered oxides (Richards 2016)
    assert 0.0 < rx.mixing_atom_fraction < 1.0
    assert rx.counterpart_per_formula_unit > 0
    assert any("Co" in p.formula for p in rx.products)
    # energy per formula unit = energy per atom * atoms of the mixture per Li3PS4
    n_atoms = 8 + 4 * rx.counterpart_per_formula_unit
    assert rx.reaction_energy_eV_per_formula_unit == pytest.approx(
        rx.reaction_energy_meV_per_atom * 1e-3 * n_atoms
    )


def test_interfacial_reactivity_with_li_metal():
    # the tie-line minimum (Richards 2016) with pure Li is an exergonic reaction for a sulfide
    rx = interface_reaction("Li3PS4", "Li")
    assert rx.reaction_energy_meV_per_atom < 0


def test_same_composition_rejected():
    with pytest.raises(LisseError):
        interface_reaction("Li3PS4", "Li3PS4")


def test_volume_change_analytic(monkeypatch):
    # with molar volumes given, dV/V = V_products / V_reactants - 1 exactly
    from lisse.thermo import reactions

    vols = {"A": 10e-6, "B": 5e-6, "C": 30e-6}
    monkeypatch.setattr(reactions, "_molar_volume_cached", lambda f, lib: vols.get(f))
    vc = volume_change([("A", 1.0), ("B", 2.0)], [("C", 1.0)])
    assert vc.fraction == pytest.approx(30.0 / 20.0 - 1.0)
    assert vc.products_per_phase == pytest.approx(3.0)

    # a product without a volume gets the mean volume per atom of the others; a reactant never (thermo.md)
    vols = {"LiF": 10e-6, "Li2O": 15e-6}
    vc = volume_change([("LiF", 1.0)], [("Li2O", 1.0), ("LiCl", 2.0)])
    assert vc.estimated == ("LiCl",) and vc.missing == ()
    assert vc.products_cm3_per_mol == pytest.approx(15.0 + 2 * (15.0 / 3) * 2)
    vc = volume_change([("LiCl", 1.0)], [("Li2O", 1.0)])
    assert vc.fraction is None and vc.missing == ("LiCl",)


def test_missing_volume_named_not_invented(lgps):
    # products without a molar volume in the library make the volume change unknown, with names
    if lgps.volume.fraction is None:
        assert lgps.volume.missing
    else:
        assert lgps.volume.missing == ()
        assert lgps.volume.fraction > -1.0
