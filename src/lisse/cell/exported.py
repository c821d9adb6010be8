"""Traced and lowered model functions kept on disk (``jax.export``), so a new process does not trace again.

Tracing the solver (Python walking diffrax's and the model's code to build the computation) takes seconds
and gives the same program every time for the same code, static settings and shapes. :func:`call` runs a
jitted function through a :class:`jax.export.Exported` stored in ``<cache>/exports/``
(:mod:`lisse._core.cache`). On CPU the compiled executable is stored next to it (``.xla``, keyed also by
the processor's instruction set and the runtime) and loaded without lowering the program again (lowering
an exported call costs about 0.5 s of a second ``lisse simulate``); elsewhere JAX's compilation cache
supplies the compiled code (also on CPU with ``LISSE_STORE_EXECUTABLES=0``). The entry is keyed by

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
import platform
import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jax
import numpy as np

from lisse._core import cache

__all__ = ["EXECUTABLES_ENV", "call", "code_version", "register_pytree"]

_FOLDER = "exports"
_MAGIC = b"lisse-export-1\n"
_EXECUTABLE = ".xla"
#: Set to 0 to store only the exported programs (each new process then lowers them: about 0.5 s per program).
EXECUTABLES_ENV = "LISSE_STORE_EXECUTABLES"
_DEPENDENCIES = ("jax", "jaxlib", "diffrax", "equinox", "optimistix", "lineax")

# key -> the loaded program, jitted: the in-process memo (like jax.jit's own cache)
_loaded: dict[str, Callable] = {}
# keys whose executable this process compiled: a stored one loaded here may fail to run (_compile_and_store)
_compiled_here: set[str] = set()


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


def _read(key: str, suffix: str) -> bytes | None:
    """The payload of a stored entry, or None if it is missing or fails its SHA-256 check."""
    raw = cache.read_bytes(_FOLDER, key, suffix)
    if raw is None:
        return None
    head, digest, payload = raw[: len(_MAGIC)], raw[len(_MAGIC) : len(_MAGIC) + 32], raw[len(_MAGIC) + 32 :]
    if head != _MAGIC or hashlib.sha256(payload).digest() != digest:
        return None
    return payload


def _write(key: str, suffix: str, payload: bytes) -> None:
    cache.write_bytes(_FOLDER, key, _MAGIC + hashlib.sha256(payload).digest() + payload, suffix)


def _load(key: str, args: tuple) -> jax.export.Exported | None:
    payload = _read(key, ".jaxexport")
    if payload is None:
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
    return exp


@functools.cache
def _host() -> str:
    """What a compiled executable is specific to: the processor it was compiled for (XLA compiles for the
    host's instruction set) and the runtime."""
    cpu = platform.machine() + platform.processor()
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as f:
        cpu += "".join(line for line in f.read().split("\n\n")[0].splitlines() if "flags" in line)
    return cache.digest(cpu, jax.devices()[0].client.platform_version)


def _executable_key(key: str) -> str:
    return cache.digest(key, _host())


def _executable(key: str, exp: jax.export.Exported, args: tuple) -> Callable:
    """The exported program as a runnable function: on CPU, its compiled executable stored next to it and
    loaded without lowering (compiled and stored when missing or damaged); elsewhere, or when a stored
    executable does not load here, lowered from the export (JAX's compilation cache then has the code)."""
    lowered = jax.jit(exp.call)
    if jax.default_backend() != "cpu" or os.environ.get(EXECUTABLES_ENV, "1") == "0":
        return lowered
    payload = _read(_executable_key(key), _EXECUTABLE)
    if payload is None:
        compiled = _compile_and_store(key, exp, args)
    else:
        from jax.experimental.serialize_executable import deserialize_and_load

        try:
            compiled = deserialize_and_load(
                payload, exp.in_tree, exp.out_tree, execution_devices=jax.devices()[:1]
            )
        except Exception:  # from another jaxlib, or damaged in a way the digest did not catch
            return lowered

    failed = False

    def run(*a):
        nonlocal failed
        if not failed:
            try:
                return jax.block_until_ready(compiled(*a))
            except Exception:  # for good: lowered from the export from now on
                failed = True
                if payload is not None and key not in _compiled_here:
                    cache.remove(_FOLDER, _executable_key(key), _EXECUTABLE)  # compiled by the next process
        return lowered(*a)

    return run


def _compile_and_store(key: str, exp: jax.export.Exported, args: tuple) -> Callable:
    """The exported program compiled for these arguments, its executable stored.

    Compiled with JAX's compilation cache off: an executable that JAX read from its cache serialises into
    one that does not run when loaded ("Function ... not found"); this compiles once, in a first run. The
    same happens to the executable of a program compiled a second time in one process (the in-process memo
    prevents that, but not, e.g., a test that clears it): such a stored executable fails when it runs, and
    is then dropped from the store (by a process that did not compile it) and the program lowered instead."""
    from jax.experimental.compilation_cache.compilation_cache import reset_cache
    from jax.experimental.serialize_executable import serialize

    enabled = jax.config.jax_enable_compilation_cache
    jax.config.update("jax_enable_compilation_cache", False)
    reset_cache()  # JAX decides once per process whether its cache is used: make it decide again
    try:
        compiled = jax.jit(exp.call).lower(*args).compile()
    finally:
        jax.config.update("jax_enable_compilation_cache", enabled)
        reset_cache()
    _compiled_here.add(key)
    _write(_executable_key(key), _EXECUTABLE, serialize(compiled)[0])
    return compiled


def _build(key: str, name: str, fn: Callable, static: Mapping[str, Any], args: tuple) -> Callable:
    exp = jax.export.export(jax.jit(functools.partial(fn, **static)))(*args)
    try:
        payload = bytes(exp.serialize())
    except Exception as exc:  # a result type without serialisation: run uncached
        msg = f"cannot store the traced {name} ({exc}); it is traced again next time"
        warnings.warn(msg, stacklevel=3)
        return jax.jit(exp.call)
    _write(key, ".jaxexport", payload)
    return _executable(key, exp, args)


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
    exp = _load(key, args)
    if exp is not None:
        try:
            run = _executable(key, exp, args)
            out = run(*args)
        except Exception:  # a stored program that does not compile or run here: trace again
            pass
        else:
            _loaded[key] = run
            return out
    run = _build(key, name, fn, static, args)
    _loaded[key] = run
    return run(*args)
