"""The catalogue of material properties lisse knows: name, SI unit, allowed range, meaning.

A data file may only use the names below (a name marked ``qualified`` takes a counterpart
after a colon, e.g. ``exchange_current_density:LLZO`` for Li metal against LLZO). The loader
checks every stored value against its entry: the unit must have the dimension of ``unit``,
the value must lie within ``[minimum, maximum]``.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PROPERTIES", "PropertySpec", "split_name"]


@dataclass(frozen=True)
class PropertySpec:
    """What a property means and what values it may take."""

    unit: str
    """A unit of the right dimension; values are converted to its SI base form inside models."""
    description: str
    minimum: float | None = 0.0
    """Lowest allowed value in ``unit`` (inclusive unless ``strict``); None for no bound."""
    maximum: float | None = None
    strict: bool = True
    """Whether ``minimum`` itself is excluded (a modulus must be > 0)."""
    qualified: bool = False
    """Whether the name takes a counterpart, ``name:OTHER``."""
    temperature_dependent: bool = False
    """Whether an Arrhenius law may be given for it."""


def _p(unit: str, description: str, **kw) -> PropertySpec:
    return PropertySpec(unit=unit, description=description, **kw)


PROPERTIES: dict[str, PropertySpec] = {
    # transport
    "ionic_conductivity": _p(
        "S/m",
        "Li+ conductivity (total, bulk + grain boundary, unless the note says)",
        temperature_dependent=True,
    ),
    "bulk_ionic_conductivity": _p(
        "S/m", "Li+ conductivity of the grain interior", temperature_dependent=True
    ),
    "electronic_conductivity": _p(
        "S/m", "electronic (electron + hole) conductivity", temperature_dependent=True
    ),
    "transference_number": _p("", "Li+ transference number", minimum=0.0, maximum=1.0),
    "li_diffusion_coefficient": _p(
        "m^2/s", "chemical diffusion coefficient of Li in the phase", temperature_dependent=True
    ),
    "self_diffusion_coefficient": _p(
        "m^2/s", "Li self-diffusion coefficient (tracer/NMR)", temperature_dependent=True
    ),
    "vacancy_diffusion_coefficient": _p(
        "m^2/s", "diffusion coefficient of Li vacancies", temperature_dependent=True
    ),
    "anion_self_diffusion_coefficient": _p(
        "m^2/s",
        "self-diffusion coefficient of the anion (polymer electrolytes, PFG-NMR)",
        temperature_dependent=True,
    ),
    "salt_diffusion_coefficient": _p(
        "m^2/s", "ambipolar salt diffusion coefficient (polymer electrolytes)", temperature_dependent=True
    ),
    "salt_concentration": _p("mol/m^3", "Li salt concentration (polymer electrolytes)"),
    "charge_transfer_resistance": _p(
        "ohm*m^2",
        "Li | OTHER charge-transfer (polarisation) area-specific resistance (i0 = RT/(F R))",
        qualified=True,
        temperature_dependent=True,
    ),
    "vacancy_formation_energy": _p("eV", "formation energy of a monovacancy"),
    "vacancy_formation_entropy": _p("", "formation entropy of a monovacancy in units of k_B", minimum=None),
    "exchange_current_density": _p(
        "A/m^2",
        "Li/Li+ exchange current density at the Li | OTHER interface",
        qualified=True,
        temperature_dependent=True,
    ),
    # elasticity and strength
    "youngs_modulus": _p("Pa", "Young's modulus"),
    "shear_modulus": _p("Pa", "shear modulus"),
    "bulk_modulus": _p("Pa", "bulk modulus"),
    "poisson_ratio": _p("", "Poisson's ratio", minimum=-1.0, maximum=0.5, strict=False),
    "fracture_toughness": _p("Pa*m^0.5", "mode-I fracture toughness K_Ic"),
    # subcritical crack growth (issue 12): v = crack_reference_velocity * (K_I / K_Ic)^crack_velocity_exponent
    "crack_velocity_exponent": _p("", "exponent n of the subcritical crack velocity v = v0 (K_I/K_Ic)^n"),
    "crack_reference_velocity": _p("m/s", "subcritical crack velocity v0 at K_I = K_Ic (region-I power law)"),
    "hardness": _p("Pa", "Vickers hardness"),
    "yield_strength": _p("Pa", "yield strength of bulk material"),
    "whisker_yield_strength": _p("Pa", "highest yield strength measured on sub-micron whiskers/pillars"),
    "yield_strength_reference_size": _p(
        "m", "pillar diameter at which yield_strength_at_reference_size holds"
    ),
    "yield_strength_at_reference_size": _p(
        "Pa", "yield strength of a pillar of yield_strength_reference_size"
    ),
    "yield_strength_size_exponent": _p("", "m in sigma_y = sigma_ref * (D / D_ref)^-m"),
    # creep: strain rate = creep_reference_strain_rate * (sigma / creep_reference_stress)^n * Arrhenius(T)
    "creep_stress_exponent": _p("", "power-law creep stress exponent n"),
    "creep_activation_energy": _p("J/mol", "power-law creep activation energy Q"),
    "creep_reference_stress": _p("Pa", "stress at which creep_reference_strain_rate is given"),
    "creep_reference_strain_rate": _p(
        "1/s", "steady creep strain rate at creep_reference_stress", temperature_dependent=True
    ),
    # volumetric and structural
    "density": _p("kg/m^3", "mass density of the dense phase"),
    "molar_volume": _p("m^3/mol", "volume per mole of formula units"),
    "relative_density": _p(
        "", "typical relative density of sintered/pressed pellets", maximum=1.0, strict=True
    ),
    "grain_size": _p("m", "typical grain (or particle) size"),
    "pore_size": _p("m", "hydraulic diameter of the open pores of a pellet (4 pore volume / pore surface)"),
    "particle_radius": _p("m", "radius of the (spherical) active-material particles of an electrode"),
    "max_concentration": _p(
        "mol/m^3", "maximum Li concentration of an intercalation host (x = 1 of its stoichiometry)"
    ),
    "surface_flaw_size": _p("m", "typical size of surface flaws of polished pellets"),
    "melting_point": _p("K", "melting temperature"),
    # electrochemistry
    "potential_vs_li": _p("V", "equilibrium potential vs Li/Li+ (alloys: two-phase plateau)", minimum=None),
    "specific_capacity": _p("A*h/kg", "practical specific capacity of the active material"),
    "voltage_min": _p("V", "lower cut-off voltage vs Li/Li+"),
    "voltage_max": _p("V", "upper cut-off voltage vs Li/Li+"),
    "average_voltage": _p("V", "average discharge voltage vs Li/Li+"),
    "volume_change": _p(
        "",
        "relative volume change on full (de)lithiation; negative for shrinkage",
        minimum=-1.0,
        maximum=None,
        strict=False,
    ),
    "li_solubility": _p("", "Li solubility limit as atom fraction", maximum=1.0, strict=False),
    # Li-alloy anodes (issue 12, item 2)
    "solid_solution_li_fraction_min": _p(
        "",
        "lowest Li atom fraction of the alloy's Li-rich solid solution (its Li-poor phase boundary)",
        maximum=1.0,
    ),
    # interfaces and layers
    "typical_thickness": _p("m", "typical thickness of the layer as applied"),
    "interfacial_asr_with": _p(
        "ohm*m^2", "Li | OTHER interfacial area-specific resistance with this layer", qualified=True
    ),
    "interfacial_asr_without": _p(
        "ohm*m^2", "Li | OTHER interfacial area-specific resistance of the bare interface", qualified=True
    ),
    "interfacial_asr": _p(
        "ohm*m^2",
        "area-specific resistance of the Li | this-material interface "
        "(OTHER names the electrode if qualified)",
        qualified=True,
    ),
    "critical_current_density": _p(
        "A/m^2",
        "measured critical current density of Li | this | Li cells (OTHER names the condition if qualified)",
        qualified=True,
    ),
}


def split_name(name: str) -> tuple[str, str | None]:
    """Split ``"exchange_current_density:LLZO"`` into ``("exchange_current_density", "LLZO")``."""
    base, _, other = name.partition(":")
    return base, (other or None)
