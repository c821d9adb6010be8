"""The contract every public mechanism function keeps (style guide section 6).

``check_mechanism(fn, kwargs, wrt)`` asserts that
- the function is marked with ``@cites`` and every key is in the bibliography;
- its numpydoc docstring has Parameters, Returns, Notes and References sections, and every
  unit written in brackets in Parameters/Returns parses with pint;
- ``jax.jit`` gives the same value as the plain call;
- ``jax.vmap`` over ``wrt`` (three perturbed values) gives finite values equal to a loop;
- ``jax.grad`` with respect to ``wrt`` (of the sum of the output) is finite.
"""

from __future__ import annotations

import re

import jax
import jax.numpy as jnp
import numpy as np

from lisse._core.citations import bibliography, cited_keys
from lisse._core.units import parse_unit

_UNIT = re.compile(r"\[([^\]]+)\]")


def docstring_units(fn) -> list[str]:
    doc = fn.__doc__ or ""
    section = doc.split("Notes")[0]
    return [u.strip() for u in _UNIT.findall(section)]


def check_mechanism(fn, kwargs: dict, wrt: str, rtol: float = 1e-9) -> None:
    keys = cited_keys(fn)
    assert keys, f"{fn.__name__} is not marked with @cites"
    missing = [k for k in keys if k not in bibliography()]
    assert not missing, f"{fn.__name__} cites keys not in the bibliography: {missing}"
    doc = fn.__doc__ or ""
    for section in ("Parameters", "Returns", "Notes", "References"):
        assert section in doc, f"{fn.__name__} docstring lacks a {section} section"
    for unit in docstring_units(fn):
        if unit.lower() in {"-", "dimensionless", "1"}:
            continue
        parse_unit(unit)  # raises with the unit quoted
    plain = np.asarray(fn(**kwargs), dtype=float)
    jitted = np.asarray(jax.jit(lambda **kw: fn(**kw))(**kwargs), dtype=float)
    np.testing.assert_allclose(jitted, plain, rtol=rtol, err_msg=f"{fn.__name__}: jit differs")
    base = float(kwargs[wrt])
    batch = jnp.asarray([base * 0.9, base, base * 1.1])
    others = {k: v for k, v in kwargs.items() if k != wrt}
    vm = np.asarray(jax.vmap(lambda x: fn(**{wrt: x}, **others))(batch), dtype=float)
    loop = np.stack([np.asarray(fn(**{wrt: float(x)}, **others), dtype=float) for x in batch])
    assert np.all(np.isfinite(vm)), f"{fn.__name__}: vmap over {wrt} gives non-finite values"
    np.testing.assert_allclose(vm, loop, rtol=rtol, err_msg=f"{fn.__name__}: vmap differs from a loop")
    g = jax.grad(lambda x: jnp.sum(jnp.asarray(fn(**{wrt: x}, **others))))(base)
    assert np.isfinite(float(g)), f"{fn.__name__}: grad wrt {wrt} is not finite"
