"""What matters most (lisse.cell.sensitivity): the estimator against an analytic case, the ranking of a real
cell against the physics it rests on, and bad input."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import numpy as np
import pytest
import xarray as xr

from lisse._core.errors import LisseError
from lisse.cell.sensitivity import MIN_SAMPLES_FOR_INDICES, sensitivity
from lisse.cell.uncertainty import UncertainInput
from lisse.materials.evidence import Distribution


def _synthetic(y_of_z, n: int, k: int = 4, ramp: bool = False, seed: int = 0):
    """An ensemble-shaped object whose outcome is a known function of the standard-normal draws."""
    z = np.random.default_rng(seed).standard_normal((n, k))
    inputs = tuple(
        UncertainInput(f"M.p{i}", "material", 1.0, Distribution("normal", 0, 1), "estimated", "test")
        for i in range(k)
    )
    ds = xr.Dataset({"time_to_failure": ("sample", y_of_z(z)), "asr_final": ("sample", np.ones(n))})
    return SimpleNamespace(dataset=ds, sampled=SimpleNamespace(z=z, inputs=inputs), ramp=ramp)


def test_first_order_indices_of_a_linear_model():
    """Y = 3 z0 + z1 (z independent standard normal): S1 = 9/10 and 1/10, the others 0 (analytic). The
    outcome is rank-transformed first, which keeps the order; RBD-FAST from 1024 given samples: within
    0.1."""
    ens = _synthetic(lambda z: np.exp(3 * z[:, 0] + z[:, 1]), 1024)
    result = sensitivity(ens, "time_to_failure")
    by = {r.input: r for r in result.ranking}
    assert [r.input for r in result.ranking[:2]] == ["M.p0", "M.p1"]
    assert by["M.p0"].first_order == pytest.approx(0.9, abs=0.1)
    assert by["M.p1"].first_order == pytest.approx(0.1, abs=0.1)
    assert by["M.p2"].first_order < 0.05 and by["M.p3"].first_order < 0.05
    assert by["M.p0"].spearman > 0.8
    assert "RBD-FAST" in result.method


def test_survivors_rank_together_at_the_top_and_few_samples_use_rank_correlation():
    """A survivor's time to failure is beyond the protocol (inf): ranks need no number for it. Below the
    sample threshold only Spearman ranks the inputs; a negative effect has a negative sign."""
    ens = _synthetic(
        lambda z: np.where(z[:, 2] < -0.5, np.inf, np.exp(-z[:, 2])), MIN_SAMPLES_FOR_INDICES - 4
    )
    result = sensitivity(ens, "time_to_failure")
    top = result.ranking[0]
    assert top.input == "M.p2" and top.spearman < -0.8 and top.first_order is None
    assert "M.p2 (estimated)" in result.sentence()


def test_an_outcome_that_does_not_vary_has_no_ranking():
    result = sensitivity(_synthetic(lambda z: np.full(len(z), np.inf), 20), "time_to_failure")
    assert result.ranking == () and "does not vary" in result.sentence()


@pytest.mark.parametrize("outcome, match", [("lifetime", "not an outcome"), ("ccd", "not a current ramp")])
def test_bad_outcome(outcome, match):
    with pytest.raises(LisseError, match=match):
        sensitivity(_synthetic(lambda z: z[:, 0], 10), outcome)


@pytest.mark.slow
def test_the_ccd_of_a_sulfide_cell_is_driven_by_its_flaws():
    """Li | Li6PS5Cl | Li at 5 MPa: filaments enter surface flaws (Porz et al. 2017: the critical
    overpotential falls as the flaw grows and rises with K_Ic), so the CCD ranks the flaw's inputs (grain
    size, the weakest-link flaw ratio) or the fracture toughness first, and a larger grain lowers the CCD."""
    from lisse.cell import Cell
    from lisse.cell.ensemble import critical_current_density_samples

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ens = critical_current_density_samples(Cell.symmetric("Li6PS5Cl"), 128, seed=0)
    result = sensitivity(ens)
    assert result.outcome == "ccd"
    flaw_inputs = {"Li6PS5Cl.grain_size", "largest_flaw_ratio", "Li6PS5Cl.fracture_toughness"}
    assert result.ranking[0].input in flaw_inputs
    grain = next(r for r in result.ranking if r.input == "Li6PS5Cl.grain_size")
    assert grain.spearman < 0


@pytest.mark.slow
def test_local_elasticity_of_the_asr_is_its_ohmic_share():
    """Analytic limit: ASR = L/sigma + terms that do not depend on sigma (full contact: no constriction), so
    d ln ASR / d ln sigma = -(L/sigma)/ASR, the ohmic share at the last point (forward-mode derivative
    through the solve times the resolver's d ln p / d ln x = 1 for a recorded conductivity): within 1 %."""
    from lisse.cell import Cell
    from lisse.cell.sensitivity import local_elasticities
    from lisse.cell.simulate import simulate

    cell = Cell.symmetric("LLZO", overrides={"LLZO": {"interfacial_asr:Li": "0.1 ohm*cm^2"}})
    protocol = "(Plate at 0.2 mA cm-2 for 1 hour, Strip at 0.2 mA cm-2 for 1 hour) x 3"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        e = {x.input: x.elasticity for x in local_elasticities(cell, protocol)}
        ds = simulate(cell, protocol).dataset
    assert float(ds["constriction"].values[-1]) == pytest.approx(0.0, abs=1e-12)
    share = float(ds["ohmic"].values[-1] / ds["current_density"].values[-1] / ds["asr"].values[-1])
    assert e["LLZO.ionic_conductivity"] == pytest.approx(-abs(share), rel=0.01)


def test_local_elasticities_refuse_a_step_function_outcome():
    from lisse.cell import Cell
    from lisse.cell.sensitivity import local_elasticities

    with pytest.raises(LisseError, match="step function"):
        local_elasticities(Cell.symmetric("LLZO"), "Plate at 1 mA cm-2 for 1 hour", outcome="ccd")
