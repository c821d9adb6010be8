"""Growth of the Li | solid-electrolyte interphase and its area-specific resistance (review section 3.2).

Li reduces most solid electrolytes; the product layer (the *interphase*) then grows only as fast
as Li+ and electrons can both cross it. Wagner's theory of tarnishing gives the parabolic rate
constant from the interphase's ionic and electronic conductivities and the reaction's driving
force; the Deal-Grove law adds an interface-reaction-limited (linear) regime at short times. A
mixed ionic-electronic conducting (MIEC) interphase, such as the Li3P + Li2S + Li-Ge product of
Li10GeP2S12 (LGPS), keeps growing; an electron-blocking one (Li | LLZO, Li | LiPON) stalls.

All functions are pure ``jax.numpy`` and take SI values; none reads material data.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, ArrayLike

__all__ = [
    "ambipolar_conductivity",
    "ambipolar_conductivity_from_asr_rate",
    "asr_rate_constant",
    "effective_conductivity_bruggeman",
    "interphase_asr",
    "interphase_asr_sqrt_time_wenzel2016",
    "interphase_thickness_deal_grove1965",
    "parabolic_rate_constant_wagner",
]


def _safe_sqrt(x: jnp.ndarray) -> jnp.ndarray:
    """sqrt that is 0 with a finite (zero) gradient at x <= 0 (double-where trick)."""
    positive = x > 0.0
    return jnp.where(positive, jnp.sqrt(jnp.where(positive, x, 1.0)), 0.0)


@cites("schmalzried1995")
def ambipolar_conductivity(ionic_conductivity: ArrayLike, electronic_conductivity: ArrayLike) -> jnp.ndarray:
    r"""Ambipolar conductivity of a mixed conductor: its ionic and electronic conductivities in series.

    Neutral Li can cross a layer only as a Li+ and an electron moving together, so the slower
    carrier controls the rate.

    Parameters
    ----------
    ionic_conductivity : array_like
        Li+ conductivity of the layer [S/m].
    electronic_conductivity : array_like
        Electronic conductivity of the layer [S/m].

    Returns
    -------
    jax.Array
        Ambipolar conductivity [S/m]; 0 if either conductivity is 0.

    Notes
    -----
    .. math:: \sigma_\mathrm{amb} = \frac{\sigma_\mathrm{ion}\,\sigma_\mathrm{el}}
              {\sigma_\mathrm{ion} + \sigma_\mathrm{el}}

    Valid for a layer with one mobile ion (Li+) and electrons (or holes), local equilibrium and
    no space charge (layer much thicker than the Debye length).

    References
    ----------
    .. [1] H. Schmalzried, Chemical Kinetics of Solids, VCH, Weinheim, 1995 (Wagner's
       theory of tarnishing). ISBN 978-3-527-29094-9.

    Examples
    --------
    >>> round(float(ambipolar_conductivity(1e-3, 1e-3)), 6)
    0.0005
    """
    s_i = jnp.asarray(ionic_conductivity, dtype=float)
    s_e = jnp.asarray(electronic_conductivity, dtype=float)
    total = s_i + s_e
    return jnp.where(total > 0.0, s_i * s_e / jnp.where(total > 0.0, total, 1.0), 0.0)


@cites("schmalzried1995", "deal1965")
def parabolic_rate_constant_wagner(
    ionic_conductivity: ArrayLike,
    electronic_conductivity: ArrayLike,
    reaction_free_energy: ArrayLike,
    molar_volume: ArrayLike,
) -> jnp.ndarray:
    r"""Parabolic rate constant of interphase growth by coupled Li+ and electron transport (Wagner).

    The layer grows by the flux of neutral Li driven across it by the Li chemical-potential
    difference between the Li metal and the electrolyte's reduction front. The constant is
    returned in the Deal-Grove convention :math:`L^2 = B t` of
    :func:`interphase_thickness_deal_grove1965`.

    Parameters
    ----------
    ionic_conductivity : array_like
        Li+ conductivity of the interphase [S/m].
    electronic_conductivity : array_like
        Electronic conductivity of the interphase [S/m]; near 0 for an electron-blocking
        (passivating) interphase, large for a mixed conductor (e.g. with Li-Ge alloy).
    reaction_free_energy : array_like
        Driving force: minus the Gibbs energy of the reduction reaction per mole of Li
        consumed, positive when Li reduces the electrolyte [J/mol]. One estimate is
        :math:`F U_\mathrm{red}` with :math:`U_\mathrm{red}` the electrolyte's reduction onset vs
        Li/Li+ (1.71 V for LGPS in Han et al. 2016, i.e. 1.65e5 J/mol).
    molar_volume : array_like
        Volume of interphase formed per mole of Li consumed [m^3/mol].

    Returns
    -------
    jax.Array
        Parabolic rate constant :math:`B` [m^2/s].

    Notes
    -----
    The Li flux through a layer of thickness :math:`L` is
    :math:`j = \sigma_\mathrm{amb}\,\Delta G / (F^2 L)` (Wagner, z = 1), and
    :math:`\mathrm{d}L/\mathrm{d}t = \Omega j`, so :math:`L\,\mathrm{d}L/\mathrm{d}t = B/2` with

    .. math:: B = \frac{2\,\Omega\,\Delta G}{F^2}\,
              \frac{\sigma_\mathrm{ion}\sigma_\mathrm{el}}{\sigma_\mathrm{ion}+\sigma_\mathrm{el}}

    Valid when transport across the layer (not the interface reaction) limits growth, the layer
    is dense, uniform and much thicker than the Debye length, and the conductivities are
    independent of the Li chemical potential across the layer (Wagner's constant-conductivity
    approximation). For :math:`\sigma_\mathrm{el} \to 0` the constant vanishes: the
    interphase passivates.

    References
    ----------
    .. [1] H. Schmalzried, Chemical Kinetics of Solids, VCH, Weinheim, 1995 (Wagner's
       parabolic rate law). ISBN 978-3-527-29094-9.
    .. [2] B. E. Deal, A. S. Grove, J. Appl. Phys. 36, 3770 (1965). DOI 10.1063/1.1713945.

    Examples
    --------
    >>> b = parabolic_rate_constant_wagner(1e-4, 0.0, 1.65e5, 2e-5)
    >>> float(b)
    0.0
    """
    s_amb = ambipolar_conductivity(ionic_conductivity, electronic_conductivity)
    return 2.0 * jnp.asarray(molar_volume, dtype=float) * reaction_free_energy * s_amb / FARADAY**2


@cites("deal1965")
def interphase_thickness_deal_grove1965(
    time: ArrayLike,
    parabolic_rate_constant: ArrayLike,
    linear_rate_constant: ArrayLike = jnp.inf,
    initial_thickness: ArrayLike = 0.0,
) -> jnp.ndarray:
    r"""Interphase thickness versus time by the linear-parabolic (Deal-Grove) law.

    Growth is limited by the interface reaction while the layer is thin (linear in time) and by
    transport across it once it is thick (parabolic, :math:`L \propto \sqrt{t}`).

    Parameters
    ----------
    time : array_like
        Time since contact [s].
    parabolic_rate_constant : array_like
        Parabolic rate constant :math:`B` (e.g. from :func:`parabolic_rate_constant_wagner`)
        [m^2/s].
    linear_rate_constant : array_like, default inf
        Linear (reaction-limited) rate constant :math:`B/A` [m/s]; ``inf`` gives the purely
        parabolic law.
    initial_thickness : array_like, default 0.0
        Thickness at ``time = 0`` [m].

    Returns
    -------
    jax.Array
        Interphase thickness [m].

    Notes
    -----
    .. math::

        L^2 + A L = B\,(t + \tau), \qquad A = B / k_\mathrm{lin}, \qquad
        \tau = (L_0^2 + A L_0)/B

    solved as :math:`L = 2 s / (A + \sqrt{A^2 + 4 s})` with :math:`s = B t + L_0^2 + A L_0`,
    which is exact and free of cancellation. Limits: :math:`L \approx L_0 + k_\mathrm{lin} t`
    for :math:`t \ll A^2/(4B)` and :math:`L \approx \sqrt{B t}` for :math:`t \gg A^2/(4B)`.
    Valid for a planar, uniform layer at constant temperature and driving force.

    References
    ----------
    .. [1] B. E. Deal, A. S. Grove, J. Appl. Phys. 36, 3770 (1965).
       DOI 10.1063/1.1713945.

    Examples
    --------
    >>> round(float(interphase_thickness_deal_grove1965(100.0, 1e-16)) * 1e9, 3)  # nm
    100.0
    """
    t = jnp.asarray(time, dtype=float)
    b = jnp.asarray(parabolic_rate_constant, dtype=float)
    a = b / linear_rate_constant
    l0 = jnp.asarray(initial_thickness, dtype=float)
    s = b * t + l0 * l0 + a * l0
    root = _safe_sqrt(a * a + 4.0 * s)
    den = a + root
    return jnp.where(den > 0.0, 2.0 * s / jnp.where(den > 0.0, den, 1.0), 0.0)


@cites("schmalzried1995", "deal1965", "wenzel2016")
def interphase_asr(
    time: ArrayLike,
    ionic_conductivity: ArrayLike,
    electronic_conductivity: ArrayLike,
    reaction_free_energy: ArrayLike,
    molar_volume: ArrayLike,
    contact_asr: ArrayLike = 0.0,
    linear_rate_constant: ArrayLike = jnp.inf,
    initial_thickness: ArrayLike = 0.0,
) -> jnp.ndarray:
    r"""Area-specific resistance of a growing interphase versus time (Wagner growth, Deal-Grove kinetics).

    The layer grows as in :func:`interphase_thickness_deal_grove1965` with the constant of
    :func:`parabolic_rate_constant_wagner`; Li+ must cross it, so it adds
    :math:`L/\sigma_\mathrm{ion}` to the interfacial resistance.

    Parameters
    ----------
    time : array_like
        Time since contact [s].
    ionic_conductivity : array_like
        Li+ conductivity of the interphase [S/m].
    electronic_conductivity : array_like
        Electronic conductivity of the interphase [S/m].
    reaction_free_energy : array_like
        Reaction driving force per mole of Li, positive [J/mol].
    molar_volume : array_like
        Volume of interphase per mole of Li consumed [m^3/mol].
    contact_asr : array_like, default 0.0
        Resistance present at ``time = 0`` (contact, charge transfer) [ohm*m^2].
    linear_rate_constant : array_like, default inf
        Reaction-limited rate constant [m/s].
    initial_thickness : array_like, default 0.0
        Interphase thickness at ``time = 0`` [m].

    Returns
    -------
    jax.Array
        Interfacial area-specific resistance of one Li | electrolyte interface [ohm*m^2].

    Notes
    -----
    .. math:: R(t) = R_0 + L(t)/\sigma_\mathrm{ion}

    In a symmetric Li | SE | Li cell two such interfaces are in series. Valid where the two
    growth laws are; the DC ionic resistance of a mixed conductor between an electron-blocking
    electrolyte and Li is its ionic resistance alone.

    References
    ----------
    .. [1] H. Schmalzried, Chemical Kinetics of Solids, VCH, 1995. ISBN 978-3-527-29094-9.
    .. [2] B. E. Deal, A. S. Grove, J. Appl. Phys. 36, 3770 (1965). DOI 10.1063/1.1713945.
    .. [3] S. Wenzel et al., Chem. Mater. 28, 2400 (2016). DOI 10.1021/acs.chemmater.6b00610.

    Examples
    --------
    >>> float(interphase_asr(3600.0, 1e-4, 0.0, 1.65e5, 2e-5, contact_asr=0.014))  # blocking: no growth
    0.014
    """
    b = parabolic_rate_constant_wagner(
        ionic_conductivity, electronic_conductivity, reaction_free_energy, molar_volume
    )
    thickness = interphase_thickness_deal_grove1965(time, b, linear_rate_constant, initial_thickness)
    return contact_asr + thickness / ionic_conductivity


@cites("schmalzried1995", "wenzel2016")
def asr_rate_constant(
    ionic_conductivity: ArrayLike,
    electronic_conductivity: ArrayLike,
    reaction_free_energy: ArrayLike,
    molar_volume: ArrayLike,
) -> jnp.ndarray:
    r"""Rate constant of the square-root-of-time growth of interphase resistance, from Wagner's theory.

    Parameters
    ----------
    ionic_conductivity : array_like
        Li+ conductivity of the interphase [S/m].
    electronic_conductivity : array_like
        Electronic conductivity of the interphase [S/m].
    reaction_free_energy : array_like
        Reaction driving force per mole of Li, positive [J/mol].
    molar_volume : array_like
        Volume of interphase per mole of Li consumed [m^3/mol].

    Returns
    -------
    jax.Array
        :math:`k_R` in :math:`R(t) = R_0 + k_R\sqrt{t}` [ohm*m^2/s^0.5].

    Notes
    -----
    .. math:: k_R = \frac{\sqrt{B}}{\sigma_\mathrm{ion}}
              = \frac{1}{F\,\sigma_\mathrm{ion}}\sqrt{2\,\Omega\,\Delta G\,\sigma_\mathrm{amb}}

    Valid in the parabolic (transport-limited) regime of Wagner's law.

    References
    ----------
    .. [1] H. Schmalzried, Chemical Kinetics of Solids, VCH, 1995. ISBN 978-3-527-29094-9.
    .. [2] S. Wenzel et al., Chem. Mater. 28, 2400 (2016). DOI 10.1021/acs.chemmater.6b00610.

    Examples
    --------
    >>> float(asr_rate_constant(1e-4, 0.0, 1.65e5, 2e-5))
    0.0
    """
    b = parabolic_rate_constant_wagner(
        ionic_conductivity, electronic_conductivity, reaction_free_energy, molar_volume
    )
    return _safe_sqrt(b) / ionic_conductivity


@cites("schmalzried1995", "wenzel2016")
def ambipolar_conductivity_from_asr_rate(
    asr_rate_constant: ArrayLike,
    ionic_conductivity: ArrayLike,
    reaction_free_energy: ArrayLike,
    molar_volume: ArrayLike,
) -> jnp.ndarray:
    r"""Ambipolar conductivity of the interphase implied by a measured sqrt(t) resistance growth.

    The inverse of :func:`asr_rate_constant`: what a fit of :math:`R = R_0 + k_R\sqrt{t}` to
    impedance data says about the (otherwise unmeasured) transport in the interphase, for an
    assumed interphase ionic conductivity.

    Parameters
    ----------
    asr_rate_constant : array_like
        Fitted :math:`k_R` [ohm*m^2/s^0.5].
    ionic_conductivity : array_like
        Assumed Li+ conductivity of the interphase [S/m].
    reaction_free_energy : array_like
        Reaction driving force per mole of Li, positive [J/mol].
    molar_volume : array_like
        Volume of interphase per mole of Li consumed [m^3/mol].

    Returns
    -------
    jax.Array
        Implied ambipolar conductivity [S/m]. If it exceeds ``ionic_conductivity`` the assumed
        ionic conductivity is too low to explain the data.

    Notes
    -----
    .. math:: \sigma_\mathrm{amb} = \frac{k_R^2\,\sigma_\mathrm{ion}^2\,F^2}{2\,\Omega\,\Delta G}

    Valid where :func:`asr_rate_constant` is.

    References
    ----------
    .. [1] H. Schmalzried, Chemical Kinetics of Solids, VCH, 1995. ISBN 978-3-527-29094-9.
    .. [2] S. Wenzel et al., Chem. Mater. 28, 2400 (2016). DOI 10.1021/acs.chemmater.6b00610.

    Examples
    --------
    >>> k = float(asr_rate_constant(1e-4, 1e-6, 1.65e5, 2e-5))
    >>> round(float(ambipolar_conductivity_from_asr_rate(k, 1e-4, 1.65e5, 2e-5)) * 1e6, 4)
    0.9901
    """
    k = jnp.asarray(asr_rate_constant, dtype=float)
    s_i = jnp.asarray(ionic_conductivity, dtype=float)
    return k * k * s_i * s_i * FARADAY**2 / (2.0 * molar_volume * reaction_free_energy)


@cites("wenzel2016")
def interphase_asr_sqrt_time_wenzel2016(
    time: ArrayLike, asr_rate_constant: ArrayLike, initial_asr: ArrayLike = 0.0
) -> jnp.ndarray:
    r"""Interfacial resistance growing with the square root of time (Wenzel et al. 2016, Li | LGPS).

    Wenzel et al. followed the Li | Li10GeP2S12 | Li impedance in time and found the interphase
    resistance to grow as :math:`\sqrt{t}`, i.e. diffusion-controlled growth of a mixed-conducting
    interphase. This is the empirical form; :func:`asr_rate_constant` links its constant to
    transport properties.

    Parameters
    ----------
    time : array_like
        Time since contact [s].
    asr_rate_constant : array_like
        :math:`k_R` [ohm*m^2/s^0.5].
    initial_asr : array_like, default 0.0
        Resistance at ``time = 0`` [ohm*m^2].

    Returns
    -------
    jax.Array
        Area-specific resistance [ohm*m^2].

    Notes
    -----
    .. math:: R(t) = R_0 + k_R \sqrt{t}

    Valid for a growing MIEC interphase in the parabolic regime at constant temperature.

    References
    ----------
    .. [1] S. Wenzel, S. Randau, T. Leichtweiss, D. A. Weber, J. Sann, W. G. Zeier, J. Janek,
       Chem. Mater. 28, 2400 (2016). DOI 10.1021/acs.chemmater.6b00610.

    Examples
    --------
    >>> float(interphase_asr_sqrt_time_wenzel2016(100.0, 1e-3, 0.01))
    0.02
    """
    return initial_asr + asr_rate_constant * _safe_sqrt(jnp.asarray(time, dtype=float))


@cites("bruggeman1935")
def effective_conductivity_bruggeman(
    conductivity_matrix: ArrayLike, conductivity_inclusion: ArrayLike, volume_fraction_inclusion: ArrayLike
) -> jnp.ndarray:
    r"""Effective conductivity of a random two-phase composite (Bruggeman's symmetric effective medium).

    Use it for the interphase's electronic conductivity (e.g. Li-Ge alloy dispersed in
    insulating Li2S/Li3P) or its ionic conductivity. The 3-D Bruggeman medium percolates at an
    inclusion fraction of 1/3.

    Parameters
    ----------
    conductivity_matrix : array_like
        Conductivity of phase 1 [S/m].
    conductivity_inclusion : array_like
        Conductivity of phase 2 [S/m].
    volume_fraction_inclusion : array_like
        Volume fraction of phase 2, between 0 and 1 [-].

    Returns
    -------
    jax.Array
        Effective conductivity [S/m].

    Notes
    -----
    Positive root of :math:`\sum_k f_k (\sigma_k - \sigma)/(\sigma_k + 2\sigma) = 0`:

    .. math:: \sigma = \frac{\beta + \sqrt{\beta^2 + 8\sigma_1\sigma_2}}{4}, \qquad
              \beta = (3 f_1 - 1)\sigma_1 + (3 f_2 - 1)\sigma_2

    Valid for isotropic, randomly intermixed spherical grains, both phases treated alike; near
    the percolation threshold real microstructures deviate.

    References
    ----------
    .. [1] D. A. G. Bruggeman, Ann. Phys. 416, 636 (1935). DOI 10.1002/andp.19354160705.

    Examples
    --------
    >>> round(float(effective_conductivity_bruggeman(0.0, 1.0, 0.5)), 6)  # above 1/3: percolates
    0.25
    """
    s1 = jnp.asarray(conductivity_matrix, dtype=float)
    s2 = jnp.asarray(conductivity_inclusion, dtype=float)
    f2 = jnp.asarray(volume_fraction_inclusion, dtype=float)
    f1 = 1.0 - f2
    beta = (3.0 * f1 - 1.0) * s1 + (3.0 * f2 - 1.0) * s2
    return (beta + _safe_sqrt(beta * beta + 8.0 * s1 * s2)) / 4.0
