"""A bounded load test of a running ``dyads serve`` on this machine (loopback only).

    python tests/web/loadtest.py http://127.0.0.1:8000 --clients 20 --rounds 3

Each of ``--clients`` threads requests every URL of :data:`URLS` ``--rounds`` times, in its
own shuffled order, one request at a time. Prints a Markdown table: per URL the number of
requests, p50, p95 and max latency in ms, and the answers that were not 2xx (by status).
Not a pytest test (its timings depend on the machine); docs/web.md records its results.
"""

from __future__ import annotations

import argparse
import random
import statistics
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import httpx

URLS = [
    "/", "/dyad/USA/UKR", "/dyad/USA/UKR?since=2022-01-01&until=2022-12-31",
    "/events", "/events?text=war", "/actors/USA", "/commitments",
    "/api/events?limit=100", "/api/timeline?a=USA&b=UKR&by=month", "/api/dyads",
    "/api/events?text=" + "+".join(["the"] * 20),
]


def run(base: str, clients: int, rounds: int) -> tuple[dict[str, list[float]], Counter[str],
                                                       float]:
    latencies: dict[str, list[float]] = defaultdict(list)
    failures: Counter[str] = Counter()
    lock = threading.Lock()

    def client(seed: int) -> None:
        order = [u for _ in range(rounds) for u in URLS]
        random.Random(seed).shuffle(order)
        with httpx.Client(base_url=base, timeout=120) as http:
            for url in order:
                start = time.perf_counter()
                try:
                    status = http.get(url).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__  # type: ignore[assignment]
                took = (time.perf_counter() - start) * 1000
                with lock:
                    latencies[url].append(took)
                    if not (isinstance(status, int) and 200 <= status < 300):
                        failures[f"{url} {status}"] += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, failures, time.perf_counter() - began


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if urlsplit(args.base).hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("loopback only: the base URL must be http://127.0.0.1:PORT")
    latencies, failures, wall = run(args.base, args.clients, min(args.rounds, 20))
    total = sum(len(v) for v in latencies.values())
    print(f"{args.clients} clients, {total} requests in {wall:.1f} s "
          f"({total / wall:.1f}/s); not 2xx: {sum(failures.values())}")
    print("\n| URL | n | p50 ms | p95 ms | max ms |\n| --- | ---: | ---: | ---: | ---: |")
    for url in URLS:
        v = latencies[url]
        print(f"| `{url[:60]}` | {len(v)} | {statistics.median(v):.0f} | {pct(v, 0.95):.0f} "
              f"| {max(v):.0f} |")
    for what, n in sorted(failures.items()):
        print(f"- {what}: {n}")


if __name__ == "__main__":
    main()
