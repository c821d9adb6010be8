"""The material inputs of one cell: every number a model reads, with its evidence, resolved in one place.

:class:`CellInputs` is called as ``inputs(material, "property")`` and returns the SI value at the cell
temperature from :class:`lisse.materials.resolve.Resolver` (record, then rule, then family prior). It keeps
every :class:`~lisse.materials.resolve.Value` it handed out, so that a verdict can list what rests on
estimates and a sampler can find each input's distribution.
"""

from __future__ import annotations

from lisse._core.errors import LisseError, MaterialDataError
from lisse.materials import Library, Material
from lisse.materials.resolve import Resolver, Value

__all__ = ["CellInputs"]


class CellInputs:
    """Material values of a cell at ``temperature`` [K], with their provenance.

    Parameters
    ----------
    library : Library
        The cell's library (with the cell's overrides applied: those are ``user`` records).
    temperature : float
        Cell temperature [K].
    stated : dict, optional
        Values the cell states for its materials, ``{material: {property: SI value}}`` (the electrolyte's
        relative density and grain size); the relative density also enters the porosity correction of DFT
        moduli.
    """

    def __init__(
        self, library: Library, temperature: float, stated: dict[str, dict[str, float]] | None = None
    ):
        rho = {name: v["relative_density"] for name, v in (stated or {}).items() if "relative_density" in v}
        self.resolver = Resolver(library, temperature, rho, stated)
        self.values: dict[str, Value] = {}

    def __call__(self, material: Material, name: str) -> float:
        """The SI value of ``material``'s ``name``; raises LisseError if nothing gives it."""
        return self.value(material, name).value

    def value(self, material: Material, name: str) -> Value:
        """The resolved :class:`Value` of ``material``'s ``name`` (recorded for the verdict)."""
        try:
            v = self.resolver(material, name)
        except MaterialDataError as exc:
            raise LisseError(
                f"cannot evaluate {material.name}.{name}: {exc}. Supply it as an override, e.g. --set "
                f"'{material.name}.{name}=<value with unit>'"
            ) from None
        self._keep(v)
        return v

    def _keep(self, v: Value) -> None:
        """Record ``v`` and, for a rule's result, the values it was computed from (so that a sampler draws
        those and recomputes the rule, and the verdict lists them)."""
        self.values[v.label] = v
        for label in v.inputs:
            used = self.resolver.resolved(label)
            if used is not None and label not in self.values:
                self._keep(used)

    @property
    def sources(self) -> tuple[str, ...]:
        """Bibliography keys of every value used, in order of first use."""
        return tuple(dict.fromkeys(s for v in self.values.values() for s in v.sources))

    @property
    def estimated(self) -> list[Value]:
        """The values that rest on an estimate (a rule or a family prior)."""
        return [v for v in self.values.values() if v.evidence == "estimated"]
