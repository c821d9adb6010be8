"""Calibration and validation on published cell experiments (issue 13, parts 4 and 5).

- :mod:`lisse.calibration.predict`: an experiment record's observable predicted from a simulation;
- :mod:`lisse.calibration.calibrate`: the estimated inputs and closures inferred from the calibration
  records (``lisse calibrate``), written as the calibrated layer of the library;
- :mod:`lisse.calibration.validate`: every validation record predicted with the calibrated library and
  scored (``lisse validate``, ``docs/validation.md``).
"""
