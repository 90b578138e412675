#!/usr/bin/env python3
"""Load test: N concurrent signed-in clients for S seconds against a running workbench.

    python bench/loadtest.py --url http://127.0.0.1:8765 --clients 50 --seconds 60

Each client signs in as bench-reviewer and loops: the statements queue (random filters and
pages), an article page, and a statement save (GET the panel for its version, POST a change).
Between two requests a client waits a random 0.5x-1.5x of --think seconds, as a reviewer reads
the page (about 2 s by default; real reviewers take longer). --think 0 is a closed loop with no
pause at all: it measures how many requests per second the server gives before queueing.
Only loopback addresses are accepted. Prints p50/p95/p99 per kind of request and the errors.
Standard library only.
"""

import argparse
import http.cookiejar
import random
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

USER, PASSWORD = "bench-reviewer", "bench-password-1"


def client(base):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": USER, "password": PASSWORD, "csrfmiddlewaretoken": token}).encode()
    opener.open(urllib.request.Request(base + "/accounts/login/", data, headers={"Referer": base + "/"}), timeout=30)
    csrf = next(c.value for c in jar if c.name == "csrftoken")
    return opener, csrf


def run(base, seconds, think, results, errors, lock, seed, max_statement, ready):
    rnd = random.Random(seed)
    opener = None
    try:
        opener, csrf = client(base)
    except Exception as exc:  # noqa: BLE001 - counted and reported
        with lock:
            errors.append(f"login: {exc}")
    # Fifty sign-ins at once are fifty slow password hashes: they happen before the clock starts.
    ready.wait()
    if opener is None:
        return
    stop = time.monotonic() + seconds
    time.sleep(rnd.uniform(0, think))  # the clients do not all start in step
    while time.monotonic() < stop:
        kind = rnd.choices(["queue", "article", "save"], weights=[5, 3, 2])[0]
        started = time.perf_counter()
        try:
            if kind == "queue":
                query = rnd.choice(["", "status=unreviewed", "kind=quote", "q=inflation", "assignee=me", "sort=score"])
                url = f"{base}/statements/?{query}&page={rnd.randint(1, 50)}"
                opener.open(url, timeout=30).read()
            elif kind == "article":
                opener.open(f"{base}/articles/{rnd.randint(1, max(1, max_statement // 50))}/", timeout=30).read()
            else:
                pk = rnd.randint(1, max_statement)
                panel = opener.open(urllib.request.Request(f"{base}/statements/{pk}/", headers={"HX-Request": "true"}),
                                    timeout=30).read().decode()
                # The correction form's own version field: each panel part carries its own.
                version = re.search(r'id="edit-form".*?name="version" value="(\d+)"', panel, re.S).group(1)
                start = re.search(r'data-start="(\d+)"', panel).group(1)
                end = re.search(r'data-end="(\d+)"', panel).group(1)
                kind_of = "quote" if "badge quote" in panel else "claim"
                data = urllib.parse.urlencode({"version": version, "kind": kind_of, "quote_type": "direct" if kind_of == "quote" else "",
                                               "status": "in_progress", "cue": f"load {rnd.randint(0, 999)}",
                                               "start": start, "end": end}).encode()
                request = urllib.request.Request(f"{base}/statements/{pk}/edit", data, headers={
                    "HX-Request": "true", "X-CSRFToken": csrf, "Referer": base + "/"})
                try:
                    opener.open(request, timeout=30).read()
                except urllib.error.HTTPError as exc:
                    if exc.code != 409:  # a conflict is the locking doing its job
                        raise
        except Exception as exc:  # noqa: BLE001 - counted and reported
            with lock:
                errors.append(f"{kind}: {exc}")
            continue
        with lock:
            results.setdefault(kind, []).append((time.perf_counter() - started) * 1000)
        time.sleep(rnd.uniform(0.5 * think, 1.5 * think))


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=2.0, help="mean pause between a client's requests (s)")
    parser.add_argument("--statements", type=int, default=100_000, help="how many the database holds")
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("load tests only run against this machine (127.0.0.1)")
    if not 1 <= args.clients <= 200 or not 0 < args.seconds <= 600 or not 0 <= args.think <= 60:
        sys.exit("1-200 clients for at most 600 seconds, pausing at most 60 s")
    results, errors, lock = {}, [], threading.Lock()
    ready = threading.Barrier(args.clients + 1)
    threads = [threading.Thread(target=run, args=(args.url, args.seconds, args.think, results, errors, lock, i,
                                                  args.statements, ready))
               for i in range(args.clients)]
    for t in threads:
        t.start()
    ready.wait()
    started = time.perf_counter()
    for t in threads:
        t.join(args.seconds + 120)
    elapsed = time.perf_counter() - started
    total = sum(len(v) for v in results.values())
    print(f"{args.clients} clients pausing {args.think:g} s on average, {elapsed:.0f} s: {total} requests "
          f"({total / elapsed:.0f}/s), {len(errors)} errors")
    for kind, values in sorted(results.items()):
        print(f"  {kind:8s} n={len(values):6d}  p50 {statistics.median(values):7.1f} ms  p95 {pct(values, .95):7.1f} ms  "
              f"p99 {pct(values, .99):7.1f} ms")
    for line in errors[:10]:
        print("  error:", line)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
