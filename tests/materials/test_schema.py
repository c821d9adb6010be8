"""Bad material files are rejected with an error naming file, material, field, value and what is allowed."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import lisse.materials as mat
from lisse._core.errors import MaterialDataError, UnknownNameError

BIB = textwrap.dedent("""
    @article{doe2024,
      author = {Doe, Jane and Roe, Richard},
      title = {A test material},
      journal = {J. Test.},
      year = {2024},
      doi = {10.1000/test.2024}
    }
""")

GOOD = textwrap.dedent("""
    name = "TestLayer"
    formula = "Li3N"
    aliases = ["test-layer"]
    category = "interlayer"
    family = "nitride"
    description = "A made-up layer for tests."

    [properties.ionic_conductivity]
    value = 1.0e-3
    unit = "S/cm"
    temperature = "25 degC"
    source = "doe2024"
      [properties.ionic_conductivity.arrhenius]
      activation_energy = "0.30 eV"
      valid_from = "0 degC"
      valid_to = "100 degC"

    [properties.youngs_modulus]
    value = 50
    unit = "GPa"
    temperature = "25 degC"
    source = "doe2024"
""")


def write(tmp_path: Path, text: str, name: str = "layer.toml") -> Path:
    (tmp_path / "refs.bib").write_text(BIB)
    (tmp_path / name).write_text(text)
    return tmp_path


def test_good_file_loads_and_evaluates_arrhenius(tmp_path):
    lib = mat.load(write(tmp_path, GOOD))
    m = lib.get("TEST-LAYER")
    assert m.name == "TestLayer"
    # analytic Arrhenius: sigma(T)/sigma(T_ref) = exp(-Ea/k (1/T - 1/T_ref)), Ea = 0.30 eV
    import math

    T, Tref = 333.15, 298.15
    expected = 0.1 * math.exp(-0.30 / 8.617333262e-5 * (1 / T - 1 / Tref))
    assert m.si("ionic_conductivity", T=T) == pytest.approx(expected, rel=1e-12)
    assert m.si("ionic_conductivity", T="60 degC") == pytest.approx(expected, rel=1e-12)
    assert m.si("youngs_modulus") == pytest.approx(50e9)
    assert [r.key for r in lib.references_of(m)] == ["doe2024"]


@pytest.mark.parametrize(
    ("old", "new", "fragments"),
    [
        ('unit = "GPa"\n', "", ["youngs_modulus", "no unit", "Pa"]),
        ('unit = "GPa"', 'unit = "S/cm"', ["youngs_modulus", "S/cm", "not a unit of Pa"]),
        ("value = 50\n", "value = -50\n", ["youngs_modulus", "-5e+10", "must be > 0"]),
        (
            "[properties.youngs_modulus]",
            "[properties.youngs_modulus_gpa]",
            ["unknown property", "youngs_modulus_gpa", "youngs_modulus"],
        ),
        ('source = "doe2024"\n  [', 'source = "nobody1999"\n  [', ["nobody1999", "not in the bibliography"]),
        ('family = "nitride"', 'family = "nitrid"', ["family", "nitrid"]),
        (
            'unit = "GPa"\ntemperature = "25 degC"',
            'unit = "GPa"\ntemperature = "25 m"',
            ["temperature", "25 m", "not a temperature"],
        ),
        ('valid_to = "100 degC"', 'valid_to = "-10 degC"', ["valid_from", "below valid_to"]),
        ('activation_energy = "0.30 eV"', 'activation_energy = "0.30 V"', ["0.30 V", "not an energy"]),
        ('unit = "GPa"', 'unit = "gigaparsnips"', ["gigaparsnips", "unit"]),
    ],
)
def test_bad_file_names_file_material_field_value(tmp_path, old, new, fragments):
    assert old in GOOD
    folder = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(MaterialDataError) as info:
        mat.load(folder)
    msg = str(info.value)
    assert "layer.toml" in msg
    for frag in fragments:
        assert frag in msg, f"{frag!r} missing from: {msg}"


def test_missing_required_field(tmp_path):
    folder = write(tmp_path, GOOD.replace('formula = "Li3N"\n', ""))
    with pytest.raises(MaterialDataError, match=r"layer\.toml \(TestLayer\): formula is missing"):
        mat.load(folder)


def test_malformed_toml(tmp_path):
    folder = write(tmp_path, GOOD + "\nthis is = not = toml\n")
    with pytest.raises(MaterialDataError, match=r"layer\.toml: not valid TOML"):
        mat.load(folder)


def test_unknown_material_suggests(tmp_path):
    lib = mat.load(write(tmp_path, GOOD))
    with pytest.raises(UnknownNameError, match=r"unknown material 'TestLayr'.*Did you mean 'TestLayer'"):
        lib.get("TestLayr")


def test_missing_value_stays_missing(tmp_path):
    m = mat.load(write(tmp_path, GOOD)).get("TestLayer")
    assert not m.has("shear_modulus")
    with pytest.raises(MaterialDataError, match="no value stored for 'shear_modulus'"):
        m.property("shear_modulus")
    with pytest.raises(UnknownNameError, match="Did you mean 'shear_modulus'"):
        m.property("shear_modulus_x")


def test_arrhenius_range_is_enforced(tmp_path):
    m = mat.load(write(tmp_path, GOOD)).get("TestLayer")
    with pytest.raises(MaterialDataError, match="outside the measured range"):
        m.property("ionic_conductivity", T="200 degC")
    assert m.property("ionic_conductivity", T="200 degC", extrapolate=True).magnitude > 0
    with pytest.raises(MaterialDataError, match="only at 25 degC"):
        m.property("youngs_modulus", T=400.0)


def test_user_file_records_default_to_the_user_class(tmp_path):
    """A user's file may omit ``evidence``: its values are the user's (class ``user``, which always wins)."""
    m = mat.load(write(tmp_path, GOOD)).get("TestLayer")
    assert m.record("youngs_modulus").evidence == "user"


@pytest.mark.parametrize(
    ("field", "fragment"),
    [
        ('uncertainty = { distribution = "normal", sd = -5 }', "sd = -5.0 must be"),
        ('uncertainty = { distribution = "lognormal", factor = 0.5 }', "factor = 0.5 must be"),
        ('uncertainty = { distribution = "uniform", low = 60, high = 40 }', "low < high"),
        ('uncertainty = { distribution = "triangular", low = 40, high = 60 }', "distribution"),
        ('evidence = "hearsay"', "evidence"),
        ('evidence = "dataset"', "needs 'entry'"),
        ('evidence = "quoted"', "needs 'original'"),
    ],
)
def test_bad_evidence_or_uncertainty_names_file_material_property_field(tmp_path, field, fragment):
    text = GOOD.replace("value = 50\n", f"value = 50\n{field}\n", 1)
    with pytest.raises(MaterialDataError) as info:
        mat.load(write(tmp_path, text))
    msg = str(info.value)
    for frag in ("layer.toml", "TestLayer", "youngs_modulus", fragment):
        assert frag in msg, f"{frag!r} missing from: {msg}"


def test_override_single_property_is_validated(tmp_path):
    lib = mat.load(write(tmp_path, GOOD))
    m = lib.get("TestLayer")
    stiffer = m.with_property("youngs_modulus", "80 GPa")
    assert stiffer.si("youngs_modulus") == pytest.approx(80e9)
    assert stiffer.record("youngs_modulus").source == "user"
    assert m.si("youngs_modulus") == pytest.approx(50e9)  # the original is untouched
    with pytest.raises(MaterialDataError, match=r"youngs_modulus\.value = -8e"):
        m.with_property("youngs_modulus", "-80 GPa")
    with pytest.raises(MaterialDataError, match="not a unit of Pa"):
        m.with_property("youngs_modulus", "80 S/m")
    lib2 = lib.with_property("TestLayer", "shear_modulus", 20, unit="GPa")
    assert lib2.get("TestLayer").si("shear_modulus") == pytest.approx(20e9)
    assert not lib.get("TestLayer").has("shear_modulus")


def test_duplicate_alias_is_rejected(tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "other.toml").write_text(GOOD.replace('name = "TestLayer"', 'name = "Other"'))
    with pytest.raises(MaterialDataError, match="'test-layer' is already used by"):
        mat.load(tmp_path)


def test_user_file_replacing_bundled_material_warns(tmp_path):
    bundled = mat.names()
    if not bundled:
        pytest.skip("no bundled materials")
    target = mat.get(bundled[0])
    text = GOOD.replace('name = "TestLayer"', f'name = "{target.name}"').replace(
        'aliases = ["test-layer"]', "aliases = []"
    )
    with pytest.warns(UserWarning, match="replaces the one from"):
        lib = mat.load(write(tmp_path, text))
    assert lib.get(target.name).origin.endswith("layer.toml")


def test_nonexistent_path():
    with pytest.raises(MaterialDataError, match="does not exist"):
        mat.load("/nonexistent/materials")
