"""The ``lisse`` command line: the edge where strings become quantities and results become text."""

from __future__ import annotations

import typer

from lisse.cli import materials as _materials
from lisse.cli import simulate as _simulate
from lisse.cli import thermo as _thermo
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

for _group in (_thermo, _simulate):
    _group.register(app)


def main() -> None:
    """Entry point of the ``lisse`` console script."""
    app()
