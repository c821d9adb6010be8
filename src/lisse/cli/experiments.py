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
    """Published cell observations for calibration and validation: cell, observable, value, source."""
    with cli_errors():
        exps = load_experiments(role=role)
        if json_:
            emit_json([e.to_dict() for e in exps])
            return
        table = Table(title=f"{len(exps)} experiment records")
        for col in ("id", "role", "electrolyte", "observable", "value", "source"):
            table.add_column(col)
        for e in exps:
            table.add_row(e.id, e.role, e.cell_spec.cell_fields()["electrolyte"]["material"],
                          e.observed.kind, _value(e), e.source.key)
        console.print(table)
