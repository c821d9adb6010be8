"""``lisse calibrate`` and ``lisse validate``: the model fitted to, and scored on, published experiments."""

from __future__ import annotations

from pathlib import Path

import typer

from lisse.cli._common import cli_errors, console, emit_json, err_console

#: Where ``lisse calibrate`` writes by default: the calibrated file lisse ships (in a source checkout).
SHIPPED = Path("src/lisse/data/calibrated/calibrated.toml")


def register(app: typer.Typer) -> None:
    """Add ``calibrate`` and ``validate`` to the ``lisse`` command line."""

    @app.command("calibrate")
    def calibrate_(
        records: list[str] = typer.Option(None, "--records", help="Calibration record ids (default: all)."),
        inputs: list[str] = typer.Option(
            None, "--inputs", help="Input labels to calibrate (default: every estimated input and closure)."
        ),
        out: Path = typer.Option(SHIPPED, "--out", help="The calibrated file to write."),
        points: int = typer.Option(256, "--points", help="Design points (simulations per record)."),
        seed: int = typer.Option(0, "--seed", help="Seed of the design and the sampler."),
        json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    ) -> None:
        """Infer the estimated inputs and closures from the calibration records (a Bayesian posterior).

        Simulates every calibration record over a design of the inputs' priors as vmapped batches, fits a
        censored quadratic surrogate of each observation, samples the posterior with NUTS (numpyro) and
        writes the identified inputs as calibrated records (median, distribution, records, R-hat, ESS).
        Regenerate the shipped file with ``lisse calibrate`` in a source checkout.
        """
        with cli_errors():
            from lisse.calibration.calibrate import calibrate, write_calibrated

            result = calibrate(
                records or None, inputs or None, points, seed, progress=lambda s: err_console.print(s)
            )
            path = write_calibrated(result, out)
            if json_:
                emit_json(result.summary())
                return
            console.print(f"{len(result.records)} records, {points} design points, {result.seconds:.0f} s")
            for p in sorted(result.posteriors, key=lambda p: p.width_ratio):
                lo, hi = p.interval95
                mark = "identified" if p.identified else "not identified"
                console.print(
                    f"{p.input.label}: median {p.median:.3g} (95 % {lo:.3g}-{hi:.3g}), "
                    f"width x{p.width_ratio:.2f} of the prior, R-hat {p.rhat:.3f}, ESS {p.ess:.0f}: {mark}"
                )
            console.print(f"wrote {path}")

    @app.command("validate")
    def validate_(
        samples: int = typer.Option(64, "--samples", help="Sampled cells per validation record."),
        seed: int = typer.Option(0, "--seed", help="Seed of the draws."),
        report: Path = typer.Option(
            None, "--report", help="Folder to write validation.md and the parity plot into (e.g. docs)."
        ),
        json_: bool = typer.Option(False, "--json", help="Machine-readable output."),
    ) -> None:
        """Predict every validation record with the calibrated library and score it against the observation.

        Prints, per record, the predicted median and 90 % band next to the observation, whether it falls
        inside and the log error, and the interval coverage and median absolute log error per observable
        and overall.
        """
        with cli_errors():
            from lisse.calibration.validate import validate

            result = validate(samples, seed, progress=lambda s: err_console.print(s))
            summary = result.summary()
            if report is not None:
                summary["report"] = str(result.report(report))
            if json_:
                emit_json(summary)
                return
            for r in summary["rows"]:
                console.print(
                    f"{r['id']}: observed {r['observed']:.3g} {r['unit']} ({r['bound']}), median "
                    f"{'beyond ' if r['median_beyond_protocol'] else ''}{r['median'] or float('nan'):.3g}, "
                    f"90 % band {r['p05'] or float('nan'):.3g}-{r['p95'] or float('inf'):.3g}: "
                    f"{'inside' if r['inside_90'] else 'outside'}, ln error {r['log_error']:.2f}"
                )
            for scope in ("independent", "consistency_checks", "overall"):
                s = summary[scope]
                if s["n"]:
                    console.print(
                        f"{scope}: {s['inside']}/{s['n']} inside the 90 % band, median |ln error| "
                        f"{s['median_abs_log_error']:.2f}"
                    )
            if report is not None:
                console.print(f"wrote {summary['report']}")
