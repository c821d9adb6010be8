"""Foundations shared by every layer: units, errors and citations.

Nothing here imports from the rest of lisse.
"""
