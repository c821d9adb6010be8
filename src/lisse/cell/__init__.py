"""Cells: a stack of materials with geometry and operating conditions (read from the library)."""

from lisse.cell.stack import Cell, CellLayer

__all__ = ["Cell", "CellLayer"]
