"""Dendrites, filaments and short circuits on plating (review section 3.1).

Models, from initiation to short circuit:

- Li pressure in a surface flaw from the plating overpotential and the overpotential (and
  current) that extends a flaw of a given size in a brittle electrolyte (Porz et al. 2017);
- the shear-modulus stability criterion for soft electrolytes (Monroe & Newman 2005);
- Sand's time and the limiting current of electrolytes with a transference number below 1
  (polymers);
- Li nucleation inside an electrolyte driven by its electronic conductivity (Han et al. 2019);
- growth of a filament once initiated (current focused on its tip), along grain boundaries
  (tortuous path) or through grains, and the time to short a given thickness.

Sign convention: plating currents and overpotentials enter these functions as magnitudes.
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, GAS_CONSTANT, ArrayLike

__all__ = [
    "critical_overpotential_porz2017",
    "critical_plating_current_porz2017",
    "dendrite_growth_factor_monroe2005",
    "filament_growth_velocity",
    "internal_deposition_current_han2019",
    "internal_short_time_han2019",
    "largest_flaw_length",
    "limiting_current_density",
    "lithium_pressure_porz2017",
    "sand_time",
    "stability_margin_monroe2005",
    "time_to_short",
    "tip_current_focusing_factor",
]


@cites("porz2017")
def lithium_pressure_porz2017(overpotential: ArrayLike, molar_volume_li: ArrayLike) -> jnp.ndarray:
    r"""Pressure that Li plated into a closed surface flaw can build up at a given plating overpotential.

    Plating continues into a confined flaw until the mechanical work :math:`p\,\Omega_\mathrm{Li}`
    of adding a mole of Li balances the electrical driving force :math:`F|\eta|` (Porz et al. 2017).

    Parameters
    ----------
    overpotential : array_like
        Plating overpotential (magnitude is used) [V].
    molar_volume_li : array_like
        Molar volume of Li metal, 1.30e-5 m^3/mol at 298 K [m^3/mol].

    Returns
    -------
    jax.Array
        Li (hydrostatic) pressure in the flaw [Pa].

    Notes
    -----
    .. math:: p = \frac{F |\eta|}{\Omega_\mathrm{Li}}

    About 7.4 MPa per mV for :math:`\Omega_\mathrm{Li} = 13.0` cm^3/mol (Porz et al. 2017). An
    upper bound: Li flow out of the flaw (creep) and elastic compliance lower the pressure.

    References
    ----------
    .. [1] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.

    Examples
    --------
    >>> round(float(lithium_pressure_porz2017(1e-3, 13.0e-6)) / 1e6, 2)  # MPa per mV
    7.42
    """
    return FARADAY * jnp.abs(jnp.asarray(overpotential, dtype=float)) / molar_volume_li


@cites("porz2017")
def critical_overpotential_porz2017(
    flaw_length: ArrayLike,
    fracture_toughness: ArrayLike,
    molar_volume_li: ArrayLike,
    geometry_factor: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Plating overpotential at which Li pressure extends a surface flaw of a brittle electrolyte (Griffith-
    Irwin).

    The Li pressure of :func:`lithium_pressure_porz2017` loads the flaw faces; the flaw grows
    when the stress intensity :math:`Y p \sqrt{\pi a}` reaches the fracture toughness (Porz et al. 2017).

    Parameters
    ----------
    flaw_length : array_like
        Depth a of the surface flaw (crack length) [m].
    fracture_toughness : array_like
        Mode-I fracture toughness K_Ic of the electrolyte [Pa*m^0.5].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    geometry_factor : array_like, default 1.0
        Dimensionless geometry factor Y of the stress intensity [-]: 1 for a pressurised
        Griffith crack, 1.12 for an edge crack in a half space; the choice changes the
        result by up to 12 %.

    Returns
    -------
    jax.Array
        Critical plating overpotential (magnitude) [V].

    Notes
    -----
    .. math::

        K_I = Y\,p\,\sqrt{\pi a} = K_{Ic} \;\Rightarrow\;
        \eta_c = \frac{\Omega_\mathrm{Li} K_{Ic}}{Y F \sqrt{\pi a}} \propto a^{-1/2}

    Linear-elastic fracture mechanics; valid for flaws much larger than the process zone and
    much smaller than the electrolyte thickness, with Li filling the flaw and transmitting a
    uniform pressure. For LLZO (K_Ic about 1 MPa m^0.5) and micrometre flaws it gives
    about 0.1 V, the order Porz et al. discuss.

    References
    ----------
    .. [1] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.

    Examples
    --------
    >>> round(float(critical_overpotential_porz2017(1e-6, 1.25e6, 13.0e-6)) * 1e3, 1)  # mV, LLZO
    95.0
    """
    a = jnp.asarray(flaw_length, dtype=float)
    return molar_volume_li * fracture_toughness / (geometry_factor * FARADAY * jnp.sqrt(jnp.pi * a))


@cites("porz2017", "bard2001")
def critical_plating_current_porz2017(
    flaw_length: ArrayLike,
    fracture_toughness: ArrayLike,
    exchange_current_density: ArrayLike,
    temperature: ArrayLike,
    molar_volume_li: ArrayLike,
    geometry_factor: ArrayLike = 1.0,
    current_focusing_factor: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Plating current density at which the flaw-extension criterion of Porz et al. (2017) is reached.

    lisse closes the model of Porz et al. by taking the overpotential that pressurises the Li in
    the flaw as the charge-transfer overpotential of a symmetric Butler-Volmer interface
    carrying the local current density :math:`g\,i` at the flaw (``current_focusing_factor``
    g >= 1 accounts for current focusing at the flaw mouth).

    Parameters
    ----------
    flaw_length : array_like
        Depth of the largest surface flaw [m] (see :func:`largest_flaw_length`).
    fracture_toughness : array_like
        Mode-I fracture toughness of the electrolyte [Pa*m^0.5].
    exchange_current_density : array_like
        Exchange current density of the Li | electrolyte interface [A/m^2].
    temperature : array_like
        Absolute temperature [K].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    geometry_factor : array_like, default 1.0
        Geometry factor of the stress intensity [-] (see :func:`critical_overpotential_porz2017`).
    current_focusing_factor : array_like, default 1.0
        Ratio of the local current density at the flaw to the mean current density [-].

    Returns
    -------
    jax.Array
        Critical plating current density per contact area [A/m^2].

    Notes
    -----
    .. math::

        i_c = \frac{2 i_0}{g}\sinh\left(\frac{F \eta_c}{2 R T}\right), \qquad
        \eta_c = \frac{\Omega_\mathrm{Li} K_{Ic}}{Y F \sqrt{\pi a}}

    The Butler-Volmer closure is a lisse choice (Porz et al. give the overpotential, not the
    current); ohmic drops in the electrolyte are not counted as flaw-pressurising. The current is
    very sensitive to :math:`i_0` and, through the sinh, to :math:`\eta_c/(RT/F)`.

    References
    ----------
    .. [1] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.
    .. [2] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> i = critical_plating_current_porz2017(10e-6, 1.25e6, 10.0, 298.15, 13.0e-6)
    >>> round(float(i) / 10.0, 1)  # mA/cm^2 for i0 = 1 mA/cm^2
    1.2
    """
    eta_c = critical_overpotential_porz2017(flaw_length, fracture_toughness, molar_volume_li, geometry_factor)
    f = FARADAY / (GAS_CONSTANT * jnp.asarray(temperature, dtype=float))
    return 2.0 * exchange_current_density * jnp.sinh(0.5 * f * eta_c) / current_focusing_factor


@cites("porz2017")
def largest_flaw_length(
    surface_roughness: ArrayLike, pore_diameter: ArrayLike, grain_boundary_groove_depth: ArrayLike
) -> jnp.ndarray:
    r"""Size of the largest surface flaw of an electrolyte from its surface finish and microstructure.

    Porz et al. (2017) showed that Li penetration starts from the largest surface flaws; the
    flaw population of a polished pellet is set by its roughness, its open surface porosity and
    the grooves at grain boundaries. The weakest link, the largest of them, controls.

    Parameters
    ----------
    surface_roughness : array_like
        Peak-to-valley depth of the surface roughness [m].
    pore_diameter : array_like
        Diameter of the largest pores open to the surface [m].
    grain_boundary_groove_depth : array_like
        Depth of grain-boundary grooves or intergranular cracks at the surface (at most about the
        grain size) [m].

    Returns
    -------
    jax.Array
        Flaw length to use in :func:`critical_overpotential_porz2017` [m].

    Notes
    -----
    .. math:: a = \max(R_t, d_\mathrm{pore}, d_\mathrm{gb})

    A weakest-link rule without statistics; a Weibull description of the flaw population
    would give a size-dependent (area-dependent) critical current instead.

    References
    ----------
    .. [1] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.

    Examples
    --------
    >>> float(largest_flaw_length(0.5e-6, 2e-6, 1e-6))
    2e-06
    """
    return jnp.maximum(
        jnp.maximum(jnp.asarray(surface_roughness, dtype=float), pore_diameter), grain_boundary_groove_depth
    )


@cites("monroe2005")
def stability_margin_monroe2005(
    shear_modulus: ArrayLike, shear_modulus_li: ArrayLike, critical_ratio: ArrayLike = 2.0
) -> jnp.ndarray:
    r"""Monroe-Newman stability margin: positive when an electrolyte is stiff enough to stop Li roughening.

    Monroe & Newman (2005) added elastic stresses to the deposition kinetics at a Li | polymer
    interface and found that surface roughening is suppressed when the shear modulus of the
    separator exceeds about twice that of Li.

    Parameters
    ----------
    shear_modulus : array_like
        Shear modulus of the electrolyte [Pa].
    shear_modulus_li : array_like
        Shear modulus of Li metal [Pa].
    critical_ratio : array_like, default 2.0
        Critical modulus ratio G/G_Li [-]; about 2 for the Poisson's ratios used by Monroe &
        Newman (2005).

    Returns
    -------
    jax.Array
        Margin G/G_Li - critical_ratio; > 0 stable (roughening suppressed), < 0 unstable [-].

    Notes
    -----
    .. math:: m = G/G_\mathrm{Li} - (G/G_\mathrm{Li})_c

    A linear-stability criterion for isotropic, elastic, defect-free electrolytes; it says
    nothing about fracture of brittle ceramics, which fail by the flaw mechanism of
    :func:`critical_overpotential_porz2017` although they pass this criterion.

    References
    ----------
    .. [1] C. Monroe, J. Newman, J. Electrochem. Soc. 152, A396 (2005). DOI 10.1149/1.1850854.

    Examples
    --------
    >>> float(stability_margin_monroe2005(8.4e9, 4.2e9))
    0.0
    """
    return jnp.asarray(shear_modulus, dtype=float) / shear_modulus_li - critical_ratio


@cites("monroe2005")
def dendrite_growth_factor_monroe2005(
    shear_modulus: ArrayLike, shear_modulus_li: ArrayLike, critical_ratio: ArrayLike = 2.0
) -> jnp.ndarray:
    r"""Fraction of the unhindered dendrite growth that an electrolyte of shear modulus G lets through.

    Monroe & Newman (2005) found that the elastic stresses of a separator slow the growth of Li surface
    roughness as its shear modulus rises and stop it at about twice Li's
    (:func:`stability_margin_monroe2005`). lisse scales the growth of depletion-driven (Sand) dendrites by a
    smooth step in the ratio: 1 for a liquid (G = 0), falling to 0 at the criterion.

    Parameters
    ----------
    shear_modulus : array_like
        Shear modulus of the electrolyte [Pa].
    shear_modulus_li : array_like
        Shear modulus of Li metal [Pa].
    critical_ratio : array_like, default 2.0
        Critical modulus ratio (G/G_Li)_c [-] (Monroe & Newman 2005).

    Returns
    -------
    jax.Array
        Growth factor f, from 0 (stopped) to 1 (unhindered) [-].

    Notes
    -----
    .. math:: s = \mathrm{clip}\left(1 - \frac{G/G_\mathrm{Li}}{(G/G_\mathrm{Li})_c}, 0, 1\right),
        \qquad f = s^2 (3 - 2 s)

    The criterion is Monroe & Newman's; the smooth step between G = 0 and the criterion is lisse's
    interpolation (their perturbation growth rate falls monotonically with G and changes sign there), C1 so
    that adaptive solvers step through it. Soft polymers (G ~ 1e5-1e9 Pa against G_Li = 2.8 GPa) give
    f ~ 1: their stiffness does not slow dendrites. Brittle ceramics pass the criterion (f = 0) but fail by
    the flaw mechanism (:func:`critical_overpotential_porz2017`), which this factor does not touch.

    References
    ----------
    .. [1] C. Monroe, J. Newman, J. Electrochem. Soc. 152, A396 (2005). DOI 10.1149/1.1850854.

    Examples
    --------
    >>> float(dendrite_growth_factor_monroe2005(0.0, 4.2e9))
    1.0
    >>> float(dendrite_growth_factor_monroe2005(8.4e9, 4.2e9))
    0.0
    """
    margin = stability_margin_monroe2005(shear_modulus, shear_modulus_li, critical_ratio)
    s = jnp.clip(-margin / critical_ratio, 0.0, 1.0)
    return s * s * (3.0 - 2.0 * s)


def _one_minus_t(transference_number):
    """(1 - t+) with a safe value where t+ >= 1 (single-ion conductors)."""
    t = jnp.asarray(transference_number, dtype=float)
    single_ion = t >= 1.0
    return single_ion, jnp.where(single_ion, 1.0, 1.0 - t)


@cites("sand1901", "bard2001")
def sand_time(
    current_density: ArrayLike,
    diffusion_coefficient: ArrayLike,
    salt_concentration: ArrayLike,
    transference_number: ArrayLike,
) -> jnp.ndarray:
    r"""Sand's time: when the salt concentration at a plating electrode falls to zero at constant current.

    In a binary electrolyte with cation transference number below 1, plating depletes the salt
    next to the electrode; at Sand's time the surface concentration reaches zero and deposition
    becomes dendritic. Single-ion conductors (t+ = 1) never deplete: the result is infinite.

    Parameters
    ----------
    current_density : array_like
        Plating current density (magnitude is used) [A/m^2].
    diffusion_coefficient : array_like
        Ambipolar salt diffusion coefficient [m^2/s].
    salt_concentration : array_like
        Bulk salt concentration [mol/m^3].
    transference_number : array_like
        Cation transference number t+ [-].

    Returns
    -------
    jax.Array
        Sand's time [s] (infinite for t+ >= 1).

    Notes
    -----
    .. math:: \tau_\mathrm{Sand} = \pi D \left(\frac{c_0 F}{2 i (1 - t_+)}\right)^2

    Semi-infinite diffusion from a planar electrode at constant current in a dilute, binary,
    1:1 electrolyte; valid when the electrolyte is thicker than :math:`\sqrt{D\tau}` and the
    current exceeds the limiting current (below it the depletion never reaches zero).

    References
    ----------
    .. [1] H. J. S. Sand, Phil. Mag. 1, 45 (1901). DOI 10.1080/14786440109462590.
    .. [2] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001, sec. 8.2.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> round(float(sand_time(10.0, 1e-11, 1000.0, 0.2)), 1)  # s
    1142.4
    """
    single_ion, one_minus_t = _one_minus_t(transference_number)
    i = jnp.abs(jnp.asarray(current_density, dtype=float))
    tau = jnp.pi * diffusion_coefficient * (salt_concentration * FARADAY / (2.0 * i * one_minus_t)) ** 2
    return jnp.where(single_ion, jnp.inf, tau)


@cites("newman2004")
def limiting_current_density(
    diffusion_coefficient: ArrayLike,
    salt_concentration: ArrayLike,
    transference_number: ArrayLike,
    thickness: ArrayLike,
) -> jnp.ndarray:
    r"""Limiting current density of a binary electrolyte between two Li electrodes.

    At steady state the salt concentration profile is linear across the electrolyte; the
    limiting current is reached when the concentration at the plating electrode falls to zero.

    Parameters
    ----------
    diffusion_coefficient : array_like
        Ambipolar salt diffusion coefficient [m^2/s].
    salt_concentration : array_like
        Bulk (initial, mean) salt concentration [mol/m^3].
    transference_number : array_like
        Cation transference number t+ [-].
    thickness : array_like
        Distance between the electrodes [m].

    Returns
    -------
    jax.Array
        Limiting current density [A/m^2] (infinite for t+ >= 1).

    Notes
    -----
    .. math:: i_\mathrm{lim} = \frac{2 F D c_0}{(1 - t_+) L}

    Dilute-solution theory, 1:1 salt, constant properties, salt conserved (the mean concentration
    stays :math:`c_0`). Above :math:`i_\mathrm{lim}` the electrolyte depletes at Sand's time.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> round(float(limiting_current_density(1e-11, 1000.0, 0.2, 100e-6)), 3)  # A/m^2
    24.121
    """
    single_ion, one_minus_t = _one_minus_t(transference_number)
    i_lim = (
        2.0 * FARADAY * diffusion_coefficient * salt_concentration / (one_minus_t * jnp.asarray(thickness))
    )
    return jnp.where(single_ion, jnp.inf, i_lim)


@cites("han2019")
def internal_deposition_current_han2019(
    current_density: ArrayLike, ionic_conductivity: ArrayLike, electronic_conductivity: ArrayLike
) -> jnp.ndarray:
    r"""Electronic leakage current that can reduce Li+ inside an electrolyte (upper bound).

    Han et al. (2019) traced Li deposition inside LLZO and Li3PS4, and its absence in LiPON, to
    the electronic conductivity of the electrolyte: electrons entering it combine with Li+ in
    the bulk. Under a current the potential drop across the electrolyte is :math:`iL/\sigma_i`,
    which drives the electronic current :math:`i\,\sigma_e/\sigma_i`; lisse takes it as the
    (upper-bound) rate of Li deposition inside the electrolyte.

    Parameters
    ----------
    current_density : array_like
        Ionic current density through the electrolyte (magnitude is used) [A/m^2].
    ionic_conductivity : array_like
        Ionic conductivity of the electrolyte [S/m].
    electronic_conductivity : array_like
        Electronic conductivity of the electrolyte [S/m].

    Returns
    -------
    jax.Array
        Electronic current density available for internal Li deposition [A/m^2].

    Notes
    -----
    .. math:: i_e = |i|\,\frac{\sigma_e}{\sigma_i}

    Ohmic electrolyte with uniform conductivities; assumes every leaking electron reduces a Li+
    inside the electrolyte (upper bound). Grain boundaries, which Han et al. identify as
    electronically conducting paths, are represented only through an effective
    :math:`\sigma_e`.

    References
    ----------
    .. [1] F. Han et al., Nat. Energy 4, 187 (2019). DOI 10.1038/s41560-018-0312-z.

    Examples
    --------
    >>> round(float(internal_deposition_current_han2019(10.0, 0.1, 1e-7)), 12)
    1e-05
    """
    return jnp.abs(jnp.asarray(current_density, dtype=float)) * electronic_conductivity / ionic_conductivity


@cites("han2019")
def internal_short_time_han2019(
    current_density: ArrayLike,
    thickness: ArrayLike,
    ionic_conductivity: ArrayLike,
    electronic_conductivity: ArrayLike,
    molar_volume_li: ArrayLike,
    li_volume_fraction_to_short: ArrayLike,
) -> jnp.ndarray:
    r"""Time for Li deposited inside an electronically leaky electrolyte to connect the electrodes.

    Li is deposited in the bulk at the rate of :func:`internal_deposition_current_han2019`; the
    cell shorts when the deposited Li reaches the volume fraction at which it percolates
    through the thickness (Han et al. 2019 mechanism; the percolation closure is lisse's).

    Parameters
    ----------
    current_density : array_like
        Ionic current density (magnitude is used) [A/m^2].
    thickness : array_like
        Electrolyte thickness [m].
    ionic_conductivity : array_like
        Ionic conductivity [S/m].
    electronic_conductivity : array_like
        Electronic conductivity [S/m].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    li_volume_fraction_to_short : array_like
        Volume fraction of internal Li at which it percolates (a percolation threshold, of order 0.1-0.3) [-].

    Returns
    -------
    jax.Array
        Time to short circuit by internal deposition (lower bound) [s].

    Notes
    -----
    .. math::

        t_\mathrm{short} = \frac{\phi_c L F}{\Omega_\mathrm{Li}\, i_e}, \qquad
        i_e = |i|\,\sigma_e/\sigma_i

    Uniform deposition through the thickness; a lower bound because :math:`i_e` is an upper bound.
    The ratio :math:`\sigma_i/\sigma_e` is the figure of merit: LiPON, with a very low
    :math:`\sigma_e`, does not form internal Li (Han et al. 2019).

    References
    ----------
    .. [1] F. Han et al., Nat. Energy 4, 187 (2019). DOI 10.1038/s41560-018-0312-z.

    Examples
    --------
    >>> t = internal_short_time_han2019(10.0, 100e-6, 0.1, 1e-7, 13.0e-6, 0.2)
    >>> round(float(t) / 3.6e9, 2)  # million hours
    4.12
    """
    i_e = internal_deposition_current_han2019(current_density, ionic_conductivity, electronic_conductivity)
    return (
        li_volume_fraction_to_short * jnp.asarray(thickness, dtype=float) * FARADAY / (molar_volume_li * i_e)
    )


@cites("porz2017")
def tip_current_focusing_factor(catchment_radius: ArrayLike, tip_radius: ArrayLike) -> jnp.ndarray:
    r"""Current focusing at a filament tip: the ratio of the area that feeds it to the tip area.

    A conducting Li filament is an extension of the electrode; the ionic current arriving over
    a catchment disc (of the order of the filament spacing, or the grain size for
    intergranular filaments) converges on its tip (Porz et al. 2017 observed tip-driven growth).

    Parameters
    ----------
    catchment_radius : array_like
        Radius of the region whose current the tip collects [m].
    tip_radius : array_like
        Radius of the filament tip [m].

    Returns
    -------
    jax.Array
        Focusing factor g = (R/r)^2, at least 1 [-].

    Notes
    -----
    .. math:: g = \max\left[(R_c/r_\mathrm{tip})^2, 1\right]

    Geometric (flux-conservation) estimate assuming all current in the catchment reaches the
    tip; an upper bound when the remaining electrolyte is thick compared with :math:`R_c`.

    References
    ----------
    .. [1] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.

    Examples
    --------
    >>> round(float(tip_current_focusing_factor(10e-6, 1e-6)), 9)
    100.0
    """
    return jnp.maximum((jnp.asarray(catchment_radius, dtype=float) / tip_radius) ** 2, 1.0)


@cites("newman2004")
def filament_growth_velocity(
    current_density: ArrayLike, molar_volume_li: ArrayLike, current_focusing_factor: ArrayLike = 1.0
) -> jnp.ndarray:
    r"""Growth velocity of a Li filament tip (Faraday's law at the focused tip current density).

    Parameters
    ----------
    current_density : array_like
        Mean plating current density (magnitude is used) [A/m^2].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    current_focusing_factor : array_like, default 1.0
        Tip current density over mean current density [-] (see :func:`tip_current_focusing_factor`).

    Returns
    -------
    jax.Array
        Tip velocity [m/s].

    Notes
    -----
    .. math:: v = \frac{\Omega_\mathrm{Li}\, g\, |i|}{F}

    Faraday's law for dense Li; 1 mA/cm^2 thickens a planar Li layer by about 4.85 um per hour.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.

    Examples
    --------
    >>> round(float(filament_growth_velocity(10.0, 13.0e-6)) * 3600e6, 2)  # um/h at 1 mA/cm^2
    4.85
    """
    return (
        molar_volume_li
        * current_focusing_factor
        * jnp.abs(jnp.asarray(current_density, dtype=float))
        / FARADAY
    )


@cites("newman2004", "porz2017")
def time_to_short(
    thickness: ArrayLike,
    current_density: ArrayLike,
    molar_volume_li: ArrayLike,
    current_focusing_factor: ArrayLike = 1.0,
    tortuosity: ArrayLike = 1.0,
    initial_length: ArrayLike = 0.0,
) -> jnp.ndarray:
    r"""Time for a growing Li filament to cross the electrolyte and short the cell.

    Parameters
    ----------
    thickness : array_like
        Electrolyte thickness (use :func:`lisse.mechanisms.mechanical.creep.effective_thickness`
        when Li has crept into pores) [m].
    current_density : array_like
        Mean plating current density (magnitude is used) [A/m^2].
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].
    current_focusing_factor : array_like, default 1.0
        Tip over mean current density [-].
    tortuosity : array_like, default 1.0
        Path length over thickness [-]: 1 for a straight transgranular filament, larger for one
        that follows grain boundaries.
    initial_length : array_like, default 0.0
        Length already grown along the path (for example the initiating flaw) [m].

    Returns
    -------
    jax.Array
        Time to short circuit [s]; zero if the filament already spans the path.

    Notes
    -----
    .. math:: t_\mathrm{short} = \frac{\max(\tau L - \ell_0, 0)\,F}{\Omega_\mathrm{Li}\, g\, |i|}

    Constant tip current density (constant g); the acceleration as the remaining gap shrinks is
    neglected, so this is an upper bound for a given g.

    References
    ----------
    .. [1] J. Newman, K. E. Thomas-Alyea, Electrochemical Systems, 3rd ed., Wiley, 2004.
       ISBN 978-0-471-47756-3.
    .. [2] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.

    Examples
    --------
    >>> round(float(time_to_short(48.5e-6, 10.0, 13.0e-6)) / 3600.0, 2)  # h
    10.0
    """
    path = jnp.maximum(tortuosity * jnp.asarray(thickness, dtype=float) - initial_length, 0.0)
    return path / filament_growth_velocity(current_density, molar_volume_li, current_focusing_factor)
