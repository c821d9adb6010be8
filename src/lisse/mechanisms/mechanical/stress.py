r"""Stresses at the Li | electrolyte interface: stack pressure, interphase expansion, filament tips (3.4).

Three sources of stress the review names:

- **Stack pressure in a constrained cell.** Plating thickens the Li, stripping thins it; in a
  cell held at fixed height the stack pressure follows (it rises on charge and falls on
  discharge, Zhang et al. 2017) and relaxes as Li creeps.
- **Interphase growth with volume expansion.** A reduced interphase occupies more volume than
  the electrolyte it replaces (Li | LAGP, Lewis et al. 2019); constrained, it is compressed and
  loads the electrolyte next to it, which cracks once the stress intensity reaches the
  fracture toughness (see :mod:`lisse.mechanisms.mechanical.fracture`).
- **Li filament tips.** The pressure that the plating overpotential can build in Li
  (:func:`lisse.mechanisms.electric.filaments.lithium_pressure_porz2017`) is capped by the
  yield strength of the Li, which is size-dependent: up to 244 MPa in whiskers, with growth
  stresses up to 130 MPa (Zhang et al. 2020), versus below 1 MPa in bulk (Masias et al. 2019).

Sign convention: tensile stresses positive; the stack pressure is a positive compressive load.
"""

from __future__ import annotations

import jax
import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import FARADAY, ArrayLike
from lisse.mechanisms.mechanical.creep import creep_strain_rate

__all__ = [
    "filament_tip_stress",
    "interphase_stress_intensity",
    "li_thickness_change",
    "misfit_stress_constrained_layer",
    "stack_pressure_change",
    "stack_pressure_history",
    "stack_pressure_rate",
    "substrate_stress_balance",
    "yield_strength_size_dependent_xu2017",
]


@cites("bard2001", "zhang2017")
def li_thickness_change(charge_density: ArrayLike, molar_volume_li: ArrayLike) -> jnp.ndarray:
    r"""Thickness change of a dense, planar Li electrode from the charge plated (+) or stripped (-).

    Parameters
    ----------
    charge_density : array_like
        Charge plated per unit area, negative for stripping [C/m^2]. 1 mAh/cm^2 = 3.6e4 C/m^2.
    molar_volume_li : array_like
        Molar volume of Li metal [m^3/mol].

    Returns
    -------
    jax.Array
        Thickness change [m].

    Notes
    -----
    .. math:: \Delta h = \frac{q\,\Omega_\mathrm{Li}}{F}

    Faraday's law for dense, uniform plating or stripping; about 4.85 um per mAh/cm^2 for
    :math:`\Omega_\mathrm{Li} = 13.0` cm^3/mol.

    References
    ----------
    .. [1] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.
    .. [2] W. Zhang et al., J. Mater. Chem. A 5, 9929 (2017). DOI 10.1039/c7ta02730c.

    Examples
    --------
    >>> round(float(li_thickness_change(3.6e4, 13.0e-6)) * 1e6, 2)  # um per mAh/cm^2
    4.85
    """
    return jnp.asarray(charge_density, dtype=float) * molar_volume_li / FARADAY


@cites("zhang2017")
def stack_pressure_change(thickness_change: ArrayLike, stack_stiffness: ArrayLike) -> jnp.ndarray:
    r"""Change of stack pressure of a cell held at fixed height when its thickness wants to change.

    Parameters
    ----------
    thickness_change : array_like
        Free (unconstrained) thickness change of the cell stack, positive for expansion [m].
    stack_stiffness : array_like
        Stiffness of stack plus fixture per unit area, pressure per unit thickness change
        [Pa/m]. For layers in series with a fixture, :math:`1/k = \sum_j t_j/M_j + 1/k_\mathrm{fix}`
        (:math:`M_j` the constrained moduli); the fixture usually dominates.

    Returns
    -------
    jax.Array
        Pressure change, positive when the stack expands [Pa].

    Notes
    -----
    .. math:: \Delta p = k\,\Delta h

    Linear elastic, uniaxial; valid while the stack stays in contact (the pressure stays
    above zero) and nothing flows (see :func:`stack_pressure_history` for Li creep).
    Zhang et al. (2017) measured the pressure rise on charge of In | LGPS | LiCoO2 cells
    (up to 1.25 MPa on the first charge) but did not report the stiffness of their press, so
    the stiffness is an argument.

    References
    ----------
    .. [1] W. Zhang et al., J. Mater. Chem. A 5, 9929 (2017). DOI 10.1039/c7ta02730c.

    Examples
    --------
    >>> round(float(stack_pressure_change(4.85e-6, 1e11)) / 1e6, 3)  # MPa
    0.485
    """
    return jnp.asarray(thickness_change, dtype=float) * stack_stiffness


@cites("zhang2017", "masias2019", "bard2001")
def stack_pressure_rate(
    plating_current_density: ArrayLike,
    stack_pressure: ArrayLike,
    li_thickness: ArrayLike,
    stack_stiffness: ArrayLike,
    molar_volume_li: ArrayLike,
    temperature: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = 298.15,
    creep_constraint_factor: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Rate of change of the stack pressure of a fixed-height cell: plating swells the Li, creep thins it.

    Parameters
    ----------
    plating_current_density : array_like
        Current plating Li on the Li electrode (charge), negative when stripping [A/m^2].
    stack_pressure : array_like
        Current stack pressure on the Li [Pa].
    li_thickness : array_like
        Current Li electrode thickness [m].
    stack_stiffness : array_like
        Stiffness of stack plus fixture per unit area [Pa/m].
    molar_volume_li : array_like
        Molar volume of Li [m^3/mol].
    temperature : array_like
        Absolute temperature [K].
    creep_reference_strain_rate : array_like
        Creep strain rate of Li at the reference stress and temperature [1/s].
    creep_reference_stress : array_like
        Reference stress of the creep law [Pa].
    creep_stress_exponent : array_like
        Creep stress exponent n [-].
    creep_activation_energy : array_like
        Creep activation energy [J/mol].
    reference_temperature : array_like, default 298.15
        Reference temperature of the creep law [K].
    creep_constraint_factor : array_like, default 1.0
        Ratio of the foil's actual creep thinning rate to that of a foil free to flow sideways
        (uniaxial creep test) [-]. 1 is an upper bound on relaxation; a thin foil squeezed
        between sticking contacts thins far more slowly (factor much below 1). Not computed
        by lisse: fit it to a measured pressure relaxation.

    Returns
    -------
    jax.Array
        :math:`\mathrm{d}p/\mathrm{d}t` [Pa/s].

    Notes
    -----
    .. math:: \frac{\mathrm{d}p}{\mathrm{d}t} = k\left[\frac{i\,\Omega_\mathrm{Li}}{F}
              - c\,h_\mathrm{Li}\,\dot\varepsilon_\mathrm{creep}(p, T)\right]

    The Li foil is treated as compressed by the stack pressure and thinning by creep at
    :math:`c` times the rate of a foil free to flow sideways (the creep tests of Masias et
    al. 2019; :math:`c` = ``creep_constraint_factor``), with the creep law of
    :func:`lisse.mechanisms.mechanical.creep.creep_strain_rate`; the cathode's volume change is
    neglected. Valid while the pressure is positive (contact kept).

    References
    ----------
    .. [1] W. Zhang et al., J. Mater. Chem. A 5, 9929 (2017). DOI 10.1039/c7ta02730c.
    .. [2] A. Masias et al., J. Mater. Sci. 54, 2585 (2019). DOI 10.1007/s10853-018-2971-3.
    .. [3] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> float(stack_pressure_rate(0.0, 0.0, 50e-6, 1e11, 13e-6, 298.15, 7.7e-3, 1e6, 6.56, 37e3))
    0.0
    """
    rate = creep_strain_rate(
        stack_pressure,
        temperature,
        creep_reference_strain_rate,
        creep_reference_stress,
        creep_stress_exponent,
        creep_activation_energy,
        reference_temperature,
    )
    plating = jnp.asarray(plating_current_density, dtype=float) * molar_volume_li / FARADAY
    return stack_stiffness * (plating - creep_constraint_factor * li_thickness * rate)


@cites("zhang2017", "masias2019", "bard2001")
def stack_pressure_history(
    time: ArrayLike,
    plating_current_density: ArrayLike,
    initial_pressure: ArrayLike,
    li_thickness: ArrayLike,
    stack_stiffness: ArrayLike,
    molar_volume_li: ArrayLike,
    temperature: ArrayLike,
    creep_reference_strain_rate: ArrayLike,
    creep_reference_stress: ArrayLike,
    creep_stress_exponent: ArrayLike,
    creep_activation_energy: ArrayLike,
    reference_temperature: ArrayLike = 298.15,
    creep_constraint_factor: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Stack pressure of a fixed-height cell through plating and stripping, with relaxation by Li creep.

    Integrates :func:`stack_pressure_rate` with the backward Euler method (unconditionally
    stable for the stiff, high-exponent creep law), tracking the Li thickness.

    Parameters
    ----------
    time : array_like
        Increasing output times, 1-D, starting at the initial state [s].
    plating_current_density : array_like
        Plating current density, negative for stripping: a scalar, or one value per output
        time holding from that time to the next (the last value is unused) [A/m^2].
    initial_pressure : array_like
        Stack pressure at the first output time [Pa].
    li_thickness : array_like
        Li thickness at the first output time [m].
    stack_stiffness : array_like
        Stiffness of stack plus fixture per unit area [Pa/m].
    molar_volume_li : array_like
        Molar volume of Li [m^3/mol].
    temperature : array_like
        Absolute temperature [K].
    creep_reference_strain_rate : array_like
        Creep strain rate of Li at the reference stress and temperature [1/s].
    creep_reference_stress : array_like
        Reference stress of the creep law [Pa].
    creep_stress_exponent : array_like
        Creep stress exponent n [-].
    creep_activation_energy : array_like
        Creep activation energy [J/mol].
    reference_temperature : array_like, default 298.15
        Reference temperature of the creep law [K].
    creep_constraint_factor : array_like, default 1.0
        Ratio of the foil's actual creep thinning rate to that of a foil free to flow sideways
        (uniaxial creep test) [-]. 1 is an upper bound on relaxation; a thin foil squeezed
        between sticking contacts thins far more slowly (factor much below 1). Not computed
        by lisse: fit it to a measured pressure relaxation.

    Returns
    -------
    jax.Array
        Stack pressure at each time, never negative (zero means the stack has lost contact) [Pa].

    Notes
    -----
    State: Li thickness :math:`h`; pressure :math:`p = \max(p_0 + k(h - h_0), 0)`;

    .. math:: h_{k+1} = h_k + \Delta t_k\left[\frac{i_k\Omega_\mathrm{Li}}{F}
              - c\,h_{k+1}\,\dot\varepsilon_\mathrm{creep}(p(h_{k+1}))\right]

    solved by 30 Newton iterations per step. Without creep the pressure is exactly
    :math:`p_0 + k\,\Omega_\mathrm{Li} q/F` (:func:`stack_pressure_change`); with a linear creep
    law (n = 1) and no current it relaxes exponentially with time constant
    :math:`\sigma_\mathrm{ref}/(c k h \dot\varepsilon_\mathrm{ref})`. With :math:`c = 1` and the
    bulk creep law of Masias et al. (2019) a 1 MPa stack pressure on a 50 um foil relaxes in
    minutes: an upper bound on relaxation. Validity as in
    :func:`stack_pressure_rate`.

    References
    ----------
    .. [1] W. Zhang et al., J. Mater. Chem. A 5, 9929 (2017). DOI 10.1039/c7ta02730c.
    .. [2] A. Masias et al., J. Mater. Sci. 54, 2585 (2019). DOI 10.1007/s10853-018-2971-3.
    .. [3] A. J. Bard, L. R. Faulkner, Electrochemical Methods, 2nd ed., Wiley, 2001.
       ISBN 978-0-471-04372-0.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.linspace(0.0, 3600.0, 5)
    >>> p = stack_pressure_history(t, 10.0, 1e6, 50e-6, 1e11, 13e-6, 298.15, 0.0, 1e6, 6.56, 37e3)
    >>> round(float(p[-1] - p[0]) / 1e6, 3)  # 10 A/m^2 for 1 h = 1 mAh/cm^2, no creep: k * 4.85 um
    0.485
    """
    t = jnp.asarray(time, dtype=float)
    i = jnp.broadcast_to(jnp.asarray(plating_current_density, dtype=float), t.shape)
    args = (
        initial_pressure,
        li_thickness,
        stack_stiffness,
        molar_volume_li,
        temperature,
        creep_reference_strain_rate,
        creep_reference_stress,
        creep_stress_exponent,
        creep_activation_energy,
        reference_temperature,
        creep_constraint_factor,
    )
    return _pressure_history(t, i, *(jnp.asarray(a, dtype=float) for a in args))


@jax.jit
def _pressure_history(
    t,
    i,
    initial_pressure,
    li_thickness,
    stack_stiffness,
    molar_volume_li,
    temperature,
    creep_reference_strain_rate,
    creep_reference_stress,
    creep_stress_exponent,
    creep_activation_energy,
    reference_temperature,
    creep_constraint_factor,
):
    """Backward-Euler integration behind :func:`stack_pressure_history` (compiled once per shape)."""
    dt = jnp.diff(t)
    h0 = li_thickness
    p0 = initial_pressure
    growth = i[:-1] * molar_volume_li / FARADAY

    def pressure(h):
        return jnp.maximum(p0 + stack_stiffness * (h - h0), 0.0)

    def creep(h):
        return creep_constraint_factor * creep_strain_rate(
            pressure(h),
            temperature,
            creep_reference_strain_rate,
            creep_reference_stress,
            creep_stress_exponent,
            creep_activation_energy,
            reference_temperature,
        )

    def step(h_prev, inputs):
        dt_k, g_k = inputs

        def residual(h):
            return h - h_prev - dt_k * (g_k - h * creep(h))

        def newton(_, h):
            r, dr = jax.jvp(residual, (h,), (jnp.ones_like(h),))
            return h - r / dr

        h_new = jax.lax.fori_loop(0, 30, newton, h_prev + dt_k * g_k)
        return h_new, pressure(h_new)

    _, p_rest = jax.lax.scan(step, h0, (dt, growth))
    return jnp.concatenate([jnp.reshape(pressure(h0), (1,)), p_rest])


@cites("hutchinson1991", "lewis2019")
def misfit_stress_constrained_layer(
    volume_change: ArrayLike, youngs_modulus: ArrayLike, poisson_ratio: ArrayLike
) -> jnp.ndarray:
    r"""In-plane stress in a layer that expands while held to its original area (e.g. an interphase).

    Parameters
    ----------
    volume_change : array_like
        Relative free volume change of the layer's material, :math:`\Delta V/V`, positive for
        expansion (e.g. the electrolyte turning into a reduced interphase) [-].
    youngs_modulus : array_like
        Young's modulus of the layer [Pa].
    poisson_ratio : array_like
        Poisson's ratio of the layer [-].

    Returns
    -------
    jax.Array
        Equal-biaxial in-plane stress, negative (compressive) for expansion [Pa].

    Notes
    -----
    .. math:: \sigma = -\frac{E}{1-\nu}\,\varepsilon_m, \qquad
              \varepsilon_m = (1 + \Delta V/V)^{1/3} - 1 \approx \frac{\Delta V}{3V}

    Thin layer on a thick, rigid substrate (biaxial modulus :math:`E/(1-\nu)`), isotropic
    linear-elastic, free to expand through its thickness. Stresses above the layer's yield
    or fracture strength are not physical: it then flows or cracks.

    References
    ----------
    .. [1] J. W. Hutchinson, Z. Suo, Adv. Appl. Mech. 29, 63 (1991).
       DOI 10.1016/S0065-2156(08)70164-9.
    .. [2] J. A. Lewis et al., ACS Energy Lett. 4, 591 (2019). DOI 10.1021/acsenergylett.9b00093.

    Examples
    --------
    >>> round(float(misfit_stress_constrained_layer(0.331, 75e9, 0.25)) / 1e9, 6)  # 10 % linear strain, GPa
    -10.0
    """
    strain = jnp.cbrt(1.0 + jnp.asarray(volume_change, dtype=float)) - 1.0
    return -jnp.asarray(youngs_modulus, dtype=float) / (1.0 - poisson_ratio) * strain


@cites("stoney1909", "hutchinson1991")
def substrate_stress_balance(
    misfit_stress: ArrayLike, layer_thickness: ArrayLike, substrate_thickness: ArrayLike
) -> jnp.ndarray:
    r"""Mean in-plane stress in the electrolyte that balances a stressed surface layer (force balance).

    Parameters
    ----------
    misfit_stress : array_like
        In-plane stress in the surface layer (interphase), e.g. from
        :func:`misfit_stress_constrained_layer` [Pa].
    layer_thickness : array_like
        Total thickness of stressed layers on the electrolyte (both faces together) [m].
    substrate_thickness : array_like
        Thickness of the unreacted electrolyte [m].

    Returns
    -------
    jax.Array
        Mean balancing stress in the electrolyte: tensile (positive) when the layer is in
        compression [Pa].

    Notes
    -----
    .. math:: \bar\sigma_s = -\sigma_f \frac{h_f}{h_s}

    Zero net in-plane force, no bending (layers on both faces, or a clamped pellet), far from
    edges; valid for :math:`h_f \ll h_s` as in Stoney's analysis. Near the edge of a reacted
    region the stress concentrates (Tippens et al. 2019); see
    :func:`interphase_stress_intensity`.

    References
    ----------
    .. [1] G. G. Stoney, Proc. R. Soc. Lond. A 82, 172 (1909). DOI 10.1098/rspa.1909.0021.
    .. [2] J. W. Hutchinson, Z. Suo, Adv. Appl. Mech. 29, 63 (1991).
       DOI 10.1016/S0065-2156(08)70164-9.

    Examples
    --------
    >>> round(float(substrate_stress_balance(-1e9, 1e-6, 1e-3)) / 1e6, 6)  # MPa
    1.0
    """
    return -jnp.asarray(misfit_stress, dtype=float) * layer_thickness / substrate_thickness


@cites("hutchinson1991", "lewis2019")
def interphase_stress_intensity(
    misfit_stress: ArrayLike, interphase_thickness: ArrayLike, cracking_number: ArrayLike
) -> jnp.ndarray:
    r"""Stress intensity driving a crack from a stressed interphase into the electrolyte (thin-film scaling).

    For a layer of thickness :math:`h` under in-plane stress :math:`\sigma`, the energy release
    rate of every crack pattern scales as :math:`G = Z\sigma^2 h/\bar E`, with a dimensionless
    cracking number :math:`Z` of order one that depends on the pattern and the elastic mismatch
    (Hutchinson & Suo 1991). Equivalently :math:`K = |\sigma|\sqrt{Z h}`: as the interphase
    thickens, :math:`K` grows as :math:`\sqrt{h}` until it reaches the electrolyte's toughness,
    the mechanism behind the fracture of LAGP by its expanding interphase (Lewis et al. 2019;
    Tippens et al. 2019, reviewed in Liu et al. 2021).

    Parameters
    ----------
    misfit_stress : array_like
        In-plane stress in the interphase (magnitude is used) [Pa].
    interphase_thickness : array_like
        Interphase thickness [m].
    cracking_number : array_like
        Dimensionless cracking number Z of the crack pattern, of order 1; take it from
        Hutchinson & Suo (1991) for the pattern and mismatch at hand [-].

    Returns
    -------
    jax.Array
        Stress intensity factor [Pa*m^0.5].

    Notes
    -----
    .. math:: K = |\sigma_f|\sqrt{Z\,h}, \qquad h_c = \frac{K_{Ic}^2}{Z\,\sigma_f^2}

    A crack initiates when :math:`K \ge K_{Ic}`, i.e. for :math:`h \ge h_c`. A scaling law,
    not a solution for the geometry of a cell: Z absorbs geometry and elastic mismatch;
    linear elasticity and a pre-existing flaw of size comparable to :math:`h` are assumed.

    References
    ----------
    .. [1] J. W. Hutchinson, Z. Suo, Adv. Appl. Mech. 29, 63 (1991).
       DOI 10.1016/S0065-2156(08)70164-9.
    .. [2] J. A. Lewis et al., ACS Energy Lett. 4, 591 (2019). DOI 10.1021/acsenergylett.9b00093.

    Examples
    --------
    >>> round(float(interphase_stress_intensity(-1e9, 1e-6, 1.0)) / 1e6, 6)  # MPa m^0.5
    1.0
    """
    h = jnp.asarray(interphase_thickness, dtype=float)
    # K = 0 at h = 0 with a finite gradient there (sqrt has an infinite slope at zero)
    safe = jnp.where(h > 0, h, 1.0)
    root = jnp.where(h > 0, jnp.sqrt(cracking_number * safe), 0.0)
    return jnp.abs(jnp.asarray(misfit_stress, dtype=float)) * root


@cites("xu2017")
def yield_strength_size_dependent_xu2017(
    diameter: ArrayLike,
    reference_yield_strength: ArrayLike,
    reference_diameter: ArrayLike,
    size_exponent: ArrayLike,
) -> jnp.ndarray:
    r"""Yield strength of Li versus its size: smaller is stronger (power law of Xu et al. 2017).

    Parameters
    ----------
    diameter : array_like
        Diameter of the Li pillar, whisker or filament [m].
    reference_yield_strength : array_like
        Yield strength at ``reference_diameter`` [Pa].
    reference_diameter : array_like
        Diameter at which ``reference_yield_strength`` holds [m].
    size_exponent : array_like
        Exponent m of :math:`\sigma_y \propto D^{-m}`; Xu et al. (2017) report 0.68 at room
        temperature and 1.00 at 90 degC for single-crystalline Li pillars [-].

    Returns
    -------
    jax.Array
        Yield strength [Pa].

    Notes
    -----
    .. math:: \sigma_y(D) = \sigma_\mathrm{ref}\,(D/D_\mathrm{ref})^{-m}

    Valid over the tested range of Xu et al. (micrometre-sized pillars). At large diameters
    the power law falls below the bulk yield strength of Li (about 0.8 MPa, Masias et al.
    2019); use ``max(result, bulk yield strength)`` there.

    References
    ----------
    .. [1] C. Xu, Z. Ahmad, A. Aryanfar, V. Viswanathan, J. R. Greer, Proc. Natl. Acad. Sci.
       USA 114, 57 (2017). DOI 10.1073/pnas.1615733114.

    Examples
    --------
    >>> round(float(yield_strength_size_dependent_xu2017(0.5e-6, 100e6, 1e-6, 1.0)) / 1e6, 6)
    200.0
    """
    d = jnp.asarray(diameter, dtype=float)
    return reference_yield_strength * (d / reference_diameter) ** (-jnp.asarray(size_exponent, dtype=float))


@cites("zhang2020", "porz2017")
def filament_tip_stress(driving_stress: ArrayLike, yield_strength: ArrayLike) -> jnp.ndarray:
    r"""Stress a Li filament exerts at its tip: the driving pressure, capped by the yield strength of Li.

    Parameters
    ----------
    driving_stress : array_like
        Pressure the plating can build, e.g. :math:`F|\eta|/\Omega_\mathrm{Li}` from
        :func:`lisse.mechanisms.electric.filaments.lithium_pressure_porz2017` [Pa].
    yield_strength : array_like
        Yield strength of the Li filament (size-dependent: see
        :func:`yield_strength_size_dependent_xu2017`; up to 244 MPa measured for whiskers by
        Zhang et al. 2020) [Pa].

    Returns
    -------
    jax.Array
        Stress at the filament tip [Pa].

    Notes
    -----
    .. math:: \sigma_\mathrm{tip} = \min(p_\mathrm{drive}, \sigma_y)

    Above its yield strength the Li flows instead of pushing harder (perfect plasticity).
    Zhang et al. (2020) measured whisker growth stresses up to 130 MPa, below the 244 MPa
    whisker yield strength they measured, consistent with this cap.

    References
    ----------
    .. [1] L. Zhang et al., Nat. Nanotechnol. 15, 94 (2020). DOI 10.1038/s41565-019-0604-x.
    .. [2] L. Porz et al., Adv. Energy Mater. 7, 1701003 (2017). DOI 10.1002/aenm.201701003.

    Examples
    --------
    >>> round(float(filament_tip_stress(742e6, 244e6)) / 1e6, 1)  # 100 mV drive, whisker-strength cap
    244.0
    """
    return jnp.minimum(jnp.asarray(driving_stress, dtype=float), yield_strength)
