/*
 * uintptr_t vmio_arch_mask_user_ptr(uintptr_t p, uintptr_t start, uintptr_t last)
 *
 * p when start <= p <= last, else 0, with no conditional branch: a
 * mispredicted range check cannot steer a speculative access (Spectre v1).
 * rdi p, rsi start, rdx last; rax result, rcx the mask.
 */
#include "asm.h"

	.text
FUNC(vmio_arch_mask_user_ptr)
	mov	%rdi, %rax
	sub	%rsi, %rdi	/* p - start: huge when p < start */
	sub	%rsi, %rdx	/* last - start */
	cmp	%rdi, %rdx	/* CF = last - start < p - start: outside */
	sbb	%rcx, %rcx	/* all ones when outside, else 0 */
	not	%rcx		/* all ones when inside */
	and	%rcx, %rax
	ret
ENDFUNC(vmio_arch_mask_user_ptr)
	.section .note.GNU-stack, "", @progbits
