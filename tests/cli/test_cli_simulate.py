"""The simulator's command line: simulate and ccd with --json, outputs, and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from lisse.cli import app

runner = CliRunner()
I0 = ["--set", "Li.exchange_current_density:LLZO=10 A/m^2"]
KEYS = {
    "failed",
    "failure_mode",
    "time_to_failure_h",
    "cycle_at_failure",
    "mechanism_chain",
    "asr_initial_ohm_cm2",
    "asr_final_ohm_cm2",
}


def test_simulate_json_keys_and_outputs(tmp_path):
    res = runner.invoke(
        app,
        [
            "simulate",
            "-e",
            "LLZO",
            "--pressure",
            "0.2 MPa",
            *I0,
            "--protocol",
            "(Plate at 0.2 mA cm-2 for 1 hour, Strip at 0.2 mA cm-2 for 1 hour) x 3",
            "--out",
            str(tmp_path),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) >= KEYS
    assert data["failure_mode"] in (
        None,
        "short_circuit",
        "contact_loss",
        "impedance_rise",
        "fracture",
        "capacity_fade",
    )
    names = {p.split("/")[-1] for p in data["outputs"]}
    assert {"simulation.nc", "simulation_voltage.png", "simulation_report.html"} <= names
    html = (tmp_path / "simulation_report.html").read_text()
    assert "Mechanism chain" in html and "data:image/png;base64" in html


def test_ccd_json():
    res = runner.invoke(
        app,
        [
            "ccd",
            "-e",
            "LLZO",
            "--pressure",
            "0.1 MPa",
            *I0,
            "--ramp",
            "Step current from 0.05 to 1 mA cm-2 by 0.05 every 30 minutes until failure",
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert {"ccd_mA_cm2", "failure_mode", "mechanism"} <= set(data)
    assert 0 < data["ccd_mA_cm2"] <= 1.0


def test_bad_protocol_exit_2_with_example():
    res = runner.invoke(app, ["simulate", "-e", "LLZO", *I0, "--protocol", "Plate at 0.5 mA for 1 hour"])
    assert res.exit_code == 2
    assert "cannot parse protocol step 'Plate at 0.5 mA for 1 hour'" in res.output
    assert "Plate at 0.5 mA cm-2 for 1 hour" in res.output and "Traceback" not in res.output


def test_value_nothing_gives_exit_2_names_it():
    res = runner.invoke(
        app, ["simulate", "-e", "LLZO", "--cathode", "NMC811", "--protocol", "Charge at 0.1C until 4.2 V"]
    )
    assert res.exit_code == 2
    assert "NMC811.exchange_current_density:LLZO" in res.output
    assert "--set" in res.output


def test_bad_set_syntax():
    res = runner.invoke(app, ["simulate", "-e", "LLZO", "--set", "nonsense"])
    assert res.exit_code == 2
    assert "write MATERIAL.property=VALUE" in res.output


def test_full_cell_from_the_command_line(tmp_path):
    protocol = "(Charge at 0.1C until 4.2 V, Hold at 4.2 V until C/50, Discharge at 0.1C until 3.0 V) x 2"
    res = runner.invoke(
        app,
        [
            "simulate",
            "-e",
            "LLZO",
            "--cathode",
            "NMC811",
            "--thickness",
            "100 um",
            "--set",
            "NMC811.exchange_current_density:LLZO=10 A/m^2",
            "--set",
            "LLZO.interfacial_asr:Li=0.1 ohm*cm^2",
            "--protocol",
            protocol,
            "--out",
            str(tmp_path),
            "--json",
        ],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data.keys() >= KEYS and data["failed"] is False
    assert 0.9 < data["capacity_retention"] <= 1.0
    assert (tmp_path / "simulation_capacity.png").exists()


def test_full_cell_errors_are_one_line():
    res = runner.invoke(app, ["simulate", "-e", "LLZO", "--cathode", "NMC811"])
    assert res.exit_code == 2 and "--set 'NMC811.exchange_current_density:LLZO=" in res.output
    res = runner.invoke(app, ["simulate", "-e", "LLZO", "--cathode", "NMC9000"])
    assert res.exit_code == 2 and "NMC9000" in res.output


def test_model_options_on_the_command_line():
    res = runner.invoke(app, ["simulate", "-e", "LLZO", *I0, "--option", "asr_rise_factor=0.5"])
    assert res.exit_code == 2 and "asr_rise_factor" in res.output and "greater than 1" in res.output
    res = runner.invoke(app, ["ccd", "-e", "LLZO", *I0, "--option", "bogus=1"])
    assert res.exit_code == 2 and "bogus" in res.output


def test_cathode_options_without_a_cathode_and_ccd_of_a_full_cell_are_refused(tmp_path):
    res = runner.invoke(app, ["simulate", "-e", "LLZO", "--coating", "LiNbO3"])
    assert res.exit_code == 2 and "--cathode" in res.output
    from lisse.cell import Cell

    Cell.full("LLZO", "NMC811").to_toml(tmp_path / "full.toml")
    res = runner.invoke(app, ["ccd", "--cell", str(tmp_path / "full.toml")])
    assert res.exit_code == 2 and "full cell" in res.output
    res = runner.invoke(app, ["simulate", "--cell", str(tmp_path / "full.toml"), "--coating", "LiNbO3"])
    assert res.exit_code == 2 and "describe the cathode in the cell file" in res.output


@pytest.mark.parametrize(
    "args, named",
    [
        (["--samples", "0"], "samples"),
        (["--samples", "-4"], "samples"),
        (["--samples", "many"], "--samples"),
        (["--samples", "8", "--seed", "1.5"], "--seed"),
        (["--samples", "8", "--seed", "-2"], "seed"),
    ],
)
@pytest.mark.parametrize("command", ["simulate", "ccd"])
def test_bad_samples_or_seed_exit_2_one_line(command, args, named):
    res = runner.invoke(app, [command, "-e", "LLZO", *args])
    assert res.exit_code == 2
    assert named in res.output and len(res.output.strip().splitlines()) == 1


@pytest.mark.slow
def test_ccd_band_json_keys_and_outputs(tmp_path):
    """``lisse ccd --samples``: the issue's JSON keys, probabilities summing to one, every sample on disk."""
    res = runner.invoke(
        app,
        ["ccd", "-e", "LLZO", *I0, "--samples", "4", "--seed", "3", "--out", str(tmp_path), "--json"],
    )
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    for key in (
        "ccd_mA_cm2",
        "ccd_p05_mA_cm2",
        "ccd_p95_mA_cm2",
        "time_to_failure_h",
        "time_to_failure_p05_h",
    ):
        assert key in data
    assert {"time_to_failure_p95_h", "asr_final_ohm_cm2", "failure_mode_probabilities"} <= set(data)
    assert sum(data["failure_mode_probabilities"].values()) == pytest.approx(1.0)
    import xarray as xr

    with xr.open_dataset(tmp_path / "ccd_samples.nc", engine="scipy") as ds:
        assert ds.sizes["sample"] == 4
    assert (tmp_path / "ccd_voltage_band.png").exists()
