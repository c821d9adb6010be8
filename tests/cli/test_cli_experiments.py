"""``lisse experiments``: the table, --json with SI values, --role, and a one-line error for a bad role."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from lisse.cli import app
from lisse.experiments import load_experiments

runner = CliRunner()


def test_table_lists_every_record():
    res = runner.invoke(app, ["experiments"])
    assert res.exit_code == 0, res.output
    assert f"{len(load_experiments())} experiment records" in res.output
    for exp in load_experiments():
        assert exp.id[:20] in res.output  # ids are not wrapped (a narrow terminal may cut their end)


def test_json_by_role_carries_si_values_and_dois():
    res = runner.invoke(app, ["experiments", "--role", "validation", "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    assert {r["role"] for r in rows} == {"validation"}
    assert len(rows) == len(load_experiments(role="validation"))
    duan = next(r for r in rows if r["id"] == "duan2023-ccd-pure-lpscl")
    assert duan["doi"] == "10.1016/j.mattod.2023.10.003"
    assert duan["observed"]["si_value"] == 15.0  # 1.5 mA/cm^2
    assert duan["observed"]["si_unit"] == "A/m^2"
    assert duan["cell"]["pressure"] == "15 MPa"


def test_bad_role_exits_2_with_one_line():
    res = runner.invoke(app, ["experiments", "--role", "training"])
    assert res.exit_code == 2
    assert "role: 'training' is not allowed" in res.output
    assert len(res.output.strip().splitlines()) == 1
