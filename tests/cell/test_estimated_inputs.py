"""No physics off for want of a number: every electrolyte simulates without overrides, at any temperature.

The library records, documented rules and family priors together give every input (issue 11); the verdict
lists the estimated ones. These tests check that it runs and reports, not what it predicts (the predictions
are validated elsewhere against published numbers).
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import lisse.materials as mat
from lisse._core.errors import ExtrapolationWarning
from lisse.cell import Cell
from lisse.cell.parameters import CLOSURE_RANGES, ModelOptions, cell_parameters, closure_distribution
from lisse.cell.simulate import critical_current_density, simulate
from lisse.materials.coverage import SIMULATOR_INPUTS, coverage_matrix

PROTOCOL = "(Plate at 0.1 mA cm-2 for 30 minutes, Strip at 0.1 mA cm-2 for 30 minutes) x 2"
RAMP = "Step current from 0.1 to 1 mA cm-2 by 0.3 every 20 minutes until failure"
ELECTROLYTES = mat.names(category="electrolyte")
POLYMER_T = "60 degC"  # PEO-LiTFSI is a melt-phase conductor: its law is measured from 60 degC up


def _cell(name: str, **kw) -> Cell:
    T = POLYMER_T if mat.get(name).family == "polymer" else "25 degC"
    return Cell.symmetric(
        name, thickness="200 um", pressure="2 MPa", temperature=kw.pop("temperature", T), **kw
    )


@pytest.mark.parametrize("name", ELECTROLYTES)
def test_every_electrolyte_has_every_input(name):
    """cell_parameters resolves every input of every electrolyte; only unmodelled physics is inactive."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        params, coverage = cell_parameters(_cell(name))
    for field, v in params._asdict().items():
        # a stable interface grows no interphase: its conductivity is infinite (zero resistance)
        assert np.isfinite(np.asarray(v)).all() or field == "interphase_ionic_conductivity", field
    assert (
        float(params.vacancy_on) == 1.0 and float(params.internal_on) == 1.0 and float(params.porz_on) == 1.0
    )
    for why in coverage.inactive.values():
        assert "missing" not in why
    for v in coverage.estimated:
        assert v.basis and v.distribution.interval95[0] <= v.value <= v.distribution.interval95[1]


@pytest.mark.parametrize("name", ELECTROLYTES)
def test_every_electrolyte_simulates_and_ramps_without_override(name):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        result = simulate(_cell(name), PROTOCOL)
        ccd, _ = critical_current_density(_cell(name), RAMP)
    v = result.verdict
    assert v.coverage["inputs"], "every input is listed with its evidence"
    assert {e["input"] for e in v.coverage["estimated"]} <= set(v.coverage["inputs"])
    assert ccd is None or ccd > 0


@pytest.mark.parametrize("celsius", [-20, 0, 25, 60, 100, 150])
def test_every_temperature_runs_with_a_warning_outside_measured_ranges(celsius):
    """Li | LLZO | Li from -20 to 150 degC: the conductivity law (measured 18-50 degC) is extrapolated with an
    ExtrapolationWarning and a wider uncertainty; inside its range there is no warning."""
    cell = _cell("LLZO", temperature=f"{celsius} degC")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExtrapolationWarning)
        result = simulate(cell, PROTOCOL)
    extrapolated = [w for w in caught if issubclass(w.category, ExtrapolationWarning)]
    sigma = result.verdict.coverage["inputs"]["LLZO.ionic_conductivity"]
    if 18 <= celsius <= 50:
        assert not [w for w in extrapolated if "LLZO.ionic_conductivity" in str(w.message)]
    else:
        assert any("LLZO.ionic_conductivity" in str(w.message) for w in extrapolated)
        assert sigma["warnings"]
    assert math.isfinite(result.verdict.asr_final_ohm_cm2)


def test_user_override_wins_and_is_not_estimated():
    cell = _cell("Li6PS5Cl", overrides={"Li6PS5Cl": {"fracture_toughness": "0.5 MPa m^0.5"}})
    _, coverage = cell_parameters(cell)
    k = {v.label: v for v in coverage.inputs}["Li6PS5Cl.fracture_toughness"]
    assert k.evidence == "user" and k.value == pytest.approx(0.5e6)
    assert "Li6PS5Cl.fracture_toughness" not in {v.label for v in coverage.estimated}


def test_verdict_lists_estimates_with_basis_and_uncertainty():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        v = simulate(_cell("LGPS"), PROTOCOL).verdict
    est = v.coverage["estimated"]
    assert est
    for e in est:
        assert e["evidence"] == "estimated" and e["basis"] and e["uncertainty"]
        lo, hi = e["interval95"]
        assert lo <= e["value"] <= hi


def test_closures_have_documented_ranges_containing_the_defaults():
    opts = ModelOptions()
    for name, (low, high, basis) in CLOSURE_RANGES.items():
        assert low <= getattr(opts, name) <= high, name
        assert basis
        d = closure_distribution(name)
        assert d.quantile(0.01) >= low * (1 - 1e-12) and d.quantile(0.99) <= high * (1 + 1e-12)


def test_coverage_matrix_covers_every_simulator_input_of_every_material():
    """Every family x required property has a value (record, rule or prior): no blank in the matrix."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        cm = coverage_matrix(categories=("electrolyte", "anode"))
    blanks = [(m, i) for (m, i), letter in cm.letters.items() if letter == ""]
    assert not blanks
    assert set(SIMULATOR_INPUTS["electrolyte"]) <= set(cm.inputs)
    assert sum(cm.summary().values()) == len(cm.letters)
