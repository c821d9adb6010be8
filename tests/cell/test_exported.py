"""The stored (``jax.export``) solve: identical to the traced solve, loaded from disk in a new process
without tracing, keyed by code and shapes, rebuilt when the stored file is damaged."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jax
import numpy as np
import pytest

import lisse
from lisse._core import cache
from lisse.cell import Cell, exported, parse_protocol
from lisse.cell.model import Features
from lisse.cell.parameters import cell_parameters
from lisse.cell.simulate import simulate
from lisse.cell.solver import schedule_from_protocol, segments, solve

SYMMETRIC = Features(cathode=False, holds=False, step_ends=False)
PROTOCOL = "(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 2"
STATIC = {"features": SYMMETRIC, "rtol": 1e-6, "atol": 1e-12, "max_steps": 4096, "n_save": 5}


@pytest.fixture
def cache_dir(tmp_path, monkeypatch, request):
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    # the exported programs alone, except where a test is about the stored executables (compiling one
    # to store it bypasses JAX's compilation cache: ~20 s a program)
    monkeypatch.setenv(exported.EXECUTABLES_ENV, "1" if "executable" in request.node.name else "0")
    monkeypatch.setattr(exported, "_loaded", {})  # as in a new process
    return tmp_path


@pytest.fixture(scope="module")
def args():
    params, _ = cell_parameters(Cell.symmetric("LLZO", thickness="500 um", pressure="1 MPa"))
    return params, segments(schedule_from_protocol(parse_protocol(PROTOCOL)), pad=True)


def _same(a, b) -> None:
    la, ta = jax.tree_util.tree_flatten(a)
    lb, tb = jax.tree_util.tree_flatten(b)
    assert ta == tb
    for x, y in zip(la, lb, strict=True):
        np.testing.assert_array_equal(np.asarray(x), np.asarray(y))


def _stored(folder):
    return sorted((folder / "exports").glob("*.jaxexport"))


def test_stored_solve_equals_traced_solve_and_is_loaded_without_tracing(cache_dir, args, monkeypatch):
    traced = solve(*args, **STATIC)
    built = exported.call("solve-test", solve, args, STATIC)
    _same(built, traced)
    (path,) = _stored(cache_dir)

    monkeypatch.setattr(exported, "_loaded", {})  # a new process: only the disk holds the program

    def no_tracing(*a, **k):
        raise AssertionError("traced again although the stored program matches")

    monkeypatch.setattr(exported, "_build", no_tracing)
    _same(exported.call("solve-test", solve, args, STATIC), traced)
    assert _stored(cache_dir) == [path]


def test_other_shapes_or_settings_are_other_programs(cache_dir, args):
    params = args[0]
    exported.call("solve-test", solve, args, STATIC)
    longer = segments(schedule_from_protocol(parse_protocol(PROTOCOL.replace("x 2", "x 4"))), pad=True)
    exported.call("solve-test", solve, (params, longer), STATIC)
    exported.call("solve-test", solve, args, {**STATIC, "n_save": 3})
    assert len(_stored(cache_dir)) == 3


def _damage_and_rerun(path, damage: str, args) -> None:
    """Damage a stored file, run again as a new process would: same result, the file rewritten whole."""
    traced = exported.call("solve-test", solve, args, STATIC)
    data = bytearray(path.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[len(data) // 2] ^= 0xFF
    else:
        data = bytearray(b"not a stored program")
    path.write_bytes(bytes(data))
    exported._loaded.clear()
    _same(exported.call("solve-test", solve, args, STATIC), traced)
    assert path.read_bytes().startswith(exported._MAGIC) and len(path.read_bytes()) > len(data) // 2


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_damaged_file_is_rebuilt(cache_dir, args, damage):
    exported.call("solve-test", solve, args, STATIC)
    (path,) = _stored(cache_dir)
    _damage_and_rerun(path, damage, args)


def test_simulate_hit_equals_miss(cache_dir):
    cell = Cell.symmetric("LLZO", thickness="500 um", pressure="0.3 MPa")
    first = simulate(cell, PROTOCOL)
    assert _stored(cache_dir)
    exported._loaded.clear()
    again = simulate(cell, PROTOCOL)
    assert first.dataset.identical(again.dataset)
    assert first.verdict == again.verdict


def test_cache_off_still_runs(monkeypatch, args):
    monkeypatch.setenv(cache.ENV_VAR, "")
    monkeypatch.setattr(exported, "_loaded", {})
    _same(exported.call("solve-test", solve, args, STATIC), solve(*args, **STATIC))


def _executables(folder):
    return sorted((folder / "exports").glob("*" + exported._EXECUTABLE))


_NEW_PROCESS = """
import sys
import jax, numpy as np
from lisse.cell import Cell, exported, parse_protocol
from lisse.cell.parameters import cell_parameters
from lisse.cell.solver import schedule_from_protocol, segments, solve
from lisse.cell.model import Features

def fail(*a, **k):
    raise AssertionError("traced or lowered although the stored executable matches")

if sys.argv[3] == "load":
    exported._build = fail
    jax.export.Exported.call = fail
params, _ = cell_parameters(Cell.symmetric("LLZO", thickness="500 um", pressure="1 MPa"))
seg = segments(schedule_from_protocol(parse_protocol(sys.argv[1])), pad=True)
static = dict(features=Features(cathode=False, holds=False, step_ends=False), rtol=1e-6, atol=1e-12,
              max_steps=4096, n_save=5)
np.save(sys.argv[2], np.asarray(exported.call("solve-test", solve, (params, seg), static)["y"].contact))
"""


@pytest.mark.slow  # compiles the solve without JAX's cache (~20 s a program)
def test_stored_executable_runs_in_a_new_process_without_lowering(cache_dir, args, tmp_path):
    """On CPU the compiled program is stored too (by a process that compiles it for the first time); a
    new process runs it without tracing or lowering and gets the traced solve's result."""
    env = {**os.environ, cache.ENV_VAR: str(cache_dir), "PYTHONPATH": str(Path(lisse.__file__).parents[1])}
    out = tmp_path / "contact.npy"
    for stage in ("build", "load"):
        subprocess.run([sys.executable, "-c", _NEW_PROCESS, PROTOCOL, str(out), stage], env=env, check=True)
        assert len(_executables(cache_dir)) == 1
        np.testing.assert_array_equal(np.load(out), np.asarray(solve(*args, **STATIC)["y"].contact))


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["flip", "garbage"])
def test_damaged_executable_is_rebuilt(cache_dir, args, damage):
    """A stored executable that fails its digest is recompiled and overwritten; the result is unchanged."""
    exported.call("solve-test", solve, args, STATIC)
    (path,) = _executables(cache_dir)
    _damage_and_rerun(path, damage, args)


@pytest.mark.slow  # compiles the solve without JAX's cache (~20 s a program)
def test_executable_that_fails_to_run_is_dropped(cache_dir, args, monkeypatch):
    """A stored executable that loads but fails when run (as one serialised after JAX's cache supplied the
    code does): the export is lowered instead, with the same result, and the executable leaves the store."""
    traced = exported.call("solve-test", solve, args, STATIC)
    assert len(_executables(cache_dir)) == 1
    monkeypatch.setattr(exported, "_loaded", {})
    monkeypatch.setattr(exported, "_compiled_here", set())  # a new process

    def broken(*a, **k):
        def run(*args):
            raise RuntimeError("NOT_FOUND: Function wrapped_iota not found")

        return run

    import jax.experimental.serialize_executable as serialize_executable

    monkeypatch.setattr(serialize_executable, "deserialize_and_load", broken)
    _same(exported.call("solve-test", solve, args, STATIC), traced)
    assert _executables(cache_dir) == []
