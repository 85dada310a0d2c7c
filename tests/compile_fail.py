#!/usr/bin/env python3
"""Compile-fail tests: compile one file and demand that it fails with a
diagnostic containing an expected text (or, with --must-compile, that it
compiles).

usage: compile_fail.py <file> <expected text | --must-compile> <compiler and flags...>
Prints the verdict and "N passed, N failed"; exits 1 if the verdict is wrong.
"""
import subprocess
import sys


def main():
    source, expect, cc = sys.argv[1], sys.argv[2], sys.argv[3:]
    run = subprocess.run(cc + ['-fsyntax-only', source], capture_output=True, text=True)
    output = run.stdout + run.stderr
    if expect == '--must-compile':
        ok = run.returncode == 0
        verdict = 'compiles, as it must' if ok else 'does not compile'
    else:
        ok = run.returncode != 0 and expect in output
        verdict = (f'refused with "{expect}"' if ok else
                   'compiled' if run.returncode == 0 else f'refused without "{expect}"')
    print(f"{'ok  ' if ok else 'FAIL'} {source}: {verdict}")
    if not ok:
        print(output)
    print(f'{int(ok)} passed, {int(not ok)} failed')
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
