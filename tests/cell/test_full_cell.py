"""Full cells Li | electrolyte | cathode: Faraday's law, the voltage assembly, voltage holds, rate
capability, capacity fade, the cathode coating, and an independent-integrator cross-check.

The library has no exchange current density for any cathode | solid electrolyte interface (see
docs/materials/electrodes_layers.md), so these tests set ``NMC811.exchange_current_density:LLZO`` to
10 A/m^2 as an *input* (an override); every expected number below follows from the inputs by an
analytic relation, none is a simulated output written back.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from lisse._core.constants import FARADAY
from lisse._core.errors import LisseError
from lisse.cell import Cell, parse_protocol
from lisse.cell.model import initial_state, terms
from lisse.cell.parameters import ModelOptions, cell_parameters
from lisse.cell.simulate import simulate
from lisse.cell.solver import features_for, schedule_from_protocol, segments, solve
from lisse.mechanisms.cathode import open_circuit_potential

from .reference import scipy_final_state

# a cleaned, well-pressed garnet surface (< 0.1 ohm cm2 after 400 MPa, Eckhardt et al. 2023): no excess over
# the charge transfer (the bare record is Han et al.'s 1710 ohm cm2)
CLEAN = {"LLZO": {"interfacial_asr:Li": "0.1 ohm*cm^2"}}
I0 = {"NMC811": {"exchange_current_density:LLZO": "10 A/m^2"}, **CLEAN}
# one protocol shape for most tests, so the solver compiles once (rates are values, not shapes)
CYCLE = "(Charge at {c}C until 4.2 V, Hold at 4.2 V until C/50, Discharge at {c}C until 3.0 V) x 2"


def nmc_cell(**kw) -> Cell:
    overrides = {**I0, **kw.pop("overrides", {})}
    return Cell.full("LLZO", "NMC811", thickness="100 um", overrides=overrides, **kw)


@pytest.fixture(scope="module")
def slow():
    return simulate(nmc_cell(), CYCLE.format(c=0.1))


def test_faraday_li_and_cathode_balance(slow):
    """Charge passed moves Li from the cathode lattice to the Li anode: the anode thickens by
    Omega_Li * q / F and the cathode stoichiometry falls by q / (F c_max V_active) (Faraday)."""
    ds = slow.dataset
    params, _ = cell_parameters(nmc_cell())
    charge_end = int(np.flatnonzero(ds.step.values == 0)[-1])
    q = float(ds.charge.values[charge_end] - ds.charge.values[0])
    dli = float(ds.li_thickness_we.values[charge_end] - ds.li_thickness_we.values[0])
    dx = float(ds.cathode_stoichiometry.values[charge_end] - ds.cathode_stoichiometry.values[0])
    assert dli == pytest.approx(float(params.molar_volume_li) * q / FARADAY, rel=1e-9)
    v_active = float(params.cathode_active_volume * params.cathode_max_concentration)
    assert dx == pytest.approx(-q / (FARADAY * v_active), rel=1e-9)
    # the counter Li thickness of a full cell is not a state that moves
    assert np.ptp(ds.li_thickness_ce.values) == 0.0


def test_voltage_is_ocv_plus_linear_polarisation_at_small_current(slow):
    """At C/10 every overpotential is far below RT/F, so V = OCV(x_surface) + j * ASR (the linearised
    Butler-Volmer and ohmic terms) to well within 1 % of the polarisation."""
    ds = slow.dataset
    cc = ds.where(ds.step == 0, drop=True)
    polarisation = cc.voltage.values - cc.open_circuit_voltage.values
    expected = cc.current_density.values * cc.asr.values
    np.testing.assert_allclose(polarisation, expected, rtol=1e-2)
    # open circuit: the voltage is the OCV of the average stoichiometry
    params, _ = cell_parameters(nmc_cell())
    y = initial_state(params)
    ocv = open_circuit_potential(int(params.cathode_index), float(params.stoichiometry_discharged))
    assert float(terms(y, params, jnp.zeros(())).voltage) == pytest.approx(float(ocv), abs=1e-12)


def test_hold_keeps_the_voltage_and_ends_at_its_current(slow):
    ds = slow.dataset
    hold = ds.where(ds.step == 1, drop=True)
    np.testing.assert_allclose(hold.voltage.values, 4.2, atol=1e-9)
    j = hold.current_density.values
    assert np.all(np.diff(j) < 0)  # the current decays as the particle relaxes
    c50 = 36000.0 / 50 / 3600  # C/50 of 1 mA h/cm^2 in A/m^2
    assert j[-1] == pytest.approx(c50, rel=1e-6)


def test_rate_capability_and_capacity_record(slow):
    """At 2C the solid-diffusion lag and the interface polarisation end the discharge earlier than at
    C/10: less capacity (emergent from the model, no per-rate input)."""
    fast = simulate(nmc_cell(), CYCLE.format(c=2))
    q_slow = slow.dataset.discharge_capacity.values
    q_fast = fast.dataset.discharge_capacity.values
    assert q_slow.shape == q_fast.shape == (2,)
    assert q_fast[0] < 0.9 * q_slow[0]
    assert slow.verdict.capacity_retention == pytest.approx(float(q_slow[1] / q_slow[0]))


def test_capacity_fade_event():
    """The capacity-fade criterion: a discharge below the limit x the first discharge's capacity ends
    the simulation as ``capacity_fade`` in that cycle (here the second discharge is at a higher rate,
    which delivers less: the detection is what is tested)."""
    proto = (
        "Charge at 0.1C until 4.2 V, Discharge at 0.1C until 3.0 V, "
        "Charge at 0.1C until 4.2 V, Discharge at 3C until 3.0 V, Rest for 1 hour"
    )
    result = simulate(nmc_cell(), proto, options=ModelOptions(capacity_fade_limit=0.9))
    v = result.verdict
    assert v.failed and v.failure_mode == "capacity_fade" and v.mechanism == "capacity_fade"
    assert v.cycle_at_failure == 4  # the second discharge is the fourth step
    q = result.dataset.discharge_capacity.values
    assert q[-1] < 0.9 * q[0]


def test_coating_replaces_the_space_charge_resistance():
    """Uncoated: the interface carries its space-charge ASR; a LiNbO3 coating replaces it by L / sigma
    (Haruyama et al. 2014; Ohta et al. 2006). The initial ASR is the analytic sum of the layers."""
    sc = {"NMC811": {**I0["NMC811"], "interfacial_asr:LLZO": "500 ohm*cm^2"}}
    coat = {"LiNbO3": {"ionic_conductivity": "1e-6 S/cm"}}
    bare = cell_parameters(nmc_cell(overrides=sc))[0]
    coated = cell_parameters(nmc_cell(overrides={**sc, **coat}, coating="LiNbO3"))[0]
    assert float(bare.cathode_interface_asr) == pytest.approx(500e-4)
    assert float(coated.cathode_interface_asr) == pytest.approx(10e-9 / 1e-4)  # 10 nm / 1e-4 S/m
    y = initial_state(bare)
    rt_f = 8.314462618 * 298.15 / FARADAY
    # electrolyte + Li charge transfer + cathode charge transfer + space charge (LLZO grows no interphase)
    expected = (
        float(bare.thickness / bare.ionic_conductivity)
        + rt_f / float(bare.exchange_current_density)
        + rt_f / 10.0
        + 500e-4
    )
    assert float(terms(y, bare, jnp.zeros(())).asr) == pytest.approx(expected, rel=1e-9)


def test_coating_conductivity_comes_from_the_library_with_its_evidence():
    _, coverage = cell_parameters(nmc_cell(coating="LiNbO3"))
    sigma = {v.label: v for v in coverage.inputs}["LiNbO3.ionic_conductivity"]
    assert sigma.evidence == "quoted" and sigma.value == pytest.approx(1e-4)  # ~1e-6 S/cm (Zhou 2021 thesis)
    assert "cathode_coating" in coverage.active


def test_missing_cathode_kinetics_are_named():
    with pytest.raises(LisseError, match=r"NMC811\.exchange_current_density:LLZO"):
        cell_parameters(Cell.full("LLZO", "NMC811"))


def test_cathode_without_cited_ocv_is_refused():
    with pytest.raises(LisseError, match="TiS2"):
        cell_parameters(Cell.full("LLZO", "TiS2"))


def test_agrees_with_scipy_solve_ivp():
    """The same full-cell vector field through a constant-current charge, integrated by SciPy's LSODA:
    final states agree to 1e-7 relative with both integrators at tight tolerances."""
    params, _ = cell_parameters(nmc_cell())
    proto = parse_protocol("Charge at 0.5C for 1 hour, Rest for 30 minutes")
    schedule = schedule_from_protocol(proto, areal_capacity=36000.0)
    features = features_for(schedule, full_cell=True)
    ref = scipy_final_state(params, schedule, rtol=1e-10, atol=1e-13, features=features)
    out = solve(params, segments(schedule), features=features, rtol=1e-10, atol=1e-13, max_steps=100_000)
    end = jax.tree_util.tree_map(lambda a: np.asarray(a)[-1, -1], out["y"])
    np.testing.assert_allclose(end.cathode_stoichiometry, ref.cathode_stoichiometry, rtol=1e-7)
    np.testing.assert_allclose(end.li_thickness, ref.li_thickness, rtol=1e-7)


@pytest.mark.slow
def test_batch_of_different_cathodes_equals_loop():
    """Cells with different cathodes stack into one batch (the OCV is chosen by a traced index), so a
    sweep over cathodes compiles once; each batch member equals its own solve within the tolerance."""
    from lisse.cell.parameters import stack_parameters

    cathodes = ("LiCoO2", "NMC811", "LiFePO4")
    params = [
        cell_parameters(
            Cell.full(
                "LLZO",
                c,
                thickness="100 um",
                overrides={c: {"exchange_current_density:LLZO": "10 A/m^2"}, **CLEAN},
            )
        )[0]
        for c in cathodes
    ]
    schedule = schedule_from_protocol(
        parse_protocol("Charge at 0.5C for 30 minutes, Rest for 10 minutes"), areal_capacity=36000.0
    )
    seg, features = segments(schedule), features_for(schedule, full_cell=True)
    batch = jax.vmap(lambda p: solve(p, seg, features=features))(stack_parameters(params))
    for k, p in enumerate(params):
        single = solve(p, seg, features=features)
        np.testing.assert_allclose(
            batch["y"].cathode_stoichiometry[k], single["y"].cathode_stoichiometry, rtol=1e-6
        )
    # the three cathodes give three different open-circuit voltages at the end of the charge
    ends = [
        float(terms(jax.tree_util.tree_map(lambda a, k=k: a[k, 0, -1], batch["y"]), p, jnp.zeros(())).voltage)
        for k, p in enumerate(params)
    ]
    assert len({round(v, 3) for v in ends}) == 3


def test_discharge_that_stops_at_the_ocv_fit_limit_is_reported(slow):
    """NMC811's OCV fit (Chen 2020) ends at x = 0.906, about 3.55 V: a discharge 'until 3.0 V' stops there,
    and the verdict says so instead of letting the capacity pass as the 3.0 V capacity."""
    text = " ".join(slow.verdict.mechanism_chain)
    assert "ended before their own end condition" in text and "left its OCV fit" in text
    ds = slow.dataset
    end = ds.where(ds.step == 2, drop=True)
    assert float(end.cathode_stoichiometry.values[-1]) < 0.9059 + 1e-9


def test_polarisation_past_the_limit_at_a_step_start_fails_at_once():
    """A margin already crossed when a step starts is a failure there (an event needs a sign change);
    in a full cell the polarisation limit |V - OCV| is an impedance failure, not Li contact loss."""
    high = {"NMC811": {**I0["NMC811"], "interfacial_asr:LLZO": "5000 ohm*cm^2"}}
    result = simulate(nmc_cell(overrides=high), CYCLE.format(c=2))
    v = result.verdict
    assert v.failed and v.failure_mode == "impedance_rise" and v.mechanism == "polarisation_limit"
    assert v.time_to_failure_h == 0.0 and v.cycle_at_failure == 1
    # nothing was integrated past the failure: the OCV fit was never left
    assert float(result.dataset.cathode_stoichiometry.min()) >= 0.2661


def test_capacity_is_per_cycle_and_measured_from_a_charged_cell():
    """A cycle's discharge steps add up (a fast then a slow discharge is one capacity), and a discharge of
    the fresh, already discharged cell is not the reference: no false fade, retention about 1 (the cathode
    interphase, a real fade of LLZO oxidised above 2.9 V, is switched off: the measure is tested here)."""
    proto = (
        "Discharge at 0.1C until 3.0 V, "
        "(Charge at 0.1C until 4.2 V, Discharge at 1C until 3.0 V, Discharge at 0.1C until 3.0 V) x 2, "
        "Hold at 4.2 V for 1 second"
    )
    result = simulate(nmc_cell(), proto, options=ModelOptions(mechanisms_off=("cathode_decomposition",)))
    q = result.dataset.discharge_capacity.values
    assert result.dataset.discharge_cycle.values.tolist() == [2, 3]
    assert not result.verdict.failed
    assert result.verdict.capacity_retention == pytest.approx(1.0, abs=0.01)
    # the two discharge steps together return what the charge took out: both end at the OCV fit's limit
    ds = result.dataset
    charged = ds.charge.values[ds.step.values == 1][-1] - ds.charge.values[ds.step.values == 0][-1]
    assert q[0] == pytest.approx(charged / 36000.0, rel=1e-6)


def test_constrained_stack_takes_li_plating_and_cathode_volume_change():
    """In a constrained cell (stack stiffness k) charging plates Li (+Omega q / F) and changes the cathode's
    volume with its state of charge (NMC811 shrinks about 5 % when charged, Koerver et al. 2018): the
    pressure changes by k times the sum, exactly (no creep relaxation of the stack in this model)."""
    cell = nmc_cell(stack_stiffness="1 GPa/m")
    params, coverage = cell_parameters(cell)
    assert "cathode_volume_change" in coverage.active
    schedule = schedule_from_protocol(parse_protocol("Charge at 0.5C for 1 hour"), areal_capacity=36000.0)
    features = features_for(schedule, full_cell=True)
    out = solve(params, segments(schedule), features=features)
    end = jax.tree_util.tree_map(lambda a: np.asarray(a)[-1, -1], out["y"])
    y0 = initial_state(params)
    dli = float(end.li_thickness[0] - y0.li_thickness[0])
    dx = float(end.cathode_stoichiometry - y0.cathode_stoichiometry)
    window = 0.8540 - 0.2638  # Chen 2020 stoichiometry window of NMC811
    dh_cathode = float(params.cathode_active_volume) * -0.05 * (-dx) / window
    assert dh_cathode < 0 < dli
    expected = 1e9 * (dli + dh_cathode)
    assert float(end.pressure - y0.pressure) == pytest.approx(expected, rel=1e-6)


def test_a_cycle_that_delivers_nothing_is_capacity_fade():
    """A discharge skipped because the voltage is already past its limit delivers zero capacity: that is
    the worst fade, not a cycle to ignore."""
    proto = (
        "(Charge at 0.5C until 4.2 V, Hold at 4.2 V for 1 second, Discharge at 0.5C until 3.0 V) x 1, "
        "(Charge at 0.5C until 4.2 V, Discharge at 5C until 4.1 V) x 2"
    )
    v = simulate(nmc_cell(), proto).verdict
    assert v.failed and v.failure_mode == "capacity_fade" and v.cycle_at_failure == 2
    assert v.capacity_retention == 0.0


def test_a_time_limit_the_protocol_sets_is_a_normal_end():
    proto = (
        "(Charge at 0.5C for 30 minutes or until 4.2 V, Hold at 4.2 V for 1 second, "
        "Discharge at 0.5C until 3.0 V) x 2"
    )
    chain = simulate(nmc_cell(), proto).verdict.mechanism_chain
    early = [c for c in chain if "ended before their own end condition" in c]
    assert len(early) == 1 and early[0].startswith("2 step(s)")  # the two discharges, not the timed charges
