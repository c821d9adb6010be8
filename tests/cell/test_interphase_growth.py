"""Interphases that keep growing (review sections 3.2-3.4): the Wagner growth rate follows from the effective
conductivities of the thermodynamic products (connected-network bound, lisse.thermo.interphase), so a
mixed-conducting interphase (LGPS) raises the resistance at rest while a passivating one (Li6PS5Cl) slows as
sqrt(t); the compressed interphases load the electrolyte in tension and crack it (LAGP).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from lisse.cell import Cell
from lisse.cell.parameters import ModelOptions, cell_parameters
from lisse.cell.simulate import simulate
from lisse.materials import bundled_library
from lisse.thermo import connected_network_conductivity, interphase

HOUR = 3600.0


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # the MIEC classification notes of LGPS, LATP, LLTO
        yield


def test_connected_network_bound_limits():
    # two phases, one insulating: sigma_1 * 2 phi / (3 - phi) (coated spheres), no percolation threshold
    for phi in (0.05, 0.2, 0.5, 0.9):
        assert connected_network_conductivity([phi, 1 - phi], [2.0, 0.0]) == pytest.approx(
            2.0 * 2 * phi / (3 - phi), rel=1e-12
        )
    assert connected_network_conductivity([0.3, 0.7], [4.0, 4.0]) == pytest.approx(4.0, rel=1e-12)
    assert connected_network_conductivity([1.0, 0.0], [4.0, 1.0]) == pytest.approx(4.0, rel=1e-12)


def test_metallic_products_carry_electrons_not_the_ionic_path():
    lgps = interphase("LGPS")
    assert lgps.interphase == "mixed-conducting"
    # the ionic path is the Li2S/Li3P network only: the same order as Li3PS4's all-insulator interphase
    li3ps4 = interphase("Li3PS4")
    ratio = lgps.effective_ionic_conductivity_S_per_m / li3ps4.effective_ionic_conductivity_S_per_m
    assert 0.3 < ratio < 3
    # electrons run through the connected Li15Ge4 network (far above the random-mixture value)
    random = lgps.random_mixture_electronic_conductivity_S_per_m
    assert lgps.effective_electronic_conductivity_S_per_m > 1e3 * random


def test_lgps_resistance_rises_an_order_of_magnitude_in_two_days_at_rest():
    """Wenzel et al., Chem. Mater. 28, 2400 (2016), as the review quotes it: the interfacial resistance of
    Li | LGPS | Li rises from 140 to 2000 ohm cm2 (x14) after 48 h at room temperature. Tolerance: the rise
    within a factor 2 of x14. Fracture is left out: with it the model cracks LGPS within seconds (the
    interphase's elastic misfit stress is not relaxed: docs/simulator.md, "Known misses")."""
    opts = ModelOptions(mechanisms_off=("interphase_fracture",), asr_rise_factor=1e3)
    ds = simulate(Cell.symmetric("LGPS", thickness="500 um"), "Rest for 48 hours", options=opts).dataset
    params, _ = cell_parameters(Cell.symmetric("LGPS", thickness="500 um"))
    ohmic = float(params.thickness / params.ionic_conductivity)
    per_interface = (ds.asr.values - ohmic) / 2
    rise = per_interface[-1] / per_interface[0]
    assert 14 / 2 < rise < 14 * 2
    assert per_interface[0] * 1e4 == pytest.approx(140, rel=0.01)  # the recorded i0 of Li | LGPS (Liu 2021)
    # parabolic: the grown interphase goes as sqrt(t)
    t, h = ds.time.values, ds.interphase_we.values
    late = t > 4 * HOUR
    slope = np.polyfit(np.log(t[late]), np.log(h[late]), 1)[0]
    assert slope == pytest.approx(0.5, abs=0.02)


def test_argyrodite_sei_reaches_a_few_hundred_nm_in_a_week_and_slows_as_sqrt_t():
    """Aktekin et al., Nat. Commun. 14 (2023), DOI 10.1038/s41467-023-42512-y: the SEI on Li6PS5Cl grows as
    sqrt(t), d ~ 315 nm after one week (coulometric titration). Tolerance: within a factor 2 (the model gives
    ~470 nm: Wagner's law with the products' connected-network conductivities; no constant fitted). So it
    runs on the bundled library without the calibrated layer: Aktekin 2023 is a calibration paper, and the
    calibrated model on its own data is reported by docs/validation.md (the calibration's fit table)."""
    result = simulate(
        Cell.symmetric("Li6PS5Cl", thickness="500 um"), "Rest for 168 hours", library=bundled_library()
    )
    assert not result.verdict.failed
    ds = result.dataset
    d_week = float(ds.interphase_we[-1])
    assert 315e-9 / 2 < d_week < 315e-9 * 2
    t, h = ds.time.values, ds.interphase_we.values
    late = t > 24 * HOUR
    assert np.polyfit(np.log(t[late]), np.log(h[late]), 1)[0] == pytest.approx(0.5, abs=0.02)


def test_lagp_fails_by_fracture_under_cycling():
    """Tippens et al., ACS Energy Lett. 4, 1475 (2019) and Lewis et al., ACS Energy Lett. 4, 591 (2019): LAGP
    fractures as its expanding Li-Ge interphase grows during cycling. The model gets the mode; its time (a
    fraction of a second) is far too early (docs/simulator.md, "Known misses")."""
    protocol = "(Plate at 0.1 mA cm-2 for 1 hour, Strip at 0.1 mA cm-2 for 1 hour) x 10"
    verdict = simulate(Cell.symmetric("LAGP", thickness="500 um"), protocol).verdict
    assert verdict.failure_mode == "fracture"


def test_interphase_growth_carries_the_products_activation_energies():
    """Temperature in every rate (issue 12, item 6): the products' conductivities are evaluated at the cell
    temperature, so Wagner's parabolic constant rises with T (thermally activated transport)."""
    k = {}
    for t in ("25 degC", "60 degC"):
        params, _ = cell_parameters(Cell.symmetric("Li6PS5Cl", temperature=t))
        k[t] = float(params.interphase_parabolic_constant)
        ip = interphase("Li6PS5Cl", temperature=float(params.temperature))
        assert float(params.interphase_ionic_conductivity) == pytest.approx(
            ip.effective_ionic_conductivity_S_per_m, rel=1e-12
        )
    assert k["60 degC"] > 1.5 * k["25 degC"]
