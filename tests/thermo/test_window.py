"""Stability windows against Zhu, He & Mo (2015) and bad input.

Published values: Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015),
DOI 10.1021/acsami.5b07517, Table 1 (grand-potential windows vs Li/Li+).

Tolerances: reduction limits 0.05 V; oxidation limits 0.2 V. The bundled energies are a later Materials
Project snapshot (2019) than the one Zhu used; in it LiS4 exists, which lowers the energy of the
S-rich oxidation products' competitors and moves sulfide oxidation limits by up to ~0.15 V
(docs/thermo.md explains each difference). A failure beyond these tolerances means the method or the
data changed, not noise.
"""

from __future__ import annotations

import csv
import warnings

import pytest

from lisse._core.errors import LisseError
from lisse.thermo import (
    EntrySet,
    ThermoEntry,
    bundled_entries,
    li_uptake_profile,
    read_entries,
    resolve_entries,
    stability_window,
)

# (formula, published reduction V, published oxidation V) -- Zhu, He & Mo 2015, Table 1
ZHU2015 = [
    ("Li7La3Zr2O12", 0.05, 2.91),
    ("Li10GeP2S12", 1.71, 2.14),
    ("Li6PS5Cl", 1.71, 2.01),
    ("Li3PS4", 1.71, 2.31),  # beta-Li3PS4 in Zhu; the data's lowest Li3PS4 polymorph here
]


@pytest.mark.parametrize(("formula", "red", "ox"), ZHU2015)
def test_windows_match_zhu2015(formula, red, ox):
    w = stability_window(formula)
    assert w.reduction_V == pytest.approx(red, abs=0.05), f"{formula} reduction (Zhu 2015: {red} V, +-0.05 V)"
    assert w.oxidation_V == pytest.approx(ox, abs=0.2), f"{formula} oxidation (Zhu 2015: {ox} V, +-0.2 V)"


def test_window_products_zhu2015():
    # Zhu 2015: LLZO is reduced to Zr3O + La2O3 + Li2O and oxidised to Li2O2 + La2O3 + Li6Zr2O7
    w = stability_window("Li7La3Zr2O12")
    assert set(w.products_reduction) == {"Zr3O", "La2O3", "Li2O"}
    assert set(w.products_oxidation) == {"Li2O2", "La2O3", "Li6Zr2O7"}
    # Li3PS4 reduction: Li2S + P (Zhu 2015)
    assert set(stability_window("Li3PS4").products_reduction) == {"Li2S", "P"}


def test_metastable_phase_reports_energy_above_hull():
    w = stability_window("Li10GeP2S12")
    assert 0.0 < w.e_above_hull_meV_per_atom < 100.0  # metastable, lowered to the hull
    d = w.to_dict()
    for key in (
        "formula",
        "reduction_V",
        "oxidation_V",
        "e_above_hull_meV_per_atom",
        "products_reduction",
        "products_oxidation",
    ):
        assert key in d
    assert d["formula"] == "Li10GeP2S12"


def test_limits_analytic_li2o_and_li_free_phase():
    # Li2O is stable against Li metal (reduction limit is 0 V) and no Li-free phase can give up Li
    w = stability_window("Li2O")
    assert w.reduction_V == 0.0 and w.products_reduction == ()
    assert stability_window("Al2O3").oxidation_V is None


def test_uptake_profile_is_monotone_and_zero_in_window():
    prof = li_uptake_profile("Li3PS4")
    ups = [s.li_per_formula_unit for s in prof.steps]
    assert ups == sorted(ups, reverse=True)  # more Li at lower potential
    assert ups[0] == pytest.approx(8.0)  # Li3PS4 + 8 Li -> 4 Li2S + Li3P (charge balance, exact)
    w = stability_window("Li3PS4")
    zero = [s for s in prof.steps if s.li_per_formula_unit == 0.0]
    assert len(zero) == 1 and zero[0].voltage_low_V == pytest.approx(w.reduction_V)
    xs, ys = prof.curve(5.0)
    assert xs[0] == 0.0 and len(xs) == len(ys)


def test_material_name_resolves_to_stand_in():
    pytest.importorskip("lisse.materials")
    try:
        w = stability_window("LLZO")
    except LisseError:
        pytest.skip("materials library does not know LLZO")
    assert w.formula == "Li7La3Zr2O12"


# ---------------------------------------------------------------------------------------------- bad input


def test_unknown_element_names_it():
    with pytest.raises(LisseError, match="Xe"):
        stability_window("Xe2O")


def test_unparseable_formula():
    with pytest.raises(LisseError, match="formula"):
        stability_window("Li2S!")
    with pytest.raises(LisseError):
        stability_window("")


def test_compound_absent_names_chemical_system():
    # Li3YCl6 entered the Materials Project after this snapshot (data README)
    with pytest.raises(LisseError, match="Cl-Li-Y"):
        stability_window("Li3YCl6")


def test_far_above_hull_warns_with_number(tmp_path):
    # a user entry placed 300 meV/atom above the Li2O/Li2O2 tie line must warn and quote the number:
    # Li3O2 (5 atoms) = Li2O (3 atoms) + 1/2 Li2O2 (2 atoms), so its hull energy per atom is
    # (3 e(Li2O) + 2 e(Li2O2)) / 5
    b = bundled_entries()
    li2o = b.by_formula["Li2O"].e_form_eV_per_atom
    li2o2 = b.by_formula["Li2O2"].e_form_eV_per_atom
    e_hull = (3 * li2o + 2 * li2o2) / 5
    p = tmp_path / "e.csv"
    p.write_text(f"formula,e_form_eV_per_atom\nLi3O2,{e_hull + 0.300:.6f}\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ents = resolve_entries(p, "extend")
    with pytest.warns(UserWarning, match=r"3\d\d meV/atom above the hull"):
        w = stability_window("Li3O2", ents)
    assert w.e_above_hull_meV_per_atom == pytest.approx(300.0, abs=1.0)


def test_user_csv_bad_row_named(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("formula,e_form_eV_per_atom\nLi2O,-2.0\nLi2S,abc\n")
    with pytest.raises(LisseError, match="line 3"):
        read_entries(p)
    p.write_text("formula,e_form_eV_per_atom\nLi2O,-2.0\nQq2,-1\n")
    with pytest.raises(LisseError, match="line 3"):
        read_entries(p)
    p.write_text("formula,energy\nLi2O,-2.0\n")
    with pytest.raises(LisseError, match="e_form_eV_per_atom"):
        read_entries(p)


def test_user_entries_replace_and_extend(tmp_path):
    # replace: a toy Li-O system whose only compound is Li2O at -2 eV/atom
    p = tmp_path / "toy.csv"
    p.write_text("formula,e_form_eV_per_atom\nLi2O,-2.0\n")
    toy = read_entries(p)
    assert {e.formula for e in toy.entries} == {"Li2O", "Li", "O2"}  # elements added at 0
    w = stability_window("Li2O", toy)
    # analytic: Li2O -> 2 Li + 1/2 O2 at V = -dG_f / (2 e) = 3 atoms * 2 eV / 2 = 3.0 V
    assert w.oxidation_V == pytest.approx(3.0, abs=1e-6)
    with pytest.warns(UserWarning, match="mixing"):
        mixed = resolve_entries(p, "extend")
    assert len(mixed) == len(bundled_entries())  # Li2O replaced, nothing new
    assert mixed.by_formula["Li2O"].e_form_eV_per_atom == -2.0


def test_user_json_entries(tmp_path):
    from monty.serialization import dumpfn
    from pymatgen.entries.computed_entries import ComputedEntry

    # total energies: Li -1.9 eV/atom, O -4.9 eV/atom; Li2O formation -2.0 eV/atom
    es = [
        ComputedEntry("Li", -1.9),
        ComputedEntry("O2", -9.8),
        ComputedEntry("Li2O", 3 * (-2.0) + 2 * -1.9 + -4.9),
    ]
    p = tmp_path / "e.json"
    dumpfn(es, p)
    ents = read_entries(p)
    assert ents.by_formula["Li2O"].e_form_eV_per_atom == pytest.approx(-2.0)
    dumpfn(es[1:], p)  # no Li reference
    with pytest.raises(LisseError, match="Li"):
        read_entries(p)


def test_entry_set_is_hashable_value():
    a = EntrySet("a", (ThermoEntry("Li", 0.0, "x"), ThermoEntry("O", 0.0, "x")))
    b = EntrySet("b", (ThermoEntry("O", 0.0, "y"), ThermoEntry("Li", 0.0, "y")))
    assert a == b and hash(a) == hash(b)


def test_bundled_data_attribution():
    from importlib import resources

    text = (resources.files("lisse.data") / "thermo" / "README.md").read_text()
    assert "CC BY 4.0" in text and "10.1063/1.4812323" in text and "10.1038/s41524-020-00406-3" in text
    with (resources.files("lisse.data") / "thermo" / "mp2019_formation_energies.csv").open() as fh:
        assert next(csv.reader(fh))[:2] == ["formula", "e_form_eV_per_atom"]
