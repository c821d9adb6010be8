"""An independent integration of the coupled model for cross-checks: SciPy's LSODA, step by step."""

from __future__ import annotations

import jax
import jax.numpy as jnp
import numpy as np
from jax.flatten_util import ravel_pytree
from scipy.integrate import solve_ivp

from lisse.cell.model import ALL_FEATURES, Features, State, initial_state, vector_field
from lisse.cell.parameters import CellParameters
from lisse.cell.solver import Schedule


def scipy_final_state(
    params: CellParameters, schedule: Schedule, rtol: float, atol: float, features: Features = ALL_FEATURES
) -> State:
    """Final state after the current-controlled ``schedule``, integrated by ``scipy.integrate.solve_ivp``
    (LSODA) on the same vector field, without events (the cell must not fail)."""
    y0, unravel = ravel_pytree(initial_state(params))
    rhs = jax.jit(lambda t, y, j: ravel_pytree(vector_field(t, unravel(y), (params, 0, j, 0.0), features))[0])
    y = np.asarray(y0)
    for mode, j, dur in zip(schedule.mode, schedule.value, schedule.duration, strict=True):
        assert mode == 0, "current-controlled steps only"
        sol = solve_ivp(
            lambda t, v, j=j: np.asarray(rhs(t, jnp.asarray(v), j)),
            (0.0, dur),
            y,
            method="LSODA",
            rtol=rtol,
            atol=atol,
        )
        assert sol.success, sol.message
        y = sol.y[:, -1]
    return unravel(jnp.asarray(y))
