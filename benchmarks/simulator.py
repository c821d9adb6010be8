"""Speed of the coupled cell simulator (issue 5), against PyBaMM's IDAKLU solver on the same equations.

Targets: one Li | LLZO | Li cell through 1000 plate/strip cycles in < 2 s once compiled (compilation cached
on disk between runs), and a batch of 1000 parameter sets x 100 cycles at least 10x faster than IDAKLU with
both using every core (issue 14; issue 5 asked for 3x).

Three parts, all in one process:

1. agreement: lisse (``lisse.cell.solver.solve``) and the PyBaMM transcription of the same vector field
   (``benchmarks/pybamm_baseline.py``) integrate one cell for 10 cycles; the final states of :data:`COMPARED`
   (contact, filament, Li thickness, crept-in Li and interphase of both electrodes, charge, internal Li) and
   the cell voltage's magnitude must agree within 1e-4 relative, else the script stops with an error. Five
   cells are checked: the benchmark cell (Li | LLZO | Li, 5 MPa: contact stays full) and the same cell at
   0.3 MPa with vacancy diffusion switched off, where voids open on every stripping step and close on
   plating, so the void/creep terms are exercised (with it on, no void opens: docs/simulator.md); the same
   two with Li6PS5Cl (the maps' other electrolyte: a growing interphase and its resistance); and the LLZO
   cell at a stack pressure 1 % above the flow stress of Li at the pores' size, where Li creeps into the
   pores (at the benchmark's pressures that rate is exactly 0 on both sides);
2. single cell, 1000 cycles: lisse's first call (tracing and XLA compilation, or loading it from the disk
   cache) and second call (``jax.block_until_ready``), next to IDAKLU (first call with its set-up, second);
3. batch: N parameter sets (stack pressure log-uniform in [0.5, 10] MPa, temperature uniform in
   [18, 50] degC, the validity range of the library's LLZO conductivity law) x 100 cycles: lisse
   ``lisse.cell.batch.solve_batch`` (lanes ranked by a two-step probe, solved in chunks of similar lanes,
   sharded over one CPU device per core) vs IDAKLU solving the same N input sets in one
   ``solve(..., inputs=[...])`` call on all cores. Timed on the second call for both (set-up and
   compilation excluded; both are reported). Plain ``jax.jit(jax.vmap(solve))`` is timed too, for
   reference, and must agree to round-off (1e-12 relative); the cores each keeps busy (CPU time / wall
   time) are printed.

Neither model may fail (short, contact loss, impedance rise) in these runs: lisse's failure flags and lisse's
failure margins evaluated on the PyBaMM states are checked. The last line printed is
``ratio_vs_pybamm=<IDAKLU batch time / lisse batch time>``.

Run: ``python benchmarks/run.py simulator [--n 1000]``.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
PROTOCOL = "(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x {n}"
J0 = 5.0  # A/m^2 = 0.5 mA/cm^2
HALF = 3600.0  # s
#: Compared in the agreement check and over the batch (both electrodes), and the cell voltage's magnitude at
#: the end (lisse.cell.model.terms on lisse's state vs the baseline's transcription on PyBaMM's).
COMPARED = (
    "contact_we",
    "contact_ce",
    "filament_we",
    "filament_ce",
    "charge",
    "li_thickness_we",
    "li_thickness_ce",
    "intrusion_we",
    "intrusion_ce",
    "crack_we",
    "crack_ce",
    "interphase_we",
    "interphase_ce",
    "internal_li",
    "voltage_magnitude",
)
AGREEMENT_RTOL = 1e-4
INTRUSION_EXCESS = 1.01  # the intrusion check's stack pressure over the pore flow stress of Li
PYBAMM_BUDGET_S = 600.0  # measure the PyBaMM batch on a subset if the full batch would take longer


def _symmetric():
    """The model features a symmetric cell under current control needs (only those are compiled)."""
    from lisse.cell.model import Features

    return Features(cathode=False, holds=False, step_ends=False)


def _cell(pressure: str = "5 MPa", temperature: str = "25 degC", electrolyte: str = "LLZO"):
    from lisse.cell import Cell

    return Cell.symmetric(electrolyte, thickness="500 um", pressure=pressure, temperature=temperature)


def _schedule(n_cycles: int):
    from lisse.cell import parse_protocol
    from lisse.cell.solver import schedule_from_protocol, segments

    s = schedule_from_protocol(parse_protocol(PROTOCOL.format(n=n_cycles)))
    assert np.allclose(np.abs(s.current_density), J0) and np.allclose(s.duration, HALF)
    assert s.current_density[0] > 0  # plating first, as in the PyBaMM square wave
    return segments(s)


def _lisse_final(out, params) -> dict[str, np.ndarray]:
    """Final state of a (possibly batched) lisse solve, by name, and the magnitude of the cell voltage there
    (at the benchmark's current density)."""
    import jax

    from lisse.cell.model import terms

    y = out["y"]
    # last segment, last saved point (pairs keep their electrode axis)
    final = y._make(
        np.asarray(a)[(..., -1, -1) + (slice(None),) * (np.ndim(a) - np.ndim(y.charge))] for a in y
    )
    voltage = lambda yy, pp: abs(terms(yy, pp, J0, _symmetric()).voltage)  # noqa: E731
    for _ in range(np.ndim(final.charge)):  # one vmap per batch axis
        voltage = jax.vmap(voltage)
    named = {"charge": final.charge, "internal_li": final.internal_li}
    for field in ("contact", "filament", "li_thickness", "intrusion", "interphase", "crack"):
        pair = getattr(final, field)
        named |= {f"{field}_we": pair[..., 0], f"{field}_ce": pair[..., 1]}
    return named | {"voltage_magnitude": np.asarray(voltage(final, params))}


def _rel(a, b) -> np.ndarray:
    a, b = np.asarray(a, float), np.asarray(b, float)
    scale = np.maximum(np.abs(a), np.abs(b))
    return np.where(scale > 0, np.abs(a - b) / np.where(scale > 0, scale, 1.0), 0.0)


def _differs_by(a, b) -> float:
    """Largest relative difference between two arrays, equal entries (inf, NaN included) counting 0."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    same = (a == b) | (np.isnan(a) & np.isnan(b))
    return float(np.max(np.where(same, 0.0, _rel(a, b)), initial=0.0))


@functools.cache
def _margins_program():
    """lisse's failure margins along a series of states (one compiled program for every cell)."""
    import jax
    import jax.numpy as jnp

    from lisse.cell.model import failure_margins, initial_state, terms

    def margins(y, params, j):
        asr0 = terms(initial_state(params), params, jnp.zeros(())).asr
        return jax.vmap(failure_margins, in_axes=(0, None, 0, None))(y, params, j, asr0)

    return jax.jit(margins)


def _pybamm_margins(states: dict[str, np.ndarray], params) -> np.ndarray:
    """lisse's failure margins (lisse.cell.model.failure_margins) at PyBaMM's segment boundaries."""
    import jax.numpy as jnp

    from lisse.cell.model import State

    pair = lambda n: jnp.stack([states[f"{n}_we"], states[f"{n}_ce"]], axis=-1)  # noqa: E731
    zeros = jnp.zeros_like(jnp.asarray(states["charge"]))
    y = State(
        contact=pair("contact"),
        filament=pair("filament"),
        interphase=pair("interphase"),
        depletion=jnp.asarray(states["depletion"]),
        internal_li=jnp.asarray(states["internal_li"]),
        pressure=jnp.asarray(states["pressure"]),
        li_thickness=pair("li_thickness"),
        charge=jnp.asarray(states["charge"]),
        cathode_stoichiometry=zeros,  # outside the baseline's scope (pybamm_baseline.check_scope): 0
        intrusion=pair("intrusion"),
        alloy_depletion=jnp.stack([zeros, zeros], axis=-1),  # Li metal: 0 (check_scope)
        crack=pair("crack"),
    )
    k = np.arange(len(states["charge"]))
    j = jnp.asarray(np.where(k % 2 == 1, J0, -J0))  # current of the segment that ends at boundary k
    return np.asarray(_margins_program()(y, params, j))


def _pybamm_finals(sols) -> tuple[dict[str, np.ndarray], list[dict[str, np.ndarray]]]:
    from pybamm_baseline import states_from_solution

    series = [states_from_solution(s) for s in sols]
    finals = {n: np.array([s[n][-1] for s in series]) for n in series[0] if n != "t"}
    return finals, series


def agreement(n_cycles: int = 10) -> list[str]:
    """Check lisse against PyBaMM for one cell over ``n_cycles``; raise on disagreement."""
    from lisse.cell.model import pore_flow_stress
    from lisse.cell.parameters import ModelOptions, cell_parameters
    from lisse.cell.solver import solve
    from pybamm_baseline import solve_pybamm

    seg = _schedule(n_cycles)
    lines = []
    # the void checks run the creep-only model: with vacancy diffusion on (estimated D_v, lisse's closures)
    # no void opens at any pressure (docs/simulator.md), and the void terms would go unchecked
    creep_only = ModelOptions(mechanisms_off=("vacancy_diffusion_krauskopf2019",))
    cells = [
        ("LLZO benchmark cell, 5 MPa", _cell("5 MPa"), None),
        ("LLZO, voids on stripping (creep only), 0.3 MPa", _cell("0.3 MPa"), creep_only),
        ("Li6PS5Cl, 5 MPa (interphase growth)", _cell("5 MPa", electrolyte="Li6PS5Cl"), None),
        ("Li6PS5Cl, voids (creep only), 0.3 MPa", _cell("0.3 MPa", electrolyte="Li6PS5Cl"), creep_only),
    ]
    # and Li creeping into the pores: a stack pressure just above the flow stress of Li at the pores' size
    # (at the benchmark's pressures the intrusion rate is exactly 0 on both sides)
    flow = float(pore_flow_stress(cell_parameters(_cell())[0]))
    cells.append(("LLZO, creep into pores", _cell(f"{INTRUSION_EXCESS * flow / 1e6:.6g} MPa"), None))
    for label, cell, options in cells:
        params, _ = cell_parameters(cell, options=options)
        out = solve(params, seg, features=_symmetric())
        assert not bool(np.any(out["failed"])), f"lisse: the {label} fails; the baseline has no events"
        ours = _lisse_final(out, params)
        # the reference at a tighter absolute tolerance than the timed batch: a 50 nm interphase carries a
        # relative error of ~1e-4 at atol 1e-12 (PyBaMM 4.81997e-8 m, lisse 4.81944e-8 m, the parabolic law's
        # closed form 4.81945e-8 m for Li6PS5Cl after 10 cycles)
        sols, _ = solve_pybamm(params, current_density=J0, half_period=HALF, n_cycles=n_cycles, atol=1e-15)
        theirs, series = _pybamm_finals(sols)
        margins = _pybamm_margins(series[0], params)
        assert np.all(margins > 0), f"PyBaMM: the {label} crosses a failure margin ({margins.min():.3g})"
        worst = max(COMPARED, key=lambda n: float(_rel(ours[n], theirs[n][0])))
        worst_rel = float(_rel(ours[worst], theirs[worst][0]))
        lines.append(
            f"agreement ({label}, {n_cycles} cycles): max relative difference {worst_rel:.2e} ({worst}); "
            f"contact {ours['contact_we']:.6f}/{ours['contact_ce']:.6f} (lisse) vs "
            f"{theirs['contact_we'][0]:.6f}/{theirs['contact_ce'][0]:.6f} (PyBaMM); "
            f"min contact {float(np.min(np.asarray(out['y'].contact))):.3f}; intrusion "
            f"{ours['intrusion_we'] * 1e6:.4g}/{ours['intrusion_ce'] * 1e6:.4g} um, interphase "
            f"{ours['interphase_we'] * 1e9:.4g} nm, |V| {ours['voltage_magnitude'] * 1e3:.4g} mV"
        )
        print(lines[-1], flush=True)
        if worst_rel > AGREEMENT_RTOL:
            for n in COMPARED:
                print(
                    f"  {n}: lisse {float(ours[n]):.10g}  PyBaMM {float(theirs[n][0]):.10g}", file=sys.stderr
                )
            raise SystemExit(
                f"DISAGREEMENT: lisse and PyBaMM differ by {worst_rel:.3g} relative in {worst} for the "
                f"{label} (allowed {AGREEMENT_RTOL:g})"
            )
    return lines


def _cache_files() -> int:
    import jax

    folder = jax.config.jax_compilation_cache_dir
    return sum(1 for _ in Path(folder).rglob("*")) if folder and Path(folder).exists() else 0


def single_cell(n_cycles: int = 1000) -> dict[str, float]:
    import jax

    from lisse.cell.parameters import cell_parameters
    from lisse.cell.solver import solve
    from pybamm_baseline import solve_pybamm

    params, _ = cell_parameters(_cell())
    seg = _schedule(n_cycles)
    before = _cache_files()
    tic = time.perf_counter()
    out = jax.block_until_ready(solve(params, seg, features=_symmetric()))
    first = time.perf_counter() - tic
    cache_hit = _cache_files() == before and before > 0
    tic = time.perf_counter()
    out = jax.block_until_ready(solve(params, seg, features=_symmetric()))
    second = time.perf_counter() - tic
    assert not bool(np.any(out["failed"])), "lisse: the benchmark cell fails"
    assert not np.any(np.asarray(out["result"])), "lisse: the solver reported an error"
    _, pb_times = solve_pybamm(params, current_density=J0, half_period=HALF, n_cycles=n_cycles, repeats=2)
    return {
        "lisse_first": first,
        "lisse_run": second,
        "cache_hit": float(cache_hit),
        "pybamm_first": pb_times[0],
        "pybamm_run": pb_times[1],
    }


def _batch_params(n: int, seed: int = 0):
    from lisse._core.errors import ExtrapolationWarning
    from lisse.cell.parameters import cell_parameters

    rng = np.random.default_rng(seed)
    pressures = np.exp(rng.uniform(np.log(0.5), np.log(10.0), n))  # MPa
    temperatures = rng.uniform(18.0, 50.0, n)  # degC
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ExtrapolationWarning)
        params = [
            cell_parameters(_cell(f"{p:.6g} MPa", f"{t:.6g} degC"))[0]
            for p, t in zip(pressures, temperatures, strict=True)
        ]
    extrapolated = sorted({str(w.message).split(" extrapolated")[0] for w in caught})
    if extrapolated:  # the batch spans 18-50 degC on purpose: one line, not one warning per cell
        print(f"batch cells: inputs extrapolated in temperature: {', '.join(extrapolated)}", flush=True)
    for w in caught:
        if not issubclass(w.category, ExtrapolationWarning):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)
    return params


def _cpu_seconds() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def batch(n: int, n_cycles: int = 100) -> dict[str, float]:
    import jax

    from lisse.cell.batch import solve_batch
    from lisse.cell.parameters import stack_parameters
    from lisse.cell.solver import solve
    from pybamm_baseline import solve_pybamm

    plist = _batch_params(n)
    stacked = stack_parameters(plist)
    seg = _schedule(n_cycles)
    # plain jax.vmap (one while loop for the whole batch, one device), for reference
    vmapped = jax.jit(jax.vmap(lambda p, seg: solve(p, seg, features=_symmetric()), in_axes=(0, None)))
    jax.block_until_ready(vmapped(stacked, seg))
    tic, cpu = time.perf_counter(), _cpu_seconds()
    plain = jax.block_until_ready(vmapped(stacked, seg))
    vmap_s, vmap_cpu = time.perf_counter() - tic, _cpu_seconds() - cpu
    # lisse's batch solve: lanes ranked by a probe, chunked, sharded over the CPU devices
    tic = time.perf_counter()
    out = solve_batch(stacked, seg, features=_symmetric())
    first = time.perf_counter() - tic
    tic, cpu = time.perf_counter(), _cpu_seconds()
    out = solve_batch(stacked, seg, features=_symmetric())
    lisse_s, lisse_cpu = time.perf_counter() - tic, _cpu_seconds() - cpu
    # the same lanes, only other lanes beside them in a while loop: equal to round-off (XLA vectorises
    # chunks of 50 and a batch of 1000 differently, so the last bit of a sum may differ)
    vs_vmap = max(
        _differs_by(a, b)
        for a, b in zip(jax.tree_util.tree_leaves(plain), jax.tree_util.tree_leaves(out), strict=True)
    )
    assert vs_vmap < 1e-12, f"lisse: solve_batch differs from jax.vmap(solve) by {vs_vmap:.3g} relative"
    assert not bool(np.any(out["failed"])), "lisse: a cell of the batch fails; the baseline has no events"
    assert not np.any(np.asarray(out["result"])), "lisse: the solver reported an error in the batch"
    ours = _lisse_final(out, stacked)

    options = {"num_threads": os.cpu_count() or 1}
    # probe the PyBaMM cost on a few cells, then decide whether the full batch fits the time budget
    n_probe = min(n, 20)
    _, probe_t = solve_pybamm(
        plist[:n_probe], current_density=J0, half_period=HALF, n_cycles=n_cycles, options=options, repeats=2
    )
    estimate = probe_t[1] / n_probe * n
    n_pb = n if estimate <= PYBAMM_BUDGET_S else max(n_probe, int(n * PYBAMM_BUDGET_S / estimate / 2))
    sols, pb_t = solve_pybamm(
        plist[:n_pb], current_density=J0, half_period=HALF, n_cycles=n_cycles, options=options, repeats=2
    )
    theirs, series = _pybamm_finals(sols)
    for k, s in enumerate(series):
        m = _pybamm_margins(s, plist[k])
        assert np.all(m > 0), f"PyBaMM: batch cell {k} crosses a failure margin ({m.min():.3g})"
    worst_state = max(COMPARED, key=lambda n_: float(np.max(_rel(ours[n_][:n_pb], theirs[n_]))))
    worst = float(np.max(_rel(ours[worst_state][:n_pb], theirs[worst_state])))
    pybamm_s = pb_t[1] * n / n_pb
    return {
        "n": n,
        "n_pybamm": n_pb,
        "lisse_first": first,
        "lisse_run": lisse_s,
        "lisse_cores": lisse_cpu / lisse_s,
        "vmap_run": vmap_s,
        "vmap_cores": vmap_cpu / vmap_s,
        "vs_vmap": vs_vmap,
        "devices": len(jax.devices()),
        "pybamm_first": pb_t[0],
        "pybamm_run_measured": pb_t[1],
        "pybamm_run": pybamm_s,
        "threads": options["num_threads"],
        "worst_rel": worst,
        "worst_state": worst_state,
        "min_contact": float(np.min(np.asarray(out["y"].contact))),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="parameter sets in the batch (default 1000)")
    parser.add_argument(
        "--cycles", type=int, default=1000, help="cycles of the single-cell run (default 1000)"
    )
    args = parser.parse_args(argv)
    import lisse  # first: it asks XLA for one CPU device per core before anything imports jax

    try:
        import pybamm
    except ImportError:
        print(
            "the simulator benchmark needs PyBaMM as its baseline (an optional dependency of the benchmarks "
            "only): pip install pybamm",
            file=sys.stderr,
        )
        return 2
    sys.path.insert(0, str(HERE))
    pybamm.settings.max_y_value = 1e12  # pressure [Pa] and charge [C/m^2] are legitimately large
    import jax

    import lisse.cell.solver  # turns on float64 and the JAX disk cache

    print(
        f"lisse {getattr(lisse, '__version__', '?')}, jax {jax.__version__}, PyBaMM {pybamm.__version__}, "
        f"{os.cpu_count()} cores, {len(jax.devices())} JAX devices; "
        f"JAX cache: {jax.config.jax_compilation_cache_dir or 'off'}",
        flush=True,
    )
    agreement()
    single = single_cell(args.cycles)
    print(
        f"single cell, {args.cycles} cycles: lisse {single['lisse_run']:.3f} s "
        f"(first call {single['lisse_first']:.2f} s, "
        f"{'compiled code loaded from the disk cache' if single['cache_hit'] else 'compiled'}); "
        f"PyBaMM IDAKLU {single['pybamm_run']:.3f} s (first call {single['pybamm_first']:.2f} s)",
        flush=True,
    )
    b = batch(args.n)
    scaled = b["n_pybamm"] < b["n"]
    print(
        f"batch, {b['n']} parameter sets x 100 cycles: max relative difference lisse vs PyBaMM "
        f"{b['worst_rel']:.2e} ({b['worst_state']}) over {b['n_pybamm']} cells; "
        f"min contact fraction {b['min_contact']:.3f}"
    )
    print(
        f"lisse batch: solve_batch {b['lisse_run']:.2f} s on {b['devices']} devices "
        f"({b['lisse_cores']:.2f} cores busy on average); plain jax.vmap {b['vmap_run']:.2f} s "
        f"({b['vmap_cores']:.2f} cores busy); largest relative difference {b['vs_vmap']:.1e}"
    )
    if scaled:
        print(
            f"PyBaMM batch measured on {b['n_pybamm']} of {b['n']} parameter sets "
            f"({b['pybamm_run_measured']:.1f} s) and scaled per case to {b['n']} (over the "
            f"{PYBAMM_BUDGET_S:.0f} s budget)"
        )
    rows = [
        ("case", "lisse [s]", "PyBaMM IDAKLU [s]", "ratio"),
        (
            f"1 cell x {args.cycles} cycles, 1st call",
            f"{single['lisse_first']:.2f}",
            f"{single['pybamm_first']:.2f}",
            f"{single['pybamm_first'] / single['lisse_first']:.2f}",
        ),
        (
            f"1 cell x {args.cycles} cycles",
            f"{single['lisse_run']:.3f}",
            f"{single['pybamm_run']:.3f}",
            f"{single['pybamm_run'] / single['lisse_run']:.2f}",
        ),
        (
            f"{b['n']} sets x 100 cycles, 1st call",
            f"{b['lisse_first']:.2f}",
            f"{b['pybamm_first']:.2f}" + (f" ({b['n_pybamm']} sets)" if scaled else ""),
            "",
        ),
        (
            f"{b['n']} sets x 100 cycles",
            f"{b['lisse_run']:.2f}",
            f"{b['pybamm_run']:.2f}" + (" (scaled)" if scaled else ""),
            f"{b['pybamm_run'] / b['lisse_run']:.2f}",
        ),
    ]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    if args.cycles != 1000:
        single_verdict = f"not measured (ran {args.cycles} cycles)"
    else:
        single_verdict = f"{'met' if single['lisse_run'] < 2.0 else 'NOT met'} ({single['lisse_run']:.3f} s)"
    batch_verdict = "met" if b["pybamm_run"] / b["lisse_run"] >= 10 else "NOT met"
    at_n = "" if b["n"] == 1000 else f" at N={b['n']} (the target is for N=1000)"
    print(
        f"targets: 1000 cycles < 2 s after compilation: {single_verdict}; batch >= 10x faster than IDAKLU "
        f"({b['threads']} threads){at_n}: {batch_verdict}"
    )
    print(f"ratio_vs_pybamm={b['pybamm_run'] / b['lisse_run']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
