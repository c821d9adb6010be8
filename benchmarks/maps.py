"""Speed of failure maps (issue 15): throughput, scaling, memory, and what the store and Dask add.

Each map is a grid of stack pressure (0.5-10 MPa, geometric) x temperature (18-50 degC) of a symmetric
Li | electrolyte | Li cell through "(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x
CYCLES": the cases of the simulator benchmark's batch (``benchmarks/simulator.py``: the same protocol,
pressure and temperature ranges, drawn there at random, here on a grid), so its PyBaMM IDAKLU figures are
the baseline. Every case goes the whole way: spec -> cell parameters -> batched solve
(``lisse.cell.batch.solve_batch``) -> time series and verdict per case -> a row in the Parquet + DuckDB store.

1. throughput in simulated cell-cycles per second (the cycles each case went through before failing or the
   protocol ended) for each electrolyte at each size, in one process (the default of ``lisse map``); and,
   with ``--workers N`` (default 2), the largest size once more on a local cluster of N worker processes with
   one CPU device each (``lisse map --workers N``), where the per-case Python work runs on every core too;
2. scaling: the exponent b of time ~ cases^b between the smallest and largest size (1: linear), and the peak
   resident memory after each size (the process's high-water mark; it stays flat if results stream out);
3. overhead at one size (``--overhead-size``, default the largest): the chunks computed and kept in memory
   (no store), ``run_sweep`` into a store, and ``run_sweep`` on a Dask ``LocalCluster`` (one in-process
   worker: the scheduling and transfer cost only), the three in turn ``--overhead-repeat`` times, best of
   each; and the store's own cost, timed alone (the computed tables written as partitions and catalog),
   which a shared machine's noise does not hide;
4. ``ratio_vs_pybamm``: per electrolyte, lisse's map throughput at the largest size (best of the runs) over
   IDAKLU's on the cases of that same map (the same cell parameters, from ``spec.cell_at`` and
   ``cell_parameters`` as ``run_sweep`` builds them; all of them, or a random subset if one IDAKLU call would
   exceed ``--pybamm-budget`` seconds), solved by ``benchmarks/pybamm_baseline.py`` in one
   ``solve(..., inputs=[...])`` call on all cores and timed on the second call; the last line takes the lower
   of the electrolytes. IDAKLU's time is the bare solve: no cell parameters, verdicts or store, which
   lisse's map time includes. The same cases are also solved by ``solve_batch`` and compared with
   PyBaMM's (printed), and no case may fail on either side. Only when PyBaMM is absent (or does not
   import) does the ratio use IDAKLU's fastest recorded batch time of the simulator benchmark's LLZO cells
   (``benchmarks/README.md``), and it says so.

Every chunk has the same number of cases (``--chunk``), so one compiled program serves all sizes; it is
compiled (or loaded from the disk cache) in an untimed warm-up. Run:
``python benchmarks/run.py maps [--sizes 1000,10000,100000] [--cycles 100] [--workers 2]
[--overhead-size N] [--overhead-repeat 2]``.
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import shutil
import tempfile
import time
import warnings
from pathlib import Path

#: IDAKLU on 1000 parameter sets x 100 cycles, both cores (benchmarks/README.md, simulator section):
#: the fastest recorded batch (2026-11-25) and the issue-14 run (2026-12-01, shared machine).
RECORDED_IDAKLU_S = {"2026-11-25": 89.4, "2026-12-01": 146.6}
RECORDED_CELL_CYCLES = 1000 * 100


def _spec(electrolyte: str, cases: int, cycles: int, chunk: int, nx: int = 10):
    from lisse.sweep.spec import load_spec

    ny = max(1, cases // nx)
    return load_spec(
        {
            "name": f"{electrolyte} benchmark map",
            "electrolyte": electrolyte,
            "axes": {"stack_pressure": f"0.5:10:{nx}:log", "temperature": f"18:50:{ny}"},
            "fixed": {"cycles": cycles, "current_density": "0.5", "thickness": "500 um"},
            "chunk": chunk,
        }
    )


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _run(spec, folder: Path, scheduler=None):
    from lisse.sweep.run import run_sweep

    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    report = run_sweep(spec, folder, scheduler)
    return time.perf_counter() - t0, report


def _bare(spec) -> tuple[float, list]:
    """The chunks computed without a store: the solver and verdict cost alone, and the tables."""
    from lisse.sweep.run import compute_chunk, plan

    t0 = time.perf_counter()
    chunks, _ = plan(spec, set())
    data = spec.model_dump()
    tables = [compute_chunk(data, c.points) for c in chunks]
    return time.perf_counter() - t0, tables


def _store_only(spec, tables: list, folder: Path) -> float:
    """The store's own cost: opening a folder, writing the tables as partitions and the catalog, closing."""
    from lisse.sweep.store import Store

    shutil.rmtree(folder, ignore_errors=True)
    t0 = time.perf_counter()
    store = Store.open(folder, spec)
    for i, t in enumerate(tables):
        store.write(t, f"{i:06d}")
    store.close()
    return time.perf_counter() - t0


def _overhead(spec, root: Path, repeat: int) -> None:
    """What the store and Dask add: the same map computed with no store, into the store, and into the store
    through a Dask LocalCluster (one in-process worker: the scheduling and transfer cost only), the three in
    turn ``repeat`` times (best of each: the machine's noise only ever adds); and the store's writes alone."""
    from distributed import Client, LocalCluster

    from lisse.sweep import run as sweep_run

    runs: dict[str, list[float]] = {"no store": [], "store": [], "store + Dask": []}
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        for _ in range(repeat):
            sweep_run._nominal.cache_clear()  # each run reads its cells afresh
            bare, tables = _bare(spec)
            runs["no store"].append(bare)
            sweep_run._nominal.cache_clear()
            runs["store"].append(_run(spec, root / "overhead-store")[0])
            sweep_run._nominal.cache_clear()
            runs["store + Dask"].append(_run(spec, root / "overhead-dask", client)[0])
    writes = _store_only(spec, tables, root / "store-only")
    best = {k: min(v) for k, v in runs.items()}
    for name, times in runs.items():
        extra = (
            f" ({(best[name] / best['no store'] - 1) * 100:+.1f} % over no store)"
            if name != "no store"
            else ""
        )
        print(
            f"overhead at {spec.n_cases} cases: {name}: "
            + ", ".join(f"{t:.1f}" for t in times)
            + f" s; best {best[name]:.1f} s{extra}"
        )
    print(
        f"overhead at {spec.n_cases} cases: the store's writes alone {writes:.2f} s "
        f"({writes / best['no store'] * 100:.1f} % of the computing)"
    )


def _map_cells(spec) -> tuple[list, str]:
    """The cell parameters of every case of a map (as ``run_sweep`` builds them) and its protocol text."""
    from lisse.cell.parameters import cell_parameters

    points = spec.points()
    opts = spec.options_model
    cells = [cell_parameters(spec.cell_at(point), None, opts)[0] for point in points]
    texts = {spec.protocol_at(point) for point in points}
    assert len(texts) == 1, "the benchmark maps have one protocol"
    return cells, texts.pop()


def _pybamm_side_by_side(spec, cycles: int, budget_s: float) -> tuple[float, str]:
    """IDAKLU cell-cycles per second on the cases of one map (all of them, or a random subset that fits
    ``budget_s`` per call), timed on the second of two calls on all cores; the same cases solved by lisse's
    ``solve_batch`` are compared with PyBaMM's (final states, 1e-4 relative) and no case may fail."""
    import jax
    import numpy as np

    from lisse.cell import parse_protocol
    from lisse.cell.batch import solve_batch
    from lisse.cell.parameters import stack_parameters
    from lisse.cell.solver import schedule_from_protocol, segments
    from pybamm_baseline import solve_pybamm
    from simulator import (
        AGREEMENT_RTOL,
        COMPARED,
        HALF,
        J0,
        _lisse_final,
        _pybamm_finals,
        _pybamm_margins,
        _rel,
        _symmetric,
    )

    cells, text = _map_cells(spec)
    schedule = schedule_from_protocol(parse_protocol(text))
    # the baseline's square wave: plate first, +-J0 for HALF each, `cycles` times
    assert len(schedule.duration) == 2 * cycles and np.allclose(schedule.duration, HALF), text
    assert np.allclose(schedule.current_density, np.tile([J0, -J0], cycles)), text
    options = {"num_threads": os.cpu_count() or 1}
    kwargs = {
        "current_density": J0,
        "half_period": HALF,
        "n_cycles": cycles,
        "options": options,
        "repeats": 2,
    }
    rng = np.random.default_rng(0)
    order = rng.permutation(len(cells))  # a random subset covers the whole grid
    n_probe = min(len(cells), 20)
    _, probe = solve_pybamm([cells[i] for i in order[:n_probe]], **kwargs)
    estimate = probe[1] / n_probe * len(cells)
    n = len(cells) if estimate <= budget_s else max(n_probe, int(len(cells) * budget_s / estimate))
    chosen = sorted(order[:n])
    subset = [cells[i] for i in chosen]
    sols, t = solve_pybamm(subset, **kwargs)
    theirs, series = _pybamm_finals(sols)
    for k, s in enumerate(series):
        m = _pybamm_margins(s, subset[k])
        assert np.all(m > 0), f"PyBaMM: map case {chosen[k]} crosses a failure margin ({m.min():.3g})"
    stacked = stack_parameters(subset)
    out = solve_batch(stacked, segments(schedule), features=_symmetric())
    assert not bool(np.any(out["failed"])), "lisse: a case of the subset fails; the baseline has no events"
    ours = _lisse_final(jax.tree_util.tree_map(np.asarray, out), stacked)
    worst = max(COMPARED, key=lambda n_: float(np.max(_rel(ours[n_], theirs[n_]))))
    worst_rel = float(np.max(_rel(ours[worst], theirs[worst])))
    # reported, not asserted: the agreement gate is the simulator benchmark's (10 cycles); IDAKLU's error on
    # the growing Li6PS5Cl interphase (from 1 nm, against atol 1e-12 m) reaches 1.6e-4 relative after 3
    # cycles at 25 degC, about 1e-5 after 100; it falls with tighter tolerances (benchmarks/README.md)
    within = "within" if worst_rel <= AGREEMENT_RTOL else "NOT within"
    subset_note = "all" if n == len(cells) else f"a random {n} of the {len(cells)}"
    return n * cycles / t[1], (
        f"IDAKLU measured in this run on {subset_note} cases of this map: {n} x {cycles} cycles in "
        f"{t[1]:.1f} s (first call {t[0]:.1f} s), {options['num_threads']} threads; lisse vs PyBaMM on "
        f"them: largest relative difference {worst_rel:.2e} ({worst}, {within} {AGREEMENT_RTOL:g}), no case "
        "fails"
    )


def _recorded_rate(exc: Exception) -> tuple[float, str]:
    """IDAKLU cell-cycles per second recorded in benchmarks/README.md (PyBaMM absent: not measured)."""
    best = min(RECORDED_IDAKLU_S.values())
    day = min(RECORDED_IDAKLU_S, key=RECORDED_IDAKLU_S.get)
    why = f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    return RECORDED_CELL_CYCLES / best, (
        f"PyBaMM does not import here ({why}); baseline = IDAKLU's fastest recorded batch of the simulator "
        f"benchmark's LLZO cells (1000 sets x 100 cycles in {best} s, {day}, benchmarks/README.md), not "
        f"measured in this run"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py maps")
    parser.add_argument("--sizes", default="1000,10000", help="case counts, smallest first")
    parser.add_argument("--cycles", type=int, default=100)
    parser.add_argument("--chunk", type=int, default=500)
    parser.add_argument("--electrolytes", default="LLZO,Li6PS5Cl")
    parser.add_argument(
        "--overhead-size", type=int, default=None, help="default: the largest size; 0: not measured"
    )
    parser.add_argument("--overhead-repeat", type=int, default=2, help="runs of each overhead variant")
    parser.add_argument(
        "--workers", type=int, default=2, help="also run the largest size on a local cluster of N processes"
    )
    parser.add_argument(
        "--pybamm-budget",
        type=float,
        default=150.0,
        help="seconds per IDAKLU call per map: over it, IDAKLU runs on a random subset of the map's cases",
    )
    args = parser.parse_args(argv)
    from lisse._core.errors import ExtrapolationWarning

    # 18-20 degC lies just below the measured range of Li self-diffusion: the same warning for every cell
    warnings.simplefilter("ignore", ExtrapolationWarning)
    sizes = [int(s) for s in args.sizes.split(",")]
    electrolytes = args.electrolytes.split(",")
    root = Path(tempfile.mkdtemp(prefix="lisse-maps-bench-"))
    import jax

    print(f"devices: {len(jax.devices())} CPU; cycles per case: {args.cycles}; chunk: {args.chunk} cases")
    try:
        rates: dict[str, float] = {}
        for e in electrolytes:
            t0 = time.perf_counter()
            _run(_spec(e, args.chunk, args.cycles, args.chunk), root / "warm")
            print(f"{e}: warm-up (compile or load one chunk program) {time.perf_counter() - t0:.1f} s")
            times = []
            for n in sizes:
                spec = _spec(e, n, args.cycles, args.chunk)
                dt, report = _run(spec, root / f"{e}-{n}")
                rate = report.cell_cycles / dt
                times.append((spec.n_cases, dt))
                rates[e] = rate
                modes = ", ".join(f"{k} {v}" for k, v in sorted(report.modes.items()))
                print(
                    f"{e}: {spec.n_cases} cases, {dt:.1f} s, {spec.n_cases / dt:.1f} cases/s, "
                    f"{report.cell_cycles} cell-cycles, {rate:.0f} cell-cycles/s, "
                    f"peak RSS {_peak_mb():.0f} MB ({modes})"
                )
            if args.workers:
                from lisse.sweep.run import local_cluster

                client = local_cluster(args.workers)
                try:
                    t0 = time.perf_counter()
                    _run(_spec(e, args.chunk * args.workers, args.cycles, args.chunk), root / "warm", client)
                    print(f"{e}: warm-up of {args.workers} worker processes {time.perf_counter() - t0:.1f} s")
                    spec = _spec(e, sizes[-1], args.cycles, args.chunk)
                    dt, report = _run(spec, root / f"{e}-workers", client)
                finally:
                    client.close()
                rates[e] = max(rates[e], report.cell_cycles / dt)
                print(
                    f"{e}: {spec.n_cases} cases on {args.workers} local worker processes (one CPU device "
                    f"each), {dt:.1f} s, {report.cell_cycles / dt:.0f} cell-cycles/s"
                )
            if len(times) > 1:
                (n1, t1), (n2, t2) = times[0], times[-1]
                print(
                    f"{e}: scaling exponent {math.log(t2 / t1) / math.log(n2 / n1):.3f} ({n1} -> {n2} cases)"
                )
        if args.overhead_size != 0:
            spec = _spec(electrolytes[0], args.overhead_size or sizes[-1], args.cycles, args.chunk)
            _overhead(spec, root, args.overhead_repeat)
        try:
            import pybamm
        except Exception as exc:  # ImportError, or PyBaMM failing against this JAX
            rate, note = _recorded_rate(exc)
            baselines = dict.fromkeys(rates, (rate, note))
        else:
            pybamm.settings.max_y_value = 1e12  # pressure [Pa] and charge [C/m^2] are legitimately large
            baselines = {
                e: _pybamm_side_by_side(
                    _spec(e, sizes[-1], args.cycles, args.chunk), args.cycles, args.pybamm_budget
                )
                for e in rates
            }
        ratios = {}
        for e, r in rates.items():
            base, note = baselines[e]
            ratios[e] = r / base
            print(f"{e}: baseline {base:.0f} cell-cycles/s; {note}")
            print(
                f"{e}: {r:.0f} cell-cycles/s at the largest size (best of the runs) = {ratios[e]:.2f}x IDAKLU"
            )
        print(f"ratio_vs_pybamm={min(ratios.values()):.3f}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0
