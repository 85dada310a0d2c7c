#!/usr/bin/env python3
"""Run the host benchmark several times and plot what it measured.

    host_bench.py <host-bench binary> <output dir> [binary args...]

Runs the binary RUNS times (env VMIO_BENCH_RUNS, default 5), each a fresh
process with fresh buffers: on this kind of machine one run's figures can
sit 10% off the next run's, more than the rounds inside a run vary.  Each
run writes its CSV (host-bench.N.csv); host-bench.csv holds, per row, the
median over the runs of each routine's GB/s.  From it come the table on
stdout, host-bench.svg (GB/s of every routine at the first alignment, and
vmio / glibc at every alignment, for copy and fill) and host-bench.md, the
tables of docs/PERFORMANCE.md (a subset of the sizes).  Exits non-zero if
any run's checks failed."""
import csv
import math
import os
import statistics
import subprocess
import sys

W, H = 520, 300          # one panel
ML, MR, MT, MB = 60, 20, 30, 45
COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#7f7f7f", "#9467bd", "#ff7f0e"]


def panel(x0, y0, title, ylabel, series, ylog, yrange, marks=()):
    """SVG for one panel: series is [(label, [(bytes, value)])]."""
    xs = [b for _, pts in series for b, _ in pts]
    xlo, xhi = math.log2(min(xs)), math.log2(max(xs))
    ylo, yhi = yrange
    f = math.log10 if ylog else (lambda v: v)

    def px(b):
        return x0 + ML + (math.log2(b) - xlo) / (xhi - xlo) * (W - ML - MR)

    def py(v):
        v = min(max(v, ylo), yhi)
        return y0 + H - MB - (f(v) - f(ylo)) / (f(yhi) - f(ylo)) * (H - MT - MB)

    out = [f'<text x="{x0 + W / 2}" y="{y0 + 18}" text-anchor="middle" font-weight="bold">{title}</text>',
           f'<rect x="{x0 + ML}" y="{y0 + MT}" width="{W - ML - MR}" height="{H - MT - MB}" '
           'fill="none" stroke="black"/>',
           f'<text x="{x0 + 14}" y="{y0 + H / 2}" transform="rotate(-90 {x0 + 14} {y0 + H / 2})" '
           f'text-anchor="middle">{ylabel}</text>',
           f'<text x="{x0 + W / 2}" y="{y0 + H - 8}" text-anchor="middle">bytes</text>']
    for e in range(int(xlo), int(xhi) + 1, 2):
        x = px(2 ** e)
        label = f"{2 ** e}" if e < 10 else f"{2 ** (e - 10)}K" if e < 20 else f"{2 ** (e - 20)}M"
        out.append(f'<line x1="{x}" y1="{y0 + H - MB}" x2="{x}" y2="{y0 + MT}" stroke="#eee"/>')
        out.append(f'<text x="{x}" y="{y0 + H - MB + 14}" text-anchor="middle" font-size="10">{label}</text>')
    ticks = [10 ** e for e in range(math.floor(math.log10(ylo)), math.ceil(math.log10(yhi)) + 1)] \
        if ylog else [ylo + i * (yhi - ylo) / 5 for i in range(6)]
    for t in ticks:
        if ylo <= t <= yhi:
            out.append(f'<line x1="{x0 + ML}" y1="{py(t)}" x2="{x0 + W - MR}" y2="{py(t)}" stroke="#eee"/>')
            out.append(f'<text x="{x0 + ML - 4}" y="{py(t) + 4}" text-anchor="end" font-size="10">{t:g}</text>')
    for v, label in marks:
        out.append(f'<line x1="{x0 + ML}" y1="{py(v)}" x2="{x0 + W - MR}" y2="{py(v)}" '
                   'stroke="black" stroke-dasharray="4 3"/>')
        out.append(f'<text x="{x0 + W - MR - 4}" y="{py(v) - 3}" text-anchor="end" font-size="10">{label}</text>')
    for i, (label, pts) in enumerate(series):
        c = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{px(b):.1f},{py(v):.1f}" for b, v in sorted(pts))
        out.append(f'<polyline points="{path}" fill="none" stroke="{c}" stroke-width="1.5"/>')
        out.append(f'<text x="{x0 + ML + 8}" y="{y0 + MT + 14 + 13 * i}" fill="{c}" font-size="11">{label}</text>')
    return out


def plot(rows, svg_path):
    parts = []
    for col, op in enumerate(["copy", "fill"]):
        mine = [r for r in rows if r["op"] == op]
        aligns = list(dict.fromkeys((r["src_off"], r["dst_off"]) for r in mine))
        impls = list(dict.fromkeys(r["impl"] for r in mine))
        first = aligns[0]
        speed = [(impl, [(int(r["bytes"]), float(r["gb_per_s"])) for r in mine
                         if r["impl"] == impl and (r["src_off"], r["dst_off"]) == first]) for impl in impls]
        gbs = {(r["impl"], r["bytes"], r["src_off"], r["dst_off"]): float(r["gb_per_s"]) for r in mine}
        ratio = [(f"src+{s}/dst+{d}" if op == "copy" else f"dst+{d}",
                  [(int(b), gbs[("vmio", b, s, d)] / gbs[("glibc", b, s, d)])
                   for b in dict.fromkeys(r["bytes"] for r in mine)]) for s, d in aligns]
        lo = min(v for _, pts in speed for _, v in pts)
        hi = max(v for _, pts in speed for _, v in pts)
        x0 = col * W
        parts += panel(x0, 0, f"{op}: GB/s, src+{first[0]}/dst+{first[1]}", "GB/s", speed, True,
                       (10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))))
        parts += panel(x0, H, f"{op}: vmio / glibc", "ratio", ratio, False, (0.0, 2.5),
                       marks=[(1.0, "1.0")])
    with open(svg_path, "w") as f:
        f.write(f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * W}" height="{2 * H}" '
                'font-family="sans-serif" font-size="12">\n'
                '<rect width="100%" height="100%" fill="white"/>\n')
        f.write("\n".join(parts))
        f.write("\n</svg>\n")


MD_SIZES = {8, 13, 64, 100, 256, 1000, 4096, 16384, 65536, 1048576, 16777216}


def markdown(rows, md_path):
    """Markdown tables, one per op: GB/s of each routine and vmio / glibc."""
    out = []
    for op in ["copy", "fill"]:
        mine = [r for r in rows if r["op"] == op and int(r["bytes"]) in MD_SIZES]
        impls = list(dict.fromkeys(r["impl"] for r in mine))
        gbs = {(r["impl"], r["bytes"], r["src_off"], r["dst_off"]): float(r["gb_per_s"]) for r in mine}
        out.append(f"#### {op}: GB/s\n")
        out.append("| bytes | src+/dst+ | " + " | ".join(impls) + " | vmio ÷ glibc |")
        out.append("|---:|:---:|" + "---:|" * len(impls) + "---:|")
        for b, s, d in dict.fromkeys((r["bytes"], r["src_off"], r["dst_off"]) for r in mine):
            v = [gbs[(i, b, s, d)] for i in impls]
            out.append(f"| {b} | {s}/{d} | " + " | ".join(f"{x:.2f}" for x in v) +
                       f" | {gbs[('vmio', b, s, d)] / gbs[('glibc', b, s, d)]:.3f} |")
        out.append("")
    with open(md_path, "w") as f:
        f.write("\n".join(out))


def median_rows(runs):
    """One row per (op, impl, bytes, src_off, dst_off): the median GB/s."""
    keyed = {}
    for rows in runs:
        for r in rows:
            keyed.setdefault((r["op"], r["impl"], r["bytes"], r["src_off"], r["dst_off"]), []).append(r)
    out = []
    for (op, impl, b, s, d), rs in keyed.items():
        gbs = statistics.median(float(r["gb_per_s"]) for r in rs)
        out.append({"op": op, "impl": impl, "bytes": b, "src_off": s, "dst_off": d,
                    "ns_per_call": f"{int(b) / gbs:.3f}", "gb_per_s": f"{gbs:.4f}"})
    return out


def print_table(rows, nruns):
    """The median table, with vmio / glibc and the target per row."""
    met = total = 0
    for op in ["copy", "fill"]:
        mine = [r for r in rows if r["op"] == op]
        impls = list(dict.fromkeys(r["impl"] for r in mine))
        gbs = {(r["impl"], r["bytes"], r["src_off"], r["dst_off"]): float(r["gb_per_s"]) for r in mine}
        print(f"\n{op}: GB/s, median of {nruns} runs (each the best of its rounds); ratio vmio / glibc")
        print(f"{'bytes':>9} {'src/dst':>7}" + "".join(f" {i:>10}" for i in impls) + f" {'ratio':>8}")
        for b, s, d in dict.fromkeys((r["bytes"], r["src_off"], r["dst_off"]) for r in mine):
            ratio = gbs[("vmio", b, s, d)] / gbs[("glibc", b, s, d)]
            ok = ratio >= 1.0
            met += ok
            total += 1
            print(f"{b:>9} {s:>3}/{d:<3}" + "".join(f" {gbs[(i, b, s, d)]:10.2f}" for i in impls) +
                  f" {ratio:8.3f}" + ("" if ok else "  (below target)"))
    print(f"\nrows at target (>= 1.0x glibc), medians: {met} of {total}")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, outdir = sys.argv[1], sys.argv[2]
    nruns = int(os.environ.get("VMIO_BENCH_RUNS", "5"))
    csv_path = os.path.join(outdir, "host-bench.csv")
    svg_path = os.path.join(outdir, "host-bench.svg")
    md_path = os.path.join(outdir, "host-bench.md")
    status = 0
    runs = []
    checks = [0, 0]  # passed, failed over all runs
    for n in range(1, nruns + 1):
        run_csv = os.path.join(outdir, f"host-bench.{n}.csv")
        print(f"=== run {n} of {nruns}", flush=True)
        run = subprocess.run([binary, "--csv", run_csv] + sys.argv[3:], stdout=subprocess.PIPE,
                             text=True)
        print(run.stdout, end="", flush=True)
        status |= run.returncode
        summary = run.stdout.strip().splitlines()[-1].split() if run.stdout.strip() else []
        if len(summary) == 4 and summary[1] == "passed,":
            checks[0] += int(summary[0])
            checks[1] += int(summary[2])
        else:
            checks[1] += 1  # no summary line: the run itself failed
        with open(run_csv) as f:
            runs.append(list(csv.DictReader(f)))
    rows = median_rows(runs)
    if rows:
        with open(csv_path, "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            w.writeheader()
            w.writerows(rows)
        print_table(rows, nruns)
        plot(rows, svg_path)
        markdown(rows, md_path)
        print(f"wrote {csv_path}, {svg_path} and {md_path}")
    print(f"{checks[0]} passed, {checks[1]} failed")
    sys.exit(1 if status or checks[1] else 0)


if __name__ == "__main__":
    main()
