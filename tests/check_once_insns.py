#!/usr/bin/env python3
"""Check in the disassembly of libvmio.a that every once-access is one
instruction of the right width.

usage: check_once_insns.py <objdump> <isa> <libvmio.a>

For vmio_arch_{load,store}_u{8,16,32,64}[_fallible]: a load function makes
exactly one load, of its width (a fallible load may also store the value to
*out); a store function makes exactly one store, of its width, and no load.
The atomics (vmio_arch_cmpxchg_u{32,64}_fallible and the futex ops
vmio_arch_fetch_{set,add,or,andn,xor}_u32_fallible) access the user pointer
(first argument) only through their atomic instructions: one `lock cmpxchg`
(x86_64), or one lr and one sc (riscv64, both .aqrl), one ll and one sc
(loongarch64); one AMO for a futex op (riscv64 amo*.w.aqrl, loongarch64
am*_db.w; x86_64 xchgl or lock xaddl, or one plain load and one lock
cmpxchgl for OR, ANDN and XOR).  Their only other access is the store of
the value found, of its width, through the out pointer (last argument).
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


# Each atomic: (user pointer register, out pointer register, its accesses
# of the user pointer in order, the store of the value found through out).
def atomics(isa):
    table = {}
    if isa == 'x86_64':
        table['cmpxchg_u32'] = ('%rdi', '%rcx', ['lock cmpxchgl'], 'movl')
        table['cmpxchg_u64'] = ('%rdi', '%rcx', ['lock cmpxchgq'], 'movq')
        loop = ['movl', 'lock cmpxchgl']
        for op, want in (('set', ['xchgl']), ('add', ['lock xaddl']),
                         ('or', loop), ('andn', loop), ('xor', loop)):
            table[f'fetch_{op}_u32'] = ('%rdi', '%rdx', want, 'movl')
    elif isa == 'riscv64':
        table['cmpxchg_u32'] = ('a0', 'a3', ['lr.w.aqrl', 'sc.w.aqrl'], 'sw')
        table['cmpxchg_u64'] = ('a0', 'a3', ['lr.d.aqrl', 'sc.d.aqrl'], 'sd')
        for op, amo in (('set', 'amoswap'), ('add', 'amoadd'), ('or', 'amoor'),
                        ('andn', 'amoand'), ('xor', 'amoxor')):
            table[f'fetch_{op}_u32'] = ('a0', 'a2', [amo + '.w.aqrl'], 'sw')
    else:
        table['cmpxchg_u32'] = ('$a0', '$a3', ['ll.w', 'sc.w'], 'st.w')
        table['cmpxchg_u64'] = ('$a0', '$a3', ['ll.d', 'sc.d'], 'st.d')
        for op, amo in (('set', 'amswap'), ('add', 'amadd'), ('or', 'amor'),
                        ('andn', 'amand'), ('xor', 'amxor')):
            table[f'fetch_{op}_u32'] = ('$a0', '$a2', [amo + '_db.w'], 'st.w')
    return {f'vmio_arch_{k}_fallible': v for k, v in table.items()}


def base_register(isa, mnemonic, operands):
    """The address register of a memory operand."""
    if isa == 'loongarch64':
        regs = [r.strip() for r in operands.split(',')]
        return regs[2] if mnemonic.startswith('am') else regs[1]
    return re.search(r'\(([^),]+)', operands).group(1).strip()


def check_atomic(isa, spec, insns):
    """Problems with an atomic's memory accesses, or [] (with a summary)."""
    user, out, want, out_store = spec
    # x86: objdump prints the lock prefix as an instruction of its own.
    merged = []
    for m, ops in insns:
        if merged and merged[-1][0] == 'lock':
            merged[-1] = ('lock ' + m, ops)
        else:
            merged.append((m, ops))
    found, problems = [], []
    for m, ops in merged:
        if access(isa, m, ops) is None and not m.startswith('lock '):
            continue
        reg = base_register(isa, m, ops)
        if reg == user:
            found.append(m)
        elif not (reg == out and m == out_store):
            problems.append(f'{m} {ops}')
    if found != want:
        problems.append(f'user-pointer accesses {found}, want {want}')
    return found, problems


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
    for name, spec in atomics(isa).items():
        found, problems = check_atomic(isa, spec, funcs.get(name, []))
        ok = name in funcs and not problems
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {found} {problems or ''}")
        passed += ok
        failed += not ok
    print(f'{passed} passed, {failed} failed')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
