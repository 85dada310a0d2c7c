#!/usr/bin/env python3
"""Write linker options that define __memcpy_fallible_end and
__memset_fallible_end from the symbol sizes in the library, for x86_64,
whose .S files have no end labels (riscv64 and loongarch64 have them).

usage: fn_ends.py <nm> <libvmio.a> <out.rsp>
"""
import subprocess
import sys

FUNCS = ('__memcpy_fallible', '__memset_fallible')


def main():
    nm, lib, out = sys.argv[1:]
    sizes = {}
    for line in subprocess.run([nm, '-S', '--defined-only', lib], check=True,
                               capture_output=True, text=True).stdout.splitlines():
        f = line.split()
        if len(f) == 4 and f[3] in FUNCS:
            sizes[f[3]] = int(f[1], 16)
    missing = [fn for fn in FUNCS if fn not in sizes]
    if missing:
        sys.exit(f'fn_ends.py: no size for {missing} in {lib}')
    with open(out, 'w') as o:
        for fn in FUNCS:
            o.write(f'--defsym={fn}_end={fn}+{sizes[fn]:#x}\n')


main()
