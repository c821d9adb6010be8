"""Electrochemical failure (review section 3.3): decomposition beyond the stability window, Li+ depletion."""

from lisse.mechanisms.electrochemical.decomposition import decomposed_amount as decomposed_amount
from lisse.mechanisms.electrochemical.decomposition import (
    decomposition_asr_per_cycle as decomposition_asr_per_cycle,
)
from lisse.mechanisms.electrochemical.decomposition import (
    decomposition_charge_per_sweep as decomposition_charge_per_sweep,
)
from lisse.mechanisms.electrochemical.decomposition import (
    decomposition_current_density as decomposition_current_density,
)
from lisse.mechanisms.electrochemical.decomposition import (
    decomposition_layer_growth_rate as decomposition_layer_growth_rate,
)
from lisse.mechanisms.electrochemical.decomposition import (
    passivated_decomposition_current_density as passivated_decomposition_current_density,
)
from lisse.mechanisms.electrochemical.decomposition import window_excursion as window_excursion
from lisse.mechanisms.electrochemical.depletion import (
    concentration_overpotential as concentration_overpotential,
)
from lisse.mechanisms.electrochemical.depletion import (
    interface_concentration_steady_state as interface_concentration_steady_state,
)
from lisse.mechanisms.electrochemical.depletion import (
    salt_concentration_difference as salt_concentration_difference,
)

__all__ = [
    "concentration_overpotential",
    "decomposed_amount",
    "decomposition_asr_per_cycle",
    "decomposition_charge_per_sweep",
    "decomposition_current_density",
    "decomposition_layer_growth_rate",
    "interface_concentration_steady_state",
    "passivated_decomposition_current_density",
    "salt_concentration_difference",
    "window_excursion",
]
