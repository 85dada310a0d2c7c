#!/usr/bin/env python3
"""Check in the disassembly that vmio/uaccess.h keeps its promises.

usage: check_uaccess_insns.py <objdump> <isa> <libvmio.a> <uaccess-probe.a>

- vmio_arch_mask_user_ptr (libvmio.a) has no conditional branch and
  computes its mask with cmp+sbb+not+and (x86_64), sltu+addi+and (riscv64) or
  sltu+masknez (loongarch64);
- vmio_mask_user_address and vmio_range_user (libvmio.a: the range check
  of every user reader and writer, vm_f*_from_user_space and the iovec
  constructors) take the pointer they hand out from vmio_arch_mask_user_ptr
  and have no conditional branch after that call;
- each probe_get_u{8,16,32,64} / probe_put_u* (the probe, compiled from
  tests/uaccess_probe.c) reaches its first return through exactly one
  memory access and at most two more instructions, with no call.
Prints one line per function and "N passed, N failed"; exits 1 on failure.
"""
import re
import subprocess
import sys

BRANCH = {
    'x86_64': re.compile(r'^j(?!mp)[a-z]+$'),
    'riscv64': re.compile(r'^(c\.)?b(eq|ne|lt|ge|gt|le)(z|u)?$'),
    'loongarch64': re.compile(r'^(b(eq|ne|lt|ge)u?|beqz|bnez|bceqz|bcnez)$'),
}
RET = {'x86_64': ('ret', 'retq'), 'riscv64': ('ret', 'c.jr', 'jr'), 'loongarch64': ('jr', 'ret')}
CALL = re.compile(r'^(call|callq|jal|jalr|c\.jal|c\.jalr|bl)$')
MASK = {'x86_64': ['sbb', 'not', 'and'], 'riscv64': ['sltu', 'addi', 'and'], 'loongarch64': ['sltu', 'masknez']}


def functions(objdump, path):
    out = subprocess.run([objdump, '-d', '--no-show-raw-insn', '-r', path],
                         stdout=subprocess.PIPE, text=True, check=True).stdout
    funcs, name = {}, None
    for line in out.splitlines():
        m = re.match(r'^[0-9a-f]+ <([^>]+)>:$', line)
        if m and m.group(1).startswith(('.L', '$')):
            continue  # a local label (riscv64 debug info) inside the function
        if m:
            name = m.group(1)
            funcs[name] = []
            continue
        if name and re.match(r'^\s+[0-9a-f]+:\s+R_', line):
            if funcs[name]:  # a relocation names a call's target
                funcs[name][-1] = (funcs[name][-1][0], funcs[name][-1][1] + ' ' + line.strip())
            continue
        m = re.match(r'^\s+[0-9a-f]+:\s+(\S+)\s*(.*)$', line)
        if m and name:
            funcs[name].append((m.group(1), m.group(2)))
    return funcs


def is_access(isa, mnem, ops):
    if isa == 'x86_64':
        return '(' in ops and not mnem.startswith(('lea', 'nop'))
    if isa == 'riscv64':
        return re.match(r'^(c\.)?(l[bhwd]u?|s[bhwd])$', mnem) is not None
    return re.match(r'^(ld|st)(x|ptr)?\.[bhwd]u?$', mnem) is not None


def main():
    objdump, isa, lib, probe = sys.argv[1:5]
    passed = failed = 0

    def verdict(ok, what):
        nonlocal passed, failed
        print(('ok   ' if ok else 'FAIL ') + what)
        passed, failed = passed + ok, failed + (not ok)

    libf = functions(objdump, lib)
    insns = libf.get('vmio_arch_mask_user_ptr', [])
    mnems = [m for m, _ in insns]
    verdict(bool(insns) and not any(BRANCH[isa].match(m) for m in mnems)
            and all(any(m.startswith(k) for m in mnems) for k in MASK[isa]),
            f'vmio_arch_mask_user_ptr: {" ".join(mnems)}')
    for fn in ('vmio_mask_user_address', 'vmio_range_user'):
        body = libf.get(fn, [])
        at = [i for i, (m, o) in enumerate(body) if 'vmio_arch_mask_user_ptr' in o]
        after = body[at[0] + 1:] if at else []
        branches = [m for m, _ in after if BRANCH[isa].match(m)]
        verdict(bool(at) and not branches,
                f'{fn}: masks with vmio_arch_mask_user_ptr'
                + (f', then branches ({" ".join(branches)})' if branches else '')
                + ('' if at else ' (no call found)'))
    probef = functions(objdump, probe)
    for kind in ('get', 'put'):
        for bits in (8, 16, 32, 64):
            fn = f'probe_{kind}_u{bits}'
            path = []
            for m, o in probef.get(fn, []):
                if m in RET[isa] and (isa != 'riscv64' or m == 'ret' or 'ra' in o) \
                        and (isa != 'loongarch64' or '$ra' in o or m == 'ret'):
                    break
                path.append((m, o))
            accesses = [p for p in path if is_access(isa, *p)]
            calls = [p for p in path if CALL.match(p[0])]
            ok = bool(path) and len(accesses) == 1 and len(path) <= 3 and not calls
            verdict(ok, f'{fn}: ' + '; '.join(f'{m} {o}'.strip() for m, o in path))
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
