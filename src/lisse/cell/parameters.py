"""Numbers for the coupled model: read a :class:`~lisse.cell.stack.Cell` from the library into SI floats.

:func:`cell_parameters` looks up every material value the mechanisms need, evaluates temperature laws at
the cell temperature and returns :class:`CellParameters`, a NamedTuple of floats (a JAX pytree: stack
several with :func:`stack_parameters` and ``vmap`` over them). Closure parameters that are not material
properties (void depth, current focusing, failure thresholds) come from :class:`ModelOptions`, whose
defaults are lisse choices documented there.

Every material input is resolved once by :class:`~lisse.cell.inputs.CellInputs` (the record, else a
documented rule, else the family prior): no mechanism is switched off for want of a number, and
:class:`Coverage` lists every input with its evidence class and the estimated ones with their basis.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, NamedTuple

import jax
import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from lisse._core.constants import FARADAY
from lisse._core.errors import LisseError
from lisse._core.numerics import host_value
from lisse.cell.inputs import CellInputs
from lisse.cell.interlayer import bare_surface_asr, interlayer_effect
from lisse.cell.stack import Cell
from lisse.materials import Library, Material
from lisse.materials.calibrated import calibrated_closure
from lisse.materials.evidence import Distribution
from lisse.materials.resolve import Value
from lisse.mechanisms.cathode import (
    active_volume_per_area,
    cathode_index,
    cathode_interlayer_asr,
    max_concentration,
    open_circuit_potential,
    stoichiometry_window,
    validity_range,
)
from lisse.mechanisms.chemical.interphase import parabolic_rate_constant_wagner
from lisse.mechanisms.kinetics import charge_transfer_asr
from lisse.mechanisms.mechanical.creep import CREEP_REFERENCE_TEMPERATURE
from lisse.mechanisms.mechanical.stress import misfit_stress_constrained_layer
from lisse.thermo import CONDUCTOR_THRESHOLD_S_PER_M, Interphase, interphase_conductivities, oxidation_layer
from lisse.thermo import interphase as thermo_interphase

__all__ = [
    "CLOSURE_RANGES",
    "FLAW_DRAW",
    "CellParameters",
    "CellReading",
    "Coverage",
    "ModelOptions",
    "cell_parameters",
    "closure_distribution",
    "read_cell",
    "stack_parameters",
]


#: Mechanisms a user may switch off (``ModelOptions.mechanisms_off``).
SwitchableMechanism = Literal[
    "vacancy_diffusion_krauskopf2019",
    "internal_deposition_han2019",
    "flaw_extension_porz2017",
    "salt_depletion_sand",
    "interphase_growth_wagner",
    "interphase_fracture",
    "creep_intrusion_doux2020",
    "cathode_decomposition",
    "subcritical_crack_growth",
]


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
    internal_li_fraction_to_short: float = Field(0.16, gt=0, lt=1)
    """Volume fraction of Li deposited inside the electrolyte that percolates and shorts [-]
    (Scher-Zallen critical volume fraction)."""
    # crack growth after initiation (issue 12)
    crack_growth_threshold: float = Field(0.2, gt=0, lt=1)
    """Stress intensity, as a fraction of K_Ic, below which a flaw does not grow subcritically [-] (a static
    fatigue limit: its existence is measured for glass, its value for electrolytes is not)."""
    # the resistance a grown crack adds (issue 12, item 5)
    crack_areal_density: float = Field(0.1, gt=0)
    """Number of flaws that grow like the largest one, per face area, in units of 1/a0^2 [-] (0.1: one per
    ~3 x 3 flaw lengths; the flaw length is the grain size by default, so at most ~1)."""
    crack_orientation_factor: float = Field(1.0 / 3.0, ge=0, le=1)
    """Mean cos^2 of the angle between a grown crack's normal and the current [-] (1/3: random, as
    intergranular cracks in an untextured polycrystal; 0: through-thickness cracks, which add nothing)."""
    mechanisms_off: tuple[SwitchableMechanism, ...] = ()
    """Mechanisms to leave out, to study the others in isolation (reported in ``coverage.inactive``). No
    mechanism is ever left out for want of a number: this is the user's choice only."""
    rtol: float = Field(1e-6, gt=0)
    atol: float = Field(1e-12, gt=0)
    """Absolute tolerance of the integrator [state units]; small because lengths are states in metres
    (an interphase starts at 1 nm)."""
    max_steps: int = Field(4096, gt=0)
    """Solver steps allowed per protocol step."""
    saves_per_step: int = Field(9, ge=2)
    """Time points saved per protocol step."""


#: Documented ranges of the closures, for the uncertainty analysis (issue 13 varies them). Each is a lisse
#: choice, not a measurement: log-uniform over x/÷3 of the default (the spread of the ``estimated`` evidence
#: class) unless a physical bound or a cited spread is stated. Reasons in docs/simulator.md ("Closures").
CLOSURE_RANGES: dict[str, tuple[float, float, str]] = {
    "void_depth": (0.3e-6, 3e-6, "x/÷3 around the micrometre voids imaged by Kasemchainan et al. 2019"),
    "creep_length": (0.3e-6, 3e-6, "x/÷3 around the void depth it refills"),
    "contact_radius": (5e-6 / 3, 15e-6, "x/÷3 of the default"),
    "plating_refill_fraction": (0.0, 1.0, "physical bounds: none to all of the plated Li refills voids"),
    "vacancy_diffusion_length": (0.3e-6, 3e-6, "x/÷3 of the default"),
    "critical_vacancy_fraction": (1e-3 / 3, 3e-3, "x/÷3 of the default"),
    "flaw_focusing_factor": (1.0, 3.0, "from no focusing (1) to x3"),
    "tip_focusing_factor": (100.0 / 3, 300.0, "x/÷3 of (10 um / 1 um)^2"),
    "geometry_factor": (
        0.7,
        1.3,
        "+-30 %: Y of a surface crack spans about 0.7 (semicircular) to 1.12 (edge)",
    ),
    "onset_width": (2e-3 / 3, 6e-3, "x/÷3 of the default (numerical smoothing)"),
    "initial_interphase_thickness": (1e-9 / 3, 3e-9, "x/÷3 of 1 nm"),
    "internal_li_fraction_to_short": (0.16 / 3, 1.0 / 3, "Scher-Zallen 0.16 down x3, up to Bruggeman 1/3"),
    "crack_growth_threshold": (
        0.2 / 3,
        0.6,
        "x/÷3 of the default (no threshold measured for an electrolyte)",
    ),
    "crack_areal_density": (
        0.01,
        1.0,
        "one growing flaw per 10 x 10 flaw lengths of face up to one per flaw length squared (one per "
        "surface grain where the flaw is the grain size); no count of growing cracks measured",
    ),
    "crack_orientation_factor": (
        0.0,
        1.0,
        "physical bounds: cracks along the current (0) to parallel to the face (1); random 1/3",
    ),
}


def closure_distribution(name: str, calibrated: bool = True) -> Distribution:
    """The distribution of closure ``name`` over its documented range (:data:`CLOSURE_RANGES`): log-uniform
    for positive ranges, uniform where the range starts at zero; with ``calibrated``, the calibrated
    posterior where the calibrated layer holds one (:func:`lisse.materials.calibrated.calibrated_closure`)."""
    posterior = calibrated_closure(name) if calibrated else None
    if posterior is not None:
        return posterior
    low, high, _ = CLOSURE_RANGES[name]
    kind = "loguniform" if low > 0 else "uniform"
    return Distribution(kind, low, high)


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
    # -- creep into pores (issue 12.1) --
    pore_diameter: jax.Array
    li_yield_strength: jax.Array
    li_yield_strength_reference: jax.Array
    li_yield_reference_size: jax.Array
    li_yield_size_exponent: jax.Array
    li_yield_strength_max: jax.Array
    intrusion_on: jax.Array
    # -- interlayers and bare surfaces (issue 12.3) --
    surface_asr: jax.Array
    interlayer_spreading_length: jax.Array
    # Li-alloy anodes (issue 12, item 2); neutral values for Li metal (alloy_on = 0)
    alloy_on: jax.Array
    alloy_li_fraction: jax.Array
    """Li atom fraction of the alloy's bulk (1 for Li metal) [-]."""
    alloy_deficit_limit: jax.Array
    """Li fraction the interface may lose before it leaves the solid solution, x_bulk - x_min [-]."""
    alloy_diffusion_coefficient: jax.Array
    alloy_atomic_volume: jax.Array
    anode_potential: jax.Array
    """Equilibrium potential of the anode vs Li at its bulk composition (0 for Li metal) [V]."""
    # item 4 (Monroe-Newman): shear moduli of the electrolyte and of Li at the cell temperature
    shear_modulus: jax.Array
    shear_modulus_li: jax.Array
    # item 7: the cathode interphase (the electrolyte, or an insulating coating, oxidised beyond its window)
    cathode_decomposition_on: jax.Array
    cathode_layer_reduction_limit: jax.Array
    cathode_layer_oxidation_limit: jax.Array
    cathode_decomposition_exchange_current_density: jax.Array
    cathode_decomposition_electrons: jax.Array
    cathode_decomposition_product_volume: jax.Array
    cathode_interphase_ionic_conductivity: jax.Array
    cathode_interphase_electronic_conductivity: jax.Array
    cathode_surface_area_ratio: jax.Array
    cathode_layer_reservoir: jax.Array
    # soft polymer interlayers (issue 12.3): the salt depletes within the layer; a soft layer keeps contact
    depletion_length: jax.Array
    """Length over which the salt depletes [m]: the electrolyte's thickness, or a polymer interlayer's."""
    sand_dendrites_on: jax.Array
    """Whether Sand dendrites grow from the depleted side (0 in a polymer interlayer backed by a ceramic)."""
    contact_loss_on: jax.Array
    """0 where a layer softer than Li follows the stripped surface (no voids open), else 1."""
    # crack growth after initiation (issue 12): v = v0 (K/K_Ic)^n above a threshold
    crack_growth_on: jax.Array
    crack_velocity_exponent: jax.Array
    crack_reference_velocity: jax.Array
    """Subcritical crack velocity at K = K_Ic [m/s] (0 where the flaw is not loaded: no growth)."""
    crack_growth_threshold: jax.Array
    # the resistance a grown crack adds (issue 12, item 5)
    crack_areal_density: jax.Array
    """Growing flaws per face area, times a0^2 [-] (closure)."""
    crack_orientation_factor: jax.Array
    """Mean cos^2 between a grown crack's normal and the current [-] (closure)."""


@dataclass(frozen=True)
class Coverage:
    """What the parameters rest on: the mechanisms evaluated, those lisse does not model for this cell (with
    why), every material input with its evidence, and the estimated ones."""

    active: tuple[str, ...]
    inactive: dict[str, str]
    sources: tuple[str, ...]
    inputs: tuple[Value, ...] = ()

    @property
    def estimated(self) -> list[Value]:
        return [v for v in self.inputs if v.evidence == "estimated"]

    def to_dict(self) -> dict:
        return {
            "active": list(self.active),
            "inactive": dict(self.inactive),
            "sources": list(self.sources),
            "inputs": {v.label: v.to_dict() for v in self.inputs},
            "estimated": [v.to_dict() for v in self.estimated],
        }


@dataclass(frozen=True)
class CellReading:
    """What reading a cell finds before any of its input values: its library (with the cell's overrides),
    its materials by role, whether the anode is an alloy and the cell a full cell, and the Li | electrolyte
    interphase from thermodynamics (or why there is none). No draw changes them: a sampler reads them once
    (:func:`read_cell`) and every sampled cell from them (``cell_parameters(..., reading=)``)."""

    library: Library
    materials: dict[str, Material]
    alloy: bool
    full: bool
    interphase: Interphase | str
    """The interphase, or the reason thermodynamics could not give it."""


def read_cell(cell: Cell, library: Library | None = None) -> CellReading:
    """The :class:`CellReading` of ``cell`` in ``library`` (default: the bundled library).

    Raises
    ------
    LisseError
        As :func:`cell_parameters` does for an anode, composition or counter electrode it cannot simulate.
    """
    lib = cell.library(library)
    mats, alloy, full = _checked_materials(cell, lib)
    try:
        ip: Interphase | str = thermo_interphase(
            mats["electrolyte"].name, library=library, temperature=cell.temperature
        )
    except LisseError as exc:
        ip = str(exc)
    return CellReading(lib, mats, alloy, full, ip)


def cell_parameters(
    cell: Cell,
    library: Library | None = None,
    options: ModelOptions | None = None,
    draws: Mapping[str, float] | None = None,
    reading: CellReading | None = None,
) -> tuple[CellParameters, Coverage]:
    """Read ``cell`` into :class:`CellParameters` and report what they rest on.

    Every material input is resolved by :class:`~lisse.cell.inputs.CellInputs` (record, rule, family prior),
    so every mechanism is evaluated; estimated inputs are listed in ``Coverage.estimated``.

    ``draws`` (one sampled cell, :mod:`lisse.cell.uncertainty`; or a batch of them, each value an array of one
    value per cell: see :func:`~lisse.cell.uncertainty.parameters_at`) replaces input values by label, in SI
    (``{"Li.exchange_current_density:LLZO": 0.5, ...}``): each enters where the record would, so the rules
    that use it (pore size from grain size, ...) and the interphase's effective conductivities (product
    labels such as ``"Li2S.ionic_conductivity"``) follow it; :data:`FLAW_DRAW` scales the largest surface
    flaw unless the cell states its size. ``reading``: the cell's :func:`read_cell` in ``library``, if the
    caller has it already (a sampler reads many variants of one cell).

    Raises
    ------
    LisseError
        If an input has no record, rule or prior (naming it and how to supply it), if the anode is neither Li
        metal nor a Li alloy (or an alloy outside its solid solution), or a full cell lacks what sets its
        capacity.
    """
    opts = options or ModelOptions()
    reading = reading or read_cell(cell, library)
    lib, mats, alloy, full = reading.library, reading.materials, reading.alloy, reading.full
    li, sse = mats["anode"], mats["electrolyte"]
    stated = _stated(cell, sse.name, draws)
    get = CellInputs(lib, cell.temperature, stated)
    inactive: dict[str, str] = {}
    active = list(_ALWAYS_ACTIVE)
    flaw = _flaw_size(cell, sse, get)
    flaw = flaw * (1.0 if cell.electrolyte.flaw_size else (draws or {}).get(FLAW_DRAW, 1.0))  # a new array
    if sse.family == "polymer":
        active.remove("creep_intrusion_doux2020")
        inactive["creep_intrusion_doux2020"] = f"{sse.name} is a continuous polymer film without open pores"
    polymer = _polymer_transport(sse, get)
    if polymer is None:
        inactive["salt_depletion_sand"] = f"{sse.name} is a single-ion conductor (no salt to deplete)"
    else:
        active.append("salt_depletion_sand")
    growth = _interphase_growth(sse, get, reading.interphase, library, active, inactive, draws)
    i0 = get(li, f"exchange_current_density:{sse.name}")
    coat = _interlayer(cell, mats, get, library, i0, active, inactive)
    cathode = _cathode_parameters(cell, mats, get, library) if full else dict(_NO_CATHODE)
    active += cathode.pop("active")
    inactive.update(cathode.pop("inactive"))
    anode = _alloy_anode(cell, li, get, active) if alloy else dict(_NO_ALLOY)
    if "interphase_fracture" in active and "interphase_fracture" not in opts.mechanisms_off:
        active.append("subcritical_crack_growth")  # the flaw the interphase tension opens grows (issue 12)
    for name in opts.mechanisms_off:
        if name in active:
            active.remove(name)
        inactive[name] = "switched off by the user (ModelOptions.mechanisms_off)"
    on = lambda name: float(name in active)  # noqa: E731
    fields = {
        "temperature": cell.temperature,
        "pressure": cell.pressure,
        "stack_stiffness": cell.stack_stiffness or 0.0,
        "thickness": cell.electrolyte.thickness,
        "ionic_conductivity": get(sse, "ionic_conductivity"),
        "electronic_conductivity": get(sse, "electronic_conductivity"),
        "exchange_current_density": i0,
        "fracture_toughness": get(sse, "fracture_toughness"),
        "flaw_length": flaw,
        "shear_modulus": get(sse, "shear_modulus"),
        "pore_diameter": get(sse, "pore_size") if on("creep_intrusion_doux2020") else 0.0,
        **_li_fields(cell, li, get, lib, stated, alloy, opts),
        **_salt_fields(cell, polymer, coat, active),
        "interphase_parabolic_constant": growth["parabolic"] if on("interphase_growth_wagner") else 0.0,
        "interphase_ionic_conductivity": growth["sigma"],
        "interphase_misfit_stress": growth["misfit"],
        "interlayer_asr": coat["asr"],
        "surface_asr": coat["surface"],
        "interlayer_spreading_length": coat["spreading"],
        **{n: getattr(opts, n) for n in _CLOSURES},
        **{field: on(name) for field, name in _SWITCHES.items()},
        "full_cell": float(full),
        **cathode,
        **anode,
        **_crack_growth(sse, get, active),
    }
    params = CellParameters(**{k: _si_array(v) for k, v in fields.items()})
    return params, Coverage(tuple(active), inactive, get.sources, tuple(get.values.values()))


#: Mechanisms every cell starts with (a cell's materials and the user's choices remove some).
_ALWAYS_ACTIVE = (
    "ohmic",
    "charge_transfer",
    "contact_loss_creep",
    "constriction",
    "vacancy_diffusion_krauskopf2019",
    "internal_deposition_han2019",
    "flaw_extension_porz2017",
    "creep_intrusion_doux2020",
)
#: CellParameters switches (1: the mechanism is modelled) and the mechanism each follows.
_SWITCHES = {
    "porz_on": "flaw_extension_porz2017",
    "vacancy_on": "vacancy_diffusion_krauskopf2019",
    "internal_on": "internal_deposition_han2019",
    "fracture_on": "interphase_fracture",
    "cathode_decomposition_on": "cathode_decomposition",
    "intrusion_on": "creep_intrusion_doux2020",
    "contact_loss_on": "contact_loss_creep",
    "crack_growth_on": "subcritical_crack_growth",
}


def _checked_materials(cell: Cell, lib: Library) -> tuple[dict[str, Material], bool, bool]:
    """The cell's materials (without its overrides: the resolver applies those), whether the anode is an
    alloy and whether the cell is a full cell; raises a LisseError for an anode that is neither Li nor a Li
    alloy, a composition outside an alloy's solid solution, or a counter electrode that is neither Li nor a
    cathode."""
    mats = cell.materials(lib, apply_overrides=False)
    alloy = mats["anode"].family == "alloy"
    if mats["anode"].name != "Li" and not alloy:
        raise LisseError(
            f"anode: {cell.anode.material!r} is a {mats['anode'].family} {mats['anode'].category}; the anode "
            "must be Li metal or a Li alloy (e.g. 'Li-Mg:10at%')"
        )
    _check_compositions(cell, mats)
    full = not cell.is_symmetric
    if full and mats["counter"].category != "cathode":
        raise LisseError(
            f"counter: {cell.counter.material!r} is a {mats['counter'].category}; the counter electrode "
            "must be Li (a symmetric cell) or a cathode (a full cell)"
        )
    return mats, alloy, full


def _li_fields(
    cell: Cell,
    li: Material,
    get: CellInputs,
    lib: Library,
    stated: dict[str, dict[str, float]],
    alloy: bool,
    opts: ModelOptions,
) -> dict[str, float]:
    """Li's inputs: its molar volume (that of Li metal, also in an alloy: ideal mixing of atomic volumes),
    thickness, creep law, vacancy diffusion, strength (creep into pores) and shear modulus."""
    omega = get(lib.get("Li") if alloy else li, "molar_volume")
    # item 6: the creep law applies its own Arrhenius factor from its reference temperature with
    # creep_activation_energy, so its reference rate is read there (else T would enter twice)
    at_reference = CellInputs(lib, CREEP_REFERENCE_TEMPERATURE, stated)
    at_reference.values = get.values  # one list of inputs for the verdict
    return {
        "molar_volume_li": omega,
        "li_thickness": cell.anode.thickness,
        **{n: get(li, n) for n in _CREEP},
        "creep_reference_strain_rate": at_reference(li, "creep_reference_strain_rate"),
        "vacancy_diffusion_coefficient": get(li, "vacancy_diffusion_coefficient"),
        "critical_vacancy_concentration": opts.critical_vacancy_fraction / omega,
        **{n: get(li, prop) for n, prop in _LI_STRENGTH.items()},
        "shear_modulus_li": get(li, "shear_modulus"),
    }


def _salt_fields(
    cell: Cell, polymer: tuple[float, float, float] | None, coat: dict, active: list[str]
) -> dict[str, float]:
    """The binary salt that depletes: the polymer electrolyte's across its thickness (Sand dendrites grow from
    it), else a polymer interlayer's within the layer (issue 12.3; the ceramic behind it stops the dendrites),
    else none (neutral values, depletion off)."""
    length, sand = cell.electrolyte.thickness, 1.0
    if polymer is None and coat["salt"] is not None:
        polymer, length, sand = coat["salt"], cell.interlayer.thickness, 0.0  # type: ignore[union-attr]
    t_plus, d_salt, c0 = polymer or (1.0, 1.0, 1.0)
    depleting = "salt_depletion_sand" in active or "interlayer_salt_depletion" in active
    return {
        "transference_number": t_plus,
        "salt_diffusion_coefficient": d_salt,
        "salt_concentration": c0,
        "depletion_on": float(depleting and polymer is not None),
        "depletion_length": length,
        "sand_dendrites_on": sand,
    }


#: Li creep law inputs read at the cell temperature (power-law creep, lisse.mechanisms.mechanical.creep); its
#: reference strain rate is read at the law's reference temperature (cell_parameters).
_CREEP = (
    "creep_reference_stress",
    "creep_stress_exponent",
    "creep_activation_energy",
)
#: Li strength inputs of creep into pores: bulk yield, the size law of Xu et al. 2017, the strongest Li
#: measured.
_LI_STRENGTH = {
    "li_yield_strength": "yield_strength",
    "li_yield_strength_reference": "yield_strength_at_reference_size",
    "li_yield_reference_size": "yield_strength_reference_size",
    "li_yield_size_exponent": "yield_strength_size_exponent",
    "li_yield_strength_max": "whisker_yield_strength",
}
#: ModelOptions that enter CellParameters as they are.
_CLOSURES = (
    "void_depth",
    "creep_length",
    "contact_radius",
    "plating_refill_fraction",
    "vacancy_diffusion_length",
    "flaw_focusing_factor",
    "tip_focusing_factor",
    "geometry_factor",
    "onset_width",
    "initial_interphase_thickness",
    "contact_fraction_limit",
    "voltage_limit",
    "asr_rise_factor",
    "internal_li_fraction_to_short",
    "capacity_fade_limit",
    "crack_growth_threshold",
    "crack_areal_density",
    "crack_orientation_factor",
)


def _interlayer(
    cell: Cell,
    mats: dict,
    get: CellInputs,
    library: Library | None,
    i0: float,
    active: list[str],
    inactive: dict[str, str],
) -> dict[str, float]:
    """Resistance, current-spreading length and electron blocking of the interlayer
    (``lisse.cell.interlayer``), or the bare surface's excess resistance without one; appends to ``active`` /
    ``inactive``."""
    sse = mats["electrolyte"]
    if "interlayer" not in mats:
        r_ct = host_value(charge_transfer_asr, i0, cell.temperature)
        surface = bare_surface_asr(sse, get, r_ct)
        if np.any(surface > 0):
            active.append("bare_surface_resistance")
        return {"asr": 0.0, "surface": surface, "spreading": 0.0, "salt": None}
    layer = cell.interlayer
    thickness = layer.thickness  # type: ignore[union-attr]
    effect = interlayer_effect(
        mats["interlayer"], thickness, sse, get, library, cell.temperature, i0, mats["anode"]
    )
    active += effect.active
    inactive.update(effect.inactive)
    if effect.blocks_electrons:
        for name in ("interphase_growth_wagner", "internal_deposition_han2019", "interphase_fracture"):
            if name in active:
                active.remove(name)
                inactive[name] = (
                    f"the {mats['interlayer'].name} interlayer blocks electrons from the electrolyte "
                    f"(electronic conductivity {effect.electronic_conductivity:.2g} S/m as lithiated)"
                )
    if effect.conforms and "contact_loss_creep" in active:
        active.remove("contact_loss_creep")
        inactive["contact_loss_creep"] = (
            f"the {mats['interlayer'].name} interlayer is softer than Li and follows the stripped surface"
        )
    return {
        "asr": effect.asr,
        "surface": 0.0,
        "spreading": effect.spreading_length,
        "salt": effect.salt_transport,
    }


#: Key of the flaw-population draw in ``cell_parameters(draws=...)``: the largest surface flaw of this pellet
#: over its median (:func:`lisse.cell.uncertainty.largest_flaw_distribution`) [-].
FLAW_DRAW = "largest_flaw_ratio"


def _stated(cell: Cell, electrolyte: str, draws: Mapping[str, float] | None) -> dict[str, dict[str, float]]:
    """What the cell states for its ``electrolyte`` (relative density, grain size), and the values of one
    draw, as ``{material: {property: SI value}}`` for :class:`~lisse.cell.inputs.CellInputs`."""
    layer = cell.electrolyte
    given = {"relative_density": layer.relative_density, "grain_size": layer.grain_size}
    stated: dict[str, dict[str, float]] = {electrolyte: {k: v for k, v in given.items() if v is not None}}
    for label, value in (draws or {}).items():
        if label != FLAW_DRAW:
            material, name = label.split(".", 1)
            # a batch of draws (an array) is copied: the rules must never see a caller's array change
            x = float(value) if np.ndim(value) == 0 else np.array(value, float)
            stated.setdefault(material, {})[name] = x
    return stated


def _crack_growth(sse: Material, get: CellInputs, active: list[str]) -> dict[str, float]:
    """The subcritical crack velocity law of the electrolyte (issue 12) where its flaw is loaded by the
    interphase tension, from the materials layer (record, else the literature prior); else no growth."""
    if "subcritical_crack_growth" not in active:
        return {"crack_velocity_exponent": 2.0, "crack_reference_velocity": 0.0}
    return {name: get(sse, name) for name in ("crack_velocity_exponent", "crack_reference_velocity")}


def _flaw_size(cell: Cell, sse: Material, get: CellInputs) -> float:
    """Largest surface flaw [m]: the cell's, else the library's surface flaw size, else a flaw the size of a
    grain (the grain size's record or prior: no electrolyte of the library records a flaw size yet)."""
    if cell.electrolyte.flaw_size is not None:
        return cell.electrolyte.flaw_size
    if sse.has("surface_flaw_size"):
        return get(sse, "surface_flaw_size")
    return get(sse, "grain_size")


def _polymer_transport(sse: Material, get: CellInputs) -> tuple[float, float, float] | None:
    """(t+, salt diffusion coefficient, salt concentration) of a polymer (binary salt) electrolyte; None for a
    single-ion conductor (inorganic electrolytes, t+ = 1: no concentration polarisation)."""
    if sse.family != "polymer":
        return None
    return (
        get(sse, "transference_number"),
        get(sse, "salt_diffusion_coefficient"),
        get(sse, "salt_concentration"),
    )


def _interphase_growth(
    sse: Material,
    get: CellInputs,
    ip: Interphase | str,
    library: Library | None,
    active: list[str],
    inactive: dict[str, str],
    draws: Mapping[str, float] | None = None,
) -> dict[str, float]:
    """Wagner parabolic constant and ionic conductivity of the Li | electrolyte interphase ``ip`` (or why
    thermodynamics gives none), and the misfit stress of its expansion (chemical and mechanical failure);
    appends to ``active`` / ``inactive``. Drawn product values (``draws``) replace the resolved ones in the
    effective conductivities."""
    out = {"parabolic": 0.0, "sigma": float("inf"), "misfit": 0.0}
    if isinstance(ip, str):
        inactive["interphase_growth_wagner"] = f"thermodynamics unavailable: {ip}"
        return out
    for v in ip.inputs:  # the product values behind the effective conductivities
        get.values.setdefault(v.label, v)
    if ip.interphase == "stable":
        return out
    s_ion, s_el = ip.effective_ionic_conductivity_S_per_m, ip.effective_electronic_conductivity_S_per_m
    if draws and any(v.label in draws for v in ip.inputs):
        s_ion, s_el = interphase_conductivities(ip, library, get.resolver.temperature, draws)
    rx = ip.reaction.to_dict()
    n_li = rx.get("li_per_formula_unit") or 0.0
    volumes = [
        p["moles_per_formula_unit"] * (p["molar_volume_cm3_per_mol"] or math.nan) * 1e-6
        for p in rx["product_details"]
    ]
    if s_ion is None or s_el is None or n_li <= 0 or not all(map(math.isfinite, volumes)):
        inactive["interphase_growth_wagner"] = (
            f"{ip.interphase} interphase of products the library does not hold ("
            + ", ".join(ip.missing_properties)
            + "): not modelled until they are added"
        )
        return out
    # driving force and interphase volume, both per mol Li (Wagner)
    dG = abs(rx["reaction_energy_eV_per_formula_unit"]) / n_li * FARADAY
    out["parabolic"] = host_value(parabolic_rate_constant_wagner, s_ion, s_el, dG, sum(volumes) / n_li)
    out["sigma"] = s_ion
    active.append("interphase_growth_wagner")
    ratio = rx.get("product_to_phase_volume_ratio")
    if ratio is None:
        inactive["interphase_fracture"] = (
            "the interphase's expansion needs the molar volumes of "
            + ", ".join(rx.get("missing_molar_volumes") or [sse.name])
            + " (no density or molar volume in the library): not modelled until they are added"
        )
    elif ratio > 1.0:
        # the interphase is taken to be as stiff as the electrolyte it replaces (no data on its own)
        modulus, poisson = get(sse, "youngs_modulus"), get(sse, "poisson_ratio")
        out["misfit"] = host_value(misfit_stress_constrained_layer, ratio - 1.0, modulus, poisson)
        active.append("interphase_fracture")
    return out


#: Neutral alloy values of a Li-metal anode (the alloy terms are multiplied by ``alloy_on = 0``).
_NO_ALLOY: dict = {
    "alloy_on": 0.0,
    "alloy_li_fraction": 1.0,
    "alloy_deficit_limit": 1.0,
    "alloy_diffusion_coefficient": 1.0,
    "alloy_atomic_volume": 1.0,
    "anode_potential": 0.0,
}


def _check_compositions(cell: Cell, mats: dict[str, Material]) -> None:
    """A composition is only meaningful for an alloy layer."""
    for role, m in mats.items():
        layer = getattr(cell, role)
        if layer.composition is not None and m.family != "alloy":
            raise LisseError(
                f"{role}: a composition ({layer.composition * 100:g} at%) applies to Li alloys only; "
                f"{m.name} is a {m.family} {m.category}"
            )


def _alloy_anode(cell: Cell, anode: Material, get: CellInputs, active: list[str]) -> dict[str, float]:
    """Numbers of a Li-alloy anode: bulk Li fraction, the deficit its interface may take before it leaves
    the solid solution, its Li diffusion coefficient, atomic volume and potential vs Li."""
    from pymatgen.core import Composition  # only alloy cells need the formula

    formula = Composition(anode.formula)
    given = cell.anode.composition
    x_bulk = 1.0 - given if given is not None else formula.get_atomic_fraction("Li")
    x_min = get(anode, "solid_solution_li_fraction_min")
    if not x_bulk > x_min:
        raise LisseError(
            f"anode: {anode.name} with a Li fraction of {x_bulk:.3g} is outside its Li-rich solid solution "
            f"(Li fraction above {x_min:.3g}, i.e. below {(1.0 - x_min) * 100:.3g} at% of the alloying "
            "element)"
        )
    active += ["alloy_depletion_sand", "alloy_skeleton_contact"]
    return {
        "alloy_on": 1.0,
        "alloy_li_fraction": x_bulk,
        "alloy_deficit_limit": x_bulk - x_min,
        "alloy_diffusion_coefficient": get(anode, "li_diffusion_coefficient"),
        "alloy_atomic_volume": get(anode, "molar_volume") / formula.num_atoms,
        "anode_potential": get(anode, "potential_vs_li"),
    }


#: Neutral values of the cathode interphase (item 7): no window, no products, nothing grows.
_NO_CATHODE_LAYER: dict[str, float] = {
    "cathode_layer_reduction_limit": 0.0,
    "cathode_layer_oxidation_limit": 0.0,
    "cathode_decomposition_exchange_current_density": 0.0,
    "cathode_decomposition_electrons": 1.0,
    "cathode_decomposition_product_volume": 0.0,
    "cathode_interphase_ionic_conductivity": 1.0,
    "cathode_interphase_electronic_conductivity": 0.0,
    "cathode_layer_reservoir": 0.0,
}

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
    **_NO_CATHODE_LAYER,
    "cathode_surface_area_ratio": 1.0,
    "active": [],
    "inactive": {},
}


def _cathode_parameters(cell: Cell, mats: dict, get: CellInputs, library: Library | None) -> dict:
    """Cathode numbers of a full cell."""
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
    d_s = get(cat, "li_diffusion_coefficient")
    radius = layer.particle_radius if layer.particle_radius is not None else get(cat, "particle_radius")
    i0 = get(cat, f"exchange_current_density:{sse.name}")
    active = ["cathode_ocv", "cathode_solid_diffusion", "cathode_charge_transfer"]
    inactive: dict[str, str] = {}
    coating = mats.get("counter_interlayer")
    coat_thickness, coat_sigma, r_sc = 0.0, 1.0, 0.0
    if coating is not None:
        coat_thickness = cell.counter_interlayer.thickness  # type: ignore[union-attr]
        coat_sigma = get(coating, "ionic_conductivity")
        active.append("cathode_coating")
    else:
        r_sc = _optional(get, cat, f"interfacial_asr:{sse.name}", "cathode_space_charge", active, inactive)
    volume = float(active_volume_per_area(layer.areal_capacity, c_max, x_charged, x_discharged))
    # thickness change of the cathode per unit fall of its stoichiometry, from its volume change between
    # the discharged and the charged state (taken linear in the state of charge)
    swelling = _optional(get, cat, "volume_change", "cathode_volume_change", active, inactive)
    area_ratio = 3.0 * volume / radius  # particle surface per geometric area (spheres)
    top = float(open_circuit_potential(index, x_charged))
    coat_layer = cell.counter_interlayer
    layer = _cathode_interphase(
        mats,
        get,
        library,
        top,
        i0 / area_ratio,
        coat_layer.thickness if coat_layer else 0.0,
        active,
        inactive,
    )
    return {
        **layer,
        "cathode_surface_area_ratio": area_ratio,
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
        "cathode_interface_asr": float(cathode_interlayer_asr(r_sc, coat_thickness, coat_sigma)),
        "active": active,
        "inactive": inactive,
    }


def _cathode_interphase(
    mats: dict,
    get: CellInputs,
    library: Library | None,
    potential: float,
    exchange_current_density: float,
    coating_thickness: float,
    active: list[str],
    inactive: dict[str, str],
) -> dict[str, float]:
    """Window of the phase touching the cathode and the layer it forms when oxidised (item 7).

    The phase is the coating if it is an electronic insulator (it then keeps the cathode's electrons from the
    electrolyte, which is no longer oxidised), else the electrolyte. Its window and its products at
    ``potential`` (the cathode's OCV when charged) come from :func:`lisse.thermo.oxidation_layer`, the product
    conductivities by record, rule or prior (listed with the cell's inputs). The decomposition's exchange
    current density is the cathode's own (per particle area): the same electrode surface. A coating is a
    finite reservoir: its products grow to at most its thickness times their volume per volume of coating
    (``cathode_layer_reservoir``; volume conserved where the coating's molar volume is unknown); the
    electrolyte is not (reservoir 0: unlimited).
    """
    coating, sse = mats.get("counter_interlayer"), mats["electrolyte"]
    separates = coating is not None and get(coating, "electronic_conductivity") < CONDUCTOR_THRESHOLD_S_PER_M
    phase = coating if separates else sse
    out = dict(_NO_CATHODE_LAYER)
    try:
        layer = oxidation_layer(phase.name, potential, library=library)
    except LisseError as exc:
        inactive["cathode_decomposition"] = f"{phase.name}: thermodynamics unavailable: {exc}"
        return out
    for v in layer.inputs:  # the product values behind the layer's conductivities
        get.values.setdefault(v.label, v)
    s_ion, s_el = layer.effective_ionic_conductivity_S_per_m, layer.effective_electronic_conductivity_S_per_m
    if s_ion is None or s_el is None or layer.product_volume_cm3_per_mol is None or not s_ion > 0:
        inactive["cathode_decomposition"] = (
            f"oxidation products of {phase.name} the library does not describe ("
            + ", ".join(layer.missing_properties or ("their molar volumes",))
            + "): not modelled until they are added"
        )
        return out
    out.update(
        cathode_layer_reduction_limit=layer.reduction_V,
        cathode_layer_oxidation_limit=layer.oxidation_V,  # set: a phase that can be oxidised has a limit
        cathode_decomposition_exchange_current_density=exchange_current_density,
        cathode_decomposition_electrons=layer.electrons_per_formula_unit,
        cathode_decomposition_product_volume=layer.product_volume_cm3_per_mol * 1e-6,
        cathode_interphase_ionic_conductivity=s_ion,
        cathode_interphase_electronic_conductivity=s_el,
        cathode_layer_reservoir=coating_thickness * (layer.product_to_phase_volume_ratio or 1.0)
        if separates
        else 0.0,
    )
    active.append("cathode_decomposition")
    return out


def _optional(
    get: CellInputs,
    material: Material,
    name: str,
    mechanism: str,
    active: list[str],
    inactive: dict[str, str],
) -> float:
    """A cathode-side value that no material of the library has yet (no prior can be built): its term is
    reported as not modelled (0) instead of failing the cell."""
    try:
        value = get(material, name)
    except LisseError:
        inactive[mechanism] = f"no {material.category} in the library has {name.split(':')[0]}: not modelled"
        return 0.0
    active.append(mechanism)
    return value


def stack_parameters(params: list[CellParameters]) -> CellParameters:
    """Stack parameter sets along a new leading axis, for ``jax.vmap`` (NumPy arrays: JAX takes them as
    they are, and stacking costs no dispatch). Sets of scalars (those of :func:`cell_parameters`) go
    through one table of floats [set, field]: a stack per field cost half as much as reading a sampled
    cell."""
    leaves, treedef = jax.tree_util.tree_flatten(params[0])
    if any(np.ndim(a) for a in leaves):
        return jax.tree_util.tree_map(lambda *xs: np.stack(xs), *params)
    table = np.array([jax.tree_util.tree_leaves(p) for p in params], dtype=np.float64)
    return jax.tree_util.tree_unflatten(treedef, list(np.ascontiguousarray(table.T)))


def _si_array(x: float) -> np.ndarray:
    """A parameter as a 0-d float64 array (NumPy: building one costs no JAX dispatch; every JAX function
    takes it as it would a jax.Array)."""
    return np.asarray(x, dtype=np.float64)
