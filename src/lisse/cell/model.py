"""The coupled model of a Li-metal cell: state, rates, voltage and failure margins.

One model serves symmetric Li | electrolyte | Li cells and full cells Li | electrolyte | cathode
(``CellParameters.full_cell``): electrode 0 is always the Li anode; electrode 1 is Li (symmetric) or a
single-particle cathode whose open-circuit potential sets the cell voltage.

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
- under the stack pressure (concentrated on the remaining contacts) Li creeps into the electrolyte's open
  pores once it exceeds the flow stress of Li at the pores' size (Doux et al. 2020; Xu et al. 2017); the
  crept-in Li shortens the separator, lengthens the flaws of the Porz criterion, and shorts the cell when
  it reaches across, at rest too;
- a reactive electrolyte grows an interphase by Wagner's law (parabolic), adding its resistance;
- a constrained stack changes pressure with the Li thickness and, in a full cell, the cathode's volume
  change with its state of charge;
- an interphase that expands as it grows is compressed, and the electrolyte carries the balancing tension
  (Stoney force balance); the electrolyte cracks (fracture) when that tension opens its largest flaw to
  the toughness; below it, above a threshold, the flaw grows subcritically (v = v0 (K/K_Ic)^n), and the
  grown crack lengthens the flaw of both criteria (delayed fracture) and, an insulating cut in the ion
  conductor, adds its resistance (dilute crack density);
- in a full cell the cathode's Li stoichiometry follows the current (Faraday), its surface stoichiometry
  lags by solid diffusion (single particle), and its interface adds charge transfer and a space-charge (or
  coating) resistance; capacity fade is measured per discharge in :mod:`lisse.cell.solver`;
- a Li-alloy anode (Li-Mg) is depleted of Li at its interface by diffusion (Sand-type) while its Li-depleted
  skeleton keeps contact; it fails when the interface reaches the Li-poor limit of the solid solution.
- a cathode whose potential exceeds the oxidation limit of the phase touching it (the electrolyte, or an
  insulating coating) oxidises that phase: a product layer grows on the particles (linear-parabolic,
  passivating) and adds its resistance to the cathode interface.

Electrode 0 is the working electrode (plated by a positive current density ``j``: in a full cell this is
charging), electrode 1 the counter electrode. Voltage-controlled steps (holds) solve for the current at
every evaluation (:func:`applied_current`). Every function is pure ``jax.numpy`` and works under ``jit``,
``vmap`` and ``grad``.
"""

from __future__ import annotations

from typing import NamedTuple

import jax
import jax.numpy as jnp

from lisse._core.constants import FARADAY, GAS_CONSTANT
from lisse.cell.parameters import CellParameters
from lisse.mechanisms.anode import (
    alloy_concentration_overpotential,
    alloy_depletion_rate,
    skeleton_void_fraction,
)
from lisse.mechanisms.cathode import (
    average_stoichiometry_rate,
    interfacial_molar_flux,
    open_circuit_potential,
    surface_stoichiometry_subramanian2005,
)
from lisse.mechanisms.electric.filaments import (
    critical_overpotential_porz2017,
    dendrite_growth_factor_monroe2005,
    filament_growth_velocity,
    internal_deposition_current_han2019,
)
from lisse.mechanisms.electric.voids import (
    contact_loss_rate,
    creep_limited_stripping_current,
    interfacial_asr_partial_contact,
    stripping_current_krauskopf2019,
)
from lisse.mechanisms.electrochemical.decomposition import (
    decomposition_layer_growth_rate,
    passivated_decomposition_current_density,
    window_excursion,
)
from lisse.mechanisms.electrochemical.depletion import salt_concentration_difference
from lisse.mechanisms.kinetics import butler_volmer_overpotential, charge_transfer_asr
from lisse.mechanisms.mechanical.creep import creep_intrusion_velocity
from lisse.mechanisms.mechanical.fracture import (
    crack_resistance_dilute,
    stress_intensity_factor,
    subcritical_crack_velocity,
)
from lisse.mechanisms.mechanical.stress import substrate_stress_balance, yield_strength_size_dependent_xu2017

__all__ = [
    "ALL_FEATURES",
    "FAILURE_MODES",
    "Features",
    "State",
    "Terms",
    "applied_current",
    "cathode_decomposition_current",
    "cathode_interphase_asr",
    "cathode_surface_stoichiometry",
    "crack_asr",
    "electrolyte_stress_intensity",
    "failure_margins",
    "flaw_lengths",
    "flaw_stress_intensity",
    "initial_state",
    "physical_state",
    "terms",
    "vector_field",
]

#: Failure modes in the order of :func:`failure_margins` (capacity fade is appended by the solver).
FAILURE_MODES = (
    "short_circuit",
    "short_circuit",
    "contact_loss",
    "contact_loss",
    "impedance_rise",
    "fracture",
    "capacity_fade",
)


class Features(NamedTuple):
    """Parts of the model a compiled solve traces (static switches; off means not compiled at all).

    Every function gives the same numbers with all features on; turning off what a cell and protocol
    do not use (a symmetric cell has no cathode, a plating protocol no voltage holds) only makes the
    compiled program smaller and its compilation faster.
    """

    cathode: bool = True
    """Full-cell open-circuit voltage (a cathode particle)."""
    holds: bool = True
    """Voltage-controlled steps (the current is solved for)."""
    step_ends: bool = True
    """Steps that end on a condition (voltage reached, hold current fallen)."""


ALL_FEATURES = Features()


#: Shortest relaxation time of the salt profile [s] (a numerical floor: see the depletion rate).
DEPLETION_TIME_MIN = 1.0
#: Width in K/K_Ic over which subcritical crack growth turns on above its threshold [-] (smoothstep).
CRACK_ONSET_WIDTH = 0.05


class State(NamedTuple):
    """State of a cell (SI units). Pairs are (working electrode, counter electrode)."""

    contact: jax.Array
    """Contact fraction of each Li | electrolyte interface [-], shape (2,)."""
    filament: jax.Array
    """Length of the Li filament grown from each electrode into the electrolyte [m], shape (2,)."""
    interphase: jax.Array
    """Interphase thickness at each interface [m], shape (2,); in a full cell the counter interface is the
    cathode's, and its entry is the cathode interphase (item 7: the oxidation products on the particles)."""
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
    cathode_stoichiometry: jax.Array
    """Mean Li stoichiometry x of the cathode particle (full cells; 0 in symmetric cells) [-]."""
    # -- creep into pores (issue 12.1) --
    intrusion: jax.Array
    """Depth to which Li has crept into the electrolyte's open pores from each electrode [m], shape (2,)."""
    # Li-alloy anodes (issue 12, item 2)
    alloy_depletion: jax.Array
    """Interface depletion of each alloy electrode, ((x_bulk - x_surface) / (x_bulk - x_min))^2 [-], shape
    (2,): 0 at the bulk composition (always, for Li metal), 1 at the solid-solution limit."""
    # crack growth after initiation (issue 12)
    crack: jax.Array
    """Subcritical growth of the largest flaw at each face of the electrolyte beyond its initial length [m],
    shape (2,)."""


class Terms(NamedTuple):
    """Voltage terms [V] (positive magnitudes in the direction of the current) and the total ASR."""

    voltage: jax.Array
    ohmic: jax.Array
    charge_transfer: jax.Array
    constriction: jax.Array
    interphase: jax.Array
    interlayer: jax.Array
    concentration: jax.Array
    cathode_interface: jax.Array
    """Space-charge or coating resistance of the cathode | electrolyte interface (full cells)."""
    open_circuit: jax.Array
    """Open-circuit voltage at the cathode surface stoichiometry (full cells; 0 in symmetric cells) [V]."""
    asr: jax.Array
    """Total area-specific resistance, linearised at zero current [ohm m^2]."""
    local_current_density: jax.Array
    """Current density at the contacts of the plated electrode [A/m^2]."""
    flaw_overpotential: jax.Array
    """Overpotential at the largest flaw of each electrode while it is plated [V], shape (2,)."""
    critical_overpotential: jax.Array
    """Porz critical overpotential for each electrode's flaw plus filament [V], shape (2,)."""
    surface: jax.Array
    """Excess resistance of a poorly wetted bare electrolyte surface (measured bare interface) [V]."""
    # the resistance a grown crack adds (issue 12, item 5)
    crack: jax.Array
    """Voltage across the resistance of the subcritically grown cracks at both faces [V]
    (:func:`crack_asr`)."""


def grown_interphase(y: State, p: CellParameters) -> jax.Array:
    """Interphase grown since assembly, h - h0 [m], per electrode.

    The initial thickness h0 only regularises the parabolic law at zero thickness: the interphase of a fresh
    interface is part of the measured Li | electrolyte resistance from which the exchange current density
    comes, so only the grown part adds resistance and misfit stress (results do not depend on h0). A cathode
    has no Li-metal interphase: 0 there (its own layer is :func:`cathode_interphase_asr`'s).
    """
    li_electrode = jnp.broadcast_to(_li_electrodes(p), y.interphase.shape)  # also for stacked saved states
    return li_electrode * jnp.maximum(y.interphase - p.initial_interphase_thickness, 0.0)


def flaw_lengths(y: State, p: CellParameters) -> jax.Array:
    """Length of the largest flaw at each face of the electrolyte [m], shape (..., 2): the initial flaw,
    extended by the Li filament grown into it, the Li crept into the pores and its subcritical growth."""
    return p.flaw_length + y.filament + y.intrusion + y.crack


def flaw_stress_intensity(y: State, p: CellParameters) -> jax.Array:
    """Stress intensity at the largest flaw of each face from the tension that balances the electrolyte's
    expanding interphases [Pa m^0.5], shape (..., 2) (0 where interphase fracture is not evaluated).

    The interphases on both faces are in compression (``interphase_misfit_stress``); the unreacted
    electrolyte carries the balancing tension (Stoney force balance, :func:`substrate_stress_balance`),
    which opens the flaws (:func:`stress_intensity_factor` at :func:`flaw_lengths`, geometry factor Y): a
    thin interphase barely loads a thick pellet, a thick one (fast-growing mixed conductors) cracks it.
    """
    grown = jnp.sum(grown_interphase(y, p), axis=-1)
    left = jnp.maximum(p.thickness - grown, 1e-3 * p.thickness)
    tension = substrate_stress_balance(p.interphase_misfit_stress, grown, left)
    return p.fracture_on * stress_intensity_factor(tension[..., None], flaw_lengths(y, p), p.geometry_factor)


def crack_asr(y: State, p: CellParameters) -> jax.Array:
    """Resistance the subcritically grown crack adds at each face [ohm m^2], shape (..., 2) (issue 12,
    item 5).

    The grown crack is empty (Li fills the filament and the crept-in part of a flaw, not the crack), an
    insulating penny of radius a0 + c in the ion conductor; ``crack_areal_density`` / a0^2 such cracks per
    face area, their normals at ``crack_orientation_factor`` = <cos^2> to the current
    (:func:`~lisse.mechanisms.mechanical.fracture.crack_resistance_dilute`): 0 without growth.
    """
    a0 = p.flaw_length
    return crack_resistance_dilute(
        a0 + y.crack, a0, p.crack_areal_density / a0**2, p.crack_orientation_factor, p.ionic_conductivity
    )


def electrolyte_stress_intensity(y: State, p: CellParameters) -> jax.Array:
    """Stress intensity at the electrolyte's largest flaw (the larger of the two faces') from the tension
    that balances its expanding interphases [Pa m^0.5] (:func:`flaw_stress_intensity`); works on stacked
    states."""
    return jnp.max(flaw_stress_intensity(y, p), axis=-1)


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
        cathode_stoichiometry=p.full_cell * p.stoichiometry_discharged,
        intrusion=jnp.zeros(2),
        alloy_depletion=jnp.zeros(2),
        crack=jnp.zeros(2),
    )


def _within(x: jax.Array, lower, upper=jnp.inf) -> jax.Array:
    """``x`` where it lies in [lower, upper] (derivative 1 up to the bounds), else the nearer bound
    (derivative 0)."""
    return jnp.where((x >= lower) & (x <= upper), x, jnp.clip(x, lower, upper))


def physical_state(y: State, p: CellParameters) -> State:
    """The state moved onto the domain where the model is defined: fractions in [0, 1], lengths, charge
    and pressure non-negative, the interphase no thinner than at assembly (it only grows).

    A solution never leaves this domain, but an adaptive solver evaluates the vector field at trial states
    that do (a rejected step's stages: contact -1e32, a negative crack length); there a square root or a
    power would be NaN. The forward solve rejects such steps, but reverse-mode differentiation multiplies
    their zero cotangent by the NaN derivative (0 x NaN = NaN) and the whole gradient becomes NaN. Inside
    the domain this is the identity with derivative 1 (the solution and its derivatives are unchanged);
    outside, the nearest bound with derivative 0. The salt depletion is signed and is not bounded.
    """
    return y._replace(
        contact=_within(y.contact, 0.0, 1.0),
        filament=_within(y.filament, 0.0),
        interphase=_within(y.interphase, p.initial_interphase_thickness),
        internal_li=_within(y.internal_li, 0.0, 1.0),
        pressure=_within(y.pressure, 0.0),
        li_thickness=_within(y.li_thickness, 0.0),
        charge=_within(y.charge, 0.0),
        cathode_stoichiometry=_within(y.cathode_stoichiometry, 0.0, 1.0),
        intrusion=_within(y.intrusion, 0.0),
        alloy_depletion=_within(y.alloy_depletion, 0.0),
        crack=_within(y.crack, 0.0),
    )


def penetration(y: State) -> jax.Array:
    """Total depth of Li inside the electrolyte, filaments plus Li crept into pores, from both sides [m]."""
    return jnp.sum(y.filament, axis=-1) + jnp.sum(y.intrusion, axis=-1)


def pore_flow_stress(p: CellParameters) -> jax.Array:
    """Flow stress of Li at the size of the electrolyte's pores [Pa]: the size law of Xu et al. (2017),
    no weaker than bulk Li and no stronger than the strongest Li measured (whiskers)."""
    porous = p.pore_diameter > 0  # no pores (a polymer film): the strongest Li, and no 0^-m in any derivative
    sized = yield_strength_size_dependent_xu2017(
        jnp.where(porous, p.pore_diameter, p.li_yield_reference_size),
        p.li_yield_strength_reference,
        p.li_yield_reference_size,
        p.li_yield_size_exponent,
    )
    return jnp.where(
        porous, jnp.clip(sized, p.li_yield_strength, p.li_yield_strength_max), p.li_yield_strength_max
    )


def electrolyte_contact(y: State, p: CellParameters) -> jax.Array:
    """Fraction of the electrolyte surface that carries current, per electrode [-].

    The Li contact fraction, widened by an electronically conducting interlayer that spreads the current
    laterally over its transfer length lambda around each contact spot of radius r_c: the detached area
    still fed is 1 - (r_c / (r_c + lambda))^2 of it (``lisse.cell.interlayer``); without one it is the
    contact fraction itself.
    """
    phi = jnp.clip(y.contact, 1e-6, 1.0)
    lam = p.interlayer_spreading_length
    shadow = (p.contact_radius / (p.contact_radius + lam)) ** 2
    return phi + (1.0 - phi) * (1.0 - shadow)


def _onset(x: jax.Array) -> jax.Array:
    """Smooth switch: exactly 0 for x <= 0, exactly 1 for x >= 1, C1 in between (smoothstep).

    Exact zeros below the threshold keep a mechanism from leaking where its criterion is not met; the
    continuous derivative keeps the adaptive step-size control working through the switch.
    """
    s = jnp.clip(x, 0.0, 1.0)
    return s * s * (3.0 - 2.0 * s)


def _li_electrodes(p: CellParameters) -> jax.Array:
    """1 for each electrode that is Li metal, 0 for a cathode: (1, 1) symmetric, (1, 0) full cell."""
    return jnp.stack([jnp.ones_like(p.full_cell), 1.0 - p.full_cell])


def _electrode_currents(j: jax.Array) -> jax.Array:
    """Plating current density of each electrode (negative when it is stripped) [A/m^2]."""
    return jnp.stack([j, -j])


def _exchange_current_densities(p: CellParameters) -> jax.Array:
    """Exchange current density of each electrode's interface [A/m^2], shape (2,)."""
    return jnp.stack(
        [
            p.exchange_current_density,
            jnp.where(p.full_cell > 0, p.cathode_exchange_current_density, p.exchange_current_density),
        ]
    )


def cathode_surface_stoichiometry(y: State, p: CellParameters, j: jax.Array) -> jax.Array:
    """Li stoichiometry at the cathode particle's surface (single particle, Subramanian 2005) [-]."""
    return surface_stoichiometry_subramanian2005(
        y.cathode_stoichiometry,
        interfacial_molar_flux(j, p.cathode_active_volume, p.particle_radius),
        p.particle_radius,
        p.cathode_diffusion_coefficient,
        p.cathode_max_concentration,
    )


def open_circuit_voltage(y: State, p: CellParameters, j: jax.Array) -> jax.Array:
    """Cell open-circuit voltage at the cathode's surface stoichiometry, less the anode's potential vs Li at
    its bulk composition (an alloy anode) [V] (0 in a symmetric cell).

    Steps end where the surface stoichiometry leaves the OCV fit's validity range
    (:func:`lisse.cell.solver.schedule_from_protocol`), so the fit is only evaluated inside it, up to
    the event's root finding; the clip to [0, 1] only keeps that evaluation finite.
    """
    x_surface = jnp.clip(cathode_surface_stoichiometry(y, p, j), 0.0, 1.0)
    cathode = open_circuit_potential(p.cathode_index.astype(jnp.int32), x_surface)
    return p.full_cell * (cathode - p.anode_potential)


def cathode_interphase_asr(y: State, p: CellParameters) -> jax.Array:
    """Resistance of the cathode interphase grown since assembly, per geometric area [ohm m^2].

    The layer covers the particle surface, ``cathode_surface_area_ratio`` times the geometric area, so its
    resistance per geometric area is (h - h0) / (sigma a); the native layer (h0) is part of the measured
    interface resistance, as on the Li side.
    """
    grown = jnp.maximum(y.interphase[1] - p.initial_interphase_thickness, 0.0)
    return p.full_cell * grown / (p.cathode_interphase_ionic_conductivity * p.cathode_surface_area_ratio)


def cathode_decomposition_current(y: State, p: CellParameters, j: jax.Array, ocv: jax.Array) -> jax.Array:
    """Current density oxidising the phase touching the cathode, per particle area [A/m^2] (item 7).

    The cathode's potential vs Li is its OCV at the surface stoichiometry (``ocv``) plus its own
    charge-transfer overpotential (signed: above the OCV on charge); its excursion beyond the phase's
    oxidation limit drives
    :func:`~lisse.mechanisms.electrochemical.decomposition.passivated_decomposition_current_density` through
    the layer grown so far, until a finite phase (a coating, ``cathode_layer_reservoir`` > 0) is used up
    (a smooth stop over its last 1 %). Only oxidation is modelled at the cathode.
    """
    potential = ocv + butler_volmer_overpotential(j, p.cathode_exchange_current_density, p.temperature)
    excursion = window_excursion(potential, p.cathode_layer_reduction_limit, p.cathode_layer_oxidation_limit)
    finite = p.cathode_layer_reservoir > 0
    reservoir = jnp.where(finite, p.cathode_layer_reservoir, 1.0)
    grown = y.interphase[1] - p.initial_interphase_thickness
    left = jnp.where(finite, _onset((reservoir - grown) / (1e-2 * reservoir)), 1.0)
    return (
        p.cathode_decomposition_on
        * left
        * passivated_decomposition_current_density(
            jnp.maximum(excursion, 0.0),
            p.cathode_decomposition_exchange_current_density,
            p.temperature,
            y.interphase[1],
            p.cathode_interphase_ionic_conductivity,
            p.cathode_interphase_electronic_conductivity,
        )
    )


def terms(y: State, p: CellParameters, j: jax.Array, features: Features = ALL_FEATURES) -> Terms:
    """Voltage terms and derived quantities at state ``y`` and current density ``j``."""
    phi = electrolyte_contact(y, p)
    jk = _electrode_currents(j)
    local = jnp.abs(jk) / phi
    i0 = _exchange_current_densities(p)
    eta_ct = butler_volmer_overpotential(local, i0, p.temperature)
    r_ct = charge_transfer_asr(i0, p.temperature)
    r_contact = interfacial_asr_partial_contact(phi, p.contact_radius, p.ionic_conductivity, r_ct)
    r_constriction = r_contact - r_ct / phi
    li_electrode = _li_electrodes(p)  # a cathode has no Li-metal interphase
    r_interphase = li_electrode * grown_interphase(y, p) / p.interphase_ionic_conductivity
    remaining = jnp.maximum(p.thickness - penetration(y), 1e-9)
    r_ohmic = remaining / p.ionic_conductivity
    ohmic = jnp.abs(j) * r_ohmic
    constriction = jnp.abs(j) * jnp.sum(r_constriction)
    interphase = jnp.abs(j) * jnp.sum(r_interphase)
    n_li = jnp.sum(li_electrode)  # Li | electrolyte interfaces: 2 in a symmetric cell, 1 in a full cell
    interlayer = jnp.abs(j) * n_li * p.interlayer_asr
    surface = jnp.abs(j) * n_li * p.surface_asr
    r_crack = jnp.sum(crack_asr(y, p))
    crack = jnp.abs(j) * r_crack
    r_cathode = p.full_cell * p.cathode_interface_asr
    if features.cathode:  # the cathode interphase (item 7)
        r_cathode = r_cathode + cathode_interphase_asr(y, p)
    cathode_interface = jnp.abs(j) * r_cathode
    # concentration overpotential of a binary electrolyte (zero for single-ion conductors)
    rt_f = GAS_CONSTANT * p.temperature / FARADAY
    c_low = jnp.maximum(p.salt_concentration - jnp.abs(y.depletion), 1e-9 * p.salt_concentration)
    c_high = p.salt_concentration + jnp.abs(y.depletion)
    concentration = p.depletion_on * 2.0 * (1.0 - p.transference_number) * rt_f * jnp.log(c_high / c_low)
    concentration = concentration + jnp.sum(li_electrode * alloy_overpotential(y, p))
    magnitude = (
        ohmic
        + jnp.sum(eta_ct)
        + constriction
        + interphase
        + interlayer
        + surface
        + concentration
        + cathode_interface
        + crack
    )
    ocv = open_circuit_voltage(y, p, j) if features.cathode else jnp.zeros(())
    # symmetric: the working electrode's potential vs the counter; full cell: cathode vs Li (charging > OCV)
    voltage = jnp.where(p.full_cell > 0, ocv + jnp.sign(j) * magnitude, -jnp.sign(j) * magnitude)
    asr = (
        r_ohmic
        + jnp.sum(r_contact)
        + jnp.sum(r_interphase)
        + n_li * (p.interlayer_asr + p.surface_asr)
        + r_cathode
        + r_crack
    )
    plated = (jk > 0) & (li_electrode > 0)  # a cathode grows no Li filaments
    flaw_eta = jnp.where(
        plated,
        butler_volmer_overpotential(
            p.flaw_focusing_factor * local, p.exchange_current_density, p.temperature
        ),
        0.0,
    )
    critical = critical_overpotential_porz2017(
        flaw_lengths(y, p), p.fracture_toughness, p.molar_volume_li, p.geometry_factor
    )
    return Terms(
        voltage=voltage,
        ohmic=ohmic,
        charge_transfer=jnp.sum(eta_ct),
        constriction=constriction,
        interphase=interphase,
        interlayer=interlayer,
        concentration=concentration,
        cathode_interface=cathode_interface,
        open_circuit=ocv,
        asr=asr,
        local_current_density=jnp.max(jnp.where(plated, local, 0.0)),
        flaw_overpotential=flaw_eta,
        critical_overpotential=critical,
        surface=surface,
        crack=crack,
    )


def alloy_surface_fraction(y: State, p: CellParameters) -> jax.Array:
    """Li atom fraction at each electrode's interface (the bulk fraction, 1, for Li metal), shape (2,)."""
    u = jnp.clip(y.alloy_depletion, 0.0, 1.0)
    # sqrt(u + e^2) - e: exactly 0 at u = 0 with a finite derivative (e = 1e-9 of the allowed deficit)
    deficit = p.alloy_deficit_limit * (jnp.sqrt(u + 1e-18) - 1e-9)
    return p.alloy_li_fraction - p.alloy_on * deficit


def alloy_overpotential(y: State, p: CellParameters) -> jax.Array:
    """Concentration overpotential of each alloy electrode's depleted interface [V], shape (2,)."""
    return p.alloy_on * alloy_concentration_overpotential(
        p.alloy_li_fraction, alloy_surface_fraction(y, p), p.temperature
    )


def applied_current(
    y: State, p: CellParameters, mode: jax.Array, value: jax.Array, features: Features = ALL_FEATURES
) -> jax.Array:
    """Current density of a step [A/m^2]: ``value`` itself (``mode`` 0, current control) or the current
    at which the cell voltage equals ``value`` (``mode`` 1, a voltage hold).

    The hold current is found by Newton's method on :func:`terms` (8 iterations from the linearised
    guess; the voltage is monotonic in the current), so it is differentiable and exact to round-off
    for the smooth terms of this model.
    """

    if not features.holds:
        return jnp.asarray(value, dtype=float)

    def voltage(j: jax.Array) -> jax.Array:
        return terms(y, p, j, features).voltage

    def hold() -> jax.Array:
        at_rest = terms(y, p, jnp.zeros(()), features)
        guess = (value - at_rest.voltage) / at_rest.asr

        def newton(_, j):
            v, dv = jax.jvp(voltage, (j,), (jnp.ones_like(j),))
            return j - (v - value) / jnp.where(dv > 0, dv, at_rest.asr)

        return jax.lax.fori_loop(0, 8, newton, guess)

    return jax.lax.cond(mode > 0, hold, lambda: jnp.asarray(value, dtype=float))


def vector_field(
    t: jax.Array,
    y: State,
    args: tuple[CellParameters, jax.Array, jax.Array, jax.Array],
    features: Features = ALL_FEATURES,
) -> State:
    """d(state)/dt in a protocol step; ``args = (params, mode, value, frozen)``
    (see :func:`applied_current`). Each family's rate is its own function below; this composes them.
    Evaluated at :func:`physical_state` (an adaptive solver's trial states may leave the domain)."""
    p, mode, value, frozen = args
    y = physical_state(y, p)
    j = applied_current(y, p, mode, value, features)
    li_electrode = _li_electrodes(p)
    live = 1.0 - frozen
    phi = jnp.clip(y.contact, 1e-6, 1.0)
    jk = _electrode_currents(j)
    tm = terms(y, p, j, features)
    # -- Li deposited inside the electrolyte by electronic leakage ---------------------------------
    i_e = internal_deposition_current_han2019(
        jnp.abs(j), p.ionic_conductivity, jnp.maximum(p.electronic_conductivity, 1e-30)
    )
    d_internal = p.internal_on * p.molar_volume_li * i_e / (FARADAY * p.thickness)
    # -- interphase growth (chemical failure): Deal-Grove parabolic limit, where Li touches ---------
    d_interphase = p.interphase_parabolic_constant / (2.0 * y.interphase) * phi * li_electrode
    # -- Li inventory and stack pressure ------------------------------------------------------------
    d_li = p.molar_volume_li * jk / FARADAY * li_electrode
    # -- cathode (full cells): charging (j > 0) takes Li out of the particle -----------------------
    flux = interfacial_molar_flux(j, p.cathode_active_volume, p.particle_radius)
    d_x = p.full_cell * average_stoichiometry_rate(flux, p.particle_radius, p.cathode_max_concentration)
    # the cathode swells or shrinks with its state of charge (full cells): the stack takes that too
    d_pressure = p.stack_stiffness * (jnp.sum(d_li) - p.full_cell * p.cathode_swelling * d_x)
    # the cathode interphase (item 7): the phase touching the cathode oxidised beyond its window grows a
    # layer at the counter interface (a cathode has no Li-metal interphase there)
    if features.cathode:
        d_cathode_layer = p.full_cell * decomposition_layer_growth_rate(
            cathode_decomposition_current(y, p, j, tm.open_circuit),
            p.cathode_decomposition_electrons,
            p.cathode_decomposition_product_volume,
        )
        d_interphase = d_interphase + jnp.stack([jnp.zeros_like(d_cathode_layer), d_cathode_layer])
    return State(
        contact=live * _contact_rate(y, p, jk, phi) * li_electrode,
        filament=live * _filament_rate(y, p, jk, tm) * li_electrode,
        interphase=live * d_interphase,
        depletion=live * _depletion_rate(y, p, j),
        internal_li=live * d_internal,
        pressure=live * d_pressure,
        li_thickness=live * d_li,
        charge=live * jnp.abs(j),
        cathode_stoichiometry=live * d_x,
        intrusion=live * _intrusion_rate(y, p, phi) * li_electrode,
        alloy_depletion=live * _alloy_depletion_rate(y, p, jk) * li_electrode,
        crack=live * _crack_rate(y, p),
    )


def _contact_rate(y: State, p: CellParameters, jk: jax.Array, phi: jax.Array) -> jax.Array:
    """d(contact)/dt of each electrode (electric failure): voids open where stripping outpaces vacancy
    diffusion and creep, plating refills them."""
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
    # an alloy's Li-depleted skeleton keeps contact while its interface is inside the solid solution:
    # stripping opens no voids there (skeleton_void_fraction); 1 for Li metal
    void_fraction = 1.0 - p.alloy_on * (1.0 - skeleton_void_fraction(y.alloy_depletion))
    stripped = jnp.where(jk < 0, -jk * void_fraction, -jk)
    d_contact = contact_loss_rate(
        stripped, y.contact, phi * i_vac + i_creep, p.void_depth, p.molar_volume_li, p.plating_refill_fraction
    )
    # recovery fades out smoothly over the last 1 % below full contact: the rate stays continuous in the
    # state (the hard stop at phi = 1 would make adaptive steps chatter), and phi cannot exceed 1
    d_contact = jnp.where(d_contact > 0, d_contact * _onset((1.0 - y.contact) / 1e-2), d_contact)
    return jnp.where(d_contact < 0, d_contact * p.contact_loss_on, d_contact)


def _filament_rate(y: State, p: CellParameters, jk: jax.Array, tm: Terms) -> jax.Array:
    """d(filament)/dt at each plated electrode: Porz flaw extension, or Sand depletion in binary
    electrolytes."""
    plating = jnp.maximum(jk, 0.0)
    porz_drive = p.porz_on * _onset((tm.flaw_overpotential - tm.critical_overpotential) / p.onset_width)
    depleted_side = jnp.stack([y.depletion, -y.depletion])
    sand_drive = (
        p.depletion_on * p.sand_dendrites_on * _onset((depleted_side / p.salt_concentration - 0.98) / 0.02)
    )
    # item 4: an electrolyte softer than Monroe-Newman's 2 G_Li cannot hold the Sand dendrites back
    sand_drive = sand_drive * dendrite_growth_factor_monroe2005(p.shear_modulus, p.shear_modulus_li)
    drive = jnp.maximum(porz_drive, sand_drive) * (plating > 0)
    return drive * filament_growth_velocity(
        plating / electrolyte_contact(y, p), p.molar_volume_li, p.tip_focusing_factor
    )


def _depletion_rate(y: State, p: CellParameters, j: jax.Array) -> jax.Array:
    """d(depletion)/dt of a binary salt: one-mode relaxation to the steady profile over the depletion
    length (the electrolyte, or a polymer interlayer)."""
    dc_ss = 0.5 * salt_concentration_difference(
        j, p.salt_diffusion_coefficient, p.depletion_length, jnp.minimum(p.transference_number, 1.0 - 1e-12)
    )
    # a layer of nm to um (a polymer interlayer) relaxes in us to ms: no faster than DEPLETION_TIME_MIN, so
    # the integrator is not held to that scale; its steady profile, all a protocol step sees, is unchanged
    tau = jnp.maximum(p.depletion_length**2 / (jnp.pi**2 * p.salt_diffusion_coefficient), DEPLETION_TIME_MIN)
    return p.depletion_on * (dc_ss - y.depletion) / tau


def _intrusion_rate(y: State, p: CellParameters, phi: jax.Array) -> jax.Array:
    """d(intrusion)/dt of each electrode: Li creeps into the electrolyte's open pores under the contact
    stress (Doux et al. 2020)."""
    return p.intrusion_on * creep_intrusion_velocity(
        y.pressure / phi,
        pore_flow_stress(p),
        0.5 * p.pore_diameter,
        p.temperature,
        p.creep_reference_strain_rate,
        p.creep_reference_stress,
        p.creep_stress_exponent,
        p.creep_activation_energy,
    )


def _alloy_depletion_rate(y: State, p: CellParameters, jk: jax.Array) -> jax.Array:
    """d(alloy_depletion)/dt of each Li-alloy electrode: its interface loses Li by diffusion (Sand-type),
    plating returns it."""
    return p.alloy_on * alloy_depletion_rate(
        -jk, y.alloy_depletion, p.alloy_diffusion_coefficient, p.alloy_atomic_volume, p.alloy_deficit_limit
    )


def _crack_rate(y: State, p: CellParameters) -> jax.Array:
    """d(crack)/dt at each face: the largest flaw grows subcritically under the interphase tension once its
    stress intensity exceeds the threshold (``crack_growth_threshold`` x K_Ic; a smooth onset over
    :data:`CRACK_ONSET_WIDTH`), at v0 (K/K_Ic)^n, capped at v0 where K reaches K_Ic (the fracture margin
    stops the solve there)."""
    k = flaw_stress_intensity(y, p)
    onset = _onset((k / p.fracture_toughness - p.crack_growth_threshold) / CRACK_ONSET_WIDTH)
    return (
        p.crack_growth_on
        * onset
        * subcritical_crack_velocity(
            k, p.fracture_toughness, p.crack_reference_velocity, p.crack_velocity_exponent
        )
    )


def failure_margins(
    y: State,
    p: CellParameters,
    j: jax.Array,
    asr0: jax.Array,
    features: Features = ALL_FEATURES,
    tm: Terms | None = None,
) -> jax.Array:
    """Dimensionless margins, one per failure criterion, in the order of :data:`FAILURE_MODES`;
    a margin crossing zero is a failure.

    1. Li inside the electrolyte: 1 - (filaments + Li crept into pores, both sides) / thickness;
    2. internal Li: 1 - internal Li fraction / percolation fraction;
    3. contact: min contact fraction / limit - 1 (and Li left to strip; and, for an alloy anode, 1 - the
       interface depletion: its interface at the solid-solution limit);
    4. polarisation: 1 - |V - OCV| / voltage limit (a symmetric cell's voltage; OCV = 0 there);
    5. impedance: 1 - ASR / (rise factor x initial ASR);
    6. fracture: 1 - K / K_Ic, with K the stress intensity at the electrolyte's largest flaw (grown
       subcritically, and extended by filaments and crept-in Li) from the tension balancing its expanding
       interphases (:func:`electrolyte_stress_intensity`).

    ``tm`` are the :func:`terms` at (y, j) if the caller has them already.
    """
    tm = terms(y, p, j, features) if tm is None else tm
    li_left = jnp.min(jnp.where(_li_electrodes(p) > 0, y.li_thickness, p.li_thickness))
    li_left = li_left / p.li_thickness
    depleted = jnp.max(jnp.where(_li_electrodes(p) > 0, y.alloy_depletion, 0.0))
    alloy_left = jnp.where(p.alloy_on > 0, 1.0 - depleted, 1e9)
    return jnp.stack(
        [
            1.0 - penetration(y) / p.thickness,
            1.0 - y.internal_li / p.internal_li_fraction_to_short,
            jnp.minimum(
                jnp.minimum(jnp.min(y.contact) / p.contact_fraction_limit - 1.0, li_left - 0.01), alloy_left
            ),
            1.0 - jnp.abs(tm.voltage - tm.open_circuit) / p.voltage_limit,
            1.0 - tm.asr / (p.asr_rise_factor * asr0),
            1.0 - electrolyte_stress_intensity(y, p) / p.fracture_toughness,
        ]
    )
