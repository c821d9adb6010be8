"""Running sweeps: each case's verdict as simulate/simulate_samples give it, the store (resumable after
SIGKILL, no duplicates, refusing another spec's folder) and Dask (a LocalCluster of 2 workers)."""

import json
import os
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

from lisse._core.errors import LisseError
from lisse.cell.ensemble import simulate_samples
from lisse.cell.simulate import simulate
from lisse.sweep.run import COLUMNS, run_sweep
from lisse.sweep.spec import load_spec
from lisse.sweep.store import open_catalog

SRC = Path(__file__).resolve().parents[2] / "src"
#: Two protocols x two pressures, two cases a chunk: every batch here has two lanes (one compiled program).
SPEC = {
    "axes": {"current_density": "0.5,2", "stack_pressure": "0.3,5"},
    "fixed": {"cycles": 2, "half_cycle": "0.5 h"},
    "chunk": 2,
}


def _table(folder) -> list[dict]:
    con = open_catalog(folder)
    try:
        cur = con.execute("SELECT * FROM cases ORDER BY case_id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    finally:
        con.close()


@pytest.fixture(scope="module")
def nominal_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("sweep") / "out"
    spec = load_spec(SPEC)
    report = run_sweep(spec, out)
    return spec, out, report


def test_each_case_has_the_verdict_of_a_single_simulation(nominal_run):
    spec, out, report = nominal_run
    rows = _table(out)
    assert report.computed == len(rows) == spec.n_cases == 4
    assert set(rows[0]) == set(COLUMNS)
    points = spec.points()
    for row in rows:
        point = points[row["point"]]
        single = simulate(spec.cell_at(point), row["protocol"]).verdict
        assert row["failure_mode"] == (single.failure_mode or "none")
        assert row["failed"] == single.failed
        if single.failed:  # a batch lane agrees with a single solve to round-off (lisse.cell.batch)
            assert row["time_to_failure_h"] == pytest.approx(single.time_to_failure_h, rel=1e-6, abs=1e-9)
        else:
            assert row["time_to_failure_h"] is None and row["cycles_simulated"] == 2
        assert row["asr_final_ohm_cm2"] == pytest.approx(single.asr_final_ohm_cm2, rel=1e-6)
        assert row["stack_pressure_Pa"] == pytest.approx(point["stack_pressure"])
        assert row["n_inputs"] > 0 and row["n_estimated"] <= row["n_inputs"]
        assert sum(json.loads(row["evidence"]).values()) == row["n_inputs"]
    assert len({r["case_id"] for r in rows}) == 4
    assert {r["failure_mode"] for r in rows} != {"none"}, "the test sweep should contain failures"


def test_samples_are_those_of_simulate_samples(tmp_path):
    spec = load_spec({**SPEC, "axes": {"stack_pressure": "0.3"}, "samples": 2, "seed": 7})
    run_sweep(spec, tmp_path / "out")
    rows = sorted(_table(tmp_path / "out"), key=lambda r: r["sample"])
    point = spec.points()[0]
    ens = simulate_samples(spec.cell_at(point), rows[0]["protocol"], 2, seed=7)
    assert [r["failure_mode"] for r in rows] == list(ens.modes)
    ttf = [np.inf if r["time_to_failure_h"] is None else r["time_to_failure_h"] for r in rows]
    np.testing.assert_array_equal(ttf, ens.dataset["time_to_failure"].values)  # the same batch: bit for bit
    labels = [u.label for u in ens.sampled.inputs]
    for r in rows:
        drawn = json.loads(r["drawn"])
        assert list(drawn) == labels
        np.testing.assert_array_equal(list(drawn.values()), ens.sampled.values[r["sample"]])
    assert len({r["point_id"] for r in rows}) == 1 and len({r["case_id"] for r in rows}) == 2


def test_a_rerun_computes_nothing_and_another_spec_is_refused(nominal_run, tmp_path):
    spec, out, _ = nominal_run
    before = _table(out)
    again = run_sweep(spec, out)
    assert again.computed == 0 and again.stored_before == 4
    assert _table(out) == before
    other = load_spec({**SPEC, "fixed": {"cycles": 3, "half_cycle": "0.5 h"}})
    with pytest.raises(LisseError, match="holds the results of another sweep spec"):
        run_sweep(other, out)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(LisseError, match="is not empty and holds no sweep"):
        run_sweep(spec, tmp_path / "x")


def test_catalog_is_rebuilt_from_the_partitions(nominal_run, tmp_path):
    spec, out, _ = nominal_run
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    (copy / "catalog.duckdb").unlink()
    (copy / "parts" / ".part-deadbeef.parquet.tmp").write_bytes(b"half a file")
    assert run_sweep(spec, copy).computed == 0
    assert not list((copy / "parts").glob("*.tmp"))
    assert [r["case_id"] for r in _table(copy)] == [r["case_id"] for r in _table(out)]


_CHILD = """
import json, sys
from lisse.sweep.run import run_sweep
from lisse.sweep.spec import load_spec
run_sweep(load_spec(json.loads(sys.argv[1])), sys.argv[2])
"""


def test_killed_with_sigkill_a_rerun_completes_the_same_table(nominal_run, tmp_path):
    spec, reference, _ = nominal_run
    out = tmp_path / "killed"
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    child = subprocess.Popen([sys.executable, "-c", _CHILD, json.dumps(SPEC), str(out)], env=env)
    try:
        deadline = time.monotonic() + 300
        while not list((out / "parts").glob("part-*.parquet")) and child.poll() is None:
            assert time.monotonic() < deadline, "the child wrote no partition"
            time.sleep(0.01)
        child.send_signal(signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert len(list((out / "parts").glob("part-*.parquet"))) == 1  # killed while solving the second chunk
    resumed = run_sweep(spec, out)
    assert (resumed.stored_before, resumed.computed) == (2, 2)  # only the missing cases
    rows = _table(out)
    assert len({r["case_id"] for r in rows}) == len(rows) == 4
    assert rows == _table(reference)  # every column, bit for bit


def test_dask_local_cluster_gives_the_same_table(nominal_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    spec, reference, _ = nominal_run
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        report = run_sweep(spec, tmp_path / "dask", scheduler=client)
    assert report.computed == 4 and report.scheduler.startswith(("inproc://", "tcp://"))
    assert _table(tmp_path / "dask") == _table(reference)


def test_an_unreachable_scheduler_fails_before_any_work(tmp_path):
    with pytest.raises(LisseError, match="no Dask scheduler answers"):
        run_sweep(load_spec(SPEC), tmp_path / "never", scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "never").exists()


def test_a_value_extrapolated_over_many_temperatures_is_warned_about_once(tmp_path):
    """Each temperature outside a law's measured range words its own extrapolation warning (it names the
    temperature); a sweep over temperatures warns once per value and its range instead (the rows say
    which temperatures: temperature_K), however many cases extrapolate it."""
    from lisse._core.errors import ExtrapolationWarning

    spec = load_spec(
        {
            "axes": {"temperature": "-40, -30, -20, -10"},
            "fixed": {"current_density": 0.5, "cycles": 2, "half_cycle": "0.5 h"},
            "chunk": 2,
        }
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = run_sweep(spec, tmp_path / "cold")
    texts = [str(w.message) for w in caught if issubclass(w.category, ExtrapolationWarning)]
    assert texts, "the cold sweep should extrapolate some temperature law"
    assert len(texts) == len(set(texts)) == len(report.extrapolated)  # once per value, not per temperature
    assert all("extrapolated beyond its measured range" in t and "degC from" not in t for t in texts)
    assert report.to_dict()["extrapolated"] == report.extrapolated
    assert "LLZO.ionic_conductivity" in report.extrapolated  # measured from 18 degC (the library's record)
    import pyarrow.parquet as pq

    parts = list((tmp_path / "cold").rglob("part-*.parquet"))
    assert parts and all(set(pq.read_schema(p).metadata) == {b"lisse_version"} for p in parts)  # the store's
