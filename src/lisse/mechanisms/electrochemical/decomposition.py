"""Electrolyte decomposition when an electrode potential leaves the stability window (review section 3.3).

A solid electrolyte is thermodynamically stable only between its reduction and oxidation
limits (Zhu et al. 2015; for LGPS 1.71 to 2.41 V vs Li/Li+, Han et al. 2016 as quoted by the
review, Liu et al. 2021). Outside,
the electrolyte is reduced or oxidised at a rate set by the excursion beyond the limit; the
products accumulate every cycle and add resistance (Zhu et al. 2020 for Li7P3S11, reviewed in
Liu et al. 2021: decomposition grows with the width of the cycled window).

The models here turn an excursion into a decomposition current (Butler-Volmer on the
excursion), a charge per voltage sweep, an amount (Faraday's law) and a resistance increase
per cycle. The exchange current density of the decomposition reaction is not a tabulated
property: it is an argument, to be fitted or bracketed. In the cell simulator (full cells) the
decomposition runs at a cathode held beyond the window: its products form a layer that electrons and
Li+ must cross, so the current falls as the layer thickens (:func:`passivated_decomposition_current_density`,
linear-parabolic as in Deal & Grove 1965) and the layer grows at :func:`decomposition_layer_growth_rate`.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, GAS_CONSTANT, ArrayLike
from lisse.mechanisms.chemical.interphase import ambipolar_conductivity
from lisse.mechanisms.kinetics import butler_volmer_current

__all__ = [
    "decomposed_amount",
    "decomposition_asr_per_cycle",
    "decomposition_charge_per_sweep",
    "decomposition_current_density",
    "decomposition_layer_growth_rate",
    "passivated_decomposition_current_density",
    "window_excursion",
]


@cites("zhu2015", "han2016")
def window_excursion(
    electrode_potential: ArrayLike, reduction_limit: ArrayLike, oxidation_limit: ArrayLike
) -> jnp.ndarray:
    r"""Signed excursion of an electrode potential beyond the electrolyte's stability window.

    Parameters
    ----------
    electrode_potential : array_like
        Potential of the electrode in contact with the electrolyte, vs Li/Li+ [V].
    reduction_limit : array_like
        Lower limit of the electrolyte's stability window, vs Li/Li+ [V].
    oxidation_limit : array_like
        Upper limit of the stability window, vs Li/Li+ [V].

    Returns
    -------
    jax.Array
        :math:`E - E_\mathrm{ox}` above the window (oxidation, positive),
        :math:`E - E_\mathrm{red}` below it (reduction, negative), 0 inside [V].

    Notes
    -----
    .. math:: \Delta E = \max(E - E_\mathrm{ox}, 0) + \min(E - E_\mathrm{red}, 0)

    The window is the thermodynamic one (grand-potential phase diagram); kinetic
    stabilisation by a passivating interphase is not included.

    References
    ----------
    .. [1] Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015).
       DOI 10.1021/acsami.5b07517.
    .. [2] F. Han, Y. Zhu, X. He, Y. Mo, C. Wang, Adv. Energy Mater. 6, 1501590 (2016).
       DOI 10.1002/aenm.201501590.

    Examples
    --------
    >>> float(window_excursion(0.0, 1.71, 2.41))  # Li metal vs LGPS (window as quoted by Liu et al. 2021)
    -1.71
    """
    e = jnp.asarray(electrode_potential, dtype=float)
    return jnp.maximum(e - oxidation_limit, 0.0) + jnp.minimum(e - reduction_limit, 0.0)


@cites("zhu2015", "bard2001")
def decomposition_current_density(
    electrode_potential: ArrayLike,
    reduction_limit: ArrayLike,
    oxidation_limit: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
) -> jnp.ndarray:
    r"""Current density of electrolyte decomposition: Butler-Volmer kinetics driven by the window excursion.

    Parameters
    ----------
    electrode_potential : array_like
        Potential of the electrode in contact with the electrolyte, vs Li/Li+ [V].
    reduction_limit : array_like
        Lower limit of the stability window, vs Li/Li+ [V].
    oxidation_limit : array_like
        Upper limit of the stability window, vs Li/Li+ [V].
    exchange_current_density : array_like
        Exchange current density of the decomposition reaction at the window edge; not a
        tabulated property, fit it to a parasitic current or a resistance rise [A/m^2].
    temperature : array_like
        Absolute temperature [K].

    Returns
    -------
    jax.Array
        Decomposition current density, positive for oxidation, negative for reduction [A/m^2].

    Notes
    -----
    .. math:: i_\mathrm{dec} = i_0\left[e^{F\Delta E/2RT} - e^{-F\Delta E/2RT}\right],
              \quad \Delta E = \text{window excursion}

    (symmetric transfer coefficients). Valid for a fresh electrolyte surface; a passivating
    product layer slows it further, which this law does not include.

    References
    ----------
    .. [1] Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015).
       DOI 10.1021/acsami.5b07517.
    .. [2] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> float(decomposition_current_density(2.0, 1.71, 2.41, 1e-3, 298.15))  # inside the window
    0.0
    """
    excursion = window_excursion(electrode_potential, reduction_limit, oxidation_limit)
    return butler_volmer_current(excursion, exchange_current_density, temperature)


@cites("bard2001", "liu2021")
def decomposition_charge_per_sweep(
    excursion: ArrayLike,
    sweep_rate: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    alpha_forward: ArrayLike = 0.5,
    alpha_backward: ArrayLike = 0.5,
) -> jnp.ndarray:
    r"""Decomposition charge while a linear voltage sweep goes beyond the stability window and back.

    The potential crosses the window edge, goes ``excursion`` further at ``sweep_rate`` and
    returns; the decomposition current of :func:`decomposition_current_density` integrated over
    this time grows steeply with the excursion -- the model form of the observation that Li7P3S11
    decomposes more the wider the cycled window (Zhu et al. 2020, reviewed in Liu et al. 2021).

    Parameters
    ----------
    excursion : array_like
        Maximum excursion beyond the window edge, magnitude [V].
    sweep_rate : array_like
        Magnitude of the potential sweep rate [V/s].
    exchange_current_density : array_like
        Exchange current density of the decomposition reaction [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    alpha_forward : array_like, default 0.5
        Transfer coefficient in the decomposition direction [-].
    alpha_backward : array_like, default 0.5
        Transfer coefficient in the reverse direction [-].

    Returns
    -------
    jax.Array
        Decomposition charge per sweep (out and back), magnitude [C/m^2].

    Notes
    -----
    With :math:`f = F/RT` and :math:`\mathrm{d}t = \mathrm{d}\eta / v`, out and back:

    .. math:: q = \frac{2 i_0}{v}\left[\frac{e^{\alpha_f f \Delta} - 1}{\alpha_f f}
              + \frac{e^{-\alpha_b f \Delta} - 1}{\alpha_b f}\right]

    Small-excursion limit :math:`q \to i_0 (\alpha_f + \alpha_b) f \Delta^2 / v`; large-excursion
    limit Tafel-like, :math:`q \propto e^{\alpha_f f \Delta}`. Valid for a fresh surface at
    constant temperature, no mass-transport limitation.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.
    .. [2] J. Liu et al., Adv. Energy Mater. 11, 2100748 (2021), section 3.3 (reviewing
       G.-L. Zhu et al., Energy Storage Mater. 31, 267 (2020)). DOI 10.1002/aenm.202100748.

    Examples
    --------
    >>> float(decomposition_charge_per_sweep(0.0, 1e-4, 1e-3, 298.15))
    0.0
    """
    f = FARADAY / (GAS_CONSTANT * jnp.asarray(temperature, dtype=float))
    d = jnp.abs(jnp.asarray(excursion, dtype=float))
    fwd = jnp.expm1(alpha_forward * f * d) / (alpha_forward * f)
    bwd = jnp.expm1(-alpha_backward * f * d) / (alpha_backward * f)
    return 2.0 * exchange_current_density / sweep_rate * (fwd + bwd)


@cites("bard2001")
def decomposed_amount(charge_density: ArrayLike, electrons_per_formula_unit: ArrayLike) -> jnp.ndarray:
    r"""Amount of electrolyte decomposed per unit area by a given decomposition charge (Faraday's law).

    Parameters
    ----------
    charge_density : array_like
        Charge passed in the decomposition reaction, magnitude [C/m^2].
    electrons_per_formula_unit : array_like
        Electrons transferred per formula unit of electrolyte decomposed (from the
        decomposition reaction, e.g. the thermodynamics layer) [-].

    Returns
    -------
    jax.Array
        Electrolyte decomposed [mol/m^2].

    Notes
    -----
    .. math:: n = \frac{q}{z F}

    Exact for a single reaction with 100 % faradaic efficiency.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> round(float(decomposed_amount(96485.33212, 2.0)), 6)
    0.5
    """
    return jnp.asarray(charge_density, dtype=float) / (electrons_per_formula_unit * FARADAY)


@cites("bard2001", "liu2021")
def decomposition_asr_per_cycle(
    charge_density_per_cycle: ArrayLike,
    electrons_per_formula_unit: ArrayLike,
    molar_volume_product: ArrayLike,
    ionic_conductivity_product: ArrayLike,
) -> jnp.ndarray:
    r"""Increase of interfacial area-specific resistance per cycle from accumulated decomposition products.

    Each cycle's decomposition products form a layer of thickness :math:`n\Omega` that Li+ must
    cross; with no passivation the increase repeats every cycle, so after :math:`N` cycles
    :math:`R_N = R_0 + N\,\Delta R` (the continuous deterioration reported for Li7P3S11 by Zhu
    et al. 2020, reviewed in Liu et al. 2021).

    Parameters
    ----------
    charge_density_per_cycle : array_like
        Decomposition charge per cycle, magnitude (e.g. from :func:`decomposition_charge_per_sweep`) [C/m^2].
    electrons_per_formula_unit : array_like
        Electrons per formula unit of electrolyte decomposed [-].
    molar_volume_product : array_like
        Volume of products formed per mole of electrolyte decomposed [m^3/mol].
    ionic_conductivity_product : array_like
        Li+ conductivity of the product layer [S/m].

    Returns
    -------
    jax.Array
        Resistance increase per cycle [ohm*m^2].

    Notes
    -----
    .. math:: \Delta R = \frac{q\,\Omega}{z F \sigma_\mathrm{prod}}

    Valid for a dense, planar product layer in series with the interface; a porous or
    percolating-electronic product behaves differently (see the chemical family).

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.
    .. [2] J. Liu et al., Adv. Energy Mater. 11, 2100748 (2021), section 3.3.
       DOI 10.1002/aenm.202100748.

    Examples
    --------
    >>> round(float(decomposition_asr_per_cycle(96485.33212, 1.0, 1e-4, 1e-4)), 6)  # 1 m of product
    1.0
    """
    n = decomposed_amount(charge_density_per_cycle, electrons_per_formula_unit)
    return n * molar_volume_product / ionic_conductivity_product


@cites("zhu2015", "bard2001", "deal1965", "schmalzried1995")
def passivated_decomposition_current_density(
    excursion: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    layer_thickness: ArrayLike,
    ionic_conductivity: ArrayLike,
    electronic_conductivity: ArrayLike,
) -> jnp.ndarray:
    r"""Decomposition current density through a layer of its own products (reaction, then transport limited).

    The electrolyte decomposes at the front between it and its product layer; the electrons (and Li+)
    it releases must cross the layer to the electrode. The interface reaction
    (:func:`decomposition_current_density`, Butler-Volmer on the window excursion) and the transport of
    neutral Li across the layer (Wagner: ambipolar conductivity, driving force :math:`F\Delta E` per
    electron) act in series, so the current falls as the layer grows: the layer passivates.

    Parameters
    ----------
    excursion : array_like
        Window excursion of the electrode potential (:func:`window_excursion`), signed [V].
    exchange_current_density : array_like
        Exchange current density of the decomposition reaction at the window edge [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    layer_thickness : array_like
        Thickness of the product layer, > 0 [m].
    ionic_conductivity : array_like
        Li+ conductivity of the product layer [S/m].
    electronic_conductivity : array_like
        Electronic conductivity of the product layer [S/m].

    Returns
    -------
    jax.Array
        Decomposition current density, signed as the excursion (positive: oxidation) [A/m^2].

    Notes
    -----
    .. math::

        i_\mathrm{k} = i_0\left[e^{F\Delta E/2RT} - e^{-F\Delta E/2RT}\right], \qquad
        i_\mathrm{t} = \frac{\sigma_\mathrm{amb}\,\Delta E}{h}, \qquad
        i = \frac{i_\mathrm{k}\, i_\mathrm{t}}{i_\mathrm{k} + i_\mathrm{t}}

    with the ambipolar conductivity
    :math:`\sigma_\mathrm{amb} = \sigma_\mathrm{i}\sigma_\mathrm{e}/(\sigma_\mathrm{i}+\sigma_\mathrm{e})`.
    The series (harmonic) combination is Deal and Grove's linear-parabolic law: reaction-limited while
    the layer is thin, :math:`h\,\mathrm{d}h/\mathrm{d}t` constant (parabolic) once transport limits.
    Valid for a dense, uniform layer whose conductivities do not depend on the potential across it; an
    electron-blocking layer (:math:`\sigma_\mathrm{el} \to 0`) stops the decomposition.

    References
    ----------
    .. [1] Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015).
       DOI 10.1021/acsami.5b07517.
    .. [2] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.
    .. [3] B. E. Deal, A. S. Grove, J. Appl. Phys. 36, 3770 (1965). DOI 10.1063/1.1713945.
    .. [4] H. Schmalzried, Chemical Kinetics of Solids, VCH, Weinheim, 1995. ISBN 978-3-527-29094-9.

    Examples
    --------
    >>> round(float(passivated_decomposition_current_density(1.0, 1e3, 298.15, 1e-9, 1.0, 1e-9)), 6)
    1.0
    """
    e = jnp.asarray(excursion, dtype=float)
    kinetic = butler_volmer_current(e, exchange_current_density, temperature)
    transport = ambipolar_conductivity(ionic_conductivity, electronic_conductivity) * e / layer_thickness
    total = kinetic + transport
    moving = total != 0.0
    return jnp.where(moving, kinetic * transport / jnp.where(moving, total, 1.0), 0.0)


@cites("bard2001")
def decomposition_layer_growth_rate(
    current_density: ArrayLike, electrons_per_formula_unit: ArrayLike, product_volume: ArrayLike
) -> jnp.ndarray:
    r"""Thickening rate of a decomposition-product layer at a given decomposition current (Faraday's law).

    Parameters
    ----------
    current_density : array_like
        Decomposition current density per area of the layer, either sign [A/m^2].
    electrons_per_formula_unit : array_like
        Electrons released per formula unit decomposed [-].
    product_volume : array_like
        Volume of solid products per mole of formula units decomposed [m^3/mol].

    Returns
    -------
    jax.Array
        dh/dt [m/s], >= 0.

    Notes
    -----
    .. math:: \frac{\mathrm{d}h}{\mathrm{d}t} = \frac{|i|\,\Omega}{z F}

    (:func:`decomposed_amount` per second times the product volume). The layer's resistance
    :math:`h/\sigma_\mathrm{prod}` then rises at the rate :func:`decomposition_asr_per_cycle` gives for the
    charge passed per second. Exact for a single reaction with 100 % faradaic efficiency and a dense layer.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> round(float(decomposition_layer_growth_rate(96485.33212, 1.0, 1e-5)), 9)  # 1e-5 m/s
    1e-05
    """
    return decomposed_amount(
        jnp.abs(jnp.asarray(current_density, dtype=float)), electrons_per_formula_unit
    ) * (product_volume)
