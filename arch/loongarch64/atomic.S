/*
 * The fallible 64-bit compare-exchange and the futex operations on a
 * 32-bit word.
 *
 *   int vmio_arch_cmpxchg_u64_fallible(uint64_t *p, uint64_t expected,
 *                                      uint64_t desired, uint64_t *old)
 *       a0 p, a1 expected, a2 desired, a3 old
 *       t0 value found, t1 value to store; sc.d leaves 1 there on success
 *   int vmio_arch_fetch_OP_u32_fallible(uint32_t *p, uint32_t arg,
 *                                       uint32_t *old)
 *       a0 p, a1 arg (inverted for ANDN), a2 old; t0 value found
 *
 * The compare-exchange is an ll.d/sc.d loop between full barriers that,
 * like the 32-bit one, stores the value found back on a mismatch, so a
 * read-only page always faults.  Each futex op is one AM*_DB.W (amswap,
 * amadd, amor, amand with ~arg, amxor), a fully ordered atomic that
 * faults as a store and then writes nothing.  Each returns 0 with the
 * value found in *old, or VMIO_EFAULT (-14) with *old untouched.
 */
#include "asm.h"

	.text

FUNC(vmio_arch_cmpxchg_u64_fallible)
	dbar	0
1:	ll.d	$t0, $a0, 0
	VMIO_EX(1b, .Latomic_fault)
	move	$t1, $a2
	beq	$t0, $a1, 2f
	move	$t1, $t0		/* mismatch: store back what was there */
2:	sc.d	$t1, $a0, 0
	VMIO_EX(2b, .Latomic_fault)
	beqz	$t1, 1b			/* another agent wrote: try again */
	dbar	0
	st.d	$t0, $a3, 0
	move	$a0, $zero
	ret
ENDFUNC(vmio_arch_cmpxchg_u64_fallible)

/* FETCH name, amo[, setup]: one AMO on *p; the old value to *old. */
.macro FETCH name, amo, setup
FUNC(vmio_arch_fetch_\name\()_u32_fallible)
	\setup
1:	\amo	$t0, $a1, $a0
	VMIO_EX(1b, .Latomic_fault)
	st.w	$t0, $a2, 0
	move	$a0, $zero
	ret
ENDFUNC(vmio_arch_fetch_\name\()_u32_fallible)
.endm

FETCH set, amswap_db.w
FETCH add, amadd_db.w
FETCH or, amor_db.w
FETCH andn, amand_db.w, "nor $a1, $a1, $zero"
FETCH xor, amxor_db.w

/* Every access above resumes here after a fault. */
.Latomic_fault:
	li.w	$a0, VMIO_EFAULT
	ret
