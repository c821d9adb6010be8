"""Cells take quantities with units, validate them, resolve materials and round-trip through TOML."""

from __future__ import annotations

import pytest

from lisse._core.errors import LisseError
from lisse.cell import Cell


def test_units_are_converted_to_si():
    c = Cell.symmetric("LLZO", thickness="30 um", pressure="5 MPa", temperature="60 degC", area="2 cm^2")
    assert c.electrolyte.thickness == pytest.approx(30e-6)
    assert c.pressure == pytest.approx(5e6)
    assert c.temperature == pytest.approx(333.15)
    assert c.area == pytest.approx(2e-4)
    assert c.is_symmetric


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"thickness": "-30 um"}, "thickness: '-30 um' is not allowed"),
        ({"thickness": "30 MPa"}, "thickness: '30 MPa' has dimension"),
        ({"pressure": "-1 MPa"}, "stack pressure must be >= 0"),
        ({"temperature": "-300 degC"}, "at or below absolute zero"),
    ],
)
def test_bad_quantities_name_field_and_value(kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        Cell.symmetric("LLZO", **kwargs)


def test_toml_round_trip(tmp_path):
    c = Cell.symmetric(
        "LLZO",
        thickness="30 um",
        pressure="5 MPa",
        stack_stiffness="1000 GPa/m",
        overrides={"LLZO": {"fracture_toughness": "1.0 MPa*m^0.5"}},
    )
    c.to_toml(tmp_path / "cell.toml")
    d = Cell.from_toml(tmp_path / "cell.toml")
    assert d.electrolyte.thickness == pytest.approx(c.electrolyte.thickness, rel=1e-12)
    assert d.stack_stiffness == pytest.approx(1e12)
    assert d.materials()["electrolyte"].si("fracture_toughness") == pytest.approx(1e6)


def test_bad_toml_names_file_and_field(tmp_path):
    f = tmp_path / "bad.toml"
    f.write_text('pressure = "5 MPa"\n[anode]\nmaterial = "Li"\nthickness = "-1 um"\n')
    with pytest.raises(LisseError, match=r"bad\.toml: anode\.thickness = '-1 um'.*electrolyte is missing"):
        Cell.from_toml(f)
    with pytest.raises(LisseError, match="does not exist"):
        Cell.from_toml(tmp_path / "missing.toml")


def test_non_electrolyte_as_electrolyte_is_rejected():
    with pytest.raises(LisseError, match="'Li' is a anode, not an electrolyte"):
        Cell.symmetric("Li").materials()


def test_full_cell_toml_round_trip_and_battery_units(tmp_path):
    cell = Cell.full(
        "Li6PS5Cl", "NMC811", areal_capacity="2 mA h cm-2", coating="LiNbO3", particle_radius="4 um"
    )
    assert cell.counter.areal_capacity == pytest.approx(72000.0)  # C/m^2
    assert not cell.is_symmetric
    cell.to_toml(tmp_path / "full.toml")
    assert Cell.from_toml(tmp_path / "full.toml") == cell


def test_bad_areal_capacity_names_field():
    with pytest.raises(ValueError, match="areal_capacity: '-1 mA h cm-2' is not allowed"):
        Cell.full("LLZO", "LiCoO2", areal_capacity="-1 mA h cm-2")
