"""lisse: predict, explain and help prevent the failure of solid-state Li-metal batteries at the
Li | solid-electrolyte interface.

Subpackages: :mod:`lisse.materials` (cited materials library), :mod:`lisse.thermo` (stability windows,
reactions, interphases), :mod:`lisse.mechanisms` (failure-mechanism models), :mod:`lisse.cell` (cells,
protocols, the coupled simulator). They are imported on demand, so ``import lisse`` stays light.
"""

import os as _os

# Equinox (under diffrax) reports run-time errors through host callbacks, and JAX does not cache
# compiled code containing host callbacks on disk. With EQX_ON_ERROR=nan they become NaNs instead; the
# simulator runs diffrax with throw=False and checks its result codes itself (lisse.cell.simulate), so no
# error goes unreported. This must be set before equinox is imported; a value the user set is respected.
_os.environ.setdefault("EQX_ON_ERROR", "nan")


def _cpu_devices() -> None:
    """Ask XLA for one CPU device per core, so batches of cells run on every core
    (:func:`lisse.cell.batch.solve_batch` shards them). XLA reads ``XLA_FLAGS`` when JAX starts, so this
    has no effect if jax was imported before lisse; a device count already in ``XLA_FLAGS`` is respected.
    ``LISSE_CPU_DEVICES`` sets the count (``1`` leaves XLA's default of one device). A single cell runs on
    one device either way."""
    import sys

    flags = _os.environ.get("XLA_FLAGS", "")
    if "jax" in sys.modules or "xla_force_host_platform_device_count" in flags:
        return
    wanted = _os.environ.get("LISSE_CPU_DEVICES", "").strip()
    if wanted.isdigit():
        count = int(wanted)
    elif hasattr(_os, "sched_getaffinity"):
        count = len(_os.sched_getaffinity(0))  # the cores this process may use
    else:
        count = _os.cpu_count() or 1
    if count > 1:
        _os.environ["XLA_FLAGS"] = f"{flags} --xla_force_host_platform_device_count={count}".strip()


_cpu_devices()

__version__ = "0.1.0"

__all__ = ["__version__"]
