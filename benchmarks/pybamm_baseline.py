"""PyBaMM baseline of lisse's coupled cell model: the same equations as ``lisse.cell.model.vector_field``
written as a ``pybamm.BaseModel`` and solved with PyBaMM's IDAKLU solver.

Used by ``benchmarks/simulator.py`` to check agreement and to time lisse against an established solver.
PyBaMM is an optional dependency of the benchmarks only (``pip install pybamm``); ``src/lisse`` never
imports it.

Scope: symmetric Li | electrolyte | Li cells cycled by a square wave (plate, then strip, at the same
current density and for the same time), no failure events (the benchmark cell does not fail: the caller
checks this with lisse's own failure margins on the PyBaMM states). Every term of the lisse vector field is
transcribed, including the mechanisms the benchmark cell leaves switched off (Krauskopf vacancy diffusion,
Sand depletion, Wagner interphase growth), so the two models are the same function of the same
``CellParameters`` floats.

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
from lisse.cell.parameters import CellParameters

__all__ = ["STATE_NAMES", "build_model", "parameter_floats", "solve_pybamm", "states_from_solution"]

#: Scalar states, in the order of ``lisse.cell.model.State`` flattened (pairs: working, counter electrode).
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
)

_CREEP_REFERENCE_TEMPERATURE = 298.15  # K, default of lisse.mechanisms.mechanical.creep.creep_strain_rate


def parameter_floats(p: CellParameters) -> dict[str, float]:
    """The fields of one (unbatched) ``CellParameters`` as Python floats."""
    return {k: float(np.asarray(v)) for k, v in p._asdict().items()}


def _clip(x, lo, hi):
    return pybamm.maximum(pybamm.minimum(x, hi), lo)


def _onset(x):
    """lisse.cell.model._onset: s = clip(x, 0, 1); s^2 (3 - 2 s)."""
    s = _clip(x, 0.0, 1.0)
    return s * s * (3.0 - 2.0 * s)


def _where(cond, a, b):
    """jnp.where(cond, a, b) for a PyBaMM boolean (Heaviside) expression; both branches are finite here."""
    return cond * a + (1.0 - cond) * b


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
    """
    P = {k: (pybamm.InputParameter(k) if k in inputs else pybamm.Scalar(v)) for k, v in constants.items()}
    for k in inputs:
        P[k] = pybamm.InputParameter(k)
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
    fil = {k: v[f"filament_{k}"] for k in sides}
    phi = {k: _clip(contact[k], 1e-6, 1.0) for k in sides}
    jk = {"we": j, "ce": -j}
    plating = {k: pybamm.maximum(jk[k], 0.0) for k in sides}

    # -- voids and contact ---------------------------------------------------------------------------
    i_vac = (
        P["vacancy_on"]
        * F
        * pybamm.maximum(P["vacancy_diffusion_coefficient"], 1e-30)
        * P["critical_vacancy_concentration"]
        / P["vacancy_diffusion_length"]
    )
    arrhenius = pybamm.exp(-P["creep_activation_energy"] / R * (1.0 / T - 1.0 / _CREEP_REFERENCE_TEMPERATURE))
    rhs = {}
    for k in sides:
        local_stress = v["pressure"] / phi[k]
        rate = (
            P["creep_reference_strain_rate"]
            * (abs(local_stress) / P["creep_reference_stress"]) ** P["creep_stress_exponent"]
            * arrhenius
        )
        i_creep = F / omega * P["creep_length"] * rate
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
        # recovery fades out over the last 0.1 % below full contact (as in lisse)
        rhs[k] = _where(d > 0.0, d * _onset((1.0 - contact[k]) / 1e-3), d)

    # -- filaments: Porz flaw extension, or Sand depletion --------------------------------------------
    i0 = P["exchange_current_density"]
    depleted = {"we": v["depletion"], "ce": -v["depletion"]}
    d_fil = {}
    for k in sides:
        local = abs(jk[k]) / phi[k]
        plated = jk[k] > 0.0
        flaw_eta = _where(
            plated, 2.0 * rt_f * pybamm.arcsinh(P["flaw_focusing_factor"] * local / (2.0 * i0)), 0.0
        )
        critical = (
            omega
            * P["fracture_toughness"]
            / (P["geometry_factor"] * F * pybamm.sqrt(np.pi * (P["flaw_length"] + fil[k])))
        )
        porz = P["porz_on"] * _onset((flaw_eta - critical) / P["onset_width"])
        sand = P["depletion_on"] * _onset((depleted[k] / P["salt_concentration"] - 0.98) / 0.02)
        drive = pybamm.maximum(porz, sand) * (plating[k] > 0.0)
        d_fil[k] = drive * omega * P["tip_focusing_factor"] * abs(plating[k] / phi[k]) / F

    # -- salt depletion: one-mode relaxation --------------------------------------------------------
    one_minus_t = 1.0 - pybamm.minimum(P["transference_number"], 1.0 - 1e-12)
    dc_ss = 0.5 * j * one_minus_t * P["thickness"] / (F * P["salt_diffusion_coefficient"])
    tau = P["thickness"] ** 2 / (np.pi**2 * P["salt_diffusion_coefficient"])
    d_dep = P["depletion_on"] * (dc_ss - v["depletion"]) / tau

    # -- internal Li (Han 2019) -----------------------------------------------------------------------
    i_e = abs(j) * pybamm.maximum(P["electronic_conductivity"], 1e-30) / P["ionic_conductivity"]
    d_int = P["internal_on"] * omega * i_e / (F * P["thickness"])

    # -- interphase, Li inventory, pressure, charge -----------------------------------------------------
    d_li = {k: omega * jk[k] / F for k in sides}
    model.rhs = {
        v["contact_we"]: rhs["we"],
        v["contact_ce"]: rhs["ce"],
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
    }
    model.variables = dict(v)
    model.variables["current_density"] = j
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
    """State time series of a PyBaMM solution (one array per name in :data:`STATE_NAMES`)."""
    return {name: np.asarray(sol[name].entries) for name in STATE_NAMES} | {"t": np.asarray(sol.t)}
