"""Cathode open-circuit potentials (lisse.mechanisms.cathode.ocv) against PyBaMM and physics.

Reference numbers below are PyBaMM 26.10's values (pybamm 26.10.1.1, run once from the bench venv;
PyBaMM is not a test dependency) of the functions lisse ports:
``Chen2020.nmc_LGM50_ocp_Chen2020``, ``Ramadass2004.lico2_ocp_Ramadass2004`` and
``Prada2013.LFP_ocp_Afshar2017``. The windows and c_max are PyBaMM 26.10's
``get_min_max_stoichiometries`` (y_100, y_0) and "Maximum concentration in positive electrode" of the
Chen2020, Ramadass2004 and Prada2013 sets.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
import pytest

import lisse.materials as materials
from lisse._core.errors import LisseError
from lisse.mechanisms.cathode import (
    CATHODES,
    cathode_index,
    cathode_ocv,
    max_concentration,
    ocp_lco_ramadass2004,
    ocp_lfp_afshar2017,
    ocp_nmc811_chen2020,
    open_circuit_potential,
    stoichiometry_window,
    validity_range,
)
from mechanisms.contract import check_mechanism

# PyBaMM 26.10's values of nmc_LGM50_ocp_Chen2020
PYBAMM_NMC_CHEN2020 = [
    (0.3, 4.205394408383508),
    (0.4, 4.104746787378554),
    (0.5, 3.9719586564036504),
    (0.6, 3.824473962670556),
    (0.7, 3.730402724350217),
    (0.8, 3.649110459390876),
    (0.9, 3.568200281643513),
]
# PyBaMM 26.10's values of lico2_ocp_Ramadass2004
PYBAMM_LCO_RAMADASS2004 = [
    (0.4, 4.460014518253015),
    (0.5, 4.124895384620799),
    (0.6, 4.001938686563637),
    (0.7, 3.9188825279152923),
    (0.8, 3.850272339809187),
]
# PyBaMM 26.10's values of LFP_ocp_Afshar2017
PYBAMM_LFP_AFSHAR2017 = [
    (0.01, 3.5190623900741014),
    (0.05, 3.406963092184697),
    (0.1, 3.4056732529494687),
    (0.3, 3.4016192993175696),
    (0.5, 3.397565224687912),
    (0.7, 3.3934006311763225),
    (0.9, 3.3446495384689223),
    (0.95, 3.1876273058664135),
    (0.99, 2.7208972913864544),
]


@pytest.mark.parametrize(
    ("fn", "table"),
    [
        (ocp_nmc811_chen2020, PYBAMM_NMC_CHEN2020),
        (ocp_lco_ramadass2004, PYBAMM_LCO_RAMADASS2004),
        (ocp_lfp_afshar2017, PYBAMM_LFP_AFSHAR2017),
    ],
)
def test_port_matches_pybamm(fn, table):
    """Same coefficients as PyBaMM: agreement to 1e-12 V relative (floating-point reordering only)."""
    x, u = np.array(table).T
    np.testing.assert_allclose(np.asarray(fn(x)), u, rtol=1e-12)


@pytest.mark.parametrize("name", CATHODES)
def test_monotone_decreasing_over_window_and_validity(name):
    """U falls as Li fills the lattice, everywhere in the fitted range (checked on a 2001-point grid)."""
    d = cathode_ocv(name)
    lo, hi = d.validity
    x = np.linspace(lo, hi, 2001)
    u = np.asarray(d.function(x))
    assert np.all(np.diff(u) < 0.0), f"{name}: OCV not strictly decreasing in {d.validity}"
    # the window of the parameter set lies (up to 0.003 for Chen2020's y_100 = 0.2638) in the fitted range
    assert lo - 0.003 <= d.x_charged < d.x_discharged <= hi


def test_published_ranges():
    """Physical checks: NMC811 at the charged end of Chen2020 ~4.2-4.3 V (LG M50 charged to 4.2 V full cell,
    graphite ~0.1 V); LFP plateau ~3.4 V (Padhi et al. 1997: 3.5 V; Nitta 2015: 3.4 V average); LiCoO2 at
    x = 0.5 ~4.1-4.2 V (Nitta 2015: 4.2 V at half delithiation, lco.toml description)."""
    x_ch, x_dis = stoichiometry_window("NMC811")
    assert 4.2 <= float(ocp_nmc811_chen2020(x_ch)) <= 4.35
    assert 3.4 <= float(ocp_nmc811_chen2020(x_dis)) <= 3.7
    plateau = np.asarray(ocp_lfp_afshar2017(np.linspace(0.1, 0.85, 50)))
    assert np.all(np.abs(plateau - 3.4) < 0.02)
    assert 4.05 <= float(ocp_lco_ramadass2004(0.5)) <= 4.25


def test_windows_and_cmax_are_the_parameter_sets():
    assert stoichiometry_window("NMC811") == (0.2638, 0.8540)
    assert stoichiometry_window("LCO") == (0.4301, 0.8803)
    assert stoichiometry_window("lfp") == (0.0038, 0.7035)
    assert validity_range("NMC811") == (0.2661, 0.9059)
    assert max_concentration("NMC811") == 63104.0
    assert max_concentration("LiCoO2") == 51555.0
    assert max_concentration("LiFePO4") == 22806.0


@pytest.mark.parametrize("name", CATHODES)
def test_cmax_equals_material_library(name):
    """The c_max of the OCV parameter set and the library's max_concentration cannot drift apart."""
    assert materials.get(name).si("max_concentration") == pytest.approx(max_concentration(name), rel=1e-12)


def test_names_aliases_and_errors():
    assert CATHODES == ("LiCoO2", "NMC811", "LiFePO4")
    for alias, name in [
        ("LCO", "LiCoO2"),
        ("lithium cobalt oxide", "LiCoO2"),
        ("NCM811", "NMC811"),
        ("LiNi0.8Mn0.1Co0.1O2", "NMC811"),
        ("LFP", "LiFePO4"),
    ]:
        assert cathode_index(alias) == CATHODES.index(name)
    # every alias of the library's cathode files resolves (except TiS2, which has no cited OCV)
    for name in CATHODES:
        mat = materials.get(name)
        for alias in (mat.name, *mat.aliases):
            assert CATHODES[cathode_index(alias)] == name
    with pytest.raises(LisseError, match="no cited open-circuit potential"):
        cathode_index("TiS2")
    with pytest.raises(LisseError, match="no cited open-circuit potential"):
        stoichiometry_window("titanium disulfide")
    with pytest.raises(LisseError, match="allowed: LiCoO2, NMC811, LiFePO4"):
        cathode_index("LiMn2O4")


def test_switch_dispatch_under_jit_vmap_grad():
    """A traced index picks the right curve; vmap over mixed cathodes equals a loop; grad is finite."""
    x = jnp.array([0.5, 0.6, 0.5])
    idx = jnp.array([cathode_index("LiCoO2"), cathode_index("NMC811"), cathode_index("LiFePO4")])
    batched = jax.jit(jax.vmap(open_circuit_potential))(idx, x)
    expected = [ocp_lco_ramadass2004(0.5), ocp_nmc811_chen2020(0.6), ocp_lfp_afshar2017(0.5)]
    np.testing.assert_allclose(np.asarray(batched), np.asarray(expected), rtol=1e-12)
    g = jax.vmap(jax.grad(open_circuit_potential, argnums=1))(idx, x)
    assert np.all(np.isfinite(np.asarray(g))) and np.all(np.asarray(g) < 0.0)


@pytest.mark.parametrize(
    ("fn", "kwargs", "wrt"),
    [
        (ocp_nmc811_chen2020, dict(x=0.5), "x"),
        (ocp_lco_ramadass2004, dict(x=0.6), "x"),
        (ocp_lfp_afshar2017, dict(x=0.5), "x"),
        (open_circuit_potential, dict(index=1, x=0.5), "x"),
    ],
)
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)
