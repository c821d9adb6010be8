"""Voids on stripping and loss of Li | electrolyte contact (review section 3.1).

Stripping removes Li atoms from the interface and leaves Li vacancies in the metal. If they
cannot diffuse away (Krauskopf et al. 2019; Yang, Mo et al. 2021) and the metal is not pushed
back onto the electrolyte fast enough by creep under the stack pressure (Masias et al. 2019;
LePage et al. 2019; Kasemchainan et al. 2019), voids open, the contact area shrinks, the local
current density and the interfacial resistance rise, and the next plating step focuses
current into the remaining contacts.

Sign convention: ``current_density`` is positive for stripping (Li oxidation at this
electrode) and negative for plating, as in :mod:`lisse.mechanisms.kinetics`.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, ArrayLike
from lisse.mechanisms.mechanical.creep import creep_strain_rate

__all__ = [
    "contact_loss_rate",
    "creep_limited_stripping_current",
    "interfacial_asr_partial_contact",
    "stripping_current_krauskopf2019",
    "vacancy_saturation_time_krauskopf2019",
]


@cites("krauskopf2019", "sand1901")
def vacancy_saturation_time_krauskopf2019(
    current_density: ArrayLike,
    vacancy_diffusion_coefficient: ArrayLike,
    critical_vacancy_concentration: ArrayLike,
) -> jnp.ndarray:
    r"""Time until the vacancies injected by stripping saturate the Li side of the interface (Sand-type law).

    Stripping at a constant current density injects Li vacancies at the interface at the molar
    flux :math:`i/F`; they diffuse into the semi-infinite Li metal. The excess vacancy
    concentration at the interface grows as :math:`\sqrt{t}` and reaches the value at which
    vacancies condense into voids after the time returned here (Krauskopf et al. 2019).

    Parameters
    ----------
    current_density : array_like
        Stripping current density at the contact (local) [A/m^2]. Use the nominal current divided by
        the contact fraction when the interface is partly detached.
    vacancy_diffusion_coefficient : array_like
        Diffusion coefficient of Li vacancies in Li metal [m^2/s]. It relates to the tracer
        self-diffusion coefficient D* through D* = f x_v D_v (correlation factor f, vacancy site fraction
        x_v).
    critical_vacancy_concentration : array_like
        Excess vacancy concentration at which voids nucleate [mol/m^3].

    Returns
    -------
    jax.Array
        Time to vacancy saturation (onset of void formation) [s].

    Notes
    -----
    Constant-flux solution of Fick's second law on a half space,
    :math:`c_v(0,t) = \frac{2 i}{F}\sqrt{\frac{t}{\pi D_v}}`, set equal to :math:`c_v^*`:

    .. math:: t^* = \frac{\pi D_v}{4}\left(\frac{F c_v^*}{i}\right)^2 ,
              \qquad i\sqrt{t^*} = \text{const.}

    the same form as Sand's time. Valid while the diffusion length :math:`\sqrt{D_v t}` is smaller
    than the Li thickness and the distance to vacancy sinks; vacancy annihilation and Li creep
    are neglected (they only delay saturation, see :func:`creep_limited_stripping_current`).

    References
    ----------
    .. [1] T. Krauskopf, H. Hartmann, W. G. Zeier, J. Janek, ACS Appl. Mater. Interfaces 11, 14463
       (2019). DOI 10.1021/acsami.9b02537.
    .. [2] H. J. S. Sand, Phil. Mag. 1, 45 (1901). DOI 10.1080/14786440109462590.

    Examples
    --------
    >>> t1 = vacancy_saturation_time_krauskopf2019(1.0, 1e-13, 10.0)
    >>> t2 = vacancy_saturation_time_krauskopf2019(2.0, 1e-13, 10.0)
    >>> round(float(t1 / t2), 6)
    4.0
    """
    i = jnp.asarray(current_density, dtype=float)
    return jnp.pi * vacancy_diffusion_coefficient / 4.0 * (FARADAY * critical_vacancy_concentration / i) ** 2


@cites("krauskopf2019", "yang2021")
def stripping_current_krauskopf2019(
    vacancy_diffusion_coefficient: ArrayLike,
    critical_vacancy_concentration: ArrayLike,
    diffusion_length: ArrayLike,
) -> jnp.ndarray:
    r"""Steady critical stripping current density that vacancy diffusion alone can sustain.

    In steady state the vacancies injected at the interface must diffuse over a length
    :math:`\delta` to the sinks that annihilate them (grain boundaries, dislocations, the
    free surface of a thin foil) without exceeding the concentration at which they condense
    into voids (Krauskopf et al. 2019). Yang, Mo et al. (2021) reach the same conclusion from
    molecular dynamics: pores form when the stripping flux exceeds the Li diffusion flux.

    Parameters
    ----------
    vacancy_diffusion_coefficient : array_like
        Diffusion coefficient of Li vacancies in Li metal [m^2/s].
    critical_vacancy_concentration : array_like
        Excess vacancy concentration at which voids nucleate [mol/m^3].
    diffusion_length : array_like
        Distance from the interface to the vacancy sinks [m].

    Returns
    -------
    jax.Array
        Critical (local) stripping current density [A/m^2].

    Notes
    -----
    .. math:: i_\mathrm{diff} = \frac{F D_v c_v^*}{\delta}

    Linear steady-state diffusion profile between the interface (at :math:`c_v^*`) and a
    perfect sink (at 0). Valid for :math:`t \gg \delta^2/D_v`; for shorter stripping steps use
    :func:`vacancy_saturation_time_krauskopf2019`. The result is per unit contact area.

    References
    ----------
    .. [1] T. Krauskopf, H. Hartmann, W. G. Zeier, J. Janek, ACS Appl. Mater. Interfaces 11, 14463
       (2019). DOI 10.1021/acsami.9b02537.
    .. [2] M. Yang, Y. Liu, A. M. Nolan, Y. Mo, Adv. Mater. 33, 2008081 (2021).
       DOI 10.1002/adma.202008081.

    Examples
    --------
    >>> round(float(stripping_current_krauskopf2019(1e-13, 10.0, 1e-6)), 4)  # A/m^2
    0.0965
    """
    return (
        FARADAY
        * vacancy_diffusion_coefficient
        * critical_vacancy_concentration
        / jnp.asarray(diffusion_length, dtype=float)
    )


@cites("kasemchainan2019", "masias2019", "lepage2019")
def creep_limited_stripping_current(
    stack_pressure: ArrayLike,
    contact_fraction: ArrayLike,
    temperature: ArrayLike,
    creep_length: ArrayLike,
    molar_volume_li: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = 298.15,
) -> jnp.ndarray:
    r"""Largest stripping current density that Li creep under stack pressure can replenish (scaling model).

    Kasemchainan et al. (2019) showed that voids form on stripping when Li is removed from the
    interface faster than it is supplied, mainly by creep of the Li under the stack pressure.
    lisse writes the supply rate as the velocity :math:`h\dot\varepsilon` with which the Li
    moves towards the electrolyte when a layer of thickness ``creep_length`` creeps at the
    strain rate set by the local contact stress :math:`p/\phi` (the stress rises as contact is
    lost), converted to a current with Faraday's law.

    Parameters
    ----------
    stack_pressure : array_like
        Stack pressure (nominal) [Pa].
    contact_fraction : array_like
        Fraction of the nominal area in contact, 0 < phi <= 1 [-].
    temperature : array_like
        Absolute temperature [K].
    creep_length : array_like
        Thickness of the Li region that creeps towards the interface (of the order of the void
        or asperity spacing, at most the Li thickness) [m].
    molar_volume_li : array_like
        Molar volume of Li metal, 1.30e-5 m^3/mol at 298 K [m^3/mol].
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
        Creep-limited stripping current density per nominal area [A/m^2].

    Notes
    -----
    .. math::

        i_\mathrm{creep} = \frac{F}{\Omega_\mathrm{Li}}\, h\,
            \dot\varepsilon\!\left(\frac{p}{\phi}, T\right)

    with :math:`\dot\varepsilon` from :func:`lisse.mechanisms.mechanical.creep.creep_strain_rate`.
    A scaling model: the order-one geometric prefactor of an exact contact-mechanics solution
    is absorbed into :math:`h`, so absolute values carry the uncertainty of :math:`h`, while
    the dependence on pressure (:math:`p^n`), contact fraction (:math:`\phi^{-n}`) and
    temperature (Arrhenius, through :math:`Q`) follows from the creep law. Valid where the
    creep law is (steady power-law creep of bulk Li).

    References
    ----------
    .. [1] J. Kasemchainan et al., Nat. Mater. 18, 1105 (2019). DOI 10.1038/s41563-019-0438-9.
    .. [2] A. Masias et al., J. Mater. Sci. 54, 2585 (2019). DOI 10.1007/s10853-018-2971-3.
    .. [3] W. S. LePage et al., J. Electrochem. Soc. 166, A89 (2019). DOI 10.1149/2.0221902jes.

    Examples
    --------
    >>> i1 = creep_limited_stripping_current(1e6, 1.0, 298.15, 1e-5, 1.3e-5, 1e-4, 1e6, 6.6, 37e3)
    >>> i2 = creep_limited_stripping_current(1e6, 0.5, 298.15, 1e-5, 1.3e-5, 1e-4, 1e6, 6.6, 37e3)
    >>> round(float(i2 / i1) / 2.0**6.6, 6)
    1.0
    """
    local_stress = jnp.asarray(stack_pressure, dtype=float) / contact_fraction
    rate = creep_strain_rate(
        local_stress,
        temperature,
        creep_reference_strain_rate,
        creep_reference_stress,
        creep_stress_exponent,
        creep_activation_energy,
        reference_temperature,
    )
    return FARADAY / molar_volume_li * creep_length * rate


@cites("kasemchainan2019", "krauskopf2019")
def contact_loss_rate(
    current_density: ArrayLike,
    contact_fraction: ArrayLike,
    replenishment_current_density: ArrayLike,
    void_depth: ArrayLike,
    molar_volume_li: ArrayLike,
    plating_refill_fraction: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Rate of change of the contact fraction: loss when stripping outruns replenishment, recovery otherwise.

    The volume of Li stripped per unit nominal area and time, :math:`\Omega i/F`, is set against
    the volume that replenishment (vacancy diffusion plus creep) can bring back. The deficit
    opens voids of depth :math:`\delta` and so removes contact area; a surplus (stripping below
    the limit, rest under pressure, or plating) closes them again (Kasemchainan et al. 2019).

    Parameters
    ----------
    current_density : array_like
        Nominal current density, positive for stripping, negative for plating [A/m^2].
    contact_fraction : array_like
        Current contact fraction, 0 <= phi <= 1 [-].
    replenishment_current_density : array_like
        Nominal current density that replenishment can sustain, e.g. the sum of
        ``contact_fraction * stripping_current_krauskopf2019(...)`` and
        :func:`creep_limited_stripping_current` [A/m^2].
    void_depth : array_like
        Depth of the voids that open behind the interface [m].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    plating_refill_fraction : array_like, default 1.0
        Fraction of the Li plated that fills voids rather than thickening the contacts [-]. The
        default 1 (all of it) is an upper bound chosen by lisse, not a measured value.

    Returns
    -------
    jax.Array
        d(phi)/dt; zero at phi = 1 when recovering and at phi = 0 when losing contact [1/s].

    Notes
    -----
    .. math::

        \frac{d\phi}{dt} = \frac{\Omega_\mathrm{Li}}{F \delta}\left[i_\mathrm{repl}
            - \max(i, 0) + f_p \max(-i, 0)\right]

    clipped so that :math:`0 \le \phi \le 1`. A volume balance with voids of uniform depth; valid
    while the voids are shallow compared with the Li thickness.

    References
    ----------
    .. [1] J. Kasemchainan et al., Nat. Mater. 18, 1105 (2019). DOI 10.1038/s41563-019-0438-9.
    .. [2] T. Krauskopf et al., ACS Appl. Mater. Interfaces 11, 14463 (2019).
       DOI 10.1021/acsami.9b02537.

    Examples
    --------
    >>> float(contact_loss_rate(10.0, 1.0, 20.0, 1e-6, 1.3e-5))  # below the limit at full contact
    0.0
    """
    i = jnp.asarray(current_density, dtype=float)
    phi = jnp.asarray(contact_fraction, dtype=float)
    net = replenishment_current_density - jnp.maximum(i, 0.0) + plating_refill_fraction * jnp.maximum(-i, 0.0)
    rate = molar_volume_li / (FARADAY * void_depth) * net
    rate = jnp.where((phi >= 1.0) & (rate > 0.0), 0.0, rate)
    return jnp.where((phi <= 0.0) & (rate < 0.0), 0.0, rate)


@cites("newman1966", "cooper1969")
def interfacial_asr_partial_contact(
    contact_fraction: ArrayLike,
    contact_radius: ArrayLike,
    ionic_conductivity: ArrayLike,
    charge_transfer_asr: ArrayLike,
) -> jnp.ndarray:
    r"""Area-specific resistance of a partly detached Li | electrolyte interface (charge transfer + current
    constriction).

    Charge transfer happens only on the contacts, so its ASR scales as :math:`1/\phi`; in
    addition the ionic current in the electrolyte has to squeeze into the contact spots. Each
    contact is a disc of radius :math:`a` with the access resistance :math:`1/(4\sigma a)`
    of a disc on a half space (Newman 1966); neighbouring contacts share the spreading volume,
    which the Cooper-Mikic-Yovanovich factor :math:`(1-\sqrt{\phi})^{3/2}` accounts for.

    Parameters
    ----------
    contact_fraction : array_like
        Fraction of the nominal area in contact, 0 < phi <= 1 [-].
    contact_radius : array_like
        Radius of the (circular) contact spots [m].
    ionic_conductivity : array_like
        Ionic conductivity of the electrolyte [S/m].
    charge_transfer_asr : array_like
        Charge-transfer ASR of the fully contacted interface, e.g. from
        :func:`lisse.mechanisms.kinetics.charge_transfer_asr` [ohm*m^2].

    Returns
    -------
    jax.Array
        Interfacial ASR per nominal area [ohm*m^2].

    Notes
    -----
    With :math:`n = \phi/(\pi a^2)` contacts per unit area,

    .. math::

        R_\mathrm{int} = \frac{R_\mathrm{ct}}{\phi}
            + \frac{\pi a}{4 \sigma \phi}\left(1-\sqrt{\phi}\right)^{3/2}

    The constriction term is the thermal-contact result of Cooper et al. (1969) transcribed to
    ionic conduction (the same Laplace problem), with the electrolyte side only (Li is a metal).
    Assumes a uniform array of equal circular spots, a primary (ohmic) current distribution
    in the electrolyte and an electrolyte thicker than the spot spacing. It reduces to
    :math:`R_\mathrm{ct}` at :math:`\phi = 1`.

    References
    ----------
    .. [1] J. Newman, J. Electrochem. Soc. 113, 501 (1966). DOI 10.1149/1.2424003.
    .. [2] M. G. Cooper, B. B. Mikic, M. M. Yovanovich, Int. J. Heat Mass Transfer 12, 279 (1969).
       DOI 10.1016/0017-9310(69)90011-8.

    Examples
    --------
    >>> float(interfacial_asr_partial_contact(1.0, 1e-6, 0.1, 1e-4))
    0.0001
    """
    phi = jnp.asarray(contact_fraction, dtype=float)
    constriction = jnp.pi * contact_radius / (4.0 * ionic_conductivity * phi) * (1.0 - jnp.sqrt(phi)) ** 1.5
    return charge_transfer_asr / phi + constriction
