"""Power-law creep of Li metal, and Li creep into the pores of a solid electrolyte.

Li metal at room temperature is above 0.6 of its melting point and deforms by power-law
(dislocation) creep at battery-relevant stresses (Masias et al. 2019; LePage et al. 2019).
Creep is what lets a stack pressure refill the voids left by stripping (see
:mod:`lisse.mechanisms.electric.voids`) and what pushes Li into open pores of the
separator at high pressure, shortening the distance between the electrodes (Doux et al. 2020).

The power law is written, as in the material catalogue (``creep_*`` properties), with a
reference strain rate at a reference stress and temperature, so that no prefactor with a
stress-exponent-dependent unit appears.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import GAS_CONSTANT, ArrayLike

__all__ = [
    "creep_intrusion_velocity",
    "creep_penetration_depth_doux2020",
    "creep_strain_rate",
    "effective_thickness",
]


#: Temperature at which the creep laws' reference strain rate is given by default [K]; the laws carry the
#: Arrhenius factor from there to the temperature of use.
CREEP_REFERENCE_TEMPERATURE = 298.15


@cites("masias2019", "lepage2019")
def creep_strain_rate(
    stress: ArrayLike,
    temperature: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = CREEP_REFERENCE_TEMPERATURE,
) -> jnp.ndarray:
    r"""Steady-state strain rate of Li metal under a stress (power-law creep).

    Parameters
    ----------
    stress : array_like
        Equivalent (von Mises) stress magnitude; for a thin Li foil under a stack pressure the
        local contact stress [Pa].
    temperature : array_like
        Absolute temperature [K].
    creep_reference_strain_rate : array_like
        Strain rate at ``creep_reference_stress`` and ``reference_temperature`` [1/s].
    creep_reference_stress : array_like
        Stress at which ``creep_reference_strain_rate`` holds [Pa].
    creep_stress_exponent : array_like
        Stress exponent n [-]. Masias et al. (2019) and LePage et al. (2019) report n of about 6.6
        for polycrystalline Li near room temperature.
    creep_activation_energy : array_like
        Activation energy Q [J/mol].
    reference_temperature : array_like, default 298.15
        Temperature at which ``creep_reference_strain_rate`` holds [K].

    Returns
    -------
    jax.Array
        Steady-state creep strain rate [1/s].

    Notes
    -----
    .. math::

        \dot\varepsilon = \dot\varepsilon_\mathrm{ref}
            \left(\frac{\sigma}{\sigma_\mathrm{ref}}\right)^{n}
            \exp\left[-\frac{Q}{R}\left(\frac{1}{T}-\frac{1}{T_\mathrm{ref}}\right)\right]

    A published law :math:`\dot\varepsilon = A\,\sigma^n e^{-Q/RT}` (``A`` in MPa^-n s^-1) maps
    to ``creep_reference_stress = 1e6`` and
    ``creep_reference_strain_rate = A * exp(-Q / (R * reference_temperature))``.
    Valid for steady (secondary) creep of bulk, coarse-grained Li in the stress and
    temperature range of the fit (roughly 0.1-2 MPa, 250-400 K for the cited works); it does
    not include the size effect (strengthening) of sub-micrometre Li.

    References
    ----------
    .. [1] A. Masias, N. Felten, R. Garcia-Mendez, J. Wolfenstine, J. Sakamoto, J. Mater. Sci. 54,
       2585 (2019). DOI 10.1007/s10853-018-2971-3.
    .. [2] W. S. LePage et al., J. Electrochem. Soc. 166, A89 (2019). DOI 10.1149/2.0221902jes.

    Examples
    --------
    >>> float(creep_strain_rate(2e6, 298.15, 1e-4, 1e6, 6.6, 37e3)) / 1e-4 == 2.0**6.6
    True
    """
    s = jnp.abs(jnp.asarray(stress, dtype=float)) / creep_reference_stress
    t = jnp.asarray(temperature, dtype=float)
    arr = jnp.exp(-creep_activation_energy / GAS_CONSTANT * (1.0 / t - 1.0 / reference_temperature))
    return creep_reference_strain_rate * s**creep_stress_exponent * arr


@cites("doux2020", "masias2019", "xu2017")
def creep_intrusion_velocity(
    stress: ArrayLike,
    flow_stress: ArrayLike,
    pore_radius: ArrayLike,
    temperature: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = 298.15,
) -> jnp.ndarray:
    r"""Speed at which Li creeps into the open pores of an electrolyte under a stress (scaling estimate).

    Doux et al. (2020) saw Li extrude into the pores of a cold-pressed Li6PS5Cl pellet and short the cell
    at 25 MPa stack pressure, while 5 MPa was safe. lisse models the extrusion as Li flowing into channels
    of radius ``pore_radius`` by power-law creep driven by the stress in excess of the flow stress of Li at
    the channel's size (Li is stronger the smaller it is: Xu et al. 2017), so a denser pellet, with smaller
    pores, holds more pressure.

    Parameters
    ----------
    stress : array_like
        Stress pressing the Li onto the electrolyte (the stack pressure over the contact fraction) [Pa].
    flow_stress : array_like
        Flow stress of Li at the pore's size (0: no threshold) [Pa].
    pore_radius : array_like
        Radius of the open pores/channels connected to the Li surface [m].
    temperature : array_like
        Absolute temperature [K].
    creep_reference_strain_rate, creep_reference_stress, creep_stress_exponent, creep_activation_energy
        Creep law of Li (:func:`creep_strain_rate`).
    reference_temperature : array_like, default 298.15
        Reference temperature of the creep law [K].

    Returns
    -------
    jax.Array
        Intrusion speed [m/s]; 0 while the stress is below the flow stress.

    Notes
    -----
    .. math:: v = r_\mathrm{pore}\,\dot\varepsilon\left(\max(\sigma - \sigma_f, 0), T\right)

    An order-of-magnitude (scaling) model, not an equation of Doux et al.: the mean extrusion speed of a
    channel of radius r is its strain rate times r, the prefactor of order one of an exact extrusion
    solution and the friction at the pore walls are set aside, and the pores are taken as connected
    through the thickness (the porosity of a pressed pellet is open). Its use is to compare pressures,
    pellet densities and temperatures, not to predict an absolute shorting time to better than orders of
    magnitude.

    References
    ----------
    .. [1] J.-M. Doux et al., Adv. Energy Mater. 10, 1903253 (2020). DOI 10.1002/aenm.201903253.
    .. [2] A. Masias et al., J. Mater. Sci. 54, 2585 (2019). DOI 10.1007/s10853-018-2971-3.
    .. [3] C. Xu et al., Proc. Natl. Acad. Sci. USA 114, 57 (2017). DOI 10.1073/pnas.1615733114.

    Examples
    --------
    >>> float(creep_intrusion_velocity(20e6, 25e6, 1e-6, 298.15, 1e-4, 1e6, 6.6, 37e3))  # below flow stress
    0.0
    """
    excess = jnp.asarray(stress, dtype=float) - flow_stress
    flowing = excess > 0
    # evaluated only where Li flows: the power law's derivative at zero stress is 0 * inf in reverse mode
    rate = creep_strain_rate(
        jnp.where(flowing, excess, 1.0),
        temperature,
        creep_reference_strain_rate,
        creep_reference_stress,
        creep_stress_exponent,
        creep_activation_energy,
        reference_temperature,
    )
    return jnp.where(flowing, jnp.asarray(pore_radius, dtype=float) * rate, 0.0)


@cites("doux2020", "masias2019")
def creep_penetration_depth_doux2020(
    stack_pressure: ArrayLike,
    pore_radius: ArrayLike,
    time: ArrayLike,
    temperature: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = 298.15,
) -> jnp.ndarray:
    r"""Depth to which Li creeps into an open pore of the electrolyte under stack pressure (scaling estimate).

    Doux et al. (2020) observed that at high stack pressure (25 MPa) Li extrudes into the pores of a
    cold-pressed Li6PS5Cl pellet and shorts the cell, while 5 MPa is safe. lisse estimates the
    extrusion as Li flowing into a channel of radius ``pore_radius`` by power-law creep: the mean
    extrusion velocity is the creep strain rate at the stack pressure times the channel radius.

    Parameters
    ----------
    stack_pressure : array_like
        Stack pressure acting on the Li [Pa].
    pore_radius : array_like
        Radius of the open pores/channels connected to the Li surface [m].
    time : array_like
        Time under pressure [s].
    temperature : array_like
        Absolute temperature [K].
    creep_reference_strain_rate : array_like
        Creep strain rate of Li at ``creep_reference_stress`` and ``reference_temperature`` [1/s].
    creep_reference_stress : array_like
        Reference stress of the creep law [Pa].
    creep_stress_exponent : array_like
        Creep stress exponent n [-].
    creep_activation_energy : array_like
        Creep activation energy [J/mol].
    reference_temperature : array_like, default 298.15
        Reference temperature of the creep law [K].

    Returns
    -------
    jax.Array
        Penetration depth of Li into the pore network [m].

    Notes
    -----
    .. math:: \ell(t) = r_\mathrm{pore}\,\dot\varepsilon(p, T)\,t

    An order-of-magnitude (scaling) model, not an equation of Doux et al.: the prefactor of
    order one that an exact extrusion solution would carry is set to 1, friction and the
    yield-stress threshold are ignored, and the pores are assumed to be connected through
    the thickness. Its use is to compare pressures and temperatures (the depth scales as
    :math:`p^n`), not to predict an absolute shorting time. Pass the result to
    :func:`effective_thickness`. The coupled model uses :func:`creep_intrusion_velocity`, which adds
    the size-dependent flow stress of Li as a threshold.

    References
    ----------
    .. [1] J.-M. Doux et al., Adv. Energy Mater. 10, 1903253 (2020). DOI 10.1002/aenm.201903253.
    .. [2] A. Masias et al., J. Mater. Sci. 54, 2585 (2019). DOI 10.1007/s10853-018-2971-3.

    Examples
    --------
    >>> d5 = creep_penetration_depth_doux2020(5e6, 1e-6, 3600.0, 298.15, 1e-4, 1e6, 6.6, 37e3)
    >>> d25 = creep_penetration_depth_doux2020(25e6, 1e-6, 3600.0, 298.15, 1e-4, 1e6, 6.6, 37e3)
    >>> round(float(d25 / d5) / 5.0**6.6, 6)
    1.0
    """
    speed = creep_intrusion_velocity(
        stack_pressure,
        0.0,
        pore_radius,
        temperature,
        creep_reference_strain_rate,
        creep_reference_stress,
        creep_stress_exponent,
        creep_activation_energy,
        reference_temperature,
    )
    return speed * time


@cites("doux2020")
def effective_thickness(thickness: ArrayLike, penetration_depth: ArrayLike) -> jnp.ndarray:
    r"""Electrolyte thickness left between the electrodes after Li has penetrated into it.

    Parameters
    ----------
    thickness : array_like
        Nominal electrolyte (separator) thickness [m].
    penetration_depth : array_like
        Depth of Li penetration (creep into pores, or filament length) [m].

    Returns
    -------
    jax.Array
        Remaining thickness, never negative; zero means a short circuit [m].

    Notes
    -----
    .. math:: L_\mathrm{eff} = \max(L - \ell, 0)

    The shortened distance raises the local current density and the field at the Li front
    (Doux et al. 2020).

    References
    ----------
    .. [1] J.-M. Doux et al., Adv. Energy Mater. 10, 1903253 (2020). DOI 10.1002/aenm.201903253.

    Examples
    --------
    >>> float(effective_thickness(100e-6, 150e-6))
    0.0
    """
    return jnp.maximum(jnp.asarray(thickness, dtype=float) - penetration_depth, 0.0)
