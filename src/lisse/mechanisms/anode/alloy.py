"""Stripping Li from a Li-rich solid-solution alloy (Li-Mg): interface depletion by diffusion (Sand-type).

Stripping a solid-solution alloy removes Li from the lattice while the alloying element stays: the
interface becomes Li-poor instead of opening voids, and the Li-depleted alloy (a Mg-rich skeleton in Li-Mg)
keeps contact with the electrolyte (Krauskopf et al. 2019, Adv. Energy Mater.: 10 at% Mg prevents contact
loss on LLZO). Li is brought to the interface by chemical diffusion in the alloy, which Mg slows down; the
Li fraction at the interface falls as the square root of time at constant current, and once it reaches the
lower boundary of the solid solution the interface cannot deliver Li at that composition any more: the
"fundamental kinetic limitation ... the diffusion controlled decrease of the lithium metal concentration at
the interface" of the same study, a Sand-type limit of the solid.

Sign convention: ``current_density`` is positive for stripping (Li oxidation at this electrode) and negative
for plating, as in :mod:`lisse.mechanisms.electric.voids`.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, GAS_CONSTANT, ArrayLike

__all__ = [
    "alloy_concentration_overpotential",
    "alloy_depletion_rate",
    "alloy_sand_time",
    "skeleton_void_fraction",
]


@cites("krauskopf2019alloy", "sand1901")
def alloy_sand_time(
    current_density: ArrayLike,
    diffusion_coefficient: ArrayLike,
    atomic_volume: ArrayLike,
    allowed_deficit: ArrayLike,
) -> jnp.ndarray:
    r"""Time until stripping at a constant current brings the alloy's interface to the solid-solution limit.

    Parameters
    ----------
    current_density : array_like
        Stripping current density [A/m^2].
    diffusion_coefficient : array_like
        Chemical diffusion coefficient of Li in the alloy [m^2/s].
    atomic_volume : array_like
        Volume per mole of atoms of the alloy, V_m / (atoms per formula unit) [m^3/mol].
    allowed_deficit : array_like
        Li atom fraction the interface may lose before it leaves the solid solution, x_bulk - x_min [-].

    Returns
    -------
    jax.Array
        Sand-type time [s].

    Notes
    -----
    Constant-flux solution of Fick's second law on a half space: the Li concentration at the interface falls
    by :math:`\Delta c(t) = \frac{2 i}{F}\sqrt{\frac{t}{\pi D}}`; with :math:`c = x / V_a` the Li fraction
    reaches :math:`x_\mathrm{min}` at

    .. math:: t_S = \frac{\pi D}{4}\left(\frac{F\,(x_\mathrm{bulk} - x_\mathrm{min})}{V_a\, i}\right)^2,
              \qquad i\sqrt{t_S} = \text{const.}

    (Sand 1901; the analytical diffusion model of Krauskopf et al. 2019 for Li-Mg on LLZO). Valid while the
    diffusion length :math:`\sqrt{D t}` is smaller than the electrode thickness, for a concentration-
    independent D and a constant atomic volume.

    References
    ----------
    .. [1] T. Krauskopf, B. Mogwitz, C. Rosenbach, W. G. Zeier, J. Janek, Adv. Energy Mater. 9, 1902568
       (2019). DOI 10.1002/aenm.201902568.
    .. [2] H. J. S. Sand, Phil. Mag. 1, 45 (1901). DOI 10.1080/14786440109462590.

    Examples
    --------
    >>> t1 = alloy_sand_time(1.0, 1e-15, 1.3e-5, 0.6)
    >>> t2 = alloy_sand_time(2.0, 1e-15, 1.3e-5, 0.6)
    >>> round(float(t1 / t2), 6)
    4.0
    """
    i = jnp.asarray(current_density, dtype=float)
    return jnp.pi * diffusion_coefficient / 4.0 * (FARADAY * allowed_deficit / (atomic_volume * i)) ** 2


@cites("krauskopf2019alloy", "sand1901")
def alloy_depletion_rate(
    current_density: ArrayLike,
    depletion: ArrayLike,
    diffusion_coefficient: ArrayLike,
    atomic_volume: ArrayLike,
    allowed_deficit: ArrayLike,
    refill_width: ArrayLike = 1e-4,
) -> jnp.ndarray:
    r"""Rate of the alloy's interface depletion u = ((x_bulk - x_surface) / (x_bulk - x_min))^2.

    Parameters
    ----------
    current_density : array_like
        Current density at this electrode, positive for stripping, negative for plating [A/m^2].
    depletion : array_like
        Current depletion u >= 0 (0: the interface has the bulk composition; 1: it is at the solid-solution
        limit) [-].
    diffusion_coefficient : array_like
        Chemical diffusion coefficient of Li in the alloy [m^2/s].
    atomic_volume : array_like
        Volume per mole of atoms of the alloy [m^3/mol].
    allowed_deficit : array_like
        x_bulk - x_min [-].
    refill_width : array_like, default 1e-4
        Depletion below which plating no longer lowers it (the refill fades out smoothly to exactly zero at
        u = 0, so u cannot go negative) [-].

    Returns
    -------
    jax.Array
        du/dt [1/s].

    Notes
    -----
    The squared deficit grows linearly in time at constant current, so one state reproduces the half-space
    solution of :func:`alloy_sand_time` exactly:

    .. math:: \frac{du}{dt} = \frac{\operatorname{sign}(i)}{t_S(|i|)}
              = \frac{4}{\pi D}\left(\frac{V_a}{F (x_\mathrm{bulk} - x_\mathrm{min})}\right)^2 i\,|i|,

    i.e. :math:`u = t / t_S` and the interface reaches the limit at Sand's time. Plating returns Li to the
    interface at the same rate (the deficit a strip of length t built is refilled by plating at the same
    current for the same time; the exact half-space answer is 4/3 of it). Relaxation by back-diffusion at
    rest is not represented by one state and is neglected: after a rest the depletion is overestimated
    (conservative). Valid as :func:`alloy_sand_time`.

    References
    ----------
    .. [1] T. Krauskopf, B. Mogwitz, C. Rosenbach, W. G. Zeier, J. Janek, Adv. Energy Mater. 9, 1902568
       (2019). DOI 10.1002/aenm.201902568.
    .. [2] H. J. S. Sand, Phil. Mag. 1, 45 (1901). DOI 10.1080/14786440109462590.

    Examples
    --------
    >>> t_s = alloy_sand_time(2.0, 1e-15, 1.3e-5, 0.6)
    >>> round(float(alloy_depletion_rate(2.0, 0.5, 1e-15, 1.3e-5, 0.6) * t_s), 9)
    1.0
    """
    i = jnp.asarray(current_density, dtype=float)
    u = jnp.asarray(depletion, dtype=float)
    rate = (
        4.0
        / (jnp.pi * diffusion_coefficient)
        * (atomic_volume / (FARADAY * allowed_deficit)) ** 2
        * i
        * jnp.abs(i)
    )
    s = jnp.clip(u / refill_width, 0.0, 1.0)
    return jnp.where(rate < 0.0, rate * s * s * (3.0 - 2.0 * s), rate)


@cites("krauskopf2019alloy")
def skeleton_void_fraction(depletion: ArrayLike, width: ArrayLike = 1e-2) -> jnp.ndarray:
    r"""Fraction of the stripping current that opens voids at an alloy interface: 0 while the Li-depleted
    skeleton holds (the interface inside the solid solution), 1 once it has left it.

    Parameters
    ----------
    depletion : array_like
        Interface depletion u of :func:`alloy_depletion_rate` [-].
    width : array_like, default 1e-2
        Width in u of the smooth switch just below the limit u = 1 [-].

    Returns
    -------
    jax.Array
        Void-forming fraction of the stripping current, between 0 and 1 [-].

    Notes
    -----
    In pure Li, stripping removes whole lattice and leaves vacancies that condense into voids when they are
    not carried away (:mod:`lisse.mechanisms.electric.voids`). In a solid solution the stripped Li is
    supplied by chemical diffusion from the bulk; the alloying element stays behind as a continuous,
    Li-depleted alloy in contact with the electrolyte, which is what Krauskopf et al. (2019) observe for
    Li-Mg on LLZO ("introducing 10 at% Mg ... can effectively prevent contact loss"). lisse therefore counts
    no stripping current as void-forming while u < 1 - width, all of it from u = 1 (smoothstep between).
    The shrinkage of the depleted alloy itself is not modelled (taken up by the skeleton).

    References
    ----------
    .. [1] T. Krauskopf, B. Mogwitz, C. Rosenbach, W. G. Zeier, J. Janek, Adv. Energy Mater. 9, 1902568
       (2019). DOI 10.1002/aenm.201902568.

    Examples
    --------
    >>> float(skeleton_void_fraction(0.5)), float(skeleton_void_fraction(1.0))
    (0.0, 1.0)
    """
    s = jnp.clip((jnp.asarray(depletion, dtype=float) - (1.0 - width)) / width, 0.0, 1.0)
    return s * s * (3.0 - 2.0 * s)


@cites("krauskopf2019alloy", "newman2004")
def alloy_concentration_overpotential(
    bulk_fraction: ArrayLike, surface_fraction: ArrayLike, temperature: ArrayLike
) -> jnp.ndarray:
    r"""Concentration overpotential of a depleted alloy interface (ideal solution, Raoult's law).

    Parameters
    ----------
    bulk_fraction : array_like
        Li atom fraction of the alloy's bulk [-].
    surface_fraction : array_like
        Li atom fraction at the interface, 0 < x_s <= x_bulk [-].
    temperature : array_like
        Absolute temperature [K].

    Returns
    -------
    jax.Array
        Overpotential [V], >= 0 for a depleted interface.

    Notes
    -----
    The alloy's potential vs Li is :math:`E(x) = -\frac{RT}{F}\ln a_\mathrm{Li}`; with the ideal-solution
    activity :math:`a_\mathrm{Li} = x`,

    .. math:: \eta_c = E(x_s) - E(x_\mathrm{bulk}) = \frac{RT}{F}\ln\frac{x_\mathrm{bulk}}{x_s}.

    An estimate: Li-Mg deviates negatively from ideality (Gasior & Moser 2001 for the Mg-rich side), which
    makes the true overpotential of the same depletion larger. Zero for pure Li (x_s = x_bulk = 1).

    References
    ----------
    .. [1] T. Krauskopf, B. Mogwitz, C. Rosenbach, W. G. Zeier, J. Janek, Adv. Energy Mater. 9, 1902568
       (2019). DOI 10.1002/aenm.201902568.
    .. [2] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> float(alloy_concentration_overpotential(1.0, 1.0, 298.15))
    0.0
    """
    rt_f = GAS_CONSTANT * jnp.asarray(temperature, dtype=float) / FARADAY
    return rt_f * jnp.log(jnp.asarray(bulk_fraction, dtype=float) / surface_fraction)
