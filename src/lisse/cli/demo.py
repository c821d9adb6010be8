"""``lisse demo``: the main job on the built-in defaults."""

from __future__ import annotations

import typer
from rich.table import Table

from lisse.cell import Cell
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


def demo(json_: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """Run lisse's main job on the built-in defaults: the electrolyte table and the default cell."""
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
        cell = Cell.symmetric("LLZO", thickness="500 um", pressure="5 MPa", temperature="25 degC")
        mats = cell.materials(lib)
        cell_info = {
            "stack": f"{cell.anode.material} | {cell.electrolyte.material} | {cell.counter.material}",
            "electrolyte_thickness_um": cell.electrolyte.thickness * 1e6,
            "area_cm2": cell.area * 1e4,
            "stack_pressure_MPa": cell.pressure / 1e6,
            "temperature_C": cell.temperature - 273.15,
            "electrolyte_ionic_conductivity_S_per_cm": mats["electrolyte"].si(
                "ionic_conductivity", T=cell.temperature
            )
            / 100,
            "electrolyte_asr_ohm_cm2": cell.electrolyte_asr(lib) * 1e4,
        }
        if json_:
            emit_json({"electrolytes": rows, "default_cell": cell_info})
            return
        table = Table(title=f"Solid electrolytes in the lisse library ({len(rows)})")
        table.add_column("name")
        table.add_column("family")
        for _, _, header, _ in _COLUMNS:
            table.add_column(header, justify="right")
        for m, row in zip(electrolytes, rows, strict=True):
            cells = []
            for name, unit, _, fmt in _COLUMNS:
                v = row[f"{name}_{unit.replace('*', ' ')}"]
                cells.append("—" if v is None else fmt.format(v))
            table.add_row(m.name, m.family, *cells)
        console.print(table)
        info = Table(title="Default cell", show_header=False)
        for k, v in cell_info.items():
            info.add_row(k, f"{v:.4g}" if isinstance(v, float) else str(v))
        console.print(info)
        console.print("Sources: `lisse materials show NAME` lists the reference of every value.")
