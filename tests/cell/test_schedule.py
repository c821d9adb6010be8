"""Protocol steps to control segments: C-rates, voltage limits and holds for full cells, and the steps
each kind of cell refuses."""

from __future__ import annotations

import numpy as np
import pytest

from lisse._core.errors import LisseError
from lisse.cell import parse_protocol
from lisse.cell.solver import (
    MAX_HOLD_DURATION,
    UNTIL_VOLTAGE_TIME_FACTOR,
    padded_length,
    schedule_from_protocol,
)

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


def test_protocols_are_padded_to_eight_lengths_an_octave():
    """Padding (shared compilations) goes to the next multiple of an eighth of the octave: never shorter
    than the protocol, at most an eighth of the power of two below it longer, eight lengths in each octave;
    up to 8 steps the next power of two (at least 2). The default CCD ramp's 200 steps: 208."""
    assert [padded_length(n) for n in (1, 2, 3, 5, 8)] == [2, 2, 4, 8, 8]
    assert [padded_length(n) for n in (129, 200, 256, 257)] == [144, 208, 256, 288]
    for n in range(9, 5000):
        below = 1 << ((n - 1).bit_length() - 1)  # the power of two below n (n itself excluded)
        assert n <= padded_length(n) <= n + below // 8 - 1 or padded_length(n) == n
        assert padded_length(padded_length(n)) == padded_length(n)
    for k in range(4, 12):
        octave = {padded_length(n) for n in range((1 << k) + 1, (1 << (k + 1)) + 1)}
        assert len(octave) == 8
