"""``lisse simulate`` and ``lisse ccd``: the coupled simulator on the command line."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from lisse._core.errors import LisseError
from lisse.cell import Cell
from lisse.cell.parameters import ModelOptions
from lisse.cell.results import CCD_RAMP, SimulationResult, critical_current_density, simulate
from lisse.cli._common import cli_errors, console, emit_json

__all__ = ["DEFAULT_PROTOCOL", "build_cell", "register", "verdict_table", "write_outputs"]

DEFAULT_PROTOCOL = "(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 20"


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
) -> Cell:
    """A cell from a TOML file or the command-line options; ``overrides``: ``MATERIAL.property=value``."""
    if cell_file is not None:
        cell = Cell.from_toml(cell_file)
    else:
        cell = Cell.symmetric(
            electrolyte,
            thickness=thickness,
            anode=anode,
            interlayer=interlayer,
            pressure=pressure,
            temperature=temperature,
            area=area,
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


def write_outputs(result: SimulationResult, out: Path, stem: str) -> list[Path]:
    """Write the NetCDF result, the figures and the HTML report into ``out``."""
    from lisse.plots.cell import FIGURES, report_html

    out.mkdir(parents=True, exist_ok=True)
    paths = [result.save(out / f"{stem}.nc")]
    for name, fn in FIGURES.items():
        path = out / f"{stem}_{name}.png"
        fn(result).savefig(path, dpi=120, bbox_inches="tight")
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
        (
            "not evaluated (missing data; see --json)",
            lambda v: "\n".join(v.coverage.get("inactive", {})) or "—",
        ),
    ]
    for name, fn in rows:
        table.add_row(name, *(fn(r.verdict) for r in results.values()))
    return table


_CELL_HELP = "Cell TOML file (see Cell.to_toml); overrides the cell options."


def register(app: typer.Typer) -> None:
    """Add ``simulate`` and ``ccd`` to the ``lisse`` command line."""

    @app.command("simulate")
    def simulate_(
        cell_file: Path = typer.Option(None, "--cell", help=_CELL_HELP),
        electrolyte: str = typer.Option("LLZO", "--electrolyte", "-e", help="Electrolyte name."),
        anode: str = typer.Option("Li", "--anode", help="Anode (and counter electrode) material."),
        interlayer: str = typer.Option(
            None, "--interlayer", help="Interlayer between Li and the electrolyte."
        ),
        thickness: str = typer.Option("500 um", "--thickness", help="Electrolyte thickness, e.g. '30 um'."),
        pressure: str = typer.Option("5 MPa", "--pressure", help="Stack pressure, e.g. '5 MPa'."),
        temperature: str = typer.Option("25 degC", "--temperature", help="Temperature, e.g. '25 degC'."),
        area: str = typer.Option("1 cm^2", "--area", help="Electrode area."),
        overrides: list[str] = typer.Option(
            [],
            "--set",
            help="Override a material value: 'Li.exchange_current_density:LLZO=10 A/m^2' (repeatable).",
        ),
        protocol: str = typer.Option(
            None, "--protocol", "-p", help=f"Protocol string; default {DEFAULT_PROTOCOL!r}."
        ),
        protocol_file: Path = typer.Option(None, "--protocol-file", help="File with one step per line."),
        out: Path = typer.Option(
            None, "--out", "-o", help="Folder for the NetCDF result, figures and report."
        ),
        json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    ) -> None:
        """Simulate a cell through a protocol; print the failure mode, time and mechanism chain."""
        with cli_errors():
            cell = build_cell(
                cell_file, electrolyte, anode, interlayer, thickness, pressure, temperature, area, overrides
            )
            if protocol_file is not None:
                text = protocol_file.read_text(encoding="utf-8")
            else:
                text = protocol or DEFAULT_PROTOCOL
            result = simulate(cell, text, options=ModelOptions())
            paths = write_outputs(result, out, "simulation") if out is not None else []
            if json_:
                emit_json({**result.verdict.to_dict(), "outputs": [str(p) for p in paths]})
                return
            console.print(
                verdict_table(
                    {f"{cell.anode.material} | {cell.electrolyte.material} | {cell.counter.material}": result}
                )
            )
            for p in paths:
                console.print(f"wrote {p}")

    @app.command()
    def ccd(
        cell_file: Path = typer.Option(None, "--cell", help=_CELL_HELP),
        electrolyte: str = typer.Option("LLZO", "--electrolyte", "-e", help="Electrolyte name."),
        anode: str = typer.Option("Li", "--anode", help="Anode (and counter electrode) material."),
        interlayer: str = typer.Option(
            None, "--interlayer", help="Interlayer between Li and the electrolyte."
        ),
        thickness: str = typer.Option("500 um", "--thickness", help="Electrolyte thickness."),
        pressure: str = typer.Option("5 MPa", "--pressure", help="Stack pressure."),
        temperature: str = typer.Option("25 degC", "--temperature", help="Temperature."),
        area: str = typer.Option("1 cm^2", "--area", help="Electrode area."),
        overrides: list[str] = typer.Option([], "--set", help="Override a material value (repeatable)."),
        ramp: str = typer.Option(CCD_RAMP, "--ramp", help="The current ramp."),
        out: Path = typer.Option(None, "--out", "-o", help="Folder for the result, figures and report."),
        json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    ) -> None:
        """Critical current density from a current ramp: the level at which the cell fails, and why."""
        with cli_errors():
            cell = build_cell(
                cell_file, electrolyte, anode, interlayer, thickness, pressure, temperature, area, overrides
            )
            value, result = critical_current_density(cell, ramp)
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
