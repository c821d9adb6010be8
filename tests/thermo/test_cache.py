"""The thermo disk cache: a hit equals the computed result, a changed input misses, a corrupt entry is
rebuilt, an unwritable folder warns and still answers, concurrent writers leave a valid entry."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
import warnings
from pathlib import Path

import pytest

from lisse._core import cache
from lisse.thermo import EntrySet, ThermoEntry, _cache, interphase, reaction_with_li, stability_window


def _entries(li2o2: float) -> EntrySet:
    """A four-entry Li-O system: Li2O's oxidation limit moves with the energy of Li2O2."""
    rows = (("Li", 0.0), ("O2", 0.0), ("Li2O", -2.07), ("Li2O2", li2o2))
    return EntrySet("test Li-O", tuple(ThermoEntry(f, e, "test") for f, e in rows))


def _stored(folder: Path) -> list[Path]:
    return sorted((folder / "thermo").glob("*.json"))


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path))
    monkeypatch.setattr(_cache, "_memory", {})
    return tmp_path


def _new_process() -> None:
    """Forget the results kept in memory, as a new process would."""
    _cache._memory.clear()


def test_hit_equals_computed_result(cache_dir):
    first = stability_window("Li2O", _entries(-1.6))
    assert len(_stored(cache_dir)) == 1
    assert stability_window("Li2O", _entries(-1.6)) is first  # kept in memory
    _new_process()
    again = stability_window("Li2O", _entries(-1.6))  # read from the disk
    assert again == first
    assert again == stability_window.__wrapped__("Li2O", _entries(-1.6))
    assert len(_stored(cache_dir)) == 1


def test_nested_results_round_trip(cache_dir):
    rx = reaction_with_li("Li3PS4")
    ip = interphase("Li3PS4")
    _new_process()
    assert reaction_with_li("Li3PS4") == rx
    assert interphase("Li3PS4") == ip
    assert ip.reaction == rx


def test_changed_entries_or_arguments_miss(cache_dir):
    a = stability_window("Li2O", _entries(-1.6))
    b = stability_window("Li2O", _entries(-1.7))  # same formula, other energies: a new entry
    assert b.oxidation_V == pytest.approx(2.81) and a.oxidation_V == pytest.approx(3.01)
    c = stability_window("Li2O2", _entries(-1.6))  # other argument
    assert c.formula == "Li2O2"
    assert len(_stored(cache_dir)) == 3


def test_corrupt_or_foreign_entry_is_rebuilt(cache_dir):
    good = stability_window("Li2O", _entries(-1.6))
    (path,) = _stored(cache_dir)
    for bad in (b"{not json", b"", json.dumps({"format": 1, "key": "other", "value": {}}).encode()):
        path.write_bytes(bad)
        _new_process()
        assert stability_window("Li2O", _entries(-1.6)) == good
        assert json.loads(path.read_text())["key"] == path.stem  # rewritten
    doc = json.loads(path.read_text())
    doc["value"]["value"] = {"c": "os.system", "f": {}}  # a class the cache does not know
    path.write_text(json.dumps(doc))
    _new_process()
    assert stability_window("Li2O", _entries(-1.6)) == good


def test_warnings_are_raised_again_on_a_hit(cache_dir):
    with pytest.warns(UserWarning, match="above the hull"):
        stability_window("Li2O2", _entries(-0.5))  # Li2O2 far above the Li2O + O2 tie line
    with pytest.warns(UserWarning, match="above the hull"):
        stability_window("Li2O2", _entries(-0.5))  # from memory
    _new_process()
    with pytest.warns(UserWarning, match="above the hull"):
        stability_window("Li2O2", _entries(-0.5))  # from the disk


def test_unwritable_folder_warns_once_and_answers(tmp_path, monkeypatch):
    monkeypatch.setattr(_cache, "_memory", {})
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        w = stability_window("Li2O", _entries(-1.6))
        stability_window("Li2O", _entries(-1.7))
    assert w.oxidation_V == pytest.approx(3.01)
    msgs = [str(c.message) for c in caught if "not writable" in str(c.message)]
    assert len(msgs) == 1, msgs


def test_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv(cache.ENV_VAR, "")
    monkeypatch.setattr(_cache, "_memory", {})
    assert cache.cache_root() is None
    assert stability_window("Li2O", _entries(-1.6)).oxidation_V == pytest.approx(3.01)


_WORKER = textwrap.dedent(
    """
    import sys, time
    from lisse._core import cache
    from lisse.thermo import EntrySet, ThermoEntry, stability_window
    start = float(sys.argv[1])
    rows = (("Li", 0.0), ("O2", 0.0), ("Li2O", -2.07), ("Li2O2", -1.6))
    entries = EntrySet("test Li-O", tuple(ThermoEntry(f, e, "test") for f, e in rows))
    stability_window.__wrapped__("Li2O", entries)  # warm up pymatgen outside the race
    payload = {"blob": "x" * 200_000}
    while time.time() < start:
        time.sleep(0.001)
    w = stability_window("Li2O", entries)
    for i in range(100):
        cache.write_json("race", "samekey", payload)
        got = cache.read_json("race", "samekey")
        assert got is None or got == payload, "a reader saw a partial entry"
    print(w.oxidation_V)
    """
)


def test_two_processes_share_the_cache(cache_dir):
    start = time.time() + 8.0
    env = {**os.environ, cache.ENV_VAR: str(cache_dir)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert float(out.split()[-1]) == pytest.approx(3.01)
    assert cache.read_json("race", "samekey") == {"blob": "x" * 200_000}
    (entry,) = _stored(cache_dir)
    assert json.loads(entry.read_text())["key"] == entry.stem
    assert not [p for p in (cache_dir / "thermo").iterdir() if p.suffix != ".json"]  # no temporary left
    _new_process()
    assert stability_window("Li2O", _entries(-1.6)).oxidation_V == pytest.approx(3.01)
