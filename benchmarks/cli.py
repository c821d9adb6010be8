"""Wall time of the ``lisse`` command line in fresh processes (issue 14).

Goals: ``lisse --help`` and ``lisse materials ...`` under 1 s; ``lisse window`` / ``lisse interphase`` of a
material seen before under 1 s; a second ``lisse simulate`` or ``lisse ccd`` of a cell of the same shape
under 3 s (the traced solve is loaded from ``<cache>/exports``, the compiled code from JAX's cache).

Every command runs as its own process (the console script of this environment), timed from start to exit,
with its CPU time (user + system: less sensitive than the wall time to other work on the machine; above
the wall time where XLA compiles on several threads). The caches start empty: ``LISSE_CACHE_DIR`` points
to a new temporary folder (so the "first" runs trace, compile and build hulls), unless ``--cache DIR``
names one. Light commands run three times and the median is printed. Then, in this process, the same
simulation runs twice and the second call is timed (``in_process``): what a warm Python session pays.
The last line is ``ratio_second_simulate_vs_in_process=<second fresh-process simulate / in-process>``.

Run: ``python benchmarks/run.py cli [--cache DIR]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROTOCOL = "(Plate at 0.2 mA cm-2 for 1 hour, Strip at 0.2 mA cm-2 for 1 hour) x 20"
SIMULATE = ["simulate", "-e", "LLZO", "--protocol", PROTOCOL]
CCD = ["ccd", "-e", "LLZO"]
LIGHT = {
    "lisse --help": ["--help"],
    "lisse materials list": ["materials", "list"],
    "lisse materials show LLZO": ["materials", "show", "LLZO"],
}
GOALS = {"light": 1.0, "thermo": 1.0, "simulate": 3.0}


def _lisse() -> list[str]:
    exe = Path(sys.executable).with_name("lisse")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from lisse.cli import main; main()"]


def _run(args: list[str], env: dict) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh ``lisse`` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    res = subprocess.run(_lisse() + args, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if res.returncode != 0:
        raise SystemExit(f"lisse {' '.join(args)} failed ({res.returncode}):\n{res.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _line(label: str, times: tuple[float, float] | float, goal: float | None = None) -> None:
    wall, cpu = times if isinstance(times, tuple) else (times, None)
    mark = "" if goal is None else f"  (goal < {goal:g} s: {'met' if wall < goal else 'NOT met'})"
    cpu_text = "" if cpu is None else f"  cpu {cpu:6.2f} s"
    print(f"{label:<40s} {wall:7.2f} s{cpu_text}{mark}", flush=True)


def _median(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=None, help="Cache folder to use (default: a new one).")
    opts = ap.parse_args(argv)
    folder = opts.cache or Path(tempfile.mkdtemp(prefix="lisse-bench-cache-"))
    env = {k: v for k, v in os.environ.items() if k != "LISSE_JAX_CACHE"}
    env["LISSE_CACHE_DIR"] = str(folder)
    os.environ.update({"LISSE_CACHE_DIR": str(folder)})
    os.environ.pop("LISSE_JAX_CACHE", None)
    print(f"cache folder: {folder} ({'given' if opts.cache else 'new, empty'}); {os.cpu_count()} cores")
    try:
        for label, args in LIGHT.items():
            _run(args, env)  # first run fills the small caches (pint definitions, bibliography)
            _line(label, _median([_run(args, env) for _ in range(3)]), GOALS["light"])
        for what in ("window", "interphase"):
            _line(f"lisse {what} LLZO, first", _run([what, "LLZO"], env))
            _line(f"lisse {what} LLZO, second", _run([what, "LLZO"], env), GOALS["thermo"])
        sim_first = _run(SIMULATE, env)
        _line("lisse simulate, first", sim_first)
        sim_second = _run(SIMULATE, env)
        _line("lisse simulate, second", sim_second, GOALS["simulate"])
        _line("lisse ccd, first", _run(CCD, env))
        _line("lisse ccd, second", _run(CCD, env), GOALS["simulate"])

        from lisse.cell import Cell
        from lisse.cell.simulate import simulate

        cell = Cell.symmetric("LLZO", thickness="500 um", pressure="5 MPa", temperature="25 degC")
        simulate(cell, PROTOCOL)
        t0 = time.perf_counter()
        simulate(cell, PROTOCOL)
        in_process = time.perf_counter() - t0
        _line("simulate() second call, in process", in_process)
        print(f"ratio_second_simulate_vs_in_process={sim_second[0] / in_process:.3f}")
    finally:
        if opts.cache is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
