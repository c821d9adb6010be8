"""Interface thermodynamics from first-principles data (pymatgen is imported only in this layer).

Stability windows (grand-potential method of Zhu, He & Mo 2015), reactions with Li metal and
with cathodes or coatings (Richards et al. 2016), volume changes, and the classification of the
interphase as stable, passivating or mixed-conducting (review, Liu et al. 2021, section 2.2.1).
The bundled data are Materials Project formation energies (2019 snapshot, CC BY 4.0; see
``lisse/data/thermo/README.md``); hulls are built lazily per chemical system and cached.

Examples
--------
>>> from lisse.thermo import stability_window, interphase
>>> w = stability_window("Li3PS4")
>>> round(w.reduction_V, 2)
1.72
>>> interphase("Li10GeP2S12").interphase
'mixed-conducting'
"""

from lisse.thermo.entries import BUNDLED_LABEL as BUNDLED_LABEL
from lisse.thermo.entries import EntrySet as EntrySet
from lisse.thermo.entries import ThermoEntry as ThermoEntry
from lisse.thermo.entries import bundled_entries as bundled_entries
from lisse.thermo.entries import phase_diagram as phase_diagram
from lisse.thermo.entries import read_entries as read_entries
from lisse.thermo.entries import resolve_entries as resolve_entries
from lisse.thermo.interphase import CONDUCTOR_THRESHOLD_S_PER_M as CONDUCTOR_THRESHOLD_S_PER_M
from lisse.thermo.interphase import INTERPHASE_KINDS as INTERPHASE_KINDS
from lisse.thermo.interphase import MIN_CONDUCTOR_VOLUME_FRACTION as MIN_CONDUCTOR_VOLUME_FRACTION
from lisse.thermo.interphase import PERCOLATION_THRESHOLD_BRUGGEMAN as PERCOLATION_THRESHOLD_BRUGGEMAN
from lisse.thermo.interphase import PERCOLATION_THRESHOLD_SCHER_ZALLEN as PERCOLATION_THRESHOLD_SCHER_ZALLEN
from lisse.thermo.interphase import ElectronicCharacter as ElectronicCharacter
from lisse.thermo.interphase import Interphase as Interphase
from lisse.thermo.interphase import NEGLIGIBLE_REACTION_meV_PER_ATOM as NEGLIGIBLE_REACTION_meV_PER_ATOM
from lisse.thermo.interphase import bruggeman_conductivity as bruggeman_conductivity
from lisse.thermo.interphase import classify_interphase as classify_interphase
from lisse.thermo.interphase import connected_network_conductivity as connected_network_conductivity
from lisse.thermo.interphase import electronic_character as electronic_character
from lisse.thermo.interphase import interphase as interphase
from lisse.thermo.interphase import interphase_conductivities as interphase_conductivities
from lisse.thermo.oxidation import OxidationLayer as OxidationLayer
from lisse.thermo.oxidation import oxidation_layer as oxidation_layer
from lisse.thermo.reactions import InterfaceReaction as InterfaceReaction
from lisse.thermo.reactions import Product as Product
from lisse.thermo.reactions import VolumeChange as VolumeChange
from lisse.thermo.reactions import interface_reaction as interface_reaction
from lisse.thermo.reactions import reaction_with_li as reaction_with_li
from lisse.thermo.reactions import volume_change as volume_change
from lisse.thermo.screen import SCREEN_COLUMNS as SCREEN_COLUMNS
from lisse.thermo.screen import ScreenTable as ScreenTable
from lisse.thermo.screen import library_electrolytes as library_electrolytes
from lisse.thermo.screen import screen as screen
from lisse.thermo.window import FAR_ABOVE_HULL_meV_PER_ATOM as FAR_ABOVE_HULL_meV_PER_ATOM
from lisse.thermo.window import HULL_LOWERING_meV_PER_ATOM as HULL_LOWERING_meV_PER_ATOM
from lisse.thermo.window import LiUptakeProfile as LiUptakeProfile
from lisse.thermo.window import StabilityWindow as StabilityWindow
from lisse.thermo.window import UptakeStep as UptakeStep
from lisse.thermo.window import li_uptake_profile as li_uptake_profile
from lisse.thermo.window import stability_window as stability_window

__all__ = [
    "BUNDLED_LABEL",
    "CONDUCTOR_THRESHOLD_S_PER_M",
    "INTERPHASE_KINDS",
    "MIN_CONDUCTOR_VOLUME_FRACTION",
    "PERCOLATION_THRESHOLD_BRUGGEMAN",
    "PERCOLATION_THRESHOLD_SCHER_ZALLEN",
    "SCREEN_COLUMNS",
    "ElectronicCharacter",
    "EntrySet",
    "FAR_ABOVE_HULL_meV_PER_ATOM",
    "HULL_LOWERING_meV_PER_ATOM",
    "InterfaceReaction",
    "Interphase",
    "LiUptakeProfile",
    "NEGLIGIBLE_REACTION_meV_PER_ATOM",
    "OxidationLayer",
    "Product",
    "ScreenTable",
    "StabilityWindow",
    "ThermoEntry",
    "UptakeStep",
    "VolumeChange",
    "bruggeman_conductivity",
    "bundled_entries",
    "classify_interphase",
    "connected_network_conductivity",
    "electronic_character",
    "interface_reaction",
    "interphase",
    "li_uptake_profile",
    "library_electrolytes",
    "oxidation_layer",
    "phase_diagram",
    "reaction_with_li",
    "read_entries",
    "resolve_entries",
    "screen",
    "stability_window",
    "volume_change",
]
