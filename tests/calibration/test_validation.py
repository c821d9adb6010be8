"""Validation scoring (synthetic predictions) and, in the slow step, the coverage of the shipped model."""

import math

import numpy as np
import pytest

from lisse.calibration.predict import Prediction
from lisse.calibration.validate import COVERAGE_FLOOR, score
from lisse.experiments import load_experiments


def _record(record_id: str):
    return next(e for e in load_experiments() if e.id == record_id)


def _prediction(exp, values, censored=None):
    v = np.asarray(values, float)[:, None]
    c = np.zeros_like(v, bool) if censored is None else np.asarray(censored)[:, None]
    return Prediction(exp, "", "record", v, c, np.isfinite(v[:, 0]))


def test_a_value_inside_and_outside_its_band():
    exp = _record("duan2023-ccd-pure-lpscl")  # 1.5 mA cm-2 = 15 A/m2
    inside = score(exp, _prediction(exp, np.linspace(5.0, 45.0, 101)))[0]
    assert inside.inside and inside.log_error == pytest.approx(math.log(25.0 / 15.0), rel=1e-6)
    outside = score(exp, _prediction(exp, np.linspace(40.0, 60.0, 101)))[0]
    assert not outside.inside and outside.log_error == pytest.approx(math.log(50.0 / 15.0), rel=1e-6)


def test_a_lower_bound_with_survivors():
    exp = _record("doux2020-no-short-5mpa")  # > 1000 h: no failure seen
    end = 1000 * 3600.0
    # 90 of 100 sampled cells survive the protocol: the band reaches beyond it, the median is censored
    values = np.r_[np.full(10, 100 * 3600.0), np.full(90, end)]
    row = score(exp, _prediction(exp, values, np.r_[np.zeros(10, bool), np.ones(90, bool)]))[0]
    assert row.inside and row.median_beyond and row.log_error == 0.0 and math.isinf(row.p95)
    # every sampled cell shorts at 100 h: outside, ln error ln(1000 / 100)
    row = score(exp, _prediction(exp, np.full(100, 100 * 3600.0)))[0]
    assert not row.inside and row.log_error == pytest.approx(math.log(10.0))


def test_failed_lanes_are_dropped_and_reported():
    exp = _record("duan2023-ccd-pure-lpscl")
    row = score(exp, _prediction(exp, np.r_[np.full(50, 15.0), np.full(50, np.nan)]))[0]
    assert row.solved == 0.5 and row.median == 15.0 and row.inside


def test_consistency_checks_are_marked():
    assert score(_record("han2017-garnet-asr-bare"), _prediction(_record("han2017-garnet-asr-bare"), [0.17]))[
        0
    ].consistency
    assert not score(
        _record("duan2023-ccd-pure-lpscl"), _prediction(_record("duan2023-ccd-pure-lpscl"), [15.0])
    )[0].consistency


@pytest.mark.slow
def test_validation_coverage_floor():
    """The shipped calibrated model on every validation record (64 sampled cells each): at least
    COVERAGE_FLOOR of the independent observations inside their 90 % band (docs/calibration.md says why)."""
    from lisse.calibration.validate import validate

    summary = validate().summary()
    assert summary["independent"]["n"] >= 5
    assert summary["independent"]["coverage_90"] >= COVERAGE_FLOOR, summary["independent"]
