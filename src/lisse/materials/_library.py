"""A :class:`Library` of materials: the bundled data files, optionally extended by the user's.

A library is an immutable value: loading user files returns a new library, overriding a
property returns a new material. There is no global mutable state; the bundled library is
parsed once and cached.
"""

from __future__ import annotations

import functools
import pickle
import tomllib
import warnings
from collections.abc import Iterable, Iterator, Mapping
from importlib import metadata, resources
from pathlib import Path

from lisse._core import cache
from lisse._core.citations import Reference, bibliography, merge_bibliographies, read_bib_file
from lisse._core.errors import MaterialDataError, UnknownNameError, did_you_mean
from lisse.materials._schema import CATEGORIES, FAMILIES, Material, build_material

__all__ = ["Library", "bundled_library", "default_library"]


def _key(name: str) -> str:
    return name.strip().lower().replace(" ", "").replace("_", "-")


class Library(Mapping[str, Material]):
    """An immutable collection of materials, looked up by name or alias (case-insensitive)."""

    def __init__(self, materials: Iterable[Material], references: Mapping[str, Reference] | None = None):
        self._materials: dict[str, Material] = {}
        self._index: dict[str, str] = {}
        self.references: dict[str, Reference] = dict(references or bibliography())
        for m in materials:
            self._add(m)

    def _add(self, m: Material) -> None:
        for label in (m.name, *m.aliases):
            owner = self._index.get(_key(label))
            if owner is not None and owner != m.name:
                raise MaterialDataError(
                    f"{m.origin} ({m.name}): name or alias {label!r} is already used by {owner!r} "
                    f"({self._materials[owner].origin})"
                )
        for label in (m.name, *m.aliases):
            self._index[_key(label)] = m.name
        self._materials[m.name] = m

    # Mapping protocol -------------------------------------------------------------------
    def __getitem__(self, name: str) -> Material:
        return self.get(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._materials)

    def __len__(self) -> int:
        return len(self._materials)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _key(name) in self._index

    # look-ups ---------------------------------------------------------------------------
    def get(self, name: str) -> Material:  # type: ignore[override]
        """The material called ``name`` (or with that alias).

        Raises
        ------
        UnknownNameError
            With the closest known names as suggestions.
        """
        if not isinstance(name, str):
            raise UnknownNameError(f"material name must be a string, got {name!r}")
        try:
            return self._materials[self._index[_key(name)]]
        except KeyError:
            labels = [lab for m in self._materials.values() for lab in (m.name, *m.aliases)]
            raise UnknownNameError(
                f"unknown material {name!r}.{did_you_mean(name, labels)} "
                "List them with `lisse materials list`."
            ) from None

    def select(self, category: str | None = None, family: str | None = None) -> list[Material]:
        """Materials of a category and/or family, sorted by category then name."""
        if category is not None and category not in CATEGORIES:
            raise UnknownNameError(f"unknown category {category!r}; allowed: {', '.join(CATEGORIES)}")
        if family is not None and family not in FAMILIES:
            raise UnknownNameError(f"unknown family {family!r}; allowed: {', '.join(FAMILIES)}")
        out = [
            m
            for m in self._materials.values()
            if (category is None or m.category == category) and (family is None or m.family == family)
        ]
        return sorted(out, key=lambda m: (CATEGORIES.index(m.category), m.name.lower()))

    def names(self, category: str | None = None, family: str | None = None) -> list[str]:
        """Names of the materials :meth:`select` returns."""
        return [m.name for m in self.select(category, family)]

    def references_of(self, material: str | Material) -> list[Reference]:
        """The references cited by a material's properties, resolved in this library's bibliography."""
        m = material if isinstance(material, Material) else self.get(material)
        return [self.references[k] for k in m.reference_keys() if k in self.references]

    # building ---------------------------------------------------------------------------
    def with_materials(self, materials: Iterable[Material], replace: bool = True) -> Library:
        """A new library with ``materials`` added; a same-named material replaces the old one
        (with a warning) when ``replace`` is true, else raises."""
        current = dict(self._materials)
        for m in materials:
            if m.name in current:
                if not replace:
                    raise MaterialDataError(
                        f"{m.origin}: material {m.name!r} already exists ({current[m.name].origin})"
                    )
                warnings.warn(
                    f"{m.origin}: material {m.name!r} replaces the one from {current[m.name].origin}",
                    stacklevel=2,
                )
            current[m.name] = m
        return Library(current.values(), self.references)

    def with_property(self, material: str, name: str, value, unit: str | None = None, **kw) -> Library:
        """A new library in which one property of one material is overridden."""
        m = self.get(material).with_property(name, value, unit, **kw)
        return Library([m if k == m.name else v for k, v in self._materials.items()], self.references)

    def load(self, path: str | Path) -> Library:
        """A new library extended with a user's material file or folder.

        A folder is read for ``*.toml`` material files and ``*.bib`` reference files; property
        sources may cite keys from the bundled bibliography or from those ``.bib`` files.
        """
        path = Path(path)
        if not path.exists():
            raise MaterialDataError(f"material path {str(path)!r} does not exist")
        files = sorted(path.glob("*.toml")) if path.is_dir() else [path]
        bibs = sorted(path.glob("*.bib")) if path.is_dir() else sorted(path.parent.glob("*.bib"))
        if path.is_dir() and not files:
            raise MaterialDataError(f"folder {str(path)!r} holds no *.toml material files")
        refs = merge_bibliographies(
            [("bundled", self.references), *((str(b), read_bib_file(b)) for b in bibs)]
        )
        materials = [_read_file(f, refs) for f in files]
        return Library(self._materials.values(), refs).with_materials(materials)


def _read_file(path: Path, refs: Mapping[str, Reference]) -> Material:
    if path.suffix != ".toml":
        raise MaterialDataError(f"{path}: material files must be TOML (*.toml)")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise MaterialDataError(f"{path}: not valid TOML ({exc})") from None
    return build_material(data, origin=str(path), known_refs=dict(refs))


def default_library() -> Library:
    """The library lisse uses: the bundled records (:func:`bundled_library`) with the calibrated layer
    (:mod:`lisse.materials.calibrated`: ``calibrated`` records above the estimates; ``LISSE_CALIBRATION=none``
    leaves it out)."""
    from lisse.materials.calibrated import calibration_file  # the layer reads this module's Library

    path = calibration_file()
    return _layered(
        None if path is None else str(path), path.stat().st_mtime if path and path.exists() else 0
    )


@functools.cache
def _layered(path: str | None, mtime: float) -> Library:
    from lisse.materials.calibrated import read_calibrated, with_calibrated

    base = bundled_library()
    return base if path is None else with_calibrated(base, read_calibrated(path))


@functools.cache
def bundled_library() -> Library:
    """The bundled, cited materials library without the calibrated layer: the priors that calibration
    starts from (parsed and validated once; cached in memory and on disk).

    The disk entry (:mod:`lisse._core.cache`, folder ``materials``) is keyed by the content of the bundled
    data files and bibliography, the code that validates them and pydantic's version, so any change is a
    miss; an entry that does not load as a :class:`Library` is ignored and rebuilt.
    """
    folder = resources.files("lisse.data") / "materials"
    files = [(f.name, f.read_bytes()) for f in sorted(folder.iterdir(), key=lambda p: p.name)]
    files = [(name, data) for name, data in files if name.endswith(".toml")]
    refs = bibliography()
    key = cache.digest("library", _code_digest(), sorted(refs), *(p for name, d in files for p in (name, d)))
    stored = cache.read_bytes("materials", key, ".pickle")
    if stored is not None:
        try:
            library = pickle.loads(stored)  # our own entry, keyed by content (never another's file)
        except Exception:
            library = None
        if isinstance(library, Library) and all(isinstance(m, Material) for m in library.values()):
            return library
    materials = []
    for name, data in files:
        try:
            parsed = tomllib.loads(data.decode("utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise MaterialDataError(f"materials/{name}: not valid TOML ({exc})") from None
        materials.append(
            build_material(parsed, origin=f"materials/{name}", known_refs=refs, default_evidence=None)
        )
    library = Library(materials, refs)
    cache.write_bytes("materials", key, pickle.dumps(library), ".pickle")
    return library


@functools.cache
def _code_digest() -> str:
    """Digest of the code a validated library depends on: lisse.materials, the units, pydantic's version."""
    here = Path(__file__).parent
    files = [*sorted(here.glob("*.py")), here.parent / "_core" / "units.py"]
    return cache.digest(
        metadata.version("pydantic"), *(part for f in files for part in (f.name, f.read_bytes()))
    )
