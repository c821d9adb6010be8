"""``lisse calibrate`` and ``lisse validate``: bad input is one line on stderr and exit code 2."""

from typer.testing import CliRunner

from lisse.cli import app


def test_calibrate_refuses_a_validation_record():
    res = CliRunner().invoke(app, ["calibrate", "--records", "duan2023-ccd-pure-lpscl", "--out", "x.toml"])
    assert res.exit_code == 2
    assert "is not a calibration record" in res.output and "Traceback" not in res.output


def test_calibrate_refuses_an_input_that_is_not_uncertain(tmp_path):
    res = CliRunner().invoke(
        app,
        [
            "calibrate",
            "--records",
            "singh2022-ccd-small-grain",
            "--inputs",
            "Li.molar_mass",
            "--out",
            str(tmp_path / "c.toml"),
        ],
    )
    assert res.exit_code == 2 and "inputs: 'Li.molar_mass'" in res.output
    assert not (tmp_path / "c.toml").exists()


def test_validate_refuses_zero_samples():
    res = CliRunner().invoke(app, ["validate", "--samples", "0"])
    assert res.exit_code == 2 and "samples = 0" in res.output
