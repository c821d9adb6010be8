"""Polymer electrolytes (issue 12, item 4; review section 3.1, refs. 38-44): PEO-LiTFSI, 25 to 90 degC.

Transport: the VTF conductivity of the library, the ions' PFG-NMR self-diffusivities moved with the same
VTF law (Nernst-Einstein at a fixed concentration: an estimate), t+, D_salt and c from the ideal binary-salt
rules.
Failure: the salt depletes at the plated electrode (one-mode relaxation), Sand dendrites grow once it is
exhausted, and the polymer's low shear modulus does not hold them back (Monroe & Newman 2005).

The emergent tests switch off the Li | PEO interphase growth: its Wagner estimate (LiH + Li2O + LiC12 with
random-mixture conductivities of ~2e-6 S/m, docs/simulator.md) ends every PEO cell by impedance rise within
the first cycles, long before depletion; these tests check what transport and stiffness do.
"""

from __future__ import annotations

import warnings

import jax
import jax.numpy as jnp
import numpy as np
import pytest

from lisse._core.constants import FARADAY
from lisse._core.errors import ExtrapolationWarning
from lisse.cell import Cell, parse_protocol
from lisse.cell.model import Features, initial_state, vector_field
from lisse.cell.parameters import ModelOptions, cell_parameters, stack_parameters
from lisse.cell.simulate import critical_current_density
from lisse.cell.solver import schedule_from_protocol, segments, solve
from lisse.materials.estimates import binary_salt_transport
from lisse.materials.resolve import Resolver
from lisse.mechanisms.electric.filaments import (
    dendrite_growth_factor_monroe2005,
    filament_growth_velocity,
    limiting_current_density,
    stability_margin_monroe2005,
)

SYMMETRIC = Features(cathode=False, holds=False, step_ends=False)
NO_INTERPHASE = ModelOptions(mechanisms_off=("interphase_growth_wagner",))
#: A CCD ramp fine enough for polymers: 10 uA/cm2 levels, each plated then stripped for 15 minutes.
RAMP = "Step current from 0.01 to 4 mA cm-2 by 0.01 every 30 minutes until failure"


def peo(temperature: str) -> Cell:
    return Cell.symmetric("PEO-LiTFSI", thickness="100 um", temperature=temperature)


def _params(temperature: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        return cell_parameters(peo(temperature), options=NO_INTERPHASE)[0]


def _ccd(T: int):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        return critical_current_density(peo(f"{T} degC"), RAMP, options=NO_INTERPHASE)


@pytest.fixture(scope="module")
def ramps():
    return {T: _ccd(T) for T in (25, 60, 80)}


# -- inputs: transport follows the polymer's VTF law -------------------------------------------------
def test_salt_transport_follows_the_vtf_law():
    """D+ and D- move with the conductivity's VTF law as D/T (Nernst-Einstein at fixed c): t+ stays the ideal
    0.20 of Pesko et al.'s diffusivities, D_salt follows D = 2 D+ D-/(D+ + D-) of the moved diffusivities, and
    c (evaluated where the diffusivities were measured) does not change."""
    lo, hi = Resolver(None, 298.15), Resolver(None, 353.15)
    for r in (lo, hi):
        d_plus = r("PEO-LiTFSI", "self_diffusion_coefficient").value
        d_minus = r("PEO-LiTFSI", "anion_self_diffusion_coefficient").value
        t_plus, d_salt = binary_salt_transport(d_plus, d_minus)
        assert r("PEO-LiTFSI", "transference_number").value == pytest.approx(t_plus, rel=1e-12)
        assert r("PEO-LiTFSI", "salt_diffusion_coefficient").value == pytest.approx(d_salt, rel=1e-12)
    sigma = [r("PEO-LiTFSI", "ionic_conductivity").value for r in (lo, hi)]
    d_salt = [r("PEO-LiTFSI", "salt_diffusion_coefficient").value for r in (lo, hi)]
    # D/T follows the same law as sigma: D(T2)/D(T1) = sigma(T2) T2 / (sigma(T1) T1)
    assert d_salt[1] / d_salt[0] == pytest.approx(sigma[1] * 353.15 / (sigma[0] * 298.15), rel=1e-9)
    assert lo("PEO-LiTFSI", "transference_number").value == pytest.approx(0.1975, abs=1e-4)
    c = [r("PEO-LiTFSI", "salt_concentration").value for r in (lo, hi)]
    assert c[0] == pytest.approx(c[1], rel=1e-12)


def test_polymer_fails_the_monroe_newman_criterion_at_every_temperature():
    """Monroe & Newman (2005): roughening is suppressed only when G > 2 G_Li. PEO-LiTFSI's shear modulus (an
    estimate spanning melt and semicrystalline PEO, 1e5-1e9 Pa) is far below 2 x 2.83 GPa, so its growth
    factor is 1 to within 1e-5 at 25 and 80 degC and about 1 across its whole uncertainty band; LLZO passes
    (factor 0)."""
    for T in ("25 degC", "80 degC"):
        p = _params(T)
        assert float(stability_margin_monroe2005(p.shear_modulus, p.shear_modulus_li)) < -1.9
        assert float(dendrite_growth_factor_monroe2005(p.shear_modulus, p.shear_modulus_li)) > 1 - 1e-5
    band_top = Resolver(None, 298.15)("PEO-LiTFSI", "shear_modulus").distribution.b
    assert float(dendrite_growth_factor_monroe2005(band_top, 2.83e9)) > 0.9
    llzo = cell_parameters(Cell.symmetric("LLZO"))[0]
    assert float(dendrite_growth_factor_monroe2005(llzo.shear_modulus, llzo.shear_modulus_li)) == 0.0


# -- unit test of the coupling's rate against the mechanism functions ---------------------------------
@pytest.mark.parametrize("stiffness", [None, 10.0])
def test_sand_dendrite_rate_is_the_monroe_newman_factor_times_the_tip_velocity(stiffness):
    """With the plated interface depleted (deficit = c0), the filament grows at
    f_MN(G, G_Li) x filament_growth_velocity(j / phi): f ~ 1 for the polymer, 0 once G = 10 G_Li."""
    p = _params("60 degC")
    if stiffness is not None:
        p = p._replace(shear_modulus=stiffness * p.shear_modulus_li)
    y = initial_state(p)._replace(depletion=jnp.asarray(p.salt_concentration, dtype=float))
    j = 5.0  # A/m^2, plating the working electrode
    args = (p, jnp.zeros(()), jnp.asarray(j), jnp.zeros(()))
    dy = vector_field(jnp.zeros(()), y, args)
    factor = dendrite_growth_factor_monroe2005(p.shear_modulus, p.shear_modulus_li)
    expected = factor * filament_growth_velocity(j / 1.0, p.molar_volume_li, p.tip_focusing_factor)
    assert float(dy.filament[0]) == pytest.approx(float(expected), rel=1e-12, abs=1e-30)
    assert float(dy.filament[1]) == 0.0  # the stripped electrode grows none
    if stiffness is not None:
        assert float(dy.filament[0]) == 0.0


def test_gradient_through_the_monroe_newman_coupling_is_finite():
    """d(Sand filament growth rate)/d(shear modulus of the electrolyte) is finite and negative near the
    criterion (a stiffer electrolyte slows the dendrite)."""
    p = _params("60 degC")
    y = initial_state(p)._replace(depletion=jnp.asarray(p.salt_concentration, dtype=float))

    def rate(g):
        args = (p._replace(shear_modulus=g), jnp.zeros(()), jnp.asarray(5.0), jnp.zeros(()))
        return vector_field(jnp.zeros(()), y, args).filament[0]

    g = jax.grad(rate)(jnp.asarray(p.shear_modulus_li))  # halfway to the criterion
    assert np.isfinite(float(g)) and float(g) < 0


# -- emergent tests ---------------------------------------------------------------------------------
def test_room_temperature_failure_is_a_sand_dendrite_short(ramps):
    """At 25 degC the polymer cell shorts by dendrites grown from the depleted, plated interface (review
    section 3.1: dendrites "can easily penetrate most of the SPEs due to their relatively low elastic
    modulus"; Dolle et al. 2002, review ref. 38)."""
    _, result = ramps[25]
    assert result.verdict.failure_mode == "short_circuit"
    chain = " ".join(result.verdict.mechanism_chain)
    assert "Sand" in chain and "Porz" not in chain


@pytest.mark.xfail(
    strict=True,
    reason="known miss (docs/simulator.md, 'Polymer electrolytes'): the model's room-temperature CCD of "
    "PEO-LiTFSI (5 kg/mol, EO:Li 12.5, 100 um) is ~0.8 mA/cm2 in a 30-minute ramp and its steady Sand limit "
    "0.13 mA/cm2, against ~0.05 mA/cm2 reported (review ref. 38)",
)
def test_room_temperature_ccd_is_near_50_uA_per_cm2(ramps):
    """Review section 3.1: "the critical current density for PEO-based SPEs had been reported to be small as
    50 uA cm-2" (Dolle et al. 2002, ref. 38; the review gives no temperature or thickness; the issue reads it
    as room temperature). Tolerance: a factor 2 either way."""
    value, _ = ramps[25]
    assert value is not None and 0.025 <= value <= 0.1


def test_steady_sand_limit_at_room_temperature():
    """The steady depletion limit J_lim = 2 F c D / ((1 - t+) L) (limiting_current_density) of the 25 degC
    inputs is what a long plating step fails at; it is reported next to the literature's 0.05 mA/cm2 in
    docs/simulator.md (0.13 mA/cm2 here, a factor 2.7 above: not tuned)."""
    p = _params("25 degC")
    j_lim = float(
        limiting_current_density(
            p.salt_diffusion_coefficient, p.salt_concentration, p.transference_number, p.thickness
        )
    )
    assert j_lim == pytest.approx(
        2
        * FARADAY
        * float(p.salt_concentration * p.salt_diffusion_coefficient)
        / ((1 - float(p.transference_number)) * float(p.thickness)),
        rel=1e-9,
    )
    assert 0.5 < j_lim < 5.0  # A/m^2, i.e. 0.05-0.5 mA/cm^2


def test_ccd_rises_several_fold_above_the_melt(ramps):
    """Above PEO's melting point (~60 degC) its segmental transport is fast: the CCD at 60-80 degC is several
    times the room-temperature one. Literature: ~50 uA/cm2 at room temperature (review ref. 38) against
    operation at 60-90 degC (review section 2.1; library description); literature.md's 0.1-0.5 mA/cm2 at
    60-80 degC is recalled only, so the test asks for the trend: CCD(25) < CCD(60) < CCD(80) and
    CCD(80)/CCD(25) between 2 and 20 ("several-fold")."""
    c25, c60, c80 = (ramps[T][0] for T in (25, 60, 80))
    assert None not in (c25, c60, c80)
    assert c25 < c60 < c80
    assert 2.0 <= c80 / c25 <= 20.0
    for T in (60, 80):
        assert ramps[T][1].verdict.failure_mode == "short_circuit"


def _plated_past_sand():
    return segments(schedule_from_protocol(parse_protocol("Plate at 0.3 mA cm-2 for 1 hour")))


@pytest.mark.slow
def test_batched_polymer_cells_equal_looped():
    """PEO cells at 25 and 80 degC plated past the 25 degC Sand limit: one vmapped batch equals the single
    solves to the solver tolerance, with Sand dendrites grown (no short yet) at 25 degC."""
    seg = _plated_past_sand()
    params = [_params(T) for T in ("25 degC", "80 degC")]
    batch = jax.vmap(lambda p: solve(p, seg, features=SYMMETRIC))(stack_parameters(params))
    for k, p in enumerate(params):
        single = solve(p, seg, features=SYMMETRIC)
        np.testing.assert_allclose(batch["y"].depletion[k], single["y"].depletion, rtol=1e-6)
        np.testing.assert_allclose(batch["y"].filament[k], single["y"].filament, rtol=1e-5, atol=1e-12)
    grown = float(batch["y"].filament[0, 0, -1, 0])
    assert 0.0 < grown < float(params[0].thickness)


@pytest.mark.slow
def test_gradient_of_a_solve_with_sand_dendrites_is_finite():
    """d(filament length after 1 h)/d(electrolyte shear modulus) through the whole solve: finite in reverse
    mode (NaN before :func:`~lisse.cell.model.physical_state`) and equal to the forward-mode derivative
    (rtol 1e-6: the same solve differentiated two ways)."""
    seg = _plated_past_sand()
    p = _params("25 degC")

    def final_filament(g, forward_mode=False):
        out = solve(p._replace(shear_modulus=g), seg, features=SYMMETRIC, forward_mode=forward_mode)
        return out["y"].filament[0, -1, 0]

    g0 = jnp.asarray(p.shear_modulus)
    reverse = float(jax.grad(final_filament)(g0))
    forward = float(jax.jacfwd(lambda g: final_filament(g, True))(g0))
    assert np.isfinite(reverse) and reverse != 0.0
    assert reverse == pytest.approx(forward, rel=1e-6)
