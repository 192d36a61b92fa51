"""Benchmarks of issue 8: `python -m benchmarks` prints one table of figures, ratios and targets."""
