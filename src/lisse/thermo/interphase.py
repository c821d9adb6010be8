"""What kind of interphase a reaction makes: stable, passivating or mixed-conducting (MIEC).

The review (Liu et al. 2021, section 2.2.1, Figure 3) sorts Li | electrolyte interfaces into
three kinds: thermodynamically stable; unstable with a mixed ionic-electronic conducting
interphase that keeps growing; unstable with an electronically insulating, passivating
interphase. This module applies that classification to the thermodynamic products of
:mod:`lisse.thermo.reactions` with an explicit rule (see :func:`classify_interphase` and
``docs/thermo.md``), and estimates the interphase's effective conductivities: the Hashin-Shtrikman upper
bound (the products of each carrier form a connected network, as a layer that grows where ions and electrons
arrive does), with Bruggeman's random mixture as the lower end.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.thermo import _library
from lisse.thermo._cache import disk_cached
from lisse.thermo.entries import EntrySet, parse_formula
from lisse.thermo.reactions import InterfaceReaction, interface_reaction, reaction_with_li

__all__ = [
    "CONDUCTOR_THRESHOLD_S_PER_M",
    "INTERPHASE_KINDS",
    "MIN_CONDUCTOR_VOLUME_FRACTION",
    "PERCOLATION_THRESHOLD_BRUGGEMAN",
    "PERCOLATION_THRESHOLD_SCHER_ZALLEN",
    "ElectronicCharacter",
    "Interphase",
    "NEGLIGIBLE_REACTION_meV_PER_ATOM",
    "bruggeman_conductivity",
    "classify_interphase",
    "connected_network_conductivity",
    "electronic_character",
    "interphase",
]

INTERPHASE_KINDS = ("stable", "passivating", "mixed-conducting")

#: Reaction energies smaller in magnitude than this are "negligible" [meV/atom]: the standard
#: deviation of GGA(+U) reaction energies between chemically similar solids against experiment,
#: 24 meV/atom (Hautier et al., Phys. Rev. B 85, 155208, 2012).
NEGLIGIBLE_REACTION_meV_PER_ATOM = 24.0
#: A product is an electronic conductor if its electronic conductivity is at least this [S/m].
#: Metals and Li alloys lie at 1e4-1e8 S/m, the passivating products (Li2S, Li2O, Li3N, LiF, LiCl)
#: below 1e-6 S/m; any threshold inside that gap classifies them alike.
CONDUCTOR_THRESHOLD_S_PER_M = 1.0
#: Bruggeman effective-medium percolation threshold for spheres: a conducting phase percolates
#: above a volume fraction of 1/3 (Bruggeman 1935; Landauer 1952).
PERCOLATION_THRESHOLD_BRUGGEMAN = 1.0 / 3.0
#: Scher-Zallen critical volume fraction for random 3D site percolation, about 0.16
#: (Scher & Zallen, J. Chem. Phys. 52, 3759, 1970).
PERCOLATION_THRESHOLD_SCHER_ZALLEN = 0.16
#: Conducting products below this volume fraction are treated as traces (screening choice; see
#: docs/thermo.md for why the random-percolation thresholds are not used as the MIEC criterion).
MIN_CONDUCTOR_VOLUME_FRACTION = 0.05

# elements counted as electronic conductors when elemental (and, combined, as intermetallics):
# pymatgen metals, the metalloids Si, Ge, As, Sb, Te (lithiated to metallic alloys or semimetals),
# and C (the ground state in the data is graphite-like). Boron (a semiconductor) is excluded.
_METALLOIDS = frozenset({"Si", "Ge", "As", "Sb", "Te"})


@dataclass(frozen=True)
class ElectronicCharacter:
    """Whether a phase conducts electrons, and on what basis."""

    formula: str
    conductor: bool
    basis: str
    electronic_conductivity_S_per_m: float | None = None


def _is_metallic_element(symbol: str) -> bool:
    from pymatgen.core import Element

    return symbol in _METALLOIDS or symbol == "C" or bool(Element(symbol).is_metal)


@functools.lru_cache(maxsize=512)
def _rule_character(reduced_formula: str) -> tuple[bool, str]:
    comp = parse_formula(reduced_formula)
    symbols = [el.symbol for el in comp.elements]
    if len(symbols) == 1:
        ok = _is_metallic_element(symbols[0])
        return ok, "rule: elemental metal/metalloid/graphite" if ok else "rule: non-metallic element"
    if all(_is_metallic_element(s) and s != "C" for s in symbols):
        return True, "rule: intermetallic (all elements metals or metalloids)"
    if not any(_is_metallic_element(s) for s in symbols):
        return False, "rule: compound of non-metals only (covalent or molecular)"
    if not comp.oxi_state_guesses(max_sites=-50):
        return True, "rule: cannot be charge-balanced with common oxidation states (metal-rich/subvalent)"
    return False, "rule: charge-balanced ionic compound"


def electronic_character(
    formula: str, library=None, threshold_S_per_m: float = CONDUCTOR_THRESHOLD_S_PER_M
) -> ElectronicCharacter:
    """Whether a product phase is an electronic conductor.

    The library's ``electronic_conductivity`` decides where stored (conductor if at least
    ``threshold_S_per_m``). Otherwise a documented rule: elemental metals, metalloids and
    graphite, intermetallics (e.g. Li15Ge4, LiAl, Li13In3), and compounds that cannot be
    charge-balanced with the elements' common oxidation states (metal-rich suboxides and
    phosphides such as Zr3O, Ti6O, Ti3P) are conductors; charge-balanced compounds (Li2S,
    Li3P, LiCl, Li2O) are insulators. Known misses of the rule: metallic charge-balanced
    compounds (TiN, TiP, Co9S8, Ni3S2) unless the library stores their conductivity.

    Parameters
    ----------
    formula : str
        The phase.
    library : lisse.materials.Library, optional
        Source of ``electronic_conductivity`` (default: the bundled library).
    threshold_S_per_m : float
        Conductor threshold [S/m].
    """
    f = parse_formula(formula).reduced_formula
    sigma = _library.electronic_conductivity(f, library)
    if sigma is not None:
        return ElectronicCharacter(
            formula, sigma >= threshold_S_per_m, f"library: electronic_conductivity = {sigma:.3g} S/m", sigma
        )
    ok, basis = _rule_character(f)
    return ElectronicCharacter(formula, ok, basis, None)


@cites("bruggeman1935", "landauer1952")
def bruggeman_conductivity(volume_fractions: Sequence[float], conductivities: Sequence[float]) -> float:
    """Effective conductivity of a random mixture by Bruggeman's symmetric effective-medium rule.

    Parameters
    ----------
    volume_fractions : sequence of float
        Volume fraction of each phase [-]; normalised to sum to 1.
    conductivities : sequence of float
        Conductivity of each phase [S/m], >= 0.

    Returns
    -------
    float
        Effective conductivity [S/m].

    Notes
    -----
    For spherical grains randomly mixed (Bruggeman 1935; Landauer 1952):

    .. math::

        \\sum_i \\phi_i \\frac{\\sigma_i - \\sigma_{eff}}{\\sigma_i + 2\\sigma_{eff}} = 0

    A conducting phase in an insulating matrix percolates at :math:`\\phi_c = 1/3`; for two
    phases with :math:`\\sigma_2 = 0`, :math:`\\sigma_{eff} = \\sigma_1 (3\\phi_1 - 1)/2`.
    Valid for isotropic, equiaxed grains without correlation in their positions.

    References
    ----------
    .. [1] D. A. G. Bruggeman, Ann. Phys. 416, 636 (1935), DOI 10.1002/andp.19354160705
    .. [2] R. Landauer, J. Appl. Phys. 23, 779 (1952), DOI 10.1063/1.1702301

    Examples
    --------
    Half metal (1 S/m), half insulator: :math:`\\sigma_{eff} = (3 \\cdot 0.5 - 1)/2 = 0.25` S/m.

    >>> round(bruggeman_conductivity([0.5, 0.5], [1.0, 0.0]), 6)
    0.25
    """
    from scipy.optimize import brentq

    phi, sig = _checked_mixture(volume_fractions, conductivities)
    pairs = [(p, s) for p, s in zip(phi, sig, strict=True) if p > 0]
    hi = max(s for _, s in pairs)
    if hi == 0.0:
        return 0.0
    if all(s == pairs[0][1] for _, s in pairs):
        return pairs[0][1]

    def g(u: float) -> float:
        m = 10.0**u
        return sum(p * (s - m) / (s + 2.0 * m) for p, s in pairs)

    lo = min((s for _, s in pairs if s > 0), default=hi)
    u_lo, u_hi = math.log10(lo) - 30.0, math.log10(hi)
    if g(u_lo) <= 0.0:  # the insulating phases block: below percolation
        return 0.0
    return 10.0 ** brentq(g, u_lo, u_hi, xtol=1e-12)


@cites("hashin1962")
def connected_network_conductivity(
    volume_fractions: Sequence[float], conductivities: Sequence[float]
) -> float:
    """Effective conductivity of a mixture whose best conductor forms a connected network: the
    Hashin-Shtrikman upper bound.

    Parameters
    ----------
    volume_fractions : sequence of float
        Volume fraction of each phase [-]; normalised to sum to 1.
    conductivities : sequence of float or array
        Conductivity of each phase [S/m], >= 0; a phase's may be an array (one value per sampled cell: the
        result is then an array of their effective conductivities, element by element).

    Returns
    -------
    float or array
        Effective conductivity [S/m].

    Notes
    -----
    For an isotropic mixture (Hashin & Shtrikman 1962/1963), with :math:`\\sigma_m` the largest phase
    conductivity:

    .. math::

        \\sigma_{HS+} = \\left[\\sum_i \\frac{\\phi_i}{\\sigma_i + 2\\sigma_m}\\right]^{-1} - 2\\sigma_m

    It is the exact conductivity of coated spheres with the best conductor as the continuous coating, and
    the largest any isotropic arrangement of these volume fractions can have. For two phases with
    :math:`\\sigma_2 = 0` it is :math:`\\sigma_1 \\cdot 2\\phi_1/(3 - \\phi_1)`: no percolation threshold.
    Used for interphases, whose products form where ions and electrons arrive, so each carrier's path is
    connected by construction (``docs/thermo.md``); :func:`bruggeman_conductivity` (random mixture) is the
    lower end of the range.

    References
    ----------
    .. [1] Z. Hashin, S. Shtrikman, J. Appl. Phys. 33, 3125 (1962), DOI 10.1063/1.1728579

    Examples
    --------
    Half conductor (1 S/m), half insulator: :math:`2 \\cdot 0.5 / 2.5 = 0.4` S/m.

    >>> round(connected_network_conductivity([0.5, 0.5], [1.0, 0.0]), 6)
    0.4
    """
    phi, sig = _checked_mixture(volume_fractions, conductivities)
    m = functools.reduce(np.maximum, sig)  # element by element where conductivities are arrays
    safe = np.where(m == 0.0, 1.0, m)  # all insulating: 0, below
    network = np.where(
        m == 0.0, 0.0, 1.0 / sum(p / (s + 2.0 * safe) for p, s in zip(phi, sig, strict=True)) - 2.0 * safe
    )
    return float(network) if network.ndim == 0 else network


def _checked_mixture(
    volume_fractions: Sequence[float], conductivities: Sequence[float]
) -> tuple[list[float], list[float]]:
    """Volume fractions (normalised) and conductivities as floats (a conductivity may be an array: one value
    per sampled cell), or a LisseError naming what is wrong."""
    phi = [float(p) for p in volume_fractions]
    sig = [float(s) if np.ndim(s) == 0 else np.asarray(s, float) for s in conductivities]
    if len(phi) != len(sig) or not phi:
        raise LisseError("volume_fractions and conductivities must be non-empty and of equal length")
    if any(p < 0 for p in phi) or sum(phi) <= 0:
        raise LisseError(f"volume fractions must be >= 0 with a positive sum, got {phi}")
    if any(np.any(s < 0) or not np.all(np.isfinite(s)) for s in sig):
        raise LisseError(f"conductivities must be finite and >= 0 [S/m], got {sig}")
    total = sum(phi)
    return [p / total for p in phi], sig


@dataclass(frozen=True)
class Interphase:
    """The interphase a phase forms against an electrode, and its classification."""

    formula: str
    against: str
    interphase: str
    reaction: InterfaceReaction
    conducting_products: tuple[str, ...]
    conductor_volume_fraction: float | None
    percolation: str
    characters: tuple[ElectronicCharacter, ...]
    effective_ionic_conductivity_S_per_m: float | None
    effective_electronic_conductivity_S_per_m: float | None
    missing_properties: tuple[str, ...]
    rule: str
    notes: tuple[str, ...] = field(default=())
    name: str | None = None
    inputs: tuple = field(default=())
    """The product values behind the effective conductivities (``lisse.materials.resolve.Value``)."""
    random_mixture_ionic_conductivity_S_per_m: float | None = None
    """Ionic conductivity if the products were randomly mixed (Bruggeman): the lower end [S/m]."""
    random_mixture_electronic_conductivity_S_per_m: float | None = None
    """Electronic conductivity if the products were randomly mixed (Bruggeman): the lower end [S/m]."""

    def to_dict(self) -> dict[str, Any]:
        rx = self.reaction.to_dict()
        out: dict[str, Any] = {
            "name": self.name,
            "formula": self.formula,
            "against": self.against,
            "interphase": self.interphase,
            "conducting_products": list(self.conducting_products),
            "conductor_volume_fraction": self.conductor_volume_fraction,
            "percolation": self.percolation,
            "products": rx["products"],
            "equation": rx["equation"],
            "reaction_energy_meV_per_atom": rx["reaction_energy_meV_per_atom"],
            "reaction_energy_eV_per_formula_unit": rx["reaction_energy_eV_per_formula_unit"],
            "volume_change_fraction": rx["volume_change_fraction"],
            "product_to_phase_volume_ratio": rx["product_to_phase_volume_ratio"],
            "effective_ionic_conductivity_S_per_m": self.effective_ionic_conductivity_S_per_m,
            "effective_electronic_conductivity_S_per_m": self.effective_electronic_conductivity_S_per_m,
            "random_mixture_ionic_conductivity_S_per_m": self.random_mixture_ionic_conductivity_S_per_m,
            "random_mixture_electronic_conductivity_S_per_m": (
                self.random_mixture_electronic_conductivity_S_per_m
            ),
            "missing_properties": list(self.missing_properties),
            "electronic_character": {
                c.formula: {"conductor": c.conductor, "basis": c.basis} for c in self.characters
            },
            "rule": self.rule,
            "notes": list(self.notes),
            "reaction": rx,
        }
        if self.against == "Li":
            out["products_with_li"] = rx["products_with_li"]
            out["reaction_energy_with_li_meV_per_atom"] = rx["reaction_energy_with_li_meV_per_atom"]
            out["li_per_formula_unit"] = rx["li_per_formula_unit"]
        return out


@cites(
    "liu2021",
    "zhu2015",
    "richards2016",
    "wenzel2016",
    "hautier2012",
    "scher1970",
    "bruggeman1935",
    "landauer1952",
)
def classify_interphase(
    reaction: InterfaceReaction,
    library=None,
    negligible_meV_per_atom: float = NEGLIGIBLE_REACTION_meV_PER_ATOM,
    conductor_threshold_S_per_m: float = CONDUCTOR_THRESHOLD_S_PER_M,
    min_conductor_volume_fraction: float = MIN_CONDUCTOR_VOLUME_FRACTION,
    temperature: float = _library.STANDARD_TEMPERATURE,
) -> Interphase:
    """Classify the interphase a reaction makes: ``stable``, ``passivating`` or ``mixed-conducting``.

    Rule (thresholds are arguments; defaults documented in ``docs/thermo.md``):

    1. ``stable`` if nothing reacts, or if the reaction energy is smaller in magnitude than
       ``negligible_meV_per_atom`` (24 meV/atom, the DFT error of such reaction energies).
    2. Otherwise, the products' electronic character is decided by :func:`electronic_character`.
       No conducting product: ``passivating``.
    3. Conducting products with volume fraction :math:`\\phi_e`:
       ``mixed-conducting`` if :math:`\\phi_e \\ge` ``min_conductor_volume_fraction`` (0.05)
       or if :math:`\\phi_e` is unknown (a product's molar volume is missing: the conservative
       answer); ``passivating`` with a note if below. The random-percolation thresholds
       (Scher-Zallen 0.16, Bruggeman 1/3) are reported in ``percolation`` and a warning is
       issued when a MIEC classification rests on a fraction below them: the conductor forms
       where electrons arrive, so its network is connected by construction rather than random
       (docs/thermo.md, "Why not the random-percolation threshold").

    Parameters
    ----------
    reaction : InterfaceReaction
        From :func:`reaction_with_li` or :func:`interface_reaction`.
    library : lisse.materials.Library, optional
        Source of product conductivities and molar volumes.
    negligible_meV_per_atom : float
        Reaction energies above ``-negligible_meV_per_atom`` count as no reaction [meV/atom].
    conductor_threshold_S_per_m : float
        Electronic conductivity making a product a conductor [S/m].
    min_conductor_volume_fraction : float
        Conducting-product volume fraction below which the conductor is a trace [-].
    temperature : float
        Temperature at which the products' conductivities are evaluated [K] (their temperature laws, else
        the library's activation-energy estimates; the classification itself does not depend on it).

    Returns
    -------
    Interphase
        Classification, conducting products and their volume fraction, effective ionic and
        electronic conductivities of the product mixture [S/m] (None where a product property is
        missing from the library; names in ``missing_properties``).

    Notes
    -----
    Effective conductivities use :func:`connected_network_conductivity` (Hashin-Shtrikman upper bound)
    with the products' volume fractions: the products form where ions and electrons arrive, so each
    carrier's path is connected. The random mixture (:func:`bruggeman_conductivity`, zero below
    :math:`\\phi_c = 1/3`) is reported as the lower end (``random_mixture_*``).

    References
    ----------
    .. [1] J. Liu et al., Adv. Energy Mater. 11, 2100748 (2021), DOI 10.1002/aenm.202100748
    .. [2] S. Wenzel et al., Chem. Mater. 28, 2400 (2016), DOI 10.1021/acs.chemmater.6b00610
    .. [3] H. Scher, R. Zallen, J. Chem. Phys. 52, 3759 (1970), DOI 10.1063/1.1673565
    .. [4] G. Hautier et al., Phys. Rev. B 85, 155208 (2012), DOI 10.1103/PhysRevB.85.155208
    """
    notes: list[str] = list(reaction.notes)
    products = reaction.products
    chars = tuple(electronic_character(p.formula, library, conductor_threshold_S_per_m) for p in products)
    conducting = tuple(c.formula for c in chars if c.conductor)
    fracs = [p.volume_fraction for p in products]
    known = all(f is not None for f in fracs)
    phi_e = (
        sum(
            p.volume_fraction
            for p, c in zip(products, chars, strict=True)  # type: ignore[misc]
            if c.conductor
        )
        if known
        else None
    )
    rule_parts = [
        f"negligible |dE| < {negligible_meV_per_atom:g} meV/atom",
        f"conductor if sigma_e >= {conductor_threshold_S_per_m:g} S/m (else rule)",
        f"MIEC if conductor volume fraction >= {min_conductor_volume_fraction:g} or unknown",
    ]
    rule = "; ".join(rule_parts)

    if phi_e is None:
        percolation = "unknown (missing molar volumes)" if conducting else "none"
    elif not conducting:
        percolation = "none"
    elif phi_e >= PERCOLATION_THRESHOLD_BRUGGEMAN:
        percolation = "above Bruggeman threshold (1/3): percolates even as a random mixture"
    elif phi_e >= PERCOLATION_THRESHOLD_SCHER_ZALLEN:
        percolation = "above Scher-Zallen critical volume fraction (0.16), below Bruggeman (1/3)"
    else:
        percolation = "below random-percolation thresholds (0.16, 1/3)"

    if not reaction.reacts or reaction.reaction_energy_meV_per_atom > -negligible_meV_per_atom:
        kind = "stable"
        if reaction.reacts:
            notes.append(
                f"reaction energy {reaction.reaction_energy_meV_per_atom:.1f} meV/atom is within the "
                f"{negligible_meV_per_atom:g} meV/atom DFT uncertainty: treated as no driving force"
            )
    elif not conducting:
        kind = "passivating"
    elif phi_e is None:
        kind = "mixed-conducting"
        notes.append(
            "conducting products present but their volume fraction is unknown (missing molar "
            f"volumes: {', '.join(reaction.volume.missing)}): classified mixed-conducting "
            "(conservative)"
        )
    elif phi_e >= min_conductor_volume_fraction:
        kind = "mixed-conducting"
        if phi_e < PERCOLATION_THRESHOLD_SCHER_ZALLEN:
            msg = (
                f"{reaction.formula} | {reaction.against}: conducting products {', '.join(conducting)} "
                f"occupy {phi_e:.3f} of the interphase volume, below the random-percolation thresholds "
                "(0.16 Scher-Zallen, 1/3 Bruggeman); classified mixed-conducting because the conductor "
                "grows where electrons arrive (connected network), as observed for LGPS (Wenzel 2016)"
            )
            notes.append(msg)
            warnings.warn(msg, UserWarning, stacklevel=2)
    else:
        kind = "passivating"
        msg = (
            f"{reaction.formula} | {reaction.against}: trace conducting products {', '.join(conducting)} "
            f"({phi_e:.3f} by volume < {min_conductor_volume_fraction:g}): classified passivating"
        )
        notes.append(msg)
        warnings.warn(msg, UserWarning, stacklevel=2)

    (sig_i, rand_i), (sig_e, rand_e), missing, used = _effective(
        products, chars, library, conductor_threshold_S_per_m, temperature
    )
    if reaction.volume.missing:
        missing = tuple(dict.fromkeys([*(f"molar volume of {f}" for f in reaction.volume.missing), *missing]))
    return Interphase(
        formula=reaction.formula,
        against=reaction.against,
        interphase=kind,
        reaction=reaction,
        conducting_products=conducting,
        conductor_volume_fraction=phi_e,
        percolation=percolation,
        characters=chars,
        effective_ionic_conductivity_S_per_m=sig_i,
        effective_electronic_conductivity_S_per_m=sig_e,
        missing_properties=missing,
        rule=rule,
        notes=tuple(notes),
        name=reaction.name,
        inputs=used,
        random_mixture_ionic_conductivity_S_per_m=rand_i,
        random_mixture_electronic_conductivity_S_per_m=rand_e,
    )


def interphase_conductivities(
    ip: Interphase, library=None, temperature: float = _library.STANDARD_TEMPERATURE, draws=None
) -> tuple[float | None, float | None]:
    """The effective ionic and electronic conductivities [S/m] of an interphase's products (connected
    network, as in :func:`classify_interphase`) with some product values replaced.

    Parameters
    ----------
    ip : Interphase
        From :func:`interphase`.
    library : lisse.materials.Library, optional
        Source of the product values (default: the bundled library).
    temperature : float
        Temperature at which they are evaluated [K].
    draws : mapping, optional
        ``{"Li2S.ionic_conductivity": value in S/m, ...}``: values used instead of the resolved ones (labels
        as in ``ip.inputs``), e.g. one draw of a sampled cell (``lisse.cell.uncertainty``). The reaction and
        its volume fractions are those of ``ip``: nothing is recomputed from the hulls.
    """
    fr = [p.volume_fraction for p in ip.reaction.products]
    if any(f is None for f in fr):
        return None, None
    ion, ele = _product_values_of(ip, library, temperature)
    return _network(fr, ion, draws), _network(fr, ele, draws)


#: (id of the interphase, id of the library, temperature) -> (interphase, library, values): the resolved
#: product values of :func:`interphase_conductivities`, resolved once per interphase, library and
#: temperature instead of once per sampled cell (the objects are kept, so an id is not reused meanwhile)
_PRODUCT_VALUES: dict[tuple[int, int, float], tuple[Interphase, object, tuple[list, list]]] = {}


def _product_values_of(ip: Interphase, library, temperature: float) -> tuple[list, list]:
    from lisse.materials import default_library

    lib = library if library is not None else default_library()
    key = (id(ip), id(lib), float(temperature))
    hit = _PRODUCT_VALUES.get(key)
    if hit is None or hit[0] is not ip or hit[1] is not lib:
        if len(_PRODUCT_VALUES) >= 64:
            _PRODUCT_VALUES.clear()
        ion, ele, _, _ = _product_values(ip.reaction.products, ip.characters, lib, temperature)
        hit = _PRODUCT_VALUES[key] = (ip, lib, (ion, ele))
    return hit[2]


def _effective(products, chars, library, threshold, temperature=_library.STANDARD_TEMPERATURE, draws=None):
    """Effective ionic and electronic conductivities of the products [S/m] (connected network, then random
    mixture), what is missing, and the resolved product values used (records, rules, priors; stand-ins for
    products the library lacks; ``draws`` replaces values by label).

    The ionic path runs through the electronically insulating products: a metallic product carries the
    electrons, and its own Li transport (diffusion of neutral Li, not measured for these products) is left
    out of the ionic path (counted as 0), which keeps an alloy's metal-class prior from short-cutting it."""
    fr = [p.volume_fraction for p in products]
    if any(f is None for f in fr):
        return (None, None), (None, None), (), ()
    ion, ele, missing, used = _product_values(products, chars, library, temperature)
    return _mixed(fr, ion, draws), _mixed(fr, ele, draws), missing, used


def _product_values(products, chars, library, temperature) -> tuple[list, list, tuple, tuple]:
    """Each product's ionic and electronic conductivity as ``(label, value)`` (value None: missing; label
    None: not drawable), what is missing, and the resolved values used (see :func:`_effective`)."""
    missing: list[str] = []
    used: list = []
    ion: list[tuple[str | None, float | None]] = []
    ele: list[tuple[str | None, float | None]] = []
    for p, c in zip(products, chars, strict=True):
        for name, out in (("ionic_conductivity", ion), ("electronic_conductivity", ele)):
            label = f"{p.formula}.{name}"
            if name == "electronic_conductivity" and c.electronic_conductivity_S_per_m is not None:
                # the library's value that decided the product's character: listed, so it can be drawn
                v = _library.resolved(p.formula, name, library, temperature)
                if v is not None:
                    used.append(v)
                    label = v.label
                out.append((label, c.electronic_conductivity_S_per_m))
                continue
            if name == "ionic_conductivity" and c.conductor:
                out.append((None, 0.0))
                continue
            v = _library.resolved(p.formula, name, library, temperature)
            if v is None and _library.library_material(p.formula, library) is None:
                v = _library.stand_in(p.formula, name, c.conductor, library, temperature)
            if v is None:
                missing.append(f"{name} of {p.formula}")
                out.append((None, None))
            else:
                used.append(v)
                out.append((v.label, v.value))
    return ion, ele, tuple(missing), tuple(used)


def _drawn(values: list, draws) -> list[float | None]:
    """The ``(label, value)`` conductivities' values, a drawn one replacing its label's."""
    return [(draws or {}).get(label, v) if label is not None else v for label, v in values]


def _mixed(fr: list[float], values: list, draws) -> tuple[float | None, float | None]:
    """Connected-network and random-mixture conductivities of products at volume fractions ``fr`` with
    ``(label, value)`` conductivities (:func:`_drawn`)."""
    x = _drawn(values, draws)
    if any(v is None for v in x):
        return None, None
    return connected_network_conductivity(fr, x), bruggeman_conductivity(fr, x)


def _network(fr: list[float], values: list, draws) -> float | None:
    """The connected-network conductivity alone (:func:`_mixed`)."""
    x = _drawn(values, draws)
    return None if any(v is None for v in x) else connected_network_conductivity(fr, x)


@disk_cached
def interphase(
    material_or_formula: str,
    against: str = "Li",
    entries: EntrySet | None = None,
    library=None,
    **thresholds: float,
) -> Interphase:
    """The interphase a phase forms against Li metal (default) or another solid, classified.

    Parameters
    ----------
    material_or_formula : str
        The phase: a material name or a formula.
    against : str
        ``"Li"`` (the anode at 0 V, Li in excess: :func:`reaction_with_li`) or another solid
        (cathode, coating: :func:`interface_reaction`), as a name or a formula.
    entries : EntrySet, optional
        Formation energies (default: the bundled ones).
    library : lisse.materials.Library, optional
        Source of product properties.
    **thresholds
        Passed to :func:`classify_interphase` (its thresholds, and ``temperature`` [K] at which the
        products' conductivities are evaluated; default 25 degC).

    Examples
    --------
    >>> interphase("Li6PS5Cl").interphase   # Li2S + Li3P + LiCl: all insulators
    'passivating'
    """
    r = _library.resolve(against, library)
    if r.composition.reduced_formula == "Li":
        rx = reaction_with_li(material_or_formula, entries, library)
    else:
        rx = interface_reaction(material_or_formula, against, entries, library)
    return classify_interphase(rx, library, **thresholds)
