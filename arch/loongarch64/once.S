/*
 * Single-instruction loads and stores of 1, 2, 4 and 8 bytes, and the
 * fallible 32-bit compare-exchange.  Each access below is exactly one
 * instruction of its width.
 *
 *   uintN_t vmio_arch_load_uN(const volatile void *p)           a0 p
 *   void vmio_arch_store_uN(volatile void *p, uintN_t v)        a0 p, a1 v
 *   int vmio_arch_load_uN_fallible(const void *p, uintN_t *out)  a0 p, a1 out
 *   int vmio_arch_store_uN_fallible(void *p, uintN_t v)          a0 p, a1 v
 * The fallible ones return 0 in a0, or VMIO_EFAULT (-14) after a fault;
 * t0 holds a loaded value until it is known good.
 */
#include "asm.h"

	.text

/*
 * ONCE_INFALLIBLE bits, load, store.  The LP64 psABI extends a returned
 * value by its type to 32 bits, then sign-extends that to 64: uint8_t and
 * uint16_t come back zero-extended (ld.bu, ld.hu), uint32_t sign-extended
 * (ld.w, not ld.wu: callers compare the whole register).
 */
.macro ONCE_INFALLIBLE bits, load, store
FUNC(vmio_arch_load_u\bits)
	\load	$a0, $a0, 0
	ret
ENDFUNC(vmio_arch_load_u\bits)

FUNC(vmio_arch_store_u\bits)
	\store	$a1, $a0, 0
	ret
ENDFUNC(vmio_arch_store_u\bits)
.endm

ONCE_INFALLIBLE 8,  ld.bu, st.b
ONCE_INFALLIBLE 16, ld.hu, st.h
ONCE_INFALLIBLE 32, ld.w,  st.w
ONCE_INFALLIBLE 64, ld.d,  st.d

/* ONCE_FALLIBLE: the same accesses, marked; *out is written after the load
 * (through memory, so the register form of t0 does not matter). */
.macro ONCE_FALLIBLE bits, load, store
FUNC(vmio_arch_load_u\bits\()_fallible)
1:	\load	$t0, $a0, 0
	VMIO_EX(1b, .Lonce_fault)
	\store	$t0, $a1, 0
	move	$a0, $zero
	ret
ENDFUNC(vmio_arch_load_u\bits\()_fallible)

FUNC(vmio_arch_store_u\bits\()_fallible)
2:	\store	$a1, $a0, 0
	VMIO_EX(2b, .Lonce_fault)
	move	$a0, $zero
	ret
ENDFUNC(vmio_arch_store_u\bits\()_fallible)
.endm

ONCE_FALLIBLE 8,  ld.bu, st.b
ONCE_FALLIBLE 16, ld.hu, st.h
ONCE_FALLIBLE 32, ld.wu, st.w
ONCE_FALLIBLE 64, ld.d,  st.d

/*
 * int vmio_arch_cmpxchg_u32_fallible(uint32_t *p, uint32_t expected,
 *                                    uint32_t desired, uint32_t *old)
 *   a0 p, a1 expected, a2 desired, a3 old
 *   t0 the value found (ll.w sign-extends it, so expected is too)
 *   t1 the value to store conditionally; sc.w leaves 1 there on success
 *
 * Like x86's lock cmpxchg, a mismatch still stores (the value found, back
 * in place): the operation needs write access whatever the outcome, so a
 * read-only page always gives VMIO_EFAULT.  If another agent wrote in
 * between, the sc.w fails and we read again.
 */
FUNC(vmio_arch_cmpxchg_u32_fallible)
	addi.w	$a1, $a1, 0
	dbar	0
3:	ll.w	$t0, $a0, 0
	VMIO_EX(3b, .Lonce_fault)
	move	$t1, $a2
	beq	$t0, $a1, 4f
	move	$t1, $t0
4:	sc.w	$t1, $a0, 0
	VMIO_EX(4b, .Lonce_fault)
	beqz	$t1, 3b
	dbar	0
	st.w	$t0, $a3, 0
	move	$a0, $zero
	ret
ENDFUNC(vmio_arch_cmpxchg_u32_fallible)

/* Every fallible access above resumes here after a fault. */
.Lonce_fault:
	li.w	$a0, VMIO_EFAULT
	ret
