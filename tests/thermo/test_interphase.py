"""Interphase classification and the effective-medium conductivities.

Published behaviour checked here:
- Li6PS5Cl + Li -> Li2S + Li3P + LiCl, electronically insulating: passivating (Zhu, He & Mo 2015,
  DOI 10.1021/acsami.5b07517; review Liu et al. 2021, DOI 10.1002/aenm.202100748, section 2.2.1).
- Li10GeP2S12 + Li -> Li2S + Li3P + a Li-Ge alloy: mixed-conducting, as Wenzel et al. observed
  (Chem. Mater. 28, 2400 (2016), DOI 10.1021/acs.chemmater.6b00610).
- Bruggeman's symmetric EMT has exact limits: sigma_eff = sigma_1 (3 phi - 1) / 2 for an insulating
  second phase, and percolation at phi_c = 1/3 (Landauer 1952, DOI 10.1063/1.1702301).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from lisse._core.errors import LisseError
from lisse.thermo import (
    INTERPHASE_KINDS,
    PERCOLATION_THRESHOLD_BRUGGEMAN,
    InterfaceReaction,
    Product,
    VolumeChange,
    bruggeman_conductivity,
    classify_interphase,
    connected_network_conductivity,
    electronic_character,
    interphase,
)


@pytest.fixture(scope="module")
def lgps():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return interphase("Li10GeP2S12")


def test_li6ps5cl_passivating():
    ip = interphase("Li6PS5Cl")
    assert ip.interphase == "passivating"
    assert ip.conducting_products == ()
    assert set(ip.to_dict()["products_with_li"]) == {"Li2S", "Li3P", "LiCl"}


def test_lgps_mixed_conducting_wenzel2016(lgps):
    assert lgps.interphase == "mixed-conducting"
    assert len(lgps.conducting_products) == 1 and "Ge" in lgps.conducting_products[0]
    d = lgps.to_dict()
    for key in (
        "formula",
        "interphase",
        "conducting_products",
        "products_with_li",
        "reaction_energy_with_li_meV_per_atom",
    ):
        assert key in d
    assert d["interphase"] in INTERPHASE_KINDS


def _reaction(products, energy_meV=-500.0):
    return InterfaceReaction(
        formula="A",
        against="Li",
        counterpart_per_formula_unit=1.0,
        products=tuple(products),
        reaction_energy_meV_per_atom=energy_meV,
        reaction_energy_eV_per_formula_unit=energy_meV * 1e-3,
        volume=VolumeChange(1.0, 1.0, 1.0, ()),
        method="test",
    )


def _p(formula, phi):
    return Product(formula, 1.0, 0.5, 10.0, phi)


def test_rule_branches():
    # no driving force beyond the DFT error (24 meV/atom, Hautier 2012): stable
    assert classify_interphase(_reaction([_p("Li2S", 0.9), _p("Ge", 0.1)], -10.0)).interphase == "stable"
    # insulators only: passivating
    assert classify_interphase(_reaction([_p("Li2S", 1.0)])).interphase == "passivating"
    # a percolating conductor (above Bruggeman's 1/3): mixed-conducting, no caveat
    ip = classify_interphase(_reaction([_p("Li2S", 0.5), _p("Li15Ge4", 0.5)]))
    assert ip.interphase == "mixed-conducting" and "Bruggeman" in ip.percolation
    # between the trace floor and Scher-Zallen's 0.16: mixed-conducting with a warning
    with pytest.warns(UserWarning, match="below the random-percolation"):
        ip = classify_interphase(_reaction([_p("Li2S", 0.9), _p("Li15Ge4", 0.1)]))
    assert ip.interphase == "mixed-conducting" and ip.conductor_volume_fraction == pytest.approx(0.1)
    # a trace of conductor: passivating, with a warning
    with pytest.warns(UserWarning, match="trace"):
        assert (
            classify_interphase(_reaction([_p("Li2S", 0.99), _p("Li15Ge4", 0.01)])).interphase
            == "passivating"
        )
    # unknown volume fraction with a conductor present: conservative MIEC
    ip = classify_interphase(_reaction([_p("Li2S", None), _p("Li15Ge4", None)]))
    assert ip.interphase == "mixed-conducting" and ip.conductor_volume_fraction is None
    # a strict random-mixture rule is one argument away
    with pytest.warns(UserWarning, match="trace"):
        ip = classify_interphase(
            _reaction([_p("Li2S", 0.8), _p("Li15Ge4", 0.2)]),
            min_conductor_volume_fraction=PERCOLATION_THRESHOLD_BRUGGEMAN,
        )
    assert ip.interphase == "passivating"


def test_electronic_character_rule():
    for f in ("Li15Ge4", "LiGe", "Ge", "Zr3O", "Ti3P", "Li13In3"):
        assert electronic_character(f).conductor, f
    for f in ("Li2S", "Li3P", "LiCl", "Li2O", "La2O3", "P", "S"):
        assert not electronic_character(f).conductor, f


def test_bruggeman_limits():
    assert bruggeman_conductivity([0.5, 0.5], [1.0, 0.0]) == pytest.approx(0.25)
    for phi in (0.4, 0.6, 0.9):
        assert bruggeman_conductivity([phi, 1 - phi], [2.0, 0.0]) == pytest.approx(2.0 * (3 * phi - 1) / 2)
    assert bruggeman_conductivity([0.3, 0.7], [1.0, 0.0]) == 0.0  # below phi_c = 1/3
    assert bruggeman_conductivity([0.2, 0.8], [3.0, 3.0]) == pytest.approx(3.0)
    # two conducting phases: bounded by the Wiener bounds
    s = bruggeman_conductivity([0.3, 0.7], [1.0, 10.0])
    assert 1.0 / (0.3 / 1.0 + 0.7 / 10.0) <= s <= 0.3 * 1.0 + 0.7 * 10.0


def test_connected_network_of_arrays_is_each_cells_own():
    """Hashin-Shtrikman upper bound: two phases with one insulating, sigma 2 phi / (3 - phi) (the docstring's
    limit); with a phase's conductivity an array (sampled cells read at once) each element is exactly the
    scalar result, an all-insulating element 0 and a wrong element named."""
    assert connected_network_conductivity([0.3, 0.7], [2.0, 0.0]) == pytest.approx(2.0 * 2 * 0.3 / 2.7)
    fr, first, third = [0.2, 0.5, 0.3], np.array([1e-3, 0.0, 5.0, 2e-9]), np.array([0.0, 0.0, 1e-4, 3e-9])
    out = connected_network_conductivity(fr, [first, 1e-8, third])
    alone = [connected_network_conductivity(fr, [a, 1e-8, c]) for a, c in zip(first, third, strict=True)]
    assert out.tolist() == alone
    assert connected_network_conductivity([0.5, 0.5], [np.zeros(3), 0.0]).tolist() == [0.0, 0.0, 0.0]
    with pytest.raises(LisseError, match="conductivities must be finite and >= 0"):
        connected_network_conductivity([0.5, 0.5], [np.array([1.0, -1.0]), 0.0])


def test_effective_conductivities_reported_or_missing_named(lgps):
    if lgps.effective_electronic_conductivity_S_per_m is None:
        assert lgps.missing_properties
    else:
        assert lgps.effective_electronic_conductivity_S_per_m >= 0.0


def test_against_cathode():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ip = interphase("Li3PS4", against="LiCoO2")
    assert ip.against == "LiCoO2"
    assert ip.interphase in INTERPHASE_KINDS and ip.interphase != "stable"
