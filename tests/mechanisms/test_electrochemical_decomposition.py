"""Electrochemical failure (review section 3.3): decomposition beyond the stability window.

Validation sources
------------------
- LGPS window 1.71-2.41 V vs Li/Li+ (Han et al. 2016, DOI 10.1002/aenm.201501590, as quoted by the
  review, Liu et al. 2021, DOI 10.1002/aenm.202100748): Li metal (0 V) lies 1.71 V below it.
- Zhu et al., Energy Storage Mater. 31, 267 (2020), as reviewed in Liu et al. 2021: Li7P3S11
  decomposes more the wider the cycled window, and products accumulate cycle by cycle. Only the
  qualitative trend is available to us (monotonic growth, linear accumulation); no number is fitted.
- Analytic: the small-excursion limit of the sweep integral, Faraday's law, the reaction- and
  transport-limited limits of the passivated decomposition current (Deal & Grove 1965, DOI
  10.1063/1.1713945).
"""

from __future__ import annotations

import numpy as np
import pytest

from lisse._core.numerics import FARADAY, GAS_CONSTANT
from lisse.mechanisms.chemical.interphase import ambipolar_conductivity
from lisse.mechanisms.electrochemical import (
    decomposed_amount,
    decomposition_asr_per_cycle,
    decomposition_charge_per_sweep,
    decomposition_current_density,
    decomposition_layer_growth_rate,
    passivated_decomposition_current_density,
    window_excursion,
)
from mechanisms.contract import check_mechanism

T = 298.15


@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (
            window_excursion,
            dict(electrode_potential=2.6, reduction_limit=1.71, oxidation_limit=2.41),
            "electrode_potential",
        ),
        (
            decomposition_current_density,
            dict(
                electrode_potential=2.6,
                reduction_limit=1.71,
                oxidation_limit=2.41,
                exchange_current_density=1e-3,
                temperature=T,
            ),
            "electrode_potential",
        ),
        (
            decomposition_charge_per_sweep,
            dict(excursion=0.2, sweep_rate=1e-4, exchange_current_density=1e-3, temperature=T),
            "excursion",
        ),
        (decomposed_amount, dict(charge_density=10.0, electrons_per_formula_unit=2.0), "charge_density"),
        (
            decomposition_asr_per_cycle,
            dict(
                charge_density_per_cycle=10.0,
                electrons_per_formula_unit=2.0,
                molar_volume_product=1e-4,
                ionic_conductivity_product=1e-5,
            ),
            "charge_density_per_cycle",
        ),
        (
            passivated_decomposition_current_density,
            dict(
                excursion=0.3,
                exchange_current_density=1e-3,
                temperature=T,
                layer_thickness=1e-8,
                ionic_conductivity=1e-6,
                electronic_conductivity=1e-9,
            ),
            "excursion",
        ),
        (
            decomposition_layer_growth_rate,
            dict(current_density=0.1, electrons_per_formula_unit=6.0, product_volume=6e-5),
            "current_density",
        ),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)


def test_window_excursion_lgps_against_li():
    """Li metal (0 V) is 1.71 V below the LGPS window (Han 2016 via Liu 2021): reduction."""
    assert float(window_excursion(0.0, 1.71, 2.41)) == pytest.approx(-1.71, abs=1e-12)
    assert float(window_excursion(2.0, 1.71, 2.41)) == 0.0
    assert float(window_excursion(4.2, 1.71, 2.41)) == pytest.approx(1.79, abs=1e-12)


def test_decomposition_current_sign_and_zero_inside():
    i = np.asarray(decomposition_current_density(np.array([1.0, 2.0, 3.0]), 1.71, 2.41, 1e-3, T))
    assert i[0] < 0.0 and i[1] == 0.0 and i[2] > 0.0


def test_sweep_charge_small_excursion_limit():
    """q -> i0 (alpha_f + alpha_b) f Delta^2 / v for Delta << RT/F (expansion of the exact integral)."""
    i0, v, d = 1e-3, 1e-4, 1e-4
    f = FARADAY / (GAS_CONSTANT * T)
    q = float(decomposition_charge_per_sweep(d, v, i0, T))
    assert q == pytest.approx(i0 * 1.0 * f * d * d / v, rel=1e-2)


def test_sweep_charge_matches_numerical_integral():
    """Exact integral vs trapezoidal integration of the Butler-Volmer decomposition current in time."""
    i0, v, d = 1e-3, 1e-3, 0.15
    t_half = d / v
    t = np.linspace(0.0, t_half, 20001)
    i = np.asarray(decomposition_current_density(2.41 + v * t, 1.71, 2.41, i0, T))
    q_num = 2.0 * np.trapezoid(i, t)  # out and back
    assert float(decomposition_charge_per_sweep(d, v, i0, T)) == pytest.approx(q_num, rel=1e-6)


def test_wider_window_more_decomposition_zhu2020():
    """Zhu 2020 (via Liu 2021): decomposition grows with the width of the cycled window (trend only)."""
    q = np.asarray(decomposition_charge_per_sweep(np.linspace(0.0, 0.5, 11), 1e-4, 1e-3, T))
    assert q[0] == 0.0
    assert np.all(np.diff(q) > 0.0)


def test_faraday_and_per_cycle_accumulation():
    assert float(decomposed_amount(2 * FARADAY, 2.0)) == pytest.approx(1.0, rel=1e-12)
    dr = float(decomposition_asr_per_cycle(FARADAY, 1.0, 1e-5, 1e-6))  # 1 mol/m^2 -> 10 um at 1e-6 S/m
    assert dr == pytest.approx(10.0, rel=1e-12)
    # resistance after N cycles grows linearly (continuous deterioration, Zhu 2020 via Liu 2021)
    n = np.arange(5)
    r = 0.01 + n * dr
    assert np.allclose(np.diff(r), dr)


def test_passivated_current_limits_deal_grove():
    """Thin layer, slow reaction: the Butler-Volmer current; thick layer, fast reaction: the transport current
    sigma_amb dE / h (to 1e-6); nothing inside the window or through an electron-blocking layer."""
    thin = passivated_decomposition_current_density(0.1, 1e-12, T, 1e-9, 1e-4, 1e-4)
    bv = decomposition_current_density(2.51, 1.71, 2.41, 1e-12, T)
    assert float(thin) == pytest.approx(float(bv), rel=1e-6)
    thick = passivated_decomposition_current_density(0.5, 1.0, T, 1e-6, 1e-6, 1e-9)
    assert float(thick) == pytest.approx(float(ambipolar_conductivity(1e-6, 1e-9)) * 0.5 / 1e-6, rel=1e-6)
    assert float(passivated_decomposition_current_density(0.0, 1.0, T, 1e-8, 1e-6, 1e-9)) == 0.0
    assert float(passivated_decomposition_current_density(0.5, 1.0, T, 1e-8, 1e-6, 0.0)) == 0.0
    # reduction (negative excursion) keeps its sign
    assert float(passivated_decomposition_current_density(-0.5, 1.0, T, 1e-8, 1e-6, 1e-9)) < 0.0


def test_layer_growth_is_faraday_and_its_resistance_the_per_cycle_law():
    """dh/dt = |i| Omega / (z F), and the resistance h / sigma rises at decomposition_asr_per_cycle of the
    charge passed per second."""
    rate = decomposition_layer_growth_rate(-0.2, 6.0, 6e-5)
    assert float(rate) == pytest.approx(0.2 * 6e-5 / (6.0 * FARADAY), rel=1e-12)
    per_second = decomposition_asr_per_cycle(0.2, 6.0, 6e-5, 1e-6)
    assert float(rate) / 1e-6 == pytest.approx(float(per_second), rel=1e-12)
