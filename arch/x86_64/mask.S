/*
 * uintptr_t vmio_arch_mask_user_ptr(uintptr_t p, uintptr_t start, uintptr_t end)
 *
 * p when start <= p < end, else 0, with no conditional branch: a
 * mispredicted range check cannot steer a speculative access (Spectre v1).
 * rdi p, rsi start, rdx end; rax result, rcx the mask.
 */
#include "asm.h"

	.text
FUNC(vmio_arch_mask_user_ptr)
	mov	%rdi, %rax
	sub	%rsi, %rdi	/* p - start: huge when p < start */
	sub	%rsi, %rdx	/* end - start */
	cmp	%rdx, %rdi	/* CF = p - start < end - start */
	sbb	%rcx, %rcx	/* all ones when inside, else 0 */
	and	%rcx, %rax
	ret
ENDFUNC(vmio_arch_mask_user_ptr)
	.section .note.GNU-stack, "", @progbits
