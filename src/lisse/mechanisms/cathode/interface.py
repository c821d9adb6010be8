"""Area-specific resistance of the cathode | solid-electrolyte interface, bare or with a buffer coating.

Review section 2.2.2 (Liu et al. 2021): where an oxide cathode (LiCoO2, NMC) meets a sulfide
electrolyte, Li+ moves from the sulfide towards the oxide and leaves a Li-depleted, resistive
space-charge layer on the sulfide side (Haruyama et al. 2014); a thin buffer of an oxide Li+
conductor such as LiNbO3 between them suppresses it (Ohta et al. 2006, 2007). lisse models the
interface as charge transfer (Butler-Volmer, shared ``kinetics``) in series with one interlayer
resistance: the measured space-charge/interfacial ASR of the bare interface, or, when a coating is
present, the ohmic resistance L/sigma of the coating itself, which replaces it.

Sign convention (as in ``lisse.mechanisms.kinetics``): current and overpotential positive anodic,
i.e. when Li leaves the cathode (charge of a Li-metal | cathode cell).
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import ArrayLike
from lisse.mechanisms.kinetics import butler_volmer_overpotential, charge_transfer_asr, ohmic_asr

__all__ = ["cathode_interface_asr", "cathode_interface_overpotential", "cathode_interlayer_asr"]


@cites("haruyama2014", "ohta2006", "ohta2007")
def cathode_interlayer_asr(
    space_charge_asr: ArrayLike, coating_thickness: ArrayLike = 0.0, coating_conductivity: ArrayLike = 1.0
) -> jnp.ndarray:
    r"""Interlayer resistance of a cathode | sulfide interface: space-charge ASR, or the coating's L/sigma.

    Without a coating the interface carries the resistance of its Li-depleted space-charge layer
    (a measured interfacial ASR). A buffer coating of thickness L > 0 removes the space-charge layer
    and leaves its own ohmic resistance.

    Parameters
    ----------
    space_charge_asr : array_like
        Interfacial (space-charge-layer) area-specific resistance of the bare interface [ohm*m^2].
    coating_thickness : array_like, default 0.0
        Thickness L of the buffer coating; 0 means uncoated [m].
    coating_conductivity : array_like, default 1.0
        Li+ conductivity of the coating; unused when L = 0 [S/m].

    Returns
    -------
    jax.Array
        Interlayer area-specific resistance [ohm*m^2].

    Notes
    -----
    .. math::

        R_\mathrm{int} = \begin{cases} R_\mathrm{sc} & L = 0 \\ L/\sigma_\mathrm{coat} & L > 0 \end{cases}

    A two-state model: a complete, dense coating suppresses the space-charge layer entirely; a
    partial coverage or a coating too thin to screen the layer is not represented. The coating is
    one-dimensional and uniform (``kinetics.ohmic_asr``).

    References
    ----------
    .. [1] J. Haruyama, K. Sodeyama, L. Han, K. Takada, Y. Tateyama, Chem. Mater. 26, 4248 (2014).
       DOI 10.1021/cm5016959.
    .. [2] N. Ohta et al., Adv. Mater. 18, 2226 (2006). DOI 10.1002/adma.200502604.
    .. [3] N. Ohta et al., Electrochem. Commun. 9, 1486 (2007). DOI 10.1016/j.elecom.2007.02.008.

    Examples
    --------
    >>> round(float(cathode_interlayer_asr(1e-2, 10e-9, 1e-4)) * 1e4, 3)  # ohm cm^2
    1.0
    """
    thickness = jnp.asarray(coating_thickness, dtype=float)
    coated = thickness > 0.0
    safe_thickness = jnp.where(coated, thickness, 0.0)
    return jnp.where(
        coated, ohmic_asr(safe_thickness, coating_conductivity), jnp.asarray(space_charge_asr, dtype=float)
    )


@cites("bard2001", "haruyama2014", "ohta2006", "ohta2007")
def cathode_interface_asr(
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    space_charge_asr: ArrayLike,
    coating_thickness: ArrayLike = 0.0,
    coating_conductivity: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Area-specific resistance of the cathode | solid-electrolyte interface near equilibrium.

    Charge transfer at the cathode surface (linearised Butler-Volmer) in series with the
    interlayer: the space-charge layer of a bare oxide | sulfide interface, or the buffer coating
    that replaces it (:func:`cathode_interlayer_asr`).

    Parameters
    ----------
    exchange_current_density : array_like
        Exchange current density of the cathode | electrolyte charge transfer [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    space_charge_asr : array_like
        Interfacial (space-charge-layer) ASR of the bare interface [ohm*m^2].
    coating_thickness : array_like, default 0.0
        Buffer-coating thickness; 0 means uncoated [m].
    coating_conductivity : array_like, default 1.0
        Li+ conductivity of the coating [S/m].

    Returns
    -------
    jax.Array
        Area-specific resistance of the interface [ohm*m^2].

    Notes
    -----
    .. math::

        R = \frac{R T}{F i_0} + R_\mathrm{int}, \qquad
        R_\mathrm{int} = R_\mathrm{sc}\ (L = 0) \ \text{or}\ L/\sigma_\mathrm{coat}\ (L > 0)

    The small-current slope of :func:`cathode_interface_overpotential`; valid for
    :math:`|\eta_\mathrm{ct}| \ll RT/F`.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001, eq. 3.4.12.
       ISBN 978-0-471-04372-0.
    .. [2] J. Haruyama et al., Chem. Mater. 26, 4248 (2014). DOI 10.1021/cm5016959.
    .. [3] N. Ohta et al., Adv. Mater. 18, 2226 (2006). DOI 10.1002/adma.200502604.
    .. [4] N. Ohta et al., Electrochem. Commun. 9, 1486 (2007). DOI 10.1016/j.elecom.2007.02.008.

    Examples
    --------
    >>> round(float(cathode_interface_asr(10.0, 298.15, 1e-2)) * 1e4, 2)  # ohm cm^2
    125.69
    """
    return charge_transfer_asr(exchange_current_density, temperature) + cathode_interlayer_asr(
        space_charge_asr, coating_thickness, coating_conductivity
    )


@cites("bard2001", "haruyama2014", "ohta2006", "ohta2007")
def cathode_interface_overpotential(
    current_density: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    space_charge_asr: ArrayLike,
    coating_thickness: ArrayLike = 0.0,
    coating_conductivity: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Overpotential of the cathode | solid-electrolyte interface at a given current density.

    Symmetric Butler-Volmer charge transfer (``kinetics.butler_volmer_overpotential``) plus the
    ohmic drop over the interlayer (:func:`cathode_interlayer_asr`).

    Parameters
    ----------
    current_density : array_like
        Current density through the interface, positive when Li leaves the cathode [A/m^2].
    exchange_current_density : array_like
        Exchange current density of the cathode | electrolyte charge transfer [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    space_charge_asr : array_like
        Interfacial (space-charge-layer) ASR of the bare interface [ohm*m^2].
    coating_thickness : array_like, default 0.0
        Buffer-coating thickness; 0 means uncoated [m].
    coating_conductivity : array_like, default 1.0
        Li+ conductivity of the coating [S/m].

    Returns
    -------
    jax.Array
        Overpotential, same sign as the current [V].

    Notes
    -----
    .. math::

        \eta = \frac{2RT}{F}\operatorname{arcsinh}\frac{i}{2 i_0} + i R_\mathrm{int}

    Valid for a single-ion solid electrolyte (no concentration polarisation), transfer coefficients
    1/2 and an interlayer resistance independent of current (the space-charge layer's own
    non-linearity is not modelled).

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.
    .. [2] J. Haruyama et al., Chem. Mater. 26, 4248 (2014). DOI 10.1021/cm5016959.
    .. [3] N. Ohta et al., Adv. Mater. 18, 2226 (2006). DOI 10.1002/adma.200502604.
    .. [4] N. Ohta et al., Electrochem. Commun. 9, 1486 (2007). DOI 10.1016/j.elecom.2007.02.008.

    Examples
    --------
    >>> round(float(cathode_interface_overpotential(0.0, 10.0, 298.15, 1e-2)), 6)
    0.0
    """
    i = jnp.asarray(current_density, dtype=float)
    return butler_volmer_overpotential(i, exchange_current_density, temperature) + i * cathode_interlayer_asr(
        space_charge_asr, coating_thickness, coating_conductivity
    )
