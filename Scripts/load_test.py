#!/usr/bin/env python3
"""A bounded load test of `glimpse serve` on this machine.

Usage: load_test.py [--url http://127.0.0.1:8420] [--clients 50] [--requests 10000]
                    [--time-limit 300]

CLIENTS connections (HTTP/1.1 keep-alive) send REQUESTS requests in all, then stop:
query pages for the origin's example queries in turn (each runs its query: a grid of
24 images), with every 10th request one for the JSON rows. Only loopback addresses
are accepted. Prints requests/s, latency percentiles and errors (a status other than
200, a broken connection or a time-out) as text and as one JSON line. Exits 1 when
any request failed.
"""
import argparse, asyncio, json, sys, time, urllib.parse

QUERIES = ["beach + sunrise", "bike - park", "people + park", "car - yellow", "cold - snow", "travel + paint",
           "fish + food", "train - car", "music", "flag", "beach - sunrise", "car + yellow", "words 8 king - man + woman",
           "let x = bike - park; top 12 x", "IMG_12", "IMG_1 + park", "IMG_3 - dog", "IMG_1 + IMG_10"]


def targets():
    for i, query in enumerate(QUERIES):
        route = "/api/query" if i % 10 == 9 else "/"
        yield route + "?q=" + urllib.parse.quote_plus(query)


async def read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers.get("connection", "").lower() != "close"


async def client(host, port, paths, counter, total, latencies, errors, deadline):
    reader = writer = None
    while True:
        index = counter[0]
        if index >= total or time.monotonic() > deadline:
            break
        counter[0] += 1
        path = paths[index % len(paths)]
        start = time.perf_counter()
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(host, port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            await writer.drain()
            status, keep = await asyncio.wait_for(read_response(reader), timeout=30)
            latencies.append(time.perf_counter() - start)
            if status != 200:
                errors.append(f"{status} {path}")
            if not keep:
                writer.close()
                writer = None
        except Exception as error:  # a broken connection or a time-out counts as an error, and reconnects
            errors.append(f"{type(error).__name__} {path}")
            if writer is not None:
                writer.close()
            writer = None
    if writer is not None:
        writer.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8420")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--time-limit", type=float, default=300, help="seconds; the run stops then whatever it sent")
    options = parser.parse_args()
    url = urllib.parse.urlsplit(options.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1") and not (url.hostname or "").startswith("127."):
        sys.exit("load_test.py: only a server on this machine (loopback) may be load-tested, not %s" % url.hostname)
    if not (1 <= options.clients <= 1000 and 1 <= options.requests <= 1_000_000):
        sys.exit("load_test.py: 1-1000 clients and 1-1,000,000 requests")
    paths = list(targets())
    counter, latencies, errors = [0], [], []
    deadline = time.monotonic() + options.time_limit
    start = time.perf_counter()
    await asyncio.gather(*(client(url.hostname, url.port or 80, paths, counter, options.requests, latencies, errors, deadline)
                           for _ in range(options.clients)))
    elapsed = time.perf_counter() - start
    latencies.sort()
    result = {
        "clients": options.clients, "requests": counter[0], "seconds": round(elapsed, 2),
        "requests_per_second": round(counter[0] / elapsed, 1),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1), "p90_ms": round(percentile(latencies, 90) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1), "max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "errors": len(errors), "first_errors": errors[:5],
    }
    print(f"{result['requests']} requests from {result['clients']} clients in {result['seconds']} s: "
          f"{result['requests_per_second']} requests/s; latency p50 {result['p50_ms']} ms, p90 {result['p90_ms']} ms, "
          f"p99 {result['p99_ms']} ms, max {result['max_ms']} ms; {result['errors']} errors")
    print(json.dumps(result))
    return 1 if errors or counter[0] < options.requests else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
