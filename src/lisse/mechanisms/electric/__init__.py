"""Electric failure (review section 3.1): voids on stripping, filaments on plating, and the CCD.

Pure ``jax.numpy`` models; SI inputs; see ``docs/models.md``.
"""

from lisse.mechanisms.electric.ccd import MECHANISM_NAMES as MECHANISM_NAMES
from lisse.mechanisms.electric.ccd import CCDResult as CCDResult
from lisse.mechanisms.electric.ccd import ccd_plating as ccd_plating
from lisse.mechanisms.electric.ccd import ccd_stripping as ccd_stripping
from lisse.mechanisms.electric.ccd import mechanism_name as mechanism_name
from lisse.mechanisms.electric.filaments import (
    critical_overpotential_porz2017 as critical_overpotential_porz2017,
)
from lisse.mechanisms.electric.filaments import (
    critical_plating_current_porz2017 as critical_plating_current_porz2017,
)
from lisse.mechanisms.electric.filaments import (
    dendrite_growth_factor_monroe2005 as dendrite_growth_factor_monroe2005,
)
from lisse.mechanisms.electric.filaments import filament_growth_velocity as filament_growth_velocity
from lisse.mechanisms.electric.filaments import (
    internal_deposition_current_han2019 as internal_deposition_current_han2019,
)
from lisse.mechanisms.electric.filaments import internal_short_time_han2019 as internal_short_time_han2019
from lisse.mechanisms.electric.filaments import largest_flaw_length as largest_flaw_length
from lisse.mechanisms.electric.filaments import limiting_current_density as limiting_current_density
from lisse.mechanisms.electric.filaments import lithium_pressure_porz2017 as lithium_pressure_porz2017
from lisse.mechanisms.electric.filaments import sand_time as sand_time
from lisse.mechanisms.electric.filaments import stability_margin_monroe2005 as stability_margin_monroe2005
from lisse.mechanisms.electric.filaments import time_to_short as time_to_short
from lisse.mechanisms.electric.filaments import tip_current_focusing_factor as tip_current_focusing_factor
from lisse.mechanisms.electric.voids import contact_loss_rate as contact_loss_rate
from lisse.mechanisms.electric.voids import creep_limited_stripping_current as creep_limited_stripping_current
from lisse.mechanisms.electric.voids import interfacial_asr_partial_contact as interfacial_asr_partial_contact
from lisse.mechanisms.electric.voids import stripping_current_krauskopf2019 as stripping_current_krauskopf2019
from lisse.mechanisms.electric.voids import (
    vacancy_saturation_time_krauskopf2019 as vacancy_saturation_time_krauskopf2019,
)

__all__ = [
    "MECHANISM_NAMES",
    "CCDResult",
    "ccd_plating",
    "ccd_stripping",
    "contact_loss_rate",
    "creep_limited_stripping_current",
    "critical_overpotential_porz2017",
    "critical_plating_current_porz2017",
    "dendrite_growth_factor_monroe2005",
    "filament_growth_velocity",
    "interfacial_asr_partial_contact",
    "internal_deposition_current_han2019",
    "internal_short_time_han2019",
    "largest_flaw_length",
    "limiting_current_density",
    "lithium_pressure_porz2017",
    "mechanism_name",
    "sand_time",
    "stability_margin_monroe2005",
    "stripping_current_krauskopf2019",
    "time_to_short",
    "tip_current_focusing_factor",
    "vacancy_saturation_time_krauskopf2019",
]
