/*
 * The fallible 64-bit compare-exchange and the futex operations on a
 * 32-bit word, inside the user-access window (sstatus.SUM).
 *
 *   int vmio_arch_cmpxchg_u64_fallible(uint64_t *p, uint64_t expected,
 *                                      uint64_t desired, uint64_t *old)
 *       a0 p, a1 expected, a2 desired, a3 old
 *       t0 value found, t1 value to store, then the sc.d status
 *   int vmio_arch_fetch_OP_u32_fallible(uint32_t *p, uint32_t arg,
 *                                       uint32_t *old)
 *       a0 p, a1 arg (inverted for ANDN), a2 old; t0 value found
 *   t6 SSTATUS_SUM
 *
 * The compare-exchange is an lr.d/sc.d loop (acquire-release) that, like
 * the 32-bit one, stores the value found back on a mismatch, so a
 * read-only page always faults.  Each futex op is one AMO (amoswap,
 * amoadd, amoor, amoand with ~arg, amoxor; .w.aqrl), which faults as a
 * store and then writes nothing.  Each returns 0 with the value found in
 * *old, or VMIO_EFAULT (-14) with *old untouched.
 */
#include "asm.h"

	.option norelax
	.text
FUNC(vmio_arch_cmpxchg_u64_fallible)
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
1:	lr.d.aqrl	t0, (a0)
	VMIO_EX_AT(vmio_arch_cmpxchg_u64_fallible, 1b, 4f)
	mv	t1, a2
	beq	t0, a1, 2f
	mv	t1, t0			/* mismatch: store back what was there */
2:	sc.d.aqrl	t1, t1, (a0)
	VMIO_EX_AT(vmio_arch_cmpxchg_u64_fallible, 2b, 4f)
	bnez	t1, 1b			/* reservation lost: try again */
	csrc	sstatus, t6
	sd	t0, 0(a3)
	li	a0, 0
	ret

4:	csrc	sstatus, t6		/* after a fault */
	li	a0, VMIO_EFAULT
	ret
ENDFUNC(vmio_arch_cmpxchg_u64_fallible)

/* FETCH name, amo[, setup]: one AMO on *p; the old value to *old. */
.macro FETCH name, amo, setup
FUNC(vmio_arch_fetch_\name\()_u32_fallible)
	\setup
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
1:	\amo	t0, a1, (a0)
	VMIO_EX_AT(vmio_arch_fetch_\name\()_u32_fallible, 1b, 2f)
	csrc	sstatus, t6
	sw	t0, 0(a2)
	li	a0, 0
	ret
2:	csrc	sstatus, t6		/* after a fault */
	li	a0, VMIO_EFAULT
	ret
ENDFUNC(vmio_arch_fetch_\name\()_u32_fallible)
.endm

FETCH set, amoswap.w.aqrl
FETCH add, amoadd.w.aqrl
FETCH or, amoor.w.aqrl
FETCH andn, amoand.w.aqrl, "not a1, a1"
FETCH xor, amoxor.w.aqrl
