#!/usr/bin/env python3
"""Summarise one suite's `meson test` run from its testlog.json.

usage: suite-summary.py <suite> <builddir>
Prints "== <suite>: ..." with the meson tests passed and failed and the cases
counted by each test binary's own "N passed, N failed" line (tests expected
to fail are left out of the case count), then one line per failed test.
Exits 1 when any test failed, 0 otherwise.
"""
import json
import re
import sys

suite, builddir = sys.argv[1], sys.argv[2]
summary = re.compile(r'^(\d+) passed, (\d+) failed$')
ok = xfail = 0
bad = []
cases_passed = cases_failed = 0
try:
    lines = open(builddir + '/meson-logs/testlog.json').read().splitlines()
except OSError as e:
    print(f'== {suite}: no test log ({e})')
    sys.exit(1)
for line in lines:
    t = json.loads(line)
    result = t['result']
    if result == 'OK':
        ok += 1
    elif result == 'EXPECTEDFAIL':
        xfail += 1
        continue
    else:
        bad.append(f'   {t["name"]}: {result}')
    last = None
    for out in (t.get('stdout') or '').replace('\r', '').splitlines():
        m = summary.match(out)
        if m:
            last = m
    if last:
        cases_passed += int(last.group(1))
        cases_failed += int(last.group(2))
if ok + xfail + len(bad) == 0:
    bad.append('   no test ran')
print(f'== {suite}: {ok + xfail} tests passed ({xfail} expected failures), '
      f'{len(bad)} failed; cases inside: {cases_passed} passed, {cases_failed} failed')
for b in bad:
    print(b)
print(f'counts {ok + xfail} {len(bad)}')
sys.exit(1 if bad else 0)
