"""The layer a phase leaves when oxidised beyond its window (lisse.thermo.oxidation), from the bundled
Materials Project data: Li6PS5Cl's window ends at 2.14 V, LiNbO3's at 3.76 V (``lisse window``)."""

from __future__ import annotations

import pytest

from lisse._core.errors import LisseError
from lisse.thermo import oxidation_layer


def test_oxidation_layer_of_the_electrolyte_and_of_the_coating():
    """At the charged NMC811's potential (4.29 V) both Li6PS5Cl (window to 2.14 V) and LiNbO3 (to 3.76 V) are
    beyond their windows (bundled Materials Project data); LiNbO3 -> 1/2 Nb2O5 + 1/4 O2 + Li+ + e-: one
    electron, and the O2 leaves the layer."""
    coat = oxidation_layer("LiNbO3", 4.29)
    sse = oxidation_layer("Li6PS5Cl", 4.29)
    assert sse.oxidation_V < coat.oxidation_V < 4.29
    assert coat.released_gases == ("O2",) and [f for f, _ in coat.products] == ["Nb2O5"]
    assert coat.electrons_per_formula_unit == pytest.approx(1.0)
    assert sse.electrons_per_formula_unit == pytest.approx(6.0)  # all six Li given up above 3.76 V
    # inside the window: the first oxidation step's products (Li3PS4, LiCl and a Li-S phase)
    first = oxidation_layer("Li6PS5Cl", 2.0)
    assert {f for f, _ in first.products} == {"Li3PS4", "LiCl", "LiS4"}


def test_a_phase_without_li_cannot_be_oxidised():
    with pytest.raises(LisseError, match="cannot be oxidised"):
        oxidation_layer("Nb2O5", 4.29)
