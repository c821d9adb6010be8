"""How well the library covers what the simulator reads: materials x inputs, each cell an evidence letter.

:data:`SIMULATOR_INPUTS` lists, per category, the properties the coupled cell model reads
(:mod:`lisse.cell.parameters`, and the interphase-growth inputs of :mod:`lisse.thermo.interphase`);
:func:`coverage_matrix` resolves each at 25 degC and records the evidence class of the value used
(M measured, C computed, D dataset, Q quoted, E estimated, K calibrated, U user).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from lisse._core.errors import ExtrapolationWarning, MaterialDataError, UnknownNameError
from lisse.materials._library import Library, default_library
from lisse.materials._schema import Material
from lisse.materials.evidence import EVIDENCE_LETTERS
from lisse.materials.resolve import Resolver

__all__ = ["SIMULATOR_INPUTS", "CoverageMatrix", "coverage_matrix", "input_source", "inputs_of"]

#: The properties the simulator reads, by category ("Li i0" is Li's exchange current density against the
#: electrolyte; polymer electrolytes add their salt transport).
SIMULATOR_INPUTS: dict[str, tuple[str, ...]] = {
    "electrolyte": (
        "ionic_conductivity",
        "electronic_conductivity",
        "youngs_modulus",
        "poisson_ratio",
        "fracture_toughness",
        "grain_size",
        "Li i0",
        "crack_velocity_exponent",  # subcritical crack growth (issue 12), where the interphase loads the flaw
        "crack_reference_velocity",
    ),
    "anode": (
        "molar_volume",
        "creep_reference_strain_rate",
        "creep_reference_stress",
        "creep_stress_exponent",
        "creep_activation_energy",
        "vacancy_diffusion_coefficient",
    ),
    "interphase": ("ionic_conductivity", "electronic_conductivity", "molar_volume"),
    "interlayer": ("ionic_conductivity",),
    "cathode": ("li_diffusion_coefficient", "particle_radius", "volume_change"),
}
_POLYMER = ("transference_number", "salt_diffusion_coefficient", "salt_concentration")
#: What an alloy anode adds (issue 12, item 2: interface depletion and potential of a Li alloy).
_ALLOY = ("li_diffusion_coefficient", "solid_solution_li_fraction_min", "potential_vs_li")
_T_REF = 298.15


def inputs_of(m: Material) -> tuple[str, ...]:
    """The simulator inputs of a material (its category's, plus salt transport for a polymer electrolyte and
    the alloy inputs for an alloy anode)."""
    extra = _POLYMER if m.category == "electrolyte" and m.family == "polymer" else ()
    if m.category == "anode" and m.family == "alloy":
        extra = _ALLOY
    return SIMULATOR_INPUTS[m.category] + extra


def input_source(library: Library, m: Material, name: str) -> tuple[Material, str]:
    """The material and property behind simulator input ``name`` of ``m`` ("Li i0" is Li metal's exchange
    current density against ``m``)."""
    if name == "Li i0":
        return library.get("Li"), f"exchange_current_density:{m.name}"
    return m, name


@dataclass(frozen=True)
class CoverageMatrix:
    """Evidence letter per (material, input); ``""`` where nothing gives a value; ``"-"`` not an input."""

    materials: tuple[str, ...]
    inputs: tuple[str, ...]
    letters: dict[tuple[str, str], str]

    def row(self, material: str) -> list[str]:
        return [self.letters.get((material, i), "-") for i in self.inputs]

    def summary(self, material: str | None = None) -> dict[str, int]:
        """Count of each letter (and 'missing') for one material or overall."""
        out: dict[str, int] = {}
        for (m, _), letter in self.letters.items():
            if material is None or m == material:
                key = letter or "missing"
                out[key] = out.get(key, 0) + 1
        return out

    def to_dict(self) -> dict:
        return {
            "inputs": list(self.inputs),
            "legend": {v: k for k, v in EVIDENCE_LETTERS.items()},
            "materials": {
                m: {
                    "inputs": {i: self.letters[(m, i)] for i in self.inputs if (m, i) in self.letters},
                    "summary": self.summary(m),
                }
                for m in self.materials
            },
            "summary": self.summary(),
        }


def coverage_matrix(
    library: Library | None = None, categories: tuple[str, ...] | None = None
) -> CoverageMatrix:
    """The evidence class of every simulator input of every material (of ``categories``, default all)."""
    lib = library or default_library()
    resolver = Resolver(lib, _T_REF)
    cats = categories or tuple(SIMULATOR_INPUTS)
    mats = [m for m in lib.values() if m.category in cats]
    columns: list[str] = []
    letters: dict[tuple[str, str], str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        for m in mats:
            for name in inputs_of(m):
                if name not in columns:
                    columns.append(name)
                try:
                    letters[(m.name, name)] = EVIDENCE_LETTERS[resolver(*input_source(lib, m, name)).evidence]
                except (MaterialDataError, UnknownNameError):  # no value; a library without Li
                    letters[(m.name, name)] = ""
    return CoverageMatrix(tuple(m.name for m in mats), tuple(columns), letters)
