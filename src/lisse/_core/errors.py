"""Exceptions raised by lisse.

Every error lisse raises on bad input is a :class:`LisseError` (a ``ValueError``), whose
message names the field, the value and what is allowed. The CLI turns them into a one-line
message and exit code 2.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["LisseError", "UnknownNameError", "MaterialDataError", "did_you_mean"]


class LisseError(ValueError):
    """Bad input to lisse: the message says what to change."""


class UnknownNameError(LisseError, KeyError):
    """A name (material, property, reference) that lisse does not know."""

    def __str__(self) -> str:  # KeyError would add quotes around the message
        return str(self.args[0]) if self.args else ""


class MaterialDataError(LisseError):
    """A material data file that is malformed, incomplete or physically impossible."""


def did_you_mean(name: str, candidates: Iterable[str], n: int = 3) -> str:
    """Return ``" Did you mean 'a', 'b'?"`` for the closest candidates, or ``""``."""
    lowered = {c.lower(): c for c in candidates}
    close = difflib.get_close_matches(name.lower(), list(lowered), n=n, cutoff=0.5)
    if not close:
        return ""
    return " Did you mean " + ", ".join(repr(lowered[c]) for c in close) + "?"
