#!/usr/bin/env python3
"""Abusive imports against a running workbench: how long each request holds a server thread,
and the server's health meanwhile.

    python bench/abuse.py --url http://127.0.0.1:8765 [--user bench-reviewer --password ...]

Sends, as a signed-in reviewer: a 4.9 MB paste of repeated sentences (the paste that once held
a thread for 15 minutes), the same paste from --parallel clients at once, a 5,000-line JSONL
upload, and a JSONL of 20 poisoned lines (deep nesting, NUL, lone surrogates, raw NUL and
non-UTF-8 bytes, broken JSON) among good ones. For each request: the seconds until the answer
(the time it held a thread), its status, and /health/ sampled every 0.2 s meanwhile (slowest
answer, failures). Then follows the background jobs to their end. Exits non-zero when a
request held a thread longer than --max-held seconds (2) or /health/ failed.
Only loopback addresses are accepted. Standard library only.
"""

import argparse
import http.cookiejar
import json
import re
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

# One paragraph a sentence pair: about 3,400 statements per 100 KB, 165,000 in the whole paste.
SENTENCE = 'The agency said 4,000 homes were flooded in 2021. "We are rebuilding," the mayor said.\n\n'


class Session:
    def __init__(self, base: str, user: str, password: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())
        page = self.opener.open(base + "/accounts/login/", timeout=30).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.post("/accounts/login/", urllib.parse.urlencode(
            {"username": user, "password": password, "csrfmiddlewaretoken": token}).encode(),
            "application/x-www-form-urlencoded")
        if not any(c.name == "sessionid" for c in self.jar):
            sys.exit(f"could not sign in as {user}")

    @property
    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def post(self, path: str, body: bytes, ctype: str) -> tuple[int, str, str]:
        request = urllib.request.Request(self.base + path, body, headers={
            "Content-Type": ctype, "Referer": self.base + "/", "X-CSRFToken": self.csrf_or_empty()})
        try:
            with self.opener.open(request, timeout=1200) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode(errors="replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.headers.get("Location", ""), exc.read().decode(errors="replace")

    def csrf_or_empty(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, path: str, htmx: bool = False) -> str:
        request = urllib.request.Request(self.base + path, headers={"HX-Request": "true"} if htmx else {})
        with self.opener.open(request, timeout=60) as response:
            return response.read().decode(errors="replace")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the Location is what we want to see


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, data) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Health(threading.Thread):
    """/health/ every 0.2 s from its own connection: (time, seconds, status)."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.samples, self.stop = base, [], threading.Event()

    def run(self):
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(self.base + "/health/", timeout=30) as response:
                    status = response.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError:
                status = 0
            self.samples.append((time.monotonic(), time.perf_counter() - started, status))
            self.stop.wait(0.2)

    def between(self, start: float, end: float) -> str:
        inside = [(s, code) for t, s, code in self.samples if start <= t <= end + 0.5]
        if not inside:
            return "health: no sample"
        slow = max(s for s, _ in inside)
        bad = sum(code != 200 for _, code in inside)
        return (f"health: {len(inside)} checks, median {statistics.median(s for s, _ in inside) * 1000:.0f} ms, "
                f"slowest {slow * 1000:.0f} ms, {bad} failed")


def jsonl(n: int, tag: str) -> bytes:
    return "".join(json.dumps({"url": f"https://abuse.example/{tag}/{i}", "title": f"Story {i}",
                               "text": f"The council said {i} roads were closed on Monday. "
                                       f'"We will reopen them by Friday," the mayor said.'}) + "\n"
                   for i in range(n)).encode()


def poisoned(tag: str) -> bytes:
    deep = "[" * 100_000 + "]" * 100_000
    lines = []
    for i in range(20):
        kind = i % 5
        if kind == 0:
            lines.append(deep.encode())
        elif kind == 1:
            lines.append(json.dumps({"url": f"https://abuse.example/{tag}/nul{i}", "title": "NUL",
                                     "text": "The mayor said\u0000 9 bridges were shut."}).encode())
        elif kind == 2:
            lines.append(('{"url": "https://abuse.example/' + f"{tag}/sur{i}" + '", "title": "Lone \\ud800", '
                          '"text": "The mayor said 9 bridges were shut."}').encode())
        elif kind == 3:
            lines.append(b'{"title": "raw NUL \x00 byte", "text": "x"}')
        else:
            lines.append(b'{"title": "not UTF-8 \xff\xfe", "text": "x"}')
        lines.append(json.dumps({"url": f"https://abuse.example/{tag}/good{i}", "title": f"Good {i}",
                                 "text": f"The council said {i + 100} roads were closed."}).encode())
    return b"\n".join(lines) + b"\n"


def send(session: Session, health: Health, label: str, body: bytes, ctype: str, results: list):
    started_clock, started = time.monotonic(), time.perf_counter()
    status, location, _ = session.post("/import/", body, ctype)
    held = time.perf_counter() - started
    results.append({"label": label, "held": held, "status": status, "job": location,
                    "health": health.between(started_clock, time.monotonic())})


def follow(session: Session, job: str, timeout: float) -> str:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        html = session.get(job)  # the whole page: a finished one-article job is not redirected
        progress = html[html.find('<section id="progress"'):]
        if 'hx-trigger="every' not in progress[:400]:
            text = re.sub(r"<[^>]+>", " ", progress[:progress.find("</section>")])
            return f"done after {time.monotonic() - started:.0f} s: " + " ".join(text.split())[:240]
        time.sleep(1)
    return f"still running after {timeout:.0f} s"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", default="http://127.0.0.1:8765")
    parser.add_argument("--user", default="bench-reviewer")
    parser.add_argument("--password", default="bench-password-1")
    parser.add_argument("--parallel", type=int, default=4, help="4.9 MB pastes sent at once")
    parser.add_argument("--max-held", type=float, default=2.0)
    parser.add_argument("--job-timeout", type=float, default=900)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname
    if host not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("only a server on this machine (127.0.0.1) is abused")
    base = args.url.rstrip("/")
    tag = uuid.uuid4().hex[:8]
    session = Session(base, args.user, args.password)
    health = Health(base)
    health.start()
    time.sleep(1)
    results: list[dict] = []

    paste = (SENTENCE * (4_900_000 // len(SENTENCE)))[:4_900_000]
    # Warm every server process first (the first request of a process loads the views), so the
    # figures are those of a server that has been running.
    warm = [threading.Thread(target=session.get, args=("/import/",)) for _ in range(24)]
    for thread in warm:
        thread.start()
    for thread in warm:
        thread.join()
    # The import form is multipart/form-data, as a browser sends it.
    big, ctype = multipart({"tab": "paste", "text": f"Floods {tag}\n\n" + paste, "csrfmiddlewaretoken": session.csrf}, {})
    send(session, health, "paste 4.9 MB", big, ctype, results)

    threads = []
    for n in range(args.parallel):
        other = Session(base, args.user, args.password)
        body, ctype = multipart({"tab": "paste", "text": f"Floods {tag} {n}\n\n" + paste,
                                 "csrfmiddlewaretoken": other.csrf}, {})
        threads.append(threading.Thread(target=send, args=(
            other, health, f"paste 4.9 MB, {n + 1} of {args.parallel} at once", body, ctype, results)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    body, ctype = multipart({"tab": "upload", "csrfmiddlewaretoken": session.csrf},
                            {"file": ("bulk.jsonl", jsonl(5000, tag))})
    send(session, health, "JSONL 5,000 lines", body, ctype, results)
    body, ctype = multipart({"tab": "upload", "csrfmiddlewaretoken": session.csrf},
                            {"file": ("poisoned.jsonl", poisoned(tag))})
    send(session, health, "JSONL 20 poisoned + 20 good lines", body, ctype, results)

    print(f"{'request':<42} {'held':>8}  status  {'':<1}")
    for r in results:
        print(f"{r['label']:<42} {r['held']:>7.2f}s  {r['status']}     {r['health']}")
    worst = max(r["held"] for r in results)
    print(f"longest a request held a thread: {worst:.2f} s (limit {args.max_held:g} s)")

    print("background jobs:")
    started = time.monotonic()
    for r in results:
        if r["job"]:
            print(f"  {r['label']}: {r['job']} {follow(session, r['job'], args.job_timeout)}")
    print(f"  all jobs: {health.between(started, time.monotonic())}")
    health.stop.set()
    failed = sum(code != 200 for _, _, code in health.samples)
    print(f"/health/ overall: {len(health.samples)} checks, slowest "
          f"{max(s for _, s, _ in health.samples) * 1000:.0f} ms, {failed} failed")
    if worst > args.max_held or failed or any(not r["job"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
