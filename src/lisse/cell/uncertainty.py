"""Sampled cells: every uncertain input of a cell drawn from its distribution, as a batch of parameters.

A cell's uncertain inputs (:func:`uncertain_inputs`) are

- its material values that no rule derives from others (records, family priors, user overrides with their
  spread); a rule's result (pore size from grain size and density, i0 from a charge-transfer resistance,
  ...) is not drawn but recomputed from its drawn inputs, so the two stay consistent;
- the values behind the interphase's effective conductivities (the products', through
  :func:`lisse.thermo.interphase_conductivities`);
- the closures of :class:`~lisse.cell.parameters.ModelOptions` over their documented ranges
  (:data:`~lisse.cell.parameters.CLOSURE_RANGES`), except those the user set;
- the flaw population: the largest surface flaw of one pellet (:func:`largest_flaw_distribution`), unless
  the cell states its size.

:func:`sample_parameters` draws ``n`` cells from standard-normal variates (a seed makes them reproducible),
maps each draw onto its distribution (:func:`lisse._core.sampling.from_standard_normal`) and reads each
sampled cell through :func:`~lisse.cell.parameters.cell_parameters`, so every derived number of the model
(Wagner constants, interlayer effects, misfit stresses) follows the draw exactly. Inputs are drawn
independently: the library records no correlations between them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import jax
import numpy as np

from lisse._core.citations import cites
from lisse._core.errors import LisseError
from lisse._core.sampling import from_standard_normal
from lisse._core.units import Q_, parse_unit
from lisse.cell.parameters import (
    CLOSURE_RANGES,
    FLAW_DRAW,
    CellParameters,
    CellReading,
    Coverage,
    ModelOptions,
    cell_parameters,
    closure_distribution,
    read_cell,
    stack_parameters,
)
from lisse.cell.stack import Cell
from lisse.materials import PROPERTIES, Library
from lisse.materials._properties import split_name
from lisse.materials.evidence import Distribution

__all__ = [
    "STRENGTH_SCATTER",
    "SampledCells",
    "UncertainInput",
    "check_samples",
    "largest_flaw_distribution",
    "sample_parameters",
    "uncertain_inputs",
    "weibull_modulus",
]

#: Coefficient of variation of the biaxial strength of sintered electrolyte discs, 17/123: fine-grained
#: Li1.3Al0.3Ti1.7(PO4)3, "biaxial strength (26 ± 2 MPa to 123 ± 17 MPa)" (Jackman & Cutler 2012, abstract);
#: the wider of the two scatters quoted (the coarse-grained discs scatter 2/26).
STRENGTH_SCATTER = 17.0 / 123.0


def weibull_modulus(cv: float) -> float:
    """Weibull modulus m of a strength distribution with coefficient of variation ``cv`` [-].

    Solves cv^2 = Gamma(1 + 2/m) / Gamma(1 + 1/m)^2 - 1 (the Weibull law's moments) by bisection; valid for
    0.01 < cv < 1 (m from about 1 to 120). For cv = 0.138, m = 8.8 (the rule m ~ 1.2/cv gives 8.7).
    """
    if not 0.01 < cv < 1.0:
        raise LisseError(f"cv = {cv}: the strength scatter must lie between 0.01 and 1")

    def cv_of(m: float) -> float:
        return math.sqrt(math.gamma(1 + 2 / m) / math.gamma(1 + 1 / m) ** 2 - 1)

    low, high = 1.0, 200.0  # cv_of falls with m
    for _ in range(100):
        mid = 0.5 * (low + high)
        low, high = (mid, high) if cv_of(mid) > cv else (low, mid)
    return 0.5 * (low + high)


@cites("jackman2012")
def largest_flaw_distribution(median: float, strength_scatter: float = STRENGTH_SCATTER) -> Distribution:
    """Distribution of the largest surface flaw of one pellet [m]: Fréchet with median ``median`` and shape
    m/2.

    Weakest link: a ceramic disc breaks at its largest flaw, so the disc-to-disc scatter of strength is the
    scatter of the largest flaw. With Griffith's s = K_Ic / (Y sqrt(pi a)), a = c s^-2, and a Weibull strength
    P(s < x) = 1 - exp(-(x/s0)^m) makes the largest flaw Fréchet, P(a < y) = exp(-ln 2 (median/y)^(m/2)).
    m comes from the strength scatter (:func:`weibull_modulus`; default :data:`STRENGTH_SCATTER`, m = 8.8:
    95 % of pellets' largest flaws within x0.68 to x2.3 of the median).

    Parameters
    ----------
    median : float
        Median largest flaw [m] (the cell's nominal flaw: a grain, or the library's surface flaw size).
    strength_scatter : float
        Coefficient of variation of the electrolyte's fracture strength [-].

    Notes
    -----
    The scatter is that of LATP discs (no sulfide or garnet strength scatter is in the library); the size
    effect between a test disc and a cell's electrode area (a larger area holds a larger flaw,
    median ~ area^(2/m)) is not applied: the median is the cell's nominal flaw.

    References
    ----------
    .. [1] S. D. Jackman, R. A. Cutler, J. Power Sources 218, 65 (2012), DOI 10.1016/j.jpowsour.2012.06.081
    """
    return Distribution("frechet", median, weibull_modulus(strength_scatter) / 2.0)


@dataclass(frozen=True)
class UncertainInput:
    """One input a sampled cell draws: its label, what it is and its distribution (SI)."""

    label: str
    """``Material.property`` for a material value, ``closure.NAME`` for a closure, or the flaw draw."""
    kind: str
    """``material``, ``closure`` or ``flaw``."""
    nominal: float
    distribution: Distribution
    evidence: str
    basis: str
    unit: str = ""
    """The SI unit of the value (``""``: dimensionless)."""

    def to_dict(self) -> dict:
        lo, hi = self.distribution.interval95
        return {
            "input": self.label,
            "kind": self.kind,
            "nominal": self.nominal,
            "unit": self.unit,
            "evidence": self.evidence,
            "uncertainty": self.distribution.describe(),
            "interval95": [lo, hi],
            "basis": self.basis,
        }


def _spread(d: Distribution) -> bool:
    """Whether a distribution has any spread (a stated value has none)."""
    lo, hi = d.interval95
    return hi > lo


def uncertain_inputs(
    cell: Cell,
    coverage: Coverage,
    options: ModelOptions | None = None,
    flaw: float | None = None,
    calibrated: bool = True,
) -> tuple[UncertainInput, ...]:
    """The inputs of ``cell`` that a sampled cell draws (see the module docstring).

    Parameters
    ----------
    cell : Cell
        The cell.
    coverage : Coverage
        Its nominal coverage (:func:`~lisse.cell.parameters.cell_parameters`): every material value used,
        with its distribution.
    options : ModelOptions, optional
        Closures set by the user (``model_fields_set``) are not drawn.
    flaw : float, optional
        The nominal largest flaw [m] (``CellParameters.flaw_length``); drawn unless the cell states it.
    calibrated : bool
        Draw the closures from their calibrated posteriors where the calibrated layer has them
        (:func:`~lisse.cell.parameters.closure_distribution`); False: from their documented ranges (the
        priors of a calibration).
    """
    opts = options or ModelOptions()
    out = [
        UncertainInput(v.label, "material", v.value, v.distribution, v.evidence, v.basis, v.unit)
        for v in coverage.inputs
        if not v.inputs and _spread(v.distribution)
    ]
    for name in CLOSURE_RANGES:
        if name not in opts.model_fields_set:
            d = closure_distribution(name, calibrated)
            fitted = d != closure_distribution(name, calibrated=False)
            out.append(
                UncertainInput(
                    f"closure.{name}",
                    "closure",
                    float(getattr(opts, name)),
                    d,
                    "calibrated" if fitted else "estimated",
                    ("calibrated posterior (lisse calibrate); prior: " if fitted else "lisse closure: ")
                    + CLOSURE_RANGES[name][2],
                )
            )
    if flaw is not None and cell.electrolyte.flaw_size is None:
        d = largest_flaw_distribution(1.0)
        out.append(
            UncertainInput(
                FLAW_DRAW,
                "flaw",
                1.0,
                d,
                "estimated",
                f"largest surface flaw over its median ({flaw * 1e6:.3g} um): weakest-link Fréchet law, "
                f"shape {d.b:.3g} from the strength scatter {STRENGTH_SCATTER:.3f} of LATP discs (Jackman & "
                "Cutler 2012)",
            )
        )
    return tuple(out)


@dataclass(frozen=True)
class SampledCells:
    """``n`` sampled cells: their parameters (stacked, leading axis ``n``), the inputs drawn, the
    standard-normal draws ``z`` [n, k] and the values they map to ``values`` [n, k] (SI), and the nominal
    cell's coverage (what every sampled cell rests on: a draw changes values, not mechanisms)."""

    parameters: CellParameters
    inputs: tuple[UncertainInput, ...]
    z: np.ndarray
    values: np.ndarray
    seed: int
    coverage: Coverage

    @property
    def n(self) -> int:
        return int(self.z.shape[0])


def check_samples(samples: object, seed: object = 0) -> tuple[int, int]:
    """``(samples, seed)`` as integers, or a one-line LisseError naming the bad one."""
    if isinstance(samples, bool) or not isinstance(samples, int | np.integer) or samples < 1:
        raise LisseError(f"samples = {samples!r}: the number of sampled cells must be a positive integer")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise LisseError(f"seed = {seed!r}: the seed must be a non-negative integer")
    return int(samples), int(seed)


def draw_values(inputs: tuple[UncertainInput, ...], z: np.ndarray) -> np.ndarray:
    """The SI values [n, k] of the inputs at standard-normal draws ``z`` [n, k]; a material value drawn
    outside its property's allowed range (a family prior of a bounded quantity, built in log space, can
    reach a relative density above 1) is moved to the edge of that range."""
    if not inputs:
        return np.zeros((z.shape[0], 0))
    kind, a, b = (np.asarray(c, float) for c in zip(*(u.distribution.params for u in inputs), strict=True))
    values = np.asarray(_columns(kind, a, b, np.asarray(z, float)))
    return np.stack([_within_range(u, values[:, i]) for i, u in enumerate(inputs)], axis=1)


#: :func:`~lisse._core.sampling.from_standard_normal` of every input at once (one compiled call).
_columns = jax.jit(jax.vmap(from_standard_normal, in_axes=(0, 0, 0, 1), out_axes=1))


def _within_range(u: UncertainInput, x: np.ndarray) -> np.ndarray:
    """``x`` clipped to the allowed range of ``u``'s property (:data:`lisse.materials.PROPERTIES`, in SI; a
    strict bound is replaced by the nearest float inside it)."""
    if u.kind != "material":
        return x
    spec = PROPERTIES[split_name(u.label.split(".", 1)[1])[0]]
    to_si = (
        (lambda v: v)
        if not spec.unit
        else (lambda v: float(Q_(v, parse_unit(spec.unit)).to_base_units().magnitude))
    )
    low = None if spec.minimum is None else to_si(spec.minimum)
    high = None if spec.maximum is None else to_si(spec.maximum)
    if spec.strict:  # the bound itself is excluded: the nearest float inside it
        low = None if low is None else float(np.nextafter(low, np.inf))
        high = None if high is None else float(np.nextafter(high, -np.inf))
    return np.clip(x, low, high)


def parameters_at(
    cell: Cell,
    inputs: tuple[UncertainInput, ...],
    values: np.ndarray,
    library: Library | None = None,
    options: ModelOptions | None = None,
) -> CellParameters:
    """The parameters of the cells whose inputs take ``values`` [n, k] (stacked, leading axis n).

    The n cells are read at once: each drawn input enters :func:`~lisse.cell.parameters.cell_parameters` as
    the array of its n values, and its rules, mixtures and mechanism functions work element by element
    (the same operations as for one cell). A reading that has to decide something per cell (an interlayer
    that blocks electrons or not, an alloy's composition: such decisions raise on an array) reads the cells
    one after another instead. The first cell of a batch read at once is checked against its own reading
    (rtol 1e-12); both ways give the same numbers (tested on bare, interlayer, alloy and full cells).
    """
    opts = options or ModelOptions()
    reading = read_cell(cell, library)  # what no draw changes, read once
    values = np.asarray(values, float)
    if values.shape[0] > 1:
        batch = _read_at_once(cell, inputs, values, library, opts, reading)
        if batch is not None:
            return batch
    one_by_one = [_read_one(cell, inputs, row.tolist(), library, opts, reading)[0] for row in values]
    return stack_parameters(one_by_one)


def _read_one(
    cell: Cell,
    inputs: tuple[UncertainInput, ...],
    values: np.ndarray,
    library: Library | None,
    opts: ModelOptions,
    reading: CellReading,
) -> tuple[CellParameters, Coverage]:
    """``cell_parameters`` of the cell whose inputs take ``values`` [k] (floats, or arrays of one value per
    cell [k, n])."""
    pairs = list(zip(inputs, values, strict=True))
    draws = {u.label: x for u, x in pairs if u.kind != "closure"}
    closures = {u.label.removeprefix("closure."): x for u, x in pairs if u.kind == "closure"}
    return cell_parameters(cell, library, opts.model_copy(update=closures), draws, reading)


def _read_at_once(
    cell: Cell,
    inputs: tuple[UncertainInput, ...],
    values: np.ndarray,
    library: Library | None,
    opts: ModelOptions,
    reading: CellReading,
) -> CellParameters | None:
    """The cells of ``values`` [n, k] read at once (:func:`parameters_at`), or None where the reading needs a
    decision per cell or its first cell is not that cell's own reading."""
    n = values.shape[0]
    try:
        p, _ = _read_one(cell, inputs, list(values.T), library, opts, reading)
    except (TypeError, ValueError):  # a float() or an if on an array: the reading decides per cell
        return None
    batch = CellParameters(*(np.ascontiguousarray(np.broadcast_to(np.asarray(a, float), (n,))) for a in p))
    first, _ = _read_one(cell, inputs, values[0].tolist(), library, opts, reading)
    same = all(
        np.allclose(a[0], b, rtol=1e-12, atol=0.0, equal_nan=True) for a, b in zip(batch, first, strict=True)
    )
    return batch if same else None


def sample_parameters(
    cell: Cell,
    samples: int,
    seed: int = 0,
    library: Library | None = None,
    options: ModelOptions | None = None,
) -> SampledCells:
    """Draw ``samples`` cells from the distributions of every uncertain input of ``cell``.

    Parameters
    ----------
    cell : Cell
        The nominal cell.
    samples : int
        Number of sampled cells (>= 1).
    seed : int
        Seed of the standard-normal draws (the same seed gives the same cells).
    library : Library, optional
        Materials (default: the bundled library).
    options : ModelOptions, optional
        Closures; those the user set are kept fixed.

    Raises
    ------
    LisseError
        For a non-positive or non-integer ``samples`` or a bad ``seed``, and as
        :func:`~lisse.cell.parameters.cell_parameters` does.
    """
    samples, seed = check_samples(samples, seed)
    nominal, coverage = cell_parameters(cell, library, options)
    inputs = uncertain_inputs(cell, coverage, options, float(nominal.flaw_length))
    z = np.random.default_rng(seed).standard_normal((samples, len(inputs)))
    values = draw_values(inputs, z)
    parameters = parameters_at(cell, inputs, values, library, options)
    return SampledCells(parameters, inputs, z, values, seed, coverage)
