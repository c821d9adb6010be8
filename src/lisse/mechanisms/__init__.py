"""Failure-mechanism models, grouped as the review groups failure.

Every function here is pure ``jax.numpy``: it takes SI floats or arrays (NumPy or JAX,
traced or not), broadcasts them, and works under ``jit``, ``vmap`` and ``grad``. None of
them reads material data: the cell layer looks values up and passes them in.
"""

import lisse._core.numerics  # noqa: F401  (float64 for every model)
