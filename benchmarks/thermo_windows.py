"""Timing of stability windows for every electrolyte of the materials library.

Target (issue 3): all windows in < 10 s from a cold start (fresh interpreter, 2 cores) and < 1 s once
cached. Three measurements:

* ``cold``: a fresh subprocess imports lisse, reads the bundled entries and computes every window (with an
  empty lisse disk cache), then a second fresh subprocess does it again, reading the disk cache;
* ``cached``: the same calls again in this process, hulls and results cached;
* ``baseline``: the uncached method, side by side in the same process: a new pymatgen PhaseDiagram
  built per call from the already-loaded entries (no hull or result cache).

Run: ``python benchmarks/thermo_windows.py``. Prints the timings and ``ratio_vs_uncached=<x>``
(baseline time / cached time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import warnings

COLD = r"""
import time, warnings
t0 = time.perf_counter()
warnings.simplefilter("ignore")
from lisse.thermo import stability_window, library_electrolytes
from lisse._core.errors import LisseError
n = 0
for name in library_electrolytes():
    try:
        stability_window(name); n += 1
    except LisseError:
        pass
print(f"{time.perf_counter() - t0:.4f} {n}")
"""


def _windows(names, fn):
    from lisse._core.errors import LisseError

    n = 0
    for name in names:
        try:
            fn(name)
            n += 1
        except LisseError:
            pass
    return n


def _uncached_window(name: str):
    """Baseline: the same grand-potential walk with a fresh PhaseDiagram each call."""
    from pymatgen.analysis.phase_diagram import PDEntry, PhaseDiagram
    from pymatgen.core import Element

    from lisse.thermo._library import resolve
    from lisse.thermo.entries import _pd_entry, bundled_entries

    comp = resolve(name).composition.reduced_composition
    els = {e.symbol for e in comp.elements} | {"Li"}
    pd = PhaseDiagram([_pd_entry(e) for e in bundled_entries().in_system(els)])
    own = [e for e in pd.all_entries if e.composition.reduced_formula == comp.reduced_formula]
    if not own:
        from lisse._core.errors import LisseError

        raise LisseError(name)
    entry = own[0]
    _, eh = pd.get_decomp_and_e_above_hull(entry, allow_negative=True)
    if eh > 0:
        low = PDEntry(entry.composition, entry.energy - (eh + 1e-4) * entry.composition.num_atoms)
        pd = PhaseDiagram([e for e in pd.all_entries if e is not entry] + [low])
    return pd.get_element_profile(Element("Li"), comp)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="lisse-bench-cache-") as folder:
        # an empty lisse disk cache: the cold start builds every hull; a second fresh interpreter then
        # reads the results from the disk cache (lisse.thermo._cache)
        env = {**os.environ, "LISSE_CACHE_DIR": folder}
        runs = [
            subprocess.run([sys.executable, "-c", COLD], capture_output=True, text=True, check=True, env=env)
            for _ in range(2)
        ]
    cold_s, n_cold = runs[0].stdout.split()
    print(f"cold_start_s={float(cold_s):.3f} windows={n_cold} (fresh interpreter, with imports)")
    disk_s, _ = runs[1].stdout.split()
    print(f"disk_cached_start_s={float(disk_s):.3f} (second fresh interpreter: disk cache)")

    warnings.simplefilter("ignore")
    from lisse.thermo import library_electrolytes, stability_window

    names = library_electrolytes()
    _windows(names, stability_window)  # warm: hulls and results cached

    t = time.perf_counter()
    n = _windows(names, stability_window)
    cached = time.perf_counter() - t
    t = time.perf_counter()
    _windows(names, _uncached_window)
    baseline = time.perf_counter() - t
    print(f"cached_s={cached:.4f} windows={n}")
    print(f"baseline_uncached_s={baseline:.4f} (new PhaseDiagram per call, entries already loaded)")
    print(f"ratio_vs_uncached={baseline / cached:.1f}")
    print(f"targets: cold < 10 s: {float(cold_s) < 10.0}; cached < 1 s: {cached < 1.0}")


if __name__ == "__main__":
    main()
