"""Figures (matplotlib, Agg backend). The only layer besides the CLI that imports matplotlib."""

import matplotlib

matplotlib.use("Agg")
