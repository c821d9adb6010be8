"""Screening table: stability window, reaction with Li and interphase kind of every electrolyte."""

from __future__ import annotations

import csv
import io
import json
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse.thermo._cache import disk_cached
from lisse.thermo.entries import EntrySet, bundled_entries
from lisse.thermo.interphase import classify_interphase
from lisse.thermo.reactions import interface_reaction, reaction_with_li
from lisse.thermo.window import stability_window

__all__ = ["SCREEN_COLUMNS", "ScreenRow", "ScreenTable", "library_electrolytes", "screen"]

#: Columns of the CSV/JSON table, in order.
SCREEN_COLUMNS = (
    "name",
    "formula",
    "reduction_V",
    "oxidation_V",
    "window_width_V",
    "e_above_hull_meV_per_atom",
    "products_reduction",
    "products_oxidation",
    "products_with_li",
    "li_per_formula_unit",
    "reaction_energy_with_li_meV_per_atom",
    "reaction_energy_with_li_eV_per_formula_unit",
    "volume_change_with_li_fraction",
    "interphase",
    "conducting_products",
    "conductor_volume_fraction",
    "cathode",
    "reaction_energy_with_cathode_meV_per_atom",
    "products_with_cathode",
    "error",
)


@dataclass(frozen=True)
class ScreenRow:
    """One electrolyte of the screening table (``error`` set if it could not be computed)."""

    values: tuple[tuple[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.values)

    def __getitem__(self, key: str) -> Any:
        return self.to_dict()[key]


@dataclass(frozen=True)
class ScreenTable:
    """The screening table; ``to_csv()`` and ``to_json()`` serialise it."""

    rows: tuple[ScreenRow, ...]
    entries: str

    def to_dict(self) -> dict[str, Any]:
        return {"entries": self.entries, "rows": [r.to_dict() for r in self.rows]}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=list(SCREEN_COLUMNS), lineterminator="\n")
        w.writeheader()
        for r in self.rows:
            d = r.to_dict()
            w.writerow(
                {
                    k: (" + ".join(v) if isinstance(v, list | tuple) else ("" if v is None else v))
                    for k, v in d.items()
                }
            )
        return buf.getvalue()


def library_electrolytes(library=None) -> list[str]:
    """Names of the electrolytes of the materials library (empty if it cannot be loaded)."""
    try:
        import lisse.materials as mat

        return mat.names(category="electrolyte", library=library)
    except (ImportError, LisseError) as exc:
        warnings.warn(f"materials library unavailable ({exc}): nothing to screen", UserWarning, stacklevel=2)
        return []


@cites("zhu2015", "richards2016")
@disk_cached
def screen(
    names: Sequence[str] | None = None,
    entries: EntrySet | None = None,
    library=None,
    cathode: str | None = None,
) -> ScreenTable:
    """Windows, reaction with Li metal and interphase kind for many electrolytes.

    Parameters
    ----------
    names : sequence of str, optional
        Material names or formulas (default: every electrolyte of the materials library).
    entries : EntrySet, optional
        Formation energies (default: the bundled ones).
    library : lisse.materials.Library, optional
        The materials library.
    cathode : str, optional
        Also report the most negative reaction energy with this cathode (e.g. ``"LiCoO2"``).

    Returns
    -------
    ScreenTable
        One row per electrolyte (columns :data:`SCREEN_COLUMNS`); an electrolyte that cannot be
        computed (no formula, compound not in the data) has its reason in ``error``.
    """
    ents = entries or bundled_entries()
    todo = list(names) if names is not None else library_electrolytes(library)
    rows = []
    for n in todo:
        d: dict[str, Any] = dict.fromkeys(SCREEN_COLUMNS)
        d["name"] = n
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # notes are kept in the results
                w = stability_window(n, ents, library)
                rx = reaction_with_li(n, ents, library)
                ip = classify_interphase(rx, library)
                d.update(
                    {
                        "formula": w.formula,
                        "reduction_V": w.reduction_V,
                        "oxidation_V": w.oxidation_V,
                        "window_width_V": w.width_V,
                        "e_above_hull_meV_per_atom": w.e_above_hull_meV_per_atom,
                        "products_reduction": list(w.products_reduction),
                        "products_oxidation": list(w.products_oxidation),
                        "products_with_li": [p.formula for p in rx.products],
                        "li_per_formula_unit": rx.counterpart_per_formula_unit,
                        "reaction_energy_with_li_meV_per_atom": rx.reaction_energy_meV_per_atom,
                        "reaction_energy_with_li_eV_per_formula_unit": rx.reaction_energy_eV_per_formula_unit,
                        "volume_change_with_li_fraction": rx.volume.fraction,
                        "interphase": ip.interphase,
                        "conducting_products": list(ip.conducting_products),
                        "conductor_volume_fraction": ip.conductor_volume_fraction,
                    }
                )
                if cathode is not None:
                    cx = interface_reaction(n, cathode, ents, library)
                    d["cathode"] = cx.against
                    d["reaction_energy_with_cathode_meV_per_atom"] = cx.reaction_energy_meV_per_atom
                    d["products_with_cathode"] = [p.formula for p in cx.products]
        except LisseError as exc:
            d["error"] = str(exc)
        rows.append(ScreenRow(tuple(d.items())))
    return ScreenTable(tuple(rows), ents.label)
