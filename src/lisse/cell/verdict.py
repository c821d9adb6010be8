"""The verdict of a simulation: the failure mode, when it happened, and the mechanisms that led to it.

:func:`verdict_of` reads the chain off the simulated time series (voids, filaments, internal deposition,
resistance rise, interphase growth, steps that ended early) and attributes the failure to the mechanism
behind the failure margin that reached zero first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

import numpy as np

from lisse.cell.model import FAILURE_MODES
from lisse.cell.parameters import Coverage
from lisse.cell.solver import Schedule

#: The time series of one run as arrays by name (``lisse.cell.simulate.series``: the variables of its
#: Dataset and the ``time``, ``step`` and ``cycle`` coordinates).
Series = Mapping[str, np.ndarray]

__all__ = ["STEP_EDGE", "VOID_ONSET", "Series", "Verdict", "skip_tolerance", "verdict_of"]

#: Time offset [s] that keeps a step's first saved point after the previous step's last one.
STEP_EDGE = 1e-6
#: Contact fraction below which voids on stripping count as begun (the verdict's event; contact-loss onset).
VOID_ONSET = 0.9

_TERMS = (
    "ohmic",
    "charge_transfer",
    "constriction",
    "interphase",
    "interlayer",
    "surface",
    "concentration",
    "cathode_interface",
    "crack",
)

#: The mechanism behind each failure margin of :data:`~lisse.cell.model.FAILURE_MODES` (the first is
#: refined to Sand depletion when that is what grew the filament, the contact margin to the alloy's own
#: diffusion limit when an alloy interface reached its solid-solution limit).
_MECHANISMS = (
    "flaw_extension_porz2017",
    "internal_deposition_han2019",
    "voids_on_stripping",
    "voids_on_stripping",
    "impedance_rise",
    "interphase_fracture",
    "capacity_fade",
)


#: Interface depletion of an alloy electrode (1: at the solid-solution limit) that counts as having reached
#: it (the failure event is located to the solver tolerance).
_ALLOY_LIMIT = 0.999
#: Growth of the largest flaw [m] beyond which a verdict reports subcritical crack growth (0.1 um).
_CRACK_ONSET = 1e-7
#: ASR rise, as a fraction of the initial ASR, from which a verdict reports the grown cracks' share of it.
_CRACK_SHARE_FLOOR = 0.01


@dataclass(frozen=True)
class Verdict:
    """The outcome of a simulation."""

    failed: bool
    failure_mode: str | None
    time_to_failure_h: float | None
    cycle_at_failure: int | None
    mechanism_chain: list[str]
    asr_initial_ohm_cm2: float
    asr_final_ohm_cm2: float
    overpotential_shares: dict[str, float] = field(default_factory=dict)
    current_density_at_failure_mA_cm2: float | None = None
    capacity_retention: float | None = None
    """Last over first discharge capacity (full cells)."""
    mechanism: str | None = None
    """The mechanism that set the failure (e.g. ``flaw_extension_porz2017``, ``voids_on_stripping``)."""
    coverage: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def _first(ds: Series, mask: np.ndarray) -> int | None:
    """The index of the first true point of ``mask``, None if there is none."""
    if not mask.size:
        return None
    k = int(np.argmax(mask))
    return k if mask[k] else None


def _largest_rise(ds: Series, k: int) -> str:
    """The voltage term that grew most, relative to the current, from the first point to point ``k``."""
    j = np.abs(ds["current_density"])
    j0, jk = max(j[0], 1e-12), max(j[k], 1e-12)
    rise = {}
    for n in _TERMS:
        v = ds[n if n != "interphase" else "interphase_overpotential"]
        rise[n] = v[k] / jk - v[0] / j0  # the term's resistance, V / (A/m^2)
    name = max(rise, key=rise.get)
    return {
        "interphase": "the growing interphase",
        "constriction": "contact loss (constriction)",
        "crack": "the grown cracks",
    }.get(name, name.replace("_", " "))


def skip_tolerance(schedule: Schedule) -> np.ndarray:
    """Length [s] below which a step counts as skipped (the end-condition root is found to ~1e-9 relative)."""
    return np.maximum(STEP_EDGE, 1e-9 * schedule.duration)


def _early_ends(ds: Series, raw: dict, schedule: Schedule, failed: set[int]) -> list[tuple[int, str]]:
    """Steps that ended without meeting their own end condition (a voltage limit not reached, a hold current
    not down to its limit): skipped because the condition held at the start, stopped at their time bound, or
    stopped where the cathode's surface stoichiometry left its OCV fit. Reported once, with the first."""
    steps, v, j = ds["step"], ds["voltage"], ds["current_density"]
    conditioned = (schedule.until_sign != 0) | np.isfinite(schedule.until_current)
    if not conditioned.any():  # steps of fixed duration (every step of a symmetric cell): none ends early
        return []
    length = np.diff(np.r_[0.0, np.asarray(raw["t_end"])])
    last = np.flatnonzero(np.r_[steps[1:] != steps[:-1], True])
    early = []
    for k in last[conditioned[steps[last]]]:
        i = int(steps[k])
        if i in failed:
            continue
        if schedule.until_sign[i] != 0:
            met = abs(v[k] - schedule.until_voltage[i]) < 1e-3
            target = f"{schedule.until_voltage[i]:.3g} V"
        elif np.isfinite(schedule.until_current[i]):
            met = abs(j[k]) <= schedule.until_current[i] * (1 + 1e-3)
            target = f"{schedule.until_current[i] / 10:.3g} mA/cm2"
        else:
            continue
        if met:
            continue
        if length[i] <= skip_tolerance(schedule)[i]:
            why = "was skipped: its end condition already held at its start"
        elif np.isclose(length[i], schedule.duration[i], rtol=1e-9):
            if schedule.timed[i]:
                continue  # 'for 1 hour or until 4.2 V': the time limit is a normal end
            why = "stopped at lisse's time bound for it"
        else:
            why = "stopped where the cathode's surface stoichiometry left its OCV fit"
        early.append((k, i, why, target))
    if not early:
        return []
    k, i, why, target = early[0]
    return [
        (
            k,
            f"{len(early)} step(s) ended before their own end condition; the first, in cycle "
            f"{schedule.cycle[i]}, {why} (at {v[k]:.3g} V, {j[k] / 10:.3g} mA/cm2; condition {target})",
        )
    ]


def _electrode_events(ds: Series) -> list[tuple[int, str]]:
    """Voids, filaments, creep into pores, an alloy's depletion limit and subcritical growth of the largest
    flaw at either electrode: (index of the first saved point, text)."""
    events: list[tuple[int, str]] = []
    cyc = ds["cycle"]
    for side, label in (("we", "working"), ("ce", "counter")):
        contact = ds[f"contact_{side}"]
        k = _first(ds, contact < VOID_ONSET)
        if k is not None:
            k_min = int(np.argmin(contact))
            events.append(
                (
                    k,
                    f"voids on stripping the {label} electrode from cycle {cyc[k]} "
                    f"(contact fell to {contact[k_min]:.0%} by cycle {cyc[k_min]}, local current "
                    f"x{1 / max(contact[k_min], 1e-9):.1f})",
                )
            )
        fil = ds[f"filament_{side}"]
        k = _first(ds, fil > 1e-7)
        if k is not None:
            cause = (
                "salt depletion at the plated electrode (Sand)"
                if ds["depletion"][k] != 0
                else "Li pressure in a surface flaw above the Porz critical overpotential"
            )
            events.append((k, f"filament initiated from the {label} electrode in cycle {cyc[k]} ({cause})"))
        crept = ds[f"intrusion_{side}"]
        k = _first(ds, crept > 1e-7)
        if k is not None:
            events.append(
                (
                    k,
                    f"Li creeping into the electrolyte's pores from the {label} electrode from cycle "
                    f"{cyc[k]} (contact stress above the flow stress of Li at the pore size)",
                )
            )
        k = _first(ds, ds[f"alloy_depletion_{side}"] >= _ALLOY_LIMIT)
        if k is not None:
            events.append(
                (
                    k,
                    f"the {label} alloy electrode's interface reached the Li-poor limit of its solid "
                    f"solution in cycle {cyc[k]} (Li diffusion in the alloy, Sand-type)",
                )
            )
        k = _first(ds, ds[f"crack_{side}"] > _CRACK_ONSET)
        if k is not None:
            events.append(
                (
                    k,
                    f"the largest flaw at the {label} electrode's face growing as a subcritical crack from "
                    f"cycle {cyc[k]} (stress intensity above the growth threshold)",
                )
            )
    return events


def _cell_events(ds: Series, asr0: float, coverage: Coverage) -> list[tuple[int, str]]:
    """Internal deposition, resistance doubling, a thick anode interphase, an oxidised cathode side and a
    polymer interlayer's salt exhausted."""
    events: list[tuple[int, str]] = []
    cyc, asr = ds["cycle"], ds["asr"]
    k = _first(ds, ds["salt_fraction"] < 0.02)
    if k is not None and "interlayer_salt_depletion" in coverage.active:
        events.append(
            (
                k,
                f"the polymer interlayer's salt exhausted at the plated side in cycle {cyc[k]} (current "
                "above its limiting current 2 F D c0 / ((1 - t+) L); the concentration overpotential is "
                "capped there)",
            )
        )
    k = _first(ds, ds["internal_li"] > 0.01)
    if k is not None:
        events.append((k, f"Li deposited inside the electrolyte by electronic leakage from cycle {cyc[k]}"))
    k = _first(ds, ds["asr"] > 2 * asr0)
    if k is not None:
        events.append(
            (
                k,
                f"area-specific resistance doubled by cycle {cyc[k]} "
                f"({asr0 * 1e4:.3g} -> {asr[k] * 1e4:.3g} ohm cm2, mostly {_largest_rise(ds, k)})",
            )
        )
    rise = asr - asr0
    k = _first(ds, (rise > _CRACK_SHARE_FLOOR * asr0) & (ds["crack_asr"] > 0.5 * rise))
    if k is not None:
        events.append(
            (
                k,
                f"the grown cracks carrying most of the area-specific resistance's rise by cycle {cyc[k]} "
                f"({ds['crack_asr'][k] * 1e4:.3g} of {rise[k] * 1e4:.3g} ohm cm2; insulating cuts in the "
                "ion conductor)",
            )
        )
    k = _first(ds, ds["interphase_we"] > 1e-6)
    if k is not None:
        events.append((k, f"interphase on the Li anode thicker than 1 um by cycle {cyc[k]}"))
    k = _first(ds, ds["cathode_interphase"] > 100e-9)
    if k is not None:
        events.append(
            (
                k,
                "the phase touching the cathode oxidised: its interphase thicker than 100 nm by cycle "
                f"{cyc[k]}",
            )
        )
    return events


def _failure(ds: Series, raw: dict, schedule: Schedule, coverage: Coverage, full_cell: bool) -> dict:
    """The failure mode, the mechanism behind it, when and at what current it happened, and the shares of
    the overpotential terms at failure (all None or empty for a survivor)."""
    out: dict = {"failure_mode": None, "mechanism": None, "time_to_failure_h": None, "cycle_at_failure": None}
    out.update(current_density_at_failure_mA_cm2=None, overpotential_shares={})
    failed_steps = np.flatnonzero(np.asarray(raw["failed"]))
    if not failed_steps.size:
        return out
    i = int(failed_steps[0])
    which = int(np.argmin(np.asarray(raw["margins"])[i]))
    mode, mechanism = FAILURE_MODES[which], _MECHANISMS[which]
    in_contact = min(ds["contact_we"][-1], ds["contact_ce"][-1]) > 0.5
    if which == 3 and (full_cell or in_contact):  # the polarisation limit without lost contact: impedance
        mode, mechanism = "impedance_rise", "polarisation_limit"
    sand = np.any(ds["depletion"] != 0) and "salt_depletion_sand" in coverage.active
    if which == 0 and sand:
        mechanism = "salt_depletion_sand"
    crept = float(ds["intrusion_we"][-1] + ds["intrusion_ce"][-1])
    grown = float(ds["filament_we"][-1] + ds["filament_ce"][-1])
    if which == 0 and crept > grown:
        mechanism = "creep_intrusion_doux2020"
    alloy_limit = max(float(ds["alloy_depletion_we"][-1]), float(ds["alloy_depletion_ce"][-1]))
    if which == 2 and alloy_limit >= _ALLOY_LIMIT:
        mechanism = "alloy_depletion_sand"
    if which == 5 and max(float(ds["crack_we"][-1]), float(ds["crack_ce"][-1])) > _CRACK_ONSET:
        mechanism = "subcritical_crack_growth"  # delayed fracture: the flaw grew to the Griffith length
    last = {n: float(ds[n if n != "interphase" else "interphase_overpotential"][-1]) for n in _TERMS}
    total = sum(last.values())
    out.update(
        failure_mode=mode,
        mechanism=mechanism,
        time_to_failure_h=float(np.asarray(raw["t_end"])[i]) / 3600.0,
        cycle_at_failure=int(schedule.cycle[i]),
        current_density_at_failure_mA_cm2=abs(float(ds["current_density"][-1])) / 10.0,
        overpotential_shares={k: v / total for k, v in last.items()} if total > 0 else {},
    )
    return out


def verdict_of(ds: Series, raw: dict, schedule: Schedule, coverage: Coverage, full_cell: bool) -> Verdict:
    """The verdict of one run: its failure (:func:`_failure`) and the chain of mechanisms read off its
    series in the order they happened."""
    asr0 = float(np.asarray(raw["asr0"]))
    failed_steps = set(np.flatnonzero(np.asarray(raw["failed"])).tolist())
    events = (
        _electrode_events(ds)
        + _cell_events(ds, asr0, coverage)
        + _early_ends(ds, raw, schedule, failed_steps)
    )
    chain = [text for _, text in sorted(events, key=lambda e: e[0])]
    retention = None
    if "discharge_capacity" in ds:
        q = ds["discharge_capacity"]
        retention = float(q[-1] / q[0])
        if q.size > 1:
            chain.append(
                f"discharge capacity {q[0]:.3g} -> {q[-1]:.3g} mA h/cm2 over cycles "
                f"{int(ds['discharge_cycle'][0])}-{int(ds['discharge_cycle'][-1])}"
            )
    failure = _failure(ds, raw, schedule, coverage, full_cell)
    if failure["failure_mode"] is not None:
        chain.append(
            f"{failure['failure_mode'].replace('_', ' ')} in cycle {failure['cycle_at_failure']} at "
            f"{failure['time_to_failure_h']:.4g} h"
        )
    return Verdict(
        failed=bool(failed_steps),
        mechanism_chain=chain,
        asr_initial_ohm_cm2=asr0 * 1e4,
        asr_final_ohm_cm2=float(ds["asr"][-1]) * 1e4,
        capacity_retention=retention,
        coverage=coverage.to_dict(),
        **failure,
    )
