#!/usr/bin/env python3
"""Glimpse's exact search against faiss-cpu IndexFlatIP and numpy: same vectors, same k,
same threads, one run, one table.

The script runs `glimpse bench --export FOLDER --json` itself (Glimpse's rows, the
memory-read floor, and the vectors and queries as .npy), then times faiss and numpy on
those files, and prints every row together. Ratios are to Glimpse's float32 read floor of
the same dimension and thread count; 'same' says whether the top-k row indices equal the
plain scan's (ties aside, faiss and numpy may order equal scores differently).

  python3 -m venv /tmp/peers && /tmp/peers/bin/pip install faiss-cpu numpy threadpoolctl
  swift build -c release
  /tmp/peers/bin/python Scripts/bench_peers.py --glimpse .build/release/glimpse

OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, where this machine sets them for old OpenBLAS
builds, slow a current numpy: the script drops them for its own process (numpy, faiss)
before importing numpy, and passes them on unchanged to glimpse.
"""
import argparse, json, os, subprocess, sys, tempfile, time

glimpse_environment = dict(os.environ)
for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):
    os.environ.pop(name, None)

import numpy as np  # noqa: E402  (after the environment change, which OpenBLAS reads at load)
import faiss  # noqa: E402
from threadpoolctl import threadpool_info, threadpool_limits  # noqa: E402


def median(values):
    values = sorted(values)
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def timed(call):
    start = time.perf_counter()
    result = call()
    return (time.perf_counter() - start) * 1e3, result


def same_top(found, reference):
    """Whether every query's hits are the reference's rows (as sets: peers order exact ties their own way)."""
    return all(set(map(int, f)) == set(map(int, r)) for f, r in zip(found, reference))


def numpy_single(base, query, k):
    scores = base @ query
    top = np.argpartition(-scores, k)[:k]
    return top[np.lexsort((top, -scores[top]))]


def numpy_batch(base, queries, k):
    scores = queries @ base.T
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    return np.array([t[np.lexsort((t, -s[t]))] for t, s in zip(top, scores)])


def measure_peers(base, queries, reference, k, threads, repetitions):
    """Rows for faiss and numpy at one thread count: single queries (median ms) and one batch (ms per query)."""
    rows = []
    index = faiss.IndexFlatIP(base.shape[1])
    index.add(base)
    count = len(queries)

    def single(search):
        search(0)  # warm-up
        times, same = [], True
        for i in range(repetitions):
            ms, found = timed(lambda: search((i + 1) % count))
            times.append(ms)
            same = same and same_top([found], [reference[(i + 1) % count]])
        return median(times), same

    def batch(search):
        search()
        times, same = [], True
        for _ in range(repetitions):
            ms, found = timed(search)
            times.append(ms / count)
            same = same and same_top(found, reference)
        return median(times), same

    # Every thread pool in the process (faiss's OpenMP, both OpenBLAS copies) gets the same limit.
    with threadpool_limits(limits=threads):
        faiss.omp_set_num_threads(threads)
        ms, same = single(lambda i: index.search(queries[i:i + 1], k)[1][0])
        rows.append(("faiss", threads, "f32", "single", ms, same))
        ms, same = batch(lambda: index.search(queries, k)[1])
        rows.append(("faiss", threads, "f32", f"batch{count}", ms, same))
        ms, same = single(lambda i: numpy_single(base, queries[i], k))
        rows.append(("numpy", threads, "f32", "single", ms, same))
        ms, same = batch(lambda: numpy_batch(base, queries, k))
        rows.append(("numpy", threads, "f32", f"batch{count}", ms, same))
    del index
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--glimpse", default=".build/release/glimpse", help="the glimpse executable")
    parser.add_argument("--folder", help="where the .npy files go (default: a temporary folder, removed after)")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dimensions", default="50,256")
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--repetitions", type=int, default=15)
    args = parser.parse_args()

    temporary = None if args.folder else tempfile.TemporaryDirectory(prefix="glimpse-bench-")
    folder = args.folder or temporary.name
    command = [args.glimpse, "bench", "--rows", str(args.rows), "--dimensions", args.dimensions,
               "--threads", args.threads, "--k", str(args.k), "--batch", str(args.batch),
               "--repetitions", str(args.repetitions), "--json", "--export", folder]
    print("$ " + " ".join(command), file=sys.stderr)
    output = subprocess.run(command, env=glimpse_environment, check=True, capture_output=True, text=True).stdout
    glimpse_rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]

    table = []
    for dimension in [int(d) for d in args.dimensions.split(",")]:
        base = np.load(f"{folder}/base_{dimension}.npy", mmap_mode=None)
        queries = np.load(f"{folder}/queries_{dimension}.npy")
        reference = np.load(f"{folder}/top_{dimension}.npy")
        for threads in [int(t) for t in args.threads.split(",")]:
            mine = [r for r in glimpse_rows if r["dimension"] == dimension and r["threads"] == threads]
            floor = next(r["floor_ms"] for r in mine if r["storage"] == "f32" and r["mode"] == "floor")
            for r in mine:
                table.append(("glimpse", dimension, threads, r["storage"], r["mode"], r["ms_per_query"],
                              r["floor_ms"], r["ratio"], r["same"]))
            for engine, t, storage, mode, ms, same in measure_peers(base, queries, reference, args.k, threads,
                                                                    args.repetitions):
                table.append((engine, dimension, t, storage, mode, ms, floor, ms / floor, same))
        del base

    blas = [f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}" for i in threadpool_info()
            if i.get("user_api") == "blas"]
    print(f"{args.rows} random unit vectors, k {args.k}; faiss-cpu {faiss.__version__}, numpy {np.__version__} "
          f"(BLAS: {'; '.join(blas)}); ratio = ms per query / float32 read floor of the same run")
    print(f"{'engine':<9}{'d':>5}{'threads':>9}  {'storage':<9}{'mode':<9}{'ms/query':>10}{'floor ms':>10}"
          f"{'ratio':>8}  same")
    for engine, d, t, storage, mode, ms, floor, ratio, same in table:
        same_text = "-" if same is None else ("yes" if same else "NO")
        print(f"{engine:<9}{d:>5}{t:>9}  {storage:<9}{mode:<9}{ms:>10.3f}{floor:>10.3f}{ratio:>8.3f}  {same_text}")
    if temporary:
        temporary.cleanup()


if __name__ == "__main__":
    main()
