"""``lisse demo``: the main job on the built-in defaults."""

from __future__ import annotations

import typer
from rich.table import Table

from lisse.cell import Cell
from lisse.cell.overview import CellOverview, cell_overview
from lisse.cli._common import cli_errors, console, emit_json
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
    if not m.has(name):
        return None
    T = 298.15 if m.record(name).arrhenius is not None else None
    return float(m.property(name, T=T).to(unit).magnitude)


DEMO_ELECTROLYTES = ("LLZO", "Li6PS5Cl", "LGPS")


def demo(json_: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Run lisse's main job on the built-in defaults: the electrolyte table and three default cells.

    The cells are Li | SSE | Li symmetric cells (500 um electrolyte, 1 cm2, 5 MPa, 25 degC) with LLZO,
    Li6PS5Cl and LGPS; for each, the starting point of every failure family is evaluated
    (lisse.cell.overview). Values missing from the library are shown as missing, not estimated.
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
        cells = [
            cell_overview(
                Cell.symmetric(name, thickness="500 um", pressure="5 MPa", temperature="25 degC"), lib
            )
            for name in DEMO_ELECTROLYTES
        ]
        if json_:
            emit_json({"electrolytes": rows, "default_cells": [c.to_dict() for c in cells]})
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
        console.print(_overview_table(cells))
        for c in cells:
            if c.missing:
                console.print(f"[dim]{c.stack}: missing from the library: {', '.join(c.missing)}[/]")
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
