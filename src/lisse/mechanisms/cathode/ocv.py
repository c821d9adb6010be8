"""Open-circuit potentials of intercalation cathodes vs Li/Li+, as functions of the Li stoichiometry.

The stoichiometry is ``x = c / c_max``, the Li content of the cathode lattice relative to its
maximum (x grows on discharge). Each curve is a published fit ported from PyBaMM's parameter
sets (PyBaMM 26.10, BSD-3-Clause licence; Sulzer et al. 2021, DOI 10.5334/jors.309) to
``jax.numpy``, with the coefficients unchanged, so that lisse's full cells can be checked against
PyBaMM on the same thermodynamics. Every curve carries, as data (:class:`CathodeOCV`), the
stoichiometry range its authors fitted and the stoichiometries of the charged and discharged
states of its parameter set.

TiS2 has no curve: no published analytic OCV of Li_xTiS2 could be found and cited (PyBaMM has
none), and lisse does not invent one; looking it up raises :class:`~lisse._core.errors.LisseError`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import jax
import jax.numpy as jnp

from lisse._core.citations import cites
from lisse._core.errors import LisseError, UnknownNameError, did_you_mean
from lisse._core.numerics import ArrayLike

__all__ = [
    "CATHODES",
    "CathodeOCV",
    "cathode_index",
    "cathode_ocv",
    "max_concentration",
    "ocp_lco_ramadass2004",
    "ocp_lfp_afshar2017",
    "ocp_nmc811_chen2020",
    "open_circuit_potential",
    "stoichiometry_window",
    "validity_range",
]


@cites("chen2020", "sulzer2021")
def ocp_nmc811_chen2020(x: ArrayLike) -> jnp.ndarray:
    r"""Open-circuit potential of LiNi0.8Mn0.1Co0.1O2 (NMC811, LG M50 cathode) vs Li (Chen et al. 2020).

    A sum of a linear term and three tanh steps fitted by Chen et al. to the GITT open-circuit
    potential of the LG M50 positive electrode measured against Li in a half cell at 25 degC.
    Port of PyBaMM's ``nmc_LGM50_ocp_Chen2020`` (PyBaMM 26.10, BSD-3-Clause).

    Parameters
    ----------
    x : array_like
        Li stoichiometry of the cathode lattice, c / c_max [-].

    Returns
    -------
    jax.Array
        Open-circuit potential vs Li/Li+ [V].

    Notes
    -----
    .. math::

        U(x) = -0.8090 x + 4.4875 - 0.0428 \tanh(18.5138 (x - 0.5542))
               - 17.7326 \tanh(15.7890 (x - 0.3117)) + 17.5842 \tanh(15.9308 (x - 0.3120))

    Valid for 0.2661 <= x <= 0.9059, the range of the measured data the fit was made to (as shipped
    with PyBaMM, ``nmc_LGM50_ocp_Chen2020.csv``), at 25 degC; the entropic term is neglected.

    References
    ----------
    .. [1] C.-H. Chen, F. Brosa Planella, K. O'Regan, D. Gastol, W. D. Widanage, E. Kendrick,
       J. Electrochem. Soc. 167, 080534 (2020). DOI 10.1149/1945-7111/ab9050.
    .. [2] V. Sulzer et al., J. Open Res. Softw. 9, 14 (2021) (PyBaMM). DOI 10.5334/jors.309.

    Examples
    --------
    >>> round(float(ocp_nmc811_chen2020(0.5)), 4)
    3.972
    """
    x = jnp.asarray(x, dtype=float)
    return (
        -0.8090 * x
        + 4.4875
        - 0.0428 * jnp.tanh(18.5138 * (x - 0.5542))
        - 17.7326 * jnp.tanh(15.7890 * (x - 0.3117))
        + 17.5842 * jnp.tanh(15.9308 * (x - 0.3120))
    )


# PyBaMM evaluates Ramadass' fit at 1.13 x ("stretch", the negative/positive area ratio of Ramadass'
# cell); kept so that the window of the Ramadass2004 parameter set below stays consistent.
_RAMADASS_STRETCH = 1.13


@cites("ramadass2004", "sulzer2021")
def ocp_lco_ramadass2004(x: ArrayLike) -> jnp.ndarray:
    r"""Open-circuit potential of LiCoO2 vs Li (Ramadass et al. 2004 rational fit).

    A ratio of two even polynomials of degree 10 in the stoichiometry, fitted by Ramadass et al.
    to the LiCoO2 electrode of a commercial LiCoO2 | carbon cell. Port of PyBaMM's
    ``lico2_ocp_Ramadass2004`` (PyBaMM 26.10, BSD-3-Clause), including PyBaMM's stretch
    :math:`\theta = 1.13 x`.

    Parameters
    ----------
    x : array_like
        Li stoichiometry of the cathode lattice, c / c_max [-].

    Returns
    -------
    jax.Array
        Open-circuit potential vs Li/Li+ [V].

    Notes
    -----
    .. math::

        U = \frac{-4.656 + 88.669\theta^2 - 401.119\theta^4 + 342.909\theta^6
                  - 462.471\theta^8 + 433.434\theta^{10}}
                 {-1 + 18.933\theta^2 - 79.532\theta^4 + 37.311\theta^6
                  - 73.083\theta^8 + 95.96\theta^{10}}, \quad \theta = 1.13 x

    The denominator vanishes at x = 0.2453, 0.3740 and 0.8888: the fit is meaningful only between
    the last two poles. lisse takes 0.39 <= x <= 0.885 as its range, where it decreases monotonically
    from 4.66 V to 2.27 V (Ramadass et al. state no range). 25 degC, entropic term neglected.

    References
    ----------
    .. [1] P. Ramadass, B. Haran, P. M. Gomadam, R. White, B. N. Popov, J. Electrochem. Soc. 151,
       A196 (2004). DOI 10.1149/1.1634273.
    .. [2] V. Sulzer et al., J. Open Res. Softw. 9, 14 (2021) (PyBaMM). DOI 10.5334/jors.309.

    Examples
    --------
    >>> round(float(ocp_lco_ramadass2004(0.5)), 4)
    4.1249
    """
    t2 = (_RAMADASS_STRETCH * jnp.asarray(x, dtype=float)) ** 2
    num = -4.656 + t2 * (88.669 + t2 * (-401.119 + t2 * (342.909 + t2 * (-462.471 + t2 * 433.434))))
    den = -1.0 + t2 * (18.933 + t2 * (-79.532 + t2 * (37.311 + t2 * (-73.083 + t2 * 95.96))))
    return num / den


@cites("afshar2017", "prada2013", "sulzer2021")
def ocp_lfp_afshar2017(x: ArrayLike) -> jnp.ndarray:
    r"""Open-circuit potential of LiFePO4 vs Li (Afshar et al. 2017 fit, used with Prada et al. 2013).

    A slightly sloped two-phase plateau at ~3.40 V with exponential rises at the two ends of the
    stoichiometry range. PyBaMM pairs it with the Prada et al. 2013 LiFePO4 parameter set (which
    gives no OCV of its own). Port of PyBaMM's ``LFP_ocp_Afshar2017`` (PyBaMM 26.10, BSD-3-Clause).

    Parameters
    ----------
    x : array_like
        Li stoichiometry of the cathode lattice, c / c_max [-].

    Returns
    -------
    jax.Array
        Open-circuit potential vs Li/Li+ [V].

    Notes
    -----
    .. math::

        U(x) = 3.4077 - 0.020269 x + 0.5 e^{-150 x} - 0.9 e^{-30 (1 - x)}

    Defined and smooth for 0 <= x <= 1; neither PyBaMM nor lisse has a narrower fitted range from
    the source (not re-verified against the preprint). 25 degC, entropic term neglected; the
    hysteresis of the two-phase reaction is not modelled.

    References
    ----------
    .. [1] S. Afshar, K. Morris, A. Khajepour, Efficient electrochemical model for lithium-ion
       cells, arXiv:1709.03970 (2017). DOI 10.48550/arXiv.1709.03970.
    .. [2] E. Prada et al., J. Electrochem. Soc. 160, A616 (2013). DOI 10.1149/2.053304jes.
    .. [3] V. Sulzer et al., J. Open Res. Softw. 9, 14 (2021) (PyBaMM). DOI 10.5334/jors.309.

    Examples
    --------
    >>> round(float(ocp_lfp_afshar2017(0.5)), 4)
    3.3976
    """
    x = jnp.asarray(x, dtype=float)
    return 3.4077 - 0.020269 * x + 0.5 * jnp.exp(-150.0 * x) - 0.9 * jnp.exp(-30.0 * (1.0 - x))


class CathodeOCV(NamedTuple):
    """A cathode's OCV curve and the data of the parameter set it comes from."""

    name: str
    """Canonical lisse material name (as in ``data/materials/*.toml``)."""
    function: Callable[[ArrayLike], jnp.ndarray]
    """U(x) [V vs Li/Li+]."""
    validity: tuple[float, float]
    """Stoichiometry range of the fit [-] (see the function's Notes)."""
    x_charged: float
    """Stoichiometry at 100 % state of charge of the parameter set [-]."""
    x_discharged: float
    """Stoichiometry at 0 % state of charge of the parameter set [-]."""
    max_concentration: float
    """c_max of the parameter set [mol/m^3]."""
    parameter_set: str
    """PyBaMM parameter set the window and c_max come from."""
    sources: tuple[str, ...]
    """Bibliography keys."""


# Windows: (y_100, y_0) that PyBaMM 26.10's pybamm.lithium_ion.get_min_max_stoichiometries gives for
# the named parameter set (its voltage cut-offs, full cell against its graphite), rounded to 4 digits.
# c_max: "Maximum concentration in positive electrode [mol.m-3]" of the same set.
_DATA: dict[str, CathodeOCV] = {
    "LiCoO2": CathodeOCV(
        "LiCoO2",
        ocp_lco_ramadass2004,
        (0.39, 0.885),
        0.4301,
        0.8803,
        51555.0,
        "Ramadass2004",
        ("ramadass2004", "sulzer2021"),
    ),
    "NMC811": CathodeOCV(
        "NMC811",
        ocp_nmc811_chen2020,
        (0.2661, 0.9059),
        0.2638,
        0.8540,
        63104.0,
        "Chen2020",
        ("chen2020", "sulzer2021"),
    ),
    "LiFePO4": CathodeOCV(
        "LiFePO4",
        ocp_lfp_afshar2017,
        (0.0, 1.0),
        0.0038,
        0.7035,
        22806.0,
        "Prada2013",
        ("afshar2017", "prada2013", "sulzer2021"),
    ),
}

CATHODES: tuple[str, ...] = tuple(_DATA)
"""Cathodes with a cited OCV, in the order of :func:`open_circuit_potential`'s index."""

# Library names and aliases (src/lisse/data/materials/{lco,nmc811,lfp}.toml), case-insensitive.
_ALIASES: dict[str, str] = {
    "licoo2": "LiCoO2",
    "lco": "LiCoO2",
    "lithium cobalt oxide": "LiCoO2",
    "nmc811": "NMC811",
    "ncm811": "NMC811",
    "ncm-811": "NMC811",
    "nmc-811": "NMC811",
    "lini0.8mn0.1co0.1o2": "NMC811",
    "lini0.8co0.1mn0.1o2": "NMC811",
    "lifepo4": "LiFePO4",
    "lfp": "LiFePO4",
    "lithium iron phosphate": "LiFePO4",
}
# Names of cathodes in the library without a cited OCV (src/lisse/data/materials/tis2.toml).
_NO_OCV: dict[str, str] = {"tis2": "TiS2", "titanium disulfide": "TiS2", "litis2": "TiS2"}


def _canonical(name: str) -> str:
    key = str(name).strip().lower()
    if key in _ALIASES:
        return _ALIASES[key]
    if key in _NO_OCV:
        raise LisseError(
            f"cathode {name!r} ({_NO_OCV[key]}) has no cited open-circuit potential in lisse: no published "
            f"analytic OCV of Li_x{_NO_OCV[key]} could be found and cited, and lisse does not invent one. "
            f"Cathodes with an OCV: {', '.join(CATHODES)}."
        )
    raise UnknownNameError(
        f"unknown cathode {name!r}; allowed: {', '.join(CATHODES)} "
        f"(or their aliases {', '.join(sorted(_ALIASES))}).{did_you_mean(key, [*CATHODES, *_ALIASES])}"
    )


def cathode_ocv(name: str) -> CathodeOCV:
    """The OCV curve and parameter-set data of a cathode, by library name or alias.

    Raises
    ------
    LisseError
        For TiS2 (no cited OCV) and for unknown names (naming the allowed ones).
    """
    return _DATA[_canonical(name)]


def cathode_index(name: str) -> int:
    """Index of a cathode in :data:`CATHODES`, for :func:`open_circuit_potential` in batched runs.

    Raises
    ------
    LisseError
        For TiS2 (no cited OCV) and for unknown names (naming the allowed ones).
    """
    return CATHODES.index(_canonical(name))


def stoichiometry_window(name: str) -> tuple[float, float]:
    """``(x_charged, x_discharged)`` of the cathode's parameter set [-] (see :class:`CathodeOCV`)."""
    d = cathode_ocv(name)
    return d.x_charged, d.x_discharged


def validity_range(name: str) -> tuple[float, float]:
    """Stoichiometry range ``(x_min, x_max)`` in which the cathode's OCV fit is valid [-]."""
    return cathode_ocv(name).validity


def max_concentration(name: str) -> float:
    """Maximum Li concentration c_max of the cathode's parameter set [mol/m^3]."""
    return cathode_ocv(name).max_concentration


_BRANCHES = tuple(_DATA[n].function for n in CATHODES)


@cites("chen2020", "ramadass2004", "afshar2017", "prada2013", "sulzer2021")
def open_circuit_potential(index: ArrayLike, x: ArrayLike) -> jnp.ndarray:
    r"""Open-circuit potential vs Li of the cathode number ``index`` of :data:`CATHODES`.

    Dispatches with ``jax.lax.switch``, so ``index`` may be a traced integer: a ``vmap`` over cells
    with different cathodes compiles once (under ``vmap`` every branch is evaluated and the right
    one selected). An index outside ``0 .. len(CATHODES) - 1`` is clamped by ``lax.switch``; use
    :func:`cathode_index` to get a valid one.

    Parameters
    ----------
    index : array_like
        Integer index into :data:`CATHODES` ("LiCoO2", "NMC811", "LiFePO4") [-].
    x : array_like
        Li stoichiometry of the cathode lattice, c / c_max [-].

    Returns
    -------
    jax.Array
        Open-circuit potential vs Li/Li+ [V].

    Notes
    -----
    .. math:: U = U_k(x), \quad k = \mathrm{index}

    with :math:`U_k` one of :func:`ocp_lco_ramadass2004`, :func:`ocp_nmc811_chen2020`,
    :func:`ocp_lfp_afshar2017`; each is valid in its own stoichiometry range
    (:func:`validity_range`).

    References
    ----------
    .. [1] See the three curves: Ramadass et al. 2004 (DOI 10.1149/1.1634273), Chen et al. 2020
       (DOI 10.1149/1945-7111/ab9050), Afshar et al. 2017 (DOI 10.48550/arXiv.1709.03970) with
       Prada et al. 2013 (DOI 10.1149/2.053304jes); ported from PyBaMM (DOI 10.5334/jors.309).

    Examples
    --------
    >>> round(float(open_circuit_potential(cathode_index("NMC811"), 0.5)), 4)
    3.972
    """
    return jax.lax.switch(jnp.asarray(index, dtype=int), _BRANCHES, jnp.asarray(x, dtype=float))
