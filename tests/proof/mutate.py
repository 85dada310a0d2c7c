#!/usr/bin/env python3
"""Mutation check of the proofs (docs/VERIFICATION.md "Mutation check").

usage: mutate.py [SRCDIR] [WORKDIR] [NAME...]

Applies one-line mutants to the files of lib/ (flip a comparison, drop a
statement, change a constant, return another code), each in a private copy
of the sources, and proves the mutated function with tests/proof/wp.py
--broken: a mutant is killed when the proof ran and left goals unproven.
A parse error or a mutant whose text is not found is an error, not a kill.
Mutants marked `survives` are known survivors, each with the reason the
contracts cannot catch it; they are run and reported, and fail the check
only if they start being killed (then move them to the killed list).
`any`: a survivor whose proof z3 may fail on anyway (reported, never fails).
Ends with "N passed, N failed" (mutants as expected, not as expected).
NAME... runs only those mutants.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

CAST = ['-wp-model', 'Typed+cast']
# The byte-order goals of lib/pod/pod.c are nonlinear: z3 4.8.12 fails them, CVC4 proves them.
POD = ['--provers=z3,cvc4'] + CAST + ['-wp-timeout', '30']
IOV = ['--provers=z3,cvc4'] + CAST + ['-wp-split', '-wp-timeout', '20']

# (name, file, function proven, old text, new text, extra frama-c args, expect, why)
MUTANTS = [
    ('cursor-kernel-wrap', 'lib/vmio/cursor.c', 'vmio_range_kernel',
     'if (len > UINTPTR_MAX - ptr)', 'if (len >= UINTPTR_MAX - ptr)', [], 'killed', ''),
    ('cursor-skip-bound', 'lib/vmio/cursor.c', 'range_skip',
     'if (n > range_left(x)) {', 'if (n >= range_left(x)) {', [], 'killed', ''),
    ('transfer-copy-cursor', 'lib/vmio/transfer.c', 'vmio_range_copy',
     'dst->cursor += done;', 'dst->cursor += len;', [], 'killed', ''),
    ('transfer-whole-einval', 'lib/vmio/transfer.c', 'vmio_range_read_whole',
     'return VMIO_EINVAL; /* before val is touched */', 'return VMIO_EFAULT;', [], 'killed', ''),
    ('once-room', 'lib/vmio/once.c', 'once_check',
     'range_left(x) < size)', 'range_left(x) <= size)', CAST, 'killed', ''),
    ('io-write-vals-result', 'lib/vmio/io.c', 'vmio_write_vals',
     'return *written ? 0 : err;', 'return err;', CAST, 'killed', ''),
    ('io-fill-overflow', 'lib/vmio/io.c', 'vmio_fill_zeros',
     'if (offset > SIZE_MAX - len)\n\t\treturn VMIO_EOVERFLOW;',
     'if (offset > SIZE_MAX - len)\n\t\treturn VMIO_EINVAL;', CAST, 'killed', ''),
    ('segment-bound', 'lib/vmio/segment.c', 'seg_check',
     'offset + len <= vmio_segment_size(seg)', 'offset + len < vmio_segment_size(seg)', CAST,
     'killed', ''),
    ('pod-load-index', 'lib/pod/pod.c', 'vmio_pod_once_load',
     'v = v * 256 + b[i - 1];', 'v = v * 256 + b[i];', POD, 'killed', ''),
    ('pod-store-value', 'lib/pod/pod.c', 'vmio_pod_once_store',
     'b[i] = (uint8_t)(v % 256);', 'b[i] = 0;', POD, 'killed', ''),
    ('string-strnlen-len', 'lib/vmio/string.c', 'vm_freader_strnlen',
     'if (!err)\n\t\t*len = n;', 'if (1)\n\t\t*len = n;', [], 'killed', ''),
    ('atomic-align', 'lib/vmio/atomic.c', 'atomic_check',
     'if (range_left(x) < size || x->cursor % size)', 'if (range_left(x) < size)', [],
     'killed', ''),
    ('user-range-end', 'lib/vmio/user_range.c', 'vmio_range_user',
     'ptr > b.end ||', 'ptr >= b.end ||', [], 'killed', ''),
    ('user-range-bare-closed', 'lib/vmio/user_range.c', 'vmio_range_user',
     'if (b.closed > 0)', 'if (b.closed > 1)', ['--bare'], 'killed', ''),
    ('uaccess-from-user-result', 'lib/vmio/uaccess.c', 'vmio_copy_from_user',
     'zero((char *)to + done, n - done);\n\treturn n - done;',
     'zero((char *)to + done, n - done);\n\treturn 0;', CAST, 'killed', ''),
    ('mmio-bound', 'lib/vmio/mmio.c', 'mmio_check',
     'return offset + len <= m->size ? 0 : VMIO_EINVAL;',
     'return offset + len < m->size ? 0 : VMIO_EINVAL;', CAST, 'killed', ''),
    ('mmio-once-align', 'lib/vmio/mmio.c', 'mmio_once_check',
     'if (!VMIO_IS_POD_ONCE_SIZE(size) || (m->base + offset) % size)',
     'if (!VMIO_IS_POD_ONCE_SIZE(size))', CAST, 'killed', ''),
    ('mmio-read-fault', 'lib/vmio/mmio.c', 'mmio_read',
     'err = vm_reader_read_fallible(&r, w, &n);\n\t\tif (err)\n\t\t\treturn err;',
     'err = vm_reader_read_fallible(&r, w, &n);', CAST, 'killed', ''),
    ('mmio-fill-end', 'lib/vmio/mmio.c', 'mmio_fill_zeros',
     'for (i = offset; i < end; i += size) {\n\t\tsize = vmio_mmio_chunk(base + i, end - i);\n\t\tmmio_store(',
     'for (i = offset; i < end; i += size) {\n\t\tsize = vmio_mmio_chunk(base + i, end - i + 1);\n\t\tmmio_store(',
     CAST, 'killed', ''),
    # Scatter/gather's copy: in its turn a cursor one byte too far; in its
    # loop an off-by-one in the switch to the next segment, a segment skipped
    # (proven with z3 and cvc4, as wp-iovec proves it).
    ('iovec-step-off', 'lib/vmio/iovec.c', 'iov_step',
     'it->off += *k;', 'it->off += *k + 1;', IOV, 'killed', ''),
    ('iovec-copy-switch', 'lib/vmio/iovec.c', 'iov_copy',
     'if (it->off == it->iov->len) { /* done, or empty: the next one */',
     'if (it->off + 1 >= it->iov->len) { /* done, or empty: the next one */', IOV,
     'killed', ''),
    ('iovec-copy-skip-two', 'lib/vmio/iovec.c', 'iov_copy',
     'it->iov++;', 'it->iov += 2;', IOV, 'killed', ''),
    # The three of issue 17.
    ('iovec-init-left', 'lib/vmio/iovec.c', 'iov_init',
     '*it = (struct vm_iov_range){ iov, n, 0, total };',
     '*it = (struct vm_iov_range){ iov, n, 0, total + (n > 1) };', IOV, 'killed', ''),
    ('struct-e2big-zero-tail', 'lib/vmio/struct.c', 'read_struct',
     'if (!zeroed)\n\t\t\treturn VMIO_E2BIG;', 'if (zeroed)\n\t\t\treturn VMIO_E2BIG;', [],
     'killed', ''),
    ('struct-zeroed-no-early-stop', 'lib/vmio/struct.c', 'range_zeroed',
     'if (v || x->end - a <= WORD)', 'if (x->end - a <= WORD)', [], 'killed', ''),
    ('struct-zeroed-head', 'lib/vmio/struct.c', 'range_zeroed',
     'a < x->cursor ? x->cursor - a : 0', '0', [], 'killed', ''),
    ('struct-word-tail-mask', 'lib/vmio/struct.c', 'word_bytes',
     'v &= ~(uint64_t)0 >> (64 - 8 * hi);', 'v &= ~(uint64_t)0 >> (72 - 8 * hi);', [],
     'killed', ''),
    ('uaccess-struct-e2big', 'lib/vmio/uaccess.c', 'vmio_copy_struct_from_user',
     'return ret ? ret : VMIO_E2BIG;', 'return ret ? VMIO_E2BIG : ret;', CAST, 'killed', ''),
    ('struct-no-kernel-tail', 'lib/vmio/struct.c', 'read_struct',
     'left = __memset_fallible((char *)val + n, 0, ksize - n);', 'left = 0;', [], 'killed', ''),
    ('struct-kernel-zeroed-byte0', 'lib/vmio/struct.c', 'kernel_zeroed',
     'for (i = 0; i < len; i++)', 'for (i = 1; i < len; i++)', [], 'killed', ''),
]


def main():
    args = sys.argv[1:]
    srcdir = os.path.abspath(args[0] if args else '.')
    work = os.path.abspath(args[1] if len(args) > 1 else
                           os.path.join(srcdir, 'build', 'mutate'))
    only = set(args[2:])
    os.makedirs(work, exist_ok=True)
    wp = os.path.join(srcdir, 'tests', 'proof', 'wp.py')
    ok = bad = killed = total = 0
    survivors = []
    start = time.monotonic()
    for name, path, fct, old, new, extra, expect, why in MUTANTS:
        if only and name not in only:
            continue
        total += 1
        text = open(os.path.join(srcdir, path)).read()
        if text.count(old) != 1:
            print(f'{name}: ERROR: the text to mutate occurs {text.count(old)} times in {path}')
            bad += 1
            continue
        tree = tempfile.mkdtemp(prefix='mut-', dir=work)
        for d in ('include', 'lib', 'arch/common'):
            shutil.copytree(os.path.join(srcdir, d), os.path.join(tree, d))
        with open(os.path.join(tree, path), 'w') as f:
            f.write(text.replace(old, new))
        t = time.monotonic()
        opts = [a for a in extra if a.startswith('--')]  # wp.py's: --bare, --provers=
        extra = [a for a in extra if not a.startswith('--')]
        p = subprocess.run([sys.executable, wp, tree, work, '--broken', *opts, path, '--',
                            '-wp-fct', fct, *extra],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        took = time.monotonic() - t
        shutil.rmtree(tree)
        ran = 'wp: ' in p.stdout and 'goals proven' in p.stdout
        if not ran:
            print(p.stdout[-2000:])
            print(f'{name}: ERROR: the proof did not run')
            bad += 1
            continue
        dead = p.returncode == 1
        killed += dead
        unproven = [l.split('Goal ')[1].split()[0] for l in p.stdout.splitlines()
                    if '] Goal ' in l]
        if dead:
            print(f'{name} ({path}, {fct}): killed in {took:.0f} s; unproven: '
                  f'{", ".join(unproven[:3])}')
        else:
            print(f'{name} ({path}, {fct}): SURVIVED in {took:.0f} s'
                  + (f' (known: {why})' if why else ''))
            survivors.append(name)
        if expect == 'any' or (expect == 'killed') == dead:
            ok += 1
        else:
            bad += 1
            print(f'{name}: expected {expect}')
    print(f'mutation score: {killed} / {total} killed; survivors: '
          f'{", ".join(survivors) or "none"}; {time.monotonic() - start:.0f} s wall')
    print(f'{ok} passed, {bad} failed')
    return 0 if bad == 0 else 1


if __name__ == '__main__':
    sys.exit(main())
