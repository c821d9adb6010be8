"""JAX set-up shared by the models: float64 everywhere, and the array type models accept.

lisse turns on JAX's 64-bit mode when a model layer is imported: battery models mix
quantities 20 orders of magnitude apart (diffusivities of 1e-15 m^2/s, moduli of 1e11 Pa),
and float32 silently loses them.
"""

from __future__ import annotations

from typing import TypeAlias

import jax
import jax.numpy as jnp
import numpy as np

from lisse._core.constants import AVOGADRO, BOLTZMANN_EV, ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT

jax.config.update("jax_enable_x64", True)

ArrayLike: TypeAlias = jax.Array | np.ndarray | float
"""A float, a NumPy array or a JAX array (traced or not); models broadcast their inputs."""

__all__ = ["AVOGADRO", "BOLTZMANN_EV", "ELEMENTARY_CHARGE", "FARADAY", "GAS_CONSTANT", "ArrayLike", "jnp"]
