"""``lisse window``, ``lisse interphase``, ``lisse screen``: JSON keys, tables, exit code 2 on bad input."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from lisse.cli.thermo import register

runner = CliRunner()


@pytest.fixture(scope="module")
def app():
    a = typer.Typer()
    register(a)
    return a


def run(app, *args):
    return runner.invoke(app, list(args))


def test_window_json_keys(app):
    res = run(app, "window", "Li3PS4", "--json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    for key in (
        "formula",
        "reduction_V",
        "oxidation_V",
        "e_above_hull_meV_per_atom",
        "products_reduction",
        "products_oxidation",
        "li_uptake",
    ):
        assert key in d
    assert d["reduction_V"] == pytest.approx(1.71, abs=0.05)  # Zhu 2015, Table 1


def test_window_table_and_plot(app, tmp_path):
    out = tmp_path / "uptake.png"
    res = run(app, "window", "Li6PS5Cl", "--plot", str(out))
    assert res.exit_code == 0, res.output
    assert "meV/atom" in res.stdout and "Li uptake" in res.stdout
    assert out.stat().st_size > 0


def test_interphase_json(app):
    res = run(app, "interphase", "Li6PS5Cl", "--json")
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert d["interphase"] == "passivating"
    for key in ("products_with_li", "reaction_energy_with_li_meV_per_atom", "conducting_products"):
        assert key in d


def test_interphase_against_cathode_table(app):
    res = run(app, "interphase", "Li3PS4", "--against", "LiCoO2")
    assert res.exit_code == 0, res.output
    assert "LiCoO2" in res.stdout


def test_screen_json_csv_plot(app, tmp_path):
    csv_path, fig = tmp_path / "s.csv", tmp_path / "w.png"
    res = run(app, "screen", "--json", "--csv", str(csv_path), "--plot", str(fig))
    assert res.exit_code == 0, res.output
    d = json.loads(res.stdout)
    assert isinstance(d["rows"], list)
    assert csv_path.read_text().startswith("name,formula,reduction_V")
    if any(not r["error"] for r in d["rows"]):
        assert fig.stat().st_size > 0


@pytest.mark.parametrize(
    "args",
    [
        ("window", "Xe2O"),
        ("window", "Li2S!"),
        ("window", "Li3YCl6"),
        ("interphase", "Li3PS4", "--against", "Qq"),
    ],
)
def test_bad_input_exit_2(app, args):
    res = run(app, *args)
    assert res.exit_code == 2
    assert "error" in res.output


def test_bad_entries_file_exit_2(app, tmp_path):
    p = tmp_path / "e.csv"
    p.write_text("formula,e_form_eV_per_atom\nLi2O,oops\n")
    res = run(app, "window", "Li2O", "--entries", str(p))
    assert res.exit_code == 2 and "line 2" in res.output
