"""Chemical failure (review section 3.2): interphase growth and resistance.

Validation sources
------------------
- Li | LGPS | Li: interfacial resistance 140 -> 2000 ohm cm^2 in 48 h at room temperature
  (Chen et al., PCCP 19, 31436 (2017), as reported by the review, Liu et al. 2021, DOI
  10.1002/aenm.202100748, section 3.2) and growth with sqrt(t) (Wenzel et al. 2016, DOI
  10.1021/acs.chemmater.6b00610). The one free constant of the sqrt(t) law is FITTED to these two
  numbers: the 48-h test checks the fitting chain, not a prediction. No independent Li | LGPS
  number (another time or temperature) was available to us; the other tests are analytic limits.
- Deal & Grove 1965 (DOI 10.1063/1.1713945): linear and parabolic limits, exact implicit law.
- Wagner / Schmalzried: electron-blocking interphases (Li | LLZO, Li | LiPON) do not grow.
- Bruggeman 1935 (DOI 10.1002/andp.19354160705): limits and percolation threshold 1/3.
"""

from __future__ import annotations

import numpy as np
import pytest

from lisse._core.numerics import FARADAY
from lisse.mechanisms.chemical import (
    ambipolar_conductivity,
    ambipolar_conductivity_from_asr_rate,
    asr_rate_constant,
    effective_conductivity_bruggeman,
    interphase_asr,
    interphase_asr_sqrt_time_wenzel2016,
    interphase_thickness_deal_grove1965,
    parabolic_rate_constant_wagner,
)
from mechanisms.contract import check_mechanism

HOUR = 3600.0
OHM_CM2 = 1e-4  # ohm m^2

# Chen et al. 2017 via the review: Li | LGPS | Li, room temperature.
R0_LGPS = 140 * OHM_CM2
R48_LGPS = 2000 * OHM_CM2
# LGPS reduction onset 1.71 V vs Li (Han et al. 2016, as quoted by the review): driving force per Li.
DG_LGPS = FARADAY * 1.71
# Order of magnitude of the interphase volume per Li consumed: molar volume of Li2S per Li,
# 27.7 cm^3/mol / 2 (CRC Handbook, lisse data li2s.toml). Not a fitted value.
OMEGA = 27.7e-6 / 2.0

COMMON = dict(reaction_free_energy=DG_LGPS, molar_volume=OMEGA)


def _fitted_k_r():
    """k_R of R = R0 + k_R sqrt(t) from the two published numbers (a fit, not a prediction)."""
    return (R48_LGPS - R0_LGPS) / np.sqrt(48 * HOUR)


# ---------------------------------------------------------------- contract ------------------------
@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (
            ambipolar_conductivity,
            dict(ionic_conductivity=1e-4, electronic_conductivity=1e-6),
            "ionic_conductivity",
        ),
        (
            parabolic_rate_constant_wagner,
            dict(ionic_conductivity=1e-4, electronic_conductivity=1e-6, **COMMON),
            "electronic_conductivity",
        ),
        (
            interphase_thickness_deal_grove1965,
            dict(
                time=3600.0, parabolic_rate_constant=1e-16, linear_rate_constant=1e-9, initial_thickness=1e-9
            ),
            "time",
        ),
        (
            interphase_asr,
            dict(
                time=3600.0,
                ionic_conductivity=1e-4,
                electronic_conductivity=1e-6,
                contact_asr=0.014,
                **COMMON,
            ),
            "time",
        ),
        (
            asr_rate_constant,
            dict(ionic_conductivity=1e-4, electronic_conductivity=1e-6, **COMMON),
            "electronic_conductivity",
        ),
        (
            ambipolar_conductivity_from_asr_rate,
            dict(asr_rate_constant=4e-4, ionic_conductivity=1e-5, **COMMON),
            "asr_rate_constant",
        ),
        (
            interphase_asr_sqrt_time_wenzel2016,
            dict(time=3600.0, asr_rate_constant=4e-4, initial_asr=0.014),
            "time",
        ),
        (
            effective_conductivity_bruggeman,
            dict(conductivity_matrix=1e-8, conductivity_inclusion=1e3, volume_fraction_inclusion=0.4),
            "volume_fraction_inclusion",
        ),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)


# ---------------------------------------------------------------- Li | LGPS -----------------------
def test_lgps_48h_resistance_fit_chain():
    """Chen 2017 (via Liu 2021): 140 -> 2000 ohm cm^2 in 48 h. FIT: k_R comes from these numbers.

    The Wagner model is then run with an ASSUMED interphase ionic conductivity (5e-6 S/m, so
    that the layer is ~1 um thick after 48 h) and the ambipolar conductivity the fit implies;
    it must return the 48-h value to 1e-9 (the chain is exact) and 140 ohm cm^2 at t = 0.
    """
    k_r = _fitted_k_r()
    sigma_ion = 5e-6
    sigma_amb = float(ambipolar_conductivity_from_asr_rate(k_r, sigma_ion, **COMMON))
    # electronic conductivity that gives this ambipolar conductivity in series with sigma_ion
    sigma_el = sigma_amb * sigma_ion / (sigma_ion - sigma_amb)
    r = interphase_asr(np.array([0.0, 48 * HOUR]), sigma_ion, sigma_el, contact_asr=R0_LGPS, **COMMON)
    np.testing.assert_allclose(np.asarray(r) / OHM_CM2, [140.0, 2000.0], rtol=1e-9)
    # What the fit implies (documented in docs/models): electron transport, not ion transport,
    # limits growth -- the Li-Ge phase cannot percolate at this assumed sigma_ion.
    assert sigma_el < 1e-2 * sigma_ion


def test_lgps_sqrt_time_shape_wenzel2016():
    """Wenzel 2016: interphase resistance grows as sqrt(t). Analytic: R(4t) - R0 = 2 (R(t) - R0)."""
    k_r = _fitted_k_r()
    t = np.array([12.0, 48.0]) * HOUR
    r = np.asarray(interphase_asr_sqrt_time_wenzel2016(t, k_r, R0_LGPS))
    assert (r[1] - R0_LGPS) / (r[0] - R0_LGPS) == pytest.approx(2.0, rel=1e-12)
    # the Wagner/Deal-Grove model in its parabolic limit has the same shape
    r_w = np.asarray(interphase_asr(t, 1e-4, 1e-7, contact_asr=R0_LGPS, **COMMON))
    assert (r_w[1] - R0_LGPS) / (r_w[0] - R0_LGPS) == pytest.approx(2.0, rel=1e-12)


def test_asr_rate_constant_round_trip():
    k = asr_rate_constant(3e-5, 2e-7, **COMMON)
    sigma_amb = ambipolar_conductivity_from_asr_rate(k, 3e-5, **COMMON)
    assert float(sigma_amb) == pytest.approx(float(ambipolar_conductivity(3e-5, 2e-7)), rel=1e-12)


# ---------------------------------------------------------------- Wagner / passivation ------------
def test_wagner_rate_constant_analytic():
    """B = 2 Omega dG sigma_amb / F^2 (Wagner; Schmalzried 1995)."""
    b = parabolic_rate_constant_wagner(1e-3, 1e-3, 1e5, 1e-5)
    assert float(b) == pytest.approx(2 * 1e-5 * 1e5 * 5e-4 / FARADAY**2, rel=1e-12)


def test_electron_blocking_interphase_does_not_grow():
    """Li | LLZO, Li | LiPON: electronically insulating interphase -> sigma_el = 0 -> thickness stays L0."""
    t = np.array([0.0, HOUR, 365 * 24 * HOUR])
    b = parabolic_rate_constant_wagner(1e-4, 0.0, **COMMON)
    thickness = interphase_thickness_deal_grove1965(t, b, initial_thickness=3e-9)
    np.testing.assert_allclose(np.asarray(thickness), 3e-9, rtol=0, atol=1e-20)


def test_passivation_scaling():
    """Electron-limited growth: L ~ sqrt(sigma_el) -> 1e6 times less sigma_el, 1e3 times thinner."""
    t = 30 * 24 * HOUR
    thick = [
        float(interphase_thickness_deal_grove1965(t, parabolic_rate_constant_wagner(1e-4, s, **COMMON)))
        for s in (1e-9, 1e-15)
    ]
    assert thick[0] / thick[1] == pytest.approx(1e3, rel=1e-4)


# ---------------------------------------------------------------- Deal-Grove ----------------------
def test_deal_grove_exact_and_limits():
    b, kl, l0 = 1e-16, 1e-10, 2e-9
    a = b / kl
    t = np.logspace(-2, 8, 50)
    x = np.asarray(interphase_thickness_deal_grove1965(t, b, kl, l0))
    tau = (l0**2 + a * l0) / b
    np.testing.assert_allclose(x**2 + a * x, b * (t + tau), rtol=1e-10)
    # linear limit t << A^2/4B
    x_small = float(interphase_thickness_deal_grove1965(1e-3, b, kl, l0))
    assert x_small - l0 == pytest.approx(kl * 1e-3 * a / (2 * l0 + a), rel=1e-6)
    x_lin = float(interphase_thickness_deal_grove1965(1e-2, b, kl, 0.0))
    assert x_lin == pytest.approx(kl * 1e-2, rel=1e-6)
    # parabolic limit t >> A^2/4B
    t_big = 1e6 * a * a / (4 * b)
    x_big = float(interphase_thickness_deal_grove1965(t_big, b, kl, 0.0))
    assert x_big == pytest.approx(np.sqrt(b * t_big), rel=2e-3)
    # linear_rate_constant = inf is the pure parabolic law
    assert float(interphase_thickness_deal_grove1965(100.0, 1e-16)) == pytest.approx(1e-7, rel=1e-12)


# ---------------------------------------------------------------- Bruggeman -----------------------
def test_bruggeman_limits_and_percolation():
    assert float(effective_conductivity_bruggeman(2.0, 5.0, 0.0)) == pytest.approx(2.0, rel=1e-12)
    assert float(effective_conductivity_bruggeman(2.0, 5.0, 1.0)) == pytest.approx(5.0, rel=1e-12)
    # insulating matrix: zero below the 1/3 threshold, sigma2 (3f - 1)/2 above it
    assert float(effective_conductivity_bruggeman(0.0, 1.0, 0.3)) == 0.0
    assert float(effective_conductivity_bruggeman(0.0, 1.0, 0.6)) == pytest.approx(0.4, rel=1e-12)
    # the effective medium satisfies Bruggeman's equation and is symmetric in the phases
    s1, s2, f2 = 1e-6, 10.0, 0.25
    s = float(effective_conductivity_bruggeman(s1, s2, f2))
    assert (1 - f2) * (s1 - s) / (s1 + 2 * s) + f2 * (s2 - s) / (s2 + 2 * s) == pytest.approx(0.0, abs=1e-12)
    assert float(effective_conductivity_bruggeman(s2, s1, 1 - f2)) == pytest.approx(s, rel=1e-12)
