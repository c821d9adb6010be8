"""Contract checks (tests/mechanisms/contract.py) for every public function of the electric
family, of mechanisms/kinetics.py and of mechanisms/mechanical/creep.py."""

from __future__ import annotations

import functools

import pytest

from lisse.mechanisms import kinetics as kin
from lisse.mechanisms.electric import ccd as ccd_mod
from lisse.mechanisms.electric import filaments as fil
from lisse.mechanisms.electric import voids as vd
from lisse.mechanisms.mechanical import creep as cr
from mechanisms.contract import check_mechanism

OMEGA = 13.0e-6
CREEP = dict(
    creep_reference_strain_rate=7.7e-3,
    creep_reference_stress=1e6,
    creep_stress_exponent=6.56,
    creep_activation_energy=37e3,
)


def _value_of(fn):
    """The CCD functions return (value, code); the checker compares arrays, so check the value."""
    return functools.wraps(fn)(lambda **kw: fn(**kw).value)


CASES = [
    (
        kin.butler_volmer_current,
        dict(overpotential=0.01, exchange_current_density=10.0, temperature=298.15),
        "overpotential",
    ),
    (
        kin.butler_volmer_current,
        dict(overpotential=-0.02, exchange_current_density=10.0, temperature=330.0, alpha_a=0.3, alpha_c=0.7),
        "exchange_current_density",
    ),
    (
        kin.butler_volmer_overpotential,
        dict(current_density=20.0, exchange_current_density=10.0, temperature=298.15),
        "current_density",
    ),
    (kin.arrhenius, dict(value_ref=1e-3, activation_energy_J_per_mol=30e3, temperature=330.0), "temperature"),
    (kin.ohmic_asr, dict(thickness=1e-4, ionic_conductivity=0.1), "thickness"),
    (
        kin.ohmic_overpotential,
        dict(current_density=10.0, thickness=1e-4, ionic_conductivity=0.1),
        "ionic_conductivity",
    ),
    (
        kin.charge_transfer_asr,
        dict(exchange_current_density=10.0, temperature=298.15),
        "exchange_current_density",
    ),
    (cr.creep_strain_rate, dict(stress=2e6, temperature=300.0, **CREEP), "stress"),
    (
        cr.creep_penetration_depth_doux2020,
        dict(stack_pressure=5e6, pore_radius=1e-6, time=3600.0, temperature=300.0, **CREEP),
        "stack_pressure",
    ),
    (
        cr.creep_intrusion_velocity,
        dict(stress=30e6, flow_stress=20e6, pore_radius=1e-6, temperature=300.0, **CREEP),
        "stress",
    ),
    (cr.effective_thickness, dict(thickness=100e-6, penetration_depth=20e-6), "penetration_depth"),
    (
        vd.vacancy_saturation_time_krauskopf2019,
        dict(current_density=10.0, vacancy_diffusion_coefficient=1e-13, critical_vacancy_concentration=10.0),
        "current_density",
    ),
    (
        vd.stripping_current_krauskopf2019,
        dict(vacancy_diffusion_coefficient=1e-13, critical_vacancy_concentration=10.0, diffusion_length=1e-6),
        "diffusion_length",
    ),
    (
        vd.creep_limited_stripping_current,
        dict(
            stack_pressure=1e6,
            contact_fraction=0.5,
            temperature=300.0,
            creep_length=1e-5,
            molar_volume_li=OMEGA,
            **CREEP,
        ),
        "stack_pressure",
    ),
    (
        vd.contact_loss_rate,
        dict(
            current_density=10.0,
            contact_fraction=0.5,
            replenishment_current_density=5.0,
            void_depth=1e-6,
            molar_volume_li=OMEGA,
        ),
        "current_density",
    ),
    (
        vd.interfacial_asr_partial_contact,
        dict(contact_fraction=0.3, contact_radius=1e-6, ionic_conductivity=0.05, charge_transfer_asr=1e-4),
        "contact_fraction",
    ),
    (fil.lithium_pressure_porz2017, dict(overpotential=0.01, molar_volume_li=OMEGA), "overpotential"),
    (
        fil.critical_overpotential_porz2017,
        dict(flaw_length=1e-6, fracture_toughness=1.25e6, molar_volume_li=OMEGA),
        "flaw_length",
    ),
    (
        fil.critical_plating_current_porz2017,
        dict(
            flaw_length=1e-6,
            fracture_toughness=1.25e6,
            exchange_current_density=10.0,
            temperature=298.15,
            molar_volume_li=OMEGA,
        ),
        "fracture_toughness",
    ),
    (
        fil.largest_flaw_length,
        dict(surface_roughness=1e-6, pore_diameter=2e-6, grain_boundary_groove_depth=0.5e-6),
        "pore_diameter",
    ),
    (fil.stability_margin_monroe2005, dict(shear_modulus=59.6e9, shear_modulus_li=2.83e9), "shear_modulus"),
    (
        fil.dendrite_growth_factor_monroe2005,
        dict(shear_modulus=2.0e9, shear_modulus_li=2.83e9),
        "shear_modulus",
    ),
    (
        fil.sand_time,
        dict(
            current_density=10.0,
            diffusion_coefficient=1e-11,
            salt_concentration=1000.0,
            transference_number=0.2,
        ),
        "current_density",
    ),
    (
        fil.limiting_current_density,
        dict(diffusion_coefficient=1e-11, salt_concentration=1000.0, transference_number=0.2, thickness=1e-4),
        "thickness",
    ),
    (
        fil.internal_deposition_current_han2019,
        dict(current_density=10.0, ionic_conductivity=0.1, electronic_conductivity=1e-7),
        "electronic_conductivity",
    ),
    (
        fil.internal_short_time_han2019,
        dict(
            current_density=10.0,
            thickness=1e-4,
            ionic_conductivity=0.1,
            electronic_conductivity=1e-7,
            molar_volume_li=OMEGA,
            li_volume_fraction_to_short=0.2,
        ),
        "electronic_conductivity",
    ),
    (fil.tip_current_focusing_factor, dict(catchment_radius=10e-6, tip_radius=1e-6), "tip_radius"),
    (
        fil.filament_growth_velocity,
        dict(current_density=10.0, molar_volume_li=OMEGA, current_focusing_factor=5.0),
        "current_density",
    ),
    (
        fil.time_to_short,
        dict(
            thickness=100e-6,
            current_density=10.0,
            molar_volume_li=OMEGA,
            current_focusing_factor=5.0,
            tortuosity=1.3,
            initial_length=5e-6,
        ),
        "thickness",
    ),
    (
        _value_of(ccd_mod.ccd_plating),
        dict(
            flaw_length=1e-6,
            fracture_toughness=1.25e6,
            exchange_current_density=10.0,
            temperature=298.15,
            molar_volume_li=OMEGA,
            diffusion_coefficient=1e-11,
            salt_concentration=1000.0,
            transference_number=0.2,
            thickness=1e-4,
            contact_fraction=0.5,
        ),
        "flaw_length",
    ),
    (
        _value_of(ccd_mod.ccd_stripping),
        dict(
            stack_pressure=1e6,
            contact_fraction=0.8,
            temperature=300.0,
            vacancy_diffusion_coefficient=1e-13,
            critical_vacancy_concentration=10.0,
            diffusion_length=1e-6,
            creep_length=1e-5,
            molar_volume_li=OMEGA,
            **CREEP,
        ),
        "stack_pressure",
    ),
]


@pytest.mark.parametrize(("fn", "kwargs", "wrt"), CASES, ids=[f"{c[0].__name__}-{c[2]}" for c in CASES])
def test_contract(fn, kwargs, wrt):
    check_mechanism(fn, kwargs, wrt)


def test_every_public_function_is_covered():
    covered = {c[0].__name__ for c in CASES}
    for module in (kin, vd, fil, ccd_mod, cr):
        for name in module.__all__:
            obj = getattr(module, name)
            if callable(obj) and hasattr(obj, "__lisse_references__"):
                assert name in covered, f"{module.__name__}.{name} has no contract check"
