"""A simulation's result as data: the xarray Dataset, the verdict, the cell and protocol, with NetCDF I/O.

Every variable of the Dataset carries its unit in ``attrs["units"]``; :meth:`SimulationResult.save` writes the
cell, protocol and verdict into its attributes so that :func:`load_result` gives back the whole result.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lisse._core.errors import LisseError
from lisse.cell.stack import Cell
from lisse.cell.verdict import Verdict

if TYPE_CHECKING:  # xarray (with pandas) is imported where a Dataset is built or read
    import xarray as xr

__all__ = ["SimulationResult", "load_result"]


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """A simulated cell: the time series (``dataset``), the ``verdict``, and what produced them."""

    source: xr.Dataset | Callable[[], xr.Dataset]
    """The time series, or a function that builds them (:attr:`dataset` calls it once, when first read)."""
    verdict: Verdict
    cell: Cell
    protocol_text: str

    @functools.cached_property
    def dataset(self) -> xr.Dataset:
        """The time series as an xarray Dataset. Built when first read, so a caller that wants only the
        verdict (``lisse simulate`` printing a table) never imports xarray and pandas."""
        return self.source() if callable(self.source) else self.source

    def to_dict(self) -> dict:
        return self.verdict.to_dict()

    def save(self, path: str | Path) -> Path:
        """Write the dataset (with the cell, protocol and verdict in its attributes) to NetCDF or Zarr
        (by the file's extension: ``.nc`` or ``.zarr``)."""
        path = Path(path)
        if path.suffix not in (".nc", ".zarr"):
            raise LisseError(f"output file {str(path)!r}: use a .nc (NetCDF) or .zarr extension")
        ds = self.dataset.copy()
        ds.attrs.update(
            {
                "cell_toml": json.dumps(self.cell.to_dict()),
                "protocol": self.protocol_text,
                "verdict_json": json.dumps(self.verdict.to_dict()),
            }
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".nc":
            ds.to_netcdf(path, engine="scipy")
        else:
            try:
                ds.to_zarr(path, mode="w")
            except ImportError:
                raise LisseError("writing .zarr needs the zarr package (pip install zarr); use .nc") from None
        return path


def load_result(path: str | Path) -> SimulationResult:
    """Read a result written by :meth:`SimulationResult.save`.

    Raises
    ------
    LisseError
        If the file does not exist or is not a lisse result.
    """
    path = Path(path)
    if not path.exists():
        raise LisseError(f"result file {str(path)!r} does not exist")
    import xarray as xr

    try:
        ds = xr.open_zarr(path) if path.suffix == ".zarr" else xr.open_dataset(path, engine="scipy")
        ds = ds.load()
        cell = Cell.model_validate(json.loads(ds.attrs["cell_toml"]))
        verdict = Verdict(**json.loads(ds.attrs["verdict_json"]))
        protocol = ds.attrs["protocol"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LisseError(f"{path}: not a lisse simulation result ({exc})") from None
    return SimulationResult(ds, verdict, cell, protocol)
