"""Critical current density (CCD) on plating and on stripping, and the mechanism that sets it.

The CCD on plating is the lowest current density at which any plating mechanism fails:
flaw extension by Li pressure (Porz et al. 2017) or salt depletion in an electrolyte with
t+ < 1 (limiting current). The CCD on stripping is the largest current at which Li can still
be resupplied to the interface; vacancy diffusion (Krauskopf et al. 2019) and creep
(Kasemchainan et al. 2019) act in parallel, so their limits add, and the mechanism reported
is the one that contributes most.

All functions are jax-traceable; the mechanism comes back as an integer code, and
:func:`mechanism_name` turns it into text outside traced code. Mechanisms without a current
threshold are not part of the CCD and must be checked separately: the Monroe-Newman
stability margin and the internal-deposition time of Han et al. (see
:mod:`lisse.mechanisms.electric.filaments`).
"""

from __future__ import annotations

from typing import NamedTuple

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import ArrayLike
from lisse.mechanisms.electric.filaments import critical_plating_current_porz2017, limiting_current_density
from lisse.mechanisms.electric.voids import creep_limited_stripping_current, stripping_current_krauskopf2019

__all__ = [
    "MECHANISM_NAMES",
    "CCDResult",
    "ccd_plating",
    "ccd_stripping",
    "mechanism_name",
]

#: Names of the mechanisms, indexed by the integer codes that the CCD functions return.
MECHANISM_NAMES: tuple[str, ...] = (
    "flaw_extension_porz2017",
    "transport_limit",
    "vacancy_diffusion_krauskopf2019",
    "li_creep",
)
FLAW_EXTENSION, TRANSPORT_LIMIT, VACANCY_DIFFUSION, LI_CREEP = range(4)


class CCDResult(NamedTuple):
    """A critical current density and the code of the mechanism that sets it."""

    value: jnp.ndarray
    """Critical current density per nominal area [A/m^2]."""
    code: jnp.ndarray
    """Integer index into :data:`MECHANISM_NAMES`."""


def mechanism_name(code: int | jnp.ndarray) -> str:
    """Name of the mechanism with integer ``code`` (a Python helper: call it outside traced code)."""
    return MECHANISM_NAMES[int(code)]


@cites("porz2017", "newman2004")
def ccd_plating(
    flaw_length: ArrayLike,
    fracture_toughness: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    molar_volume_li: ArrayLike,
    diffusion_coefficient: ArrayLike,
    salt_concentration: ArrayLike,
    transference_number: ArrayLike,
    thickness: ArrayLike,
    contact_fraction: ArrayLike = 1.0,
    geometry_factor: ArrayLike = 1.0,
    current_focusing_factor: ArrayLike = 1.0,
) -> CCDResult:
    r"""Critical current density on plating: the lowest current at which a plating mechanism fails.

    Parameters
    ----------
    flaw_length : array_like
        Depth of the largest surface flaw of the electrolyte [m].
    fracture_toughness : array_like
        Mode-I fracture toughness of the electrolyte [Pa*m^0.5].
    exchange_current_density : array_like
        Exchange current density of the Li | electrolyte interface [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    diffusion_coefficient : array_like
        Ambipolar salt diffusion coefficient (any value for single-ion conductors) [m^2/s].
    salt_concentration : array_like
        Salt concentration (any value for single-ion conductors) [mol/m^3].
    transference_number : array_like
        Cation transference number; 1 for inorganic single-ion conductors [-].
    thickness : array_like
        Electrolyte thickness [m].
    contact_fraction : array_like, default 1.0
        Fraction of the interface in contact (after stripping voids) [-]; the flaw criterion
        acts on the local current density, nominal current / contact fraction.
    geometry_factor : array_like, default 1.0
        Stress-intensity geometry factor of the flaw [-].
    current_focusing_factor : array_like, default 1.0
        Local over mean current density at the flaw [-].

    Returns
    -------
    CCDResult
        ``value``: CCD per nominal area [A/m^2]; ``code``: index into :data:`MECHANISM_NAMES`
        (0 flaw extension, 1 transport limit).

    Notes
    -----
    .. math::

        i_\mathrm{CCD}^\mathrm{plate} = \min\left(\phi\, i_c^\mathrm{Porz},\;
            \frac{2 F D c_0}{(1-t_+) L}\right)

    with :math:`i_c^\mathrm{Porz}` from
    :func:`lisse.mechanisms.electric.filaments.critical_plating_current_porz2017` and the
    limiting current from :func:`lisse.mechanisms.electric.filaments.limiting_current_density`
    (infinite for t+ = 1). Inherits the validity ranges of both.

    References
    ----------
    .. [1] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.
    .. [2] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> r = ccd_plating(10e-6, 1.25e6, 10.0, 298.15, 13.0e-6, 1e-12, 1000.0, 1.0, 500e-6)
    >>> mechanism_name(r.code)
    'flaw_extension_porz2017'
    """
    flaw = contact_fraction * critical_plating_current_porz2017(
        flaw_length,
        fracture_toughness,
        exchange_current_density,
        temperature,
        molar_volume_li,
        geometry_factor,
        current_focusing_factor,
    )
    transport = limiting_current_density(
        diffusion_coefficient, salt_concentration, transference_number, thickness
    )
    flaw, transport = jnp.broadcast_arrays(flaw, transport)
    value = jnp.minimum(flaw, transport)
    code = jnp.where(transport < flaw, TRANSPORT_LIMIT, FLAW_EXTENSION)
    return CCDResult(value, code)


@cites("krauskopf2019", "kasemchainan2019", "masias2019")
def ccd_stripping(
    stack_pressure: ArrayLike,
    contact_fraction: ArrayLike,
    temperature: ArrayLike,
    vacancy_diffusion_coefficient: ArrayLike,
    critical_vacancy_concentration: ArrayLike,
    diffusion_length: ArrayLike,
    creep_length: ArrayLike,
    molar_volume_li: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = 298.15,
) -> CCDResult:
    r"""Critical current density on stripping: the largest current that diffusion plus creep can resupply.

    Parameters
    ----------
    stack_pressure : array_like
        Stack pressure [Pa].
    contact_fraction : array_like
        Fraction of the interface in contact [-].
    temperature : array_like
        Absolute temperature [K].
    vacancy_diffusion_coefficient : array_like
        Diffusion coefficient of Li vacancies in Li [m^2/s].
    critical_vacancy_concentration : array_like
        Excess vacancy concentration at which voids nucleate [mol/m^3].
    diffusion_length : array_like
        Distance from the interface to vacancy sinks [m].
    creep_length : array_like
        Thickness of the Li region that creeps towards the interface [m].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    creep_reference_strain_rate : array_like
        Creep strain rate of Li at the reference stress and temperature [1/s].
    creep_reference_stress : array_like
        Reference stress of the creep law [Pa].
    creep_stress_exponent : array_like
        Creep stress exponent [-].
    creep_activation_energy : array_like
        Creep activation energy [J/mol].
    reference_temperature : array_like, default 298.15
        Reference temperature of the creep law [K].

    Returns
    -------
    CCDResult
        ``value``: CCD per nominal area [A/m^2]; ``code``: 2 (vacancy diffusion) or 3 (Li creep),
        whichever contributes more.

    Notes
    -----
    .. math::

        i_\mathrm{CCD}^\mathrm{strip} = \phi\,\frac{F D_v c_v^*}{\delta}
            + \frac{F}{\Omega_\mathrm{Li}}\, h\, \dot\varepsilon(p/\phi, T)

    The two resupply paths act in parallel (Kasemchainan et al. 2019). Inherits the validity
    of :func:`lisse.mechanisms.electric.voids.stripping_current_krauskopf2019` and
    :func:`lisse.mechanisms.electric.voids.creep_limited_stripping_current`, including the
    scaling (order-one) uncertainty of the creep term.

    References
    ----------
    .. [1] T. Krauskopf et al., ACS Appl. Mater. Interfaces 11, 14463 (2019).
       DOI 10.1021/acsami.9b02537.
    .. [2] J. Kasemchainan et al., Nat. Mater. 18, 1105 (2019). DOI 10.1038/s41563-019-0438-9.
    .. [3] A. Masias et al., J. Mater. Sci. 54, 2585 (2019). DOI 10.1007/s10853-018-2971-3.

    Examples
    --------
    >>> r = ccd_stripping(0.0, 1.0, 298.15, 1e-13, 10.0, 1e-6, 1e-5, 13.0e-6, 1e-4, 1e6, 6.6, 37e3)
    >>> mechanism_name(r.code), round(float(r.value), 4)
    ('vacancy_diffusion_krauskopf2019', 0.0965)
    """
    diffusion = contact_fraction * stripping_current_krauskopf2019(
        vacancy_diffusion_coefficient, critical_vacancy_concentration, diffusion_length
    )
    creep = creep_limited_stripping_current(
        stack_pressure,
        contact_fraction,
        temperature,
        creep_length,
        molar_volume_li,
        creep_reference_strain_rate,
        creep_reference_stress,
        creep_stress_exponent,
        creep_activation_energy,
        reference_temperature,
    )
    diffusion, creep = jnp.broadcast_arrays(diffusion, creep)
    code = jnp.where(creep > diffusion, LI_CREEP, VACANCY_DIFFUSION)
    return CCDResult(diffusion + creep, code)
