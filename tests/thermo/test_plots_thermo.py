"""The windows figure (review Figure 8a style) and the Li uptake figure render to files."""

from __future__ import annotations

from lisse.plots.thermo import electrode_ranges, plot_li_uptake, plot_windows
from lisse.thermo import li_uptake_profile, stability_window


def test_windows_figure(tmp_path):
    ws = [stability_window(f) for f in ("Li7La3Zr2O12", "Li3PS4", "Al2O3")]
    fig = plot_windows(ws, electrodes=[("Li/Li+", 0.0, 0.0), ("band", 3.0, 4.2)], path=tmp_path / "w.png")
    ax = fig.axes[0]
    assert len(ax.patches) >= 3  # one bar per window
    assert (tmp_path / "w.png").stat().st_size > 0


def test_uptake_figure(tmp_path):
    fig = plot_li_uptake(li_uptake_profile("Li10GeP2S12"), path=tmp_path / "u.png")
    assert fig.axes[0].get_ylabel().startswith("Li uptake")


def test_electrode_ranges_start_with_li():
    assert electrode_ranges()[0] == ("Li/Li+", 0.0, 0.0)
