"""Protocol steps to control segments: C-rates, voltage limits and holds for full cells, and the steps
each kind of cell refuses."""

from __future__ import annotations

import numpy as np
import pytest

from lisse._core.errors import LisseError
from lisse.cell import parse_protocol
from lisse.cell.solver import MAX_HOLD_DURATION, UNTIL_VOLTAGE_TIME_FACTOR, schedule_from_protocol

Q = 36000.0  # 1 mA h/cm^2 in C/m^2


def test_c_rates_voltage_limits_and_holds():
    proto = parse_protocol(
        "Charge at 0.5C until 4.2 V, Hold at 4.2 V until C/50, Rest for 10 minutes, "
        "Discharge at 1 mA cm-2 until 3.0 V"
    )
    s = schedule_from_protocol(proto, areal_capacity=Q)
    # 0.5C of 1 mA h/cm^2 is 0.5 mA/cm^2 = 5 A/m^2, charging positive
    assert s.mode.tolist() == [0, 1, 0, 0]
    assert s.value[0] == pytest.approx(5.0) and s.value[3] == pytest.approx(-10.0)
    assert s.value[1] == 4.2 and s.value[2] == 0.0
    assert s.until_voltage[0] == 4.2 and s.until_sign[0] == 1.0
    assert s.until_voltage[3] == 3.0 and s.until_sign[3] == -1.0
    assert np.isnan(s.until_voltage[1]) and s.until_sign[1] == 0.0
    assert s.until_current[1] == pytest.approx(Q / 50 / 3600)  # C/50 in A/m^2
    # a step that ends on a condition is bounded by a multiple of its nominal time
    assert s.duration[0] == pytest.approx(UNTIL_VOLTAGE_TIME_FACTOR * 2 * 3600)
    assert s.duration[1] == MAX_HOLD_DURATION and s.duration[2] == 600.0
    assert s.discharge.tolist() == [False, False, False, True]
    assert np.isnan(s.current_density[1])


@pytest.mark.parametrize(
    ("text", "capacity", "fragment"),
    [
        ("Charge at 0.1C until 4.2 V", None, "symmetric Li cell has no cathode"),
        ("Hold at 4.2 V until C/50", None, "symmetric Li cell has no cathode"),
        ("Plate at 0.5 mA cm-2 for 1 hour", Q, "a full cell is charged and discharged"),
    ],
)
def test_steps_the_cell_cannot_run_are_refused(text, capacity, fragment):
    with pytest.raises(LisseError, match=fragment) as err:
        schedule_from_protocol(parse_protocol(text), areal_capacity=capacity)
    assert text in str(err.value)
