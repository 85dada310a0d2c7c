#!/usr/bin/env python3
"""Every byte vmio places lies in a span the fail-closed check knows.

usage: check_sections.py READELF GROUP=OBJECT...

For each prelinked object of the library (meson.build: groups "main" and
"extable"), every allocated section must be .text, .rodata, .data, .bss or
vmio_extable, and each of the first four must run exactly from the symbol
__vmio_<group>_<section>_start (offset 0) to __vmio_<group>_<section>_end
(offset = its size).  The final link places each section of the object in
one piece, the symbols with it; so lib/vmio/user_range.c, which refuses a
user range meeting any span or the table, covers every byte.  Ends with
"N passed, N failed".
"""
import re
import subprocess
import sys

SPANNED = ('.text', '.rodata', '.data', '.bss')


def main():
    readelf = sys.argv[1]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print('FAIL ' + what)

    for arg in sys.argv[2:]:
        group, obj = arg.split('=', 1)
        out = subprocess.run([readelf, '-SsW', obj], check=True, stdout=subprocess.PIPE,
                             text=True).stdout
        sections = {}  # index -> (name, size, flags)
        for m in re.finditer(r'^\s*\[\s*(\d+)\]\s+(\S+)\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+\s+'
                             r'([0-9a-f]+)\s+[0-9a-f]+\s+(\S*)', out, re.M):
            sections[int(m.group(1))] = (m.group(2), int(m.group(3), 16), m.group(4))
        syms = {}
        for m in re.finditer(r'^\s*\d+:\s+([0-9a-f]+)\s+\d+\s+\S+\s+\S+\s+\S+\s+(\S+)\s+(\S+)$',
                             out, re.M):
            syms[m.group(3)] = (int(m.group(1), 16), m.group(2))
        for idx, (name, size, flags) in sorted(sections.items()):
            if 'A' not in flags:
                continue
            print(f'{obj}: [{idx}] {name} size {size:#x} flags {flags}')
            check(name in SPANNED + ('vmio_extable',),
                  f'{group}: allocated section {name} is outside every span')
            if name not in SPANNED:
                continue
            check('M' not in flags, f'{group}: {name} is mergeable: the final link could move it')
            want = {'.text': 'AX', '.rodata': 'A', '.data': 'WA', '.bss': 'WA'}[name]
            check(flags == want, f'{group}: {name} has flags {flags}, want {want}')
            sec = name[1:]
            for end, want in (('start', 0), ('end', size)):
                sym = f'__vmio_{group}_{sec}_{end}'
                value, ndx = syms.get(sym, (None, None))
                check(value == want and ndx == str(idx),
                      f'{group}: {sym} is {value} in section {ndx}, want {want:#x} in {idx}')
        for sec in SPANNED:
            if sec not in [n for n, _, _ in sections.values()]:
                # An empty span: both bounds equal, wherever the linker put them.
                a = syms.get(f'__vmio_{group}_{sec[1:]}_start')
                b = syms.get(f'__vmio_{group}_{sec[1:]}_end')
                check(a is not None and a == b, f'{group}: empty {sec} has bounds {a} and {b}')
    print(f'{passed} passed, {failed} failed')
    return failed != 0


if __name__ == '__main__':
    sys.exit(main())
