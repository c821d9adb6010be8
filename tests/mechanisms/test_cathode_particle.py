"""Solid diffusion in cathode particles (lisse.mechanisms.cathode.particle).

Validation: the exact long-time (pseudo-steady) solution of Fick's law in a sphere under constant
surface flux, c(r, t) = c_avg(t) - j R/(2 D) (r^2/R^2 - 3/5) (Subramanian et al. 2005, DOI
10.1149/1.2032427; Crank, The Mathematics of Diffusion), a finite-volume solution of the full
problem, and Li mass balance (Faraday's law).
"""

from __future__ import annotations

import numpy as np
import pytest

from lisse._core.numerics import FARADAY
from lisse.mechanisms.cathode import (
    active_volume_per_area,
    average_stoichiometry_rate,
    interfacial_molar_flux,
    max_concentration,
    stoichiometry_window,
    surface_stoichiometry_subramanian2005,
)
from mechanisms.contract import check_mechanism

# NMC811 of the Chen2020 set (lisse data nmc811.toml): R = 5.22 um, D = 4e-15 m2/s, c_max = 63104 mol/m3.
R, D, CMAX = 5.22e-6, 4e-15, 63104.0
J = 2e-6  # mol/(m2 s) out of the particle, ~ 1C-order for these particles


def test_exact_quadratic_profile():
    """For the exact pseudo-steady quadratic profile, c_surf - c_avg = -jR/(5D) to 1e-10."""
    r = np.linspace(0.0, R, 20001)
    c0 = 30000.0
    c = c0 - J * R / (2 * D) * (r**2 / R**2 - 3.0 / 5.0)
    # its volume average is c0 and its surface gradient satisfies D dc/dr = -j
    c_avg = 3.0 / R**3 * np.trapezoid(c * r**2, r)
    assert c_avg == pytest.approx(c0, rel=1e-8)
    assert -D * np.gradient(c, r)[-1] == pytest.approx(J, rel=1e-3)
    x_surf = surface_stoichiometry_subramanian2005(c_avg / CMAX, J, R, D, CMAX)
    assert float(x_surf) * CMAX == pytest.approx(c[-1], rel=1e-8)


def _finite_volume_sphere(t_end: float, n: int = 200):
    """Implicit finite-volume solution of dc/dt = D/r^2 d/dr(r^2 dc/dr), D dc/dr(R) = -J, c(0) = c0."""
    edges = np.linspace(0.0, R, n + 1)
    centres = 0.5 * (edges[1:] + edges[:-1])
    vol = (edges[1:] ** 3 - edges[:-1] ** 3) / 3.0
    area = edges**2
    dr = R / n
    steps = 400
    dt = t_end / steps
    a = np.zeros((n, n))
    for k in range(n):
        if k > 0:
            g = D * area[k] / dr
            a[k, k] += g
            a[k, k - 1] -= g
        if k < n - 1:
            g = D * area[k + 1] / dr
            a[k, k] += g
            a[k, k + 1] -= g
    m = np.diag(vol / dt) + a
    c = np.full(n, 30000.0)
    src = np.zeros(n)
    src[-1] = -J * area[-1]
    for _ in range(steps):
        c = np.linalg.solve(m, vol / dt * c + src)
    c_avg = np.sum(c * vol) / np.sum(vol)
    # surface value: the last cell centre plus the half-cell gradient from the flux condition
    c_surf = c[-1] - J / D * (R - centres[-1])
    return c_avg, c_surf


def test_long_time_limit_of_full_diffusion_and_mass_balance():
    """After t = 0.5 R^2/D the full solution reaches the parabolic profile: the approximation's
    c_surf - c_avg agrees within 2 %; the average falls as d c_avg/dt = -3j/R (mass balance, 1e-9)."""
    t_end = 0.5 * R**2 / D
    c_avg, c_surf = _finite_volume_sphere(t_end)
    x_avg_expected = 30000.0 / CMAX + float(average_stoichiometry_rate(J, R, CMAX)) * t_end
    assert c_avg / CMAX == pytest.approx(x_avg_expected, rel=1e-9)
    approx = float(surface_stoichiometry_subramanian2005(c_avg / CMAX, J, R, D, CMAX)) * CMAX
    assert (c_surf - c_avg) == pytest.approx(approx - c_avg, rel=0.02)


def test_flux_and_volume_conserve_charge():
    """Faraday: flux x particle area x F = current; V F c_max dx = Q (both to 1e-12)."""
    x_ch, x_dis = stoichiometry_window("NMC811")
    cmax = max_concentration("NMC811")
    q = 3.0 * 36000.0  # 3 mA h/cm2 in C/m2
    v = float(active_volume_per_area(q, cmax, x_ch, x_dis))
    assert v * FARADAY * cmax * (x_dis - x_ch) == pytest.approx(q, rel=1e-12)
    i = 10.0  # A/m2 = 1 mA/cm2
    j = float(interfacial_molar_flux(i, v, R))
    assert j * (3.0 * v / R) * FARADAY == pytest.approx(i, rel=1e-12)
    # a full charge at constant current empties the window: t = Q/i, dx = rate * t
    dx = float(average_stoichiometry_rate(j, R, cmax)) * q / i
    assert dx == pytest.approx(-(x_dis - x_ch), rel=1e-12)


@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (
            surface_stoichiometry_subramanian2005,
            dict(
                average_stoichiometry=0.5,
                molar_flux=J,
                particle_radius=R,
                diffusion_coefficient=D,
                max_concentration=CMAX,
            ),
            "molar_flux",
        ),
        (
            average_stoichiometry_rate,
            dict(molar_flux=J, particle_radius=R, max_concentration=CMAX),
            "molar_flux",
        ),
        (
            interfacial_molar_flux,
            dict(current_density=10.0, active_volume_per_area=3e-5, particle_radius=R),
            "current_density",
        ),
        (
            active_volume_per_area,
            dict(areal_capacity=1.08e5, max_concentration=CMAX, x_charged=0.2638, x_discharged=0.854),
            "areal_capacity",
        ),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)
