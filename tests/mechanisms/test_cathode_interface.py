"""Cathode | solid-electrolyte interface (lisse.mechanisms.cathode.interface): analytic limits.

The model (Haruyama et al. 2014, DOI 10.1021/cm5016959; Ohta et al. 2006, DOI 10.1002/adma.200502604, and
2007, DOI 10.1016/j.elecom.2007.02.008): charge transfer in series with either the space-charge ASR of the
bare interface or, with a buffer coating, the coating's L/sigma. No published pair of (uncoated, coated)
ASRs with the coating's conductivity and thickness could be verified for lisse's data, so the tests are
analytic limits, not a comparison with a measured number.
"""

from __future__ import annotations

import jax
import numpy as np
import pytest

from lisse._core.numerics import FARADAY, GAS_CONSTANT
from lisse.mechanisms.cathode import (
    cathode_interface_asr,
    cathode_interface_overpotential,
    cathode_interlayer_asr,
)
from lisse.mechanisms.kinetics import charge_transfer_asr
from mechanisms.contract import check_mechanism

T = 298.15
I0 = 5.0  # A/m2, illustrative
R_SC = 0.05  # ohm m2 (500 ohm cm2), illustrative bare-interface ASR
L, SIGMA = 10e-9, 1e-5  # m, S/m: illustrative coating (10 nm, 1e-7 S/cm)


def test_coating_replaces_space_charge_term():
    bare = float(cathode_interface_asr(I0, T, R_SC))
    coated = float(cathode_interface_asr(I0, T, R_SC, L, SIGMA))
    r_ct = GAS_CONSTANT * T / (FARADAY * I0)
    assert bare == pytest.approx(r_ct + R_SC, rel=1e-12)
    assert coated == pytest.approx(r_ct + L / SIGMA, rel=1e-12)
    # the coated value does not depend on the space-charge ASR at all
    assert float(cathode_interface_asr(I0, T, 10 * R_SC, L, SIGMA)) == pytest.approx(coated, rel=1e-14)
    assert float(cathode_interlayer_asr(R_SC)) == R_SC
    # the coating resistance is linear in thickness
    assert float(cathode_interlayer_asr(R_SC, 2 * L, SIGMA)) == pytest.approx(2 * L / SIGMA, rel=1e-12)


def test_small_current_linearisation_equals_asr():
    """d eta / d i at i = 0 equals the ASR (bare and coated), and eta is odd in i."""
    for args in [(R_SC, 0.0, 1.0), (R_SC, L, SIGMA)]:
        slope = float(jax.grad(cathode_interface_overpotential)(0.0, I0, T, *args))
        assert slope == pytest.approx(float(cathode_interface_asr(I0, T, *args)), rel=1e-10)
        eta_p = float(cathode_interface_overpotential(3.0, I0, T, *args))
        eta_m = float(cathode_interface_overpotential(-3.0, I0, T, *args))
        assert eta_p == pytest.approx(-eta_m, rel=1e-12) and eta_p > 0


def test_large_current_is_tafel_plus_ohmic():
    """For i >> i0 the charge-transfer part tends to (2RT/F) ln(i/i0) (symmetric Tafel line), to 1e-6."""
    i = 1e4 * I0
    eta = float(cathode_interface_overpotential(i, I0, T, R_SC))
    tafel = 2 * GAS_CONSTANT * T / FARADAY * np.log(i / I0)
    assert eta - i * R_SC == pytest.approx(tafel, rel=1e-6)
    assert float(charge_transfer_asr(I0, T)) < float(cathode_interface_asr(I0, T, R_SC))


@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (
            cathode_interlayer_asr,
            dict(space_charge_asr=R_SC, coating_thickness=L, coating_conductivity=SIGMA),
            "coating_thickness",
        ),
        (cathode_interlayer_asr, dict(space_charge_asr=R_SC), "space_charge_asr"),
        (
            cathode_interface_asr,
            dict(exchange_current_density=I0, temperature=T, space_charge_asr=R_SC),
            "exchange_current_density",
        ),
        (
            cathode_interface_overpotential,
            dict(
                current_density=10.0,
                exchange_current_density=I0,
                temperature=T,
                space_charge_asr=R_SC,
                coating_thickness=L,
                coating_conductivity=SIGMA,
            ),
            "current_density",
        ),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)
