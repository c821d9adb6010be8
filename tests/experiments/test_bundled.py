"""The bundled experiment records (src/lisse/data/experiments/*.toml): enough of them, cited, split into
disjoint roles by paper, every cell buildable by the simulator, units converted to SI correctly."""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from lisse._core.citations import bibliography
from lisse.cell.parameters import cell_parameters
from lisse.experiments import OBSERVABLES, ROLES, ObservableKind, load_experiments

ALL = load_experiments()
BY_ID = {e.id: e for e in ALL}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "experiments.md"


def test_at_least_20_records_from_at_least_8_papers():
    assert len(ALL) >= 20
    assert len({e.source.key for e in ALL}) >= 8


def test_roles_are_disjoint_by_paper_and_cover_several_observables():
    parts = {role: load_experiments(role=role) for role in ROLES}
    assert sum(len(v) for v in parts.values()) == len(ALL)
    ids = {role: {e.id for e in v} for role, v in parts.items()}
    assert not ids["calibration"] & ids["validation"]
    papers = {role: {e.source.key for e in v} for role, v in parts.items()}
    assert not papers["calibration"] & papers["validation"]  # no paper informs both
    for role, exps in parts.items():
        assert all(e.role == role for e in exps)
        assert len({e.observed.kind for e in exps}) >= 3, role
        assert len({e.source.key for e in exps}) >= 3, role
        assert len({e.cell().electrolyte.material for e in exps}) >= 2, role  # sulfide and garnet in each


def test_every_source_resolves_in_the_bibliography_with_a_doi():
    refs = bibliography()
    for e in ALL:
        assert e.source.key in refs, e.id
        assert re.match(r"^10\.\d{4,9}/\S+$", refs[e.source.key].doi or ""), e.id
        assert e.doi == refs[e.source.key].doi
        assert e.source.quote or e.source.figure, e.id


def test_the_observable_table_matches_the_allowed_kinds():
    assert set(OBSERVABLES) == set(get_args(ObservableKind))


def test_every_observable_kind_has_a_known_unit():
    for e in ALL:
        assert e.observed.kind in OBSERVABLES
        assert e.observed.si_unit in OBSERVABLES[e.observed.kind][0]


def test_assumed_protocols_say_what_was_assumed():
    for e in ALL:
        spec = e.protocol_spec
        if spec.text is None:
            assert e.protocol() is None
            continue
        assert len(e.protocol()) >= 1
        if spec.basis == "assumed":
            assert spec.note, e.id


@pytest.mark.parametrize("exp_id", sorted(BY_ID))
def test_every_record_builds_its_cell_and_the_simulator_parameters(exp_id):
    exp = BY_ID[exp_id]
    cell = exp.cell()
    params, coverage = cell_parameters(cell)
    assert params is not None and coverage is not None
    for path in exp.cell_spec.assumed:  # every assumption names a field the cell has
        head, _, tail = path.partition(".")
        obj = getattr(cell, head)
        assert obj is not None and (not tail or hasattr(obj, tail)), (exp_id, path)


# The SI values below are computed by hand from the number and unit printed in each paper.
SI = {
    "singh2022-ccd-small-grain": 0.9e-3 / 1e-4,  # 0.9 mA/cm^2 -> 9 A/m^2
    "singh2022-geis-short-large-grain": 15.6 * 3600.0,  # 15.6 h -> s
    "flatscher2020-ccd-llzo-single-crystal": 280e-6 / 1e-4,  # 280 uA/cm^2 -> 2.8 A/m^2
    "eckhardt2023-krauskopf-llzo-asr-10mpa": 300.0 * 1e-4,  # 300 ohm cm^2 -> 0.03 ohm m^2
    "han2017-garnet-asr-bare": 1710.0 * 1e-4,
    "duan2023-short-at-rest-75mpa": 13.0 * 3600.0,
    "doux2020-no-short-5mpa": 1000.0 * 3600.0,
}


@pytest.mark.parametrize("exp_id", sorted(SI))
def test_single_values_convert_to_si(exp_id):
    assert BY_ID[exp_id].observed_si() == pytest.approx(SI[exp_id], rel=1e-12)


def test_series_convert_to_si():
    lpscl = BY_ID["aktekin2023-lpscl-li-loss"]
    # 35 and 60 uAh/cm^2 -> C/m^2: 1 uAh = 3.6e-3 C, 1 cm^2 = 1e-4 m^2
    assert lpscl.observed_si() == pytest.approx((35 * 3.6e-3 / 1e-4, 60 * 3.6e-3 / 1e-4), rel=1e-12)
    assert lpscl.observed.times_si() == pytest.approx((168 * 3600.0, 400 * 3600.0), rel=1e-12)
    lgps = BY_ID["aktekin2023-lgps-li-loss"]
    assert lgps.observed_si() == pytest.approx((0.7 * 3.6 / 1e-4,), rel=1e-12)  # 0.7 mAh/cm^2
    otto = BY_ID["aktekin2023-otto-lpscl-sei-thickness"]
    assert otto.observed_si() == pytest.approx((270e-9,), rel=1e-12)
    (d,) = otto.observed.distributions()  # the quoted range 235-305 nm, in SI
    assert (d.kind, d.a, d.b) == ("uniform", pytest.approx(235e-9), pytest.approx(305e-9))


def test_bounds_are_marked():
    assert BY_ID["eckhardt2023-krauskopf-llzo-asr-400mpa"].observed.bound == "upper"
    assert BY_ID["doux2020-no-short-5mpa"].observed.bound == "lower"
    assert BY_ID["highplating2025-dense-lpscl-plating"].observed.bound == "lower"


def test_cells_carry_the_papers_conditions():
    singh = BY_ID["singh2022-ccd-small-grain"].cell()
    assert singh.pressure == 0.0  # "no stack pressure was applied in addition to the atmospheric pressure"
    assert singh.electrolyte.relative_density == pytest.approx(0.83)
    assert singh.area == pytest.approx(3.14159265 * 0.003**2, rel=1e-3)  # 6 mm electrodes
    duan = BY_ID["duan2023-short-at-rest-75mpa"].cell()
    assert duan.pressure == pytest.approx(75e6)
    zno = BY_ID["wang2017-garnet-asr-ald-zno"].cell()
    assert zno.interlayer is not None and zno.interlayer.material == "ZnO"


def test_library_overlap_flags_observations_the_library_already_holds():
    # Han 2017's bare-garnet resistance is LLZO's interfacial_asr:Li record, a simulator input: validating on
    # it is a consistency check only. The CTTA paper has no record in the library.
    assert "LLZO.interfacial_asr:Li" in BY_ID["han2017-garnet-asr-bare"].library_overlap()
    assert BY_ID["aktekin2023-lgps-li-loss"].library_overlap() == []


def test_docs_list_every_record_with_its_role():
    text = DOCS.read_text(encoding="utf-8")
    for e in ALL:
        row = next((line for line in text.splitlines() if line.startswith(f"| `{e.id}` |")), None)
        assert row is not None, e.id
        assert f"| {e.role} |" in row, e.id
