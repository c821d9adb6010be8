"""Running a sweep: design points -> batched solves -> one row per case in the store.

:func:`run_sweep` checks everything before it starts (the spec, the scheduler, the output folder), reads
which cases the folder already holds, and solves the missing design points in chunks: the points of a
chunk share their protocol, their cells (nominal, or ``samples`` draws of the uncertain inputs each, by
:func:`lisse.cell.uncertainty.sample_parameters`) are stacked and solved as one batch, and every lane gets
its time series and verdict exactly as in :func:`lisse.cell.ensemble.simulate_samples` (both call
:func:`lisse.cell.ensemble.solve_lanes`). Each chunk becomes one Parquet partition as soon as it is done.

Without a scheduler the chunks run one after another in this process (each batch uses every CPU core,
:func:`lisse.cell.batch.solve_batch`); with one (a ``tcp://host:port`` address or a
``distributed.Client``) the same chunk function runs on the Dask cluster's workers and this process only
writes the results. Workers need lisse installed; they compute, the caller stores.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from lisse import __version__
from lisse._core.errors import ExtrapolationWarning, LisseError
from lisse.cell.ensemble import SOLVER_FAILED, solve_lanes
from lisse.cell.parameters import CellParameters, Coverage, ModelOptions, cell_parameters, stack_parameters
from lisse.cell.protocol import parse_protocol
from lisse.cell.solver import schedule_from_protocol
from lisse.cell.stack import Cell
from lisse.cell.uncertainty import sample_parameters
from lisse.sweep.spec import SweepSpec, load_spec
from lisse.sweep.store import Store

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "COLUMNS",
    "PARAMETER_COLUMNS",
    "SweepReport",
    "client_for",
    "compute_chunk",
    "connect",
    "local_cluster",
    "plan",
    "run_sweep",
]

#: The scheduler connection timeout [s]: an address that does not answer fails within it.
CONNECT_TIMEOUT = 5.0

#: Columns of table ``cases`` (name: Arrow type, unit or meaning). Parameters are in SI.
COLUMNS: dict[str, tuple[str, str]] = {
    "case_id": ("string", "hash of the resolved inputs and the lisse version"),
    "point_id": ("string", "the design point (its cases share it)"),
    "point": ("int64", "index of the design point in the spec's order"),
    "sample": ("int64", "Monte Carlo draw (null: the nominal cell)"),
    "seed": ("int64", "seed of the draws"),
    "electrolyte": ("string", "electrolyte material"),
    "anode": ("string", "anode material (with composition)"),
    "interlayer": ("string", "interlayer material ('none')"),
    "current_density_A_m2": ("float64", "plate/strip current density [A/m^2] (null: CCD ramp)"),
    "half_cycle_s": ("float64", "plate (strip) step length [s] (null: CCD ramp)"),
    "cycles": ("int64", "cycles of the protocol (null: CCD ramp)"),
    "stack_pressure_Pa": ("float64", "stack pressure [Pa]"),
    "temperature_K": ("float64", "temperature [K]"),
    "thickness_m": ("float64", "electrolyte thickness [m]"),
    "relative_density": ("float64", "electrolyte relative density (null: the library's)"),
    "grain_size_m": ("float64", "electrolyte grain size [m] (null: the library's)"),
    "anode_thickness_m": ("float64", "anode thickness [m]"),
    "anode_composition": ("float64", "alloy anode: atom fraction of the alloying element (null: Li)"),
    "interlayer_thickness_m": ("float64", "interlayer thickness [m] (null: none)"),
    "protocol": ("string", "the protocol text"),
    "protocol_end_h": ("float64", "end of the protocol [h]: as run for a survivor, else its time bound"),
    "failed": ("bool_", "the cell failed within the protocol"),
    "failure_mode": ("string", "failure mode ('none': survived; 'solver_failed')"),
    "mechanism": ("string", "mechanism that set the failure"),
    "mechanism_chain": ("string", "the chain of mechanisms, '; '-separated"),
    "time_to_failure_h": ("float64", "time to failure [h] (null: survived, beyond protocol_end_h)"),
    "cycle_at_failure": ("int64", "cycle of the failure (null: survived)"),
    "cycles_simulated": ("int64", "cycles the solve went through"),
    "ccd_mA_cm2": ("float64", "current density at failure [mA/cm^2] (null: survived)"),
    "asr_initial_ohm_cm2": ("float64", "initial area-specific resistance [ohm cm^2]"),
    "asr_final_ohm_cm2": ("float64", "area-specific resistance at the end [ohm cm^2]"),
    "capacity_retention": ("float64", "last over first discharge capacity (full cells)"),
    "voltage_end_V": ("float64", "cell voltage at failure (or at the end) [V]"),
    "contact_we_end": ("float64", "contact fraction of the working electrode at failure (or end)"),
    "contact_ce_end": ("float64", "contact fraction of the counter electrode at failure (or end)"),
    "filament_we_end_m": ("float64", "filament length from the working electrode at failure (or end) [m]"),
    "filament_ce_end_m": ("float64", "filament length from the counter electrode at failure (or end) [m]"),
    "internal_li_end": ("float64", "internal Li deposition at failure (or end)"),
    "depletion_end_mol_m3": ("float64", "electrolyte depletion at failure (or end) [mol/m^3]"),
    "li_thickness_we_end_m": ("float64", "Li thickness of the working electrode at failure (or end) [m]"),
    "n_inputs": ("int64", "material inputs the case rests on"),
    "n_estimated": ("int64", "of them estimated"),
    "evidence": ("string", "JSON: inputs per evidence class"),
    "drawn": ("string", "JSON: the drawn inputs (label: SI value; null: nominal)"),
    "lisse_version": ("string", "lisse version"),
}

#: The column of each sweep parameter (:data:`lisse.sweep.spec.PARAMETERS`) in table ``cases``.
PARAMETER_COLUMNS = {
    "current_density": "current_density_A_m2",
    "half_cycle": "half_cycle_s",
    "cycles": "cycles",
    "stack_pressure": "stack_pressure_Pa",
    "temperature": "temperature_K",
    "thickness": "thickness_m",
    "relative_density": "relative_density",
    "grain_size": "grain_size_m",
    "anode_thickness": "anode_thickness_m",
    "anode_composition": "anode_composition",
    "interlayer_thickness": "interlayer_thickness_m",
    "electrolyte": "electrolyte",
    "interlayer": "interlayer",
    "anode": "anode",
}

_STATES = {
    "voltage_end_V": "voltage",
    "contact_we_end": "contact_we",
    "contact_ce_end": "contact_ce",
    "filament_we_end_m": "filament_we",
    "filament_ce_end_m": "filament_ce",
    "internal_li_end": "internal_li",
    "depletion_end_mol_m3": "depletion",
    "li_thickness_we_end_m": "li_thickness_we",
}


def schema() -> pa.Schema:
    """The Arrow schema of table ``cases`` (:data:`COLUMNS`)."""
    import pyarrow as pa

    return pa.schema(
        [pa.field(k, getattr(pa, t)(), metadata={"doc": d}) for k, (t, d) in COLUMNS.items()],
        metadata={"lisse_version": __version__},
    )


@dataclass
class Chunk:
    """Design points solved together: ``(index, point, case ids)`` each, all with one protocol."""

    points: list[tuple[int, dict, list[str]]]
    partly_stored: bool = False
    """Some of its cases are stored already (their rows are dropped, not written twice)."""

    @property
    def n_cases(self) -> int:
        return sum(len(ids) for _, _, ids in self.points)

    @property
    def name(self) -> str:
        first = self.points[0][2][0]
        return hashlib.sha256(("".join(ids[0] for _, _, ids in self.points) + first).encode()).hexdigest()[
            :20
        ]


@dataclass
class SweepReport:
    """What a run did: cases in the spec, already stored, computed now, and the outcome counts."""

    folder: Path
    cases: int
    stored_before: int
    computed: int
    seconds: float
    cell_cycles: int = 0
    modes: dict[str, int] = field(default_factory=dict)
    scheduler: str = "local"
    extrapolated: dict[str, str] = field(default_factory=dict)
    """Values read outside the temperature range they were measured over (label: that range), in cases
    computed by this run."""

    def to_dict(self) -> dict:
        rate = self.computed / self.seconds if self.seconds > 0 else None
        return {
            "folder": str(self.folder),
            "cases": self.cases,
            "stored_before": self.stored_before,
            "computed": self.computed,
            "seconds": self.seconds,
            "cases_per_s": rate,
            "cell_cycles": self.cell_cycles,
            "extrapolated": dict(self.extrapolated),
            "cell_cycles_per_s": self.cell_cycles / self.seconds if self.seconds > 0 else None,
            "failure_modes": self.modes,
            "scheduler": self.scheduler,
        }


def _distributed():
    """The ``distributed`` package, or a LisseError saying how to install it (an optional dependency)."""
    try:
        import distributed
    except ImportError:
        raise LisseError(
            "a Dask scheduler or --workers needs dask.distributed: pip install 'lisse[distributed]'"
        ) from None
    return distributed


def connect(address: str, timeout: float = CONNECT_TIMEOUT):
    """A ``distributed.Client`` of the scheduler at ``address``; a LisseError within ``timeout`` seconds if
    none answers."""
    Client = _distributed().Client

    try:
        return Client(address, timeout=f"{timeout}s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise LisseError(
            f"--scheduler {address!r}: no Dask scheduler answers there within {timeout:g} s ({exc})"
        ) from None


def plan(spec: SweepSpec, done: set[str]) -> tuple[list[Chunk], int]:
    """The chunks still to solve, and the number of the spec's cases already stored.

    The design points are dealt into chunks the same way on every run (by protocol, then in order, at most
    ``spec.chunk`` cases a chunk, whole points only), and a chunk whose cases are all stored is skipped: a
    resumed run solves exactly the batches an uninterrupted run would, so its numbers are the same to the
    last bit (a batch's lanes agree with single solves only to round-off, see :mod:`lisse.cell.batch`).
    """
    groups: dict[str, list[tuple[int, dict, list[str]]]] = {}
    for i, point in enumerate(spec.points()):
        groups.setdefault(spec.protocol_at(point), []).append((i, point, spec.case_ids(point)))
    chunks: list[Chunk] = []
    stored = 0
    for members in groups.values():
        current: list = []
        size = 0
        for m in [*members, None]:
            if current and (m is None or size + len(m[2]) > spec.chunk):
                have = sum(c in done for _, _, ids in current for c in ids)
                stored += have
                chunk = Chunk(current, partly_stored=have > 0)
                if have < chunk.n_cases:
                    chunks.append(chunk)
                current, size = [], 0
            if m is not None:
                current.append(m)
                size += len(m[2])
    return chunks, stored


def run_sweep(
    spec: SweepSpec,
    out: str | Path,
    scheduler: Any = None,
    progress: Callable[[int, int], None] | None = None,
) -> SweepReport:
    """Run the cases of ``spec`` missing from the store in ``out``; return what was done.

    Parameters
    ----------
    spec : SweepSpec
        The sweep.
    out : str or Path
        The output folder (created; a folder of another spec is refused).
    scheduler : str or distributed.Client, optional
        A Dask scheduler address, ``"local:N"`` (a cluster of N worker processes on this machine,
        :func:`local_cluster`) or a client: the chunks run on its workers. Default: in this process.
    progress : callable, optional
        ``progress(done, total)`` after each chunk (cases of this run: stored ones excluded).

    Raises
    ------
    LisseError
        Before any work: for an unreachable scheduler, a folder of another spec or in use.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    client, own = client_for(scheduler)
    store = Store.open(out, spec)
    t0 = time.perf_counter()
    try:
        known = store.done()
        chunks, stored = plan(spec, known)
        stored_ids = pa.array(sorted(known), pa.string())
        total = sum(c.n_cases for c in chunks)
        done = 0
        report = SweepReport(store.folder, spec.n_cases, stored, 0, 0.0)
        if client is not None:
            report.scheduler = str(client.scheduler.address)
        if progress is not None:
            progress(0, total)
        data = spec.model_dump()
        for chunk, table in _results(client, data, chunks):
            meta = dict(table.schema.metadata or {})
            report.extrapolated.update(json.loads(meta.pop(EXTRAPOLATED_KEY, b"{}")))
            table = table.replace_schema_metadata(meta)  # the stored schema is schema()'s
            if chunk.partly_stored:  # never written so by run_sweep (a point is one partition): no duplicate
                table = table.filter(pc.invert(pc.is_in(table.column("case_id"), value_set=stored_ids)))
            ids = "".join(table.column("case_id").to_pylist())
            store.write(table, hashlib.sha256(ids.encode()).hexdigest()[:20])
            done += table.num_rows
            report.cell_cycles += int(np.sum(table.column("cycles_simulated").to_numpy(zero_copy_only=False)))
            for mode, n in Counter(table.column("failure_mode").to_pylist()).items():
                report.modes[mode] = report.modes.get(mode, 0) + n
            if progress is not None:
                progress(done, total)
        report.computed = done
    finally:
        store.close()
        if own and client is not None:
            client.close()
    report.seconds = time.perf_counter() - t0
    for label, measured in sorted(report.extrapolated.items()):
        text = f"{label} extrapolated beyond its measured range ({measured}) in cases of this sweep"
        warnings.warn(ExtrapolationWarning(text, label, measured), stacklevel=2)
    return report


def local_cluster(workers: int):
    """A Dask client of a cluster of ``workers`` processes on this machine, one CPU device and one thread
    each: the per-case Python work (reading cells, time series, verdicts) runs on every core, not only the
    solve. Closing the client closes the cluster."""
    distributed = _distributed()

    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise LisseError(f"workers = {workers!r}: give a positive number of worker processes")
    cluster = distributed.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        env={"LISSE_CPU_DEVICES": "1"},
    )
    client = distributed.Client(cluster)
    client.close = _closing(client.close, cluster)  # type: ignore[method-assign]
    return client


def _closing(close: Callable, cluster) -> Callable:
    def both(*args, **kwargs):
        close(*args, **kwargs)
        cluster.close()

    return both


def client_for(scheduler: Any):
    """``(client, owned)``: a Client from an address or ``"local:N"`` (owned: closed at the end), or the
    caller's."""
    if scheduler is None:
        return None, False
    if isinstance(scheduler, str):
        if scheduler.startswith("local:"):
            n = scheduler.removeprefix("local:")
            return local_cluster(int(n) if n.isdigit() else n), True  # type: ignore[arg-type]
        return connect(scheduler), True
    return scheduler, False


def _results(client, data: dict, chunks: list[Chunk]):
    """``(chunk, table)`` as each chunk is done: in order in this process, or as the workers finish
    (at most two chunks per worker in flight, so memory stays flat however large the sweep)."""
    if client is None:
        for chunk in chunks:
            yield chunk, compute_chunk(data, chunk.points)
        return
    from distributed import as_completed

    window = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending = iter(chunks)
    futures = {}
    for chunk in pending:
        futures[client.submit(compute_chunk, data, chunk.points, pure=False)] = chunk
        if len(futures) >= window:
            break
    queue = as_completed(list(futures))
    for future in queue:
        chunk = futures.pop(future)
        table = future.result()
        future.release()
        nxt = next(pending, None)
        if nxt is not None:
            f = client.submit(compute_chunk, data, nxt.points, pure=False)
            futures[f] = nxt
            queue.add(f)
        yield chunk, table


@functools.lru_cache(maxsize=8)
def _spec(text: str) -> SweepSpec:
    return load_spec(json.loads(text))


@functools.lru_cache(maxsize=512)
def _nominal(cell_json: str, options_json: str) -> tuple[CellParameters, Coverage]:
    """The nominal parameters and coverage of a cell (cached: the points of a map share cells)."""
    return cell_parameters(
        Cell.model_validate_json(cell_json), None, ModelOptions.model_validate_json(options_json)
    )


def compute_chunk(spec_data: dict, points: list[tuple[int, dict, list[str]]]) -> pa.Table:
    """Solve the cases of ``points`` (one protocol) as one batch; one row per case (:data:`COLUMNS`).

    A value extrapolated beyond its measured temperature range is not warned about here, once per
    temperature (and on a Dask worker, on the worker's console): the table's schema metadata
    (:data:`EXTRAPOLATED_KEY`) lists each such value with its range, and :func:`run_sweep` warns once per
    value for the whole sweep. Other warnings pass through."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = _solve_chunk(spec_data, points)
    extrapolated: dict[str, str] = {}
    for w in caught:
        if isinstance(w.message, ExtrapolationWarning) and w.message.label:
            extrapolated[w.message.label] = w.message.measured
        else:
            warnings.warn(w.message, stacklevel=2)
    meta = {**(table.schema.metadata or {}), EXTRAPOLATED_KEY: json.dumps(extrapolated).encode()}
    return table.replace_schema_metadata(meta)


#: Schema metadata key of a computed chunk's table: JSON of the values it extrapolated (label: range).
EXTRAPOLATED_KEY = b"lisse_extrapolated"


def _solve_chunk(spec_data: dict, points: list[tuple[int, dict, list[str]]]) -> pa.Table:
    import jax
    import pyarrow as pa

    spec = _spec(json.dumps(spec_data, sort_keys=True))
    opts = spec.options_model
    text = spec.protocol_at(points[0][1])
    # per kind of cell (symmetric or full: their model features differ): stacked parameter blocks, and per
    # case its coverage and input columns
    blocks: dict[bool, tuple[Cell, list, list]] = {}
    for index, point, ids in points:
        cell = spec.cell_at(point)
        nominal, coverage = _nominal(cell.model_dump_json(), opts.model_dump_json())
        base = _inputs_row(spec, cell, point, text, index, ids)
        if spec.samples == 0:
            params = stack_parameters([nominal])
            rows = [{**base, "case_id": ids[0], "sample": None, "drawn": None}]
        else:
            sampled = sample_parameters(cell, spec.samples, spec.seed, None, opts)
            params = sampled.parameters
            labels = [u.label for u in sampled.inputs]
            rows = [
                {
                    **base,
                    "case_id": ids[s],
                    "sample": s,
                    "drawn": json.dumps(dict(zip(labels, sampled.values[s].tolist(), strict=True))),
                }
                for s in range(spec.samples)
            ]
        block = blocks.setdefault(not cell.is_symmetric, (cell, [], []))
        block[1].append(params)
        block[2].extend((coverage, row) for row in rows)
    proto = parse_protocol(text)
    out: list[dict] = []
    for full, (cell, params, cases) in blocks.items():
        schedule = schedule_from_protocol(proto, cell.counter.areal_capacity if full else None)
        stacked = jax.tree_util.tree_map(lambda *xs: np.concatenate(xs), *params)
        _, _, results = solve_lanes(stacked, schedule, [c for c, _ in cases], full, opts)
        end_h = float(schedule.duration.sum()) / 3600.0
        n_cycles = int(np.max(schedule.cycle))
        for (coverage, row), result in zip(cases, results, strict=True):
            out.append({**row, **_outcome_row(result, coverage, end_h, n_cycles)})
    return pa.Table.from_pylist(out, schema=schema())


def _inputs_row(spec: SweepSpec, cell: Cell, point: dict, text: str, index: int, ids: list[str]) -> dict:
    """The input columns of a point's cases: every parameter as resolved in its cell and protocol."""
    j, t, n = (
        None if spec.ccd else spec.value_at(point, k) for k in ("current_density", "half_cycle", "cycles")
    )
    e = cell.electrolyte
    return {
        "point_id": hashlib.sha256("".join(ids).encode()).hexdigest()[:32],
        "point": index,
        "seed": spec.seed,
        "electrolyte": e.material,
        "anode": cell.anode.label,
        "interlayer": cell.interlayer.material if cell.interlayer else "none",
        "current_density_A_m2": None if j is None else float(j),
        "half_cycle_s": None if t is None else float(t),
        "cycles": None if n is None else int(float(n)),
        "stack_pressure_Pa": cell.pressure,
        "temperature_K": cell.temperature,
        "thickness_m": e.thickness,
        "relative_density": e.relative_density,
        "grain_size_m": e.grain_size,
        "anode_thickness_m": cell.anode.thickness,
        "anode_composition": cell.anode.composition,
        "interlayer_thickness_m": cell.interlayer.thickness if cell.interlayer else None,
        "protocol": text,
        "lisse_version": __version__,
    }


def _finite(x: float | None) -> float | None:
    return None if x is None or not math.isfinite(x) else float(x)


def _outcome_row(result, coverage: Coverage, end_h: float, n_cycles: int) -> dict:
    """The outcome columns of one case from its ``(series, verdict)`` (None: the solver failed)."""
    classes = Counter(v.evidence for v in coverage.inputs)
    row: dict = {
        "protocol_end_h": end_h,
        "n_inputs": len(coverage.inputs),
        "n_estimated": classes.get("estimated", 0),
        "evidence": json.dumps(dict(sorted(classes.items()))),
    }
    if result is None:
        return {**row, "failed": True, "failure_mode": SOLVER_FAILED, "mechanism": SOLVER_FAILED,
                "mechanism_chain": "", "cycles_simulated": 0}  # fmt: skip
    arrays, v = result
    last = {k: _finite(float(arrays[name][-1])) for k, name in _STATES.items()}
    if not v.failed:  # the end as run (steps that end on a condition finish before their time bound)
        row["protocol_end_h"] = float(np.nanmax(arrays["time"])) / 3600.0
    return {
        **row,
        **last,
        "failed": bool(v.failed),
        "failure_mode": v.failure_mode or "none",
        "mechanism": v.mechanism or "none",
        "mechanism_chain": "; ".join(v.mechanism_chain),
        "time_to_failure_h": _finite(v.time_to_failure_h) if v.failed else None,
        "cycle_at_failure": v.cycle_at_failure if v.failed else None,
        "cycles_simulated": int(v.cycle_at_failure) if v.failed and v.cycle_at_failure else n_cycles,
        "ccd_mA_cm2": _finite(v.current_density_at_failure_mA_cm2) if v.failed else None,
        "asr_initial_ohm_cm2": _finite(v.asr_initial_ohm_cm2),
        "asr_final_ohm_cm2": _finite(v.asr_final_ohm_cm2),
        "capacity_retention": _finite(v.capacity_retention),
    }
