"""The cell stack: anode | optional interlayer | electrolyte | counter electrode, and conditions.

Strings with units are accepted at this edge (``"30 um"``, ``"5 MPa"``, ``"25 degC"``) and
stored in SI. Material names are resolved against a :class:`~lisse.materials.Library`.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from lisse._core.errors import LisseError
from lisse._core.units import to_si
from lisse.materials import Library, Material, default_library

__all__ = ["Cell", "CellLayer"]


class CellLayer(BaseModel):
    """One layer: a material name and its thickness [m]."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    material: str
    thickness: float

    @field_validator("thickness", mode="before")
    @classmethod
    def _thickness(cls, v: object) -> float:
        t = to_si(v, "m", expected="m", name="thickness")
        if not t > 0:
            raise ValueError(f"thickness: {v!r} is not allowed; a layer thickness must be > 0")
        return t


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
    electrolyte: CellLayer
    counter: CellLayer
    interlayer: CellLayer | None = None
    area: float = 1e-4
    """Electrode area [m^2] (default 1 cm^2)."""
    pressure: float = 5e6
    """Stack pressure [Pa]."""
    temperature: float = 298.15
    """Temperature [K]."""

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
    def symmetric(cls, electrolyte: str, thickness: str | float = "500 um", anode: str = "Li",
                  anode_thickness: str | float = "100 um", interlayer: str | None = None,
                  interlayer_thickness: str | float = "10 nm", **conditions: object) -> Cell:
        """A symmetric anode | (interlayer) | electrolyte | anode cell."""
        layer = CellLayer(material=anode, thickness=anode_thickness)
        return cls(
            anode=layer,
            electrolyte=CellLayer(material=electrolyte, thickness=thickness),
            counter=layer,
            interlayer=(CellLayer(material=interlayer, thickness=interlayer_thickness) if interlayer else None),
            **conditions,
        )

    def materials(self, library: Library | None = None) -> dict[str, Material]:
        """The cell's materials, resolved in ``library`` (bundled by default), by role."""
        lib = library or default_library()
        roles = {"anode": self.anode, "electrolyte": self.electrolyte, "counter": self.counter}
        if self.interlayer is not None:
            roles["interlayer"] = self.interlayer
        out = {role: lib.get(layer.material) for role, layer in roles.items()}
        if out["electrolyte"].category != "electrolyte":
            raise LisseError(f"electrolyte: {self.electrolyte.material!r} is a {out['electrolyte'].category}, "
                             "not an electrolyte")
        return out

    def electrolyte_asr(self, library: Library | None = None) -> float:
        """Ohmic area-specific resistance of the electrolyte layer, L / sigma(T) [ohm m^2]."""
        sigma = self.materials(library)["electrolyte"].si("ionic_conductivity", T=self.temperature)
        return self.electrolyte.thickness / sigma
