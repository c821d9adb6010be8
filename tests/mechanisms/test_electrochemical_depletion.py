"""Electrochemical failure (review section 3.3): Li+ depletion, single-ion vs binary electrolytes.

Validation sources
------------------
- Analytic (Newman & Thomas-Alyea 2004): single-ion conductors (t+ = 1) build no gradient; the
  depleting surface empties exactly at the limiting current (cross-checked against the electric
  family's ``limiting_current_density``); the concentration overpotential linearises to the
  diffusion resistance for small currents.
"""

from __future__ import annotations

import numpy as np
import pytest

from lisse._core.numerics import FARADAY, GAS_CONSTANT
from lisse.mechanisms.electric.filaments import limiting_current_density
from lisse.mechanisms.electrochemical import (
    concentration_overpotential,
    interface_concentration_steady_state,
    salt_concentration_difference,
)
from mechanisms.contract import check_mechanism

T = 298.15
BINARY = dict(salt_concentration=1000.0, diffusion_coefficient=1e-12, thickness=1e-4, transference_number=0.2)


@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (
            salt_concentration_difference,
            dict(current_density=1.0, diffusion_coefficient=1e-12, thickness=1e-4, transference_number=0.2),
            "current_density",
        ),
        (interface_concentration_steady_state, dict(current_density=1.0, **BINARY), "current_density"),
        (concentration_overpotential, dict(current_density=1.0, temperature=T, **BINARY), "current_density"),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)


def test_single_ion_conductor_does_not_deplete():
    single = {**BINARY, "transference_number": 1.0}
    assert float(interface_concentration_steady_state(100.0, **single)) == pytest.approx(1000.0, rel=1e-15)
    assert float(concentration_overpotential(100.0, temperature=T, **single)) == 0.0


def test_surface_empties_at_the_limiting_current():
    i_lim = float(
        limiting_current_density(
            BINARY["diffusion_coefficient"],
            BINARY["salt_concentration"],
            BINARY["transference_number"],
            BINARY["thickness"],
        )
    )
    assert float(interface_concentration_steady_state(i_lim, **BINARY)) == pytest.approx(0.0, abs=1e-9)
    assert np.isnan(float(concentration_overpotential(i_lim, temperature=T, **BINARY)))


def test_concentration_overpotential_small_current_limit():
    """eta -> 2 (1 - t+) (RT/F) dc / c0, dc = i (1 - t+) L / (F D)."""
    i = 1e-3
    eta = float(concentration_overpotential(i, temperature=T, **BINARY))
    dc = i * 0.8 * 1e-4 / (FARADAY * 1e-12)
    assert eta == pytest.approx(2 * 0.8 * GAS_CONSTANT * T / FARADAY * dc / 1000.0, rel=1e-6)
