/*
 * Atomic accesses at the cursor of a fallible reader or writer: the C
 * counterpart of Asterinas OSTD's VmReader<Fallible>::atomic_load and
 * VmWriter<Fallible>::atomic_compare_exchange, and of Linux's futex
 * operations (arch_futex_atomic_op_inuser).  They are for futexes and other
 * words that user space shares with the kernel.
 *
 * Each makes one atomic access of a naturally aligned word at the cursor,
 * which never moves.  Each returns VMIO_EINVAL, touching no memory, when
 * fewer bytes than the word's size remain or the cursor is not a multiple
 * of it; VMIO_EFAULT on a fault, with nothing written and *val / *old
 * untouched; else 0 with the value found in *val / *old.  Values are
 * compared and returned as the unsigned types they are: 0xffffffff and
 * 0x80000000 are values like any other.
 */
#ifndef VMIO_ATOMIC_H
#define VMIO_ATOMIC_H

#include <stdint.h>

#include "vmio/reader.h"

/*
 * Load the word at the cursor with one single-copy-atomic load (it never
 * tears), with no ordering: a relaxed load, as Linux's get_user and the
 * futex code's get_futex_value_locked, and Asterinas's atomic_load.  (On
 * x86_64 every load is also an acquire; on riscv64 and loongarch64 it is
 * not.)  A futex wait needs more than acquire anyway: a full barrier
 * between queueing the waiter and this load (Linux's smp_mb() in
 * futex_wait_setup, or the bucket lock both sides take), else a waker's
 * store and wake can both be missed; acquire orders only later accesses
 * after the load.  A kernel that reads a user-published index and then the
 * data it guards puts an acquire fence after the load itself (Linux:
 * smp_rmb() / smp_load_acquire).  The compare-exchange and fetch ops below
 * are full barriers on every ISA.
 */
/*@ requires \valid(r) && vm_inv(&r->r) && \valid(val) && \separated(r, val);
    assigns *val;
    exits \false;
    behavior done:
      assumes 4 <= vm_left(&r->r) && r->r.cursor % 4 == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result != 0 ==> *val == \old(*val);
    behavior refused:
      assumes !(4 <= vm_left(&r->r) && r->r.cursor % 4 == 0);
      ensures \result == VMIO_EINVAL && *val == \old(*val);
    complete behaviors;
    disjoint behaviors; */
int vm_freader_atomic_load_u32(struct vm_freader *r, uint32_t *val);
/*@ requires \valid(r) && vm_inv(&r->r) && \valid(val) && \separated(r, val);
    assigns *val;
    exits \false;
    behavior done:
      assumes 8 <= vm_left(&r->r) && r->r.cursor % 8 == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result != 0 ==> *val == \old(*val);
    behavior refused:
      assumes !(8 <= vm_left(&r->r) && r->r.cursor % 8 == 0);
      ensures \result == VMIO_EINVAL && *val == \old(*val);
    complete behaviors;
    disjoint behaviors; */
int vm_freader_atomic_load_u64(struct vm_freader *r, uint64_t *val);
#define vm_freader_atomic_load_u32(r, val) \
	vm_freader_atomic_load_u32(VMIO_ONLY(vm_freader, r), (val))
#define vm_freader_atomic_load_u64(r, val) \
	vm_freader_atomic_load_u64(VMIO_ONLY(vm_freader, r), (val))

/*
 * Atomically: *old = the word at the cursor; if it equals expected, store
 * desired.  A comparison that fails needs write access too: a read-only
 * page is VMIO_EFAULT whatever the values.
 */
/*@ requires \valid(w) && vm_inv(&w->r) && vm_apart(&w->r) && \valid(old);
    requires \separated(w, old) && \separated(old, (uint32_t *)w->r.cursor);
    assigns *(uint32_t *)w->r.cursor, *old;
    exits \false;
    behavior done:
      assumes 4 <= vm_left(&w->r) && w->r.cursor % 4 == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> *old == \old(*(uint32_t *)w->r.cursor) &&
        *(uint32_t *)w->r.cursor == (*old == expected ? desired : *old);
      ensures \result != 0 ==> *old == \old(*old) &&
        *(uint32_t *)w->r.cursor == \old(*(uint32_t *)w->r.cursor);
    behavior refused:
      assumes !(4 <= vm_left(&w->r) && w->r.cursor % 4 == 0);
      ensures \result == VMIO_EINVAL && *old == \old(*old);
      ensures *(uint32_t *)w->r.cursor == \old(*(uint32_t *)w->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_fwriter_atomic_cmpxchg_u32(struct vm_fwriter *w, uint32_t expected,
				  uint32_t desired, uint32_t *old);
/*@ requires \valid(w) && vm_inv(&w->r) && vm_apart(&w->r) && \valid(old);
    requires \separated(w, old) && \separated(old, (uint64_t *)w->r.cursor);
    assigns *(uint64_t *)w->r.cursor, *old;
    exits \false;
    behavior done:
      assumes 8 <= vm_left(&w->r) && w->r.cursor % 8 == 0;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> *old == \old(*(uint64_t *)w->r.cursor) &&
        *(uint64_t *)w->r.cursor == (*old == expected ? desired : *old);
      ensures \result != 0 ==> *old == \old(*old) &&
        *(uint64_t *)w->r.cursor == \old(*(uint64_t *)w->r.cursor);
    behavior refused:
      assumes !(8 <= vm_left(&w->r) && w->r.cursor % 8 == 0);
      ensures \result == VMIO_EINVAL && *old == \old(*old);
      ensures *(uint64_t *)w->r.cursor == \old(*(uint64_t *)w->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_fwriter_atomic_cmpxchg_u64(struct vm_fwriter *w, uint64_t expected,
				  uint64_t desired, uint64_t *old);
#define vm_fwriter_atomic_cmpxchg_u32(w, expected, desired, old) \
	vm_fwriter_atomic_cmpxchg_u32(VMIO_ONLY(vm_fwriter, w), (expected), (desired), (old))
#define vm_fwriter_atomic_cmpxchg_u64(w, expected, desired, old) \
	vm_fwriter_atomic_cmpxchg_u64(VMIO_ONLY(vm_fwriter, w), (expected), (desired), (old))

/* The futex operations, numbered as Linux's FUTEX_OP_SET ... FUTEX_OP_XOR. */
#define VMIO_ATOMIC_SET 0  /* new = arg */
#define VMIO_ATOMIC_ADD 1  /* new = old + arg (wrapping) */
#define VMIO_ATOMIC_OR 2   /* new = old | arg */
#define VMIO_ATOMIC_ANDN 3 /* new = old & ~arg */
#define VMIO_ATOMIC_XOR 4  /* new = old ^ arg */

/*
 * Atomically: *old = the 32-bit word at the cursor, which becomes
 * (old op arg), with one atomic read-modify-write.  An op other than the
 * five above is VMIO_EINVAL, touching no memory.
 */
/*@ requires \valid(w) && vm_inv(&w->r) && vm_apart(&w->r) && \valid(old);
    requires \separated(w, old) && \separated(old, (uint32_t *)w->r.cursor);
    assigns *(uint32_t *)w->r.cursor, *old;
    exits \false;
    behavior done:
      assumes 4 <= vm_left(&w->r) && w->r.cursor % 4 == 0;
      assumes VMIO_ATOMIC_SET <= op <= VMIO_ATOMIC_XOR;
      ensures \result == 0 || \result == VMIO_EFAULT;
      ensures \result == 0 ==> *old == \old(*(uint32_t *)w->r.cursor);
      ensures \result == 0 ==> *(uint32_t *)w->r.cursor == (
        op == VMIO_ATOMIC_SET ? arg :
        op == VMIO_ATOMIC_ADD ? (uint32_t)(*old + arg) :
        op == VMIO_ATOMIC_OR ? (uint32_t)(*old | arg) :
        op == VMIO_ATOMIC_ANDN ? (uint32_t)(*old & ~arg) : (uint32_t)(*old ^ arg));
      ensures \result != 0 ==> *old == \old(*old) &&
        *(uint32_t *)w->r.cursor == \old(*(uint32_t *)w->r.cursor);
    behavior refused:
      assumes !(4 <= vm_left(&w->r) && w->r.cursor % 4 == 0 &&
        VMIO_ATOMIC_SET <= op <= VMIO_ATOMIC_XOR);
      ensures \result == VMIO_EINVAL && *old == \old(*old);
      ensures *(uint32_t *)w->r.cursor == \old(*(uint32_t *)w->r.cursor);
    complete behaviors;
    disjoint behaviors; */
int vm_fwriter_atomic_fetch_op_u32(struct vm_fwriter *w, int op, uint32_t arg, uint32_t *old);
#define vm_fwriter_atomic_fetch_op_u32(w, op, arg, old) \
	vm_fwriter_atomic_fetch_op_u32(VMIO_ONLY(vm_fwriter, w), (op), (arg), (old))

#endif
