/*
 * int vmio_arch_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
 *                                    uint32_t desired, uint32_t *old)
 *
 *   a0 p, a1 expected, a2 desired, a3 old
 *   t0 value found, t1 value to store, then the sc.w status
 *   t6 SSTATUS_SUM
 *
 * An lr.w/sc.w loop (both acquire-release) inside the user-access window;
 * either may fault.  Returns 0 with the value found in *old, or
 * VMIO_EFAULT (-14) with *old untouched.  Like x86's lock cmpxchg, a
 * mismatch still stores (the value found, back in place): the operation
 * needs write access whatever the outcome, so a read-only page always
 * gives VMIO_EFAULT, on every ISA.
 */
#include "asm.h"

	.option norelax
	.text
FUNC(vmio_arch_cmpxchg_u32_fallible)
	sext.w	a1, a1			/* lr.w sign-extends what it loads */
	li	t6, SSTATUS_SUM
	csrs	sstatus, t6
1:	lr.w.aqrl	t0, (a0)
	VMIO_EX_AT(vmio_arch_cmpxchg_u32_fallible, 1b, 4f)
	mv	t1, a2
	beq	t0, a1, 2f
	mv	t1, t0			/* mismatch: store back what was there */
2:	sc.w.aqrl	t1, t1, (a0)
	VMIO_EX_AT(vmio_arch_cmpxchg_u32_fallible, 2b, 4f)
	bnez	t1, 1b			/* reservation lost: try again */
	csrc	sstatus, t6
	sw	t0, 0(a3)
	li	a0, 0
	ret

4:	csrc	sstatus, t6		/* after a fault */
	li	a0, VMIO_EFAULT
	ret
ENDFUNC(vmio_arch_cmpxchg_u32_fallible)
