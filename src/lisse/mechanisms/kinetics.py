"""Interfacial kinetics and ohmic transport shared by every failure family.

Butler-Volmer charge transfer (asymmetric, and its symmetric inverse through ``arcsinh``),
an Arrhenius temperature law, and area-specific resistances (ASR) of ohmic layers and of
linearised charge transfer. All functions are pure ``jax.numpy``: they accept floats, NumPy
or JAX arrays (traced or not), broadcast their inputs, and work under ``jit``, ``vmap`` and
``grad``. Sign convention: anodic (oxidation, Li stripping) current and overpotential are
positive, cathodic (reduction, Li plating) negative.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, GAS_CONSTANT, ArrayLike

__all__ = [
    "arrhenius",
    "butler_volmer_current",
    "butler_volmer_overpotential",
    "charge_transfer_asr",
    "ohmic_asr",
    "ohmic_overpotential",
]


@cites("bard2001", "newman2004")
def butler_volmer_current(
    overpotential: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    alpha_a: ArrayLike = 0.5,
    alpha_c: ArrayLike = 0.5,
) -> jnp.ndarray:
    r"""Current density of a one-electron charge-transfer reaction (Butler-Volmer equation).

    Concentration polarisation is neglected (surface concentrations equal bulk ones), which
    is appropriate for Li | single-ion-conducting solid electrolyte interfaces.

    Parameters
    ----------
    overpotential : array_like
        Charge-transfer overpotential, positive for oxidation (Li stripping) [V].
    exchange_current_density : array_like
        Exchange current density of the interface [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    alpha_a : array_like, default 0.5
        Anodic transfer coefficient [-]. 0.5 is the symmetric-barrier default (Bard & Faulkner 2001).
    alpha_c : array_like, default 0.5
        Cathodic transfer coefficient [-].

    Returns
    -------
    jax.Array
        Current density, positive anodic [A/m^2].

    Notes
    -----
    .. math::

        i = i_0 \left[\exp\left(\frac{\alpha_a F \eta}{R T}\right)
            - \exp\left(-\frac{\alpha_c F \eta}{R T}\right)\right]

    Valid for a single rate-determining one-electron step without mass-transport limitation;
    for :math:`|\eta| \ll RT/F` it reduces to :math:`i = (\alpha_a+\alpha_c) i_0 F\eta/(RT)`.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods: Fundamentals and Applications,
       2nd ed., Wiley, 2001, eq. 3.4.11. ISBN 978-0-471-04372-0.
    .. [2] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004, ch. 8.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> float(butler_volmer_current(0.0, 10.0, 298.15))
    0.0
    """
    f = FARADAY / (GAS_CONSTANT * jnp.asarray(temperature, dtype=float))
    eta = jnp.asarray(overpotential, dtype=float)
    return exchange_current_density * (jnp.exp(alpha_a * f * eta) - jnp.exp(-alpha_c * f * eta))


@cites("bard2001", "newman2004")
def butler_volmer_overpotential(
    current_density: ArrayLike, exchange_current_density: ArrayLike, temperature: ArrayLike
) -> jnp.ndarray:
    r"""Charge-transfer overpotential of a symmetric Butler-Volmer interface (inverse, arcsinh form).

    Exact inverse of :func:`butler_volmer_current` for :math:`\alpha_a = \alpha_c = 1/2`.

    Parameters
    ----------
    current_density : array_like
        Current density, positive anodic (stripping) [A/m^2].
    exchange_current_density : array_like
        Exchange current density of the interface [A/m^2].
    temperature : array_like
        Absolute temperature [K].

    Returns
    -------
    jax.Array
        Overpotential, same sign as the current [V].

    Notes
    -----
    .. math::

        \eta = \frac{2 R T}{F}\,\operatorname{arcsinh}\left(\frac{i}{2 i_0}\right)

    Valid where :func:`butler_volmer_current` is, with symmetric transfer coefficients.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.
    .. [2] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> round(float(butler_volmer_overpotential(20.0, 10.0, 298.15)) * 1e3, 2)  # mV
    45.29
    """
    rt_f = GAS_CONSTANT * jnp.asarray(temperature, dtype=float) / FARADAY
    return (
        2.0 * rt_f * jnp.arcsinh(jnp.asarray(current_density, dtype=float) / (2.0 * exchange_current_density))
    )


@cites("arrhenius1889")
def arrhenius(
    value_ref: ArrayLike,
    activation_energy_J_per_mol: ArrayLike,
    temperature: ArrayLike,
    temperature_ref: ArrayLike = 298.15,
) -> jnp.ndarray:
    r"""Thermally activated quantity at ``temperature`` from its value at ``temperature_ref`` (Arrhenius law).

    Parameters
    ----------
    value_ref : array_like
        Value at the reference temperature, in any unit (the result has the same unit) [-].
    activation_energy_J_per_mol : array_like
        Activation energy [J/mol]. (Multiply eV by 96485.33 to get J/mol.)
    temperature : array_like
        Absolute temperature [K].
    temperature_ref : array_like, default 298.15
        Reference temperature [K].

    Returns
    -------
    jax.Array
        Value at ``temperature``, in the unit of ``value_ref`` [-].

    Notes
    -----
    .. math::

        k(T) = k(T_\mathrm{ref}) \exp\left[-\frac{E_a}{R}\left(\frac{1}{T}
               - \frac{1}{T_\mathrm{ref}}\right)\right]

    Valid while a single activated process dominates (no phase change or mechanism change
    between :math:`T` and :math:`T_\mathrm{ref}`).

    References
    ----------
    .. [1] S. Arrhenius, Z. Phys. Chem. 4, 226 (1889). DOI 10.1515/zpch-1889-0416.

    Examples
    --------
    >>> float(arrhenius(2.0, 50e3, 298.15, 298.15))
    2.0
    """
    t = jnp.asarray(temperature, dtype=float)
    return value_ref * jnp.exp(
        -activation_energy_J_per_mol / GAS_CONSTANT * (1.0 / t - 1.0 / temperature_ref)
    )


@cites("newman2004")
def ohmic_asr(thickness: ArrayLike, ionic_conductivity: ArrayLike) -> jnp.ndarray:
    r"""Area-specific resistance of a uniform ionically conducting layer (Ohm's law).

    Parameters
    ----------
    thickness : array_like
        Layer thickness [m].
    ionic_conductivity : array_like
        Ionic conductivity of the layer [S/m].

    Returns
    -------
    jax.Array
        Area-specific resistance [ohm*m^2].

    Notes
    -----
    .. math:: R_\mathrm{ASR} = L / \sigma

    Valid for a dense, homogeneous layer with one-dimensional current flow.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> round(float(ohmic_asr(1e-3, 0.1)) * 1e4, 3)  # ohm cm^2
    100.0
    """
    return jnp.asarray(thickness, dtype=float) / ionic_conductivity


@cites("newman2004")
def ohmic_overpotential(
    current_density: ArrayLike, thickness: ArrayLike, ionic_conductivity: ArrayLike
) -> jnp.ndarray:
    r"""Ohmic potential drop across a uniform ionically conducting layer.

    Parameters
    ----------
    current_density : array_like
        Current density through the layer [A/m^2].
    thickness : array_like
        Layer thickness [m].
    ionic_conductivity : array_like
        Ionic conductivity of the layer [S/m].

    Returns
    -------
    jax.Array
        Potential drop, same sign as the current [V].

    Notes
    -----
    .. math:: \eta_\Omega = i L / \sigma

    Valid for a dense, homogeneous layer with one-dimensional current flow.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> round(float(ohmic_overpotential(10.0, 1e-3, 0.1)), 3)
    0.1
    """
    return jnp.asarray(current_density, dtype=float) * thickness / ionic_conductivity


@cites("bard2001")
def charge_transfer_asr(exchange_current_density: ArrayLike, temperature: ArrayLike) -> jnp.ndarray:
    r"""Area-specific charge-transfer resistance of a Butler-Volmer interface near equilibrium.

    Parameters
    ----------
    exchange_current_density : array_like
        Exchange current density [A/m^2].
    temperature : array_like
        Absolute temperature [K].

    Returns
    -------
    jax.Array
        Area-specific charge-transfer resistance [ohm*m^2].

    Notes
    -----
    .. math:: R_\mathrm{ct} = \frac{R T}{F i_0}

    The linearisation of Butler-Volmer for :math:`\alpha_a + \alpha_c = 1`, valid for
    :math:`|\eta| \ll RT/F \approx 26` mV at 298 K.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001, eq. 3.4.12.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> round(float(charge_transfer_asr(10.0, 298.15)) * 1e4, 2)  # ohm cm^2
    25.69
    """
    return GAS_CONSTANT * jnp.asarray(temperature, dtype=float) / (FARADAY * exchange_current_density)
