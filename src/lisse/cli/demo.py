"""``lisse demo``: the main job on the built-in defaults."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table
from rich.text import Text

from lisse._core.errors import LisseError
from lisse.cell import Cell
from lisse.cell.overview import CellOverview, cell_overview
from lisse.cell.simulate import simulate
from lisse.cli._common import cli_errors, console, emit_json
from lisse.cli.simulate import DEFAULT_PROTOCOL, verdict_table, write_outputs
from lisse.materials import default_library

_COLUMNS = [
    ("ionic_conductivity", "S/cm", "σ_ion(25 °C) [S/cm]", "{:.2e}"),
    ("electronic_conductivity", "S/cm", "σ_e [S/cm]", "{:.1e}"),
    ("youngs_modulus", "GPa", "E [GPa]", "{:.3g}"),
    ("shear_modulus", "GPa", "G [GPa]", "{:.3g}"),
    ("fracture_toughness", "MPa*m^0.5", "K_Ic [MPa m^½]", "{:.2g}"),
    ("density", "g/cm^3", "ρ [g/cm³]", "{:.3g}"),
]


def _value(m, name: str, unit: str) -> float | None:
    """The value at 25 degC where a law covers it, else the stored value (at its own temperature); None if
    missing or if 25 degC lies outside the stored law's validity range."""
    if not m.has(name):
        return None
    rec = m.record(name)
    if rec.arrhenius is not None:
        lo, hi = rec.arrhenius.range_K
        if not lo <= 298.15 <= hi:
            return None
        return float(m.property(name, T=298.15).to(unit).magnitude)
    return float(rec.quantity.to(unit).magnitude)


DEMO_ELECTROLYTES = ("LLZO", "Li6PS5Cl", "LGPS")


def demo(
    json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    out: Path = typer.Option(
        Path("lisse-demo"), "--out", "-o", help="Folder for figures, results and reports."
    ),
    protocol: str = typer.Option(DEFAULT_PROTOCOL, "--protocol", "-p", help="Protocol for the three cells."),
) -> None:
    """Run lisse's main job on the built-in defaults.

    Prints the electrolyte table; evaluates, for Li | SSE | Li symmetric cells (500 um electrolyte, 1 cm2,
    5 MPa, 25 degC) with LLZO, Li6PS5Cl and LGPS, the starting point of every failure family
    (lisse.cell.overview); simulates each cell through the protocol with the coupled model and prints the
    verdicts side by side; writes plots, NetCDF results and an HTML report per cell into ``--out``. A cell
    input that no record gives is estimated by a documented rule or family prior, and each verdict says how
    many of its inputs rest on estimates.
    """
    with cli_errors():
        lib = default_library()
        electrolytes = lib.select(category="electrolyte")
        rows = [
            {
                "name": m.name,
                "formula": m.formula,
                "family": m.family,
                **{
                    f"{name}_{unit.replace('*', ' ')}": _value(m, name, unit) for name, unit, _, _ in _COLUMNS
                },
            }
            for m in electrolytes
        ]
        cells = {
            name: Cell.symmetric(name, thickness="500 um", pressure="5 MPa", temperature="25 degC")
            for name in DEMO_ELECTROLYTES
        }
        overviews = [cell_overview(cell, lib) for cell in cells.values()]
        results, not_simulated, outputs = {}, {}, []
        for name, cell in cells.items():
            label = f"Li | {name} | Li"
            try:
                results[label] = simulate(cell, protocol, lib)
            except LisseError as exc:
                not_simulated[label] = str(exc)
                continue
            outputs += [str(p) for p in write_outputs(results[label], out, name.lower())]
        if json_:
            emit_json(
                {
                    "electrolytes": rows,
                    "default_cells": [c.to_dict() for c in overviews],
                    "protocol": protocol,
                    "simulations": {k: r.verdict.to_dict() for k, r in results.items()},
                    "not_simulated": not_simulated,
                    "outputs": outputs,
                }
            )
            return
        table = Table(title=f"Solid electrolytes in the lisse library ({len(rows)})")
        table.add_column("name")
        table.add_column("family")
        for _, _, header, _ in _COLUMNS:
            table.add_column(header, justify="right")
        for m, row in zip(electrolytes, rows, strict=True):
            cells_text = []
            for name, unit, _, fmt in _COLUMNS:
                v = row[f"{name}_{unit.replace('*', ' ')}"]
                cells_text.append("—" if v is None else fmt.format(v))
            table.add_row(m.name, m.family, *cells_text)
        console.print(table)
        console.print(_overview_table(overviews))
        for c in overviews:
            if c.missing:
                console.print(f"[dim]{c.stack}: not evaluated: {', '.join(c.missing)}[/]")
        console.print(f"Protocol: {protocol}")
        if results:
            console.print(verdict_table(results))
        for label, r in results.items():
            inputs = r.verdict.coverage.get("inputs", {})
            n_est = len(r.verdict.coverage.get("estimated", []))
            console.print(
                f"{label}: {n_est} of {len(inputs)} material inputs rest on estimates "
                "(rules or family priors, listed above with their uncertainty)"
            )
        for label, why in not_simulated.items():
            console.print(Text.assemble((f"{label} not simulated: ", "yellow"), why), highlight=False)
        if outputs:
            console.print(f"Figures, results and reports written to {out}/")
        console.print("Sources: `lisse materials show NAME` lists the reference of every value.")


def _fmt(value: float | None, spec: str) -> str:
    return "missing" if value is None else format(value, spec)


def _overview_table(cells: list[CellOverview]) -> Table:
    first = cells[0]
    table = Table(
        title=f"Default cells: {first.electrolyte_thickness_m * 1e6:g} um electrolyte, "
        f"{first.pressure_Pa / 1e6:g} MPa, {first.temperature_K - 273.15:g} degC"
    )
    table.add_column("quantity")
    for c in cells:
        table.add_column(c.stack, justify="right")
    d = [c.to_dict() for c in cells]
    table.add_row("σ_ion [S/cm]", *(_fmt(x["ionic_conductivity_S_per_cm"], ".3g") for x in d))
    table.add_row("electrolyte ASR [Ω cm²]", *(_fmt(x["electrolyte_asr_ohm_cm2"], ".3g") for x in d))
    table.add_row("interphase with Li", *((x["interphase_with_li"] or "missing") for x in d))
    table.add_row("interphase products", *(", ".join(x["interphase_products"] or []) or "—" for x in d))
    table.add_row("Monroe–Newman margin G/G_Li − 2", *(_fmt(x["monroe_newman_margin"], ".3g") for x in d))
    for key in ("1um", "10um"):
        table.add_row(
            f"Porz critical overpotential, {key} flaw [mV]",
            *(_fmt((x["critical_overpotential_mV"] or {}).get(key), ".3g") for x in d),
        )
    return table
