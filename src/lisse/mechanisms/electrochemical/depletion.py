"""Li+ depletion at the interface under current: binary (polymer) vs single-ion electrolytes (section 3.3).

In a binary electrolyte (a Li salt in a polymer) the anion also moves, so under current salt
piles up at one electrode and depletes at the other; the depletion adds a concentration
overpotential and, beyond the limiting current, empties the interface (after Sand's time; see
``lisse.mechanisms.electric``). In a single-ion conductor (ceramic or glass, Li+ transference
number 1) the anion lattice is fixed, no concentration gradient builds up and all three
quantities below vanish. The Li depletion seen in LGPS by 7Li MRI after cycling (Chien et al.
2018, reviewed in Liu et al. 2021) is therefore not a salt gradient: it needs another cause
(interphase formation, Li loss to voids), modelled in the chemical and electric families.

These are the steady-state results of dilute-solution theory for a symmetric Li | electrolyte
| Li cell with planar electrodes a distance ``thickness`` apart.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, GAS_CONSTANT, ArrayLike

__all__ = [
    "concentration_overpotential",
    "interface_concentration_steady_state",
    "salt_concentration_difference",
]


@cites("newman2004")
def salt_concentration_difference(
    current_density: ArrayLike,
    diffusion_coefficient: ArrayLike,
    thickness: ArrayLike,
    transference_number: ArrayLike,
) -> jnp.ndarray:
    r"""Steady-state salt concentration difference across a binary electrolyte carrying current.

    Parameters
    ----------
    current_density : array_like
        Current density through the cell [A/m^2].
    diffusion_coefficient : array_like
        Ambipolar salt diffusion coefficient of the electrolyte [m^2/s].
    thickness : array_like
        Electrolyte thickness between the electrodes [m].
    transference_number : array_like
        Li+ transference number; 1 for a single-ion conductor [-].

    Returns
    -------
    jax.Array
        Concentration difference between the two electrode surfaces [mol/m^3].

    Notes
    -----
    At steady state the anion flux is zero, so :math:`\mathrm{d}c/\mathrm{d}x = i(1-t_+)/(F D)`:

    .. math:: \Delta c = \frac{i\,(1 - t_+)\,L}{F D}

    Valid for a dilute, binary 1:1 electrolyte with constant properties and planar, blocking-to-
    anion electrodes (no convection). Vanishes for :math:`t_+ = 1`.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> float(salt_concentration_difference(10.0, 1e-12, 1e-4, 1.0))  # single-ion conductor
    0.0
    """
    i = jnp.asarray(current_density, dtype=float)
    return i * (1.0 - transference_number) * thickness / (FARADAY * diffusion_coefficient)


@cites("newman2004")
def interface_concentration_steady_state(
    current_density: ArrayLike,
    salt_concentration: ArrayLike,
    diffusion_coefficient: ArrayLike,
    thickness: ArrayLike,
    transference_number: ArrayLike,
) -> jnp.ndarray:
    r"""Salt concentration at the depleting electrode of a symmetric cell at steady state.

    Parameters
    ----------
    current_density : array_like
        Current density magnitude [A/m^2].
    salt_concentration : array_like
        Bulk (initial, mean) salt concentration [mol/m^3].
    diffusion_coefficient : array_like
        Ambipolar salt diffusion coefficient [m^2/s].
    thickness : array_like
        Electrolyte thickness [m].
    transference_number : array_like
        Li+ transference number [-].

    Returns
    -------
    jax.Array
        Concentration at the depleting surface [mol/m^3]; a negative value means the current
        exceeds the limiting current
        (:func:`lisse.mechanisms.electric.filaments.limiting_current_density`; no steady state:
        the surface empties).

    Notes
    -----
    The linear profile is symmetric about the mid-plane, so

    .. math:: c_\mathrm{surf} = c_0 - \frac{\Delta c}{2} = c_0 - \frac{i(1-t_+)L}{2 F D}

    Valid where :func:`salt_concentration_difference` is.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> float(interface_concentration_steady_state(10.0, 1000.0, 1e-12, 1e-4, 1.0))
    1000.0
    """
    return salt_concentration - 0.5 * salt_concentration_difference(
        current_density, diffusion_coefficient, thickness, transference_number
    )


@cites("newman2004")
def concentration_overpotential(
    current_density: ArrayLike,
    salt_concentration: ArrayLike,
    diffusion_coefficient: ArrayLike,
    thickness: ArrayLike,
    transference_number: ArrayLike,
    temperature: ArrayLike,
) -> jnp.ndarray:
    r"""Steady-state concentration overpotential of a symmetric Li cell with a binary electrolyte.

    The sum of the two electrodes' Nernst terms and the liquid-junction (diffusion) potential of
    the salt gradient; zero for a single-ion conductor.

    Parameters
    ----------
    current_density : array_like
        Current density magnitude, below the limiting current [A/m^2].
    salt_concentration : array_like
        Bulk (initial, mean) salt concentration [mol/m^3].
    diffusion_coefficient : array_like
        Ambipolar salt diffusion coefficient [m^2/s].
    thickness : array_like
        Electrolyte thickness [m].
    transference_number : array_like
        Li+ transference number [-].
    temperature : array_like
        Absolute temperature [K].

    Returns
    -------
    jax.Array
        Concentration overpotential, magnitude [V]; NaN at or above the limiting current.

    Notes
    -----
    .. math:: \eta_c = \frac{2 (1 - t_+) R T}{F}
              \ln\frac{c_0 + \Delta c/2}{c_0 - \Delta c/2}

    (emf of a concentration cell with transference, electrodes reversible to Li+). Valid for a
    dilute, ideal binary 1:1 electrolyte (activity coefficients 1).

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> float(concentration_overpotential(10.0, 1000.0, 1e-12, 1e-4, 1.0, 298.15))
    0.0
    """
    dc = salt_concentration_difference(current_density, diffusion_coefficient, thickness, transference_number)
    c0 = jnp.asarray(salt_concentration, dtype=float)
    high = c0 + 0.5 * dc
    low = c0 - 0.5 * dc
    ratio = jnp.where(low > 0.0, high / jnp.where(low > 0.0, low, 1.0), jnp.nan)
    rt_f = GAS_CONSTANT * jnp.asarray(temperature, dtype=float) / FARADAY
    return 2.0 * (1.0 - transference_number) * rt_f * jnp.log(ratio)
