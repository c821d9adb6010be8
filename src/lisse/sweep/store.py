"""The sweep store: Parquet partitions plus a DuckDB catalog in one output folder.

Layout of a folder::

    spec.json         the spec (resolved), its fingerprint and the lisse version
    parts/*.parquet   the cases, one file per solved chunk (rows of whole design points)
    catalog.duckdb    table ``cases``: every row of every partition (query it with SQL or pandas)

Loss-free by construction: a partition is written to a hidden temporary file, flushed to disk and renamed
into place (a rename is atomic), so a partition is either complete or absent, and the temporary files a
killed run left are deleted on the next open. The partitions are the truth; the catalog is rebuilt from
them whenever a run starts or ends (and kept up to date in between), so a run killed between writing a
partition and adding it to the catalog loses nothing. A design point's cases are always in one partition,
so a rerun recomputes whole points only, and never a case that is already stored.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from lisse import __version__
from lisse._core.errors import LisseError

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from lisse.sweep.spec import SweepSpec

__all__ = ["CATALOG", "Store", "has_cases", "open_catalog"]

CATALOG = "catalog.duckdb"
_SPEC = "spec.json"
_PARTS = "parts"


class Store:
    """The output folder of one sweep (see the module); :meth:`open` checks that it belongs to the spec."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.parts = self.folder / _PARTS
        self._con: duckdb.DuckDBPyConnection | None = None

    @classmethod
    def open(cls, folder: str | Path, spec: SweepSpec) -> Store:
        """The store of ``spec`` in ``folder`` (created if new); a folder made from another spec is refused.

        Raises
        ------
        LisseError
            If ``folder`` holds another spec's results, is not a sweep folder, or another run has it open.
        """
        store = cls(Path(folder))
        fingerprint = spec.fingerprint()
        meta = store.folder / _SPEC
        if meta.exists():
            try:
                old = json.loads(meta.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise LisseError(f"{meta}: not a lisse sweep spec ({exc})") from None
            if old.get("fingerprint") != fingerprint:
                raise LisseError(
                    f"output folder {str(store.folder)!r} holds the results of another sweep spec "
                    f"(fingerprint {old.get('fingerprint')}, lisse {old.get('lisse_version')}); this spec is "
                    f"{fingerprint}: choose a new --out folder"
                )
        elif store.folder.exists() and any(store.folder.iterdir()):
            raise LisseError(
                f"output folder {str(store.folder)!r} is not empty and holds no sweep; choose a new --out "
                "folder"
            )
        store.parts.mkdir(parents=True, exist_ok=True)
        if not meta.exists():
            record = {"fingerprint": fingerprint, "lisse_version": __version__, "spec": spec.canonical()}
            _atomic_write(meta, json.dumps(record, indent=1, default=repr).encode())
        for tmp in store.parts.glob(".*.tmp"):  # a partition a killed run did not finish
            tmp.unlink(missing_ok=True)
        store._connect()
        store.rebuild_catalog()
        return store

    def _connect(self) -> None:
        import duckdb

        try:
            self._con = duckdb.connect(str(self.folder / CATALOG))
        except duckdb.Error as exc:
            raise LisseError(f"{self.folder / CATALOG}: in use by another run ({exc})") from None

    def files(self) -> list[Path]:
        return sorted(self.parts.glob("part-*.parquet"))

    def done(self) -> set[str]:
        """The ids of the cases already stored."""
        import pyarrow.parquet as pq

        ids: set[str] = set()
        for f in self.files():
            ids.update(pq.read_table(f, columns=["case_id"]).column("case_id").to_pylist())
        return ids

    def write(self, table: pa.Table, name: str) -> Path:
        """Store one chunk's rows: the partition ``part-<name>.parquet`` (atomic), then the catalog."""
        import pyarrow.parquet as pq

        path = self.parts / f"part-{name}.parquet"
        tmp = self.parts / f".part-{name}.parquet.tmp"
        pq.write_table(table, tmp)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        con = self._require()
        con.register("_chunk", table)
        try:
            if has_cases(con):
                con.execute("INSERT INTO cases SELECT * FROM _chunk")
            else:
                con.execute("CREATE TABLE cases AS SELECT * FROM _chunk")
        finally:
            con.unregister("_chunk")
        return path

    def rebuild_catalog(self) -> None:
        """Table ``cases`` = every row of every partition (one transaction)."""
        con = self._require()
        files = self.files()
        con.execute("BEGIN TRANSACTION")
        con.execute("DROP TABLE IF EXISTS cases")
        if files:
            con.execute("CREATE TABLE cases AS SELECT * FROM read_parquet(?)", [[str(f) for f in files]])
        con.execute("COMMIT")
        con.execute("CHECKPOINT")

    def close(self) -> None:
        if self._con is not None:
            with contextlib.suppress(Exception):
                self.rebuild_catalog()
            self._con.close()
            self._con = None

    def _require(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise LisseError(f"store {self.folder}: closed")
        return self._con


def has_cases(con) -> bool:
    """Whether the DuckDB connection has table ``cases``."""
    return bool(
        con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'cases'").fetchone()[0]
    )


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def open_catalog(folder: str | Path):
    """A DuckDB connection in which ``cases`` holds the stored cases of the sweep in ``folder``.

    The catalog is opened read-only; while a run holds it (DuckDB allows one writer), or if it is behind
    the partitions, the partitions are read directly instead, into an in-memory catalog. Without any
    stored case the connection has no ``cases`` table.

    Raises
    ------
    LisseError
        If ``folder`` is not a sweep folder.
    """
    import duckdb

    folder = Path(folder)
    if not (folder / _SPEC).exists():
        raise LisseError(
            f"{str(folder)!r} is not a lisse sweep folder (no {_SPEC}); run lisse map or sweep first"
        )
    parts = sorted((folder / _PARTS).glob("part-*.parquet"))
    import pyarrow.parquet as pq

    rows = sum(pq.ParquetFile(f).metadata.num_rows for f in parts)
    try:
        con = duckdb.connect(str(folder / CATALOG), read_only=True)
        if not parts or (has_cases(con) and con.execute("SELECT count(*) FROM cases").fetchone()[0] == rows):
            return con
        con.close()  # behind the partitions (a run was killed before it caught up)
    except duckdb.Error:  # held by a running sweep, or not written yet
        pass
    con = duckdb.connect()
    if parts:
        con.execute("CREATE TABLE cases AS SELECT * FROM read_parquet(?)", [[str(f) for f in parts]])
    return con
