#!/usr/bin/env python3
"""Attacks `precedent serve` as issue 14 did and reports what it cost.

    python3 scripts/server_attack.py BINARY INDEX [SCENARIO...]

Each scenario starts its own server on the index (release binary; build an
index of the shared corpus first with
`target/release/precedent index ../shared/corpus --index /tmp/srv-idx`),
samples the server's resident memory every 10 ms, and prints one line:
status codes, times, peak RSS. A server past --cap-mb (default 4000) is
killed, so a run cannot take the machine down; the line then says so.

Scenarios (all by default):
  sloppy    one 2 KB sloppy phrase, "the of and ... court"~1000, and
            what it leaves running in the 20 s after its answer
  four      four 349-byte sloppy phrases at once, and the 20 s after
  worst32   32 of the costliest searches the limits accept, at once
  stalled   32 clients start an export and never read it; then status,
            the home page and a search are timed, and a fresh export
  exports8  8 propositions exports at once, each read to the end, and
            the 30 s after
  status    --max-concurrency 2 --timeout-secs 2: 8 costly searches sent
            and abandoned, then /api/status timed
  timeout   --timeout-secs 1: the 4 costliest accepted searches at once
            (on 2 cores each needs more than its second); their answers
            and the CPU the server spends in the 3 s after them
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse

CAP_MB = 4000
WORDS = ["the", "of", "and", "to", "a", "in", "that", "is", "for", "on"]


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return 0


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Server:
    def __init__(self, binary, index, extra=()):
        self.proc = subprocess.Popen(
            [binary, "serve", "--index", index, "--addr", "127.0.0.1:0", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        for line in self.proc.stdout:
            if "http://" in line:
                self.addr = line.split("http://")[1].split("/")[0]
                break
        else:
            raise SystemExit("the server did not start")
        threading.Thread(target=lambda: [None for _ in self.proc.stdout], daemon=True).start()
        self.peak = rss_mb(self.proc.pid)
        self.start_rss = self.peak
        self.killed = False
        self.done = False
        threading.Thread(target=self.watch, daemon=True).start()

    def watch(self):
        while not self.done and self.proc.poll() is None:
            r = rss_mb(self.proc.pid)
            self.peak = max(self.peak, r)
            if r > CAP_MB:
                self.killed = True
                self.proc.kill()
                return
            time.sleep(0.01)

    def stop(self):
        self.done = True
        self.proc.kill()
        self.proc.wait()

    def memory(self):
        killed = f", KILLED past {CAP_MB} MB" if self.killed else ""
        return f"RSS {self.start_rss} -> peak {self.peak} MB{killed}"


def linger(server, seconds=20):
    """Watches what an answered request left running, for `seconds` or
    until the server is killed."""
    end = time.time() + seconds
    while time.time() < end and server.proc.poll() is None:
        time.sleep(0.1)


def request(addr, target, timeout=60, read=True):
    """Sends a GET; returns (status, seconds, body bytes) or (error, seconds, 0)."""
    host, port = addr.split(":")
    started = time.time()
    try:
        s = socket.create_connection((host, int(port)), timeout=timeout)
        s.sendall(f"GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n".encode())
        if not read:
            return s
        data = b""
        while True:
            chunk = s.recv(1 << 16)
            if not chunk:
                break
            data += chunk
        s.close()
        status = int(data.split(b" ", 2)[1]) if data else "closed"
        return status, time.time() - started, len(data)
    except OSError as e:
        return type(e).__name__, time.time() - started, 0


def search(q):
    return "/api/search?q=" + urllib.parse.quote(q, safe="")


def sloppy(n_bytes):
    words, q = [], ""
    while True:
        words.append(WORDS[len(words) % len(WORDS)])
        candidate = '"' + " ".join(words) + ' court"~1000'
        if len(candidate) > n_bytes:
            return q
        q = candidate


def widest(phrase):
    q = phrase
    while len(q) + 4 + len(phrase) <= 4096:
        q += " OR " + phrase
    return q


def costly():
    """The costliest searches the limits accept on the shared corpus: phrases
    of the commonest words, each just under the work limit (44 terms of a
    word in 11,163 orders is 491,172 lists of positions), nested 32 deep,
    and a phrase prefix."""
    the = " ".join(["the"] * 44)
    alternating = " ".join(WORDS[i % 3] for i in range(44))
    return [
        f'"{the}"~100',
        f'"{alternating}"~100 OR court OR the',
        "(" * 32 + f'"{alternating}"~100' + ")" * 32,
        '"' + " ".join(["the"] * 43) + ' th"*',
    ]


def at_once(addr, targets, timeout=60):
    results = [None] * len(targets)

    def go(i, t):
        results[i] = request(addr, t, timeout)

    threads = [threading.Thread(target=go, args=(i, t)) for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def summary(results):
    codes = {}
    for status, _, _ in results:
        codes[status] = codes.get(status, 0) + 1
    slowest = max(r[1] for r in results)
    return f"statuses {codes}, slowest {slowest:.2f} s"


def run(binary, index, name):
    extra = {"status": ["--max-concurrency", "2", "--timeout-secs", "2"],
             "timeout": ["--timeout-secs", "1"],
             "stalled": ["--timeout-secs", "10"]}.get(name, [])
    server = Server(binary, index, extra)
    a = server.addr
    try:
        if name == "sloppy":
            q = sloppy(2048)
            r = request(a, search(q), timeout=120)
            linger(server)
            line = f"{len(q)}-byte sloppy phrase: {r[0]} in {r[1]:.2f} s"
        elif name == "four":
            q = sloppy(349)
            line = f"4 x {len(q)}-byte sloppy phrases: " + summary(at_once(a, [search(q)] * 4, 120))
            linger(server)
        elif name == "worst32":
            qs = costly()
            line = "32 costliest accepted searches: " + summary(at_once(a, [search(qs[i % len(qs)]) for i in range(32)]))
        elif name == "stalled":
            held = [request(a, "/api/export/citations?format=json", read=False) for _ in range(32)]
            time.sleep(1.5)
            timed = [(t, request(a, t, 30)) for t in ["/api/status", "/", search("prejudice")]]
            waits = ", ".join(f"{t.split('?')[0]} {r[0]} in {r[1]:.2f} s" for t, r in timed)
            time.sleep(15)
            fresh = request(a, "/api/export/citations?format=csv", 90)
            for s in held:
                s.close()
            line = f"32 stalled exports: {waits}; a fresh export after 15 s: {fresh[0]}, {fresh[2] // 1_000_000} MB in {fresh[1]:.1f} s"
        elif name == "exports8":
            results = at_once(a, ["/api/export/propositions?format=csv"] * 8, 600)
            line = "8 propositions exports at once: " + summary(results)
            linger(server, 30)
        elif name == "status":
            qs = costly()
            for i in range(8):
                request(a, search(qs[i % len(qs)]), read=False).close()
            time.sleep(0.2)
            r = request(a, "/api/status", 30)
            line = f"/api/status behind 8 abandoned costly searches (2 turns, 2 s): {r[0]} in {r[1]:.2f} s"
        elif name == "timeout":
            results = at_once(a, [search(q) for q in costly()])
            cpu = cpu_seconds(server.proc.pid)
            time.sleep(3)
            after = cpu_seconds(server.proc.pid) - cpu
            line = f"4 costly searches at once, 1 s each: {summary(results)}; server CPU in the 3 s after: {after:.2f} s"
        else:
            raise SystemExit(f"unknown scenario {name}")
        return f"{name}: {line}; {server.memory()}"
    finally:
        server.stop()


def main():
    global CAP_MB
    args = sys.argv[1:]
    if "--cap-mb" in args:
        i = args.index("--cap-mb")
        CAP_MB = int(args[i + 1])
        del args[i : i + 2]
    if len(args) < 2:
        raise SystemExit(__doc__)
    binary, index, names = args[0], args[1], args[2:]
    for name in names or ["sloppy", "four", "worst32", "stalled", "exports8", "status", "timeout"]:
        print(run(binary, index, name), flush=True)


if __name__ == "__main__":
    main()
