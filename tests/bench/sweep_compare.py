#!/usr/bin/env python3
"""Compare the size sweeps of two riscv64 guest-bench logs (the rows
between sweep-begin and sweep-end): the points where the second build
takes more instructions per call than the first.

usage: sweep_compare.py <scalar-log> <rvv-log>
Prints the number of points, those where the second is worse, and exits 1
if there is any.
"""
import sys


def load(path):
    rows, on = {}, False
    for line in open(path, errors='replace'):
        line = line.strip()
        if line == 'sweep-begin':
            on = True
        elif line == 'sweep-end':
            on = False
        elif on and line.startswith(('copy,', 'fill,')):
            op, n, sa, da, ins = line.split(',')
            rows[(op, int(n), sa, da)] = float(ins)
    return rows


a, b = load(sys.argv[1]), load(sys.argv[2])
common = sorted(set(a) & set(b))
worse = [(k, a[k], b[k]) for k in common if b[k] > a[k]]
print(f'{len(common)} points, second build worse at {len(worse)}')
for k, x, y in worse[:20]:
    print(f'  {k[0]} {k[1]} B {k[2]}/{k[3]}: {x} -> {y}')
sys.exit(1 if worse or not common else 0)
