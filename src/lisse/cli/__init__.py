"""The ``lisse`` command line: the edge where strings become quantities and results become text."""

from __future__ import annotations

import importlib

import typer

from lisse.cli import materials as _materials
from lisse.cli.demo import demo

app = typer.Typer(
    name="lisse",
    help="lisse: predict, explain and prevent failure of solid-state Li-metal batteries "
    "at the Li | SSE interface.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(_materials.app, name="materials")
app.command()(demo)

# command groups that register themselves when their layer is present
for _module in ("lisse.cli.thermo", "lisse.cli.mechanisms", "lisse.cli.simulate"):
    try:
        importlib.import_module(_module).register(app)
    except ModuleNotFoundError as _exc:
        if _exc.name != _module:
            raise


def main() -> None:
    """Entry point of the ``lisse`` console script."""
    app()
