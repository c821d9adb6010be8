"""Predictions of experiment records: the protocol an observable implies, how an observable is read."""

import pytest

from lisse._core.errors import LisseError
from lisse.calibration.predict import IMPLIED_CURRENT, predict, prediction_protocol
from lisse.cell.simulate import CCD_RAMP
from lisse.experiments import load_experiments


def _record(record_id: str):
    return next(e for e in load_experiments() if e.id == record_id)


def test_a_record_with_a_protocol_is_simulated_through_it():
    exp = _record("singh2022-ccd-small-grain")
    proto, basis = prediction_protocol(exp)
    assert basis == "record" and len(proto.steps) == len(exp.protocol().steps)


def test_implied_protocols():
    # a lower bound of 1000 h without a protocol: 1 h plating and stripping for exactly 1000 h
    proto, basis = prediction_protocol(_record("doux2020-no-short-5mpa"))
    assert basis.startswith("implied") and f"{IMPLIED_CURRENT} mA cm-2" in basis
    assert proto.duration == pytest.approx(1000 * 3600)
    # a CCD of 0.28 mA cm-2: the default ramp; a bound of 9 mA cm-2: a ramp up to twice it
    assert prediction_protocol(_record("flatscher2020-ccd-llzo-single-crystal"))[1] == f"implied: {CCD_RAMP}"
    assert "to 18 mA cm-2" in prediction_protocol(_record("highplating2025-dense-lpscl-plating"))[1]
    assert prediction_protocol(_record("han2017-garnet-asr-bare"))[1] == "implied: Rest for 1 minute"


def test_interface_asr_reads_one_interface_of_the_symmetric_cell():
    # Han 2017's bare garnet: the library's bare-surface resistance is this very number (1710 ohm cm2), so
    # the reading (ASR - L/sigma) / 2 must give it back; tolerance 2 % (the charge-transfer part of i0 adds)
    exp = _record("han2017-garnet-asr-bare")
    pred = predict(exp)
    assert pred.ok.all() and not pred.censored.any()
    assert pred.values[0, 0] == pytest.approx(exp.observed_si(), rel=0.02)


def test_unknown_observable_is_one_line_error():
    exp = _record("han2017-garnet-asr-bare")
    bad = exp.model_copy(update={"observed": exp.observed.model_copy(update={"kind": "voltage_noise"})})
    with pytest.raises(LisseError, match=r"observed\.kind: 'voltage_noise' is not an observable") as err:
        prediction_protocol(bad)
    assert "\n" not in str(err.value)
