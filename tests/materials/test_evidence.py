"""Evidence classes, distributions, estimate rules and the resolution order (records, rules, priors)."""

from __future__ import annotations

import math
import warnings

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import lisse.materials as mat
from lisse._core.errors import ExtrapolationWarning, MaterialDataError
from lisse._core.sampling import from_standard_normal
from lisse.materials._schema import build_material
from lisse.materials.estimates import (
    exchange_current_density_from_resistance,
    isotropic_elastic_constants,
    porous_moduli_hashin_shtrikman,
    vacancy_diffusion_from_self_diffusion,
)
from lisse.materials.evidence import (
    EVIDENCE_CLASSES,
    EVIDENCE_LETTERS,
    Distribution,
    default_distribution,
    precedence,
)
from lisse.materials.resolve import Resolver


def _material(props: dict, name: str = "X", family: str = "oxide") -> mat.Material:
    data = {
        "name": name,
        "formula": "Li2O",
        "category": "electrolyte",
        "family": family,
        "description": "test",
        "properties": props,
    }
    return build_material(data, origin="test.toml", known_refs={"murugan2007", "ni2012"})


def _rec(value, unit="S/cm", evidence="measured", **kw):
    return {
        "value": value,
        "unit": unit,
        "temperature": "25 degC",
        "source": "ni2012",
        "evidence": evidence,
        **kw,
    }


# -- schema --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("evidence", [e for e in EVIDENCE_CLASSES if e not in ("dataset", "quoted")])
def test_every_class_loads(evidence):
    m = _material({"ionic_conductivity": _rec(1e-4, evidence=evidence)})
    assert m.record("ionic_conductivity").evidence == evidence
    assert EVIDENCE_LETTERS[evidence].isalpha()


@pytest.mark.parametrize(
    ("uncertainty", "kind"),
    [
        ({"distribution": "normal", "sd": 1e-5}, "normal"),
        ({"distribution": "lognormal", "factor": 2.0}, "lognormal"),
        ({"distribution": "uniform", "low": 5e-5, "high": 2e-4}, "uniform"),
        ({"distribution": "loguniform", "low": 1e-5, "high": 1e-3}, "loguniform"),
    ],
)
def test_each_distribution_loads_in_si(uncertainty, kind):
    m = _material({"ionic_conductivity": _rec(1e-4, uncertainty=uncertainty)})
    d = m.record("ionic_conductivity").distribution("ionic_conductivity")
    assert d.kind == kind
    lo, hi = d.interval95
    assert lo < 1e-2 < hi  # 1e-4 S/cm = 1e-2 S/m lies inside its own 95 % interval


def test_default_uncertainty_per_class():
    """Without an uncertainty the class default applies: measured x/÷1.3, estimated x/÷3 (95 %)."""
    for evidence, factor in (("measured", 1.3), ("dataset", 1.5), ("estimated", 3.0)):
        m = _material({"ionic_conductivity": _rec(1e-4, evidence=evidence, **_provenance(evidence))})
        lo, hi = m.record("ionic_conductivity").distribution("ionic_conductivity").interval95
        assert hi / 1e-2 == pytest.approx(factor, rel=1e-9)
        assert 1e-2 / lo == pytest.approx(factor, rel=1e-9)


def _provenance(evidence):
    if evidence == "dataset":
        return {"entry": "ID=1", "original": "doi:10.1/x"}
    if evidence == "quoted":
        return {"original": "someone 1999"}
    return {}


def test_signed_quantity_gets_normal_default():
    d = default_distribution("measured", -0.2, signed=True)
    assert d.kind == "normal" and d.b == pytest.approx(0.15 * 0.2)


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ({"uncertainty": {"distribution": "gaussian", "sd": 1}}, "distribution"),
        ({"uncertainty": {"distribution": "normal", "sd": -1e-5}}, "sd"),
        ({"uncertainty": {"distribution": "lognormal", "factor": 1.0}}, "factor"),
        ({"uncertainty": {"distribution": "uniform", "low": 2e-4, "high": 1e-4}}, "low < high"),
        ({"uncertainty": {"distribution": "uniform", "low": 2e-4, "high": 3e-4}}, "do not contain"),
        ({"evidence": "rumour"}, "evidence"),
        ({"evidence": "dataset"}, "entry"),
        ({"evidence": "quoted"}, "original"),
    ],
)
def test_bad_records_name_file_material_property_field(bad, message):
    with pytest.raises(MaterialDataError) as err:
        _material({"ionic_conductivity": {**_rec(1e-4), **bad}})
    text = str(err.value)
    assert "test.toml" in text and "(X)" in text and "ionic_conductivity" in text and message in text


def test_bundled_records_state_their_class():
    """Every bundled record states its evidence class (none relies on a default)."""
    with pytest.raises(MaterialDataError, match="evidence"):
        build_material(
            {
                "name": "Y",
                "formula": "Li2O",
                "category": "electrolyte",
                "family": "oxide",
                "description": "d",
                "properties": {
                    "ionic_conductivity": {k: v for k, v in _rec(1e-4).items() if k != "evidence"}
                },
            },
            origin="bundled.toml",
            known_refs={"ni2012"},
            default_evidence=None,
        )


def _without_evidence(rec):
    return {k: v for k, v in rec.items() if k != "evidence"}


def test_higher_class_wins_among_candidates():
    m = _material(
        {"youngs_modulus": [_rec(20.0, "GPa", "computed", entry="mp-1"), _rec(22.0, "GPa", "measured")]}
    )
    assert m.record("youngs_modulus").value == 22.0
    assert len(m.candidates["youngs_modulus"]) == 2
    assert precedence("user") > precedence("measured") > precedence("computed") > precedence("estimated")


def test_user_value_wins():
    m = _material({"youngs_modulus": _rec(22.0, "GPa", "measured")}).with_property("youngs_modulus", "30 GPa")
    assert m.record("youngs_modulus").evidence == "user"
    assert Resolver(mat.Library([m]))(m, "youngs_modulus").value == pytest.approx(30e9)


# -- sampling ------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "d",
    [
        Distribution("normal", 2.0, 0.5),
        Distribution("lognormal", 3.0, 0.4),
        Distribution("uniform", 1.0, 4.0),
        Distribution("loguniform", 1e-3, 1e-1),
        Distribution("frechet", 2e-6, 4.5),
    ],
)
def test_standard_normal_transform_matches_quantiles_and_vmaps(d):
    """from_standard_normal(params, z) is the quantile function at Phi(z), jit- and vmap-able."""
    z = jnp.array([-1.5, 0.0, 0.7])
    kind, a, b = d.params
    f = jax.jit(jax.vmap(lambda z: from_standard_normal(kind, a, b, z)))
    got = np.asarray(f(z))
    from scipy.special import ndtr

    want = [d.quantile(float(ndtr(x))) for x in np.asarray(z)]
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_frechet_is_the_largest_flaw_of_a_weibull_strength():
    """The Fréchet law of the largest flaw: if the strength s of a body is Weibull with modulus m and the
    flaw a ~ s^-2 (Griffith), a is Fréchet with shape m/2; its median is ``a`` (analytic limit)."""
    m, median = 9.0, 3e-6
    d = Distribution("frechet", median, m / 2)
    assert d.quantile(0.5) == pytest.approx(median, rel=1e-12)
    # Weibull strength quantile s_p = s0 (-ln(1-p))^(1/m); the flaw at strength quantile p is at 1-p
    s = lambda p: (-math.log(1 - p)) ** (1 / m)  # noqa: E731
    for p in (0.05, 0.3, 0.9):
        ratio = (s(0.5) / s(p)) ** 2
        assert d.quantile(1 - p) / median == pytest.approx(ratio, rel=1e-12)


# -- rules against exact relations ---------------------------------------------------------------------
def test_isotropic_elasticity_roundtrip():
    E, nu = 100e9, 0.25
    G, K = E / (2 * (1 + nu)), E / (3 * (1 - 2 * nu))
    for pair in (
        ("youngs_modulus", "poisson_ratio"),
        ("shear_modulus", "bulk_modulus"),
        ("youngs_modulus", "shear_modulus"),
    ):
        given = {
            k: {"youngs_modulus": E, "shear_modulus": G, "bulk_modulus": K, "poisson_ratio": nu}[k]
            for k in pair
        }
        out = isotropic_elastic_constants(given)
        assert out["youngs_modulus"] == pytest.approx(E, rel=1e-12)
        assert out["poisson_ratio"] == pytest.approx(nu, rel=1e-12)
        assert out["bulk_modulus"] == pytest.approx(K, rel=1e-12)


def test_hashin_shtrikman_limits():
    """Dense: unchanged. Small porosity p: dG/dp = -G0 (1 + (6K0+12G0)/(9K0+8G0)) (first-order HS)."""
    K0, G0 = 30e9, 15e9
    assert porous_moduli_hashin_shtrikman(K0, G0, 1.0) == pytest.approx((K0, G0))
    p = 1e-6
    _, G = porous_moduli_hashin_shtrikman(K0, G0, 1 - p)
    assert (G0 - G) / p == pytest.approx(G0 * (1 + (6 * K0 + 12 * G0) / (9 * K0 + 8 * G0)), rel=1e-4)


def test_i0_from_resistance_is_rt_over_f_r():
    # R_P = 0.8 ohm cm2 at 298.15 K gives about 32 mA/cm2 (the arithmetic quoted in literature.md)
    i0 = exchange_current_density_from_resistance(0.8e-4, 298.15)
    assert i0 / 10 == pytest.approx(32.1, rel=0.01)


def test_vacancy_diffusion_rule():
    """D_v = D*/(f x_v) with f = 0.75 and x_v = exp(S) exp(-E/kT); at E = S = 0 it is D*/0.75."""
    assert vacancy_diffusion_from_self_diffusion(1e-14, 0.0, 0.0, 300.0) == pytest.approx(1e-14 / 0.75)
    ratio = vacancy_diffusion_from_self_diffusion(1e-14, 0.34, 0.0, 300.0) / (1e-14 / 0.75)
    assert math.log(ratio) == pytest.approx(0.34 / (8.617333262e-5 * 300.0), rel=1e-9)


def test_rule_propagates_uncertainty():
    """E from G and nu: a measured G (x/÷1.3) gives E with the same log spread (E is linear in G)."""
    m = _material(
        {
            "shear_modulus": _rec(60.0, "GPa"),
            "poisson_ratio": _rec(0.25, "", uncertainty={"distribution": "normal", "sd": 1e-9}),
        }
    )
    v = Resolver(mat.Library([m]))(m, "youngs_modulus")
    assert v.evidence == "estimated" and "isotropic elasticity" in v.basis
    assert v.value == pytest.approx(150e9)
    assert v.distribution.b == pytest.approx(math.log(1.3) / 1.959963984540054, rel=1e-3)


# -- resolution order ----------------------------------------------------------------------------------
def test_prior_from_family_pool():
    a = _material({"fracture_toughness": _rec(1.0, "MPa*m^0.5")}, "A")
    b = _material({"fracture_toughness": _rec(4.0, "MPa*m^0.5")}, "B")
    c = _material({}, "C")
    v = Resolver(mat.Library([a, b, c]))(c, "fracture_toughness")
    assert v.evidence == "estimated" and "family prior of oxide electrolytes" in v.basis
    assert v.value == pytest.approx(2e6)  # geometric mean of 1 and 4 MPa m^0.5
    assert (v.distribution.a, v.distribution.b) == pytest.approx((1e6 / 3, 12e6))


def test_no_estimate_overrides_a_record():
    a = _material({"fracture_toughness": _rec(1.0, "MPa*m^0.5")}, "A")
    b = _material({"fracture_toughness": _rec(4.0, "MPa*m^0.5")}, "B")
    v = Resolver(mat.Library([a, b]))(a, "fracture_toughness")
    assert v.evidence == "measured" and v.value == pytest.approx(1e6)


def test_nothing_anywhere_raises_naming_the_property():
    c = _material({}, "C")
    with pytest.raises(MaterialDataError, match="fracture_toughness"):
        Resolver(mat.Library([c]))(c, "fracture_toughness")


def test_extrapolation_warns_and_widens():
    law = {"activation_energy": "0.3 eV", "valid_from": "20 degC", "valid_to": "50 degC"}
    m = _material({"ionic_conductivity": _rec(1e-4, arrhenius=law)})
    inside = Resolver(mat.Library([m]), 310.0)(m, "ionic_conductivity")
    with pytest.warns(ExtrapolationWarning, match="extrapolated"):
        outside = Resolver(mat.Library([m]), 400.0)(m, "ionic_conductivity")
    assert outside.warnings
    assert _log_width(outside.distribution) > _log_width(inside.distribution)
    # sd(ln x) grows by sd(Ea)/k |1/T - 1/T_edge| (sd(Ea) = 10 % of Ea by default)
    extra = 0.03 / 8.617333262e-5 * abs(1 / 400.0 - 1 / 323.15)
    assert outside.distribution.b == pytest.approx(math.hypot(math.log(1.3) / 1.959963984540054, extra))


def _log_width(d):
    lo, hi = d.interval95
    return math.log(hi / lo)


def test_bundled_library_resolves_every_simulator_input_of_every_electrolyte():
    """Every electrolyte's inputs resolve (record, rule or prior) at 25 degC, none is missing."""
    lib = mat.default_library()
    r = Resolver(lib, 298.15)
    names = (
        "ionic_conductivity",
        "electronic_conductivity",
        "fracture_toughness",
        "youngs_modulus",
        "poisson_ratio",
        "grain_size",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        for e in lib.names(category="electrolyte"):
            for n in names:
                assert math.isfinite(r(e, n).value)
            assert math.isfinite(r("Li", f"exchange_current_density:{e}").value)
