#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Summarize a benchmark run (tools/bench/run.sh).

usage: report.py [--check SYSTEMS] OUTDIR GUEST_LOG...

Reads the "@@FO@@ {json}" (failover.sh), "@@TP@@ {json}" (throughput.sh)
and "@@MP@@ {json}" (multipath.sh) lines of the GUEST_LOGs (several: results of separate runs together) and
writes OUTDIR/results.json (every trial, and the breakdown of each
failover into milestones), OUTDIR/failover.png (received datagrams per ms
around the fault, mean over the trials, ibfo next to bonding; with
gnuplot) and OUTDIR/headline.txt, and prints Markdown tables and a closing
headline on stdout.  Exit status 1 if the log holds no result at all (the
tooling broke), else 0: numbers are reported, never judged.

--check SYSTEMS (make check's bench step): also exit 1 when a result that
every working run yields is missing or broken: a result line that is not
JSON, a failover SYSTEM without trials, a
trial without the receiver's or the sender's summary, an ibfo failover
whose switch is not in the trace, a throughput measurement of raw, ibfo
or bonding that failed, a crashed guest.  Still nothing about numbers.
"""
import json
import os
import shutil
import statistics
import subprocess
import sys

NAMES = {
    "ibfo": "ibfo active-backup",
    "ibfo_cm": "ibfo active-backup, connected mode",
    "ibfo_mp": "ibfo multipath",
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
    """The result lines, and how many were not JSON; throughput ones
    tagged with their boot (a "meta" line starts each throughput.sh run),
    so ratios stay within a boot."""
    fo, tp, mp = [], [], []
    boot = 0
    nbad = 0
    for line in lines(logs):
        for tag, dst in (("@@FO@@ ", fo), ("@@TP@@ ", tp), ("@@MP@@ ", mp)):
            if not line.startswith(tag):
                continue
            try:
                t = json.loads(line[len(tag):])
            except ValueError as e:
                print(f"report: bad line ({e}): {line[:120]}",
                      file=sys.stderr)
                nbad += 1
                continue
            if dst is tp:
                if t.get("meta"):
                    boot += 1
                t["boot"] = boot
            dst.append(t)
    return fo, tp, mp, nbad


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


# Where the time goes: milestones of a failover trial, in ms after the
# write that took the port down (fo_probe fault), in the order the issue
# names them.  (key, label, source): "stages" from the guest's trace
# (lib.sh fo_trace_stages), "recv" from the receiver's outage.
MILESTONES = [
    ("event", "ibfo sees the port fail (ibfo_slave_state)", "stages"),
    ("switch", "active slave pointer switched (ibfo_failover)", "stages"),
    ("frame", "first frame sent on the new port, any kind (net_dev_xmit)",
     "stages"),
    ("data", "first datagram sent on the new port (net_dev_xmit)", "stages"),
    ("recv", "first datagram received after the outage (receiver's "
     "timestamp)", "recv"),
    ("neigh", "peer B's ARP entry for A names the new port "
     "(neigh_update_done)", "stages"),
]


def milestones(t):
    """{key: ms after the fault or None} of one trial."""
    st = t.get("stages") or {}
    o = outage(t)
    m = {k: st.get(k + "_ms") for k, _, src in MILESTONES if src == "stages"}
    m["recv"] = o["after_ms"] if o else None
    return m


def not_measured(key, d, trials):
    """Why milestone KEY is in none of TRIALS (direction D)."""
    errs = {(t.get("stages") or {}).get("error") for t in trials} - {None}
    if not trials:
        return "no trials"
    if all("stages" not in t for t in trials):
        return "the guest script recorded no trace"
    if key == "data" and d == "rx":
        return "A sends no datagrams in this direction (see the next row)"
    if key == "recv":
        return "the stream did not resume within the run"
    if key in ("event", "switch") and \
            not trials[0]["system"].startswith("ibfo"):
        return "no tracepoint in this driver"
    if errs:
        return "trace incomplete: " + "; ".join(sorted(errs))
    return "not in the trace within the run"


def breakdown(fo):
    """Per system and direction, per milestone: the median (min, max)
    over the trials that have it, and the median of its distance from the
    milestone above it that the same trial has (the first: from the
    fault)."""
    out = {}
    for t in fo:
        if "dir" not in t or t.get("baseline") or "stages" not in t:
            continue
        out.setdefault(t["system"], {}).setdefault(t["dir"], []).append(t)
    res = {}
    for s, dirs in out.items():
        for d, trials in dirs.items():
            ms = [milestones(t) for t in trials]
            row = {}
            for i, (k, label, _) in enumerate(MILESTONES):
                v = [m[k] for m in ms if m[k] is not None]
                steps = []
                for m in ms:
                    if m[k] is None:
                        continue
                    prev = [m[p] for p, _, _ in MILESTONES[:i]
                            if m[p] is not None]
                    steps.append(m[k] - (prev[-1] if prev else 0.0))
                if v:
                    row[k] = {"label": label, "n": len(v),
                              "median_ms": round(statistics.median(v), 3),
                              "min_ms": min(v), "max_ms": max(v),
                              "step_median_ms":
                              round(statistics.median(steps), 3)
                              if steps else None}
                else:
                    row[k] = {"label": label, "n": 0,
                              "not_measured": not_measured(k, d, trials)}
            o = [outage(t)["ms"] for t in trials if outage(t)]
            row["trials"] = len(trials)
            row["outage_median_ms"] = (round(statistics.median(o), 3)
                                       if o else None)
            res.setdefault(s, {})[d] = row
    return res


def breakdown_table(bd, system="ibfo"):
    if system not in bd:
        print(f"Not measured: no {NAMES.get(system, system)} trial "
              "recorded a trace.")
        return
    dirs = [d for d in ("tx", "rx") if d in bd[system]]
    print("| milestone | " + " | ".join(
        f"{DIRS[d]}: ms after port down, median (min–max) | step"
        for d in dirs) + " |")
    print("|---|" + "---:|---:|" * len(dirs))
    for k, label, _ in MILESTONES:
        cells = []
        for d in dirs:
            r = bd[system][d][k]
            if r["n"]:
                n = bd[system][d]["trials"]
                cells += [f"{r['median_ms']:.1f} ({r['min_ms']:.1f}–"
                          f"{r['max_ms']:.1f})"
                          + (f", {r['n']} of {n} trials" if r["n"] < n
                             else ""),
                          f"{r['step_median_ms']:+.1f}"
                          if r["step_median_ms"] is not None else "-"]
            else:
                cells += ["not measured: " + r["not_measured"], "-"]
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("| (outage at the receiver, for reference) | " + " | ".join(
        f"{bd[system][d]['outage_median_ms']:.1f} | "
        if bd[system][d]["outage_median_ms"] is not None else "- | "
        for d in dirs) + " |")


def check(fo, tp, nbad, systems):
    """make check's conditions (see the top): the problems found."""
    bad = []
    for t in fo:
        if t.get("crashed"):
            bad.append(f"{t['system']}: {t['unavailable']}")
    for s in systems:
        tr = [t for t in fo if t.get("system") == s and "dir" in t
              and not t.get("baseline")]
        un = [t for t in fo if t.get("system") == s and "unavailable" in t]
        if not tr:
            bad.append(f"{s}: no failover trial"
                       + (f" ({un[0]['unavailable']})" if un else ""))
        for t in fo:
            if t.get("system") != s or "dir" not in t:
                continue
            what = f"{s} {t['dir']} {t['trial']}"
            for role in ("send", "recv"):
                if not isinstance(t.get(role), dict):
                    bad.append(f"{what}: no {role} summary from fo_probe")
            if t.get("baseline"):
                continue
            st = t.get("stages")
            if not isinstance(st, dict):
                bad.append(f"{what}: no stages from the trace")
            elif s.startswith("ibfo") and t.get("to") and \
                    t["to"] != t["from"] and (
                    st.get("error") or st.get("switch_ms") is None):
                bad.append(f"{what}: ibfo switched {t['from']} -> "
                           f"{t['to']} but the trace has no ibfo_failover"
                           + (f" ({st['error']})" if st.get("error") else ""))
    for s in ("raw", "ibfo", "bond100"):
        for k in ("tcp1", "tcp4", "udp64"):
            r = [t for t in tp if t.get("system") == s and t.get("test") == k]
            if not r:
                bad.append(f"throughput {s} {k}: not measured")
            elif not any(t["ok"] for t in r):
                bad.append(f"throughput {s} {k}: iperf3 failed")
    bad += [f"throughput: {t['error']}" for t in tp if "error" in t]
    if nbad:
        bad.append(f"{nbad} result lines are not JSON")
    return bad


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


def mp_tables(mp):
    """multipath.sh's tables; returns {ports: ratio to 1 port} (the
    median over the rounds of each, with the run's stream count)."""
    meta = next((t for t in mp if t.get("meta")), {})
    streams = meta.get("streams")
    for t in mp:
        if "error" in t:
            print(f"multipath: error: {t['error']}")

    def med(sel):
        v = [t["value"] for t in mp if t.get("ok") and sel(t)]
        return statistics.median(v) if v else None

    def medcpu(sel):
        v = [t["cpu_us_per_pkt"] for t in mp if t.get("ok") and sel(t)
             and t.get("cpu_us_per_pkt") is not None]
        return statistics.median(v) if v else None

    def n(sel):
        return len([t for t in mp if t.get("ok") and sel(t)])

    print(f"## Multipath, ibfo <-> ibfo (softib, {meta.get('kernel', '?')}, "
          f"{meta.get('cpus', '?')} vCPUs TCG)")
    print()
    print(f"TCP A -> B (iperf3 -P, {meta.get('secs', '?')} s runs), every "
          f"port limited to {meta.get('rate_mbit', '?')} Mbit/s; "
          "xmit_hash_policy layer3+4; median over the rounds; ratio to 1 "
          "port per host (goals: 2 ports >= 1.9x, 4 ports >= 3.6x).")
    print()
    print("| ports per host | streams | Mbit/s | ratio to 1 port "
          "| share of the ports' limit | rounds |")
    print("|---:|---:|---:|---:|---:|---:|")
    lim = meta.get("rate_mbit")

    def scal(k, p):
        return lambda t: (t.get("test") == "scaling" and t.get("ports") == k
                          and t.get("streams") == p)
    one = med(scal(1, streams))
    ratios = {}
    rows = [(1, streams), (2, streams), (4, streams)]
    if streams != 8:
        rows.append((4, 8))
    for k, p in rows:
        v = med(scal(k, p))
        r = v / one if v is not None and one else None
        if p == streams:
            ratios[k] = r
        print(f"| {k} | {p} | " + (f"{v:g}" if v is not None else "-")
              + " | " + (f"{r:.2f}x" if r is not None else "-") + " | "
              + (f"{100 * v / (k * lim):.0f}%" if v is not None and lim
                 else "-") + f" | {n(scal(k, p))} |")
    c = med(lambda t: t.get("test") == "ceiling")
    print(f"| 4, unlimited (the CPU's ceiling) | {streams} | "
          + (f"{c:g}" if c is not None else "-") + " | - | - | "
          + f"{n(lambda t: t.get('test') == 'ceiling')} |")
    print()
    print("Per-packet cost: UDP, 64-byte datagrams, one flow (iperf3 -u -b 0 "
          "-l 64), 2 unlimited ports per host, both hosts in the mode; CPU: "
          "the guest's busy time per packet on the fabric (both hosts).")
    print()
    print("| mode | packets/s received | CPU µs/packet | rounds |")
    print("|---|---:|---:|---:|")
    for m in ("multipath", "active-backup"):
        def sel(t, m=m):
            return t.get("test") == "udp64" and t.get("mode") == m
        v, cp = med(sel), medcpu(sel)
        print(f"| {m} | " + (f"{v:g}" if v is not None else "-") + " | "
              + (f"{cp:.1f}" if cp is not None else "-") + f" | {n(sel)} |")
    print()
    print("Failover in multipath mode, 2 ports per host, unlimited: one "
          "fo_probe flow at 1000 datagrams/s, the port of A that carries it "
          "(tx: A sends) or receives it (rx: B sends) taken down; outage at "
          "the receiver as in the failover table.")
    print()
    print("| direction | trials | outage ms, median (min–max) | lost, median "
          "| no recovery |")
    print("|---|---:|---:|---:|---:|")
    for d in ("tx", "rx"):
        tr = [t for t in mp if t.get("test") == "failover"
              and t.get("dir") == d and isinstance(t.get("recv"), dict)]
        outs = [o["ms"] for o in (outage(t) for t in tr) if o is not None]
        lost = [o["lost"] for o in (outage(t) for t in tr)
                if o is not None and o.get("lost") is not None]
        print(f"| {DIRS[d]} | {len(tr)} | "
              + (f"{statistics.median(outs):.1f} ({min(outs):.1f}–"
                 f"{max(outs):.1f})" if outs else "-") + " | "
              + (f"{statistics.median(lost):g}" if lost else "-") + " | "
              + f"{len([t for t in tr if (t['recv'].get('outage') or {}).get('recovered') is False])} |")
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
    order = [s for s in ("ibfo", "ibfo_cm", "ibfo_mp", "bond100", "bond10",
                         "team") if s in curves]
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
    args = sys.argv[1:]
    check_systems = None
    if args[:1] == ["--check"]:
        check_systems = args[1].split()
        args = args[2:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    outdir, logs = args[0], args[1:]
    fo, tp, mp, nbad = parse(logs)
    bd = breakdown(fo)
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "results.json"), "w") as f:
        json.dump({"failover": fo, "breakdown": bd, "throughput": tp,
                   "multipath": mp}, f, indent=1)
    if not fo and not tp and not mp:
        print("report: no benchmark output in " + " ".join(logs),
              file=sys.stderr)
        return 1
    fs = {}
    if fo:
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
        print("## Where the time goes: ibfo")
        print()
        print("Milestones of a failover in ms after the write that took the "
              "active port down (CLOCK_MONOTONIC: the guest's trace with "
              "trace_clock mono, and fo_probe); step: median over the trials "
              "of the distance from the milestone above that the trial "
              "recorded, or from the port-down write (negative: it came "
              "first). Medians over the trials that recorded the milestone.")
        print()
        breakdown_table(bd)
        print()
        for s, name in (("ibfo_cm", "ibfo, connected mode"),
                        ("ibfo_mp", "ibfo multipath")):
            if s in bd:
                print(f"## Where the time goes: {name}")
                print()
                breakdown_table(bd, s)
                print()
    ratios = {}
    if tp:
        print("## Throughput, host A to host B (iperf3; median over the "
              "rounds; ratio to raw IPoIB in the same boot; CPU: guest busy "
              "time per packet on the fabric, both hosts)")
        print()
        ratios = tp_table(tp)
        print()
    mpr = {}
    if mp:
        mpr = mp_tables(mp)
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
    if mp:
        if mpr.get(2) is not None or mpr.get(4) is not None:
            parts.append("multipath: " + ", ".join(
                f"{k} ports = " + (f"{mpr[k]:.2f}x" if mpr.get(k) is not None
                                   else "not measured") for k in (2, 4)))
        else:
            parts.append("multipath: not measured")
    headline = "; ".join(parts) if parts else "no headline: no results"
    bad = []
    if check_systems is not None:
        bad = check(fo, tp, nbad, check_systems)
    for b in bad:
        print(f"report: check: {b}", file=sys.stderr)
    if bad:
        headline = f"bench check FAILED ({len(bad)} problems); {headline}"
    with open(os.path.join(outdir, "headline.txt"), "w") as f:
        print(headline, file=f)
    print(headline)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
