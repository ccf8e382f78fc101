#!/usr/bin/env python3
"""NumPy's side of bench/compare: the ops of JtensorCompareBenchmark, timed the same way.

chain5_16M is the five-op chain of ElementwiseChain (bench/compare's chain5_16M and
graph_chain5_16M lines): NumPy runs it op by op, with a fresh temporary per op.

Each benchmark warms up, then times `repeats` rounds of at least `round_s` seconds each and
reports the median time per op, like JMH's warm-up and measurement iterations. Every op
returns a freshly allocated result. Prints one line per benchmark: `name seconds_per_op`.

OpenBLAS reads its thread count when NumPy is imported, so bench/compare runs this script once
per thread setting with OPENBLAS_NUM_THREADS set and --threads naming it (1 or all).
NumPy's elementwise ops and reductions are single-threaded whatever that setting says.
"""
import argparse
import statistics
import time

import numpy as np

ONE_M = 1 << 20
SIXTEEN_M = 1 << 24
BROADCAST_DIM = 4096
# ElementwiseChain's constants: chain5(x) = ((x * A + B) * x - C) / D, in float32
A, B, C, D = (np.float32(v) for v in (1.5, 0.5, 0.25, 2.0))


def uniform(rng, *shape):
    return rng.random(shape, dtype=np.float32)


def time_per_op(op, warmup_s, round_s, repeats):
    """Median seconds per call of op() over `repeats` timed rounds, after `warmup_s` of calls."""
    began = time.perf_counter()
    calls = 0
    while calls == 0 or time.perf_counter() - began < warmup_s:  # warm up, counting calls
        op()
        calls += 1
    per_round = max(1, round(round_s * calls / (time.perf_counter() - began)))
    rounds = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(per_round):
            op()
        rounds.append((time.perf_counter() - start) / per_round)
    return statistics.median(rounds)


def benchmarks(kind, threads, sizes):
    """(name, op) pairs, made one at a time so only the running benchmark's inputs are alive."""
    rng = np.random.default_rng(0)
    if kind in ("sgemm", "all"):
        for n in sizes:
            yield f"sgemm_n{n}_t{threads}", lambda a=uniform(rng, n, n), b=uniform(rng, n, n): a @ b
    if kind in ("elementwise", "all"):
        yield "add_1M", lambda a=uniform(rng, ONE_M), b=uniform(rng, ONE_M): a + b
        yield "add_16M", lambda a=uniform(rng, SIXTEEN_M), b=uniform(rng, SIXTEEN_M): a + b
        yield "broadcast_add_4096x4096", (lambda m=uniform(rng, BROADCAST_DIM, BROADCAST_DIM),
                                row=uniform(rng, BROADCAST_DIM): m + row)
        yield "sum_16M", lambda a=uniform(rng, SIXTEEN_M): a.sum()
        yield "exp_16M", lambda a=uniform(rng, SIXTEEN_M): np.exp(a)
        yield "add_2x2", lambda a=uniform(rng, 2, 2), b=uniform(rng, 2, 2): a + b
        yield "chain5_16M", lambda x=uniform(rng, SIXTEEN_M): ((x * A + B) * x - C) / D


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["sgemm", "elementwise", "all"], default="all")
    parser.add_argument("--threads", default="all", help="label for the sgemm names: 1 or all")
    parser.add_argument("--sizes", default="128,256,512,1024,2048", help="sgemm n values")
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up seconds per benchmark")
    parser.add_argument("--round", type=float, default=1.0, help="seconds per timed round")
    parser.add_argument("--repeats", type=int, default=5, help="timed rounds; the median is reported")
    parser.add_argument("--version", action="store_true", help="print NumPy's and its BLAS's versions")
    args = parser.parse_args()
    if args.version:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        print(f"{np.__version__} ({blas.get('name', '?')} {blas.get('version', '?')})")
        return
    sizes = [int(s) for s in args.sizes.split(",") if s]
    for name, op in benchmarks(args.kind, args.threads, sizes):
        seconds = time_per_op(op, args.warmup, args.round, args.repeats)
        print(f"{name} {seconds:.9g}", flush=True)


if __name__ == "__main__":
    main()
