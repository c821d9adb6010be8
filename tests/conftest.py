"""Shared test set-up: JAX float64 and strict promotion, as diffrax's own tests do; lisse's disk caches
in a fresh temporary folder, so no test depends on (or writes into) a user's cache, and the stored programs
without their executables.

JAX's compilation cache stays where lisse would put it for the user (``LISSE_JAX_CACHE``): JAX checks its
own entries, and compiling every model from scratch would make the suite several times slower.
"""

import atexit
import os
import shutil
import tempfile

from lisse._core.cache import ENV_VAR, cache_root

_root = cache_root()
if _root is not None:
    os.environ.setdefault("LISSE_JAX_CACHE", str(_root / "jax"))
_tmp = tempfile.mkdtemp(prefix="lisse-test-cache-")
os.environ[ENV_VAR] = _tmp
# stored programs without their compiled executables (compiling one to store it bypasses JAX's compilation
# cache, ~20 s a program); tests/cell/test_exported.py turns them on where it tests them
os.environ.setdefault("LISSE_STORE_EXECUTABLES", "0")
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)

import jax  # noqa: E402

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_numpy_rank_promotion", "raise")
