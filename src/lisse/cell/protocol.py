"""Cycling protocols in PyBaMM's experiment-string style, extended for current densities and
symmetric cells.

Strings are sugar for typed :class:`Step` objects (as in PyBaMM's ``pybamm.step``):

- ``"Plate at 0.5 mA cm-2 for 1 hour"`` / ``"Strip at 0.5 mA cm-2 for 1 hour"`` (symmetric cells: plating
  on the working electrode is a positive current density)
- ``"Charge at 0.1C until 4.2 V"``, ``"Discharge at 1 mA cm-2 until 3.0 V"`` (full cells), and with a time
  limit as in PyBaMM: ``"Discharge at C/10 for 10 hours or until 3.3 V"``
- ``"Hold at 4.2 V until C/50"``, ``"Hold at 4.2 V for 1 hour or until C/50"``
- ``"Rest for 10 minutes"``, ``"Rest for 48 hours"`` (open circuit: chemical-failure tests)
- ``"Step current from 0.05 to 5 mA cm-2 by 0.05 every 30 minutes until failure"`` (a CCD ramp: each
  level is a plate step followed by a strip step of the same length, as in symmetric-cell CCD tests)
- ``"(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 100"`` (repeated cycles)

PyBaMM's own parser (``pybamm.step.string``) handles C-rates, A and W but not current densities or plating and
stripping, and pulls in all of PyBaMM; the grammar here keeps its wording so that its strings for
``Charge``/``Discharge``/``Rest``/``Hold`` steps read the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from lisse._core.errors import LisseError
from lisse._core.units import parse_quantity

__all__ = ["Protocol", "ProtocolError", "Step", "parse_protocol", "parse_step"]

Kind = Literal["plate", "strip", "charge", "discharge", "rest", "hold"]

EXAMPLES = (
    '"Plate at 0.5 mA cm-2 for 1 hour"',
    '"Strip at 0.5 mA cm-2 for 30 minutes"',
    '"Charge at 0.1C until 4.2 V"',
    '"Hold at 4.2 V until C/50"',
    '"Rest for 48 hours"',
    '"Step current from 0.05 to 5 mA cm-2 by 0.05 every 30 minutes until failure"',
    '"(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 100"',
)


class ProtocolError(LisseError):
    """A protocol string that cannot be parsed; the message quotes it and shows valid examples."""

    def __init__(self, text: str, why: str):
        super().__init__(
            f"cannot parse protocol step {text!r}: {why}. Valid steps look like: "
            + "; ".join(EXAMPLES[:4])
            + f"; repeats: {EXAMPLES[-1]}"
        )


@dataclass(frozen=True)
class Step:
    """One protocol step, in SI units.

    Attributes
    ----------
    kind : {"plate", "strip", "charge", "discharge", "rest", "hold"}
    current_density : float or None
        Magnitude of the applied current density [A/m^2] (None for rests, holds and C-rate steps).
    c_rate : float or None
        Applied current as a C-rate [1/h] (full cells).
    voltage : float or None
        Held voltage [V] (hold steps).
    duration : float or None
        Step length [s].
    until_voltage : float or None
        Voltage that ends the step [V].
    until_c_rate : float or None
        C-rate below which a hold ends [1/h].
    text : str
        The string the step was parsed from.
    """

    kind: Kind
    current_density: float | None = None
    c_rate: float | None = None
    voltage: float | None = None
    duration: float | None = None
    until_voltage: float | None = None
    until_c_rate: float | None = None
    text: str = ""

    @property
    def signed_current_density(self) -> float:
        """Current density with its sign: plating/charging the working electrode positive [A/m^2]."""
        if self.current_density is None:
            return 0.0
        return self.current_density if self.kind in ("plate", "charge") else -self.current_density


@dataclass(frozen=True)
class Protocol:
    """A sequence of steps with the cycle index of each (a cycle = one pass of a repeated group)."""

    steps: tuple[Step, ...]
    cycles: tuple[int, ...]
    until_failure: bool = False

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def duration(self) -> float | None:
        """Total time [s] if every step has a fixed duration, else None."""
        if any(s.duration is None for s in self.steps):
            return None
        return float(sum(s.duration for s in self.steps))  # type: ignore[misc]


_NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_CURRENT_DENSITY = rf"(?P<j>{_NUM})\s*(?P<junit>[mµu]?A\s*(?:cm-2|cm\^-2|/cm2|/cm\^2|cm⁻²|m-2|/m2|/m\^2))"
_CRATE = rf"(?:(?P<c>{_NUM})\s*C|C\s*/\s*(?P<cdiv>{_NUM}))"
_DURATION = rf"for\s+(?P<dur>{_NUM})\s*(?P<durunit>seconds?|s|minutes?|mins?|hours?|h|days?)"
_UNTIL_V = rf"until\s+(?P<uv>{_NUM})\s*V"
_UNTIL_C = rf"until\s+(?:(?P<uc>{_NUM})\s*C|C\s*/\s*(?P<ucdiv>{_NUM}))"

_RE_CURRENT = re.compile(
    rf"^(?P<kind>plate|strip|charge|discharge)\s+at\s+(?:{_CURRENT_DENSITY}|{_CRATE})"
    rf"(?:\s+{_DURATION})?(?:\s+(?:or\s+)?{_UNTIL_V})?$",
    re.IGNORECASE,
)
_RE_REST = re.compile(rf"^rest\s+{_DURATION}$", re.IGNORECASE)
_RE_HOLD = re.compile(
    rf"^hold\s+at\s+(?P<v>{_NUM})\s*V(?:\s+{_DURATION})?(?:\s+(?:or\s+)?{_UNTIL_C})?$", re.IGNORECASE
)
_RE_RAMP = re.compile(
    rf"^step\s+current\s+from\s+(?P<j0>{_NUM})\s+to\s+(?P<j1>{_NUM})\s*(?P<unit>[mµu]?A\s*(?:cm-2|cm\^-2|/cm2|m-2))"
    rf"\s+by\s+(?P<dj>{_NUM})\s+every\s+(?P<dur>{_NUM})\s*(?P<durunit>seconds?|s|minutes?|mins?|hours?|h)"
    rf"(?P<fail>\s+until\s+failure)?$",
    re.IGNORECASE,
)
_RE_REPEAT = re.compile(r"^\((?P<body>.*)\)\s*[x×*]\s*(?P<n>\d+)$", re.IGNORECASE | re.DOTALL)


def _seconds(value: str, unit: str) -> float:
    unit = unit.lower()
    key = (
        "s"
        if unit.startswith("s")
        else "min"
        if unit.startswith("m")
        else "h"
        if unit.startswith("h")
        else "day"
    )
    return float(parse_quantity(f"{value} {key}").to("s").magnitude)


def _current_density(value: str, unit: str) -> float:
    unit = re.sub(r"\s+", "", unit).replace("µ", "u").replace("⁻²", "^-2")
    unit = unit.replace("cm-2", "/cm^2").replace("cm^-2", "/cm^2").replace("/cm2", "/cm^2")
    unit = unit.replace("m-2", "/m^2").replace("/m2", "/m^2")
    return float(parse_quantity(f"{value} {unit}").to("A/m^2").magnitude)


def _positive(value: float, text: str, what: str) -> float:
    if not value > 0:
        raise ProtocolError(text, f"{what} must be > 0, got {value:g}")
    return value


def parse_step(text: str) -> Step:
    """Parse one step string into a :class:`Step` (see the module docstring for the grammar)."""
    s = " ".join(text.strip().split())
    if (m := _RE_CURRENT.match(s) or _RE_HOLD.match(s)) and not (
        m["dur"] or m.groupdict().get("uv") or m.groupdict().get("uc") or m.groupdict().get("ucdiv")
    ):
        raise ProtocolError(
            text,
            "the step needs an end: 'for 1 hour', 'until 4.2 V' (holds: 'until C/50') or both, with 'or'",
        )
    if m := _RE_CURRENT.match(s):
        kind = m["kind"].lower()
        j = _positive(_current_density(m["j"], m["junit"]), text, "current density") if m["j"] else None
        c = None
        if m["c"] or m["cdiv"]:
            c = float(m["c"]) if m["c"] else 1.0 / float(m["cdiv"])
            _positive(c, text, "C-rate")
            if kind in ("plate", "strip"):
                raise ProtocolError(text, "plating and stripping take a current density (e.g. 0.5 mA cm-2)")
        duration = _positive(_seconds(m["dur"], m["durunit"]), text, "duration") if m["dur"] else None
        until_v = float(m["uv"]) if m["uv"] else None
        if until_v is not None and kind in ("plate", "strip"):
            raise ProtocolError(text, "plating and stripping end after a duration ('for 1 hour')")
        return Step(kind=kind, current_density=j, c_rate=c, duration=duration, until_voltage=until_v, text=s)
    if m := _RE_REST.match(s):
        return Step(
            kind="rest", duration=_positive(_seconds(m["dur"], m["durunit"]), text, "duration"), text=s
        )
    if m := _RE_HOLD.match(s):
        until_c = None
        if m["uc"] or m["ucdiv"]:
            until_c = float(m["uc"]) if m["uc"] else 1.0 / float(m["ucdiv"])
        duration = _positive(_seconds(m["dur"], m["durunit"]), text, "duration") if m["dur"] else None
        return Step(kind="hold", voltage=float(m["v"]), duration=duration, until_c_rate=until_c, text=s)
    if _RE_RAMP.match(s):
        raise ProtocolError(text, "a current ramp expands to many steps: pass it to parse_protocol")
    raise ProtocolError(text, "no step form matches")


def _expand_ramp(m: re.Match[str], text: str) -> tuple[list[Step], bool]:
    j0 = _current_density(m["j0"], m["unit"])
    j1 = _current_density(m["j1"], m["unit"])
    dj = _current_density(m["dj"], m["unit"])
    for v, what in ((j0, "start current"), (j1, "end current"), (dj, "current step")):
        _positive(v, text, what)
    if j1 < j0:
        raise ProtocolError(text, "the end current must not be below the start current")
    n = round((j1 - j0) / dj) + 1
    if n > 10_000:
        raise ProtocolError(text, f"the ramp has {n} levels; at most 10000 are allowed")
    dur = _positive(_seconds(m["dur"], m["durunit"]), text, "duration")
    steps: list[Step] = []
    for i in range(n):
        j = j0 + i * dj
        label = f"{j * 0.1:g} mA cm-2"
        steps.append(
            Step("plate", current_density=j, duration=dur / 2, text=f"Plate at {label} (ramp level {i + 1})")
        )
        steps.append(
            Step("strip", current_density=j, duration=dur / 2, text=f"Strip at {label} (ramp level {i + 1})")
        )
    return steps, bool(m["fail"])


def _split_top_level(text: str) -> list[str]:
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise ProtocolError(text, "unbalanced parentheses")
        if ch in ",;\n" and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if depth != 0:
        raise ProtocolError(text, "unbalanced parentheses")
    parts.append("".join(cur))
    return [p.strip() for p in parts if p.strip()]


def parse_protocol(spec: str | Sequence[str] | Iterable[str]) -> Protocol:
    """Parse a protocol: a string of comma/semicolon/newline-separated steps, or a list of step strings.

    A group in parentheses followed by ``x N`` is repeated N times; each repetition is one cycle.
    Steps outside a repeated group each belong to their own cycle, counted on from the last one.

    Raises
    ------
    ProtocolError
        Quoting the step that does not parse and showing valid examples.
    """
    items = _split_top_level(spec) if isinstance(spec, str) else [s.strip() for s in spec if s.strip()]
    if not items:
        raise ProtocolError(str(spec), "the protocol is empty")
    steps: list[Step] = []
    cycles: list[int] = []
    cycle = 0
    until_failure = False
    for item in items:
        if m := _RE_REPEAT.match(item):
            n = int(m["n"])
            if n < 1 or n > 1_000_000:
                raise ProtocolError(item, f"repeat count {n} must be between 1 and 1000000")
            body = parse_protocol(m["body"])
            for _ in range(n):
                cycle += 1
                steps.extend(body.steps)
                cycles.extend([cycle] * len(body.steps))
        elif m := _RE_RAMP.match(" ".join(item.split())):
            ramp, fail = _expand_ramp(m, item)
            until_failure = until_failure or fail
            for i in range(0, len(ramp), 2):
                cycle += 1
                steps.extend(ramp[i : i + 2])
                cycles.extend([cycle, cycle])
        else:
            cycle += 1
            steps.append(parse_step(item))
            cycles.append(cycle)
    return Protocol(tuple(steps), tuple(cycles), until_failure)
