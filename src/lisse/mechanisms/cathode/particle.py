"""Solid diffusion in spherical cathode particles: the single-particle polynomial approximation.

The cathode is a population of identical spheres of radius R holding Li at concentration c
(stoichiometry x = c / c_max). The simulator tracks the particle-average stoichiometry; the
surface stoichiometry, which sets the open-circuit potential, follows from the two-parameter
(parabolic profile) approximation of Subramanian et al. 2005.

Sign convention: the interfacial molar flux ``molar_flux`` and the ``current_density`` are positive
when Li leaves the cathode particles (delithiation: charging a Li-metal | cathode cell), negative on
discharge.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, ArrayLike

__all__ = [
    "active_volume_per_area",
    "average_stoichiometry_rate",
    "interfacial_molar_flux",
    "surface_stoichiometry_subramanian2005",
]


@cites("subramanian2005")
def surface_stoichiometry_subramanian2005(
    average_stoichiometry: ArrayLike,
    molar_flux: ArrayLike,
    particle_radius: ArrayLike,
    diffusion_coefficient: ArrayLike,
    max_concentration: ArrayLike,
) -> jnp.ndarray:
    r"""Surface stoichiometry of a spherical particle, parabolic-profile approximation (Subramanian 2005).

    Fick diffusion in a sphere with a uniform surface flux is approximated by a concentration
    profile quadratic in the radius; volume-averaging the diffusion equation then gives the
    surface concentration from the average one and the flux. The approximation is exact for the
    long-time (pseudo-steady) response to a constant flux and lags behind the true surface
    concentration for times shorter than about :math:`R^2/(25 D)` after a change of current.

    Parameters
    ----------
    average_stoichiometry : array_like
        Volume-averaged Li stoichiometry of the particle, c_avg / c_max [-].
    molar_flux : array_like
        Li flux through the particle surface, positive out of the particle (delithiation)
        [mol/(m^2*s)].
    particle_radius : array_like
        Particle radius R [m].
    diffusion_coefficient : array_like
        Chemical diffusion coefficient of Li in the particle D [m^2/s].
    max_concentration : array_like
        Maximum Li concentration of the lattice c_max [mol/m^3].

    Returns
    -------
    jax.Array
        Surface stoichiometry c_surf / c_max, not clipped to 0..1 [-].

    Notes
    -----
    .. math::

        c_\mathrm{surf} = c_\mathrm{avg} - \frac{j_n R}{5 D}, \qquad
        x_\mathrm{surf} = x_\mathrm{avg} - \frac{j_n R}{5 D c_\mathrm{max}}

    (Subramanian et al. 2005, eq. for the two-parameter model, with :math:`j_n` the pore-wall flux
    out of the particle.) Valid for constant D, spherical particles of one size and slowly varying
    flux; it becomes inaccurate when :math:`j_n R/(5 D c_\mathrm{max})` approaches the distance of
    :math:`x_\mathrm{avg}` to 0 or 1 (the surface saturates first).

    References
    ----------
    .. [1] V. R. Subramanian, V. D. Diwakar, D. Tapriyal, J. Electrochem. Soc. 152, A2002 (2005).
       DOI 10.1149/1.2032427.

    Examples
    --------
    >>> round(float(surface_stoichiometry_subramanian2005(0.5, 1e-5, 5e-6, 1e-14, 5e4)), 4)
    0.48
    """
    return jnp.asarray(average_stoichiometry, dtype=float) - molar_flux * particle_radius / (
        5.0 * diffusion_coefficient * max_concentration
    )


@cites("subramanian2005")
def average_stoichiometry_rate(
    molar_flux: ArrayLike, particle_radius: ArrayLike, max_concentration: ArrayLike
) -> jnp.ndarray:
    r"""Rate of change of the particle-average stoichiometry from the surface flux (Li mass balance).

    Parameters
    ----------
    molar_flux : array_like
        Li flux through the particle surface, positive out of the particle [mol/(m^2*s)].
    particle_radius : array_like
        Particle radius R [m].
    max_concentration : array_like
        Maximum Li concentration of the lattice c_max [mol/m^3].

    Returns
    -------
    jax.Array
        d x_avg / dt [1/s].

    Notes
    -----
    .. math:: \frac{d x_\mathrm{avg}}{dt} = -\frac{3 j_n}{R\, c_\mathrm{max}}

    Exact for a sphere (surface / volume = 3 / R), whatever the concentration profile.

    References
    ----------
    .. [1] V. R. Subramanian, V. D. Diwakar, D. Tapriyal, J. Electrochem. Soc. 152, A2002 (2005).
       DOI 10.1149/1.2032427.

    Examples
    --------
    >>> round(float(average_stoichiometry_rate(1e-5, 5e-6, 5e4)) * 1e4, 6)
    -1.2
    """
    return -3.0 * jnp.asarray(molar_flux, dtype=float) / (particle_radius * max_concentration)


@cites("subramanian2005")
def interfacial_molar_flux(
    current_density: ArrayLike, active_volume_per_area: ArrayLike, particle_radius: ArrayLike
) -> jnp.ndarray:
    r"""Li flux per particle surface area from the cell current density (uniform reaction).

    The cathode's particles have surface area :math:`a_s V` per electrode area, with
    :math:`a_s = 3/R` the surface per active volume of spheres and V the active-material volume
    per electrode area. Every particle carries the same flux (single-particle model).

    Parameters
    ----------
    current_density : array_like
        Cell current per electrode area, positive when Li leaves the cathode (charge) [A/m^2].
    active_volume_per_area : array_like
        Active-material volume per electrode area V [m^3/m^2], i.e. [m].
    particle_radius : array_like
        Particle radius R [m].

    Returns
    -------
    jax.Array
        Interfacial molar flux, positive out of the particles [mol/(m^2*s)].

    Notes
    -----
    .. math:: j_n = \frac{i}{F a_s V} = \frac{i R}{3 F V}

    Valid when the reaction is uniform through the electrode thickness (electrolyte and electronic
    transport in the composite fast compared with the reaction), one electron per Li.

    References
    ----------
    .. [1] V. R. Subramanian, V. D. Diwakar, D. Tapriyal, J. Electrochem. Soc. 152, A2002 (2005).
       DOI 10.1149/1.2032427.

    Examples
    --------
    >>> round(float(interfacial_molar_flux(10.0, 3e-5, 5e-6)) * 1e6, 4)
    5.7579
    """
    return (
        jnp.asarray(current_density, dtype=float) * particle_radius / (3.0 * FARADAY * active_volume_per_area)
    )


@cites("subramanian2005")
def active_volume_per_area(
    areal_capacity: ArrayLike, max_concentration: ArrayLike, x_charged: ArrayLike, x_discharged: ArrayLike
) -> jnp.ndarray:
    r"""Active-material volume per electrode area that stores a given areal capacity.

    Parameters
    ----------
    areal_capacity : array_like
        Charge the cathode exchanges between its charged and discharged states, per area Q [C/m^2]
        (1 mA h/cm2 = 3.6e4 C/m2).
    max_concentration : array_like
        Maximum Li concentration of the lattice c_max [mol/m^3].
    x_charged : array_like
        Stoichiometry of the charged state [-].
    x_discharged : array_like
        Stoichiometry of the discharged state [-].

    Returns
    -------
    jax.Array
        Active-material volume per electrode area [m].

    Notes
    -----
    .. math:: V = \frac{Q}{F c_\mathrm{max} (x_\mathrm{discharged} - x_\mathrm{charged})}

    Faraday's law for one electron per Li; the stoichiometry window of the OCV parameter set
    (:func:`lisse.mechanisms.cathode.stoichiometry_window`) defines which part of c_max is used.

    References
    ----------
    .. [1] V. R. Subramanian, V. D. Diwakar, D. Tapriyal, J. Electrochem. Soc. 152, A2002 (2005).
       DOI 10.1149/1.2032427.

    Examples
    --------
    >>> round(float(active_volume_per_area(36000.0, 5e4, 0.3, 0.9)) * 1e6, 3)  # um
    12.437
    """
    return jnp.asarray(areal_capacity, dtype=float) / (
        FARADAY * max_concentration * (x_discharged - x_charged)
    )
