"""Cathode side of full cells (Li metal | solid electrolyte | cathode): open-circuit potentials,
solid diffusion in the particles, and the cathode | solid-electrolyte interface resistance."""

from lisse.mechanisms.cathode.interface import cathode_interface_asr as cathode_interface_asr
from lisse.mechanisms.cathode.interface import (
    cathode_interface_overpotential as cathode_interface_overpotential,
)
from lisse.mechanisms.cathode.interface import cathode_interlayer_asr as cathode_interlayer_asr
from lisse.mechanisms.cathode.ocv import CATHODES as CATHODES
from lisse.mechanisms.cathode.ocv import CathodeOCV as CathodeOCV
from lisse.mechanisms.cathode.ocv import cathode_index as cathode_index
from lisse.mechanisms.cathode.ocv import cathode_ocv as cathode_ocv
from lisse.mechanisms.cathode.ocv import max_concentration as max_concentration
from lisse.mechanisms.cathode.ocv import ocp_lco_ramadass2004 as ocp_lco_ramadass2004
from lisse.mechanisms.cathode.ocv import ocp_lfp_afshar2017 as ocp_lfp_afshar2017
from lisse.mechanisms.cathode.ocv import ocp_nmc811_chen2020 as ocp_nmc811_chen2020
from lisse.mechanisms.cathode.ocv import open_circuit_potential as open_circuit_potential
from lisse.mechanisms.cathode.ocv import stoichiometry_window as stoichiometry_window
from lisse.mechanisms.cathode.ocv import validity_range as validity_range
from lisse.mechanisms.cathode.particle import active_volume_per_area as active_volume_per_area
from lisse.mechanisms.cathode.particle import average_stoichiometry_rate as average_stoichiometry_rate
from lisse.mechanisms.cathode.particle import interfacial_molar_flux as interfacial_molar_flux
from lisse.mechanisms.cathode.particle import (
    surface_stoichiometry_subramanian2005 as surface_stoichiometry_subramanian2005,
)

__all__ = [
    "CATHODES",
    "CathodeOCV",
    "active_volume_per_area",
    "average_stoichiometry_rate",
    "cathode_index",
    "cathode_interface_asr",
    "cathode_interface_overpotential",
    "cathode_interlayer_asr",
    "cathode_ocv",
    "interfacial_molar_flux",
    "max_concentration",
    "ocp_lco_ramadass2004",
    "ocp_lfp_afshar2017",
    "ocp_nmc811_chen2020",
    "open_circuit_potential",
    "stoichiometry_window",
    "surface_stoichiometry_subramanian2005",
    "validity_range",
]
