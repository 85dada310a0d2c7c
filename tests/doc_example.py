#!/usr/bin/env python3
"""The C examples of a docs page compile as they stand.

usage: doc_example.py <page.md> <heading text> <compiler and flags...>
Takes every ```c block of the section whose heading contains <heading text>,
compiles each with the compiler and flags given (-fsyntax-only), and prints
one verdict per block and "N passed, N failed"; exits 1 on any failure.
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    page, heading, cc = sys.argv[1], sys.argv[2], sys.argv[3:]
    text = open(page).read()
    m = re.search(r'^(#+) [^\n]*' + re.escape(heading) + r'[^\n]*\n', text, re.M)
    if not m:
        print(f'FAIL no heading "{heading}" in {page}\n0 passed, 1 failed')
        return 1
    level = len(m.group(1))
    rest = text[m.end():]
    nxt = re.search(r'^#{1,%d} ' % level, rest, re.M)
    section = rest[:nxt.start()] if nxt else rest
    blocks = re.findall(r'```c\n(.*?)```', section, re.S)
    passed = failed = 0
    for i, block in enumerate(blocks):
        with tempfile.NamedTemporaryFile('w', suffix='.c', delete=False) as f:
            f.write(block)
        run = subprocess.run(cc + ['-fsyntax-only', f.name], capture_output=True, text=True)
        os.unlink(f.name)
        ok = run.returncode == 0 and not blocks[i].strip() == ''
        print(f"{'ok  ' if ok else 'FAIL'} {page} \"{heading}\" block {i + 1}")
        if not ok:
            print(run.stdout + run.stderr)
        passed, failed = passed + ok, failed + (not ok)
    if not blocks:
        print(f'FAIL no ```c block under "{heading}"')
        failed += 1
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
