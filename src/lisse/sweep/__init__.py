"""Failure maps and design-space sweeps: a spec of cells and protocols (:mod:`lisse.sweep.spec`), run as
batched solves locally or on a Dask cluster (:mod:`lisse.sweep.run`), streamed to a Parquet + DuckDB store
(:mod:`lisse.sweep.store`) and summarised per design point (:mod:`lisse.sweep.summary`)."""
