"""``lisse experiments``: the published cell observations that calibration and validation use."""

from __future__ import annotations

import typer
from rich.table import Table

from lisse.cli._common import cli_errors, console, emit_json
from lisse.experiments import ROLES, load_experiments


def _value(exp) -> str:
    obs = exp.observed
    sign = {"lower": "> ", "upper": "< "}.get(obs.bound, "")
    values = ", ".join(f"{v:g}" for v in obs.values)
    at = f" at {', '.join(obs.times)}" if obs.times else ""
    return f"{sign}{values} {obs.unit}{at}"


def experiments(
    role: str = typer.Option(None, "--role", "-r", help=f"Only this role: {', '.join(ROLES)}."),
    json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
) -> None:
    """Published cell observations for calibration and validation: cell, observable, value, source.

    ``--json`` gives every field of each record (cell, protocol, source with DOI and quote) and its SI value.
    """
    with cli_errors():
        exps = load_experiments(role=role)
        if json_:
            emit_json([e.to_dict() for e in exps])
            return
        table = Table(title=f"{len(exps)} experiment records (the id starts with the source's key)")
        table.add_column("id", no_wrap=True)
        for col in ("role", "electrolyte", "observable", "value"):
            table.add_column(col, overflow="fold")
        for e in exps:
            table.add_row(
                e.id, e.role, e.cell_spec.cell_fields()["electrolyte"]["material"], e.observed.kind, _value(e)
            )
        console.print(table)
