"""Li-alloy anodes (review section 4.1, refs. 101-102): diffusion-limited stripping of a solid solution.

Pure ``jax.numpy`` models; SI inputs; see ``docs/models.md``.
"""

from lisse.mechanisms.anode.alloy import (
    alloy_concentration_overpotential as alloy_concentration_overpotential,
)
from lisse.mechanisms.anode.alloy import alloy_depletion_rate as alloy_depletion_rate
from lisse.mechanisms.anode.alloy import alloy_sand_time as alloy_sand_time
from lisse.mechanisms.anode.alloy import skeleton_void_fraction as skeleton_void_fraction

__all__ = [
    "alloy_concentration_overpotential",
    "alloy_depletion_rate",
    "alloy_sand_time",
    "skeleton_void_fraction",
]
