"""Traced and lowered model functions kept on disk (``jax.export``), so a new process does not trace again.

Tracing the solver (Python walking diffrax's and the model's code to build the computation) takes seconds
and gives the same program every time for the same code, static settings and shapes. :func:`call` runs a
jitted function through a :class:`jax.export.Exported` stored in ``<cache>/exports/``
(:mod:`lisse._core.cache`) next to JAX's compilation cache, which then supplies the compiled code. The
entry is keyed by

* the name of the function and its static arguments (the model features, tolerances, save count),
* the tree structure, shapes and dtypes of its array arguments,
* the model's code version: the source of ``lisse.cell``, ``lisse.mechanisms`` and ``lisse._core``,
* the versions of jax, jaxlib, diffrax, equinox, optimistix and lineax, the float64 switch, ``EQX_ON_ERROR``
  and the platform,

so any change traces afresh. A hit loads the program (no Python tracing); a miss traces, exports, stores
and runs the exported program, so both paths run the same program. A stored file carries a SHA-256 of
its content; one that fails the check, does not deserialise, or does not match the arguments is ignored,
rebuilt and overwritten. With the cache off or unwritable, the program is exported in memory only.
Within a process the loaded program is kept, so later calls cost what a jitted call costs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jax
import numpy as np

from lisse._core import cache

__all__ = ["call", "code_version", "register_pytree"]

_FOLDER = "exports"
_MAGIC = b"lisse-export-1\n"
_DEPENDENCIES = ("jax", "jaxlib", "diffrax", "equinox", "optimistix", "lineax")

# key -> the loaded program, jitted: the in-process memo (like jax.jit's own cache)
_loaded: dict[str, Callable] = {}


def register_pytree(cls: type) -> type:
    """Let a NamedTuple of arrays (parameters, states) be an argument or result of a stored program."""
    name = f"{cls.__module__}.{cls.__qualname__}"
    with contextlib.suppress(ValueError):  # registered already (a module imported twice, e.g. by reload)
        jax.export.register_namedtuple_serialization(cls, serialized_name=name)
    return cls


@functools.cache
def code_version() -> str:
    """Digest of the code a stored program depends on (see the module docstring)."""
    lisse_root = Path(__file__).resolve().parent.parent
    files = sorted(
        f for pkg in ("cell", "mechanisms", "_core") for f in (lisse_root / pkg).rglob("*.py") if f.is_file()
    )
    versions = [f"{dist}=={cache.package_version(dist)}" for dist in _DEPENDENCIES]
    parts = [str(f.relative_to(lisse_root)).encode() + b"\0" + f.read_bytes() for f in files]
    return cache.digest(versions, *parts)


def _key(name: str, static: Mapping[str, Any], args: tuple) -> str:
    leaves, tree = jax.tree_util.tree_flatten(args)
    shapes = [(tuple(np.shape(x)), str(jax.numpy.result_type(x))) for x in leaves]
    return cache.digest(
        cache.CACHE_FORMAT,
        name,
        code_version(),
        sorted((k, repr(v)) for k, v in static.items()),
        str(tree),
        shapes,
        bool(jax.config.jax_enable_x64),
        os.environ.get("EQX_ON_ERROR", ""),
        jax.default_backend(),
    )


def _load(key: str, args: tuple) -> Callable | None:
    raw = cache.read_bytes(_FOLDER, key, ".jaxexport")
    if raw is None:
        return None
    head, digest, payload = raw[: len(_MAGIC)], raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    try:
        exp = jax.export.deserialize(bytearray(payload))
    except Exception:  # a file from another version, or damaged in a way the digest did not catch
        return None
    leaves, tree = jax.tree_util.tree_flatten((args, {}))  # an Exported's inputs are (args, kwargs)
    expected = [(tuple(np.shape(x)), jax.numpy.result_type(x)) for x in leaves]
    if exp.in_tree != tree or [(a.shape, a.dtype) for a in exp.in_avals] != expected:
        return None
    if jax.default_backend() not in exp.platforms:
        return None
    return jax.jit(exp.call)


def _build(key: str, name: str, fn: Callable, static: Mapping[str, Any], args: tuple) -> Callable:
    exp = jax.export.export(jax.jit(functools.partial(fn, **static)))(*args)
    try:
        payload = bytes(exp.serialize())
    except Exception as exc:  # a result type without serialisation: run uncached
        msg = f"cannot store the traced {name} ({exc}); it is traced again next time"
        warnings.warn(msg, stacklevel=3)
    else:
        cache.write_bytes(_FOLDER, key, _MAGIC + hashlib.sha256(payload).digest() + payload, ".jaxexport")
    return jax.jit(exp.call)


def call(name: str, fn: Callable, args: tuple, static: Mapping[str, Any] | None = None) -> Any:
    """``fn(*args, **static)`` through its stored program (traced, exported and stored on a miss).

    ``fn`` must be a pure JAX function of ``args`` (pytrees of arrays; NamedTuples registered with
    :func:`register_pytree`); ``static`` holds the hashable settings it is specialised on.
    """
    static = dict(static or {})
    key = _key(name, static, args)
    run = _loaded.get(key)
    if run is not None:
        return run(*args)
    run = _load(key, args)
    if run is not None:
        try:
            out = run(*args)
        except Exception:  # a stored program that does not compile or run here: trace again
            run = None
        else:
            _loaded[key] = run
            return out
    run = _build(key, name, fn, static, args)
    _loaded[key] = run
    return run(*args)
