#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarize a benchmark run (tools/bench/run.sh).

usage: report.py OUTDIR GUEST_LOG...

Reads the "@@FO@@ {json}" (failover.sh) and "@@TP@@ {json}" (throughput.sh)
lines of the GUEST_LOGs (several: results of separate runs together) and
writes OUTDIR/results.json (every trial),
OUTDIR/failover.png (received datagrams per ms around the fault, mean over
the trials, ibfo next to bonding; with gnuplot) and prints Markdown tables
and a closing headline on stdout.  Exit status 1 if the log holds no
result at all (the tooling broke), else 0: numbers are reported, never
judged.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys

NAMES = {
    "ibfo": "ibfo active-backup",
    "bond100": "bonding active-backup miimon=100",
    "bond10": "bonding active-backup miimon=10",
    "team": "team activebackup (teamd)",
    "raw": "raw IPoIB (no failover)",
}
DIRS = {"tx": "A sends (sender's port dies)",
        "rx": "A receives (receiver's port dies)"}


def lines(logs):
    for log in logs:
        with open(log, errors="replace") as f:
            for line in f:
                yield line.rstrip("\r\n")


def parse(logs):
    """The result lines; throughput ones tagged with their boot (a "meta"
    line starts each throughput.sh run), so ratios stay within a boot."""
    fo, tp = [], []
    boot = 0
    for line in lines(logs):
        for tag, dst in (("@@FO@@ ", fo), ("@@TP@@ ", tp)):
            if not line.startswith(tag):
                continue
            try:
                t = json.loads(line[len(tag):])
            except ValueError as e:
                print(f"report: bad line ({e}): {line[:120]}",
                      file=sys.stderr)
                continue
            if dst is tp:
                if t.get("meta"):
                    boot += 1
                t["boot"] = boot
            dst.append(t)
    return fo, tp


def stat(vals, fmt="{:.1f}"):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "-"
    return (fmt.format(statistics.median(vals)) + " (" + fmt.format(min(vals))
            + "–" + fmt.format(max(vals)) + ")")


def outage(t):
    """The outage of a trial that recovered, else None."""
    o = (t.get("recv") or {}).get("outage")
    return o if o and o.get("recovered", True) and "ms" in o else None


def stalled(t):
    """The sender gave its schedule up after a stall of > 10 ms."""
    return bool((t.get("send") or {}).get("resyncs"))


def failover_table(fo):
    systems = []
    for t in fo:
        if "system" in t and t["system"] not in systems:
            systems.append(t["system"])
    rows = []
    summary = {}
    print("| system | direction | trials | outage ms, median (min–max) "
          "| lost, median (min–max) | no recovery | later losses "
          "| sender stalls | fault-free gap ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for s in systems:
        un = [t for t in fo if t.get("system") == s and "unavailable" in t]
        ran = [t for t in fo if t.get("system") == s and "dir" in t]
        if un and not ran:
            print(f"| {NAMES.get(s, s)} | - | 0 | not available: "
                  f"{un[0]['unavailable']} | | | | | |")
            continue
        for d in ("tx", "rx"):
            tr = [t for t in fo if t.get("system") == s and t.get("dir") == d
                  and not t.get("baseline")]
            base = [t for t in fo if t.get("system") == s
                    and t.get("dir") == d and t.get("baseline")]
            if not tr and not base:
                continue
            got = [o for o in map(outage, tr) if o]
            ok = [o for o in got if o["lost_run"]]
            none = len(tr) - len(got)
            later = sum(1 for o in got if o["later_lost"])
            bgap = [outage(t)["ms"] for t in base if outage(t)]
            ms = [o["ms"] for o in got]
            lost = [o["lost"] for o in got]
            stalls = sum(1 for t in tr if stalled(t))
            print(f"| {NAMES.get(s, s)} | {DIRS[d]} | {len(tr)} "
                  f"| {stat(ms)} | {stat(lost, '{:.0f}')} | {none} "
                  f"| {later} | {stalls} | {stat(bgap)} |")
            summary[(s, d)] = {
                "outage_ms": statistics.median(ms) if ms else None,
                "lost": statistics.median(lost) if lost else None,
                "trials": len(tr), "lost_runs": len(ok)}
            rows.append((s, d))
        if un:
            print(f"| {NAMES.get(s, s)} | - | - | then: "
                  f"{un[0]['unavailable']} | | | | | |")
    return summary


def tp_table(tp):
    res = {}
    rows = []
    for t in tp:
        if "system" not in t:
            continue
        if (t["boot"], t["system"]) not in rows:
            rows.append((t["boot"], t["system"]))
        if "test" in t:
            res.setdefault((t["boot"], t["system"], t["test"]), []).append(t)
    # The median over the rounds of each (boot, system, test).
    for k, v in res.items():
        ok = [t for t in v if t["ok"]] or v
        cpu = [t["cpu_us_per_pkt"] for t in ok
               if t["cpu_us_per_pkt"] is not None]
        res[k] = dict(ok[0], value=statistics.median(t["value"] for t in ok),
                      ok=bool([t for t in v if t["ok"]]), reps=len(ok),
                      cpu_us_per_pkt=round(statistics.median(cpu), 1)
                      if cpu else None)
    tests = [("tcp1", "TCP 1 stream"), ("tcp4", "TCP 4 streams"),
             ("udp64", "UDP 64 B")]
    print("| boot | system | " + " | ".join(
        f"{n} | ratio | CPU µs/pkt" for _, n in tests) + " |")
    print("|---:|---|" + "---:|---:|---:|" * len(tests))
    ratios = {}
    for boot, s in rows:
        un = [t for t in tp if t.get("system") == s and t["boot"] == boot
              and "unavailable" in t]
        if un:
            print(f"| {boot} | {NAMES.get(s, s)} | not available: "
                  f"{un[0]['unavailable']} |" + " |" * (3 * len(tests) - 1))
            continue
        cells = []
        for key, _ in tests:
            t = res.get((boot, s, key))
            raw = res.get((boot, "raw", key))
            if not t:
                cells += ["-", "-", "-"]
                continue
            r = (t["value"] / raw["value"]
                 if raw and raw["value"] and t["ok"] else None)
            ratios[(s, key)] = r
            cells += [f"{t['value']:g} {t['unit']}",
                      f"{r:.2f}" if r is not None else "-",
                      f"{t['cpu_us_per_pkt']}"
                      if t["cpu_us_per_pkt"] is not None else "-"]
        print(f"| {boot} | {NAMES.get(s, s)} | " + " | ".join(cells) + " |")
    return ratios


def plot(fo, outdir, binms=5):
    """Received datagrams per ms around the fault, mean over the trials
    and over BINMS-ms bins (single trials at 1 ms are TCG noise), one
    panel per system."""
    curves = {}
    for t in fo:
        o = t.get("recv") or {}
        if t.get("baseline") or "hist" not in o:
            continue
        curves.setdefault(t["system"], []).append(o)
    if not curves:
        return None
    dat = os.path.join(outdir, "failover-hist.dat")
    order = [s for s in ("ibfo", "bond100", "bond10", "team") if s in curves]
    with open(dat, "w") as f:
        for s in order:
            hs = curves[s]
            start = hs[0]["hist_start_ms"]
            n = min(len(h["hist"]) for h in hs) // binms * binms
            f.write(f"# {s}: ms, received per ms (mean of {len(hs)} "
                    f"trials, {binms} ms bins)\n")
            for i in range(0, n, binms):
                c = sum(sum(h["hist"][i:i + binms]) for h in hs)
                f.write(f"{start + i} {c / len(hs) / binms:.4f}\n")
            f.write("\n\n")
    gp = shutil.which("gnuplot")
    if not gp:
        print("report: gnuplot not installed, no plot "
              f"(data in {dat})", file=sys.stderr)
        return None
    png = os.path.join(outdir, "failover.png")
    panels = "".join(
        f"set title '{NAMES.get(s, s)}: {len(curves[s])} trials'\n"
        + ("set xlabel 'ms after the active port went down'\n"
           if i == len(order) - 1 else "unset xlabel\n")
        + f"plot '{dat}' index {i} with fillsteps fs solid 0.4 "
        f"lc rgb '{('#1f77b4', '#d62728', '#ff7f0e', '#2ca02c')[i % 4]}' "
        "notitle, 1 with lines dt 3 lc rgb 'gray' notitle\n"
        for i, s in enumerate(order))
    script = f"""
set terminal pngcairo size 1000,{220 * len(order) + 60}
set output '{png}'
set multiplot layout {len(order)},1 title 'Datagrams received per ms around the port failure (1 datagram/ms sent; mean over trials, {binms} ms bins)'
set ylabel 'received/ms'
set yrange [0:1.6]
set arrow from 0, graph 0 to 0, graph 1 nohead dt 2
{panels}unset multiplot
"""
    r = subprocess.run([gp], input=script, text=True, capture_output=True)
    if r.returncode:
        print("report: gnuplot failed: " + r.stderr, file=sys.stderr)
        return None
    return png


def main():
    outdir, logs = sys.argv[1], sys.argv[2:]
    fo, tp = parse(logs)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump({"failover": fo, "throughput": tp}, f, indent=1)
    if not fo and not tp:
        print("report: no benchmark output in " + " ".join(logs),
              file=sys.stderr)
        return 1
    meta = next((t for t in fo if t.get("meta")), {})
    print(f"## Failover over IPoIB (softib, {meta.get('kernel', '?')}, "
          f"{meta.get('cpus', '?')} vCPUs TCG; {meta.get('rate', '?')} "
          "datagrams/s)")
    print()
    print("Outage: last datagram received before the lost run at the fault "
          "to the first after it (arrival times). No recovery: the stream "
          "never resumed within the run. Later losses: trials with another "
          "loss run in the second after resuming. Fault-free gap: the same "
          "measure with no fault (TCG jitter). Sender stalls: trials in "
          "which the sender was held up > 10 ms (host contention; TCG).")
    print()
    fs = failover_table(fo)
    print()
    ratios = {}
    if tp:
        print("## Throughput, host A to host B (iperf3; median over the "
              "rounds; ratio to raw IPoIB in the same boot; CPU: guest busy "
              "time per packet on the fabric, both hosts)")
        print()
        ratios = tp_table(tp)
        print()
    png = plot(fo, outdir)
    print(f"results: {os.path.join(outdir, 'results.json')}"
          + (f", plot: {png}" if png else ""))

    def med(s):
        v = [fs[(s, d)]["outage_ms"] for d in ("tx", "rx")
             if (s, d) in fs and fs[(s, d)]["outage_ms"] is not None]
        return statistics.median(v) if v else None

    parts = []
    ib = med("ibfo")
    for s, n in (("bond100", "bonding(miimon=100)"),
                 ("bond10", "bonding(miimon=10)")):
        b = med(s)
        if b is None:
            continue
        if ib:
            parts.append(f"failover gap: {n}/ibfo = {b / ib:.1f}x")
        else:
            parts.append(f"failover gap: {n} = {b:.0f} ms, ibfo: not available")
    for s, n in (("ibfo", "ibfo"), ("bond100", "bonding")):
        r = ratios.get((s, "tcp1"))
        if r is not None:
            parts.append(f"tx: {n}/raw = {r:.2f}")
        elif any(t.get("system") == s and "unavailable" in t for t in tp):
            parts.append(f"tx: {n}: not available")
    print("; ".join(parts) if parts else "no headline: no results")
    return 0


if __name__ == "__main__":
    sys.exit(main())
