"""Chemical failure (review section 3.2): growth of the Li | electrolyte interphase and its resistance."""

from lisse.mechanisms.chemical.interphase import ambipolar_conductivity as ambipolar_conductivity
from lisse.mechanisms.chemical.interphase import (
    ambipolar_conductivity_from_asr_rate as ambipolar_conductivity_from_asr_rate,
)
from lisse.mechanisms.chemical.interphase import asr_rate_constant as asr_rate_constant
from lisse.mechanisms.chemical.interphase import (
    effective_conductivity_bruggeman as effective_conductivity_bruggeman,
)
from lisse.mechanisms.chemical.interphase import interphase_asr as interphase_asr
from lisse.mechanisms.chemical.interphase import (
    interphase_asr_sqrt_time_wenzel2016 as interphase_asr_sqrt_time_wenzel2016,
)
from lisse.mechanisms.chemical.interphase import (
    interphase_thickness_deal_grove1965 as interphase_thickness_deal_grove1965,
)
from lisse.mechanisms.chemical.interphase import (
    parabolic_rate_constant_wagner as parabolic_rate_constant_wagner,
)

__all__ = [
    "ambipolar_conductivity",
    "ambipolar_conductivity_from_asr_rate",
    "asr_rate_constant",
    "effective_conductivity_bruggeman",
    "interphase_asr",
    "interphase_asr_sqrt_time_wenzel2016",
    "interphase_thickness_deal_grove1965",
    "parabolic_rate_constant_wagner",
]
