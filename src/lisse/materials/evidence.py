"""Evidence classes and uncertainty distributions of material values.

Every value lisse uses carries an evidence class (what kind of knowledge it is) and a distribution (how
well it is known). The classes, their precedence and the default distribution of each are documented in
``docs/materials-format.md``; this module is their single definition.

A distribution is written in a data file in the record's own unit (:class:`Uncertainty`) and used in SI
(:class:`Distribution`), where it exposes quantiles (NumPy) and its three numbers ``(kind, a, b)`` for
:func:`lisse._core.sampling.from_standard_normal`, which maps standard-normal draws onto it inside
``jax.vmap``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from statistics import NormalDist
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, model_validator

__all__ = [
    "DEFAULT_FACTOR",
    "EVIDENCE_CLASSES",
    "EVIDENCE_LETTERS",
    "Distribution",
    "EvidenceClass",
    "Uncertainty",
    "default_distribution",
    "precedence",
]

EvidenceClass = Literal["measured", "computed", "dataset", "quoted", "estimated", "calibrated", "user"]
#: The evidence classes, in the order the documentation lists them.
EVIDENCE_CLASSES: tuple[str, ...] = get_args(EvidenceClass)
#: One letter per class, for coverage matrices (calibrated is K: C is computed).
EVIDENCE_LETTERS: dict[str, str] = {
    "measured": "M",
    "computed": "C",
    "dataset": "D",
    "quoted": "Q",
    "estimated": "E",
    "calibrated": "K",
    "user": "U",
}
#: Precedence, highest first: a record of a higher class is never replaced by a lower one.
_PRECEDENCE = ("user", "measured", "dataset", "quoted", "computed", "calibrated", "estimated")

#: Default spread of each class where a record gives none: 95 % of values within x/÷ factor (lognormal).
#: The reasons are given in docs/materials-format.md ("Uncertainty").
DEFAULT_FACTOR: dict[str, float] = {
    "measured": 1.3,
    "dataset": 1.5,
    "quoted": 1.5,
    "computed": 1.5,
    "calibrated": 1.5,
    "estimated": 3.0,
    "user": 1.1,
}

_STANDARD = NormalDist()  # the stdlib's, so that the materials layer starts without SciPy
_Z95 = 1.959963984540054  # standard-normal quantile of 97.5 %: 95 % lie within +-_Z95 sd
#: Codes of the distribution kinds in :attr:`Distribution.params` (shared with lisse._core.sampling).
KIND_CODES: dict[str, int] = {"normal": 0, "lognormal": 1, "uniform": 2, "loguniform": 3, "frechet": 4}


def precedence(evidence: str) -> int:
    """Rank of an evidence class: larger wins (user highest, estimated lowest)."""
    return len(_PRECEDENCE) - _PRECEDENCE.index(evidence)


class Uncertainty(BaseModel):
    """A distribution as written in a data file, in the unit of the record's value.

    ``normal`` takes ``sd``; ``lognormal`` takes ``factor`` (95 % within value x/÷ factor); ``uniform`` and
    ``loguniform`` take ``low`` and ``high``.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    distribution: Literal["normal", "lognormal", "uniform", "loguniform"]
    sd: float | None = None
    factor: float | None = None
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _fields(self) -> Uncertainty:
        need = {
            "normal": ("sd",),
            "lognormal": ("factor",),
            "uniform": ("low", "high"),
            "loguniform": ("low", "high"),
        }[self.distribution]
        for name in ("sd", "factor", "low", "high"):
            given = getattr(self, name) is not None
            if given and name not in need:
                raise ValueError(f"a {self.distribution} distribution takes {' and '.join(need)}, not {name}")
            if not given and name in need:
                raise ValueError(f"a {self.distribution} distribution needs {name}")
        if self.sd is not None and not (self.sd >= 0 and math.isfinite(self.sd)):
            raise ValueError(f"sd = {self.sd} must be a finite number >= 0")
        if self.factor is not None and not (self.factor > 1 and math.isfinite(self.factor)):
            raise ValueError(f"factor = {self.factor} must be a finite number > 1 (95 % within x/÷ factor)")
        if self.low is not None and self.high is not None:
            if not self.low < self.high:
                raise ValueError(f"bounds low = {self.low}, high = {self.high} must satisfy low < high")
            if self.distribution == "loguniform" and self.low <= 0:
                raise ValueError(f"loguniform bounds must be positive, got low = {self.low}")
        return self

    def to_si(self, value: float, to_si: Callable[[float], float]) -> Distribution:
        """The distribution around ``value`` (in the record's unit) in SI; ``to_si`` converts a number in the
        record's unit to SI."""
        v = to_si(value)
        if self.distribution == "normal":
            return Distribution("normal", v, abs(to_si(value + self.sd) - v))  # type: ignore[operator]
        if self.distribution == "lognormal":
            return Distribution("lognormal", v, math.log(self.factor) / _Z95)  # type: ignore[arg-type]
        lo, hi = sorted((to_si(self.low), to_si(self.high)))  # type: ignore[arg-type]
        return Distribution(self.distribution, lo, hi)

    def contains(self, value: float) -> bool:
        """Whether bounds (if any) enclose ``value``."""
        return self.low is None or (self.low <= value <= self.high)  # type: ignore[operator]


@dataclass(frozen=True)
class Distribution:
    """A distribution of an SI value.

    ``kind`` and its two numbers: normal (mean ``a``, sd ``b``); lognormal (median ``a``, sd of ln ``b``);
    uniform and loguniform (bounds ``a`` < ``b``); frechet (median ``a``, shape ``b``: the largest-value law,
    P(X < x) = exp(-ln 2 (a/x)^b), of e.g. the largest flaw of a body whose strength is Weibull-distributed).
    """

    kind: str
    a: float
    b: float

    @property
    def params(self) -> tuple[int, float, float]:
        """``(kind code, a, b)`` for :func:`lisse._core.sampling.from_standard_normal`."""
        return KIND_CODES[self.kind], self.a, self.b

    def quantile(self, p: float) -> float:
        """The ``p`` quantile (0 < p < 1)."""
        if self.kind == "normal":
            return self.a + self.b * _STANDARD.inv_cdf(p)
        if self.kind == "lognormal":
            return self.a * math.exp(self.b * _STANDARD.inv_cdf(p))
        if self.kind == "uniform":
            return self.a + (self.b - self.a) * p
        if self.kind == "frechet":
            return self.a * (math.log(2.0) / -math.log(p)) ** (1.0 / self.b)
        return math.exp(math.log(self.a) + (math.log(self.b) - math.log(self.a)) * p)

    @property
    def interval95(self) -> tuple[float, float]:
        """The central 95 % interval."""
        return self.quantile(0.025), self.quantile(0.975)

    def scaled(self, factor: float) -> Distribution:
        """The distribution of ``factor`` times the value (``factor`` > 0)."""
        if self.kind in ("lognormal", "frechet"):
            return Distribution(self.kind, self.a * factor, self.b)
        return Distribution(self.kind, self.a * factor, self.b * factor)

    def widened_log(self, extra_sd: float) -> Distribution:
        """This distribution with ``extra_sd`` more spread in ln x (a lognormal keeps its median; other kinds
        become the lognormal of the same median and combined spread)."""
        if extra_sd <= 0:
            return self
        median = self.quantile(0.5)
        base = self.b if self.kind == "lognormal" else _log_sd(self)
        return Distribution("lognormal", median, math.hypot(base, extra_sd))

    def describe(self, unit: str = "", scale: float = 1.0) -> str:
        """Short text: 'x/÷1.5', '± 0.03 V', 'log-uniform 1e-05-0.001 S/m' (values divided by ``scale``)."""
        u = f" {unit}" if unit else ""
        if self.kind == "normal":
            return f"± {self.b / scale:.3g}{u}"
        if self.kind == "lognormal":
            return f"x/÷{math.exp(_Z95 * self.b):.3g}"
        if self.kind == "frechet":
            lo, hi = (x / self.a for x in self.interval95)
            return f"Fréchet, shape {self.b:.3g} (95 % within x{lo:.2g}-x{hi:.2g})"
        label = "uniform" if self.kind == "uniform" else "log-uniform"
        return f"{label} {self.a / scale:.3g}-{self.b / scale:.3g}{u}"


def _log_sd(d: Distribution) -> float:
    """An equivalent sd of ln x (from the central 95 % interval) of a positive distribution."""
    lo, hi = d.interval95
    if lo <= 0:
        return 0.0
    return math.log(hi / lo) / (2 * _Z95)


def default_distribution(evidence: str, value: float, signed: bool) -> Distribution:
    """The default distribution of a class around ``value`` (SI): lognormal x/÷ factor, or for a quantity that
    may be zero or negative (``signed``) a normal with sd = (factor - 1)/2 of |value|."""
    factor = DEFAULT_FACTOR[evidence]
    if signed or value <= 0:
        return Distribution("normal", value, 0.5 * (factor - 1.0) * abs(value))
    return Distribution("lognormal", value, math.log(factor) / _Z95)
