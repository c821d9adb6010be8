"""Documented estimates for values no record gives: interconversion rules, stand-ins and family priors.

Each rule is a small function of SI values with its reference; :mod:`lisse.materials.resolve` applies them
in a fixed order after the records (see ``docs/models.md``, "Estimates"). Estimates exist for the absence of
evidence, not for fitting: no rule has a constant chosen to make a validation case pass.

Rules
-----
- isotropic elasticity: any two of E, G, K, nu give the others (e.g. Lawn 1993, any elasticity text);
- porosity: single-crystal (DFT) moduli of a pellet of relative density rho_r are reduced by the
  Hashin-Shtrikman upper bound for spherical pores (Hashin & Shtrikman 1963);
- molar volume from density and formula: V_m = M / rho;
- exchange current density from a charge-transfer resistance: i0 = R T / (F R_ct) (linearised
  Butler-Volmer, Bard & Faulkner 2001);
- Li conductivity of an alloy from its Li diffusion coefficient: sigma = F^2 c D/(RT) (Nernst-Einstein);
- polymer salt transport from the ions' self-diffusion coefficients: t+ = D+/(D+ + D-), D = 2D+D-/(D+ + D-)
  (Nernst-Hartley) and c = sigma RT/(F^2 (D+ + D-)) (Nernst-Einstein), ideal and fully dissociated;
- pore size of a pellet from its relative density and grain size: the hydraulic diameter of a packing of
  spheres, d_h = 4 V_pore / S_pore = (2/3) d (1 - rho_r) / rho_r (Carman 1937);
- vacancy diffusion from tracer self-diffusion: D* = f x_v D_v with the correlation factor f = 1 - 2/Z
  (Z = 8 nearest neighbours in bcc Li; Szabo, Koiwa & Ishioka 1991) and the equilibrium vacancy fraction
  x_v = exp(S_f/k) exp(-E_f/(k T)) from the measured formation energy and entropy (Feder 1970).

Family priors
-------------
Where no record and no rule gives a value, the prior of the material's category and family is used: its
nominal value is the geometric mean of the values the library holds (records and rule results, never other
priors) for materials of the same category and family, and its distribution is log-uniform from a third of
the smallest to three times the largest of them (for quantities that may be zero or negative: uniform over
the span widened by half of it, at least +-20 %). With no value in the family and category, the pool is the
family in any category, then the category's metallic (metal, alloy) or non-metallic materials, as the
material is one or the other.
For a property of an interface (``exchange_current_density:LLZO`` of Li) the pool is the same material's
values against counterparts of the same family, then against any counterpart.

Literature priors
-----------------
A property that no material of the library records, and that the literature gives only for a wider class
of materials, has a prior built by the same rule from a pool of published values of that class
(:data:`LITERATURE_PRIORS`): the subcritical crack growth law v = v0 (K_I/K_Ic)^n of brittle non-metals,
for which no solid electrolyte's measurement was found. A record of the material, or a library pool once
one exists, comes first.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from lisse._core.constants import BOLTZMANN_EV, FARADAY, GAS_CONSTANT

__all__ = [
    "LITERATURE_PRIORS",
    "PRIOR_WIDENING",
    "Prior",
    "binary_salt_transport",
    "exchange_current_density_from_resistance",
    "family_prior",
    "isotropic_elastic_constants",
    "molar_volume_from_density",
    "nernst_einstein_conductivity",
    "pore_diameter_hydraulic",
    "porous_moduli_hashin_shtrikman",
    "salt_concentration_nernst_einstein",
    "vacancy_diffusion_from_self_diffusion",
]

#: The factor by which a family prior extends beyond the smallest and largest value of its pool.
PRIOR_WIDENING = 3.0
#: Nearest neighbours in the bcc lattice of Li.
_BCC_COORDINATION = 8


def isotropic_elastic_constants(given: dict[str, float]) -> dict[str, float]:
    """All four isotropic constants from any two of them.

    Parameters
    ----------
    given : dict
        Two or more of ``youngs_modulus`` E [Pa], ``shear_modulus`` G [Pa], ``bulk_modulus`` K [Pa],
        ``poisson_ratio`` nu [-]; the first two in the order E, G, K, nu are used.

    Returns
    -------
    dict
        ``youngs_modulus``, ``shear_modulus``, ``bulk_modulus``, ``poisson_ratio``.

    Notes
    -----
    E = 2G(1 + nu) = 3K(1 - 2nu) = 9KG/(3K + G); valid for isotropic linear elasticity.
    """
    keys = [k for k in ("youngs_modulus", "shear_modulus", "bulk_modulus", "poisson_ratio") if k in given]
    if len(keys) < 2:
        raise ValueError("isotropic elasticity needs two of E, G, K, nu")
    a, b = keys[:2]
    E, G, K, nu = (given.get(k) for k in ("youngs_modulus", "shear_modulus", "bulk_modulus", "poisson_ratio"))
    if (a, b) == ("youngs_modulus", "shear_modulus"):
        nu = E / (2 * G) - 1
    elif (a, b) == ("youngs_modulus", "bulk_modulus"):
        nu = (3 * K - E) / (6 * K)
    elif (a, b) == ("shear_modulus", "bulk_modulus"):
        nu = (3 * K - 2 * G) / (2 * (3 * K + G))
    if E is None:
        E = 2 * G * (1 + nu) if G is not None else 3 * K * (1 - 2 * nu)
    G = E / (2 * (1 + nu))
    K = E / (3 * (1 - 2 * nu))
    return {"youngs_modulus": E, "shear_modulus": G, "bulk_modulus": K, "poisson_ratio": nu}


def porous_moduli_hashin_shtrikman(
    bulk_modulus: float, shear_modulus: float, relative_density: float
) -> tuple[float, float]:
    """Bulk and shear moduli of a solid with spherical pores (Hashin-Shtrikman upper bound, Hashin &
    Shtrikman 1963).

    Parameters
    ----------
    bulk_modulus, shear_modulus : float
        Moduli of the dense solid K0, G0 [Pa].
    relative_density : float
        1 - porosity p, in (0, 1].

    Returns
    -------
    tuple of float
        K, G [Pa] of the porous solid:
        K = K0 (1 - p) / (1 + 3 K0 p / (4 G0)),
        G = G0 (1 - p) / (1 + p (6 K0 + 12 G0) / (9 K0 + 8 G0)).

    Notes
    -----
    The bound for a porous phase of zero stiffness; it coincides with the Mori-Tanaka estimate and holds for
    isolated, roughly spherical pores (porosity up to ~30 %). Exact at p = 0.
    """
    p = 1.0 - relative_density
    K0, G0 = bulk_modulus, shear_modulus
    K = K0 * (1 - p) / (1 + 3 * K0 * p / (4 * G0))
    G = G0 * (1 - p) / (1 + p * (6 * K0 + 12 * G0) / (9 * K0 + 8 * G0))
    return K, G


def molar_volume_from_density(molar_mass: float, density: float) -> float:
    """Molar volume V_m = M / rho [m^3/mol] from the molar mass [kg/mol] and the density [kg/m^3]."""
    return molar_mass / density


def exchange_current_density_from_resistance(charge_transfer_resistance: float, temperature: float) -> float:
    """Exchange current density i0 = R T / (F R_ct) [A/m^2] from a charge-transfer ASR [ohm m^2] at T [K].

    The slope of the Butler-Volmer equation at zero overpotential (Bard & Faulkner 2001); valid for
    one-electron transfer and overpotentials well below RT/F.
    """
    return GAS_CONSTANT * temperature / (FARADAY * charge_transfer_resistance)


def nernst_einstein_conductivity(
    diffusion_coefficient: float, concentration: float, temperature: float
) -> float:
    """Li-ion conductivity sigma = F^2 c D / (R T) [S/m] of mobile Li at ``concentration`` [mol/m^3] with
    diffusion coefficient D [m^2/s] at T [K] (Nernst-Einstein; Newman & Thomas-Alyea 2004). Used for the Li
    conductivity of metallic mixed conductors (alloys), where D is the chemical diffusion coefficient."""
    return FARADAY**2 * concentration * diffusion_coefficient / (GAS_CONSTANT * temperature)


def binary_salt_transport(cation_diffusion: float, anion_diffusion: float) -> tuple[float, float]:
    """Ideal-solution transport of a binary salt from the ions' self-diffusion coefficients [m^2/s].

    Returns
    -------
    tuple of float
        Transference number t+ = D+ / (D+ + D-) [-] and salt (ambipolar) diffusion coefficient
        D = 2 D+ D- / (D+ + D-) [m^2/s] (Nernst-Hartley; Newman & Thomas-Alyea 2004).

    Notes
    -----
    Dilute, ideal, fully dissociated salt. In concentrated polymer electrolytes ion pairs and clusters make
    the electrochemical t+ lower (Pesko et al. 2017 find it negative in part of the PEO-LiTFSI range): an
    estimate of what the mobilities alone imply, to be replaced by measured values.
    """
    total = cation_diffusion + anion_diffusion
    return cation_diffusion / total, 2.0 * cation_diffusion * anion_diffusion / total


def salt_concentration_nernst_einstein(
    conductivity: float, cation_diffusion: float, anion_diffusion: float, temperature: float
) -> float:
    """Salt concentration c = sigma R T / (F^2 (D+ + D-)) [mol/m^3] that the ions' self-diffusion coefficients
    imply for a measured conductivity (Nernst-Einstein, fully dissociated 1:1 salt; ion pairing makes the true
    concentration higher). All inputs at the same ``temperature`` [K]."""
    return conductivity * GAS_CONSTANT * temperature / (FARADAY**2 * (cation_diffusion + anion_diffusion))


def pore_diameter_hydraulic(relative_density: float, grain_size: float) -> float:
    """Hydraulic diameter of the open pores of a pellet of spherical grains [m].

    Parameters
    ----------
    relative_density : float
        Relative density rho_r of the pellet, in (0, 1] [-].
    grain_size : float
        Grain (particle) diameter d [m].

    Returns
    -------
    float
        d_h = 4 V_pore / S_pore [m]; 0 for a dense pellet.

    Notes
    -----
    The pore volume per unit volume is 1 - rho_r and the grains' surface per unit volume 6 rho_r / d, so
    d_h = (2/3) d (1 - rho_r) / rho_r (the hydraulic radius of Carman 1937, times 4). Pores shrink towards
    zero as the pellet densifies, so Li needs ever more pressure to enter them. Valid for pellets of roughly
    equiaxed grains whose porosity is open (connected to the surface); it does not know which pores are
    closed.

    References
    ----------
    .. [1] P. C. Carman, Trans. Inst. Chem. Eng. 15, 150 (1937).

    Examples
    --------
    >>> round(pore_diameter_hydraulic(0.8, 3e-6) * 1e6, 6)  # um
    0.5
    """
    return 2.0 / 3.0 * grain_size * (1.0 - relative_density) / relative_density


def vacancy_diffusion_from_self_diffusion(
    self_diffusion_coefficient: float,
    formation_energy_eV: float,
    formation_entropy: float,
    temperature: float,
) -> float:
    """Vacancy diffusion coefficient D_v = D* / (f x_v) [m^2/s] in bcc Li.

    Parameters
    ----------
    self_diffusion_coefficient : float
        Tracer self-diffusion coefficient D* [m^2/s] at ``temperature``.
    formation_energy_eV : float
        Monovacancy formation energy E_f [eV].
    formation_entropy : float
        Monovacancy formation entropy S_f [k_B].
    temperature : float
        T [K].

    Notes
    -----
    x_v = exp(S_f) exp(-E_f / kT) is the equilibrium monovacancy site fraction; f = 1 - 2/Z = 0.75 the
    approximate tracer correlation factor of the vacancy mechanism for Z = 8 (bcc; the exact value is
    within 3 %).
    """
    x_v = np.exp(formation_entropy) * np.exp(-formation_energy_eV / (BOLTZMANN_EV * temperature))
    f = 1.0 - 2.0 / _BCC_COORDINATION
    return self_diffusion_coefficient / (f * x_v)


@dataclass(frozen=True)
class Prior:
    """A family prior: nominal value and bounds [SI], what kind of bounds, and the pool it was built from."""

    value: float
    low: float
    high: float
    log: bool
    pool: tuple[tuple[str, float], ...]
    """(label, SI value) of every member of the pool."""
    scope: str
    """Which materials the pool covers, e.g. 'sulfide electrolytes'."""


def family_prior(
    pool: list[tuple[str, float]], scope: str, signed: bool, clip: Callable[[float], float]
) -> Prior:
    """The prior of a pool of (label, SI value): geometric mean and log-uniform [min/3, max*3] for positive
    quantities; mean and uniform over the span widened by half of it (at least 20 % of |mean|) otherwise.
    ``clip`` limits bounds to the property's allowed range."""
    values = [v for _, v in pool]
    lo, hi = min(values), max(values)
    if not signed and lo > 0:
        nominal = math.exp(sum(math.log(v) for v in values) / len(values))
        return Prior(nominal, lo / PRIOR_WIDENING, hi * PRIOR_WIDENING, True, tuple(pool), scope)
    mean = sum(values) / len(values)
    pad = max(0.5 * (hi - lo), 0.2 * abs(mean))
    return Prior(mean, clip(lo - pad), clip(hi + pad), False, tuple(pool), scope)


@dataclass(frozen=True)
class LiteraturePrior:
    """Published values of a class of materials for a property no material of the library records."""

    pool: tuple[tuple[str, float], ...]
    """(label naming the material and source, SI value) of every value read."""
    scope: str
    """The class of materials the values come from, and what they stand in for."""
    sources: tuple[str, ...]
    """Bibliography keys of what was read."""
    metallic: bool = False
    """Whether the prior applies to metallic (metal, alloy, semiconductor) or to non-metallic materials."""

    def prior(self) -> Prior:
        """The family prior of the pool (:func:`family_prior`: geometric mean, log-uniform [min/3, max*3])."""
        return family_prior(list(self.pool), self.scope, signed=False, clip=lambda x: x)


#: Literature priors by property name (issue 12: crack growth after initiation). No subcritical crack growth
#: of any solid electrolyte was found measured (searched: garnets, NASICON, sulfides, beta-alumina, whose slow
#: crack growth under current is reported only qualitatively, LBL-19342); the pools are of oxide ceramics and
#: glass-ceramics tested in water, which stand in for every brittle electrolyte, sulfides included (no
#: sulfide glass was found either). In a dry cell there is no water at the crack tip: the real growth is
#: probably slower (larger n); the widened bounds are meant to cover that, not to centre on it.
LITERATURE_PRIORS: dict[str, LiteraturePrior] = {
    "crack_velocity_exponent": LiteraturePrior(
        pool=(
            ("dental veneering ceramic, dynamic fatigue (griggs2011)", 35.9),
            ("dental framework ceramic, dynamic fatigue (griggs2011)", 12.4),
            ("fluorapatite glass-ceramic, 2 Hz cyclic, water 37 degC (joshi2014)", 21.7),
            ("fluorapatite glass-ceramic, 10 Hz cyclic, water 37 degC (joshi2014)", 19.1),
        ),
        scope="oxide ceramics and glass-ceramics in water (no solid electrolyte measured)",
        sources=("griggs2011", "joshi2014"),
    ),
    "crack_reference_velocity": LiteraturePrior(
        pool=(
            ("fluorapatite glass-ceramic A, 2 Hz (joshi2014; read as v0 in m/s)", 4.99e-5),
            ("fluorapatite glass-ceramic A, 10 Hz (joshi2014; read as v0 in m/s)", 7.39e-6),
            ("largest region-I velocity measured in glass, a lower bound of v(K_Ic) (haldimann2006)", 1e-3),
        ),
        scope="oxide glass-ceramics and glass in water (no solid electrolyte measured)",
        sources=("joshi2014", "haldimann2006"),
    ),
}
