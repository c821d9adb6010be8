"""``lisse map``, ``lisse sweep`` and ``lisse results``: failure maps and design-space sweeps on the
command line (:mod:`lisse.sweep`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from lisse._core.errors import LisseError
from lisse.cli._common import Json, cli_errors, console, emit_json, err_console

__all__ = ["register"]

Out = Annotated[Path | None, typer.Option("--out", "-o", help="Output folder (Parquet partitions + DuckDB).")]
Scheduler = Annotated[
    str | None,
    typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: this machine)."),
]
Workers = Annotated[
    int | None,
    typer.Option("--workers", help="Run on N worker processes of this machine (a local Dask cluster)."),
]
NoPlot = Annotated[bool, typer.Option("--no-plot", help="Do not write the figures.")]


def _axis(text: str, option: str) -> tuple[str, str]:
    name, sep, spec = text.partition("=")
    if not sep or not name.strip() or not spec.strip():
        raise LisseError(f"{option} {text!r}: write NAME=SPEC, e.g. 'current_density=0.05:5:50'")
    return name.strip(), spec.strip()


def _run(spec, out: Path, scheduler: str | None, workers: int | None, json_: bool, plot: bool) -> None:
    """Run ``spec`` into ``out`` with a progress bar; print the summary; write the figures."""
    from lisse.sweep.run import client_for, run_sweep

    if scheduler and workers:
        raise LisseError("--scheduler and --workers: give one (--workers starts a cluster on this machine)")
    # an unreachable scheduler fails here, before any work
    client, _ = client_for(f"local:{workers}" if workers is not None else scheduler)
    columns = (
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=False, disable=json_) as bar:
        task = bar.add_task(f"{spec.name}: cases", total=None, rate="")

        def progress(done: int, total: int) -> None:
            speed = bar.tasks[0].speed
            bar.update(task, completed=done, total=total, rate=f"{speed:.3g} cases/s" if speed else "")

        try:
            report = run_sweep(spec, out, client, progress)
        finally:
            if client is not None:
                client.close()
    figures = _figures(spec, out) if plot and report.cases else []
    summary = {**report.to_dict(), "figures": [str(p) for p in figures]}
    if json_:
        emit_json(summary)
        return
    console.print(_summary_table(summary))
    for p in figures:
        console.print(f"wrote {p}")


def _figures(spec, out: Path) -> list[Path]:
    """The figures the design allows: a failure map over the first two numeric axes, the CCD band along the
    one numeric axis of a CCD sweep, the gain of each interlayer over none, and the sensitivity ranking."""
    from lisse.plots.maps import plot_ccd_bands, plot_failure_map, plot_sensitivity, plot_strategy_comparison
    from lisse.sweep.spec import PARAMETERS
    from lisse.sweep.summary import cases_frame, point_summary

    swept = [a for a in spec.parsed_axes if len(a.values) > 1 or a.kind == "range"]
    numeric = [a.name for a in swept if PARAMETERS[a.name].si is not None]
    categorical = [a for a in swept if PARAMETERS[a.name].si is None]
    cases = cases_frame(out)
    points = point_summary(cases)
    figures = {}
    if len(numeric) >= 2:
        figures["failure_map"] = plot_failure_map(points, numeric[0], numeric[1])
    if spec.ccd and len(numeric) == 1:
        by = categorical[0].name if categorical else None
        figures["ccd_bands"] = plot_ccd_bands(points, numeric[0], by=by)
    for a in categorical:
        if a.name == "interlayer" and "none" in a.values:
            outcome = "ccd" if spec.ccd else "time_to_failure"
            figures["strategies"] = plot_strategy_comparison(points, "interlayer", "none", outcome)
    if len(swept) >= 2:
        outcome = "ccd_mA_cm2" if spec.ccd else "time_to_failure_h"
        figures["sensitivity"] = plot_sensitivity(cases, [a.name for a in swept], outcome)
    paths = []
    for name, fig in figures.items():
        path = out / f"{name}.png"
        fig.savefig(path, dpi=120, bbox_inches="tight")
        paths.append(path)
    return paths


def _summary_table(summary: dict) -> Table:
    table = Table(title=f"lisse sweep: {summary['folder']}")
    table.add_column("quantity")
    table.add_column("value", overflow="fold")
    rate = summary["cases_per_s"]
    rows = [
        ("cases in the spec", str(summary["cases"])),
        ("stored before this run", str(summary["stored_before"])),
        ("computed now", str(summary["computed"])),
        ("wall time (s)", f"{summary['seconds']:.3g}"),
        ("cases / s", "—" if not rate else f"{rate:.3g}"),
        (
            "cell-cycles / s",
            "—" if not summary["cell_cycles_per_s"] else f"{summary['cell_cycles_per_s']:.3g}",
        ),
        ("scheduler", summary["scheduler"]),
    ]
    total = sum(summary["failure_modes"].values())
    for mode, n in sorted(summary["failure_modes"].items(), key=lambda kv: -kv[1]):
        rows.append((f"failure mode: {mode}", f"{n} ({n / total:.1%})"))
    for name, value in rows:
        table.add_row(name, value)
    return table


def register(app: typer.Typer) -> None:
    """Add ``map``, ``sweep`` and ``results`` to the ``lisse`` command line."""

    @app.command("map")
    def map_(
        electrolyte: Annotated[str, typer.Option("--electrolyte", "-e", help="Electrolyte name.")] = "LLZO",
        x: Annotated[
            str, typer.Option("--x", help="x axis NAME=lo:hi:n[:log], e.g. current_density=0.05:5:50.")
        ] = "current_density=0.05:5:20",
        y: Annotated[
            str, typer.Option("--y", help="y axis NAME=lo:hi:n[:log], e.g. stack_pressure=0.1:50:50:log.")
        ] = "stack_pressure=0.1:50:20:log",
        temperature: Annotated[
            str | None,
            typer.Option("--temperature", help="Temperature: one value ('25 degC') or an axis ('0,25,60')."),
        ] = None,
        fixed: Annotated[
            list[str],
            typer.Option("--fixed", help="Hold a parameter: NAME=VALUE, e.g. 'cycles=50' (repeatable)."),
        ] = [],  # noqa: B006  (typer reads the default; it is never mutated)
        samples: Annotated[
            int,
            typer.Option(
                "--samples", help="Monte Carlo draws of the uncertain inputs per point (0: nominal)."
            ),
        ] = 0,
        seed: Annotated[int, typer.Option("--seed", help="Seed of the draws.")] = 0,
        ccd: Annotated[bool, typer.Option("--ccd", help="Run the CCD current ramp at every point.")] = False,
        chunk: Annotated[int, typer.Option("--chunk", help="Cases per batch (and per partition).")] = 256,
        out: Out = None,
        scheduler: Scheduler = None,
        workers: Workers = None,
        no_plot: NoPlot = False,
        json_: Json = False,
    ) -> None:
        """A failure map: the cell over two swept parameters; failure mode, lifetime and their spread."""
        with cli_errors():
            from lisse.sweep.spec import load_spec

            axes = dict([_axis(x, "--x"), _axis(y, "--y")])
            if len(axes) < 2:
                raise LisseError(f"--x and --y sweep the same parameter {next(iter(axes))!r}")
            held = dict(_axis(f, "--fixed") for f in fixed)
            if temperature is not None:
                if ":" in temperature or "," in temperature:
                    axes["temperature"] = temperature
                else:
                    held["temperature"] = temperature
            spec = load_spec(
                {
                    "name": f"{electrolyte} map",
                    "electrolyte": electrolyte,
                    "axes": axes,
                    "fixed": held,
                    "samples": samples,
                    "seed": seed,
                    "ccd": ccd,
                    "chunk": chunk,
                }
            )
            _run(spec, out or Path(f"lisse-map-{electrolyte}"), scheduler, workers, json_, not no_plot)

    @app.command("sweep")
    def sweep_(
        spec_file: Annotated[Path, typer.Argument(help="Sweep spec (TOML; see docs/maps.md).")],
        out: Out = None,
        scheduler: Scheduler = None,
        workers: Workers = None,
        no_plot: NoPlot = False,
        json_: Json = False,
    ) -> None:
        """Run a design-space sweep from a TOML spec into a Parquet + DuckDB store (resumable)."""
        with cli_errors():
            from lisse.sweep.spec import load_spec

            spec = load_spec(spec_file)
            _run(spec, out or spec_file.with_suffix(""), scheduler, workers, json_, not no_plot)

    @app.command("results")
    def results_(
        folder: Annotated[Path, typer.Argument(help="Output folder of lisse map or lisse sweep.")],
        sql: Annotated[
            str | None,
            typer.Option(
                "--sql",
                help="SQL over table 'cases', e.g. \"SELECT failure_mode, count(*) FROM cases GROUP BY 1\"",
            ),
        ] = None,
        limit: Annotated[int, typer.Option("--limit", help="Rows shown (without --json).")] = 30,
        json_: Json = False,
    ) -> None:
        """Query the results of a sweep: per-point summary, or SQL over table 'cases'."""
        with cli_errors():
            import duckdb

            from lisse.sweep.summary import cases_frame, point_summary

            try:
                frame = cases_frame(folder, sql) if sql is not None else point_summary(cases_frame(folder))
            except duckdb.Error as exc:
                first = str(exc).strip().splitlines()[0]
                raise LisseError(f"--sql: {first}") from None
            records = json.loads(frame.to_json(orient="records"))
            if json_:
                emit_json(records)
                return
            if sql is None:  # the table: the inputs that vary between the points, and the main outcomes
                from lisse.sweep.summary import INPUT_COLUMNS

                varying = [c for c in INPUT_COLUMNS if frame[c].nunique(dropna=False) > 1]
                ccd = [c for c in frame.columns if c.startswith("ccd_") and frame[c].notna().any()]
                frame = frame[["point", *varying, *_SHOWN, *ccd]]
                records = json.loads(frame.to_json(orient="records"))
            table = Table(title=f"{folder}: {len(frame)} rows" + ("" if sql else " (one per design point)"))
            for c in frame.columns:
                table.add_column(str(c), overflow="fold")
            for rec in records[:limit]:
                table.add_row(*(_cell(v) for v in rec.values()))
            console.print(table)
            if len(records) > limit:
                console.print(f"… {len(records) - limit} more rows (--limit, or --json for all)")


#: Outcome columns of the per-point table (``--json`` gives them all).
_SHOWN = (
    "n",
    "most_probable_mode",
    "most_probable_p",
    "survival_probability",
    "time_to_failure_median",
    "time_to_failure_p05",
    "time_to_failure_p95",
)


def _cell(v: object) -> str:
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)
