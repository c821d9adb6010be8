"""Sampled cells (lisse.cell.uncertainty) and their bands (lisse.cell.ensemble): draws follow the inputs'
distributions, rules and the interphase follow the drawn inputs, and each sampled cell's outcome is the
outcome of the same cell run on its own."""

from __future__ import annotations

import warnings
from dataclasses import replace

import numpy as np
import pytest
from scipy import stats

from lisse._core.errors import LisseError
from lisse.cell import Cell, uncertainty
from lisse.cell.parameters import FLAW_DRAW, ModelOptions, cell_parameters, read_cell, stack_parameters
from lisse.cell.uncertainty import (
    STRENGTH_SCATTER,
    check_samples,
    draw_values,
    largest_flaw_distribution,
    parameters_at,
    sample_parameters,
    uncertain_inputs,
    weibull_modulus,
)
from lisse.materials.estimates import pore_diameter_hydraulic
from lisse.thermo import interphase, interphase_conductivities


@pytest.fixture(scope="module")
def llzo_samples():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return sample_parameters(Cell.symmetric("LLZO"), 200, seed=7)


def _column(sampled, label):
    return sampled.values[:, [u.label for u in sampled.inputs].index(label)]


def test_same_seed_same_cells_other_seed_other_cells(llzo_samples):
    again = sample_parameters(Cell.symmetric("LLZO"), 5, seed=7)
    np.testing.assert_array_equal(again.z, llzo_samples.z[:5])
    np.testing.assert_array_equal(
        again.parameters.ionic_conductivity, llzo_samples.parameters.ionic_conductivity[:5]
    )
    other = sample_parameters(Cell.symmetric("LLZO"), 5, seed=8)
    assert not np.allclose(other.parameters.ionic_conductivity, again.parameters.ionic_conductivity)


def test_a_recorded_input_is_drawn_from_its_own_distribution(llzo_samples):
    """The conductivity of each sampled cell is its draw, and the draws follow the record's distribution
    (Kolmogorov-Smirnov against the distribution's CDF, 200 draws, p > 0.01)."""
    u = next(u for u in llzo_samples.inputs if u.label == "LLZO.ionic_conductivity")
    x = np.asarray(llzo_samples.parameters.ionic_conductivity)
    np.testing.assert_array_equal(x, _column(llzo_samples, u.label))
    d = u.distribution
    scipy_law = {
        "normal": lambda: stats.norm(d.a, d.b),
        "lognormal": lambda: stats.lognorm(s=d.b, scale=d.a),
        "uniform": lambda: stats.uniform(d.a, d.b - d.a),
        "loguniform": lambda: stats.loguniform(d.a, d.b),
    }[d.kind]()
    assert stats.kstest(x, scipy_law.cdf).pvalue > 0.01


def test_a_rule_follows_its_drawn_inputs(llzo_samples):
    """The pore size is not drawn: each sampled cell's is the hydraulic-diameter rule of its own drawn grain
    size and relative density (exact)."""
    labels = [u.label for u in llzo_samples.inputs]
    assert "LLZO.pore_size" not in labels
    d, rho = _column(llzo_samples, "LLZO.grain_size"), _column(llzo_samples, "LLZO.relative_density")
    want = [pore_diameter_hydraulic(r, g) for g, r in zip(d, rho, strict=True)]
    np.testing.assert_allclose(llzo_samples.parameters.pore_diameter, want, rtol=1e-12)


def test_rule_inputs_are_drawn_not_the_rule_result():
    """Li's vacancy diffusion coefficient comes from a rule: its inputs are drawn (and listed), it is not."""
    _, coverage = cell_parameters(Cell.symmetric("LLZO"))
    labels = [u.label for u in uncertain_inputs(Cell.symmetric("LLZO"), coverage)]
    assert "Li.vacancy_diffusion_coefficient" not in labels
    assert "Li.self_diffusion_coefficient" in labels


def test_the_largest_flaw_is_a_fréchet_draw_over_the_drawn_grain(llzo_samples):
    """No flaw size is recorded: the flaw is a grain (drawn) times the weakest-link ratio (drawn)."""
    grain, ratio = _column(llzo_samples, "LLZO.grain_size"), _column(llzo_samples, FLAW_DRAW)
    np.testing.assert_allclose(llzo_samples.parameters.flaw_length, grain * ratio, rtol=1e-12)
    assert np.median(ratio) == pytest.approx(1.0, abs=0.1)  # Fréchet median 1 (200 draws)


def test_a_stated_flaw_is_not_drawn():
    cell = Cell.symmetric("LLZO").model_copy(
        update={"electrolyte": Cell.symmetric("LLZO").electrolyte.model_copy(update={"flaw_size": 5e-6})}
    )
    s = sample_parameters(cell, 3, seed=1)
    assert FLAW_DRAW not in [u.label for u in s.inputs]
    np.testing.assert_array_equal(s.parameters.flaw_length, 5e-6)


def test_weibull_modulus_of_the_quoted_scatter():
    """Jackman & Cutler 2012, fine-grained LATP: 123 ± 17 MPa. The Weibull law with that CV has m ~ 8.6
    (the textbook rule m ~ 1.2/CV gives 8.7): within 3 %."""
    m = weibull_modulus(STRENGTH_SCATTER)
    assert m == pytest.approx(1.2 / STRENGTH_SCATTER, rel=0.03)
    d = largest_flaw_distribution(2e-6)
    assert d.quantile(0.5) == pytest.approx(2e-6) and d.b == pytest.approx(m / 2)


def test_closures_are_drawn_in_their_ranges_unless_set():
    opts = ModelOptions(void_depth=2e-6)
    s = sample_parameters(Cell.symmetric("LLZO"), 20, seed=2, options=opts)
    labels = [u.label for u in s.inputs]
    assert "closure.void_depth" not in labels
    np.testing.assert_array_equal(s.parameters.void_depth, 2e-6)
    tip = np.asarray(s.parameters.tip_focusing_factor)
    assert np.all((tip >= 100 / 3) & (tip <= 300)) and np.ptp(tip) > 0


def test_product_draws_reach_the_interphase():
    """A drawn product conductivity enters the interphase's effective conductivities (connected network)
    and with them the Wagner constant; the nominal values are unchanged without the draw."""
    cell = Cell.symmetric("Li6PS5Cl")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nominal, _ = cell_parameters(cell)
        low, _ = cell_parameters(cell, draws={"Li2S.electronic_conductivity": 1e-14})
        ip = interphase("Li6PS5Cl", temperature=cell.temperature)
    _, s_el = interphase_conductivities(
        ip, temperature=cell.temperature, draws={"Li2S.electronic_conductivity": 1e-14}
    )
    assert s_el < ip.effective_electronic_conductivity_S_per_m
    assert float(low.interphase_parabolic_constant) < float(nominal.interphase_parabolic_constant)


def test_a_cell_read_once_gives_each_draw_what_a_fresh_reading_does():
    """A sampler reads what no draw changes once (``read_cell``: library, materials, the interphase) and each
    sampled cell from it: parameters and coverage are exactly those of a reading from scratch, for the
    nominal cell and a draw, and where thermodynamics gives no interphase the reason is kept."""
    cell = Cell.symmetric("Li6PS5Cl", pressure="5 MPa")
    draws = {"Li2S.electronic_conductivity": 1e-14, "Li6PS5Cl.ionic_conductivity": 0.05, FLAW_DRAW: 2.0}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reading = read_cell(cell)
        for d in (None, draws):
            fresh, fresh_coverage = cell_parameters(cell, draws=d)
            reused, reused_coverage = cell_parameters(cell, draws=d, reading=reading)
            assert fresh._asdict() == reused._asdict()
            assert fresh_coverage.to_dict() == reused_coverage.to_dict()
        unavailable = replace(reading, interphase="no phase diagram (test)")
        _, coverage = cell_parameters(cell, reading=unavailable)
    assert (
        coverage.inactive["interphase_growth_wagner"] == "thermodynamics unavailable: no phase diagram (test)"
    )


_I0 = "10 A/m^2"
_BATCH_CELLS = {  # cell, read at once?
    "Li6PS5Cl": (Cell.symmetric("Li6PS5Cl", pressure="5 MPa"), True),
    "LLZO (bare surface)": (Cell.symmetric("LLZO"), True),
    "LGPS (mixed-conducting interphase)": (Cell.symmetric("LGPS"), True),
    "PEO-LiTFSI (salt depletion)": (Cell.symmetric("PEO-LiTFSI"), True),
    "LLZO at -20 degC": (Cell.symmetric("LLZO", temperature="-20 degC"), True),
    "full cell": (
        Cell.full("Li6PS5Cl", "NMC811", overrides={"NMC811": {"exchange_current_density:Li6PS5Cl": _I0}}),
        True,
    ),
    "Al2O3 interlayer": (Cell.symmetric("LLZO", interlayer="Al2O3"), False),
    "Li3N interlayer": (Cell.symmetric("LGPS", interlayer="Li3N"), False),
    "Li-Mg anode": (Cell.symmetric("LLZO", anode="Li-Mg:10at%"), False),
}


@pytest.mark.parametrize("name", list(_BATCH_CELLS))
def test_cells_read_at_once_are_the_cells_read_one_by_one(name):
    """``parameters_at`` reads a batch of sampled cells at once (each input an array) where no value decides
    the reading per cell, else one by one; either way every field of every cell is exactly (to 1e-13) what
    reading that cell alone gives. Which cells are read at once is part of the check: an interlayer's and
    an alloy's readings decide per cell (they fall back)."""
    cell, at_once = _BATCH_CELLS[name]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nominal, coverage = cell_parameters(cell)
        inputs = uncertain_inputs(cell, coverage, None, float(nominal.flaw_length))
        values = draw_values(inputs, np.random.default_rng(3).standard_normal((24, len(inputs))))
        batch = parameters_at(cell, inputs, values)
        opts, reading = ModelOptions(), read_cell(cell)
        assert (uncertainty._read_at_once(cell, inputs, values, None, opts, reading) is not None) is at_once
        for i in (0, 7, 23):
            alone, _ = uncertainty._read_one(cell, inputs, values[i].tolist(), None, opts, reading)
            for field, column in batch._asdict().items():
                np.testing.assert_allclose(column[i], getattr(alone, field), rtol=1e-13, err_msg=field)
    drawn = [u.label for u in inputs].index(f"{cell.electrolyte.material}.ionic_conductivity")
    np.testing.assert_array_equal(batch.ionic_conductivity, values[:, drawn])  # the draws, not copies of one


def test_stacked_parameters_are_the_sets_side_by_side():
    """Stacking scalar parameter sets through one table of floats gives each field's values in order (as
    ``np.stack`` of each field), contiguous; sets with array fields are stacked field by field."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sets = [cell_parameters(Cell.symmetric("LLZO", pressure=f"{p} MPa"))[0] for p in (0.5, 1.0, 7.0)]
    stacked = stack_parameters(sets)
    for name, column in stacked._asdict().items():
        np.testing.assert_array_equal(column, np.stack([getattr(s, name) for s in sets]))
        assert column.flags["C_CONTIGUOUS"] and column.dtype == np.float64
    np.testing.assert_array_equal(stacked.pressure, [0.5e6, 1.0e6, 7.0e6])
    twice = stack_parameters([stacked, stacked])
    assert twice.pressure.shape == (2, 3)
    np.testing.assert_array_equal(twice.pressure[1], stacked.pressure)


def test_interphase_conductivities_without_draws_are_the_interphases():
    """Without draws, the conductivities recomputed from the interphase's products (their values resolved
    once per interphase, library and temperature) are exactly those the classification found; a draw
    changes only its own product's value, and a second call with other draws sees its own."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ip = interphase("Li6PS5Cl", temperature=298.15)
    assert interphase_conductivities(ip, temperature=298.15) == (
        ip.effective_ionic_conductivity_S_per_m,
        ip.effective_electronic_conductivity_S_per_m,
    )
    low = interphase_conductivities(ip, temperature=298.15, draws={"Li2S.electronic_conductivity": 1e-14})
    high = interphase_conductivities(ip, temperature=298.15, draws={"Li2S.electronic_conductivity": 1e-6})
    assert low[0] == high[0] == ip.effective_ionic_conductivity_S_per_m
    assert low[1] < high[1]


@pytest.mark.parametrize("samples, seed", [(0, 0), (-3, 0), (2.5, 0), ("4", 0), (4, -1), (4, 1.5), (True, 0)])
def test_bad_samples_or_seed(samples, seed):
    with pytest.raises(LisseError, match=r"samples|seed"):
        check_samples(samples, seed)


# -- bands: the sampled cells solved as one batch --------------------------------------------------------
_PROTOCOL = "(Plate at 1 mA cm-2 for 1 hour, Strip at 1 mA cm-2 for 1 hour) x 5"


@pytest.fixture(scope="module")
def ensemble():
    from lisse.cell.ensemble import simulate_samples

    cell = Cell.symmetric(
        "LLZO", pressure="1 MPa", overrides={"LLZO": {"interfacial_asr:Li": "0.1 ohm*cm^2"}}
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return cell, simulate_samples(cell, _PROTOCOL, 6, seed=11)


@pytest.mark.slow
def test_each_sampled_cell_is_the_cell_run_alone_with_its_values(ensemble):
    """A sampled cell's outcome equals that of a single run of the same cell with the drawn values given as
    the user's overrides, closures as options and the drawn flaw as the cell's flaw size (the draw enters
    where a record would: same resolution, same rules; the batch equals a single solve). Li | LLZO forms
    no growing interphase, so the drawn values of its thermo products (not library materials, which a
    cell cannot override) change nothing here."""
    from lisse.cell.simulate import simulate

    cell, ens = ensemble
    inputs = ens.sampled.inputs
    for i in (0, 3):
        overrides = {k: dict(v) for k, v in cell.overrides.items()}
        closures = {}
        for u, x in zip(inputs, ens.sampled.values[i], strict=True):
            if u.kind == "closure":
                closures[u.label.removeprefix("closure.")] = float(x)
            elif u.kind == "material" and u.label.split(".")[0] in ("Li", "LLZO"):
                material, name = u.label.split(".", 1)
                overrides.setdefault(material, {})[name] = f"{float(x)!r} {u.unit}".strip()
        flaw = float(ens.sampled.parameters.flaw_length[i])
        alone = cell.model_copy(
            update={
                "overrides": overrides,
                "electrolyte": cell.electrolyte.model_copy(update={"flaw_size": flaw}),
            }
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            v = simulate(alone, _PROTOCOL, options=ModelOptions(**closures)).verdict
        assert ens.dataset["failure_mode"].values[i] == (v.failure_mode or "none")
        assert ens.dataset["asr_final"].values[i] == pytest.approx(v.asr_final_ohm_cm2, rel=1e-6)
        if v.failed:
            assert ens.dataset["time_to_failure"].values[i] == pytest.approx(v.time_to_failure_h, rel=1e-6)


@pytest.mark.slow
def test_sampled_cells_outcomes_do_not_depend_on_their_saves(ensemble):
    """The sampled cells save SAMPLE_SAVES_PER_STEP points a step unless the options set saves_per_step; the
    saves are interpolated between the solver's steps and do not move them, so every outcome, failure mode
    and mechanism is exactly that of the same draws saved at the nominal run's 9 points a step."""
    from lisse.cell.ensemble import SAMPLE_SAVES_PER_STEP, simulate_samples

    cell, coarse = ensemble
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fine = simulate_samples(cell, _PROTOCOL, 6, seed=11, options=ModelOptions(saves_per_step=9))
    assert coarse.dataset.sizes["save"] == SAMPLE_SAVES_PER_STEP < 9 == fine.dataset.sizes["save"]
    for name in ("time_to_failure", "cycle_at_failure", "asr_final", "failure_mode", "mechanism"):
        np.testing.assert_array_equal(coarse.dataset[name].values, fine.dataset[name].values, err_msg=name)
    # the saves of a step are its start, middle and end: in every step a cell completed, the coarse curve is
    # the fine one at those points (a failing step saves the failure in its first slot not reached)
    v_fine, v_coarse = fine.dataset["voltage"].values, coarse.dataset["voltage"].values
    done = np.isfinite(v_fine[:, :, -1])
    assert done.sum() > 10
    np.testing.assert_allclose(v_coarse[done], v_fine[:, :, ::4][done], rtol=1e-9)


@pytest.mark.slow
def test_summary_of_the_band(ensemble):
    _, ens = ensemble
    s = ens.summary()
    assert s["samples"] == 6 and s["seed"] == 11
    assert sum(s["failure_mode_probabilities"].values()) == pytest.approx(1.0)
    assert "ccd_mA_cm2" not in s and "capacity_retention" not in s  # not a ramp; a symmetric cell
    lo, mid, hi = (s[f"asr_final{q}_ohm_cm2"] for q in ("_p05", "", "_p95"))
    assert lo <= mid <= hi
    finite = ens.dataset["time_to_failure"].values
    if np.isinf(finite).mean() > 0.5:  # most survive: the median lies beyond the protocol
        assert s["time_to_failure_h"] is None
    assert ens.dataset.sizes["sample"] == 6 and ens.dataset["voltage"].shape[0] == 6


def test_draws_stay_inside_the_propertys_allowed_range():
    """A relative density is at most 1 (the property catalogue); the family prior behind LGPS's, built in log
    space, reaches above it: such draws are moved just inside the bound, so a pore size stays >= 0."""
    s = sample_parameters(Cell.symmetric("LGPS"), 64, seed=3)
    rho = _column(s, "LGPS.relative_density")
    assert rho.max() < 1.0 and rho.min() > 0.0
    assert np.all(np.asarray(s.parameters.pore_diameter) >= 0.0)
