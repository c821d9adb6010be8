"""Reactions of a phase with Li metal, with a cathode, or with an interlayer/coating.

* With Li metal: the electrode holds the interface at 0 V vs Li/Li+ and Li is in excess, so the
  phase is fully lithiated to the grand-potential equilibrium at :math:`\\mu_{Li} = 0`
  (Zhu, He & Mo 2015; Richards et al. 2016).
* With another solid (cathode, coating, interlayer): the most negative mixing reaction energy
  along the tie line between the two compositions (pymatgen ``InterfacialReactivity``,
  Richards et al. 2016).

Each reaction reports its products (moles per formula unit of the phase, molar and volume
fractions), energies and the volume change, products versus reactants. Molar volumes come from
the materials library (``density`` or ``molar_volume``); a product without one makes the volume
change unknown (``None``) and is named, never estimated.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.thermo import _library
from lisse.thermo._cache import disk_cached
from lisse.thermo.entries import (
    EntrySet,
    bundled_entries,
    chemical_system,
    display_formula,
    parse_formula,
    phase_diagram,
)
from lisse.thermo.window import _profile, profile_for

__all__ = ["InterfaceReaction", "Product", "interface_reaction", "reaction_with_li", "volume_change"]

_M3_TO_CM3 = 1e6


@dataclass(frozen=True)
class Product:
    """One reaction product.

    ``moles_per_formula_unit`` is per formula unit of the phase (the first reactant);
    ``mole_fraction`` is among the products; ``volume_fraction`` is of the product mixture
    (None if no product's molar volume is known). A product whose molar volume the library lacks gets the
    mean volume per atom of the others (``molar_volume_estimated``).
    """

    formula: str
    moles_per_formula_unit: float
    mole_fraction: float
    molar_volume_cm3_per_mol: float | None
    volume_fraction: float | None
    molar_volume_estimated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "formula": self.formula,
            "moles_per_formula_unit": self.moles_per_formula_unit,
            "mole_fraction": self.mole_fraction,
            "molar_volume_cm3_per_mol": self.molar_volume_cm3_per_mol,
            "molar_volume_estimated": self.molar_volume_estimated,
            "volume_fraction": self.volume_fraction,
        }


@dataclass(frozen=True)
class VolumeChange:
    """Volumes of a reaction per formula unit of the phase [cm^3/mol]; None where unknown."""

    reactants_cm3_per_mol: float | None
    phase_cm3_per_mol: float | None
    products_cm3_per_mol: float | None
    missing: tuple[str, ...]
    estimated: tuple[str, ...] = ()
    """Products whose molar volume is the mean volume per atom of the others (docs/thermo.md)."""

    @property
    def fraction(self) -> float | None:
        """Relative volume change, products versus reactants: V_products / V_reactants - 1."""
        if self.products_cm3_per_mol is None or self.reactants_cm3_per_mol is None:
            return None
        return self.products_cm3_per_mol / self.reactants_cm3_per_mol - 1.0

    @property
    def products_per_phase(self) -> float | None:
        """Volume of products per volume of the phase consumed (the other reactant, e.g. Li
        from the anode, is not counted): the interphase's expansion over the electrolyte it replaces."""
        if self.products_cm3_per_mol is None or self.phase_cm3_per_mol is None:
            return None
        return self.products_cm3_per_mol / self.phase_cm3_per_mol


@dataclass(frozen=True)
class InterfaceReaction:
    """The reaction of a phase with a counterpart (Li metal, a cathode, a coating)."""

    formula: str
    against: str
    counterpart_per_formula_unit: float
    """Moles of counterpart formula units consumed per formula unit of the phase (Li: Li atoms)."""
    products: tuple[Product, ...]
    reaction_energy_meV_per_atom: float
    """Reaction energy per atom of the reacting mixture [meV/atom] (<= 0)."""
    reaction_energy_eV_per_formula_unit: float
    """Reaction energy per formula unit of the phase [eV]."""
    volume: VolumeChange
    method: str
    mixing_atom_fraction: float | None = None
    """Atom fraction of the phase in the reacting mixture (InterfacialReactivity's x)."""
    name: str | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def reacts(self) -> bool:
        """Whether anything happens (a product other than the reactants themselves)."""
        return self.reaction_energy_meV_per_atom < -1e-6

    @property
    def equation(self) -> str:
        def fmt(n: float, f: str) -> str:
            return f if abs(n - 1.0) < 1e-9 else f"{n:.4g} {f}"

        left = fmt(1.0, self.formula)
        if self.counterpart_per_formula_unit > 0:
            left += " + " + fmt(self.counterpart_per_formula_unit, self.against)
        right = " + ".join(fmt(p.moles_per_formula_unit, p.formula) for p in self.products)
        return f"{left} -> {right}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "formula": self.formula,
            "against": self.against,
            "equation": self.equation,
            "method": self.method,
            "counterpart_per_formula_unit": self.counterpart_per_formula_unit,
            "mixing_atom_fraction": self.mixing_atom_fraction,
            "products": [p.formula for p in self.products],
            "product_details": [p.to_dict() for p in self.products],
            "reaction_energy_meV_per_atom": self.reaction_energy_meV_per_atom,
            "reaction_energy_eV_per_formula_unit": self.reaction_energy_eV_per_formula_unit,
            "volume_change_fraction": self.volume.fraction,
            "product_to_phase_volume_ratio": self.volume.products_per_phase,
            "reactant_volume_cm3_per_mol": self.volume.reactants_cm3_per_mol,
            "product_volume_cm3_per_mol": self.volume.products_cm3_per_mol,
            "missing_molar_volumes": list(self.volume.missing),
            "estimated_molar_volumes": list(self.volume.estimated),
            "notes": list(self.notes),
        }
        if self.against == "Li":
            out["products_with_li"] = out["products"]
            out["reaction_energy_with_li_meV_per_atom"] = self.reaction_energy_meV_per_atom
            out["li_per_formula_unit"] = self.counterpart_per_formula_unit
        return out


# ----------------------------------------------------------------------------------------------


def volume_change(
    reactants: Sequence[tuple[str, float]], products: Sequence[tuple[str, float]], library=None
) -> VolumeChange:
    """Volumes of reactants and products from the library's molar volumes.

    Parameters
    ----------
    reactants, products : sequence of (formula, moles)
        Moles per formula unit of the first reactant (the phase), which comes first in
        ``reactants``.
    library : lisse.materials.Library, optional
        Where molar volumes are read (default: the bundled library).

    Returns
    -------
    VolumeChange
        Volumes [cm^3/mol of phase formula units]; a total is None if any member's molar volume is
        unknown, and ``missing`` names those formulas.

    Notes
    -----
    .. math::

        \\frac{\\Delta V}{V} = \\frac{\\sum_p n_p V_{m,p}}{\\sum_r n_r V_{m,r}} - 1

    with :math:`V_m = M/\\rho` per formula unit (dense phases, room temperature).
    """
    missing: list[str] = []
    estimated: list[str] = []

    def total(items: Sequence[tuple[str, float]], estimate: bool) -> float | None:
        stored = [_molar_volume_cached(f, library) for f, _ in items]
        vols = _with_estimated_volumes([f for f, _ in items], stored, library) if estimate else stored
        estimated.extend(f for (f, _), v, v0 in zip(items, vols, stored, strict=True) if v0 is None and v)
        missing.extend(f for (f, _), v in zip(items, vols, strict=True) if v is None)
        if any(v is None for v in vols):
            return None
        return sum(n * v * _M3_TO_CM3 for (_, n), v in zip(items, vols, strict=True))  # type: ignore[operator]

    # products the library has no volume for are estimated (the same rule as for their volume fractions);
    # the reactants (the phase and Li) never are: the expansion is measured against the phase's real volume
    v_r = total(reactants, estimate=False)
    v_p = total(products, estimate=True)
    v_phase = None
    if reactants:
        vm = _molar_volume_cached(reactants[0][0], library)
        v_phase = None if vm is None else reactants[0][1] * vm * _M3_TO_CM3
    return VolumeChange(v_r, v_phase, v_p, tuple(dict.fromkeys(missing)), tuple(dict.fromkeys(estimated)))


def _molar_volume_cached(formula: str, library) -> float | None:
    # a Library is a Mapping (unhashable): only look-ups in the bundled one are cached
    return _default_molar_volume(formula) if library is None else _library.molar_volume(formula, library)


@functools.lru_cache(maxsize=1024)
def _default_molar_volume(formula: str) -> float | None:
    return _library.molar_volume(formula, None)


def _with_estimated_volumes(formulas: list[str], vols: list[float | None], library) -> list[float | None]:
    """Molar volumes with the unknown ones estimated (documented rule, docs/thermo.md): a product the library
    has no volume for is given the mean volume per atom of the products it has, times its atoms per formula
    unit; with no product volume known, the mean volume per atom of the library's non-metallic interphase
    products."""
    atoms = [parse_formula(f).num_atoms for f in formulas]
    per_atom = [v / a for v, a in zip(vols, atoms, strict=True) if v is not None]
    if len(per_atom) == len(vols):
        return vols
    mean = sum(per_atom) / len(per_atom) if per_atom else _library.mean_volume_per_atom(library)
    if mean is None:
        return vols
    return [v if v is not None else mean * a for v, a in zip(vols, atoms, strict=True)]


def _make_products(items: Sequence[tuple[str, float]], library) -> tuple[Product, ...]:
    items = [(f, n) for f, n in items if n > 1e-9]
    n_tot = sum(n for _, n in items)
    stored = [_molar_volume_cached(f, library) for f, _ in items]
    vols = _with_estimated_volumes([f for f, _ in items], stored, library)
    known = all(v is not None for v in vols)
    v_tot = sum(n * v for (_, n), v in zip(items, vols, strict=True) if v is not None) if known else None
    out = []
    for (f, n), v, v_lib in zip(items, vols, stored, strict=True):
        out.append(
            Product(
                formula=f,
                moles_per_formula_unit=n,
                mole_fraction=n / n_tot if n_tot else 0.0,
                molar_volume_cm3_per_mol=None if v is None else v * _M3_TO_CM3,
                volume_fraction=(n * v / v_tot) if (known and v_tot) else None,  # type: ignore[operator]
                molar_volume_estimated=v_lib is None and v is not None,
            )
        )
    return tuple(sorted(out, key=lambda p: -p.moles_per_formula_unit))


@cites("zhu2015", "richards2016", "ong2013")
@disk_cached
def reaction_with_li(
    material_or_formula: str, entries: EntrySet | None = None, library=None
) -> InterfaceReaction:
    """Reaction of a phase with Li metal (0 V vs Li/Li+, Li in excess): products and energetics.

    Parameters
    ----------
    material_or_formula : str
        A material name of the library or a formula.
    entries : EntrySet, optional
        Formation energies (default: the bundled Materials Project 2019 snapshot).
    library : lisse.materials.Library, optional
        Source of molar volumes (default: the bundled library).

    Returns
    -------
    InterfaceReaction
        ``counterpart_per_formula_unit`` is the Li consumed per formula unit [Li/f.u.];
        reaction energy per atom of the mixture (phase + Li) [meV/atom] and per formula unit of
        the phase [eV]; products with molar and volume fractions; volume change.

    Notes
    -----
    The phase is lithiated to the grand-potential equilibrium at :math:`\\mu_{Li} = 0`:

    .. math::

        \\mathrm{A} + x\\,\\mathrm{Li} \\rightarrow \\sum_p n_p P, \\qquad
        \\Delta E = E_{hull}(\\mathrm{A} + x\\,\\mathrm{Li}) - E(\\mathrm{A}) - x E(\\mathrm{Li})

    with :math:`E(\\mathrm{A})` the phase's own DFT energy (not lowered to the hull, so a
    metastable phase's reaction energy includes its energy above hull). 0 K energies; the
    products are the thermodynamic end point, which kinetics may not reach.

    References
    ----------
    .. [1] Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015),
       DOI 10.1021/acsami.5b07517

    Examples
    --------
    >>> rx = reaction_with_li("Li6PS5Cl")   # Zhu 2015: Li2S + Li3P + LiCl
    >>> sorted(p.formula for p in rx.products), round(rx.counterpart_per_formula_unit, 3)
    (['Li2S', 'Li3P', 'LiCl'], 8.0)
    """
    from pymatgen.core import Composition

    p, name = profile_for(material_or_formula, entries, library)
    ents = entries or bundled_entries()
    if p.stable_index == 0:
        products = _make_products([(p.formula, 1.0)], library)
        vol = volume_change([(p.formula, 1.0)], [(p.formula, 1.0)], library)
        return InterfaceReaction(
            p.formula,
            "Li",
            0.0,
            products,
            0.0,
            0.0,
            vol,
            "full lithiation at 0 V (grand potential)",
            None,
            name,
            (f"{p.formula} is stable against Li metal",),
        )
    step = p.steps[0]
    x = step.li_per_formula_unit
    pd = phase_diagram(p.elements, ents)
    mix = Composition(p.reduced_formula).reduced_composition + Composition({"Li": x})
    de = float(pd.get_hull_energy(mix)) - p.energy_eV_per_atom * p.num_atoms  # Li metal at 0 eV
    products = _make_products(step.products, library)
    vol = volume_change([(p.formula, 1.0), ("Li", x)], step.products, library)
    return InterfaceReaction(
        formula=p.formula,
        against="Li",
        counterpart_per_formula_unit=x,
        products=products,
        reaction_energy_meV_per_atom=1e3 * de / (p.num_atoms + x),
        reaction_energy_eV_per_formula_unit=de,
        volume=vol,
        method="full lithiation at 0 V (grand potential)",
        mixing_atom_fraction=p.num_atoms / (p.num_atoms + x),
        name=name,
    )


@functools.lru_cache(maxsize=256)
def _interfacial(c1: str, c2: str, entries: EntrySet):
    """(x, energy eV/atom, reaction, notes) of the most negative kink, cached."""
    from pymatgen.analysis.interface_reactions import InterfacialReactivity
    from pymatgen.core import Composition

    comp1 = Composition(c1).reduced_composition
    comp2 = Composition(c2).reduced_composition
    elements = sorted({el.symbol for el in (comp1 + comp2).elements})
    missing = [el for el in elements if el not in entries.elements]
    if missing:
        raise LisseError(
            f"{display_formula(comp1)} | {display_formula(comp2)}: element(s) {', '.join(missing)} "
            f"not in the entries ({entries.label})"
        )
    pd = phase_diagram(elements, entries)
    notes = []
    present = {e.composition.reduced_formula for e in pd.all_entries}
    for c in (comp1, comp2):
        if c.reduced_formula not in present:
            notes.append(
                f"{display_formula(c)} is not in the {chemical_system(elements)} entries: its hull "
                "energy (the equilibrium mixture of that composition) is used as its energy"
            )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the missing-entry warning is turned into a note above
        ir = InterfacialReactivity(comp1, comp2, pd, norm=True, use_hull_energy=False)
        kinks = ir.get_kinks()
    _, x, energy, rxn, _ = min(kinks, key=lambda k: k[2])
    return float(x), float(energy), rxn, tuple(notes), comp1, comp2


@cites("richards2016", "ong2013")
@disk_cached
def interface_reaction(
    material_or_formula: str, against: str, entries: EntrySet | None = None, library=None
) -> InterfaceReaction:
    """Most exergonic reaction of a phase with another solid (cathode, coating, interlayer).

    Parameters
    ----------
    material_or_formula : str
        The phase (e.g. an electrolyte): a material name or a formula.
    against : str
        The other solid: a material name (``"LCO"``) or a formula (``"LiCoO2"``, ``"LiNbO3"``).
        A composition absent from the data (e.g. NMC) is represented by its hull energy.
    entries : EntrySet, optional
        Formation energies (default: the bundled ones).
    library : lisse.materials.Library, optional
        Source of molar volumes.

    Returns
    -------
    InterfaceReaction
        The reaction at the mixing ratio of most negative reaction energy: products per formula
        unit of the phase, energy per atom of the mixture [meV/atom] and per formula unit [eV].

    Notes
    -----
    For atom fraction :math:`x` of the phase A in a mixture with B (Richards et al. 2016):

    .. math::

        \\Delta E(x) = E_{hull}(x\\,c_A + (1-x)\\,c_B) - x E(c_A) - (1-x) E(c_B),\\qquad
        \\Delta E_{min} = \\min_x \\Delta E(x)

    with compositions normalised per atom. 0 K, no open element (no O2 loss, no Li exchange
    with the electrode's potential).

    References
    ----------
    .. [1] W. D. Richards, L. J. Miara, Y. Wang, J. C. Kim, G. Ceder, Chem. Mater. 28, 266 (2016),
       DOI 10.1021/acs.chemmater.5b04082
    """
    ents = entries or bundled_entries()
    r1 = _library.resolve(material_or_formula, library)
    r2 = _library.resolve(against, library)
    if r1.composition.reduced_formula == r2.composition.reduced_formula:
        raise LisseError(f"{material_or_formula!r} and {against!r} are the same composition")
    if r1.composition.reduced_formula != "Li":
        # validates that the phase is in the data, and warns when far above the hull
        profile_for(material_or_formula, ents, library)
    x, energy, rxn, notes, comp1, comp2 = _interfacial(
        r1.composition.reduced_formula, r2.composition.reduced_formula, ents
    )
    f1, f2 = display_formula(comp1), display_formula(comp2)
    if energy >= -1e-9 or comp1 not in rxn.reactants:
        items = [(f1, 1.0)]
        n2 = 0.0
        energy = 0.0
        de_fu = 0.0
    else:
        a1 = abs(float(rxn.get_coeff(comp1)))
        n2 = abs(float(rxn.get_coeff(comp2))) / a1 if comp2 in rxn.reactants else 0.0
        items = [(display_formula(c), float(rxn.get_coeff(c)) / a1) for c in rxn.products]
        de_fu = energy * (comp1.num_atoms + n2 * comp2.num_atoms)
    products = _make_products(items, library)
    vol = volume_change([(f1, 1.0), (f2, n2)] if n2 else [(f1, 1.0)], items, library)
    return InterfaceReaction(
        formula=f1,
        against=f2,
        counterpart_per_formula_unit=n2,
        products=products,
        reaction_energy_meV_per_atom=1e3 * energy,
        reaction_energy_eV_per_formula_unit=de_fu,
        volume=vol,
        method="most negative mixing energy (pymatgen InterfacialReactivity)",
        mixing_atom_fraction=x,
        name=r1.name,
        notes=notes,
    )


def _clear_caches() -> None:
    """Forget every cached hull and result (for benchmarks)."""
    from lisse.thermo.entries import _phase_diagram

    for f in (_profile, _interfacial, _default_molar_volume, _phase_diagram):
        f.cache_clear()
