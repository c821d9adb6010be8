"""How the thermo layer reads the materials library: name -> formula, formula -> properties.

A material name resolves to its ``stand_in_formula`` (or ``formula``); any string that is not a
known material name is treated as a formula, so formulas work even without the library.
Product properties (molar volume, conductivities) are looked up by reduced formula; a value the
library does not hold is reported as missing (``None``), never invented.
"""

from __future__ import annotations

import functools
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lisse._core.errors import LisseError, MaterialDataError
from lisse.materials.resolve import METALLIC_FAMILIES, Resolver, Value
from lisse.thermo.entries import parse_formula

if TYPE_CHECKING:  # pragma: no cover
    from pymatgen.core import Composition

    from lisse.materials import Library, Material

__all__ = [
    "Resolved",
    "electronic_conductivity",
    "library_material",
    "mean_volume_per_atom",
    "molar_volume",
    "resolve",
    "resolved",
    "stand_in",
]

#: Temperature at which product properties are evaluated [K] (the thermodynamic data are at 0 K / 298 K).
STANDARD_TEMPERATURE = 298.15

#: Order in which categories are searched when several materials share a formula.
_CATEGORY_PRIORITY = ("interphase", "electrolyte", "anode", "interlayer", "cathode")


@dataclass(frozen=True)
class Resolved:
    """A user's input resolved to a composition: ``name`` is the library name (or None)."""

    text: str
    name: str | None
    formula: str
    """The reduced formula of the composition used in the hull."""
    composition: Composition
    note: str | None = None


def _library(library: Library | None) -> Library | None:
    if library is not None:
        return library
    try:
        from lisse.materials import default_library

        return default_library()
    except (ImportError, LisseError) as exc:  # the library is optional for formula input
        warnings.warn(
            f"materials library unavailable ({exc}); names cannot be resolved, formulas still work",
            UserWarning,
            stacklevel=3,
        )
        return None


def resolve(text: str, library: Library | None = None) -> Resolved:
    """Resolve a material name (library) or a formula to a composition.

    Raises
    ------
    LisseError
        If ``text`` is neither a known material name nor a parseable formula.
    """
    if not isinstance(text, str) or not text.strip():
        raise LisseError(f"expected a material name or a formula, got {text!r}")
    lib = _library(library)
    if lib is not None and text in lib:
        m = lib.get(text)
        formula = m.stand_in_formula or m.formula
        try:
            comp = parse_formula(formula)
        except LisseError as exc:
            raise LisseError(
                f"material {m.name!r} has no usable formula for phase-stability "
                f"calculations ({exc}); give a formula instead"
            ) from None
        return Resolved(
            text=text, name=m.name, formula=comp.reduced_formula, composition=comp, note=m.stand_in_note
        )
    try:
        comp = parse_formula(text)
    except LisseError as exc:
        hint = " (not a material name in the library either)" if lib is not None else ""
        raise LisseError(f"{exc}{hint}") from None
    return Resolved(text=text, name=None, formula=comp.reduced_formula, composition=comp)


def _formula_index(lib: Library, is_default: bool) -> dict[str, tuple[str, ...]]:
    # a Library is a Mapping (unhashable): only the bundled one is cached
    return _default_formula_index() if is_default else _build_formula_index(lib)


@functools.lru_cache(maxsize=1)
def _default_formula_index() -> dict[str, tuple[str, ...]]:
    lib = _library(None)
    return {} if lib is None else _build_formula_index(lib)


@functools.lru_cache(maxsize=1024)
def _reduced_formula(formula: str) -> str:
    """The reduced formula of ``formula`` (memoised: pymatgen parses it in tens of microseconds, and every
    sampled cell looks up the same reaction products)."""
    return parse_formula(formula).reduced_formula


def _build_formula_index(lib: Library) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[tuple[int, str]]] = {}
    for name in lib:
        m = lib.get(name)
        for f in {m.formula, m.stand_in_formula} - {None}:
            try:
                key = parse_formula(f).reduced_formula  # type: ignore[arg-type]
            except LisseError:
                continue
            prio = _CATEGORY_PRIORITY.index(m.category) if m.category in _CATEGORY_PRIORITY else 99
            index.setdefault(key, []).append((prio, m.name))
    return {k: tuple(n for _, n in sorted(v)) for k, v in index.items()}


def library_material(
    formula: str, library: Library | None = None, needs: str | None = None
) -> Material | None:
    """The library material whose (stand-in) formula reduces to ``formula``; with ``needs``,
    the first such material that stores that property (None if there is none)."""
    lib = _library(library)
    if lib is None:
        return None
    for name in _formula_index(lib, library is None).get(_reduced_formula(formula), ()):
        m = lib.get(name)
        if needs is None or m.has(needs):
            return m
    return None


def molar_volume(formula: str, library: Library | None = None) -> float | None:
    """Molar volume of ``formula`` per mole of its reduced formula units [m^3/mol], or None.

    From the library's ``molar_volume`` or ``density`` of the material with that formula. The
    volume per atom of the material's own formula is transferred to ``formula`` (they differ
    only when a stand-in is used for a doped material, e.g. Ta-doped LLZO for Li7La3Zr2O12).
    """
    comp = parse_formula(formula)
    m = library_material(formula, library, needs="molar_volume") or library_material(
        formula, library, needs="density"
    )
    if m is None:
        return None
    own = parse_formula(m.formula)
    if m.has("molar_volume"):
        per_atom = m.si("molar_volume") / own.num_atoms
    else:
        per_atom = own.weight * 1e-3 / m.si("density") / own.num_atoms  # g/mol -> kg/mol
    return per_atom * comp.reduced_composition.num_atoms


def electronic_conductivity(formula: str, library: Library | None = None) -> float | None:
    """Electronic conductivity of ``formula`` from the library [S/m], or None."""
    m = library_material(formula, library, needs="electronic_conductivity")
    return None if m is None else m.si("electronic_conductivity")


def resolved(
    formula: str, name: str, library: Library | None = None, temperature: float = STANDARD_TEMPERATURE
) -> Value | None:
    """The value of property ``name`` of the library material with ``formula`` by record, rule or family prior
    (:mod:`lisse.materials.resolve`, at ``temperature`` [K]), or None if no material has that formula."""
    m = library_material(formula, library)
    if m is None:
        return None
    try:
        return _resolver(library, temperature)(m, name)
    except MaterialDataError:
        return None


def mean_volume_per_atom(library: Library | None = None) -> float | None:
    """Mean volume per atom [m^3/mol of atoms] of the library's non-metallic interphase products that have a
    molar volume or density: the stand-in for reaction products none of whose volumes is known."""
    lib = _library(library)
    if lib is None:
        return None
    per_atom = []
    for m in lib.values():
        if m.category != "interphase" or m.family in METALLIC_FAMILIES:
            continue
        v = molar_volume(m.formula, library)
        if v is not None:
            per_atom.append(v / parse_formula(m.formula).reduced_composition.num_atoms)
    return sum(per_atom) / len(per_atom) if per_atom else None


def stand_in(
    formula: str,
    name: str,
    conductor: bool,
    library: Library | None = None,
    temperature: float = STANDARD_TEMPERATURE,
) -> Value | None:
    """A value of ``name`` for a product phase the library does not hold: the prior of the library's
    interphase products of the same electronic character (metallic or not), then of all its materials of
    that character (:meth:`lisse.materials.resolve.Resolver.class_prior`)."""
    return _resolver(library, temperature).class_prior(formula, name, "interphase", conductor)


def _resolver(library: Library | None, temperature: float = STANDARD_TEMPERATURE) -> Resolver:
    return _default_resolver(temperature) if library is None else Resolver(library, temperature)


@functools.lru_cache(maxsize=8)
def _default_resolver(temperature: float) -> Resolver:
    return Resolver(None, temperature)
