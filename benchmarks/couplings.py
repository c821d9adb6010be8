"""Cost of the couplings added to the cell model (issue 12): the same symmetric cell and protocol solved by
this tree and by a named baseline revision, side by side.

The issue's budget: with every coupling on, the symmetric-cell solve is at most 1.5x slower than before them.
Both trees solve one Li | LLZO | Li cell through 1000 plate/strip cycles at 0.5 mA/cm2 (the cell and protocol
of ``benchmarks/simulator.py``, part 2) in fresh processes of the same interpreter; each is timed on its
second call (compiled; ``jax.block_until_ready``), best of ``--repeat``. The baseline is checked out into a
temporary git worktree. Absolute times on a shared machine are noise: the ratio is the result.

Run: ``python benchmarks/run.py couplings [--baseline e64db43] [--repeat 3]``. The last line printed is
``ratio_vs_baseline=<this tree / baseline>``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The last commit before the issue-12 couplings (pore creep, interlayers, alloy anodes, ...).
BASELINE = "e64db43"

_TIMER = r"""
import json, time, warnings
warnings.simplefilter("ignore")
import jax
from lisse.cell import Cell, parse_protocol
from lisse.cell.parameters import cell_parameters
from lisse.cell.solver import features_for, schedule_from_protocol, segments, solve
cell = Cell.symmetric("LLZO", thickness="500 um", pressure="5 MPa")
proto = parse_protocol("(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 1000")
schedule = schedule_from_protocol(proto)
params, _ = cell_parameters(cell)
seg = segments(schedule)
run = jax.jit(lambda p: solve(p, seg, features=features_for(schedule, False)))
jax.block_until_ready(run(params))
best = float("inf")
for _ in range({repeat}):
    t0 = time.perf_counter()
    out = jax.block_until_ready(run(params))
    best = min(best, time.perf_counter() - t0)
print(json.dumps({{"seconds": best, "failed": bool(out["failed"].any())}}))
"""


def _time(src: Path, repeat: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), "LISSE_CACHE_DIR": tempfile.mkdtemp(prefix="lisse-bench-")}
    out = subprocess.run(
        [sys.executable, "-c", _TIMER.format(repeat=repeat)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", default=BASELINE, help="git revision to compare with")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lisse-baseline-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree), args.baseline],
            check=True,
            capture_output=True,
        )
        try:
            base = _time(tree / "src", args.repeat)
            this = _time(ROOT / "src", args.repeat)
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)
    for name, r in (("baseline " + args.baseline, base), ("this tree", this)):
        print(f"{name:>20}: 1 cell x 1000 cycles {r['seconds']:.3f} s (failed: {r['failed']})")
    print(f"ratio_vs_baseline={this['seconds'] / base['seconds']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
