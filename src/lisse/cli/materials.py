"""``lisse materials ...``: list, show and plot the cited materials library."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from lisse._core.units import Q_, parse_unit
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
    """Every stored record of ``m`` as a plain dict: value, unit, temperature, source, evidence, uncertainty
    (95 % interval in the record's unit), and whether it is the one used (``used``) among its candidates."""
    rows = []
    for pname, recs in sorted(m.candidates.items()):
        used = m.properties[pname]
        for rec in recs:
            ref = lib.references.get(rec.source)
            row = {
                "property": pname,
                "value": rec.value,
                "unit": rec.unit,
                "temperature": rec.temperature,
                "source": rec.source,
                "citation": ref.short if ref else "user-supplied value",
                "doi": ref.doi if ref else None,
                "evidence": rec.evidence,
                "uncertainty": _uncertainty(pname, rec),
                "used": rec is used,
            }
            for key in ("entry", "original", "note"):
                if getattr(rec, key):
                    row[key] = getattr(rec, key)
            if rec.law is not None:
                row["arrhenius" if rec.arrhenius is not None else "vtf"] = rec.law.model_dump(
                    exclude_none=True
                )
            rows.append(row)
    return rows


def _uncertainty(pname: str, rec) -> dict:
    """The record's distribution (its own or its class default) in the record's unit."""
    d = rec.distribution(pname)
    unit = parse_unit(rec.unit) if rec.unit else parse_unit("dimensionless")
    per_si = float(Q_(1, unit).to_base_units().magnitude)
    lo, hi = d.interval95
    return {
        "distribution": d.kind,
        "given": rec.uncertainty is not None,
        "text": d.describe(rec.unit, per_si),
        "interval95": [lo / per_si, hi / per_si],
    }


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
        "estimated": [v.to_dict() for v in estimated_inputs(m, lib)],
        "origin": m.origin,
    }


def estimated_inputs(m: Material, lib: Library) -> list:
    """The simulator inputs of ``m`` that no record gives, as lisse estimates them at 25 degC."""
    import warnings

    from lisse._core.errors import ExtrapolationWarning, MaterialDataError
    from lisse.materials.coverage import input_source, inputs_of
    from lisse.materials.resolve import Resolver

    resolver = Resolver(lib, 298.15)
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        for name in (
            inputs_of(m) if m.category in ("electrolyte", "anode", "interphase", "interlayer") else ()
        ):
            owner, prop = input_source(lib, m, name)
            if prop in owner.properties:
                continue
            try:
                out.append(resolver(owner, prop))
            except MaterialDataError:
                continue
    return out


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
        table.add_column("property", overflow="fold")
        table.add_column("value", overflow="fold", ratio=2)
        table.add_column("evidence, uncertainty (95 %)", overflow="fold", ratio=2)
        table.add_column("source", overflow="fold", ratio=2)
        for row in property_rows(m, lib):
            value = f"{row['value']:.4g} {row['unit']}".strip() + f" at {row['temperature']}"
            arr = row.get("arrhenius")
            if arr:
                value += (
                    f"; Arrhenius Ea {arr['activation_energy']}, {arr['valid_from']} to {arr['valid_to']}"
                )
            if row.get("vtf"):
                v = row["vtf"]
                value += f"; VTF B {v['pseudo_activation']}, T0 {v['ideal_glass_temperature']}"
            src = row["citation"] + (f" doi:{row['doi']}" if row["doi"] else "")
            if row.get("entry"):
                src += f", entry {row['entry']}"
            if row.get("original"):
                src += f"; original: {row['original']}"
            u = row["uncertainty"]
            lo, hi = u["interval95"]
            spread = f"{lo:.3g}–{hi:.3g} ({u['text']}{'' if u['given'] else ', class default'})"
            label = row["property"] + ("" if row["used"] else "\n(candidate, not used)")
            table.add_row(label, value, f"{row['evidence']}: {spread}", src)
        console.print(table)
        estimates = estimated_inputs(m, lib)
        if estimates:
            est = Table(title="Simulator inputs no record gives: lisse's estimates at 25 degC", expand=True)
            for col in ("input", "value", "uncertainty (95 %)", "basis"):
                est.add_column(col, overflow="fold")
            for v in estimates:
                lo, hi = v.distribution.interval95
                est.add_row(v.label, f"{v.value:.4g} {v.unit}", f"{lo:.3g}–{hi:.3g}", v.basis)
            console.print(est)


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


@app.command()
def coverage(
    json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    csv: Path = typer.Option(None, "--csv", help="Also write the matrix as CSV."),
    plot: Path = typer.Option(None, "--plot", help="Also draw the matrix (.png, .pdf, .svg)."),
    category: str = typer.Option(
        None, "--category", "-c", help=f"Only this category: {', '.join(CATEGORIES)}."
    ),
    library: Path = LibraryOpt,
) -> None:
    """Which simulator inputs rest on what evidence: M measured, C computed, D dataset, Q quoted,
    E estimated (rule or family prior), K calibrated, U user; blank: no value."""
    with cli_errors():
        from lisse.materials.coverage import coverage_matrix

        if category is not None and category not in CATEGORIES:
            raise ValueError(f"--category {category!r}: allowed: {', '.join(CATEGORIES)}")
        cm = coverage_matrix(_library(library), (category,) if category else None)
        if csv is not None:
            csv.parent.mkdir(parents=True, exist_ok=True)
            lines = [",".join(["material", *cm.inputs])] + [",".join([m, *cm.row(m)]) for m in cm.materials]
            csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if plot is not None:
            from lisse.plots.materials import plot_coverage

            plot.parent.mkdir(parents=True, exist_ok=True)
            plot_coverage(cm).savefig(plot, dpi=150, bbox_inches="tight")
        if json_:
            emit_json(cm.to_dict())
            return
        table = Table(
            title="Evidence behind each simulator input (M C D Q E K U; blank: none; -: not an input)"
        )
        table.add_column("material", no_wrap=True)
        for i in cm.inputs:
            table.add_column(i.replace("_", " "), justify="center", overflow="fold")
        table.add_column("summary", overflow="fold")
        for m in cm.materials:
            summary = " ".join(f"{k}{v}" for k, v in sorted(cm.summary(m).items()))
            table.add_row(m, *cm.row(m), summary)
        console.print(table)
        total = cm.summary()
        n = sum(total.values())
        console.print(
            f"{n} inputs: " + ", ".join(f"{k} {v} ({v / n:.0%})" for k, v in sorted(total.items())),
            highlight=False,
        )
