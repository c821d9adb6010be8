"""Fracture by an expanding interphase (Lewis et al. 2019; Tippens et al. 2019): the compressed interphases
load the electrolyte in tension (Stoney force balance), which opens its largest flaw; the solver stops at the
time the analytic parabolic law and the Griffith criterion K = Y sigma sqrt(pi a) = K_Ic give.

No electrolyte in the library has every input of this coupling yet (interphase product conductivities,
see docs/materials/), so the test sets the interphase constants on an LLZO cell's parameters directly:
inputs, with the expected time following from them analytically.
"""

from __future__ import annotations

import numpy as np
import pytest

from lisse.cell import Cell, parse_protocol
from lisse.cell.model import FAILURE_MODES, Features
from lisse.cell.parameters import cell_parameters
from lisse.cell.solver import schedule_from_protocol, segments, solve

SYMMETRIC = Features(cathode=False, holds=False, step_ends=False)  # what these tests need compiled


def test_cell_cracks_when_the_interphase_reaches_the_critical_thickness():
    params, _ = cell_parameters(Cell.symmetric("LLZO", thickness="500 um"))
    k_ic, sigma = float(params.fracture_toughness), -1e9
    y_factor, a0 = float(params.geometry_factor), float(params.flaw_length)
    thickness = float(params.thickness)
    # the electrolyte's tension at which its largest flaw cracks, and the interphase (per face) that makes it
    ratio = k_ic / (y_factor * np.sqrt(np.pi * a0)) / abs(sigma)
    h_c = 0.5 * thickness * ratio / (1.0 + ratio)  # per face: sigma_s = |sigma| 2h / (L - 2h)
    k = h_c**2 / (100 * 3600.0)  # parabolic constant: about 100 h to reach h_c
    p = params._replace(
        interphase_parabolic_constant=k,
        interphase_ionic_conductivity=1.0,
        interphase_misfit_stress=sigma,
        fracture_on=1.0,
        crack_growth_on=0.0,  # the Griffith criterion alone: subcritical growth is test_crack_growth.py's
    )
    out = solve(
        p, segments(schedule_from_protocol(parse_protocol("Rest for 1000 hours"))), features=SYMMETRIC
    )
    assert bool(out["failed"][0])
    assert FAILURE_MODES[int(np.argmin(out["margins"][0]))] == "fracture"
    h0 = float(params.initial_interphase_thickness)
    # h^2 = h0^2 + k t at full contact (Wagner / Deal-Grove parabolic limit); the criterion acts on the
    # interphase grown since assembly, h - h0 = h_c on each face
    t_c = ((h_c + h0) ** 2 - h0**2) / k
    # within the solver tolerance (rtol 1e-6, atol 1e-12 m)
    assert float(out["t_end"][0]) == pytest.approx(t_c, rel=1e-5)
