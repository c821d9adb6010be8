"""Numbers for the coupled model: read a :class:`~lisse.cell.stack.Cell` from the library into SI floats.

:func:`cell_parameters` looks up every material value the mechanisms need, evaluates temperature laws at
the cell temperature and returns :class:`CellParameters`, a NamedTuple of floats (a JAX pytree: stack
several with :func:`stack_parameters` and ``vmap`` over them). Closure parameters that are not material
properties (void depth, current focusing, failure thresholds) come from :class:`ModelOptions`, whose
defaults are lisse choices documented there.

A mechanism whose inputs are missing from the library is switched off, and :class:`Coverage` says which
and why: the result reports it, nothing is filled in silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import jax
import jax.numpy as jnp
from pydantic import BaseModel, ConfigDict, Field

from lisse._core.constants import FARADAY
from lisse._core.errors import LisseError
from lisse.cell.lookup import Lookup
from lisse.cell.stack import Cell
from lisse.materials import Library
from lisse.mechanisms.cathode import (
    active_volume_per_area,
    cathode_index,
    cathode_interlayer_asr,
    max_concentration,
    stoichiometry_window,
    validity_range,
)
from lisse.mechanisms.chemical.interphase import parabolic_rate_constant_wagner
from lisse.mechanisms.mechanical.stress import misfit_stress_constrained_layer
from lisse.thermo import interphase as thermo_interphase

__all__ = ["CellParameters", "Coverage", "ModelOptions", "cell_parameters", "stack_parameters"]


class ModelOptions(BaseModel):
    """Closure parameters of the coupled model and failure thresholds (SI). Defaults are lisse choices.

    They are not material properties: each sets a length or a factor that the cited mechanism models
    leave open (see ``docs/simulator.md``). Override them to test how a verdict depends on them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    void_depth: float = Field(1e-6, gt=0)
    """Depth of the voids that open on stripping [m] (micrometre voids, Kasemchainan et al. 2019)."""
    creep_length: float = Field(1e-6, gt=0)
    """Thickness of Li that creeps towards the interface to refill voids [m] (equal to the void depth)."""
    contact_radius: float = Field(5e-6, gt=0)
    """Radius of the contact spots of a partly detached interface [m]."""
    plating_refill_fraction: float = Field(1.0, ge=0, le=1)
    """Fraction of plated Li that refills voids (1: all of it; upper bound)."""
    vacancy_diffusion_length: float = Field(1e-6, gt=0)
    """Depth over which vacancies diffuse away from the interface in steady state [m]."""
    critical_vacancy_fraction: float = Field(1e-3, gt=0)
    """Excess vacancy site fraction at which voids nucleate [-]."""
    flaw_focusing_factor: float = Field(1.0, ge=1)
    """Local over mean current density at the mouth of a surface flaw [-]."""
    tip_focusing_factor: float = Field(100.0, ge=1)
    """Current focusing at a growing filament tip, (catchment radius / tip radius)^2 [-] (10 um / 1 um)."""
    geometry_factor: float = Field(1.0, gt=0)
    """Stress-intensity geometry factor Y of the Porz criterion [-]."""
    onset_width: float = Field(2e-3, gt=0)
    """Width of the smooth switch that turns filament growth on past the critical overpotential [V]."""
    initial_interphase_thickness: float = Field(1e-9, gt=0)
    """Interphase thickness at assembly [m] (removes the singularity of parabolic growth at zero)."""
    contact_fraction_limit: float = Field(0.05, gt=0, lt=1)
    """Contact fraction below which the cell has lost contact [-]."""
    voltage_limit: float = Field(5.0, gt=0)
    """Largest polarisation |V - OCV| [V]: a symmetric cell's cycler voltage limit (contact loss); in a full
    cell, a polarisation beyond it counts as impedance failure."""
    asr_rise_factor: float = Field(10.0, gt=1)
    """Area-specific resistance, as a multiple of the initial one, that counts as impedance failure [-]."""
    capacity_fade_limit: float = Field(0.8, gt=0, lt=1)
    """Discharge capacity, as a fraction of the first discharge's, below which a full cell has failed [-]."""
    cracking_number: float = Field(1.976, gt=0)
    """Cracking number Z of a crack channelling through a stressed layer with no elastic mismatch
    (Hutchinson & Suo 1991, Fig. 9) [-]: K = |sigma| sqrt(Z h)."""
    internal_li_fraction_to_short: float = Field(0.16, gt=0, lt=1)
    """Volume fraction of Li deposited inside the electrolyte that percolates and shorts [-]
    (Scher-Zallen critical volume fraction)."""
    rtol: float = Field(1e-6, gt=0)
    atol: float = Field(1e-12, gt=0)
    """Absolute tolerance of the integrator [state units]; small because lengths are states in metres
    (an interphase starts at 1 nm)."""
    max_steps: int = Field(4096, gt=0)
    """Solver steps allowed per protocol step."""
    saves_per_step: int = Field(9, ge=2)
    """Time points saved per protocol step."""


class CellParameters(NamedTuple):
    """Every number the coupled model uses, in SI units (see :func:`cell_parameters`)."""

    temperature: jax.Array
    pressure: jax.Array
    stack_stiffness: jax.Array
    thickness: jax.Array
    ionic_conductivity: jax.Array
    electronic_conductivity: jax.Array
    exchange_current_density: jax.Array
    molar_volume_li: jax.Array
    li_thickness: jax.Array
    creep_reference_strain_rate: jax.Array
    creep_reference_stress: jax.Array
    creep_stress_exponent: jax.Array
    creep_activation_energy: jax.Array
    vacancy_diffusion_coefficient: jax.Array
    critical_vacancy_concentration: jax.Array
    fracture_toughness: jax.Array
    flaw_length: jax.Array
    transference_number: jax.Array
    salt_diffusion_coefficient: jax.Array
    salt_concentration: jax.Array
    interphase_parabolic_constant: jax.Array
    interphase_ionic_conductivity: jax.Array
    interlayer_asr: jax.Array
    void_depth: jax.Array
    creep_length: jax.Array
    contact_radius: jax.Array
    plating_refill_fraction: jax.Array
    vacancy_diffusion_length: jax.Array
    flaw_focusing_factor: jax.Array
    tip_focusing_factor: jax.Array
    geometry_factor: jax.Array
    onset_width: jax.Array
    initial_interphase_thickness: jax.Array
    contact_fraction_limit: jax.Array
    voltage_limit: jax.Array
    asr_rise_factor: jax.Array
    internal_li_fraction_to_short: jax.Array
    porz_on: jax.Array
    vacancy_on: jax.Array
    depletion_on: jax.Array
    internal_on: jax.Array
    capacity_fade_limit: jax.Array
    interphase_misfit_stress: jax.Array
    cracking_number: jax.Array
    fracture_on: jax.Array
    full_cell: jax.Array
    cathode_index: jax.Array
    stoichiometry_discharged: jax.Array
    stoichiometry_min: jax.Array
    stoichiometry_max: jax.Array
    cathode_max_concentration: jax.Array
    cathode_active_volume: jax.Array
    particle_radius: jax.Array
    cathode_diffusion_coefficient: jax.Array
    cathode_exchange_current_density: jax.Array
    cathode_interface_asr: jax.Array
    cathode_swelling: jax.Array


@dataclass(frozen=True)
class Coverage:
    """Which mechanisms the parameters switch on, and why the others are off."""

    active: tuple[str, ...]
    inactive: dict[str, str]
    sources: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"active": list(self.active), "inactive": dict(self.inactive), "sources": list(self.sources)}


def cell_parameters(
    cell: Cell, library: Library | None = None, options: ModelOptions | None = None
) -> tuple[CellParameters, Coverage]:
    """Read ``cell`` into :class:`CellParameters` and report the mechanisms the data switch on.

    Raises
    ------
    LisseError
        If a value without which no simulation is possible is missing (the electrolyte's ionic
        conductivity, Li's molar volume and creep law, the Li | electrolyte exchange current density;
        for full cells the cathode's OCV, capacity and interface kinetics), naming each missing property
        and how to supply it; or if the anode is not Li metal.
    """
    opts = options or ModelOptions()
    mats = cell.materials(library)
    if mats["anode"].name != "Li":
        raise LisseError(
            f"anode: only Li-metal anodes are simulated so far; got {cell.anode.material!r} "
            "(Li alloys enter as interlayers: --interlayer)"
        )
    full = not cell.is_symmetric
    if full and mats["counter"].category != "cathode":
        raise LisseError(
            f"counter: {cell.counter.material!r} is a {mats['counter'].category}; the counter electrode "
            "must be Li (a symmetric cell) or a cathode (a full cell)"
        )
    li, sse = mats["anode"], mats["electrolyte"]
    T = cell.temperature
    required = Lookup(T)
    sigma = required(sse, "ionic_conductivity")
    omega = required(li, "molar_volume_li")
    creep = {
        n: required(li, n)
        for n in (
            "creep_reference_strain_rate",
            "creep_reference_stress",
            "creep_stress_exponent",
            "creep_activation_energy",
        )
    }
    i0 = required(li, f"exchange_current_density:{sse.name}")
    cathode = _cathode_parameters(cell, mats, required) if full else _NO_CATHODE
    if required.missing:
        material, _, prop = required.missing[0].partition(".")
        raise LisseError(
            "cannot simulate this cell: the library has no value for "
            + ", ".join(required.missing)
            + f'. Supply them as overrides in the cell file, e.g. [overrides.{material}] "{prop}" = <value '
            f"with unit>, or on the command line --set '{material}.{prop}=<value with unit>' (with a "
            "source you trust)"
        )
    inactive: dict[str, str] = {}
    active = ["ohmic", "charge_transfer", "contact_loss_creep", "constriction"]

    # a missing optional value switches its mechanism off (reported in Coverage.inactive)
    optional = Lookup(T, sources=required.sources)
    sources = required.sources
    sigma_e = optional(sse, "electronic_conductivity")
    if sigma_e is None:
        inactive["internal_deposition_han2019"] = f"{sse.name}.electronic_conductivity missing"
    else:
        active.append("internal_deposition_han2019")
    d_vac = optional(li, "vacancy_diffusion_coefficient")
    if d_vac is None:
        inactive["vacancy_diffusion_krauskopf2019"] = "Li.vacancy_diffusion_coefficient missing"
    else:
        active.append("vacancy_diffusion_krauskopf2019")
    k_ic = optional(sse, "fracture_toughness")
    flaw = cell.electrolyte.flaw_size
    if flaw is None:
        flaw = optional(sse, "surface_flaw_size")
    if flaw is None:
        flaw = optional(sse, "grain_size")
    if k_ic is None or flaw is None:
        why = [] if k_ic is not None else [f"{sse.name}.fracture_toughness missing"]
        why += (
            []
            if flaw is not None
            else [
                f"{sse.name}: no flaw_size in the cell and no surface_flaw_size or grain_size in the library"
            ]
        )
        inactive["flaw_extension_porz2017"] = "; ".join(why)
    else:
        active.append("flaw_extension_porz2017")
    t_plus = optional(sse, "transference_number")
    d_salt = optional(sse, "salt_diffusion_coefficient")
    c0 = optional(sse, "salt_concentration")
    depletion = t_plus is not None and t_plus < 1 and d_salt is not None and c0 is not None
    if depletion:
        active.append("salt_depletion_sand")
    elif sse.family == "polymer":
        inactive["salt_depletion_sand"] = (
            f"{sse.name}: transference_number, salt_diffusion_coefficient or salt_concentration missing"
        )
    # interphase growth (chemical failure): Wagner parabolic constant from the thermodynamic products
    parabolic, sigma_int, expansion = 0.0, float("inf"), None
    try:
        ip = thermo_interphase(sse.name, library=library)
        kind = ip.interphase
    except LisseError as exc:
        kind = None
        inactive["interphase_growth_wagner"] = f"thermodynamics unavailable: {exc}"
    if kind == "stable":
        pass  # no interphase grows: nothing is missing
    elif kind is not None:
        s_ion, s_el = ip.effective_ionic_conductivity_S_per_m, ip.effective_electronic_conductivity_S_per_m
        if s_ion is None or s_el is None:
            inactive["interphase_growth_wagner"] = (
                f"{kind} interphase, but its effective conductivities are unknown (missing: "
                + ", ".join(ip.missing_properties)
                + ")"
            )
        else:
            rx = ip.reaction.to_dict()
            n_li = rx.get("li_per_formula_unit") or 0.0
            volumes = [
                p["moles_per_formula_unit"] * p["molar_volume_cm3_per_mol"] * 1e-6
                for p in rx["product_details"]
                if p["molar_volume_cm3_per_mol"] is not None
            ]
            if n_li <= 0 or len(volumes) != len(rx["product_details"]):
                inactive["interphase_growth_wagner"] = "Li consumed or product molar volumes unknown"
            else:
                # driving force and interphase volume, both per mol Li (Wagner)
                dG = abs(rx["reaction_energy_eV_per_formula_unit"]) / n_li * FARADAY
                parabolic = float(parabolic_rate_constant_wagner(s_ion, s_el, dG, sum(volumes) / n_li))
                sigma_int = s_ion
                active.append("interphase_growth_wagner")
                ratio = rx.get("product_to_phase_volume_ratio")
                expansion = None if ratio is None else ratio - 1.0
    # fracture of the electrolyte by the stress of an expanding interphase (mechanical failure)
    misfit = 0.0
    if "interphase_growth_wagner" in active:
        modulus, poisson = optional(sse, "youngs_modulus"), optional(sse, "poisson_ratio")
        lacking = [
            what
            for what, v in (
                ("interphase volume change (product molar volumes)", expansion),
                (f"{sse.name}.youngs_modulus", modulus),
                (f"{sse.name}.poisson_ratio", poisson),
                (f"{sse.name}.fracture_toughness", k_ic),
            )
            if v is None
        ]
        if lacking:
            inactive["interphase_fracture"] = "missing " + ", ".join(lacking)
        elif expansion is not None and expansion > 0:
            # the interphase is taken to be as stiff as the electrolyte it replaces (no data on its own)
            misfit = float(misfit_stress_constrained_layer(expansion, modulus, poisson))
            active.append("interphase_fracture")
    r_il = 0.0
    if "interlayer" in mats:
        s_il = optional(mats["interlayer"], "ionic_conductivity")
        if s_il is None:
            raise LisseError(
                f"interlayer: {mats['interlayer'].name}.ionic_conductivity is missing; "
                "supply it as an override"
            )
        r_il = cell.interlayer.thickness / s_il  # type: ignore[union-attr]
        active.append("interlayer_resistance")
    if full:
        active += cathode.pop("active")
        inactive.update(cathode.pop("inactive"))
    c_li = 1.0 / omega  # mol/m^3 of Li sites
    f = jnp.asarray
    params = CellParameters(
        temperature=f(T),
        pressure=f(cell.pressure),
        stack_stiffness=f(cell.stack_stiffness or 0.0),
        thickness=f(cell.electrolyte.thickness),
        ionic_conductivity=f(sigma),
        electronic_conductivity=f(sigma_e or 0.0),
        exchange_current_density=f(i0),
        molar_volume_li=f(omega),
        li_thickness=f(cell.anode.thickness),
        creep_reference_strain_rate=f(creep["creep_reference_strain_rate"]),
        creep_reference_stress=f(creep["creep_reference_stress"]),
        creep_stress_exponent=f(creep["creep_stress_exponent"]),
        creep_activation_energy=f(creep["creep_activation_energy"]),
        vacancy_diffusion_coefficient=f(d_vac or 0.0),
        critical_vacancy_concentration=f(opts.critical_vacancy_fraction * c_li),
        fracture_toughness=f(k_ic or 1.0),
        flaw_length=f(flaw or 1e-6),
        transference_number=f(t_plus if depletion else 1.0),
        salt_diffusion_coefficient=f(d_salt or 1.0),
        salt_concentration=f(c0 or 1.0),
        interphase_parabolic_constant=f(parabolic),
        interphase_ionic_conductivity=f(sigma_int),
        interlayer_asr=f(r_il),
        void_depth=f(opts.void_depth),
        creep_length=f(opts.creep_length),
        contact_radius=f(opts.contact_radius),
        plating_refill_fraction=f(opts.plating_refill_fraction),
        vacancy_diffusion_length=f(opts.vacancy_diffusion_length),
        flaw_focusing_factor=f(opts.flaw_focusing_factor),
        tip_focusing_factor=f(opts.tip_focusing_factor),
        geometry_factor=f(opts.geometry_factor),
        onset_width=f(opts.onset_width),
        initial_interphase_thickness=f(opts.initial_interphase_thickness),
        contact_fraction_limit=f(opts.contact_fraction_limit),
        voltage_limit=f(opts.voltage_limit),
        asr_rise_factor=f(opts.asr_rise_factor),
        internal_li_fraction_to_short=f(opts.internal_li_fraction_to_short),
        porz_on=f(float("flaw_extension_porz2017" in active)),
        vacancy_on=f(float("vacancy_diffusion_krauskopf2019" in active)),
        depletion_on=f(float(depletion)),
        internal_on=f(float(sigma_e is not None)),
        capacity_fade_limit=f(opts.capacity_fade_limit),
        interphase_misfit_stress=f(misfit),
        cracking_number=f(opts.cracking_number),
        fracture_on=f(float("interphase_fracture" in active)),
        full_cell=f(float(full)),
        **{k: f(v) for k, v in cathode.items() if k not in ("active", "inactive")},
    )
    return params, Coverage(tuple(active), inactive, tuple(dict.fromkeys(sources)))


#: Neutral cathode values of a symmetric cell (the full-cell terms are multiplied by ``full_cell = 0``).
_NO_CATHODE: dict = {
    "cathode_index": 0.0,
    "stoichiometry_discharged": 0.0,
    "stoichiometry_min": 0.0,
    "stoichiometry_max": 1.0,
    "cathode_max_concentration": 1.0,
    "cathode_active_volume": 1.0,
    "particle_radius": 1.0,
    "cathode_diffusion_coefficient": 1.0,
    "cathode_exchange_current_density": 1.0,
    "cathode_interface_asr": 0.0,
    "cathode_swelling": 0.0,
    "active": [],
    "inactive": {},
}


def _cathode_parameters(cell: Cell, mats: dict, required: Lookup) -> dict:
    """Cathode numbers of a full cell; missing required values are collected in ``required.missing``."""
    cat, sse = mats["counter"], mats["electrolyte"]
    layer = cell.counter
    if layer.areal_capacity is None:
        raise LisseError(
            f"counter: the cathode {cat.name} needs an areal_capacity (e.g. '1 mA h cm-2') to set 1C and "
            "its amount of active material"
        )
    index = cathode_index(cat.name)
    x_charged, x_discharged = stoichiometry_window(cat.name)
    x_min, x_max = validity_range(cat.name)
    c_max = max_concentration(cat.name)  # of the OCV's parameter set, which defines the stoichiometry
    d_s = required(cat, "li_diffusion_coefficient")
    radius = layer.particle_radius
    if radius is None:
        radius = required(cat, "particle_radius")
    i0 = required(cat, f"exchange_current_density:{sse.name}")
    active = ["cathode_ocv", "cathode_solid_diffusion", "cathode_charge_transfer"]
    inactive: dict[str, str] = {}
    optional = Lookup(cell.temperature, sources=required.sources)
    r_sc = optional(cat, f"interfacial_asr:{sse.name}")
    coating = mats.get("counter_interlayer")
    coat_thickness, coat_sigma = 0.0, 1.0
    if coating is not None:
        s_coat = optional(coating, "ionic_conductivity")
        if s_coat is None:
            raise LisseError(
                f"counter_interlayer: {coating.name}.ionic_conductivity is missing; supply it as an override"
            )
        coat_thickness, coat_sigma = cell.counter_interlayer.thickness, s_coat  # type: ignore[union-attr]
        active.append("cathode_coating")
    elif r_sc is None:
        inactive["cathode_space_charge"] = f"{cat.name}.interfacial_asr:{sse.name} missing"
    else:
        active.append("cathode_space_charge")
    if None in (d_s, radius, i0):
        return dict(_NO_CATHODE)  # the caller raises with the names collected in required.missing
    volume = float(active_volume_per_area(layer.areal_capacity, c_max, x_charged, x_discharged))
    # thickness change of the cathode per unit fall of its stoichiometry, from its volume change between
    # the discharged and the charged state (taken linear in the state of charge)
    swelling = optional(cat, "volume_change")
    if swelling is None:
        inactive["cathode_volume_change"] = f"{cat.name}.volume_change missing"
        swelling = 0.0
    else:
        active.append("cathode_volume_change")
    return {
        "cathode_index": float(index),
        "stoichiometry_discharged": x_discharged,
        "stoichiometry_min": x_min,
        "stoichiometry_max": x_max,
        "cathode_max_concentration": c_max,
        "cathode_active_volume": volume,
        "cathode_swelling": volume * swelling / (x_discharged - x_charged),
        "particle_radius": radius,
        "cathode_diffusion_coefficient": d_s,
        "cathode_exchange_current_density": i0,
        "cathode_interface_asr": float(cathode_interlayer_asr(r_sc or 0.0, coat_thickness, coat_sigma)),
        "active": active,
        "inactive": inactive,
    }


def stack_parameters(params: list[CellParameters]) -> CellParameters:
    """Stack parameter sets along a new leading axis, for ``jax.vmap``."""
    return jax.tree_util.tree_map(lambda *xs: jnp.stack(xs), *params)
