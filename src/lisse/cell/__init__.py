"""Cells: a stack of materials with geometry and operating conditions (read from the library)."""

from lisse.cell.protocol import Protocol, Step, parse_protocol
from lisse.cell.stack import Cell, CellLayer, ElectrolyteLayer

__all__ = ["Cell", "CellLayer", "ElectrolyteLayer", "Protocol", "Step", "parse_protocol"]
