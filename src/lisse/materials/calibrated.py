"""The calibrated layer: inputs that ``lisse calibrate`` fitted to published cell experiments.

``lisse calibrate`` (:mod:`lisse.calibration`) writes a TOML file of ``[[input]]`` tables, one per calibrated
input: its label (``Material.property`` or ``closure.NAME``), the posterior median (SI), its posterior
distribution, the prior it replaced, the records used and the sampler's diagnostics. The bundled file
(``lisse/data/calibrated/calibrated.toml``) is what lisse uses by default:

- a material input becomes a record of evidence class ``calibrated`` among the material's candidates
  (:func:`with_calibrated`; :func:`lisse.materials.default_library` applies it), so it sits above the
  ``estimated`` values it replaces and below every measured, dataset, quoted or computed record and a user's
  value (``docs/materials-format.md``, "Precedence");
- a closure replaces the range the sampler draws it from (:func:`lisse.cell.parameters.closure_distribution`
  reads :func:`calibrated_closure`); the deterministic :class:`~lisse.cell.parameters.ModelOptions` defaults
  are not changed.

``LISSE_CALIBRATION`` selects another file, or ``none`` for no calibrated layer (the priors only).
"""

from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from lisse._core.errors import LisseError
from lisse._core.files import read_toml
from lisse.materials._library import Library
from lisse.materials._schema import Material, PropertyRecord
from lisse.materials.evidence import Distribution

__all__ = [
    "CALIBRATION_ENV",
    "CalibratedInput",
    "calibrated_closure",
    "calibrated_inputs",
    "calibration_file",
    "read_calibrated",
    "with_calibrated",
]

#: Environment variable naming the calibrated file to use (``none``: no calibrated layer).
CALIBRATION_ENV = "LISSE_CALIBRATION"


@dataclass(frozen=True)
class CalibratedInput:
    """One calibrated input: label, kind, SI unit, posterior median and posterior distribution (SI)."""

    label: str
    kind: str
    """``material`` or ``closure``."""
    unit: str
    value: float
    distribution: Distribution
    sources: tuple[str, ...]
    records: tuple[str, ...]

    def record(self) -> dict:
        """The ``calibrated`` material record of this input (a :class:`PropertyRecord` mapping)."""
        d = self.distribution
        if d.kind == "normal":
            uncertainty = {"distribution": "normal", "sd": d.b}
        else:
            uncertainty = {"distribution": "lognormal", "factor": math.exp(1.959963984540054 * d.b)}
        return {
            "value": self.value,
            "unit": self.unit,
            "temperature": "25 degC",
            "source": self.sources[0],
            "evidence": "calibrated",
            "uncertainty": uncertainty,
            "note": "posterior median of lisse calibrate on " + ", ".join(self.records),
        }


def calibration_file() -> Path | None:
    """The calibrated file in use: ``$LISSE_CALIBRATION`` (``none``: no file), else the bundled one."""
    return _calibration_file(os.environ.get(CALIBRATION_ENV, "").strip())


@functools.lru_cache(maxsize=8)
def _calibration_file(env: str) -> Path | None:
    # memoised per value of the variable: finding the bundled file costs more than what reads it
    if env.lower() == "none":
        return None
    if env:
        return Path(env)
    path = Path(str(resources.files("lisse.data") / "calibrated" / "calibrated.toml"))
    return path if path.exists() else None


def read_calibrated(path: str | Path) -> dict[str, CalibratedInput]:
    """The calibrated inputs of a file written by ``lisse calibrate``, by label.

    Raises
    ------
    LisseError
        If the file does not exist or an input table lacks a field (naming the file and the input).
    """
    path = Path(path)
    data = read_toml(path, "calibrated file")
    out: dict[str, CalibratedInput] = {}
    for i, row in enumerate(data.get("input", [])):
        label = row.get("label", f"input {i + 1}")
        try:
            post = row["posterior"]
            dist = Distribution(post["distribution"], float(post["a"]), float(post["b"]))
            out[label] = CalibratedInput(
                label,
                row["kind"],
                row["unit"],
                float(row["value"]),
                dist,
                tuple(row["sources"]),
                tuple(row["records"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise LisseError(f"{path}: input {label!r}: missing or bad field {exc}") from None
    return out


@functools.cache
def _cached(path: str, mtime: float) -> dict[str, CalibratedInput]:
    return read_calibrated(path)


def calibrated_inputs() -> dict[str, CalibratedInput]:
    """The calibrated inputs in use (:func:`calibration_file`), by label; empty without a file."""
    path = calibration_file()
    if path is None:
        return {}
    if not path.exists():
        raise LisseError(f"{CALIBRATION_ENV}: calibrated file {str(path)!r} does not exist")
    return _cached(str(path), path.stat().st_mtime)


def calibrated_closure(name: str) -> Distribution | None:
    """The calibrated distribution of closure ``name``, or None where it is not calibrated."""
    c = calibrated_inputs().get(f"closure.{name}")
    return None if c is None else c.distribution


def with_calibrated(library: Library, inputs: dict[str, CalibratedInput] | None = None) -> Library:
    """``library`` with each calibrated material input added as a ``calibrated`` candidate record.

    A material the library lacks is skipped (a calibration of another library); the record is used only where
    no record of a higher class exists (:func:`lisse.materials._schema.best_record`).
    """
    inputs = calibrated_inputs() if inputs is None else inputs
    added: dict[str, dict[str, tuple[PropertyRecord, ...]]] = {}
    for c in inputs.values():
        if c.kind != "material":
            continue
        material, name = c.label.split(".", 1)
        if material not in library:
            continue
        m = library.get(material)
        cands = added.setdefault(m.name, dict(m.candidates))
        cands[name] = (*cands.get(name, ()), PropertyRecord.model_validate(c.record()))
    if not added:
        return library
    materials = []
    for name in library:
        m = library.get(name)
        if name in added:
            fields = {k: getattr(m, k) for k in type(m).model_fields if k not in ("candidates", "properties")}
            m = Material.model_validate(
                {**fields, "candidates": added[name], "origin": f"{m.origin} + calibrated"}
            )
        materials.append(m)
    return Library(materials, library.references)
