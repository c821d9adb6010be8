"""Where every number comes from: one resolution step from records, then rules, then family priors.

:class:`Resolver` answers "what value of property P of material M should a model use at temperature T, how
well is it known, and on what evidence?" with a :class:`Value`. The order is fixed:

1. the material's records (the highest evidence class of its candidates; a user's value always wins),
   evaluated at T by their temperature law (extrapolated with an :class:`ExtrapolationWarning` outside its
   measured range, with a growing uncertainty); a thermally activated record without a law is moved to T
   with an activation energy estimated from the library's own laws (:meth:`Resolver._activated`); computed
   (DFT) moduli are corrected for the pellet's porosity;
2. the interconversion rules of :mod:`lisse.materials.estimates` (elasticity, molar volume, i0 from a
   charge-transfer resistance, vacancy diffusion), whose inputs are records or other rule results and whose
   uncertainty is propagated from theirs;
3. the family prior (category and family of the material; for an interface property, the family of the
   counterpart), built from the values the library holds.

A value that none of the three gives raises :class:`MaterialDataError` naming the property: the caller never
gets a silent zero or infinity.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from lisse._core.constants import BOLTZMANN_EV, ELEMENTARY_CHARGE
from lisse._core.errors import ExtrapolationWarning, MaterialDataError
from lisse._core.units import Q_, parse_unit
from lisse.materials._library import Library, default_library
from lisse.materials._properties import PROPERTIES, split_name
from lisse.materials._schema import Material, PropertyRecord
from lisse.materials.estimates import (
    LITERATURE_PRIORS,
    PRIOR_WIDENING,
    Prior,
    binary_salt_transport,
    exchange_current_density_from_resistance,
    family_prior,
    isotropic_elastic_constants,
    molar_volume_from_density,
    nernst_einstein_conductivity,
    pore_diameter_hydraulic,
    porous_moduli_hashin_shtrikman,
    salt_concentration_nernst_einstein,
    vacancy_diffusion_from_self_diffusion,
)
from lisse.materials.evidence import Distribution

__all__ = ["METALLIC_FAMILIES", "Resolver", "Value", "resolve"]

_ELASTIC = ("youngs_modulus", "shear_modulus", "bulk_modulus", "poisson_ratio")
#: Families of electronic conductors: a non-metal's prior never pools metals, nor the reverse.
METALLIC_FAMILIES = ("metal", "alloy", "semiconductor")


@dataclass(frozen=True)
class Value:
    """A resolved input: SI value at the resolver's temperature, its distribution and where it comes from."""

    material: str
    name: str
    value: float
    distribution: Distribution
    evidence: str
    basis: str
    """How the value was obtained: the record's source, the rule and its inputs, or the prior and its pool."""
    sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    inputs: tuple[str, ...] = field(default=())
    """Labels of the values a rule used."""

    @property
    def label(self) -> str:
        return f"{self.material}.{self.name}"

    @property
    def unit(self) -> str:
        """The SI unit of the value."""
        return _si_unit(split_name(self.name)[0])

    def to_dict(self) -> dict:
        lo, hi = self.distribution.interval95
        return {
            "input": self.label,
            "value": self.value,
            "unit": self.unit,
            "evidence": self.evidence,
            "uncertainty": self.distribution.describe(),
            "interval95": [lo, hi],
            "basis": self.basis,
            "sources": list(self.sources),
            "warnings": list(self.warnings),
        }


@functools.cache
def _si_unit(prop: str) -> str:
    """The SI unit of property ``prop`` (memoised: a sweep reports the same units for every case)."""
    spec = PROPERTIES[prop]
    if not spec.unit:
        return ""
    base = Q_(1, parse_unit(spec.unit)).to_base_units()
    return spec.unit if math.isclose(base.magnitude, 1.0) else f"{base.units:~}"


def _spread(d: Distribution) -> tuple[bool, float]:
    """(in log space?, one standard deviation) of a distribution, for propagation."""
    if d.kind == "lognormal":
        return True, d.b
    if d.kind == "loguniform":
        return True, (math.log(d.b) - math.log(d.a)) / math.sqrt(12.0)
    if d.kind == "uniform":
        return False, (d.b - d.a) / math.sqrt(12.0)
    return False, d.b


def propagate(f: Callable[..., float], inputs: dict[str, Value], signed: bool) -> tuple[float, Distribution]:
    """Value and distribution of ``f(**inputs)``: each input is moved by one standard deviation each way (in
    log space where its distribution is log-shaped) and the half-differences of ln f (of f if ``signed``)
    are added in quadrature. Inputs that are arrays (a batch of sampled cells read at once, each value a
    realisation) give the array of results, each a point (normal, sd 0)."""
    nominal = {k: v.value for k, v in inputs.items()}
    y = f(**nominal)
    if any(np.ndim(x) for x in nominal.values()):
        return np.asarray(y, float), Distribution("normal", np.asarray(y, float), 0.0)  # type: ignore[arg-type]
    g = (lambda x: x) if (signed or y <= 0) else math.log
    total = 0.0
    for k, v in inputs.items():
        in_log, sd = _spread(v.distribution)
        if sd == 0:
            continue
        moved = [v.value * math.exp(s * sd) if in_log else v.value + s * sd for s in (1.0, -1.0)]
        ys = [f(**{**nominal, k: m}) for m in moved]
        if any(not math.isfinite(t) or (g is math.log and t <= 0) for t in ys):
            continue
        total += (0.5 * (g(ys[0]) - g(ys[1]))) ** 2
    sd_out = math.sqrt(total)
    if g is math.log:
        return y, Distribution("lognormal", y, sd_out)
    return y, Distribution("normal", y, sd_out)


#: Properties that only follow from others (no family prior of their own): a prior of the pore size
#: would ignore the pellet's relative density and grain size, which the rule uses (with their own priors).
_ONLY_DERIVED = frozenset({"pore_size"})


class Resolver:
    """Resolves material values of one library at one temperature (``None``: as stored), memoised.

    Parameters
    ----------
    library : Library, optional
        The materials (default: the bundled library).
    temperature : float, optional
        T [K] at which temperature laws are evaluated.
    relative_density : dict, optional
        Relative density of the pellet per material name (e.g. from a cell file), used by the porosity
        correction of computed moduli ahead of the library's ``relative_density``.
    stated : dict, optional
        Values a cell states for its materials, ``{material: {property: SI value}}`` (e.g. the pellet's
        relative density and grain size): they come first, as ``user`` values.
    """

    def __init__(
        self,
        library: Library | None = None,
        temperature: float | None = None,
        relative_density: dict[str, float] | None = None,
        stated: dict[str, dict[str, float]] | None = None,
    ):
        self.library = library or default_library()
        self.temperature = temperature
        self.relative_density = dict(relative_density or {})
        self.stated = {
            **{name: {"relative_density": rho} for name, rho in self.relative_density.items()},
            **(stated or {}),
        }
        self._memo: dict[tuple[str, str, bool], Value | None] = {}

    def __call__(self, material: Material | str, name: str) -> Value:
        """The value of ``name`` for ``material``.

        Raises
        ------
        MaterialDataError
            If no record, rule or prior gives it.
        UnknownNameError
            For an unknown material or property.
        """
        m = material if isinstance(material, Material) else self.library.get(material)
        if split_name(name)[0] not in PROPERTIES:
            m.record(name)  # raises UnknownNameError with suggestions
        value = self._resolve(m, name, allow_prior=True)
        if value is None:
            raise MaterialDataError(
                f"{m.name}: no record, rule or prior gives {name!r} (the library holds no value of it "
                f"for any {m.category}); supply it as an override"
            )
        return value

    def resolved(self, label: str) -> Value | None:
        """The value this resolver already gave for ``label`` (``Material.property``), e.g. a rule's input
        (``Value.inputs``); None if it gave none."""
        material, _, name = label.partition(".")
        for allow_prior in (True, False):
            value = self._memo.get((material, name, allow_prior))
            if value is not None:
                return value
        return None

    # -- the three steps ------------------------------------------------------------------------------
    def _resolve(self, m: Material, name: str, allow_prior: bool) -> Value | None:
        key = (m.name, name, allow_prior)
        if key not in self._memo:
            self._memo[key] = None  # in progress: a rule that needs this value (a cycle) finds none
            self._memo[key] = (
                self._from_record(m, name)
                or self._from_rule(m, name, inputs_from_priors=False)
                or (self._from_prior(m, name) if allow_prior and name not in _ONLY_DERIVED else None)
                or (self._from_rule(m, name, inputs_from_priors=True) if allow_prior else None)
            )
        return self._memo[key]

    def _from_record(self, m: Material, name: str) -> Value | None:
        stated = self.stated.get(m.name, {})
        if name in stated:
            x = stated[name]
            return Value(
                m.name, name, x, Distribution("normal", x, 0.0), "user", "user (stated by the cell)", ()
            )
        if name not in m.properties:
            return None
        rec = m.properties[name]
        if rec.evidence == "computed" and name in ("bulk_modulus", "shear_modulus"):
            porous = self._porous_modulus(m, name, rec)
            if porous is not None:
                return porous
        return self._record_value(m, name, rec)

    def _record_value(self, m: Material, name: str, rec: PropertyRecord, move: bool = True) -> Value:
        law, T = rec.law, self.temperature
        if move and law is None and T is not None and _activated_kind(m, name) is not None:
            return self._activated(m, name, rec, T)
        use_T = T if law is not None else None
        notes: list[str] = []
        if law is not None and T is not None and not law.in_range(T):
            measured = f"{law.valid_from} to {law.valid_to}"
            text = f"{m.name}.{name} extrapolated to {T - 273.15:.0f} degC from its measured range"
            text += f" ({measured})"
            warnings.warn(ExtrapolationWarning(text, f"{m.name}.{name}", measured), stacklevel=4)
            notes.append(text)
        value = rec.si_at(use_T, name, m.name, extrapolate=True)
        basis = f"{rec.evidence} ({rec.source}{', entry ' + rec.entry if rec.entry else ''})"
        if rec.original:
            basis += f"; original: {rec.original}"
        if law is not None:
            basis += f"; {law.describe()}"
        return Value(
            m.name,
            name,
            value,
            rec.distribution(name, use_T),
            rec.evidence,
            basis,
            tuple(rec.sources()),
            tuple(notes),
        )

    def _activated(self, m: Material, name: str, rec: PropertyRecord, T: float) -> Value:
        """A thermally activated record without a temperature law, moved from its temperature to ``T`` with
        the family prior of the activation energies the library's Arrhenius laws of the same kind of
        process give: x(T) = x_ref exp(-+E_a/k (1/T - 1/T_ref)) (+ for a resistance, which falls as the rate
        rises). The prior's spread propagates: sd(ln x) grows as sd(E_a)/k |1/T - 1/T_ref|. Within
        :data:`NOMINAL_TEMPERATURE_TOLERANCE` of the record's temperature the record keeps its evidence class
        (a room-temperature record), beyond it the value is ``estimated``."""
        at_record = self._record_value(m, name, rec, move=False)
        prior = self._activation_prior(m, name)
        T_ref = rec.temperature_K
        if prior is None or abs(T - T_ref) < 1e-9:
            return at_record
        sign = -1.0 if _activated_kind(m, name) == "resistance" else 1.0
        distance = abs(1.0 / T - 1.0 / T_ref) / BOLTZMANN_EV
        factor = math.exp(-sign * prior.value * (1.0 / T - 1.0 / T_ref) / BOLTZMANN_EV)
        in_log, sd = _spread(at_record.distribution)
        sd_log = sd if in_log else sd / abs(at_record.value)
        sd_ea = (prior.high - prior.low) / math.sqrt(12.0)
        value = at_record.value * factor
        members = ", ".join(f"{label} {ea:.3g}" for label, ea in prior.pool)
        moved = abs(T - T_ref) > NOMINAL_TEMPERATURE_TOLERANCE
        return Value(
            m.name,
            name,
            value,
            Distribution("lognormal", value, math.hypot(sd_log, sd_ea * distance)),
            "estimated" if moved else at_record.evidence,
            f"{at_record.basis}; moved from {T_ref - 273.15:.0f} to {T - 273.15:.0f} degC with E_a = "
            f"{prior.value:.3g} eV (sd {sd_ea:.2g} eV), the prior of {prior.scope}: {len(prior.pool)} "
            f"Arrhenius law(s) [{members}] (rule: Arrhenius with a family-prior activation energy)",
            at_record.sources,
            at_record.warnings,
        )

    def _activation_prior(self, m: Material, name: str) -> Prior | None:
        """Family prior of the activation energy [eV] of ``m``'s ``name``, pooled from the Arrhenius laws of
        the library's records of the same kind of process (:data:`_ACTIVATED`), most specific first: the same
        material, its family and category, the category of its electronic character, any material; then any
        activated process of materials of its character. Uniform over the span widened by half of it."""
        kind = _activated_kind(m, name)
        kind = "interface kinetics" if kind == "resistance" else kind
        metallic = m.family in METALLIC_FAMILIES
        same_kind = [p for p in self.library.values() if (p.family in METALLIC_FAMILIES) == metallic]
        pools = (
            ([m], kind, f"{m.name}'s {kind} laws"),
            (
                [p for p in same_kind if p.family == m.family and p.category == m.category],
                kind,
                f"{m.family} {m.category}s ({kind})",
            ),
            ([p for p in same_kind if p.category == m.category], kind, f"{m.category}s ({kind})"),
            (list(self.library.values()), kind, f"all materials ({kind})"),
            (same_kind, None, "any thermally activated process"),
        )
        for materials, wanted, scope in pools:
            pool = [
                (f"{p.name}.{n}", r.arrhenius.activation_energy_eV)
                for p in materials
                for n, r in p.properties.items()
                if r.arrhenius is not None and (wanted is None or _activated_kind(p, n) == wanted)
            ]
            if pool:
                return family_prior(pool, scope, True, lambda x: max(x, 0.0))
        return None

    def _porous_modulus(self, m: Material, name: str, rec: PropertyRecord) -> Value | None:
        """A computed (single-crystal) K or G corrected for the pellet's porosity (Hashin-Shtrikman)."""
        rho = self.relative_density.get(m.name)
        rho_basis = "the cell"
        if rho is None and "relative_density" in m.properties:
            rho, rho_basis = m.si("relative_density"), m.properties["relative_density"].source
        other = "shear_modulus" if name == "bulk_modulus" else "bulk_modulus"
        if rho is None or rho >= 1.0 or other not in m.properties:
            return None
        dense = {n: self._record_value(m, n, m.properties[n]) for n in (name, other)}

        def corrected(bulk_modulus: float, shear_modulus: float) -> float:
            K, G = porous_moduli_hashin_shtrikman(bulk_modulus, shear_modulus, rho)
            return K if name == "bulk_modulus" else G

        value, dist = propagate(corrected, dense, signed=False)
        d = dense[name]
        return Value(
            m.name,
            name,
            value,
            dist,
            "computed",
            f"{d.basis}; Hashin-Shtrikman porosity correction to relative density {rho:.3g} ({rho_basis})",
            (*d.sources, "hashin1963"),
            d.warnings,
            tuple(v.label for v in dense.values()),
        )

    def _from_rule(self, m: Material, name: str, inputs_from_priors: bool) -> Value | None:
        rule = functools.partial(self._rule, inputs_from_priors=inputs_from_priors)
        T = self.temperature or 298.15
        base, other = split_name(name)
        if name == "ionic_conductivity" and m.family in METALLIC_FAMILIES:
            return rule(
                m,
                name,
                {"li_diffusion_coefficient": "li_diffusion_coefficient", "molar_volume": "molar_volume"},
                lambda li_diffusion_coefficient, molar_volume: nernst_einstein_conductivity(
                    li_diffusion_coefficient,
                    _li_per_formula(m.formula) / molar_volume,
                    T,
                ),
                "Nernst-Einstein sigma = F^2 c_Li D / (RT) of the Li in a mixed conductor",
                ("newman2004",),
            )
        if name in ("transference_number", "salt_diffusion_coefficient", "salt_concentration"):
            return self._salt_transport(m, name, rule)
        if name in _ELASTIC:
            return self._elastic(m, name, rule)
        if name in ("molar_volume", "density"):
            return self._volumetric(m, name, rule)
        if base == "exchange_current_density" and other is not None:
            return rule(
                m,
                name,
                {"charge_transfer_resistance": f"charge_transfer_resistance:{other}"},
                lambda charge_transfer_resistance: exchange_current_density_from_resistance(
                    charge_transfer_resistance, T
                ),
                "i0 = RT/(F R_ct) from the charge-transfer resistance (linearised Butler-Volmer)",
                ("bard2001",),
            )
        if name == "pore_size":
            return rule(
                m,
                name,
                {"relative_density": "relative_density", "grain_size": "grain_size"},
                pore_diameter_hydraulic,
                "hydraulic pore diameter (2/3) d (1 - rho_r) / rho_r of a packing of grains of size d",
                ("carman1937",),
            )
        if name == "vacancy_diffusion_coefficient":
            return rule(
                m,
                name,
                {
                    "self_diffusion_coefficient": "self_diffusion_coefficient",
                    "formation_energy": "vacancy_formation_energy",
                    "formation_entropy": "vacancy_formation_entropy",
                },
                lambda self_diffusion_coefficient, formation_energy, formation_entropy: (
                    vacancy_diffusion_from_self_diffusion(
                        self_diffusion_coefficient, formation_energy / ELEMENTARY_CHARGE, formation_entropy, T
                    )
                ),
                "D_v = D*/(f x_v): tracer self-diffusion over the correlation factor 1 - 2/Z (bcc) and the "
                "equilibrium vacancy fraction exp(S_f/k - E_f/kT)",
                ("szabo1991",),
            )
        return None

    def _rule(
        self,
        m: Material,
        name: str,
        needs: dict[str, str],
        f: Callable[..., float],
        text: str,
        refs: tuple[str, ...],
        inputs_from_priors: bool,
    ) -> Value | None:
        """Apply rule ``f`` to the values ``needs`` (argument -> property) of ``m`` if all are known."""
        inputs = {}
        for arg, prop in needs.items():
            v = self._resolve(m, prop, allow_prior=inputs_from_priors)
            if v is None:
                return None
            inputs[arg] = v
        spec = PROPERTIES[split_name(name)[0]]
        value, dist = propagate(f, inputs, signed=spec.minimum is None or not spec.strict)
        used = ", ".join(f"{v.label} ({v.evidence})" for v in inputs.values())
        return Value(
            m.name,
            name,
            value,
            dist,
            "estimated",
            f"rule: {text}; from {used}",
            tuple(dict.fromkeys(s for v in inputs.values() for s in v.sources)) + refs,
            tuple(w for v in inputs.values() for w in v.warnings),
            tuple(v.label for v in inputs.values()),
        )

    def _salt_transport(self, m: Material, name: str, rule: Callable[..., Value | None]) -> Value | None:
        """t+, salt diffusion and concentration of a binary salt from its ions' self-diffusivities."""
        ions = {"cation": "self_diffusion_coefficient", "anion": "anion_self_diffusion_coefficient"}
        if name != "salt_concentration":
            index = 0 if name == "transference_number" else 1
            return rule(
                m,
                name,
                ions,
                lambda cation, anion: binary_salt_transport(cation, anion)[index],
                "ideal binary salt from the ions' self-diffusion coefficients (Nernst-Hartley)",
                ("newman2004",),
            )
        if "self_diffusion_coefficient" not in m.properties or "ionic_conductivity" not in m.properties:
            return None
        # the concentration does not depend on T: evaluate all three where the diffusivities were measured
        at = Resolver(self.library, m.properties["self_diffusion_coefficient"].temperature_K)
        T = at.temperature
        return at._rule(
            m,
            name,
            {"conductivity": "ionic_conductivity", **ions},
            lambda conductivity, cation, anion: salt_concentration_nernst_einstein(
                conductivity, cation, anion, T
            ),
            f"Nernst-Einstein c = sigma RT/(F^2 (D+ + D-)) at {T - 273.15:.0f} degC, where the diffusivities "
            "were measured (fully dissociated salt)",
            ("newman2004",),
            inputs_from_priors=False,
        )

    def _elastic(self, m: Material, name: str, rule: Callable[..., Value | None]) -> Value | None:
        known = [n for n in _ELASTIC if n != name and n in m.properties]
        if len(known) < 2:
            return None
        pair = known[:2]
        return rule(
            m,
            name,
            {n: n for n in pair},
            lambda **given: isotropic_elastic_constants(given)[name],
            f"isotropic elasticity from {pair[0]} and {pair[1]}",
            (),
        )

    def _volumetric(self, m: Material, name: str, rule: Callable[..., Value | None]) -> Value | None:
        other = "density" if name == "molar_volume" else "molar_volume"
        molar_mass = _molar_mass(m.formula)
        if molar_mass is None:
            return None
        f = (
            (lambda density: molar_volume_from_density(molar_mass, density))
            if name == "molar_volume"
            else (lambda molar_volume: molar_mass / molar_volume)
        )
        return rule(
            m, name, {other: other}, f, f"{name} from {other} and the formula mass of {m.formula}", ()
        )

    def _from_prior(self, m: Material, name: str) -> Value | None:
        return self._prior_value(m.name, name, self._pools(m, name)) or self._literature_prior(m, name)

    def _literature_prior(self, m: Material, name: str) -> Value | None:
        """The literature prior of ``name`` (:data:`~lisse.materials.estimates.LITERATURE_PRIORS`) for a
        material of its electronic character, where the library has no value to pool."""
        lit = LITERATURE_PRIORS.get(name)
        if lit is None or lit.metallic != (m.family in METALLIC_FAMILIES):
            return None
        prior = lit.prior()
        members = ", ".join(f"{label} {v:.3g}" for label, v in prior.pool)
        return Value(
            m.name,
            name,
            prior.value,
            Distribution("loguniform", prior.low, prior.high),
            "estimated",
            f"literature prior of {prior.scope}: {len(prior.pool)} value(s) [{members}], log-uniform from "
            f"1/{PRIOR_WIDENING:g} of the smallest to {PRIOR_WIDENING:g}x the largest (no material of the "
            "library records it)",
            lit.sources,
        )

    def _prior_value(self, label: str, name: str, pools, prefix: str = "") -> Value | None:
        """The family prior from the first non-empty pool of ``pools`` ((members, scope) pairs)."""
        spec = PROPERTIES[split_name(name)[0]]
        signed = spec.minimum is None or not spec.strict
        lo_lim = -math.inf if spec.minimum is None else _si(spec.unit, spec.minimum)
        hi_lim = math.inf if spec.maximum is None else _si(spec.unit, spec.maximum)
        clip = lambda x: min(max(x, lo_lim), hi_lim)  # noqa: E731
        for pool, scope in pools:
            if pool:
                prior = family_prior(pool, scope, signed, clip)
                break
        else:
            return None
        members = ", ".join(f"{member} {v:.3g}" for member, v in prior.pool)
        shape = (
            f"log-uniform from 1/{PRIOR_WIDENING:g} of the smallest to {PRIOR_WIDENING:g}x the largest"
            if prior.log
            else "uniform over the span widened by half of it"
        )
        return Value(
            label,
            name,
            prior.value,
            Distribution("loguniform" if prior.log else "uniform", prior.low, prior.high),
            "estimated",
            f"{prefix}family prior of {prior.scope}: {len(prior.pool)} value(s) [{members}], {shape}",
        )

    def _pools(self, m: Material, name: str):
        """Candidate pools, most specific first: (list of (label, SI value), scope text)."""
        base, other = split_name(name)
        if other is not None:  # an interface: the same material against counterparts of the family
            counterpart = self.library.get(other) if other in self.library else None
            named = [
                (n, self.library.get(split_name(n)[1]))
                for n in m.properties
                if split_name(n)[0] == base and split_name(n)[1] in self.library and n != name
            ]
            if counterpart is not None:
                same = [n for n, c in named if c.family == counterpart.family]
                yield self._pool(m, same), f"{m.name} against {counterpart.family} {counterpart.category}s"
            yield self._pool(m, [n for n, _ in named]), f"{m.name} against any counterpart"
            return
        others = [p for p in self.library.values() if p.name != m.name]
        peers = [p for p in others if p.category == m.category]
        yield self._peer_pool([p for p in peers if p.family == m.family], name), f"{m.family} {m.category}s"
        yield self._peer_pool([p for p in others if p.family == m.family], name), f"{m.family} materials"
        metallic = m.family in METALLIC_FAMILIES
        kind = "metallic" if metallic else "non-metallic"
        same_kind = [p for p in others if (p.family in METALLIC_FAMILIES) == metallic]
        yield (
            self._peer_pool([p for p in same_kind if p.category == m.category], name),
            f"{kind} {m.category}s",
        )
        yield self._peer_pool(same_kind, name), f"{kind} materials"

    def class_prior(self, label: str, name: str, category: str, metallic: bool) -> Value | None:
        """The prior of ``name`` for a phase the library does not hold (``label``, e.g. a reaction product):
        from the library's ``category`` materials of the same electronic character (metal, alloy and
        semiconductor families, or the others), then from all its materials of that character."""
        kind = "metallic" if metallic else "non-metallic"
        same = [p for p in self.library.values() if (p.family in METALLIC_FAMILIES) == metallic]
        pools = (
            (self._peer_pool([p for p in same if p.category == category], name), f"{kind} {category}s"),
            (self._peer_pool(same, name), f"{kind} materials"),
        )
        return self._prior_value(label, name, pools, f"{label} is not in the library; ")

    def _pool(self, m: Material, names: list[str]) -> list[tuple[str, float]]:
        out = []
        for n in names:
            v = self._resolve(m, n, allow_prior=False)
            if v is not None:
                out.append((f"{split_name(n)[1]} ({v.evidence})", v.value))
        return out

    def _peer_pool(self, peers: list[Material], name: str) -> list[tuple[str, float]]:
        out = []
        for p in peers:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ExtrapolationWarning)
                v = self._resolve(p, name, allow_prior=False)
            # a calibrated value is a fit of the model to cells, not a measurement of a peer: never pooled
            rec = p.properties.get(name)
            if v is not None and (rec is None or rec.evidence != "calibrated"):
                out.append((f"{p.name} ({v.evidence})", v.value))
        return out


#: Kinds of thermally activated process: each property's activation energy is estimated from the laws of
#: the same kind (an interface's exchange current density and its charge-transfer resistance share one).
_ACTIVATED = {
    "ionic_conductivity": "ion conduction",
    "bulk_ionic_conductivity": "ion conduction",
    "electronic_conductivity": "electronic conduction",
    "li_diffusion_coefficient": "diffusion",
    "self_diffusion_coefficient": "diffusion",
    "anion_self_diffusion_coefficient": "diffusion",
    "vacancy_diffusion_coefficient": "diffusion",
    "salt_diffusion_coefficient": "diffusion",
    "exchange_current_density": "interface kinetics",
    "charge_transfer_resistance": "resistance",
    "creep_reference_strain_rate": "creep",
}
#: Records within this distance [K] of the cell temperature keep their evidence class when moved to it: many
#: are at a nominal "room temperature" of 22-28 degC.
NOMINAL_TEMPERATURE_TOLERANCE = 3.0


def _activated_kind(m: Material, name: str) -> str | None:
    """The kind of thermally activated process ``name`` is (None: not activated). The electronic conductivity
    of a metal (band conduction) is not activated; a charge-transfer resistance is the inverse of an
    interface rate ("resistance"), whose activation energies are those of interface kinetics."""
    base = split_name(name)[0]
    if base == "electronic_conductivity" and m.family in METALLIC_FAMILIES:
        return None
    return _ACTIVATED.get(base)


def resolve(
    material: Material | str, name: str, T: float | None = None, library: Library | None = None
) -> Value:
    """The value of ``name`` for ``material`` at ``T`` [K]: record, rule or prior (see :class:`Resolver`)."""
    return Resolver(library, T)(material, name)


def _si(unit: str, x: float) -> float:
    return float(Q_(x, parse_unit(unit or "dimensionless")).to_base_units().magnitude)


@functools.cache
def _li_per_formula(formula: str) -> float:
    from pymatgen.core import Composition

    return float(Composition(formula)["Li"])


@functools.cache
def _molar_mass(formula: str) -> float | None:
    """Formula mass [kg/mol] (pymatgen's Composition, imported only when a rule needs it)."""
    from pymatgen.core import Composition

    try:
        return float(Composition(formula).weight) / 1000.0
    except (ValueError, KeyError):
        return None
