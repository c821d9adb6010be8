"""Interlayers and coatings as strategies (review section 4.3, Figure 11), each acting through its properties
(lisse.cell.interlayer): lithiation on contact (thermo), the covered bare surface, electron blocking, lateral
current spreading.
"""

from __future__ import annotations

import math
import warnings

import jax.numpy as jnp
import pytest

from lisse._core.constants import FARADAY, GAS_CONSTANT
from lisse.cell import Cell
from lisse.cell.interlayer import spreading_length
from lisse.cell.model import electrolyte_contact, initial_state
from lisse.cell.parameters import ModelOptions, cell_parameters
from lisse.cell.simulate import critical_current_density, simulate
from lisse.thermo import interphase


@pytest.fixture(autouse=True)
def _quiet():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        yield


def _per_interface_asr(cell: Cell) -> float:
    """Initial interface ASR [ohm cm2]: (total - electrolyte ohmic) / 2 interfaces."""
    params, _ = cell_parameters(cell)
    result = simulate(cell, "Rest for 1 minute")
    ohmic = float(params.thickness / params.ionic_conductivity)
    return (result.verdict.asr_initial_ohm_cm2 / 1e4 - ohmic) / 2 * 1e4


def test_al2o3_on_garnet_lowers_the_interface_resistance_as_measured():
    """Han et al., Nat. Mater. (2017), DOI 10.1038/nmat4821: ALD Al2O3 lowers the Li | garnet interfacial
    resistance from 1710 to 1 ohm cm2. The bare value is the library's record of that measurement; the coated
    value is emergent: Li | LLZO charge transfer (<= 1 ohm cm2, Eckhardt et al. 2023) plus the lithiated layer
    (Li2O + Li9Al4 from lisse.thermo, 10 nm x its volume ratio, over its ionic network). Tolerance: x/÷2."""
    bare = _per_interface_asr(Cell.symmetric("LLZO", thickness="500 um"))
    coated = _per_interface_asr(Cell.symmetric("LLZO", thickness="500 um", interlayer="Al2O3"))
    assert bare == pytest.approx(1710, rel=0.01)
    assert 0.5 < coated < 2.0


def test_lithiated_layer_takes_the_products_conductivities_and_volume():
    cell = Cell.symmetric("LLZO", interlayer="Al2O3", interlayer_thickness="10 nm")
    params, coverage = cell_parameters(cell)
    ip = interphase("Al2O3")
    assert ip.interphase != "stable"
    ratio = ip.reaction.to_dict()["product_to_phase_volume_ratio"]
    t = 10e-9 * ratio
    assert float(params.interlayer_asr) == pytest.approx(
        t / ip.effective_ionic_conductivity_S_per_m, rel=1e-9
    )
    r_ct = GAS_CONSTANT * float(params.temperature) / (FARADAY * float(params.exchange_current_density))
    lam = spreading_length(ip.effective_electronic_conductivity_S_per_m, t, r_ct)
    assert float(params.interlayer_spreading_length) == pytest.approx(lam, rel=1e-9)
    assert {"interlayer_lithiation", "interlayer_current_spreading"} <= set(coverage.active)
    assert "react" in coverage.inactive["interlayer_reaction_with_electrolyte"]


def test_spreading_length_and_effective_contact_limits():
    # lambda = sqrt(sigma_e t R): the transfer length of a sheet on a resistive contact
    assert spreading_length(1e4, 1e-8, 1e-4) == pytest.approx(1e-4, rel=1e-12)
    params, _ = cell_parameters(Cell.symmetric("LLZO"))
    y = initial_state(params)._replace(contact=jnp.asarray([0.3, 1.0]))
    assert float(electrolyte_contact(y, params)[0]) == pytest.approx(0.3, rel=1e-12)  # no layer: Li contact
    r_c = float(params.contact_radius)
    spread = params._replace(interlayer_spreading_length=jnp.asarray(r_c))  # lambda = r_c: 3/4 of the gap fed
    assert float(electrolyte_contact(y, spread)[0]) == pytest.approx(0.3 + 0.7 * 0.75, rel=1e-12)
    far = params._replace(interlayer_spreading_length=jnp.asarray(1e3 * r_c))
    assert float(electrolyte_contact(y, far)[0]) == pytest.approx(1.0, abs=1e-5)


def test_al2o3_on_garnet_raises_the_ccd():
    """Han et al. 2017 and the review (section 4.3): the lithiophilic coating lets garnet cells carry more
    current. In the model the bare garnet's measured surface resistance ends the ramp at the cycler's voltage
    limit (an impedance failure, contact kept), while the coated cell survives the ramp to 5 mA/cm2."""
    bare_ccd, bare = critical_current_density(Cell.symmetric("LLZO", thickness="500 um"))
    coated_ccd, _ = critical_current_density(Cell.symmetric("LLZO", thickness="500 um", interlayer="Al2O3"))
    assert bare_ccd is not None and bare.verdict.failure_mode == "impedance_rise"
    assert coated_ccd is None or coated_ccd > 2 * bare_ccd


def test_spreading_layer_keeps_stripping_voids_from_focusing_the_current():
    """Creep as the only refill (see test_pressure_window.py): at 0.1 MPa voids open on stripping; below a
    lithiated (conducting) coating the electrolyte is still fed across the detached spots, so the local
    current stays near the mean instead of rising as 1 / contact."""
    opts = ModelOptions(mechanisms_off=("vacancy_diffusion_krauskopf2019",))
    protocol = "Strip at 1 mA cm-2 for 1 hour"
    bare = simulate(Cell.symmetric("LLZO", pressure="0.1 MPa"), protocol, options=opts).dataset
    coated = simulate(
        Cell.symmetric("LLZO", pressure="0.1 MPa", interlayer="Al2O3"), protocol, options=opts
    ).dataset
    assert float(bare.contact_we.min()) < 0.5 and float(coated.contact_we.min()) < 0.5
    assert float(bare.constriction.max()) > 10 * float(coated.constriction.max())


def test_li3n_on_lgps_stops_the_resistance_rise():
    """The review (section 3.2, ref. 69): protective layers such as Li3N that block electrons stop the
    continuous reaction of LGPS with Li. Li3N is stable against Li (thermo) and an electronic insulator, so no
    interphase grows behind it; the price is its own resistance."""
    opts = ModelOptions(mechanisms_off=("interphase_fracture",), asr_rise_factor=1e3)
    bare = simulate(Cell.symmetric("LGPS"), "Rest for 48 hours", options=opts).dataset
    result = simulate(Cell.symmetric("LGPS", interlayer="Li3N"), "Rest for 48 hours")
    coated = result.dataset
    assert float(bare.asr[-1] / bare.asr[0]) > 5
    assert not result.verdict.failed
    assert float(coated.asr[-1]) == pytest.approx(float(coated.asr[0]), rel=1e-6)
    assert "interphase_growth_wagner" in result.verdict.coverage["inactive"]
    params, _ = cell_parameters(Cell.symmetric("LGPS", interlayer="Li3N", interlayer_thickness="10 nm"))
    assert float(params.interlayer_asr) > 0 and math.isfinite(float(params.interlayer_asr))


# -- soft polymer interlayers (review 4.3: Zhou et al. 2016's polymer/ceramic/polymer sandwich) ------------
_CLEAN_LLZO = {"LLZO": {"interfacial_asr:Li": "0.1 ohm*cm^2"}}
_CREEP_ONLY = ModelOptions(mechanisms_off=("vacancy_diffusion_krauskopf2019",))


def _sandwich(thickness: str = "5 um", **kw) -> Cell:
    return Cell.symmetric(
        "LLZO", interlayer="polymer-interlayer", interlayer_thickness=thickness, overrides=_CLEAN_LLZO, **kw
    )


def test_a_soft_polymer_layer_keeps_contact_where_bare_li_loses_it():
    """Zhou et al., JACS 138, 9385 (2016): the polymer wets Li and keeps contact with it. At 0.1 MPa and
    1 mA/cm2 of stripping, bare Li on garnet loses contact (creep cannot refill the voids: the creep-only
    model, as in the pressure-window tests); a layer softer than Li follows the stripped surface."""
    protocol = "(Strip at 1 mA cm-2 for 1 hour, Plate at 1 mA cm-2 for 1 hour) x 2"
    bare = simulate(
        Cell.symmetric("LLZO", pressure="0.1 MPa", overrides=_CLEAN_LLZO), protocol, options=_CREEP_ONLY
    )
    coated = simulate(_sandwich(pressure="0.1 MPa"), protocol, options=_CREEP_ONLY)
    assert float(bare.dataset["contact_we"].min()) < 0.5
    assert float(coated.dataset["contact_we"].min()) == pytest.approx(1.0, abs=1e-9)
    assert "contact_loss_creep" in coated.verdict.coverage["inactive"]


def test_the_salt_depletes_within_the_polymer_layer():
    """Analytic limit: at steady state the salt in a layer of thickness L between Li and an anion-blocking
    ceramic has dc = j (1 - t+) L / (F D) across it, and the concentration overpotential is
    2 (1 - t+) (RT/F) ln((c0 + dc/2) / (c0 - dc/2)) (the binary-electrolyte result with L the layer's
    thickness): after 1 hour at 0.5 of the layer's limiting current, within 1 %."""
    cell = _sandwich("20 um")
    p, _ = cell_parameters(cell)
    t_plus, d, c0, length = (
        float(x)
        for x in (
            p.transference_number,
            p.salt_diffusion_coefficient,
            p.salt_concentration,
            p.depletion_length,
        )
    )
    assert length == pytest.approx(20e-6)
    j_lim = 2 * FARADAY * d * c0 / ((1 - t_plus) * length)
    j = 0.5 * j_lim
    result = simulate(cell, f"Plate at {j / 10:.6g} mA cm-2 for 1 hour")
    dc = j * (1 - t_plus) * length / (FARADAY * d)
    want = (
        2 * (1 - t_plus) * GAS_CONSTANT * cell.temperature / FARADAY * math.log((c0 + dc / 2) / (c0 - dc / 2))
    )
    assert float(result.dataset["concentration"].values[-1]) == pytest.approx(want, rel=0.01)


def test_above_the_layers_limiting_current_its_salt_runs_out_without_a_dendrite_short():
    """Above j_lim = 2 F D c0 / ((1 - t+) L) the layer's salt runs out at the plated side (the verdict says
    so); Sand dendrites in the layer do not short a cell whose ceramic blocks them (no filament grows from
    the depletion). Below it, the salt lasts."""
    cell = _sandwich("20 um")
    p, _ = cell_parameters(cell)
    j_lim = (
        2
        * FARADAY
        * float(p.salt_diffusion_coefficient * p.salt_concentration)
        / ((1 - float(p.transference_number)) * float(p.depletion_length))
    )
    exhausted = "salt exhausted at the plated side"
    above = simulate(cell, f"Plate at {1.5 * j_lim / 10:.6g} mA cm-2 for 1 hour")
    assert any(exhausted in line for line in above.verdict.mechanism_chain)
    assert float(above.dataset["filament_we"].max()) < 1e-7
    below = simulate(cell, f"Plate at {0.8 * j_lim / 10:.6g} mA cm-2 for 1 hour")
    assert not any(exhausted in line for line in below.verdict.mechanism_chain)
