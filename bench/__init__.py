"""Benchmarks: `make bench` runs them on PostgreSQL and writes docs/benchmarks.md."""
