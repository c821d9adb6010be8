"""Run a lisse benchmark by name.

Usage::

    python benchmarks/run.py simulator [--n 1000] [--cycles 1000]
    python benchmarks/run.py thermo
    python benchmarks/run.py cli [--cache DIR]
    python benchmarks/run.py couplings [--baseline REV] [--repeat 3]
    python benchmarks/run.py uncertainty [--samples 256] [--repeat 7]
    python benchmarks/run.py maps [--sizes 1000,10000] [--cycles 100]

``simulator``: the coupled cell simulator against PyBaMM's IDAKLU solver (needs ``pip install pybamm``);
last line ``ratio_vs_pybamm=<x>``. ``thermo``: stability windows, cached vs uncached (last line
``ratio_vs_uncached=<x>``). ``cli``: wall times of ``lisse`` commands in fresh processes (last line
``ratio_second_simulate_vs_in_process=<x>``). ``couplings``: the symmetric-cell solve of this tree against a
baseline revision from before the issue-12 couplings (last line ``ratio_vs_baseline=<x>``). ``uncertainty``: a
256-sample CCD band against one deterministic CCD run (last line ``ratio_band_vs_deterministic=<x>``).
``maps``: failure maps end to end (spec, batched solves, verdicts, store) in cell-cycles/s, their scaling,
memory and the store and Dask overhead, against PyBaMM IDAKLU (last line ``ratio_vs_pybamm=<x>``). See
``benchmarks/README.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("simulator", "thermo", "cli", "couplings", "uncertainty", "maps")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in BENCHMARKS:
        print(f"usage: python benchmarks/run.py {{{'|'.join(BENCHMARKS)}}} [options]", file=sys.stderr)
        return 2
    name, rest = argv[0], argv[1:]
    sys.path.insert(0, str(HERE))
    if name == "simulator":
        import simulator

        return simulator.main(rest)
    if name == "cli":
        import cli

        return cli.main(rest)
    if name == "couplings":
        import couplings

        return couplings.main(rest)
    if name == "uncertainty":
        import uncertainty

        return uncertainty.main(rest)
    if name == "maps":
        import maps

        return maps.main(rest)
    import thermo_windows

    result = thermo_windows.main()
    return int(result or 0)


if __name__ == "__main__":
    raise SystemExit(main())
