"""Temperature laws of material properties: Arrhenius and Vogel-Tammann-Fulcher (VTF).

A law scales a stored value from the temperature it was measured at to another one. Each law has a
measured range; outside it the law is extrapolated and the uncertainty of its activation energy (Arrhenius)
or pseudo-activation temperature (VTF) propagates into the value: the standard deviation of ln x grows with
the distance from the nearer end of the range,

    Arrhenius:  sd(ln x) = sd(E_a) / k_B * |1/T - 1/T_edge|
    VTF:        sd(ln x) = sd(B) * |1/(T - T0) - 1/(T_edge - T0)|

(first-order propagation of ln x = ln x_ref - E_a/k_B (1/T - 1/T_ref), resp. - B/(T - T0) + B/(T_ref - T0)).
Inside the range the fit's own spread is part of the record's distribution.

References: Arrhenius (1889); Vogel (1921), Tammann & Hesse (1926), Fulcher (1925) for the VTF form
sigma = A T^-1/2 exp(-B/(T - T0)) used for polymer electrolytes above their glass transition.
"""

from __future__ import annotations

import functools
import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from lisse._core.constants import BOLTZMANN_EV, FARADAY
from lisse._core.units import Q_, parse_quantity

__all__ = ["VTF", "Arrhenius", "TemperatureLaw", "temperature_K"]

#: Default sd of an activation energy or VTF B where a record gives none [fraction of itself].
DEFAULT_ENERGY_FRACTION = 0.1


def temperature_K(text: str, field: str) -> float:
    """Parse a temperature ('25 degC', '298.15 K') into kelvin; ``field`` names it in errors."""
    try:
        kelvin = _kelvin(text)
    except ValueError as exc:
        raise ValueError(f"{field}: {exc}") from None
    if kelvin <= 0:
        raise ValueError(f"{field}: {text!r} is at or below absolute zero")
    return kelvin


@functools.lru_cache(maxsize=512)
def _kelvin(text: str) -> float:
    """A temperature text in kelvin (memoised: data files repeat a few temperatures many times)."""
    q = parse_quantity(text)
    if q.dimensionality != Q_(1, "K").dimensionality:
        raise ValueError(f"{text!r} is not a temperature (write e.g. '25 degC' or '298.15 K')")
    return float(q.to("K").magnitude)


@functools.lru_cache(maxsize=1024)
def _energy_eV(text: str) -> float:
    """An energy text in eV (memoised, as :func:`_kelvin`)."""
    q = parse_quantity(text)
    if q.check("[energy]"):
        return float(q.to("eV").magnitude)
    if q.check("[energy]/[substance]"):
        return float(q.to("J/mol").magnitude) / FARADAY
    raise ValueError(f"{text!r} is not an energy (write e.g. '0.31 eV' or '30 kJ/mol')")


def _kelvin_difference(text: str, field: str) -> float:
    q = parse_quantity(text)
    if q.dimensionality != Q_(1, "K").dimensionality:
        raise ValueError(f"{field}: {text!r} is not a temperature (write e.g. '1000 K')")
    return (
        float(q.to("K").magnitude) if str(q.units) in ("kelvin", "K") else float(q.to("delta_degC").magnitude)
    )


class _Law(BaseModel):
    """What both laws share: the measured range and the source."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    valid_from: str
    valid_to: str
    source: str | None = None
    note: str | None = None

    @property
    def range_K(self) -> tuple[float, float]:
        return (temperature_K(self.valid_from, "valid_from"), temperature_K(self.valid_to, "valid_to"))

    @model_validator(mode="after")
    def _ordered(self) -> _Law:
        lo, hi = self.range_K
        if lo >= hi:
            raise ValueError(f"valid_from ({self.valid_from}) must be below valid_to ({self.valid_to})")
        return self

    def in_range(self, T: float) -> bool:
        lo, hi = self.range_K
        return lo - 1e-9 <= T <= hi + 1e-9

    def _edge(self, T: float) -> float:
        lo, hi = self.range_K
        return min(max(T, lo), hi)


class Arrhenius(_Law):
    """x(T) = x_ref exp(-E_a/k (1/T - 1/T_ref)); with ``form = "times_T"`` the product x T follows it
    (common for ionic conductivity, sigma T = A exp(-E_a/kT)); with ``form = "over_T"`` the ratio x / T does
    (an exchange current density i0 = RT/(F R_ct) whose resistance R_ct is activated)."""

    activation_energy: str
    activation_energy_sd: str | None = None
    form: Literal["plain", "times_T", "over_T"] = "plain"

    @field_validator("activation_energy")
    @classmethod
    def _energy(cls, v: str) -> str:
        ev = _energy_eV(v)
        if not (0 <= ev < 5):
            raise ValueError(f"{v!r} is outside the plausible range 0 to 5 eV")
        return v

    @field_validator("activation_energy_sd")
    @classmethod
    def _energy_sd(cls, v: str | None) -> str | None:
        if v is not None and _energy_eV(v) < 0:
            raise ValueError(f"activation_energy_sd {v!r} must be >= 0")
        return v

    @property
    def activation_energy_eV(self) -> float:
        return _energy_eV(self.activation_energy)

    @property
    def activation_energy_sd_eV(self) -> float:
        if self.activation_energy_sd is not None:
            return _energy_eV(self.activation_energy_sd)
        return DEFAULT_ENERGY_FRACTION * self.activation_energy_eV

    def ratio(self, T: float, T_ref: float) -> float:
        """x(T) / x(T_ref)."""
        factor = math.exp(-self.activation_energy_eV / BOLTZMANN_EV * (1.0 / T - 1.0 / T_ref))
        return factor * _prefactor(self.form, T, T_ref)

    def extrapolation_log_sd(self, T: float) -> float:
        """sd(ln x) that extrapolating to ``T`` adds (0 inside the measured range)."""
        return self.activation_energy_sd_eV / BOLTZMANN_EV * abs(1.0 / T - 1.0 / self._edge(T))

    def describe(self) -> str:
        return f"Arrhenius, E_a = {self.activation_energy}, measured {self.valid_from} to {self.valid_to}"


class VTF(_Law):
    """x(T) = A T^-1/2 exp(-B / (T - T0)); the stored value at its temperature fixes A. With
    ``form = "over_T"`` the ratio x / T follows it: a diffusion coefficient D = sigma R T / (F^2 c) of ions
    whose conductivity sigma follows the VTF law at a fixed concentration c (Nernst-Einstein)."""

    pseudo_activation: str
    ideal_glass_temperature: str
    pseudo_activation_sd: str | None = None
    form: Literal["plain", "over_T"] = "plain"

    @property
    def B_K(self) -> float:
        return _kelvin_difference(self.pseudo_activation, "pseudo_activation")

    @property
    def T0_K(self) -> float:
        return temperature_K(self.ideal_glass_temperature, "ideal_glass_temperature")

    @property
    def B_sd_K(self) -> float:
        if self.pseudo_activation_sd is not None:
            return _kelvin_difference(self.pseudo_activation_sd, "pseudo_activation_sd")
        return DEFAULT_ENERGY_FRACTION * self.B_K

    @model_validator(mode="after")
    def _physical(self) -> VTF:
        if self.B_K <= 0:
            raise ValueError(f"pseudo_activation {self.pseudo_activation!r} must be > 0 K")
        if self.range_K[0] <= self.T0_K:
            raise ValueError(
                f"ideal_glass_temperature {self.ideal_glass_temperature!r} must lie below valid_from "
                f"({self.valid_from})"
            )
        return self

    def ratio(self, T: float, T_ref: float) -> float:
        """x(T) / x(T_ref); raises below the ideal glass temperature T0, where the law has no meaning."""
        T0 = self.T0_K
        if T <= T0 + 1.0:
            raise ValueError(f"the VTF law (T0 = {T0:.1f} K) does not extend to T = {T:.2f} K")
        factor = math.sqrt(T_ref / T) * math.exp(-self.B_K / (T - T0) + self.B_K / (T_ref - T0))
        return factor * _prefactor(self.form, T, T_ref)

    def extrapolation_log_sd(self, T: float) -> float:
        T0 = self.T0_K
        return self.B_sd_K * abs(1.0 / (T - T0) - 1.0 / (self._edge(T) - T0))

    def describe(self) -> str:
        return (
            f"VTF, B = {self.pseudo_activation}, T0 = {self.ideal_glass_temperature}, measured "
            f"{self.valid_from} to {self.valid_to}"
        )


TemperatureLaw = Arrhenius | VTF


def _prefactor(form: str, T: float, T_ref: float) -> float:
    """The temperature prefactor of a law's ``form``: x T (``times_T``) or x / T (``over_T``) follows it."""
    return {"plain": 1.0, "times_T": T_ref / T, "over_T": T / T_ref}[form]
