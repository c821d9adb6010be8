r"""Linear-elastic fracture of the solid electrolyte: stress intensity, crack initiation and growth (3.4).

A flaw of length ``a`` in an electrolyte under a tensile stress ``sigma`` carries the stress
intensity :math:`K_I = Y\sigma\sqrt{\pi a}`; it extends when :math:`K_I` reaches the fracture
toughness :math:`K_{Ic}` (Griffith; Irwin). Below :math:`K_{Ic}` a crack can still grow slowly
(subcritical growth, :math:`v = v_0 (K_I/K_{Ic})^n`), which gives a time to failure. The
stresses come from :mod:`lisse.mechanisms.mechanical.stress` (interphase growth, Li in a flaw). A grown
crack is an insulating cut in the ion conductor: it adds resistance (:func:`crack_resistance_dilute`).
"""

from __future__ import annotations

import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.numerics import ArrayLike

__all__ = [
    "crack_length_subcritical",
    "crack_resistance_dilute",
    "critical_flaw_length",
    "critical_stress",
    "stress_intensity_factor",
    "subcritical_crack_velocity",
    "time_to_failure_subcritical",
]


@cites("irwin1957", "griffith1921")
def stress_intensity_factor(
    stress: ArrayLike, flaw_length: ArrayLike, geometry_factor: ArrayLike = 1.0
) -> jnp.ndarray:
    r"""Mode-I stress intensity factor of a flaw under a remote tensile stress.

    Parameters
    ----------
    stress : array_like
        Remote tensile stress normal to the flaw (compressive stresses give negative values,
        which do not open a crack) [Pa].
    flaw_length : array_like
        Flaw length: half-length of an internal crack, depth of an edge crack [m].
    geometry_factor : array_like, default 1.0
        Dimensionless geometry factor Y: 1 for a central crack in an infinite plate, 1.12 for
        a shallow edge crack, 2/pi for a penny-shaped crack (radius a) [-].

    Returns
    -------
    jax.Array
        Stress intensity factor [Pa*m^0.5].

    Notes
    -----
    .. math:: K_I = Y \sigma \sqrt{\pi a}

    Linear-elastic fracture mechanics: valid when the process zone at the crack tip is small
    compared with the flaw and the specimen.

    References
    ----------
    .. [1] G. R. Irwin, J. Appl. Mech. 24, 361 (1957). DOI 10.1115/1.4011547.
    .. [2] A. A. Griffith, Phil. Trans. R. Soc. A 221, 163 (1921). DOI 10.1098/rsta.1921.0006.

    Examples
    --------
    >>> round(float(stress_intensity_factor(100e6, 1e-6 / 3.141592653589793)) / 1e6, 6)  # MPa m^0.5
    0.1
    """
    a = jnp.asarray(flaw_length, dtype=float)
    return geometry_factor * jnp.asarray(stress, dtype=float) * jnp.sqrt(jnp.pi * a)


@cites("irwin1957", "griffith1921")
def critical_stress(
    fracture_toughness: ArrayLike, flaw_length: ArrayLike, geometry_factor: ArrayLike = 1.0
) -> jnp.ndarray:
    r"""Tensile stress at which a flaw of given length starts to grow (Griffith-Irwin criterion).

    Parameters
    ----------
    fracture_toughness : array_like
        Mode-I fracture toughness of the electrolyte [Pa*m^0.5].
    flaw_length : array_like
        Flaw length [m].
    geometry_factor : array_like, default 1.0
        Geometry factor Y [-].

    Returns
    -------
    jax.Array
        Critical stress [Pa].

    Notes
    -----
    .. math:: \sigma_c = \frac{K_{Ic}}{Y\sqrt{\pi a}}

    The crack initiates when :math:`K_I \ge K_{Ic}`. Valid where
    :func:`stress_intensity_factor` is.

    References
    ----------
    .. [1] G. R. Irwin, J. Appl. Mech. 24, 361 (1957). DOI 10.1115/1.4011547.
    .. [2] A. A. Griffith, Phil. Trans. R. Soc. A 221, 163 (1921). DOI 10.1098/rsta.1921.0006.

    Examples
    --------
    >>> round(float(critical_stress(1e6, 1e-6 / 3.141592653589793)) / 1e6, 6)  # MPa
    1000.0
    """
    a = jnp.asarray(flaw_length, dtype=float)
    return fracture_toughness / (geometry_factor * jnp.sqrt(jnp.pi * a))


@cites("irwin1957", "griffith1921")
def critical_flaw_length(
    stress: ArrayLike, fracture_toughness: ArrayLike, geometry_factor: ArrayLike = 1.0
) -> jnp.ndarray:
    r"""Largest flaw that survives a given tensile stress; longer flaws extend.

    Parameters
    ----------
    stress : array_like
        Tensile stress, positive [Pa].
    fracture_toughness : array_like
        Mode-I fracture toughness [Pa*m^0.5].
    geometry_factor : array_like, default 1.0
        Geometry factor Y [-].

    Returns
    -------
    jax.Array
        Critical flaw length [m].

    Notes
    -----
    .. math:: a_c = \frac{1}{\pi}\left(\frac{K_{Ic}}{Y\sigma}\right)^2

    Valid where :func:`stress_intensity_factor` is.

    References
    ----------
    .. [1] G. R. Irwin, J. Appl. Mech. 24, 361 (1957). DOI 10.1115/1.4011547.
    .. [2] A. A. Griffith, Phil. Trans. R. Soc. A 221, 163 (1921). DOI 10.1098/rsta.1921.0006.

    Examples
    --------
    >>> round(float(critical_flaw_length(1000e6, 1e6)) * 3.141592653589793 * 1e6, 6)  # um * pi
    1.0
    """
    ratio = fracture_toughness / (geometry_factor * jnp.asarray(stress, dtype=float))
    return ratio * ratio / jnp.pi


def _runaway_time(
    flaw_length, stress, fracture_toughness, reference_velocity, crack_velocity_exponent, geometry_factor
):
    """(t*, (K0/K_Ic)^2, m): a(t) = a0 (1 - t/t*)^(-1/m), t* = a0 / (m v(a0)); overflow-free form."""
    m = 0.5 * crack_velocity_exponent - 1.0
    a0 = jnp.asarray(flaw_length, dtype=float)
    k_ratio = geometry_factor * jnp.asarray(stress, dtype=float) * jnp.sqrt(jnp.pi * a0) / fracture_toughness
    v0 = reference_velocity * k_ratio**crack_velocity_exponent
    return a0 / (m * v0), k_ratio * k_ratio, m


@cites("lawn1993", "irwin1957")
def crack_length_subcritical(
    time: ArrayLike,
    flaw_length: ArrayLike,
    stress: ArrayLike,
    fracture_toughness: ArrayLike,
    reference_velocity: ArrayLike,
    crack_velocity_exponent: ArrayLike,
    geometry_factor: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Length of a crack growing subcritically under a constant stress (power-law crack velocity).

    Parameters
    ----------
    time : array_like
        Time under load [s].
    flaw_length : array_like
        Initial flaw length [m].
    stress : array_like
        Constant tensile stress, positive [Pa].
    fracture_toughness : array_like
        Mode-I fracture toughness [Pa*m^0.5].
    reference_velocity : array_like
        Crack velocity at :math:`K_I = K_{Ic}` [m/s].
    crack_velocity_exponent : array_like
        Exponent n of the velocity law, > 2 (typically 10-50 for ceramics and glasses) [-].
    geometry_factor : array_like, default 1.0
        Geometry factor Y, taken as independent of the crack length [-].

    Returns
    -------
    jax.Array
        Crack length [m]; ``inf`` once it has reached the critical length (at
        :func:`time_to_failure_subcritical`), where growth becomes unstable.

    Notes
    -----
    With :math:`v = \mathrm{d}a/\mathrm{d}t = v_0 (K_I/K_{Ic})^n` and
    :math:`K_I = Y\sigma\sqrt{\pi a}`, :math:`\mathrm{d}a/\mathrm{d}t = C a^{n/2}`,
    :math:`C = v_0 (Y\sigma\sqrt{\pi}/K_{Ic})^n`, so

    .. math:: a(t) = \left[a_0^{1-n/2} - (n/2 - 1)\,C\,t\right]^{-1/(n/2-1)}
              = a_0 \left(1 - t/t^*\right)^{-1/(n/2-1)}, \quad t^* = \frac{a_0}{(n/2-1)\,v(a_0)}

    (evaluated in the second, overflow-free form). For large n the crack stays near
    :math:`a_0` for almost all of its life and runs away at the end.

    Valid for region-I (stress-corrosion-type) growth described by one power law, constant
    stress and geometry factor, :math:`n > 2`. The velocity law is empirical; :math:`v_0` and
    :math:`n` must be measured for the electrolyte and environment.

    References
    ----------
    .. [1] B. R. Lawn, Fracture of Brittle Solids, 2nd ed., Cambridge University Press, 1993
       (kinetic crack growth). ISBN 978-0-521-40972-8.
    .. [2] G. R. Irwin, J. Appl. Mech. 24, 361 (1957). DOI 10.1115/1.4011547.

    Examples
    --------
    >>> round(float(crack_length_subcritical(0.0, 1e-6, 50e6, 1e6, 1e-3, 20.0)) * 1e6, 9)  # um
    1.0
    >>> float(crack_length_subcritical(1.0, 1.0, 50e6, 1e6, 1e-3, 20.0))  # already critical
    inf
    """
    t_star, k2, m = _runaway_time(
        flaw_length, stress, fracture_toughness, reference_velocity, crack_velocity_exponent, geometry_factor
    )
    t = jnp.asarray(time, dtype=float)
    base = 1.0 - t / t_star
    t_f = t_star * (1.0 - k2**m)
    ok = (base > 0.0) & (t < t_f)
    return jnp.where(
        ok, jnp.asarray(flaw_length, dtype=float) * jnp.where(ok, base, 1.0) ** (-1.0 / m), jnp.inf
    )


@cites("lawn1993", "irwin1957")
def time_to_failure_subcritical(
    flaw_length: ArrayLike,
    stress: ArrayLike,
    fracture_toughness: ArrayLike,
    reference_velocity: ArrayLike,
    crack_velocity_exponent: ArrayLike,
    geometry_factor: ArrayLike = 1.0,
) -> jnp.ndarray:
    r"""Time for a flaw to grow subcritically to the critical length under a constant stress.

    Parameters
    ----------
    flaw_length : array_like
        Initial flaw length [m].
    stress : array_like
        Constant tensile stress, positive [Pa].
    fracture_toughness : array_like
        Mode-I fracture toughness [Pa*m^0.5].
    reference_velocity : array_like
        Crack velocity at :math:`K_I = K_{Ic}` [m/s].
    crack_velocity_exponent : array_like
        Exponent n of the velocity law, > 2 [-].
    geometry_factor : array_like, default 1.0
        Geometry factor Y [-].

    Returns
    -------
    jax.Array
        Time to failure [s]; 0 if the flaw is already critical.

    Notes
    -----
    .. math:: t_f = \frac{a_0^{1-n/2} - a_c^{1-n/2}}{(n/2-1)\,C}
              = t^*\left[1 - (K_0/K_{Ic})^{n-2}\right], \qquad
              a_c = \frac{1}{\pi}\left(\frac{K_{Ic}}{Y\sigma}\right)^2

    Valid where :func:`crack_length_subcritical` is.

    References
    ----------
    .. [1] B. R. Lawn, Fracture of Brittle Solids, 2nd ed., Cambridge University Press, 1993.
       ISBN 978-0-521-40972-8.
    .. [2] G. R. Irwin, J. Appl. Mech. 24, 361 (1957). DOI 10.1115/1.4011547.

    Examples
    --------
    >>> float(time_to_failure_subcritical(1.0, 50e6, 1e6, 1e-3, 20.0))  # already critical
    0.0
    """
    t_star, k2, m = _runaway_time(
        flaw_length, stress, fracture_toughness, reference_velocity, crack_velocity_exponent, geometry_factor
    )
    return jnp.maximum(t_star * (1.0 - k2**m), 0.0)


@cites("lawn1993")
def subcritical_crack_velocity(
    stress_intensity: ArrayLike,
    fracture_toughness: ArrayLike,
    reference_velocity: ArrayLike,
    crack_velocity_exponent: ArrayLike,
) -> jnp.ndarray:
    r"""Velocity of a crack growing subcritically (region I, power law), capped at the toughness.

    Parameters
    ----------
    stress_intensity : array_like
        Mode-I stress intensity at the crack tip; zero or negative values (a closed crack) give no
        growth [Pa*m^0.5].
    fracture_toughness : array_like
        Mode-I fracture toughness [Pa*m^0.5].
    reference_velocity : array_like
        Crack velocity at :math:`K_I = K_{Ic}` [m/s].
    crack_velocity_exponent : array_like
        Exponent n of the velocity law [-].

    Returns
    -------
    jax.Array
        Crack velocity [m/s].

    Notes
    -----
    .. math:: v = v_0 \left[\min(K_I/K_{Ic}, 1)\right]^n

    The velocity law of :func:`crack_length_subcritical` (Lawn 1993), written as
    a rate for a crack whose stress intensity changes with time. At :math:`K_I \ge K_{Ic}` the crack runs
    unstably (fracture); the rate is held at :math:`v_0` there, so an integrator that steps past the
    toughness before the fracture criterion stops it sees a finite rate. Smooth in all inputs for
    :math:`0 < K_I < K_{Ic}` (the ratio is clipped away from zero, so the derivative in n stays finite).
    Valid where :func:`crack_length_subcritical` is; any threshold below which cracks do not grow is the
    caller's.

    References
    ----------
    .. [1] B. R. Lawn, Fracture of Brittle Solids, 2nd ed., Cambridge University Press, 1993.
       ISBN 978-0-521-40972-8.

    Examples
    --------
    >>> float(subcritical_crack_velocity(0.5e6, 1e6, 1e-3, 10.0)) * 1e6  # um/s: 1e-3 * 0.5^10
    0.9765625
    >>> float(subcritical_crack_velocity(2e6, 1e6, 1e-3, 10.0))  # capped at v0
    0.001
    """
    k = jnp.asarray(stress_intensity, dtype=float)
    ratio = jnp.clip(k / fracture_toughness, 1e-300, 1.0)
    return jnp.where(k > 0, reference_velocity * ratio**crack_velocity_exponent, 0.0)


@cites("budiansky1976", "osborn1945", "sihvola1999")
def crack_resistance_dilute(
    crack_radius: ArrayLike,
    initial_radius: ArrayLike,
    areal_density: ArrayLike,
    orientation_factor: ArrayLike,
    conductivity: ArrayLike,
) -> jnp.ndarray:
    r"""Area-specific resistance added to an ion conductor by insulating penny-shaped cracks that grew
    from radius :math:`a_0` to :math:`a` near one face (dilute, non-interacting estimate).

    Parameters
    ----------
    crack_radius : array_like
        Radius a of each crack now (the flaw length of :func:`stress_intensity_factor`) [m].
    initial_radius : array_like
        Radius a0 of the cracks at assembly, whose effect is part of the measured conductivity [m].
    areal_density : array_like
        Number of such cracks per unit area of the face [1/m^2].
    orientation_factor : array_like
        Mean of cos^2 of the angle between a crack's normal and the current, from 0 to 1: 0 for cracks along
        the current (through the thickness), 1/3 for random orientations, 1 for cracks parallel to the
        face [-].
    conductivity : array_like
        Ionic conductivity of the uncracked conductor [S/m].

    Returns
    -------
    jax.Array
        Added area-specific resistance in series with the conductor [ohm*m^2]; exactly 0 at a = a0.

    Notes
    -----
    .. math:: \Delta R = \frac{8}{3}\,\chi\,N_A\,\frac{a^3 - a_0^3}{\sigma}

    An insulating inclusion of volume fraction f and depolarisation factor N along the field lowers a
    conductivity by :math:`\Delta\sigma/\sigma = -f/(1 - N)` at small f (the polarisability
    :math:`(\epsilon - 1)/(1 + N(\epsilon - 1))` at :math:`\epsilon = 0`, Sihvola 1999). A crack is the flat
    limit of an oblate spheroid of semi-axes a, a, c: :math:`f = \tfrac{4\pi}{3} n a^2 c` and
    :math:`1 - N \to \tfrac{\pi}{2} c/a` (Osborn 1945, field along the axis), so
    :math:`\Delta\rho/\rho = \tfrac{8}{3} n a^3 \cos^2\theta`: the crack density
    :math:`\epsilon = n a^3` of Budiansky & O'Connell (1976) sets it, the aperture drops out. Integrated over
    the cracked layer, :math:`\int n\,dz = N_A` cracks per area, this is the resistance above, independent
    of the layer's depth; the cracks present at assembly (a0) are part of the measured conductivity, so only
    their growth adds (exactly zero at a = a0, derivative 8 chi N_A a0^2 / sigma there).

    Valid for a dilute population (crack density :math:`N_A a^2` small: interactions, which raise the
    resistance and end in percolation, are neglected), cracks smaller than the conductor's thickness, and an
    empty crack (no Li or liquid in it). The crack is taken as a full penny of radius a; a surface
    (half-penny) crack's share and the crack's path are in the orientation factor and the density.

    References
    ----------
    .. [1] B. Budiansky, R. J. O'Connell, Int. J. Solids Struct. 12, 81 (1976) (the crack density n a^3).
    .. [2] J. A. Osborn, Phys. Rev. 67, 351 (1945) (depolarisation factors of the ellipsoid).
    .. [3] A. Sihvola, Electromagnetic Mixing Formulas and Applications, IEE, London, 1999, ch. 4
       (polarisability of an ellipsoid).

    Examples
    --------
    >>> float(crack_resistance_dilute(10e-6, 10e-6, 1e9, 1.0 / 3.0, 0.1))  # no growth
    0.0
    >>> round(float(crack_resistance_dilute(20e-6, 10e-6, 1e9, 1.0 / 3.0, 0.1)) * 1e4, 6)  # ohm cm^2
    0.622222
    """
    a = jnp.asarray(crack_radius, dtype=float)
    a0 = jnp.asarray(initial_radius, dtype=float)
    grown_volume = (a - a0) * (a * a + a * a0 + a0 * a0)  # a^3 - a0^3, exact (no cancellation) near a0
    return 8.0 / 3.0 * orientation_factor * areal_density * grown_volume / conductivity
