"""The experiment-record format: a valid record loads; each kind of bad record fails with one line naming the
file, the record and the field (docs/experiments.md)."""

from __future__ import annotations

import copy
import math

import pytest
import tomli_w

from lisse._core.errors import LisseError
from lisse.experiments import Experiment, load_experiments, read_experiments


def _record(**changes) -> dict:
    rec = {
        "id": "test-ccd",
        "role": "calibration",
        "notes": "a test record",
        "source": {
            "key": "singh2022",
            "quote": "both LG-LPSCl and SG-LPSCl cells indicate failure via short-circuiting",
            "location": "Results",
            "read_in": "a test",
        },
        "cell": {
            "anode": {"material": "Li", "thickness": "100 um"},
            "electrolyte": {"material": "Li6PS5Cl", "thickness": "1 mm", "relative_density": 0.9},
            "counter": {"material": "Li", "thickness": "100 um"},
            "pressure": "5 MPa",
            "temperature": "25 degC",
            "preparation": "pressed",
            "assumed": {"electrolyte.thickness": "not stated"},
        },
        "protocol": {
            "measurement": "a CCD ramp",
            "text": "Step current from 0.1 to 2 mA cm-2 by 0.1 every 1 hour until failure",
            "basis": "paper",
        },
        "observed": {"kind": "ccd", "value": 0.9, "unit": "mA/cm^2"},
    }
    for path, value in changes.items():
        *heads, last = path.split("__")
        d = rec
        for h in heads:
            d = d[h]
        if value is _DROP:
            del d[last]
        else:
            d[last] = value
    return rec


_DROP = object()


def _write(tmp_path, *records, name="paper.toml"):
    f = tmp_path / name
    f.write_text(tomli_w.dumps({"experiment": list(records)}), encoding="utf-8")
    return f


def _error(tmp_path, *records) -> str:
    f = _write(tmp_path, *records)
    with pytest.raises(LisseError) as err:
        read_experiments([f])
    msg = str(err.value)
    assert "\n" not in msg, msg  # one line
    assert str(f) in msg, msg  # names the file
    return msg


def test_a_valid_record_loads_and_converts(tmp_path):
    (exp,) = read_experiments([_write(tmp_path, _record())])
    assert isinstance(exp, Experiment)
    assert exp.observed_si() == pytest.approx(9.0, rel=1e-12)  # 0.9 mA/cm^2 = 9 A/m^2
    assert exp.cell().electrolyte.thickness == pytest.approx(1e-3, rel=1e-12)
    assert exp.protocol().until_failure
    assert exp.doi == "10.1016/j.xcrp.2022.101043"


def test_a_folder_is_read(tmp_path):
    _write(tmp_path, _record())
    _write(tmp_path, _record(id="test-2"), name="other.toml")
    assert sorted(e.id for e in read_experiments([tmp_path])) == ["test-2", "test-ccd"]


BAD = {
    "role": ({"role": "training"}, "role"),
    "kind": ({"observed__kind": "voltage"}, "observed.kind"),
    "unit of another dimension": ({"observed__unit": "h"}, "not allowed for a ccd observation"),
    "unit pint does not know": ({"observed__unit": "mA/blorp"}, "observed.unit"),
    "negative value": ({"observed__value": -1.0}, "finite number >= 0"),
    "series value for a single kind": ({"observed__value": [1.0, 2.0]}, "one number, not a list"),
    "times on a single kind": ({"observed__times": ["1 h"]}, "not a series"),
    "bound of unknown kind": ({"observed__bound": "about"}, "observed.bound"),
    "uncertainty range not enclosing the value": (
        {"observed__uncertainty": {"distribution": "uniform", "low": 1.0, "high": 2.0}},
        "do not enclose",
    ),
    "uncertainty missing its parameter": (
        {"observed__uncertainty": {"distribution": "normal"}},
        "needs sd",
    ),
    "cell thickness in pressure units": ({"cell__electrolyte__thickness": "5 MPa"}, "thickness"),
    "cell field lisse does not know": ({"cell__stack_pressure": "5 MPa"}, "stack_pressure"),
    "relative density above 1": ({"cell__electrolyte__relative_density": 1.2}, "relative_density"),
    "assumed names no cell field": ({"cell__assumed": {"electrolyte.colour": "grey"}}, "electrolyte.colour"),
    "preparation missing": ({"cell__preparation": _DROP}, "cell.preparation is missing"),
    "protocol that does not parse": (
        {"protocol__text": "Plate at 1 mA cm-2 forever"},
        "cannot parse protocol",
    ),
    "protocol without basis": ({"protocol__basis": _DROP}, "needs basis"),
    "assumed protocol without note": ({"protocol__basis": "assumed"}, "needs a note"),
    "source without quote or figure": ({"source__quote": _DROP}, "quoted sentence"),
    "source not in the bibliography": ({"source__key": "nobody1999"}, "nobody1999"),
    "source missing": ({"source": _DROP}, "source is missing"),
    "unknown record field": ({"comment": "x"}, "comment is not an allowed field"),
    "id with spaces": ({"id": "my record"}, "id"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_record_names_file_record_and_field(tmp_path, case):
    changes, expected = BAD[case]
    msg = _error(tmp_path, _record(**changes))
    assert expected in msg, msg
    rid = changes.get("id", "test-ccd")
    assert repr(rid) in msg, msg  # names the record


def test_series_needs_times_of_the_same_length(tmp_path):
    series = {
        "observed__kind": "li_loss_vs_time",
        "observed__unit": "uA*h/cm^2",
        "observed__value": [35.0, 60.0],
    }
    assert "give value = [...] and times = [...]" in _error(tmp_path, _record(**series))
    msg = _error(tmp_path, _record(**series, observed__times=["168 h"]))
    assert "2 values" in msg
    msg = _error(tmp_path, _record(**series, observed__times=["168 h", "400 MPa"]))
    assert "times" in msg


def test_contact_loss_onset_takes_a_current_density_or_a_time(tmp_path):
    for unit, si in (("mA/cm^2", 4.0), ("h", 1440.0)):
        rec = _record(observed__kind="contact_loss_onset", observed__value=0.4, observed__unit=unit)
        (exp,) = read_experiments([_write(tmp_path, rec)])
        assert exp.observed_si() == pytest.approx(si, rel=1e-12)
    msg = _error(tmp_path, _record(observed__kind="contact_loss_onset", observed__unit="ohm*cm^2"))
    assert "'A/m^2' or 's'" in msg


def test_duplicate_ids_and_split_papers_are_refused(tmp_path):
    msg = _error(tmp_path, _record(), _record())
    assert "'test-ccd'" in msg and "also used" in msg
    msg = _error(tmp_path, _record(), _record(id="test-2", role="validation"))
    assert "same source 'singh2022'" in msg and "share one role" in msg


def test_bad_files(tmp_path):
    f = tmp_path / "broken.toml"
    f.write_text("[[experiment]\n", encoding="utf-8")
    with pytest.raises(LisseError, match="not valid TOML"):
        read_experiments([f])
    f.write_text('title = "x"\n', encoding="utf-8")
    with pytest.raises(LisseError, match="top-level key"):
        read_experiments([f])
    f.write_text("", encoding="utf-8")
    with pytest.raises(LisseError, match="no \\[\\[experiment\\]\\] records"):
        read_experiments([f])
    with pytest.raises(LisseError, match="does not exist"):
        read_experiments([tmp_path / "missing.toml"])


def test_unknown_role_is_refused():
    with pytest.raises(LisseError, match="role: 'training' is not allowed; use one of calibration, valid"):
        load_experiments(role="training")


def test_default_uncertainty_is_the_measured_class_spread(tmp_path):
    # no uncertainty given: lognormal with 95 % within x/÷1.3 (DEFAULT_FACTOR["measured"],
    # docs/materials-format.md)
    (exp,) = read_experiments([_write(tmp_path, _record())])
    (d,) = exp.observed.distributions()
    assert d.kind == "lognormal"
    lo, hi = d.interval95
    assert hi / 9.0 == pytest.approx(1.3, rel=1e-9)
    assert 9.0 / lo == pytest.approx(1.3, rel=1e-9)
    # a stated normal sd converts with the unit: 0.1 mA/cm^2 -> 1 A/m^2
    rec = copy.deepcopy(_record(observed__uncertainty={"distribution": "normal", "sd": 0.1}))
    (exp,) = read_experiments([_write(tmp_path, rec)])
    (d,) = exp.observed.distributions()
    assert (d.kind, d.a, d.b) == ("normal", pytest.approx(9.0), pytest.approx(1.0))
    assert math.isfinite(d.quantile(0.5))
