"""One pint unit registry for the whole package, and helpers to parse quantities.

Every quantity that enters lisse from a file, the command line or a user call goes
through :func:`parse_quantity` or :func:`to_si`, so units are checked once, at the edge,
and everything inside works with SI floats or arrays.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pint

from lisse._core import cache


def _new_registry(folder: Path | None = None) -> pint.UnitRegistry:
    return pint.UnitRegistry(autoconvert_offset_to_baseunit=True, cache_folder=folder)


def _cached_registry() -> pint.UnitRegistry:
    """pint's registry with its parsed definition files cached on disk (0.4 s -> 0.04 s at start-up).

    pint writes its cache files in place, so lisse lets it write into a private temporary folder and
    then moves the complete files into ``<cache>/pint-<version>/`` and marks the folder ready; a ready
    folder is only read. A folder that fails to load is deleted and the registry is built from scratch.
    """
    folder = cache.cache_folder(f"pint-{pint.__version__}")
    if folder is None:
        return _new_registry()
    ready = folder / "READY"
    if ready.exists():
        try:
            return _new_registry(folder)
        except Exception:  # a corrupt cache: forget it and rebuild
            shutil.rmtree(folder, ignore_errors=True)
            return _new_registry()
    try:
        tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".pint-"))
    except OSError:
        return _new_registry()
    try:
        reg = _new_registry(tmp)
        with contextlib.suppress(OSError):
            for f in tmp.iterdir():
                os.replace(f, folder / f.name)
            cache.write_bytes(folder.name, "READY", b"", "")
        return reg
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


ureg = _cached_registry()
ureg.define("fraction = [] = frac")
ureg.define("percent_ = 0.01 fraction")
Q_ = ureg.Quantity

__all__ = ["MAH_PER_CM2", "Q_", "dimension_of", "parse_quantity", "parse_unit", "to_si", "ureg"]


def parse_unit(unit: str) -> pint.Unit:
    """Parse a unit string such as ``"S/cm"`` or ``"mA cm^-2"``.

    Raises
    ------
    ValueError
        If pint cannot parse the string; the message quotes it.
    """
    return _parse_unit(unit) if isinstance(unit, str) else _parse_unit.__wrapped__(unit)


@functools.lru_cache(maxsize=4096)
def _parse_unit(unit: str) -> pint.Unit:
    # memoised: pint Units are immutable, and the library parses the same few units many times
    try:
        return ureg.parse_units(unit.replace("^", "**"))
    except (
        pint.errors.UndefinedUnitError,
        pint.errors.DefinitionSyntaxError,
        AttributeError,
        TypeError,
        ValueError,
        AssertionError,
    ) as exc:
        raise ValueError(f"unit {unit!r} is not a unit pint understands ({exc})") from None


def parse_quantity(text: str | float | int | pint.Quantity, default_unit: str | None = None) -> pint.Quantity:
    """Parse ``"30 um"``, ``"25 degC"`` or a bare number (with ``default_unit``) into a Quantity.

    Raises
    ------
    ValueError
        If the text is not a number followed by a known unit, or is a bare number and no
        default unit was given.
    """
    if isinstance(text, pint.Quantity):
        return text
    if isinstance(text, bool):
        raise ValueError(f"{text!r} is not a quantity")
    if isinstance(text, int | float):
        if default_unit is None:
            raise ValueError(f"{text!r} has no unit; write it with one, e.g. '{text} um'")
        return Q_(float(text), parse_unit(default_unit))
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"{text!r} is not a quantity; write a number and a unit, e.g. '30 um'")
    q = _parse_text(text.strip())
    if not isinstance(q, pint.Quantity):
        q = Q_(float(q), "")
    if q.dimensionless and default_unit is not None and q.units == ureg.dimensionless:
        return Q_(q.magnitude, parse_unit(default_unit))
    return q


@functools.lru_cache(maxsize=4096)
def _parse_quantity_text(text: str) -> pint.Quantity:
    try:
        return ureg.Quantity(text.replace("^", "**"))
    except Exception as exc:  # pint raises many different types here
        raise ValueError(f"{text!r} is not a quantity pint understands ({exc})") from None


def _parse_text(text: str) -> Any:
    """pint's reading of ``text`` (memoised: the library repeats "25 degC" hundreds of times); a
    Quantity is returned as a new object, so a caller that changes it in place changes no other."""
    q = _parse_quantity_text(text)
    return Q_(q.magnitude, q.units) if isinstance(q, pint.Quantity) else q


def dimension_of(unit: str) -> str:
    """The dimensionality of a unit string, as pint writes it (e.g. ``[current] / [length] ** 2``)."""
    return str(parse_unit(unit).dimensionality)


def to_si(value: Any, unit: str | None = None, expected: str | None = None, name: str = "value") -> float:
    """Convert a quantity (string, Quantity, or number with ``unit``) to a float in SI base units.

    Parameters
    ----------
    value : str, float or pint.Quantity
        The quantity.
    unit : str, optional
        The unit of ``value`` when it is a bare number.
    expected : str, optional
        A unit whose dimension ``value`` must have (e.g. ``"m"`` for a thickness).
    name : str
        The field name used in error messages.

    Raises
    ------
    ValueError
        Naming ``name``, the value and the expected dimension when they disagree.
    """
    try:
        q = parse_quantity(value, default_unit=unit)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
    if expected is not None:
        exp = parse_unit(expected)
        if q.dimensionality != exp.dimensionality:
            raise ValueError(
                f"{name}: {value!r} has dimension {q.dimensionality}, expected a quantity in "
                f"{expected!r} ({exp.dimensionality})"
            )
    return float(q.to_base_units().magnitude)


MAH_PER_CM2 = to_si("1 mA*h/cm^2", "C/m^2")
"""1 mA h/cm^2 in C/m^2 (36000): the battery unit of areal capacity."""
