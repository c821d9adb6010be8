"""``lisse window``, ``lisse interphase``, ``lisse screen``: interface thermodynamics on the command line."""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from lisse.cli._common import cli_errors, console, emit_json, err_console

__all__ = ["register"]


class EntriesMode(StrEnum):
    replace = "replace"
    extend = "extend"


EntriesOpt = typer.Option(
    None,
    "--entries",
    "-e",
    help="User formation energies: CSV (formula, e_form_eV_per_atom) or JSON of pymatgen entries.",
    dir_okay=False,
)
ModeOpt = typer.Option(
    EntriesMode.replace,
    "--entries-mode",
    help="Use the user entries alone (replace) or add them to the bundled ones (extend; warns).",
)
JsonOpt = typer.Option(False, "--json", help="Machine-readable JSON on stdout.")


@contextlib.contextmanager
def _collect_warnings() -> Iterator[list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        msgs: list[str] = []
        yield msgs
    for w in caught:
        if issubclass(w.category, UserWarning) and str(w.message) not in msgs:
            msgs.append(str(w.message))


def _entries(path: Path | None, mode: EntriesMode):
    from lisse.thermo import resolve_entries

    return resolve_entries(path, mode.value) if path is not None else None


def _fmt(x: float | None, nd: int = 2) -> str:
    return "-" if x is None else f"{x:.{nd}f}"


def _print_warnings(msgs: list[str]) -> None:
    for m in msgs:
        err_console.print(f"[yellow]warning:[/] {escape(m)}", highlight=False, soft_wrap=True)


def window(
    name: str = typer.Argument(..., help="Material name (library) or formula, e.g. LLZO or Li3PS4."),
    json_out: bool = JsonOpt,
    plot: Path = typer.Option(None, "--plot", help="Save the Li uptake profile figure to this file."),
    entries: Path = EntriesOpt,
    entries_mode: EntriesMode = ModeOpt,
) -> None:
    """Electrochemical stability window vs Li/Li+ (grand-potential method, Zhu 2015)."""
    with cli_errors():
        from lisse.thermo import li_uptake_profile, stability_window

        with _collect_warnings() as msgs:
            ents = _entries(entries, entries_mode)
            w = stability_window(name, ents)
            prof = li_uptake_profile(name, ents)
        if plot is not None:
            from lisse.plots.thermo import plot_li_uptake

            plot_li_uptake(prof, path=plot)
        if json_out:
            emit_json({**w.to_dict(), "li_uptake": prof.to_dict()["steps"], "warnings": msgs})
            return
        _print_warnings(msgs)
        t = Table(title=f"Stability window of {w.name + ' = ' if w.name else ''}{w.formula}")
        t.add_column("quantity")
        t.add_column("value")
        t.add_row(escape("reduction limit [V vs Li/Li+]"), _fmt(w.reduction_V))
        t.add_row(
            escape("oxidation limit [V vs Li/Li+]"),
            _fmt(w.oxidation_V) if w.oxidation_V is not None else "none (no Li to extract)",
        )
        t.add_row(escape("energy above hull [meV/atom]"), _fmt(w.e_above_hull_meV_per_atom, 1))
        t.add_row("products below reduction limit", " + ".join(w.products_reduction) or "-")
        t.add_row("products above oxidation limit", " + ".join(w.products_oxidation) or "-")
        t.add_row("chemical system", w.chemical_system)
        t.add_row("data", w.entries)
        console.print(t)
        u = Table(title="Li uptake profile")
        for c in ("V low", "V high", "Li per f.u.", "equilibrium phases"):
            u.add_column(c)
        for s in prof.steps:
            u.add_row(
                _fmt(s.voltage_low_V),
                _fmt(s.voltage_high_V),
                f"{s.li_per_formula_unit:+.3g}",
                " + ".join(f"{n:.3g} {f}" for f, n in s.products),
            )
        console.print(u)
        if plot is not None:
            console.print(f"Li uptake figure written to {plot}")


def interphase(
    name: str = typer.Argument(..., help="Material name (library) or formula of the electrolyte or layer."),
    against: str = typer.Option(
        "Li",
        "--against",
        "-a",
        help="Li (anode at 0 V), or a cathode/coating name or formula (LiCoO2, NMC811, ...).",
    ),
    json_out: bool = JsonOpt,
    entries: Path = EntriesOpt,
    entries_mode: EntriesMode = ModeOpt,
) -> None:
    """Reaction products against Li metal or a cathode, and the interphase kind (stable/passivating/MIEC)."""
    with cli_errors():
        from lisse.thermo import interphase as _interphase

        with _collect_warnings() as msgs:
            ip = _interphase(name, against, _entries(entries, entries_mode))
        if json_out:
            emit_json({**ip.to_dict(), "warnings": msgs})
            return
        _print_warnings(msgs)
        rx = ip.reaction
        t = Table(title=f"{ip.name + ' = ' if ip.name else ''}{ip.formula} against {ip.against}")
        t.add_column("quantity")
        t.add_column("value")
        t.add_row("interphase", f"[bold]{ip.interphase}[/]")
        t.add_row("reaction", rx.equation)
        t.add_row(escape("reaction energy [meV/atom of mixture]"), _fmt(rx.reaction_energy_meV_per_atom, 1))
        t.add_row(
            escape("reaction energy [eV per formula unit]"), _fmt(rx.reaction_energy_eV_per_formula_unit, 3)
        )
        if ip.against == "Li":
            t.add_row("Li consumed per formula unit", _fmt(rx.counterpart_per_formula_unit, 3))
        t.add_row("conducting products", ", ".join(ip.conducting_products) or "none")
        t.add_row("conductor volume fraction", _fmt(ip.conductor_volume_fraction, 3))
        t.add_row("percolation", ip.percolation)
        t.add_row("volume change (products/reactants - 1)", _fmt(rx.volume.fraction, 3))
        t.add_row(
            escape("effective ionic conductivity [S/m]"),
            "-"
            if ip.effective_ionic_conductivity_S_per_m is None
            else f"{ip.effective_ionic_conductivity_S_per_m:.3g}",
        )
        t.add_row(
            escape("effective electronic conductivity [S/m]"),
            "-"
            if ip.effective_electronic_conductivity_S_per_m is None
            else f"{ip.effective_electronic_conductivity_S_per_m:.3g}",
        )
        if ip.missing_properties:
            t.add_row("missing data", "; ".join(ip.missing_properties))
        console.print(t)
        p = Table(title="Products")
        for c in ("formula", "mol per f.u.", "mole fraction", "volume fraction", "electronic character"):
            p.add_column(c)
        for prod, ch in zip(rx.products, ip.characters, strict=True):
            p.add_row(
                prod.formula,
                f"{prod.moles_per_formula_unit:.3g}",
                f"{prod.mole_fraction:.3f}",
                _fmt(prod.volume_fraction, 3),
                ("conductor" if ch.conductor else "insulator") + f" ({ch.basis})",
            )
        console.print(p)
        for n in ip.notes:
            console.print(f"note: {n}", highlight=False, markup=False)


def screen(
    json_out: bool = JsonOpt,
    csv_path: Path = typer.Option(None, "--csv", help="Write the table as CSV to this file."),
    plot: Path = typer.Option(
        None, "--plot", help="Save the windows figure (review Figure 8a style) to this file."
    ),
    cathode: str = typer.Option(None, "--cathode", help="Also react each electrolyte with this cathode."),
    entries: Path = EntriesOpt,
    entries_mode: EntriesMode = ModeOpt,
) -> None:
    """Windows, reaction with Li and interphase kind of every electrolyte in the materials library."""
    with cli_errors():
        from lisse.thermo import screen as _screen
        from lisse.thermo import stability_window

        with _collect_warnings() as msgs:
            ents = _entries(entries, entries_mode)
            table = _screen(entries=ents, cathode=cathode)
            if plot is not None:
                from lisse.plots.thermo import plot_windows

                ok = [r.to_dict()["name"] for r in table.rows if not r.to_dict()["error"]]
                plot_windows([stability_window(n, ents) for n in ok], path=plot)
        if csv_path is not None:
            csv_path.write_text(table.to_csv(), encoding="utf-8")
        if json_out:
            emit_json({**table.to_dict(), "warnings": msgs})
            return
        _print_warnings(msgs)
        t = Table(title=f"Electrolyte screening ({table.entries})")
        cols = [
            "name",
            "formula",
            "red. [V]",
            "ox. [V]",
            "E_hull [meV/at]",
            "products with Li",
            "dE Li [meV/at]",
            "interphase",
        ]
        if cathode:
            cols.append(f"dE {cathode} [meV/at]")
        for c in cols:
            t.add_column(escape(c))
        for r in table.rows:
            d = r.to_dict()
            if d["error"]:
                t.add_row(
                    d["name"], d["formula"] or "-", "[red]error[/]", "", "", escape(d["error"][:80]), "", ""
                )
                continue
            row = [
                d["name"],
                d["formula"],
                _fmt(d["reduction_V"]),
                _fmt(d["oxidation_V"]),
                _fmt(d["e_above_hull_meV_per_atom"], 0),
                " + ".join(d["products_with_li"]),
                _fmt(d["reaction_energy_with_li_meV_per_atom"], 0),
                d["interphase"],
            ]
            if cathode:
                row.append(_fmt(d["reaction_energy_with_cathode_meV_per_atom"], 0))
            t.add_row(*row)
        console.print(t)
        if csv_path is not None:
            console.print(f"CSV written to {csv_path}")
        if plot is not None:
            console.print(f"windows figure written to {plot}")


def register(app: typer.Typer) -> None:
    """Add ``window``, ``interphase`` and ``screen`` to the ``lisse`` app."""
    app.command("window")(window)
    app.command("interphase")(interphase)
    app.command("screen")(screen)
