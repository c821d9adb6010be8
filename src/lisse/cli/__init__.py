"""The ``lisse`` command line: the edge where strings become quantities and results become text.

Start-up is kept short by importing what a command needs when it runs. ``lisse --help`` imports typer
and rich only: the commands whose modules import JAX, diffrax, pint or the materials library at module
level (``demo``, ``simulate``, ``ccd``, ``sensitivity``, ``map``, ``sweep``, ``results``, ``materials``,
``experiments``, ``calibrate``, ``validate``) are listed from the one-line help in :data:`_LAZY` and their
module is imported when one of them is invoked (the test-suite checks that these lines match the commands'
own help). The thermo commands import pymatgen inside their functions.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

import typer
from typer.core import TyperCommand, TyperGroup

from lisse.cli import thermo as _thermo

# commands loaded on first use: name -> (module, one-line help shown by ``lisse --help``). A module
# provides its commands by ``register(app)``, a Typer group ``app`` or a function of the command's name.
_LAZY: dict[str, tuple[str, str]] = {
    "demo": ("lisse.cli.demo", "Run lisse's main job on the built-in defaults."),
    "simulate": (
        "lisse.cli.simulate",
        "Simulate a cell through a protocol; print the failure mode, time and mechanism chain.",
    ),
    "ccd": (
        "lisse.cli.simulate",
        "Critical current density of a symmetric cell from a current ramp: the level at which it fails,\n"
        "and why.",
    ),
    "sensitivity": (
        "lisse.cli.simulate",
        "Which uncertain inputs drive the spread of an outcome: a ranking over sampled cells.",
    ),
    "materials": ("lisse.cli.materials", "The cited materials library: list, show and plot materials."),
    "experiments": (
        "lisse.cli.experiments",
        "Published cell observations for calibration and validation: cell, observable, value, source.",
    ),
    "calibrate": (
        "lisse.cli.calibration",
        "Infer the estimated inputs and closures from the calibration records (a Bayesian posterior).",
    ),
    "validate": (
        "lisse.cli.calibration",
        "Predict every validation record with the calibrated library and score it against the observation.",
    ),
    "map": (
        "lisse.cli.sweep",
        "A failure map: the cell over two swept parameters; failure mode, lifetime and their spread.",
    ),
    "sweep": (
        "lisse.cli.sweep",
        "Run a design-space sweep from a TOML spec into a Parquet + DuckDB store (resumable).",
    ),
    "results": (
        "lisse.cli.sweep",
        "Query the results of a sweep: per-point summary, or SQL over table 'cases'.",
    ),
}
# the order of ``lisse --help``
_ORDER = (
    "demo",
    "window",
    "interphase",
    "screen",
    "simulate",
    "ccd",
    "sensitivity",
    "map",
    "sweep",
    "results",
    "materials",
    "experiments",
    "calibrate",
    "validate",
)


def load_command(name: str) -> TyperCommand | TyperGroup:
    """The click command (or group) of a lazily loaded ``lisse`` command, importing its module."""
    module = importlib.import_module(_LAZY[name][0])
    if isinstance(getattr(module, "app", None), typer.Typer):
        cmd = typer.main.get_command(module.app)
    else:
        holder = typer.Typer()
        if hasattr(module, "register"):
            module.register(holder)
        else:
            holder.command(name)(getattr(module, name))
        holder.command("_")(lambda: None)  # two commands: typer then always returns a group
        cmd = typer.main.get_command(holder).commands[name]  # type: ignore[attr-defined]
    cmd.name = name
    return cmd


class _LazyGroup(TyperGroup):
    """The ``lisse`` group: lists lazy commands by their one-line help and imports them when invoked."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        eager = dict(self.commands)
        lazy = {n: TyperCommand(n, help=h) for n, (_, h) in _LAZY.items()}
        names = [n for n in _ORDER if n in eager or n in lazy] + [n for n in eager if n not in _ORDER]
        self.commands = {n: eager.get(n) or lazy[n] for n in names}

    def resolve_command(self, ctx, args):
        name, cmd, rest = super().resolve_command(ctx, args)
        if name in _LAZY:
            cmd = load_command(name)
        return name, cmd, rest


app = typer.Typer(
    name="lisse",
    cls=_LazyGroup,
    help="lisse: predict, explain and prevent failure of solid-state Li-metal batteries "
    "at the Li | SSE interface.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
_thermo.register(app)


def _import_pint_without_dask() -> None:
    """Import pint with dask hidden from it, in this command-line process only.

    Whenever dask is installed, pint imports ``dask.base`` at start-up (0.2 s of every command) to support
    dask arrays inside Quantities, which lisse never makes. ``importlib.util.find_spec`` reports a module
    whose ``sys.modules`` entry is None as absent, so pint sees no dask; the entry is removed right after,
    and ``lisse map --scheduler`` imports dask.distributed as usual. Done here, not in the library, so that
    a user's own pint keeps its dask support."""
    if "pint" in sys.modules or "dask" in sys.modules:
        return
    sys.modules["dask"] = None  # type: ignore[assignment]
    try:
        import pint  # noqa: F401
    finally:
        del sys.modules["dask"]


def main() -> None:
    """Entry point of the ``lisse`` console script.

    Once the command is done and its output flushed, the process ends with ``os._exit``: the interpreter's
    teardown (JAX's CPU client and thread pools, thousands of modules) takes 0.3-0.5 s and writes nothing
    (every lisse file and cache entry is complete and closed when the command returns). ``LISSE_FAST_EXIT=0``
    gives the ordinary exit (e.g. for coverage tools that write at exit).
    """
    if len(sys.argv) > 1 and not sys.argv[1].startswith("-"):  # a command: every one but --help uses pint
        _import_pint_without_dask()
    try:
        app()
        code: int | str | None = 0
    except SystemExit as exc:
        code = exc.code
    if os.environ.get("LISSE_FAST_EXIT", "1") == "0":
        sys.exit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code or 0)
