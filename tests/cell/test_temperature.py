"""Temperature in every rate (issue 12, item 6): conductivity, charge transfer, Li creep, vacancy diffusion
and the polymer's transport each carry an activation energy, so the CCD responds to temperature.

Where a record has its own temperature law it is used (LLZO's conductivity 0.34 eV, Li | LLZO's exchange
current density 0.37 eV from Eckhardt et al. 2023, Li self-diffusion 54.3 kJ/mol from Mundy 1969, Li creep
37 kJ/mol, PEO-LiTFSI's VTF law); a thermally activated record without one is moved with the family prior of
the library's activation energies of the same kind of process (lisse.materials.resolve).
"""

from __future__ import annotations

import math
import warnings

import jax
import numpy as np
import pytest

from lisse._core.constants import BOLTZMANN_EV, GAS_CONSTANT
from lisse._core.errors import ExtrapolationWarning
from lisse.cell import Cell, parse_protocol
from lisse.cell.model import Features
from lisse.cell.parameters import ModelOptions, cell_parameters, stack_parameters
from lisse.cell.simulate import critical_current_density
from lisse.cell.solver import schedule_from_protocol, segments, solve
from lisse.materials import default_library
from lisse.materials.estimates import vacancy_diffusion_from_self_diffusion
from lisse.materials.resolve import NOMINAL_TEMPERATURE_TOLERANCE, Resolver
from lisse.mechanisms.electric.voids import creep_limited_stripping_current
from lisse.mechanisms.mechanical.creep import CREEP_REFERENCE_TEMPERATURE

T25, T80 = 298.15, 353.15
SYMMETRIC = Features(cathode=False, holds=False, step_ends=False)
#: As in tests/cell/test_simulator.py: the estimated vacancy diffusion alone would carry ~1e7 A/m2 and no void
#: would ever form (a documented miss), so the CCD tests look at creep, charge transfer and the Porz flaws.
CREEP_ONLY = ModelOptions(mechanisms_off=("vacancy_diffusion_krauskopf2019",))


def _quiet(fn, *args, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ExtrapolationWarning)
        return fn(*args, **kw)


def llzo(temperature: float, pressure: str = "0.1 MPa") -> Cell:
    return Cell.symmetric("LLZO", thickness="500 um", pressure=pressure, temperature=f"{temperature} K")


# -- the rates' inputs at the cell temperature -------------------------------------------------------------
def test_li_llzo_exchange_current_carries_eckhardts_activation_energy():
    """i0 = RT/(F R) with R Arrhenius at E_a,Int = 0.37 eV (Eckhardt et al. 2023): i0/T follows Arrhenius."""
    lo, hi = (_quiet(Resolver(None, T), "Li", "exchange_current_density:LLZO") for T in (T25, T80))
    ratio = (T80 / T25) * math.exp(-0.37 / BOLTZMANN_EV * (1 / T80 - 1 / T25))
    assert hi.value / lo.value == pytest.approx(ratio, rel=1e-9)
    assert "0.37 eV" in hi.basis


def test_record_without_a_law_moves_with_the_family_prior_activation_energy():
    """LATP's conductivity is stored at one temperature: at 80 degC it is x_ref exp(-E_a/k (1/T - 1/T_ref))
    with E_a the prior of the library's ion-conduction laws, and it is then an estimate with that basis; its
    uncertainty grows with the distance in 1/T."""
    lo, hi = Resolver(None, T25), Resolver(None, T80)
    latp = default_library().get("LATP")
    rec = latp.properties["ionic_conductivity"]
    prior = hi._activation_prior(latp, "ionic_conductivity")
    assert prior is not None and 0.1 < prior.value < 0.7
    v = hi(latp, "ionic_conductivity")
    x_ref = rec.quantity.to_base_units().magnitude
    assert v.value == pytest.approx(
        x_ref * math.exp(-prior.value / BOLTZMANN_EV * (1 / T80 - 1 / rec.temperature_K)), rel=1e-9
    )
    assert v.evidence == "estimated" and "family-prior activation energy" in v.basis
    assert v.distribution.b > lo(latp, "ionic_conductivity").distribution.b


def test_a_resistance_falls_and_a_metal_conductivity_stays():
    """A charge-transfer resistance is the inverse of an activated rate (it falls with T); Li's electronic
    conductivity (band conduction) is not activated and stays as stored."""
    lo, hi = Resolver(None, T25), Resolver(None, T80)
    r = [res("Li", "charge_transfer_resistance:Li6PS5Cl").value for res in (lo, hi)]
    assert r[1] < r[0] / 3
    assert hi("Li", "electronic_conductivity").value == lo("Li", "electronic_conductivity").value


def test_within_the_nominal_tolerance_a_record_keeps_its_evidence():
    """A record at 25 degC used 1 degC away is moved (continuously) but keeps its evidence class; beyond the
    tolerance it is an estimate."""
    near = Resolver(None, T25 + 1.0)("Li", "exchange_current_density:LGPS")
    assert near.evidence == "quoted" and "moved from 25 to 26 degC" in near.basis
    far = Resolver(None, T25 + 2 * NOMINAL_TEMPERATURE_TOLERANCE)("Li", "exchange_current_density:LGPS")
    assert far.evidence == "estimated" and far.value > near.value


def test_vacancy_diffusion_carries_temperature_through_the_feder_rule():
    """D_v = D*(T)/(f x_v(T)): the tracer diffusivity's 54.3 kJ/mol law and the formation energy 0.34 eV
    (Feder 1970) both enter, so D_v is activated with their difference (about 0.22 eV)."""
    for T in (T25, T80):
        r = Resolver(None, T)
        d_star = r("Li", "self_diffusion_coefficient").value
        e_f = r("Li", "vacancy_formation_energy").value / 1.602176634e-19
        s_f = r("Li", "vacancy_formation_entropy").value
        assert r("Li", "vacancy_diffusion_coefficient").value == pytest.approx(
            vacancy_diffusion_from_self_diffusion(d_star, e_f, s_f, T), rel=1e-12
        )
    d = [Resolver(None, T)("Li", "vacancy_diffusion_coefficient").value for T in (T25, T80)]
    e_eff = -BOLTZMANN_EV * math.log(d[1] / d[0]) / (1 / T80 - 1 / T25)
    assert e_eff == pytest.approx(54.3e3 / 96485.33212 - 0.34, abs=0.01)


def test_creep_arrhenius_enters_once():
    """The creep law's reference rate is read at its reference temperature (25 degC) and the mechanism applies
    exp(-Q/R (1/T - 1/T_ref)) itself: the creep-limited stripping current of the model rises between 25 and
    80 degC by exactly that factor (before this was fixed, the resolver's law and the mechanism both applied
    it)."""
    p25, p80 = (_quiet(cell_parameters, llzo(T))[0] for T in (T25, T80))
    assert float(p25.creep_reference_strain_rate) == float(p80.creep_reference_strain_rate)
    at_ref = Resolver(None, CREEP_REFERENCE_TEMPERATURE)("Li", "creep_reference_strain_rate").value
    assert float(p80.creep_reference_strain_rate) == pytest.approx(at_ref, rel=1e-12)

    def current(p):
        return creep_limited_stripping_current(
            p.pressure, 1.0, p.temperature, p.creep_length, p.molar_volume_li, p.creep_reference_strain_rate,
            p.creep_reference_stress, p.creep_stress_exponent, p.creep_activation_energy,
        )  # fmt: skip

    q = float(p80.creep_activation_energy)
    expected = math.exp(-q / GAS_CONSTANT * (1 / T80 - 1 / T25))
    assert float(current(p80) / current(p25)) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize(
    ("electrolyte", "names"),
    [
        ("LLZO", ("ionic_conductivity", "exchange_current_density", "vacancy_diffusion_coefficient")),
        ("PEO-LiTFSI", ("ionic_conductivity", "exchange_current_density", "salt_diffusion_coefficient")),
        ("LATP", ("ionic_conductivity", "electronic_conductivity", "exchange_current_density")),
    ],
)
def test_every_rate_setting_input_rises_with_temperature(electrolyte, names):
    """From 25 to 80 degC each rate-setting input of the cell rises (conduction, charge transfer and
    diffusion)."""
    lo, hi = (
        _quiet(cell_parameters, Cell.symmetric(electrolyte, temperature=f"{T} K"))[0] for T in (T25, T80)
    )
    for name in names:
        assert float(getattr(hi, name)) > 1.5 * float(getattr(lo, name)), name


def test_a_cell_override_is_the_value_at_the_cell_temperature():
    """An override given for a cell is used as given at that cell's temperature: no law or prior moves it."""
    cell = Cell.symmetric(
        "LLZO", temperature="80 degC", overrides={"Li": {"exchange_current_density:LLZO": "10 A/m^2"}}
    )
    p, cov = _quiet(cell_parameters, cell)
    assert float(p.exchange_current_density) == pytest.approx(10.0)
    assert cov.to_dict()["inputs"]["Li.exchange_current_density:LLZO"]["evidence"] == "user"


def _temperature_cells():
    schedule = schedule_from_protocol(
        parse_protocol("(Plate at 0.3 mA cm-2 for 1 hour, Strip at 0.3 mA cm-2 for 1 hour) x 2")
    )
    return segments(schedule), [_quiet(cell_parameters, llzo(T), options=CREEP_ONLY)[0] for T in (T25, T80)]


@pytest.mark.slow
def test_batched_temperatures_equal_looped():
    """Cells at 25 and 80 degC solved as one vmapped batch agree with single solves within the tolerance."""
    seg, params = _temperature_cells()
    batch = jax.vmap(lambda p: solve(p, seg, features=SYMMETRIC))(stack_parameters(params))
    for k, p in enumerate(params):
        single = solve(p, seg, features=SYMMETRIC)
        np.testing.assert_allclose(batch["y"].contact[k], single["y"].contact, rtol=1e-6)


@pytest.mark.slow
def test_gradient_with_respect_to_temperature_is_finite():
    """d(final contact)/d(temperature) through the adaptive solve, voids opening at 0.1 MPa: finite in
    reverse mode (it was NaN before :func:`~lisse.cell.model.physical_state`: a rejected step's trial state
    with a negative pore-creep depth) and equal to the forward-mode derivative (rtol 1e-6: the same
    solve differentiated two ways)."""
    seg, params = _temperature_cells()

    def final_contact(temperature, forward_mode=False):
        out = solve(
            params[0]._replace(temperature=temperature), seg, features=SYMMETRIC, forward_mode=forward_mode
        )
        return out["y"].contact[-2, -1, 1]

    g = float(jax.grad(final_contact)(params[0].temperature))
    forward = float(jax.jacfwd(lambda t: final_contact(t, True))(params[0].temperature))
    assert np.isfinite(g) and g != 0.0
    assert g == pytest.approx(forward, rel=1e-6)


# -- emergent ----------------------------------------------------------------------------------------------
def test_li_llzo_ccd_rises_from_25_to_80_degC():
    """Li | LLZO | Li at 0.1 MPa in a CCD ramp: the CCD rises with temperature (25 < 50 < 80 degC), the trend
    Sharafi et al. 2016 ('Characterizing the Li-Li7La3Zr2O12 interface stability and kinetics as a function of
    temperature and current density', J. Power Sources) report; the paper was not read, so its numbers are not
    used and only the trend is tested (tolerance: strictly rising; a cell that survives the 5 mA/cm2 ramp
    counts as above it). In the model the rise comes from faster charge transfer (0.37 eV); at a fixed i0 the
    CCD does not rise (docs/simulator.md, "Temperature")."""
    ramp = "Step current from 0.05 to 5 mA cm-2 by 0.05 every 30 minutes until failure"
    ccd = [_quiet(critical_current_density, llzo(T), ramp, options=CREEP_ONLY)[0] for T in (T25, 323.15, T80)]
    assert ccd[0] is not None and ccd[1] is not None
    assert ccd[0] < ccd[1]
    assert ccd[2] is None or ccd[2] > ccd[1]
