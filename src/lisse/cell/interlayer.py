"""What an interlayer between Li and the electrolyte does, from its properties (review 4.3, Figure 11).

No interlayer is named here: each acts through what the thermodynamics and the library say about it.

- **Lithiation.** A layer that reacts with Li (``lisse.thermo.interphase(layer)``: Al2O3, ZnO, Si, BN, ...)
  turns into its reduction products on contact; their effective conductivities (connected-network bound) and
  the layer's thickness times the products' volume ratio replace the layer's own. A layer stable against Li
  (Li3N, LiF) keeps its own properties (records, rules or priors). A lithiated layer of metallic products only
  (Si -> Li21Si5) is a Li alloy: Li crosses it as in an alloy electrode and it adds no ionic resistance.
- **Its resistance**, thickness / ionic conductivity, adds to each coated Li | electrolyte interface.
- **Contact.** The layer covers the electrolyte's bare surface, so the excess resistance of a poorly wetted
  bare surface (the electrolyte's measured ``interfacial_asr:Li`` above the charge-transfer resistance: Li on
  garnet with its Li2CO3 skin, Han et al. 2017) is gone.
- **Electrons.** A layer (as lithiated) whose electronic conductivity is below the conductor threshold of
  :mod:`lisse.thermo.interphase` keeps electrons from the electrolyte: its Li-side interphase does not grow
  and Li is not deposited inside it (Han et al. 2019), at the price of the layer's resistance (Li3N, LiPON).
- **Soft polymer layers** (family ``polymer``) are not lithiated (kinetically stable); a layer softer than Li
  follows the stripped Li surface (no voids: full contact), and its salt depletes within the layer, whose
  thickness replaces the electrolyte's as the depletion length: its own limiting current and concentration
  overpotential (the ceramic behind it blocks the anions and stops Sand dendrites from shorting the cell).
- **Current spreading.** An electronically conducting layer spreads the current laterally over the
  transmission length lambda = sqrt(sigma_e t R_ct) of a conducting sheet on a resistive interface
  (transmission line), so the electrolyte under a detached Li spot still carries current
  (:func:`spreading_length`; the model's effective contact).

The layer's stability against the electrolyte (``lisse.thermo.interface_reaction``) is reported; a reaction
between them is not modelled.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np

from lisse._core.errors import LisseError
from lisse._core.numerics import host_value
from lisse.cell.inputs import CellInputs
from lisse.materials import Library, Material
from lisse.mechanisms.kinetics import charge_transfer_asr
from lisse.thermo import CONDUCTOR_THRESHOLD_S_PER_M, interface_reaction
from lisse.thermo import interphase as thermo_interphase

__all__ = ["InterlayerEffect", "bare_surface_asr", "interlayer_effect", "spreading_length"]


@dataclass(frozen=True)
class InterlayerEffect:
    """The numbers an interlayer gives the coupled model, and what they rest on."""

    asr: float
    """Ionic resistance of the (lithiated) layer [ohm m^2]."""
    thickness: float
    """Thickness after lithiation [m]."""
    electronic_conductivity: float
    """Electronic conductivity of the (lithiated) layer [S/m]."""
    spreading_length: float
    """Lateral current-spreading length in the layer [m] (0 for an electronic insulator)."""
    blocks_electrons: bool
    active: tuple[str, ...] = ()
    inactive: dict[str, str] = field(default_factory=dict)
    salt_transport: tuple[float, float, float] | None = None
    """(t+, salt diffusion coefficient [m^2/s], salt concentration [mol/m^3]) of a polymer layer's salt: it
    depletes within the layer (the ceramic behind it blocks the anions); None for a single-ion layer."""
    conforms: bool = False
    """A layer softer than Li (shear modulus below Li's) follows the stripped Li surface: no voids open."""


def spreading_length(electronic_conductivity: float, thickness: float, interface_resistance: float) -> float:
    """Length over which a conducting layer spreads current laterally above a resistive interface [m].

    Parameters
    ----------
    electronic_conductivity : float
        Electronic conductivity of the layer [S/m].
    thickness : float
        Layer thickness [m].
    interface_resistance : float
        Area-specific resistance of the interface below the layer [ohm m^2] (its charge transfer).

    Returns
    -------
    float
        lambda = sqrt(sigma_e t R) [m].

    Notes
    -----
    The transfer length of a conducting sheet on a resistive contact (transmission-line model): with the sheet
    resistance R_sh = 1 / (sigma_e t), current conservation and Ohm's law in the sheet give
    d^2 V / dx^2 = R_sh V / R for the potential V(x) above the contact, so the current crosses into the
    contact within lambda = sqrt(R / R_sh) = sqrt(sigma_e t R) of where it enters the sheet. Spots of Li
    contact closer than lambda feed the whole electrolyte surface below the layer. Valid for a layer much
    thinner than lambda on a uniform interface.

    Examples
    --------
    >>> round(spreading_length(1e4, 1e-8, 1e-4) * 1e6, 6)  # um
    100.0
    """
    return math.sqrt(electronic_conductivity * thickness * interface_resistance)


def bare_surface_asr(sse: Material, get: CellInputs, charge_transfer_resistance: float) -> float:
    """Excess resistance of the electrolyte's bare, poorly wetted surface [ohm m^2] (0 unless measured).

    The electrolyte's measured Li | electrolyte interfacial ASR (``interfacial_asr:Li``) above the charge
    transfer resistance: the surface layer and poor wetting of an as-prepared surface (Li on garnet, 1710 ohm
    cm^2 bare, Han et al. 2017). Only a measured bare interface gives it: the exchange current densities of
    the other electrolytes come from interfaces measured in good contact, which is what the model assumes
    there.
    """
    if not sse.has("interfacial_asr:Li"):
        return 0.0
    return np.maximum(get(sse, "interfacial_asr:Li") - charge_transfer_resistance, 0.0)


def interlayer_effect(
    layer: Material,
    thickness: float,
    sse: Material,
    get: CellInputs,
    library: Library | None,
    temperature: float,
    exchange_current_density: float,
    li: Material,
) -> InterlayerEffect:
    """What ``layer`` (``thickness`` thick, as deposited) does between Li and ``sse`` (see the module)."""
    if layer.family == "polymer":
        return _polymer_layer(layer, thickness, sse, get, library, li)
    active = ["interlayer_resistance"]
    inactive: dict[str, str] = {}
    sigma_ion, sigma_e, t = _lithiated(layer, thickness, get, library, active, inactive)
    asr = 0.0 if sigma_ion is None else t / sigma_ion
    blocks = sigma_e < CONDUCTOR_THRESHOLD_S_PER_M
    r_ct = host_value(charge_transfer_asr, exchange_current_density, temperature)
    lam = 0.0 if blocks else spreading_length(sigma_e, t, r_ct)
    active.append("interlayer_electron_blocking" if blocks else "interlayer_current_spreading")
    inactive["interlayer_reaction_with_electrolyte"] = _stability_note(layer, sse, library)
    return InterlayerEffect(asr, t, sigma_e, lam, blocks, tuple(active), inactive)


def _polymer_layer(
    layer: Material, thickness: float, sse: Material, get: CellInputs, library: Library | None, li: Material
) -> InterlayerEffect:
    """A soft polymer layer with a dissolved Li salt (Zhou et al. 2016's polymer/ceramic/polymer sandwich):
    its resistance t/sigma at the cell temperature, no electrons, full contact if it is softer than Li, and
    its salt depleting within the layer. It is not lithiated: polymer electrolytes are used against Li metal
    because they are kinetically stable, although the hull reduces the ether chain (to LiH, Li2O, carbon)."""
    conforms = get(layer, "shear_modulus") < get(li, "shear_modulus")
    active = ["interlayer_resistance", "interlayer_salt_depletion"]
    inactive = {
        "interlayer_lithiation": f"{layer.name} is a polymer, kinetically stable against Li (its "
        "thermodynamic reduction is not modelled)",
        "interlayer_reaction_with_electrolyte": _stability_note(layer, sse, library),
    }
    if conforms:
        active.append("interlayer_conforming_contact")
    salt = (
        get(layer, "transference_number"),
        get(layer, "salt_diffusion_coefficient"),
        get(layer, "salt_concentration"),
    )
    sigma_e = get(layer, "electronic_conductivity")
    asr = thickness / get(layer, "ionic_conductivity")
    blocks = sigma_e < CONDUCTOR_THRESHOLD_S_PER_M
    active.append("interlayer_electron_blocking" if blocks else "interlayer_electronic_leak")
    return InterlayerEffect(asr, thickness, sigma_e, 0.0, blocks, tuple(active), inactive, salt, conforms)


def _lithiated(
    layer: Material,
    thickness: float,
    get: CellInputs,
    library: Library | None,
    active: list[str],
    inactive: dict[str, str],
) -> tuple[float | None, float, float]:
    """(ionic conductivity or None for a pure alloy, electronic conductivity, thickness) of the layer as
    lithiated by Li, or as it is where it is stable against Li or its reaction cannot be computed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # the classification notes: reported below
            ip = thermo_interphase(layer.name, library=library, temperature=get.resolver.temperature)
    except LisseError as exc:
        inactive["interlayer_lithiation"] = f"reaction of {layer.name} with Li not computed: {exc}"
        ip = None
    if ip is None or ip.interphase == "stable":
        return get(layer, "ionic_conductivity"), get(layer, "electronic_conductivity"), thickness
    s_ion, s_el = ip.effective_ionic_conductivity_S_per_m, ip.effective_electronic_conductivity_S_per_m
    if s_ion is None or s_el is None:
        inactive["interlayer_lithiation"] = f"{layer.name} reacts with Li but its products lack " + ", ".join(
            ip.missing_properties
        )
        return get(layer, "ionic_conductivity"), get(layer, "electronic_conductivity"), thickness
    for v in ip.inputs:  # the product values behind the lithiated layer's conductivities
        get.values.setdefault(v.label, v)
    ratio = ip.reaction.to_dict().get("product_to_phase_volume_ratio")
    grown = thickness * float(ratio) if ratio is not None else thickness
    active.append("interlayer_lithiation")
    return (s_ion if s_ion > 0 else None), s_el, grown


def _stability_note(layer: Material, sse: Material, library: Library | None) -> str:
    """What the thermodynamics say about the layer against the electrolyte (the reaction is not modelled)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            rx = interface_reaction(layer.name, sse.name, library=library)
    except LisseError as exc:
        return f"{layer.name} | {sse.name} stability not computed: {exc}"
    if not rx.reacts:
        return f"{layer.name} | {sse.name}: thermodynamically stable"
    products = ", ".join(p.formula for p in rx.products)
    return (
        f"{layer.name} | {sse.name} react ({rx.reaction_energy_meV_per_atom:.0f} meV/atom, to {products}): "
        "the reaction between layer and electrolyte is not modelled"
    )
