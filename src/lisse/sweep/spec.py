"""The sweep spec: which cells and protocols a sweep runs, checked before any work starts.

A :class:`SweepSpec` names a base cell (a symmetric cell of ``electrolyte``, or a whole cell in the TOML
layout of :meth:`lisse.cell.Cell.to_dict`), a protocol template, the parameters held ``fixed`` and the
``axes`` swept, each

- a grid ``"lo:hi:n"`` (``"lo:hi:n:log"`` for geometric spacing),
- a range ``"lo:hi"`` (``"lo:hi:log"``) drawn by a Latin hypercube of ``lhs`` points over all range axes,
- or an explicit list ``"a,b,c"`` (a TOML array works too); material names (``electrolyte``,
  ``interlayer``, ``anode``) are lists only.

Values carry units (``"0.1 MPa:50 MPa:50"``); a bare number is in the parameter's unit
(:data:`PARAMETERS`: ``current_density`` in mA/cm^2, ``stack_pressure`` in MPa, ``temperature`` in degC,
lengths in um, interlayer thickness in nm). The grid and list axes are crossed with each other and with the
Latin-hypercube points; each resulting design point is crossed with ``samples`` Monte Carlo draws of the
cell's uncertain inputs (:mod:`lisse.cell.uncertainty`; ``samples = 0``: the nominal cell only).

Every problem (an unknown parameter, an empty range, a unit of the wrong dimension, a value the cell does
not accept, a protocol that does not parse) is a one-line :class:`~lisse._core.errors.LisseError` when the
spec is built, naming the field and the value.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator

from lisse import __version__
from lisse._core.errors import LisseError, describe_validation_error
from lisse._core.files import read_toml
from lisse._core.units import Q_, to_si
from lisse.cell.parameters import ModelOptions
from lisse.cell.protocol import parse_protocol
from lisse.cell.simulate import CCD_RAMP
from lisse.cell.stack import Cell

__all__ = ["DEFAULT_PROTOCOL", "PARAMETERS", "Axis", "Parameter", "SweepSpec", "load_spec"]

#: The default protocol: plating and stripping at ``current_density`` for ``half_cycle`` each, ``cycles``
#: times.
DEFAULT_PROTOCOL = (
    "(Plate at {current_density} for {half_cycle}, Strip at {current_density} for {half_cycle}) x {cycles}"
)


@dataclass(frozen=True)
class Parameter:
    """A parameter a sweep can set: its SI unit (None: a material name), the unit of a bare number and
    where it acts."""

    name: str
    si: str | None
    unit: str
    role: Literal["protocol", "cell"]
    doc: str
    default: str | None = None
    """The value a protocol parameter takes when neither fixed nor swept."""


PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        Parameter(
            "current_density", "A/m^2", "mA/cm^2", "protocol", "plating/stripping current density", "0.5"
        ),
        Parameter("half_cycle", "s", "h", "protocol", "length of one plating (or stripping) step", "1"),
        Parameter("cycles", "", "", "protocol", "number of plate/strip cycles", "20"),
        Parameter("stack_pressure", "Pa", "MPa", "cell", "stack pressure"),
        Parameter("temperature", "K", "degC", "cell", "temperature"),
        Parameter("thickness", "m", "um", "cell", "electrolyte thickness"),
        Parameter("relative_density", "", "", "cell", "electrolyte relative density"),
        Parameter("grain_size", "m", "um", "cell", "electrolyte grain size"),
        Parameter("anode_thickness", "m", "um", "cell", "Li (or alloy) anode thickness"),
        Parameter("anode_composition", "", "", "cell", "alloy anode: atom fraction of the alloying element"),
        Parameter("interlayer_thickness", "m", "nm", "cell", "interlayer thickness"),
        Parameter("electrolyte", None, "", "cell", "electrolyte material"),
        Parameter("interlayer", None, "", "cell", "interlayer material ('none': without one)"),
        Parameter("anode", None, "", "cell", "anode material, e.g. 'Li' or 'Li-Mg:10at%'"),
    )
}
_PROTOCOL_PARAMETERS = ("current_density", "half_cycle", "cycles")
_DEFAULT_INTERLAYER_THICKNESS = "10 nm"


def _unknown(name: str) -> LisseError:
    return LisseError(f"parameter {name!r} is not a sweep parameter; allowed: {', '.join(PARAMETERS)}")


def _si(name: str, value: object) -> float | str:
    """A parameter value in SI (a material name stays a string); a LisseError naming it otherwise."""
    p = PARAMETERS[name]
    if p.si is None:
        if not isinstance(value, str) or not value.strip():
            raise LisseError(f"{name} = {value!r}: give a material name")
        return value.strip()
    text = value.strip() if isinstance(value, str) else value
    if isinstance(text, str):
        text = re.sub(r"\s*(cm|m)(-2|\^-2)\b", r"/\1^2", text)  # battery notation "mA cm-2"
        text = re.sub(r"\s*(at\s*)?%", " percent", text)
        if re.fullmatch(r"[-+]?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?", text):
            text = float(text)
    try:
        x = to_si(text, p.unit, expected=p.si, name=name)
    except ValueError as exc:
        raise LisseError(str(exc)) from None
    if name == "cycles" and (x != int(x) or x < 1):
        raise LisseError(f"cycles = {value!r}: the number of cycles must be a positive integer")
    return x


@functools.cache
def _default(name: str) -> float | str | None:
    """The default value of a parameter in SI (None: the base cell's)."""
    default = PARAMETERS[name].default
    return None if default is None else _si(name, default)


def display(name: str, si: np.ndarray | float) -> np.ndarray:
    """SI values of a parameter in its display unit (:data:`PARAMETERS`), e.g. K -> degC."""
    p = PARAMETERS[name]
    if not p.unit:
        return np.asarray(si, dtype=float)
    return np.asarray(Q_(np.asarray(si, dtype=float), p.si or "").to(p.unit).magnitude)


@dataclass(frozen=True)
class Axis:
    """One swept parameter: a grid, a range (Latin hypercube) or a list of values (SI, or names)."""

    name: str
    kind: Literal["grid", "range", "list"]
    values: tuple[float | str, ...]
    """Grid and list: the values; range: (lo, hi)."""
    log: bool = False

    @classmethod
    def parse(cls, name: str, spec: object) -> Axis:
        """An axis from ``"lo:hi:n[:log]"``, ``"lo:hi[:log]"``, ``"a,b,c"`` or a list."""
        if name not in PARAMETERS:
            raise _unknown(name)
        categorical = PARAMETERS[name].si is None
        if isinstance(spec, list | tuple):
            items = list(spec)
        elif isinstance(spec, int | float) and not isinstance(spec, bool):
            items = [spec]
        elif isinstance(spec, str) and ":" in spec and not categorical:
            return cls._range(name, spec)
        elif isinstance(spec, str):
            items = [s for s in spec.split(",") if s.strip()]
        else:
            raise LisseError(f"axis {name} = {spec!r}: write 'lo:hi:n', 'lo:hi' or 'a,b,c'")
        if not items:
            raise LisseError(f"axis {name} = {spec!r}: the list of values is empty")
        values = tuple(_si(name, v) for v in items)
        if len(set(values)) != len(values):
            raise LisseError(f"axis {name} = {spec!r}: a value is listed twice")
        return cls(name, "list", values)

    @classmethod
    def _range(cls, name: str, spec: str) -> Axis:
        parts = [s.strip() for s in spec.split(":")]
        log = parts[-1].lower() == "log"
        if log:
            parts = parts[:-1]
        if len(parts) not in (2, 3) or not all(parts):
            raise LisseError(f"axis {name} = {spec!r}: write 'lo:hi:n' (a grid) or 'lo:hi' (a range)")
        lo, hi = float(_si(name, parts[0])), float(_si(name, parts[1]))
        if not hi > lo:
            raise LisseError(f"axis {name} = {spec!r}: the range is empty (hi must be above lo)")
        if log and lo <= 0:
            raise LisseError(f"axis {name} = {spec!r}: a log axis needs lo > 0")
        if len(parts) == 2:
            return cls(name, "range", (lo, hi), log)
        if not re.fullmatch(r"[0-9]+", parts[2]) or int(parts[2]) < 1:
            raise LisseError(
                f"axis {name} = {spec!r}: the number of points {parts[2]!r} must be an integer >= 1"
            )
        n = int(parts[2])
        space = np.geomspace if log else np.linspace
        values = tuple(float(v) for v in space(lo, hi, n)) if n > 1 else (lo,)
        if name == "cycles":
            values = tuple(sorted({float(round(v)) for v in values}))
        return cls(name, "grid", values, log)

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Range axis: the values at quantiles ``u`` in [0, 1)."""
        lo, hi = self.values
        if self.log:
            return np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo)))
        return lo + u * (hi - lo)


class SweepSpec(BaseModel):
    """A sweep: base cell, protocol, fixed parameters, swept axes, Monte Carlo samples (see the module)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = "sweep"
    electrolyte: str = "LLZO"
    """Electrolyte of the base symmetric Li | electrolyte | Li cell (unless ``cell`` is given)."""
    cell: dict | None = None
    """The base cell in the TOML layout of :meth:`~lisse.cell.Cell.to_dict` (instead of ``electrolyte``)."""
    fixed: dict[str, str | float | int] = {}
    """Parameters held at one value, e.g. ``{"temperature": "25 degC"}``."""
    axes: dict[str, str | float | list] = {}
    """Swept parameters, in order (the first is a map's x axis)."""
    lhs: int | None = Field(None, ge=1)
    """Latin-hypercube points over the range axes."""
    samples: int = Field(0, ge=0)
    """Monte Carlo draws of the uncertain inputs per design point (0: the nominal cell only)."""
    seed: int = Field(0, ge=0)
    protocol: str = DEFAULT_PROTOCOL
    """Protocol, with ``{current_density}``, ``{half_cycle}`` and ``{cycles}`` filled in per point."""
    ccd: bool = False
    """Run the CCD current ramp instead of ``protocol`` (the outcome is each case's CCD)."""
    options: dict[str, float] = {}
    """:class:`~lisse.cell.parameters.ModelOptions` values."""
    chunk: int = Field(256, ge=1)
    """Cases solved together in one batch (one task, one Parquet partition)."""

    _axes: tuple[Axis, ...] = PrivateAttr(())
    _fixed: dict[str, float | str] = PrivateAttr(default_factory=dict)
    _base: Cell | None = PrivateAttr(None)
    _base_data: dict = PrivateAttr(default_factory=dict)
    _base_hash: str = PrivateAttr("")

    @model_validator(mode="after")
    def _check(self) -> SweepSpec:
        self._axes = tuple(Axis.parse(k, v) for k, v in self.axes.items())
        for k in self.fixed:
            if k not in PARAMETERS:
                raise _unknown(k)
        both = sorted(set(self.fixed) & set(self.axes))
        if both:
            raise LisseError(f"{', '.join(both)}: both fixed and swept; keep one")
        self._fixed = {k: _si(k, v) for k, v in self.fixed.items()}
        ranges = [a for a in self._axes if a.kind == "range"]
        if ranges and self.lhs is None:
            raise LisseError(
                f"axis {ranges[0].name}: a range without a number of points; write 'lo:hi:n' or set lhs"
            )
        if self.lhs is not None and not ranges:
            raise LisseError("lhs: a Latin hypercube needs at least one range axis ('lo:hi')")
        if self.ccd:
            bad = [k for k in _PROTOCOL_PARAMETERS if k in self.axes or k in self.fixed]
            if bad:
                raise LisseError(f"{bad[0]}: the CCD ramp sets its own current; drop it (or ccd = false)")
        try:
            ModelOptions(**self.options)
        except ValidationError as exc:
            raise LisseError(f"options: {describe_validation_error(exc)}") from None
        try:
            self._base = (
                Cell.model_validate(self.cell) if self.cell is not None else Cell.symmetric(self.electrolyte)
            )
        except ValidationError as exc:
            raise LisseError(f"cell: {describe_validation_error(exc)}") from None
        self._base.materials()  # a name the library does not know fails here
        self._base_data = json.loads(self._base.model_dump_json())  # the cell as SI data
        self._base_hash = _hash(self._base_data)
        self._check_values()
        return self

    def _check_values(self) -> None:
        """Build the cell and protocol at every listed value and range end of each axis (one at a time)."""
        names = {*self.axes, *self.fixed}
        if (
            "interlayer_thickness" in names
            and self.base_cell.interlayer is None
            and "interlayer" not in names
        ):
            raise LisseError("interlayer_thickness: the cell has no interlayer; set or sweep 'interlayer'")
        self.protocol_at({})
        self.cell_at({})
        for axis in self._axes:
            for v in axis.values:
                point = {axis.name: v}
                if PARAMETERS[axis.name].role == "protocol":
                    self.protocol_at(point)
                else:
                    self.cell_at(point)

    # the design -------------------------------------------------------------------------------
    @property
    def parsed_axes(self) -> tuple[Axis, ...]:
        return self._axes

    @property
    def base_cell(self) -> Cell:
        assert self._base is not None
        return self._base

    @property
    def options_model(self) -> ModelOptions:
        return ModelOptions(**self.options)

    def points(self) -> list[dict[str, float | str]]:
        """Every design point: the swept parameters' values (SI), grid and list axes crossed with each other
        and with the Latin-hypercube points, in a fixed order."""
        crossed = [a for a in self._axes if a.kind != "range"]
        ranges = [a for a in self._axes if a.kind == "range"]
        lhs: list[dict[str, float | str]] = [{}]
        if ranges:
            from scipy.stats import qmc

            u = qmc.LatinHypercube(d=len(ranges), seed=self.seed).random(self.lhs or 1)
            lhs = [{a.name: float(a.from_unit(row[i])) for i, a in enumerate(ranges)} for row in u]
        out = []
        for combo in itertools.product(*(a.values for a in crossed)):
            grid = dict(zip((a.name for a in crossed), combo, strict=True))
            out.extend({**grid, **h} for h in lhs)
        return out

    @property
    def n_points(self) -> int:
        n = self.lhs if any(a.kind == "range" for a in self._axes) else 1
        for a in self._axes:
            if a.kind != "range":
                n *= len(a.values)
        return int(n or 0)

    @property
    def n_cases(self) -> int:
        return self.n_points * max(self.samples, 1)

    def value_at(self, point: dict, name: str) -> float | str | None:
        """A parameter's value at a design point: swept, else fixed, else its default (None: the cell's)."""
        if name in point:
            return point[name]
        if name in self._fixed:
            return self._fixed[name]
        return _default(name)

    def protocol_at(self, point: dict) -> str:
        """The protocol text of a design point."""
        if self.ccd:
            return CCD_RAMP
        j, t, n = (self.value_at(point, k) for k in _PROTOCOL_PARAMETERS)
        try:
            text = self.protocol.format(
                current_density=f"{float(j) / 10.0:.12g} mA cm-2",  # A/m^2 -> mA/cm^2
                half_cycle=f"{float(t):.12g} s",
                cycles=int(float(n)),
            )
        except (KeyError, IndexError, ValueError) as exc:
            raise LisseError(
                f"protocol {self.protocol!r}: unknown placeholder {exc}; use {{current_density}}, "
                "{half_cycle} and {cycles}"
            ) from None
        _parse(text)
        return text

    def cell_at(self, point: dict) -> Cell:
        """The cell of a design point (the base cell with the fixed and swept values set)."""
        values = {**self._fixed, **point}
        d = copy.deepcopy(self._base_data)
        sym = self.base_cell.is_symmetric
        electrodes = ["anode", "counter"] if sym else ["anode"]
        for name, v in values.items():
            if name == "electrolyte":
                d["electrolyte"]["material"] = v
            elif name == "anode":
                for e in electrodes:
                    d[e]["material"] = v
                    d[e].pop("composition", None)
            elif name == "interlayer":
                if str(v).lower() == "none":
                    d.pop("interlayer", None)
                else:
                    old = d.get("interlayer") or {"thickness": _DEFAULT_INTERLAYER_THICKNESS}
                    d["interlayer"] = {**old, "material": v}
        for name, v in values.items():
            if name == "stack_pressure":
                d["pressure"] = v
            elif name == "temperature":
                d["temperature"] = v
            elif name in ("thickness", "relative_density", "grain_size"):
                d["electrolyte"][name] = v
            elif name == "anode_thickness":
                for e in electrodes:
                    d[e]["thickness"] = v
            elif name == "anode_composition":
                for e in electrodes:
                    d[e]["composition"] = v
            elif name == "interlayer_thickness" and d.get("interlayer"):
                d["interlayer"]["thickness"] = v
        where = ", ".join(f"{k} = {v!r}" for k, v in point.items()) or "the base cell"
        try:
            cell = Cell.model_validate(d)
            if {"electrolyte", "interlayer", "anode"} & set(point):
                cell.materials()  # the library knows the names
        except ValidationError as exc:
            raise LisseError(f"at {where}: {describe_validation_error(exc)}") from None
        except LisseError as exc:
            raise LisseError(f"at {where}: {exc}") from None
        return cell

    # identity ---------------------------------------------------------------------------------
    def fingerprint(self) -> str:
        """A hash of the spec (as resolved: SI values, the base cell) and the lisse version; an output folder
        belongs to one fingerprint."""
        return _hash({"spec": self.canonical(), "version": __version__})

    def canonical(self) -> dict:
        """The spec as plain data, with the base cell and the design resolved (what defines the cases)."""
        return {
            "name": self.name,
            "cell": self._base_data,
            "fixed": self._fixed,
            "axes": [[a.name, a.kind, list(a.values), a.log] for a in self._axes],
            "lhs": self.lhs,
            "samples": self.samples,
            "seed": self.seed,
            "protocol": CCD_RAMP if self.ccd else self.protocol,
            "ccd": self.ccd,
            "options": dict(sorted(self.options.items())),
        }

    def case_ids(self, point: dict) -> list[str]:
        """The ids of a point's cases (one per sample; one for a nominal sweep): a hash of the base cell, the
        point's values, the protocol, the options, the sample index and seed, and the lisse version."""
        key = {
            "cell": self._base_hash,
            "fixed": self._fixed,
            "point": {k: point[k] for k in sorted(point)},
            "protocol": self.protocol_at(point) if not self.ccd else CCD_RAMP,
            "options": dict(sorted(self.options.items())),
            "seed": self.seed,
            "version": __version__,
        }
        if self.samples == 0:
            return [_hash({**key, "sample": None})]
        return [_hash({**key, "sample": s}) for s in range(self.samples)]


@functools.lru_cache(maxsize=1024)
def _parse(text: str):
    """:func:`~lisse.cell.protocol.parse_protocol`, once per text (the points of a sweep share protocols)."""
    return parse_protocol(text)


def _hash(obj: object) -> str:
    text = json.dumps(obj, sort_keys=True, separators=(",", ":"), default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def load_spec(source: str | Path | dict) -> SweepSpec:
    """A :class:`SweepSpec` from a TOML file or a dict; a one-line LisseError for a bad one."""
    data = source if isinstance(source, dict) else read_toml(source, "sweep spec")
    try:
        return SweepSpec.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        if all(not e["loc"] for e in errors):  # the spec's own checks: their message names the field
            raise LisseError("; ".join(e["msg"].removeprefix("Value error, ") for e in errors)) from None
        raise LisseError(describe_validation_error(exc)) from None
