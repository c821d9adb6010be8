"""Mechanical failure (review section 3.4): Li creep, stack pressure, interphase stress, fracture."""

from lisse.mechanisms.mechanical.creep import creep_intrusion_velocity as creep_intrusion_velocity
from lisse.mechanisms.mechanical.creep import (
    creep_penetration_depth_doux2020 as creep_penetration_depth_doux2020,
)
from lisse.mechanisms.mechanical.creep import creep_strain_rate as creep_strain_rate
from lisse.mechanisms.mechanical.creep import effective_thickness as effective_thickness
from lisse.mechanisms.mechanical.fracture import crack_length_subcritical as crack_length_subcritical
from lisse.mechanisms.mechanical.fracture import crack_resistance_dilute as crack_resistance_dilute
from lisse.mechanisms.mechanical.fracture import critical_flaw_length as critical_flaw_length
from lisse.mechanisms.mechanical.fracture import critical_stress as critical_stress
from lisse.mechanisms.mechanical.fracture import stress_intensity_factor as stress_intensity_factor
from lisse.mechanisms.mechanical.fracture import subcritical_crack_velocity as subcritical_crack_velocity
from lisse.mechanisms.mechanical.fracture import time_to_failure_subcritical as time_to_failure_subcritical
from lisse.mechanisms.mechanical.stress import filament_tip_stress as filament_tip_stress
from lisse.mechanisms.mechanical.stress import interphase_stress_intensity as interphase_stress_intensity
from lisse.mechanisms.mechanical.stress import li_thickness_change as li_thickness_change
from lisse.mechanisms.mechanical.stress import (
    misfit_stress_constrained_layer as misfit_stress_constrained_layer,
)
from lisse.mechanisms.mechanical.stress import stack_pressure_change as stack_pressure_change
from lisse.mechanisms.mechanical.stress import stack_pressure_history as stack_pressure_history
from lisse.mechanisms.mechanical.stress import stack_pressure_rate as stack_pressure_rate
from lisse.mechanisms.mechanical.stress import substrate_stress_balance as substrate_stress_balance
from lisse.mechanisms.mechanical.stress import (
    yield_strength_size_dependent_xu2017 as yield_strength_size_dependent_xu2017,
)

__all__ = [
    "crack_length_subcritical",
    "crack_resistance_dilute",
    "creep_intrusion_velocity",
    "creep_penetration_depth_doux2020",
    "creep_strain_rate",
    "critical_flaw_length",
    "critical_stress",
    "effective_thickness",
    "filament_tip_stress",
    "interphase_stress_intensity",
    "li_thickness_change",
    "misfit_stress_constrained_layer",
    "stack_pressure_change",
    "stack_pressure_history",
    "stack_pressure_rate",
    "stress_intensity_factor",
    "subcritical_crack_velocity",
    "substrate_stress_balance",
    "time_to_failure_subcritical",
    "yield_strength_size_dependent_xu2017",
]
