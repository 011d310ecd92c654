"""Benchmarks at team scale: a synthetic corpus, the benchmark runner and its baselines.

`python -m bench` prints the table recorded in bench/RESULTS.md; `python -m bench.corpus`
writes a corpus on its own. Nothing here is imported by the bot.
"""
