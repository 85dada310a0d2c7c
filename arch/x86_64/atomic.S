/*
 * The fallible 64-bit compare-exchange and the futex operations on a
 * 32-bit word.  Each touches the word only through its marked atomic
 * instructions: one lock cmpxchgq; one xchgl (SET) or lock xaddl (ADD);
 * for OR, ANDN and XOR, as Linux's futex ops, one plain load and a lock
 * cmpxchgl loop that retries while another agent changed the word.
 *
 *   int vmio_arch_cmpxchg_u64_fallible(uint64_t *p, uint64_t expected,
 *                                      uint64_t desired, uint64_t *old)
 *       rdi p, rsi expected, rdx desired, rcx old; rax the value found
 *   int vmio_arch_fetch_OP_u32_fallible(uint32_t *p, uint32_t arg,
 *                                       uint32_t *old)
 *       rdi p, esi arg, rdx old; eax the value found, ecx the new value
 *
 * Each returns 0 in eax with the value found stored to *old, or
 * VMIO_EFAULT (-14) after a fault with *old untouched.  A lock cmpxchg
 * writes even when the comparison fails, so every one of them faults on a
 * read-only page, before anything is stored.
 */
#include "asm.h"

#define VMIO_EFAULT (-14)

	.text

FUNC(vmio_arch_cmpxchg_u64_fallible)
	movq	%rsi, %rax
	USER_ACCESS_BEGIN
1:	lock cmpxchgq %rdx, (%rdi)
	USER_ACCESS_END
	movq	%rax, (%rcx)
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_cmpxchg_u64_fallible)
	VMIO_EX(1b, .Latomic_fault)

/* SET: *p = arg, one xchgl (locked by itself). */
FUNC(vmio_arch_fetch_set_u32_fallible)
	USER_ACCESS_BEGIN
1:	xchgl	%esi, (%rdi)
	USER_ACCESS_END
	movl	%esi, (%rdx)
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_fetch_set_u32_fallible)
	VMIO_EX(1b, .Latomic_fault)

/* ADD: *p += arg, one lock xaddl. */
FUNC(vmio_arch_fetch_add_u32_fallible)
	USER_ACCESS_BEGIN
1:	lock xaddl %esi, (%rdi)
	USER_ACCESS_END
	movl	%esi, (%rdx)
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_fetch_add_u32_fallible)
	VMIO_EX(1b, .Latomic_fault)

/* FETCH_LOOP name, op[, setup]: *p = *p op arg by a lock cmpxchgl loop. */
.macro FETCH_LOOP name, op, setup
FUNC(vmio_arch_fetch_\name\()_u32_fallible)
	\setup
	USER_ACCESS_BEGIN
1:	movl	(%rdi), %eax
2:	movl	%eax, %ecx
	\op	%esi, %ecx
3:	lock cmpxchgl %ecx, (%rdi)
	jnz	2b			/* changed meanwhile: eax holds the new value */
	USER_ACCESS_END
	movl	%eax, (%rdx)
	xorl	%eax, %eax
	ret
ENDFUNC(vmio_arch_fetch_\name\()_u32_fallible)
	VMIO_EX(1b, .Latomic_fault)
	VMIO_EX(3b, .Latomic_fault)
.endm

FETCH_LOOP or, orl
FETCH_LOOP andn, andl, "notl %esi"
FETCH_LOOP xor, xorl

/* Every access above resumes here after a fault. */
.Latomic_fault:
	USER_ACCESS_END
	movl	$VMIO_EFAULT, %eax
	ret

	.section .note.GNU-stack, "", @progbits
