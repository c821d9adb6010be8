"""Cost of an uncertainty band: a 256-sample CCD band of one cell against one deterministic CCD run.

The issue's budget: the band costs at most 20x one deterministic CCD run (it is one batch, not 256 runs).
The sampled cells save ``lisse.cell.ensemble.SAMPLE_SAVES_PER_STEP`` points a protocol step (their outcomes
do not depend on it); ``--full-saves`` (default on) also times the band saving as many points a step as the
nominal run, and prints that ratio before the last line.
Both are timed in one process, compiled and with warm caches, in ``--repeat`` rounds: each round times the
deterministic run (the best of 5 calls in a row: it is short) and then the band once, so that each ratio
compares two runs made under the same load of this shared machine (its speed drifts by up to 2x within
minutes, which made separate bests of the two drift apart). The deterministic run is
``lisse.cell.simulate.critical_current_density`` of Li | Li6PS5Cl | Li at 5 MPa through the default ramp;
the band is ``lisse.cell.ensemble.critical_current_density_samples`` of the same cell with ``--samples``
cells. The band's time is split into its parts (drawing and reading the sampled cells, the batched solve, the
rest: the nominal run, the per-sample verdicts and the dataset). Absolute times on a shared machine are noise:
the ratio is the result, the median of the rounds' ratios (each round's is printed too).

Run: ``python benchmarks/run.py uncertainty [--samples 256] [--repeat 7]``. The last line printed is
``ratio_band_vs_deterministic=<median of the rounds' band / deterministic>``.
"""

from __future__ import annotations

import argparse
import statistics
import time
import warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py uncertainty")
    parser.add_argument("--samples", type=int, default=256)
    parser.add_argument("--repeat", type=int, default=7)
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

    def timed(fn) -> float:
        t0 = time.perf_counter()
        fn()
        return time.perf_counter() - t0

    deterministic = lambda: critical_current_density(cell)  # noqa: E731
    parts: dict[str, float] = {}
    timed_parts = {"sample_parameters": ensemble.sample_parameters, "solve_batch": ensemble.solve_batch}
    for name, fn in timed_parts.items():

        def wrapper(*a, _fn=fn, _name=name, **k):
            t0 = time.perf_counter()
            out = _fn(*a, **k)
            parts[_name] = time.perf_counter() - t0
            return out

        setattr(ensemble, name, wrapper)
    nine = ModelOptions(saves_per_step=ModelOptions().saves_per_step)
    bands = {"band": lambda: ensemble.critical_current_density_samples(cell, args.samples, seed=0)}
    if args.full_saves:  # the sampled cells saved as densely as the nominal run (same outcomes, finer curves)
        bands["fine"] = lambda: ensemble.critical_current_density_samples(cell, args.samples, 0, options=nine)
    deterministic()  # compile, warm the caches
    for fn in bands.values():
        fn()
    rounds: dict[str, list] = {name: [] for name in bands}
    for _ in range(args.repeat):  # each band against the deterministic run timed just before it
        for name, fn in bands.items():
            d = min(timed(deterministic) for _ in range(5))
            b = timed(fn)
            rounds[name].append((d, b, dict(parts)))
    band = rounds["band"]
    med = lambda xs: float(statistics.median(xs))  # noqa: E731
    ratios = [b / d for d, b, _ in band]
    print(f"deterministic CCD (one cell): {med([d for d, _, _ in band]):.3f} s (median of {len(band)})")
    print(f"CCD band ({args.samples} sampled cells): {med([b for _, b, _ in band]):.3f} s")
    for name in timed_parts:
        print(f"  {name}: {med([p[name] for _, _, p in band]):.3f} s")
    rest = [b - sum(p.values()) for _, b, p in band]
    print(f"  nominal run, verdicts and dataset: {med(rest):.3f} s")
    print(f"per sampled cell: {med([b for _, b, _ in band]) / args.samples * 1e3:.1f} ms")
    if "fine" in rounds:
        fine = [b / d for d, b, _ in rounds["fine"]]
        print(
            f"CCD band saving {ModelOptions().saves_per_step} points a step, as the nominal run: "
            f"ratio {med(fine):.2f} (rounds {min(fine):.2f}-{max(fine):.2f})"
        )
    print(f"ratio of each round: {', '.join(f'{r:.2f}' for r in ratios)}")
    print(f"ratio_band_vs_deterministic={med(ratios):.2f}")
    return 0
