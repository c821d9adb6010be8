"""Stack pressure cuts both ways (review section 3.1, ref. 55): too little lets voids open on stripping, too
much pushes Li into the electrolyte's open pores until it bridges the cell (Doux et al., Adv. Energy Mater.
10, 1903253 (2020), DOI 10.1002/aenm.201903253: a Li | Li6PS5Cl | Li cell cycles for more than 1000 h at
5 MPa; at 25 MPa Li creeps through the pellet and shorts it).

The low-pressure side uses creep as the only refilling mechanism (vacancy diffusion off): with the closures of
docs/simulator.md vacancy diffusion alone carries ~1e7 A/m^2 and no void ever opens (a known miss, see the
"Known misses" there).
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from lisse.cell import Cell, parse_protocol
from lisse.cell.model import Features, initial_state, pore_flow_stress, vector_field
from lisse.cell.parameters import ModelOptions, cell_parameters
from lisse.cell.simulate import simulate
from lisse.cell.solver import schedule_from_protocol, segments, solve
from lisse.materials.estimates import pore_diameter_hydraulic
from lisse.mechanisms.mechanical.creep import creep_intrusion_velocity
from lisse.mechanisms.mechanical.stress import yield_strength_size_dependent_xu2017

CREEP_ONLY = ModelOptions(mechanisms_off=("vacancy_diffusion_krauskopf2019",))
CYCLES = "(Strip at 1 mA cm-2 for 2 hours, Plate at 1 mA cm-2 for 2 hours) x 5"


def _cell(pressure: str, **electrolyte) -> Cell:
    cell = Cell.symmetric("Li6PS5Cl", thickness="500 um", pressure=pressure)
    return cell.model_copy(update={"electrolyte": cell.electrolyte.model_copy(update=electrolyte)})


def test_pore_size_rule_is_the_hydraulic_diameter_of_the_stated_pellet():
    params, coverage = cell_parameters(_cell("5 MPa", relative_density=0.8, grain_size=3e-6))
    # d_h = 4 V_pore / S_grains = (2/3) d (1 - rho) / rho, exactly
    assert float(params.pore_diameter) == pytest.approx(2 / 3 * 3e-6 * 0.2 / 0.8, rel=1e-12)
    assert pore_diameter_hydraulic(1.0, 3e-6) == 0.0
    pore = next(v for v in coverage.inputs if v.label == "Li6PS5Cl.pore_size")
    assert pore.evidence == "estimated" and "hydraulic" in pore.basis


def test_flow_stress_at_the_pore_size_follows_the_size_law_within_the_measured_bounds():
    params, _ = cell_parameters(_cell("5 MPa"))
    sized = yield_strength_size_dependent_xu2017(
        params.pore_diameter,
        params.li_yield_strength_reference,
        params.li_yield_reference_size,
        params.li_yield_size_exponent,
    )
    expected = np.clip(float(sized), float(params.li_yield_strength), float(params.li_yield_strength_max))
    assert float(pore_flow_stress(params)) == pytest.approx(expected, rel=1e-12)
    huge = params._replace(pore_diameter=jnp.asarray(1.0))  # a 1 m "pore": bulk Li
    assert float(pore_flow_stress(huge)) == pytest.approx(float(params.li_yield_strength), rel=1e-12)


def test_intrusion_rate_is_the_creep_law_at_the_contact_stress():
    params, _ = cell_parameters(_cell("100 MPa"))
    y = initial_state(params)._replace(contact=jnp.asarray([0.5, 1.0]))
    rate = vector_field(0.0, y, (params, 0, 0.0, 0.0)).intrusion
    for k, phi in enumerate((0.5, 1.0)):
        expected = creep_intrusion_velocity(
            params.pressure / phi,
            pore_flow_stress(params),
            0.5 * params.pore_diameter,
            params.temperature,
            params.creep_reference_strain_rate,
            params.creep_reference_stress,
            params.creep_stress_exponent,
            params.creep_activation_energy,
        )
        assert float(rate[k]) == pytest.approx(float(expected), rel=1e-9)
    low, _ = cell_parameters(_cell("5 MPa"))
    assert float(jnp.max(vector_field(0.0, initial_state(low), (low, 0, 0.0, 0.0)).intrusion)) == 0.0


def test_pressure_window_contact_loss_below_creep_short_above():
    """Below the window voids open on stripping (contact falls, then the focused current on plating drives
    filaments); inside it the cell cycles; above it Li creeps through the pores and shorts the cell."""
    low = simulate(_cell("0.1 MPa"), CYCLES, options=CREEP_ONLY)
    assert low.verdict.failed
    assert float(low.dataset.contact_we.min()) < 0.2
    assert float(low.dataset.intrusion_we.max()) == 0.0
    mid = simulate(_cell("5 MPa"), CYCLES, options=CREEP_ONLY)
    assert not mid.verdict.failed  # Doux 2020: 5 MPa cycles reliably
    assert float(mid.dataset.contact_we.min()) > 0.9
    high = simulate(_cell("100 MPa"), CYCLES, options=CREEP_ONLY)
    assert high.verdict.failure_mode == "short_circuit"
    ds = high.dataset
    assert float(ds.intrusion_we[-1] + ds.intrusion_ce[-1]) == pytest.approx(500e-6, rel=1e-3)


def test_upper_edge_of_the_window_against_doux2020():
    """The upper edge is the flow stress of Li at the pore size of the default pellet (relative density
    0.83, Singh et al. 2022; grain size from the library's electrolyte prior, 16 um). Doux et al. 2020 find
    5 MPa safe (the model agrees) and a short at 25 MPa: the model's edge, about 77 MPa, misses that by a
    factor ~3, on the safe side (stated in docs/simulator.md, "Known misses"; not tuned)."""
    params, _ = cell_parameters(_cell("5 MPa"))
    edge = float(pore_flow_stress(params))
    assert edge > 5e6
    assert edge == pytest.approx(77e6, rel=0.05)  # the documented miss: if this moves, update the docs
    # the crept-in depth grows with the excess over the edge (power-law creep): faster at higher pressure
    rates = [
        float(vector_field(0.0, initial_state(q), (q, 0, 0.0, 0.0)).intrusion[0])
        for q in (params._replace(pressure=jnp.asarray(x * edge)) for x in (1.2, 1.5))
    ]
    assert 0.0 < rates[0] < rates[1]


def test_creep_short_happens_at_rest_and_a_dense_pellet_holds_the_pressure():
    """It acts at rest too; a densified pellet (99 %, as the Oxford group's Nat. Energy 2025 Li6PS5Cl,
    DOI 10.1038/s41560-025-01847-0) has pores so small that Li cannot enter them at the same pressure."""
    porous = simulate(_cell("100 MPa"), "Rest for 1 hour")
    assert porous.verdict.failure_mode == "short_circuit"
    dense = simulate(_cell("100 MPa", relative_density=0.99), "Rest for 1 hour")
    assert not dense.verdict.failed
    assert float(dense.dataset.intrusion_we.max()) == 0.0


@pytest.mark.slow
def test_gradients_through_the_new_couplings_are_finite():
    """d(crept-in depth)/d(pressure) above the edge and d(interphase)/d(parabolic constant) at rest, through
    the adaptive solve: finite and positive."""

    seg = segments(schedule_from_protocol(parse_protocol("Rest for 10 seconds")))
    features = Features(cathode=False, holds=False, step_ends=False)
    params, _ = cell_parameters(_cell("5 MPa"))
    edge = pore_flow_stress(params)

    def crept(pressure):
        return solve(params._replace(pressure=pressure), seg, features=features)["y"].intrusion[0, -1, 0]

    g = jax.grad(crept)(1.02 * edge)
    assert np.isfinite(float(g)) and float(g) > 0

    def grown(k):
        out = solve(params._replace(interphase_parabolic_constant=k), seg, features=features)
        return out["y"].interphase[0, -1, 0]

    g = jax.grad(grown)(params.interphase_parabolic_constant)
    assert np.isfinite(float(g)) and float(g) > 0
