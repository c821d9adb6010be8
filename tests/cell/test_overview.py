"""The cell overview evaluates each failure family's starting point and names what is missing."""

from __future__ import annotations

import pytest

from lisse._core.errors import ExtrapolationWarning
from lisse.cell import Cell
from lisse.cell.overview import cell_overview


def test_llzo_overview_matches_the_models():
    ov = cell_overview(Cell.symmetric("LLZO", thickness="500 um", temperature="25 degC"))
    # Porz et al. (2017): about 95 mV for a 1 um flaw in LLZO with K_Ic = 1.25 MPa m^0.5 (Y = 1);
    # eta_c = Omega K_Ic / (F sqrt(pi a)) = 13.0e-6 * 1.25e6 / (96485 * sqrt(pi * 1e-6)) = 95.0 mV
    assert ov.critical_overpotential_V["1um"] == pytest.approx(0.0950, rel=0.01)
    # inverse square-root dependence on flaw size
    assert ov.critical_overpotential_V["1um"] / ov.critical_overpotential_V["10um"] == pytest.approx(10**0.5)
    # Monroe & Newman (2005): LLZO (G = 59.6 GPa) is far above twice G_Li
    assert ov.monroe_newman_margin > 10
    assert ov.interphase_with_li == "stable"
    assert not ov.missing
    assert "porz2017" in ov.references and "monroe2005" in ov.references


def test_lgps_overview_reports_mixed_conducting_and_estimated_values():
    """LGPS has no measured toughness: the sulfide prior stands in, and the overview says so."""
    ov = cell_overview(Cell.symmetric("LGPS"))
    assert ov.interphase_with_li == "mixed-conducting"
    assert "Li15Ge4" in ov.interphase_products
    assert ov.critical_overpotential_V is not None
    assert "LGPS.fracture_toughness" in ov.estimated


def test_temperature_outside_conductivity_law_warns_and_extrapolates():
    with pytest.warns(ExtrapolationWarning, match="LLZO.ionic_conductivity extrapolated"):
        ov = cell_overview(Cell.symmetric("LLZO", temperature="120 degC"))
    assert ov.ionic_conductivity_S_per_m > cell_overview(Cell.symmetric("LLZO")).ionic_conductivity_S_per_m
