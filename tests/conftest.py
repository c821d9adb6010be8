"""Shared test set-up: JAX float64 and strict promotion, as diffrax's own tests do."""

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_numpy_rank_promotion", "raise")
