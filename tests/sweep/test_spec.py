"""The sweep spec: axes with units, the design, and bad specs failing before any work (one-line errors)."""

import numpy as np
import pytest

from lisse._core.errors import LisseError
from lisse.cell.simulate import CCD_RAMP
from lisse.sweep.spec import display, load_spec


def test_grid_axes_cross_in_order_with_units():
    spec = load_spec(
        {"axes": {"current_density": "0.05:5:3", "stack_pressure": "0.1 MPa:50 MPa:4:log"}, "samples": 2}
    )
    points = spec.points()
    assert spec.n_points == len(points) == 12 and spec.n_cases == 24
    assert [p["current_density"] for p in points[:4]] == [0.5] * 4  # 0.05 mA/cm^2 = 0.5 A/m^2
    np.testing.assert_allclose([p["stack_pressure"] for p in points[:4]], np.geomspace(1e5, 5e7, 4))
    assert spec.protocol_at(points[0]).startswith("(Plate at 0.05 mA cm-2 for 3600 s")
    assert spec.cell_at(points[1]).pressure == pytest.approx(np.geomspace(1e5, 5e7, 4)[1])


def test_bare_numbers_take_the_parameter_unit_and_lists_and_materials():
    spec = load_spec(
        {
            "axes": {"temperature": "0, 25, 60", "interlayer": "none,Au", "interlayer_thickness": "10,50"},
            "fixed": {"thickness": "100 um", "cycles": 3},
        }
    )
    points = spec.points()
    assert len(points) == 12
    cells = [spec.cell_at(p) for p in points]
    assert cells[0].temperature == pytest.approx(273.15) and cells[0].electrolyte.thickness == pytest.approx(
        1e-4
    )
    assert cells[0].interlayer is None
    with_au = [c for c in cells if c.interlayer is not None]
    assert {c.interlayer.material for c in with_au} == {"Au"}
    assert sorted({c.interlayer.thickness for c in with_au}) == pytest.approx([1e-8, 5e-8])
    assert display("temperature", 298.15) == pytest.approx(25.0)
    assert "x 3" in spec.protocol_at(points[0])


def test_alloy_composition_in_at_percent():
    spec = load_spec({"axes": {"anode_composition": "5 at%, 10at%"}, "fixed": {"anode": "Li-Mg"}})
    cells = [spec.cell_at(p) for p in spec.points()]
    assert [c.anode.composition for c in cells] == pytest.approx([0.05, 0.10])
    assert cells[0].is_symmetric and cells[0].counter.composition == pytest.approx(0.05)


def test_latin_hypercube_covers_each_range_once_per_stratum():
    spec = load_spec({"axes": {"temperature": "0:60", "stack_pressure": "0.1:10:log"}, "lhs": 8, "seed": 3})
    pts = spec.points()
    assert len(pts) == 8
    t = np.sort([p["temperature"] - 273.15 for p in pts])
    strata = np.floor(t / 7.5)  # one point in each eighth of 0..60 degC
    assert sorted(strata) == list(range(8))
    lp = np.log10([p["stack_pressure"] / 1e6 for p in pts])
    assert sorted(np.floor((lp + 1) / 0.25)) == list(range(8))
    assert (
        load_spec({"axes": {"temperature": "0:60"}, "lhs": 8, "seed": 3}).points()
        != load_spec({"axes": {"temperature": "0:60"}, "lhs": 8, "seed": 4}).points()
    )


def test_ccd_sweeps_run_the_ramp():
    spec = load_spec({"axes": {"stack_pressure": "1,5"}, "ccd": True})
    assert spec.protocol_at(spec.points()[0]) == CCD_RAMP


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"axes": {"pressure_x": "1:2:3"}}, "'pressure_x' is not a sweep parameter"),
        ({"axes": {"stack_pressure": "5:1:3"}}, "the range is empty"),
        ({"axes": {"stack_pressure": "1 um:2 um:3"}}, "dimension [length]"),
        ({"axes": {"stack_pressure": "1:2:0"}}, "must be an integer >= 1"),
        ({"axes": {"stack_pressure": ""}}, "the list of values is empty"),
        ({"axes": {"temperature": "0:60"}}, "a range without a number of points"),
        ({"axes": {"stack_pressure": "1:2:3"}, "lhs": 4}, "needs at least one range axis"),
        ({"axes": {"electrolyte": "LLZO,NOPE"}}, "unknown material 'NOPE'"),
        ({"axes": {"relative_density": "0.5:1.2:3"}}, "relative_density"),
        ({"axes": {"interlayer_thickness": "1:10:3"}}, "the cell has no interlayer"),
        ({"axes": {"cycles": "0.5"}}, "positive integer"),
        ({"axes": {"current_density": "1,2"}, "ccd": True}, "the CCD ramp sets its own current"),
        ({"protocol": "Plate at {j} for 1 hour"}, "unknown placeholder"),
        ({"samples": -1}, "samples"),
        ({"options": {"not_an_option": 1.0}}, "not_an_option"),
        ({"fixed": {"temperature": "25 degC"}, "axes": {"temperature": "0,25"}}, "both fixed and swept"),
    ],
)
def test_bad_specs_fail_with_one_line_naming_the_problem(spec, message):
    with pytest.raises(LisseError) as info:
        load_spec(spec)
    text = str(info.value)
    assert message in text and "\n" not in text


def test_spec_files_and_fingerprints(tmp_path):
    path = tmp_path / "s.toml"
    path.write_text('[axes]\nstack_pressure = "1:5:2"\n[fixed]\ncycles = 2\n', encoding="utf-8")
    a = load_spec(path)
    assert (
        a.fingerprint()
        == load_spec({"axes": {"stack_pressure": "1 MPa:5 MPa:2"}, "fixed": {"cycles": 2}}).fingerprint()
    )
    assert (
        a.fingerprint()
        != load_spec({"axes": {"stack_pressure": "1:5:3"}, "fixed": {"cycles": 2}}).fingerprint()
    )
    ids = [i for p in a.points() for i in a.case_ids(p)]
    assert len(set(ids)) == len(ids) == 2
    with pytest.raises(LisseError, match="does not exist"):
        load_spec(tmp_path / "missing.toml")
    (tmp_path / "bad.toml").write_text("axes = [", encoding="utf-8")
    with pytest.raises(LisseError, match="not valid TOML"):
        load_spec(tmp_path / "bad.toml")
