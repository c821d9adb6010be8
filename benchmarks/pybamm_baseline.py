"""PyBaMM baseline of lisse's coupled cell model: the same equations as ``lisse.cell.model.vector_field``
written as a ``pybamm.BaseModel`` and solved with PyBaMM's IDAKLU solver.

Used by ``benchmarks/simulator.py`` and ``benchmarks/maps.py`` to check agreement and to time lisse against an
established solver. PyBaMM is an optional dependency of the benchmarks only (``pip install pybamm``);
``src/lisse`` never imports it.

Scope: symmetric Li | electrolyte | Li cells (Li metal on both sides, no interlayer) cycled by a square wave
(plate, then strip, at the same current density and for the same time), no failure events (the benchmark
cells do not fail: the callers check this with lisse's own failure margins on the PyBaMM states). Every
state and term of the lisse vector field that can be non-zero in such a cell is transcribed, whatever its
switch in the cell at hand (so the two models are the same function of the same ``CellParameters`` floats):
voids and contact (vacancy diffusion, creep under the local stress, the refill on plating, the recovery
fade, the ``contact_loss_on`` switch), filaments (the Porz criterion on flaw + filament + crept-in Li +
subcritical crack, or Sand depletion scaled by the Monroe-Newman stiffness factor, at the tip current
through the electrolyte contact), salt depletion (one-mode relaxation over the depletion length, with its
time floor), internal Li (Han), interphase growth (Wagner), subcritical growth of the largest flaw under the
interphase tension (above its threshold), creep into the pores (Doux: the Xu size-dependent flow stress of
Li at the pores' size), the Li inventory, the stack pressure and the charge. The cell voltage (ohmic through
the separator less the Li in it, charge transfer, constriction, interphase with its conductivity, interlayer
and surface resistance, salt concentration, the grown cracks' resistance) is an output variable, compared
with lisse's by the callers.

The parts of the model that such a cell cannot use are left out, and :func:`check_scope` refuses parameter
sets for which they would not be zero: the cathode (``full_cell``: its stoichiometry state, OCV, swelling,
interface and decomposition layer; lisse's ``Features(cathode=False)`` does not compile them either) and
Li-alloy electrodes (``alloy_on``: the ``alloy_depletion`` state, the skeleton that keeps contact and the
alloy's concentration overpotential).

The current density is a closed-form square wave built from two ``pybamm.Modulo`` terms,

    j(t) = j0 * (1 - 2 (mod(t, 2 h) - mod(t, h)) / h),

which is j0 while plating (0 <= mod(t, 2h) < h) and -j0 while stripping. PyBaMM detects the ``Modulo`` of
time and IDAKLU stops and restarts the integration at every multiple of ``h``, exactly where lisse starts a
new protocol segment; so one PyBaMM solve covers the whole protocol, as one lisse ``solve`` does.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pybamm

from lisse._core.constants import FARADAY, GAS_CONSTANT
from lisse.cell.model import CRACK_ONSET_WIDTH, DEPLETION_TIME_MIN
from lisse.cell.parameters import CellParameters

__all__ = [
    "STATE_NAMES",
    "build_model",
    "check_scope",
    "parameter_floats",
    "solve_pybamm",
    "states_from_solution",
]

#: Scalar states, in the order of ``lisse.cell.model.State`` flattened (pairs: working, counter electrode),
#: less the cathode stoichiometry and the alloy depletion (outside the scope: :func:`check_scope`).
STATE_NAMES = (
    "contact_we",
    "contact_ce",
    "filament_we",
    "filament_ce",
    "interphase_we",
    "interphase_ce",
    "depletion",
    "internal_li",
    "pressure",
    "li_thickness_we",
    "li_thickness_ce",
    "charge",
    "intrusion_we",
    "intrusion_ce",
    "crack_we",
    "crack_ce",
)

_CREEP_REFERENCE_TEMPERATURE = 298.15  # K, default of lisse.mechanisms.mechanical.creep.creep_strain_rate
_MONROE_CRITICAL_RATIO = (
    2.0  # default of lisse.mechanisms.electric.filaments.dendrite_growth_factor_monroe2005
)
#: Fields that must be 0 for the baseline to be lisse's model (the parts it leaves out: see the module doc).
OUT_OF_SCOPE_SWITCHES = ("full_cell", "alloy_on", "cathode_decomposition_on")


def parameter_floats(p: CellParameters) -> dict[str, float]:
    """The fields of one (unbatched) ``CellParameters`` as Python floats."""
    return {k: float(np.asarray(v)) for k, v in p._asdict().items()}


def check_scope(floats: Mapping[str, float]) -> None:
    """Raise ``ValueError`` if a parameter set uses a part of lisse's model the baseline leaves out."""
    on = {k: floats[k] for k in OUT_OF_SCOPE_SWITCHES if floats[k] != 0.0}
    if on:
        raise ValueError(f"the PyBaMM baseline is for symmetric Li-metal cells only; these are not 0: {on}")


def _clip(x, lo, hi):
    return pybamm.maximum(pybamm.minimum(x, hi), lo)


def _onset(x):
    """lisse.cell.model._onset: s = clip(x, 0, 1); s^2 (3 - 2 s)."""
    s = _clip(x, 0.0, 1.0)
    return s * s * (3.0 - 2.0 * s)


def _where(cond, a, b):
    """jnp.where(cond, a, b) for a PyBaMM boolean (Heaviside) expression; both branches are finite here."""
    return cond * a + (1.0 - cond) * b


def _butler_volmer(i, i0, rt_f):
    """lisse.mechanisms.kinetics.butler_volmer_overpotential: 2 RT/F asinh(i / (2 i0))."""
    return 2.0 * rt_f * pybamm.arcsinh(i / (2.0 * i0))


def _creep_rate(P, stress):
    """lisse.mechanisms.mechanical.creep.creep_strain_rate (power law with an Arrhenius factor)."""
    T = P["temperature"]
    arrhenius = pybamm.exp(
        -P["creep_activation_energy"] / GAS_CONSTANT * (1.0 / T - 1.0 / _CREEP_REFERENCE_TEMPERATURE)
    )
    return (
        P["creep_reference_strain_rate"]
        * (abs(stress) / P["creep_reference_stress"]) ** P["creep_stress_exponent"]
        * arrhenius
    )


def _pore_flow_stress(P):
    """lisse.cell.model.pore_flow_stress: Xu et al.'s size law at the pore diameter, clipped to
    [bulk, whisker] Li; the whisker strength where there are no pores."""
    porous = P["pore_diameter"] > 0.0
    d = _where(porous, P["pore_diameter"], P["li_yield_reference_size"])
    sized = P["li_yield_strength_reference"] * (d / P["li_yield_reference_size"]) ** (
        -P["li_yield_size_exponent"]
    )
    return _where(
        porous, _clip(sized, P["li_yield_strength"], P["li_yield_strength_max"]), P["li_yield_strength_max"]
    )


def _electrolyte_contact(P, phi):
    """lisse.cell.model.electrolyte_contact: the contact widened by an interlayer's lateral spreading."""
    lam = P["interlayer_spreading_length"]
    shadow = (P["contact_radius"] / (P["contact_radius"] + lam)) ** 2
    return phi + (1.0 - phi) * (1.0 - shadow)


def _voltage_magnitude(P, v, j_abs):
    """The magnitude of lisse's symmetric-cell voltage (lisse.cell.model.terms) at current density
    ``j_abs`` >= 0 [V]: the voltage is -sign(j) times it. Every term depends on |j| only in this cell."""
    F, R = FARADAY, GAS_CONSTANT
    T = P["temperature"]
    rt_f = R * T / F
    i0 = P["exchange_current_density"]
    total = 0.0
    penetration = 0.0
    for k in ("we", "ce"):
        phi = _electrolyte_contact(P, _clip(v[f"contact_{k}"], 1e-6, 1.0))
        eta_ct = _butler_volmer(j_abs / phi, i0, rt_f)
        # interfacial_asr_partial_contact less r_ct / phi: the constriction (Newman 1966, CMY factor)
        r_constriction = (
            np.pi
            * P["contact_radius"]
            / (4.0 * P["ionic_conductivity"] * phi)
            * (1.0 - pybamm.sqrt(phi)) ** 1.5
        )
        grown = pybamm.maximum(v[f"interphase_{k}"] - P["initial_interphase_thickness"], 0.0)
        # lisse.cell.model.crack_asr: the grown crack's dilute resistance, 8/3 chi N_A (a^3 - a0^3) / sigma
        a0 = P["flaw_length"]
        a = a0 + v[f"crack_{k}"]
        r_crack = (
            8.0
            / 3.0
            * P["crack_orientation_factor"]
            * P["crack_areal_density"]
            / a0**2
            * (a - a0)
            * (a * a + a * a0 + a0 * a0)
            / P["ionic_conductivity"]
        )
        total = (
            total + eta_ct + j_abs * (r_constriction + grown / P["interphase_ionic_conductivity"] + r_crack)
        )
        penetration = penetration + v[f"filament_{k}"] + v[f"intrusion_{k}"]
    remaining = pybamm.maximum(P["thickness"] - penetration, 1e-9)
    ohmic = j_abs * remaining / P["ionic_conductivity"]
    interlayer_surface = j_abs * 2.0 * (P["interlayer_asr"] + P["surface_asr"])
    c0 = P["salt_concentration"]
    c_low = pybamm.maximum(c0 - abs(v["depletion"]), 1e-9 * c0)
    c_high = c0 + abs(v["depletion"])
    concentration = (
        P["depletion_on"] * 2.0 * (1.0 - P["transference_number"]) * rt_f * pybamm.log(c_high / c_low)
    )
    return ohmic + total + interlayer_surface + concentration


def build_model(
    constants: Mapping[str, float],
    inputs: Sequence[str] = (),
    *,
    current_density: float,
    half_period: float,
) -> pybamm.BaseModel:
    """The lisse vector field as a PyBaMM model.

    Parameters
    ----------
    constants : mapping
        Values of the ``CellParameters`` fields [SI] that are the same for every solve (``pybamm.Scalar``).
    inputs : sequence of str
        ``CellParameters`` fields that vary between solves (``pybamm.InputParameter``; pass them to
        ``solve`` as ``inputs``).
    current_density : float
        Plating current density of the working electrode in the first half period [A/m^2].
    half_period : float
        Duration of one plating (or stripping) step [s].

    The model's variables are the states (:data:`STATE_NAMES`), ``current_density`` and
    ``voltage_magnitude`` (lisse's |cell voltage| at ``|current_density|``).
    """
    check_scope(constants)
    P = {k: (pybamm.InputParameter(k) if k in inputs else pybamm.Scalar(v)) for k, v in constants.items()}
    model = pybamm.BaseModel("lisse symmetric cell")
    v = {name: pybamm.Variable(name) for name in STATE_NAMES}
    t = pybamm.t
    h = pybamm.Scalar(half_period)
    j = current_density * (1.0 - 2.0 * (pybamm.Modulo(t, 2.0 * h) - pybamm.Modulo(t, h)) / h)
    F, R = FARADAY, GAS_CONSTANT
    T = P["temperature"]
    omega = P["molar_volume_li"]
    rt_f = R * T / F
    sides = ("we", "ce")
    contact = {k: v[f"contact_{k}"] for k in sides}
    phi = {k: _clip(contact[k], 1e-6, 1.0) for k in sides}
    phi_e = {k: _electrolyte_contact(P, phi[k]) for k in sides}  # carries the current
    jk = {"we": j, "ce": -j}
    plating = {k: pybamm.maximum(jk[k], 0.0) for k in sides}

    # -- voids and contact (lisse.cell.model._contact_rate; Li metal: no alloy skeleton) ----------------
    i_vac = (
        P["vacancy_on"]
        * F
        * pybamm.maximum(P["vacancy_diffusion_coefficient"], 1e-30)
        * P["critical_vacancy_concentration"]
        / P["vacancy_diffusion_length"]
    )
    d_contact = {}
    for k in sides:
        i_creep = F / omega * P["creep_length"] * _creep_rate(P, v["pressure"] / phi[k])
        i = -jk[k]  # contact_loss_rate takes stripping as positive
        net = (
            phi[k] * i_vac
            + i_creep
            - pybamm.maximum(i, 0.0)
            + P["plating_refill_fraction"] * pybamm.maximum(-i, 0.0)
        )
        d = omega / (F * P["void_depth"]) * net
        d = _where((contact[k] >= 1.0) * (d > 0.0), 0.0, d)
        d = _where((contact[k] <= 0.0) * (d < 0.0), 0.0, d)
        # recovery fades out over the last 1 % below full contact (as in lisse); loss only if switched on
        d_contact[k] = _where(d > 0.0, d * _onset((1.0 - contact[k]) / 1e-2), d * P["contact_loss_on"])

    # -- filaments: Porz flaw extension, or Sand depletion (lisse.cell.model._filament_rate) ---------------
    i0 = P["exchange_current_density"]
    depleted = {"we": v["depletion"], "ce": -v["depletion"]}
    monroe = _onset(
        -(P["shear_modulus"] / P["shear_modulus_li"] - _MONROE_CRITICAL_RATIO) / _MONROE_CRITICAL_RATIO
    )
    d_fil = {}
    for k in sides:
        local = abs(jk[k]) / phi_e[k]
        flaw_eta = _where(jk[k] > 0.0, _butler_volmer(P["flaw_focusing_factor"] * local, i0, rt_f), 0.0)
        flaw = P["flaw_length"] + v[f"filament_{k}"] + v[f"intrusion_{k}"] + v[f"crack_{k}"]
        critical = omega * P["fracture_toughness"] / (P["geometry_factor"] * F * pybamm.sqrt(np.pi * flaw))
        porz = P["porz_on"] * _onset((flaw_eta - critical) / P["onset_width"])
        sand = (
            P["depletion_on"]
            * P["sand_dendrites_on"]
            * _onset((depleted[k] / P["salt_concentration"] - 0.98) / 0.02)
            * monroe
        )
        drive = pybamm.maximum(porz, sand) * (plating[k] > 0.0)
        d_fil[k] = drive * omega * P["tip_focusing_factor"] * abs(plating[k] / phi_e[k]) / F

    # -- salt depletion: one-mode relaxation over the depletion length (lisse.cell.model._depletion_rate) ---
    one_minus_t = 1.0 - pybamm.minimum(P["transference_number"], 1.0 - 1e-12)
    length, diff = P["depletion_length"], P["salt_diffusion_coefficient"]
    dc_ss = 0.5 * j * one_minus_t * length / (F * diff)
    tau = pybamm.maximum(length**2 / (np.pi**2 * diff), DEPLETION_TIME_MIN)
    d_dep = P["depletion_on"] * (dc_ss - v["depletion"]) / tau

    # -- internal Li (Han 2019) -----------------------------------------------------------------------
    i_e = abs(j) * pybamm.maximum(P["electronic_conductivity"], 1e-30) / P["ionic_conductivity"]
    d_int = P["internal_on"] * omega * i_e / (F * P["thickness"])

    # -- creep into the pores (Doux 2020; lisse.cell.model._intrusion_rate) -----------------------------
    flow = _pore_flow_stress(P)
    d_intr = {}
    for k in sides:
        excess = v["pressure"] / phi[k] - flow
        flowing = excess > 0.0
        rate = _creep_rate(P, pybamm.maximum(excess, 0.0))
        d_intr[k] = P["intrusion_on"] * _where(flowing, 0.5 * P["pore_diameter"] * rate, 0.0)

    # -- subcritical growth of the largest flaw under the interphase tension (lisse.cell.model._crack_rate) -
    grown = sum(pybamm.maximum(v[f"interphase_{k}"] - P["initial_interphase_thickness"], 0.0) for k in sides)
    left = pybamm.maximum(P["thickness"] - grown, 1e-3 * P["thickness"])
    tension = -P["interphase_misfit_stress"] * grown / left
    d_crack = {}
    for k in sides:
        flaw = P["flaw_length"] + v[f"filament_{k}"] + v[f"intrusion_{k}"] + v[f"crack_{k}"]
        k_ic = P["fracture_toughness"]
        ratio = P["fracture_on"] * P["geometry_factor"] * tension * pybamm.sqrt(np.pi * flaw) / k_ic
        velocity = _where(
            ratio > 0.0,
            P["crack_reference_velocity"] * _clip(ratio, 1e-300, 1.0) ** P["crack_velocity_exponent"],
            0.0,
        )
        onset = _onset((ratio - P["crack_growth_threshold"]) / CRACK_ONSET_WIDTH)
        d_crack[k] = P["crack_growth_on"] * onset * velocity

    # -- interphase (Wagner), Li inventory, pressure, charge ----------------------------------------------
    d_li = {k: omega * jk[k] / F for k in sides}
    model.rhs = {
        v["contact_we"]: d_contact["we"],
        v["contact_ce"]: d_contact["ce"],
        v["filament_we"]: d_fil["we"],
        v["filament_ce"]: d_fil["ce"],
        v["interphase_we"]: P["interphase_parabolic_constant"] / (2.0 * v["interphase_we"]) * phi["we"],
        v["interphase_ce"]: P["interphase_parabolic_constant"] / (2.0 * v["interphase_ce"]) * phi["ce"],
        v["depletion"]: d_dep,
        v["internal_li"]: d_int,
        v["pressure"]: P["stack_stiffness"] * (d_li["we"] + d_li["ce"]),
        v["li_thickness_we"]: d_li["we"],
        v["li_thickness_ce"]: d_li["ce"],
        v["charge"]: abs(j),
        v["intrusion_we"]: d_intr["we"],
        v["intrusion_ce"]: d_intr["ce"],
        v["crack_we"]: d_crack["we"],
        v["crack_ce"]: d_crack["ce"],
    }
    # lisse.cell.model.initial_state
    model.initial_conditions = {
        v["contact_we"]: pybamm.Scalar(1.0),
        v["contact_ce"]: pybamm.Scalar(1.0),
        v["filament_we"]: pybamm.Scalar(0.0),
        v["filament_ce"]: pybamm.Scalar(0.0),
        v["interphase_we"]: P["initial_interphase_thickness"],
        v["interphase_ce"]: P["initial_interphase_thickness"],
        v["depletion"]: pybamm.Scalar(0.0),
        v["internal_li"]: pybamm.Scalar(0.0),
        v["pressure"]: P["pressure"],
        v["li_thickness_we"]: P["li_thickness"],
        v["li_thickness_ce"]: P["li_thickness"],
        v["charge"]: pybamm.Scalar(0.0),
        v["intrusion_we"]: pybamm.Scalar(0.0),
        v["intrusion_ce"]: pybamm.Scalar(0.0),
        v["crack_we"]: pybamm.Scalar(0.0),
        v["crack_ce"]: pybamm.Scalar(0.0),
    }
    model.variables = dict(v)
    model.variables["current_density"] = j
    model.variables["voltage_magnitude"] = _voltage_magnitude(P, v, abs(j))
    return model


def solve_pybamm(
    params: Sequence[CellParameters] | CellParameters,
    *,
    current_density: float,
    half_period: float,
    n_cycles: int,
    rtol: float = 1e-6,
    atol: float = 1e-12,
    options: dict | None = None,
    repeats: int = 1,
):
    """Solve one or several parameter sets with IDAKLU; returns ``(solutions, seconds)``.

    Fields that differ between the parameter sets become input parameters and all sets are solved by one
    ``solver.solve(model, t_eval, inputs=[...])`` call, ``repeats`` times; ``seconds`` lists the wall time
    of each call (the first includes PyBaMM's solver set-up, the later ones reuse it). Model building and
    discretisation are not timed.
    """
    import time

    if isinstance(params, CellParameters):
        params = [params]
    floats = [parameter_floats(p) for p in params]
    for f in floats:
        check_scope(f)
    first = floats[0]
    varying = [k for k in first if any(f[k] != first[k] for f in floats[1:])]
    model = build_model(first, varying, current_density=current_density, half_period=half_period)
    disc = pybamm.Discretisation()
    disc.process_model(model)
    solver = pybamm.IDAKLUSolver(rtol=rtol, atol=atol, options=options or {})
    t_end = 2.0 * half_period * n_cycles
    t_eval = np.array([0.0, t_end])
    t_interp = np.arange(0.0, t_end + 0.5 * half_period, half_period)  # every segment boundary
    inputs = [{k: f[k] for k in varying} for f in floats]
    times = []
    for _ in range(repeats):
        tic = time.perf_counter()
        sols = solver.solve(model, t_eval, inputs=inputs, t_interp=t_interp)
        times.append(time.perf_counter() - tic)
    if not isinstance(sols, list):
        sols = [sols]
    return sols, times


def states_from_solution(sol) -> dict[str, np.ndarray]:
    """Time series of a PyBaMM solution: one array per name in :data:`STATE_NAMES`, ``voltage_magnitude``
    and the times ``t``."""
    names = (*STATE_NAMES, "voltage_magnitude")
    return {name: np.asarray(sol[name].entries) for name in names} | {"t": np.asarray(sol.t)}
