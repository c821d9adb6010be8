"""Draws of uncertain inputs inside JAX: a distribution's ``(kind, a, b)`` applied to standard-normal draws.

``lisse.materials.evidence.Distribution.params`` gives the three numbers; :func:`from_standard_normal` maps
z ~ N(0, 1) onto the distribution (the quantile function at Phi(z)), so that a batch of cells is drawn as
``jax.vmap`` over z with the distributions as arrays. Kinds: 0 normal (mean a, sd b), 1 lognormal (median a,
sd of ln b), 2 uniform [a, b], 3 log-uniform [a, b], 4 Fréchet (median a, shape b).
"""

from __future__ import annotations

import jax.numpy as jnp
from jax.scipy.special import ndtr

from lisse._core import numerics  # noqa: F401  (float64)

__all__ = ["from_standard_normal"]


def from_standard_normal(kind, a, b, z):
    """The value of a distribution at standard-normal draw ``z`` (array-valued, jit/vmap/grad-able)."""
    kind, a, b, z = (jnp.asarray(x) for x in (kind, a, b, z))
    u = ndtr(z)
    safe_a = jnp.where(a > 0, a, 1.0)
    safe_b = jnp.where(b > 0, b, 1.0)
    safe_u = jnp.clip(u, 1e-300, 1.0 - 1e-16)
    values = jnp.stack(
        [
            a + b * z,
            a * jnp.exp(b * z),
            a + (b - a) * u,
            jnp.exp(jnp.log(safe_a) + (jnp.log(safe_b) - jnp.log(safe_a)) * u),
            a * (jnp.log(2.0) / -jnp.log(safe_u)) ** (1.0 / safe_b),
        ]
    )
    return jnp.take(values, kind.astype(int), axis=0) if values.ndim > 1 else values[kind.astype(int)]
