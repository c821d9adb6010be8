"""Helpers shared by the CLI commands: output, JSON and turning bad input into exit code 2."""

from __future__ import annotations

import contextlib
import json
import math
import sys
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from lisse._core.errors import LisseError

__all__ = ["Json", "cli_errors", "console", "emit_json", "err_console"]

console = Console()
#: The ``--json`` flag every command takes.
Json = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
err_console = Console(stderr=True)


def _plain(obj: Any) -> Any:
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if hasattr(obj, "to_dict"):
        return _plain(obj.to_dict())
    if isinstance(obj, dict):
        return {str(k): _plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [_plain(v) for v in obj]
    if hasattr(obj, "item") and callable(obj.item):  # numpy / jax scalars
        return _plain(obj.item())
    return obj


def emit_json(obj: Any) -> None:
    """Print ``obj`` as JSON on stdout (NaN and infinities become null)."""
    sys.stdout.write(json.dumps(_plain(obj), indent=2) + "\n")


@contextlib.contextmanager
def cli_errors() -> Iterator[None]:
    """Turn bad input (:class:`LisseError`, ``ValueError``, ``KeyError``, a missing file) into a
    one-line message on stderr and exit code 2: never a traceback."""
    try:
        yield
    except (LisseError, ValueError, KeyError, FileNotFoundError, IsADirectoryError) as exc:
        msg = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        err_console.print(Text.assemble(("error: ", "bold red"), msg), highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None
