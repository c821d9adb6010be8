"""Cost of an uncertainty band: a 256-sample CCD band of one cell against one deterministic CCD run.

The issue's budget: the band costs at most 20x one deterministic CCD run (it is one batch, not 256 runs).
The sampled cells save ``lisse.cell.ensemble.SAMPLE_SAVES_PER_STEP`` points a protocol step (their outcomes
do not depend on it); ``--full-saves`` (default on) also times the band saving as many points a step as the
nominal run, and prints that ratio before the last line.
Both are timed in one process on their second call (compiled, warm caches; best of ``--repeat``): the
deterministic run is ``lisse.cell.simulate.critical_current_density`` of Li | Li6PS5Cl | Li at 5 MPa through
the default ramp; the band is ``lisse.cell.ensemble.critical_current_density_samples`` of the same cell with
``--samples`` cells. The band's time is split into its parts (drawing and reading the sampled cells, the
batched solve, the per-sample verdicts). Absolute times on a shared machine are noise: the ratio is the
result.

Run: ``python benchmarks/run.py uncertainty [--samples 256] [--repeat 2]``. The last line printed is
``ratio_band_vs_deterministic=<band / deterministic>``.
"""

from __future__ import annotations

import argparse
import time
import warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py uncertainty")
    parser.add_argument("--samples", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument(
        "--full-saves",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time the band with the sampled cells saving as many points a step as the nominal run",
    )
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")

    import lisse.cell.ensemble as ensemble
    from lisse.cell import Cell
    from lisse.cell.parameters import ModelOptions
    from lisse.cell.simulate import critical_current_density

    cell = Cell.symmetric("Li6PS5Cl", pressure="5 MPa")

    def best(fn, repeat: int = args.repeat) -> float:
        fn()  # compile
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t0)
        return min(times)

    # the denominator: a short run, so many repeats (its noise moves the ratio most)
    deterministic = best(lambda: critical_current_density(cell), max(10, args.repeat))
    parts: dict[str, float] = {}
    timed = {"sample_parameters": ensemble.sample_parameters, "solve_batch": ensemble.solve_batch}
    for name, fn in timed.items():

        def wrapper(*a, _fn=fn, _name=name, **k):
            t0 = time.perf_counter()
            out = _fn(*a, **k)
            parts[_name] = time.perf_counter() - t0
            return out

        setattr(ensemble, name, wrapper)
    band = best(lambda: ensemble.critical_current_density_samples(cell, args.samples, seed=0))
    band_parts = dict(parts)  # those of the band's last run (the run below writes its own)
    rest = band - sum(band_parts.values())
    fine = None
    if args.full_saves:  # the sampled cells saved as densely as the nominal run (same outcomes, finer curves)
        nine = ModelOptions(saves_per_step=ModelOptions().saves_per_step)
        fine = best(lambda: ensemble.critical_current_density_samples(cell, args.samples, 0, options=nine))
    print(f"deterministic CCD (one cell): {deterministic:.3f} s")
    print(f"CCD band ({args.samples} sampled cells): {band:.3f} s")
    for name, t in band_parts.items():
        print(f"  {name}: {t:.3f} s")
    print(f"  nominal run, verdicts and dataset: {rest:.3f} s")
    print(f"per sampled cell: {band / args.samples * 1e3:.1f} ms")
    if fine is not None:
        print(
            f"CCD band saving {ModelOptions().saves_per_step} points a step, as the nominal run: "
            f"{fine:.3f} s (ratio {fine / deterministic:.2f})"
        )
    print(f"ratio_band_vs_deterministic={band / deterministic:.2f}")
    return 0
