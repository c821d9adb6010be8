"""Validated material records: one :class:`Material` per data file, one :class:`PropertyRecord` per value.

The TOML layout is documented in ``docs/materials-format.md``. Validation happens here, once,
on load: units and dimensions, signs and ranges, temperatures, Arrhenius blocks and sources.
Every error names the file, the material, the field, the bad value and what is allowed.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from typing import Literal, get_args

import pint
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lisse._core.constants import BOLTZMANN_EV, FARADAY
from lisse._core.errors import MaterialDataError, UnknownNameError, describe_validation_error, did_you_mean
from lisse._core.units import Q_, parse_quantity, parse_unit
from lisse.materials._properties import PROPERTIES, PropertySpec, split_name

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


def _temperature_K(text: str, field: str) -> float:
    try:
        q = parse_quantity(text)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None
    if q.dimensionality != Q_(1, "K").dimensionality:
        raise ValueError(f"{field}: {text!r} is not a temperature (write e.g. '25 degC' or '298.15 K')")
    kelvin = float(q.to("K").magnitude)
    if kelvin <= 0:
        raise ValueError(f"{field}: {text!r} is at or below absolute zero")
    return kelvin


def _energy_eV(text: str) -> float:
    q = parse_quantity(text)
    if q.check("[energy]"):
        return float(q.to("eV").magnitude)
    if q.check("[energy]/[substance]"):
        return float(q.to("J/mol").magnitude) / FARADAY
    raise ValueError(f"{text!r} is not an energy (write e.g. '0.31 eV' or '30 kJ/mol')")


class Arrhenius(BaseModel):
    """Temperature dependence of a property: x(T) = x_ref exp(-E_a/k (1/T - 1/T_ref)).

    With ``form = "times_T"`` the product x*T follows the Arrhenius law instead (common for
    ionic conductivity, sigma*T = A exp(-E_a/kT)).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    activation_energy: str
    valid_from: str
    valid_to: str
    form: Literal["plain", "times_T"] = "plain"
    source: str | None = None
    note: str | None = None

    @field_validator("activation_energy")
    @classmethod
    def _energy(cls, v: str) -> str:
        ev = _energy_eV(v)
        if not (0 <= ev < 5):
            raise ValueError(f"{v!r} is outside the plausible range 0 to 5 eV")
        return v

    @property
    def activation_energy_eV(self) -> float:
        return _energy_eV(self.activation_energy)

    @property
    def range_K(self) -> tuple[float, float]:
        return (_temperature_K(self.valid_from, "valid_from"), _temperature_K(self.valid_to, "valid_to"))

    @model_validator(mode="after")
    def _ordered(self) -> Arrhenius:
        lo, hi = self.range_K
        if lo >= hi:
            raise ValueError(f"valid_from ({self.valid_from}) must be below valid_to ({self.valid_to})")
        return self


class PropertyRecord(BaseModel):
    """One stored value with its unit, temperature, source and optional scatter."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    value: float
    unit: str
    temperature: str
    source: str
    range: tuple[float, float] | None = None
    uncertainty: float | None = None
    note: str | None = None
    arrhenius: Arrhenius | None = None

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
        _temperature_K(v, "temperature")
        return v

    @property
    def temperature_K(self) -> float:
        return _temperature_K(self.temperature, "temperature")

    @property
    def quantity(self) -> pint.Quantity:
        return Q_(self.value, parse_unit(self.unit))

    def at(self, T: float | None, name: str, material: str, extrapolate: bool = False) -> pint.Quantity:
        """The value at temperature ``T`` [K] (the stored value if ``T`` is None)."""
        if T is None or (self.arrhenius is None and abs(T - self.temperature_K) < 1e-9):
            return self.quantity
        if self.arrhenius is None:
            raise MaterialDataError(
                f"{material}: {name} is stored only at {self.temperature} (no Arrhenius law); "
                f"cannot evaluate it at {T:.2f} K"
            )
        lo, hi = self.arrhenius.range_K
        if not extrapolate and not (lo - 1e-9 <= T <= hi + 1e-9):
            raise MaterialDataError(
                f"{material}: {name} at T = {T:.2f} K is outside the validity range of its Arrhenius law "
                f"({self.arrhenius.valid_from} to {self.arrhenius.valid_to}); pass extrapolate=True to accept"
            )
        factor = math.exp(
            -self.arrhenius.activation_energy_eV / BOLTZMANN_EV * (1.0 / T - 1.0 / self.temperature_K)
        )
        if self.arrhenius.form == "times_T":
            factor *= self.temperature_K / T
        return self.quantity * factor


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
    properties: dict[str, PropertyRecord] = Field(default_factory=dict)
    origin: str = "<memory>"

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
        return float(self.property(name, T, extrapolate).to_base_units().magnitude)

    def reference_keys(self) -> list[str]:
        """Bibliography keys cited by this material's properties, in order of first use."""
        keys: dict[str, None] = {}
        for rec in self.properties.values():
            keys[rec.source] = None
            if rec.arrhenius is not None and rec.arrhenius.source:
                keys[rec.arrhenius.source] = None
        return list(keys)

    def with_property(
        self,
        name: str,
        value: float | str | pint.Quantity,
        unit: str | None = None,
        temperature: str = "25 degC",
        source: str = "user",
        note: str | None = None,
    ) -> Material:
        """A copy of this material with ``name`` set to ``value`` (validated like a data file).

        ``source`` may be a bibliography key; the default ``"user"`` marks a user override.
        """
        q = parse_quantity(value, default_unit=unit)
        record = {
            "value": float(q.magnitude),
            "unit": f"{q.units:~}" if str(q.units) != "dimensionless" else "",
            "temperature": temperature,
            "source": source,
        }
        if note:
            record["note"] = note
        data = self.model_dump(exclude={"properties", "origin"})
        props = {k: v.model_dump(exclude_none=True) for k, v in self.properties.items()}
        props[name] = record
        # sources of the stored values were checked when this material was loaded (possibly
        # against a user's bibliography); only the new value's source is checked here
        from lisse._core.citations import bibliography

        known = (
            set(bibliography())
            | {r.source for r in self.properties.values()}
            | {r.arrhenius.source for r in self.properties.values() if r.arrhenius and r.arrhenius.source}
        )
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
    return _temperature_K(T if isinstance(T, str) else f"{T:~}", "T")


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
    if rec.range is not None:
        lo, hi = (float(Q_(v, unit).to(expected).magnitude) for v in rec.range)
        if lo > hi:
            raise MaterialDataError(f"{where}: {name}.range {list(rec.range)} is not ordered (low, high)")
        values += [(lo, "range"), (hi, "range")]
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
    if rec.uncertainty is not None and rec.uncertainty < 0:
        raise MaterialDataError(f"{where}: {name}.uncertainty = {rec.uncertainty} must be >= 0")
    if rec.arrhenius is not None and not spec.temperature_dependent:
        raise MaterialDataError(
            f"{where}: {name} takes no Arrhenius law (it is not temperature dependent here)"
        )
    for key in filter(None, (rec.source, rec.arrhenius.source if rec.arrhenius else None)):
        if key == "user":
            continue
        if key not in known_refs:
            raise MaterialDataError(
                f"{where}: {name}.source {key!r} is not in the bibliography.{did_you_mean(key, known_refs)}"
            )


def build_material(data: dict, origin: str, known_refs: Collection[str] | None = None) -> Material:
    """Validate a parsed data file into a :class:`Material`.

    Raises
    ------
    MaterialDataError
        Naming ``origin``, the material, the field, the bad value and what is allowed.
    """
    from lisse._core.citations import bibliography

    refs = bibliography() if known_refs is None else known_refs
    label = data.get("name", "<no name>") if isinstance(data, dict) else "<not a table>"
    if not isinstance(data, dict):
        raise MaterialDataError(f"{origin}: expected a TOML table describing one material")
    props_raw = data.get("properties", {})
    if not isinstance(props_raw, dict):
        raise MaterialDataError(f"{origin} ({label}): 'properties' must be a table of property tables")
    for pname, prec in props_raw.items():
        if not isinstance(prec, dict):
            raise MaterialDataError(
                f"{origin} ({label}): property {pname!r} must be a table with value, unit, "
                "temperature and source"
            )
        base = split_name(pname)[0]
        if base not in PROPERTIES:
            raise MaterialDataError(
                f"{origin} ({label}): unknown property {pname!r}.{did_you_mean(base, PROPERTIES)}"
            )
        if "unit" not in prec and PROPERTIES[base].unit:
            raise MaterialDataError(
                f"{origin} ({label}): {pname} has no unit; expected a unit of {PROPERTIES[base].unit}"
            )
    try:
        material = Material.model_validate({**data, "origin": origin})
    except ValidationError as exc:
        raise MaterialDataError(f"{origin} ({label}): {describe_validation_error(exc)}") from None
    where = f"{origin} ({material.name})"
    for pname, rec in material.properties.items():
        _check_property(pname, rec, where, refs)
    return material
