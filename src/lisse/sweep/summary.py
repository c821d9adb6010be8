"""Per design point: the spread of the outcomes over its Monte Carlo draws, as the ensemble reports it.

:func:`point_summary` groups table ``cases`` by design point and gives each the median and 5 % and 95 %
points of the time to failure, the cycle at failure and the CCD, and the probability of each failure mode,
with the same censoring rule and quantile method as :meth:`lisse.cell.ensemble.EnsembleResult.summary`
(a survivor fails beyond the protocol's end; a quantile that falls among the survivors is None; empirical
quantiles by the inverted CDF). A nominal sweep has one case per point: its "median" is that case.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from lisse._core.errors import LisseError
from lisse.cell.ensemble import censored_quantiles, label_shares
from lisse.sweep.run import PARAMETER_COLUMNS
from lisse.sweep.store import has_cases, open_catalog

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd

__all__ = ["INPUT_COLUMNS", "cases_frame", "point_summary"]

#: The input columns of table ``cases`` that define a design point.
INPUT_COLUMNS = tuple(PARAMETER_COLUMNS.values())
_OUTCOMES = {
    "time_to_failure_h": "time_to_failure",
    "cycle_at_failure": "cycle_at_failure",
    "ccd_mA_cm2": "ccd",
}


def cases_frame(folder: str | Path, sql: str = "SELECT * FROM cases") -> pd.DataFrame:
    """The result of ``sql`` over the stored cases (table ``cases``) as a pandas DataFrame."""
    con = open_catalog(folder)
    try:
        if not has_cases(con):
            raise LisseError(f"{str(folder)!r}: no case is stored yet")
        return con.execute(sql).fetchdf()
    finally:
        con.close()


def point_summary(cases: pd.DataFrame) -> pd.DataFrame:
    """One row per design point: its inputs, ``n`` cases, the median/p05/p95 of each outcome (None: beyond
    the protocol), ``p_<mode>`` for every failure mode seen, the most probable mode and its probability, the
    survival probability, and the protocol's length."""
    import pandas as pd

    modes = sorted(cases["failure_mode"].astype(str).unique())
    rows = []
    for point, group in cases.groupby("point", sort=True):
        first = group.iloc[0]
        row: dict = {"point": int(point), "point_id": first["point_id"], "n": len(group)}
        row.update({c: first[c] for c in INPUT_COLUMNS})
        failed = group["failed"].to_numpy(bool)
        for column, name in _OUTCOMES.items():
            x = group[column].to_numpy(float, na_value=np.nan)
            x = np.where(failed, x, np.inf)  # a survivor fails beyond the protocol (censored)
            x[(group["failure_mode"] == "solver_failed").to_numpy()] = np.nan  # reported, not counted
            row[f"{name}_median"], row[f"{name}_p05"], row[f"{name}_p95"] = censored_quantiles(x)
        shares = label_shares(group["failure_mode"].to_numpy())
        for m in modes:
            row[f"p_{m}"] = shares.get(m, 0.0)
        top = max(shares, key=lambda m: (shares[m], m))
        row["most_probable_mode"], row["most_probable_p"] = top, shares[top]
        row["survival_probability"] = shares.get("none", 0.0)
        row["protocol_end_h"] = float(group["protocol_end_h"].max())  # as run, as the ensemble reports it
        rows.append(row)
    return pd.DataFrame(rows)
