"""Published observations of real cells, as data: the targets of calibration and validation.

Each record (an :class:`Experiment`) is one observation read in one paper: the cell (as the fields of
:class:`lisse.cell.Cell`, so that :meth:`Experiment.cell` builds it), the protocol (a lisse protocol string
where the paper gives one) or a description of the measurement, the observed quantity with its unit,
uncertainty and whether it is a bound, and the source (a bibliography key with a DOI, the quoted sentence or
figure, where in the paper and in which copy it was read). Each record has a fixed ``role``: ``calibration``
or ``validation``; all records of one source share it, so no paper informs both.

The bundled records live in ``lisse/data/experiments/*.toml`` (one file per paper); the format is described in
``docs/experiments.md``. Validation happens once, on load; a bad file fails with a one-line
:class:`~lisse._core.errors.LisseError` naming the file, the record and the field.

Examples
--------
>>> from lisse.experiments import load_experiments
>>> exps = load_experiments(role="validation")
>>> {e.role for e in exps}
{'validation'}
"""

from __future__ import annotations

import functools
import math
import tomllib
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lisse._core.citations import Reference, bibliography
from lisse._core.errors import LisseError, describe_validation_error, did_you_mean
from lisse._core.units import parse_unit, to_si
from lisse.cell.protocol import Protocol, parse_protocol
from lisse.cell.stack import Cell
from lisse.materials import Library
from lisse.materials.evidence import Distribution, Uncertainty, default_distribution

__all__ = [
    "OBSERVABLES",
    "ROLES",
    "CellSpec",
    "Experiment",
    "ObservableKind",
    "Observation",
    "ProtocolSpec",
    "Source",
    "load_experiments",
    "read_experiments",
]

Role = Literal["calibration", "validation"]
#: The two roles; a record has exactly one, and all records of one source share it.
ROLES: tuple[str, ...] = get_args(Role)

ObservableKind = Literal[
    "ccd",
    "time_to_short",
    "cycles_to_short",
    "asr_vs_time",
    "interface_asr",
    "interphase_thickness_vs_time",
    "li_loss_vs_time",
    "contact_loss_onset",
]

#: Each observable kind: the SI units its value may have (one of them) and whether it is a series in time.
OBSERVABLES: dict[str, tuple[tuple[str, ...], bool]] = {
    "ccd": (("A/m^2",), False),
    "time_to_short": (("s",), False),
    "cycles_to_short": (("",), False),
    "asr_vs_time": (("ohm*m^2",), True),
    "interface_asr": (("ohm*m^2",), False),
    "interphase_thickness_vs_time": (("m",), True),
    "li_loss_vs_time": (("C/m^2",), True),
    "contact_loss_onset": (("A/m^2", "s"), False),
}

#: Evidence class whose default spread a record gets when the paper states no uncertainty.
DEFAULT_UNCERTAINTY_CLASS = "measured"


class Source(BaseModel):
    """Where the observation was read: the bibliography key, the words or figure, and the copy read.

    ``key`` names an entry of the bundled bibliography that has a DOI. For a number that the paper quotes
    from another (a secondary citation), ``original`` names the original paper.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: str
    quote: str | None = None
    """The sentence as printed in the copy read; only glyph debris of PDF extraction is fixed ('/C0' for a
    minus sign, '/C24' for '~'), the wording is unchanged."""
    figure: str | None = None
    """The figure or table the value was read from, where it was read from one."""
    location: str
    """Where in the paper: section, paragraph or figure."""
    read_in: str
    """The copy that was read: a public repository and path, or a web address."""
    original: str | None = None
    """The original paper of a secondary citation (authors, journal, year, DOI where printed)."""

    @model_validator(mode="after")
    def _words_or_figure(self) -> Source:
        if not (self.quote or self.figure):
            raise ValueError("give the quoted sentence (quote) or the figure it was read from (figure)")
        return self

    @property
    def reference(self) -> Reference:
        """The bibliography entry of :attr:`key`."""
        return bibliography()[self.key]

    @property
    def doi(self) -> str:
        """The DOI of the source (every experiment source has one)."""
        return self.reference.doi  # type: ignore[return-value]


class CellSpec(BaseModel):
    """The cell as :class:`lisse.cell.Cell` fields (same names and unit strings), plus how it was made.

    ``assumed`` maps each field that the paper does not state (``"electrolyte.thickness"``, ``"temperature"``)
    to why the value written was chosen: a derivation from stated numbers, or the lisse default.
    """

    model_config = ConfigDict(extra="allow", frozen=True)

    preparation: str
    """How the cell was made (pressing, sintering, Li attachment, coating), as the paper says."""
    assumed: dict[str, str] = {}
    not_modelled: list[str] = []
    """What of the real cell a lisse :class:`~lisse.cell.Cell` has no input for (e.g. the pressure at which Li
    was attached, a steel current collector): the prediction cannot depend on it."""

    @model_validator(mode="after")
    def _builds(self) -> CellSpec:
        fields = self.cell_fields()
        try:
            cell = Cell.model_validate(fields)
        except ValidationError as exc:
            raise ValueError(describe_validation_error(exc)) from None
        for path in self.assumed:
            head, _, tail = path.partition(".")
            layer = getattr(cell, head, None) if head in Cell.model_fields else None
            known = head in Cell.model_fields and (
                not tail or (layer is not None and tail in type(layer).model_fields)
            )
            if not known:
                raise ValueError(
                    f"assumed: {path!r} is not a Cell field of this record (or names a layer it lacks); "
                    "use e.g. 'electrolyte.thickness', 'pressure', 'temperature'"
                )
        return self

    def cell_fields(self) -> dict:
        """The fields that make the :class:`~lisse.cell.Cell` (all but ``preparation``, ``assumed``,
        ``not_modelled``)."""
        return dict(self.__pydantic_extra__ or {})

    def cell(self) -> Cell:
        """The :class:`~lisse.cell.Cell` (SI inside)."""
        return Cell.model_validate(self.cell_fields())


class ProtocolSpec(BaseModel):
    """What was done to the cell: a description, and a lisse protocol string where one can be written.

    ``basis`` says whether the protocol string is the paper's (``paper``) or completes what the paper leaves
    open (``assumed``; then ``note`` says what was assumed).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    measurement: str
    """The measurement as the paper describes it."""
    text: str | None = None
    """A lisse protocol string (:func:`lisse.cell.parse_protocol`)."""
    basis: Literal["paper", "assumed"] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _protocol(self) -> ProtocolSpec:
        if self.text is None:
            if self.basis is not None:
                raise ValueError("basis is given but there is no protocol text")
            return self
        if self.basis is None:
            raise ValueError("a protocol text needs basis = 'paper' or 'assumed'")
        if self.basis == "assumed" and not self.note:
            raise ValueError("an assumed protocol needs a note saying what was assumed")
        parse_protocol(self.text)  # a ProtocolError (a ValueError) quotes the bad step
        return self

    def protocol(self) -> Protocol | None:
        """The parsed protocol, or None where only a description is given."""
        return parse_protocol(self.text) if self.text is not None else None


def _unit_dimension(unit: str, allowed: tuple[str, ...], kind: str) -> str:
    """The SI unit of ``allowed`` that ``unit`` has the dimension of; ValueError otherwise."""
    dim = parse_unit(unit).dimensionality
    for si in allowed:
        if parse_unit(si).dimensionality == dim:
            return si
    shown = " or ".join(repr(a) if a else "a count (unit '')" for a in allowed)
    raise ValueError(f"unit: {unit!r} is not allowed for a {kind} observation; it takes {shown}")


class Observation(BaseModel):
    """The observed quantity: kind, value(s), unit, uncertainty and whether the value is a bound.

    A ``*_vs_time`` kind is a series: ``value`` is a list and ``times`` gives the time of each point.
    ``bound`` is ``lower`` where the paper reports only that the quantity exceeded the value (no failure
    seen), ``upper`` where it stayed below it (e.g. a signal below the resolution). ``uncertainty`` is a
    distribution in the record's unit (the kinds of :mod:`lisse.materials.evidence`), the same for each point
    of a series; where the paper gives a range only, it is that range (uniform). Without one, the record gets
    the default spread of measured values (x/÷1.3, ``docs/materials-format.md``) and ``uncertainty_note``
    should say why.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ObservableKind
    value: float | list[float]
    unit: str
    times: list[str] | None = None
    bound: Literal["none", "lower", "upper"] = "none"
    uncertainty: Uncertainty | None = None
    uncertainty_note: str | None = None

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        parse_unit(v)
        return v

    @model_validator(mode="after")
    def _consistent(self) -> Observation:
        allowed, series = OBSERVABLES[self.kind]
        _unit_dimension(self.unit, allowed, self.kind)
        values = self.value if isinstance(self.value, list) else [self.value]
        if not values:
            raise ValueError("value: the list is empty")
        for v in values:
            if not math.isfinite(v) or v < 0:
                raise ValueError(
                    f"value: {v!r} is not allowed; an observed {self.kind} is a finite number >= 0"
                )
        if series:
            if not isinstance(self.value, list) or self.times is None:
                raise ValueError(
                    f"a {self.kind} observation is a series: give value = [...] and times = [...]"
                )
            if len(self.times) != len(self.value):
                raise ValueError(
                    f"times: {len(self.times)} times for {len(self.value)} values; give one time per value"
                )
            for t in self.times:
                to_si(t, expected="s", name="times")
        else:
            if isinstance(self.value, list):
                raise ValueError(f"value: a {self.kind} observation is one number, not a list")
            if self.times is not None:
                raise ValueError(f"times: a {self.kind} observation is not a series; remove times")
        if self.uncertainty is not None and self.uncertainty.distribution in ("uniform", "loguniform"):
            for v in values:
                if not self.uncertainty.contains(v):
                    raise ValueError(
                        f"uncertainty: bounds {self.uncertainty.low}-{self.uncertainty.high} do not enclose "
                        f"the value {v}"
                    )
        return self

    @property
    def si_unit(self) -> str:
        """The SI unit of the value (``"A/m^2"``, ``"s"``, ``"ohm*m^2"``, ``"m"``, ``"C/m^2"`` or ``""``)."""
        return _unit_dimension(self.unit, OBSERVABLES[self.kind][0], self.kind)

    @property
    def values(self) -> tuple[float, ...]:
        """The value(s) in the record's unit."""
        return tuple(self.value) if isinstance(self.value, list) else (self.value,)

    def si(self) -> tuple[float, ...]:
        """The value(s) in SI."""
        return tuple(to_si(v, self.unit, name="value") for v in self.values)

    def times_si(self) -> tuple[float, ...] | None:
        """The times of a series [s], or None."""
        return None if self.times is None else tuple(to_si(t, expected="s", name="times") for t in self.times)

    def distributions(self) -> tuple[Distribution, ...]:
        """The distribution of each value, in SI (the default measured spread where none is given)."""

        def convert(x: float) -> float:
            return to_si(x, self.unit, name="value")

        out = []
        for v in self.values:
            if self.uncertainty is not None:
                out.append(self.uncertainty.to_si(v, convert))
            else:
                out.append(default_distribution(DEFAULT_UNCERTAINTY_CLASS, convert(v), signed=False))
        return tuple(out)


class Experiment(BaseModel):
    """One published observation of a real cell (see the module docstring and ``docs/experiments.md``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9._-]*$")
    role: Role
    source: Source
    cell_spec: CellSpec = Field(alias="cell")
    protocol_spec: ProtocolSpec = Field(alias="protocol")
    observed: Observation
    notes: str = ""
    file: str = ""
    """The data file the record was read from (set by the loader)."""

    @property
    def doi(self) -> str:
        """The DOI of the paper the observation was read in."""
        return self.source.doi

    def cell(self) -> Cell:
        """The cell as a :class:`lisse.cell.Cell` (its fields are checked on load)."""
        return self.cell_spec.cell()

    def protocol(self) -> Protocol | None:
        """The protocol as a lisse :class:`~lisse.cell.Protocol`, or None where the paper gives none."""
        return self.protocol_spec.protocol()

    def observed_si(self) -> float | tuple[float, ...]:
        """The observed value in SI (:attr:`Observation.si_unit`): a float, or a tuple for a series."""
        values = self.observed.si()
        return values if self.observed.times is not None else values[0]

    def library_overlap(self, library: Library | None = None) -> list[str]:
        """``"Material.property"`` of each record of the cell's materials in ``library`` (bundled by default)
        that cites this observation's source: where the library already carries numbers from the same paper,
        predicting the observation may be circular (e.g. an interface resistance stored as an input)."""
        key = self.source.key
        mats = self.cell().materials(library)
        return sorted(
            {
                f"{m.name}.{name}"
                for m in mats.values()
                for name, recs in m.candidates.items()
                if any(key in r.sources() for r in recs)
            }
        )

    def to_dict(self) -> dict:
        """Plain data for ``--json``: the record's fields with the SI value, unit and DOI added."""
        data = self.model_dump(by_alias=True, exclude={"file"}, exclude_none=True)
        data["doi"] = self.doi
        data["observed"]["si_value"] = self.observed_si()
        data["observed"]["si_unit"] = self.observed.si_unit
        data["file"] = self.file
        return data


def _parse_file(path: str, text: str, refs: dict[str, Reference]) -> list[Experiment]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LisseError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"experiment"}
    if unknown:
        raise LisseError(
            f"{path}: top-level key(s) {', '.join(sorted(unknown))} are not allowed; "
            "write records as [[experiment]]"
        )
    raw = data.get("experiment")
    if not isinstance(raw, list) or not raw:
        raise LisseError(f"{path}: no [[experiment]] records")
    out = []
    for i, rec in enumerate(raw):
        name = rec.get("id", f"#{i + 1}") if isinstance(rec, dict) else f"#{i + 1}"
        where = f"{path}: experiment {name!r}"
        try:
            exp = Experiment.model_validate({**rec, "file": path})
        except ValidationError as exc:
            raise LisseError(f"{where}: {describe_validation_error(exc)}") from None
        except ValueError as exc:  # e.g. a ProtocolError raised inside a validator
            raise LisseError(f"{where}: {exc}") from None
        ref = refs.get(exp.source.key)
        if ref is None:
            raise LisseError(
                f"{where}: source.key = {exp.source.key!r} is not in the bibliography."
                + did_you_mean(exp.source.key, refs)
            )
        if not ref.doi:
            raise LisseError(f"{where}: source.key = {exp.source.key!r} has no DOI in the bibliography")
        out.append(exp)
    return out


def _check_together(experiments: Iterable[Experiment]) -> None:
    """Ids are unique, and all records of one source share one role (papers are split, not points)."""
    seen: dict[str, Experiment] = {}
    role_of: dict[str, Experiment] = {}
    for e in experiments:
        if e.id in seen:
            raise LisseError(f"{e.file}: experiment {e.id!r}: id is also used in {seen[e.id].file}")
        seen[e.id] = e
        first = role_of.setdefault(e.source.key, e)
        if first.role != e.role:
            raise LisseError(
                f"{e.file}: experiment {e.id!r}: role = {e.role!r}, but {first.id!r} of the same source "
                f"{e.source.key!r} is {first.role!r}; all records of one paper share one role"
            )


def read_experiments(paths: Iterable[str | Path]) -> list[Experiment]:
    """Read experiment files (``.toml``; folders are searched for them), checked as the bundled ones are.

    Raises
    ------
    LisseError
        Naming the file, the record and the field.
    """
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(p.glob("*.toml")))
        elif p.exists():
            files.append(p)
        else:
            raise LisseError(f"experiment file {str(p)!r} does not exist")
    refs = bibliography()
    out = [e for f in files for e in _parse_file(str(f), f.read_text(encoding="utf-8"), refs)]
    _check_together(out)
    return out


@functools.cache
def _bundled() -> tuple[Experiment, ...]:
    folder = resources.files("lisse.data") / "experiments"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".toml")), key=lambda f: f.name)
    refs = bibliography()
    out = [
        e for f in files for e in _parse_file(f"experiments/{f.name}", f.read_text(encoding="utf-8"), refs)
    ]
    _check_together(out)
    return tuple(out)


def load_experiments(role: str | None = None) -> list[Experiment]:
    """The bundled experiment records, all or those of one ``role`` (``calibration`` or ``validation``).

    Raises
    ------
    LisseError
        For an unknown role, or a malformed bundled file (naming the file, record and field).
    """
    if role is not None and role not in ROLES:
        raise LisseError(f"role: {role!r} is not allowed; use one of {', '.join(ROLES)}")
    return [e for e in _bundled() if role is None or e.role == role]
