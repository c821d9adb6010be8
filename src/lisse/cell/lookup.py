"""Reading material values for a model at the cell temperature, noting what is missing and what is cited."""

from __future__ import annotations

from dataclasses import dataclass, field

from lisse.materials import Material

__all__ = ["Lookup"]


@dataclass
class Lookup:
    """Callable that returns a material value in SI units, or None when the library has none.

    Temperature-dependent values are evaluated at ``temperature`` by their stored Arrhenius law (and raise if
    it lies outside the law's validity range); other values are used as stored, at the temperature they were
    measured at. Every missing ``Material.property`` name is appended to ``missing``, every source key used
    to ``sources``.
    """

    temperature: float
    missing: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)

    def __call__(self, material: Material, name: str) -> float | None:
        if not material.has(name):
            self.missing.append(f"{material.name}.{name}")
            return None
        rec = material.record(name)
        self.sources.append(rec.source)
        return material.si(name, T=self.temperature if rec.arrhenius is not None else None)
