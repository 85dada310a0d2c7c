#!/usr/bin/env python3
"""Link libvmio.a at a given address with the linker script of
docs/library_usage.md, as an embedder's kernel would, and check the result.

usage: link_at.py <isa> <base> <docs/library_usage.md> <libvmio.a> <entry.c>
                  <include dir> <llvm-nm> <llvm-readelf> <out dir>
                  --cc <compiler command...> --cflags <...> --ldflags <...>
The whole archive is linked (every object's relocations are resolved at
<base>).  Checks: libvmio.a has no absolute 32-bit and no GOT relocation
outside debug sections; the link succeeds; _start, the primitives and the
exception table lie in [base, base + 16 MiB); the table is not empty; the
image has no GOT.  Ends with "N passed, N failed".
"""
import os
import re
import subprocess
import sys

isa, base_s, docs, lib, entry, incdir, nm, readelf, out = sys.argv[1:10]
rest = sys.argv[10:]
cc = rest[rest.index('--cc') + 1:rest.index('--cflags')]
cflags = rest[rest.index('--cflags') + 1:rest.index('--ldflags')]
ldflags = rest[rest.index('--ldflags') + 1:]
base = int(base_s, 0)
passed = failed = 0


def check(ok, what, detail=''):
    global passed, failed
    print(('ok   ' if ok else 'FAIL ') + what + ('' if ok or not detail else ': ' + detail))
    if ok:
        passed += 1
    else:
        failed += 1
    return ok


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def finish():
    print(f'{passed} passed, {failed} failed')
    sys.exit(1 if failed else 0)


# Relocations a link-anywhere library must not have (debug info may).
bad_relocs = {
    'x86_64': r'R_X86_64_(32|32S|GOT\w*)\b',
    'riscv64': r'R_RISCV_(GOT\w*|HI20|LO12_I|LO12_S)\b',
    'loongarch64': r'R_LARCH_(GOT\w*|ABS\w*)\b',
}[isa]
rc, text = run([readelf, '-r', lib])
bad, section = [], ''
for line in text.splitlines():
    m = re.match(r"Relocation section '([^']*)'", line)
    if m:
        section = m.group(1)
    elif 'debug' not in section and re.search(bad_relocs, line):
        bad.append(section + ': ' + line.strip())
check(rc == 0 and not bad, 'libvmio.a: no absolute 32-bit or GOT relocation',
      '; '.join(bad[:5]))

# The linker script, exactly as the docs show it.
md = open(docs).read()
m = re.search(r'<!-- link-test-script -->\s*```ld\n(.*?)```', md, re.S)
if not check(m is not None, 'docs/library_usage.md shows the linker script'):
    finish()
os.makedirs(out, exist_ok=True)
script = os.path.join(out, 'kernel.ld')
with open(script, 'w') as f:
    f.write(m.group(1).replace('KERNEL_BASE', hex(base)))

obj, elf = os.path.join(out, 'entry.o'), os.path.join(out, 'kernel.elf')
rc, text = run(cc + cflags + ['-std=c11', '-ffreestanding', '-I' + incdir, '-c', entry, '-o', obj])
if not check(rc == 0, 'entry.c compiles', text):
    finish()
rc, text = run(cc + ldflags + ['-nostdlib', '-static', '-T', script, '-o', elf, obj,
                               '-Wl,--whole-archive', lib, '-Wl,--no-whole-archive'])
if not check(rc == 0, f'links at {hex(base)}', text):
    finish()

rc, text = run([nm, elf])
syms = {}
for line in text.splitlines():
    parts = line.split()
    if len(parts) == 3:
        syms[parts[2]] = int(parts[0], 16)
for name in ['_start', '__memcpy_fallible', '__memset_fallible', 'vmio_extable_size',
             'vmio_extable_fixup', 'vmio_user_range_set', '__start_vmio_extable',
             '__stop_vmio_extable']:
    addr = syms.get(name)
    check(addr is not None and base <= addr < base + (16 << 20),
          f'{name} at {hex(addr) if addr is not None else "?"} in [base, base + 16 MiB)')
check(syms.get('_start') == base, '_start is the first byte of the image')
check(syms.get('__stop_vmio_extable', 0) > syms.get('__start_vmio_extable', 0),
      'the exception table is not empty')
rc, text = run([readelf, '-S', '-h', elf])
check(rc == 0 and not re.search(r'\.got\b', text), 'no GOT in the image')
m = re.search(r'Entry point address:\s*(0x[0-9a-fA-F]+)', text)
check(m is not None and int(m.group(1), 16) == base, 'the ELF entry is _start')
finish()
