"""The command line starts light: ``lisse --help`` imports no heavy package, and the one-line help of the
commands loaded on first use matches their own help."""

from __future__ import annotations

import os
import subprocess
import sys

from typer.testing import CliRunner

import lisse.cli as cli

HEAVY = ("jax", "diffrax", "pymatgen", "pint", "xarray", "matplotlib", "lisse.materials", "lisse.cell")


def test_help_imports_no_heavy_package():
    code = (
        "import sys\n"
        "from lisse.cli import main\n"
        "sys.argv = ['lisse', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "LISSE_FAST_EXIT": "0"}  # the ordinary exit, so the line after main() runs
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stdout


def test_fast_exit_keeps_output_and_exit_code():
    run = [sys.executable, "-c", "from lisse.cli import main; main()"]
    ok = subprocess.run([*run, "--help"], capture_output=True, text=True)
    assert ok.returncode == 0 and "Usage" in ok.stdout
    bad = subprocess.run([*run, "materials", "show", "no-such-material"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown material" in bad.stderr


def test_lazy_help_lines_match_the_commands():
    for name, (_, line) in cli._LAZY.items():
        cmd = cli.load_command(name)
        assert " ".join(cmd.help.split()).startswith(" ".join(line.split())), name


def test_every_command_is_listed_and_runs_its_help():
    runner = CliRunner()
    res = runner.invoke(cli.app, ["--help"])
    assert res.exit_code == 0
    for name in cli._ORDER:
        assert name in res.output
        sub = runner.invoke(cli.app, [name, "--help"])
        assert sub.exit_code == 0, (name, sub.output)
        assert "Usage" in sub.output
