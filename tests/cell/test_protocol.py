"""Protocol strings parse into typed steps in SI units; bad strings are quoted with valid examples."""

from __future__ import annotations

import pytest

from lisse.cell.protocol import ProtocolError, parse_protocol, parse_step


def test_plate_strip_units():
    s = parse_step("Plate at 0.5 mA cm-2 for 1 hour")
    assert (s.kind, s.current_density, s.duration) == (
        "plate",
        pytest.approx(5.0),
        3600.0,
    )  # 0.5 mA/cm2 = 5 A/m2
    assert s.signed_current_density == pytest.approx(5.0)
    t = parse_step("strip at 50 uA cm-2 for 30 minutes")
    assert t.current_density == pytest.approx(0.5) and t.duration == 1800.0
    assert t.signed_current_density == pytest.approx(-0.5)


def test_full_cell_steps():
    c = parse_step("Charge at 0.1C until 4.2 V")
    assert (c.kind, c.c_rate, c.until_voltage) == ("charge", 0.1, 4.2)
    h = parse_step("Hold at 4.2 V until C/50")
    assert (h.voltage, h.until_c_rate) == (4.2, pytest.approx(0.02))
    r = parse_step("Rest for 48 hours")
    assert r.duration == 48 * 3600


def test_repeats_and_cycles():
    p = parse_protocol("(Plate at 0.5 mA cm-2 for 1 hour, Strip at 0.5 mA cm-2 for 1 hour) x 100")
    assert len(p) == 200
    assert p.cycles[0] == p.cycles[1] == 1 and p.cycles[-1] == 100
    assert p.duration == pytest.approx(200 * 3600)


def test_ccd_ramp():
    p = parse_protocol("Step current from 0.05 to 5 mA cm-2 by 0.05 every 30 minutes until failure")
    assert p.until_failure
    assert len(p) == 200  # 100 levels x (plate, strip)
    assert p.steps[0].current_density == pytest.approx(0.5) and p.steps[-1].current_density == pytest.approx(
        50.0
    )
    assert p.steps[0].duration + p.steps[1].duration == pytest.approx(1800.0)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Plate at 0.5 mA for 1 hour", "no step form matches"),
        ("Rest for -3 hours", "duration must be > 0"),
        ("(Plate at 1 mA cm-2 for 1 h x 3", "unbalanced parentheses"),
        ("Plate at 0.1C for 1 hour", "plating and stripping take a current density"),
        ("", "the protocol is empty"),
    ],
)
def test_bad_protocol_quotes_step_and_shows_example(text, why):
    with pytest.raises(ProtocolError) as info:
        parse_protocol(text)
    msg = str(info.value)
    assert why in msg and "Plate at 0.5 mA cm-2 for 1 hour" in msg


def test_time_limit_or_condition_as_in_pybamm():
    d = parse_step("Discharge at C/10 for 10 hours or until 3.3 V")
    assert (d.c_rate, d.duration, d.until_voltage) == (pytest.approx(0.1), 36000.0, 3.3)
    h = parse_step("Hold at 4.2 V for 1 hour or until C/50")
    assert (h.duration, h.until_c_rate) == (3600.0, pytest.approx(0.02))


@pytest.mark.parametrize("text", ["Charge at 0.1C", "Hold at 4.2 V", "Discharge at 1 mA cm-2"])
def test_step_without_an_end_is_refused(text):
    with pytest.raises(ProtocolError, match="needs an end") as err:
        parse_step(text)
    assert text in str(err.value)
