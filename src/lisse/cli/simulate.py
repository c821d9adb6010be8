"""``lisse simulate`` and ``lisse ccd``: the coupled simulator on the command line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.table import Table
from rich.text import Text

from lisse._core.errors import LisseError, describe_validation_error
from lisse.cell import Cell
from lisse.cell.ensemble import EnsembleResult, critical_current_density_samples, simulate_samples
from lisse.cell.parameters import ModelOptions
from lisse.cell.results import SimulationResult
from lisse.cell.sensitivity import LOCAL_OUTCOMES, local_elasticities, sensitivity
from lisse.cell.simulate import CCD_RAMP, critical_current_density, simulate
from lisse.cell.uncertainty import check_samples
from lisse.cli._common import Json, cli_errors, console, emit_json

__all__ = [
    "DEFAULT_PROTOCOL",
    "FULL_CELL_PROTOCOL",
    "build_cell",
    "register",
    "verdict_table",
    "write_outputs",
]

DEFAULT_PROTOCOL = "(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 20"
FULL_CELL_PROTOCOL = (
    "(Charge at 0.1C until 4.2 V, Hold at 4.2 V until C/50, Discharge at 0.1C until 3.0 V) x 10"
)


# the cell options shared by ``simulate`` and ``ccd``
CellFile = Annotated[
    Path | None, typer.Option("--cell", help="Cell TOML file (see Cell.to_toml); replaces the cell options.")
]
Electrolyte = Annotated[str, typer.Option("--electrolyte", "-e", help="Electrolyte name.")]
Anode = Annotated[
    str,
    typer.Option(
        "--anode",
        help="Anode material (and counter electrode of a symmetric cell): Li, or a Li alloy with the atom "
        "percentage of its alloying element, e.g. 'Li-Mg:10at%'.",
    ),
]
Cathode = Annotated[
    str | None,
    typer.Option("--cathode", help="Cathode of a full cell (e.g. NMC811); omit for a symmetric cell."),
]
ArealCapacity = Annotated[
    str | None,
    typer.Option("--areal-capacity", help="Cathode capacity per area (full cells; default 1 mA h cm-2)."),
]
Coating = Annotated[str | None, typer.Option("--coating", help="Cathode coating, e.g. LiNbO3 (full cells).")]
Interlayer = Annotated[
    str | None, typer.Option("--interlayer", help="Interlayer between Li and the electrolyte.")
]
Thickness = Annotated[str, typer.Option("--thickness", help="Electrolyte thickness, e.g. '30 um'.")]
Pressure = Annotated[str, typer.Option("--pressure", help="Stack pressure, e.g. '5 MPa'.")]
Temperature = Annotated[str, typer.Option("--temperature", help="Temperature, e.g. '25 degC'.")]
Area = Annotated[str, typer.Option("--area", help="Electrode area.")]
Overrides = Annotated[
    list[str],
    typer.Option(
        "--set", help="Override a material value: 'Li.exchange_current_density:LLZO=10 A/m^2' (repeatable)."
    ),
]
Options = Annotated[
    list[str],
    typer.Option(
        "--option",
        help="Model option NAME=VALUE (lisse.cell.parameters.ModelOptions), e.g. 'asr_rise_factor=5' or "
        "'capacity_fade_limit=0.7' (repeatable).",
    ),
]
Out = Annotated[
    Path | None, typer.Option("--out", "-o", help="Folder for the NetCDF result, figures and report.")
]
Samples = Annotated[
    str | None,
    typer.Option(
        "--samples",
        help="Draw N cells from the distributions of every uncertain input and report the median and the "
        "5-95 % band of each outcome and the failure-mode probabilities (without it: the nominal cell).",
    ),
]
Seed = Annotated[str, typer.Option("--seed", help="Seed of the draws (a non-negative integer).")]


def build_cell(
    cell_file: Path | None,
    electrolyte: str,
    anode: str,
    interlayer: str | None,
    thickness: str,
    pressure: str,
    temperature: str,
    area: str,
    overrides: list[str],
    cathode: str | None = None,
    areal_capacity: str | None = None,
    coating: str | None = None,
) -> Cell:
    """A cell from a TOML file or the command-line options; ``overrides``: ``MATERIAL.property=value``.

    Without ``cathode`` the cell is symmetric (the anode material on both sides), with it a full cell.
    """
    conditions = {"pressure": pressure, "temperature": temperature, "area": area}
    cathode_options = cathode is not None or coating is not None or areal_capacity is not None
    if cell_file is not None and cathode_options:
        raise LisseError(
            "--cathode, --coating and --areal-capacity are cell options: with --cell, describe the cathode "
            "in the cell file ([counter], [counter_interlayer])"
        )
    if cathode is None and (coating is not None or areal_capacity is not None):
        raise LisseError(
            "--coating and --areal-capacity describe a cathode: add --cathode NAME (e.g. --cathode NMC811), "
            "or drop them for a symmetric Li cell"
        )
    if cell_file is not None:
        cell = Cell.from_toml(cell_file)
    elif cathode is None:
        cell = Cell.symmetric(
            electrolyte, thickness=thickness, anode=anode, interlayer=interlayer, **conditions
        )
    else:
        cell = Cell.full(
            electrolyte,
            cathode,
            thickness=thickness,
            areal_capacity=areal_capacity or "1 mA h cm-2",
            coating=coating,
            anode=anode,
            interlayer=interlayer,
            **conditions,
        )
    if overrides:
        table: dict[str, dict[str, str]] = {k: dict(v) for k, v in cell.overrides.items()}
        for item in overrides:
            key, sep, value = item.partition("=")
            material, dot, prop = key.partition(".")
            if not sep or not dot or not value.strip():
                raise LisseError(
                    f"--set {item!r}: write MATERIAL.property=VALUE, e.g. "
                    "'Li.exchange_current_density:LLZO=10 A/m^2'"
                )
            table.setdefault(material.strip(), {})[prop.strip()] = value.strip()
        cell = cell.model_copy(update={"overrides": table})
    return cell


def model_options(items: list[str]) -> ModelOptions:
    """:class:`ModelOptions` from ``NAME=VALUE`` strings; bad names or values raise a LisseError."""
    values: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise LisseError(f"--option {item!r}: write NAME=VALUE, e.g. 'asr_rise_factor=5'")
        values[name.strip()] = value.strip()
    unknown = sorted(set(values) - set(ModelOptions.model_fields))
    if unknown:
        raise LisseError(
            f"--option: {', '.join(unknown)} is not a model option; allowed: "
            + ", ".join(ModelOptions.model_fields)
        )
    try:
        return ModelOptions(**values)
    except ValidationError as exc:
        raise LisseError(f"--option: {describe_validation_error(exc)}") from None


def sampling(samples: str | None, seed: str) -> tuple[int, int] | None:
    """``(samples, seed)`` from the ``--samples`` / ``--seed`` strings (None without ``--samples``); a
    non-integer or non-positive value is a one-line LisseError naming the option."""
    if samples is None:
        return None
    values = []
    for option, text in (("--samples", samples), ("--seed", seed)):
        try:
            values.append(int(text.strip()))
        except ValueError:
            raise LisseError(f"{option} {text!r}: must be an integer") from None
    return check_samples(*values)


def write_ensemble(ensemble: EnsembleResult, out: Path, stem: str) -> list[Path]:
    """Write every sample (NetCDF) and the band figures into ``out``."""
    from lisse.plots.ensemble import ENSEMBLE_FIGURES

    out.mkdir(parents=True, exist_ok=True)
    paths = [ensemble.save(out / f"{stem}_samples.nc")]
    for name, fn in ENSEMBLE_FIGURES.items():
        path = out / f"{stem}_{name}.png"
        fn(ensemble).savefig(path, dpi=120, bbox_inches="tight")
        paths.append(path)
    return paths


def band_table(summary: dict, ramp: bool) -> Table:
    """Median [5 %, 95 %] of each outcome and the failure-mode probabilities of sampled cells."""
    table = Table(title=f"lisse: {summary['samples']} sampled cells (seed {summary['seed']})")
    for column in ("outcome", "median", "5 %", "95 %"):
        table.add_column(column)
    rows = [("time to failure [h]", "time_to_failure", "_h"), ("cycle at failure", "cycle_at_failure", "")]
    rows.append(("final ASR [Ω cm²]", "asr_final", "_ohm_cm2"))
    if ramp:
        rows.insert(0, ("CCD [mA/cm²]", "ccd", "_mA_cm2"))
    if "capacity_retention" in summary:
        rows.append(("capacity retention", "capacity_retention", ""))
    for label, name, unit in rows:
        cells = [summary.get(f"{name}{q}{unit}") for q in ("", "_p05", "_p95")]
        table.add_row(Text(label), *("beyond the protocol" if x is None else f"{x:.3g}" for x in cells))
    for mode, p in summary["failure_mode_probabilities"].items():
        table.add_row(f"P({mode})", f"{p:.0%}", "", "")
    return table


def write_outputs(result: SimulationResult, out: Path, stem: str) -> list[Path]:
    """Write the NetCDF result, the figures and the HTML report into ``out``."""
    from lisse.plots.cell import FIGURES, report_html

    out.mkdir(parents=True, exist_ok=True)
    paths = [result.save(out / f"{stem}.nc")]
    for name, fn in FIGURES.items():
        fig = fn(result)
        if fig is None:
            continue
        path = out / f"{stem}_{name}.png"
        fig.savefig(path, dpi=120, bbox_inches="tight")
        paths.append(path)
    report = out / f"{stem}_report.html"
    report.write_text(report_html(result), encoding="utf-8")
    paths.append(report)
    return paths


def verdict_table(results: dict[str, SimulationResult]) -> Table:
    table = Table(title="lisse verdicts")
    table.add_column("quantity")
    for label in results:
        table.add_column(label, overflow="fold")
    rows = [
        ("failed", lambda v: "yes" if v.failed else "no"),
        ("failure mode", lambda v: v.failure_mode or "—"),
        ("mechanism", lambda v: v.mechanism or "—"),
        (
            "time to failure [h]",
            lambda v: "—" if v.time_to_failure_h is None else f"{v.time_to_failure_h:.4g}",
        ),
        ("cycle at failure", lambda v: "—" if v.cycle_at_failure is None else str(v.cycle_at_failure)),
        ("ASR initial → final [Ω cm²]", lambda v: f"{v.asr_initial_ohm_cm2:.3g} → {v.asr_final_ohm_cm2:.3g}"),
        ("mechanism chain", lambda v: "\n".join(v.mechanism_chain) or "—"),
        ("rests on estimates (see --json: coverage.estimated)", _estimated_text),
        ("not modelled here", lambda v: "\n".join(v.coverage.get("inactive", {})) or "—"),
    ]
    for name, fn in rows:
        table.add_row(Text(name), *(fn(r.verdict) for r in results.values()))
    return table


def _estimated_text(v) -> str:
    """'this result rests on N estimated inputs:' and each with its uncertainty."""
    est = v.coverage.get("estimated", [])
    if not est:
        return "no estimated input"
    lines = [f"{len(est)} estimated input(s):"]
    lines += [f"{e['input']} = {e['value']:.3g} {e['unit']} ({e['uncertainty']})" for e in est]
    return "\n".join(lines)


def _sensitivity_command(app: typer.Typer) -> None:
    @app.command("sensitivity")
    def sensitivity_(
        cell_file: CellFile = None,
        electrolyte: Electrolyte = "LLZO",
        anode: Anode = "Li",
        cathode: Cathode = None,
        areal_capacity: ArealCapacity = None,
        coating: Coating = None,
        interlayer: Interlayer = None,
        thickness: Thickness = "500 um",
        pressure: Pressure = "5 MPa",
        temperature: Temperature = "25 degC",
        area: Area = "1 cm^2",
        overrides: Overrides = [],  # noqa: B006
        options: Options = [],  # noqa: B006
        protocol: Annotated[
            str | None,
            typer.Option(
                "--protocol", "-p", help="Protocol string; default: the CCD ramp (symmetric cells)."
            ),
        ] = None,
        outcome: Annotated[
            str | None,
            typer.Option(
                "--outcome",
                help="ccd, time_to_failure, cycle_at_failure, asr_final or capacity_retention (default: the "
                "CCD of a ramp, else the time to failure, else the final ASR).",
            ),
        ] = None,
        samples: Annotated[str, typer.Option("--samples", help="Sampled cells (default 128).")] = "128",
        seed: Seed = "0",
        plot: Annotated[Path | None, typer.Option("--plot", help="Write a tornado chart (PNG).")] = None,
        local: Annotated[
            bool,
            typer.Option(
                "--local",
                help="Also the local elasticities d ln(outcome)/d ln(input) at the nominal cell (JAX forward "
                "mode through the solve; the final ASR, or the time to failure if that is the outcome; a "
                "minute to compile).",
            ),
        ] = False,
        json_: Json = False,
    ) -> None:
        """Which uncertain inputs drive the spread of an outcome: a ranking over sampled cells."""
        with cli_errors():
            cell = build_cell(
                cell_file,
                electrolyte,
                anode,
                interlayer,
                thickness,
                pressure,
                temperature,
                area,
                overrides,
                cathode,
                areal_capacity,
                coating,
            )
            n, s = sampling(samples, seed) or (0, 0)
            if protocol is None and not cell.is_symmetric:
                protocol = FULL_CELL_PROTOCOL
            ensemble = (
                simulate_samples(cell, protocol, n, s, options=model_options(options))
                if protocol
                else critical_current_density_samples(cell, n, s, options=model_options(options))
            )
            result = sensitivity(ensemble, outcome)
            local_outcome = result.outcome if result.outcome in LOCAL_OUTCOMES else "asr_final"
            elasticities = (
                local_elasticities(cell, protocol or CCD_RAMP, local_outcome, options=model_options(options))
                if local
                else ()
            )
            if plot is not None:
                from lisse.plots.ensemble import plot_tornado

                plot.parent.mkdir(parents=True, exist_ok=True)
                plot_tornado(result).savefig(plot, dpi=120, bbox_inches="tight")
            if json_:
                local_part = (
                    {"local_outcome": local_outcome, "local_elasticities": elasticities} if local else {}
                )
                emit_json({**result.to_dict(), **local_part, "outputs": [str(plot)] if plot else []})
                return
            console.print(sensitivity_table(result))
            console.print(Text(result.sentence()))
            for e in elasticities[:10]:
                console.print(
                    Text(f"  d ln {local_outcome} / d ln {e.input} = {e.elasticity:+.3g} ({e.evidence})")
                )
            if plot is not None:
                console.print(f"wrote {plot}")


def sensitivity_table(result) -> Table:
    """The ranked inputs: importance, rank correlation, evidence."""
    table = Table(title=f"what drives {result.outcome} ({result.samples} sampled cells)")
    for column in ("input", "evidence", "S1", "Spearman"):
        table.add_column(column)
    for r in result.ranking[:15]:
        s1 = "—" if r.first_order is None else f"{r.first_order:.2f} ± {r.first_order_ci:.2f}"
        evidence = "closure" if r.kind == "closure" else r.evidence
        table.add_row(Text(r.input), evidence, s1, f"{r.spearman:+.2f}")
    return table


def _report_ensemble(ensemble: EnsembleResult, out: Path | None, stem: str, json_: bool) -> None:
    """Print (or emit as JSON) the bands of sampled cells; write their data and figures into ``out``."""
    paths = write_ensemble(ensemble, out, stem) if out is not None else []
    summary = {**ensemble.summary(), "sensitivity": sensitivity(ensemble).to_dict()}
    if json_:
        emit_json({**summary, "outputs": [str(p) for p in paths]})
        return
    console.print(band_table(summary, ensemble.ramp))
    console.print(summary["censoring"])
    console.print(Text(summary["sensitivity"]["summary"]))
    console.print(f"nominal cell: {ensemble.nominal.verdict.failure_mode or 'survived'}")
    for p in paths:
        console.print(f"wrote {p}")


def _label(cell: Cell) -> str:
    return f"{cell.anode.label} | {cell.electrolyte.material} | {cell.counter.label}"


def register(app: typer.Typer) -> None:
    """Add ``simulate``, ``ccd`` and ``sensitivity`` to the ``lisse`` command line."""
    _sensitivity_command(app)

    @app.command("simulate")
    def simulate_(
        cell_file: CellFile = None,
        electrolyte: Electrolyte = "LLZO",
        anode: Anode = "Li",
        cathode: Cathode = None,
        areal_capacity: ArealCapacity = None,
        coating: Coating = None,
        interlayer: Interlayer = None,
        thickness: Thickness = "500 um",
        pressure: Pressure = "5 MPa",
        temperature: Temperature = "25 degC",
        area: Area = "1 cm^2",
        overrides: Overrides = [],  # noqa: B006  (typer reads the default; it is never mutated)
        options: Options = [],  # noqa: B006
        protocol: Annotated[
            str | None,
            typer.Option(
                "--protocol",
                "-p",
                help=f"Protocol string; default {DEFAULT_PROTOCOL!r} (symmetric) or {FULL_CELL_PROTOCOL!r} "
                "(full cell).",
            ),
        ] = None,
        protocol_file: Annotated[
            Path | None, typer.Option("--protocol-file", help="File with one step per line.")
        ] = None,
        out: Out = None,
        json_: Json = False,
        samples: Samples = None,
        seed: Seed = "0",
    ) -> None:
        """Simulate a cell through a protocol; print the failure mode, time and mechanism chain.

        With --samples N: the median and 5-95 % band of each outcome and the failure-mode probabilities over
        N cells drawn from the uncertainties of every input, and the inputs that drive the spread."""
        with cli_errors():
            cell = build_cell(
                cell_file,
                electrolyte,
                anode,
                interlayer,
                thickness,
                pressure,
                temperature,
                area,
                overrides,
                cathode,
                areal_capacity,
                coating,
            )
            if protocol_file is not None:
                try:
                    text = protocol_file.read_text(encoding="utf-8")
                except OSError as exc:
                    raise LisseError(
                        f"--protocol-file {str(protocol_file)!r}: cannot read it ({exc})"
                    ) from None
            else:
                text = protocol or (DEFAULT_PROTOCOL if cell.is_symmetric else FULL_CELL_PROTOCOL)
            draw = sampling(samples, seed)
            if draw is not None:
                ensemble = simulate_samples(cell, text, *draw, options=model_options(options))
                _report_ensemble(ensemble, out, "simulation", json_)
                return
            result = simulate(cell, text, options=model_options(options))
            paths = write_outputs(result, out, "simulation") if out is not None else []
            if json_:
                emit_json({**result.verdict.to_dict(), "outputs": [str(p) for p in paths]})
                return
            console.print(verdict_table({_label(cell): result}))
            for p in paths:
                console.print(f"wrote {p}")

    @app.command()
    def ccd(
        cell_file: CellFile = None,
        electrolyte: Electrolyte = "LLZO",
        anode: Anode = "Li",
        interlayer: Interlayer = None,
        thickness: Thickness = "500 um",
        pressure: Pressure = "5 MPa",
        temperature: Temperature = "25 degC",
        area: Area = "1 cm^2",
        overrides: Overrides = [],  # noqa: B006
        options: Options = [],  # noqa: B006
        ramp: Annotated[str, typer.Option("--ramp", help="The current ramp.")] = CCD_RAMP,
        out: Out = None,
        json_: Json = False,
        samples: Samples = None,
        seed: Seed = "0",
    ) -> None:
        """Critical current density of a symmetric cell from a current ramp: the level at which it fails,
        and why.

        With --samples N: the CCD's median and 5-95 % band over N cells drawn from the uncertainties of every
        input, the failure-mode probabilities, and the inputs that drive the spread."""
        with cli_errors():
            cell = build_cell(
                cell_file, electrolyte, anode, interlayer, thickness, pressure, temperature, area, overrides
            )
            if not cell.is_symmetric:
                raise LisseError(
                    f"ccd: the cell file describes a full cell ({_label(cell)}); a CCD ramp plates and "
                    "strips a symmetric Li cell; run a full cell with `lisse simulate --cell FILE`"
                )
            draw = sampling(samples, seed)
            if draw is not None:
                ensemble = critical_current_density_samples(cell, *draw, ramp, options=model_options(options))
                _report_ensemble(ensemble, out, "ccd", json_)
                return
            value, result = critical_current_density(cell, ramp, options=model_options(options))
            if out is not None:
                write_outputs(result, out, "ccd")
            data = {
                "ccd_mA_cm2": value,
                "failure_mode": result.verdict.failure_mode,
                "mechanism": result.verdict.mechanism,
                "mechanism_chain": result.verdict.mechanism_chain,
                "not_evaluated": result.verdict.coverage.get("inactive", {}),
            }
            if json_:
                emit_json(data)
                return
            if value is None:
                console.print("the cell survived the whole ramp: CCD above its last level")
            else:
                console.print(
                    f"CCD = {value:.3g} mA/cm² ({data['failure_mode']}, set by {data['mechanism']})"
                )
            for line in data["mechanism_chain"]:
                console.print(f"  - {line}")
