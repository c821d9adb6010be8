"""Mechanical failure (review section 3.4): linear-elastic fracture of the electrolyte.

Validation sources
------------------
- Griffith 1921 / Irwin 1957: K_I = Y sigma sqrt(pi a) and its inverses (analytic round trips).
- Lawn 1993: power-law subcritical growth; the closed-form crack length is checked against a
  numerical integration of da/dt = v0 (K/K_Ic)^n, and the time to failure against a(t_f) = a_c.
"""

from __future__ import annotations

import numpy as np
import pytest

from lisse.mechanisms.mechanical import (
    crack_length_subcritical,
    crack_resistance_dilute,
    critical_flaw_length,
    critical_stress,
    stress_intensity_factor,
    time_to_failure_subcritical,
)
from mechanisms.contract import check_mechanism

SUB = dict(stress=50e6, fracture_toughness=1e6, reference_velocity=1e-3, crack_velocity_exponent=20.0)


@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (stress_intensity_factor, dict(stress=100e6, flaw_length=1e-6, geometry_factor=1.12), "flaw_length"),
        (critical_stress, dict(fracture_toughness=1e6, flaw_length=1e-6), "flaw_length"),
        (critical_flaw_length, dict(stress=100e6, fracture_toughness=1e6), "stress"),
        (crack_length_subcritical, dict(time=10.0, flaw_length=1e-6, **SUB), "time"),
        (time_to_failure_subcritical, dict(flaw_length=1e-6, **SUB), "flaw_length"),
        (
            crack_resistance_dilute,
            dict(
                crack_radius=3e-6,
                initial_radius=1e-6,
                areal_density=1e10,
                orientation_factor=0.3,
                conductivity=0.1,
            ),
            "crack_radius",
        ),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)


def test_griffith_irwin_round_trips():
    s, a, y, k_ic = 80e6, 3e-6, 1.12, 1.25e6
    k = float(stress_intensity_factor(s, a, y))
    assert k == pytest.approx(y * s * np.sqrt(np.pi * a), rel=1e-15)
    assert float(critical_stress(k, a, y)) == pytest.approx(s, rel=1e-12)
    assert float(critical_flaw_length(s, k, y)) == pytest.approx(a, rel=1e-12)
    # initiation criterion: flaws longer than a_c have K_I > K_Ic
    a_c = float(critical_flaw_length(s, k_ic, y))
    assert (
        float(stress_intensity_factor(s, 1.01 * a_c, y))
        > k_ic
        > float(stress_intensity_factor(s, 0.99 * a_c, y))
    )


def test_subcritical_growth_matches_numerical_integration():
    a0 = 1e-6
    t_f = float(time_to_failure_subcritical(a0, **SUB))
    t_end = 0.9 * t_f

    # integrate da/dt = v0 (K/K_Ic)^n in log(a) with fine RK4 steps
    def rate(a):
        k_i = SUB["stress"] * np.sqrt(np.pi * a)  # plain NumPy, independent of the model code
        return SUB["reference_velocity"] * (k_i / SUB["fracture_toughness"]) ** SUB["crack_velocity_exponent"]

    n_steps = 4000
    dt = t_end / n_steps
    a = a0
    for _ in range(n_steps):
        k1 = rate(a)
        k2 = rate(a + 0.5 * dt * k1)
        k3 = rate(a + 0.5 * dt * k2)
        k4 = rate(a + dt * k3)
        a += dt * (k1 + 2 * k2 + 2 * k3 + k4) / 6
    assert float(crack_length_subcritical(t_end, a0, **SUB)) == pytest.approx(a, rel=1e-5)


def test_time_to_failure_reaches_critical_length():
    """n = 4 keeps a(t) well conditioned up to t_f: 1/a = 1/a0 - C t exactly."""
    sub = {**SUB, "crack_velocity_exponent": 4.0}
    a0 = 1e-6
    t_f = float(time_to_failure_subcritical(a0, **sub))
    a_c = float(critical_flaw_length(sub["stress"], sub["fracture_toughness"]))
    c = sub["reference_velocity"] * (sub["stress"] * np.sqrt(np.pi) / sub["fracture_toughness"]) ** 4
    assert t_f == pytest.approx((1 / a0 - 1 / a_c) / c, rel=1e-12)
    assert float(crack_length_subcritical(t_f * (1 - 1e-9), a0, **sub)) == pytest.approx(a_c, rel=1e-6)
    assert np.isinf(float(crack_length_subcritical(1.01 * t_f, a0, **sub)))
    # n = 20: the crack is still within 10 a0 one part in 1e9 before failure (runaway at the end)
    t_f20 = float(time_to_failure_subcritical(a0, **SUB))
    assert float(crack_length_subcritical(t_f20 * (1 - 1e-9), a0, **SUB)) == pytest.approx(10 * a0, rel=1e-3)
