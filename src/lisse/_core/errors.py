"""Exceptions raised by lisse.

Every error lisse raises on bad input is a :class:`LisseError` (a ``ValueError``), whose
message names the field, the value and what is allowed. The CLI turns them into a one-line
message and exit code 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "ExtrapolationWarning",
    "LisseError",
    "MaterialDataError",
    "UnknownNameError",
    "describe_validation_error",
    "did_you_mean",
]


class LisseError(ValueError):
    """Bad input to lisse: the message says what to change."""


class UnknownNameError(LisseError, KeyError):
    """A name (material, property, reference) that lisse does not know."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else ""


class MaterialDataError(LisseError):
    """A material data file that is malformed, incomplete or physically impossible."""


class ExtrapolationWarning(UserWarning):
    """A temperature law was used outside the range it was measured over (its uncertainty grows there).

    ``label`` (``Material.property``) and ``measured`` (the range, as text) say which value and what range,
    so that a run over many temperatures can report each value once (:mod:`lisse.sweep.run`)."""

    def __init__(self, message: str, label: str = "", measured: str = ""):
        super().__init__(message)
        self.label = label
        self.measured = measured


def did_you_mean(name: str, candidates: Iterable[str], n: int = 3) -> str:
    """Return ``" Did you mean 'a', 'b'?"`` for the closest candidates, or ``""``."""
    lowered = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.5)
    if not close:
        return ""
    return " Did you mean " + ", ".join(repr(lowered[c]) for c in close) + "?"


def describe_validation_error(exc) -> str:
    """One line from a pydantic ``ValidationError``: each bad field, its value and what is wrong."""
    parts = []
    for err in exc.errors():
        loc = ".".join(str(p) for p in err["loc"])
        given = err.get("input")
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "missing":
            parts.append(f"{loc} is missing")
        elif err["type"] == "extra_forbidden":
            parts.append(f"{loc} is not an allowed field")
        elif isinstance(given, dict):  # a check of a whole table: its message names the field
            parts.append(f"{loc}: {msg}")
        elif err["type"] == "literal_error":
            parts.append(f"{loc} = {given!r} is not allowed; {msg}")
        else:
            parts.append(f"{loc} = {given!r}: {msg}")
    return "; ".join(parts)
