"""Sweep figures on made-up point summaries (no solve): each draws what its docstring says."""

import numpy as np
import pandas as pd
import pytest

from lisse.plots.maps import plot_ccd_bands, plot_failure_map, plot_sensitivity, plot_strategy_comparison
from lisse.sweep.summary import INPUT_COLUMNS, point_summary


def _cases(strategies=("none",)) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    rows = []
    point = 0
    for interlayer in strategies:
        for j in (1.0, 5.0, 10.0):
            for p in (1e5, 1e6, 1e7):
                for s in range(5):
                    fails = j * 1e6 / p > 0.5 + 0.3 * s or (interlayer == "none" and j > 5)
                    rows.append(
                        {
                            **dict.fromkeys(INPUT_COLUMNS),
                            "electrolyte": "LLZO",
                            "interlayer": interlayer,
                            "current_density_A_m2": j,
                            "stack_pressure_Pa": p,
                            "point": point,
                            "point_id": str(point),
                            "sample": s,
                            "failed": fails,
                            "failure_mode": ("contact_loss" if p < 1e6 else "short_circuit")
                            if fails
                            else "none",
                            "time_to_failure_h": float(rng.uniform(1, 20)) if fails else None,
                            "cycle_at_failure": 1 if fails else None,
                            "ccd_mA_cm2": float(p / 1e6 + 0.1 * s) if fails else None,
                            "protocol_end_h": 40.0,
                        }
                    )
                point += 1
    return pd.DataFrame(rows)


def test_point_summary_censors_survivors_as_the_ensemble_does():
    points = point_summary(_cases())
    assert len(points) == 9 and set(points["n"]) == {5}
    shares = points[[c for c in points.columns if c.startswith("p_")]].sum(axis=1)
    np.testing.assert_allclose(shares, 1.0)
    survivor = points[points["survival_probability"] == 1.0].iloc[0]
    assert survivor["time_to_failure_median"] is None or np.isnan(survivor["time_to_failure_median"])
    row = points[(points["current_density_A_m2"] == 10.0) & (points["stack_pressure_Pa"] == 1e5)].iloc[0]
    assert row["most_probable_mode"] == "contact_loss" and row["most_probable_p"] == pytest.approx(1.0)


def test_failure_map_colours_modes_and_draws_lifetime_contours():
    fig = plot_failure_map(point_summary(_cases()), "current_density", "stack_pressure")
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and "current density" in ax.get_xlabel()
    assert {t.get_text() for t in ax.get_legend().get_texts()} >= {"contact loss", "none"}
    assert ax.collections, "the mode grid (pcolormesh) is drawn"


def test_ccd_strategy_and_sensitivity_figures():
    points = point_summary(_cases(("none", "Au")))
    fig = plot_ccd_bands(points[points["interlayer"] == "Au"], "stack_pressure")
    assert fig.axes[0].get_ylabel().startswith("critical current density")
    fig = plot_strategy_comparison(points, "interlayer", baseline="none")
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["Au"]
    fig = plot_sensitivity(_cases(), ["current_density", "stack_pressure"])
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert set(labels) == {"current density", "stack pressure"}
