#!/usr/bin/env python3
"""Run the host benchmark and plot what it measured.

    host_bench.py <host-bench binary> <output dir> [binary args...]

Runs the binary (its table goes to stdout), which writes host-bench.csv in
the output dir, then renders host-bench.svg there from the CSV (GB/s of
every routine at the first alignment, and vmio / glibc at every alignment,
for copy and fill) and host-bench.md, the tables of docs/PERFORMANCE.md
(a subset of the sizes).  Exits with the binary's status."""
import csv
import math
import os
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
                       marks=[(0.9, "0.9"), (0.7, "0.7")])
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


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, outdir = sys.argv[1], sys.argv[2]
    csv_path = os.path.join(outdir, "host-bench.csv")
    svg_path = os.path.join(outdir, "host-bench.svg")
    md_path = os.path.join(outdir, "host-bench.md")
    status = subprocess.call([binary, "--csv", csv_path] + sys.argv[3:])
    with open(csv_path) as f:
        rows = list(csv.DictReader(f))
    if rows:
        plot(rows, svg_path)
        markdown(rows, md_path)
        print(f"wrote {csv_path}, {svg_path} and {md_path}")
    sys.exit(status)


if __name__ == "__main__":
    main()
