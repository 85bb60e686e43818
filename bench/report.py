#!/usr/bin/env python3
"""Markdown tables from bench/run.sh's results folder.

Usage: report.py RESULTS_DIR  (prints to stdout)

Per size: each tool's wall time over the timed runs (mean, min, max), its
CPU time (user + system) and peak memory (maximum resident set size) from
the /usr/bin/time -v run, and the ratios the targets are about: each peer's
time over congthuong's, congthuong's over the floor's, and memory.
"""

import json
import re
import sys
from pathlib import Path

TOOLS = ["congthuong", "polars", "duckdb", "pandas", "floor"]
PEERS = ["polars", "duckdb", "pandas"]
LABEL = {
    "congthuong": "congthuong `iip compile`",
    "polars": "polars",
    "duckdb": "DuckDB",
    "pandas": "pandas",
    "floor": "floor (`sum_quantity`)",
}


def size_key(p):
    m = re.fullmatch(r"(\d+)([KM]?)", p.name)
    return int(m.group(1)) * {"": 1, "K": 10**3, "M": 10**6}[m.group(2)] if m else 0


def time_v(path):
    text = path.read_text() if path.exists() else ""
    def grab(label):
        m = re.search(rf"{re.escape(label)}: (.+)", text)
        return m.group(1).strip() if m else None
    wall = grab("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    seconds = None
    if wall:
        parts = [float(x) for x in wall.split(":")]
        seconds = sum(x * 60 ** i for i, x in enumerate(reversed(parts)))
    rss = grab("Maximum resident set size (kbytes)")
    user, system = grab("User time (seconds)"), grab("System time (seconds)")
    cpu = float(user) + float(system) if user and system else None
    return seconds, cpu, int(rss) if rss else None


def timed(res, tool):
    j = res / f"{tool}.json"
    if j.exists():
        times = json.loads(j.read_text())["results"][0]["times"]
    elif (res / f"{tool}.wall").exists():
        times = [float(x) for x in (res / f"{tool}.wall").read_text().split()]
    else:
        return None
    return times


def fmt_s(x):
    return "–" if x is None else (f"{x:.2f} s" if x < 100 else f"{x:.0f} s")


def fmt_mb(kb):
    return "–" if kb is None else f"{kb / 1024:,.0f} MB"


def main():
    results = Path(sys.argv[1])
    machine = (results / "machine.txt").read_text() if (results / "machine.txt").exists() else ""
    print("```\n" + machine.strip() + "\n```\n")
    for res in sorted((p for p in results.iterdir() if p.is_dir()), key=size_key):
        rows = {}
        for tool in TOOLS:
            status_file = res / f"{tool}.status"
            if not status_file.exists():
                continue
            status = int(status_file.read_text().strip() or 1)
            wall1, cpu, rss = time_v(res / f"{tool}.time")
            times = timed(res, tool) if status == 0 else None
            rows[tool] = dict(status=status, times=times, cpu=cpu, rss=rss, wall1=wall1)
        if not rows:
            continue

        def mean(tool):
            r = rows.get(tool)
            return sum(r["times"]) / len(r["times"]) if r and r["times"] else None

        def best(tool):
            r = rows.get(tool)
            return min(r["times"]) if r and r["times"] else None

        ct = mean("congthuong")
        ok_peers = [p for p in PEERS if mean(p) is not None]
        fastest = min(ok_peers, key=mean) if ok_peers else None
        print(f"### {res.name} rows\n")
        print("| tool | wall time, mean (min–max) | runs | CPU time (user+sys) | peak memory | time ÷ congthuong's |")
        print("| --- | --- | --- | --- | --- | --- |")
        for tool in TOOLS:
            r = rows.get(tool)
            if not r:
                continue
            if r["status"] != 0:
                why = {124: "did not finish in 30 min", 137: "killed (out of memory)"}.get(
                    r["status"], f"failed (status {r['status']})")
                print(f"| {LABEL[tool]} | {why} | – | – | {fmt_mb(r['rss'])} | – |")
                continue
            t = r["times"]
            m = sum(t) / len(t)
            ratio = f"{m / ct:.1f}×" if ct else "–"
            print(f"| {LABEL[tool]} | {fmt_s(m)} ({fmt_s(min(t))}–{fmt_s(max(t))}) | {len(t)} | "
                  f"{fmt_s(r['cpu'])} | {fmt_mb(r['rss'])} | {ratio} |")
        print()
        if ct and fastest:
            peak = rows["congthuong"]["rss"]
            peer_rss = {p: rows[p]["rss"] for p in ok_peers}
            floor = mean("floor")
            print(f"- fastest peer: {LABEL[fastest]}, {mean(fastest) / ct:.1f}× congthuong's mean time "
                  f"(target ≥ 3×: {'met' if mean(fastest) / ct >= 3 else 'NOT met'}); "
                  f"best runs: {best(fastest) / best('congthuong'):.1f}×")
            lowest = min(peer_rss.values())
            print(f"- peak memory: congthuong {fmt_mb(peak)}, lowest peer {fmt_mb(lowest)} "
                  f"(target ≤ every peer: {'met' if peak <= lowest else 'NOT met'})")
            if floor:
                print(f"- floor: congthuong takes {ct / floor:.1f}× the floor's mean time "
                      f"(target ≤ 3×: {'met' if ct / floor <= 3 else 'NOT met'}); "
                      f"best runs: {best('congthuong') / best('floor'):.1f}×")
        cmp_file = res / "compare.txt"
        if cmp_file.exists():
            verdict = cmp_file.read_text().strip().splitlines()[-1]
            print(f"- outputs: {verdict} (bench/compare.py: same rows, numbers within 1e-9)")
        print()


if __name__ == "__main__":
    main()
