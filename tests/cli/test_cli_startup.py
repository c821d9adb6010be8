"""The command line starts light: ``lisse --help`` imports no heavy package, and the one-line help of the
commands loaded on first use matches their own help."""

from __future__ import annotations

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
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]", out


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
