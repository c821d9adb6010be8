"""Thermodynamic results cached on disk (:mod:`lisse._core.cache`, sub-folder ``thermo/``).

Building the hulls of a chemical system takes seconds and gives the same answer every time, so the
public functions (windows, reactions, interphases, the screening table) are wrapped by
:func:`disk_cached`. An entry is keyed by

* the function and its arguments (a name or formula, thresholds, ...),
* the content of the formation-energy entries (the bundled snapshot file, or the digest and label of a
  user's :class:`~lisse.thermo.entries.EntrySet`),
* the content of the materials library (the bundled data files, or the values of a user's library),
* the code that computes them (the source of ``lisse.thermo`` and ``lisse.materials``), pymatgen's
  version and the cache format,

so a change of any of them is a miss. Within a process, results read or computed are also kept in memory
(up to 1024, like ``functools.lru_cache``). Results are frozen dataclasses, stored as JSON and rebuilt as
the same classes (only the thermo result classes are accepted); an entry that does not decode is
ignored and recomputed. Warnings raised while computing a result are stored with it and raised again
on every hit. Errors are not cached. Arguments that cannot be keyed (an unknown object) bypass the cache.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import warnings
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from lisse._core import cache

__all__ = ["disk_cached"]

F = TypeVar("F", bound=Callable[..., Any])

_FOLDER = "thermo"
_SIMPLE = (str, int, float, bool, type(None))
_MEMORY_SIZE = 1024
# key -> (result, warnings): results already read or computed in this process (frozen dataclasses, so they
# can be shared), kept like functools.lru_cache keeps them, so a repeated call reads no file
_memory: dict[tuple[str, str], tuple[Any, list]] = {}


def _remember(key: tuple[str, str], value: Any, stored_warnings: list) -> None:
    if len(_memory) >= _MEMORY_SIZE:
        _memory.pop(next(iter(_memory)))
    _memory[key] = (value, stored_warnings)


@functools.cache
def _code_version() -> str:
    """Digest of the code the results depend on: lisse.thermo and lisse.materials, and pymatgen."""
    here = Path(__file__).parent
    files = sorted(here.glob("*.py")) + sorted((here.parent / "materials").glob("*.py"))
    pmg = cache.package_version("pymatgen")
    return cache.digest(pmg, *(part for f in files for part in (f.name, f.read_bytes())))


@functools.cache
def _bundled_data_digest(folder: str) -> str:
    """Digest of the bundled data files under ``lisse/data/<folder>`` (names and bytes)."""
    root = resources.files("lisse.data") / folder
    files = sorted((f for f in root.iterdir() if f.is_file()), key=lambda f: f.name)
    return cache.digest(*(part for f in files for part in (f.name, f.read_bytes())))


def _entries_key(entries: Any) -> Any:
    from lisse.thermo.entries import EntrySet, bundled_entries

    if entries is not None and bundled_entries.cache_info().currsize and entries is bundled_entries():
        entries = None
    if entries is None:
        return ["bundled", _bundled_data_digest("thermo")]
    if isinstance(entries, EntrySet):
        return ["user", entries.label, entries.digest]
    raise TypeError("entries")


def _layer_digest(layer: Path | None) -> str:
    """Digest of the calibrated layer's bytes, read again only when the file changes (size or mtime)."""
    try:
        stat = layer.stat() if layer is not None else None
    except OSError:
        stat = None
    if stat is None:
        return "uncalibrated"
    return _file_digest(str(layer), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=16)
def _file_digest(path: str, mtime_ns: int, size: int) -> str:
    return cache.digest(Path(path).read_bytes())


def _library_key(library: Any) -> Any:
    from lisse.materials import Library, default_library
    from lisse.materials.calibrated import calibration_file

    layer = calibration_file()  # the default library is the bundled one with this calibrated layer
    bundled = ["bundled", _bundled_data_digest("materials"), _layer_digest(layer)]
    if library is None or library is default_library():
        return bundled
    if not isinstance(library, Library):
        raise TypeError("library")
    return ["user", cache.digest(*(library.get(n).model_dump_json() for n in sorted(library)))]


def _plain_arg(value: Any) -> Any:
    if isinstance(value, _SIMPLE):
        return value
    if isinstance(value, list | tuple) and all(isinstance(v, _SIMPLE) for v in value):
        return list(value)
    raise TypeError(type(value).__name__)


def _key(fn: Callable, sig: inspect.Signature, args: tuple, kwargs: dict) -> str | None:
    try:
        bound = sig.bind(*args, **kwargs)
        bound.apply_defaults()
        parts = {}
        for name, value in bound.arguments.items():
            if name == "entries":
                parts[name] = _entries_key(value)
            elif name == "library":
                parts[name] = _library_key(value)
            elif sig.parameters[name].kind is inspect.Parameter.VAR_KEYWORD:
                parts[name] = {k: _plain_arg(v) for k, v in sorted(value.items())}
            else:
                parts[name] = _plain_arg(value)
    except TypeError:
        return None
    return cache.digest(cache.CACHE_FORMAT, _code_version(), f"{fn.__module__}.{fn.__qualname__}", parts)


# ----------------------------------------------------------------------------------------------
# results <-> JSON


@functools.cache
def _result_types() -> dict[str, type]:
    from lisse.materials.evidence import Distribution
    from lisse.materials.resolve import Value
    from lisse.thermo.interphase import ElectronicCharacter, Interphase
    from lisse.thermo.oxidation import OxidationLayer
    from lisse.thermo.reactions import InterfaceReaction, Product, VolumeChange
    from lisse.thermo.screen import ScreenRow, ScreenTable
    from lisse.thermo.window import LiUptakeProfile, StabilityWindow, UptakeStep

    classes = (
        UptakeStep,
        StabilityWindow,
        LiUptakeProfile,
        Product,
        VolumeChange,
        InterfaceReaction,
        ElectronicCharacter,
        Interphase,
        OxidationLayer,
        ScreenRow,
        ScreenTable,
        Value,  # the product values behind an interphase's effective conductivities
        Distribution,
    )
    return {c.__name__: c for c in classes}


def _encode(obj: Any) -> Any:
    if isinstance(obj, _SIMPLE):
        return obj
    if isinstance(obj, tuple):
        return {"t": [_encode(v) for v in obj]}
    if isinstance(obj, list):
        return [_encode(v) for v in obj]
    if isinstance(obj, dict) and all(isinstance(k, str) for k in obj):
        return {"d": {k: _encode(v) for k, v in obj.items()}}
    name = type(obj).__name__
    if dataclasses.is_dataclass(obj) and _result_types().get(name) is type(obj):
        return {"c": name, "f": {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}}
    raise TypeError(f"cannot store a {name} in the thermo cache")


def _decode(doc: Any) -> Any:
    if isinstance(doc, _SIMPLE):
        return doc
    if isinstance(doc, list):
        return [_decode(v) for v in doc]
    if isinstance(doc, dict) and len(doc) == 1 and isinstance(doc.get("t"), list):
        return tuple(_decode(v) for v in doc["t"])
    if isinstance(doc, dict) and len(doc) == 1 and isinstance(doc.get("d"), dict):
        return {k: _decode(v) for k, v in doc["d"].items()}
    if isinstance(doc, dict) and set(doc) == {"c", "f"} and isinstance(doc["f"], dict):
        cls = _result_types()[doc["c"]]  # KeyError for an unknown class
        names = {f.name for f in dataclasses.fields(cls)}
        if set(doc["f"]) != names:
            raise ValueError(f"fields of {cls.__name__} changed")
        return cls(**{k: _decode(v) for k, v in doc["f"].items()})
    raise ValueError("not a thermo cache value")


# ----------------------------------------------------------------------------------------------


def _replay(stored: list) -> None:
    for msg in stored:
        if isinstance(msg, str):
            warnings.warn(msg, UserWarning, stacklevel=3)


def disk_cached(fn: F) -> F:
    """Cache ``fn``'s results on disk (see the module docstring); ``fn`` must return thermo results."""
    sig = inspect.signature(fn)

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        key = _key(fn, sig, args, kwargs)
        if key is None:
            return fn(*args, **kwargs)
        here = (str(cache.cache_root()), key)  # per cache folder, as the disk entries are
        if here in _memory:
            value, stored = _memory[here]
            _replay(stored)
            return value
        doc = cache.read_json(_FOLDER, key)
        if isinstance(doc, dict) and isinstance(doc.get("warnings"), list):
            try:
                value = _decode(doc.get("value"))
            except (KeyError, TypeError, ValueError):
                pass  # a corrupt or outdated entry: recompute and overwrite it
            else:
                _remember(here, value, doc["warnings"])
                _replay(doc["warnings"])
                return value
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = fn(*args, **kwargs)
        for w in caught:  # raise them again, now under the caller's filters
            warnings.warn(w.message, stacklevel=2)
        user = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
        try:
            encoded = _encode(value)
        except TypeError:
            return value
        stored = list(dict.fromkeys(user))
        _remember(here, value, stored)
        cache.write_json(_FOLDER, key, {"value": encoded, "warnings": stored})
        return value

    wrapper.__wrapped__ = fn  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]
