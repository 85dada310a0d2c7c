#!/usr/bin/env python3
"""Extract picolibc's speed-optimised memcpy and memset as pico_memcpy and
pico_memset, so the guest benchmark can call them next to the library's.

usage: picolibc_release.py [--funcs=f,g] <ar> <objcopy> <ld> <out.o> <cc> [cc args...]

--funcs names other functions to extract (default: memcpy,memset).

The compiler links a two-line program with --picolibc-buildtype=release and
--trace-symbol; the linker names the archive member that defines each
function.  Those members are extracted, their global symbols renamed with
objcopy --redefine-sym, and joined into one relocatable object.
"""
import os
import re
import subprocess
import sys
import tempfile

FUNCS = ('memcpy', 'memset')


def main():
    global FUNCS
    args = sys.argv[1:]
    if args and args[0].startswith('--funcs='):
        FUNCS = tuple(args.pop(0)[len('--funcs='):].split(','))
    ar, objcopy, ld, out = args[:4]
    cc = args[4:]
    with tempfile.TemporaryDirectory() as tmp:
        prog = os.path.join(tmp, 'probe.c')
        with open(prog, 'w') as f:
            f.write('#include <string.h>\n'
                    + ''.join(f'void *volatile ref_{fn} = (void *){fn};\n' for fn in FUNCS)
                    + 'int main(void) { return 0; }\n')
        cmd = cc + ['--picolibc-buildtype=release', '-nostartfiles', '-Wl,-e,main',
                    prog, '-o', os.path.join(tmp, 'probe.elf')]
        cmd += ['-Wl,--trace-symbol=' + fn for fn in FUNCS]
        res = subprocess.run(cmd, capture_output=True, text=True)
        if res.returncode:
            sys.exit('probe link failed:\n' + ' '.join(cmd) + '\n' + res.stderr)
        members = {}
        for line in (res.stdout + res.stderr).splitlines():
            m = re.search(r'(\S+\.a)\((\S+)\): definition of (\w+)$', line)
            if m and m.group(3) in FUNCS:
                members[m.group(3)] = (m.group(1), m.group(2))
        if set(members) != set(FUNCS):
            sys.exit('no archive member found for ' + ', '.join(set(FUNCS) - set(members))
                     + ':\n' + res.stdout + res.stderr)
        objs = []
        for fn, (archive, member) in sorted(members.items()):
            if 'release' not in archive:
                sys.exit(f'{fn} comes from {archive}, not a release build')
            subprocess.run([ar, 'x', os.path.abspath(archive), member], cwd=tmp, check=True)
            obj = os.path.join(tmp, 'pico_' + fn + '.o')
            subprocess.run([objcopy] + [f'--redefine-sym={f}=pico_{f}' for f in FUNCS]
                           + [os.path.join(tmp, member), obj], check=True)
            objs.append(obj)
        subprocess.run([ld, '-r', '-o', out] + objs, check=True)


if __name__ == '__main__':
    main()
