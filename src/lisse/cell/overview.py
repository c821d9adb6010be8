"""What the library and the failure models say about a cell before it is cycled.

:func:`cell_overview` evaluates, for the cell's materials at its temperature and pressure, the
quantities each failure family starts from: the electrolyte's ohmic resistance (electric), the
interphase Li forms with it (chemical, electrochemical), the Monroe-Newman stability margin and
the Porz critical overpotentials for surface flaws (electric/mechanical). A quantity whose inputs
are missing from the library is reported as ``None`` with the missing property named, never
filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lisse._core.citations import cited_keys
from lisse._core.errors import LisseError
from lisse.cell.inputs import CellInputs
from lisse.cell.stack import Cell
from lisse.materials import Library
from lisse.mechanisms.electric.filaments import critical_overpotential_porz2017, stability_margin_monroe2005
from lisse.mechanisms.kinetics import ohmic_asr
from lisse.thermo import interphase

__all__ = ["FLAW_LENGTHS_M", "CellOverview", "cell_overview"]

#: Flaw depths at which the Porz critical overpotential is reported [m]: the 1 um and 10 um flaws
#: that Porz et al. (2017) discuss.
FLAW_LENGTHS_M = (1e-6, 10e-6)


@dataclass(frozen=True)
class CellOverview:
    """Derived properties of a cell; ``None`` where a library value is missing (see ``missing``)."""

    stack: str
    electrolyte: str
    temperature_K: float
    pressure_Pa: float
    electrolyte_thickness_m: float
    ionic_conductivity_S_per_m: float | None
    electrolyte_asr_ohm_m2: float | None
    interphase_with_li: str | None
    interphase_products: list[str] | None
    monroe_newman_margin: float | None
    critical_overpotential_V: dict[str, float] | None
    missing: list[str] = field(default_factory=list)
    estimated: list[str] = field(default_factory=list)
    """Inputs that rest on a documented estimate (rule or family prior)."""
    references: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Plain data with the units in the key names."""
        return {
            "stack": self.stack,
            "electrolyte": self.electrolyte,
            "temperature_C": self.temperature_K - 273.15,
            "stack_pressure_MPa": self.pressure_Pa / 1e6,
            "electrolyte_thickness_um": self.electrolyte_thickness_m * 1e6,
            "ionic_conductivity_S_per_cm": _scale(self.ionic_conductivity_S_per_m, 1e-2),
            "electrolyte_asr_ohm_cm2": _scale(self.electrolyte_asr_ohm_m2, 1e4),
            "interphase_with_li": self.interphase_with_li,
            "interphase_products": self.interphase_products,
            "monroe_newman_margin": self.monroe_newman_margin,
            "critical_overpotential_mV": (
                None
                if self.critical_overpotential_V is None
                else {k: v * 1e3 for k, v in self.critical_overpotential_V.items()}
            ),
            "missing": self.missing,
            "estimated": self.estimated,
            "references": self.references,
        }


def _scale(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def cell_overview(cell: Cell, library: Library | None = None) -> CellOverview:
    """Evaluate the starting point of each failure family for ``cell`` (see the module docstring).

    Raises
    ------
    LisseError
        If a material of the cell is unknown, or the temperature is outside the validity range
        of the electrolyte's conductivity law.
    """
    lib = cell.library(library)
    mats = cell.materials(lib, apply_overrides=False)
    sse, anode = mats["electrolyte"], mats["anode"]
    T = cell.temperature
    get = CellInputs(lib, T)
    missing: list[str] = []
    refs: list[str] = []
    sigma = get(sse, "ionic_conductivity")
    asr = float(ohmic_asr(cell.electrolyte.thickness, sigma)) if sigma is not None else None
    if sigma is not None:
        refs += list(cited_keys(ohmic_asr))
    g_sse = get(sse, "shear_modulus")
    g_li = get(anode, "shear_modulus")
    margin = None
    if g_sse is not None and g_li is not None:
        margin = float(stability_margin_monroe2005(g_sse, g_li))
        refs += list(cited_keys(stability_margin_monroe2005))
    k_ic = get(sse, "fracture_toughness")
    omega = get(anode, "molar_volume")
    eta = None
    if k_ic is not None and omega is not None:
        eta = {
            f"{a * 1e6:g}um": float(critical_overpotential_porz2017(a, k_ic, omega)) for a in FLAW_LENGTHS_M
        }
        refs += list(cited_keys(critical_overpotential_porz2017))
    kind, products = None, None
    try:
        ip = interphase(sse.name, library=library)
        kind = ip.interphase
        products = list(ip.to_dict()["products"])
        refs += list(cited_keys(interphase))
    except LisseError as exc:
        missing.append(f"{sse.name} interphase: {exc}")
    return CellOverview(
        stack=" | ".join(
            layer.material
            for layer in (
                cell.anode,
                cell.interlayer,
                cell.electrolyte,
                cell.counter_interlayer,
                cell.counter,
            )
            if layer is not None
        ),
        electrolyte=sse.name,
        temperature_K=T,
        pressure_Pa=cell.pressure,
        electrolyte_thickness_m=cell.electrolyte.thickness,
        ionic_conductivity_S_per_m=sigma,
        electrolyte_asr_ohm_m2=asr,
        interphase_with_li=kind,
        interphase_products=products,
        monroe_newman_margin=margin,
        critical_overpotential_V=eta,
        missing=missing,
        estimated=[v.label for v in get.estimated],
        references=list(dict.fromkeys(refs)),
    )
