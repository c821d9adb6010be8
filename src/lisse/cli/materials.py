"""``lisse materials ...``: list, show and plot the cited materials library."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from lisse._core.units import parse_unit
from lisse.cli._common import cli_errors, console, emit_json
from lisse.materials import CATEGORIES, FAMILIES, PROPERTIES, Library, Material, default_library
from lisse.materials._properties import split_name

app = typer.Typer(help="The cited materials library: list, show and plot materials.", no_args_is_help=True)

LibraryOpt = typer.Option(
    None, "--library", "-L", help="Extra material file or folder (TOML + .bib) to load."
)


def _library(path: Path | None) -> Library:
    return default_library().load(path) if path is not None else default_library()


def _display_unit(name: str) -> str:
    return PROPERTIES[split_name(name)[0]].unit


def property_rows(m: Material, lib: Library) -> list[dict]:
    """Every stored property of ``m`` as a plain dict: value, unit, temperature, source."""
    rows = []
    for pname, rec in sorted(m.properties.items()):
        ref = lib.references.get(rec.source)
        row = {
            "property": pname,
            "value": rec.value,
            "unit": rec.unit,
            "temperature": rec.temperature,
            "source": rec.source,
            "citation": ref.short if ref else "user-supplied value",
            "doi": ref.doi if ref else None,
        }
        if rec.range is not None:
            row["range"] = list(rec.range)
        if rec.uncertainty is not None:
            row["uncertainty"] = rec.uncertainty
        if rec.arrhenius is not None:
            row["arrhenius"] = rec.arrhenius.model_dump(exclude_none=True)
        if rec.note:
            row["note"] = rec.note
        rows.append(row)
    return rows


def material_dict(m: Material, lib: Library) -> dict:
    """A JSON-ready description of a material."""
    return {
        "name": m.name,
        "formula": m.formula,
        "aliases": list(m.aliases),
        "category": m.category,
        "family": m.family,
        "description": m.description,
        "stand_in_formula": m.stand_in_formula,
        "stand_in_note": m.stand_in_note,
        "properties": property_rows(m, lib),
        "origin": m.origin,
    }


@app.command("list")
def list_(
    family: str = typer.Option(None, "--family", "-f", help=f"Only this family: {', '.join(FAMILIES)}."),
    category: str = typer.Option(
        None, "--category", "-c", help=f"Only this category: {', '.join(CATEGORIES)}."
    ),
    json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    library: Path = LibraryOpt,
) -> None:
    """List the materials, optionally of one family or category."""
    with cli_errors():
        lib = _library(library)
        mats = lib.select(category=category, family=family)
        if json_:
            emit_json(
                [
                    {
                        "name": m.name,
                        "formula": m.formula,
                        "category": m.category,
                        "family": m.family,
                        "aliases": list(m.aliases),
                        "n_properties": len(m.properties),
                    }
                    for m in mats
                ]
            )
            return
        table = Table(title=f"lisse materials ({len(mats)})")
        for col in ("name", "formula", "category", "family", "aliases", "properties"):
            table.add_column(col)
        for m in mats:
            table.add_row(
                m.name, m.formula, m.category, m.family, ", ".join(m.aliases), str(len(m.properties))
            )
        console.print(table)


@app.command()
def show(
    name: str = typer.Argument(..., help="Material name or alias, e.g. LLZO, garnet, Li7La3Zr2O12."),
    json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    library: Path = LibraryOpt,
) -> None:
    """Every property of a material with its value, unit, temperature and source."""
    with cli_errors():
        lib = _library(library)
        m = lib.get(name)
        if json_:
            emit_json(material_dict(m, lib))
            return
        console.print(f"[bold]{m.name}[/] — {m.formula} ({m.family} {m.category})")
        console.print(m.description, highlight=False)
        if m.aliases:
            console.print(f"aliases: {', '.join(m.aliases)}", highlight=False)
        if m.stand_in_formula:
            console.print(
                f"stand-in formula for phase stability: {m.stand_in_formula}"
                + (f" ({m.stand_in_note})" if m.stand_in_note else ""),
                highlight=False,
            )
        table = Table(show_lines=True, expand=True)
        table.add_column("property", no_wrap=True)
        table.add_column("value", overflow="fold", ratio=1)
        table.add_column("source", overflow="fold", ratio=1)
        for row in property_rows(m, lib):
            value = f"{row['value']:.4g} {row['unit']}".strip()
            if "range" in row:
                value += f" (range {row['range'][0]:.3g}–{row['range'][1]:.3g})"
            value += f" at {row['temperature']}"
            arr = row.get("arrhenius")
            if arr:
                value += (
                    f"; Arrhenius Ea {arr['activation_energy']}, {arr['valid_from']} to {arr['valid_to']}"
                )
            src = row["citation"] + (f" doi:{row['doi']}" if row["doi"] else "")
            table.add_row(row["property"], value, src)
        console.print(table)


@app.command()
def properties(json_: bool = typer.Option(False, "--json", help="Machine-readable output.")) -> None:
    """The property names lisse knows, their units and allowed values."""
    rows = [
        {
            "property": k + (":OTHER" if v.qualified else ""),
            "unit": v.unit or "-",
            "description": v.description,
            "temperature_dependent": v.temperature_dependent,
        }
        for k, v in PROPERTIES.items()
    ]
    if json_:
        emit_json(rows)
        return
    table = Table(title="material properties")
    for col in ("property", "unit", "description"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(r["property"], r["unit"], r["description"])
    console.print(table)


@app.command()
def plot(
    property_name: str = typer.Argument(
        ..., metavar="PROPERTY", help="A temperature-dependent property, e.g. ionic_conductivity."
    ),
    out: Path = typer.Option(..., "--out", "-o", help="Output image file (.png, .pdf, .svg)."),
    category: str = typer.Option("electrolyte", "--category", "-c", help="Which materials to plot."),
    library: Path = LibraryOpt,
) -> None:
    """Plot a property against temperature over each material's validity range (review Figure 1)."""
    with cli_errors():
        from lisse.plots.materials import plot_property_vs_temperature

        spec = PROPERTIES.get(property_name)
        if spec is None or not spec.temperature_dependent:
            allowed = ", ".join(k for k, v in PROPERTIES.items() if v.temperature_dependent)
            raise ValueError(
                f"property {property_name!r} cannot be plotted against temperature; allowed: {allowed}"
            )
        parse_unit(spec.unit)
        lib = _library(library)
        fig = plot_property_vs_temperature(lib.select(category=category), property_name)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=150, bbox_inches="tight")
        console.print(f"wrote {out}")
