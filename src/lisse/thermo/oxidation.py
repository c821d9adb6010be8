"""The layer a phase leaves when it is oxidised beyond its stability window (the cathode side of a cell).

Above its oxidation limit a solid electrolyte (or a coating) in contact with a cathode gives up Li and
electrons and turns into the grand-potential equilibrium products at the cathode's potential (Zhu, He & Mo
2015): Li6PS5Cl above 2.14 V into Li3PS4, LiCl and sulfur-rich phases, into P2S7, S and SCl above 3.76 V
(bundled Materials Project data). Those products form a layer on the cathode particles. This module reports,
at a given potential, what the layer is made of, how many electrons are released per formula unit
oxidised, the volume of solid products per formula unit, and the layer's effective ionic and electronic
conductivities (connected-network mixture of the products, each resolved by record, rule or family prior, as
for the Li-side interphase in :mod:`lisse.thermo.interphase`).

Elemental gases among the products (O2 from an oxide coating such as LiNbO3 -> Nb2O5 + O2, N2, Cl2, F2) leave
the layer: they count for neither its volume nor its conductivity.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.thermo._cache import disk_cached
from lisse.thermo.entries import EntrySet, parse_formula
from lisse.thermo.interphase import CONDUCTOR_THRESHOLD_S_PER_M, _effective, electronic_character
from lisse.thermo.reactions import _make_products, _molar_volume_cached
from lisse.thermo.window import profile_for

__all__ = ["GASEOUS_ELEMENTS", "OxidationLayer", "oxidation_layer"]

#: Elements whose elemental phase is a gas at room temperature: released, not part of a solid layer.
GASEOUS_ELEMENTS = frozenset({"H", "N", "O", "F", "Cl"})


@dataclass(frozen=True)
class OxidationLayer:
    """The solid layer a phase forms when oxidised at ``potential_V`` (vs Li/Li+).

    ``electrons_per_formula_unit`` are released per formula unit of the phase oxidised (the Li it gives
    up); ``product_volume_cm3_per_mol`` is the volume of the solid products per mole of formula units;
    the conductivities are the products' connected-network mixture [S/m] (None where a product property is
    unknown, named in ``missing_properties``).
    """

    formula: str
    reduction_V: float
    oxidation_V: float | None
    potential_V: float
    electrons_per_formula_unit: float
    products: tuple[tuple[str, float], ...]
    released_gases: tuple[str, ...]
    product_volume_cm3_per_mol: float | None
    phase_volume_cm3_per_mol: float | None
    effective_ionic_conductivity_S_per_m: float | None
    effective_electronic_conductivity_S_per_m: float | None
    missing_properties: tuple[str, ...]
    name: str | None = None
    inputs: tuple = field(default=())
    """The product values behind the effective conductivities (``lisse.materials.resolve.Value``)."""

    @property
    def product_to_phase_volume_ratio(self) -> float | None:
        """Volume of solid products per volume of the phase oxidised (None if either is unknown)."""
        if self.product_volume_cm3_per_mol is None or not self.phase_volume_cm3_per_mol:
            return None
        return self.product_volume_cm3_per_mol / self.phase_volume_cm3_per_mol

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "formula": self.formula,
            "reduction_V": self.reduction_V,
            "oxidation_V": self.oxidation_V,
            "potential_V": self.potential_V,
            "electrons_per_formula_unit": self.electrons_per_formula_unit,
            "products": [{"formula": f, "moles_per_formula_unit": n} for f, n in self.products],
            "released_gases": list(self.released_gases),
            "product_volume_cm3_per_mol": self.product_volume_cm3_per_mol,
            "phase_volume_cm3_per_mol": self.phase_volume_cm3_per_mol,
            "product_to_phase_volume_ratio": self.product_to_phase_volume_ratio,
            "effective_ionic_conductivity_S_per_m": self.effective_ionic_conductivity_S_per_m,
            "effective_electronic_conductivity_S_per_m": self.effective_electronic_conductivity_S_per_m,
            "missing_properties": list(self.missing_properties),
        }


def _is_gas(formula: str) -> bool:
    symbols = [el.symbol for el in parse_formula(formula).elements]
    return len(symbols) == 1 and symbols[0] in GASEOUS_ELEMENTS


@cites("zhu2015", "hashin1962")
@disk_cached
def oxidation_layer(
    material_or_formula: str, potential_V: float, entries: EntrySet | None = None, library=None
) -> OxidationLayer:
    """The products of a phase oxidised at ``potential_V`` vs Li/Li+ and the layer they form.

    Parameters
    ----------
    material_or_formula : str
        The phase (electrolyte or coating): a material name of the library or a formula.
    potential_V : float
        Electrode potential vs Li/Li+ [V]. Below the oxidation limit (inside the window) the products of
        the first oxidation step are returned: those the phase forms as soon as it is oxidised.
    entries : EntrySet, optional
        Formation energies (default: the bundled ones).
    library : lisse.materials.Library, optional
        Source of product properties.

    Returns
    -------
    OxidationLayer
        Window, electrons released per formula unit, solid products, their volume and the layer's
        effective conductivities.

    Raises
    ------
    LisseError
        If the phase cannot be oxidised (no Li to give up: no step above its window).

    Notes
    -----
    The step of the Li uptake profile (:func:`lisse.thermo.window.li_uptake_profile`) that contains
    ``potential_V`` gives :math:`\\mathrm{A} \\rightarrow \\sum_p n_p P + z\\,(\\mathrm{Li^+} + e^-)` with
    :math:`z` = minus the Li uptake. 0 K thermodynamics: the end point, which kinetics may not reach
    (the products of a real cathode interphase may be less oxidised).

    Examples
    --------
    >>> layer = oxidation_layer("Li3PS4", 3.0)  # 2.36-3.76 V: P2S7 and a sulfur-rich Li-S phase
    >>> round(layer.electrons_per_formula_unit, 3)
    2.875
    """
    p, name = profile_for(material_or_formula, entries, library)
    above = p.steps[p.stable_index + 1 :]
    if not above:
        raise LisseError(f"{p.formula} has no oxidation step (no Li to give up): it cannot be oxidised")
    step = next((s for s in above if s.voltage_high_V is None or potential_V < s.voltage_high_V), above[-1])
    if potential_V < above[0].voltage_low_V:
        step = above[0]
    gases = tuple(f for f, _ in step.products if _is_gas(f))
    solid = [(f, n) for f, n in step.products if not _is_gas(f)]
    products = _make_products(solid, library)
    known = all(q.molar_volume_cm3_per_mol is not None for q in products)
    volume = (
        sum(q.moles_per_formula_unit * q.molar_volume_cm3_per_mol for q in products)  # type: ignore[operator]
        if known
        else None
    )
    chars = tuple(electronic_character(q.formula, library) for q in products)
    (s_ion, _), (s_el, _), missing, used = _effective(products, chars, library, CONDUCTOR_THRESHOLD_S_PER_M)
    window = p.steps[p.stable_index]
    own = _molar_volume_cached(p.formula, library)
    return OxidationLayer(
        formula=p.formula,
        reduction_V=window.voltage_low_V,
        oxidation_V=window.voltage_high_V,
        potential_V=float(potential_V),
        electrons_per_formula_unit=-step.li_per_formula_unit,
        products=tuple((q.formula, q.moles_per_formula_unit) for q in products),
        released_gases=gases,
        product_volume_cm3_per_mol=volume,
        phase_volume_cm3_per_mol=None if own is None else own * 1e6,
        effective_ionic_conductivity_S_per_m=s_ion,
        effective_electronic_conductivity_S_per_m=s_el,
        missing_properties=missing,
        name=name,
        inputs=used,
    )
