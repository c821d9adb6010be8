"""Electrochemical stability windows and Li uptake profiles from the grand-potential phase diagram.

The phase is put in contact with a Li reservoir at chemical potential :math:`\\mu_{Li}`; the
phases in equilibrium are those minimising the grand potential
:math:`\\phi = G - \\mu_{Li} N_{Li}` (Ong et al. 2008; Zhu, He & Mo 2015; Richards et al. 2016).
With energies referenced to Li metal, the electrode potential versus Li/Li+ is
:math:`V = -\\mu_{Li}/e`. pymatgen's ``PhaseDiagram.get_element_profile`` walks the critical
compositions of the Li-open system and returns, per :math:`\\mu_{Li}` interval, the equilibrium
phases and the Li taken up per formula unit; the window is the interval with zero uptake.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import Any

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.thermo._cache import disk_cached
from lisse.thermo._library import resolve
from lisse.thermo.entries import (
    EntrySet,
    bundled_entries,
    chemical_system,
    display_formula,
    phase_diagram,
)

__all__ = [
    "FAR_ABOVE_HULL_meV_PER_ATOM",
    "HULL_LOWERING_meV_PER_ATOM",
    "LiUptakeProfile",
    "StabilityWindow",
    "UptakeStep",
    "li_uptake_profile",
    "stability_window",
]

#: A metastable phase is lowered to this far *below* the hull before its window is computed
#: [meV/atom]; small enough to move the limits by < 1 mV for the library's electrolytes.
HULL_LOWERING_meV_PER_ATOM = 0.1
#: Energy above hull beyond which a warning is raised [meV/atom]: about four standard deviations
#: of the GGA(+U) error of solid-state reaction energies (24 meV/atom, Hautier et al. 2012), so
#: such a phase is unlikely to be stable in reality and lowering it to the hull is a large change.
FAR_ABOVE_HULL_meV_PER_ATOM = 100.0
_ZERO = 1e-6


@dataclass(frozen=True)
class UptakeStep:
    """One interval of the Li uptake profile.

    ``li_per_formula_unit`` Li atoms are taken up (negative: given up) per formula unit of the
    phase when it equilibrates with a Li reservoir at a potential in
    ``[voltage_low_V, voltage_high_V)`` [V vs Li/Li+]; ``products`` are the equilibrium phases
    as (formula, moles per formula unit of the phase), Li excluded.
    """

    voltage_low_V: float
    voltage_high_V: float | None
    li_per_formula_unit: float
    products: tuple[tuple[str, float], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "voltage_low_V": self.voltage_low_V,
            "voltage_high_V": self.voltage_high_V,
            "li_per_formula_unit": self.li_per_formula_unit,
            "products": [{"formula": f, "moles_per_formula_unit": n} for f, n in self.products],
        }


@dataclass(frozen=True)
class _Profile:
    """Cached result of the grand-potential walk for one composition and one entry set."""

    formula: str
    reduced_formula: str
    chemical_system: str
    elements: tuple[str, ...]
    e_above_hull_eV_per_atom: float
    energy_eV_per_atom: float
    """The phase's own (not lowered) formation energy [eV/atom]."""
    num_atoms: float
    steps: tuple[UptakeStep, ...]
    stable_index: int
    entries_label: str


@dataclass(frozen=True)
class StabilityWindow:
    """Electrochemical stability window of a phase against a Li reservoir.

    Attributes
    ----------
    formula : str
        Reduced formula of the phase.
    reduction_V, oxidation_V : float
        Lower and upper limits [V vs Li/Li+]; ``reduction_V == 0`` means stable against Li
        metal, ``oxidation_V is None`` that no Li can be extracted (a Li-free phase).
    e_above_hull_meV_per_atom : float
        Energy above the hull of the data [meV/atom] (0 for a stable phase).
    products_reduction, products_oxidation : tuple of str
        Equilibrium phases just below the reduction limit and just above the oxidation limit.
    """

    formula: str
    reduction_V: float
    oxidation_V: float | None
    e_above_hull_meV_per_atom: float
    products_reduction: tuple[str, ...]
    products_oxidation: tuple[str, ...]
    chemical_system: str
    name: str | None = None
    entries: str = ""

    @property
    def width_V(self) -> float | None:
        """Width of the window [V] (None if unbounded above)."""
        return None if self.oxidation_V is None else self.oxidation_V - self.reduction_V

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "formula": self.formula,
            "reduction_V": self.reduction_V,
            "oxidation_V": self.oxidation_V,
            "window_width_V": self.width_V,
            "e_above_hull_meV_per_atom": self.e_above_hull_meV_per_atom,
            "products_reduction": list(self.products_reduction),
            "products_oxidation": list(self.products_oxidation),
            "chemical_system": self.chemical_system,
            "entries": self.entries,
        }


@dataclass(frozen=True)
class LiUptakeProfile:
    """Li taken up per formula unit of a phase versus electrode potential (Zhu 2015, Fig. 2)."""

    formula: str
    steps: tuple[UptakeStep, ...]
    name: str | None = None

    def curve(self, v_max: float = 5.0) -> tuple[list[float], list[float]]:
        """Step curve ``(V [V], Li per formula unit)`` from 0 V to ``v_max`` for plotting."""
        xs: list[float] = []
        ys: list[float] = []
        for s in self.steps:
            if s.voltage_low_V >= v_max:
                break
            hi = v_max if s.voltage_high_V is None else min(s.voltage_high_V, v_max)
            xs += [s.voltage_low_V, hi]
            ys += [s.li_per_formula_unit, s.li_per_formula_unit]
        return xs, ys

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "formula": self.formula, "steps": [s.to_dict() for s in self.steps]}


# ----------------------------------------------------------------------------------------------


def _products(rxn, exclude: str = "Li") -> tuple[tuple[str, float], ...]:
    out = []
    for c in rxn.products:
        if c.reduced_formula == exclude:
            continue
        out.append((display_formula(c), float(rxn.get_coeff(c))))
    return tuple(sorted(out, key=lambda t: t[0]))


@functools.lru_cache(maxsize=512)
def _profile(reduced_formula: str, entries: EntrySet) -> _Profile:
    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Composition, Element

    comp = Composition(reduced_formula).reduced_composition
    if comp.reduced_formula == "Li":
        raise LisseError("Li is the reference electrode: its window is not defined")
    elements = tuple(sorted({el.symbol for el in comp.elements} | {"Li"}))
    system = chemical_system(elements)
    missing = [el for el in elements if el not in entries.elements]
    if missing:
        raise LisseError(
            f"{display_formula(comp)}: element(s) {', '.join(missing)} not in the entries "
            f"({entries.label}); the {system} system cannot be built"
        )
    pd = phase_diagram(elements, entries)
    own = [e for e in pd.all_entries if e.composition.reduced_formula == comp.reduced_formula]
    if not own:
        raise LisseError(
            f"{display_formula(comp)} is not among the {len(pd.all_entries)} entries of the {system} system "
            f"in {entries.label}; its energy is unknown. Give a compound of the data (a stand-in formula) "
            "or supply its formation energy in a user entries file (mode 'extend')."
        )
    entry = min(own, key=lambda e: e.energy_per_atom)
    _, e_hull = pd.get_decomp_and_e_above_hull(entry, allow_negative=True)
    e_hull = max(float(e_hull), 0.0)
    if e_hull > 0.0:
        # the literature's convention: lower the metastable phase just below the hull
        shift = (e_hull + HULL_LOWERING_meV_PER_ATOM * 1e-3) * entry.composition.num_atoms
        lowered = PDEntry(entry.composition, entry.energy - shift, name=entry.name)
        pd = PhaseDiagram([e for e in pd.all_entries if e is not entry] + [lowered])
    raw = pd.get_element_profile(Element("Li"), comp)
    mus = [float(s["chempot"]) - float(s["element_reference"].energy_per_atom) for s in raw]
    steps = []
    for i, s in enumerate(raw):
        v_low = max(-mus[i], 0.0) + 0.0  # no -0.0
        v_high = -mus[i + 1] if i + 1 < len(raw) else None
        n_li = float(s["evolution"])
        if abs(n_li) < _ZERO:  # the phase itself is the equilibrium
            steps.append(UptakeStep(v_low, v_high, 0.0, ((display_formula(comp), 1.0),)))
        else:
            steps.append(UptakeStep(v_low, v_high, n_li, _products(s["reaction"])))
    zero = [i for i, s in enumerate(steps) if abs(s.li_per_formula_unit) < _ZERO]
    if not zero:  # pragma: no cover - cannot happen once the phase sits on the hull
        raise LisseError(f"{display_formula(comp)}: no Li-potential interval in which it is stable")
    return _Profile(
        formula=display_formula(comp),
        reduced_formula=comp.reduced_formula,
        chemical_system=system,
        elements=elements,
        e_above_hull_eV_per_atom=e_hull,
        energy_eV_per_atom=float(entry.energy_per_atom),
        num_atoms=float(comp.num_atoms),
        steps=tuple(steps),
        stable_index=zero[0],
        entries_label=entries.label,
    )


def _warn_hull(p: _Profile) -> None:
    e = p.e_above_hull_eV_per_atom * 1e3
    if e > FAR_ABOVE_HULL_meV_PER_ATOM:
        warnings.warn(
            f"{p.formula} lies {e:.0f} meV/atom above the hull of {p.entries_label} (more than "
            f"{FAR_ABOVE_HULL_meV_PER_ATOM:.0f} meV/atom): it was lowered to the hull to compute its window, "
            "a large change; treat the result with caution",
            UserWarning,
            stacklevel=3,
        )


def profile_for(
    material_or_formula: str, entries: EntrySet | None = None, library=None
) -> tuple[_Profile, str | None]:
    """Resolve a name or formula and return its cached profile and library name (internal)."""
    r = resolve(material_or_formula, library)
    p = _profile(r.composition.reduced_formula, entries or bundled_entries())
    _warn_hull(p)
    return p, r.name


@cites("zhu2015", "richards2016", "ong2008", "ong2013")
@disk_cached
def stability_window(
    material_or_formula: str, entries: EntrySet | None = None, library=None
) -> StabilityWindow:
    """Electrochemical stability window of a phase versus Li/Li+ (grand-potential method).

    The phase is equilibrated with a Li reservoir; it is stable at potentials where the
    equilibrium Li uptake is zero. A metastable phase (above the hull) is first lowered to
    ``HULL_LOWERING_meV_PER_ATOM`` below the hull, as in Zhu, He & Mo (2015); its energy above
    hull is reported, and a warning is raised beyond ``FAR_ABOVE_HULL_meV_PER_ATOM``.

    Parameters
    ----------
    material_or_formula : str
        A material name of the library (resolved to its stand-in formula) or a formula.
    entries : EntrySet, optional
        Formation energies (default: the bundled Materials Project 2019 snapshot).
    library : lisse.materials.Library, optional
        Where material names are looked up (default: the bundled library).

    Returns
    -------
    StabilityWindow
        Reduction and oxidation limits [V vs Li/Li+], energy above hull [meV/atom], and the
        equilibrium products just beyond each limit.

    Raises
    ------
    LisseError
        Unparseable formula, element not in the data, or compound absent from its chemical system.

    Notes
    -----
    Grand potential of the Li-open system and electrode potential:

    .. math::

        \\phi = G - \\mu_{Li} N_{Li}, \\qquad V = -\\mu_{Li} / e

    with :math:`\\mu_{Li}` referenced to Li metal. Valid at 0 K (DFT formation energies, no
    entropy), for bulk phases; kinetics can widen the practical window.

    References
    ----------
    .. [1] Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015),
       DOI 10.1021/acsami.5b07517
    .. [2] W. D. Richards et al., Chem. Mater. 28, 266 (2016), DOI 10.1021/acs.chemmater.5b04082

    Examples
    --------
    Li7La3Zr2O12 (Zhu 2015, Table 1: 0.05-2.91 V):

    >>> w = stability_window("Li7La3Zr2O12")
    >>> round(w.reduction_V, 2), round(w.oxidation_V, 2)
    (0.05, 2.92)
    """
    p, name = profile_for(material_or_formula, entries, library)
    k = p.stable_index
    below = p.steps[k - 1] if k > 0 else None
    above = p.steps[k + 1] if k + 1 < len(p.steps) else None
    return StabilityWindow(
        formula=p.formula,
        reduction_V=p.steps[k].voltage_low_V,
        oxidation_V=p.steps[k].voltage_high_V,
        e_above_hull_meV_per_atom=p.e_above_hull_eV_per_atom * 1e3,
        products_reduction=tuple(f for f, _ in below.products) if below else (),
        products_oxidation=tuple(f for f, _ in above.products) if above else (),
        chemical_system=p.chemical_system,
        name=name,
        entries=p.entries_label,
    )


@cites("zhu2015", "ong2008")
@disk_cached
def li_uptake_profile(
    material_or_formula: str, entries: EntrySet | None = None, library=None
) -> LiUptakeProfile:
    """Li taken up (or released) per formula unit of a phase versus potential vs Li/Li+.

    Parameters
    ----------
    material_or_formula : str
        A material name of the library or a formula.
    entries : EntrySet, optional
        Formation energies (default: the bundled ones).
    library : lisse.materials.Library, optional
        Where material names are looked up (default: the bundled library).

    Returns
    -------
    LiUptakeProfile
        Piecewise-constant steps ``[voltage_low_V, voltage_high_V)`` [V vs Li/Li+] with the Li
        uptake [Li per formula unit] and the equilibrium phases.

    Notes
    -----
    The uptake :math:`n_{Li}(V)` is the Li content change of the grand-potential equilibrium at
    :math:`\\mu_{Li} = -eV` (Zhu, He & Mo 2015, Figure 2); positive below the window
    (reduction, lithiation), negative above it (oxidation, delithiation).

    References
    ----------
    .. [1] Y. Zhu, X. He, Y. Mo, ACS Appl. Mater. Interfaces 7, 23685 (2015),
       DOI 10.1021/acsami.5b07517

    Examples
    --------
    >>> prof = li_uptake_profile("Li3PS4")
    >>> round(prof.steps[0].li_per_formula_unit, 6)   # Li3PS4 + 8 Li -> 4 Li2S + Li3P at 0 V
    8.0
    """
    p, name = profile_for(material_or_formula, entries, library)
    return LiUptakeProfile(formula=p.formula, steps=p.steps, name=name)
