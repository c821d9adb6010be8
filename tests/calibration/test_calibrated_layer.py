"""The calibrated layer: the shipped file, its records above the estimates, closures in the sampler."""

import math

import pytest

from lisse.cell.parameters import ModelOptions, cell_parameters, closure_distribution
from lisse.cell.stack import Cell
from lisse.cell.uncertainty import uncertain_inputs
from lisse.materials import bundled_library, default_library
from lisse.materials.calibrated import CALIBRATION_ENV, calibration_file, read_calibrated
from lisse.materials.evidence import precedence

_FILE = """
[calibration]
records = ["x"]

[[input]]
label = "LLZO.ionic_conductivity"
kind = "material"
unit = "S/m"
value = 0.05
posterior = { distribution = "lognormal", a = 0.05, b = 0.2 }
sources = ["singh2022"]
records = ["singh2022-ccd-small-grain"]

[[input]]
label = "closure.void_depth"
kind = "closure"
unit = ""
value = 2e-6
posterior = { distribution = "loguniform", a = 1.5e-6, b = 2.5e-6 }
sources = ["singh2022"]
records = ["singh2022-ccd-small-grain"]
"""


def test_the_shipped_file_is_in_use_and_converged():
    path = calibration_file()
    assert path is not None and path.name == "calibrated.toml"
    inputs = read_calibrated(path)
    assert inputs  # the calibration identified something
    import tomllib

    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    for row in doc["input"] + doc["not_identified"]:
        assert row["rhat"] < 1.05 and row["ess"] > 200, row["label"]
    assert not set(doc["calibration"]["records"]) & {"duan2023-ccd-pure-lpscl", "doux2020-no-short-5mpa"}


def test_a_calibrated_record_sits_above_the_estimate(tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    path.write_text(_FILE, encoding="utf-8")
    monkeypatch.setenv(CALIBRATION_ENV, str(path))
    lib = default_library()
    rec = lib.get("LLZO").properties["ionic_conductivity"]
    assert rec.evidence == "calibrated" and rec.value == pytest.approx(0.05)
    assert precedence("calibrated") > precedence("estimated")
    cell = Cell.model_validate(
        {
            "anode": {"material": "Li", "thickness": "100 um"},
            "electrolyte": {"material": "LLZO", "thickness": "500 um"},
            "counter": {"material": "Li", "thickness": "100 um"},
        }
    )
    _, cov = cell_parameters(cell, lib)
    sigma = next(v for v in cov.inputs if v.label == "LLZO.ionic_conductivity")
    assert sigma.evidence == "calibrated"
    # the closure: the sampler draws it from the posterior, marked calibrated; the prior without the layer
    d = closure_distribution("void_depth")
    assert (d.kind, d.a, d.b) == ("loguniform", 1.5e-6, 2.5e-6)
    drawn = {u.label: u for u in uncertain_inputs(cell, cov, ModelOptions())}
    assert drawn["closure.void_depth"].evidence == "calibrated"
    assert closure_distribution("void_depth", calibrated=False).a == pytest.approx(0.3e-6)
    assert uncertain_inputs(cell, cov, ModelOptions(), calibrated=False)[-1].evidence == "estimated"


def test_no_layer(monkeypatch):
    monkeypatch.setenv(CALIBRATION_ENV, "none")
    assert default_library() is bundled_library()
    assert closure_distribution("void_depth").a == pytest.approx(0.3e-6)


def test_a_missing_file_is_a_one_line_error(monkeypatch, tmp_path):
    from lisse._core.errors import LisseError

    monkeypatch.setenv(CALIBRATION_ENV, str(tmp_path / "nope.toml"))
    with pytest.raises(LisseError, match="does not exist"):
        default_library()


def test_a_measured_record_is_never_replaced(tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    path.write_text(_FILE.replace("LLZO.ionic_conductivity", "Li6PS5Cl.ionic_conductivity"), encoding="utf-8")
    monkeypatch.setenv(CALIBRATION_ENV, str(path))
    rec = default_library().get("Li6PS5Cl").properties["ionic_conductivity"]
    assert rec.evidence != "calibrated" and math.isfinite(rec.value)
