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

__version__ = "0.1.0"

__all__ = ["__version__"]
