"""Benchmarks: the SDK against what a user would write by hand. Run ``python -m benchmarks``."""
