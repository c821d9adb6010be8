"""JAX set-up shared by the models: float64 everywhere, and the array type models accept.

lisse turns on JAX's 64-bit mode when a model layer is imported: battery models mix
quantities 20 orders of magnitude apart (diffusivities of 1e-15 m^2/s, moduli of 1e11 Pa),
and float32 silently loses them.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

import jax
import jax.numpy as jnp
import numpy as np

from lisse._core.cache import cache_root
from lisse._core.constants import AVOGADRO, BOLTZMANN_EV, ELEMENTARY_CHARGE, FARADAY, GAS_CONSTANT

jax.config.update("jax_enable_x64", True)


def enable_compilation_cache(folder: str | Path | None = None) -> Path | None:
    """Turn on JAX's persistent compilation cache, so compiled models are reused between runs.

    The folder is ``folder``, else the environment variable ``LISSE_JAX_CACHE``, else the ``jax``
    sub-folder of lisse's cache folder (:func:`lisse._core.cache.cache_root`: ``$LISSE_CACHE_DIR``, else
    ``~/.cache/lisse``); ``LISSE_JAX_CACHE=""`` (or ``LISSE_CACHE_DIR=""`` without ``LISSE_JAX_CACHE``)
    turns it off. JAX reads this setting when it compiles for the first time, so lisse calls this when a
    model layer is imported. A cache folder the user set through JAX's own configuration is left alone.
    """
    env = os.environ.get("LISSE_JAX_CACHE")
    if env == "" or jax.config.jax_compilation_cache_dir:
        return None
    root = cache_root()
    if folder is None and not env and root is None:
        return None
    path = Path(folder or env or root / "jax")  # type: ignore[operator]
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only home: run without the cache
    jax.config.update("jax_compilation_cache_dir", str(path))
    jax.config.update("jax_persistent_cache_min_compile_time_secs", 0.5)
    return path


enable_compilation_cache()

ArrayLike: TypeAlias = jax.Array | np.ndarray | float
"""A float, a NumPy array or a JAX array (traced or not); models broadcast their inputs."""


def host_value(fn: Callable[..., jax.Array], *args: float | np.ndarray) -> float | np.ndarray:
    """``fn(*args)`` of a model function of scalars, as a Python float, through one jitted call: calling a
    jnp function on floats dispatches each of its operations separately (tens of microseconds each), which
    dominates reading a cell's parameters once per sampled or swept cell. (The result is read through NumPy:
    ``float`` of a JAX array takes about twice as long.) Arrays in (a batch of cells read at once) give a
    NumPy array out."""
    out = np.asarray(_jitted(fn)(*args))
    return float(out) if out.ndim == 0 else out


@functools.cache
def _jitted(fn: Callable[..., jax.Array]) -> Callable[..., jax.Array]:
    return jax.jit(fn)


__all__ = [
    "AVOGADRO",
    "BOLTZMANN_EV",
    "ELEMENTARY_CHARGE",
    "FARADAY",
    "GAS_CONSTANT",
    "ArrayLike",
    "enable_compilation_cache",
    "host_value",
    "jnp",
]
