"""The coupled model of a symmetric Li | electrolyte | Li cell: state, rates, voltage and failure margins.

This module composes the mechanism functions of :mod:`lisse.mechanisms` and owns no physics of its own
beyond the couplings (documented in ``docs/simulator.md``):

- stripping faster than vacancy diffusion and creep can refill the interface opens voids and lowers the
  contact fraction ``phi`` (:func:`~lisse.mechanisms.electric.voids.contact_loss_rate`); plating and creep
  under the stack pressure close them again;
- the current then flows through the remaining contacts, so the local current density is ``|j| / phi``:
  it raises the charge-transfer overpotential, adds a constriction resistance, and on the *next plating*
  of that electrode drives the Li pressure in surface flaws (Porz et al. 2017) past the critical value;
- a filament grows from a flaw whose critical overpotential is exceeded, at the focused tip current
  (Faraday); its length extends the flaw, so the criterion only gets easier; it shorts the cell when the
  filaments reach across the electrolyte;
- in an electrolyte with t+ < 1 (polymers) the salt depletes at the plating electrode; when it reaches
  zero (Sand) dendrites grow the same way;
- electronic leakage deposits Li inside the electrolyte (Han et al. 2019) until it percolates;
- a reactive electrolyte grows an interphase by Wagner's law (parabolic), adding its resistance;
- a constrained stack changes pressure with the Li thickness and relaxes by creep.

Electrode 0 is the working electrode (plated by a positive current density ``j``), electrode 1 the
counter electrode. Every function is pure ``jax.numpy`` and works under ``jit``, ``vmap`` and ``grad``.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from lisse._core.constants import FARADAY, GAS_CONSTANT
from lisse.cell.parameters import CellParameters
from lisse.mechanisms.electric.filaments import (
    critical_overpotential_porz2017,
    filament_growth_velocity,
    internal_deposition_current_han2019,
)
from lisse.mechanisms.electric.voids import (
    contact_loss_rate,
    creep_limited_stripping_current,
    interfacial_asr_partial_contact,
    stripping_current_krauskopf2019,
)
from lisse.mechanisms.electrochemical.depletion import salt_concentration_difference
from lisse.mechanisms.kinetics import butler_volmer_overpotential, charge_transfer_asr

__all__ = ["FAILURE_MODES", "State", "Terms", "failure_margins", "initial_state", "terms", "vector_field"]

#: Failure modes in the order of :func:`failure_margins`.
FAILURE_MODES = ("short_circuit", "short_circuit", "contact_loss", "contact_loss", "impedance_rise")


class State(NamedTuple):
    """State of a symmetric cell (SI units). Pairs are (working electrode, counter electrode)."""

    contact: jax.Array
    """Contact fraction of each Li | electrolyte interface [-], shape (2,)."""
    filament: jax.Array
    """Length of the Li filament grown from each electrode into the electrolyte [m], shape (2,)."""
    interphase: jax.Array
    """Interphase thickness at each interface [m], shape (2,)."""
    depletion: jax.Array
    """Salt-concentration deficit at the working electrode (negative: at the counter electrode) [mol/m^3]."""
    internal_li: jax.Array
    """Volume fraction of Li deposited inside the electrolyte [-]."""
    pressure: jax.Array
    """Stack pressure [Pa]."""
    li_thickness: jax.Array
    """Thickness of each Li electrode [m], shape (2,)."""
    charge: jax.Array
    """Charge passed per area, absolute [C/m^2]."""


class Terms(NamedTuple):
    """Voltage terms [V] (positive magnitudes in the direction of the current) and the total ASR."""

    voltage: jax.Array
    ohmic: jax.Array
    charge_transfer: jax.Array
    constriction: jax.Array
    interphase: jax.Array
    interlayer: jax.Array
    concentration: jax.Array
    asr: jax.Array
    """Total area-specific resistance, linearised at zero current [ohm m^2]."""
    local_current_density: jax.Array
    """Current density at the contacts of the plated electrode [A/m^2]."""
    flaw_overpotential: jax.Array
    """Overpotential at the largest flaw of each electrode while it is plated [V], shape (2,)."""
    critical_overpotential: jax.Array
    """Porz critical overpotential for each electrode's flaw plus filament [V], shape (2,)."""


def initial_state(p: CellParameters) -> State:
    """The state at assembly: full contact, no filaments, a thin interphase, the set stack pressure."""
    two = jnp.ones(2)
    return State(
        contact=two,
        filament=jnp.zeros(2),
        interphase=two * p.initial_interphase_thickness,
        depletion=jnp.zeros(()),
        internal_li=jnp.zeros(()),
        pressure=jnp.asarray(p.pressure, dtype=float),
        li_thickness=two * p.li_thickness,
        charge=jnp.zeros(()),
    )


def _onset(x: jax.Array) -> jax.Array:
    """Smooth switch: exactly 0 for x <= 0, exactly 1 for x >= 1, C1 in between (smoothstep).

    Exact zeros below the threshold keep a mechanism from leaking where its criterion is not met; the
    continuous derivative keeps the adaptive step-size control working through the switch.
    """
    s = jnp.clip(x, 0.0, 1.0)
    return s * s * (3.0 - 2.0 * s)


def _electrode_currents(j: jax.Array) -> jax.Array:
    """Plating current density of each electrode (negative when it is stripped) [A/m^2]."""
    return jnp.stack([j, -j])


def terms(y: State, p: CellParameters, j: jax.Array) -> Terms:
    """Voltage terms and derived quantities at state ``y`` and current density ``j``."""
    phi = jnp.clip(y.contact, 1e-6, 1.0)
    jk = _electrode_currents(j)
    local = jnp.abs(jk) / phi
    eta_ct = butler_volmer_overpotential(local, p.exchange_current_density, p.temperature)
    r_ct = charge_transfer_asr(p.exchange_current_density, p.temperature)
    r_contact = interfacial_asr_partial_contact(phi, p.contact_radius, p.ionic_conductivity, r_ct)
    r_constriction = r_contact - r_ct / phi
    r_interphase = y.interphase / p.interphase_ionic_conductivity
    remaining = jnp.maximum(p.thickness - y.filament[0] - y.filament[1], 1e-9)
    r_ohmic = remaining / p.ionic_conductivity
    ohmic = jnp.abs(j) * r_ohmic
    constriction = jnp.abs(j) * jnp.sum(r_constriction)
    interphase = jnp.abs(j) * jnp.sum(r_interphase)
    interlayer = jnp.abs(j) * 2.0 * p.interlayer_asr
    # concentration overpotential of a binary electrolyte (zero for single-ion conductors)
    rt_f = GAS_CONSTANT * p.temperature / FARADAY
    c_low = jnp.maximum(p.salt_concentration - jnp.abs(y.depletion), 1e-9 * p.salt_concentration)
    c_high = p.salt_concentration + jnp.abs(y.depletion)
    concentration = p.depletion_on * 2.0 * (1.0 - p.transference_number) * rt_f * jnp.log(c_high / c_low)
    magnitude = ohmic + jnp.sum(eta_ct) + constriction + interphase + interlayer + concentration
    voltage = -jnp.sign(j) * magnitude
    asr = r_ohmic + jnp.sum(r_contact) + jnp.sum(r_interphase) + 2.0 * p.interlayer_asr
    plated = jk > 0
    flaw_eta = jnp.where(
        plated,
        butler_volmer_overpotential(
            p.flaw_focusing_factor * local, p.exchange_current_density, p.temperature
        ),
        0.0,
    )
    critical = critical_overpotential_porz2017(
        p.flaw_length + y.filament, p.fracture_toughness, p.molar_volume_li, p.geometry_factor
    )
    return Terms(
        voltage=voltage,
        ohmic=ohmic,
        charge_transfer=jnp.sum(eta_ct),
        constriction=constriction,
        interphase=interphase,
        interlayer=interlayer,
        concentration=concentration,
        asr=asr,
        local_current_density=jnp.max(jnp.where(plated, local, 0.0)),
        flaw_overpotential=flaw_eta,
        critical_overpotential=critical,
    )


def vector_field(t: jax.Array, y: State, args: tuple[CellParameters, jax.Array, jax.Array]) -> State:
    """d(state)/dt at constant current density ``j``; ``args = (params, j, frozen)``."""
    p, j, frozen = args
    live = 1.0 - frozen
    phi = jnp.clip(y.contact, 1e-6, 1.0)
    jk = _electrode_currents(j)
    plating = jnp.maximum(jk, 0.0)
    # -- voids and contact (electric failure) ------------------------------------------------------
    i_vac = p.vacancy_on * stripping_current_krauskopf2019(
        jnp.maximum(p.vacancy_diffusion_coefficient, 1e-30),
        p.critical_vacancy_concentration,
        p.vacancy_diffusion_length,
    )
    i_creep = creep_limited_stripping_current(
        y.pressure,
        phi,
        p.temperature,
        p.creep_length,
        p.molar_volume_li,
        p.creep_reference_strain_rate,
        p.creep_reference_stress,
        p.creep_stress_exponent,
        p.creep_activation_energy,
    )
    d_contact = contact_loss_rate(
        -jk, y.contact, phi * i_vac + i_creep, p.void_depth, p.molar_volume_li, p.plating_refill_fraction
    )
    # recovery fades out smoothly over the last 1 % below full contact: the rate stays continuous in the
    # state (the hard stop at phi = 1 would make adaptive steps chatter), and phi cannot exceed 1
    d_contact = jnp.where(d_contact > 0, d_contact * _onset((1.0 - y.contact) / 1e-2), d_contact)
    # -- filaments: Porz flaw extension, or Sand depletion in binary electrolytes ------------------
    tm = terms(y, p, j)
    porz_drive = p.porz_on * _onset((tm.flaw_overpotential - tm.critical_overpotential) / p.onset_width)
    depleted_side = jnp.stack([y.depletion, -y.depletion])
    sand_drive = p.depletion_on * _onset((depleted_side / p.salt_concentration - 0.98) / 0.02)
    drive = jnp.maximum(porz_drive, sand_drive) * (plating > 0)
    d_filament = drive * filament_growth_velocity(plating / phi, p.molar_volume_li, p.tip_focusing_factor)
    # -- salt depletion: one-mode relaxation to the steady profile ---------------------------------
    dc_ss = 0.5 * salt_concentration_difference(
        j, p.salt_diffusion_coefficient, p.thickness, jnp.minimum(p.transference_number, 1.0 - 1e-12)
    )
    tau = p.thickness**2 / (jnp.pi**2 * p.salt_diffusion_coefficient)
    d_depletion = p.depletion_on * (dc_ss - y.depletion) / tau
    # -- Li deposited inside the electrolyte by electronic leakage ---------------------------------
    i_e = internal_deposition_current_han2019(
        jnp.abs(j), p.ionic_conductivity, jnp.maximum(p.electronic_conductivity, 1e-30)
    )
    d_internal = p.internal_on * p.molar_volume_li * i_e / (FARADAY * p.thickness)
    # -- interphase growth (chemical failure): Deal-Grove parabolic limit, where Li touches ---------
    d_interphase = p.interphase_parabolic_constant / (2.0 * y.interphase) * phi
    # -- Li inventory and stack pressure ------------------------------------------------------------
    d_li = p.molar_volume_li * jk / FARADAY
    d_pressure = p.stack_stiffness * jnp.sum(d_li)
    return State(
        contact=live * d_contact,
        filament=live * d_filament,
        interphase=live * d_interphase,
        depletion=live * d_depletion,
        internal_li=live * d_internal,
        pressure=live * d_pressure,
        li_thickness=live * d_li,
        charge=live * jnp.abs(j),
    )


def failure_margins(y: State, p: CellParameters, j: jax.Array, asr0: jax.Array) -> jax.Array:
    """Dimensionless margins, one per failure criterion, in the order of :data:`FAILURE_MODES`;
    a margin crossing zero is a failure.

    1. filaments: 1 - (sum of filament lengths) / thickness;
    2. internal Li: 1 - internal Li fraction / percolation fraction;
    3. contact: min contact fraction / limit - 1 (and Li left to strip);
    4. voltage: 1 - |V| / voltage limit;
    5. impedance: 1 - ASR / (rise factor x initial ASR).
    """
    tm = terms(y, p, j)
    li_left = jnp.min(y.li_thickness) / p.li_thickness
    return jnp.stack(
        [
            1.0 - jnp.sum(y.filament) / p.thickness,
            1.0 - y.internal_li / p.internal_li_fraction_to_short,
            jnp.minimum(jnp.min(y.contact) / p.contact_fraction_limit - 1.0, li_left - 0.01),
            1.0 - jnp.abs(tm.voltage) / p.voltage_limit,
            1.0 - tm.asr / (p.asr_rise_factor * asr0),
        ]
    )
