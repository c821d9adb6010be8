"""The cited materials library.

Examples
--------
>>> import lisse.materials as mat
>>> llzo = mat.get("garnet")
>>> llzo.name
'LLZO'
>>> sigma = llzo.property("ionic_conductivity", T="60 degC")   # pint Quantity
"""

from __future__ import annotations

from pathlib import Path

from lisse.materials._library import Library, bundled_library, default_library
from lisse.materials._properties import PROPERTIES, PropertySpec
from lisse.materials._schema import CATEGORIES, FAMILIES, Arrhenius, Material, PropertyRecord

__all__ = [
    "CATEGORIES",
    "FAMILIES",
    "PROPERTIES",
    "Arrhenius",
    "Library",
    "Material",
    "PropertyRecord",
    "PropertySpec",
    "bundled_library",
    "default_library",
    "get",
    "load",
    "names",
    "select",
]


def get(name: str, library: Library | None = None) -> Material:
    """The material called ``name`` or having it as an alias (``"LLZO"``, ``"garnet"``, ...)."""
    return (library or default_library()).get(name)


def names(
    category: str | None = None, family: str | None = None, library: Library | None = None
) -> list[str]:
    """Names of the materials of a category (electrolyte, anode, ...) and/or family (oxide, sulfide, ...)."""
    return (library or default_library()).names(category, family)


def select(
    category: str | None = None, family: str | None = None, library: Library | None = None
) -> list[Material]:
    """The materials of a category and/or family."""
    return (library or default_library()).select(category, family)


def load(path: str | Path, library: Library | None = None) -> Library:
    """The bundled library (or ``library``) extended with a user's material file or folder."""
    return (library or default_library()).load(path)
