#!/usr/bin/env python3
"""Check in the disassembly of libvmio.a that every once-access is one
instruction of the right width.

usage: check_once_insns.py <objdump> <isa> <libvmio.a>

For vmio_arch_{load,store}_u{8,16,32,64}[_fallible]: a load function makes
exactly one load, of its width (a fallible load may also store the value to
*out); a store function makes exactly one store, of its width, and no load.
vmio_arch_cmpxchg_u32_fallible accesses the user pointer (first argument)
only through its atomic: one `lock cmpxchgl` (x86_64), or one lr.w and one
sc.w (riscv64), one ll.w and one sc.w (loongarch64); its only other access
is the 4-byte store of the value found through the out pointer (fourth
argument).
Prints one line per function and "N passed, N failed"; exits 1 on failure.
"""
import re
import subprocess
import sys

# mnemonic -> (kind, bytes); kind is 'load' or 'store'.
RISCV = {'lb': ('load', 1), 'lbu': ('load', 1), 'lh': ('load', 2), 'lhu': ('load', 2),
         'lw': ('load', 4), 'lwu': ('load', 4), 'ld': ('load', 8),
         'sb': ('store', 1), 'sh': ('store', 2), 'sw': ('store', 4), 'sd': ('store', 8)}
for m in list(RISCV):
    RISCV['c.' + m] = RISCV[m]
LOONGARCH = {}
for suffix, size in (('b', 1), ('h', 2), ('w', 4), ('d', 8)):
    for base in ('ld', 'ldx', 'ldptr'):
        LOONGARCH[f'{base}.{suffix}'] = ('load', size)
        LOONGARCH[f'{base}.{suffix}u'] = ('load', size)
    for base in ('st', 'stx', 'stptr'):
        LOONGARCH[f'{base}.{suffix}'] = ('store', size)
X86_SIZE = {'movzbl': 1, 'movzwl': 2, 'movb': 1, 'movw': 2, 'movl': 4, 'movq': 8}


def access(isa, mnemonic, operands):
    """(kind, bytes) of a memory access, ('other', 0) for one we do not
    expect, or None for an instruction that does not touch memory."""
    if isa == 'riscv64':
        return RISCV.get(mnemonic) or (('other', 0) if '(' in operands else None)
    if isa == 'loongarch64':
        if mnemonic in LOONGARCH:
            return LOONGARCH[mnemonic]
        return ('other', 0) if mnemonic.startswith(('ld', 'st', 'am', 'll', 'sc')) else None
    if '(' not in operands or mnemonic.startswith(('nop', 'lea')):
        return None
    kind = 'load' if operands.index('(') < operands.find(',') else 'store'
    return (kind, X86_SIZE.get(mnemonic, 0)) if mnemonic in X86_SIZE else ('other', 0)


# The cmpxchg's registers (user pointer, out pointer) and its atomic
# accesses of the user pointer, in order.
CMPXCHG = {
    'x86_64': ('%rdi', '%rcx', ['lock cmpxchgl']),
    'riscv64': ('a0', 'a3', ['lr.w', 'sc.w']),
    'loongarch64': ('$a0', '$a3', ['ll.w', 'sc.w']),
}
CMPXCHG_OUT_STORE = {'x86_64': 'movl', 'riscv64': 'sw', 'loongarch64': 'st.w'}


def base_register(isa, operands):
    """The address register of a memory operand."""
    if isa == 'loongarch64':
        return operands.split(',')[1].strip()
    return re.search(r'\(([^),]+)', operands).group(1).strip()


def check_cmpxchg(isa, insns):
    """Problems with the cmpxchg's memory accesses, or [] (with a summary)."""
    user, out, want = CMPXCHG[isa]
    # x86: objdump prints the lock prefix as an instruction of its own.
    merged = []
    for m, ops in insns:
        if merged and merged[-1][0] == 'lock':
            merged[-1] = ('lock ' + m, ops)
        else:
            merged.append((m, ops))
    atomics, problems = [], []
    for m, ops in merged:
        if isa == 'riscv64':
            m = re.sub(r'\.(aq|rl|aqrl)$', '', m)
        is_access = (access(isa, m, ops) is not None or m.startswith('lock ')
                     or m in want)
        if not is_access:
            continue
        reg = base_register(isa, ops)
        if reg == user:
            atomics.append(m)
        elif not (reg == out and m == CMPXCHG_OUT_STORE[isa]):
            problems.append(f'{m} {ops}')
    if atomics != want:
        problems.append(f'user-pointer accesses {atomics}, want {want}')
    return atomics, problems


def functions(objdump, lib):
    out = subprocess.run([objdump, '-d', '--no-show-raw-insn', lib], check=True,
                         capture_output=True, text=True).stdout
    funcs, name = {}, None
    for line in out.splitlines():
        head = re.match(r'^[0-9a-f]+ <([^>]+)>:$', line)
        if head:
            if head.group(1).startswith('.L'):
                continue  # a local label kept for a relocation: same function
            name = head.group(1)
            funcs[name] = []
            continue
        insn = re.match(r'^\s*[0-9a-f]+:\s+(\S+)\s*(.*)$', line)
        if name and insn:
            funcs[name].append((insn.group(1), insn.group(2)))
    return funcs


def main():
    objdump, isa, lib = sys.argv[1:4]
    funcs = functions(objdump, lib)
    passed = failed = 0
    for kind in ('load', 'store'):
        for bits in (8, 16, 32, 64):
            for suffix in ('', '_fallible'):
                name = f'vmio_arch_{kind}_u{bits}{suffix}'
                accesses = [(a, m) for m, ops in funcs.get(name, [])
                            if (a := access(isa, m, ops))]
                mine = [a for a, _ in accesses if a[0] == kind]
                other = [m for a, m in accesses
                         if a[0] == 'other' or (kind == 'store' and a[0] == 'load')]
                ok = (name in funcs and mine == [(kind, bits // 8)] and not other)
                print(f"{'ok  ' if ok else 'FAIL'} {name}: {[m for _, m in accesses]}")
                passed += ok
                failed += not ok
    name = 'vmio_arch_cmpxchg_u32_fallible'
    atomics, problems = check_cmpxchg(isa, funcs.get(name, []))
    ok = name in funcs and not problems
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {atomics} {problems or ''}")
    passed += ok
    failed += not ok
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
