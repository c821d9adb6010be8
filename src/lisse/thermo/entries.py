"""Formation-energy entries and the phase diagrams (convex hulls) built from them.

The bundled entries are the Materials Project formation energies of the 2019 Matbench
snapshot (``lisse/data/thermo/mp2019_formation_energies.csv``, CC BY 4.0; see the README
next to it). Users may replace them, or extend them, with their own entries:

* a CSV file with columns ``formula`` and ``e_form_eV_per_atom`` (formation energy per atom
  referenced to the elements, which sit at 0), one row per compound;
* a JSON file of pymatgen entries (``ComputedEntry``, ``ComputedStructureEntry`` or
  ``PDEntry`` dictionaries, as written by ``monty.serialization.dumpfn``); their total
  energies are turned into formation energies with the lowest elemental entries of the
  same file, which must therefore hold every element it uses.

Mixing sources is explicit (``mode="extend"``) and warned about: energies from different DFT
set-ups or correction schemes give wrong hulls when combined.

An :class:`EntrySet` is an immutable value compared by its content digest, so hulls can be
cached per ``(entry set, chemical system)`` in an ``lru_cache`` without module-level state.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import math
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lisse._core.errors import LisseError

if TYPE_CHECKING:  # pragma: no cover
    from pymatgen.analysis.phase_diagram import PhaseDiagram
    from pymatgen.core import Composition

__all__ = [
    "BUNDLED_LABEL",
    "EntrySet",
    "ThermoEntry",
    "bundled_entries",
    "chemical_system",
    "display_formula",
    "parse_formula",
    "phase_diagram",
    "read_entries",
    "resolve_entries",
]

BUNDLED_LABEL = "mp2019 (Materials Project via Matbench v0.1, CC BY 4.0)"
_SYMBOL = re.compile(r"[A-Z][a-z]?")


@dataclass(frozen=True)
class ThermoEntry:
    """One compound: reduced formula and formation energy per atom [eV/atom]."""

    formula: str
    e_form_eV_per_atom: float
    source: str


@dataclass(frozen=True, eq=False)
class EntrySet:
    """An immutable set of formation-energy entries (one per reduced formula).

    Two entry sets are equal when their content is (compared by a SHA-1 digest), which makes
    them usable as keys of the hull cache.
    """

    label: str
    entries: tuple[ThermoEntry, ...]
    digest: str = field(default="")
    _elements: tuple[frozenset[str], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if not self.digest:
            h = hashlib.sha1()
            for e in sorted(self.entries, key=lambda e: e.formula):
                h.update(f"{e.formula}:{e.e_form_eV_per_atom:.6f};".encode())
            object.__setattr__(self, "digest", h.hexdigest())
        if not self._elements:
            object.__setattr__(
                self, "_elements", tuple(frozenset(_SYMBOL.findall(e.formula)) for e in self.entries)
            )

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EntrySet) and other.digest == self.digest

    def __len__(self) -> int:
        return len(self.entries)

    @functools.cached_property
    def elements(self) -> frozenset[str]:
        """Every element that occurs in the entries."""
        return frozenset().union(*self._elements) if self._elements else frozenset()

    @functools.cached_property
    def by_formula(self) -> dict[str, ThermoEntry]:
        """Entries keyed by reduced formula."""
        return {e.formula: e for e in self.entries}

    def in_system(self, elements: Iterable[str]) -> tuple[ThermoEntry, ...]:
        """The entries whose elements all lie in ``elements``."""
        allowed = frozenset(elements)
        return tuple(e for e, els in zip(self.entries, self._elements, strict=True) if els <= allowed)

    def extended_with(self, other: EntrySet) -> EntrySet:
        """A new entry set: these entries, with ``other``'s added (same formula: ``other`` wins).

        Warns, because mixing energies from different sources is only correct when they share the
        DFT set-up and the correction scheme.
        """
        mine = self.by_formula
        replaced = sorted(f for f in other.by_formula if f in mine)
        warnings.warn(
            f"mixing formation energies from {self.label!r} and {other.label!r}: hulls are only "
            "correct if both use the same DFT functional, settings and corrections "
            f"({len(other)} entries added, {len(replaced)} replaced"
            + (f": {', '.join(replaced[:8])}{' ...' if len(replaced) > 8 else ''}" if replaced else "")
            + ")",
            UserWarning,
            stacklevel=2,
        )
        merged = dict(mine)
        merged.update(other.by_formula)
        return EntrySet(label=f"{self.label} + {other.label}", entries=tuple(merged.values()))


# ----------------------------------------------------------------------------------------------
# formulas


def parse_formula(text: str) -> Composition:
    """Parse a chemical formula into a pymatgen ``Composition`` of real elements.

    Raises
    ------
    LisseError
        If ``text`` is empty, not a formula, or uses symbols that are not elements.
    """
    from pymatgen.core import Composition, Element

    if not isinstance(text, str) or not text.strip():
        raise LisseError(f"formula must be a non-empty string, got {text!r}")
    try:
        comp = Composition(text.strip())
    except (ValueError, KeyError, TypeError) as exc:
        raise LisseError(f"cannot parse {text!r} as a chemical formula ({exc})") from None
    bad = [getattr(el, "symbol", str(el)) for el in comp.elements if not isinstance(el, Element)]
    if bad:
        raise LisseError(
            f"cannot parse {text!r} as a chemical formula: {', '.join(bad)} "
            f"{'is not an element symbol' if len(bad) == 1 else 'are not element symbols'}"
        )
    if comp.num_atoms <= 0 or any(amt < 0 for amt in comp.values()):
        raise LisseError(f"formula {text!r} must have positive amounts")
    return comp


def display_formula(comp: Composition | str) -> str:
    """A plain reduced formula in electronegativity order, without brackets: ``"Li10GeP2S12"``.

    (pymatgen's ``reduced_formula`` writes polyanions, ``"Li10Ge(PS6)2"``.)
    """
    from pymatgen.core import Composition

    c = (Composition(comp) if isinstance(comp, str) else comp).reduced_composition
    parts = []
    for token in c.formula.split():
        m = re.fullmatch(r"([A-Z][a-z]?)([0-9.]+)", token)
        if m is None:  # pragma: no cover - pymatgen always writes symbol+amount
            parts.append(token)
            continue
        el, amt = m.groups()
        parts.append(el if float(amt) == 1.0 else el + amt)
    return "".join(parts)


def chemical_system(elements: Iterable[str]) -> str:
    """``"Ge-Li-P-S"``: the elements sorted alphabetically, joined by dashes."""
    return "-".join(sorted(set(elements)))


# ----------------------------------------------------------------------------------------------
# reading


@functools.lru_cache(maxsize=1)
def bundled_entries() -> EntrySet:
    """The bundled Materials Project (2019) formation energies, read once on first use."""
    text = (resources.files("lisse.data") / "thermo" / "mp2019_formation_energies.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    entries = tuple(ThermoEntry(r["formula"], float(r["e_form_eV_per_atom"]), r["source_id"]) for r in rows)
    return EntrySet(label=BUNDLED_LABEL, entries=entries)


def read_entries(path: str | Path) -> EntrySet:
    """Read a user's entries file (CSV of formula and formation energy, or JSON of pymatgen entries).

    Parameters
    ----------
    path : str or Path
        ``*.csv`` with columns ``formula`` and ``e_form_eV_per_atom`` [eV/atom], or ``*.json``
        with a list of pymatgen entry dictionaries (total energies [eV]).

    Returns
    -------
    EntrySet
        One entry per reduced formula (the lowest energy if a formula repeats); elements missing
        from a CSV are added at 0 eV/atom (their formation energy by definition).

    Raises
    ------
    LisseError
        Naming the file and the row (CSV line number, or JSON list index) of a bad entry.
    """
    p = Path(path)
    if not p.is_file():
        raise LisseError(f"entries file {str(p)!r} does not exist")
    if p.suffix.lower() == ".csv":
        rows = _read_csv(p)
    elif p.suffix.lower() == ".json":
        rows = _read_json(p)
    else:
        raise LisseError(
            f"entries file {str(p)!r}: expected a .csv (formula, e_form_eV_per_atom) "
            "or a .json file of pymatgen entries"
        )
    if not rows:
        raise LisseError(f"entries file {str(p)!r} holds no entries")
    best: dict[str, ThermoEntry] = {}
    for e in rows:
        if e.formula not in best or e.e_form_eV_per_atom < best[e.formula].e_form_eV_per_atom:
            best[e.formula] = e
    have = {s for f, e in best.items() for s in _SYMBOL.findall(f) if len(set(_SYMBOL.findall(f))) == 1}
    for el in sorted({s for f in best for s in _SYMBOL.findall(f)} - have):
        ref = parse_formula(el).reduced_formula  # "O" -> "O2", as in the bundled data
        best[ref] = ThermoEntry(ref, 0.0, f"{p.name}:element-reference")
    return EntrySet(label=p.name, entries=tuple(best.values()))


def _reduced(text: str, where: str) -> tuple[str, Composition]:
    try:
        comp = parse_formula(text)
    except LisseError as exc:
        raise LisseError(f"{where}: {exc}") from None
    return comp.reduced_formula, comp


def _read_csv(p: Path) -> list[ThermoEntry]:
    with p.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        cols = reader.fieldnames or []
        if "formula" not in cols or "e_form_eV_per_atom" not in cols:
            raise LisseError(
                f"{p}: the header must name the columns 'formula' and 'e_form_eV_per_atom' "
                f"(got {', '.join(cols) or 'nothing'})"
            )
        out = []
        for row in reader:
            where = f"{p} line {reader.line_num}"
            formula, comp = _reduced(row.get("formula") or "", where)
            raw = row.get("e_form_eV_per_atom")
            try:
                value = float(raw)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                raise LisseError(f"{where}: e_form_eV_per_atom {raw!r} is not a number") from None
            if not math.isfinite(value) or abs(value) > 20.0:
                raise LisseError(
                    f"{where}: e_form_eV_per_atom = {value} eV/atom is not a finite formation "
                    "energy within +-20 eV/atom"
                )
            if len(comp.elements) == 1 and abs(value) > 1e-9:
                raise LisseError(
                    f"{where}: the element {formula} must have formation energy 0 "
                    f"(got {value} eV/atom); energies are referenced to the elements"
                )
            out.append(ThermoEntry(formula, value, f"{p.name}:{reader.line_num}"))
    return out


def _read_json(p: Path) -> list[ThermoEntry]:
    from monty.json import MontyDecoder

    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise LisseError(f"{p}: not valid JSON ({exc})") from None
    if isinstance(data, dict) and "entries" in data:
        data = data["entries"]
    if not isinstance(data, list):
        raise LisseError(f"{p}: expected a JSON list of pymatgen entries")
    decoded: list[tuple[str, Composition, float]] = []
    for i, item in enumerate(data):
        where = f"{p} entry [{i}]"
        try:
            entry = MontyDecoder().process_decoded(item)
            comp, energy = entry.composition, float(entry.energy)
        except Exception as exc:  # a malformed dict can fail in many ways inside monty/pymatgen
            raise LisseError(f"{where}: not a pymatgen entry ({type(exc).__name__}: {exc})") from None
        if not math.isfinite(energy):
            raise LisseError(f"{where}: energy {energy} is not finite")
        formula, comp = _reduced(comp.formula, where)
        decoded.append((formula, comp, energy / comp.num_atoms))
    refs: dict[str, float] = {}
    for _, comp, epa in decoded:
        if len(comp.elements) == 1:
            el = comp.elements[0].symbol
            refs[el] = min(refs.get(el, math.inf), epa)
    needed = sorted({el.symbol for _, comp, _ in decoded for el in comp.elements})
    missing = [el for el in needed if el not in refs]
    if missing:
        raise LisseError(
            f"{p}: no elemental entry for {', '.join(missing)}; a JSON file needs the "
            "elemental reference of every element it uses to define formation energies"
        )
    out = []
    for i, (formula, comp, epa) in enumerate(decoded):
        e_form = epa - sum(comp.get_atomic_fraction(el) * refs[el.symbol] for el in comp.elements)
        out.append(ThermoEntry(formula, e_form, f"{p.name}[{i}]"))
    return out


def resolve_entries(
    entries: EntrySet | str | Path | None = None, mode: Literal["replace", "extend"] = "replace"
) -> EntrySet:
    """The entry set to use: the bundled one (``None``), an :class:`EntrySet`, or a user file.

    Parameters
    ----------
    entries : EntrySet, str, Path or None
        ``None`` for the bundled Materials Project entries.
    mode : {"replace", "extend"}
        For a file: use it alone (``"replace"``), or add it to the bundled entries
        (``"extend"``, which warns that sources are being mixed).
    """
    if mode not in ("replace", "extend"):
        raise LisseError(f"entries mode must be 'replace' or 'extend', got {mode!r}")
    if entries is None:
        return bundled_entries()
    user = entries if isinstance(entries, EntrySet) else read_entries(entries)
    if mode == "extend":
        return bundled_entries().extended_with(user)
    return user


# ----------------------------------------------------------------------------------------------
# hulls


def _pd_entry(e: ThermoEntry):
    from pymatgen.analysis.phase_diagram import PDEntry
    from pymatgen.core import Composition

    comp = Composition(e.formula)
    return PDEntry(comp, e.e_form_eV_per_atom * comp.num_atoms, name=e.formula)


def phase_diagram(elements: Iterable[str], entries: EntrySet | None = None) -> PhaseDiagram:
    """The convex hull (pymatgen ``PhaseDiagram``) of one chemical system, built once and cached.

    Parameters
    ----------
    elements : iterable of str
        The chemical system, e.g. ``("Li", "P", "S")``.
    entries : EntrySet, optional
        The formation energies to build it from (default: the bundled ones).

    Raises
    ------
    LisseError
        If an element is not in ``entries``.
    """
    return _phase_diagram(tuple(sorted(set(elements))), entries or bundled_entries())


@functools.lru_cache(maxsize=256)
def _phase_diagram(els: tuple[str, ...], entries: EntrySet) -> PhaseDiagram:
    from pymatgen.analysis.phase_diagram import PhaseDiagram

    missing = [el for el in els if el not in entries.elements]
    if missing:
        raise LisseError(
            f"no entries for element(s) {', '.join(missing)} in {entries.label!r}: cannot build "
            f"the {chemical_system(els)} phase diagram (available elements: "
            f"{', '.join(sorted(entries.elements))})"
        )
    subset = [_pd_entry(e) for e in entries.in_system(els)]
    return PhaseDiagram(subset)
