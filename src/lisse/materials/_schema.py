"""Validated material records: one :class:`Material` per data file, one :class:`PropertyRecord` per value.

The TOML layout is documented in ``docs/materials-format.md``. Validation happens here, once,
on load: units and dimensions, signs and ranges, temperatures, Arrhenius blocks and sources.
Every error names the file, the material, the field, the bad value and what is allowed.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Collection
from typing import Literal, get_args

import pint
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lisse._core.errors import MaterialDataError, UnknownNameError, describe_validation_error, did_you_mean
from lisse._core.units import Q_, parse_quantity, parse_unit
from lisse.materials._properties import PROPERTIES, PropertySpec, split_name
from lisse.materials.evidence import (
    Distribution,
    EvidenceClass,
    Uncertainty,
    default_distribution,
    precedence,
)
from lisse.materials.temperature import VTF, Arrhenius, TemperatureLaw, temperature_K

__all__ = ["CATEGORIES", "FAMILIES", "Arrhenius", "Material", "PropertyRecord", "build_material"]

_Category = Literal["electrolyte", "anode", "interlayer", "interphase", "cathode"]
_Family = Literal[
    "oxide",
    "sulfide",
    "halide",
    "hydride",
    "nitride",
    "polymer",
    "metal",
    "alloy",
    "phosphide",
    "semiconductor",
]
#: Allowed categories and families (derived from the type hints, so the two cannot drift apart).
CATEGORIES: tuple[str, ...] = get_args(_Category)
FAMILIES: tuple[str, ...] = get_args(_Family)


class PropertyRecord(BaseModel):
    """One stored value: unit, temperature, source, evidence class, uncertainty and temperature law."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    unit: str
    temperature: str
    source: str
    evidence: EvidenceClass
    entry: str | None = None
    """Row or entry id in a dataset or computed database."""
    original: str | None = None
    """The original paper of a dataset entry or of a quoted number."""
    uncertainty: Uncertainty | None = None
    note: str | None = None
    arrhenius: Arrhenius | None = None
    vtf: VTF | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(f"{v!r} is not a finite number")
        return v

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        parse_unit(v)
        return v

    @field_validator("temperature")
    @classmethod
    def _temperature(cls, v: str) -> str:
        temperature_K(v, "temperature")
        return v

    @model_validator(mode="after")
    def _provenance(self) -> PropertyRecord:
        if self.arrhenius is not None and self.vtf is not None:
            raise ValueError("give one temperature law: arrhenius or vtf, not both")
        if self.evidence == "dataset" and (self.entry is None or self.original is None):
            raise ValueError("a dataset record needs 'entry' (its row) and 'original' (the paper's DOI)")
        if self.evidence == "quoted" and self.original is None:
            raise ValueError("a quoted record needs 'original' (the paper the number is quoted from)")
        if self.uncertainty is not None and not self.uncertainty.contains(self.value):
            raise ValueError(
                f"uncertainty bounds [{self.uncertainty.low}, {self.uncertainty.high}] do not contain "
                f"the value {self.value}"
            )
        return self

    @property
    def temperature_K(self) -> float:
        return temperature_K(self.temperature, "temperature")

    @property
    def law(self) -> TemperatureLaw | None:
        """The temperature law (Arrhenius or VTF), if any."""
        return self.arrhenius or self.vtf

    @property
    def quantity(self) -> pint.Quantity:
        return Q_(self.value, parse_unit(self.unit))

    def sources(self) -> list[str]:
        """The bibliography keys this record cites (the value's, then its temperature law's)."""
        law = self.law
        return [self.source] + ([law.source] if law is not None and law.source else [])

    def at(self, T: float | None, name: str, material: str, extrapolate: bool = False) -> pint.Quantity:
        """The value at temperature ``T`` [K] (the stored value if ``T`` is None)."""
        law = self.law
        if T is None or (law is None and abs(T - self.temperature_K) < 1e-9):
            return self.quantity
        if law is None:
            raise MaterialDataError(
                f"{material}: {name} is stored only at {self.temperature} (no temperature law); "
                f"cannot evaluate it at {T:.2f} K"
            )
        if not extrapolate and not law.in_range(T):
            raise MaterialDataError(
                f"{material}: {name} at T = {T:.2f} K is outside the measured range of its temperature law "
                f"({law.valid_from} to {law.valid_to}); pass extrapolate=True to accept"
            )
        try:
            return self.quantity * law.ratio(T, self.temperature_K)
        except ValueError as exc:
            raise MaterialDataError(f"{material}: {name}: {exc}") from None

    def si_at(self, T: float | None, name: str, material: str, extrapolate: bool = False) -> float:
        """:meth:`at` in SI base units, as a float (memoised: a record's value at a temperature is fixed)."""
        return _si_at(self, T, name, material, extrapolate)

    def distribution(self, name: str, T: float | None = None) -> Distribution:
        """The SI distribution of the value at ``T`` [K] (stored temperature if None): the record's own or its
        class's default, scaled by the temperature law and widened outside the law's measured range
        (memoised, as :meth:`si_at`)."""
        return _distribution(self, name, T)

    def _distribution(self, name: str, T: float | None) -> Distribution:
        unit = parse_unit(self.unit) if self.unit else parse_unit("dimensionless")
        to_si = lambda x: float(Q_(x, unit).to_base_units().magnitude)  # noqa: E731
        spec = PROPERTIES[split_name(name)[0]]
        signed = spec.minimum is None or spec.minimum < 0 or not spec.strict
        base = (
            self.uncertainty.to_si(self.value, to_si)
            if self.uncertainty is not None
            else default_distribution(self.evidence, to_si(self.value), signed)
        )
        law = self.law
        if T is None or law is None:
            return base
        return base.scaled(law.ratio(T, self.temperature_K)).widened_log(law.extrapolation_log_sd(T))


# Unit conversions dominate resolving a cell's inputs, and a sampled or swept batch resolves the same
# records for every cell: both are pure functions of a frozen (hashable) record.
@functools.lru_cache(maxsize=16384)
def _si_at(rec: PropertyRecord, T: float | None, name: str, material: str, extrapolate: bool) -> float:
    return float(rec.at(T, name, material, extrapolate).to_base_units().magnitude)


@functools.lru_cache(maxsize=16384)
def _distribution(rec: PropertyRecord, name: str, T: float | None) -> Distribution:
    return rec._distribution(name, T)


def best_record(records: tuple[PropertyRecord, ...]) -> PropertyRecord:
    """The record that is used: the highest evidence class; the first listed among equals."""
    return max(records, key=lambda r: precedence(r.evidence))  # max keeps the first of equal keys


class Material(BaseModel):
    """A material: identity, classification and its cited properties.

    Look properties up with :meth:`property` (pint Quantity) or :meth:`si` (float in SI base
    units); :meth:`with_property` returns a copy with one value overridden.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    formula: str
    category: _Category
    family: _Family
    description: str
    aliases: tuple[str, ...] = ()
    stand_in_formula: str | None = None
    stand_in_note: str | None = None
    candidates: dict[str, tuple[PropertyRecord, ...]] = Field(default_factory=dict)
    """Every record of each property, as listed in the file."""
    properties: dict[str, PropertyRecord] = Field(default_factory=dict)
    """The record used for each property (:func:`best_record` of its candidates)."""
    origin: str = "<memory>"

    @model_validator(mode="before")
    @classmethod
    def _used_records(cls, data: dict) -> dict:
        if isinstance(data, dict) and "candidates" in data:
            cands = {
                k: tuple(PropertyRecord.model_validate(r) if isinstance(r, dict) else r for r in v)
                for k, v in data["candidates"].items()
            }
            data = {**data, "candidates": cands, "properties": {k: best_record(v) for k, v in cands.items()}}
        return data

    def __str__(self) -> str:
        return (
            f"{self.name} ({self.formula}, {self.family} {self.category}, {len(self.properties)} properties)"
        )

    def has(self, name: str) -> bool:
        """Whether a value for ``name`` is stored."""
        return name in self.properties

    def record(self, name: str) -> PropertyRecord:
        """The stored record for ``name``.

        Raises
        ------
        UnknownNameError
            If ``name`` is not a property lisse knows.
        MaterialDataError
            If the property is known but no value is stored for this material.
        """
        if name not in self.properties:
            base, _ = split_name(name)
            if base not in PROPERTIES:
                raise UnknownNameError(
                    f"unknown property {name!r}.{did_you_mean(base, PROPERTIES)} "
                    "Known properties: `lisse materials properties`."
                )
            have = ", ".join(sorted(self.properties)) or "none"
            raise MaterialDataError(
                f"{self.name}: no value stored for {name!r} (a missing value stays missing; "
                f"supply it with with_property). Stored: {have}"
            )
        return self.properties[name]

    def property(
        self, name: str, T: float | pint.Quantity | str | None = None, extrapolate: bool = False
    ) -> pint.Quantity:
        """The value of property ``name`` as a pint Quantity, at temperature ``T`` if given.

        Parameters
        ----------
        name : str
            A property name (``lisse materials properties`` lists them).
        T : float [K], pint.Quantity or str, optional
            Temperature; evaluates the Arrhenius law when one is stored.
        extrapolate : bool
            Allow ``T`` outside the Arrhenius law's validity range.
        """
        return self.record(name).at(_as_kelvin(T), name, self.name, extrapolate)

    def si(self, name: str, T: float | pint.Quantity | str | None = None, extrapolate: bool = False) -> float:
        """The value of property ``name`` in SI base units, as a float."""
        return self.record(name).si_at(_as_kelvin(T), name, self.name, extrapolate)

    def reference_keys(self) -> list[str]:
        """Bibliography keys cited by this material's properties, in order of first use."""
        return list(dict.fromkeys(k for recs in self.candidates.values() for r in recs for k in r.sources()))

    def with_property(
        self,
        name: str,
        value: float | str | pint.Quantity,
        unit: str | None = None,
        temperature: str = "25 degC",
        source: str = "user",
        note: str | None = None,
        evidence: str = "user",
    ) -> Material:
        """A copy of this material with ``name`` set to ``value`` (validated like a data file).

        The new record replaces the property's candidates. ``source`` may be a bibliography key; the default
        ``"user"`` marks a user override, of evidence class ``user``.
        """
        q = parse_quantity(value, default_unit=unit)
        record = {
            "value": float(q.magnitude),
            "unit": f"{q.units:~}" if str(q.units) != "dimensionless" else "",
            "temperature": temperature,
            "source": source,
            "evidence": evidence,
        }
        if note:
            record["note"] = note
        data = self.model_dump(exclude={"properties", "candidates", "origin"})
        props = {k: [r.model_dump(exclude_none=True) for r in v] for k, v in self.candidates.items()}
        props[name] = [record]
        # sources of the stored values were checked when this material was loaded (possibly
        # against a user's bibliography); only the new value's source is checked here
        from lisse._core.citations import bibliography

        known = set(bibliography()) | set(self.reference_keys())
        return build_material(
            {**data, "properties": props}, origin=f"{self.origin} + override of {name}", known_refs=known
        )


def _as_kelvin(T: float | pint.Quantity | str | None) -> float | None:
    if T is None:
        return None
    if isinstance(T, int | float):
        if T <= 0:
            raise MaterialDataError(f"temperature T = {T} K is at or below absolute zero")
        return float(T)
    return temperature_K(T if isinstance(T, str) else f"{T:~}", "T")


def _check_property(name: str, rec: PropertyRecord, where: str, known_refs: Collection[str]) -> None:
    base, other = split_name(name)
    spec: PropertySpec | None = PROPERTIES.get(base)
    if spec is None:
        raise MaterialDataError(f"{where}: unknown property {name!r}.{did_you_mean(base, PROPERTIES)}")
    if other is not None and not spec.qualified:
        raise MaterialDataError(f"{where}: property {base!r} takes no counterpart, got {name!r}")
    if other is None and spec.qualified and base not in ("interfacial_asr", "critical_current_density"):
        raise MaterialDataError(f"{where}: property {base!r} needs a counterpart, e.g. '{base}:LLZO'")
    unit = parse_unit(rec.unit) if rec.unit else parse_unit("dimensionless")
    expected = parse_unit(spec.unit) if spec.unit else parse_unit("dimensionless")
    if unit.dimensionality != expected.dimensionality:
        raise MaterialDataError(
            f"{where}: {name} has unit {rec.unit!r}, which is not a unit of {spec.unit or 'dimensionless'} "
            f"({spec.description})"
        )
    value = float(Q_(rec.value, unit).to(expected).magnitude)
    values = [(value, "value")]
    u = rec.uncertainty
    if u is not None and u.low is not None:
        values += [
            (float(Q_(b, unit).to(expected).magnitude), f"uncertainty.{f}")
            for f, b in (("low", u.low), ("high", u.high))
        ]
    for v, field in values:
        if spec.minimum is not None and (v < spec.minimum or (spec.strict and v == spec.minimum)):
            op = ">" if spec.strict else ">="
            raise MaterialDataError(
                f"{where}: {name}.{field} = {v:g} {spec.unit} is not allowed; "
                f"it must be {op} {spec.minimum:g}"
            )
        if spec.maximum is not None and v > spec.maximum:
            raise MaterialDataError(
                f"{where}: {name}.{field} = {v:g} {spec.unit} is not allowed; it must be <= {spec.maximum:g}"
            )
    if rec.law is not None and not spec.temperature_dependent:
        raise MaterialDataError(
            f"{where}: {name} takes no temperature law (it is not temperature dependent here)"
        )
    for key in rec.sources():
        if key == "user":
            continue
        if key not in known_refs:
            raise MaterialDataError(
                f"{where}: {name}.source {key!r} is not in the bibliography.{did_you_mean(key, known_refs)}"
            )


def build_material(
    data: dict, origin: str, known_refs: Collection[str] | None = None, default_evidence: str | None = "user"
) -> Material:
    """Validate a parsed data file into a :class:`Material`.

    A property is a table (one record) or an array of tables (candidates). A record without ``evidence`` gets
    ``default_evidence`` (``"user"`` for a user's files); with ``default_evidence=None`` (the bundled library)
    every record must state its class.

    Raises
    ------
    MaterialDataError
        Naming ``origin``, the material, the property, the field, the bad value and what is allowed.
    """
    from lisse._core.citations import bibliography

    refs = bibliography() if known_refs is None else known_refs
    label = data.get("name", "<no name>") if isinstance(data, dict) else "<not a table>"
    if not isinstance(data, dict):
        raise MaterialDataError(f"{origin}: expected a TOML table describing one material")
    props_raw = data.get("properties", {})
    if not isinstance(props_raw, dict):
        raise MaterialDataError(f"{origin} ({label}): 'properties' must be a table of property tables")
    candidates: dict[str, list[PropertyRecord]] = {}
    for pname, prec in props_raw.items():
        records = prec if isinstance(prec, list) else [prec]
        if not records or not all(isinstance(r, dict) for r in records):
            raise MaterialDataError(
                f"{origin} ({label}): property {pname!r} must be a table (or an array of tables) with value, "
                "unit, temperature, source and evidence"
            )
        base = split_name(pname)[0]
        if base not in PROPERTIES:
            raise MaterialDataError(
                f"{origin} ({label}): unknown property {pname!r}.{did_you_mean(base, PROPERTIES)}"
            )
        candidates[pname] = [_record(pname, r, f"{origin} ({label})", default_evidence) for r in records]
    fields = {k: v for k, v in data.items() if k != "properties"}
    try:
        material = Material.model_validate({**fields, "candidates": candidates, "origin": origin})
    except ValidationError as exc:
        raise MaterialDataError(f"{origin} ({label}): {describe_validation_error(exc)}") from None
    where = f"{origin} ({material.name})"
    for pname, recs in material.candidates.items():
        for rec in recs:
            _check_property(pname, rec, where, refs)
    return material


def _record(name: str, raw: dict, where: str, default_evidence: str | None) -> PropertyRecord:
    """One record of property ``name``, validated; errors name the property and the field."""
    base = split_name(name)[0]
    if "unit" not in raw and PROPERTIES[base].unit:
        raise MaterialDataError(f"{where}: {name} has no unit; expected a unit of {PROPERTIES[base].unit}")
    if "evidence" not in raw:
        if default_evidence is None:
            raise MaterialDataError(
                f"{where}: {name} has no evidence class; give evidence = one of "
                "measured, computed, dataset, quoted, estimated, calibrated, user"
            )
        raw = {**raw, "evidence": default_evidence}
    try:
        return PropertyRecord.model_validate(raw)
    except ValidationError as exc:
        raise MaterialDataError(f"{where}: {name}: {describe_validation_error(exc)}") from None
