"""lisse map, sweep and results: a small map end to end, rerun, queries, and one-line errors before work."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from lisse.cli import app

runner = CliRunner()
#: The same cases as tests/sweep/test_run.py (two lanes a batch: one compiled program for both).
MAP = [
    "map",
    "-e",
    "LLZO",
    "--x",
    "current_density=0.5,2",
    "--y",
    "stack_pressure=0.3,5",
    "--fixed",
    "cycles=2",
    "--fixed",
    "half_cycle=0.5 h",
    "--chunk",
    "2",
]


def test_map_then_rerun_then_results(tmp_path):
    out = tmp_path / "map"
    res = runner.invoke(app, [*MAP, "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.stdout)
    assert (summary["cases"], summary["computed"], summary["stored_before"]) == (4, 4, 0)
    assert sum(summary["failure_modes"].values()) == 4
    assert summary["figures"] == [str(out / "failure_map.png"), str(out / "sensitivity.png")]
    assert (out / "failure_map.png").stat().st_size > 0
    again = json.loads(runner.invoke(app, [*MAP, "--out", str(out), "--json", "--no-plot"]).stdout)
    assert (again["computed"], again["stored_before"]) == (0, 4)

    points = json.loads(runner.invoke(app, ["results", str(out), "--json"]).stdout)
    assert len(points) == 4 and {p["n"] for p in points} == {1}
    assert {p["most_probable_mode"] for p in points} == set(summary["failure_modes"])
    sql = "SELECT failure_mode, count(*) AS n FROM cases GROUP BY 1 ORDER BY 1"
    counts = json.loads(runner.invoke(app, ["results", str(out), "--sql", sql, "--json"]).stdout)
    assert {c["failure_mode"]: c["n"] for c in counts} == summary["failure_modes"]
    table = runner.invoke(app, ["results", str(out)])
    assert table.exit_code == 0 and "4 rows" in table.output
    assert "thickness" not in table.output  # only the inputs that vary between the points


def test_sweep_from_a_spec_file(tmp_path):
    spec = tmp_path / "pressures.toml"
    spec.write_text(
        'name = "pressures"\nchunk = 2\n[axes]\ncurrent_density = "0.5,2"\n'
        'stack_pressure = ["0.3 MPa", "5 MPa"]\n'
        '[fixed]\ncycles = 2\nhalf_cycle = "0.5 h"\n',
        encoding="utf-8",
    )
    res = runner.invoke(app, ["sweep", str(spec), "--json", "--no-plot"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["computed"] == 4 and (tmp_path / "pressures" / "catalog.duckdb").exists()


def _error(args) -> str:
    res = runner.invoke(app, args)
    assert res.exit_code == 2, res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), res.stderr
    return lines[0]


def test_bad_input_fails_before_any_work(tmp_path):
    out = tmp_path / "never"
    assert "'flux' is not a sweep parameter" in _error(["map", "--x", "flux=1:2:3", "--out", str(out)])
    assert "the range is empty" in _error(["map", "--x", "current_density=5:1:3", "--out", str(out)])
    assert "dimension" in _error(["map", "--y", "stack_pressure=1 K:2 K:3", "--out", str(out)])
    assert "no Dask scheduler answers" in _error(
        [*MAP, "--out", str(out), "--scheduler", "tcp://127.0.0.1:9"]
    )
    assert not out.exists()
    assert "not a lisse sweep folder" in _error(["results", str(tmp_path)])
    (tmp_path / "s.toml").write_text('[axes]\nstack_pressure = "1:2"\n', encoding="utf-8")
    assert "a range without a number of points" in _error(["sweep", str(tmp_path / "s.toml")])


def test_bad_sql_is_one_line(tmp_path):
    out = tmp_path / "map"
    assert runner.invoke(app, [*MAP, "--out", str(out), "--json", "--no-plot"]).exit_code == 0
    assert "--sql" in _error(["results", str(out), "--sql", "SELECT nonsense FROM cases"])
