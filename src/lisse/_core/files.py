"""Reading lisse's TOML files (cells, sweep specs, calibrated layers) with one-line errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

from lisse._core.errors import LisseError

__all__ = ["read_toml"]


def read_toml(path: str | Path, what: str) -> dict:
    """The table in the TOML file ``path``; ``what`` names the file in errors (``"cell file"``).

    Raises
    ------
    LisseError
        If the file does not exist or is not valid TOML (naming it).
    """
    path = Path(path)
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, IsADirectoryError):
        raise LisseError(f"{what} {str(path)!r} does not exist") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise LisseError(f"{path}: not valid TOML ({exc})") from None
