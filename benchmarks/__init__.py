"""Benchmarks: a synthetic corpus generator and the scripts that measure the builder with it."""
