"""The cell stack: anode | optional interlayer | electrolyte | counter electrode, and conditions.

Strings with units are accepted at this edge (``"30 um"``, ``"5 MPa"``, ``"25 degC"``) and
stored in SI. Material names are resolved against a :class:`~lisse.materials.Library`.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from lisse._core.errors import LisseError, describe_validation_error
from lisse._core.files import read_toml
from lisse._core.units import MAH_PER_CM2, to_si
from lisse.materials import Library, Material, default_library

__all__ = ["Cell", "CellLayer", "CounterLayer", "ElectrolyteLayer"]


def _fmt(value: float, scale: float, unit: str) -> str:
    return f"{value / scale:.15g} {unit}"


def _positive(v: object, unit: str, name: str, example: str = "") -> float | None:
    """``v`` in SI (None stays None); a ValueError naming the field and value unless it is > 0."""
    if v is None:
        return None
    text = v
    if isinstance(v, str):  # the battery notations "mA h cm-2", "mAh/cm2"
        v = re.sub(r"\s*(cm|m)(-2|\^-2|⁻²)", r"/\1^2", v)
        v = re.sub(r"/(cm|m)2\b", r"/\1^2", v)
        v = re.sub(r"\b([mµu]?A)h\b", r"\1*h", v)
    x = to_si(v, unit, expected=unit, name=name)
    v = text
    if not x > 0:
        raise ValueError(f"{name}: {v!r} is not allowed; it must be > 0{example}")
    return x


#: ``"Li-Mg:10at%"``: an alloy and the atom percentage of its alloying element.
_COMPOSITION = re.compile(r"^\s*(?P<value>[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*at\s*%\s*$")


def _composition(v: object) -> float | None:
    """Atom fraction of the alloying element from ``"10at%"``/``"10 at%"`` or a fraction; None stays None."""
    if v is None:
        return None
    if isinstance(v, str):
        m = _COMPOSITION.match(v)
        if m is None:
            raise ValueError(
                f"composition: {v!r} is not allowed; give the atom percentage of the alloying element, "
                "e.g. 'Li-Mg:10at%'"
            )
        x = float(m["value"]) / 100.0
    elif isinstance(v, int | float) and not isinstance(v, bool):
        x = float(v)
    else:
        raise ValueError(f"composition: {v!r} is not allowed; give e.g. '10at%'")
    if not 0 < x < 1:
        raise ValueError(
            f"composition: {v!r} is not allowed; the alloying element's share must be in (0, 100) at%"
        )
    return x


class CellLayer(BaseModel):
    """One layer: a material name and its thickness [m]; for an alloy anode also its composition.

    ``material="Li-Mg:10at%"`` is read as the material ``Li-Mg`` with ``composition=0.10``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    material: str
    thickness: float
    # Li-alloy anodes (issue 12, item 2)
    composition: float | None = None
    """Atom fraction of the alloying element of an alloy anode (``Li-Mg:10at%``: 0.10); None: the
    formula's."""

    @model_validator(mode="before")
    @classmethod
    def _split_composition(cls, data: object) -> object:
        if isinstance(data, dict) and isinstance(data.get("material"), str) and ":" in data["material"]:
            name, _, spec = data["material"].rpartition(":")
            if data.get("composition") is not None:
                raise ValueError(
                    f"composition: given twice ({data['material']!r} and composition={data['composition']!r})"
                )
            data = {**data, "material": name.strip(), "composition": spec}
        return data

    @field_validator("composition", mode="before")
    @classmethod
    def _composition(cls, v: object) -> float | None:
        return _composition(v)

    @property
    def label(self) -> str:
        """The material as a user writes it: ``Li-Mg:10at%`` with a composition, else the name."""
        return (
            self.material if self.composition is None else f"{self.material}:{self.composition * 100:.4g}at%"
        )

    @field_validator("thickness", mode="before")
    @classmethod
    def _thickness(cls, v: object) -> float:
        t = to_si(v, "m", expected="m", name="thickness")
        if not t > 0:
            raise ValueError(f"thickness: {v!r} is not allowed; a layer thickness must be > 0")
        return t


class ElectrolyteLayer(CellLayer):
    """The electrolyte: material, thickness [m], and microstructure (None = the library's typical value)."""

    relative_density: float | None = None
    """Relative density of the pellet [-]."""
    grain_size: float | None = None
    """Grain size [m]."""
    flaw_size: float | None = None
    """Size of the largest surface flaw [m]."""

    @field_validator("relative_density", mode="before")
    @classmethod
    def _density(cls, v: object) -> float | None:
        if v is None:
            return None
        d = to_si(v, "", expected="", name="relative_density")
        if not 0 < d <= 1:
            raise ValueError(f"relative_density: {v!r} is not allowed; it must be in (0, 1]")
        return d

    @field_validator("grain_size", "flaw_size", mode="before")
    @classmethod
    def _length(cls, v: object, info) -> float | None:
        return _positive(v, "m", info.field_name)


class CounterLayer(CellLayer):
    """The counter electrode: Li metal (a symmetric cell) or a cathode (a full cell).

    For a cathode, ``areal_capacity`` sets the current of a C-rate (1C = areal capacity per hour) and the
    amount of active material; ``particle_radius`` is the radius of the single particle that represents it
    (None = the library's value).
    """

    areal_capacity: float | None = None
    """Cathode capacity per electrode area [C/m^2] (``"1 mA h cm-2"``); None for a Li counter electrode."""
    particle_radius: float | None = None
    """Radius of the cathode particles [m]."""

    @field_validator("areal_capacity", mode="before")
    @classmethod
    def _capacity(cls, v: object) -> float | None:
        return _positive(v, "C/m^2", "areal_capacity", " (e.g. '1 mA h cm-2')")

    @field_validator("particle_radius", mode="before")
    @classmethod
    def _radius(cls, v: object) -> float | None:
        return _positive(v, "m", "particle_radius")


class Cell(BaseModel):
    """A Li | (interlayer) | SSE | counter-electrode cell and its operating conditions (SI units).

    Examples
    --------
    >>> cell = Cell.symmetric("LLZO", thickness="500 um", pressure="5 MPa", temperature="25 degC")
    >>> round(cell.electrolyte.thickness * 1e6)
    500
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    anode: CellLayer
    electrolyte: ElectrolyteLayer
    counter: CounterLayer
    interlayer: CellLayer | None = None
    """Layer between the anode and the electrolyte (a coating or interlayer)."""
    counter_interlayer: CellLayer | None = None
    """Layer between the electrolyte and the counter electrode (e.g. a LiNbO3 cathode coating)."""
    area: float = 1e-4
    """Electrode area [m^2] (default 1 cm^2)."""
    pressure: float = 5e6
    """Stack pressure [Pa]."""
    temperature: float = 298.15
    """Temperature [K]."""
    stack_stiffness: float | None = None
    """Stiffness of the cell fixture per unit area [Pa/m]; None holds the stack pressure constant."""
    overrides: dict[str, dict[str, str]] = {}
    """Per-material property overrides, e.g. ``{"LLZO": {"fracture_toughness": "1.0 MPa m^0.5"}}``."""

    @field_validator("stack_stiffness", mode="before")
    @classmethod
    def _stiffness(cls, v: object) -> float | None:
        if v is None:
            return None
        k = to_si(v, "Pa/m", expected="Pa/m", name="stack_stiffness")
        if not k > 0:
            raise ValueError(f"stack_stiffness: {v!r} is not allowed; it must be > 0")
        return k

    @field_validator("area", mode="before")
    @classmethod
    def _area(cls, v: object) -> float:
        a = to_si(v, "m^2", expected="m^2", name="area")
        if not a > 0:
            raise ValueError(f"area: {v!r} is not allowed; it must be > 0")
        return a

    @field_validator("pressure", mode="before")
    @classmethod
    def _pressure(cls, v: object) -> float:
        p = to_si(v, "Pa", expected="Pa", name="pressure")
        if p < 0:
            raise ValueError(f"pressure: {v!r} is not allowed; stack pressure must be >= 0")
        return p

    @field_validator("temperature", mode="before")
    @classmethod
    def _temperature(cls, v: object) -> float:
        T = to_si(v, "K", expected="K", name="temperature")
        if not T > 0:
            raise ValueError(f"temperature: {v!r} is at or below absolute zero")
        return T

    @classmethod
    def symmetric(
        cls,
        electrolyte: str,
        thickness: str | float = "500 um",
        anode: str = "Li",
        anode_thickness: str | float = "100 um",
        interlayer: str | None = None,
        interlayer_thickness: str | float = "10 nm",
        **conditions: object,
    ) -> Cell:
        """A symmetric anode | (interlayer) | electrolyte | anode cell."""
        return cls(
            anode=CellLayer(material=anode, thickness=anode_thickness),
            electrolyte=ElectrolyteLayer(material=electrolyte, thickness=thickness),
            counter=CounterLayer(material=anode, thickness=anode_thickness),
            interlayer=(
                CellLayer(material=interlayer, thickness=interlayer_thickness) if interlayer else None
            ),
            **conditions,
        )

    @classmethod
    def full(
        cls,
        electrolyte: str,
        cathode: str,
        thickness: str | float = "100 um",
        areal_capacity: str | float = "1 mA h cm-2",
        cathode_thickness: str | float = "50 um",
        particle_radius: str | float | None = None,
        coating: str | None = None,
        coating_thickness: str | float = "10 nm",
        anode: str = "Li",
        anode_thickness: str | float = "50 um",
        interlayer: str | None = None,
        interlayer_thickness: str | float = "10 nm",
        **conditions: object,
    ) -> Cell:
        """A full cell: anode | (interlayer) | electrolyte | (cathode coating) | cathode.

        Examples
        --------
        >>> cell = Cell.full("Li6PS5Cl", "NMC811", coating="LiNbO3")
        >>> round(cell.counter.areal_capacity / 36000)  # 1 mA h / cm^2 = 36000 C / m^2
        1
        """
        return cls(
            anode=CellLayer(material=anode, thickness=anode_thickness),
            electrolyte=ElectrolyteLayer(material=electrolyte, thickness=thickness),
            counter=CounterLayer(
                material=cathode,
                thickness=cathode_thickness,
                areal_capacity=areal_capacity,
                particle_radius=particle_radius,
            ),
            interlayer=(
                CellLayer(material=interlayer, thickness=interlayer_thickness) if interlayer else None
            ),
            counter_interlayer=CellLayer(material=coating, thickness=coating_thickness) if coating else None,
            **conditions,
        )

    def library(self, library: Library | None = None) -> Library:
        """``library`` (bundled by default) with this cell's overrides applied, as ``user`` records at the
        cell temperature (an override is the value in this cell: no temperature law moves it)."""
        lib = library or default_library()
        for name, props in self.overrides.items():
            for prop, value in props.items():
                lib = lib.with_property(name, prop, value, source="user", temperature=f"{self.temperature} K")
        return lib

    def materials(self, library: Library | None = None, apply_overrides: bool = True) -> dict[str, Material]:
        """The cell's materials, resolved in ``library`` (bundled by default), by role; with
        ``apply_overrides=False`` ``library`` is taken to hold them already (from :meth:`library`)."""
        lib = self.library(library) if apply_overrides else library or default_library()
        roles = {
            "anode": self.anode,
            "electrolyte": self.electrolyte,
            "counter": self.counter,
            "interlayer": self.interlayer,
            "counter_interlayer": self.counter_interlayer,
        }
        out = {role: lib.get(layer.material) for role, layer in roles.items() if layer is not None}
        if out["electrolyte"].category != "electrolyte":
            raise LisseError(
                f"electrolyte: {self.electrolyte.material!r} is a {out['electrolyte'].category}, "
                "not an electrolyte"
            )
        return out

    def electrolyte_asr(self, library: Library | None = None) -> float:
        """Ohmic area-specific resistance of the electrolyte layer, L / sigma(T) [ohm m^2]."""
        sigma = self.materials(library)["electrolyte"].si("ionic_conductivity", T=self.temperature)
        return self.electrolyte.thickness / sigma

    @property
    def is_symmetric(self) -> bool:
        """Whether the counter electrode is the anode material (a symmetric cell)."""
        return (
            self.counter.material == self.anode.material
            and self.counter.composition == self.anode.composition
        )

    # TOML ---------------------------------------------------------------------------------
    def to_toml(self, path: str | Path) -> None:
        """Write the cell to a TOML file, every quantity with its unit."""
        Path(path).write_text(tomli_w.dumps(self.to_dict()), encoding="utf-8")

    def to_dict(self) -> dict:
        """The cell as plain data with unit strings (the TOML layout)."""

        def layer(lay: CellLayer | None) -> dict | None:
            if lay is None:
                return None
            out: dict = {"material": lay.material, "thickness": _fmt(lay.thickness, 1e-6, "um")}
            if lay.composition is not None:
                out["composition"] = f"{lay.composition * 100:.15g} at%"
            if getattr(lay, "areal_capacity", None) is not None:
                out["areal_capacity"] = _fmt(lay.areal_capacity, MAH_PER_CM2, "mA*h/cm^2")  # type: ignore[attr-defined]
            if getattr(lay, "relative_density", None) is not None:
                out["relative_density"] = lay.relative_density  # type: ignore[attr-defined]
            for field in ("grain_size", "flaw_size", "particle_radius"):
                if getattr(lay, field, None) is not None:
                    out[field] = _fmt(getattr(lay, field), 1e-6, "um")
            return out

        data: dict = {
            "area": _fmt(self.area, 1e-4, "cm^2"),
            "pressure": _fmt(self.pressure, 1e6, "MPa"),
            "temperature": _fmt(self.temperature, 1.0, "K"),
        }
        if self.stack_stiffness is not None:
            data["stack_stiffness"] = _fmt(self.stack_stiffness, 1e9, "GPa/m")
        for role in ("anode", "interlayer", "electrolyte", "counter_interlayer", "counter"):
            value = layer(getattr(self, role))
            if value is not None:
                data[role] = value
        if self.overrides:
            data["overrides"] = {k: dict(v) for k, v in self.overrides.items()}
        return data

    @classmethod
    def from_toml(cls, path: str | Path) -> Cell:
        """Read a cell from a TOML file (see :meth:`to_toml`).

        Raises
        ------
        LisseError
            Naming the file and the bad field.
        """
        path = Path(path)
        data = read_toml(path, "cell file")
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            raise LisseError(f"{path}: {describe_validation_error(exc)}") from None
