"""lisse's disk caches: one folder, entries named by a hash of everything they depend on.

Answers that take seconds and never change for the same inputs (thermodynamic results, the parsed
bibliography, pint's parsed unit definitions, the traced simulator) are stored under one folder:

* ``$LISSE_CACHE_DIR`` if set (``LISSE_CACHE_DIR=""`` turns every lisse disk cache off),
* else ``$XDG_CACHE_HOME/lisse``, else ``~/.cache/lisse``.

JAX's compilation cache lives in its ``jax/`` sub-folder (``LISSE_JAX_CACHE`` moves it alone, see
:func:`lisse._core.numerics.enable_compilation_cache`).

An entry's file name is a hash of its inputs (content of the data it was computed from, the arguments,
the code version and :data:`CACHE_FORMAT`), so a change of any of them is a miss, never a stale hit.
An entry is written to a temporary file in the same folder and renamed into place (``os.replace``), so
two processes writing the same key at once leave one complete entry, and a reader never sees half a
file. An entry that cannot be read or decoded is ignored (and rebuilt by the caller); a folder that
cannot be written makes lisse warn once and run without the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import warnings
from pathlib import Path
from typing import Any

__all__ = [
    "CACHE_FORMAT",
    "ENV_VAR",
    "cache_folder",
    "cache_root",
    "digest",
    "package_version",
    "read_bytes",
    "read_json",
    "remove",
    "write_bytes",
    "write_json",
]

CACHE_FORMAT = 1
"""Version of the layout of cached entries; bumping it turns every old entry into a miss."""

ENV_VAR = "LISSE_CACHE_DIR"

# Folders already warned about: the one piece of process state here, so that an unwritable cache
# says so once rather than at every write.
_warned: set[str] = set()


def cache_root() -> Path | None:
    """The folder holding lisse's disk caches, or None when they are turned off (``LISSE_CACHE_DIR=""``)."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "lisse"


def _warn_unwritable(folder: Path, exc: BaseException) -> None:
    if str(folder) in _warned:
        return
    _warned.add(str(folder))
    warnings.warn(
        f"lisse cache folder {str(folder)!r} is not writable ({exc}); running without it "
        f"(set {ENV_VAR} to a writable folder, or to an empty string to turn the cache off)",
        UserWarning,
        stacklevel=3,
    )


def cache_folder(name: str) -> Path | None:
    """The sub-folder ``name`` of the cache root, created if needed; None if caching is off or the
    folder cannot be created (warned about once)."""
    root = cache_root()
    if root is None:
        return None
    folder = root / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        _warn_unwritable(folder, exc)
        return None
    return folder


def digest(*parts: Any) -> str:
    """A SHA-256 hex digest of ``parts``: bytes are hashed as they are, anything else as canonical JSON."""
    h = hashlib.sha256()
    for p in parts:
        if isinstance(p, bytes | bytearray | memoryview):
            b = bytes(p)
            h.update(b"b%d:" % len(b))
        else:
            b = json.dumps(p, sort_keys=True, separators=(",", ":"), default=repr).encode()
            h.update(b"j%d:" % len(b))
        h.update(b)
    return h.hexdigest()


def package_version(name: str) -> str:
    """The installed version of distribution ``name`` ("missing" if it is not installed), for cache keys.

    Read from the ``Version:`` line of its metadata: ``importlib.metadata.version`` parses the whole file
    with the e-mail parser, which for packages with long descriptions costs milliseconds each.
    """
    from importlib import metadata

    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return "missing"
    for line in (dist.read_text("METADATA") or dist.read_text("PKG-INFO") or "").splitlines():
        if line.startswith("Version:"):
            return line.partition(":")[2].strip()
        if not line.strip():  # the headers end at the first blank line
            break
    return dist.version


def _atomic_write(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_bytes(name: str, key: str, data: bytes, suffix: str = ".bin") -> Path | None:
    """Store ``data`` as entry ``key`` of cache ``name`` (atomically); None if it could not be written."""
    folder = cache_folder(name)
    if folder is None:
        return None
    path = folder / f"{key}{suffix}"
    try:
        _atomic_write(path, data)
    except OSError as exc:
        _warn_unwritable(folder, exc)
        return None
    return path


def read_bytes(name: str, key: str, suffix: str = ".bin") -> bytes | None:
    """The bytes of entry ``key`` of cache ``name``, or None (off, missing or unreadable)."""
    root = cache_root()
    if root is None:
        return None
    try:
        return (root / name / f"{key}{suffix}").read_bytes()
    except OSError:
        return None


def remove(name: str, key: str, suffix: str = ".bin") -> None:
    """Drop entry ``key`` of cache ``name`` (if it is there and can be removed)."""
    root = cache_root()
    if root is not None:
        with contextlib.suppress(OSError):
            (root / name / f"{key}{suffix}").unlink()


def write_json(name: str, key: str, value: Any) -> Path | None:
    """Store a JSON-serialisable ``value`` as entry ``key`` of cache ``name`` (atomically)."""
    text = json.dumps({"format": CACHE_FORMAT, "key": key, "value": value}, separators=(",", ":"))
    return write_bytes(name, key, text.encode(), ".json")


def read_json(name: str, key: str) -> Any | None:
    """The value stored under ``key`` in cache ``name``; None when missing, corrupt or not this key's."""
    raw = read_bytes(name, key, ".json")
    if raw is None:
        return None
    try:
        doc = json.loads(raw.decode())
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(doc, dict) or doc.get("format") != CACHE_FORMAT or doc.get("key") != key:
        return None
    return doc.get("value")
