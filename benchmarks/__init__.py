"""Benchmark scripts (never timed tests): run them with ``bash benchmarks/run.sh``."""
