#!/usr/bin/env python3
"""Prove C files of vmio with Frama-C WP and z3 (docs/VERIFICATION.md).

usage: wp.py SRCDIR BUILDDIR [--headers] [--bare] [--skip=F,...] [--provers=P,...] [--broken]
             FILE... [-- FRAMA-C ARGS]

Runs frama-c -wp -wp-rte on FILE... (relative to SRCDIR) and passes when every
goal is proven: it parses WP's "Proved goals: N / M" line.  The inline functions
of include/vmio/*.h are proven only with --headers (each file's run skips them,
so that they are proven once); --skip= names more functions not to prove.  --bare proves the bare-metal
configuration (without -DVMIO_HOST: the fail-closed check of user_range.c).
--broken is for a fixture that must not prove (a meson test with should_fail):
the exit status is 1 only when the proof ran and left goals unproven, and 0
when all were proven or frama-c failed, so that the test cannot pass for the
wrong reason.  Ends with "N passed, N failed": goals
proven, goals not proven.  --provers= names the provers WP tries, in order,
on each goal (default z3; cvc4 is the other one scripts/setup installs).
why3 finds them through a private configuration made in BUILDDIR (why3
config detect, made again when it lacks one of them), so no ~/.why3.conf is
needed.
VMIO_WP_PAR sets how many provers run at once (default 2); VMIO_WP_LOG names a
file to receive frama-c's whole output.
"""
import os
import re
import shutil
import subprocess
import sys
import time


def header_inlines(srcdir):
    """Names of the static inline functions of include/vmio/*.h, macros expanded."""
    names = set()
    expand = {
        'type##_##remain': ['vm_reader_remain', 'vm_freader_remain',
                            'vm_writer_avail', 'vm_fwriter_avail'],
        'type##_has_##remain': ['vm_reader_has_remain', 'vm_freader_has_remain',
                                'vm_writer_has_avail', 'vm_fwriter_has_avail'],
    }
    kinds = ['vm_reader', 'vm_freader', 'vm_writer', 'vm_fwriter']
    incdir = os.path.join(srcdir, 'include', 'vmio')
    for h in sorted(os.listdir(incdir)):
        text = open(os.path.join(incdir, h)).read()
        for m in re.finditer(r'static inline [^(;{]*?([\w#]+)\s*\(', text):
            name = m.group(1)
            if name in expand:
                names.update(expand[name])
            elif name.startswith('type##'):
                names.update(k + name[len('type##'):] for k in kinds)
            elif '##bits##' in name:
                names.update(name.replace('##bits##', b) for b in ('8', '16', '32', '64'))
            else:
                names.add(name)
    return sorted(names)


def why3_config(builddir, provers):
    """A private why3 configuration naming every prover of provers."""
    conf = os.path.join(builddir, 'why3.conf')

    def found():
        text = open(conf).read().lower() if os.path.exists(conf) else ''
        names = re.findall(r'^name\s*=\s*"([^"]*)"', text, re.M)
        return all(p in names for p in provers)
    if not found():  # new, or made before a prover was installed
        subprocess.run(['why3', '--config=' + conf, 'config', 'detect'],
                       check=True, stdout=subprocess.DEVNULL)
    return conf


def main():
    args = sys.argv[1:]
    extra = []
    if '--' in args:
        i = args.index('--')
        args, extra = args[:i], args[i + 1:]
    srcdir, builddir = args[0], args[1]
    headers = '--headers' in args
    broken = '--broken' in args
    host = [] if '--bare' in args else ['-DVMIO_HOST']
    files = [a for a in args[2:] if not a.startswith('--')]
    provers = [p for a in args[2:] if a.startswith('--provers=') for p in a[10:].split(',')] \
        or ['z3']
    extra_skip = [f for a in args[2:] if a.startswith('--skip=') for f in a[7:].split(',')]
    for tool in ('frama-c', 'why3', *provers):
        if not shutil.which(tool):
            print(f'wp: {tool} not found: run scripts/setup (Debian: frama-c-base why3 z3 cvc4)')
            print('0 passed, 1 failed')
            return 1
    srcdir = os.path.abspath(srcdir)
    # Frama-C resolves relative file names against $PWD, which meson leaves
    # at the build directory.
    env = dict(os.environ, WHY3CONFIG=why3_config(os.path.abspath(builddir), provers), PWD=srcdir)
    cmd = ['frama-c', '-machdep', 'x86_64',
           '-cpp-extra-args=' + ' '.join(['-CC', *host, '-I include -I arch/common -I lib/vmio']),
           *files,
           '-wp', '-wp-rte', '-warn-unsigned-overflow', '-rte-no-pointer-call',
           '-wp-prover', ','.join(provers), '-wp-timeout', '10',
           '-wp-par', os.environ.get('VMIO_WP_PAR', '2')]
    if not headers:
        # Skip those that the files see (naming another is an error).
        seen = set()
        for f in files:  # one at a time: a second file name would be cpp's output
            pp = subprocess.run(['cpp', *host, '-D__FRAMAC__', '-Iinclude',
                                 '-Iarch/common', '-Ilib/vmio', f], cwd=srcdir,
                                stdout=subprocess.PIPE, text=True, check=True).stdout
            seen.update(re.findall(r'\w+', pp))
        skip = [f for f in header_inlines(srcdir) if f in seen] + extra_skip
        if skip:
            cmd += ['-wp-skip-fct', ','.join(skip)]
    cmd += extra
    print('$ (cd ' + srcdir + ' && ' + ' '.join(cmd) + ')', flush=True)
    start = time.monotonic()
    p = subprocess.run(cmd, cwd=srcdir, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    took = time.monotonic() - start
    out = p.stdout
    if os.environ.get('VMIO_WP_LOG'):
        with open(os.environ['VMIO_WP_LOG'], 'w') as f:
            f.write(out)
    for line in out.splitlines():
        if re.search(r'Goal .*: (?!Valid)', line) or 'Proved goals' in line or \
           re.search(r'^\[wp\] \[\w+\] Goal [^:]*$', line) or \
           re.search(r'^\s+(Qed|Z3|CVC4|Terminating|Unreachable|Failed)', line) or \
           'User Error' in line or 'Failure' in line or 'annot-error' in line:
            print(line)
    m = re.search(r'Proved goals:\s+(\d+)\s*/\s*(\d+)', out)
    if p.returncode != 0 or not m:
        print(out[-4000:])
        print(f'wp: frama-c exited with {p.returncode} and no goal count')
        print('0 passed, 1 failed')
        return 0 if broken else 1
    proved, total = int(m.group(1)), int(m.group(2))
    print(f'wp: {proved} / {total} goals proven in {took:.1f} s wall')
    if broken:
        print(f'wp: the broken fixture left {total - proved} goals unproven (expected: some)')
    print(f'{proved} passed, {total - proved} failed')
    return 0 if proved == total and total > 0 else 1


if __name__ == '__main__':
    sys.exit(main())
