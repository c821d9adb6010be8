"""The bibliography every number in lisse traces to, and the ``cites`` marker for models.

References live in BibTeX files under ``lisse/data/references/`` (one bibliography split
by topic; a key may appear only once across the files). Every material property names a
key from it, and every model function is marked with :func:`cites`, so that a run can list
exactly the references it used (:func:`references_for`), without a global registry.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TypeVar

from lisse._core import cache
from lisse._core.errors import LisseError, UnknownNameError, did_you_mean

__all__ = [
    "Reference",
    "bibliography",
    "cited_keys",
    "cites",
    "get_reference",
    "parse_bibtex",
    "references_for",
]

F = TypeVar("F", bound=Callable)

_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


@dataclass(frozen=True)
class Reference:
    """One bibliography entry."""

    key: str
    authors: str
    title: str
    year: str
    journal: str
    doi: str | None
    bibtex: str

    @property
    def short(self) -> str:
        """Short citation, e.g. ``"Porz et al., Adv. Energy Mater. (2017)"``."""
        names = [a.strip() for a in self.authors.replace("\n", " ").split(" and ") if a.strip()]
        first = names[0].split(",")[0].strip() if names else "?"
        who = (
            first
            if len(names) == 1
            else (f"{first} & {names[1].split(',')[0].strip()}" if len(names) == 2 else f"{first} et al.")
        )
        venue = f", {self.journal}" if self.journal else ""
        return f"{who}{venue} ({self.year})"

    @property
    def url(self) -> str | None:
        return f"https://doi.org/{self.doi}" if self.doi else None


def parse_bibtex(text: str, origin: str) -> dict[str, Reference]:
    """Parse BibTeX text into references; every entry needs author, title, year and a DOI
    (or an ``isbn``/``url`` for books and data sets).

    Raises
    ------
    LisseError
        Naming ``origin`` and the entry key when a field is missing or a DOI is malformed.
    """
    import bibtexparser  # imported here: the bundled bibliography is usually read from the disk cache

    parser = bibtexparser.bparser.BibTexParser(common_strings=True)
    parser.ignore_nonstandard_types = False
    db = bibtexparser.loads(text, parser=parser)
    out: dict[str, Reference] = {}
    for entry in db.entries:
        key = entry["ID"]
        missing = [f for f in ("author", "title", "year") if not entry.get(f)]
        if missing:
            raise LisseError(f"{origin}: reference {key!r} lacks field(s) {', '.join(missing)}")
        doi = entry.get("doi")
        if doi is not None and not _DOI.match(doi):
            raise LisseError(f"{origin}: reference {key!r} has DOI {doi!r}, expected the form '10.xxxx/...'")
        if doi is None and not (entry.get("isbn") or entry.get("url")):
            raise LisseError(
                f"{origin}: reference {key!r} needs a doi (or an isbn/url for a book or data set)"
            )
        single = bibtexparser.bibdatabase.BibDatabase()
        single.entries = [entry]
        out[key] = Reference(
            key=key,
            authors=entry["author"],
            title=entry["title"].strip("{}"),
            year=entry["year"],
            journal=entry.get("journal", entry.get("publisher", entry.get("booktitle", ""))),
            doi=doi,
            bibtex=bibtexparser.dumps(single).strip(),
        )
    return out


def merge_bibliographies(parts: Iterable[tuple[str, dict[str, Reference]]]) -> dict[str, Reference]:
    """Merge bibliographies, refusing a key defined twice with different content."""
    merged: dict[str, Reference] = {}
    where: dict[str, str] = {}
    for origin, refs in parts:
        for key, ref in refs.items():
            if key in merged and merged[key].doi != ref.doi:
                raise LisseError(
                    f"reference key {key!r} is defined in both {where[key]} and {origin} with different DOIs"
                )
            merged[key] = ref
            where[key] = origin
    return merged


@functools.cache
def bibliography() -> dict[str, Reference]:
    """The bundled bibliography, keyed by citation key (parsed once, then cached in memory and on disk).

    The disk entry (:mod:`lisse._core.cache`) is keyed by the content of the ``.bib`` files, this
    module's code and the BibTeX parser's version.
    """
    folder = resources.files("lisse.data") / "references"
    files = [(f.name, f.read_bytes()) for f in sorted(folder.iterdir(), key=lambda p: p.name)]
    files = [(name, data) for name, data in files if name.endswith(".bib")]
    key = cache.digest(
        "bibliography",
        Path(__file__).read_bytes(),
        cache.package_version("bibtexparser"),
        *(part for name, data in files for part in (name, data)),
    )
    stored = cache.read_json("references", key)
    if isinstance(stored, dict):
        try:
            refs = {k: Reference(**v) for k, v in stored.items()}
        except TypeError:
            pass  # a malformed entry: parse again
        else:
            if all(isinstance(x, str | None) for r in refs.values() for x in dataclasses.astuple(r)):
                return refs
    parts = [(f"references/{name}", parse_bibtex(data.decode("utf-8"), name)) for name, data in files]
    refs = merge_bibliographies(parts)
    cache.write_json("references", key, {k: dataclasses.asdict(r) for k, r in refs.items()})
    return refs


def read_bib_file(path: Path) -> dict[str, Reference]:
    """Parse a user's BibTeX file."""
    return parse_bibtex(path.read_text(encoding="utf-8"), str(path))


def get_reference(key: str, extra: dict[str, Reference] | None = None) -> Reference:
    """Look up a citation key in the bundled bibliography (and ``extra``)."""
    refs = bibliography() if not extra else {**bibliography(), **extra}
    try:
        return refs[key]
    except KeyError:
        raise UnknownNameError(f"unknown reference key {key!r}.{did_you_mean(key, refs)}") from None


def cites(*keys: str) -> Callable[[F], F]:
    """Mark a model function with the bibliography keys of the work it implements.

    The keys are stored on the function as ``__lisse_references__`` and checked against the
    bibliography by the test-suite; nothing is registered globally.
    """

    def mark(fn: F) -> F:
        fn.__lisse_references__ = tuple(keys)  # type: ignore[attr-defined]
        return fn

    return mark


def cited_keys(obj: object) -> tuple[str, ...]:
    """The reference keys a function was marked with by :func:`cites` (empty if none)."""
    return tuple(getattr(obj, "__lisse_references__", ()))


def references_for(objs: Iterable[object]) -> list[Reference]:
    """The references used by a set of functions (or of keys), deduplicated, in first-use order."""
    seen: dict[str, Reference] = {}
    for obj in objs:
        keys = (obj,) if isinstance(obj, str) else cited_keys(obj)
        for key in keys:
            if key not in seen:
                seen[key] = get_reference(key)
    return list(seen.values())
